/* test-cli-onboarding.c: the agent's onboarding picks proxyprobe-cli's defaults
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every run goes through the command line proxy on a closed loopback
 * port: the profile's hosts are never asked for, and each probe is
 * refused at once.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pp-run-results-json.h"
#include "pp-test-cli.h"
#include "pp-test-report.h"
#include "pp-test-files.h"

#define ONBOARD_DIR "etc/opt/microsoft/mdatp"
#define STANDARD_GATEWAY "https://winatp-gw-weu.microsoft.com/commands/test"

static char *root;      /* a test directory with one --sysroot per case */

static char *
onboarding_file (const char *gateway,
                 const char *vortex)
{
  g_autofree char *body = g_strdup_printf ("{\"orgId\":\"00000000-1111-2222-3333-444444444444\","
                                           "\"geoLocationUrl\":\"%s\",\"datacenter\":\"X\","
                                           "\"vortexGeoLocation\":\"%s\"}", gateway, vortex);
  g_autofree char *body_escaped = g_strescape (body, NULL);
  g_autofree char *info = g_strdup_printf ("{\"body\":\"%s\",\"sig\":\"AAAA\"}", body_escaped);
  g_autofree char *info_escaped = g_strescape (info, NULL);

  return g_strdup_printf ("{\"onboardingInfo\": \"%s\"}\n", info_escaped);
}

/* A sysroot whose mdatp_onboard.json holds @contents (none if NULL). */
static char *
make_sysroot (const char *name,
              const char *contents)
{
  char *sysroot = g_build_filename (root, name, NULL);
  g_autofree char *dir = g_build_filename (sysroot, ONBOARD_DIR, NULL);
  g_autofree char *path = g_build_filename (dir, "mdatp_onboard.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return sysroot;
}

static void
cli_run (CliRun             *run,
         const char         *sysroot,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("--signal=KILL"));
  g_ptr_array_add (argv, g_strdup ("60"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  g_ptr_array_add (argv, g_strdup_printf ("--sysroot=%s", sysroot));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  cli_spawn (run, NULL, argv);
}

/* A run that probes nothing but a closed loopback port. */
#define probe(run, sysroot, ...) \
  cli_run (run, sysroot, (const char *[]) { "--methods=cmdline", "-p", "127.0.0.1:9", \
                                           "--timeout=5", __VA_ARGS__, NULL })

static JsonObject *
parse_report (JsonParser   *parser,
              const CliRun *run)
{
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, run->out, -1, &error))
    g_error ("not JSON (%s); stderr: %s", error->message, run->err);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_profile (JsonObject *report,
                const char *name,
                const char *geography)
{
  JsonObject *profile = json_object_get_object_member (report, "profile");

  g_assert_cmpstr (json_object_get_string_member (profile, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member_with_default (profile, "geography", NULL), ==,
                   geography);
}

/* Whether the probe of @url says the agent uses it. */
static gboolean
agent_uses (JsonObject *report,
            const char *url)
{
  JsonArray *probes = json_object_get_array_member (report, "probes");

  for (guint i = 0; i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);

      if (g_str_equal (json_object_get_string_member (probe, "url"), url))
        return json_object_get_boolean_member (probe, "agent_uses");
    }
  g_error ("%s was not probed", url);
}

/* The machine's onboarding chooses profile and geography, and its gateway
 * is marked in the JSON and the text. */
static void
test_defaults (void)
{
  g_autofree char *file = onboarding_file ("https://winatp-gw-weu.microsoft.com/", "EU");
  g_autofree char *sysroot = make_sysroot ("standard", file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) text = { 0 };
  JsonObject *report;

  probe (&json, sysroot, "--json");
  g_assert_cmpint (json.status, ==, 1);
  report = parse_report (parser, &json);
  assert_profile (report, "mde-standard", "EU");
  g_assert_true (agent_uses (report, STANDARD_GATEWAY));
  g_assert_true (agent_uses (report, "https://automatedirstrprdweu.blob.core.windows.net"));
  g_assert_true (agent_uses (report, "https://eu-v20.events.data.microsoft.com/ping"));
  g_assert_false (agent_uses (report, "https://winatp-gw-neu.microsoft.com/commands/test"));

  probe (&text, sysroot, "--url=" STANDARD_GATEWAY, "--url=https://winatp-gw-neu.microsoft.com/");
  g_assert_cmpint (text.status, ==, 1);
  assert_contains (text.out, "Testing URL : " STANDARD_GATEWAY "\n"
                             "Agent uses  : yes, the agent's own gateway");
  assert_contains (text.out, "Not reachable: " STANDARD_GATEWAY " (Custom URL): the agent uses "
                             "it now");
  g_assert_null (strstr (text.out, "Testing URL : https://winatp-gw-neu.microsoft.com/\nAgent"));
}

/* A received report keeps the mark (report.json, as the window and
 * 'show' read it back). */
static void
test_report_keeps_mark (void)
{
  g_autofree char *file = onboarding_file ("https://winatp-gw-weu.microsoft.com/", "EU");
  g_autofree char *sysroot = make_sysroot ("report", file);
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  PpProfile *profile;

  probe (&run, sysroot, "--json", "--url=" STANDARD_GATEWAY,
         "--url=https://winatp-gw-neu.microsoft.com/");
  g_assert_cmpint (run.status, ==, 1);
  back = pp_run_results_new_from_report_json (run.out, -1, &error);
  g_assert_no_error (error);
  profile = pp_run_results_get_profile (back);
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 2);
  g_assert_true (pp_profile_get_endpoint (profile, 0)->agent_uses);
  g_assert_false (pp_profile_get_endpoint (profile, 1)->agent_uses);
}

/* An explicit --geography or --profile wins over the onboarding. */
static void
test_explicit_wins (void)
{
  g_autofree char *file = onboarding_file ("https://winatp-gw-weu.microsoft.com/", "EU");
  g_autofree char *sysroot = make_sysroot ("explicit", file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_auto(CliRun) geography = { 0 };
  g_auto(CliRun) profile = { 0 };

  probe (&geography, sysroot, "--json", "--geography=US");
  assert_profile (parse_report (parser, &geography), "mde-standard", "US");

  probe (&profile, sysroot, "--json", "--profile=mde-streamlined");
  assert_profile (parse_report (parser2, &profile), "mde-streamlined", NULL);
}

/* --onboarding reads a package instead: here the Linux script, streamlined UK. */
static void
test_package (void)
{
  g_autofree char *file = onboarding_file ("https://edr-uks.uk.endpoint.security.microsoft.com/edr/",
                                           "UK");
  g_autofree char *escaped = g_strescape (file, NULL);
  g_autofree char *script = g_strdup_printf ("#!/usr/bin/env python3\n"
                                             "json_file.write('''%s''')\n", escaped);
  g_autofree char *sysroot = make_sysroot ("package", NULL);
  g_autofree char *path = g_build_filename (root, "MicrosoftDefenderATPOnboardingLinuxServer.py",
                                            NULL);
  g_autofree char *option = g_strdup_printf ("--onboarding=%s", path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) config = { 0 };
  JsonObject *report;

  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  probe (&run, sysroot, "--json", option);
  report = parse_report (parser, &run);
  assert_profile (report, "mde-streamlined", "GW_UK");
  g_assert_true (agent_uses (report, "https://edr-uks.uk.endpoint.security.microsoft.com/edr/"
                                     "commands/test"));

  cli_run (&config, sysroot, (const char *[]) { "--show-config", option, NULL });
  g_assert_cmpint (config.status, ==, 0);
  assert_contains (config.out, "mdatp onboarding: Profile mde-streamlined and geography GW_UK from ");
  assert_contains (config.out, "  value: streamlined connectivity, commercial cloud: gateway "
                               "https://edr-uks.uk.endpoint.security.microsoft.com/edr/");
}

/* A --onboarding the technician chose that cannot be used is bad input. */
static void
test_package_bad (void)
{
  g_autofree char *sysroot = make_sysroot ("package-bad", NULL);
  g_autofree char *path = g_build_filename (root, "not-onboarding.txt", NULL);
  g_autofree char *option = g_strdup_printf ("--onboarding=%s", path);
  g_autofree char *expected = g_strdup_printf ("--onboarding: %s: no geoLocationUrl found", path);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) missing = { 0 };

  g_assert_true (g_file_set_contents (path, "hello\n", -1, NULL));
  probe (&run, sysroot, option);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, expected);
  g_assert_cmpstr (run.out, ==, "");

  probe (&missing, sysroot, "--onboarding=/nonexistent/onboarding.py");
  g_assert_cmpint (missing.status, ==, 2);
  assert_contains (missing.err, "--onboarding: /nonexistent/onboarding.py: ");
}

/* The machine's own file, broken: a warning naming it, and the usual defaults. */
static void
test_machine_file_malformed (void)
{
  g_autofree char *sysroot = make_sysroot ("malformed", "{\"onboardingInfo\": 7}");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) config = { 0 };

  probe (&run, sysroot, "--json");
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "proxyprobe-cli: warning: ");
  assert_contains (run.err, "mdatp_onboard.json: $.onboardingInfo is a number, not a string; the "
                            "usual defaults apply");
  assert_profile (parse_report (parser, &run), "mde-standard", NULL);

  cli_run (&config, sysroot, (const char *[]) { "--show-config", NULL });
  g_assert_cmpint (config.status, ==, 0);
  assert_contains (config.out, "mdatp onboarding: Defender for Endpoint's onboarding cannot be "
                               "used: the usual defaults apply");
  assert_contains (config.out, "mdatp_onboard.json: $.onboardingInfo is a number, not a string");
}

/* Not onboarded: no source, no warning, the usual defaults. */
static void
test_not_onboarded (void)
{
  g_autofree char *sysroot = make_sysroot ("none", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };

  probe (&run, sysroot, "--json", "--profile=mma-legacy",
         "--workspace-id=0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
  g_assert_null (strstr (run.err, "warning"));
  g_assert_null (strstr (run.out, "mdatp onboarding"));
  assert_profile (parse_report (parser, &run), "mma-legacy", NULL);
}

/* The agent's own view beside ours: a stand-in mdatp on PATH. Without
 * --sysroot (the agent is this machine's); --onboarding keeps the
 * machine's own onboarding out of it. */
static void
test_agent_view (void)
{
  g_autofree char *bin = g_build_filename (root, "bin", NULL);
  g_autofree char *mdatp = g_build_filename (bin, "mdatp", NULL);
  g_autofree char *search = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));
  const char *env[] = { "PATH", search, NULL };
  g_autofree char *file = onboarding_file ("https://winatp-gw-weu.microsoft.com/", "EU");
  g_autofree char *package = g_build_filename (root, "agent-onboard.json", NULL);
  g_autofree char *onboarding = g_strdup_printf ("--onboarding=%s", package);
  g_autofree char *zip = g_build_filename (root, "agent.zip", NULL);
  g_autofree char *output = g_strdup_printf ("--output=%s", zip);
  const char *show_args[] = { g_getenv ("PROXYPROBE_CLI"), "--show-config", onboarding, NULL };
  const char *run_args[] = { g_getenv ("PROXYPROBE_CLI"), "--json", "--methods=cmdline", "-p",
                             "127.0.0.1:9", "--timeout=5", "--url=" STANDARD_GATEWAY, onboarding,
                             output, NULL };
  g_autoptr(GPtrArray) show_argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) run_argv = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) files = NULL;
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) run = { 0 };
  JsonObject *view;
  GBytes *system;

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mdatp, "#!/bin/sh\n"
                                      "case \"$1\" in\n"
                                      "  health) echo '{\"healthy\":true,\"health_issues\":[],"
                                      "\"app_version\":\"101.25012.0000\"}' ;;\n"
                                      "  connectivity) echo 'Testing connection with "
                                      STANDARD_GATEWAY " ... [OK]' ;;\n"
                                      "esac\n", -1, NULL));
  g_assert_cmpint (g_chmod (mdatp, 0700), ==, 0);
  g_assert_true (g_file_set_contents (package, file, -1, NULL));
  for (guint i = 0; show_args[i]; i++)
    g_ptr_array_add (show_argv, (char *) show_args[i]);
  g_ptr_array_add (show_argv, NULL);
  for (guint i = 0; run_args[i]; i++)
    g_ptr_array_add (run_argv, (char *) run_args[i]);
  g_ptr_array_add (run_argv, NULL);

  cli_spawn (&show, env, show_argv);
  g_assert_cmpint (show.status, ==, 0);
  assert_contains (show.out, "Defender for Endpoint: version 101.25012.0000, healthy true\n");
  assert_contains (show.out, "  Testing connection with " STANDARD_GATEWAY " ... [OK]\n");

  cli_spawn (&run, env, run_argv);
  g_assert_cmpint (run.status, ==, 1);
  view = json_object_get_object_member (json_object_get_object_member (parse_report (parser, &run),
                                                                       "configuration"),
                                        "agent_view");
  g_assert_true (json_object_get_boolean_member (view, "installed"));
  g_assert_cmpstr (json_object_get_string_member (view, "version"), ==, "101.25012.0000");
  g_assert_cmpstr (json_object_get_string_member (view, "healthy"), ==, "true");

  files = unpack (zip);
  system = g_hash_table_lookup (files, "system.txt");
  g_assert_nonnull (system);
  assert_contains (g_bytes_get_data (system, NULL), "Defender for Endpoint: version 101.25012.0000");
  assert_contains (g_bytes_get_data (system, NULL), "\nResolver configuration:\n/etc/resolv.conf:\n");
  /* The HTML report marks the agent's gateway too. */
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "report.html"), NULL),
                   "<small>Custom URL</small><br/><small class=\"agent\">The agent uses this "
                   "endpoint now</small></td>");
}

/* Where the agent is absent, the reports say so. */
static void
test_agent_absent (void)
{
  g_autofree char *sysroot = make_sysroot ("absent", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) show = { 0 };
  JsonObject *view;

  cli_run (&show, sysroot, (const char *[]) { "--show-config", NULL });
  assert_contains (show.out, "Defender for Endpoint: not asked: --sysroot reads another machine's "
                             "files\n");
  probe (&run, sysroot, "--json", "--url=" STANDARD_GATEWAY);
  view = json_object_get_object_member (json_object_get_object_member (parse_report (parser, &run),
                                                                       "configuration"),
                                        "agent_view");
  g_assert_false (json_object_get_boolean_member (view, "installed"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("test-cli-onboarding-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/onboarding/defaults", test_defaults);
  g_test_add_func ("/cli/onboarding/report-keeps-mark", test_report_keeps_mark);
  g_test_add_func ("/cli/onboarding/explicit-wins", test_explicit_wins);
  g_test_add_func ("/cli/onboarding/package", test_package);
  g_test_add_func ("/cli/onboarding/package-bad", test_package_bad);
  g_test_add_func ("/cli/onboarding/machine-file-malformed", test_machine_file_malformed);
  g_test_add_func ("/cli/onboarding/not-onboarded", test_not_onboarded);
  g_test_add_func ("/cli/agent-view/installed", test_agent_view);
  g_test_add_func ("/cli/agent-view/absent", test_agent_absent);

  ret = g_test_run ();
  remove_tree (root);
  g_free (root);

  return ret;
}
