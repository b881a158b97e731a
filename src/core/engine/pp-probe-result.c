/* pp-probe-result.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-probe-result.h"

G_DEFINE_BOXED_TYPE (PpProbeResult, pp_probe_result, pp_probe_result_ref, pp_probe_result_unref)

static void
clear_attempt (gpointer data)
{
  PpAttempt *attempt = data;

  g_free (attempt->proxy);
}

void
pp_tls_summary_clear (PpTlsSummary *tls)
{
  g_clear_pointer (&tls->subject, g_free);
  g_clear_pointer (&tls->issuer, g_free);
  g_clear_pointer (&tls->root, g_free);
  g_clear_pointer (&tls->leaf_sha256, g_free);
  g_clear_pointer (&tls->chain, g_ptr_array_unref);
  tls->present = tls->verified = tls->inspected = FALSE;
}

static void
pp_probe_result_clear (PpProbeResult *self)
{
  g_clear_pointer (&self->endpoint, pp_endpoint_unref);
  g_free (self->curl_message);
  g_free (self->detail);
  g_free (self->method_note);
  g_strfreev (self->pac_lookups);
  g_free (self->remote_address);
  g_free (self->proxy);
  g_free (self->transparent_proxy);
  g_array_unref (self->attempts);
  g_free (self->final_url);
  g_clear_pointer (&self->requested_urls, g_ptr_array_unref);
  pp_tls_summary_clear (&self->tls);
  g_free (self->trace);
}

PpProbeResult *
pp_probe_result_new (PpEndpoint *endpoint,
                     PpMethod    method)
{
  PpProbeResult *self = g_atomic_rc_box_new0 (PpProbeResult);

  self->endpoint = pp_endpoint_ref (endpoint);
  self->method = method;
  self->outcome = PP_OUTCOME_ERROR;
  self->attempts = g_array_new (FALSE, TRUE, sizeof (PpAttempt));
  g_array_set_clear_func (self->attempts, clear_attempt);

  return self;
}

PpProbeResult *
pp_probe_result_ref (PpProbeResult *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
pp_probe_result_unref (PpProbeResult *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) pp_probe_result_clear);
}

gboolean
pp_probe_result_is_reachable (const PpProbeResult *self)
{
  return pp_outcome_is_reachable (self->outcome);
}

/* Whether @self (NULL while the probe runs) says anything about the
 * endpoint: a probe stopped before it answered does not. */
gboolean
pp_probe_result_has_answered (const PpProbeResult *self)
{
  return self != NULL && self->outcome != PP_OUTCOME_CANCELLED;
}

void
pp_probe_result_add_attempt (PpProbeResult *self,
                             const char    *proxy,
                             PpOutcome      outcome,
                             int            curl_code)
{
  PpAttempt attempt = { g_strdup (proxy), outcome, curl_code };

  g_array_append_val (self->attempts, attempt);
}

/* The analyzer's words: "Succeeded (200)", "Failed (407)", "Doesn't exist".
 * A failure without any status says why in a few words instead. */
char *
pp_probe_result_format_short (const PpProbeResult *self)
{
  guint status;

  if (self->outcome == PP_OUTCOME_NOT_CONFIGURED)
    return g_strdup ("Doesn't exist");
  if (self->outcome == PP_OUTCOME_OK)
    return g_strdup_printf ("Succeeded (%u)", self->http_status);

  status = self->http_status ? self->http_status
         : self->connect_status ? self->connect_status
         : self->proxy_status ? self->proxy_status
         : self->ambiguous_status;
  if (status != 0 && (self->outcome == PP_OUTCOME_UNEXPECTED_STATUS ||
                      self->outcome == PP_OUTCOME_PROXY_AUTH_REQUIRED ||
                      self->outcome == PP_OUTCOME_PROXY_REFUSED ||
                      self->outcome == PP_OUTCOME_UNATTRIBUTED))
    return g_strdup_printf ("Failed (%u)", status);

  return g_strdup_printf ("Failed (%s)", pp_outcome_get_reason (self->outcome));
}

/* The way the request went, for the details: "through the proxy
 * http://p:3128", "direct", or "direct, through a transparent proxy:
 * squid/5.7 (Via header)"; a method that was not configured (or whose
 * PAC script failed) sent nothing, and says so. */
char *
pp_probe_result_describe_path (const PpProbeResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->attempts == NULL || self->attempts->len == 0)
    return g_strdup ("no request was sent");
  if (self->proxy != NULL)
    return g_strdup_printf ("through the proxy %s", self->proxy);
  if (self->transparent_proxy != NULL)
    return g_strdup_printf ("direct, through a transparent proxy: %s", self->transparent_proxy);

  return g_strdup ("direct");
}
