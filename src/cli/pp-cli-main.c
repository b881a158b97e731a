/* pp-cli-main.c: proxyprobe-cli, the headless front end
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "pp-cli-merge.h"
#include "pp-cli-options.h"
#include "pp-cli-pac-test.h"
#include "pp-cli-progress.h"
#include "pp-cli-report.h"
#include "pp-log.h"
#include "pp-profile.h"
#include "pp-redact.h"
#include "pp-report-config.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-run-results.h"
#include "pp-session.h"

typedef struct
{
  GMainLoop *loop;
  PpSession *session;
  PpConfig *config;
  PpCliProgress progress;
} PpCliRun;

static int
fail_bad_input (const GError *error)
{
  g_printerr ("proxyprobe-cli: %s\n", error->message);
  g_printerr ("Try 'proxyprobe-cli --help' for more information.\n");

  return PP_EXIT_BAD_INPUT;
}

static gboolean
interrupted_cb (gpointer user_data)
{
  PpCliRun *run = user_data;

  g_printerr ("\nStopping: probes still running are reported as cancelled.\n");
  pp_session_stop (run->session);
  /* Its connectivity test asked beside the run would hold the report. */
  pp_config_stop_agent_view (run->config);

  return G_SOURCE_CONTINUE;
}

static void
probe_finished_cb (PpSession     *session,
                   guint          index,
                   PpProbeResult *result,
                   PpCliRun      *run)
{
  gboolean failed = !pp_probe_result_is_reachable (result) &&
                    result->outcome != PP_OUTCOME_NOT_CONFIGURED;

  pp_cli_progress_update (&run->progress, failed);
}

static void
finished_cb (PpSession    *session,
             const GError *error,
             PpCliRun     *run)
{
  g_main_loop_quit (run->loop);
}

/* The configuration was detected before, with the user's options: a
 * mistake in them is exit status 2 before the first probe. */
static PpRunResults *
run_plan (PpCliOptions *options,
          PpConfig     *config,
          PpTrust      *trust,
          PpPlan       *plan)
{
  g_autoptr(PpSession) session = pp_session_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  PpCliRun run = { loop, session, config };
  g_autofree char *note = NULL;
  guint sigint, sigterm;

  pp_session_set_concurrency (session, options->concurrency);
  /* Rounded, not truncated: 0.0019 s is 2 ms, and 0.001 s never 0. */
  pp_session_set_timeouts (session, (guint) (options->timeout * 1000 + 0.5),
                           (guint) (options->connect_timeout * 1000 + 0.5));
  pp_session_set_keep_traces (session, options->output != NULL);
  pp_cli_progress_init (&run.progress, pp_plan_get_n_items (plan));
  g_signal_connect (session, "probe-finished", G_CALLBACK (probe_finished_cb), &run);
  g_signal_connect (session, "finished", G_CALLBACK (finished_cb), &run);
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, &run);

  /* The JSON and the zip hold the agent's own view, whose connectivity
   * test may take half a minute: it runs beside the probes, and writing
   * the report waits only for what is left of it. */
  if (options->json || options->output != NULL)
    pp_config_collect_agent_view_async (config, NULL, NULL, NULL);
  pp_session_start (session, plan, config, trust);
  note = pp_run_results_format_concurrency_note (pp_session_get_results (session));
  if (note != NULL)
    g_printerr ("proxyprobe-cli: %s\n", note);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (session, &run);
  pp_cli_progress_finish (&run.progress);
  pp_debug ("the run %s", pp_run_results_get_stopped (pp_session_get_results (session))
                          ? "was stopped by a signal: exit status 130" : "finished");

  return g_object_ref (pp_session_get_results (session));
}

static void
print_profiles (void)
{
  const char * const *names = pp_profile_list_bundled ();

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *title = NULL;
      g_auto(GStrv) geographies = NULL;
      g_autofree char *joined = NULL;
      gboolean needs_workspace_id = FALSE;

      if (!pp_profile_describe_bundled (names[i], &title, NULL, &geographies,
                                        &needs_workspace_id, NULL))
        continue;
      joined = g_strjoinv (", ", geographies);
      g_print ("%-16s %s", names[i], title);
      if (*joined)
        g_print (" (--geography %s)", joined);
      if (needs_workspace_id)
        g_print (" (needs --workspace-id)");
      g_print ("\n");
    }
}

static void
print_config (PpConfig *config,
              gboolean  json)
{
  g_autofree char *text = NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      pp_report_json_add_config (builder, config);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return;
    }

  text = pp_report_config_format_text (config);
  g_print ("%s", text);
}

static void
report (PpCliOptions *options,
        PpConfig     *config,
        PpRunResults *results)
{
  g_autofree char *text = NULL;

  if (options->json)
    text = pp_report_json_format (results, config);
  else
    text = pp_report_text_format (results);
  g_print ("%s%s", text, options->json ? "\n" : "");
  pp_debug ("%u of %u endpoints reachable by at least one method",
            pp_run_results_count_reachable (results), pp_run_results_get_n_endpoints (results));
}

static gboolean
plan_uses_wpad (PpPlan *plan)
{
  for (guint m = 0; m < pp_plan_get_n_methods (plan); m++)
    if (pp_plan_get_method (plan, m) == PP_METHOD_WPAD)
      return TRUE;

  return FALSE;
}

static int
run_cli (PpCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpTrust) trust = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpRunResults) results = NULL;

  if (options->show_config)
    {
      config = pp_cli_options_make_config (options, TRUE, &error);
      if (config == NULL)
        return fail_bad_input (error);
      print_config (config, options->json);
      return PP_EXIT_ALL_REACHABLE;
    }

  /* Everything the user typed is checked before the first probe. */
  plan = pp_cli_options_make_plan (options, &error);
  if (plan == NULL)
    return fail_bad_input (error);
  pp_debug ("WPAD discovery %s: the plan %s the wpad method",
            plan_uses_wpad (plan) ? "runs" : "is skipped",
            plan_uses_wpad (plan) ? "has" : "does not have");
  config = pp_cli_options_make_config (options, plan_uses_wpad (plan), &error);
  if (config == NULL)
    return fail_bad_input (error);
  trust = pp_cli_options_make_trust (options, &error);
  if (trust == NULL)
    return fail_bad_input (error);
  if (!pp_cli_report_check_output (options, &error))
    return fail_bad_input (error);

  results = run_plan (options, config, trust, plan);
  pp_run_results_set_pass_rule (results, pp_cli_options_get_pass_rule (options));
  report (options, config, results);
  if (options->output && !pp_cli_report_write (options, results, config, &error))
    {
      g_printerr ("proxyprobe-cli: %s\n", error->message);
      return PP_EXIT_BAD_INPUT;
    }

  return pp_run_results_get_exit_status (results);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  PpCliOptions options = { 0 };
  int status;

  /* Before anything can print or log: every byte we write to stdout and
   * stderr is redacted and stripped of terminal controls (pp-redact.c). */
  pp_redact_install_sinks ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A proxy that drops the connection mid-write must not kill us; nor
   * must a file size limit while the report is written: the write then
   * fails with EFBIG and is reported. */
  signal (SIGPIPE, SIG_IGN);
  signal (SIGXFSZ, SIG_IGN);

  if (argc > 1 && g_str_equal (argv[1], "pac-test"))
    return pp_cli_pac_test (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "show"))
    return pp_cli_report_show (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "merge"))
    return pp_cli_merge (argc - 1, argv + 1);

  if (!pp_cli_options_parse (&options, &argc, &argv, &error))
    {
      pp_cli_options_clear (&options);
      return fail_bad_input (error);
    }

  if (options.version)
    {
      g_print ("proxyprobe-cli %s\n", PACKAGE_VERSION);
      status = PP_EXIT_ALL_REACHABLE;
    }
  else if (options.list_profiles)
    {
      print_profiles ();
      status = PP_EXIT_ALL_REACHABLE;
    }
  else
    status = run_cli (&options);

  pp_cli_options_clear (&options);

  return status;
}
