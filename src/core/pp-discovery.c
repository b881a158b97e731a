/* pp-discovery.c: where the wpad method's PAC script comes from
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-discovery.h"
#include "pp-log.h"
#include "pp-pac.h"
#include "pp-proxy-spec.h"
#include "pp-redact.h"
#include "pp-source.h"
#include "pp-sources-detect.h"
#include "pp-wpad.h"

void
pp_discovery_clear (PpDiscovery *self)
{
  g_clear_pointer (&self->script, g_free);
  g_clear_object (&self->pac_runner);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->not_found, g_free);
  g_clear_pointer (&self->log, g_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
}

/* A script from the network that does not even load (a syntax error, an
 * endless loop at the top level) is a finding about the network like a
 * failed fetch: every wpad probe fails with the reason and the other
 * methods still run. The runner that loaded it goes on to PpConfig, so
 * that the script is loaded once per run. */
static void
check_network_script (PpDiscovery *self)
{
  g_autoptr(PpPacRunner) runner = NULL;
  g_autoptr(GError) error = NULL;

  if (self->script == NULL)
    return;

  runner = pp_pac_runner_new ();
  if (pp_pac_runner_load (runner, self->script, &error))
    {
      g_set_object (&self->pac_runner, runner);
      return;
    }

  self->problem = g_strdup_printf ("%s: the PAC script does not load: %s", self->source,
                                   error->message);
  g_clear_pointer (&self->script, g_free);
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

/* An administrator's PAC URL (already validated as an http(s) URL). One
 * that cannot be fetched is a finding about the network, not bad input:
 * every wpad probe then fails with the reason. */
void
pp_discovery_fetch_url (PpDiscovery *self,
                        const char  *url,
                        const char  *sysroot)
{
  PpWpadOptions options = { .sysroot = sysroot };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *redacted = pp_redact (url);
  gint64 start;

  g_return_if_fail (self != NULL && url != NULL);

  self->source = g_strdup_printf ("--pac-url %s", redacted);
  start = g_get_monotonic_time ();
  if (!pp_wpad_fetch_pac (url, &options, &self->script, &warnings, &error))
    self->problem = g_strdup_printf ("%s: %s", self->source, error->message);
  self->log = format_fetch_log (redacted, warnings, self->problem ? "failed" : "ok",
                                g_get_monotonic_time () - start);
  pp_debug ("fetching the PAC script from --pac-url %s: %s", redacted,
            self->problem ? self->problem : "ok");
  check_network_script (self);
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

static char *
format_discovery_log (PpWpadResult *result)
{
  g_autofree char *steps = pp_wpad_format_log (result->log);
  GString *log = g_string_new (steps);

  for (guint i = 0; result->warnings && i < result->warnings->len; i++)
    g_string_append_printf (log, "  warning: %s\n", (char *) g_ptr_array_index (result->warnings, i));

  return g_string_free (log, FALSE);
}

/* Reads every source, then runs WPAD discovery with the DHCP URLs they
 * carry (option 252 comes before DNS). */
void
pp_discovery_find_wpad (PpDiscovery  *self,
                        const char   *sysroot,
                        GCancellable *cancellable)
{
  PpSourcesOptions sources_options = { .sysroot = sysroot };
  g_autoptr(GArray) urls = g_array_new (FALSE, FALSE, sizeof (PpWpadDhcpUrl));
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PpWpadOptions options = { .sysroot = sysroot, .cancellable = cancellable };

  g_return_if_fail (self != NULL);

  self->sources = pp_sources_detect (&sources_options);
  collect_dhcp_urls (self->sources, urls);
  pp_debug ("WPAD discovery: %u URL%s from DHCP leases, then DNS", urls->len,
            urls->len == 1 ? "" : "s");
  options.dhcp_urls = (const PpWpadDhcpUrl *) (gpointer) urls->data;
  options.n_dhcp_urls = urls->len;

  if (pp_wpad_discover (&options, &result, &error))
    {
      self->script = g_strdup (result->script);
      self->source = g_strdup_printf ("WPAD: %s (%s)", result->pac_url, result->provenance);
      check_network_script (self);
    }
  else if (g_error_matches (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND))
    self->not_found = g_strdup (error->message);
  else
    self->problem = g_strdup_printf ("WPAD: %s", error->message);

  if (result != NULL)
    self->log = format_discovery_log (result);
}
