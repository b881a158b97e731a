/* test-session.c: PpSession, one run's life, against the loopback testbed
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signals (one "probe-finished" per plan item, "detected", one
 * "finished"), the running property (notified on change only, FALSE by
 * "finished") and stopping: while probing, while detecting, and after
 * the end.
 */
#include <string.h>

#include "pp-profile-urls.h"
#include "pp-session.h"
#include "pp-test-probe.h"

static PpTestbed *testbed;

typedef struct
{
  GMainLoop *loop;
  guint n_detected;
  guint n_finished;
  guint n_running_notifies;
  GArray *seen;               /* of guint: how often each index came */
  gboolean running_at_finish;
  char *error;
  gboolean stop_on_first;
} Watch;

static void
probe_finished_cb (PpSession     *session,
                   guint          index,
                   PpProbeResult *result,
                   Watch         *watch)
{
  g_assert_nonnull (result);
  g_assert_true (pp_run_results_get_item (pp_session_get_results (session), index) == result);
  if (index >= watch->seen->len)
    g_array_set_size (watch->seen, index + 1);
  g_array_index (watch->seen, guint, index)++;
  if (watch->stop_on_first)
    pp_session_stop (session);
}

static void
finished_cb (PpSession    *session,
             const GError *error,
             Watch        *watch)
{
  watch->n_finished++;
  watch->running_at_finish = pp_session_get_running (session);
  watch->error = error ? g_strdup (error->message) : NULL;
  g_main_loop_quit (watch->loop);
}

static void
detected_cb (PpSession *session,
             PpConfig  *config,
             Watch     *watch)
{
  g_assert_true (PP_IS_CONFIG (config));
  watch->n_detected++;
}

static void
running_cb (PpSession  *session,
            GParamSpec *pspec,
            Watch      *watch)
{
  watch->n_running_notifies++;
}

static void
watch_init (Watch     *watch,
            PpSession *session)
{
  watch->loop = g_main_loop_new (NULL, FALSE);
  watch->seen = g_array_new (FALSE, TRUE, sizeof (guint));
  g_signal_connect (session, "probe-finished", G_CALLBACK (probe_finished_cb), watch);
  g_signal_connect (session, "finished", G_CALLBACK (finished_cb), watch);
  g_signal_connect (session, "detected", G_CALLBACK (detected_cb), watch);
  g_signal_connect (session, "notify::running", G_CALLBACK (running_cb), watch);
}

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->loop, g_main_loop_unref);
  g_clear_pointer (&watch->seen, g_array_unref);
  g_clear_pointer (&watch->error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

static PpPlan *
make_plan (const char * const *urls,
           const char         *methods)
{
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) list = pp_method_parse_list (methods, NULL);

  return pp_plan_new (profile, list);
}

static PpTrust *
make_trust (void)
{
  const char *anchors[] = { pp_testbed_get_ca_file (testbed), NULL };
  PpTrustOptions options = { .extra_anchors = anchors, .public_roots = anchors[0] };

  return pp_trust_new (&options, NULL);
}

static PpConfig *
make_config (void)
{
  return pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);
}

static void
test_signals (void)
{
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *tls = pp_testbed_https_url (testbed, "/status/200");
  const char *urls[] = { ok, tls, NULL };
  g_autoptr(PpPlan) plan = make_plan (urls, "direct,env");
  g_autoptr(PpConfig) config = make_config ();
  g_autoptr(PpTrust) trust = make_trust ();
  g_autoptr(PpSession) session = pp_session_new ();
  g_auto(Watch) watch = { 0 };

  watch_init (&watch, session);
  g_assert_false (pp_session_get_running (session));
  g_assert_null (pp_session_get_results (session));
  pp_session_start (session, plan, config, trust);
  g_assert_true (pp_session_get_running (session));
  g_assert_cmpuint (watch.n_running_notifies, ==, 1);
  g_assert_cmpuint (watch.n_detected, ==, 1);
  g_main_loop_run (watch.loop);

  g_assert_cmpuint (watch.n_finished, ==, 1);
  g_assert_null (watch.error);
  g_assert_false (watch.running_at_finish);
  g_assert_cmpuint (watch.n_running_notifies, ==, 2);
  g_assert_cmpuint (watch.seen->len, ==, 4);
  for (guint i = 0; i < watch.seen->len; i++)
    g_assert_cmpuint (g_array_index (watch.seen, guint, i), ==, 1);
  g_assert_true (pp_run_results_is_complete (pp_session_get_results (session)));
  g_assert_true (pp_session_get_config (session) == config);
  g_assert_cmpint (pp_run_results_get_exit_status (pp_session_get_results (session)), ==,
                   PP_EXIT_ALL_REACHABLE);

  /* Stopping a session that is not running changes nothing. */
  pp_session_stop (session);
  g_assert_cmpuint (watch.n_running_notifies, ==, 2);
}

/* Probes to a port that never answers, stopped at once: every result
 * is there (stopped ones), the exit status is 130, long before the
 * probes' own timeout. */
static void
test_stop_while_probing (void)
{
  g_autofree char *never = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_blackhole_port (testbed));
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  const char *urls[] = { ok, never, NULL };
  g_autoptr(PpPlan) plan = make_plan (urls, "direct");
  g_autoptr(PpConfig) config = make_config ();
  g_autoptr(PpTrust) trust = make_trust ();
  g_autoptr(PpSession) session = pp_session_new ();
  g_auto(Watch) watch = { 0 };
  gint64 start = g_get_monotonic_time ();
  PpRunResults *results;

  watch_init (&watch, session);
  watch.stop_on_first = TRUE;
  pp_session_set_timeouts (session, 60000, 60000);
  pp_session_start (session, plan, config, trust);
  g_main_loop_run (watch.loop);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (watch.n_finished, ==, 1);
  g_assert_null (watch.error);
  results = pp_session_get_results (session);
  g_assert_true (pp_run_results_is_complete (results));
  g_assert_true (pp_run_results_get_stopped (results));
  g_assert_cmpint (pp_run_results_lookup (results, 1, 0)->outcome, ==, PP_OUTCOME_CANCELLED);
  g_assert_cmpint (pp_run_results_get_exit_status (results), ==, PP_EXIT_STOPPED);
  g_assert_cmpuint (watch.n_running_notifies, ==, 2);
}

/* Stopped before the configuration is known: no error, no "detected",
 * every probe a stopped one, each signalled. */
static void
test_stop_while_detecting (void)
{
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  const char *urls[] = { ok, NULL };
  g_autoptr(PpPlan) plan = make_plan (urls, "direct,cmdline");
  g_autoptr(PpSession) session = pp_session_new ();
  g_auto(Watch) watch = { 0 };
  PpRunResults *results;

  watch_init (&watch, session);
  pp_session_start (session, plan, NULL, NULL);
  pp_session_stop (session);
  g_main_loop_run (watch.loop);

  g_assert_cmpuint (watch.n_finished, ==, 1);
  g_assert_null (watch.error);
  g_assert_cmpuint (watch.n_detected, ==, 0);
  /* Exactly once per plan item, those that never started included. */
  g_assert_cmpuint (watch.seen->len, ==, 2);
  for (guint i = 0; i < watch.seen->len; i++)
    g_assert_cmpuint (g_array_index (watch.seen, guint, i), ==, 1);
  results = pp_session_get_results (session);
  g_assert_true (pp_run_results_is_complete (results));
  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    g_assert_cmpint (pp_run_results_get_item (results, i)->outcome, ==, PP_OUTCOME_CANCELLED);
  g_assert_cmpint (pp_run_results_get_exit_status (results), ==, PP_EXIT_STOPPED);
}

/* A run whose configuration cannot be detected was not stopped by
 * anyone: it ends with the error, not as a stop. */
static void
test_detection_fails (void)
{
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  const char *urls[] = { ok, NULL };
  g_autoptr(PpPlan) plan = make_plan (urls, "direct,cmdline");
  g_autoptr(PpSession) session = pp_session_new ();
  g_auto(Watch) watch = { 0 };

  watch_init (&watch, session);
  pp_session_set_proxies (session, "pro xy:3128", NULL);
  pp_session_start (session, plan, NULL, NULL);
  g_main_loop_run (watch.loop);

  g_assert_cmpuint (watch.n_finished, ==, 1);
  g_assert_nonnull (watch.error);
  g_assert_nonnull (strstr (watch.error, "contains a space"));
  g_assert_false (pp_run_results_get_stopped (pp_session_get_results (session)));
  g_assert_cmpint (pp_run_results_get_exit_status (pp_session_get_results (session)), !=,
                   PP_EXIT_STOPPED);
}

/* The whole life: detection (with the command line proxy given to the
 * session), then probes, and a second run on the same session. */
static void
test_detect_and_run_twice (void)
{
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  const char *urls[] = { ok, NULL };
  g_autoptr(PpPlan) plan = make_plan (urls, "direct,cmdline");
  g_autoptr(PpSession) session = pp_session_new ();
  g_auto(Watch) watch = { 0 };
  g_autoptr(PpRunResults) first = NULL;
  PpProbeResult *cmdline;

  watch_init (&watch, session);
  pp_session_set_proxies (session, "127.0.0.1:1", NULL);
  pp_session_start (session, plan, NULL, NULL);
  g_main_loop_run (watch.loop);

  g_assert_null (watch.error);
  g_assert_cmpuint (watch.n_detected, ==, 1);
  g_assert_nonnull (pp_session_get_config (session));
  first = g_object_ref (pp_session_get_results (session));
  g_assert_cmpint (pp_run_results_lookup (first, 0, 0)->outcome, ==, PP_OUTCOME_OK);
  cmdline = pp_run_results_lookup (first, 0, 1);
  g_assert_cmpint (cmdline->outcome, ==, PP_OUTCOME_PROXY_UNREACHABLE);
  g_assert_cmpint (pp_run_results_get_exit_status (first), ==, PP_EXIT_ALL_REACHABLE);

  pp_session_start (session, plan, NULL, NULL);
  g_assert_true (pp_session_get_results (session) != first);
  g_main_loop_run (watch.loop);
  g_assert_cmpuint (watch.n_finished, ==, 2);
  g_assert_cmpuint (watch.n_running_notifies, ==, 4);
  /* The first run's results are unchanged for whoever kept them. */
  g_assert_true (pp_run_results_lookup (first, 0, 1) == cmdline);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);
  testbed = pp_testbed_new ();

  g_test_add_func ("/session/signals", test_signals);
  g_test_add_func ("/session/stop/probing", test_stop_while_probing);
  g_test_add_func ("/session/stop/detecting", test_stop_while_detecting);
  g_test_add_func ("/session/detection-fails", test_detection_fails);
  g_test_add_func ("/session/detect-and-run-twice", test_detect_and_run_twice);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
