/* pp-system-info.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <json-glib/json-glib.h>

#include <curl/curl.h>
#include <locale.h>
#include <sys/utsname.h>
#include <zip.h>

#include "pp-system-info.h"

static void
add_line (GString    *out,
          const char *name,
          const char *value)
{
  g_string_append_printf (out, "%s: %s\n", name, value && *value ? value : "(unknown)");
}

static void
add_os (GString *out)
{
  g_autofree char *pretty = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  struct utsname uts;

  add_line (out, "OS release", pretty);
  if (uname (&uts) == 0)
    {
      g_autofree char *kernel = g_strdup_printf ("%s %s %s (%s)", uts.sysname, uts.release,
                                                 uts.machine, uts.version);
      add_line (out, "Kernel", kernel);
    }
}

/* Which desktop decides what the default proxy is: GNOME, KDE, none. */
static void
add_desktop (GString *out)
{
  const char *desktop = g_getenv ("XDG_CURRENT_DESKTOP");
  const char *session = g_getenv ("XDG_SESSION_TYPE");
  g_autofree char *text = g_strdup_printf ("%s (session %s)", desktop ? desktop : "none",
                                           session ? session : "none");

  add_line (out, "Desktop", text);
}

static void
add_libraries (GString *out)
{
  const curl_version_info_data *curl = curl_version_info (CURLVERSION_NOW);
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  g_autofree char *json = g_strdup_printf ("%d.%d.%d", JSON_MAJOR_VERSION, JSON_MINOR_VERSION,
                                           JSON_MICRO_VERSION);

  add_line (out, "libcurl", curl->version);
  add_line (out, "TLS library", curl->ssl_version);
  add_line (out, "GLib", glib);
  add_line (out, "json-glib (build)", json);
  add_line (out, "libzip", zip_libzip_version ());
}

/* The agent's own view beside ours (NULL: still being asked), and the
 * resolver configuration the DNS outcomes depend on (prepared by the
 * window's detection; read here on first use by the CLI). */
static void
add_agent_and_dns (GString           *out,
                   PpConfig          *config,
                   const PpAgentView *agent_view)
{
  g_autofree char *agent = pp_agent_view_format_text (agent_view);

  g_string_append_printf (out, "\n%s", agent);
  g_string_append_printf (out, "\nResolver configuration:\n%s", pp_config_get_dns_config (config));
}

static char *
format (PpConfig  *config,
        GPtrArray *extra,
        gboolean   wait_for_agent)
{
  GString *out = g_string_new (NULL);
  const char *resolver_env = g_getenv ("GIO_USE_PROXY_RESOLVER");
  g_autofree char *resolver = NULL;

  g_return_val_if_fail (config == NULL || PP_IS_CONFIG (config), NULL);

  if (config != NULL)
    resolver = g_strdup_printf ("%s%s%s%s", pp_config_get_resolver_name (config),
                                resolver_env ? " (GIO_USE_PROXY_RESOLVER=" : "",
                                resolver_env ? resolver_env : "", resolver_env ? ")" : "");
  add_line (out, "Application", "Proxy Probe " PACKAGE_VERSION);
  add_libraries (out);
  for (guint i = 0; extra && i + 1 < extra->len; i += 2)
    add_line (out, g_ptr_array_index (extra, i), g_ptr_array_index (extra, i + 1));
  add_os (out);
  add_desktop (out);
  if (resolver != NULL)
    add_line (out, "Resolver backend", resolver);
  add_line (out, "Locale", setlocale (LC_MESSAGES, NULL));
  if (config != NULL)
    add_agent_and_dns (out, config, wait_for_agent ? pp_config_get_agent_view (config)
                                                   : pp_config_peek_agent_view (config));

  return g_string_free (out, FALSE);
}

/* For system.txt: waits for the agent's view (up to its bound, unless
 * pp_config_collect_agent_view_async() asked it already). */
char *
pp_system_info_format (PpConfig  *config,
                       GPtrArray *extra)
{
  return format (config, extra, TRUE);
}

/* The same without waiting: while the agent is asked, it says so. For
 * the window's main loop (About's troubleshooting text). */
char *
pp_system_info_format_so_far (PpConfig  *config,
                              GPtrArray *extra)
{
  return format (config, extra, FALSE);
}
