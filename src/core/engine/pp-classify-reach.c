/* pp-classify-reach.c: why a probe reached no one
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A name that could not be resolved (the proxy's or the server's, with or
 * without an answer) and a connection that was not taken: the first two
 * steps of a request, where the fault is the resolver's or the network's.
 */
#include "pp-classify.h"
#include "pp-classify-private.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

/* The servers a look-up asked, for "no answer from ...". */
static char *
describe_name_servers (const PpTransferFacts *facts)
{
  if (facts->name_servers == NULL)
    return g_strdup ("the system resolver");

  return g_strdup_printf ("%s %s (/etc/resolv.conf)",
                          strchr (facts->name_servers, ',') ? "the name servers"
                                                            : "the name server",
                          facts->name_servers);
}

/* A look-up that got no answer in time. libcurl's own timeout struck
 * before any socket was opened; or the C library gave up after at least
 * half its answer timeout (glibc's first give-up lands at ~0.8 of it),
 * where a "no such name" answer comes back in milliseconds. */
gboolean
pp_classify_lookup_timed_out (const PpTransferFacts *facts)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  if (!facts->lookup_pending || facts->connected)
    return FALSE;
  if (facts->curl_code == CURLE_OPERATION_TIMEDOUT)
    return TRUE;

  return (facts->curl_code == CURLE_COULDNT_RESOLVE_HOST ||
          facts->curl_code == CURLE_COULDNT_RESOLVE_PROXY) &&
         facts->resolver_timeout_s > 0 &&
         facts->lookup_us >= (gint64) facts->resolver_timeout_s * G_USEC_PER_SEC / 2;
}

/* libcurl names the name it could not resolve ("Could not resolve proxy:
 * proxy.example"); after its own timeout it does not. */
static const char *
name_looked_up (const PpTransferFacts *facts)
{
  const char *colon = strrchr (facts->curl_message, ':');

  if (facts->curl_code != CURLE_OPERATION_TIMEDOUT && colon != NULL &&
      g_str_has_prefix (facts->curl_message, "Could not resolve "))
    return colon + 1 + strspn (colon + 1, " ");

  return facts->lookup_name ? facts->lookup_name : "";
}

/* A name that could not be resolved: which name (the proxy's or the
 * server's), whether an answer came at all, and whom the look-up asked. */
gboolean
pp_classify_name_failure (const PpTransferFacts *facts,
                          PpClassification      *out)
{
  gboolean timed_out = pp_classify_lookup_timed_out (facts);
  gboolean of_proxy = facts->curl_code == CURLE_COULDNT_RESOLVE_PROXY ||
                      (timed_out && facts->via_proxy);
  g_autofree char *servers = NULL;

  if (!timed_out && facts->curl_code != CURLE_COULDNT_RESOLVE_HOST &&
      facts->curl_code != CURLE_COULDNT_RESOLVE_PROXY)
    return FALSE;

  servers = describe_name_servers (facts);
  if (timed_out)
    {
      out->outcome = PP_OUTCOME_DNS_TIMEOUT;
      out->detail = g_strdup_printf ("%s%s got no DNS answer within %.1f s from %s: %s",
                                     of_proxy ? "the proxy's name " : "the name ",
                                     name_looked_up (facts),
                                     facts->lookup_us / (double) G_USEC_PER_SEC, servers,
                                     of_proxy ? "the proxy was never contacted"
                                              : "no connection to the server was tried");
      return TRUE;
    }

  out->outcome = of_proxy ? PP_OUTCOME_PROXY_UNREACHABLE : PP_OUTCOME_DNS_FAILED;
  out->detail = g_strdup_printf ("%s%s could not be resolved by %s: %s",
                                 of_proxy ? "the proxy's name " : "the name ",
                                 name_looked_up (facts), servers,
                                 of_proxy ? "the proxy was never contacted"
                                          : "no connection to the server was tried");
  return TRUE;
}

/* No connection to the proxy or the server: who did not take it, and
 * the likely reason in a technician's words; libcurl's own in brackets. */
char *
pp_classify_describe_unreached (const PpTransferFacts *facts)
{
  g_autofree char *who = facts->via_proxy
                         ? g_strdup_printf ("the proxy %s", facts->proxy_name)
                         : g_strdup_printf ("the server %s", facts->server_name);

  if (facts->curl_code == CURLE_OPERATION_TIMEDOUT)
    return g_strdup_printf ("%s did not accept a connection in time: a firewall may drop "
                            "the packets, or the %s is down (%s)", who,
                            facts->via_proxy ? "proxy" : "server", facts->curl_message);
  switch (facts->os_errno)
    {
    case ECONNREFUSED:
      return g_strdup_printf ("%s refused the connection: nothing listens on that port, or "
                              "a firewall rejects it (%s)", who, facts->curl_message);
    case ENETUNREACH:
    case EHOSTUNREACH:
      return g_strdup_printf ("this computer has no route to %s: check its network "
                              "connection and routes (%s)", who, facts->curl_message);
    default:
      return g_strdup_printf ("no connection to %s could be made (%s)", who,
                              facts->curl_message);
    }
}
