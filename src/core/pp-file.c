/* pp-file.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define CHUNK_SIZE 16384

static void
set_errno_error (GError     **error,
                 int          saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
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
          g_autofree char *size = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "the file is larger than %s", size);
          return FALSE;
        }
    }
}

/**
 * pp_file_read_bounded:
 * @length: (out) (optional): the number of bytes read
 *
 * Reads a local file of at most @max_size bytes: a wrong path (a disk
 * image, /dev/zero) must not exhaust memory. The result is NUL-terminated.
 * Errors are G_IO_ERROR codes from errno; a larger file is
 * G_IO_ERROR_MESSAGE_TOO_LARGE.
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
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean read_ok;

  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }

  read_ok = read_fd_bounded (fd, max_size, buffer, error);
  g_close (fd, NULL);
  if (!read_ok)
    return NULL;

  if (length != NULL)
    *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}
