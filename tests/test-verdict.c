/* test-verdict.c: the diagnosis as a helpdesk technician meets it
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real squids on loopback (open, auth, deny, ssl-bump) and a named proxy
 * that does not listen, probed by proxyprobe-cli with a profile that
 * names an agent: the verdict follows the agent's path, names each root
 * cause once, points at the working alternative and gives the allow-list;
 * the exit status follows the agent, or the analyzer with --pass-rule.
 */
#include "pp-config-build.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "pp-agent.h"
#include "pp-diagnosis.h"
#include "pp-probe-result.h"
#include "pp-profile.h"
#include "pp-report-html.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-run-results-json.h"
#include "pp-test-cli.h"
#include "pp-test-report.h"
#include "testbed/pp-testbed.h"

#define N_ENDPOINTS 3

static PpTestbed *testbed;
static char *profile_path;

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (pp_testbed_get_dir (testbed), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

/* A profile of @urls used by an agent whose path is named proxy, its
 * local setting, direct; @fallback as JSON. */
static char *
write_profile_of (const char         *name,
                  const char         *fallback,
                  const char * const *urls)
{
  GString *json = g_string_new ("{\"schema\": \"proxyprobe-profile/1\", \"name\": \"agent-test\", "
                                "\"title\": \"Agent test\", \"agent\": {\"name\": \"Test agent\", "
                                "\"path\": [\"named\", \"local\", \"direct\"], ");
  g_autofree char *text = NULL;

  g_string_append_printf (json, "\"falls_back_to_direct\": %s, \"domains\": [\"*.localhost\", "
                          "\"*.example.test\"]}, \"geographies\": [], \"endpoints\": [", fallback);
  for (guint i = 0; urls[i]; i++)
    g_string_append_printf (json, "%s{\"url\": \"%s\", \"service\": \"S%u\", \"http_method\": "
                            "\"GET\", \"expected_status\": [200], \"trust\": \"system\", "
                            "\"geography\": \"WW\"}", i ? ", " : "", urls[i], i);
  g_string_append (json, "]}\n");
  text = g_string_free (json, FALSE);

  return write_file (name, text);
}

/* Three endpoints on the testbed's HTTPS server. */
static char *
write_profile (const char *name,
               const char *fallback)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;

  for (guint i = 0; i < N_ENDPOINTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/200?endpoint=%u", i);
      g_autofree char *url = pp_testbed_https_url (testbed, path);

      g_strv_builder_add (builder, url);
    }
  urls = g_strv_builder_end (builder);

  return write_profile_of (name, fallback, (const char * const *) urls);
}

static void
cli (CliRun             *run,
     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  g_ptr_array_add (argv, g_strdup_printf ("--trust=%s", pp_testbed_get_ca_file (testbed)));
  g_ptr_array_add (argv, g_strdup_printf ("--public-roots=%s", pp_testbed_get_ca_file (testbed)));
  g_ptr_array_add (argv, g_strdup ("--sysroot=/nonexistent-sysroot"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  cli_spawn (run, NULL, argv);
  g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);
}

/* The agent's named proxy, the technician's -p proxy, and a direct
 * connection, against the three endpoints. */
static void
run_named (CliRun     *run,
           const char *named,
           const char *cmdline,
           const char *extra)
{
  g_autofree char *named_arg = g_strdup_printf ("--named-proxy=%s", named);
  g_autofree char *cmdline_arg = g_strdup_printf ("--proxy=%s", cmdline);
  g_autofree char *profile_arg = g_strdup_printf ("--profile=%s", profile_path);
  const char *args[] = { profile_arg, "--methods=direct,named,cmdline", named_arg, cmdline_arg,
                         extra, NULL };

  cli (run, args);
}

static char *
line_of (const char *text,
         const char *start)
{
  const char *at = strstr (text, start);

  g_assert_nonnull (at);
  return g_strndup (at, strcspn (at, "\n"));
}

/* The ticket's story: the agent's proxy refuses every endpoint while the
 * technician's proxy reaches them all. Once "All reachable", exit 0. */
static void
test_named_blocked (void)
{
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *verdict = NULL, *expected = NULL, *fix = NULL, *cause = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) analyzer = { 0 };
  const char *summary, *allow;

  run_named (&run, deny, open, NULL);
  g_assert_cmpint (run.status, ==, 1);
  verdict = line_of (run.out, "Verdict: ");
  expected = g_strdup_printf ("Verdict: Test agent connects through the named proxy %s "
                              "(--named-proxy): 0 of 3 endpoints reachable.", deny);
  g_assert_cmpstr (verdict, ==, expected);
  /* The verdict comes before the summary, the causes after it. */
  summary = strstr (run.out, "Summary: 3 of 3 endpoints reachable by at least one method");
  g_assert_nonnull (summary);
  g_assert_cmpint (strstr (run.out, "Verdict: ") - run.out, <, summary - run.out);
  g_assert_cmpint (strstr (run.out, "Root causes:") - run.out, >, summary - run.out);

  cause = line_of (run.out, "  - Proxy ");
  g_assert_true (g_str_has_prefix (cause, "  - Proxy "));
  assert_contains (cause, "blocks 3 endpoints (403 ERR_ACCESS_DENIED) — Named proxy");
  g_assert_null (strstr (cause, "Command line proxy"));
  fix = line_of (run.out, "  - Command line proxy ");
  expected = (g_free (expected), g_strdup_printf ("  - Command line proxy %s reaches all 3: set it as "
                                                  "cloudService.proxy in /etc/opt/microsoft/mdatp/"
                                                  "managed/mdatp_managed.json — {\"cloudService\": "
                                                  "{\"proxy\": \"%s\"}}", open, open));
  g_assert_cmpstr (fix, ==, expected);
  assert_contains (run.out, "Ask the proxy team to allow the hosts of the allow-list on ");

  allow = strstr (run.out, "Allow-list (hosts a proxy blocked, asked a password for, or inspected):\n");
  g_assert_nonnull (allow);
  g_assert_cmpstr (strchr (allow, '\n') + 1, ==, "  localhost\n");

  run_named (&analyzer, deny, open, "--pass-rule=any-method");
  g_assert_cmpint (analyzer.status, ==, 0);
}

/* The agent's own file (below a sysroot of @name) sets @value as its
 * proxy; the -p proxy works. */
static char *
run_managed (CliRun     *run,
             const char *name,
             const char *value)
{
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  char *root = g_build_filename (pp_testbed_get_dir (testbed), name, NULL);
  g_autofree char *sysroot = g_strdup_printf ("--sysroot=%s", root);
  g_autofree char *cmdline = g_strdup_printf ("--proxy=%s", open);
  g_autofree char *profile = g_strdup_printf ("--profile=%s", profile_path);

  write_mdatp_file (root, value);
  cli (run, (const char *[]) { profile, "--methods=direct,named,cmdline", cmdline, sysroot, NULL });

  return root;
}

/* The agent's own file names its proxy: the verdict says where it was
 * set, as the technician will have to change it there. */
static void
test_named_from_managed_file (void)
{
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_auto(CliRun) run = { 0 };
  g_autofree char *root = run_managed (&run, "sysroot-managed", deny);
  g_autofree char *expected = NULL;

  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("Verdict: Test agent connects through the named proxy %s (%s/etc/opt/"
                              "microsoft/mdatp/managed/mdatp_managed.json: cloudService.proxy): 0 "
                              "of 3 endpoints reachable.\n", deny, root);
  assert_contains (run.out, expected);
}

/* A placeholder in the agent's file: the agent has a proxy it cannot use
 * and reaches nothing, whatever the other methods do. */
static void
test_named_placeholder (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *root = run_managed (&run, "sysroot-placeholder", "http://<proxy>:<port>");
  g_autofree char *cause = NULL;

  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "Verdict: Test agent connects through the named proxy ");
  assert_contains (run.out, "mdatp_managed.json: cloudService.proxy, which cannot be used: The proxy "
                   "isn't in valid format");
  assert_contains (run.out, "0 of 3 endpoints reachable.\n");
  cause = line_of (run.out, "  - Error for 3 endpoints: ");
  assert_contains (cause, " — Named proxy");
  assert_contains (run.out, "  - Correct the agent's proxy setting where it was set");
}

/* A 407 is not a 403: another cause, other words, another request. */
static void
test_named_password (void)
{
  g_autofree char *auth = pp_testbed_squid_url (testbed, PP_SQUID_AUTH);
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *cause = NULL;
  g_auto(CliRun) run = { 0 };

  run_named (&run, auth, open, NULL);
  g_assert_cmpint (run.status, ==, 1);
  cause = line_of (run.out, "  - Proxy ");
  assert_contains (cause, "asks for a password (407) for 3 endpoints — Named proxy");
  g_assert_null (strstr (run.out, "blocks"));
  assert_contains (run.out, "allow anonymous access to the hosts of the allow-list");
  assert_contains (run.out, "the agent cannot give a password");
  assert_contains (run.out, "inspected):\n  localhost\n");
}

/* Nothing listens at the named proxy, and whether the agent then goes
 * direct is not documented: both outcomes are stated, and the exit
 * status does not count on the fallback. */
static void
test_named_not_listening (void)
{
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", pp_testbed_get_closed_port (testbed));
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_auto(CliRun) run = { 0 };

  run_named (&run, closed, open, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "0 of 3 endpoints reachable.\n  The named proxy cannot be reached for 3 "
                   "endpoints. Whether Test agent then goes direct is not documented: if it does, "
                   "it reaches 3 of 3 endpoints; if it does not, 0 of 3.\n");
  assert_contains (run.out, "cannot be reached (3 endpoints)");
  assert_contains (run.out, "Nothing answers at ");
  /* Nothing refused or inspected: nothing to allow. */
  g_assert_null (strstr (run.out, "Allow-list"));
}

/* Where the profile says the agent does fall back, the direct path counts. */
static void
test_named_not_listening_fallback (void)
{
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", pp_testbed_get_closed_port (testbed));
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *saved = g_steal_pointer (&profile_path);
  g_auto(CliRun) run = { 0 };

  profile_path = write_profile ("fallback.json", "true");
  run_named (&run, closed, open, NULL);
  g_free (profile_path);
  profile_path = g_steal_pointer (&saved);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "3 of 3 endpoints reachable.\n  The named proxy cannot be reached for 3 "
                   "endpoints; Test agent then goes direct, which reaches 3 of them");
}

static JsonObject *
parse_verdict (const char *text,
               JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "verdict"));

  return json_object_get_object_member (root, "verdict");
}

static void
test_json_verdict (void)
{
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  JsonObject *verdict, *agent, *cause;
  JsonArray *causes, *allow, *methods;

  run_named (&run, deny, open, "--json");
  g_assert_cmpint (run.status, ==, 1);
  verdict = parse_verdict (run.out, parser);
  agent = json_object_get_object_member (verdict, "agent");
  g_assert_cmpstr (json_object_get_string_member (agent, "name"), ==, "Test agent");
  g_assert_cmpstr (json_object_get_string_member (agent, "path"), ==, "named");
  g_assert_cmpstr (json_object_get_string_member (agent, "proxy"), ==, deny);
  g_assert_cmpstr (json_object_get_string_member (agent, "provenance"), ==, "--named-proxy");
  g_assert_cmpstr (json_object_get_string_member (agent, "falls_back_to_direct"), ==, "unknown");
  g_assert_cmpint (json_object_get_int_member (agent, "endpoints"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (agent, "reachable"), ==, 0);

  causes = json_object_get_array_member (verdict, "causes");
  g_assert_cmpuint (json_array_get_length (causes), ==, 1);
  cause = json_array_get_object_element (causes, 0);
  g_assert_cmpstr (json_object_get_string_member (cause, "id"), ==, "proxy_refused");
  g_assert_cmpstr (json_object_get_string_member (cause, "subject"), ==, deny);
  g_assert_cmpstr (json_object_get_string_member (cause, "status"), ==, "403 ERR_ACCESS_DENIED");
  g_assert_cmpint (json_object_get_int_member (cause, "endpoints"), ==, 3);
  g_assert_true (json_object_get_boolean_member (cause, "on_agent_path"));
  methods = json_object_get_array_member (cause, "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (methods, 0), ==, "named");

  assert_contains (json_object_get_string_member (verdict, "snippet"), open);
  allow = json_object_get_array_member (verdict, "allow_list");
  g_assert_cmpuint (json_array_get_length (allow), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (allow, 0), ==, "localhost");
  g_assert_cmpint (json_object_get_int_member (verdict, "exit_status"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (verdict, "pass_rule"), ==, "agent-path");
}

static const char *
file_text (GHashTable *files,
           const char *name)
{
  GBytes *bytes = g_hash_table_lookup (files, name);

  g_assert_nonnull (bytes);
  return g_bytes_get_data (bytes, NULL);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at; at = strstr (at + 1, needle))
    n++;

  return n;
}

/* The zip's text and page lead with the agent's path; the page gives
 * its guidance once per cause (one here), never once per cell (three). */
static void
assert_report_leads (GHashTable *files)
{
  const char *text = file_text (files, "ProxyProbeResult.txt");
  const char *html = file_text (files, "report.html");
  const char *guidance = strstr (html, "Guidance per cause");

  assert_contains (text, "Verdict: Test agent connects through the named proxy ");
  g_assert_cmpint (strstr (text, "Verdict: ") - text, <, strstr (text, "Summary: ") - text);
  assert_contains (text, "Root causes:\n  - HTTPS inspected by ");
  assert_contains (html, "<p class=\"headline agent\"><span class=\"icon\">✖</span>Test agent "
                   "connects through the named proxy ");
  g_assert_nonnull (guidance);
  g_assert_cmpuint (count (guidance, "<li>"), ==, 1);
  g_assert_cmpuint (count (html, "3 endpoints)"), ==, 1);
}

/* A received report (opened in the window, merged in a fleet) gives the
 * verdict its sender saw: the agent and the named proxy's provenance
 * travel in report.json. */
static void
assert_received_same (GHashTable *files,
                      const char *out)
{
  const char *json = file_text (files, "report.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpRunResults) received = pp_run_results_new_from_report_json (json, -1, &error);
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  diagnosis = pp_diagnosis_new (received);
  sent = line_of (out, "Verdict: ");
  g_assert_cmpstr (sent + strlen ("Verdict: "), ==, diagnosis->headline);
  assert_contains (diagnosis->headline, "(--named-proxy)");
  g_assert_cmpint (pp_run_results_get_exit_status (received), ==, 1);
  text = pp_diagnosis_format_causes (diagnosis);
  g_assert_cmpstr (text, ==, strstr (out, "Root causes:\n"));
}

/* TLS inspection of the agent's path: the issuer is named, the host and
 * the profile's wildcard domain covering it go on the allow-list, which
 * the zip carries as allowlist.txt. */
static void
test_inspected_allow_list (void)
{
  g_autofree char *bump = pp_testbed_squid_url (testbed, PP_SQUID_BUMP);
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *zip = g_build_filename (pp_testbed_get_dir (testbed), "inspected.zip", NULL);
  g_autofree char *output = g_strdup_printf ("--output=%s", zip);
  g_autoptr(GHashTable) files = NULL;
  g_auto(CliRun) run = { 0 };
  GBytes *allow;

  run_named (&run, bump, open, output);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "HTTPS inspected by ");
  assert_contains (run.out, "Contoso TLS Inspection CA");
  assert_contains (run.out, "on 3 endpoints — Named proxy");
  files = unpack (zip);
  allow = g_hash_table_lookup (files, "allowlist.txt");
  g_assert_nonnull (allow);
  g_assert_cmpmem (g_bytes_get_data (allow, NULL), g_bytes_get_size (allow),
                   "localhost\n", strlen ("localhost\n"));
  assert_contains (run.out, "Ask the team that runs the TLS inspection");
  assert_report_leads (files);
  assert_received_same (files, run.out);
}

/* The agent's path works: nothing to change, exit 0, even though the
 * technician's proxy refuses. */
static void
test_named_works (void)
{
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_auto(CliRun) run = { 0 };

  run_named (&run, open, deny, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "3 of 3 endpoints reachable.\n");
  assert_contains (run.out, "Nothing to change: Test agent reaches every endpoint on its path.");
  assert_contains (run.out, "(not on the agent's path)");
}

/* No named proxy: the agent goes direct, through an intercepting squid
 * (nftables in the test's namespace). It gets through, and the verdict
 * says whose rules it passes, in text and JSON. */
static void
test_transparent_on_direct_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *path = NULL, *profile = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) json = { 0 };
  JsonObject *cause;

  if (!pp_testbed_start_intercept (testbed, &error))
    {
      g_test_skip (error->message);
      return;
    }
  first = pp_testbed_intercepted_url (testbed, "http", "/status/200?a");
  second = pp_testbed_intercepted_url (testbed, "http", "/status/200?b");
  path = write_profile_of ("transparent.json", "\"unknown\"",
                           (const char *[]) { first, second, NULL });
  profile = g_strdup_printf ("--profile=%s", path);
  cli (&run, (const char *[]) { profile, "--methods=direct,named", NULL });
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Verdict: Test agent connects directly (no ");
  assert_contains (run.out, "): 2 of 2 endpoints reachable.\n");
  assert_contains (run.out, "  - Direct connections pass through a transparent proxy, squid/5.7 "
                   "(Via header), on 2 endpoints\n");
  assert_contains (run.out, "Nothing to change: Test agent reaches every endpoint on its path.");

  cli (&json, (const char *[]) { profile, "--methods=direct,named", "--json", NULL });
  cause = json_array_get_object_element (json_object_get_array_member (parse_verdict (json.out, parser),
                                                                       "causes"), 0);
  g_assert_cmpstr (json_object_get_string_member (cause, "id"), ==, "transparent_proxy");
  g_assert_cmpstr (json_object_get_string_member (cause, "subject"), ==, "squid/5.7 (Via header)");
  g_assert_true (json_object_get_boolean_member (cause, "on_agent_path"));
}

/* URL lists have no agent: the verdict speaks of methods, and the exit
 * status keeps the analyzer's rule. */
static void
test_no_agent (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *named = g_strdup_printf ("--named-proxy=%s", deny);
  g_auto(CliRun) run = { 0 };

  cli (&run, (const char *[]) { "--url", ok, "--methods=direct,named", named, NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* The count once, in the summary; the verdict says what it does not. */
  assert_contains (run.out, "Verdict: Only direct connections get through: no endpoint is reachable "
                   "through a proxy (this profile names no agent: the verdict speaks of methods "
                   "only).\n");
  g_assert_cmpuint (count (run.out, "1 of 1 endpoint"), ==, 1);
  assert_contains (run.out, "Summary: 1 of 1 endpoints reachable by at least one method");
}

static void
test_bad_agent (void)
{
  g_autofree char *bad = write_file ("bad-agent.json", "{\"schema\": \"proxyprobe-profile/1\", "
                                     "\"name\": \"x\", \"title\": \"X\", \"agent\": {\"name\": \"A\", "
                                     "\"path\": [\"named\"], \"falls_back_to_direct\": \"maybe\"}, "
                                     "\"geographies\": [], \"endpoints\": []}");
  g_autofree char *profile = g_strdup_printf ("--profile=%s", bad);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) rule = { 0 };

  cli (&run, (const char *[]) { profile, NULL });
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "bad-agent.json: $.agent.falls_back_to_direct: expected true, false or \"unknown\"");
  cli (&rule, (const char *[]) { "--pass-rule=all", "--url=https://a.test/", NULL });
  g_assert_cmpint (rule.status, ==, 2);
  assert_contains (rule.err, "--pass-rule: 'all' is not agent-path or any-method");
}

/* The bundled Defender profiles name the Linux agent; mma-legacy none. */
static void
test_bundled_agents (void)
{
  const PpProfileOptions options = { NULL, "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) standard = pp_profile_load_bundled ("mde-standard", NULL, &error);
  g_autoptr(PpProfile) streamlined = pp_profile_load_bundled ("mde-streamlined", NULL, &error);
  g_autoptr(PpProfile) mma = pp_profile_load_bundled ("mma-legacy", &options, &error);
  PpAgent *agent;

  g_assert_no_error (error);
  agent = pp_profile_get_agent (standard);
  g_assert_nonnull (agent);
  g_assert_cmpstr (pp_agent_get_name (agent), ==, "Defender for Endpoint on Linux");
  g_assert_cmpuint (pp_agent_get_n_steps (agent), ==, 3);
  g_assert_cmpint (pp_agent_get_step (agent, 0), ==, PP_AGENT_STEP_NAMED);
  g_assert_cmpint (pp_agent_get_step (agent, 1), ==, PP_AGENT_STEP_LOCAL);
  g_assert_cmpint (pp_agent_get_step (agent, 2), ==, PP_AGENT_STEP_DIRECT);
  g_assert_cmpint (pp_agent_get_fallback (agent), ==, PP_AGENT_FALLBACK_UNKNOWN);
  g_assert_true (g_strv_contains (pp_agent_get_domains (pp_profile_get_agent (streamlined)),
                                  "*.endpoint.security.microsoft.com"));
  g_assert_null (pp_profile_get_agent (mma));
}

/* Hand-made results, in-process: the grouping, the order and the words
 * without a network. */
static PpProbeResult *
hand_result (PpEndpoint *endpoint,
             PpMethod    method,
             PpOutcome   outcome,
             const char *proxy,
             const char *detail)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);

  result->outcome = outcome;
  result->http_status = outcome == PP_OUTCOME_OK ? 200 : 0;
  result->connect_status = outcome == PP_OUTCOME_PROXY_REFUSED ? 403
                           : outcome == PP_OUTCOME_PROXY_AUTH_REQUIRED ? 407 : 0;
  result->proxy = g_strdup (proxy);
  result->detail = g_strdup (detail);

  return result;
}

/* @with_agent: the profile names the test agent, else none (a URL list). */
static PpRunResults *
hand_run_of (guint n_endpoints,
             PpProbeResult *(*make) (PpEndpoint *endpoint, PpMethod method, guint e),
             gboolean with_agent)
{
  const PpAgentStep path[] = { PP_AGENT_STEP_NAMED, PP_AGENT_STEP_LOCAL, PP_AGENT_STEP_DIRECT };
  const char *domains[] = { "*.corp.test", NULL };
  g_autoptr(PpAgent) agent = pp_agent_new ("Test agent", path, 3, PP_AGENT_FALLBACK_UNKNOWN, domains);
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("default,direct,named,cmdline", NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  const guint ok[] = { 200 };

  for (guint e = 0; e < n_endpoints; e++)
    {
      g_autofree char *url = g_strdup_printf ("https://host-%u.corp.test/", e);

      g_ptr_array_add (endpoints, pp_endpoint_new (url, "S", "GET", ok, 1, "system", "WW"));
    }
  profile = pp_profile_new_from_endpoints ("hand", "Hand", endpoints);
  if (with_agent)
    pp_profile_set_agent (profile, agent);
  plan = pp_plan_new (profile, methods);
  for (guint e = 0; e < n_endpoints; e++)
    for (guint m = 0; m < methods->len; m++)
      g_ptr_array_add (results, make (g_ptr_array_index (endpoints, e),
                                      g_array_index (methods, PpMethod, m), e));

  return pp_run_results_new_finished (plan, results);
}

static PpRunResults *
hand_run (guint n_endpoints,
          PpProbeResult *(*make) (PpEndpoint *endpoint, PpMethod method, guint e))
{
  return hand_run_of (n_endpoints, make, TRUE);
}

/* Named proxy: 403 for endpoints 0-3, 407 for 4; default proxy: 407
 * everywhere; direct: names not resolved; command line: works. */
static PpProbeResult *
make_mixed (PpEndpoint *endpoint,
            PpMethod    method,
            guint       e)
{
  switch (method)
    {
    case PP_METHOD_NAMED:
      return e < 4 ? hand_result (endpoint, method, PP_OUTCOME_PROXY_REFUSED, "http://named.corp.test:3128",
                                  "the proxy answered 403 to CONNECT (ERR_ACCESS_DENIED 0)")
                   : hand_result (endpoint, method, PP_OUTCOME_PROXY_AUTH_REQUIRED,
                                  "http://named.corp.test:3128", "the proxy answered 407 to CONNECT");
    case PP_METHOD_DEFAULT:
      return hand_result (endpoint, method, PP_OUTCOME_PROXY_AUTH_REQUIRED,
                          "http://desk.corp.test:8080", "the proxy answered 407 to CONNECT");
    case PP_METHOD_DIRECT:
      return hand_result (endpoint, method, PP_OUTCOME_DNS_FAILED, NULL, "Could not resolve host");
    default:
      return hand_result (endpoint, method, PP_OUTCOME_OK, "http://cmd.corp.test:3128", "ok");
    }
}

static void
test_causes_grouped_and_ordered (void)
{
  g_autoptr(PpRunResults) run = hand_run (5, make_mixed);
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (run);
  const PpCause *cause;

  g_assert_cmpstr (diagnosis->headline, ==, "Test agent connects through the named proxy "
                   "http://named.corp.test:3128 (where it was set is not known: a received report "
                   "without the configuration): 0 of 5 "
                   "endpoints reachable.");
  g_assert_cmpuint (diagnosis->causes->len, ==, 4);
  /* On the agent's path first, by effect: 403 before 407. */
  cause = g_ptr_array_index (diagnosis->causes, 0);
  g_assert_cmpstr (cause->line, ==, "Proxy http://named.corp.test:3128 blocks 4 endpoints "
                   "(403 ERR_ACCESS_DENIED) — Named proxy");
  cause = g_ptr_array_index (diagnosis->causes, 1);
  g_assert_cmpstr (cause->line, ==, "Proxy http://named.corp.test:3128 asks for a password (407) "
                   "for 1 endpoint — Named proxy");
  /* Then the others: the desktop's proxy, and direct name resolution,
   * which on a proxy-only network is the normal state. */
  cause = g_ptr_array_index (diagnosis->causes, 2);
  g_assert_false (cause->on_agent_path);
  g_assert_cmpstr (cause->subject, ==, "http://desk.corp.test:8080");
  g_assert_cmpuint (cause->n_endpoints, ==, 5);
  cause = g_ptr_array_index (diagnosis->causes, 3);
  g_assert_false (cause->on_agent_path);
  g_assert_cmpstr (cause->id, ==, "dns_failed");
  g_assert_null (cause->subject);
  /* The fixes: the working proxy, then only the agent's path's asks. */
  g_assert_cmpuint (diagnosis->fixes->len, ==, 3);
  assert_contains (g_ptr_array_index (diagnosis->fixes, 0), "Command line proxy "
                   "http://cmd.corp.test:3128 reaches all 5: set it as cloudService.proxy");
  assert_contains (g_ptr_array_index (diagnosis->fixes, 1), "allow the hosts of the allow-list");
  assert_contains (g_ptr_array_index (diagnosis->fixes, 2), "anonymous access");
  /* Every host a proxy refused or asked a password for, once, then the
   * profile's wildcard domain that covers them. */
  g_assert_cmpuint (diagnosis->allow_list->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (diagnosis->allow_list, 0), ==, "host-0.corp.test");
  g_assert_cmpstr (g_ptr_array_index (diagnosis->allow_list, 4), ==, "host-4.corp.test");
  g_assert_cmpstr (g_ptr_array_index (diagnosis->allow_list, 5), ==, "*.corp.test");
}

/* A Dutch desktop: LANGUAGE, as the session sets it; NULL: back to English. */
static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* report.json without the moment it was written. */
static char *
report_json_text (PpRunResults *run)
{
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);
  g_autoptr(JsonNode) root = pp_report_json_build (run, config);

  json_object_remove_member (json_node_get_object (root), "generated");

  return json_to_string (root, TRUE);
}

/* In a Dutch session the window's diagnosis is Dutch, while what goes to
 * support and to scripts stays byte for byte the English one: the cause
 * lines the tests above pin, report.json and ProxyProbeResult.txt. */
static void
test_english_for_files (void)
{
  g_autoptr(PpRunResults) run = hand_run (5, make_mixed);
  g_autofree char *json_en = report_json_text (run);
  g_autofree char *text_en = pp_report_text_format (run);
  g_autofree char *json_nl = NULL;
  g_autofree char *text_nl = NULL;
  g_autoptr(PpDiagnosis) english = NULL;
  g_autoptr(PpDiagnosis) dutch = NULL;

  use_language ("nl");
  english = pp_diagnosis_new (run);
  dutch = pp_diagnosis_new_translated (run);
  json_nl = report_json_text (run);
  text_nl = pp_report_text_format (run);
  use_language (NULL);

  g_assert_cmpstr (((PpCause *) g_ptr_array_index (dutch->causes, 0))->line, ==,
                   "Proxy http://named.corp.test:3128 blokkeert 4 eindpunten "
                   "(403 ERR_ACCESS_DENIED) — Benoemde proxy");
  g_assert_cmpstr (((PpCause *) g_ptr_array_index (dutch->causes, 1))->line, ==,
                   "Proxy http://named.corp.test:3128 vraagt om een wachtwoord (407) "
                   "voor 1 eindpunt — Benoemde proxy");
  assert_contains (g_ptr_array_index (dutch->fixes, 1), "Vraag het proxyteam de hosts van de "
                   "toestaanlijst op http://named.corp.test:3128 toe te staan voor de agent.");
  g_assert_cmpstr (json_nl, ==, json_en);
  g_assert_cmpstr (text_nl, ==, text_en);
  g_assert_cmpstr (((PpCause *) g_ptr_array_index (english->causes, 0))->line, ==,
                   "Proxy http://named.corp.test:3128 blocks 4 endpoints "
                   "(403 ERR_ACCESS_DENIED) — Named proxy");
  assert_contains (text_en, "blocks 4 endpoints (403 ERR_ACCESS_DENIED) — Named proxy");
}

/* The page: the agent's path leads the verdict box, each cause is one
 * line and one paragraph of guidance, never one per cell (20 here). */
static void
test_html_once_per_cause (void)
{
  g_autoptr(PpRunResults) run = hand_run (5, make_mixed);
  g_autofree char *html = pp_report_html_format (run, "2026-12-07", "", "");
  const char *box = strstr (html, "<section class=\"verdict v-fail\">");
  const char *causes = strstr (html, "<ol>");
  const char *guidance = strstr (html, "Guidance per cause");

  g_assert_nonnull (box);
  g_assert_true (g_str_has_prefix (strstr (box, "<p"), "<p class=\"headline agent\"><span "
                                   "class=\"icon\">✖</span>Test agent connects through the named "
                                   "proxy http://named.corp.test:3128"));
  assert_contains (box, "By any method (the client analyzer&#39;s rule): All 5 endpoints are reachable.");
  g_assert_nonnull (causes);
  g_assert_cmpuint (count (causes, "<li>") - count (strstr (causes, "</ol>"), "<li>"), ==, 4);
  g_assert_nonnull (guidance);
  g_assert_cmpuint (count (guidance, "<li>"), ==, 4);
  assert_contains (html, "<pre class=\"allow-list\">host-0.corp.test\n");
}

/* No named proxy: the agent goes direct; the unreadable local setting is
 * said; direct names do not resolve, so that cause leads. */
static PpProbeResult *
make_direct_fails (PpEndpoint *endpoint,
                   PpMethod    method,
                   guint       e)
{
  if (method == PP_METHOD_NAMED)
    return hand_result (endpoint, method, PP_OUTCOME_NOT_CONFIGURED, NULL, NULL);
  if (method == PP_METHOD_DIRECT)
    return hand_result (endpoint, method, PP_OUTCOME_DNS_FAILED, NULL, "Could not resolve host");

  return hand_result (endpoint, method, PP_OUTCOME_OK, "http://cmd.corp.test:3128", "ok");
}

static void
test_direct_path (void)
{
  g_autoptr(PpRunResults) run = hand_run (2, make_direct_fails);
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (run);
  const PpCause *cause = g_ptr_array_index (diagnosis->causes, 0);

  g_assert_cmpstr (diagnosis->headline, ==, "Test agent connects directly (no "
                   "/etc/opt/microsoft/mdatp/managed/mdatp_managed.json cloudService.proxy, no "
                   "--named-proxy): 0 of 2 endpoints reachable.");
  assert_contains (g_ptr_array_index (diagnosis->notes, 0), "'mdatp config proxy set'");
  g_assert_true (cause->on_agent_path);
  g_assert_cmpstr (cause->line, ==, "Name not resolved for 2 endpoints on direct connections: "
                   "Could not resolve host — Proxy disabled");
  /* The command line proxy and the default proxy both reach all: the
   * first in the analyzer's order is offered. */
  assert_contains (g_ptr_array_index (diagnosis->fixes, 0), "Default proxy "
                   "http://cmd.corp.test:3128 reaches all 2");
  assert_contains (g_ptr_array_index (diagnosis->fixes, 1), "Ask the network team why this "
                   "machine's DNS servers do not resolve these names");
  g_assert_cmpuint (diagnosis->allow_list->len, ==, 0);
  g_assert_cmpint (diagnosis->exit_status, ==, 1);
  pp_run_results_set_pass_rule (run, PP_PASS_RULE_ANY_METHOD);
  g_assert_cmpint (pp_run_results_get_exit_status (run), ==, 0);
}

/* The engine's dns_timeout and transparent-proxy evidence need no code
 * of their own in the diagnosis: a dns_timeout is a cause like any other
 * (a table row), and a transparent proxy on the direct path is one that
 * applies to the agent either way. */
static PpOutcome dns_timeout;

static PpProbeResult *
make_engine_findings (PpEndpoint *endpoint,
                      PpMethod    method,
                      guint       e)
{
  PpProbeResult *result;

  if (method == PP_METHOD_NAMED)
    return hand_result (endpoint, method, PP_OUTCOME_NOT_CONFIGURED, NULL, NULL);
  if (method != PP_METHOD_DIRECT)
    return hand_result (endpoint, method, dns_timeout, "http://cmd.corp.test:3128",
                        "no DNS answer in time from 10.255.255.53");
  result = hand_result (endpoint, method, PP_OUTCOME_OK, NULL, "the server answered 200");
  result->transparent_proxy = g_strdup ("squid/5.7 (Via header)");

  return result;
}

static void
test_engine_findings (void)
{
  g_autoptr(PpRunResults) run = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  const PpCause *cause;

  g_assert_true (pp_outcome_from_id ("dns_timeout", &dns_timeout));
  run = hand_run (2, make_engine_findings);
  diagnosis = pp_diagnosis_new (run);
  g_assert_cmpint (diagnosis->exit_status, ==, 0);
  cause = g_ptr_array_index (diagnosis->causes, 0);
  g_assert_cmpstr (cause->line, ==, "Direct connections pass through a transparent proxy, "
                   "squid/5.7 (Via header), on 2 endpoints");
  g_assert_true (cause->on_agent_path);
  cause = g_ptr_array_index (diagnosis->causes, 1);
  g_assert_cmpstr (cause->id, ==, "dns_timeout");
  g_assert_false (cause->on_agent_path);
  g_assert_cmpuint (cause->n_endpoints, ==, 2);
  assert_contains (cause->line, "for 2 endpoints through proxy http://cmd.corp.test:3128: no DNS "
                   "answer in time from 10.255.255.53 — Default proxy, Command line proxy");
}

/* Every kind of cause's words, line and title: the line is what a
 * host's own verdict says, the title what a fleet adds up across hosts
 * (the same cause without its counts, example or methods). Named proxy:
 * refused without a reason, then unreachable without a detail; default:
 * a password; command line: TLS inspected; direct: a transparent proxy
 * on one endpoint, a time-out on the other. */
static PpProbeResult *
make_every_kind (PpEndpoint *endpoint,
                 PpMethod    method,
                 guint       e)
{
  PpProbeResult *result;

  switch (method)
    {
    case PP_METHOD_NAMED:
      return e == 0 ? hand_result (endpoint, method, PP_OUTCOME_PROXY_REFUSED,
                                   "http://named.corp.test:3128", NULL)
                    : hand_result (endpoint, method, PP_OUTCOME_PROXY_UNREACHABLE,
                                   "http://gone.corp.test:3128", NULL);
    case PP_METHOD_DEFAULT:
      return hand_result (endpoint, method, PP_OUTCOME_PROXY_AUTH_REQUIRED,
                          "http://desk.corp.test:8080", "the proxy answered 407 to CONNECT");
    case PP_METHOD_DIRECT:
      if (e == 1)
        return hand_result (endpoint, method, PP_OUTCOME_CONNECT_TIMEOUT, NULL, "timed out");
      result = hand_result (endpoint, method, PP_OUTCOME_OK, NULL, "the server answered 200");
      result->transparent_proxy = g_strdup ("squid/5.7 (Via header)");
      return result;
    default:
      result = hand_result (endpoint, method, PP_OUTCOME_TLS_INSPECTED, "http://cmd.corp.test:3128",
                            "inspected");
      result->tls.inspected = TRUE;
      result->tls.issuer = g_strdup ("CN=Contoso TLS Inspection CA");
      return result;
    }
}

static const PpCause *
find_cause (const PpDiagnosis *diagnosis,
            const char        *id)
{
  for (guint i = 0; i < diagnosis->causes->len; i++)
    if (g_str_equal (((PpCause *) g_ptr_array_index (diagnosis->causes, i))->id, id))
      return g_ptr_array_index (diagnosis->causes, i);
  g_assert_not_reached ();
}

static void
assert_cause_words (const PpDiagnosis *diagnosis,
                    const char        *id,
                    const char        *line,
                    const char        *title)
{
  const PpCause *cause = find_cause (diagnosis, id);
  g_autofree char *text = pp_cause_format_title (cause);

  g_assert_cmpstr (cause->line, ==, line);
  g_assert_cmpstr (text, ==, title);
}

static void
test_cause_words (void)
{
  g_autoptr(PpRunResults) run = hand_run (2, make_every_kind);
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (run);
  g_autoptr(PpRunResults) findings = NULL;
  g_autoptr(PpDiagnosis) found = NULL;

  g_assert_cmpuint (diagnosis->causes->len, ==, 6);
  assert_cause_words (diagnosis, "proxy_refused",
                      "Proxy http://named.corp.test:3128 blocks 1 endpoint (403) — Named proxy",
                      "Proxy http://named.corp.test:3128 blocks (403)");
  assert_cause_words (diagnosis, "proxy_unreachable",
                      "Proxy http://gone.corp.test:3128 cannot be reached (1 endpoint): no answer "
                      "— Named proxy", "Proxy http://gone.corp.test:3128 cannot be reached");
  assert_cause_words (diagnosis, "proxy_auth_required",
                      "Proxy http://desk.corp.test:8080 asks for a password (407) for 2 endpoints "
                      "— Default proxy", "Proxy http://desk.corp.test:8080 asks for a password (407)");
  assert_cause_words (diagnosis, "tls_inspected",
                      "HTTPS inspected by CN=Contoso TLS Inspection CA on 2 endpoints — Command "
                      "line proxy", "HTTPS inspected by CN=Contoso TLS Inspection CA");
  assert_cause_words (diagnosis, "transparent_proxy",
                      "Direct connections pass through a transparent proxy, squid/5.7 (Via "
                      "header), on 1 endpoint",
                      "Direct connections pass through a transparent proxy, squid/5.7 (Via header)");
  assert_cause_words (diagnosis, "connect_timeout",
                      "Connection timed out for 1 endpoint on direct connections: timed out — "
                      "Proxy disabled", "Connection timed out on direct connections");
  /* A generic cause through a proxy. */
  g_assert_true (pp_outcome_from_id ("dns_timeout", &dns_timeout));
  findings = hand_run (2, make_engine_findings);
  found = pp_diagnosis_new (findings);
  assert_cause_words (found, "dns_timeout",
                      "No DNS answer in time for 2 endpoints through proxy "
                      "http://cmd.corp.test:3128: no DNS answer in time from 10.255.255.53 — "
                      "Default proxy, Command line proxy",
                      "No DNS answer in time through proxy http://cmd.corp.test:3128");
}

/* The verdict's colour, one decision for every output: each case of
 * the predicate, and the HTML report's verdict box following it. Two
 * endpoints; per endpoint a letter per method (default, direct, named,
 * cmdline): o reached, x refused, c stopped before it answered. */
static const char *cells[2];

static PpProbeResult *
make_from_cells (PpEndpoint *endpoint,
                 PpMethod    method,
                 guint       e)
{
  static const PpMethod order[] = { PP_METHOD_DEFAULT, PP_METHOD_DIRECT, PP_METHOD_NAMED, PP_METHOD_CMDLINE };
  const char *proxy = method == PP_METHOD_DIRECT ? NULL : "http://proxy.corp.test:3128";
  guint m = 0;

  while (order[m] != method)
    m++;
  if (cells[e][m] == 'o')
    return hand_result (endpoint, method, PP_OUTCOME_OK, proxy, "the server answered 200");
  if (cells[e][m] == 'c')
    return hand_result (endpoint, method, PP_OUTCOME_CANCELLED, proxy, NULL);
  if (method == PP_METHOD_DIRECT)
    return hand_result (endpoint, method, PP_OUTCOME_CONNECT_REFUSED, NULL, "refused");

  return hand_result (endpoint, method, PP_OUTCOME_PROXY_REFUSED, proxy,
                      "the proxy answered 403 to CONNECT (ERR_ACCESS_DENIED 0)");
}

static void
test_severity (void)
{
  static const struct {
    gboolean agent;
    const char *cells[2];
    PpSeverity severity;
    const char *why;
  } cases[] = {
    { TRUE, { "oooo", "oooo" }, PP_SEVERITY_PASS, "the agent reaches all" },
    { TRUE, { "ooxo", "oooo" }, PP_SEVERITY_FAIL, "the agent reaches some: never amber" },
    { TRUE, { "xxxx", "xxxx" }, PP_SEVERITY_FAIL, "the agent reaches none" },
    { TRUE, { "ooco", "oooo" }, PP_SEVERITY_PENDING, "the agent's path not answered yet" },
    { TRUE, { "ooco", "ooxo" }, PP_SEVERITY_FAIL, "a failure on the path is final" },
    { FALSE, { "oooo", "oooo" }, PP_SEVERITY_PASS, "all reachable" },
    { FALSE, { "xoxx", "xoxx" }, PP_SEVERITY_WARN, "only with the proxy disabled" },
    { FALSE, { "oooo", "xxxx" }, PP_SEVERITY_WARN, "some endpoints unreachable" },
    { FALSE, { "xxxx", "xxxx" }, PP_SEVERITY_FAIL, "nothing gets through" },
    { FALSE, { "cccc", "cccc" }, PP_SEVERITY_PENDING, "nothing answered" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PpRunResults) run = NULL;
      g_autoptr(PpDiagnosis) diagnosis = NULL;
      g_autofree char *html = NULL;
      g_autofree char *box = NULL;

      g_test_message ("%s: %s %s", cases[i].why, cases[i].cells[0], cases[i].cells[1]);
      cells[0] = cases[i].cells[0];
      cells[1] = cases[i].cells[1];
      run = hand_run_of (2, make_from_cells, cases[i].agent);
      diagnosis = pp_diagnosis_new (run);
      g_assert_cmpint (diagnosis->path.known, ==, cases[i].agent);
      g_assert_cmpint (pp_diagnosis_severity (diagnosis), ==, cases[i].severity);
      html = pp_report_html_format (run, "2026-12-07", "", "");
      box = g_strdup_printf ("<section class=\"verdict v-%s\">", pp_severity_to_id (cases[i].severity));
      assert_contains (html, box);
    }
}

/* A URL list names no agent: what to change does not speak of one. */
static void
test_no_agent_fixes (void)
{
  g_autoptr(PpRunResults) run = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;

  cells[0] = cells[1] = "xxxx";
  run = hand_run_of (2, make_from_cells, FALSE);
  diagnosis = pp_diagnosis_new (run);
  g_assert_cmpuint (diagnosis->fixes->len, >, 0);
  for (guint i = 0; i < diagnosis->fixes->len; i++)
    {
      g_test_message ("%s", (char *) g_ptr_array_index (diagnosis->fixes, i));
      g_assert_null (strstr (g_ptr_array_index (diagnosis->fixes, i), "agent"));
    }
  assert_contains (g_ptr_array_index (diagnosis->fixes, diagnosis->fixes->len - 1),
                   "or set a proxy for the program that uses them.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PROXYPROBE_LOCALEDIR") ? g_getenv ("PROXYPROBE_LOCALEDIR")
                                                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PROXYPROBE_CLI"));
  testbed = pp_testbed_new ();
  profile_path = write_profile ("agent.json", "\"unknown\"");

  g_test_add_func ("/verdict/bundled-agents", test_bundled_agents);
  g_test_add_func ("/verdict/causes-grouped-ordered", test_causes_grouped_and_ordered);
  g_test_add_func ("/verdict/cause-words", test_cause_words);
  g_test_add_func ("/verdict/english-for-files", test_english_for_files);
  g_test_add_func ("/verdict/severity", test_severity);
  g_test_add_func ("/verdict/no-agent-fixes", test_no_agent_fixes);
  g_test_add_func ("/verdict/direct-path", test_direct_path);
  g_test_add_func ("/verdict/html-once-per-cause", test_html_once_per_cause);
  g_test_add_func ("/verdict/engine-findings", test_engine_findings);
  g_test_add_func ("/verdict/bad-agent", test_bad_agent);
  g_test_add_func ("/verdict/named-blocked", test_named_blocked);
  g_test_add_func ("/verdict/named-password", test_named_password);
  g_test_add_func ("/verdict/named-from-managed-file", test_named_from_managed_file);
  g_test_add_func ("/verdict/named-placeholder", test_named_placeholder);
  g_test_add_func ("/verdict/named-not-listening", test_named_not_listening);
  g_test_add_func ("/verdict/named-not-listening-fallback", test_named_not_listening_fallback);
  g_test_add_func ("/verdict/json", test_json_verdict);
  g_test_add_func ("/verdict/inspected-allow-list", test_inspected_allow_list);
  g_test_add_func ("/verdict/named-works", test_named_works);
  g_test_add_func ("/verdict/no-agent", test_no_agent);
  g_test_add_func ("/verdict/transparent-on-direct-path", test_transparent_on_direct_path);

  status = g_test_run ();
  g_free (profile_path);
  pp_testbed_free (testbed);

  return status;
}
