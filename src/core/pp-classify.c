/* pp-classify.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-classify.h"

#include <curl/curl.h>
#include <string.h>

/* What a proxy says went wrong on its side, in squid's words (X-Squid-Error:
 * "ERR_NAME errno") or in the standard Proxy-Status error types (RFC 9209).
 * A token matches as a whole word; the first match wins. */
static const struct {
  const char *token;
  PpOutcome outcome;
} proxy_errors[] = {
  { "ERR_DNS_FAIL",            PP_OUTCOME_DNS_FAILED },
  /* Squid 5 answers a failed DNS look-up with these, errno 0: no address
   * was ever tried (seen with squid 5.7 and an NXDOMAIN answer). */
  { "ERR_CANNOT_FORWARD 0",    PP_OUTCOME_DNS_FAILED },
  { "ERR_READ_ERROR 0",        PP_OUTCOME_DNS_FAILED },
  { "dns_error",               PP_OUTCOME_DNS_FAILED },
  { "dns_timeout",             PP_OUTCOME_DNS_FAILED },
  { "ERR_CONNECT_FAIL 110",    PP_OUTCOME_CONNECT_TIMEOUT },
  { "connection_timeout",      PP_OUTCOME_CONNECT_TIMEOUT },
  { "ERR_CONNECT_FAIL",        PP_OUTCOME_CONNECT_REFUSED },
  { "connection_refused",      PP_OUTCOME_CONNECT_REFUSED },
  { "destination_unavailable", PP_OUTCOME_CONNECT_REFUSED },
  { "ERR_READ_TIMEOUT",        PP_OUTCOME_TIMEOUT },
  { "ERR_LIFETIME_EXP",        PP_OUTCOME_TIMEOUT },
  { "http_response_timeout",   PP_OUTCOME_TIMEOUT },
  { "connection_read_timeout", PP_OUTCOME_TIMEOUT },
  { "ERR_SECURE_CONNECT_FAIL", PP_OUTCOME_TLS_FAILED },
  { "tls_protocol_error",      PP_OUTCOME_TLS_FAILED },
  { "tls_certificate_error",   PP_OUTCOME_TLS_FAILED },
  { "tls_alert_received",      PP_OUTCOME_TLS_FAILED },
  { "ERR_CACHE_ACCESS_DENIED", PP_OUTCOME_PROXY_AUTH_REQUIRED },
  { "proxy_auth_required",     PP_OUTCOME_PROXY_AUTH_REQUIRED },
};

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
said_token (const char *said,
            const char *token)
{
  gsize len = strlen (token);

  for (const char *p = strstr (said, token); p; p = strstr (p + 1, token))
    if ((p == said || !is_word_char (p[-1])) && !is_word_char (p[len]))
      return TRUE;

  return FALSE;
}

static gboolean
proxy_generated (const PpTransferFacts *facts)
{
  return facts->squid_error != NULL ||
         (facts->proxy_status != NULL && strstr (facts->proxy_status, "error=") != NULL);
}

/* The origin was never reached: name the proxy's reason if it gave one,
 * else it simply refused (a 403 block page, a policy denial). */
static PpOutcome
outcome_from_proxy_error (const PpTransferFacts *facts)
{
  const char *said = facts->squid_error ? facts->squid_error : facts->proxy_status;

  for (guint i = 0; said && i < G_N_ELEMENTS (proxy_errors); i++)
    if (said_token (said, proxy_errors[i].token))
      return proxy_errors[i].outcome;

  return PP_OUTCOME_PROXY_REFUSED;
}

static void
classify_proxy_answer (const PpTransferFacts *facts,
                       guint                  status,
                       gboolean               to_connect,
                       PpClassification      *out)
{
  const char *said = facts->squid_error ? facts->squid_error : facts->proxy_status;

  out->outcome = status == 407 ? PP_OUTCOME_PROXY_AUTH_REQUIRED
                               : outcome_from_proxy_error (facts);
  if (to_connect)
    out->connect_status = status;
  else
    out->proxy_status = status;

  out->detail = g_strdup_printf ("the proxy %s answered %u%s%s%s%s",
                                 facts->proxy_name ? facts->proxy_name : "",
                                 status, to_connect ? " to CONNECT" : "",
                                 said ? " (" : "", said ? said : "", said ? ")" : "");
}

static void
classify_answer (const PpTransferFacts *facts,
                 const PpEndpoint      *endpoint,
                 PpClassification      *out)
{
  guint status = facts->response_code;
  g_autofree char *expected = pp_endpoint_format_expected (endpoint);

  if (facts->via_proxy && (status == 407 || proxy_generated (facts)))
    {
      classify_proxy_answer (facts, status, FALSE, out);
      return;
    }

  out->http_status = status;
  if (pp_endpoint_expects_status (endpoint, status))
    {
      out->outcome = PP_OUTCOME_OK;
      out->detail = g_strdup_printf ("the server answered %u", status);
    }
  else
    {
      out->outcome = PP_OUTCOME_UNEXPECTED_STATUS;
      out->detail = g_strdup_printf ("the server answered %u where %s was expected",
                                     status, expected);
    }
}

static PpOutcome
outcome_from_socks_error (int proxy_error)
{
  switch (proxy_error)
    {
    case CURLPX_RESOLVE_HOST:
    case CURLPX_REPLY_HOST_UNREACHABLE:
      return PP_OUTCOME_DNS_FAILED;
    case CURLPX_REPLY_CONNECTION_REFUSED:
      return PP_OUTCOME_CONNECT_REFUSED;
    case CURLPX_NO_AUTH:
    case CURLPX_USER_REJECTED:
    case CURLPX_SEND_AUTH:
    case CURLPX_RECV_AUTH:
      return PP_OUTCOME_PROXY_AUTH_REQUIRED;
    default:
      return PP_OUTCOME_PROXY_REFUSED;
    }
}

static PpOutcome
outcome_from_curl_code (const PpTransferFacts *facts)
{
  switch (facts->curl_code)
    {
    case CURLE_COULDNT_RESOLVE_PROXY:
      return PP_OUTCOME_PROXY_UNREACHABLE;
    case CURLE_COULDNT_RESOLVE_HOST:
      return PP_OUTCOME_DNS_FAILED;
    case CURLE_COULDNT_CONNECT:
      return facts->via_proxy ? PP_OUTCOME_PROXY_UNREACHABLE : PP_OUTCOME_CONNECT_REFUSED;
    case CURLE_OPERATION_TIMEDOUT:
      /* libcurl counts the handshake as part of connecting: a server or
       * middlebox that swallows the ClientHello is a TLS failure. */
      if (facts->curl_message && strstr (facts->curl_message, "SSL connection timeout"))
        return PP_OUTCOME_TLS_FAILED;
      if (facts->connected)
        return PP_OUTCOME_TIMEOUT;
      return facts->via_proxy ? PP_OUTCOME_PROXY_UNREACHABLE : PP_OUTCOME_CONNECT_TIMEOUT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
      return PP_OUTCOME_TLS_FAILED;
    case CURLE_PROXY:
      return outcome_from_socks_error (facts->proxy_error);
    case CURLE_ABORTED_BY_CALLBACK:
      return PP_OUTCOME_CANCELLED;
    case CURLE_TOO_MANY_REDIRECTS:
      return PP_OUTCOME_UNEXPECTED_STATUS;
    default:
      return PP_OUTCOME_ERROR;
    }
}

/* Decides the outcome of one transfer. A status that came from the proxy
 * (407, a refused CONNECT, an error page marked by X-Squid-Error or
 * Proxy-Status) is recorded as the proxy's and never as the origin's. */
void
pp_classify (const PpTransferFacts *facts,
             const PpEndpoint      *endpoint,
             PpClassification      *out)
{
  g_return_if_fail (facts != NULL && endpoint != NULL && out != NULL);

  memset (out, 0, sizeof *out);

  if (facts->connect_code >= 300)
    {
      classify_proxy_answer (facts, facts->connect_code, TRUE, out);
      return;
    }
  out->connect_status = facts->connect_code;

  if (facts->curl_code == CURLE_OK && facts->response_code > 0)
    {
      classify_answer (facts, endpoint, out);
      return;
    }

  out->outcome = outcome_from_curl_code (facts);
  out->detail = g_strdup_printf ("%s%s%s (curl error %d)",
                                 facts->curl_message ? facts->curl_message : "",
                                 facts->via_proxy ? " via " : "",
                                 facts->via_proxy ? facts->proxy_name : "",
                                 facts->curl_code);
}
