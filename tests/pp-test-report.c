/* pp-test-report.c: shared by the tests of the zip report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */

#include <string.h>
#include <zip.h>

#include "pp-test-report.h"

/* Every entry of the zip at @path, name -> GBytes (NUL-terminated), read
 * without the report library, so that its reader is not its own judge. */
GHashTable *
unpack (const char *path)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &code);

  g_assert_nonnull (archive);
  for (zip_int64_t i = 0; i < zip_get_num_entries (archive, 0); i++)
    {
      zip_stat_t st;
      zip_file_t *file;
      char *data;

      g_assert_cmpint (zip_stat_index (archive, i, 0, &st), ==, 0);
      data = g_malloc (st.size + 1);
      file = zip_fopen_index (archive, i, 0);
      g_assert_nonnull (file);
      g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
      data[st.size] = '\0';
      zip_fclose (file);
      g_hash_table_insert (files, g_strdup (st.name), g_bytes_new_take (data, st.size));
    }
  zip_discard (archive);

  return files;
}

/* @secret in no byte of any entry: names are reported, never contents. */
void
assert_nowhere (GHashTable *files,
                const char *secret)
{
  GHashTableIter iter;
  const char *name;
  GBytes *bytes;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &bytes))
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (memmem (data, size, secret, strlen (secret)) != NULL)
        g_error ("\"%s\" leaked into %s", secret, name);
    }
}

/* Defender for Endpoint's managed configuration under @sysroot. */
void
write_mdatp_file (const char *sysroot,
                  const char *proxy)
{
  g_autofree char *dir = g_build_filename (sysroot, "etc/opt/microsoft/mdatp/managed", NULL);
  g_autofree char *file = g_build_filename (dir, "mdatp_managed.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"cloudService\": {\"proxy\": \"%s\"}}", proxy);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, json, -1, NULL));
}
