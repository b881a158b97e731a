/* test-agent-view.c: the agent's own view, the resolver configuration, bounded commands
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real agent cannot be installed here: a stand-in `mdatp` on PATH
 * prints the shapes the agent prints (mdatp health --output json, old
 * plain values and newer {"value": …} ones; mdatp connectivity test).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pp-agent-view.h"
#include "pp-command.h"
#include "pp-dns-config.h"
#include "pp-test-files.h"

static char *fixture_dir;
static char *original_path;

#define HEALTH_PLAIN \
  "{\"healthy\":false,\"health_issues\":[\"no active event provider\"]," \
  "\"app_version\":\"101.25012.0000\",\"org_id\":\"00000000-1111-2222-3333-444444444444\"," \
  "\"edr_machine_id\":\"abcdef0123456789\",\"definitions_status\":\"up_to_date\"}"
#define HEALTH_WRAPPED \
  "{\"healthy\":{\"value\":true},\"health_issues\":{\"value\":[]}," \
  "\"app_version\":{\"value\":\"101.24122.0008\"},\"org_id\":{\"value\":\"00000000-1111\"}}"
#define CONNECTIVITY \
  "Testing connection with https://cdn.x.cp.wd.microsoft.com/ping ... [OK]\n" \
  "Testing connection with https://winatp-gw-weu.microsoft.com/commands/test ... [ERROR]\n"

/* A directory with only the stand-in `mdatp`, first on PATH. */
static void
install_standin (const char *name,
                 const char *health_command,
                 const char *connectivity_command)
{
  g_autofree char *dir = g_build_filename (fixture_dir, name, NULL);
  g_autofree char *search = NULL;

  g_setenv ("PATH", original_path, TRUE);
  search = install_agent_standin (dir, health_command, connectivity_command);
  g_setenv ("PATH", search, TRUE);
}

static void
test_not_installed (void)
{
  g_autofree char *empty = g_build_filename (fixture_dir, "empty", NULL);
  g_autoptr(PpAgentView) view = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_setenv ("PATH", empty, TRUE);
  view = pp_agent_view_collect (NULL, 0, NULL);
  text = pp_agent_view_format_text (view);

  g_assert_null (view->command);
  g_assert_cmpstr (text, ==, "Defender for Endpoint: not installed (no mdatp command on PATH)\n");
}

static void
test_health_plain (void)
{
  g_autoptr(PpAgentView) view = NULL;
  g_autofree char *text = NULL;

  install_standin ("plain", "echo '" HEALTH_PLAIN "'", "printf '" CONNECTIVITY "'");
  view = pp_agent_view_collect (NULL, 10000, NULL);
  text = pp_agent_view_format_text (view);

  g_assert_nonnull (view->command);
  g_assert_cmpstr (view->version, ==, "101.25012.0000");
  g_assert_cmpstr (view->healthy, ==, "false");
  g_assert_cmpstr (view->health_issues[0], ==, "no active event provider");
  g_assert_null (view->health_problem);
  g_assert_null (view->connectivity_problem);
  g_assert_true (g_str_has_prefix (text, "Defender for Endpoint: version 101.25012.0000, healthy "
                                         "false (issues: no active event provider), definitions "
                                         "up_to_date\n"));
  g_assert_nonnull (strstr (text, "\n  Testing connection with https://winatp-gw-weu.microsoft.com/"
                                  "commands/test ... [ERROR]\n"));
  /* Identifiers of the tenant and the machine are never repeated. */
  g_assert_null (strstr (text, "00000000-1111"));
  g_assert_null (strstr (text, "abcdef0123456789"));
}

static void
test_health_wrapped (void)
{
  g_autoptr(PpAgentView) view = NULL;

  install_standin ("wrapped", "echo '" HEALTH_WRAPPED "'", "echo ok; exit 3");
  view = pp_agent_view_collect (NULL, 10000, NULL);

  g_assert_cmpstr (view->version, ==, "101.24122.0008");
  g_assert_cmpstr (view->healthy, ==, "true");
  g_assert_null (view->health_issues[0]);
  g_assert_cmpstr (view->connectivity, ==, "ok");
  g_assert_nonnull (strstr (view->connectivity_problem, "mdatp connectivity test: "));
}

static void
test_health_broken (void)
{
  g_autoptr(PpAgentView) view = NULL;

  install_standin ("broken", "echo 'Daemon is not running'", "true");
  view = pp_agent_view_collect (NULL, 10000, NULL);

  g_assert_null (view->version);
  g_assert_true (g_str_has_prefix (view->health_problem, "mdatp health --output json: "));
}

/* A hanging agent costs the bound, not the report; its children holding
 * the pipe are not waited for. */
static void
test_hanging (void)
{
  g_autoptr(PpAgentView) view = NULL;
  gint64 start = g_get_monotonic_time ();

  install_standin ("hanging", "sleep 30", "sleep 30 & sleep 30");
  view = pp_agent_view_collect (NULL, 300, NULL);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (view->health_problem, "gave no answer within 1 s"));
  g_assert_nonnull (strstr (view->connectivity_problem, "gave no answer within 1 s"));
}

/* The connectivity test tries a few dozen URLs: the health is asked
 * beside it, not after it. Here the health answers only once the
 * connectivity test has started; asked one after the other, the health
 * would give no answer within its bound. */
static void
test_asked_together (void)
{
  g_autoptr(PpAgentView) view = NULL;
  g_autofree char *started = g_build_filename (fixture_dir, "connectivity-started", NULL);
  g_autofree char *health = g_strdup_printf ("while [ ! -e '%s' ]; do sleep 0.05; done; echo '"
                                             HEALTH_PLAIN "'", started);
  g_autofree char *connectivity = g_strdup_printf ("touch '%s'; printf '" CONNECTIVITY "'", started);

  install_standin ("together", health, connectivity);
  view = pp_agent_view_collect (NULL, 5000, NULL);

  g_assert_null (view->health_problem);
  g_assert_cmpstr (view->version, ==, "101.25012.0000");
  g_assert_nonnull (strstr (view->connectivity, "[ERROR]"));
}

static gpointer
stop_soon (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);

  return NULL;
}

/* Stopped from another thread (the user stopped the run), both commands
 * are killed at once and the view says so, far under their bound. */
static void
test_stopped (void)
{
  g_autoptr(PpAgentView) view = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  GThread *stopper;

  install_standin ("stopped", "sleep 30", "sleep 30 & sleep 30");
  stopper = g_thread_new ("stopper", stop_soon, stop);
  view = pp_agent_view_collect (NULL, 20000, stop);
  g_thread_join (stopper);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (view->health_problem, "was stopped before it answered"));
  g_assert_nonnull (strstr (view->connectivity_problem, "was stopped before it answered"));
}

/* Endless output is cut at the bound. */
static void
test_flood (void)
{
  g_autoptr(PpAgentView) view = NULL;

  install_standin ("flood", "echo '" HEALTH_PLAIN "'", "yes 'Testing connection ... [OK]' | head -c 10000000");
  view = pp_agent_view_collect (NULL, 20000, NULL);

  g_assert_nonnull (view->connectivity);
  g_assert_cmpuint (strlen (view->connectivity), <=, PP_AGENT_VIEW_MAX_OUTPUT);
  g_assert_cmpuint (strlen (view->connectivity), >, PP_AGENT_VIEW_MAX_OUTPUT - 100);
}

/* A --sysroot is another machine's: this machine's agent is not asked. */
static void
test_sysroot (void)
{
  g_autoptr(PpAgentView) view = NULL;

  install_standin ("sysroot", "echo '" HEALTH_PLAIN "'", "true");
  view = pp_agent_view_collect (fixture_dir, 10000, NULL);

  g_assert_null (view->command);
  g_assert_nonnull (strstr (view->not_asked, "--sysroot"));
}

static void
test_command_missing (void)
{
  const char *argv[] = { "/nonexistent/program", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = pp_command_run_bounded (argv, 1000, 100, NULL, NULL, &error);

  g_assert_null (output);
  g_assert_nonnull (error);
}

/* Only the lines the resolver reads, from below the sysroot. */
static void
test_dns_config (void)
{
  g_autofree char *root = g_build_filename (fixture_dir, "dns", NULL);
  g_autofree char *etc = g_build_filename (root, "etc", NULL);
  g_autofree char *path = g_build_filename (etc, "resolv.conf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (etc, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "# Generated by NetworkManager\n"
                                            "search corp.example\n"
                                            "nameserver 127.0.0.53\n"
                                            "options edns0 trust-ad\n"
                                            "nameservers-are-not-a-keyword\n", -1, NULL));
  text = pp_dns_config_format (root, 1000);
  g_assert_true (g_str_has_suffix (text, "/dns/etc/resolv.conf:\n"
                                         "  search corp.example\n"
                                         "  nameserver 127.0.0.53\n"
                                         "  options edns0 trust-ad\n"));
  g_assert_null (strstr (text, "resolvectl"));

  missing = pp_dns_config_format (fixture_dir, 1000);
  g_assert_nonnull (strstr (missing, "(cannot be read: "));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  fixture_dir = g_dir_make_tmp ("test-agent-view-XXXXXX", &error);
  g_assert_no_error (error);
  original_path = g_strdup (g_getenv ("PATH"));

  g_test_add_func ("/agent-view/not-installed", test_not_installed);
  g_test_add_func ("/agent-view/health-plain", test_health_plain);
  g_test_add_func ("/agent-view/health-wrapped", test_health_wrapped);
  g_test_add_func ("/agent-view/health-broken", test_health_broken);
  g_test_add_func ("/agent-view/hanging", test_hanging);
  g_test_add_func ("/agent-view/flood", test_flood);
  g_test_add_func ("/agent-view/asked-together", test_asked_together);
  g_test_add_func ("/agent-view/stopped", test_stopped);
  g_test_add_func ("/agent-view/sysroot", test_sysroot);
  g_test_add_func ("/agent-view/command-missing", test_command_missing);
  g_test_add_func ("/agent-view/dns-config", test_dns_config);

  ret = g_test_run ();
  remove_tree (fixture_dir);
  g_free (fixture_dir);
  g_free (original_path);

  return ret;
}
