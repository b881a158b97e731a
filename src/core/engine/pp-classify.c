/* pp-classify.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-classify.h"
#include "pp-classify-private.h"
#include "pp-log.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#define MAX_HTTP_STATUS 599

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
  { "dns_timeout",             PP_OUTCOME_DNS_TIMEOUT },
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

/* Products that are proxies and nothing else: a Server header naming one
 * on an error page marks the page as the proxy's own. Reverse proxies
 * that front origins (nginx, varnish, Apache Traffic Server) are left out. */
static const char * const proxy_products[] = {
  "squid", "tinyproxy", "privoxy", "zscaler", "bluecoat", "blue coat", "proxysg",
  "mcafee web gateway", "websense", "forcepoint", "netskope", "ironport", "cisco wsa",
  "fortigate", "fortiproxy", "sophos", "kerio", "wingate", "ccproxy", "cntlm",
};

/* The block and error pages of filtering products name them; an origin's
 * error page names none of these. */
static const char * const proxy_page_names[] = {
  "fortiguard", "zscaler", "blue coat", "bluecoat", "symantec web security",
  "mcafee web gateway", "websense", "forcepoint", "netskope", "sophos web appliance",
  "sophos utm", "palo alto networks", "cisco umbrella", "squid", "web filter",
  "url filtering", "blocked by your administrator", "proxy server",
};

static const char *
find_name (const char         *lowered,
           const char * const *names,
           gsize               n_names)
{
  for (gsize i = 0; lowered && i < n_names; i++)
    if (strstr (lowered, names[i]) != NULL)
      return names[i];

  return NULL;
}

/* The proxy product that a Server header (its whole value) or an error
 * page (the product's name) names; @where says which: "Server" or "page".
 * NULL when neither names one. */
const char *
pp_classify_find_proxy_product (const char  *server,
                                const char  *body_start,
                                const char **where)
{
  g_autofree char *lowered_server = server ? g_ascii_strdown (server, -1) : NULL;
  g_autofree char *page = body_start ? g_ascii_strdown (body_start, -1) : NULL;
  const char *name;

  if (find_name (lowered_server, proxy_products, G_N_ELEMENTS (proxy_products)))
    {
      *where = "Server";
      return server;
    }
  if ((name = find_name (page, proxy_page_names, G_N_ELEMENTS (proxy_page_names))))
    {
      *where = "page";
      return name;
    }

  return NULL;
}

/* The proxy's own mark on an answer other than squid's and RFC 9209's:
 * Proxy-Agent (sent by proxies only), a Server header naming a proxy,
 * or an error page naming a filtering product. */
static char *
proxy_marker (const PpTransferFacts *facts)
{
  const char *where = NULL;
  const char *name;

  if (facts->proxy_agent != NULL)
    return g_strdup_printf ("Proxy-Agent: %s", facts->proxy_agent);
  name = pp_classify_find_proxy_product (facts->server, facts->body_start, &where);
  if (name == NULL)
    return NULL;
  if (g_str_equal (where, "Server"))
    return g_strdup_printf ("Server: %s", name);

  return g_strdup_printf ("its error page says \"%s\"", name);
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

/* What a 407 asks for: the agent can answer none of it, but a technician
 * who reads "NTLM" knows which proxy rule to look for. */
static char *
describe_challenge (const PpTransferFacts *facts,
                    guint                  status)
{
  if (status != 407)
    return g_strdup ("");
  if (facts->proxy_auth == NULL)
    return g_strdup (": it sent no Proxy-Authenticate challenge, so no client can log in");

  return g_strdup_printf (": it asks for %s", facts->proxy_auth);
}

/* What a proxy's error code means for the request, in plain words: the
 * code alone ("ERR_DNS_FAIL 0") sends a technician to a search engine. */
static const char *
proxy_error_meaning (PpOutcome outcome)
{
  switch (outcome)
    {
    case PP_OUTCOME_DNS_FAILED:
      return ": it could not resolve the server's name";
    case PP_OUTCOME_DNS_TIMEOUT:
      return ": it got no DNS answer for the server's name in time";
    case PP_OUTCOME_CONNECT_TIMEOUT:
      return ": it could not connect to the server in time";
    case PP_OUTCOME_CONNECT_REFUSED:
      return ": it could not connect to the server (refused or unreachable)";
    case PP_OUTCOME_TIMEOUT:
      return ": the server did not answer it in time";
    case PP_OUTCOME_TLS_FAILED:
      return ": its TLS connection to the server failed";
    default:
      return "";
    }
}

static void
classify_proxy_answer (const PpTransferFacts *facts,
                       guint                  status,
                       gboolean               to_connect,
                       const char            *evidence,
                       PpClassification      *out)
{
  const char *said = evidence ? evidence
                   : facts->squid_error ? facts->squid_error : facts->proxy_status;
  g_autofree char *challenge = describe_challenge (facts, status);

  out->outcome = status == 407 ? PP_OUTCOME_PROXY_AUTH_REQUIRED
                               : outcome_from_proxy_error (facts);
  out->answered_by = PP_ANSWERER_PROXY;
  if (to_connect)
    out->connect_status = status;
  else
    out->proxy_status = status;

  /* A proxy's own answer on a connection made without one: a transparent
   * proxy stood in the way. */
  out->detail = g_strdup_printf ("%s%s answered %u%s%s%s%s%s%s",
                                 facts->via_proxy ? "the proxy " : "a transparent proxy on the "
                                                                   "direct connection",
                                 facts->via_proxy ? facts->proxy_name : "",
                                 status, to_connect ? " to CONNECT" : "",
                                 said ? " (" : "", said ? said : "", said ? ")" : "",
                                 challenge, proxy_error_meaning (out->outcome));
}

static void
classify_origin_answer (const PpTransferFacts *facts,
                        const PpEndpoint      *endpoint,
                        const char            *note,
                        PpClassification      *out)
{
  guint status = facts->response_code;
  g_autofree char *expected = pp_endpoint_format_expected (endpoint);

  out->http_status = status;
  out->answered_by = PP_ANSWERER_ORIGIN;
  if (pp_endpoint_expects_status (endpoint, status))
    {
      out->outcome = PP_OUTCOME_OK;
      out->detail = g_strdup_printf ("the server answered %u%s", status, note);
    }
  else
    {
      out->outcome = PP_OUTCOME_UNEXPECTED_STATUS;
      out->detail = g_strdup_printf ("the server answered %u where %s was expected%s",
                                     status, expected, note);
    }
}

static char *
describe_missing_tunnel (const PpTransferFacts *facts)
{
  if (facts->tunnel_connect_code >= 300)
    return g_strdup_printf ("the proxy %s refused a tunnel to compare with %u",
                            facts->proxy_name, facts->tunnel_connect_code);

  return g_strdup_printf ("no tunnel to compare could be opened through the proxy %s",
                          facts->proxy_name);
}

/* A plain-http status through a proxy with no mark of either side: the
 * same request through a CONNECT tunnel of the same proxy reaches the
 * server for certain. The same status there is the server's; another is
 * proof that the proxy answered the plain request itself. */
static void
classify_unmarked_answer (const PpTransferFacts *facts,
                          const PpEndpoint      *endpoint,
                          PpClassification      *out)
{
  guint status = facts->response_code;
  g_autofree char *expected = pp_endpoint_format_expected (endpoint);
  g_autofree char *why = NULL;

  /* An answer through "the tunnel" without any CONNECT: libcurl used no
   * proxy at all (the environment's no_proxy, or none set for it), so the
   * plain request went straight to the server too. */
  if (facts->tunnel_checked && facts->tunnel_connect_code == 0 && facts->tunnel_status != 0)
    {
      classify_origin_answer (facts, endpoint, "", out);
      return;
    }

  if (facts->tunnel_checked && facts->tunnel_status == status)
    {
      classify_origin_answer (facts, endpoint, " (the same through a tunnel)", out);
      return;
    }

  if (facts->tunnel_checked && facts->tunnel_status != 0)
    {
      out->outcome = PP_OUTCOME_PROXY_REFUSED;
      out->answered_by = PP_ANSWERER_PROXY;
      out->proxy_status = status;
      out->detail = g_strdup_printf ("the proxy %s answered %u itself: through a tunnel "
                                     "the server answered %u", facts->proxy_name, status,
                                     facts->tunnel_status);
      return;
    }

  why = describe_missing_tunnel (facts);
  out->outcome = PP_OUTCOME_UNATTRIBUTED;
  out->answered_by = PP_ANSWERER_UNKNOWN;
  out->ambiguous_status = status;
  out->detail = g_strdup_printf ("status %u: answered by the proxy or the origin — cannot "
                                 "tell over plain HTTP (%s%s%s)", status,
                                 endpoint->expected->len > 0 ? expected : "",
                                 endpoint->expected->len > 0 ? " was expected; " : "", why);
}

/* A Via header says a proxy passed the answer on; gateway errors are the
 * exception, proxies commonly put their own Via on those. */
static gboolean
passed_on (const PpTransferFacts *facts)
{
  guint status = facts->response_code;

  return facts->via != NULL && status != 502 && status != 503 && status != 504;
}

/* Returns the evidence that decided, for the debug log. */
static const char *
classify_answer (const PpTransferFacts *facts,
                 const PpEndpoint      *endpoint,
                 PpClassification      *out)
{
  guint status = facts->response_code;
  gboolean plain_via_proxy = facts->http_proxy && !facts->tunnel;
  g_autofree char *marker = plain_via_proxy ? proxy_marker (facts) : NULL;

  if (facts->via_proxy && (status == 407 || proxy_generated (facts)))
    {
      classify_proxy_answer (facts, status, FALSE, NULL, out);
      return "a 407 or the proxy's own error headers (X-Squid-Error, Proxy-Status)";
    }
  if (!facts->via_proxy && proxy_generated (facts))
    {
      classify_proxy_answer (facts, status, FALSE, NULL, out);
      return "a proxy's own error headers (X-Squid-Error, Proxy-Status) on a direct connection";
    }
  if (marker != NULL && status >= 400)
    {
      classify_proxy_answer (facts, status, FALSE, marker, out);
      return "an error status bearing a proxy's mark (Proxy-Agent, Server, page title)";
    }
  if (plain_via_proxy && !passed_on (facts))
    {
      classify_unmarked_answer (facts, endpoint, out);
      return facts->tunnel_checked ? "the plain answer compared with a tunnel's"
                                   : "a plain answer through a proxy with no mark of either side";
    }
  classify_origin_answer (facts, endpoint, "", out);
  return facts->via != NULL ? "an answer a proxy passed on (Via)" : "the server's answer";
}

gboolean
pp_classify_needs_tunnel_check (const PpTransferFacts  *facts,
                                const PpClassification *verdict)
{
  g_return_val_if_fail (facts != NULL && verdict != NULL, FALSE);

  return verdict->outcome == PP_OUTCOME_UNATTRIBUTED && !facts->tunnel_checked;
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

/* Failures of this computer, not of the network: a socket, a pipe or a
 * thread that could not be created. They say nothing about the server. */
static const char *
local_shortage (const PpTransferFacts *facts)
{
  const char *message = facts->curl_message ? facts->curl_message : "";
  /* The errno of a failed socket or connect; a later failure of a
   * connection that was made is not about this computer. */
  int os_errno = facts->curl_code == CURLE_COULDNT_CONNECT || !facts->connected
                 ? facts->os_errno : 0;

  switch (os_errno)
    {
    case EMFILE:
    case ENFILE:
      return "file descriptors (too many open files)";
    case ENOMEM:
    case ENOBUFS:
      return "memory";
    default:
      break;
    }

  if (strstr (message, "thread failed to start") != NULL)
    return "the means to start a name look-up (threads or file descriptors)";
  if (facts->curl_code == CURLE_OUT_OF_MEMORY && !facts->connected)
    return "memory";

  return NULL;
}

static gboolean
says_closed (const char *message)
{
  return message != NULL &&
         (strstr (message, "SSL_ERROR_SYSCALL") != NULL ||
          strstr (message, "unexpected eof") != NULL ||
          strstr (message, "reset by peer") != NULL ||
          strstr (message, "aborted") != NULL);
}

/* Who sent what came back: through a plain-http proxy it may be either. */
static char *
answerer_words (const PpTransferFacts *facts)
{
  if (facts->http_proxy && !facts->tunnel)
    return g_strdup_printf ("the proxy %s (or the server behind it)", facts->proxy_name);

  return g_strdup_printf ("the server %s", facts->server_name ? facts->server_name : "");
}

static gboolean
proxy_was_reached (const PpTransferFacts *facts)
{
  switch (facts->curl_code)
    {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_ABORTED_BY_CALLBACK:
      return FALSE;
    default:
      return TRUE;
    }
}

/* A proxy that did not give a tunnel the way HTTP says it must. */
static char *
describe_bad_tunnel (const PpTransferFacts *facts)
{
  const char *message = facts->curl_message ? facts->curl_message : "";

  if (facts->connect_code / 100 != 2)
    {
      /* libcurl's own words here can blame us ("bad argument"): the
       * trace keeps them, the detail says what the proxy did. */
      if (facts->curl_code == CURLE_GOT_NOTHING || says_closed (message))
        return g_strdup_printf ("the proxy %s closed the connection without a valid answer "
                                "to CONNECT", facts->proxy_name);
      return g_strdup_printf ("the proxy %s did not answer CONNECT in HTTP",
                              facts->proxy_name);
    }

  /* libcurl's own words for a CONNECT answer it could not take. */
  if (strstr (message, "CONNECT") != NULL)
    return g_strdup_printf ("the proxy %s sent a broken answer to CONNECT (%s)",
                            facts->proxy_name, message);
  if (facts->curl_code == CURLE_SSL_CONNECT_ERROR && says_closed (message))
    return g_strdup_printf ("the proxy %s accepted the tunnel (CONNECT %u), then the "
                            "connection was closed before the TLS handshake with the server "
                            "finished: the proxy did not reach the server, or dropped the "
                            "tunnel (%s)", facts->proxy_name, facts->connect_code, message);

  return NULL;
}

/* An answer that is not HTTP, or HTTP no client accepts: the peer broke
 * the protocol. NULL for every other failure. */
static char *
describe_bad_answer (const PpTransferFacts *facts)
{
  const char *message = facts->curl_message ? facts->curl_message : "";
  g_autofree char *who = NULL;

  /* libcurl counts a tunnel as connected only once it is up. */
  if (facts->tunnel && facts->connect_code < 300 && proxy_was_reached (facts))
    {
      char *tunnel = describe_bad_tunnel (facts);

      if (tunnel != NULL || facts->connect_code / 100 != 2)
        return tunnel;
    }

  who = answerer_words (facts);
  if (facts->curl_code == CURLE_OPERATION_TIMEDOUT && facts->response_code == 101)
    return g_strdup_printf ("%s answered 101 Switching Protocols, which was not asked for, "
                            "then no HTTP answer", who);
  if (!facts->connected || facts->curl_code == CURLE_OPERATION_TIMEDOUT)
    return NULL;
  /* Debian's libcurl 7.88 caps the headers of one answer at 300 KB. */
  if (strstr (message, "Too large response headers") != NULL)
    return g_strdup_printf ("%s sent more headers than a client accepts (over 300 KB in all)",
                            who);

  switch (facts->curl_code)
    {
    case CURLE_OUT_OF_MEMORY:
      /* libcurl's answer to a header line over its 100 KB limit. */
      return g_strdup_printf ("%s sent a header line too large to accept (over 100 KB)", who);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
      return g_strdup_printf ("%s did not answer in HTTP (%s)", who, message);
    case CURLE_GOT_NOTHING:
      return g_strdup_printf ("%s closed the connection without answering", who);
    case CURLE_PARTIAL_FILE:
      return g_strdup_printf ("%s closed the connection before its answer was complete (%s)",
                              who, message);
    case CURLE_RECV_ERROR:
      if (strstr (message, "reset by peer") != NULL)
        return g_strdup_printf ("%s reset the connection before its answer was complete", who);
      return g_strdup_printf ("%s sent a broken answer (%s)", who, message);
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return g_strdup_printf ("%s sent a broken answer (%s)", who, message);
    default:
      return NULL;
    }
}

/* A redirect to file:, gopher: or anything else but http and https is
 * refused (CURLOPT_REDIR_PROTOCOLS_STR): the status is the answer. */
static gboolean
classify_refused_redirect (const PpTransferFacts *facts,
                           PpClassification      *out)
{
  g_autofree char *who = NULL;

  if (facts->curl_code != CURLE_UNSUPPORTED_PROTOCOL || facts->response_code < 300 ||
      facts->response_code > 399 || facts->location == NULL)
    return FALSE;

  who = answerer_words (facts);
  out->outcome = PP_OUTCOME_UNEXPECTED_STATUS;
  out->http_status = facts->response_code;
  out->answered_by = facts->http_proxy && !facts->tunnel ? PP_ANSWERER_UNKNOWN
                                                         : PP_ANSWERER_ORIGIN;
  out->detail = g_strdup_printf ("%s redirected to %s, which is not http or https: not followed",
                                 who, facts->location);

  return TRUE;
}

static gboolean
classify_failure_honestly (const PpTransferFacts *facts,
                           PpClassification      *out)
{
  const char *shortage = local_shortage (facts);
  char *bad_answer;

  if (shortage != NULL)
    {
      out->outcome = PP_OUTCOME_LOCAL_RESOURCES;
      out->detail = g_strdup_printf ("this computer ran out of %s: the probe never reached "
                                     "the network (%s)", shortage,
                                     facts->curl_message ? facts->curl_message : "");
      return TRUE;
    }

  if (classify_refused_redirect (facts, out))
    return TRUE;

  bad_answer = describe_bad_answer (facts);
  if (bad_answer == NULL)
    return FALSE;

  out->outcome = PP_OUTCOME_BAD_ANSWER;
  out->detail = bad_answer;

  return TRUE;
}

/* libcurl reads any number as a status; HTTP has none above 599. */
static void
classify_impossible_status (const PpTransferFacts *facts,
                            PpClassification      *out)
{
  g_autofree char *who = answerer_words (facts);

  out->outcome = PP_OUTCOME_BAD_ANSWER;
  if (facts->connect_code > MAX_HTTP_STATUS)
    out->detail = g_strdup_printf ("the proxy %s answered CONNECT with status %u, which HTTP "
                                   "does not have", facts->proxy_name, facts->connect_code);
  else
    out->detail = g_strdup_printf ("%s answered with status %u, which HTTP does not have",
                                   who, facts->response_code);
}

/* A peer that took the connection and then kept us waiting: a silent
 * or dripping server, a TLS handshake never answered, a proxy that sits
 * on CONNECT. Who it was matters more than libcurl's byte count. */
static char *
describe_timeout (const PpTransferFacts *facts)
{
  const char *message = facts->curl_message ? facts->curl_message : "";
  g_autofree char *who = NULL;

  if (facts->tunnel && facts->connect_code == 0)
    return g_strdup_printf ("the proxy %s accepted the connection but did not answer "
                            "CONNECT in time (%s)", facts->proxy_name, message);
  who = facts->tunnel || !facts->http_proxy
        ? g_strdup_printf ("the server %s", facts->server_name ? facts->server_name : "")
        : g_strdup_printf ("the proxy %s (or the server behind it)", facts->proxy_name);
  if (facts->curl_code == CURLE_OPERATION_TIMEDOUT && strstr (message, "SSL") != NULL)
    return g_strdup_printf ("%s accepted the connection but did not complete the TLS "
                            "handshake in time (%s)", who, message);

  return g_strdup_printf ("%s accepted the connection but sent no complete answer in time (%s)",
                          who, message);
}

/* The outcome of one transfer; returns the evidence that decided it, for
 * the debug log. */
static const char *
classify_facts (const PpTransferFacts *facts,
                const PpEndpoint      *endpoint,
                PpClassification      *out)
{
  if (facts->connect_code > MAX_HTTP_STATUS || facts->response_code > MAX_HTTP_STATUS)
    {
      classify_impossible_status (facts, out);
      return "a status HTTP does not have";
    }

  if (facts->connect_code >= 300)
    {
      classify_proxy_answer (facts, facts->connect_code, TRUE, NULL, out);
      return "the proxy's answer to CONNECT";
    }
  out->connect_status = facts->connect_code;

  if (facts->curl_code == CURLE_OK && facts->response_code > 0)
    return classify_answer (facts, endpoint, out);

  if (classify_failure_honestly (facts, out))
    return "a local shortage, a refused redirect or a malformed answer";

  if (pp_classify_name_failure (facts, out))
    return "the name look-up: how far it got, how long it ran";

  out->outcome = outcome_from_curl_code (facts);
  if (facts->curl_code == CURLE_OPERATION_TIMEDOUT &&
      (out->outcome == PP_OUTCOME_TIMEOUT || out->outcome == PP_OUTCOME_TLS_FAILED ||
       (facts->tunnel && strstr (facts->curl_message ? facts->curl_message : "", "CONNECT"))))
    {
      out->detail = describe_timeout (facts);
      return "libcurl's timeout and how far the transfer got";
    }
  if ((facts->curl_code == CURLE_COULDNT_CONNECT || facts->curl_code == CURLE_OPERATION_TIMEDOUT) &&
      (out->outcome == PP_OUTCOME_CONNECT_REFUSED || out->outcome == PP_OUTCOME_CONNECT_TIMEOUT ||
       out->outcome == PP_OUTCOME_PROXY_UNREACHABLE))
    {
      out->detail = pp_classify_describe_unreached (facts);
      return "libcurl's error code and the socket's errno";
    }
  if (out->outcome == PP_OUTCOME_UNEXPECTED_STATUS && facts->curl_code == CURLE_TOO_MANY_REDIRECTS)
    {
      g_autofree char *who = answerer_words (facts);

      out->detail = g_strdup_printf ("%s kept redirecting: %s (a redirect loop?)", who,
                                     facts->curl_message ? facts->curl_message : "");
      return "libcurl's redirect limit";
    }
  out->detail = g_strdup_printf ("%s%s%s (curl error %d)",
                                 facts->curl_message ? facts->curl_message : "",
                                 facts->via_proxy ? " via " : "",
                                 facts->via_proxy ? facts->proxy_name : "",
                                 facts->curl_code);
  return "libcurl's error code";
}

/* Decides the outcome of one transfer. A status that came from the proxy
 * (407, a refused CONNECT, an error page marked by X-Squid-Error,
 * Proxy-Status, Proxy-Agent or a proxy's Server header, or one that a
 * tunnel showed to differ from the server's) is recorded as the proxy's
 * and never as the origin's. A pure function of @facts: no I/O beyond
 * the debug log. */
void
pp_classify (const PpTransferFacts *given,
             const PpEndpoint      *endpoint,
             PpClassification      *out)
{
  PpTransferFacts named;
  const PpTransferFacts *facts = &named;
  const char *evidence;

  g_return_if_fail (given != NULL && endpoint != NULL && out != NULL);

  /* Every sentence below may name the peers: never with a NULL. */
  named = *given;
  named.proxy_name = given->proxy_name ? given->proxy_name : "";
  named.server_name = given->server_name ? given->server_name : "";
  named.curl_message = given->curl_message ? given->curl_message : "";
  memset (out, 0, sizeof *out);

  evidence = classify_facts (facts, endpoint, out);
  pp_debug ("%s%s%s: %s, decided by %s: %s", facts->server_name,
            facts->via_proxy ? " via " : "", facts->via_proxy ? facts->proxy_name : "",
            pp_outcome_to_id (out->outcome), evidence, out->detail ? out->detail : "");
}
