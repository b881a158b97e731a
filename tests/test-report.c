/* test-report.c: the zip report, built from real runs and from hand-made results
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

#include "pp-anonymize.h"
#include "pp-guidance.h"
#include "pp-profile-urls.h"
#include "pp-report.h"
#include "pp-report-read.h"
#include "pp-report-html.h"
#include "pp-report-zip.h"
#include "pp-test-report.h"
#include "pp-test-probe.h"

#define HOSTILE "<script>alert('x')</script>&amp;\"<img src=http://evil.test/x.png>"

static PpTestbed *testbed;

static const char *
file_text (GHashTable *files,
           const char *name)
{
  GBytes *bytes = g_hash_table_lookup (files, name);

  if (bytes == NULL)
    g_error ("the zip has no %s", name);
  return g_bytes_get_data (bytes, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find \"%s\" in:\n%s", needle, haystack);
}

/* The secret must be in no file, in no encoding a proxy header uses. */
static char *
temp_path (const char *name)
{
  return g_build_filename (pp_testbed_get_dir (testbed), name, NULL);
}

/* Hand-made results: the HTML, guidance and anonymizing tests need
 * values no real server gives on demand. */
static PpProbeResult *
make_result (PpEndpoint *endpoint,
             PpMethod    method,
             PpOutcome   outcome,
             const char *proxy)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);

  result->outcome = outcome;
  result->proxy = g_strdup (proxy);
  result->http_status = outcome == PP_OUTCOME_OK ? 200 : 0;
  if (outcome == PP_OUTCOME_PROXY_REFUSED)
    result->connect_status = 403;
  if (outcome == PP_OUTCOME_PROXY_AUTH_REQUIRED)
    result->connect_status = 407;
  result->detail = g_strdup ("detail " HOSTILE);
  result->trace = g_strdup ("> GET / HTTP/1.1\n< " HOSTILE "\n");

  return result;
}

/* The hand-made runs below are arrays they change between checks: each
 * check reads them through a PpRunResults made for it. */
static void
verdict_compute (PpVerdict *verdict,
                 PpPlan    *plan,
                 GPtrArray *results)
{
  g_autoptr(PpRunResults) run_results = pp_run_results_new_finished (plan, results);

  pp_run_results_get_verdict (run_results, verdict);
}

static PpReport *
report_new (PpPlan    *plan,
            GPtrArray *results,
            PpConfig  *config)
{
  g_autoptr(PpRunResults) run_results = pp_run_results_new_finished (plan, results);

  return pp_report_new (run_results, config);
}

static char *
html_format (PpPlan     *plan,
             GPtrArray  *results,
             const char *generated,
             const char *configuration_text,
             const char *system_text)
{
  g_autoptr(PpRunResults) run_results = pp_run_results_new_finished (plan, results);

  return pp_report_html_format (run_results, generated, configuration_text, system_text);
}

typedef struct
{
  PpPlan *plan;
  GPtrArray *results;
  PpConfig *config;
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->plan);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_object (&run->config);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Two endpoints x (direct, cmdline): the first reachable only directly,
 * the second inspected through the proxy. */
static void
make_hand_run (Run        *run,
               const char *extra_service)
{
  const guint ok[] = { 200 };
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GArray) methods = pp_method_parse_list ("direct,cmdline", NULL);
  g_autofree char *service = g_strdup_printf ("Service %s %s", HOSTILE, extra_service);
  PpEndpoint *a, *b;
  PpProbeResult *inspected;

  a = pp_endpoint_new ("https://a.example.test/?q=<b>&x=\"1\"", service, "GET", ok, 1, "system", "WW");
  b = pp_endpoint_new ("https://b.example.test/", "B", "GET", ok, 1, "pinned:test", "WW");
  g_ptr_array_add (endpoints, a);
  g_ptr_array_add (endpoints, b);
  profile = pp_profile_new_from_endpoints ("hand", "Hand-made", endpoints);
  run->plan = pp_plan_new (profile, methods);
  run->config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent-sysroot" }, NULL);
  run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_ptr_array_add (run->results, make_result (a, PP_METHOD_DIRECT, PP_OUTCOME_OK, "DIRECT"));
  g_ptr_array_add (run->results, make_result (a, PP_METHOD_CMDLINE, PP_OUTCOME_PROXY_REFUSED,
                                              "http://proxy.corp.test:3128"));
  g_ptr_array_add (run->results, make_result (b, PP_METHOD_DIRECT, PP_OUTCOME_OK, "DIRECT"));
  inspected = make_result (b, PP_METHOD_CMDLINE, PP_OUTCOME_TLS_INSPECTED, "http://proxy.corp.test:3128");
  inspected->tls.present = inspected->tls.inspected = TRUE;
  inspected->tls.issuer = g_strdup ("CN=Corp Inspection CA " HOSTILE);
  g_ptr_array_add (run->results, inspected);
}

static void
test_guidance_and_verdict (void)
{
  g_auto(Run) run = { 0 };
  PpVerdict verdict;
  g_autofree char *headline = NULL;
  g_autofree char *methods = NULL;
  g_autofree char *advice = NULL;
  g_autoptr(PpEndpoint) endpoint = pp_endpoint_new ("https://c.example.test/", "C", "GET", NULL, 0, "system", NULL);
  g_autoptr(PpProbeResult) auth = make_result (endpoint, PP_METHOD_NAMED, PP_OUTCOME_PROXY_AUTH_REQUIRED,
                                               "http://squid.corp.test:8080");
  g_autoptr(PpProbeResult) dns = make_result (endpoint, PP_METHOD_DIRECT, PP_OUTCOME_DNS_FAILED, "DIRECT");
  g_autoptr(PpProbeResult) absent = make_result (endpoint, PP_METHOD_ENV, PP_OUTCOME_NOT_CONFIGURED, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) partial = NULL;

  make_hand_run (&run, "");
  verdict_compute (&verdict, run.plan, run.results);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_ONLY_DIRECT);
  g_assert_cmpuint (verdict.methods_all, ==, PP_METHOD_BIT (PP_METHOD_DIRECT));
  g_assert_cmpuint (verdict.methods_none, ==, PP_METHOD_BIT (PP_METHOD_CMDLINE));
  g_assert_true (verdict.inspected);
  headline = pp_verdict_format_headline (&verdict);
  assert_contains (headline, "Only a direct connection works");
  methods = pp_verdict_format_methods (&verdict, run.plan);
  assert_contains (methods, "Works for every endpoint: Proxy disabled.");
  assert_contains (methods, "Fails for every endpoint: Command line proxy.");
  advice = pp_verdict_format_guidance (&verdict);
  g_assert_nonnull (advice);

  /* Results still missing count as pending, not as failures; and with
   * the command line proxy's answers missing, every endpoint reached
   * directly is not yet a verdict: that proxy may fail everywhere, which
   * makes it "only direct works" (the complete run above). */
  partial = g_ptr_array_new ();
  g_ptr_array_extend (partial, run.results, NULL, NULL);
  g_ptr_array_index (partial, 3) = NULL;
  g_ptr_array_index (partial, 1) = NULL;
  verdict_compute (&verdict, run.plan, partial);
  g_assert_cmpuint (verdict.n_pending, ==, 2);
  g_assert_cmpuint (verdict.n_reachable, ==, 2);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_PENDING);
  g_assert_cmpuint (verdict.methods_all, ==, PP_METHOD_BIT (PP_METHOD_DIRECT));

  /* Nor is a verdict given that a missing result could change. With b's
   * direct check missing, b may yet be reachable, and the proxy disabled,
   * which reached a, may yet reach every endpoint: it has no class yet.
   * The command line proxy answered for both and reached neither. */
  g_ptr_array_index (partial, 1) = g_ptr_array_index (run.results, 1);
  g_ptr_array_index (partial, 2) = NULL;
  g_ptr_array_index (partial, 3) = g_ptr_array_index (run.results, 3);
  verdict_compute (&verdict, run.plan, partial);
  g_assert_cmpuint (verdict.n_pending, ==, 1);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_PENDING);
  g_assert_cmpuint (verdict.methods_none, ==, PP_METHOD_BIT (PP_METHOD_CMDLINE));
  g_assert_cmpuint (verdict.methods_all | verdict.methods_some, ==, 0);
  g_clear_pointer (&headline, g_free);
  headline = pp_verdict_format_headline (&verdict);
  g_assert_cmpstr (headline, ==, "No verdict yet: 1 check has not answered.");
  g_assert_null (pp_verdict_format_guidance (&verdict));
  /* Every check answered, none through a proxy: now it is certain. */
  g_ptr_array_index (partial, 2) = g_ptr_array_index (run.results, 2);
  verdict_compute (&verdict, run.plan, partial);
  g_assert_cmpint (verdict.kind, ==, PP_VERDICT_ONLY_DIRECT);

  /* Stopped with b's direct check unanswered, then before any answer:
   * the headline says the run was stopped. */
  {
    PpEndpoint *b = ((PpProbeResult *) g_ptr_array_index (run.results, 2))->endpoint;
    g_autoptr(PpProbeResult) cancelled = make_result (b, PP_METHOD_DIRECT, PP_OUTCOME_CANCELLED, NULL);

    g_ptr_array_index (partial, 2) = cancelled;
    verdict_compute (&verdict, run.plan, partial);
    g_assert_cmpint (verdict.kind, ==, PP_VERDICT_PENDING);
    g_assert_cmpuint (verdict.n_cancelled, ==, 1);
    g_clear_pointer (&headline, g_free);
    headline = pp_verdict_format_headline (&verdict);
    g_assert_cmpstr (headline, ==, "No verdict: the run was stopped with 1 check unanswered.");
    for (guint i = 0; i < partial->len; i++)
      g_ptr_array_index (partial, i) = cancelled;
    verdict_compute (&verdict, run.plan, partial);
    g_clear_pointer (&headline, g_free);
    headline = pp_verdict_format_headline (&verdict);
    g_assert_cmpstr (headline, ==, "No verdict: the run was stopped with 4 checks unanswered.");
    g_ptr_array_set_size (partial, 0);
  }

  /* The default proxy "working" with a DIRECT answer is still only direct. */
  {
    g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
    g_autoptr(GArray) two = pp_method_parse_list ("default,cmdline", NULL);
    g_autoptr(PpProfile) single = NULL;
    g_autoptr(PpPlan) plan = NULL;
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);

    g_ptr_array_add (endpoints, pp_endpoint_ref (endpoint));
    single = pp_profile_new_from_endpoints ("single", NULL, endpoints);
    plan = pp_plan_new (single, two);
    g_ptr_array_add (results, make_result (endpoint, PP_METHOD_DEFAULT, PP_OUTCOME_OK, NULL));
    g_ptr_array_add (results, make_result (endpoint, PP_METHOD_CMDLINE, PP_OUTCOME_PROXY_REFUSED, "http://p.test:1"));
    verdict_compute (&verdict, plan, results);
    g_assert_cmpint (verdict.kind, ==, PP_VERDICT_ONLY_DIRECT);
    g_assert_false (verdict.via_proxy);

    g_free (((PpProbeResult *) g_ptr_array_index (results, 0))->proxy);
    ((PpProbeResult *) g_ptr_array_index (results, 0))->proxy = g_strdup ("http://q.test:8080");
    verdict_compute (&verdict, plan, results);
    g_assert_cmpint (verdict.kind, ==, PP_VERDICT_ALL_REACHABLE);
    g_assert_true (verdict.via_proxy);

    /* Through a proxy, every endpoint reached: certain before the other
     * answers, which cannot make it "only direct". */
    {
      g_autoptr(PpProbeResult) refused = g_steal_pointer (&g_ptr_array_index (results, 1));

      verdict_compute (&verdict, plan, results);
      g_assert_cmpuint (verdict.n_pending, ==, 1);
      g_assert_cmpint (verdict.kind, ==, PP_VERDICT_ALL_REACHABLE);
      g_ptr_array_index (results, 1) = g_steal_pointer (&refused);
    }
  }

  text = pp_guidance_for_result (auth);
  assert_contains (text, "http://squid.corp.test:8080");
  assert_contains (text, "anonymous");
  assert_contains (text, "system account");
  g_clear_pointer (&text, g_free);
  text = pp_guidance_for_result (dns);
  assert_contains (text, "c.example.test");
  g_assert_null (pp_guidance_for_result (absent));
  g_assert_cmpstr (pp_guidance_get_title (PP_OUTCOME_PROXY_REFUSED), ==, "Blocked by the proxy");
}

typedef struct
{
  GString *text;
  gboolean scripts;
  GPtrArray *problems;
} HtmlScan;

static void
html_start_cb (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  HtmlScan *scan = user_data;
  static const char * const forbidden[] = { "script", "iframe", "object", "embed", "link",
                                            "img", "form", "base", NULL };

  if (g_strv_contains (forbidden, element))
    g_ptr_array_add (scan->problems, g_strdup_printf ("element <%s>", element));
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], "src") || g_str_equal (names[i], "href") ||
        g_str_has_prefix (names[i], "on") || strstr (values[i], "url("))
      g_ptr_array_add (scan->problems, g_strdup_printf ("attribute %s=\"%s\"", names[i], values[i]));
}

static void
html_text_cb (GMarkupParseContext  *context,
              const char           *text,
              gsize                 len,
              gpointer              user_data,
              GError              **error)
{
  g_string_append_len (((HtmlScan *) user_data)->text, text, len);
}

/* Strict XML parsing proves every value was escaped: an unescaped "<"
 * or "&" is a parse error, and the text read back is the original. */
static char *
parse_html (const char *html)
{
  static const GMarkupParser parser = { html_start_cb, NULL, html_text_cb, NULL, NULL };
  HtmlScan scan = { g_string_new (NULL), FALSE, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = scan.problems;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_markup_parse_context_parse (context, html, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  if (problems->len > 0)
    g_error ("not self-contained: %s", (char *) g_ptr_array_index (problems, 0));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));

  return g_string_free (scan.text, FALSE);
}

static void
test_html_self_contained_and_escaped (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(PpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("hand.zip");
  g_autoptr(GHashTable) files = NULL;
  g_autofree char *text = NULL;
  const char *html;

  make_hand_run (&run, "");
  report = report_new (run.plan, run.results, run.config);
  g_assert_true (pp_report_write (report, path, TRUE, &error));
  g_assert_no_error (error);
  files = unpack (path);
  html = file_text (files, "report.html");

  text = parse_html (html);
  assert_contains (text, "Service " HOSTILE);
  assert_contains (text, "https://a.example.test/?q=<b>&x=\"1\"");
  assert_contains (text, "CN=Corp Inspection CA " HOSTILE);
  /* The verdict comes first, then the grid with icons and words. */
  g_assert_cmpint (strstr (text, "Only a direct connection works") - text, <,
                   strstr (text, "Guidance per cause") - text);
  assert_contains (text, "✔Succeeded (200)");
  assert_contains (text, "✖Failed (403)");
  assert_contains (text, "✖Failed (TLS inspected)");
  assert_contains (text, "Exclude b.example.test from HTTPS inspection");
  assert_contains (text, "http://proxy.corp.test:3128 blocks a.example.test");
  assert_contains (text, "Detected configuration");
  assert_contains (text, "libcurl: ");
}

/* A failed wpad probe's guidance shows what the PAC script looked up,
 * escaped like everything else. */
static void
test_html_pac_lookups (void)
{
  const guint ok[] = { 200 };
  g_autoptr(PpEndpoint) endpoint = pp_endpoint_new ("https://c.example.test/", "C", "GET", ok, 1,
                                                    "system", NULL);
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("wpad", NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  PpProbeResult *refused = make_result (endpoint, PP_METHOD_WPAD, PP_OUTCOME_PROXY_REFUSED,
                                        "http://pac-proxy.corp.test:8080");
  const char *lookups[] = { "pac-proxy.corp.test → (no answer) (2 ms)", HOSTILE " → 10.0.0.8 (1 ms)", NULL };
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (endpoints, pp_endpoint_ref (endpoint));
  profile = pp_profile_new_from_endpoints ("pac", "PAC", endpoints);
  plan = pp_plan_new (profile, methods);
  refused->pac_lookups = g_strdupv ((char **) lookups);
  g_ptr_array_add (results, refused);
  html = html_format (plan, results, "2026-11-23", "", "");
  g_assert_null (strstr (html, HOSTILE));
  text = parse_html (html);
  assert_contains (text, "DNS look-ups of the PAC script: pac-proxy.corp.test → (no answer) (2 ms); "
                   HOSTILE " → 10.0.0.8 (1 ms)");
}

/* The report of a stopped run: no verdict, and an endpoint whose checks
 * were stopped is not listed as unreachable; one that answered is. */
static void
test_html_stopped (void)
{
  g_auto(Run) run = { 0 };
  PpProbeResult *stopped;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unreachable = NULL;
  const char *list;

  make_hand_run (&run, "");
  /* a: direct failed, command line refused; b: direct stopped. */
  ((PpProbeResult *) g_ptr_array_index (run.results, 0))->outcome = PP_OUTCOME_DNS_FAILED;
  stopped = g_ptr_array_index (run.results, 2);
  stopped->outcome = PP_OUTCOME_CANCELLED;
  html = html_format (run.plan, run.results, "2026-11-23", "", "");
  g_assert_nonnull (strstr (html, "class=\"verdict v-pending\""));
  text = parse_html (html);
  assert_contains (text, "■No verdict: the run was stopped with 1 check unanswered.");
  list = strstr (text, "Not reachable by any method:");
  g_assert_nonnull (list);
  g_assert_nonnull (strstr (list, "Results"));
  unreachable = g_strndup (list, strstr (list, "Results") - list);
  assert_contains (unreachable, "a.example.test");
  g_assert_null (strstr (unreachable, "b.example.test"));
}

static void
test_anonymize (void)
{
  g_autofree char *service = g_strdup_printf ("at %s by %s from 10.20.30.40 and fd00::17 via 127.0.0.1",
                                              g_get_host_name (), "alice");
  const char *hosts[] = { "Build-PC7", "build-pc7.corp.test", NULL };
  const char *users[] = { "alice", "ab", "root", NULL };
  g_autoptr(PpAnonymizer) anonymizer = pp_anonymizer_new (hosts, users, (const char *[]) { "203.0.113.9", NULL });
  g_autofree char *first = pp_anonymizer_apply (anonymizer,
    "build-pc7.corp.test BUILD-PC7 /home/alice/x malice ab root 10.1.2.3:3128 192.168.1.20 "
    "172.16.0.1 8.8.8.8 203.0.113.9 127.0.0.1 [fe80::1] 100.64.0.7 v1.2.3.4.5");
  g_autofree char *second = pp_anonymizer_apply (anonymizer, "again 10.1.2.3 Build-PC7 ALICE");
  g_auto(Run) run = { 0 };
  g_autoptr(PpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("anonymized.zip");
  g_autoptr(GHashTable) files = NULL;

  g_assert_cmpstr (first, ==,
    "host-1 host-2 /home/user-1/x malice ab root addr-1:3128 addr-2 "
    "addr-3 8.8.8.8 addr-4 127.0.0.1 [addr-5] addr-6 v1.2.3.4.5");
  g_assert_cmpstr (second, ==, "again addr-1 host-2 user-1");

  /* In a report: the machine's own name, the same replacement everywhere. */
  make_hand_run (&run, service);
  report = report_new (run.plan, run.results, run.config);
  pp_report_set_anonymize (report, TRUE);
  g_assert_true (pp_report_get_anonymize (report));
  g_assert_true (pp_report_write (report, path, TRUE, &error));
  g_assert_no_error (error);
  files = unpack (path);
  if (strlen (g_get_host_name ()) >= 2 && !g_str_equal (g_get_host_name (), "localhost"))
    {
      assert_nowhere (files, g_get_host_name ());
      assert_contains (file_text (files, "ProxyProbeResult.txt"), "Host: host-1\n");
      assert_contains (file_text (files, "report.html"), "at host-1 by alice from addr-1 and addr-2 via 127.0.0.1");
      assert_contains (file_text (files, "report.json"), "at host-1 by alice from addr-1 and addr-2");
    }
  assert_nowhere (files, "10.20.30.40");
}

static void
test_write_and_read_back (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(PpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = temp_path ("readback");
  g_autofree char *path = g_build_filename (dir, "ticket.zip", NULL);
  g_autofree char *missing = temp_path ("no-such-folder/ticket.zip");
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  const char *name;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_hand_run (&run, "");
  report = report_new (run.plan, run.results, run.config);
  pp_report_add_attachment (report, "screenshot.png", png);
  pp_report_add_system_info (report, "GTK", "4.8.3");
  g_assert_true (pp_report_write (report, path, FALSE, &error));
  g_assert_no_error (error);

  text = pp_report_read_text (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Proxy Probe report\nApplication: proxyprobe "));
  assert_contains (text, "Profile: hand (Hand-made)\nGeography: all\n");
  assert_contains (text, "Testing URL : https://b.example.test/\n3 - Proxy disabled: Succeeded (200)\n"
                         "5 - Command line proxy: Failed (TLS inspected)\n");
  assert_contains (text, "Summary: 2 of 2 endpoints reachable");

  /* An existing file stays as it was without overwrite. */
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_false (pp_report_write (report, path, FALSE, &error));
  g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (pp_report_write (report, path, TRUE, &error));
  g_assert_no_error (error);

  g_assert_false (pp_report_write (report, missing, FALSE, &error));
  g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE);
  assert_contains (error->message, "no-such-folder");

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    {
      g_assert_cmpstr (name, ==, "ticket.zip");
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);

  {
    g_autoptr(GHashTable) files = unpack (path);

    g_assert_cmpuint (g_bytes_get_size (g_hash_table_lookup (files, "screenshot.png")), ==, 4);
    assert_contains (file_text (files, "system.txt"), "GTK: 4.8.3\n");
    assert_contains (file_text (files, "traces/0004-cmdline-b.example.test.txt"), "< " HOSTILE);
    g_assert_true (g_hash_table_contains (files, "wpad/discovery.txt"));
  }
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_report_write_finish (PP_REPORT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_write_async (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(PpReport) report = NULL;
  gboolean done = FALSE;
  g_autofree char *path = temp_path ("async.zip");

  make_hand_run (&run, "");
  report = report_new (run.plan, run.results, run.config);
  pp_report_write_async (report, path, TRUE, NULL, write_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Builds a zip holding @names with @contents each (NULL: a report-like
 * text), the way an attacker or a damaged mail gateway would. */
static char *
build_zip (const char          *file,
           const char * const  *names,
           GBytes              *contents)
{
  g_autofree char *path = temp_path (file);
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);

  g_assert_nonnull (archive);
  for (guint i = 0; names[i]; i++)
    {
      gsize size;
      gconstpointer data = contents ? g_bytes_get_data (contents, &size) : "Proxy Probe report\n";
      zip_source_t *source;

      if (contents == NULL)
        size = strlen (data);
      source = zip_source_buffer (archive, data, size, 0);
      g_assert_cmpint (zip_file_add (archive, names[i], source, 0), ==, i);
      /* Stored: 20,000 tiny deflate streams would only slow the test. */
      if (size < 1024)
        zip_set_file_compression (archive, i, ZIP_CM_STORE, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);

  return g_steal_pointer (&path);
}

static void
expect_rejected (const char *path,
                 int         code,
                 const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pp_report_read_text (path, &error);

  g_assert_null (text);
  g_assert_error (error, PP_REPORT_ERROR, code);
  assert_contains (error->message, message);
}

static void
test_hostile_zips (void)
{
  g_autofree char *garbage = temp_path ("garbage.zip");
  g_autofree char *truncated = temp_path ("truncated.zip");
  g_autofree char *good = temp_path ("good.zip");
  g_autofree char *missing = temp_path ("does-not-exist.zip");
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *foreign = build_zip ("foreign.zip", (const char *[]) { "hello.txt", NULL }, NULL);
  g_autofree char *dotdot = build_zip ("dotdot.zip", (const char *[]) { "ProxyProbeResult.txt",
                                       "report.json", "traces/../../evil.sh", NULL }, NULL);
  g_autofree char *absolute = build_zip ("absolute.zip", (const char *[]) { "ProxyProbeResult.txt",
                                         "report.json", "/etc/cron.d/evil", NULL }, NULL);
  g_autoptr(GBytes) not_ours = g_bytes_new_static ("Hello\n", 6);
  g_autoptr(GBytes) escapes = g_bytes_new_static ("Proxy Probe report\n\033]0;owned\007\033[2J\r\tok\n", 38);
  g_autofree char *terminal = build_zip ("terminal.zip", (const char *[]) { "ProxyProbeResult.txt",
                                         "report.json", NULL }, escapes);
  g_autofree char *shown = NULL;
  g_autofree char *impostor = build_zip ("impostor.zip", (const char *[]) { "ProxyProbeResult.txt",
                                         "report.json", NULL }, not_ours);
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (4 * 1024 * 1024), 4 * 1024 * 1024);
  g_autofree char *bomb = build_zip ("bomb.zip", (const char *[]) { "ProxyProbeResult.txt",
                                     "report.json", NULL }, zeros);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *crowded = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(PpReport) report = NULL;

  g_assert_true (g_file_set_contents (garbage, "PK\x03\x04 this is not really a zip", -1, NULL));
  expect_rejected (garbage, PP_REPORT_ERROR_DAMAGED, "not a readable zip file");

  /* Escape sequences never reach the technician's terminal. */
  shown = pp_report_read_text (terminal, NULL);
  g_assert_cmpstr (shown, ==, "Proxy Probe report\n\357\277\275]0;owned\357\277\275"
                              "\357\277\275[2J\357\277\275\tok\n");
  expect_rejected (foreign, PP_REPORT_ERROR_FOREIGN, "not a Proxy Probe report");
  expect_rejected (impostor, PP_REPORT_ERROR_FOREIGN, "not written by Proxy Probe");
  expect_rejected (dotdot, PP_REPORT_ERROR_UNSAFE, "traces/../../evil.sh");
  expect_rejected (absolute, PP_REPORT_ERROR_UNSAFE, "/etc/cron.d/evil");
  expect_rejected (bomb, PP_REPORT_ERROR_UNSAFE, "zip bomb");

  g_ptr_array_add (many, g_strdup ("ProxyProbeResult.txt"));
  g_ptr_array_add (many, g_strdup ("report.json"));
  for (guint i = 0; i < PP_REPORT_ZIP_MAX_ENTRIES; i++)
    g_ptr_array_add (many, g_strdup_printf ("traces/%u.txt", i));
  g_ptr_array_add (many, NULL);
  crowded = build_zip ("crowded.zip", (const char * const *) many->pdata, NULL);
  expect_rejected (crowded, PP_REPORT_ERROR_UNSAFE, "entries");

  /* A real report cut short, as a mail gateway may do. */
  make_hand_run (&run, "");
  report = report_new (run.plan, run.results, run.config);
  g_assert_true (pp_report_write (report, good, TRUE, NULL));
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length * 2 / 3, NULL));
  expect_rejected (truncated, PP_REPORT_ERROR_DAMAGED, "truncated.zip");
  expect_rejected (missing, PP_REPORT_ERROR_READ, "does-not-exist.zip");
}

/* GNOME keeps the proxy password in GSettings; its resolver hands it out
 * in the proxy URL it answers. */
static void
set_gnome_auth_proxy (guint16     port,
                      const char *user,
                      const char *password)
{
  g_autoptr(GSettings) http = g_settings_new ("org.gnome.system.proxy.http");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);

  pp_test_probe_set_default_proxy (url);
  g_settings_set_boolean (http, "use-authentication", TRUE);
  g_settings_set_string (http, "authentication-user", user);
  g_settings_set_string (http, "authentication-password", password);
  g_settings_sync ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PpTrust *
make_trust (void)
{
  const char *anchors[] = { pp_testbed_get_ca_file (testbed), NULL };
  PpTrustOptions options = { .extra_anchors = anchors, .public_roots = pp_testbed_get_ca_file (testbed) };

  return pp_trust_new (&options, NULL);
}

/* The squid's real password is the canary: every credential source
 * carries it, every method authenticates with it, and no byte of the zip
 * may show it, in clear or in the Basic header's base64. */
static void
test_no_secrets_in_real_run (void)
{
  const char *user = pp_testbed_get_squid_user (testbed);
  const char *canary = pp_testbed_get_squid_password (testbed);
  guint16 port = pp_testbed_start_squid (testbed, PP_SQUID_AUTH);
  g_autofree char *proxy = g_strdup_printf ("http://%s:%s@127.0.0.1:%u", user, canary, port);
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, canary);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *sysroot = temp_path ("secret-sysroot");
  g_autofree char *http_url = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *https_url = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *env_proxy = g_strdup_printf ("https_proxy=%s", proxy);
  g_autofree char *env_http = g_strdup_printf ("http_proxy=%s", proxy);
  const char *environment[] = { env_proxy, env_http, NULL };
  const char *urls[] = { http_url, https_url, NULL };
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) methods = pp_method_parse_list ("default,wpad,direct,named,cmdline,env", NULL);
  g_autoptr(PpPlan) plan = pp_plan_new (profile, methods);
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpTrust) trust = make_trust ();
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(PpReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("secrets.zip");
  g_autoptr(GHashTable) files = NULL;
  g_autofree char *pac = g_strdup_printf ("function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:%u'; }", port);
  guint n_traces = 0;
  GHashTableIter iter;
  const char *name;

  write_mdatp_file (sysroot, proxy);
  set_gnome_auth_proxy (port, user, canary);
  config = pp_config_new (&(PpConfigOptions) { .sysroot = sysroot, .cmdline_proxy = proxy,
                                               .environment = environment,
                                               .discovery = &(PpDiscovery) {
                                                 .script = pac,
                                                 .source = "--pac-file test.pac" } },
                          &error);
  g_assert_no_error (error);
  runner = pp_runner_new (config, trust);
  pp_runner_set_keep_traces (runner, TRUE);
  results = pp_test_probe_run_plan (runner, plan, NULL);

  /* Every method that carries the password got through the auth squid. */
  for (guint i = 0; i < results->len; i++)
    {
      PpProbeResult *result = g_ptr_array_index (results, i);

      if (result->method == PP_METHOD_CMDLINE || result->method == PP_METHOD_NAMED ||
          result->method == PP_METHOD_ENV ||
          (result->method == PP_METHOD_DEFAULT && g_str_has_prefix (result->endpoint->url, "http:")))
        g_assert_cmpint (result->outcome, ==, PP_OUTCOME_OK);
    }

  report = report_new (plan, results, config);
  g_assert_true (pp_report_write (report, path, FALSE, &error));
  g_assert_no_error (error);
  files = unpack (path);

  assert_nowhere (files, canary);
  assert_nowhere (files, basic);
  assert_contains (file_text (files, "configuration.txt"), ":***@127.0.0.1");
  assert_contains (file_text (files, "wpad/proxy.pac"), "FindProxyForURL");
  assert_contains (file_text (files, "wpad/discovery.txt"), "--pac-file test.pac");
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    n_traces += g_str_has_prefix (name, "traces/");
  g_assert_cmpuint (n_traces, ==, results->len);
  assert_contains (file_text (files, "traces/0005-cmdline-127.0.0.1.txt"), "Proxy-Authorization: ***");
  assert_contains (file_text (files, "traces/0001-default-127.0.0.1.txt"), "Proxy-Authorization: ***");
  assert_contains (file_text (files, "ProxyProbeResult.txt"), "5 - Command line proxy: Succeeded (200)");
  g_assert_true (g_str_has_prefix (file_text (files, "report.json"), "{"));
  g_free (parse_html (file_text (files, "report.html")));

  pp_test_probe_set_default_proxy (NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);
  testbed = pp_testbed_new ();

  g_test_add_func ("/report/guidance", test_guidance_and_verdict);
  g_test_add_func ("/report/html", test_html_self_contained_and_escaped);
  g_test_add_func ("/report/html/pac-lookups", test_html_pac_lookups);
  g_test_add_func ("/report/html/stopped", test_html_stopped);
  g_test_add_func ("/report/anonymize", test_anonymize);
  g_test_add_func ("/report/read-back", test_write_and_read_back);
  g_test_add_func ("/report/async", test_write_async);
  g_test_add_func ("/report/hostile-zips", test_hostile_zips);
  g_test_add_func ("/report/no-secrets", test_no_secrets_in_real_run);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
