/* pp-runner.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-runner.h"
#include "pp-curl.h"
#include "pp-fd-budget.h"
#include "pp-log.h"
#include "pp-worker.h"

/* Threads only drive libcurl's event loops; probes in flight are bounded
 * by the concurrency, not by the number of threads. */
#define MAX_WORKERS 4

/* The state of one run, shared with its worker threads. It outlives the
 * runner's interest in it: a stopped or superseded run still drains. */
typedef struct
{
  gatomicrefcount ref_count;
  PpRunner *runner;          /* NULL once the runner moved on */
  GMainContext *context;
  GTask *task;
  PpPlan *plan;
  PpProbeOptions options;
  int cancelled;
  GAsyncQueue *jobs;
  GPtrArray *workers;
  guint n_items;
  guint n_delivered;         /* each handed over with PpRunner::probe-finished */
  guint n_workers_done;
  gulong cancel_handler;
} PpRun;

typedef struct
{
  PpRun *run;
  guint index;
  PpProbeResult *result;
} PpDelivery;

struct _PpRunner
{
  GObject parent_instance;

  PpConfig *config;
  PpTrust *trust;
  guint concurrency;
  guint connect_timeout_ms;
  guint timeout_ms;
  gboolean keep_traces;
  gboolean background;
  PpConcurrency run_concurrency; /* of the run in progress, or the last one */
  PpRun *current;
};

G_DEFINE_FINAL_TYPE (PpRunner, pp_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONCURRENCY,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_KEEP_TRACES,
  PROP_BACKGROUND,
  PROP_RUNNING,
  N_PROPS
};

enum {
  PROBE_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static PpRun *
pp_run_ref (PpRun *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
pp_run_unref (PpRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  g_clear_object (&run->task);
  g_clear_object (&run->plan);
  g_clear_object (&run->options.config);
  g_clear_object (&run->options.trust);
  g_async_queue_unref (run->jobs);
  g_ptr_array_unref (run->workers);
  g_main_context_unref (run->context);
  g_free (run);
}

static void
pp_runner_finalize (GObject *object)
{
  PpRunner *self = (PpRunner *) object;

  /* A run in progress holds a reference on us through its task. */
  g_assert (self->current == NULL);
  g_clear_object (&self->config);
  g_clear_object (&self->trust);

  G_OBJECT_CLASS (pp_runner_parent_class)->finalize (object);
}

static void
pp_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PpRunner *self = PP_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CONCURRENCY:
      g_value_set_uint (value, self->concurrency);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_KEEP_TRACES:
      g_value_set_boolean (value, self->keep_traces);
      break;
    case PROP_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->current != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_runner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PpRunner *self = PP_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CONCURRENCY:
      pp_runner_set_concurrency (self, g_value_get_uint (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      pp_runner_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      pp_runner_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_KEEP_TRACES:
      pp_runner_set_keep_traces (self, g_value_get_boolean (value));
      break;
    case PROP_BACKGROUND:
      pp_runner_set_background (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_runner_class_init (PpRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_runner_finalize;
  object_class->get_property = pp_runner_get_property;
  object_class->set_property = pp_runner_set_property;

  properties[PROP_CONCURRENCY] =
    g_param_spec_uint ("concurrency", NULL, NULL, 1, 4096, PP_RUNNER_DEFAULT_CONCURRENCY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 1, G_MAXINT,
                       PP_RUNNER_DEFAULT_CONNECT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXINT, PP_RUNNER_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP_TRACES] =
    g_param_spec_boolean ("keep-traces", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKGROUND] =
    g_param_spec_boolean ("background", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PpRunner::probe-finished:
   * @index: the item's position in the plan
   * @result: the probe's result
   *
   * Emitted on the context the run was started from, in completion order,
   * once for every item of the plan, the stopped ones included: the
   * runner keeps no result, whoever listens keeps them.
   */
  signals[PROBE_FINISHED] =
    g_signal_new ("probe-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_UINT, PP_TYPE_PROBE_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pp_runner_init (PpRunner *self)
{
  self->concurrency = PP_RUNNER_DEFAULT_CONCURRENCY;
  self->connect_timeout_ms = PP_RUNNER_DEFAULT_CONNECT_TIMEOUT_MS;
  self->timeout_ms = PP_RUNNER_DEFAULT_TIMEOUT_MS;
}

PpRunner *
pp_runner_new (PpConfig *config,
               PpTrust  *trust)
{
  PpRunner *self;

  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (PP_IS_TRUST (trust), NULL);

  pp_curl_ensure_initialized ();
  self = g_object_new (PP_TYPE_RUNNER, NULL);
  self->config = g_object_ref (config);
  self->trust = g_object_ref (trust);

  return self;
}

#define DEFINE_UINT_PROPERTY(name, field, PROP)                        \
  guint                                                                \
  pp_runner_get_##name (PpRunner *self)                                \
  {                                                                    \
    g_return_val_if_fail (PP_IS_RUNNER (self), 0);                     \
    return self->field;                                                \
  }                                                                    \
                                                                       \
  void                                                                 \
  pp_runner_set_##name (PpRunner *self,                                \
                        guint     value)                               \
  {                                                                    \
    g_return_if_fail (PP_IS_RUNNER (self));                            \
    g_return_if_fail (value > 0);                                      \
    if (self->field == value)                                          \
      return;                                                          \
    self->field = value;                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
  }

DEFINE_UINT_PROPERTY (concurrency, concurrency, PROP_CONCURRENCY)
DEFINE_UINT_PROPERTY (connect_timeout, connect_timeout_ms, PROP_CONNECT_TIMEOUT)
DEFINE_UINT_PROPERTY (timeout, timeout_ms, PROP_TIMEOUT)

gboolean
pp_runner_get_keep_traces (PpRunner *self)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), FALSE);

  return self->keep_traces;
}

void
pp_runner_set_keep_traces (PpRunner *self,
                           gboolean  keep_traces)
{
  g_return_if_fail (PP_IS_RUNNER (self));

  keep_traces = !!keep_traces;
  if (self->keep_traces == keep_traces)
    return;

  self->keep_traces = keep_traces;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_TRACES]);
}

gboolean
pp_runner_get_background (PpRunner *self)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), FALSE);

  return self->background;
}

/**
 * pp_runner_set_background:
 * @background: whether the worker threads run at a lower CPU priority
 *
 * For a caller whose own thread must stay responsive while the probes run
 * (a window showing their results): the workers then yield the CPU to it.
 * Applies from the next run on.
 */
void
pp_runner_set_background (PpRunner *self,
                          gboolean  background)
{
  g_return_if_fail (PP_IS_RUNNER (self));

  background = !!background;
  if (self->background == background)
    return;

  self->background = background;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND]);
}

gboolean
pp_runner_get_running (PpRunner *self)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), FALSE);

  return self->current != NULL;
}

static void
pp_run_complete_if_done (PpRun *run)
{
  PpRunner *runner = run->runner;
  g_autoptr(GTask) task = NULL;

  if (run->n_delivered < run->n_items || run->n_workers_done < run->workers->len)
    return;

  for (guint i = 0; i < run->workers->len; i++)
    pp_worker_join (g_ptr_array_index (run->workers, i));
  g_ptr_array_set_size (run->workers, 0);
  g_cancellable_disconnect (g_task_get_cancellable (run->task), run->cancel_handler);
  pp_debug ("the run is complete: %u results%s", run->n_items,
            g_atomic_int_get (&run->cancelled) ? ", the unfinished ones cancelled" : "");

  if (runner != NULL && runner->current == run)
    {
      runner->current = NULL;
      g_object_notify_by_pspec (G_OBJECT (runner), properties[PROP_RUNNING]);
    }
  /* The task owns the run through its task data: drop the run's
   * reference on the task so that both can go. */
  task = g_steal_pointer (&run->task);
  g_task_return_boolean (task, TRUE);
}

/* Not g_main_context_invoke(): it runs the function at once, on the
 * worker thread, whenever no thread happens to own the context. */
static void
post_to_context (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[proxyprobe] probe result");
  g_source_attach (source, context);
}

static gboolean
deliver_on_main_cb (gpointer data)
{
  PpDelivery *delivery = data;
  PpRun *run = delivery->run;

  g_assert (delivery->index < run->n_items);
  run->n_delivered++;

  if (run->runner != NULL && run->runner->current == run)
    g_signal_emit (run->runner, signals[PROBE_FINISHED], 0, delivery->index, delivery->result);

  pp_run_complete_if_done (run);

  return G_SOURCE_REMOVE;
}

static void
pp_delivery_free (gpointer data)
{
  PpDelivery *delivery = data;

  pp_probe_result_unref (delivery->result);
  pp_run_unref (delivery->run);
  g_free (delivery);
}

/* Called on a worker thread. */
static void
deliver_from_worker (guint          index,
                     PpProbeResult *result,
                     gpointer       user_data)
{
  PpDelivery *delivery = g_new0 (PpDelivery, 1);

  delivery->run = pp_run_ref (user_data);
  delivery->index = index;
  delivery->result = result;
  post_to_context (delivery->run->context, deliver_on_main_cb, delivery, pp_delivery_free);
}

/* A worker that could not start left its jobs in the queue for the
 * others; when every worker is done and jobs are left, none could start. */
static void
end_jobs_no_worker_ran (PpRun *run)
{
  if (g_async_queue_length (run->jobs) <= 0)
    return;
  pp_debug ("no worker could start: %d probes end without reaching the network",
            g_async_queue_length (run->jobs));
  if (g_atomic_int_get (&run->cancelled))
    pp_job_queue_end (run->jobs, PP_OUTCOME_CANCELLED, PP_WORKER_STOPPED_DETAIL,
                      deliver_from_worker, run);
  else
    pp_job_queue_end (run->jobs, PP_OUTCOME_LOCAL_RESOURCES, PP_WORKER_NO_START_DETAIL,
                      deliver_from_worker, run);
}

static gboolean
worker_done_on_main_cb (gpointer data)
{
  PpRun *run = data;

  run->n_workers_done++;
  if (run->n_workers_done == run->workers->len)
    end_jobs_no_worker_ran (run);
  pp_run_complete_if_done (run);

  return G_SOURCE_REMOVE;
}

/* Called on a worker thread, after its last delivery. */
static void
worker_done_from_worker (gpointer user_data)
{
  PpRun *run = pp_run_ref (user_data);

  post_to_context (run->context, worker_done_on_main_cb, run, (GDestroyNotify) pp_run_unref);
}

/* Runs in the thread that cancelled, usually the main thread. */
static void
run_cancelled_cb (GCancellable *cancellable,
                  gpointer      user_data)
{
  PpRun *run = user_data;

  pp_debug ("the run was cancelled: %u of %u results delivered; stopping %u workers",
            run->n_delivered, run->n_items, run->workers->len);
  g_atomic_int_set (&run->cancelled, 1);
  for (guint i = 0; i < run->workers->len; i++)
    pp_worker_wakeup (g_ptr_array_index (run->workers, i));
}

static PpRun *
pp_run_new (PpRunner *self,
            PpPlan   *plan,
            GTask    *task)
{
  PpRun *run = g_new0 (PpRun, 1);

  g_atomic_ref_count_init (&run->ref_count);
  run->runner = self;
  run->context = g_main_context_ref_thread_default ();
  run->task = g_object_ref (task);
  run->plan = g_object_ref (plan);
  run->options.config = g_object_ref (self->config);
  run->options.trust = g_object_ref (self->trust);
  run->options.connect_timeout_ms = self->connect_timeout_ms;
  run->options.timeout_ms = self->timeout_ms;
  run->options.keep_trace = self->keep_traces;
  run->options.cancelled = &run->cancelled;
  run->jobs = g_async_queue_new_full ((GDestroyNotify) pp_job_free);
  run->workers = g_ptr_array_new ();
  run->n_items = pp_plan_get_n_items (plan);

  for (guint i = 0; i < run->n_items; i++)
    {
      PpMethod method;
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);

      g_async_queue_push (run->jobs, pp_job_new (i, endpoint, method));
    }

  return run;
}

static void
pp_run_start_workers (PpRun        *run,
                      guint         concurrency,
                      gboolean      background,
                      GCancellable *cancellable)
{
  guint n_items = run->n_items;
  guint n_workers = CLAMP (MIN (g_get_num_processors (), n_items), 1, MAX_WORKERS);
  guint capacity = (MIN (concurrency, MAX (n_items, 1)) + n_workers - 1) / n_workers;

  pp_debug ("%u probes: %u worker threads with up to %u probes in flight each%s",
            n_items, n_workers, capacity, background ? ", at a lower priority" : "");
  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (run->workers,
                     pp_worker_start (run->jobs, &run->options, capacity, background, cancellable,
                                      deliver_from_worker, worker_done_from_worker, run));
}

/* As many probes at once as the descriptor limit leaves room for; the
 * figures are the run's, for its results (pp_runner_get_run_concurrency()). */
static guint
pp_runner_fit_concurrency (PpRunner *self)
{
  pp_fd_budget_fit (self->concurrency, &self->run_concurrency);
  if (self->run_concurrency.used < self->run_concurrency.requested)
    pp_debug ("concurrency %u lowered to %u: at most %" G_GUINT64_FORMAT " files open",
              self->run_concurrency.requested, self->run_concurrency.used,
              self->run_concurrency.open_files_limit);

  return self->run_concurrency.used;
}

/**
 * pp_runner_run_async:
 *
 * Probes every item of @plan. Results are delivered with
 * #PpRunner::probe-finished on the thread-default main context of the
 * caller as they finish, each handed over once; the task completes after
 * the last. Cancelling @cancellable stops every probe within a fraction of
 * a second; the unfinished ones complete as %PP_OUTCOME_CANCELLED, so
 * every item gets its result.
 */
void
pp_runner_run_async (PpRunner            *self,
                     PpPlan              *plan,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own_cancellable = NULL;
  PpRun *run;

  g_return_if_fail (PP_IS_RUNNER (self));
  g_return_if_fail (PP_IS_PLAN (plan));
  g_return_if_fail (self->current == NULL);

  if (cancellable == NULL)
    cancellable = own_cancellable = g_cancellable_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_runner_run_async);
  /* A stopped run still returns what it has. */
  g_task_set_check_cancellable (task, FALSE);

  run = pp_run_new (self, plan, task);
  g_task_set_task_data (task, run, (GDestroyNotify) pp_run_unref);
  self->current = run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  pp_run_start_workers (run, pp_runner_fit_concurrency (self), self->background, cancellable);
  run->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (run_cancelled_cb),
                                               run, NULL);
}

/* Returns: TRUE: every item's result was handed over with
 *   PpRunner::probe-finished (a stopped run's too) */
gboolean
pp_runner_run_finish (PpRunner      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_runner_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pp_runner_get_run_concurrency:
 * @concurrency: (out): the probes asked for at once and those the
 *   descriptor limit allowed, for the run in progress or the last one
 *
 * Returns: FALSE before the first run
 */
gboolean
pp_runner_get_run_concurrency (PpRunner      *self,
                               PpConcurrency *concurrency)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (concurrency != NULL, FALSE);

  *concurrency = self->run_concurrency;

  return concurrency->requested > 0;
}
