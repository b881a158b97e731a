/* bench-diagnosis.c: the diagnosis of a 10,000-probe run
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds 10,000 results (2,000 endpoints x 5 methods, a mix of outcomes
 * through four proxies, TLS inspection by two issuers) for a profile
 * whose agent takes the named proxy, and times pp_diagnosis_new() (the
 * agent's path, the causes, the fixes, the allow-list) and its text, as
 * every output calls them. Prints the best and the median of 25 runs.
 *
 *   meson compile -C build bench-diagnosis && build/bench/bench-diagnosis
 */
#include "pp-diagnosis.h"
#include "pp-probe-result.h"

#define N_ENDPOINTS 2000
#define N_RUNS 25

static const PpOutcome outcomes[] = {
  PP_OUTCOME_OK, PP_OUTCOME_OK, PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_PROXY_AUTH_REQUIRED,
  PP_OUTCOME_TLS_INSPECTED, PP_OUTCOME_CONNECT_TIMEOUT, PP_OUTCOME_NOT_CONFIGURED,
  PP_OUTCOME_PROXY_UNREACHABLE, PP_OUTCOME_DNS_FAILED, PP_OUTCOME_OK, PP_OUTCOME_OK,
};

static PpProbeResult *
make_result (PpEndpoint *endpoint,
             PpMethod    method,
             guint       index)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);

  result->outcome = outcomes[(index * 7 + method) % G_N_ELEMENTS (outcomes)];
  result->http_status = result->outcome == PP_OUTCOME_OK ? 200 : 0;
  result->connect_status = result->outcome == PP_OUTCOME_PROXY_AUTH_REQUIRED ? 407
                           : result->outcome == PP_OUTCOME_PROXY_REFUSED ? 403 : 0;
  if (method != PP_METHOD_DIRECT)
    result->proxy = g_strdup_printf ("http://proxy-%u.corp.example:3128", method);
  result->detail = g_strdup_printf ("the proxy answered %u to CONNECT (ERR_ACCESS_DENIED 0)",
                                    result->connect_status);
  result->tls.inspected = result->outcome == PP_OUTCOME_TLS_INSPECTED;
  result->tls.issuer = g_strdup_printf ("CN=Corp Inspection CA %u", index % 2);

  return result;
}

static PpRunResults *
make_run (void)
{
  const PpAgentStep path[] = { PP_AGENT_STEP_NAMED, PP_AGENT_STEP_LOCAL, PP_AGENT_STEP_DIRECT };
  const char *domains[] = { "*.events.data.microsoft.com", NULL };
  g_autoptr(PpAgent) agent = pp_agent_new ("Defender for Endpoint on Linux", path, 3,
                                           PP_AGENT_FALLBACK_UNKNOWN, domains);
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("default,direct,named,cmdline,env", NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  const guint expected[] = { 200 };

  for (guint e = 0; e < N_ENDPOINTS; e++)
    {
      g_autofree char *url = g_strdup_printf ("https://endpoint-%u.events.data.microsoft.com/ping", e);

      g_ptr_array_add (endpoints, pp_endpoint_new (url, "Cyber data", "GET", expected, 1,
                                                   "system", "WW"));
    }
  profile = pp_profile_new_from_endpoints ("bench", "Bench", endpoints);
  pp_profile_set_agent (profile, agent);
  plan = pp_plan_new (profile, methods);
  for (guint e = 0; e < N_ENDPOINTS; e++)
    for (guint m = 0; m < methods->len; m++)
      g_ptr_array_add (results, make_result (g_ptr_array_index (endpoints, e),
                                             g_array_index (methods, PpMethod, m), e));

  return pp_run_results_new_finished (plan, results);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PpRunResults) run = make_run ();
  gint64 times[N_RUNS];
  guint n_causes = 0, n_allow = 0;

  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (run);
      g_autofree char *text = pp_diagnosis_format_text (diagnosis);

      times[i] = g_get_monotonic_time () - start;
      n_causes = diagnosis->causes->len;
      n_allow = diagnosis->allow_list->len;
    }
  qsort (times, N_RUNS, sizeof times[0], compare_times);
  g_print ("diagnosis of %u probes (%u causes, %u allow-list entries): best %.2f ms, "
           "median %.2f ms, worst %.2f ms over %u runs\n", pp_run_results_get_n_items (run),
           n_causes, n_allow, times[0] / 1000.0, times[N_RUNS / 2] / 1000.0,
           times[N_RUNS - 1] / 1000.0, N_RUNS);

  return 0;
}
