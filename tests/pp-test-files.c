/* pp-test-files.c: a test's temporary files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pp-test-files.h"

/* A test's directory and all below it; symbolic links are removed, never
 * followed. */
void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The real agent cannot be installed here: a stand-in `mdatp` in @dir
 * runs @health_command for `mdatp health` and @connectivity_command for
 * `mdatp connectivity test` (shell). Returns a PATH with @dir first. */
char *
install_agent_standin (const char *dir,
                       const char *health_command,
                       const char *connectivity_command)
{
  g_autofree char *command = g_build_filename (dir, "mdatp", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "case \"$1\" in\n"
                                             "  health) %s ;;\n"
                                             "  connectivity) %s ;;\n"
                                             "esac\n", health_command, connectivity_command);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (command, script, -1, NULL));
  g_assert_cmpint (g_chmod (command, 0700), ==, 0);

  return g_strdup_printf ("%s:%s", dir, g_getenv ("PATH"));
}
