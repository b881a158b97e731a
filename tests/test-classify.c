/* test-classify.c: pp-classify, a transfer's facts named as an outcome, without any network
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#include "pp-classify.h"

static PpEndpoint *
endpoint_expecting (guint status)
{
  return pp_endpoint_new ("https://service.test/", "Test", "GET", &status, 1, "system", NULL);
}

static void
classify (const PpTransferFacts *facts,
          guint                  expected_status,
          PpOutcome              outcome,
          PpClassification      *out)
{
  g_autoptr(PpEndpoint) endpoint = endpoint_expecting (expected_status);

  pp_classify (facts, endpoint, out);
  g_assert_cmpstr (pp_outcome_to_id (out->outcome), ==, pp_outcome_to_id (outcome));
  g_assert_nonnull (out->detail);
}

static void
test_classify_statuses (void)
{
  PpClassification c;

  classify (&(PpTransferFacts) { .response_code = 404 }, 404, PP_OUTCOME_OK, &c);
  g_assert_cmpuint (c.http_status, ==, 404);
  g_free (c.detail);

  classify (&(PpTransferFacts) { .response_code = 503 }, 200, PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_assert_cmpuint (c.http_status, ==, 503);
  g_free (c.detail);

  /* Through a SOCKS proxy every status is the origin's: it relays bytes. */
  classify (&(PpTransferFacts) { .response_code = 403, .via_proxy = TRUE }, 200,
            PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_assert_cmpuint (c.http_status, ==, 403);
  g_assert_cmpint (c.answered_by, ==, PP_ANSWERER_ORIGIN);
  g_free (c.detail);
}

/* Issue 13: a plain-http status through an HTTP proxy is nobody's until
 * there is evidence: a marker, a Via, or the same request in a tunnel. */
static void
test_classify_unmarked_proxy_answers (void)
{
  PpTransferFacts plain = { .response_code = 403, .via_proxy = TRUE, .http_proxy = TRUE,
                            .connected = TRUE, .proxy_name = "http://p:3128" };
  PpTransferFacts facts;
  PpClassification c;

  facts = plain;
  classify (&facts, 200, PP_OUTCOME_UNATTRIBUTED, &c);
  g_assert_cmpuint (c.http_status, ==, 0);
  g_assert_cmpuint (c.ambiguous_status, ==, 403);
  g_assert_cmpint (c.answered_by, ==, PP_ANSWERER_UNKNOWN);
  g_assert_true (pp_classify_needs_tunnel_check (&facts, &c));
  g_free (c.detail);

  /* Even the expected status is no success without evidence. */
  facts.response_code = 200;
  classify (&facts, 200, PP_OUTCOME_UNATTRIBUTED, &c);
  g_free (c.detail);

  facts = plain;
  facts.tunnel_checked = TRUE;
  facts.tunnel_connect_code = 403;
  classify (&facts, 200, PP_OUTCOME_UNATTRIBUTED, &c);
  g_assert_false (pp_classify_needs_tunnel_check (&facts, &c));
  g_assert_nonnull (strstr (c.detail, "answered by the proxy or the origin — cannot tell over plain HTTP"));
  g_assert_nonnull (strstr (c.detail, "refused a tunnel to compare with 403"));
  g_free (c.detail);

  facts.tunnel_connect_code = 200;
  facts.tunnel_status = 200;
  classify (&facts, 200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_assert_cmpuint (c.proxy_status, ==, 403);
  g_assert_cmpint (c.answered_by, ==, PP_ANSWERER_PROXY);
  g_free (c.detail);

  facts.tunnel_status = 403;
  classify (&facts, 404, PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_assert_cmpuint (c.http_status, ==, 403);
  g_assert_cmpint (c.answered_by, ==, PP_ANSWERER_ORIGIN);
  g_free (c.detail);

  /* The check got its answer without any CONNECT: no proxy was used. */
  facts.tunnel_connect_code = 0;
  facts.tunnel_status = 200;
  classify (&facts, 404, PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_assert_cmpint (c.answered_by, ==, PP_ANSWERER_ORIGIN);
  g_free (c.detail);

  /* A proxy that says it passed the answer on. */
  facts = plain;
  facts.via = "1.1 corp-proxy";
  classify (&facts, 200, PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_assert_cmpuint (c.http_status, ==, 403);
  g_free (c.detail);
  facts.response_code = 502;
  classify (&facts, 200, PP_OUTCOME_UNATTRIBUTED, &c);
  g_free (c.detail);

  /* The proxy's own marks on the page. */
  facts = plain;
  facts.server = "Zscaler/6.2";
  classify (&facts, 200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_assert_nonnull (strstr (c.detail, "Server: Zscaler/6.2"));
  g_free (c.detail);
  facts = plain;
  facts.response_code = 502;
  facts.proxy_agent = "ExampleGate";
  classify (&facts, 200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_assert_cmpuint (c.proxy_status, ==, 502);
  g_free (c.detail);
  facts = plain;
  facts.body_start = "<html><title>Zscaler: Website blocked</title>";
  classify (&facts, 200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_free (c.detail);
  /* An origin's nginx is no proxy mark. */
  facts = plain;
  facts.server = "nginx";
  classify (&facts, 200, PP_OUTCOME_UNATTRIBUTED, &c);
  g_free (c.detail);

  /* Through a tunnel the answer is the server's. */
  facts = plain;
  facts.tunnel = TRUE;
  facts.connect_code = 200;
  classify (&facts, 200, PP_OUTCOME_UNEXPECTED_STATUS, &c);
  g_free (c.detail);
}

/* Issue 13: who failed and what happened, never libcurl's view of itself. */
static void
test_classify_honest_failures (void)
{
  static const struct {
    PpTransferFacts facts;
    PpOutcome outcome;
    const char *words;
    const char *not_words;
  } cases[] = {
    { { .curl_code = CURLE_COULDNT_CONNECT, .os_errno = EMFILE,
        .curl_message = "Failed to connect to h port 80 after 0 ms: Couldn't connect to server" },
      PP_OUTCOME_LOCAL_RESOURCES, "this computer ran out of file descriptors", NULL },
    { { .curl_code = CURLE_COULDNT_CONNECT, .os_errno = ENFILE, .via_proxy = TRUE, .http_proxy = TRUE,
        .proxy_name = "http://p:3128" },
      PP_OUTCOME_LOCAL_RESOURCES, "file descriptors", NULL },
    { { .curl_code = CURLE_COULDNT_RESOLVE_HOST, .curl_message = "getaddrinfo() thread failed to start" },
      PP_OUTCOME_LOCAL_RESOURCES, "this computer ran out of", NULL },
    { { .curl_code = CURLE_OUT_OF_MEMORY },
      PP_OUTCOME_LOCAL_RESOURCES, "this computer ran out of memory", NULL },
    { { .curl_code = CURLE_OUT_OF_MEMORY, .connected = TRUE, .server_name = "h:80",
        .curl_message = "Out of memory" },
      PP_OUTCOME_BAD_ANSWER, "the server h:80 sent a header line too large", "Out of memory" },
    { { .curl_code = CURLE_BAD_FUNCTION_ARGUMENT, .via_proxy = TRUE, .http_proxy = TRUE,
        .tunnel = TRUE, .proxy_name = "http://p:3128",
        .curl_message = "A libcurl function was given a bad argument" },
      PP_OUTCOME_BAD_ANSWER, "the proxy http://p:3128 did not answer CONNECT in HTTP", "bad argument" },
    { { .curl_code = CURLE_RECV_ERROR, .via_proxy = TRUE, .http_proxy = TRUE, .tunnel = TRUE,
        .proxy_name = "http://p:3128", .curl_message = "Proxy CONNECT aborted" },
      PP_OUTCOME_BAD_ANSWER, "closed the connection without a valid answer to CONNECT", NULL },
    { { .curl_code = CURLE_RECV_ERROR, .connect_code = 3567587328u, .via_proxy = TRUE,
        .http_proxy = TRUE, .tunnel = TRUE, .proxy_name = "http://p:3128" },
      PP_OUTCOME_BAD_ANSWER, "answered CONNECT with status 3567587328, which HTTP does not have", NULL },
    { { .response_code = 1000, .connected = TRUE, .server_name = "h:80" },
      PP_OUTCOME_BAD_ANSWER, "the server h:80 answered with status 1000", NULL },
    { { .curl_code = CURLE_SSL_CONNECT_ERROR, .connect_code = 200, .via_proxy = TRUE,
        .http_proxy = TRUE, .tunnel = TRUE, .proxy_name = "http://p:3128",
        .curl_message = "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to h:443" },
      PP_OUTCOME_BAD_ANSWER, "the proxy http://p:3128 accepted the tunnel (CONNECT 200), then", NULL },
    /* A real TLS failure behind a working tunnel stays one. */
    { { .curl_code = CURLE_SSL_CONNECT_ERROR, .connect_code = 200, .via_proxy = TRUE,
        .http_proxy = TRUE, .tunnel = TRUE, .proxy_name = "http://p:3128",
        .curl_message = "OpenSSL: error:0A000410:SSL routines::sslv3 alert handshake failure" },
      PP_OUTCOME_TLS_FAILED, "handshake failure", NULL },
    { { .curl_code = CURLE_GOT_NOTHING, .connected = TRUE, .server_name = "h:80" },
      PP_OUTCOME_BAD_ANSWER, "the server h:80 closed the connection without answering", NULL },
    { { .curl_code = CURLE_RECV_ERROR, .connected = TRUE, .server_name = "h:80",
        .curl_message = "Recv failure: Connection reset by peer" },
      PP_OUTCOME_BAD_ANSWER, "the server h:80 reset the connection", NULL },
    { { .curl_code = CURLE_UNSUPPORTED_PROTOCOL, .connected = TRUE, .response_code = 302,
        .server_name = "h:80", .location = "file:///etc/passwd" },
      PP_OUTCOME_UNEXPECTED_STATUS, "redirected to file:///etc/passwd, which is not http or https", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PpClassification c;

      classify (&cases[i].facts, 200, cases[i].outcome, &c);
      g_assert_nonnull (strstr (c.detail, cases[i].words));
      if (cases[i].not_words)
        g_assert_null (strstr (c.detail, cases[i].not_words));
      g_free (c.detail);
    }
}

static void
test_classify_proxy_answers (void)
{
  PpClassification c;

  classify (&(PpTransferFacts) { .curl_code = CURLE_RECV_ERROR, .connect_code = 407,
                                 .via_proxy = TRUE, .connected = TRUE },
            200, PP_OUTCOME_PROXY_AUTH_REQUIRED, &c);
  g_assert_cmpuint (c.connect_status, ==, 407);
  g_assert_cmpuint (c.http_status, ==, 0);
  g_free (c.detail);

  classify (&(PpTransferFacts) { .response_code = 403, .via_proxy = TRUE,
                                 .squid_error = "ERR_ACCESS_DENIED 0" },
            200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_assert_cmpuint (c.proxy_status, ==, 403);
  g_assert_cmpuint (c.http_status, ==, 0);
  g_assert_nonnull (strstr (c.detail, "ERR_ACCESS_DENIED"));
  g_free (c.detail);

  classify (&(PpTransferFacts) { .curl_code = CURLE_RECV_ERROR, .connect_code = 503,
                                 .via_proxy = TRUE, .squid_error = "ERR_DNS_FAIL 0" },
            200, PP_OUTCOME_DNS_FAILED, &c);
  g_assert_cmpuint (c.connect_status, ==, 503);
  g_free (c.detail);

  /* "ERR_CONNECT_FAIL 1101" is not "ERR_CONNECT_FAIL 110". */
  classify (&(PpTransferFacts) { .response_code = 503, .via_proxy = TRUE,
                                 .squid_error = "ERR_CONNECT_FAIL 110" },
            200, PP_OUTCOME_CONNECT_TIMEOUT, &c);
  g_free (c.detail);
  classify (&(PpTransferFacts) { .response_code = 503, .via_proxy = TRUE,
                                 .squid_error = "ERR_CONNECT_FAIL 111" },
            200, PP_OUTCOME_CONNECT_REFUSED, &c);
  g_free (c.detail);
  classify (&(PpTransferFacts) { .response_code = 502, .via_proxy = TRUE,
                                 .squid_error = "ERR_READ_ERROR 104" },
            200, PP_OUTCOME_PROXY_REFUSED, &c);
  g_free (c.detail);

  classify (&(PpTransferFacts) { .response_code = 502, .via_proxy = TRUE,
                                 .proxy_status = "corp-proxy; error=connection_refused" },
            200, PP_OUTCOME_CONNECT_REFUSED, &c);
  g_assert_cmpuint (c.proxy_status, ==, 502);
  g_free (c.detail);
}

static void
test_classify_curl_codes (void)
{
  static const struct {
    PpTransferFacts facts;
    PpOutcome outcome;
  } cases[] = {
    { { .curl_code = CURLE_COULDNT_RESOLVE_HOST }, PP_OUTCOME_DNS_FAILED },
    { { .curl_code = CURLE_COULDNT_RESOLVE_PROXY, .via_proxy = TRUE }, PP_OUTCOME_PROXY_UNREACHABLE },
    { { .curl_code = CURLE_COULDNT_CONNECT }, PP_OUTCOME_CONNECT_REFUSED },
    { { .curl_code = CURLE_COULDNT_CONNECT, .via_proxy = TRUE }, PP_OUTCOME_PROXY_UNREACHABLE },
    { { .curl_code = CURLE_OPERATION_TIMEDOUT }, PP_OUTCOME_CONNECT_TIMEOUT },
    { { .curl_code = CURLE_OPERATION_TIMEDOUT, .connected = TRUE }, PP_OUTCOME_TIMEOUT },
    { { .curl_code = CURLE_OPERATION_TIMEDOUT, .via_proxy = TRUE }, PP_OUTCOME_PROXY_UNREACHABLE },
    { { .curl_code = CURLE_PEER_FAILED_VERIFICATION }, PP_OUTCOME_TLS_FAILED },
    { { .curl_code = CURLE_SSL_CONNECT_ERROR }, PP_OUTCOME_TLS_FAILED },
    { { .curl_code = CURLE_ABORTED_BY_CALLBACK }, PP_OUTCOME_CANCELLED },
    { { .curl_code = CURLE_PROXY, .proxy_error = CURLPX_RESOLVE_HOST, .via_proxy = TRUE }, PP_OUTCOME_DNS_FAILED },
    { { .curl_code = CURLE_PROXY, .proxy_error = CURLPX_REPLY_GENERAL_SERVER_FAILURE, .via_proxy = TRUE }, PP_OUTCOME_PROXY_REFUSED },
    { { .curl_code = CURLE_GOT_NOTHING, .connected = TRUE }, PP_OUTCOME_BAD_ANSWER },
    { { .curl_code = CURLE_SEND_ERROR }, PP_OUTCOME_ERROR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PpClassification c;

      classify (&cases[i].facts, 200, cases[i].outcome, &c);
      g_assert_cmpuint (c.http_status, ==, 0);
      g_free (c.detail);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classify/statuses", test_classify_statuses);
  g_test_add_func ("/classify/proxy-answers", test_classify_proxy_answers);
  g_test_add_func ("/classify/curl-codes", test_classify_curl_codes);
  g_test_add_func ("/classify/unmarked-proxy-answers", test_classify_unmarked_proxy_answers);
  g_test_add_func ("/classify/honest-failures", test_classify_honest_failures);

  return g_test_run ();
}
