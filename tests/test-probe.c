/* test-probe.c: every outcome class through every method it can occur on,
 * against real servers and real squid proxies on loopback
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-probe.h"

static PpTestbed *testbed;

/* The methods that send a request to a configured proxy. */
static const PpMethod proxy_methods[] = {
  PP_METHOD_DEFAULT, PP_METHOD_NAMED, PP_METHOD_CMDLINE, PP_METHOD_ENV,
};

static gboolean
isolated (void)
{
  return g_getenv ("PP_TEST_ISOLATED") != NULL;
}

static char *
closed_proxy (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u", pp_testbed_get_closed_port (testbed));
}

static void
expect_outcome (const PpTestProbe *probe,
                PpOutcome          outcome)
{
  g_autoptr(PpProbeResult) result = pp_test_probe_expect (testbed, probe, outcome);
}

static void
expect_via_every_proxy_method (const char *url,
                               const char *proxy,
                               PpOutcome   outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (proxy_methods); i++)
    expect_outcome (&(PpTestProbe) { .url = url, .method = proxy_methods[i], .proxy = proxy },
                    outcome);
}

static void
test_ok (void)
{
  g_autofree char *http = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(PpProbeResult) direct = NULL;
  g_autoptr(PpProbeResult) proxied = NULL;

  direct = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = https, .method = PP_METHOD_DIRECT },
                                 PP_OUTCOME_OK);
  g_assert_cmpuint (direct->http_status, ==, 200);
  g_assert_null (direct->proxy);
  g_assert_true (direct->tls.present && direct->tls.verified && !direct->tls.inspected);
  g_assert_nonnull (strstr (direct->tls.root, "Proxy Probe Test Root CA"));
  g_assert_cmpuint (strlen (direct->tls.leaf_sha256), ==, 95);
  g_assert_cmpint (direct->timings.total, >, 0);

  expect_outcome (&(PpTestProbe) { .url = http, .method = PP_METHOD_DIRECT }, PP_OUTCOME_OK);
  expect_via_every_proxy_method (http, squid, PP_OUTCOME_OK);
  expect_via_every_proxy_method (https, squid, PP_OUTCOME_OK);

  /* Every proxy method really went through the proxy. */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_methods); i++)
    {
      g_autoptr(PpProbeResult) via = pp_test_probe_run (testbed, &(PpTestProbe) {
        .url = https, .method = proxy_methods[i], .proxy = squid });

      g_assert_cmpuint (via->connect_status, ==, 200);
      g_assert_nonnull (strstr (via->proxy, squid + strlen ("http://")));
    }

  proxied = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = https, .method = PP_METHOD_CMDLINE,
                                                            .proxy = squid }, PP_OUTCOME_OK);
  g_assert_cmpuint (proxied->connect_status, ==, 200);
  g_assert_cmpstr (proxied->proxy, ==, squid);
  g_assert_nonnull (strstr (proxied->remote_address, "127.0.0.1"));
}

static void
test_redirects_and_head (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/redirect/3");
  g_autofree char *too_many = pp_testbed_https_url (testbed, "/redirect/6");
  g_autoptr(PpProbeResult) result = NULL;

  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT },
                                 PP_OUTCOME_OK);
  g_assert_cmpuint (result->redirect_count, ==, 4);
  g_assert_cmpuint (result->requested_urls->len, ==, 5);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (result->requested_urls, 0), "/redirect/3"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (result->requested_urls, 3), "/redirect/0"));
  g_assert_true (g_str_has_suffix (result->final_url, "/status/200"));

  expect_outcome (&(PpTestProbe) { .url = too_many, .method = PP_METHOD_DIRECT },
                  PP_OUTCOME_UNEXPECTED_STATUS);
}

static void
test_unexpected_status (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/503");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(PpProbeResult) result = NULL;

  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT },
                                 PP_OUTCOME_UNEXPECTED_STATUS);
  g_assert_cmpuint (result->http_status, ==, 503);
  expect_via_every_proxy_method (url, squid, PP_OUTCOME_UNEXPECTED_STATUS);

  /* The same status is fine where the profile expects it. */
  expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT, .expected_status = 503 },
                  PP_OUTCOME_OK);
}

static void
test_not_configured (void)
{
  static const PpMethod methods[] = {
    PP_METHOD_WPAD, PP_METHOD_NAMED, PP_METHOD_CMDLINE, PP_METHOD_ENV,
  };
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(PpProbeResult) result =
        pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = methods[i] },
                              PP_OUTCOME_NOT_CONFIGURED);
      g_autofree char *text = pp_probe_result_format_short (result);

      g_assert_cmpstr (text, ==, "Doesn't exist");
      g_assert_cmpuint (result->attempts->len, ==, 0);
    }
}

static void
test_dns_failed (void)
{
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  const char *url = "https://no-such-host.invalid/";

  if (!isolated ())
    {
      g_test_skip ("needs a network namespace so that no DNS query leaves the machine");
      return;
    }

  expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT }, PP_OUTCOME_DNS_FAILED);
  /* Through a proxy the proxy resolves, and says so (ERR_DNS_FAIL). */
  expect_via_every_proxy_method (url, squid, PP_OUTCOME_DNS_FAILED);
  expect_via_every_proxy_method ("http://no-such-host.invalid/", squid, PP_OUTCOME_DNS_FAILED);
}

static void
test_connect_refused (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_closed_port (testbed));
  g_autofree char *tls_url = g_strdup_printf ("https://127.0.0.1:%u/", pp_testbed_get_closed_port (testbed));
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(PpProbeResult) result = NULL;

  expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT }, PP_OUTCOME_CONNECT_REFUSED);
  expect_via_every_proxy_method (url, squid, PP_OUTCOME_CONNECT_REFUSED);

  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = tls_url, .method = PP_METHOD_CMDLINE,
                                                           .proxy = squid },
                                 PP_OUTCOME_CONNECT_REFUSED);
  /* The proxy's 503 to CONNECT is the proxy's, not the origin's. */
  g_assert_cmpuint (result->http_status, ==, 0);
  g_assert_cmpuint (result->connect_status, ==, 503);
}

static void
test_connect_timeout (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_syn_drop_port (testbed));

  expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT,
                                   .connect_timeout_ms = 1000, .timeout_ms = 3000 },
                  PP_OUTCOME_CONNECT_TIMEOUT);
}

static void
test_timeout (void)
{
  g_autofree char *blackhole = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_blackhole_port (testbed));
  g_autofree char *hang = pp_testbed_https_url (testbed, "/hang");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);

  expect_outcome (&(PpTestProbe) { .url = blackhole, .method = PP_METHOD_DIRECT, .timeout_ms = 1000 },
                  PP_OUTCOME_TIMEOUT);
  expect_outcome (&(PpTestProbe) { .url = hang, .method = PP_METHOD_DIRECT, .timeout_ms = 1000 },
                  PP_OUTCOME_TIMEOUT);
  for (guint i = 0; i < G_N_ELEMENTS (proxy_methods); i++)
    expect_outcome (&(PpTestProbe) { .url = hang, .method = proxy_methods[i], .proxy = squid,
                                     .timeout_ms = 1000 },
                    PP_OUTCOME_TIMEOUT);
}

static void
test_tls_failed (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *plain = g_strdup_printf ("https://127.0.0.1:%u/", pp_testbed_get_http_port (testbed));
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(PpProbeResult) result = NULL;

  /* A public chain that this machine does not trust: a TLS failure, with
   * the issuer named by the second look, but not inspection. */
  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT,
                                                           .untrusted_test_ca = TRUE },
                                 PP_OUTCOME_TLS_FAILED);
  g_assert_false (result->tls.inspected);
  g_assert_nonnull (strstr (result->tls.issuer, "Proxy Probe Test Root CA"));

  for (guint i = 0; i < G_N_ELEMENTS (proxy_methods); i++)
    expect_outcome (&(PpTestProbe) { .url = url, .method = proxy_methods[i], .proxy = squid,
                                     .untrusted_test_ca = TRUE },
                    PP_OUTCOME_TLS_FAILED);

  /* A server that does not speak TLS at all. */
  expect_outcome (&(PpTestProbe) { .url = plain, .method = PP_METHOD_DIRECT }, PP_OUTCOME_TLS_FAILED);
}

static void
test_tls_inspected (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *bump = pp_testbed_squid_url (testbed, PP_SQUID_BUMP);
  g_autoptr(PpProbeResult) untrusted = NULL;
  g_autoptr(PpProbeResult) trusted = NULL;
  g_autoptr(PpProbeResult) pinned = NULL;

  /* An interceptor this machine does not trust: named, and unreachable. */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_methods); i++)
    {
      g_autoptr(PpProbeResult) result =
        pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = proxy_methods[i],
                                                        .proxy = bump },
                              PP_OUTCOME_TLS_INSPECTED);

      g_assert_true (result->tls.inspected);
      g_assert_nonnull (strstr (result->tls.issuer, "Contoso TLS Inspection CA"));
      g_assert_nonnull (strstr (result->detail, "Contoso TLS Inspection CA"));
    }

  /* A trusted interceptor: still reachable, but the verdict says so. */
  trusted = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_CMDLINE,
                                                            .proxy = bump, .trust_bump_ca = TRUE },
                                  PP_OUTCOME_OK);
  g_assert_true (trusted->tls.verified);
  g_assert_true (trusted->tls.inspected);
  g_assert_nonnull (strstr (trusted->tls.root, "Contoso TLS Inspection CA"));

  /* A pinned endpoint accepts no root outside its pin set, even a trusted one. */
  pinned = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT,
                                                           .trust = "pinned:microsoft-2011" },
                                 PP_OUTCOME_TLS_INSPECTED);
  g_assert_true (pinned->tls.inspected);
  g_assert_nonnull (strstr (pinned->detail, "microsoft-2011"));

  untrusted = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_DIRECT,
                                                              .untrusted_test_ca = TRUE,
                                                              .test_ca_not_public = TRUE },
                                    PP_OUTCOME_TLS_INSPECTED);
  g_assert_nonnull (strstr (untrusted->tls.issuer, "Proxy Probe Test Root CA"));
}

static void
test_proxy_auth_required (void)
{
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *http = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_AUTH);
  g_autofree char *with_credentials = NULL;
  g_autoptr(PpProbeResult) tunnel = NULL;
  g_autoptr(PpProbeResult) plain = NULL;
  g_autoptr(PpProbeResult) authenticated = NULL;
  g_autoptr(GUri) uri = g_uri_parse (squid, G_URI_FLAGS_NONE, NULL);

  expect_via_every_proxy_method (https, squid, PP_OUTCOME_PROXY_AUTH_REQUIRED);
  expect_via_every_proxy_method (http, squid, PP_OUTCOME_PROXY_AUTH_REQUIRED);

  tunnel = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = https, .method = PP_METHOD_CMDLINE,
                                                           .proxy = squid },
                                 PP_OUTCOME_PROXY_AUTH_REQUIRED);
  g_assert_cmpuint (tunnel->connect_status, ==, 407);
  g_assert_cmpuint (tunnel->http_status, ==, 0);
  plain = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = http, .method = PP_METHOD_CMDLINE,
                                                          .proxy = squid },
                                PP_OUTCOME_PROXY_AUTH_REQUIRED);
  g_assert_cmpuint (plain->proxy_status, ==, 407);
  g_assert_cmpuint (plain->http_status, ==, 0);
  {
    g_autofree char *text = pp_probe_result_format_short (plain);
    g_assert_cmpstr (text, ==, "Failed (407)");
  }

  /* With credentials it works, and the password shows up nowhere. */
  with_credentials = g_strdup_printf ("http://%s:%s@127.0.0.1:%d", pp_testbed_get_squid_user (testbed),
                                      pp_testbed_get_squid_password (testbed), g_uri_get_port (uri));
  authenticated = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = https, .method = PP_METHOD_CMDLINE,
                                                                  .proxy = with_credentials },
                                        PP_OUTCOME_OK);
  g_assert_nonnull (strstr (authenticated->proxy, ":***@"));
  g_assert_nonnull (strstr (authenticated->trace, "Proxy-Authorization: ***"));
  g_assert_null (strstr (authenticated->trace, pp_testbed_get_squid_password (testbed)));
  g_assert_null (strstr (authenticated->proxy, pp_testbed_get_squid_password (testbed)));
}

static void
test_proxy_refused (void)
{
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *http = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autoptr(PpProbeResult) plain = NULL;

  expect_via_every_proxy_method (https, squid, PP_OUTCOME_PROXY_REFUSED);
  expect_via_every_proxy_method (http, squid, PP_OUTCOME_PROXY_REFUSED);

  plain = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = http, .method = PP_METHOD_ENV,
                                                          .proxy = squid },
                                PP_OUTCOME_PROXY_REFUSED);
  g_assert_cmpuint (plain->proxy_status, ==, 403);
  g_assert_cmpuint (plain->http_status, ==, 0);
  g_assert_nonnull (strstr (plain->detail, "ERR_ACCESS_DENIED"));
}

static void
test_proxy_unreachable (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *closed = closed_proxy ();
  g_autofree char *blackhole = g_strdup_printf ("http://127.0.0.1:%u", pp_testbed_get_syn_drop_port (testbed));

  expect_via_every_proxy_method (url, closed, PP_OUTCOME_PROXY_UNREACHABLE);
  /* A proxy that never accepts the connection is unreachable too. */
  expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_CMDLINE, .proxy = blackhole,
                                   .connect_timeout_ms = 1000 },
                  PP_OUTCOME_PROXY_UNREACHABLE);
  if (isolated ())
    expect_outcome (&(PpTestProbe) { .url = url, .method = PP_METHOD_CMDLINE,
                                     .proxy = "http://no-such-proxy.invalid:3128" },
                    PP_OUTCOME_PROXY_UNREACHABLE);
}

static void
test_error (void)
{
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");
  g_autoptr(PpProbeResult) result = NULL;

  /* The analyzer's words for an unusable named proxy. */
  result = pp_test_probe_expect (testbed, &(PpTestProbe) { .url = url, .method = PP_METHOD_NAMED,
                                                           .proxy = "http://<proxy>:<port>" },
                                 PP_OUTCOME_ERROR);
  g_assert_nonnull (strstr (result->detail, "The proxy isn't in valid format"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);

  testbed = pp_testbed_new ();

  g_test_add_func ("/probe/ok", test_ok);
  g_test_add_func ("/probe/redirects", test_redirects_and_head);
  g_test_add_func ("/probe/unexpected-status", test_unexpected_status);
  g_test_add_func ("/probe/not-configured", test_not_configured);
  g_test_add_func ("/probe/dns-failed", test_dns_failed);
  g_test_add_func ("/probe/connect-refused", test_connect_refused);
  g_test_add_func ("/probe/connect-timeout", test_connect_timeout);
  g_test_add_func ("/probe/timeout", test_timeout);
  g_test_add_func ("/probe/tls-failed", test_tls_failed);
  g_test_add_func ("/probe/tls-inspected", test_tls_inspected);
  g_test_add_func ("/probe/proxy-auth-required", test_proxy_auth_required);
  g_test_add_func ("/probe/proxy-refused", test_proxy_refused);
  g_test_add_func ("/probe/proxy-unreachable", test_proxy_unreachable);
  g_test_add_func ("/probe/error", test_error);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
