/* pp-run-results-agent.c: the agent's own path through a run's results
 *
 * The profile's agent takes its proxies in its own order (named, local,
 * default or environment, then direct); its path is the first step that
 * is configured on this machine, and its verdict counts the endpoints
 * reached on that step alone. Only the results' public API.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-run-results.h"
#include "pp-log.h"

#include <string.h>

static gboolean
find_position (PpPlan   *plan,
               PpMethod  method,
               guint    *position)
{
  for (guint m = 0; m < pp_plan_get_n_methods (plan); m++)
    if (pp_plan_get_method (plan, m) == method)
      {
        *position = m;
        return TRUE;
      }

  return FALSE;
}

/* A proxy step is taken when it is configured: some answer other than
 * "Doesn't exist". Until a probe of it has answered, nobody knows. */
static gboolean
step_configured (PpRunResults *self,
                 guint         position,
                 gboolean     *decided)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (self);

  *decided = FALSE;
  for (guint e = 0; e < n_endpoints; e++)
    {
      PpProbeResult *result = pp_run_results_lookup (self, e, position);

      if (!pp_probe_result_has_answered (result))
        continue;
      *decided = TRUE;
      if (result->outcome != PP_OUTCOME_NOT_CONFIGURED)
        return TRUE;
    }

  return FALSE;
}

/* Walks the agent's steps in its order; FALSE when the path cannot be
 * told (a step's method was not run, or has not answered yet). */
static gboolean
choose_step (PpRunResults *self,
             PpAgent      *agent,
             PpAgentPath  *path)
{
  for (guint i = 0; i < pp_agent_get_n_steps (agent); i++)
    {
      PpAgentStep step = pp_agent_get_step (agent, i);
      gboolean decided;

      path->step = step;
      if (!pp_agent_step_to_method (step, &path->method))
        {
          path->passed_local = TRUE;
          continue;
        }
      if (!find_position (pp_run_results_get_plan (self), path->method, &path->method_position))
        {
          pp_debug ("the agent's step %s was not probed: no agent path", pp_agent_step_to_id (step));
          return FALSE;
        }
      if (step == PP_AGENT_STEP_DIRECT || step_configured (self, path->method_position, &decided))
        return TRUE;
      if (!decided)
        return FALSE;
    }

  return FALSE;
}

/**
 * pp_run_results_proxy_unreachable:
 * @result: (nullable): a probe's result
 *
 * Whether the proxy itself could not be reached (nothing listens, its
 * name does not resolve): the case in which an agent may fall back to a
 * direct connection, unlike a proxy that answered with a refusal.
 */
gboolean
pp_run_results_proxy_unreachable (const PpProbeResult *result)
{
  return result != NULL && result->outcome == PP_OUTCOME_PROXY_UNREACHABLE;
}

static void
count_agent_endpoint (PpRunResults *self,
                      guint         e,
                      PpAgentPath  *path)
{
  PpProbeResult *result = pp_run_results_lookup (self, e, path->method_position);
  PpProbeResult *direct = NULL;
  guint direct_position;

  if (!pp_probe_result_has_answered (result))
    {
      path->n_pending++;
      return;
    }
  if (pp_probe_result_is_reachable (result))
    {
      path->n_reached++;
      return;
    }
  if (path->step == PP_AGENT_STEP_DIRECT || !pp_run_results_proxy_unreachable (result))
    return;
  path->n_proxy_unreachable++;
  if (find_position (pp_run_results_get_plan (self), PP_METHOD_DIRECT, &direct_position))
    direct = pp_run_results_lookup (self, e, direct_position);
  if (direct != NULL && pp_probe_result_is_reachable (direct))
    path->n_reached_if_fallback++;
}

/**
 * pp_run_results_get_agent_path:
 * @path: (out caller-allocates): filled in; @path->known is FALSE when
 *   the profile names no agent or its path cannot be told
 *
 * A fallback to direct counts as reached only where the profile says the
 * agent does fall back; where that is unknown, both outcomes are kept.
 */
void
pp_run_results_get_agent_path (PpRunResults *self,
                               PpAgentPath  *path)
{
  PpAgent *agent;

  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (path != NULL);

  memset (path, 0, sizeof *path);
  agent = pp_profile_get_agent (pp_plan_get_profile (pp_run_results_get_plan (self)));
  path->n_endpoints = pp_run_results_get_n_endpoints (self);
  path->has_agent = agent != NULL;
  if (agent == NULL)
    return;
  path->fallback = pp_agent_get_fallback (agent);
  path->known = choose_step (self, agent, path);
  if (!path->known)
    return;

  for (guint e = 0; e < path->n_endpoints; e++)
    count_agent_endpoint (self, e, path);
  if (path->fallback == PP_AGENT_FALLBACK_YES)
    path->n_reached += path->n_reached_if_fallback;
  pp_debug ("agent path %s (%s): %u of %u reached, %u with the proxy unreachable "
            "(%u direct), %u pending", pp_agent_step_to_id (path->step),
            pp_method_to_id (path->method), path->n_reached, path->n_endpoints,
            path->n_proxy_unreachable, path->n_reached_if_fallback, path->n_pending);
}
