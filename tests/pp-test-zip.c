/* pp-test-zip.c: a zip's entries, read with libzip directly
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <zip.h>

#include "pp-test-zip.h"

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
