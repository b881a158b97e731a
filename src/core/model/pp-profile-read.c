/* pp-profile-read.c: a profile's or URL list's file, read with a bound
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-profile-read.h"

#include <string.h>

#include "pp-file.h"
#include "pp-profile-schema.h"

#define MAX_FILE_SIZE (4 * 1024 * 1024)

/* Says what to do about a file that cannot be read, rather than only
 * what went wrong. */
static void
set_read_error (const char    *path,
                const char    *what,
                const GError  *read_error,
                GError       **error)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                 "%s: no such file; check the path of the %s", path, what);
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                 "%s: this is a directory; give the path of the %s itself", path, what);
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                 "%s: this is a device, pipe or socket, not a file; give the path of the "
                 "%s itself", path, what);
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                 "%s: permission denied; make the %s readable by this user", path, what);
  else
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                 "%s: cannot read the %s: %s", path, what, read_error->message);
}

/* Reads at most MAX_FILE_SIZE bytes: a profile or URL list is small, and
 * a wrong path (a disk image, /dev/zero) must not exhaust memory. The
 * result is NUL-terminated. */
char *
pp_profile_read_bounded (const char  *path,
                         const char  *what,
                         gsize       *length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = pp_file_read_bounded (path, MAX_FILE_SIZE, length, &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                   "%s: the file is larger than 4 MiB, far larger than any %s; "
                   "check that this is the right file", path, what);
      return NULL;
    }
  if (data == NULL)
    {
      set_read_error (path, what, local_error, error);
      return NULL;
    }

  /* Notepad saves UTF-8 with a byte order mark, which neither json-glib
   * nor the URL parser expects. */
  if (*length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *length -= 3;
      memmove (data, data + 3, *length + 1);
    }

  return g_steal_pointer (&data);
}
