/* test-classify-path.c: what stood on a probe's path, from real components:
 * a transparent (intercepting) squid behind an nftables redirect, and a DNS
 * server that never answers, both in the test's own network namespace
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pp-classify.h"
#include "pp-profile-urls.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-run-results-json.h"
#include "pp-test-probe.h"
#include "pp-transparent.h"

/* The resolver of this test: glibc asks it for every name libcurl looks
 * up, through an /etc/resolv.conf of the test's own mount namespace. */
#define NAME_SERVER "127.0.0.53"
#define SILENT_NAME "silent.corp.test"
#define SILENT_PROXY "silent-proxy.corp.test"
#define MISSING_PROXY "gone-proxy.corp.test"

static PpTestbed *testbed;
static PpTestbedDns *dns;
static char *resolv_conf;      /* the file bound over /etc/resolv.conf, or NULL */
static char *no_resolver;      /* why there is none */

/* Rewritten in place: the bind mount holds the inode, and glibc notices
 * the change of size and time. */
static void
write_resolv_conf (guint timeout_s)
{
  FILE *file = fopen (resolv_conf, "w");

  g_assert_nonnull (file);
  fprintf (file, "nameserver " NAME_SERVER "\noptions timeout:%u attempts:1%s\n", timeout_s,
           timeout_s == 1 ? " # short" : "");
  g_assert_cmpint (fclose (file), ==, 0);
}

static gboolean
bind_resolv_conf (GError **error)
{
  int fd = g_file_open_tmp ("pp-resolv-XXXXXX.conf", &resolv_conf, error);

  if (fd < 0)
    return FALSE;
  close (fd);
  write_resolv_conf (5);
  if (mount (resolv_conf, "/etc/resolv.conf", NULL, MS_BIND, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "cannot bind %s over /etc/resolv.conf: %s", resolv_conf, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/* Before any thread exists: a multi-threaded process cannot unshare its
 * mount namespace. Only inside tests/run-isolated's network namespace, so
 * that the server at 127.0.0.53 is this test's and no query leaves. */
static gboolean
use_own_resolver (GError **error)
{
  if (g_getenv ("PP_TEST_ISOLATED") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "needs the test's own network namespace (tests/run-isolated)");
      return FALSE;
    }
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "needs a mount namespace of its own: %s", g_strerror (errno));
      return FALSE;
    }

  return bind_resolv_conf (error);
}

static void
start_dns (void)
{
  g_autoptr(GError) error = NULL;

  if (no_resolver != NULL)
    return;
  dns = pp_testbed_dns_start (NAME_SERVER, 53, &error);
  if (dns == NULL)
    {
      no_resolver = g_strdup_printf ("no DNS server of the test's own on " NAME_SERVER ":53: %s",
                                     error->message);
      return;
    }
  pp_testbed_dns_add_silent (dns, SILENT_NAME);
  pp_testbed_dns_add_silent (dns, SILENT_PROXY);
}

static gboolean
resolver_or_skip (void)
{
  if (dns != NULL)
    return TRUE;
  g_test_skip (no_resolver);

  return FALSE;
}

static gboolean
intercept_or_skip (void)
{
  g_autoptr(GError) error = NULL;

  if (pp_testbed_start_intercept (testbed, &error))
    return TRUE;
  g_test_skip (error->message);

  return FALSE;
}

static PpProbeResult *
probe_direct (const char *url,
              gboolean    trust_bump_ca)
{
  return pp_test_probe_run (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT,
                                                      .trust_bump_ca = trust_bump_ca });
}

/* A plain "direct" request answered through the intercepting squid: the
 * origin's 200, and squid's Via on it. */
static void
test_transparent_http (void)
{
  g_autofree char *url = NULL;
  g_autoptr(PpProbeResult) result = NULL;
  g_autofree char *path = NULL;

  if (!intercept_or_skip ())
    return;
  url = pp_testbed_intercepted_url (testbed, "http", "/status/200");
  result = probe_direct (url, FALSE);
  g_test_message ("%s: %s; %s", url, result->detail, result->transparent_proxy);
  g_assert_cmpint (result->outcome, ==, PP_OUTCOME_OK);
  g_assert_cmpstr (result->transparent_proxy, ==, "squid/5.7 (Via header)");
  path = pp_probe_result_describe_path (result);
  g_assert_cmpstr (path, ==, "direct, through a transparent proxy: squid/5.7 (Via header)");
}

/* HTTPS through the bumping squid: with the inspection CA untrusted the
 * chain tells; trusted, the answer's Via does. */
static void
test_transparent_https (void)
{
  g_autofree char *url = NULL;
  g_autoptr(PpProbeResult) untrusted = NULL;
  g_autoptr(PpProbeResult) trusted = NULL;

  if (!intercept_or_skip ())
    return;
  url = pp_testbed_intercepted_url (testbed, "https", "/status/200");
  untrusted = probe_direct (url, FALSE);
  g_test_message ("%s: %s; %s", url, untrusted->detail, untrusted->transparent_proxy);
  g_assert_cmpint (untrusted->outcome, ==, PP_OUTCOME_TLS_INSPECTED);
  g_assert_nonnull (untrusted->transparent_proxy);
  g_assert_true (g_str_has_prefix (untrusted->transparent_proxy, "TLS inspection by "));
  g_assert_true (g_str_has_suffix (untrusted->transparent_proxy, " (certificate chain)"));

  trusted = probe_direct (url, TRUE);
  g_test_message ("%s: %s; %s", url, trusted->detail, trusted->transparent_proxy);
  g_assert_cmpint (trusted->outcome, ==, PP_OUTCOME_OK);
  g_assert_cmpstr (trusted->transparent_proxy, ==, "squid/5.7 (Via header)");
}

static void
assert_names_resolver (const PpProbeResult *result)
{
  g_test_message ("%s", result->detail);
  g_assert_nonnull (strstr (result->detail, "the name server " NAME_SERVER " (/etc/resolv.conf)"));
}

/* A real run through the intercepting squid and the silent resolver,
 * written as report.json and read back: the field and the outcome keep. */
static void
test_real_json_round_trip (void)
{
  g_autofree char *intercepted = NULL;
  const char *urls[3] = { NULL };
  const char *anchors[] = { pp_testbed_get_ca_file (testbed), NULL };
  PpTrustOptions trust_options = { .extra_anchors = anchors, .public_roots = anchors[0] };
  g_autoptr(PpTrust) trust = pp_trust_new (&trust_options, NULL);
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct", NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpRunner) runner = pp_runner_new (config, trust);
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(PpRunResults) results = NULL;
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  PpProbeResult *through, *silent;

  if (!intercept_or_skip () || !resolver_or_skip ())
    return;
  write_resolv_conf (5);
  intercepted = pp_testbed_intercepted_url (testbed, "http", "/status/200");
  urls[0] = intercepted;
  urls[1] = "http://" SILENT_NAME "/";
  profile = pp_profile_new_for_urls (urls, NULL);
  plan = pp_plan_new (profile, methods);
  pp_runner_set_connect_timeout (runner, 1000);
  array = pp_test_probe_run_plan (runner, plan, NULL);
  results = pp_run_results_new_finished (plan, array);
  json = pp_report_json_format (results, config);
  back = pp_run_results_new_from_report_json (json, -1, &error);
  g_assert_no_error (error);

  through = pp_run_results_lookup (back, 0, 0);
  silent = pp_run_results_lookup (back, 1, 0);
  g_assert_cmpint (through->outcome, ==, PP_OUTCOME_OK);
  g_assert_cmpstr (through->transparent_proxy, ==, "squid/5.7 (Via header)");
  g_assert_cmpint (silent->outcome, ==, PP_OUTCOME_DNS_TIMEOUT);
  g_assert_null (silent->transparent_proxy);
  assert_names_resolver (silent);
}

/* The origins themselves, with the intercepting squid running or not:
 * no evidence, no transparent proxy. */
static void
test_no_transparent_proxy (void)
{
  g_autofree char *http = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(PpProbeResult) plain = probe_direct (http, FALSE);
  g_autoptr(PpProbeResult) tls = probe_direct (https, FALSE);
  g_autoptr(PpProbeResult) proxied = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (plain->outcome, ==, PP_OUTCOME_OK);
  g_assert_null (plain->transparent_proxy);
  g_assert_cmpint (tls->outcome, ==, PP_OUTCOME_OK);
  g_assert_null (tls->transparent_proxy);
  path = pp_probe_result_describe_path (plain);
  g_assert_cmpstr (path, ==, "direct");

  /* A proxy that was asked for is not a transparent one, Via or not. */
  proxied = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = http, .method = PP_METHOD_CMDLINE,
                                                            .proxy = squid }, PP_OUTCOME_OK);
  g_assert_null (proxied->transparent_proxy);
}

/* No DNS answer, libcurl's connect timeout (1 s) first: the look-up never
 * finished, so no connection was ever tried. */
static void
test_dns_timeout_by_curl (void)
{
  g_autoptr(PpProbeResult) result = NULL;
  gint64 start;

  if (!resolver_or_skip ())
    return;
  write_resolv_conf (5);
  start = g_get_monotonic_time ();
  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = "http://" SILENT_NAME "/",
                                                           .method = PP_METHOD_DIRECT,
                                                           .connect_timeout_ms = 1000 },
                                 PP_OUTCOME_DNS_TIMEOUT);
  g_test_message ("libcurl: %s; total %" G_GINT64_FORMAT " µs", result->curl_message,
                  result->timings.total);
  assert_names_resolver (result);
  g_assert_nonnull (strstr (result->detail, "the name " SILENT_NAME " got no DNS answer within 1."));
  g_assert_cmpint (result->curl_code, ==, 28);
  /* The probe (and its worker) does not wait for the C library's own
   * 5 s: libcurl 7.88 would join its resolver thread. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* No DNS answer, the C library's timeout (1 s) first: it gives up with
 * "could not resolve", which took as long as no answer does. */
static void
test_dns_timeout_by_resolver (void)
{
  g_autoptr(PpProbeResult) result = NULL;

  if (!resolver_or_skip ())
    return;
  write_resolv_conf (1);
  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = "http://" SILENT_NAME "/",
                                                           .method = PP_METHOD_DIRECT,
                                                           .connect_timeout_ms = 4000 },
                                 PP_OUTCOME_DNS_TIMEOUT);
  write_resolv_conf (5);
  assert_names_resolver (result);
  g_assert_cmpint (result->curl_code, ==, 6);
}

/* A proxy's name: "no such name" at once, and no answer at all. */
static void
test_proxy_name (void)
{
  g_autoptr(PpProbeResult) missing = NULL;
  g_autoptr(PpProbeResult) silent = NULL;
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");

  if (!resolver_or_skip ())
    return;
  write_resolv_conf (5);
  missing = pp_test_probe_expect (testbed, &(PpTestProbe) {
                                    .url = url, .method = PP_METHOD_CMDLINE,
                                    .proxy = "http://" MISSING_PROXY ":3128" },
                                  PP_OUTCOME_PROXY_UNREACHABLE);
  assert_names_resolver (missing);
  g_assert_true (g_str_has_prefix (missing->detail, "the proxy's name " MISSING_PROXY
                                                    " could not be resolved"));

  silent = pp_test_probe_expect (testbed, &(PpTestProbe) {
                                   .url = url, .method = PP_METHOD_CMDLINE,
                                   .proxy = "http://" SILENT_PROXY ":3128",
                                   .connect_timeout_ms = 1000 },
                                 PP_OUTCOME_DNS_TIMEOUT);
  assert_names_resolver (silent);
  g_assert_true (g_str_has_prefix (silent->detail, "the proxy's name " SILENT_PROXY
                                                   " got no DNS answer within 1."));
}

static PpEndpoint *
test_endpoint (void)
{
  guint expected = 200;

  return pp_endpoint_new ("http://origin.corp.test/", "Test", "GET", &expected, 1, NULL, NULL);
}

static PpOutcome
classify (const PpTransferFacts *facts,
          char                 **detail)
{
  g_autoptr(PpEndpoint) endpoint = test_endpoint ();
  PpClassification out;

  pp_classify (facts, endpoint, &out);
  g_test_message ("%s: %s", pp_outcome_to_id (out.outcome), out.detail);
  *detail = out.detail;

  return out.outcome;
}

/* The same decisions as a pure function of the facts: how far the look-up
 * got, and how long a failed one ran against the resolver's timeout. */
static void
test_classify_lookups (void)
{
  PpTransferFacts facts = { .curl_code = CURLE_OPERATION_TIMEDOUT, .lookup_pending = TRUE,
                            .lookup_us = 2000000, .lookup_name = "a.corp.test",
                            .name_servers = "10.0.0.53, 10.0.0.54", .resolver_timeout_s = 5,
                            .curl_message = "Resolving timed out after 2000 milliseconds" };
  g_autofree char *detail = NULL;

  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_DNS_TIMEOUT);
  g_assert_cmpstr (detail, ==, "the name a.corp.test got no DNS answer within 2.0 s from the "
                               "name servers 10.0.0.53, 10.0.0.54 (/etc/resolv.conf): no "
                               "connection to the server was tried");
  g_clear_pointer (&detail, g_free);

  /* Resolved, then no connection in time: the firewall's business. */
  facts.lookup_pending = FALSE;
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_CONNECT_TIMEOUT);
  g_clear_pointer (&detail, g_free);

  /* "No such name" in 40 ms, and the C library giving up after 3 s. */
  facts = (PpTransferFacts) { .curl_code = CURLE_COULDNT_RESOLVE_HOST, .lookup_pending = TRUE,
                              .lookup_us = 40000, .resolver_timeout_s = 5,
                              .curl_message = "Could not resolve host: gone.corp.test" };
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_DNS_FAILED);
  g_assert_cmpstr (detail, ==, "the name gone.corp.test could not be resolved by the system "
                               "resolver: no connection to the server was tried");
  g_clear_pointer (&detail, g_free);
  facts.lookup_us = 3000000;
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_DNS_TIMEOUT);
  g_clear_pointer (&detail, g_free);

  /* A proxy's name is named as the proxy's. */
  facts = (PpTransferFacts) { .curl_code = CURLE_COULDNT_RESOLVE_PROXY, .lookup_pending = TRUE,
                              .via_proxy = TRUE, .proxy_name = "http://p.corp.test:3128",
                              .curl_message = "Could not resolve proxy: p.corp.test" };
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_PROXY_UNREACHABLE);
  g_assert_true (g_str_has_prefix (detail, "the proxy's name p.corp.test could not be resolved"));
  g_clear_pointer (&detail, g_free);

  /* A proxy's code in plain words too. */
  facts = (PpTransferFacts) { .response_code = 503, .via_proxy = TRUE, .proxy_name = "http://p:3128",
                              .squid_error = "ERR_DNS_FAIL 0" };
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_DNS_FAILED);
  g_assert_cmpstr (detail, ==, "the proxy http://p:3128 answered 503 (ERR_DNS_FAIL 0): it could "
                               "not resolve the server's name");
  g_clear_pointer (&detail, g_free);

  /* A proxy's own "dns_timeout" (RFC 9209) is a DNS timeout too. */
  facts = (PpTransferFacts) { .response_code = 504, .via_proxy = TRUE,
                              .proxy_status = "corp-proxy; error=dns_timeout" };
  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_DNS_TIMEOUT);
  g_clear_pointer (&detail, g_free);
}

/* Evidence on a direct answer, and what is not evidence. */
static void
test_transparent_evidence (void)
{
  static const struct {
    PpTransferFacts facts;
    const char *expected;
  } cases[] = {
    { { .response_code = 200, .via = "1.1 pp-testbed (squid/5.7)" }, "squid/5.7 (Via header)" },
    { { .response_code = 200, .via = "1.1 gw.corp.test" }, "gw.corp.test (Via header)" },
    { { .response_code = 200, .x_cache = "MISS from gw.corp.test" }, "gw.corp.test (X-Cache header)" },
    { { .response_code = 403, .squid_error = "ERR_ACCESS_DENIED 0" }, "squid (X-Squid-Error header)" },
    { { .response_code = 502, .proxy_status = "corp-gw; error=connection_refused" },
      "corp-gw (Proxy-Status header)" },
    { { .response_code = 403, .proxy_agent = "Zscaler/6.2" }, "Zscaler/6.2 (Proxy-Agent header)" },
    { { .response_code = 403, .body_start = "<title>Blocked by FortiGuard</title>" },
      "fortiguard (its error page)" },
    /* The origin's own front: a CDN's Via and X-Cache. */
    { { .response_code = 200, .via = "1.1 abc.cloudfront.net (CloudFront)",
        .x_cache = "Hit from cloudfront" }, NULL },
    /* A proxy product's name in an origin's successful page is not a proxy. */
    { { .response_code = 200, .server = "squid/5.7", .body_start = "squid" }, NULL },
    { { .response_code = 200, .server = "nginx" }, NULL },
    /* An X-Cache that names no cache is the origin's front's. */
    { { .response_code = 200, .x_cache = "TCP_MISS" }, NULL },
    { { .response_code = 200, .x_cache = "HIT, MISS" }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = pp_transparent_from_answer (&cases[i].facts);

      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

/* A proxy's own error on a connection made without one: the transparent
 * proxy refused, not the server. */
static void
test_classify_transparent_refusal (void)
{
  PpTransferFacts facts = { .response_code = 403, .squid_error = "ERR_ACCESS_DENIED 0",
                            .server_name = "origin.corp.test:80" };
  g_autofree char *detail = NULL;

  g_assert_cmpint (classify (&facts, &detail), ==, PP_OUTCOME_PROXY_REFUSED);
  g_assert_cmpstr (detail, ==, "a transparent proxy on the direct connection answered 403 "
                               "(ERR_ACCESS_DENIED 0)");
}

/* Words a technician acts on: who did not take the connection, and a
 * method that was not configured sent nothing. */
static void
test_words (void)
{
  guint16 closed = pp_testbed_get_closed_port (testbed);
  g_autofree char *closed_url = g_strdup_printf ("http://127.0.0.1:%u/", closed);
  g_autofree char *closed_proxy = g_strdup_printf ("http://127.0.0.1:%u", closed);
  g_autofree char *dropped_url = g_strdup_printf ("http://127.0.0.1:%u/",
                                                  pp_testbed_get_syn_drop_port (testbed));
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PpProbeResult) refused = NULL;
  g_autoptr(PpProbeResult) proxy = NULL;
  g_autoptr(PpProbeResult) dropped = NULL;
  g_autoptr(PpProbeResult) absent = NULL;

  refused = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = closed_url,
                                                            .method = PP_METHOD_DIRECT },
                                  PP_OUTCOME_CONNECT_REFUSED);
  g_test_message ("%s", refused->detail);
  expected = g_strdup_printf ("the server 127.0.0.1:%u refused the connection: nothing "
                              "listens on that port, or a firewall rejects it (", closed);
  g_assert_true (g_str_has_prefix (refused->detail, expected));

  proxy = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_CMDLINE,
                                                          .proxy = closed_proxy },
                                PP_OUTCOME_PROXY_UNREACHABLE);
  g_test_message ("%s", proxy->detail);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("the proxy %s refused the connection", closed_proxy);
  g_assert_true (g_str_has_prefix (proxy->detail, expected));

  dropped = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = dropped_url,
                                                            .method = PP_METHOD_DIRECT,
                                                            .connect_timeout_ms = 500 },
                                  PP_OUTCOME_CONNECT_TIMEOUT);
  g_test_message ("%s", dropped->detail);
  g_assert_nonnull (strstr (dropped->detail, "did not accept a connection in time: a firewall "
                                             "may drop the packets"));

  absent = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_NAMED },
                                 PP_OUTCOME_NOT_CONFIGURED);
  path = pp_probe_result_describe_path (absent);
  g_assert_cmpstr (path, ==, "no request was sent");
}

static PpProbeResult *
make_result (PpProfile  *profile,
             guint       index,
             PpOutcome   outcome,
             const char *transparent_proxy)
{
  PpProbeResult *result = pp_probe_result_new (pp_profile_get_endpoint (profile, index),
                                               PP_METHOD_DIRECT);

  result->outcome = outcome;
  result->detail = g_strdup (pp_outcome_to_id (outcome));
  result->transparent_proxy = g_strdup (transparent_proxy);
  pp_probe_result_add_attempt (result, "DIRECT", outcome, 0);

  return result;
}

/* The new outcome and field, written to report.json and read back. */
static void
test_json_round_trip (void)
{
  const char *urls[] = { "https://a.example/", "https://b.example/", NULL };
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct", NULL);
  g_autoptr(PpPlan) plan = pp_plan_new (profile, methods);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);
  g_autoptr(PpRunResults) results = NULL;
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  PpProbeResult *first, *second;

  g_ptr_array_add (array, make_result (profile, 0, PP_OUTCOME_OK, "squid/5.7 (Via header)"));
  g_ptr_array_add (array, make_result (profile, 1, PP_OUTCOME_DNS_TIMEOUT, NULL));
  results = pp_run_results_new_finished (plan, array);
  json = pp_report_json_format (results, config);
  g_assert_nonnull (strstr (json, "\"transparent_proxy\" : \"squid/5.7 (Via header)\""));
  g_assert_nonnull (strstr (json, "\"outcome\" : \"dns_timeout\""));

  back = pp_run_results_new_from_report_json (json, -1, &error);
  g_assert_no_error (error);
  first = pp_run_results_lookup (back, 0, 0);
  second = pp_run_results_lookup (back, 1, 0);
  g_assert_cmpstr (first->transparent_proxy, ==, "squid/5.7 (Via header)");
  g_assert_null (second->transparent_proxy);
  g_assert_cmpint (second->outcome, ==, PP_OUTCOME_DNS_TIMEOUT);

  /* The text report shows the path; the analyzer's lines stay as they were. */
  text = pp_report_text_format (back);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "https://a.example/ (Proxy disabled): direct, through a "
                                  "transparent proxy: squid/5.7 (Via header)"));
  g_assert_nonnull (strstr (text, "3 - Proxy disabled: Failed (no DNS answer in time)"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* First: a mount namespace needs a process with one thread. */
  if (!use_own_resolver (&error))
    no_resolver = g_strdup_printf ("no resolver of the test's own: %s", error->message);

  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);

  testbed = pp_testbed_new ();
  start_dns ();

  g_test_add_func ("/classify-path/transparent/http", test_transparent_http);
  g_test_add_func ("/classify-path/transparent/https", test_transparent_https);
  g_test_add_func ("/classify-path/transparent/none", test_no_transparent_proxy);
  g_test_add_func ("/classify-path/dns-timeout/curl", test_dns_timeout_by_curl);
  g_test_add_func ("/classify-path/dns-timeout/resolver", test_dns_timeout_by_resolver);
  g_test_add_func ("/classify-path/proxy-name", test_proxy_name);
  g_test_add_func ("/classify-path/json-round-trip", test_json_round_trip);
  g_test_add_func ("/classify-path/json-round-trip-real", test_real_json_round_trip);
  g_test_add_func ("/classify-path/words", test_words);
  g_test_add_func ("/classify-path/facts/lookups", test_classify_lookups);
  g_test_add_func ("/classify-path/facts/transparent-evidence", test_transparent_evidence);
  g_test_add_func ("/classify-path/facts/transparent-refusal", test_classify_transparent_refusal);

  status = g_test_run ();
  g_clear_pointer (&dns, pp_testbed_dns_stop);
  pp_testbed_free (testbed);
  if (resolv_conf != NULL)
    g_unlink (resolv_conf);
  g_free (resolv_conf);
  g_free (no_resolver);

  return status;
}
