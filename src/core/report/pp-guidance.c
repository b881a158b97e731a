/* pp-guidance.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-guidance.h"

#include <glib/gi18n.h>
#include <string.h>

static const char * const titles[PP_N_OUTCOMES] = {
  [PP_OUTCOME_OK]                  = N_("Reachable"),
  [PP_OUTCOME_UNEXPECTED_STATUS]   = N_("Unexpected answer"),
  [PP_OUTCOME_NOT_CONFIGURED]      = N_("Not configured"),
  [PP_OUTCOME_DNS_FAILED]          = N_("Name not resolved"),
  [PP_OUTCOME_CONNECT_REFUSED]     = N_("Connection refused"),
  [PP_OUTCOME_CONNECT_TIMEOUT]     = N_("Connection timed out"),
  [PP_OUTCOME_TIMEOUT]             = N_("No answer in time"),
  [PP_OUTCOME_TLS_FAILED]          = N_("TLS handshake failed"),
  [PP_OUTCOME_TLS_INSPECTED]       = N_("HTTPS inspected"),
  [PP_OUTCOME_PROXY_AUTH_REQUIRED] = N_("Proxy asks for a password"),
  [PP_OUTCOME_PROXY_REFUSED]       = N_("Blocked by the proxy"),
  [PP_OUTCOME_PROXY_UNREACHABLE]   = N_("Proxy unreachable"),
  [PP_OUTCOME_CANCELLED]           = N_("Stopped"),
  [PP_OUTCOME_ERROR]               = N_("Error"),
  [PP_OUTCOME_PAC_FAILED]          = N_("PAC script failed"),
  [PP_OUTCOME_BAD_ANSWER]          = N_("No usable answer"),
  [PP_OUTCOME_UNATTRIBUTED]        = N_("Proxy or server: cannot tell"),
  [PP_OUTCOME_LOCAL_RESOURCES]     = N_("This computer ran out of resources"),
  [PP_OUTCOME_DNS_TIMEOUT]         = N_("No DNS answer"),
};

const char *
pp_guidance_get_title (PpOutcome outcome)
{
  g_return_val_if_fail (outcome < PP_N_OUTCOMES, NULL);

  return _(titles[outcome]);
}

/* The host and port the probe was after, for "allow host port 443". */
static char *
endpoint_host_port (const PpProbeResult *result,
                    int                 *port)
{
  g_autoptr(GUri) uri = g_uri_parse (result->endpoint->url, G_URI_FLAGS_NONE, NULL);

  *port = 443;
  if (uri == NULL)
    return g_strdup (result->endpoint->url);

  *port = g_uri_get_port (uri);
  if (*port <= 0)
    *port = g_str_equal (g_uri_get_scheme (uri), "http") ? 80 : 443;

  return g_strdup (g_uri_get_host (uri));
}

/* The proxy that answered, or the last one tried: already redacted. */
static const char *
proxy_name (const PpProbeResult *result)
{
  if (result->proxy != NULL)
    return result->proxy;
  if (result->attempts->len > 0)
    return g_array_index (result->attempts, PpAttempt, result->attempts->len - 1).proxy;

  return _("the proxy");
}

static const char *
issuer_name (const PpProbeResult *result)
{
  return result->tls.issuer ? result->tls.issuer : _("an unknown issuer");
}

static guint
proxy_status (const PpProbeResult *result)
{
  return result->connect_status ? result->connect_status : result->proxy_status;
}

static char *
guidance_for_status (const PpProbeResult *result)
{
  g_autofree char *expected = pp_endpoint_format_expected (result->endpoint);

  return g_strdup_printf (_("The server answered %u where %s was expected. Something "
                            "between this machine and the service may be answering in "
                            "its place (a captive portal, a filtering device): open %s "
                            "in a browser through the same connection and compare."),
                          result->http_status, expected, result->endpoint->url);
}

static char *
guidance_for_dns (const PpProbeResult *result,
                  const char          *host)
{
  if (result->method != PP_METHOD_DIRECT && result->proxy != NULL &&
      !g_str_equal (result->proxy, "DIRECT"))
    return g_strdup_printf (_("The proxy %s could not resolve %s. Check the proxy's DNS "
                              "servers and any DNS filtering in front of them."),
                            result->proxy, host);

  return g_strdup_printf (_("The name %s could not be resolved on this machine. Check the "
                            "DNS servers it uses and whether DNS filtering blocks the name."),
                          host);
}

static char *
guidance_for_inspection (const PpProbeResult *result,
                         const char          *host)
{
  if (result->outcome == PP_OUTCOME_TLS_INSPECTED)
    return g_strdup_printf (_("HTTPS to %s is inspected: the certificate was issued by "
                              "\"%s\", not by the service. The agent accepts only its "
                              "pinned certificates and refuses the connection. Exclude "
                              "%s from HTTPS inspection (SSL bypass) on the device that "
                              "issues \"%s\"."),
                            host, issuer_name (result), host, issuer_name (result));

  return g_strdup_printf (_("The connection works, but HTTPS to %s is inspected by "
                            "\"%s\". Agents that pin certificates will fail here: exclude "
                            "%s from HTTPS inspection."),
                          host, issuer_name (result), host);
}

static char *
guidance_for_tls (const PpProbeResult *result,
                  const char          *host)
{
  if (result->tls.present && result->tls.issuer != NULL)
    return g_strdup_printf (_("The TLS handshake with %s failed (%s). The certificate was "
                              "issued by \"%s\": if that is an inspecting device, this "
                              "machine does not trust its CA; exclude %s from HTTPS "
                              "inspection."),
                            host, result->curl_message ? result->curl_message : "",
                            issuer_name (result), host);

  return g_strdup_printf (_("The TLS handshake with %s failed (%s). A device in the path may "
                            "interfere with TLS; check the firewall's and the proxy's "
                            "HTTPS settings for this name."),
                          host, result->curl_message ? result->curl_message : "");
}

static char *
guidance_for_proxy (const PpProbeResult *result,
                    const char          *host)
{
  switch (result->outcome)
    {
    case PP_OUTCOME_PROXY_AUTH_REQUIRED:
      return g_strdup_printf (_("The proxy %s asks for authentication (407). The service's "
                                "agent connects as the system account and cannot "
                                "authenticate: allow anonymous access to these URLs on the "
                                "proxy (at least to %s)."),
                              proxy_name (result), host);
    case PP_OUTCOME_PROXY_REFUSED:
      return g_strdup_printf (_("The proxy %s blocks %s (status %u). Ask the proxy's "
                                "administrator to allow this URL for this machine."),
                              proxy_name (result), host, proxy_status (result));
    case PP_OUTCOME_PROXY_UNREACHABLE:
      return g_strdup_printf (_("The proxy %s cannot be reached. Check its name and port in "
                                "the configuration and that this machine may connect to it."),
                              proxy_name (result));
    default:
      g_assert_not_reached ();
    }
}

static char *
guidance_for_network (const PpProbeResult *result,
                      const char          *host,
                      int                  port)
{
  switch (result->outcome)
    {
    case PP_OUTCOME_CONNECT_REFUSED:
      return g_strdup_printf (_("The connection to %s port %d was refused. A firewall "
                                "rejects it: allow outgoing TCP to %s port %d, or use the "
                                "proxy."), host, port, host, port);
    case PP_OUTCOME_CONNECT_TIMEOUT:
      return g_strdup_printf (_("Connecting to %s port %d got no answer: a firewall drops "
                                "the traffic silently. Allow outgoing TCP to %s port %d, or "
                                "use the proxy."), host, port, host, port);
    case PP_OUTCOME_TIMEOUT:
      return g_strdup_printf (_("The connection to %s was made, but no answer came in time. "
                                "A proxy or a firewall holds the request, or the link is "
                                "very slow; try again, then check the device in the path."),
                              host);
    default:
      g_assert_not_reached ();
    }
}

/* Failures that are neither a refusal nor a timeout: the detail already
 * names who did what, the guidance says what to do about it. */
static char *
guidance_for_honest_failure (const PpProbeResult *result)
{
  const char *detail = result->detail ? result->detail : "";

  switch (result->outcome)
    {
    case PP_OUTCOME_BAD_ANSWER:
      return g_strdup_printf (_("No usable HTTP answer came back: %s. The device named "
                                "here (or one in front of it) is broken or is not what the "
                                "configuration says it is; check it."), detail);
    case PP_OUTCOME_UNATTRIBUTED:
      return g_strdup_printf (_("%s. Over plain HTTP a proxy can answer in the server's "
                                "place without saying so: ask the proxy's administrator "
                                "whether it blocks %s, or compare with the https URL."),
                              detail, result->endpoint->url);
    case PP_OUTCOME_LOCAL_RESOURCES:
      return g_strdup_printf (_("%s. The service was never contacted: nothing is wrong "
                                "with the network. Run the test again with a lower "
                                "--concurrency, or raise this computer's limit (ulimit -n)."),
                              detail);
    default:
      g_assert_not_reached ();
    }
}

/* Returns NULL when there is nothing to do. */
char *
pp_guidance_for_result (const PpProbeResult *result)
{
  g_autofree char *host = NULL;
  int port;

  g_return_val_if_fail (result != NULL, NULL);

  host = endpoint_host_port (result, &port);
  switch (result->outcome)
    {
    case PP_OUTCOME_OK:
      return result->tls.inspected ? guidance_for_inspection (result, host) : NULL;
    case PP_OUTCOME_NOT_CONFIGURED:
      return NULL;
    case PP_OUTCOME_UNEXPECTED_STATUS:
      return guidance_for_status (result);
    case PP_OUTCOME_DNS_FAILED:
      return guidance_for_dns (result, host);
    case PP_OUTCOME_DNS_TIMEOUT:
      return g_strdup_printf (_("%s. Check that this machine can reach these DNS servers "
                                "(a firewall may drop DNS) and that they answer."),
                              result->detail ? result->detail : "");
    case PP_OUTCOME_CONNECT_REFUSED:
    case PP_OUTCOME_CONNECT_TIMEOUT:
    case PP_OUTCOME_TIMEOUT:
      return guidance_for_network (result, host, port);
    case PP_OUTCOME_TLS_FAILED:
      return guidance_for_tls (result, host);
    case PP_OUTCOME_TLS_INSPECTED:
      return guidance_for_inspection (result, host);
    case PP_OUTCOME_PROXY_AUTH_REQUIRED:
    case PP_OUTCOME_PROXY_REFUSED:
    case PP_OUTCOME_PROXY_UNREACHABLE:
      return guidance_for_proxy (result, host);
    case PP_OUTCOME_CANCELLED:
      return g_strdup (_("The probe was stopped before it finished: run the test again."));
    case PP_OUTCOME_PAC_FAILED:
      return g_strdup_printf (_("The proxy auto-configuration (PAC) script could not be used: "
                                "%s. Fix the script or its location, or configure the proxy "
                                "explicitly."), result->detail ? result->detail : "");
    case PP_OUTCOME_BAD_ANSWER:
    case PP_OUTCOME_UNATTRIBUTED:
    case PP_OUTCOME_LOCAL_RESOURCES:
      return guidance_for_honest_failure (result);
    case PP_OUTCOME_ERROR:
    case PP_N_OUTCOMES:
    default:
      return g_strdup_printf (_("Unexpected error: %s"),
                              result->detail ? result->detail
                              : result->curl_message ? result->curl_message : "");
    }
}

char *
pp_verdict_format_headline (const PpVerdict *verdict)
{
  g_return_val_if_fail (verdict != NULL, NULL);

  switch (verdict->kind)
    {
    case PP_VERDICT_PENDING:
      if (verdict->n_cancelled > 0)
        return g_strdup_printf (ngettext ("No verdict: the run was stopped with %u check unanswered.",
                                          "No verdict: the run was stopped with %u checks unanswered.",
                                          verdict->n_pending),
                                verdict->n_pending);
      if (verdict->n_pending == verdict->n_probes)
        return g_strdup (_("Waiting for the first results."));
      return g_strdup_printf (ngettext ("No verdict yet: %u check has not answered.",
                                        "No verdict yet: %u checks have not answered.",
                                        verdict->n_pending),
                              verdict->n_pending);
    case PP_VERDICT_ALL_REACHABLE:
      return g_strdup_printf (ngettext ("%u endpoint is reachable.",
                                        "All %u endpoints are reachable.",
                                        verdict->n_endpoints),
                              verdict->n_endpoints);
    case PP_VERDICT_ONLY_DIRECT:
      return g_strdup_printf (_("Only a direct connection works: %u of %u endpoints are "
                                "reachable with the proxy disabled, none through a proxy."),
                              verdict->n_reachable, verdict->n_endpoints);
    case PP_VERDICT_SOME_UNREACHABLE:
      return g_strdup_printf (_("%u of %u endpoints are not reachable by any method."),
                              verdict->n_endpoints - verdict->n_reachable, verdict->n_endpoints);
    case PP_VERDICT_NONE_REACHABLE:
    default:
      return g_strdup (_("No endpoint is reachable by any method."));
    }
}

static void
append_methods (GString    *out,
                PpPlan     *plan,
                guint       bits,
                const char *prefix)
{
  gboolean first = TRUE;

  if (bits == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, prefix);
  for (guint m = 0; m < pp_plan_get_n_methods (plan); m++)
    {
      PpMethod method = pp_plan_get_method (plan, m);

      if (!(bits & PP_METHOD_BIT (method)))
        continue;
      g_string_append_printf (out, "%s%s", first ? " " : ", ", _(pp_method_get_label (method)));
      first = FALSE;
    }
  g_string_append_c (out, '.');
}

/* The summary's title: what the agent reaches on its own path where the
 * profile names one, else what any method reached. */
char *
pp_diagnosis_format_title (const PpDiagnosis *diagnosis)
{
  const PpVerdict *verdict = &diagnosis->verdict;

  if (diagnosis->path.known)
    /* Translators: the agent's name, then what it reaches on its own path. */
    return g_strdup_printf (ngettext ("%s: %u of %u endpoint reachable on its path",
                                      "%s: %u of %u endpoints reachable on its path",
                                      diagnosis->path.n_endpoints),
                            diagnosis->agent_name, diagnosis->path.n_reached,
                            diagnosis->path.n_endpoints);

  return g_strdup_printf (ngettext ("%u of %u endpoint reachable",
                                    "%u of %u endpoints reachable", verdict->n_endpoints),
                          verdict->n_reachable, verdict->n_endpoints);
}

/* Beside an agent's path, what any method reached is the lesser fact:
 * said as such, so that "All 22 endpoints are reachable" cannot close a
 * ticket while the agent reaches none. */
char *
pp_verdict_format_any_method (const PpVerdict *verdict,
                              gboolean         beside_agent)
{
  g_autofree char *headline = pp_verdict_format_headline (verdict);

  if (!beside_agent)
    return g_steal_pointer (&headline);

  return g_strdup_printf (_("By any method (the client analyzer's rule): %s"), headline);
}

/* Without the agent's path the diagnosis's headline is the verdict by
 * any method, and the title counts it: a third saying would repeat them. */
char *
pp_diagnosis_format_any_method (const PpDiagnosis *diagnosis)
{
  g_return_val_if_fail (diagnosis != NULL, NULL);

  if (!diagnosis->path.known)
    return g_strdup ("");

  return pp_verdict_format_any_method (&diagnosis->verdict, TRUE);
}

char *
pp_verdict_format_methods (const PpVerdict *verdict,
                           PpPlan          *plan)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (verdict != NULL && PP_IS_PLAN (plan), NULL);

  append_methods (out, plan, verdict->methods_all, _("Works for every endpoint:"));
  append_methods (out, plan, verdict->methods_some, _("Works for some endpoints:"));
  append_methods (out, plan, verdict->methods_none, _("Fails for every endpoint:"));
  append_methods (out, plan, verdict->methods_absent, _("Doesn’t exist:"));

  return g_string_free (out, FALSE);
}

char *
pp_verdict_format_guidance (const PpVerdict *verdict)
{
  g_return_val_if_fail (verdict != NULL, NULL);

  switch (verdict->kind)
    {
    case PP_VERDICT_ONLY_DIRECT:
      return g_strdup (_("The network lets this machine out directly, but every configured "
                         "proxy fails for these URLs. Either configure the service's agent "
                         "without a proxy, or have the proxy administrator allow these URLs "
                         "anonymously (the agent runs as the system account)."));
    case PP_VERDICT_NONE_REACHABLE:
      return g_strdup (_("Nothing gets through. Check the network connection, the DNS "
                         "servers and the firewall first, then the proxy settings."));
    case PP_VERDICT_SOME_UNREACHABLE:
      return g_strdup (_("Some endpoints fail by every method: see the guidance per "
                         "endpoint. Every endpoint of the service must be reachable."));
    case PP_VERDICT_ALL_REACHABLE:
      if (verdict->inspected)
        return g_strdup (_("Some connections are inspected (HTTPS interception): agents "
                           "that pin certificates may still fail; see below."));
      return NULL;
    case PP_VERDICT_PENDING:
    default:
      return NULL;
    }
}
