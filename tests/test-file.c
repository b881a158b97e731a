/* test-file.c: pp-file, small local files read with a bound
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pp-file.h"

/* Profiles, URL lists and the agent's file are read with a bound, also
 * from a device that never ends, and say which error it was. */
static void
test_file_read_bounded (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pp-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "four", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "four", 4, NULL));
  contents = pp_file_read_bounded (path, 4, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 4);
  g_assert_cmpstr (contents, ==, "four");
  g_clear_pointer (&contents, g_free);

  contents = pp_file_read_bounded (path, 3, &length, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the file is larger than 3 bytes");
  g_assert_null (contents);
  g_clear_error (&error);

  /* Not read at all: it is no regular file (test-inputs has the rest). */
  contents = pp_file_read_bounded ("/dev/zero", 100000, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  contents = pp_file_read_bounded (missing, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  contents = pp_file_read_bounded (dir, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_null (contents);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/read-bounded", test_file_read_bounded);

  return g_test_run ();
}
