/* pp-run-results-verdict.c: what a run's results add up to by any method
 *
 * The analyzer's pass rule (an endpoint is reachable when any method got
 * an expected status), the counts per method, and the verdict the reports
 * lead their method summary with. Only the results' public API: the
 * results are PpRunResults' alone (pp-run-results.c).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-run-results.h"
#include "pp-log.h"

#include <string.h>

/* The pass rule of the analyzer: an endpoint is reachable when any
 * method got an expected status. */
gboolean
pp_run_results_endpoint_reachable (PpRunResults *self,
                                   guint         endpoint_index)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);

  for (guint m = 0; m < pp_run_results_get_n_methods (self); m++)
    {
      PpProbeResult *result = pp_run_results_lookup (self, endpoint_index, m);

      if (result != NULL && pp_probe_result_is_reachable (result))
        return TRUE;
    }

  return FALSE;
}

/* Every method has answered for @endpoint_index (none pending or
 * cancelled): only then can an unreachable endpoint be called so. */
gboolean
pp_run_results_endpoint_answered (PpRunResults *self,
                                  guint         endpoint_index)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);

  for (guint m = 0; m < pp_run_results_get_n_methods (self); m++)
    if (!pp_probe_result_has_answered (pp_run_results_lookup (self, endpoint_index, m)))
      return FALSE;

  return TRUE;
}

guint
pp_run_results_count_reachable (PpRunResults *self)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (self);
  guint reachable = 0;

  for (guint e = 0; e < n_endpoints; e++)
    reachable += pp_run_results_endpoint_reachable (self, e);

  return reachable;
}

gboolean
pp_run_results_all_reachable (PpRunResults *self)
{
  return pp_run_results_count_reachable (self) == pp_run_results_get_n_endpoints (self);
}

static void
count_result (PpMethodCount       *count,
              const PpProbeResult *result)
{
  if (!pp_probe_result_has_answered (result))
    count->pending++;
  else if (pp_probe_result_is_reachable (result))
    count->succeeded++;
  else if (result->outcome == PP_OUTCOME_NOT_CONFIGURED)
    count->not_configured++;
  else
    count->failed++;
}

void
pp_run_results_count_method (PpRunResults  *self,
                             guint          method_position,
                             PpMethodCount *count)
{
  guint n_endpoints;

  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (count != NULL);

  memset (count, 0, sizeof *count);
  n_endpoints = pp_run_results_get_n_endpoints (self);
  for (guint e = 0; e < n_endpoints; e++)
    count_result (count, pp_run_results_lookup (self, e, method_position));
}

/* Only what the results so far make certain: a method whose remaining
 * checks could still change its class gets none yet. */
static void
classify_method (PpVerdict           *verdict,
                 PpMethod             method,
                 const PpMethodCount *count)
{
  guint done = verdict->n_endpoints - count->pending;

  if (done == 0)
    return;
  if (count->not_configured == done)
    verdict->methods_absent |= PP_METHOD_BIT (method);
  else if (count->succeeded == verdict->n_endpoints)
    verdict->methods_all |= PP_METHOD_BIT (method);
  else if (count->succeeded > 0 && count->failed > 0)
    verdict->methods_some |= PP_METHOD_BIT (method);
  else if (count->succeeded == 0 && count->pending == 0)
    verdict->methods_none |= PP_METHOD_BIT (method);
}

/* "Only direct works" also when the default proxy "worked" because the
 * desktop answered DIRECT: no proxy let anything through. While checks
 * are missing (running, or stopped) a verdict is given only when no
 * missing answer can change it: every endpoint reached, and either a
 * proxy let something through or none can still fail everywhere
 * (@proxies_may_fail: proxy methods that have reached nothing yet). */
static PpVerdictKind
choose_kind (const PpVerdict *verdict,
             guint            proxies_may_fail)
{
  guint proxies_failed = verdict->methods_none & ~PP_METHOD_BIT (PP_METHOD_DIRECT);

  if (verdict->n_pending > 0)
    return verdict->n_reachable == verdict->n_endpoints && (verdict->via_proxy || proxies_may_fail == 0)
           ? PP_VERDICT_ALL_REACHABLE : PP_VERDICT_PENDING;
  if (verdict->n_reachable > 0 && !verdict->via_proxy && proxies_failed != 0)
    return PP_VERDICT_ONLY_DIRECT;
  if (verdict->n_reachable == verdict->n_endpoints)
    return PP_VERDICT_ALL_REACHABLE;
  if (verdict->n_reachable == 0)
    return PP_VERDICT_NONE_REACHABLE;

  return PP_VERDICT_SOME_UNREACHABLE;
}

/* A reachable answer through an actual proxy, not a DIRECT one. */
static gboolean
went_via_proxy (const PpProbeResult *result)
{
  return pp_probe_result_is_reachable (result) && result->method != PP_METHOD_DIRECT &&
         result->proxy != NULL && !g_str_equal (result->proxy, "DIRECT");
}

static void
scan_results (PpRunResults *self,
              PpVerdict    *verdict)
{
  for (guint i = 0; i < pp_run_results_get_n_items (self); i++)
    {
      PpProbeResult *result = pp_run_results_get_item (self, i);

      if (!pp_probe_result_has_answered (result))
        {
          verdict->n_pending++;
          verdict->n_cancelled += result != NULL;
          continue;
        }
      verdict->via_proxy |= went_via_proxy (result);
      verdict->inspected |= result->tls.inspected;
    }
}

void
pp_run_results_get_verdict (PpRunResults *self,
                            PpVerdict    *verdict)
{
  guint proxies_may_fail = 0;

  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (verdict != NULL);

  memset (verdict, 0, sizeof *verdict);
  verdict->n_endpoints = pp_run_results_get_n_endpoints (self);
  verdict->n_reachable = pp_run_results_count_reachable (self);
  verdict->n_probes = verdict->n_endpoints * pp_run_results_get_n_methods (self);
  scan_results (self, verdict);

  for (guint m = 0; m < pp_run_results_get_n_methods (self); m++)
    {
      PpMethod method = pp_run_results_get_method (self, m);
      PpMethodCount count;

      pp_run_results_count_method (self, m, &count);
      classify_method (verdict, method, &count);
      if (method != PP_METHOD_DIRECT && count.succeeded == 0 &&
          !(verdict->methods_absent & PP_METHOD_BIT (method)))
        proxies_may_fail |= PP_METHOD_BIT (method);
    }
  verdict->kind = choose_kind (verdict, proxies_may_fail);
  pp_debug ("verdict %d: %u of %u endpoints reachable, %u pending (%u cancelled)",
            verdict->kind, verdict->n_reachable, verdict->n_endpoints, verdict->n_pending,
            verdict->n_cancelled);
}
