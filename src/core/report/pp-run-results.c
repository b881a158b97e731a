/* pp-run-results.c: a run's results, the one place they are kept
 *
 * One result per probe in plan order (NULL while pending), the run's
 * identity, host and configuration, and its exit status. What the results
 * add up to is in pp-run-results-verdict.c (by any method) and
 * pp-run-results-agent.c (on the agent's own path); reading one back from
 * a report.json in pp-run-results-json.c.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-run-results.h"
#include "pp-log.h"

struct _PpRunResults
{
  GObject parent_instance;

  PpPlan *plan;
  GPtrArray *results;   /* of PpProbeResult, plan order; NULL while pending */
  guint n_missing;      /* NULL entries */
  gboolean stopped;
  PpConcurrency concurrency;  /* requested 0: not recorded */
  char *run_id;         /* a UUID: this run among a fleet's */
  GDateTime *started;   /* UTC */
  PpHost *host;         /* NULL until the session (or a report) says */
  PpPassRule pass_rule;
  PpConfig *config;     /* the configuration probed, for provenance; NULL for a received report */
  char *named_source;   /* a received report's: where the sender's named proxy was set */
};

G_DEFINE_FINAL_TYPE (PpRunResults, pp_run_results, G_TYPE_OBJECT)

/* Pending entries are NULL: GPtrArray hands them to the free function. */
static void
clear_result (gpointer data)
{
  if (data != NULL)
    pp_probe_result_unref (data);
}

static void
pp_run_results_finalize (GObject *object)
{
  PpRunResults *self = PP_RUN_RESULTS (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->config);
  g_clear_pointer (&self->named_source, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->run_id, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->host, pp_host_free);

  G_OBJECT_CLASS (pp_run_results_parent_class)->finalize (object);
}

static void
pp_run_results_class_init (PpRunResultsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_run_results_finalize;
}

static void
pp_run_results_init (PpRunResults *self)
{
  self->run_id = g_uuid_string_random ();
  self->started = g_date_time_new_now_utc ();
}

/**
 * pp_run_results_new:
 * @plan: the run's plan
 *
 * Returns: (transfer full): results with every probe pending
 */
PpRunResults *
pp_run_results_new (PpPlan *plan)
{
  PpRunResults *self;
  guint n_items;

  g_return_val_if_fail (PP_IS_PLAN (plan), NULL);

  n_items = pp_plan_get_n_items (plan);
  self = g_object_new (PP_TYPE_RUN_RESULTS, NULL);
  self->plan = g_object_ref (plan);
  self->results = g_ptr_array_new_full (n_items, clear_result);
  g_ptr_array_set_size (self->results, n_items);
  self->n_missing = n_items;

  return self;
}

/**
 * pp_run_results_new_finished:
 * @plan: the run's plan
 * @results: (element-type PpProbeResult): one result per plan item, in
 *   plan order (what pp_runner_run_finish() returns, cancelled probes
 *   included); NULL entries stay pending
 *
 * Returns: (transfer full): results holding their own references
 */
PpRunResults *
pp_run_results_new_finished (PpPlan    *plan,
                             GPtrArray *results)
{
  PpRunResults *self;

  g_return_val_if_fail (PP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  self = pp_run_results_new (plan);
  for (guint i = 0; i < results->len && i < self->results->len; i++)
    if (g_ptr_array_index (results, i) != NULL)
      pp_run_results_set_item (self, i, g_ptr_array_index (results, i));

  return self;
}

PpPlan *
pp_run_results_get_plan (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return self->plan;
}

PpProfile *
pp_run_results_get_profile (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return pp_plan_get_profile (self->plan);
}

guint
pp_run_results_get_n_endpoints (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), 0);

  return pp_profile_get_n_endpoints (pp_plan_get_profile (self->plan));
}

guint
pp_run_results_get_n_methods (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), 0);

  return pp_plan_get_n_methods (self->plan);
}

PpMethod
pp_run_results_get_method (PpRunResults *self,
                           guint         position)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), PP_METHOD_DIRECT);

  return pp_plan_get_method (self->plan, position);
}

guint
pp_run_results_get_n_items (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), 0);

  return self->results->len;
}

/* The plan's order: endpoint by endpoint, the methods in plan order
 * within each (the runner and the grid's cells use the same index). */
guint
pp_run_results_get_index (PpRunResults *self,
                          guint         endpoint_index,
                          guint         method_position)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), 0);
  g_return_val_if_fail (method_position < pp_plan_get_n_methods (self->plan), 0);

  return endpoint_index * pp_plan_get_n_methods (self->plan) + method_position;
}

/* The inverse of pp_run_results_get_index(): FALSE when @index is
 * beyond the plan. */
gboolean
pp_run_results_get_position (PpRunResults *self,
                             guint         index,
                             guint        *endpoint_index,
                             guint        *method_position)
{
  guint n_methods;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);

  if (index >= self->results->len)
    return FALSE;
  n_methods = pp_plan_get_n_methods (self->plan);
  *endpoint_index = index / n_methods;
  *method_position = index % n_methods;

  return TRUE;
}

/**
 * pp_run_results_set_item:
 * @index: the plan item
 * @result: its result
 *
 * A probe answers once: a second result for the same item (the runner's
 * final array after its per-probe signals) is ignored.
 *
 * Returns: whether @result was new
 */
gboolean
pp_run_results_set_item (PpRunResults  *self,
                         guint          index,
                         PpProbeResult *result)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (index < self->results->len, FALSE);

  if (g_ptr_array_index (self->results, index) != NULL)
    return FALSE;

  g_ptr_array_index (self->results, index) = pp_probe_result_ref (result);
  self->n_missing--;

  return TRUE;
}

/**
 * pp_run_results_get_item:
 *
 * Returns: (transfer none) (nullable): the result, NULL while pending or
 *   out of range
 */
PpProbeResult *
pp_run_results_get_item (PpRunResults *self,
                         guint         index)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return index < self->results->len ? g_ptr_array_index (self->results, index) : NULL;
}

/**
 * pp_run_results_lookup:
 *
 * Returns: (transfer none) (nullable): the result for @endpoint_index
 *   by the method at @method_position, NULL while pending
 */
PpProbeResult *
pp_run_results_lookup (PpRunResults *self,
                       guint         endpoint_index,
                       guint         method_position)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  if (method_position >= pp_plan_get_n_methods (self->plan))
    return NULL;

  return pp_run_results_get_item (self, pp_run_results_get_index (self, endpoint_index,
                                                                  method_position));
}

/* Every probe has a result (cancelled ones included). */
gboolean
pp_run_results_is_complete (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);

  return self->n_missing == 0;
}

gboolean
pp_run_results_get_stopped (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);

  return self->stopped;
}

/* How many probes ran at once, as the runner recorded it (or the
 * received report said): the reports note a lowered concurrency. */
void
pp_run_results_set_concurrency (PpRunResults        *self,
                                const PpConcurrency *concurrency)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (concurrency != NULL);

  self->concurrency = *concurrency;
}

/* FALSE when nobody recorded it (a run that never started). */
gboolean
pp_run_results_get_concurrency (PpRunResults  *self,
                                PpConcurrency *concurrency)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), FALSE);
  g_return_val_if_fail (concurrency != NULL, FALSE);

  *concurrency = self->concurrency;

  return self->concurrency.requested > 0;
}

char *
pp_run_results_format_concurrency_note (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return pp_concurrency_format_note (&self->concurrency);
}

/* Whoever stopped the run says so: a stop that came after the last
 * probe answered leaves no cancelled result, and still exits 130. */
void
pp_run_results_set_stopped (PpRunResults *self,
                            gboolean      stopped)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));

  self->stopped = !!stopped;
}

/* The snapshot the run probed with: the verdict names where the agent's
 * proxy was set (mdatp_managed.json, --named-proxy) from it. */
void
pp_run_results_set_config (PpRunResults *self,
                           PpConfig     *config)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (config == NULL || PP_IS_CONFIG (config));

  g_set_object (&self->config, config);
}

/**
 * pp_run_results_get_config:
 *
 * Returns: (transfer none) (nullable): the configuration, NULL when not
 *   known (a received report)
 */
PpConfig *
pp_run_results_get_config (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return self->config;
}

/* A received report has no configuration, only what it recorded of it. */
void
pp_run_results_set_named_source (PpRunResults *self,
                                 const char   *source)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));

  g_free (self->named_source);
  self->named_source = g_strdup (source);
}

/**
 * pp_run_results_get_named_source:
 *
 * Returns: (nullable): where the named proxy was set: the configuration's
 *   word, else a received report's, else NULL
 */
const char *
pp_run_results_get_named_source (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  if (self->config != NULL)
    return pp_config_get_named_proxy (self->config)->source;

  return self->named_source;
}

void
pp_run_results_set_pass_rule (PpRunResults *self,
                              PpPassRule    rule)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));

  self->pass_rule = rule;
}

PpPassRule
pp_run_results_get_pass_rule (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), PP_PASS_RULE_AGENT_PATH);

  return self->pass_rule;
}

/* Stopped wins: a stopped run's reachable endpoints prove nothing about
 * the ones it did not check. Where the profile names an agent whose path
 * was probed, 0 means the agent reaches every endpoint on it (a fallback
 * it may or may not make does not count); else the analyzer's rule. */
PpExitStatus
pp_run_results_get_exit_status (PpRunResults *self)
{
  PpAgentPath path;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), PP_EXIT_BAD_INPUT);

  if (self->stopped)
    return PP_EXIT_STOPPED;
  pp_run_results_get_agent_path (self, &path);
  if (self->pass_rule == PP_PASS_RULE_AGENT_PATH && path.known)
    return path.n_reached == path.n_endpoints ? PP_EXIT_ALL_REACHABLE : PP_EXIT_SOME_UNREACHABLE;

  return pp_run_results_all_reachable (self) ? PP_EXIT_ALL_REACHABLE : PP_EXIT_SOME_UNREACHABLE;
}

/* The run's identity: made with the results, so that every form of the
 * report (and every copy of it in a fleet) names the same run. */
const char *
pp_run_results_get_run_id (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return self->run_id;
}

GDateTime *
pp_run_results_get_started (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return self->started;
}

/* A received report's identity replaces the one made here. */
void
pp_run_results_set_identity (PpRunResults *self,
                             const char   *run_id,
                             GDateTime    *started)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));
  g_return_if_fail (run_id != NULL && started != NULL);

  g_free (self->run_id);
  self->run_id = g_strdup (run_id);
  g_date_time_unref (self->started);
  self->started = g_date_time_ref (started);
}

const PpHost *
pp_run_results_get_host (PpRunResults *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  return self->host;
}

void
pp_run_results_set_host (PpRunResults *self,
                         const PpHost *host)
{
  g_return_if_fail (PP_IS_RUN_RESULTS (self));

  g_clear_pointer (&self->host, pp_host_free);
  self->host = host ? pp_host_copy (host) : NULL;
}

/**
 * pp_run_results_copy_for_host:
 * @host: (nullable): the host the copy names
 *
 * The same run (plan, results, identity) naming another host: an
 * anonymized report is written from such a copy, never by changing the
 * run the window or the CLI still shows.
 *
 * Returns: (transfer full): the copy
 */
PpRunResults *
pp_run_results_copy_for_host (PpRunResults *self,
                              const PpHost *host)
{
  PpRunResults *copy;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (self), NULL);

  copy = pp_run_results_new_finished (self->plan, self->results);
  copy->stopped = self->stopped;
  copy->concurrency = self->concurrency;
  pp_run_results_set_identity (copy, self->run_id, self->started);
  pp_run_results_set_host (copy, host);

  return copy;
}
