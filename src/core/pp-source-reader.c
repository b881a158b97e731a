/* pp-source-reader.c: what every reader (pp-source-*.c) needs
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-source-reader.h"
#include "pp-redact.h"

/* A file under the sysroot. */
char *
pp_source_path (const PpSourcesOptions *options,
                const char             *path)
{
  return g_build_filename (options->sysroot ? options->sysroot : "/", path, NULL);
}

/* Adds a source with at most one warning. */
void
pp_source_add (GPtrArray  *out,
               const char *family,
               const char *provenance,
               const char *value,
               const char *meaning,
               const char *proxy,
               const char *warning)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();

  if (warning != NULL)
    g_ptr_array_add (warnings, (char *) warning);
  g_ptr_array_add (out, pp_source_new (family, provenance, value, meaning, proxy, warnings));
}

/* A WPAD URL from DHCP is attacker-reachable input: servers often send a
 * trailing NUL, and a newline would forge lines in a report. Clients stop
 * at the first of either, so we do too, and say when that happened. */
char *
pp_source_check_wpad (const char *raw,
                      gsize       len,
                      GPtrArray  *warnings)
{
  gsize cut = 0;
  g_autofree char *url = NULL;
  const char *scheme;

  while (cut < len && raw[cut] != '\0' && raw[cut] != '\n' && raw[cut] != '\r')
    cut++;
  url = g_strndup (raw, cut);
  if (cut < len && !(cut == len - 1 && raw[cut] == '\0'))
    g_ptr_array_add (warnings,
                     g_strdup_printf ("The WPAD URL contains a NUL or line break after '%s': "
                                      "clients stop there; fix the DHCP server's option 252",
                                      url));

  scheme = g_uri_peek_scheme (url);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("The WPAD URL '%s' is not an http or https URL: "
                                      "clients ignore it; fix the DHCP server's option 252",
                                      url));

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      g_autofree char *shown = pp_redact (url);

      g_debug ("WPAD URL from DHCP: %s%s", shown,
               warnings->len > 0 ? " (with warnings: see the source)" : "");
    }

  return g_steal_pointer (&url);
}
