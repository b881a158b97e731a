/* test-units.c: the pure parts of the core, without any network
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <curl/curl.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "pp-classify.h"
#include "pp-curl-env.h"
#include "pp-file.h"
#include "pp-method.h"
#include "pp-named-proxy.h"
#include "pp-proxy-spec.h"
#include "pp-redact.h"

static PpEndpoint *
endpoint_expecting (guint status)
{
  return pp_endpoint_new ("https://service.test/", "Test", "GET", &status, 1, "system", NULL);
}

static void
test_proxy_spec_forms (void)
{
  static const struct {
    const char *text;
    const char *url;
    const char *display;
  } cases[] = {
    { "proxy.corp:8080", "http://proxy.corp:8080", "http://proxy.corp:8080" },
    { "http://proxy.corp:3128", "http://proxy.corp:3128", "http://proxy.corp:3128" },
    { "socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080" },
    { "[::1]:3128", "http://[::1]:3128", "http://[::1]:3128" },
    { "http://bob:s3cret@proxy.corp:3128", "http://bob:s3cret@proxy.corp:3128",
      "http://bob:***@proxy.corp:3128" },
    { "https://proxy.corp", "https://proxy.corp:443", "https://proxy.corp:443" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (cases[i].text, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (spec->url, ==, cases[i].url);
      g_assert_cmpstr (spec->display, ==, cases[i].display);
    }
}

static void
test_proxy_spec_rejects (void)
{
  static const struct {
    const char *text;
    gboolean require_port;
    int code;
    const char *mentions;
  } cases[] = {
    { "", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "empty" },
    { "ftp://proxy.corp:21", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "ftp" },
    { "http://proxy.corp", TRUE, PP_PROXY_SPEC_ERROR_NO_PORT, "no port" },
    { "proxy.corp", FALSE, PP_PROXY_SPEC_ERROR_NO_PORT, "no port" },
    { "http://<proxy>:<port>", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "host:port", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "http://proxy.example.com:8080", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "http://u:topsecret@:8080", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "u:***@" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (cases[i].text, cases[i].require_port, &error);

      g_assert_null (spec);
      g_assert_error (error, PP_PROXY_SPEC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_assert_null (strstr (error->message, "topsecret"));
    }
}

static void
test_redact (void)
{
  g_autofree char *a = pp_redact ("via http://u:pw@h:1/x and socks5://v:pw2@k:2 end");
  g_autofree char *b = pp_redact ("http://only-host:8080/path?user=a:b@c");

  g_assert_cmpstr (a, ==, "via http://u:***@h:1/x and socks5://v:***@k:2 end");
  g_assert_cmpstr (b, ==, "http://only-host:8080/path?user=a:b@c");
}

static void
test_curl_env_choice (void)
{
  static const struct {
    const char *env[4];
    const char *url;
    const char *variable;
    const char *no_proxy_match;
  } cases[] = {
    /* libcurl never reads upper-case HTTP_PROXY. */
    { { "HTTP_PROXY=http://a:1", NULL }, "http://x.test/", NULL, NULL },
    { { "http_proxy=http://a:1", NULL }, "http://x.test/", "http_proxy", NULL },
    /* ...and never uses http_proxy for https URLs. */
    { { "http_proxy=http://a:1", NULL }, "https://x.test/", NULL, NULL },
    { { "HTTPS_PROXY=http://a:1", NULL }, "https://x.test/", "HTTPS_PROXY", NULL },
    { { "https_proxy=http://a:1", "HTTPS_PROXY=http://b:2", NULL }, "https://x.test/", "https_proxy", NULL },
    { { "all_proxy=http://a:1", NULL }, "https://x.test/", "all_proxy", NULL },
    { { "https_proxy=http://a:1", "no_proxy=.x.test", NULL }, "https://x.test/", NULL, ".x.test" },
    { { "https_proxy=http://a:1", "no_proxy=x.test", NULL }, "https://a.x.test/", NULL, "x.test" },
    { { "https_proxy=http://a:1", "no_proxy=ax.test", NULL }, "https://x.test/", "https_proxy", NULL },
    { { "https_proxy=http://a:1", "NO_PROXY=10.0.0.0/8", NULL }, "https://10.1.2.3/", NULL, "10.0.0.0/8" },
    { { "https_proxy=http://a:1", "no_proxy=*", NULL }, "https://x.test/", NULL, "*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PpCurlEnvReading reading;

      pp_curl_env_read (cases[i].env, cases[i].url, &reading);
      g_assert_cmpstr (reading.variable, ==, cases[i].variable);
      g_assert_cmpstr (reading.no_proxy_match, ==, cases[i].no_proxy_match);
      pp_curl_env_reading_clear (&reading);
    }
}

static void
test_curl_env_warnings (void)
{
  const char *upper_only[] = { "HTTP_PROXY=http://a:1", NULL };
  const char *http_only[] = { "http_proxy=http://a:1", NULL };
  const char *fine[] = { "https_proxy=http://a:1", NULL };
  g_autoptr(GPtrArray) w1 = pp_curl_env_warnings (upper_only);
  g_autoptr(GPtrArray) w2 = pp_curl_env_warnings (http_only);
  g_autoptr(GPtrArray) w3 = pp_curl_env_warnings (fine);

  g_assert_cmpuint (w1->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w1, 0), "upper-case"));
  g_assert_cmpuint (w2->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w2, 0), "https_proxy"));
  g_assert_cmpuint (w3->len, ==, 0);
  g_assert_false (pp_curl_env_is_configured (upper_only));
  g_assert_true (pp_curl_env_is_configured (fine));
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

static void
test_method_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) methods = pp_method_parse_list ("env, direct,DEFAULT", &error);
  g_autoptr(GArray) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (methods->len, ==, 3);
  g_assert_cmpint (g_array_index (methods, PpMethod, 0), ==, PP_METHOD_DEFAULT);
  g_assert_cmpint (g_array_index (methods, PpMethod, 1), ==, PP_METHOD_DIRECT);
  g_assert_cmpint (g_array_index (methods, PpMethod, 2), ==, PP_METHOD_ENV);
  g_assert_cmpuint (pp_method_get_number (PP_METHOD_CMDLINE), ==, 5);
  g_assert_cmpstr (pp_method_get_label (PP_METHOD_WPAD), ==, "Proxy auto discovery (WPAD)");

  bad = pp_method_parse_list ("direct,pac", &error);
  g_assert_null (bad);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "'pac'"));
}

static char *
write_managed (const char *dir,
               const char *json)
{
  char *path = g_build_filename (dir, "mdatp_managed.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));

  return path;
}

static void
test_named_proxy_file_too_large (const char *dir)
{
  g_autofree char *json = g_strnfill (1024 * 1024 + 1, ' ');
  g_autofree char *path = write_managed (dir, json);
  PpNamedProxy named = { 0 };

  pp_named_proxy_read_managed (path, &named);
  g_assert_null (named.spec);
  g_assert_nonnull (strstr (named.problem, "larger than 1 MiB, which is not a Defender configuration"));
  pp_named_proxy_clear (&named);
  g_unlink (path);
}

static void
test_named_proxy_file (void)
{
  static const struct {
    const char *json;
    gboolean has_spec;
    const char *problem;
  } cases[] = {
    { "{\"cloudService\": {\"proxy\": \"http://10.1.1.1:8080\"}}", TRUE, NULL },
    { "{\"cloudService\": {\"proxy\": \"\"}}", FALSE, "empty" },
    { "{\"cloudService\": {\"proxy\": \"http://proxy:port\"}}", FALSE, "placeholder" },
    { "{\"cloudService\": {\"proxy\": \"http://10.1.1.1\"}}", FALSE, "no port" },
    { "{\"cloudService\": {\"proxy\": 8080}}", FALSE, "not a string" },
    { "{\"cloudService\": {\"proxy\": ", FALSE, "cannot be read" },
    { "{\"cloudService\": {}}", FALSE, NULL },
  };
  g_autofree char *dir = g_dir_make_tmp ("pp-named-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_managed (dir, cases[i].json);
      PpNamedProxy named = { 0 };

      pp_named_proxy_read_managed (path, &named);
      g_assert_cmpint (named.spec != NULL, ==, cases[i].has_spec);
      if (cases[i].problem)
        g_assert_nonnull (strstr (named.problem, cases[i].problem));
      else
        g_assert_null (named.problem);
      pp_named_proxy_clear (&named);
      g_unlink (path);
    }
  test_named_proxy_file_too_large (dir);
  g_rmdir (dir);
}

/* Profiles, URL lists and the agent's file are read with a bound, also
 * from a device that never ends, and say which error it was. */
static void
test_file_read_bounded (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pp-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "four", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "four", 4, NULL));
  contents = pp_file_read_bounded (path, 4, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 4);
  g_assert_cmpstr (contents, ==, "four");
  g_clear_pointer (&contents, g_free);

  contents = pp_file_read_bounded (path, 3, &length, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the file is larger than 3 bytes");
  g_assert_null (contents);
  g_clear_error (&error);

  /* Not read at all: it is no regular file (test-inputs has the rest). */
  contents = pp_file_read_bounded ("/dev/zero", 100000, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  contents = pp_file_read_bounded (missing, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  contents = pp_file_read_bounded (dir, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_null (contents);

  g_unlink (path);
  g_rmdir (dir);
}

/* The window runs the rows it already shows when a new plan's endpoints
 * are all equal to theirs: any field that differs must count. */
static void
test_endpoint_equal (void)
{
  static const guint ok[] = { 200 }, ok_or_204[] = { 200, 204 }, created[] = { 201 };
  g_autoptr(PpEndpoint) a = pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "US");
  g_autoptr(PpEndpoint) same = pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "US");
  /* "Any status" has no codes to compare: no memcmp of NULL (UBSan). */
  g_autoptr(PpEndpoint) any = pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US");
  g_autoptr(PpEndpoint) any_too = pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US");
  PpEndpoint *different[] = {
    pp_endpoint_new ("https://b.test/", "A", "GET", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "B", "GET", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "HEAD", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok_or_204, 2, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", created, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "pinned:mde", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "EU"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", NULL),
  };

  g_assert_true (pp_endpoint_equal (a, a));
  g_assert_true (pp_endpoint_equal (a, same));
  g_assert_true (pp_endpoint_equal (any, any_too));
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_assert_false (pp_endpoint_equal (a, different[i]));
      g_assert_false (pp_endpoint_equal (different[i], a));
      pp_endpoint_unref (different[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proxy-spec/forms", test_proxy_spec_forms);
  g_test_add_func ("/endpoint/equal", test_endpoint_equal);
  g_test_add_func ("/proxy-spec/rejects", test_proxy_spec_rejects);
  g_test_add_func ("/proxy-spec/redact", test_redact);
  g_test_add_func ("/curl-env/choice", test_curl_env_choice);
  g_test_add_func ("/curl-env/warnings", test_curl_env_warnings);
  g_test_add_func ("/classify/statuses", test_classify_statuses);
  g_test_add_func ("/classify/proxy-answers", test_classify_proxy_answers);
  g_test_add_func ("/classify/curl-codes", test_classify_curl_codes);
  g_test_add_func ("/classify/unmarked-proxy-answers", test_classify_unmarked_proxy_answers);
  g_test_add_func ("/classify/honest-failures", test_classify_honest_failures);
  g_test_add_func ("/method/list", test_method_list);
  g_test_add_func ("/named-proxy/file", test_named_proxy_file);
  g_test_add_func ("/file/read-bounded", test_file_read_bounded);

  return g_test_run ();
}
