/* pp-fuzz-replay.c: runs fuzz targets over their committed corpus in the
 * normal build (any compiler, no libFuzzer)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every seed, and every input that once crashed a target, stays in
 * tests/fuzz/corpus/TARGET: replaying them in the ordinary test suite keeps
 * each fixed crash fixed in a gcc build too. Usage: fuzz-replay-TARGET
 * DIR|FILE...; prints TAP, one line per input.
 */
#include "pp-fuzz.h"

#include <stdio.h>

static guint n_run;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);

  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  printf ("ok %u - %s\n", ++n_run, path);
  fflush (stdout);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  if ((dir = g_dir_open (path, 0, &error)) == NULL)
    g_error ("%s", error->message);
  names = g_ptr_array_new_with_free_func (g_free);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* A stable order, so that a failure names the same input every time. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_file (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    replay (argv[i]);
  printf ("1..%u\n", n_run);

  return 0;
}
