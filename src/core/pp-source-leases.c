/* pp-source-leases.c: WPAD URLs (DHCP option 252) in lease files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-leases.h"
#include "pp-log.h"
#include "pp-source-reader.h"

#include <string.h>

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_wpad (const char *provenance,
          const char *raw,
          gsize       len,
          GPtrArray  *out)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = pp_source_check_wpad (raw, len, warnings);
  g_autofree char *meaning = g_strdup_printf ("PAC from %s (DHCP option 252; no Linux browser uses it)", url);

  g_ptr_array_add (out, pp_source_new ("dhcp", provenance, url, meaning, NULL, warnings));
}

/* networkd saves options 224-254 as hex bytes: "OPTION_252=687474…". */
static void
read_networkd (const char *path,
               GPtrArray  *out)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if ((contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, NULL, NULL)) == NULL)
    {
      pp_debug ("%s: not readable", path);
      return;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *hex = lines[i] + strlen ("OPTION_252=");
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autofree char *provenance = NULL;

      if (!g_str_has_prefix (lines[i], "OPTION_252="))
        continue;
      for (; g_ascii_isxdigit (hex[0]) && g_ascii_isxdigit (hex[1]); hex += 2)
        {
          guint8 byte = g_ascii_xdigit_value (hex[0]) * 16 + g_ascii_xdigit_value (hex[1]);
          g_byte_array_append (bytes, &byte, 1);
        }
      provenance = g_strdup_printf ("%s OPTION_252", path);
      add_wpad (provenance, (const char *) bytes->data, bytes->len, out);
    }
}

/* dhclient: 'option wpad "http://…";' (the name is whatever dhclient.conf
 * gave code 252); the last lease in the file is the current one. */
static void
read_dhclient (const char *path,
               GPtrArray  *out)
{
  g_autofree char *contents = NULL;
  g_autofree char *last = NULL;
  g_autofree char *provenance = NULL;
  g_auto(GStrv) lines = NULL;

  if ((contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, NULL, NULL)) == NULL)
    {
      pp_debug ("%s: not readable", path);
      return;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *open, *close;

      if (!g_str_has_prefix (line, "option wpad") ||
          (open = strchr (line, '"')) == NULL || (close = strrchr (line, '"')) == open)
        continue;
      *close = '\0';
      g_free (last);
      last = g_strdup (open + 1);
    }
  if (last == NULL)
    return;

  {
    /* g_strcompress () turns "\000" into a NUL, which the check then cuts at. */
    g_autofree char *value = g_strcompress (last);
    gboolean embedded = strstr (last, "\\000") && !g_str_has_suffix (last, "\\000");

    /* A longer length makes the check see, and report, the embedded NUL. */
    provenance = g_strdup_printf ("%s option wpad", path);
    add_wpad (provenance, value, strlen (value) + (embedded ? 2 : 0), out);
  }
}

static void
read_dir (const PpSourcesOptions *options,
          const char             *relative,
          gboolean                networkd,
          GPtrArray              *out)
{
  g_autofree char *dir_path = pp_source_path (options, relative);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (networkd || g_str_has_suffix (name, ".leases") || g_str_has_suffix (name, ".lease"))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      const char *path = *(const char **) &names->pdata[i];

      if (networkd)
        read_networkd (path, out);
      else
        read_dhclient (path, out);
    }
}

void
pp_source_read_leases (const PpSourcesOptions *options,
                       GPtrArray              *out)
{
  read_dir (options, "run/systemd/netif/leases", TRUE, out);
  read_dir (options, "var/lib/dhcp", FALSE, out);
  read_dir (options, "var/lib/dhclient", FALSE, out);
}
