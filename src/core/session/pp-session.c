/* pp-session.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-session.h"
#include "pp-log.h"

#include <glib/gi18n.h>

#include "pp-detect.h"
#include "pp-runner.h"

struct _PpSession
{
  GObject parent_instance;

  /* What a run is told */
  char *cmdline_proxy;
  char *named_proxy;
  char *pac_file;
  char *onboarding_file;
  char *pac_url;
  GStrv trust_anchors;
  guint concurrency;
  guint timeout_ms;
  guint connect_timeout_ms;
  gboolean keep_traces;
  gboolean background;

  /* The run: NULL before the first */
  PpPlan *plan;
  PpConfig *config;
  PpTrust *trust;
  PpRunner *runner;
  PpRunResults *results;
  GCancellable *cancellable;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (PpSession, pp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_RESULTS,
  N_PROPS
};

enum {
  SIGNAL_DETECTED,
  SIGNAL_PROBE_FINISHED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Running */

static void
set_running (PpSession *self,
             gboolean   running)
{
  if (self->running == running)
    return;
  self->running = running;
  pp_debug ("running: %s", running ? "yes" : "no");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
take_result (PpSession     *self,
             guint          index,
             PpProbeResult *result)
{
  if (index < pp_run_results_get_n_items (self->results) &&
      pp_run_results_set_item (self->results, index, result))
    g_signal_emit (self, signals[SIGNAL_PROBE_FINISHED], 0, index, result);
}

/* Probes that never started (detection failed, or the run was stopped
 * before the runner took them) are results too: stopped ones. */
static void
fill_stopped (PpSession *self)
{
  for (guint i = 0; i < pp_run_results_get_n_items (self->results); i++)
    {
      PpMethod method;
      PpEndpoint *endpoint = pp_plan_get_item (self->plan, i, &method);
      g_autoptr(PpProbeResult) r = NULL;

      if (pp_run_results_get_item (self->results, i) != NULL)
        continue;
      r = pp_probe_result_new (endpoint, method);
      r->outcome = PP_OUTCOME_CANCELLED;
      r->detail = g_strdup (_("Stopped before the probe started."));
      take_result (self, i, r);
    }
}

static void
finish_run (PpSession    *self,
            const GError *error)
{
  /* A run that could not start (detection failed) was not stopped by
   * anyone, although its cancellable is cancelled. */
  gboolean stopped = g_cancellable_is_cancelled (self->cancellable) && error == NULL;

  fill_stopped (self);
  pp_run_results_set_stopped (self->results, stopped);
  pp_debug ("run finished%s%s%s", stopped ? " (stopped)" : "", error ? ": " : "",
            error ? error->message : "");
  set_running (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static void
probe_finished_cb (PpRunner      *runner,
                   guint          index,
                   PpProbeResult *result,
                   PpSession     *self)
{
  if (runner == self->runner)
    take_result (self, index, result);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PpSession) self = user_data;

  /* Every result, the stopped ones included, came with "probe-finished":
   * the runner keeps none. */
  pp_runner_run_finish (PP_RUNNER (object), result, NULL);
  if (PP_RUNNER (object) != self->runner)
    return;
  finish_run (self, NULL);
}

/* The figures belong to the run's results, for the reports. */
static void
record_concurrency (PpSession *self)
{
  PpConcurrency concurrency;

  if (pp_runner_get_run_concurrency (self->runner, &concurrency))
    pp_run_results_set_concurrency (self->results, &concurrency);
}

static void
start_runner (PpSession *self)
{
  g_clear_object (&self->runner);
  self->runner = pp_runner_new (self->config, self->trust);
  pp_runner_set_concurrency (self->runner, self->concurrency);
  pp_runner_set_timeout (self->runner, self->timeout_ms);
  pp_runner_set_connect_timeout (self->runner, self->connect_timeout_ms);
  pp_runner_set_keep_traces (self->runner, self->keep_traces);
  pp_runner_set_background (self->runner, self->background);
  g_signal_connect (self->runner, "probe-finished", G_CALLBACK (probe_finished_cb), self);
  pp_debug ("probing %u items", pp_plan_get_n_items (self->plan));
  pp_runner_run_async (self->runner, self->plan, self->cancellable, run_done_cb, g_object_ref (self));
  record_concurrency (self);
}

static void
use_config (PpSession *self,
            PpConfig  *config,
            PpTrust   *trust)
{
  g_set_object (&self->config, config);
  g_set_object (&self->trust, trust);
  pp_run_results_set_config (self->results, config);
  g_signal_emit (self, signals[SIGNAL_DETECTED], 0, config);
  start_runner (self);
}

static void
detect_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PpSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpTrust) trust = NULL;
  g_autoptr(PpConfig) config = pp_detect_config_finish (result, &trust, &error);

  if (config != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      use_config (self, config, trust);
      return;
    }
  /* Stopped while detecting is no error. */
  if (g_cancellable_is_cancelled (self->cancellable))
    g_clear_error (&error);
  pp_debug ("detection ended the run: %s", error ? error->message : "stopped");
  g_cancellable_cancel (self->cancellable);
  finish_run (self, error);
}

static const PpDetectOptions *
detect_options (PpSession       *self,
                PpDetectOptions *options)
{
  *options = (PpDetectOptions) {
    .cmdline_proxy = self->cmdline_proxy,
    .named_proxy = self->named_proxy,
    .pac_file = self->pac_file,
    .pac_url = self->pac_url,
    .trust_anchors = (const char * const *) self->trust_anchors,
    .onboarding_file = self->onboarding_file,
  };

  return options;
}

/**
 * pp_session_start:
 * @plan: what to probe
 * @config: (nullable): the configuration, or NULL to detect it (with
 *   the proxies of pp_session_set_proxies())
 * @trust: (nullable): the trust store; with @config only
 *
 * Starts a run; the session must not be running. The previous run's
 * results are dropped (whoever still holds them keeps them).
 */
void
pp_session_start (PpSession *self,
                  PpPlan    *plan,
                  PpConfig  *config,
                  PpTrust   *trust)
{
  PpDetectOptions options;
  g_autoptr(PpHost) host = NULL;

  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (PP_IS_PLAN (plan));
  g_return_if_fail (config == NULL || PP_IS_CONFIG (config));
  g_return_if_fail (config == NULL || PP_IS_TRUST (trust));
  g_return_if_fail (!self->running);

  g_set_object (&self->plan, plan);
  g_clear_object (&self->runner);
  g_clear_object (&self->results);
  self->results = pp_run_results_new (plan);
  /* A few small local files, no network: fine on the main thread. */
  host = pp_host_new_for_this_host ();
  pp_run_results_set_host (self->results, host);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
  set_running (self, TRUE);

  if (config != NULL)
    use_config (self, config, trust);
  else
    pp_detect_config_async (detect_options (self, &options), TRUE, self->cancellable,
                            detect_done_cb, g_object_ref (self));
}

/**
 * pp_session_load:
 * @results: a finished run's results, e.g. read from a received report
 *   (pp_run_results_new_from_report_json())
 * @config: (nullable): the configuration that run had, when known
 *
 * The session shows @results as its last run, without running anything:
 * a received report is a session loaded from a file. A later
 * pp_session_start() runs afresh on this machine. Emits no
 * "probe-finished": whoever shows the session reads @results whole.
 */
void
pp_session_load (PpSession    *self,
                 PpRunResults *results,
                 PpConfig     *config)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (PP_IS_RUN_RESULTS (results));
  g_return_if_fail (config == NULL || PP_IS_CONFIG (config));
  g_return_if_fail (!self->running);

  g_set_object (&self->plan, pp_run_results_get_plan (results));
  g_set_object (&self->results, results);
  g_set_object (&self->config, config);
  g_clear_object (&self->runner);
  g_clear_object (&self->trust);
  pp_debug ("loaded %u results", pp_run_results_get_n_items (results));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
}

/* Probes in flight end as stopped; "finished" follows on the main
 * context, never from inside this call. */
void
pp_session_stop (PpSession *self)
{
  g_return_if_fail (PP_IS_SESSION (self));

  if (!self->running)
    return;
  pp_debug ("stop asked");
  g_cancellable_cancel (self->cancellable);
}

/**
 * pp_session_detect_async:
 *
 * The callback's source object is NULL; pass the result to
 * pp_session_detect_finish().
 */
void
pp_session_detect_async (PpSession           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PpDetectOptions options;

  g_return_if_fail (PP_IS_SESSION (self));

  pp_detect_config_async (detect_options (self, &options), FALSE, cancellable,
                          callback, user_data);
}

PpConfig *
pp_session_detect_finish (PpSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);

  return pp_detect_config_finish (result, NULL, error);
}

/* Settings, applied by the next run */

void
pp_session_set_proxies (PpSession  *self,
                        const char *cmdline_proxy,
                        const char *named_proxy)
{
  g_return_if_fail (PP_IS_SESSION (self));

  g_free (self->cmdline_proxy);
  self->cmdline_proxy = g_strdup (cmdline_proxy);
  g_free (self->named_proxy);
  self->named_proxy = g_strdup (named_proxy);
}

/* The wpad method's PAC script from a file or a URL (at most one; NULL
 * for both: discovered), as proxyprobe-cli's --pac-file and --pac-url. */
void
pp_session_set_pac (PpSession  *self,
                    const char *pac_file,
                    const char *pac_url)
{
  g_return_if_fail (PP_IS_SESSION (self));

  g_free (self->pac_file);
  g_free (self->pac_url);
  self->pac_file = g_strdup (pac_file);
  self->pac_url = g_strdup (pac_url);
}

/* The agent's onboarding package to read instead of the machine's
 * (NULL: the machine's), as --onboarding: the configuration names it. */
void
pp_session_set_onboarding_file (PpSession  *self,
                                const char *onboarding_file)
{
  g_return_if_fail (PP_IS_SESSION (self));

  g_free (self->onboarding_file);
  self->onboarding_file = g_strdup (onboarding_file);
}

/* PEM files of CA certificates to trust too, as --trust. */
void
pp_session_set_trust_anchors (PpSession          *self,
                              const char * const *anchors)
{
  g_return_if_fail (PP_IS_SESSION (self));

  g_strfreev (self->trust_anchors);
  self->trust_anchors = g_strdupv ((GStrv) anchors);
}

void
pp_session_set_concurrency (PpSession *self,
                            guint      concurrency)
{
  g_return_if_fail (PP_IS_SESSION (self));

  self->concurrency = concurrency;
}

void
pp_session_set_timeouts (PpSession *self,
                         guint      timeout_ms,
                         guint      connect_timeout_ms)
{
  g_return_if_fail (PP_IS_SESSION (self));

  self->timeout_ms = timeout_ms;
  self->connect_timeout_ms = connect_timeout_ms;
}

void
pp_session_set_keep_traces (PpSession *self,
                            gboolean   keep_traces)
{
  g_return_if_fail (PP_IS_SESSION (self));

  self->keep_traces = !!keep_traces;
}

/* The probes wait a little for a busy main loop (a window's frames). */
void
pp_session_set_background (PpSession *self,
                           gboolean   background)
{
  g_return_if_fail (PP_IS_SESSION (self));

  self->background = !!background;
}

gboolean
pp_session_get_running (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  return self->running;
}

PpPlan *
pp_session_get_plan (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);

  return self->plan;
}

/* NULL until the run's configuration is known. */
PpConfig *
pp_session_get_config (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);

  return self->config;
}

PpRunResults *
pp_session_get_results (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);

  return self->results;
}

/* GObject */

static void
pp_session_dispose (GObject *object)
{
  PpSession *self = PP_SESSION (object);

  /* Only reached when no run holds a reference: nothing is in flight. */
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (pp_session_parent_class)->dispose (object);
}

static void
pp_session_finalize (GObject *object)
{
  PpSession *self = PP_SESSION (object);

  g_free (self->cmdline_proxy);
  g_free (self->named_proxy);
  g_free (self->pac_file);
  g_free (self->pac_url);
  g_free (self->onboarding_file);
  g_strfreev (self->trust_anchors);
  g_clear_object (&self->plan);
  g_clear_object (&self->config);
  g_clear_object (&self->trust);
  g_clear_object (&self->results);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pp_session_parent_class)->finalize (object);
}

static void
pp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PpSession *self = PP_SESSION (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_session_class_init (PpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_session_dispose;
  object_class->finalize = pp_session_finalize;
  object_class->get_property = pp_session_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, PP_TYPE_RUN_RESULTS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DETECTED] =
    g_signal_new ("detected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PP_TYPE_CONFIG);
  signals[SIGNAL_PROBE_FINISHED] =
    g_signal_new ("probe-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_UINT, PP_TYPE_PROBE_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pp_session_init (PpSession *self)
{
  self->concurrency = PP_RUNNER_DEFAULT_CONCURRENCY;
  self->timeout_ms = PP_RUNNER_DEFAULT_TIMEOUT_MS;
  self->connect_timeout_ms = PP_RUNNER_DEFAULT_CONNECT_TIMEOUT_MS;
}

PpSession *
pp_session_new (void)
{
  return g_object_new (PP_TYPE_SESSION, NULL);
}
