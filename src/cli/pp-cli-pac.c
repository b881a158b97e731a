/* pp-cli-pac.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-pac.h"
#include "pp-pac.h"
#include "pp-profile.h"
#include "pp-source.h"
#include "pp-wpad.h"

void
pp_cli_pac_clear (PpCliPac *pac)
{
  g_clear_pointer (&pac->script, g_free);
  g_clear_pointer (&pac->source, g_free);
  g_clear_pointer (&pac->problem, g_free);
  g_clear_pointer (&pac->not_found, g_free);
  g_clear_pointer (&pac->log, g_free);
  g_clear_pointer (&pac->sources, g_ptr_array_unref);
}

/* A script from the network that does not even load (a syntax error, an
 * endless loop at the top level) is a finding about the network like a
 * failed fetch: every wpad probe fails with the reason and the other
 * methods still run. Only --pac-file, which the technician chose, is bad
 * input. The trial costs one helper start (a few ms for a sane script);
 * PpConfig loads the script again in a helper of its own. */
static void
check_network_script (PpCliPac *pac)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;

  if (pac->script == NULL || pp_pac_runner_load (runner, pac->script, &error))
    return;

  pac->problem = g_strdup_printf ("%s: the PAC script does not load: %s", pac->source,
                                  error->message);
  g_clear_pointer (&pac->script, g_free);
}

/* Fetch warnings (an odd MIME type, say) go into the log that --show-config
 * and the JSON report show; they are not reasons to fail. */
static char *
format_fetch_log (const char *url,
                  GPtrArray  *warnings,
                  const char *outcome,
                  gint64      elapsed_us)
{
  GString *log = g_string_new (NULL);

  g_string_append_printf (log, " 1. fetch %s: %s (%" G_GINT64_FORMAT " ms)\n", url, outcome,
                          elapsed_us / 1000);
  for (guint i = 0; warnings && i < warnings->len; i++)
    g_string_append_printf (log, "  warning: %s\n", (char *) g_ptr_array_index (warnings, i));

  return g_string_free (log, FALSE);
}

/* A URL that cannot be fetched is a finding about the network, not bad
 * input: every wpad probe then fails with the reason. */
static gboolean
fetch_pac_url (PpCliOptions  *o,
               PpCliPac      *pac,
               GError       **error)
{
  PpWpadOptions options = { .sysroot = o->sysroot };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *redacted = NULL;
  gint64 start;

  if (!pp_url_validate (o->pac_url, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--pac-url: %s",
                   local_error->message);
      return FALSE;
    }

  redacted = pp_redact_url (o->pac_url);
  pac->source = g_strdup_printf ("--pac-url %s", redacted);
  start = g_get_monotonic_time ();
  if (!pp_wpad_fetch_pac (o->pac_url, &options, &pac->script, &warnings, &local_error))
    pac->problem = g_strdup_printf ("%s: %s", pac->source, local_error->message);
  pac->log = format_fetch_log (redacted, warnings, pac->problem ? "failed" : "ok",
                                g_get_monotonic_time () - start);
  check_network_script (pac);

  return TRUE;
}

static void
collect_dhcp_urls (GPtrArray *sources,
                   GArray    *urls)
{
  for (guint i = 0; sources && i < sources->len; i++)
    {
      PpSource *source = g_ptr_array_index (sources, i);
      PpWpadDhcpUrl url = { pp_source_get_value (source), -1, pp_source_get_provenance (source) };

      if (g_str_equal (pp_source_get_family (source), "dhcp") && url.url != NULL)
        g_array_append_val (urls, url);
    }
}

static void
append_log (PpCliPac     *pac,
            PpWpadResult *result)
{
  g_autofree char *steps = pp_wpad_format_log (result->log);
  GString *log = g_string_new (steps);

  for (guint i = 0; result->warnings && i < result->warnings->len; i++)
    g_string_append_printf (log, "  warning: %s\n", (char *) g_ptr_array_index (result->warnings, i));
  pac->log = g_string_free (log, FALSE);
}

static void
discover (PpCliOptions *o,
          PpCliPac     *pac)
{
  PpSourcesOptions sources_options = { .sysroot = o->sysroot };
  g_autoptr(GArray) urls = g_array_new (FALSE, FALSE, sizeof (PpWpadDhcpUrl));
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PpWpadOptions options = { .sysroot = o->sysroot };

  pac->sources = pp_sources_detect (&sources_options);
  collect_dhcp_urls (pac->sources, urls);
  options.dhcp_urls = (const PpWpadDhcpUrl *) (gpointer) urls->data;
  options.n_dhcp_urls = urls->len;

  if (!pp_wpad_discover (&options, &result, &error))
    {
      if (g_error_matches (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND))
        pac->not_found = g_strdup (error->message);
      else
        pac->problem = g_strdup_printf ("WPAD: %s", error->message);
    }
  else
    {
      pac->script = g_strdup (result->script);
      pac->source = g_strdup_printf ("WPAD: %s (%s)", result->pac_url, result->provenance);
      check_network_script (pac);
    }

  if (result != NULL)
    append_log (pac, result);
}

/* --pac-file and --pac-url win over discovery, the way an administrator's
 * setting for one agent wins over the network's. Returns FALSE only for
 * bad input. */
gboolean
pp_cli_pac_prepare (PpCliOptions  *o,
                    gboolean       discover_wpad,
                    PpCliPac      *pac,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (o->pac_file != NULL)
    {
      if (!pp_wpad_load_pac_file (o->pac_file, &pac->script, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--pac-file: %s",
                       local_error->message);
          return FALSE;
        }
      pac->source = g_strdup_printf ("--pac-file %s", o->pac_file);
      return TRUE;
    }
  if (o->pac_url != NULL)
    return fetch_pac_url (o, pac, error);
  if (discover_wpad)
    discover (o, pac);

  return TRUE;
}
