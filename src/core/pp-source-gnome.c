/* pp-source-gnome.c: org.gnome.system.proxy, as GLib's GNOME resolver reads it
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-gnome.h"
#include "pp-log.h"
#include "pp-source-reader.h"
#include "pp-redact.h"

#define GNOME_SCHEMA "org.gnome.system.proxy"

static GSettings *
open_settings (const PpSourcesOptions *options)
{
  GSettingsSchemaSource *schemas = options->schema_source ? options->schema_source
                                                          : g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new () aborts on a missing schema; a machine without
   * gsettings-desktop-schemas simply has no GNOME proxy settings. */
  if (schemas == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (schemas, GNOME_SCHEMA, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, options->settings_backend, NULL);
}

static GSettings *
open_child (const PpSourcesOptions *options,
            const char             *name)
{
  GSettingsSchemaSource *schemas = options->schema_source ? options->schema_source
                                                          : g_settings_schema_source_get_default ();
  g_autofree char *id = g_strconcat (GNOME_SCHEMA ".", name, NULL);
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (schemas, id, TRUE);

  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, options->settings_backend, NULL);
}

/* libproxy 0.4 evaluates PAC only through a pacrunner plugin; without one
 * it answers direct:// and GLib passes that on without a word. */
static gboolean
has_pac_runner_in (const char *lib_dir)
{
  g_autofree char *libproxy = g_build_filename (lib_dir, "libproxy", NULL);
  g_autoptr(GDir) versions = g_dir_open (libproxy, 0, NULL);
  const char *version;

  while (versions && (version = g_dir_read_name (versions)))
    {
      g_autofree char *modules = g_build_filename (libproxy, version, "modules", NULL);
      g_autoptr(GDir) dir = g_dir_open (modules, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        if (g_str_has_prefix (name, "pacrunner_") && g_str_has_suffix (name, ".so"))
          return TRUE;
    }

  return FALSE;
}

static gboolean
has_pac_runner (const PpSourcesOptions *options)
{
  g_autofree char *usr_lib = pp_source_path (options, "usr/lib");
  g_autofree char *usr_lib64 = pp_source_path (options, "usr/lib64");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (has_pac_runner_in (usr_lib) || has_pac_runner_in (usr_lib64))
    return TRUE;

  /* Debian installs it under the multiarch triplet. */
  dir = g_dir_open (usr_lib, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *sub = g_build_filename (usr_lib, name, NULL);

      if (has_pac_runner_in (sub))
        return TRUE;
    }

  return FALSE;
}

static void
read_mode (const PpSourcesOptions *options,
           GSettings              *settings,
           const char             *mode,
           GPtrArray              *out)
{
  g_autofree char *pac = g_settings_get_string (settings, "autoconfig-url");
  g_autofree char *meaning = NULL;
  g_autofree char *provenance = g_strdup (GNOME_SCHEMA " mode");
  const char *warning = NULL;

  if (g_str_equal (mode, "none"))
    meaning = g_strdup ("no proxy: GNOME applications connect directly");
  else if (g_str_equal (mode, "manual"))
    meaning = g_strdup ("manual proxies, per URL scheme (below)");
  else if (*pac == '\0')
    meaning = g_strdup ("PAC file found by WPAD (autoconfig-url is empty)");
  else
    {
      g_free (provenance);
      provenance = g_strdup (GNOME_SCHEMA " mode, autoconfig-url");
      meaning = g_strdup_printf ("PAC from %s", pac);
    }

  if (g_str_equal (mode, "auto") && !has_pac_runner (options))
    warning = "Mode is auto but no libproxy PAC runner plugin is installed "
              "(e.g. /usr/lib/x86_64-linux-gnu/libproxy/*/modules/pacrunner_webkit.so): "
              "GLib silently answers DIRECT; install libproxy1-plugin-webkit";

  pp_source_add (out, "gnome", provenance, g_str_equal (mode, "auto") && *pac ? pac : mode,
                 meaning, NULL, warning);
}

static void
read_protocol (const PpSourcesOptions *options,
               const char             *name,
               const char             *for_what,
               GPtrArray              *out)
{
  g_autoptr(GSettings) settings = open_child (options, name);
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *meaning = NULL;
  const char *scheme = g_str_equal (name, "socks") ? "socks5" : "http";

  if (settings == NULL)
    return;
  host = g_settings_get_string (settings, "host");
  if (*host == '\0')
    return;

  url = g_strdup_printf ("%s://%s:%d", scheme, host, g_settings_get_int (settings, "port"));
  provenance = g_strdup_printf (GNOME_SCHEMA ".%s host, port", name);
  meaning = g_strdup_printf ("manual proxy %s for %s", url, for_what);
  pp_source_add (out, "gnome", provenance, url, meaning,
                 g_str_equal (name, "http") ? url : NULL, NULL);
}

static void
read_authentication (const PpSourcesOptions *options,
                     GPtrArray              *out)
{
  g_autoptr(GSettings) http = open_child (options, "http");
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *meaning = NULL;

  if (http == NULL || !g_settings_get_boolean (http, "use-authentication"))
    return;

  user = g_settings_get_string (http, "authentication-user");
  password = g_settings_get_string (http, "authentication-password");
  pp_redact_add_credentials (user, password);
  meaning = g_strdup_printf ("the http proxy is sent the user name '%s' and a password", user);
  /* The password itself never leaves this function. */
  pp_source_add (out, "gnome",
                 GNOME_SCHEMA ".http use-authentication, authentication-user, authentication-password",
                 *password ? "***" : "", meaning, NULL,
                 "The proxy password is stored in plain text in the user's dconf database: "
                 "anyone who can read the home directory can read it");
}

static void
read_manual (const PpSourcesOptions *options,
             GSettings              *settings,
             GPtrArray              *out)
{
  g_auto(GStrv) ignore = g_settings_get_strv (settings, "ignore-hosts");
  g_autofree char *joined = g_strjoinv (", ", ignore);
  g_autofree char *meaning = NULL;
  guint before = out->len;

  read_protocol (options, "http", "http URLs (and https URLs when no https proxy is set)", out);
  read_protocol (options, "https", "https URLs", out);
  read_protocol (options, "ftp", "ftp URLs", out);
  read_protocol (options, "socks", "every URL without a proxy of its own", out);
  read_authentication (options, out);

  if (out->len == before)
    pp_source_add (out, "gnome", GNOME_SCHEMA ".http host", "",
                   "manual mode without any proxy host", NULL,
                   "Mode is manual but no proxy host is set: GLib answers DIRECT; "
                   "set a host in Settings → Network → Proxy or set mode to none");

  meaning = g_strdup_printf ("no proxy for: %s", joined);
  if (ignore[0] != NULL)
    pp_source_add (out, "gnome", GNOME_SCHEMA " ignore-hosts", joined, meaning, NULL, NULL);
}

void
pp_source_read_gnome (const PpSourcesOptions *options,
                      GPtrArray              *out)
{
  g_autoptr(GSettings) settings = open_settings (options);
  g_autofree char *mode = NULL;

  if (settings == NULL)
    {
      pp_debug ("the GSettings schema %s is not installed", GNOME_SCHEMA);
      return;
    }

  mode = g_settings_get_string (settings, "mode");
  read_mode (options, settings, mode, out);
  if (g_str_equal (mode, "manual"))
    read_manual (options, settings, out);
}
