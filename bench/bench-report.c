/* bench-report.c: writing the zip report of a 1,000-probe run with traces
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds 1,000 results (200 endpoints x 5 methods, a realistic mix of
 * outcomes, each with a redacted libcurl trace of about 3 KB, the size of
 * a real HTTPS trace with its certificate lines) and times
 * pp_report_write(), as the CLI and the GUI call it. Peak RSS is that of
 * the whole process, results included.
 *
 *   meson compile -C build bench-report && build/bench/bench-report [--anonymize]
 */
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "pp-probe-result.h"
#include "pp-report.h"

#define N_ENDPOINTS 200
#define TRACE_LINES 40

static const PpOutcome outcomes[] = {
  PP_OUTCOME_OK, PP_OUTCOME_OK, PP_OUTCOME_OK, PP_OUTCOME_PROXY_AUTH_REQUIRED,
  PP_OUTCOME_TLS_INSPECTED, PP_OUTCOME_CONNECT_TIMEOUT, PP_OUTCOME_NOT_CONFIGURED,
  PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_DNS_FAILED,
};

/* Lines like libcurl's verbose output, with per-probe values (addresses,
 * dates, hashes) so that it compresses like a real trace, not better. */
static char *
make_trace (guint       index,
            const char *host)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < TRACE_LINES; i++)
    switch (i % 5)
      {
      case 0:
        g_string_append_printf (out, "*   Trying 10.%u.%u.%u:3128...\n", index % 250, i, g_random_int_range (1, 254));
        break;
      case 1:
        g_string_append_printf (out, "* CONNECT tunnel: HTTP/1.1 negotiated to %s port 443 (#%u)\n", host, index);
        break;
      case 2:
        g_string_append_printf (out, "< Date: Mon, 23 Nov 2026 16:%02u:%02u GMT X-Id: %08x%08x\n",
                                g_random_int_range (0, 60), g_random_int_range (0, 60),
                                g_random_int (), g_random_int ());
        break;
      case 3:
        g_string_append_printf (out, "*  subject: CN=%s; issuer: C=US; O=Microsoft Corporation; "
                                "CN=Microsoft Azure RSA TLS Issuing CA %02u\n", host, i);
        break;
      default:
        g_string_append_printf (out, "*  SSL certificate verify ok. sha256 %08x%08x%08x%08x\n",
                                g_random_int (), g_random_int (), g_random_int (), g_random_int ());
      }

  return g_string_free (out, FALSE);
}

static PpProbeResult *
make_result (PpEndpoint *endpoint,
             PpMethod    method,
             guint       index)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);
  g_autoptr(GUri) uri = g_uri_parse (endpoint->url, G_URI_FLAGS_NONE, NULL);

  result->outcome = outcomes[index % G_N_ELEMENTS (outcomes)];
  result->http_status = result->outcome == PP_OUTCOME_OK ? 200 : 0;
  result->connect_status = result->outcome == PP_OUTCOME_PROXY_AUTH_REQUIRED ? 407 : 0;
  result->proxy = g_strdup ("http://proxy.corp.example:3128");
  result->detail = g_strdup_printf ("probe %u: the proxy answered", index);
  result->timings.total = g_random_int_range (1000, 900000);
  result->remote_address = g_strdup_printf ("10.0.%u.%u", index / 250, index % 250);
  result->tls.present = TRUE;
  result->tls.inspected = result->outcome == PP_OUTCOME_TLS_INSPECTED;
  result->tls.issuer = g_strdup ("CN=Corp Inspection CA");
  result->tls.subject = g_strdup_printf ("CN=%s", g_uri_get_host (uri));
  if (result->outcome != PP_OUTCOME_NOT_CONFIGURED)
    result->trace = make_trace (index, g_uri_get_host (uri));

  return result;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("default,direct,named,cmdline,env", NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpReport) report = NULL;
  g_autoptr(PpRunResults) run_results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pp-bench-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.zip", NULL);
  const guint expected[] = { 200 };
  gboolean anonymize = argc > 1 && g_str_equal (argv[1], "--anonymize");
  long rss_before;
  gint64 start, elapsed;
  GStatBuf st;

  for (guint e = 0; e < N_ENDPOINTS; e++)
    {
      g_autofree char *url = g_strdup_printf ("https://endpoint-%u.events.data.microsoft.com/ping", e);

      g_ptr_array_add (endpoints, pp_endpoint_new (url, "EDR cyber data", "GET", expected, 1,
                                                   "system", "WW"));
    }
  profile = pp_profile_new_from_endpoints ("bench", "Benchmark", endpoints);
  plan = pp_plan_new (profile, methods);
  for (guint i = 0; i < pp_plan_get_n_items (plan); i++)
    {
      PpMethod method;
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);

      g_ptr_array_add (results, make_result (endpoint, method, i));
    }
  config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent-sysroot" }, &error);
  g_assert_no_error (error);

  run_results = pp_run_results_new_finished (plan, results);
  report = pp_report_new (run_results, config);
  pp_report_set_anonymize (report, anonymize);
  rss_before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  if (!pp_report_write (report, path, TRUE, &error))
    g_error ("%s", error->message);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_print ("probes: %u, anonymize: %s\n", results->len, anonymize ? "yes" : "no");
  g_print ("write time: %.3f s\n", elapsed / (double) G_USEC_PER_SEC);
  g_print ("zip size: %.2f MiB\n", st.st_size / (1024.0 * 1024.0));
  g_print ("peak RSS before writing: %.1f MiB, after: %.1f MiB\n", rss_before / 1024.0,
           peak_rss_kib () / 1024.0);

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
