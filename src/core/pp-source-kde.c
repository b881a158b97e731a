/* pp-source-kde.c: KDE's kioslaverc [Proxy Settings]
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-kde.h"
#include "pp-log.h"
#include "pp-source-reader.h"

#include <string.h>

#define GROUP "Proxy Settings"

static const struct {
  const char *key;
  const char *for_what;
} proxy_keys[] = {
  { "httpProxy", "http URLs" },
  { "httpsProxy", "https URLs" },
  { "ftpProxy", "ftp URLs" },
  { "socksProxy", "every URL (SOCKS)" },
};

/* KDE writes "http://host 8080": the port after a space. */
static char *
kde_proxy_url (const char *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  char *space = strrchr (copy, ' ');

  if (space == NULL)
    return g_steal_pointer (&copy);
  *space = '\0';

  return g_strdup_printf ("%s:%s", g_strchomp (copy), space + 1);
}

static void
read_manual (const char *path,
             GKeyFile   *file,
             GPtrArray  *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (proxy_keys); i++)
    {
      g_autofree char *value = g_key_file_get_string (file, GROUP, proxy_keys[i].key, NULL);
      g_autofree char *url = NULL;
      g_autofree char *provenance = NULL;
      g_autofree char *meaning = NULL;

      if (value == NULL || *g_strstrip (value) == '\0')
        continue;
      url = kde_proxy_url (value);
      provenance = g_strdup_printf ("%s [" GROUP "] %s", path, proxy_keys[i].key);
      meaning = g_strdup_printf ("manual proxy %s for %s", url, proxy_keys[i].for_what);
      pp_source_add (out, "kde", provenance, value, meaning,
                     i == 0 ? url : NULL, NULL);
    }
}

/* ProxyType=4: each key holds the NAME of a variable, and KDE applications
 * take the proxy from that variable in their own environment. */
static void
read_variables (const PpSourcesOptions *options,
                const char             *path,
                GKeyFile               *file,
                GPtrArray              *out)
{
  g_auto(GStrv) envp = options->environment ? g_strdupv ((char **) options->environment)
                                            : g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (proxy_keys); i++)
    {
      g_autofree char *name = g_key_file_get_string (file, GROUP, proxy_keys[i].key, NULL);
      g_autofree char *provenance = NULL;
      g_autofree char *meaning = NULL;
      g_autofree char *warning = NULL;
      const char *value;

      if (name == NULL || *g_strstrip (name) == '\0')
        continue;
      value = g_environ_getenv (envp, name);
      provenance = g_strdup_printf ("%s [" GROUP "] %s (ProxyType=4)", path, proxy_keys[i].key);
      meaning = g_strdup_printf ("proxy for %s taken from the variable %s", proxy_keys[i].for_what, name);
      if (strpbrk (name, ":/ ") != NULL)
        warning = g_strdup_printf ("With ProxyType=4 %s names a variable, but '%s' looks like a proxy: "
                                   "KDE finds no such variable and connects directly; "
                                   "use ProxyType=1 or put a variable name here",
                                   proxy_keys[i].key, name);
      else
        warning = g_strdup_printf ("%s is the name of a variable, not a proxy (ProxyType=4): "
                                   "KDE applications use %s from their own environment, which here is %s",
                                   proxy_keys[i].key, name, value ? value : "not set");
      pp_source_add (out, "kde", provenance, name, meaning, NULL, warning);
    }
}

static void
read_type (const PpSourcesOptions *options,
           const char             *path,
           GKeyFile               *file,
           int                     type,
           GPtrArray              *out)
{
  g_autofree char *provenance = g_strdup_printf ("%s [" GROUP "] ProxyType", path);
  g_autofree char *script = g_key_file_get_string (file, GROUP, "Proxy Config Script", NULL);
  g_autofree char *value = g_strdup_printf ("%d", type);
  g_autofree char *meaning = NULL;

  switch (type)
    {
    case 0:
      pp_source_add (out, "kde", provenance, value, "no proxy: KDE applications connect directly", NULL, NULL);
      break;
    case 1:
      pp_source_add (out, "kde", provenance, value, "manual proxies, per URL scheme", NULL, NULL);
      read_manual (path, file, out);
      break;
    case 2:
      g_free (provenance);
      provenance = g_strdup_printf ("%s [" GROUP "] ProxyType, Proxy Config Script", path);
      meaning = g_strdup_printf ("PAC from %s", script ? script : "(no Proxy Config Script set)");
      pp_source_add (out, "kde", provenance, script, meaning, NULL,
                     script && *script ? NULL : "ProxyType=2 without a Proxy Config Script: "
                                               "KDE has no PAC file to use; set the PAC URL");
      break;
    case 3:
      pp_source_add (out, "kde", provenance, value, "PAC file found by WPAD", NULL, NULL);
      break;
    case 4:
      pp_source_add (out, "kde", provenance, value, "proxies taken from environment variables", NULL, NULL);
      read_variables (options, path, file, out);
      break;
    default:
      pp_source_add (out, "kde", provenance, value, "an unknown proxy type", NULL,
                     "ProxyType must be 0 to 4: KDE treats other values as no proxy");
    }
}

void
pp_source_read_kde (const PpSourcesOptions *options,
                    GPtrArray              *out)
{
  g_autofree char *dir = options->config_dir ? g_strdup (options->config_dir)
                                             : g_strdup (g_get_user_config_dir ());
  g_autofree char *relative = g_build_filename (dir, "kioslaverc", NULL);
  g_autofree char *path = pp_source_path (options, relative);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      pp_debug ("%s: not found", path);
      return;
    }

  if (!pp_file_load_key_file (file, path, &error))
    {
      g_autofree char *warning = g_strdup_printf ("%s cannot be read: %s", path, error->message);

      pp_source_add (out, "kde", path, "", "KDE proxy settings that cannot be read", NULL, warning);
      return;
    }
  if (!g_key_file_has_group (file, GROUP))
    return;

  read_type (options, path, file, g_key_file_get_integer (file, GROUP, "ProxyType", NULL), out);
}
