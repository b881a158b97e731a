/* pp-file.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_SIZE 16384

static void
set_errno_error (GError     **error,
                 int          saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
}

static void
set_too_large_error (gsize    max_size,
                     GError **error)
{
  g_autofree char *size = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               "the file is larger than %s", size);
}

static gboolean
read_fd_bounded (int          fd,
                 gsize        max_size,
                 GByteArray  *buffer,
                 GError     **error)
{
  for (;;)
    {
      gsize before = buffer->len;
      gssize n_read;
      int saved_errno;

      g_byte_array_set_size (buffer, before + CHUNK_SIZE);
      n_read = read (fd, buffer->data + before, CHUNK_SIZE);
      saved_errno = errno;
      g_byte_array_set_size (buffer, before + MAX (n_read, 0));
      if (n_read < 0 && saved_errno == EINTR)
        continue;
      if (n_read < 0)
        {
          set_errno_error (error, saved_errno);
          return FALSE;
        }
      if (n_read == 0)
        return TRUE;
      if (buffer->len > max_size)
        {
          set_too_large_error (max_size, error);
          return FALSE;
        }
    }
}

/* One rule for every file we read: only a regular file. A FIFO or a
 * terminal would block the run until someone writes to it, and a device
 * such as /dev/zero never ends. */
static gboolean
check_regular (int          fd,
               gsize        max_size,
               GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           "it is a directory, not a file");
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           "it is a device, pipe or socket, not a file");
      return FALSE;
    }
  /* Said at once rather than after reading max_size bytes; the read
   * still stops at the bound, since the file may grow meanwhile. */
  if ((guint64) st.st_size > max_size)
    {
      set_too_large_error (max_size, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * pp_file_read_bounded:
 * @length: (out) (optional): the number of bytes read
 *
 * Reads a local regular file of at most @max_size bytes: a wrong path (a
 * disk image, /dev/zero, a FIFO) must neither exhaust memory nor hang.
 * The result is NUL-terminated. Errors are G_IO_ERROR codes from errno; a
 * folder is G_IO_ERROR_IS_DIRECTORY, a device, FIFO or socket
 * G_IO_ERROR_NOT_REGULAR_FILE, a larger file G_IO_ERROR_MESSAGE_TOO_LARGE.
 *
 * Plain POSIX rather than a GFile: a GFile asks GIO's VFS, which loads
 * GIO's modules first (gvfs and its D-Bus connection on a desktop; every
 * module, libproxy and the C++ runtime among them, where the module cache
 * is older than the modules) — megabytes and milliseconds to read a file
 * of a few kilobytes.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
char *
pp_file_read_bounded (const char  *path,
                      gsize        max_size,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  /* O_NONBLOCK: opening a FIFO without a writer would otherwise wait
   * forever, before fstat() could tell that it is not a file. */
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  gboolean read_ok;

  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }

  read_ok = check_regular (fd, max_size, error) &&
            read_fd_bounded (fd, max_size, buffer, error);
  g_close (fd, NULL);
  if (!read_ok)
    return NULL;

  if (length != NULL)
    *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}

/**
 * pp_file_load_key_file:
 *
 * g_key_file_load_from_file() reads any file to its end, a FIFO or
 * /dev/zero included; this reads it as pp_file_read_bounded() does.
 *
 * Returns: whether @key_file was loaded
 */
gboolean
pp_file_load_key_file (GKeyFile    *key_file,
                       const char  *path,
                       GError     **error)
{
  gsize length;
  g_autofree char *contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, &length, error);

  return contents != NULL &&
         g_key_file_load_from_data (key_file, contents, length, G_KEY_FILE_NONE, error);
}
