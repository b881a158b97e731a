/* test-run-results.c: PpRunResults, the one home of a run's results
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Look-up, per-method counts, the pass rule, the exit status and the
 * pending/cancelled rules on hand-made results (values no server gives on
 * demand); the report.json round trip on a real run against the loopback
 * testbed and its squids.
 */
#include <string.h>

#include "pp-json.h"
#include "pp-profile-urls.h"
#include "pp-report-zip.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-run-results-json.h"
#include "pp-run-results.h"
#include "pp-test-probe.h"

static PpTestbed *testbed;

static PpProbeResult *
make_result (PpEndpoint *endpoint,
             PpMethod    method,
             PpOutcome   outcome)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);

  result->outcome = outcome;
  result->http_status = outcome == PP_OUTCOME_OK ? 200 : 0;
  result->proxy = g_strdup (method == PP_METHOD_DIRECT ? "DIRECT" : "http://proxy.test:3128");

  return result;
}

/* Three endpoints x (direct, cmdline, env). */
static PpPlan *
make_plan (void)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct,cmdline,env", NULL);
  g_autoptr(PpProfile) profile = NULL;

  for (guint e = 0; e < 3; e++)
    {
      g_autofree char *url = g_strdup_printf ("https://e%u.example.test/", e);

      g_ptr_array_add (endpoints, pp_endpoint_new (url, "S", "GET", NULL, 0, "system", NULL));
    }
  profile = pp_profile_new_from_endpoints ("hand", "Hand-made", endpoints);

  return pp_plan_new (profile, methods);
}

/* Endpoint 0 reachable directly and through the proxy, 1 only directly,
 * 2 not at all; env does not exist. */
static const PpOutcome outcomes[3][3] = {
  { PP_OUTCOME_OK, PP_OUTCOME_OK, PP_OUTCOME_NOT_CONFIGURED },
  { PP_OUTCOME_OK, PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_NOT_CONFIGURED },
  { PP_OUTCOME_DNS_FAILED, PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_NOT_CONFIGURED },
};

static void
fill (PpRunResults *results)
{
  for (guint e = 0; e < 3; e++)
    for (guint m = 0; m < 3; m++)
      {
        PpMethod method = pp_run_results_get_method (results, m);
        PpEndpoint *endpoint = pp_profile_get_endpoint (pp_run_results_get_profile (results), e);
        g_autoptr(PpProbeResult) r = make_result (endpoint, method, outcomes[e][m]);

        pp_run_results_set_item (results, pp_run_results_get_index (results, e, m), r);
      }
}

static void
test_lookup (void)
{
  g_autoptr(PpPlan) plan = make_plan ();
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  g_autoptr(PpProbeResult) again = NULL;
  guint e, m;

  g_assert_cmpuint (pp_run_results_get_n_items (results), ==, 9);
  g_assert_null (pp_run_results_lookup (results, 1, 1));
  g_assert_false (pp_run_results_is_complete (results));
  fill (results);
  g_assert_true (pp_run_results_is_complete (results));

  for (e = 0; e < 3; e++)
    for (m = 0; m < 3; m++)
      {
        PpProbeResult *r = pp_run_results_lookup (results, e, m);
        guint index = pp_run_results_get_index (results, e, m);
        guint e2, m2;

        g_assert_nonnull (r);
        g_assert_cmpstr (r->endpoint->url, ==, pp_profile_get_endpoint (pp_plan_get_profile (plan), e)->url);
        g_assert_cmpint (r->method, ==, pp_plan_get_method (plan, m));
        g_assert_true (pp_run_results_get_item (results, index) == r);
        g_assert_true (pp_run_results_get_position (results, index, &e2, &m2));
        g_assert_cmpuint (e2, ==, e);
        g_assert_cmpuint (m2, ==, m);
      }
  /* Out of range is "no result", never a read past the end. */
  g_assert_null (pp_run_results_lookup (results, 3, 0));
  g_assert_null (pp_run_results_lookup (results, 0, 3));
  g_assert_null (pp_run_results_get_item (results, 9));
  g_assert_false (pp_run_results_get_position (results, 9, &e, &m));

  /* A probe answers once: the runner's final array does not replace it. */
  again = make_result (pp_run_results_lookup (results, 0, 0)->endpoint, PP_METHOD_DIRECT,
                       PP_OUTCOME_TIMEOUT);
  g_assert_false (pp_run_results_set_item (results, 0, again));
  g_assert_cmpint (pp_run_results_lookup (results, 0, 0)->outcome, ==, PP_OUTCOME_OK);
}

static void
test_counts_and_pass_rule (void)
{
  g_autoptr(PpPlan) plan = make_plan ();
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  PpMethodCount count;

  pp_run_results_count_method (results, 0, &count);
  g_assert_cmpuint (count.pending, ==, 3);
  g_assert_cmpuint (pp_run_results_count_reachable (results), ==, 0);
  fill (results);

  pp_run_results_count_method (results, 0, &count);
  g_assert_cmpuint (count.succeeded, ==, 2);
  g_assert_cmpuint (count.failed, ==, 1);
  g_assert_cmpuint (count.not_configured + count.pending, ==, 0);
  pp_run_results_count_method (results, 1, &count);
  g_assert_cmpuint (count.succeeded, ==, 1);
  g_assert_cmpuint (count.failed, ==, 2);
  pp_run_results_count_method (results, 2, &count);
  g_assert_cmpuint (count.not_configured, ==, 3);

  /* The analyzer's pass rule: reachable by any method. */
  g_assert_true (pp_run_results_endpoint_reachable (results, 0));
  g_assert_true (pp_run_results_endpoint_reachable (results, 1));
  g_assert_false (pp_run_results_endpoint_reachable (results, 2));
  g_assert_true (pp_run_results_endpoint_answered (results, 2));
  g_assert_cmpuint (pp_run_results_count_reachable (results), ==, 2);
  g_assert_false (pp_run_results_all_reachable (results));
}

static void
test_exit_status (void)
{
  g_autoptr(PpPlan) plan = make_plan ();
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  g_autoptr(PpRunResults) all = pp_run_results_new (plan);
  g_autoptr(PpProbeResult) ok = NULL;

  fill (results);
  g_assert_cmpint (pp_run_results_get_exit_status (results), ==, PP_EXIT_SOME_UNREACHABLE);
  g_assert_cmpint (pp_run_results_get_exit_status (results), ==, 1);
  pp_run_results_set_stopped (results, TRUE);
  g_assert_cmpint (pp_run_results_get_exit_status (results), ==, PP_EXIT_STOPPED);
  g_assert_cmpint (PP_EXIT_STOPPED, ==, 130);
  g_assert_cmpint (PP_EXIT_BAD_INPUT, ==, 2);

  /* Every endpoint reached: 0, unless the run was stopped (then 130,
   * even when the stop came after the last answer). */
  for (guint e = 0; e < 3; e++)
    {
      g_autoptr(PpProbeResult) r = make_result (pp_profile_get_endpoint (pp_plan_get_profile (plan), e),
                                                PP_METHOD_DIRECT, PP_OUTCOME_OK);

      pp_run_results_set_item (all, pp_run_results_get_index (all, e, 0), r);
    }
  g_assert_cmpint (pp_run_results_get_exit_status (all), ==, PP_EXIT_ALL_REACHABLE);
  pp_run_results_set_stopped (all, TRUE);
  g_assert_cmpint (pp_run_results_get_exit_status (all), ==, PP_EXIT_STOPPED);
}

/* Pending (missing) and cancelled results: counted as pending, never as
 * failures; no verdict while a missing answer could change it. */
static void
test_pending_and_cancelled (void)
{
  g_autoptr(PpPlan) plan = make_plan ();
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  PpEndpoint *e2 = pp_profile_get_endpoint (pp_plan_get_profile (plan), 2);
  g_autoptr(PpProbeResult) cancelled = make_result (e2, PP_METHOD_DIRECT, PP_OUTCOME_CANCELLED);
  PpVerdict verdict;

  pp_run_results_get_verdict (results, &verdict);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_PENDING);
  g_assert_cmpuint (verdict.n_pending, ==, 9);
  g_assert_cmpuint (verdict.n_probes, ==, 9);
  g_assert_cmpuint (verdict.n_cancelled, ==, 0);

  /* All but endpoint 2's direct check, which is stopped. */
  pp_run_results_set_item (results, pp_run_results_get_index (results, 2, 0), cancelled);
  fill (results);
  g_assert_true (pp_run_results_is_complete (results));
  g_assert_false (pp_run_results_endpoint_answered (results, 2));
  pp_run_results_get_verdict (results, &verdict);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_PENDING);
  g_assert_cmpuint (verdict.n_pending, ==, 1);
  g_assert_cmpuint (verdict.n_cancelled, ==, 1);
  g_assert_cmpuint (verdict.n_reachable, ==, 2);
  g_assert_true (verdict.via_proxy);
  g_assert_cmpuint (verdict.methods_absent, ==, PP_METHOD_BIT (PP_METHOD_ENV));
  g_assert_cmpuint (verdict.methods_some, ==, PP_METHOD_BIT (PP_METHOD_CMDLINE));
  /* Direct reached 2 of 3 with one unanswered: no class yet. */
  g_assert_cmpuint (verdict.methods_all & PP_METHOD_BIT (PP_METHOD_DIRECT), ==, 0);
  pp_run_results_count_method (results, 0, &(PpMethodCount) { 0 });
}

static void
test_verdict_complete (void)
{
  g_autoptr(PpPlan) plan = make_plan ();
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  PpVerdict verdict;

  fill (results);
  pp_run_results_get_verdict (results, &verdict);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_SOME_UNREACHABLE);
  g_assert_cmpuint (verdict.n_reachable, ==, 2);
  g_assert_cmpuint (verdict.n_pending, ==, 0);
  g_assert_cmpuint (verdict.methods_some, ==, PP_METHOD_BIT (PP_METHOD_DIRECT) | PP_METHOD_BIT (PP_METHOD_CMDLINE));
}

static char *
text_of (PpRunResults *results)
{
  return pp_report_text_format (results);
}

/* A real run against the testbed: reachable, refused, 404, a squid that
 * answers 403 and a wpad method without a PAC; written as report.json,
 * read back, and the text report is the same, byte for byte. */
static void
test_report_json_round_trip (void)
{
  guint16 deny = pp_testbed_start_squid (testbed, PP_SQUID_DENY);
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", deny);
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *missing = pp_testbed_http_url (testbed, "/status/404");
  g_autofree char *tls = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_closed_port (testbed));
  const char *urls[] = { ok, missing, tls, closed, NULL };
  const char *anchors[] = { pp_testbed_get_ca_file (testbed), NULL };
  PpTrustOptions trust_options = { .extra_anchors = anchors, .public_roots = anchors[0] };
  g_autoptr(PpTrust) trust = pp_trust_new (&trust_options, NULL);
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct,cmdline,env,wpad", NULL);
  g_autoptr(PpPlan) plan = pp_plan_new (profile, methods);
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent",
                                                                   .cmdline_proxy = proxy }, NULL);
  g_autoptr(PpRunner) runner = pp_runner_new (config, trust);
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(PpRunResults) results = NULL;
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_back = NULL;

  array = pp_test_probe_run_plan (runner, plan, NULL);
  results = pp_run_results_new_finished (plan, array);
  json = pp_report_json_format (results, config);
  back = pp_run_results_new_from_report_json (json, -1, &error);
  g_assert_no_error (error);

  text = text_of (results);
  text_back = text_of (back);
  g_test_message ("%s", text);
  g_assert_cmpstr (text_back, ==, text);
  g_assert_cmpint (pp_run_results_get_exit_status (back), ==, pp_run_results_get_exit_status (results));
  g_assert_cmpstr (pp_profile_get_name (pp_run_results_get_profile (back)), ==, "custom");
  /* What it says of each probe, JSON again, is the same too. */
  json_back = pp_report_json_format (back, config);
  g_assert_cmpstr (strstr (json_back, "\"summary\""), ==, strstr (json, "\"summary\""));
}

static void
assert_rejected (const char *json,
                 const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpRunResults) results = pp_run_results_new_from_report_json (json, -1, &error);

  g_assert_null (results);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  /* What is not JSON at all is json-glib's or the depth bound's error;
   * a document that is JSON but not our report is a damaged report. */
  if (error->domain != JSON_PARSER_ERROR && error->domain != PP_JSON_ERROR)
    g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED);
  if (strstr (error->message, words) == NULL)
    g_error ("expected \"%s\" in: %s", words, error->message);
}

static void
test_report_json_rejected (void)
{
  g_autofree char *deep = g_strnfill (200, '[');

  assert_rejected ("", "");
  assert_rejected ("[1]", "expected an object, found an array");
  assert_rejected ("{\"schema\": \"other/2\"}", "schema is other/2");
  assert_rejected (deep, "");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": []}", "methods is missing");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": [{\"id\": \"direct\"}]}",
                   "probes is missing");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": [{\"id\": \"teleport\"}]}",
                   "method 1 is not one");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": [{\"id\": \"direct\"},"
                   "{\"id\": \"env\"}], \"probes\": [{\"url\": \"http://a.test/\", \"method\": \"direct\","
                   "\"outcome\": \"ok\"}]}", "do not fill 2 methods");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": [{\"id\": \"direct\"},"
                   "{\"id\": \"env\"}], \"probes\": [{\"url\": \"http://a.test/\", \"method\": \"direct\","
                   "\"outcome\": \"ok\"}, {\"url\": \"http://b.test/\", \"method\": \"env\", \"outcome\": \"ok\"}]}",
                   "out of order");
  assert_rejected ("{\"schema\": \"proxyprobe-report/1\", \"methods\": [{\"id\": \"direct\"}],"
                   "\"probes\": [{\"url\": \"http://a.test/\", \"method\": \"direct\", \"outcome\": \"sunny\"}]}",
                   "probe 1 has no known outcome");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);
  testbed = pp_testbed_new ();

  g_test_add_func ("/run-results/lookup", test_lookup);
  g_test_add_func ("/run-results/counts-and-pass-rule", test_counts_and_pass_rule);
  g_test_add_func ("/run-results/exit-status", test_exit_status);
  g_test_add_func ("/run-results/pending-and-cancelled", test_pending_and_cancelled);
  g_test_add_func ("/run-results/verdict", test_verdict_complete);
  g_test_add_func ("/run-results/report-json/round-trip", test_report_json_round_trip);
  g_test_add_func ("/run-results/report-json/rejected", test_report_json_rejected);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
