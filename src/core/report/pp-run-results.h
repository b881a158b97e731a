/* pp-run-results.h: one run's plan and results, and what they add up to
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only place that knows where the result for (endpoint, method)
 * is kept. Everything that reads a run (the text, JSON, HTML and zip
 * reports, the guidance, the CLI, the GUI's summary and batch exit) asks
 * a PpRunResults: look-up, per-endpoint reachability, per-method counts,
 * the pass rule, the verdict and the exit status are written once, here.
 *
 * A PpRunResults is filled while the run goes (pending probes have no
 * result yet: NULL) or made whole from a finished run, or from a received
 * report.json.
 */
#pragma once

#include <gio/gio.h>

#include "pp-agent.h"
#include "pp-config.h"
#include "pp-fd-budget.h"
#include "pp-host.h"
#include "pp-plan.h"
#include "pp-probe-result.h"

G_BEGIN_DECLS

/* The exit status of both programs (proxyprobe-cli and proxyprobe --run). */
typedef enum
{
  PP_EXIT_ALL_REACHABLE = 0,
  PP_EXIT_SOME_UNREACHABLE = 1,
  PP_EXIT_BAD_INPUT = 2,       /* bad options or files, or a report that could not be written */
  PP_EXIT_STOPPED = 130,       /* the run was stopped (Ctrl+C, SIGTERM, Stop) */
} PpExitStatus;

/* One bit per PpMethod: (1u << PP_METHOD_DIRECT). */
#define PP_METHOD_BIT(method) (1u << (method))

typedef enum
{
  PP_VERDICT_PENDING,          /* checks missing (running or stopped), and the verdict not yet certain */
  PP_VERDICT_ALL_REACHABLE,    /* every endpoint reachable by at least one method */
  PP_VERDICT_ONLY_DIRECT,      /* reachable only with the proxy disabled: the proxies block */
  PP_VERDICT_SOME_UNREACHABLE, /* some endpoints unreachable by every method */
  PP_VERDICT_NONE_REACHABLE,   /* no endpoint reachable by any method */
} PpVerdictKind;

/* The run at a glance. Results may still be missing (during a run) or
 * cancelled (a stopped run): they count as pending, and the verdict says
 * only what the others make certain. */
typedef struct
{
  PpVerdictKind kind;
  guint n_endpoints;
  guint n_reachable;       /* reachable by at least one method */
  guint n_probes;          /* endpoints x methods */
  guint n_pending;         /* probes without an answer: missing or cancelled */
  guint n_cancelled;       /* of those, stopped (the run was stopped) */
  guint methods_all;       /* PP_METHOD_BIT set: reached every endpoint */
  guint methods_some;      /* reached some endpoints, not all */
  guint methods_none;      /* configured, reached no endpoint */
  guint methods_absent;    /* "Doesn't exist" for every endpoint */
  gboolean inspected;      /* some probe saw TLS inspection */
  gboolean via_proxy;      /* some probe got through an actual proxy (not a DIRECT answer) */
} PpVerdict;

/* Which rule the exit status follows (--pass-rule). */
typedef enum
{
  PP_PASS_RULE_AGENT_PATH,  /* the agent reaches every endpoint on its own path (where
                             * the profile names an agent; else as ANY_METHOD) */
  PP_PASS_RULE_ANY_METHOD,  /* the analyzer's: any method got an expected status */
} PpPassRule;

/* What the profile's agent will do on this machine: the first configured
 * step of its path, and how many endpoints it reaches on it. Counts
 * cover answered probes only; pending ones are counted apart. */
typedef struct
{
  gboolean known;             /* an agent, its path probed and its step decided */
  gboolean has_agent;         /* the profile names an agent */
  PpAgentStep step;           /* the step taken */
  PpMethod method;            /* the method that measures it */
  guint method_position;      /* its position in the plan */
  gboolean passed_local;      /* a "local" step came first: we cannot read it */
  PpAgentFallback fallback;   /* the profile's fact */
  guint n_endpoints;
  guint n_reached;            /* reached for certain (fallback counted only when documented) */
  guint n_proxy_unreachable;  /* the path's proxy itself could not be reached */
  guint n_reached_if_fallback;/* of those, reached directly: the outcome if it falls back */
  guint n_pending;
} PpAgentPath;

/* One method's column of the grid. */
typedef struct
{
  guint succeeded;         /* reachable */
  guint not_configured;    /* "Doesn't exist" */
  guint failed;            /* answered, neither of the above */
  guint pending;           /* no answer: missing or cancelled */
} PpMethodCount;

#define PP_TYPE_RUN_RESULTS (pp_run_results_get_type ())

G_DECLARE_FINAL_TYPE (PpRunResults, pp_run_results, PP, RUN_RESULTS, GObject)

PpRunResults  *pp_run_results_new                  (PpPlan          *plan);
PpRunResults  *pp_run_results_new_finished         (PpPlan          *plan,
                                                    GPtrArray       *results);
PpPlan        *pp_run_results_get_plan             (PpRunResults    *self);
PpProfile     *pp_run_results_get_profile          (PpRunResults    *self);
guint          pp_run_results_get_n_endpoints      (PpRunResults    *self);
guint          pp_run_results_get_n_methods        (PpRunResults    *self);
PpMethod       pp_run_results_get_method           (PpRunResults    *self,
                                                    guint            position);
guint          pp_run_results_get_n_items          (PpRunResults    *self);
guint          pp_run_results_get_index            (PpRunResults    *self,
                                                    guint            endpoint_index,
                                                    guint            method_position);
gboolean       pp_run_results_get_position         (PpRunResults    *self,
                                                    guint            index,
                                                    guint           *endpoint_index,
                                                    guint           *method_position);
gboolean       pp_run_results_set_item             (PpRunResults    *self,
                                                    guint            index,
                                                    PpProbeResult   *result);
PpProbeResult *pp_run_results_get_item             (PpRunResults    *self,
                                                    guint            index);
PpProbeResult *pp_run_results_lookup               (PpRunResults    *self,
                                                    guint            endpoint_index,
                                                    guint            method_position);
gboolean       pp_run_results_is_complete          (PpRunResults    *self);
gboolean       pp_run_results_get_stopped          (PpRunResults    *self);
void           pp_run_results_set_stopped          (PpRunResults    *self,
                                                    gboolean         stopped);
void           pp_run_results_set_concurrency      (PpRunResults    *self,
                                                    const PpConcurrency *concurrency);
gboolean       pp_run_results_get_concurrency      (PpRunResults    *self,
                                                    PpConcurrency   *concurrency);
char          *pp_run_results_format_concurrency_note (PpRunResults *self);
gboolean       pp_run_results_endpoint_reachable   (PpRunResults    *self,
                                                    guint            endpoint_index);
gboolean       pp_run_results_endpoint_answered    (PpRunResults    *self,
                                                    guint            endpoint_index);
guint          pp_run_results_count_reachable      (PpRunResults    *self);
gboolean       pp_run_results_all_reachable        (PpRunResults    *self);
void           pp_run_results_count_method         (PpRunResults    *self,
                                                    guint            method_position,
                                                    PpMethodCount   *count);
void           pp_run_results_get_verdict          (PpRunResults    *self,
                                                    PpVerdict       *verdict);
void           pp_run_results_get_agent_path       (PpRunResults    *self,
                                                    PpAgentPath     *path);
gboolean       pp_run_results_proxy_unreachable    (const PpProbeResult *result);
void           pp_run_results_set_config           (PpRunResults    *self,
                                                    PpConfig        *config);
PpConfig      *pp_run_results_get_config           (PpRunResults    *self);
void           pp_run_results_set_named_source     (PpRunResults    *self,
                                                    const char      *source);
const char    *pp_run_results_get_named_source     (PpRunResults    *self);
void           pp_run_results_set_pass_rule        (PpRunResults    *self,
                                                    PpPassRule       rule);
PpPassRule     pp_run_results_get_pass_rule        (PpRunResults    *self);
PpExitStatus   pp_run_results_get_exit_status      (PpRunResults    *self);

/* Which run on which host: a UUID and start time made with the results
 * (or read from a received report), and the host's facts (set by the
 * session when the run starts). */
const char    *pp_run_results_get_run_id           (PpRunResults    *self);
GDateTime     *pp_run_results_get_started          (PpRunResults    *self);
void           pp_run_results_set_identity         (PpRunResults    *self,
                                                    const char      *run_id,
                                                    GDateTime       *started);
const PpHost  *pp_run_results_get_host             (PpRunResults    *self);
void           pp_run_results_set_host             (PpRunResults    *self,
                                                    const PpHost    *host);
PpRunResults  *pp_run_results_copy_for_host        (PpRunResults    *self,
                                                    const PpHost    *host);

G_END_DECLS
