/* pp-outcome.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-outcome.h"

#include <glib/gi18n.h>

static const struct {
  const char *id;
  const char *reason;
} outcomes[PP_N_OUTCOMES] = {
  [PP_OUTCOME_OK]                  = { "ok",                  N_("reachable") },
  [PP_OUTCOME_UNEXPECTED_STATUS]   = { "unexpected_status",   N_("unexpected status") },
  [PP_OUTCOME_NOT_CONFIGURED]      = { "not_configured",      N_("Doesn't exist") },
  [PP_OUTCOME_DNS_FAILED]          = { "dns_failed",          N_("name not resolved") },
  [PP_OUTCOME_CONNECT_REFUSED]     = { "connect_refused",     N_("connection refused") },
  [PP_OUTCOME_CONNECT_TIMEOUT]     = { "connect_timeout",     N_("connection timed out") },
  [PP_OUTCOME_TIMEOUT]             = { "timeout",             N_("no answer in time") },
  [PP_OUTCOME_TLS_FAILED]          = { "tls_failed",          N_("TLS failed") },
  [PP_OUTCOME_TLS_INSPECTED]       = { "tls_inspected",       N_("TLS inspected") },
  [PP_OUTCOME_PROXY_AUTH_REQUIRED] = { "proxy_auth_required", N_("proxy authentication required") },
  [PP_OUTCOME_PROXY_REFUSED]       = { "proxy_refused",       N_("blocked by proxy") },
  [PP_OUTCOME_PROXY_UNREACHABLE]   = { "proxy_unreachable",   N_("proxy unreachable") },
  [PP_OUTCOME_CANCELLED]           = { "cancelled",           N_("cancelled") },
  [PP_OUTCOME_ERROR]               = { "error",               N_("error") },
  [PP_OUTCOME_PAC_FAILED]          = { "pac_failed",          N_("PAC script failed") },
  [PP_OUTCOME_BAD_ANSWER]          = { "bad_answer",          N_("no usable answer") },
  [PP_OUTCOME_UNATTRIBUTED]        = { "unattributed",        N_("answered by the proxy or the origin — cannot tell over plain HTTP") },
  [PP_OUTCOME_LOCAL_RESOURCES]     = { "local_resources",     N_("this computer ran out of resources") },
  [PP_OUTCOME_DNS_TIMEOUT]         = { "dns_timeout",         N_("no DNS answer in time") },
};

const char *
pp_outcome_to_id (PpOutcome outcome)
{
  g_return_val_if_fail (outcome < PP_N_OUTCOMES, NULL);

  return outcomes[outcome].id;
}

gboolean
pp_outcome_from_id (const char *id,
                    PpOutcome  *outcome)
{
  for (guint i = 0; i < PP_N_OUTCOMES; i++)
    {
      if (g_strcmp0 (id, outcomes[i].id) == 0)
        {
          *outcome = (PpOutcome) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* A short, untranslated reason for the analyzer-compatible "Failed (...)". */
const char *
pp_outcome_get_reason (PpOutcome outcome)
{
  g_return_val_if_fail (outcome < PP_N_OUTCOMES, NULL);

  return outcomes[outcome].reason;
}

/* TLS inspection of a pinned endpoint is not reachable: the agent refuses
 * the intercepted chain. Inspection of a system-trust endpoint that still
 * verifies stays PP_OUTCOME_OK with the verdict in the TLS summary. */
gboolean
pp_outcome_is_reachable (PpOutcome outcome)
{
  return outcome == PP_OUTCOME_OK;
}

static const char * const answerer_ids[] = { "none", "origin", "proxy", "unknown" };

const char *
pp_answerer_to_id (PpAnswerer answerer)
{
  g_return_val_if_fail (answerer <= PP_ANSWERER_UNKNOWN, NULL);

  return answerer_ids[answerer];
}
