/* test-cli.c: proxyprobe-cli as a support script runs it
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pp-test-cli.h"
#include "testbed/pp-testbed.h"

#define CANARY "Canary-Pa55word-7f3e"

static PpTestbed *testbed;
static guint16 pac_port;   /* of the hostile PAC server */

static GPtrArray *
make_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  if (g_strcmp0 (args[0], "pac-test") == 0)
    g_ptr_array_add (argv, g_strdup (*args++));
  else
    {
      /* The test CA plays a public root; never the system's real set. */
      g_ptr_array_add (argv, g_strdup_printf ("--trust=%s", pp_testbed_get_ca_file (testbed)));
      g_ptr_array_add (argv, g_strdup_printf ("--public-roots=%s", pp_testbed_get_ca_file (testbed)));
      g_ptr_array_add (argv, g_strdup ("--sysroot=/nonexistent-sysroot"));
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  return argv;
}

static void
cli_env (CliRun             *run,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = make_argv (args);

  cli_spawn (run, env, argv);
}

#define cli(run, ...) cli_env (run, NULL, (const char *[]) { __VA_ARGS__, NULL })

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (pp_testbed_get_dir (testbed), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

static void
test_version_and_help (void)
{
  g_auto(CliRun) version = { 0 };
  g_auto(CliRun) help = { 0 };
  g_auto(CliRun) profiles = { 0 };

  cli (&version, "--version");
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "proxyprobe-cli "));

  cli (&help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  assert_contains (help.out, "Examples:");
  assert_contains (help.out, "--workspace-id");

  cli (&profiles, "--list-profiles");
  g_assert_cmpint (profiles.status, ==, 0);
  assert_contains (profiles.out, "mde-standard");
  assert_contains (profiles.out, "mde-streamlined");
  assert_contains (profiles.out, "mma-legacy");
}

/* Bad input: one clear message, exit 2, and nothing probed. */
static void
expect_bad_input (const char * const *args,
                  const char         *message)
{
  g_auto(CliRun) run = { 0 };

  cli_env (&run, NULL, args);
  if (run.status != 2)
    g_error ("%s: expected exit 2, got %d; stderr: %s", args[0], run.status, run.err);
  assert_contains (run.err, message);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_bad_input (void)
{
  g_autofree char *bad_json = write_file ("bad.json", "{\n  \"schema\": \"proxyprobe-profile/1\",\n  oops\n}\n");
  g_autofree char *bad_urls = write_file ("bad-urls.txt", "# mine\nhttps://ok.test/\n\nhtps://typo.test/\n");
  g_autofree char *empty_urls = write_file ("empty-urls.txt", "# nothing\n\n");

  expect_bad_input ((const char *[]) { "--profile=no-such-profile", NULL }, "mde-standard");
  expect_bad_input ((const char *[]) { "--profile", bad_json, NULL }, "bad.json: line 2");
  expect_bad_input ((const char *[]) { "--urls", bad_urls, NULL }, "line 4");
  expect_bad_input ((const char *[]) { "--urls", bad_urls, NULL }, "htps://typo.test/");
  expect_bad_input ((const char *[]) { "--urls", empty_urls, NULL }, "no URLs");
  expect_bad_input ((const char *[]) { "--url=ftp://files.test/", NULL }, "not an http or https URL");
  expect_bad_input ((const char *[]) { "--geography=MARS", NULL }, "US");
  expect_bad_input ((const char *[]) { "--profile=mma-legacy", NULL }, "--workspace-id");
  expect_bad_input ((const char *[]) { "--profile=mma-legacy", "--workspace-id=1234", NULL }, "1234");
  expect_bad_input ((const char *[]) { "-p", "proxy.corp", NULL }, "no port");
  expect_bad_input ((const char *[]) { "-p", "http://<proxy>:<port>", NULL }, "placeholder");
  expect_bad_input ((const char *[]) { "--methods=default,pac", NULL }, "'pac'");
  expect_bad_input ((const char *[]) { "--timeout=0", NULL }, "--timeout");
  expect_bad_input ((const char *[]) { "--concurrency=0", NULL }, "--concurrency");
  expect_bad_input ((const char *[]) { "--trust=/nonexistent/ca.pem", NULL }, "/nonexistent/ca.pem");
  /* A device that never ends is not read at all: only files are. */
  expect_bad_input ((const char *[]) { "--trust=/dev/zero", NULL }, "/dev/zero cannot be read: it is a device, pipe or socket, not a file");
  expect_bad_input ((const char *[]) { "--url=https://a.test/", "--profile=mde-standard", NULL }, "only one");
  expect_bad_input ((const char *[]) { "https://a.test/", NULL }, "unexpected argument");
}

static void
test_analyzer_format (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_auto(CliRun) run = { 0 };
  g_autofree char *expected = NULL;

  cli (&run, "--url", ok, "-p", squid);
  expected = g_strdup_printf ("Testing URL : %s\n"
                              "1 - Default proxy: Succeeded (200)\n"
                              "2 - Proxy auto discovery (WPAD): Doesn't exist\n"
                              "3 - Proxy disabled: Succeeded (200)\n"
                              "4 - Named proxy: Doesn't exist\n"
                              "5 - Command line proxy: Succeeded (200)\n"
                              "6 - Environment proxy: Doesn't exist\n", ok);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, expected));
  assert_contains (run.out, "Summary: 1 of 1 endpoints reachable");
}

static void
test_exit_status_unreachable (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *missing = pp_testbed_https_url (testbed, "/status/503");
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *list = g_strdup_printf ("# two endpoints\n%s\n%s\n", ok, missing);
  g_autofree char *file = write_file ("urls.txt", list);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) denied = { 0 };

  cli (&run, "--urls", file, "--methods=direct");
  /* URL lists expect any status: both answer, both count. */
  g_assert_cmpint (run.status, ==, 0);

  cli (&denied, "--url", ok, "--methods=cmdline", "-p", deny);
  g_assert_cmpint (denied.status, ==, 1);
  assert_contains (denied.out, "5 - Command line proxy: Failed (403)");
  assert_contains (denied.out, "Not reachable: ");
  assert_contains (denied.out, "blocked by proxy");
}

static JsonObject *
parse_report (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "proxyprobe-report/1");

  return root;
}

static void
test_json_report (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *bump = pp_testbed_squid_url (testbed, PP_SQUID_BUMP);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  JsonArray *probes;
  JsonObject *probe, *tls;

  cli (&run, "--json", "--url", ok, "--methods=direct,cmdline", "-p", bump);
  g_assert_cmpint (run.status, ==, 0);
  probes = json_object_get_array_member (parse_report (run.out, parser), "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 2);

  probe = json_array_get_object_element (probes, 0);
  g_assert_cmpstr (json_object_get_string_member (probe, "method"), ==, "direct");
  g_assert_cmpstr (json_object_get_string_member (probe, "outcome"), ==, "ok");
  g_assert_true (json_object_get_boolean_member (probe, "reachable"));
  g_assert_cmpint (json_object_get_int_member (probe, "http_status"), ==, 200);
  g_assert_true (json_object_get_null_member (probe, "connect_status"));
  g_assert_true (json_object_has_member (json_object_get_object_member (probe, "timings_ms"), "first_byte"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (probe, "tls"), "inspected"));

  probe = json_array_get_object_element (probes, 1);
  g_assert_cmpstr (json_object_get_string_member (probe, "outcome"), ==, "tls_inspected");
  g_assert_false (json_object_get_boolean_member (probe, "reachable"));
  tls = json_object_get_object_member (probe, "tls");
  g_assert_true (json_object_get_boolean_member (tls, "inspected"));
  assert_contains (json_object_get_string_member (tls, "issuer"), "Contoso TLS Inspection CA");
  g_assert_cmpint (json_object_get_int_member (probe, "curl_code"), ==, 60);
}

static void
assert_no_canary (const CliRun *run)
{
  if (strstr (run->out, CANARY) || strstr (run->err, CANARY))
    g_error ("the password leaked:\n%s\n%s", run->out, run->err);
}

static void
test_credentials_never_printed (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *proxy = g_strdup_printf ("http://user:" CANARY "@127.0.0.1:%u",
                                            pp_testbed_get_closed_port (testbed));
  const char *env[] = { "https_proxy", proxy, "HTTP_PROXY", proxy, NULL };
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) config = { 0 };
  g_auto(CliRun) bad = { 0 };

  cli_env (&text, env, (const char *[]) { "--url", ok, "-p", proxy, "--named-proxy", proxy, NULL });
  cli_env (&json, env, (const char *[]) { "--json", "--url", ok, "-p", proxy, NULL });
  cli_env (&config, env, (const char *[]) { "--show-config", "-p", proxy, NULL });
  cli_env (&bad, env, (const char *[]) { "-p", "http://user:" CANARY "@", NULL });

  assert_contains (text.out, "user:***@");
  assert_contains (config.out, "user:***@");
  assert_no_canary (&text);
  assert_no_canary (&json);
  assert_no_canary (&config);
  g_assert_cmpint (bad.status, ==, 2);
  assert_no_canary (&bad);
}

static void
test_show_config (void)
{
  g_autofree char *root = g_build_filename (pp_testbed_get_dir (testbed), "sysroot", NULL);
  g_autofree char *dir = g_build_filename (root, "etc/opt/microsoft/mdatp/managed", NULL);
  g_autofree char *file = g_build_filename (dir, "mdatp_managed.json", NULL);
  g_autofree char *sysroot = g_strdup_printf ("--sysroot=%s", root);
  const char *env[] = { "HTTP_PROXY", "http://10.9.9.9:8080", NULL };
  g_auto(CliRun) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "{\"cloudService\": {\"proxy\": \"http://proxy:port\"}}", -1, NULL));

  cli_env (&run, env, (const char *[]) { "--show-config", sysroot, NULL });
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "GProxyResolverGnome");
  assert_contains (run.out, "answer for https://go.microsoft.com/: direct://");
  assert_contains (run.out, "Proxy auto discovery (WPAD):");
  assert_contains (run.out, "HTTP_PROXY=http://10.9.9.9:8080");
  assert_contains (run.out, "libcurl ignores the upper-case name");
  assert_contains (run.out, "The proxy isn't in valid format");
  assert_contains (run.out, "placeholder");
}

/* Whether ERR has a debug line of DOMAIN that contains every one of the
 * fragments: the decision and the layer it is traced under. */
static gboolean
logged (const char *err,
        const char *domain,
        const char *fragment,
        const char *more)
{
  g_autofree char *tag = g_strdup_printf (": %s-DEBUG: ", domain);
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], tag) && strstr (lines[i], fragment) &&
        (more == NULL || strstr (lines[i], more)))
      return TRUE;

  return FALSE;
}

static void
assert_logged (const char *err,
               const char *domain,
               const char *fragment,
               const char *more)
{
  if (!logged (err, domain, fragment, more))
    g_error ("no %s debug line with '%s'%s%s in:\n%s", domain, fragment,
             more ? " and " : "", more ? more : "", err);
}

/* G_MESSAGES_DEBUG explains what detection decided, on stderr: standard
 * output stays the --json document a script parses, and a password typed
 * on the command line is in neither. */
static void
test_debug_log (void)
{
  g_autofree char *proxy = g_strdup_printf ("http://u:%s@127.0.0.1:3128", CANARY);
  const char *env[] = { "G_MESSAGES_DEBUG", "proxyprobe-config", NULL };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  cli_env (&run, env, (const char *[]) { "--show-config", "--json", "-p", proxy, NULL });
  g_assert_cmpint (run.status, ==, 0);
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  assert_logged (run.err, "proxyprobe-config", "command line proxy http://u:***@127.0.0.1:3128", NULL);
  /* A source read, found or not, and where it was looked for. */
  assert_logged (run.err, "proxyprobe-config", "reading the configuration sources under",
                 "/nonexistent-sysroot");
  assert_logged (run.err, "proxyprobe-config", "environment: ", " found");
  g_assert_null (strstr (run.err, "proxyprobe-engine-DEBUG"));
  g_assert_null (strstr (run.out, CANARY));
  g_assert_null (strstr (run.err, CANARY));
}

/* A run's decisions, each under its layer's domain: the PAC script's
 * answer (config), the candidates tried in order and the evidence behind
 * each outcome (engine), the options' defaults (cli). The first proxy the
 * script names is down, so the probe goes on to the next one. */
static void
debug_run (const char  *domains,
           CliRun      *run)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *script = g_strdup_printf ("function FindProxyForURL(url, host) {\n"
                                             "  return 'PROXY 127.0.0.1:1; PROXY %s';\n}\n",
                                             squid + strlen ("http://"));
  g_autofree char *pac = write_file ("debug.pac", script);
  g_autofree char *proxy = g_strdup_printf ("http://u:%s@%s", CANARY, squid + strlen ("http://"));
  const char *env[] = { "G_MESSAGES_DEBUG", domains, NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  cli_env (run, env, (const char *[]) { "--url", ok, "--methods=wpad,cmdline", "--pac-file", pac,
                                        "-p", proxy, "--json", NULL });
  g_assert_cmpint (run->status, ==, 0);
  root = json_from_string (run->out, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (run->out, "DEBUG"));
  g_assert_null (strstr (run->out, CANARY));
  g_assert_null (strstr (run->err, CANARY));
}

static void
test_debug_log_run (void)
{
  g_auto(CliRun) all = { 0 };
  g_auto(CliRun) engine = { 0 };

  debug_run ("all", &all);
  assert_logged (all.err, "proxyprobe-cli", "methods wpad,cmdline", "concurrency 128 (the default)");
  assert_logged (all.err, "proxyprobe-config", "reading the configuration sources under", NULL);
  assert_logged (all.err, "proxyprobe-config", "FindProxyForURL (", "returned \"PROXY 127.0.0.1:1; PROXY");
  assert_logged (all.err, "proxyprobe-engine", "Proxy auto discovery (WPAD): candidate 1 of 2: http://127.0.0.1:1", NULL);
  assert_logged (all.err, "proxyprobe-engine", "http://127.0.0.1:1 could not be reached, so the next candidate", NULL);
  assert_logged (all.err, "proxyprobe-engine", "Proxy auto discovery (WPAD): candidate 2 of 2", NULL);
  assert_logged (all.err, "proxyprobe-engine", "Command line proxy: candidate 1 of 1: http://u:***@", NULL);
  assert_logged (all.err, "proxyprobe-engine", ": proxy_unreachable, decided by ", "127.0.0.1:1");
  assert_logged (all.err, "proxyprobe-engine", ": ok, decided by ", "the server answered 200");
  assert_logged (all.err, "proxyprobe-engine", "worker threads", NULL);

  /* One layer's domain shows that layer only. */
  debug_run ("proxyprobe-engine", &engine);
  assert_logged (engine.err, "proxyprobe-engine", ": ok, decided by ", NULL);
  g_assert_null (strstr (engine.err, "proxyprobe-config-DEBUG"));
  g_assert_null (strstr (engine.err, "proxyprobe-cli-DEBUG"));
}

static void
test_named_proxy_from_agent_file (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *root = g_build_filename (pp_testbed_get_dir (testbed), "sysroot-named", NULL);
  g_autofree char *dir = g_build_filename (root, "etc/opt/microsoft/mdatp/managed", NULL);
  g_autofree char *file = g_build_filename (dir, "mdatp_managed.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"cloudService\": {\"proxy\": \"%s\"}}", squid);
  g_autofree char *sysroot = g_strdup_printf ("--sysroot=%s", root);
  g_auto(CliRun) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, json, -1, NULL));

  cli (&run, "--url", ok, "--methods=named", sysroot);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "4 - Named proxy: Succeeded (200)");
}

static void
test_manual_pac (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *squid = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *script = g_strdup_printf ("function FindProxyForURL(url, host) {\n"
                                             "  alert('seen ' + url);\n"
                                             "  return 'PROXY %s; DIRECT';\n}\n",
                                             squid + strlen ("http://"));
  g_autofree char *pac = write_file ("corp.pac", script);
  g_autofree char *throws = write_file ("throws.pac", "function FindProxyForURL(u, h) { throw new Error('boom'); }\n");
  g_autofree char *broken = write_file ("broken.pac", "function FindProxyForURL(u, h) { return ; ;; }}\n");
  g_autofree char *tested_url = g_strdup_printf ("%s?token=secret", ok);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) failed = { 0 };
  g_auto(CliRun) test = { 0 };

  cli (&run, "--url", ok, "--methods=wpad", "--pac-file", pac);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "2 - Proxy auto discovery (WPAD): Succeeded (200)");

  /* A failing script is a clear outcome, never a silent DIRECT. */
  cli (&failed, "--url", ok, "--methods=wpad", "--pac-file", throws);
  g_assert_cmpint (failed.status, ==, 1);
  assert_contains (failed.out, "2 - Proxy auto discovery (WPAD): Failed (PAC script failed)");
  assert_contains (failed.out, "boom");

  expect_bad_input ((const char *[]) { "--pac-file", broken, NULL }, "broken.pac");
  expect_bad_input ((const char *[]) { "--pac-url=ftp://files.test/x.pac", NULL }, "--pac-url");

  /* A PAC URL that cannot be had fails every wpad probe with the reason. */
  {
    g_autofree char *missing = pp_testbed_http_url (testbed, "/status/404");
    g_auto(CliRun) unfetched = { 0 };

    cli (&unfetched, "--url", ok, "--methods=wpad", "--pac-url", missing);
    g_assert_cmpint (unfetched.status, ==, 1);
    assert_contains (unfetched.out, "2 - Proxy auto discovery (WPAD): Failed (PAC script failed)");
    assert_contains (unfetched.out, "404");
  }
  expect_bad_input ((const char *[]) { "--pac-file", "/nonexistent/x.pac", NULL }, "--pac-file");

  /* pac-test shows the answer, the candidates in order and the alerts;
   * the script sees an https URL without its path and query. */
  cli_env (&test, NULL, (const char *[]) { "pac-test", "--pac-file", pac, tested_url, NULL });
  g_assert_cmpint (test.status, ==, 0);
  assert_contains (test.out, "1. http://127.0.0.1:");
  assert_contains (test.out, "2. DIRECT");
  assert_contains (test.out, "alert: seen https://localhost:");
  g_assert_null (strstr (strstr (test.out, "alert: seen"), "secret"));
}

/* Hostile PAC files, served over HTTP by a SoupServer of the test's own,
 * because the testbed's origins serve fixed paths only. Each case names
 * the outcome the wpad probe must have, a phrase of its detail (or of the
 * configuration's PAC log, for warnings) and the seconds the whole CLI run
 * may take: the helper's own deadline or the parent's kill, plus slack for
 * a loaded machine. */
typedef struct
{
  const char *path;
  const char *type;
  const char *body;      /* NULL: a generated body */
  const char *outcome;
  const char *phrase;
  double max_s;
} HostilePac;

#define PAC_TYPE "application/x-ns-proxy-autoconfig"

static const HostilePac hostile_pacs[] = {
  { "/loop.pac", PAC_TYPE, "function FindProxyForURL(u, h) { for (;;) {} }\n",
    "pac_failed", "longer than 2 s", 6 },
  { "/bomb.pac", PAC_TYPE, "function FindProxyForURL(u, h) {\n"
    "  var s = 'xxxxxxxx', keep = [];\n  for (;;) { s = s + s; keep.push (s); }\n}\n",
    "pac_failed", "more than 128 MiB of memory", 5 },
  { "/5mb.pac", PAC_TYPE, NULL, "pac_failed", "larger than 1 MiB", 3 },
  { "/syntax.pac", PAC_TYPE, "function FindProxyForURL(u, h) { return 'DIRECT' ;; }}\n",
    "pac_failed", "does not load: line 2: SyntaxError", 3 },
  { "/throws.pac", PAC_TYPE, "function FindProxyForURL(u, h) { throw new Error('hostile'); }\n",
    "pac_failed", "Error: hostile", 3 },
  { "/number.pac", PAC_TYPE, "function FindProxyForURL(u, h) { return 42; }\n",
    "pac_failed", "returned a number instead of a string", 3 },
  { "/garbage.pac", PAC_TYPE, "function FindProxyForURL(u, h) { return 'BOGUS x; PROXY ; HTTPS h:abc'; }\n",
    "pac_failed", "names no proxy and not DIRECT", 3 },
  { "/regex.pac", PAC_TYPE, "function FindProxyForURL(u, h) {\n"
    "  /^(a+)+$/.test ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab');\n"
    "  return 'DIRECT';\n}\n",
    "pac_failed", "was stopped", 6 },
  /* The part clients understand is used; the rest is named in the probe. */
  { "/partly.pac", PAC_TYPE, "function FindProxyForURL(u, h) { return 'BOGUS x; DIRECT'; }\n",
    "ok", "answered \"BOGUS x; DIRECT\"", 3 },
  /* The answer is DIRECT: the lookups are bounded, not fatal. */
  { "/dns.pac", PAC_TYPE, "function FindProxyForURL(u, h) {\n"
    "  for (var i = 0; i < 10000; i++) dnsResolve ('host' + i + '.invalid');\n"
    "  return 'DIRECT';\n}\n",
    "ok", NULL, 4.5 },
  /* Accepted with a warning, the way clients accept it. */
  { "/wrong-type.pac", "image/png", "function FindProxyForURL(u, h) { return 'DIRECT'; }\n",
    "ok", "served as 'image/png'", 3 },
  { "/to-file.pac", NULL, NULL, "pac_failed", "redirects to something other than http or https", 3 },
};

static void
hostile_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_pacs); i++)
    {
      const HostilePac *pac = &hostile_pacs[i];
      gsize length = 5 * 1024 * 1024;
      char *big;

      if (!g_str_equal (path, pac->path))
        continue;
      if (pac->type == NULL)
        {
          soup_server_message_set_redirect (msg, 302, "file:///etc/passwd");
          return;
        }
      soup_server_message_set_status (msg, 200, NULL);
      if (pac->body != NULL)
        {
          soup_server_message_set_response (msg, pac->type, SOUP_MEMORY_STATIC,
                                            pac->body, strlen (pac->body));
          return;
        }
      /* A real script padded with a comment to 5 MB. */
      big = g_strnfill (length, 'x');
      memcpy (big, "function FindProxyForURL(u, h) { return 'DIRECT'; }\n//", 54);
      soup_server_message_set_response (msg, pac->type, SOUP_MEMORY_TAKE, big, length);
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
}

/* The test is the children's subreaper (see main), so a helper the CLI
 * left behind, running or a zombie, becomes a child of this process.
 * With @reap, helpers that have exited are reaped and not counted. */
static guint
count_orphaned_helpers (gboolean reap)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *close_paren;
      int ppid = 0;
      char state = 0;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid ...": comm is cut to 15 bytes. */
      close_paren = strrchr (stat, ')');
      if (close_paren == NULL || sscanf (close_paren + 2, "%c %d", &state, &ppid) != 2)
        continue;
      if (ppid != getpid () || strstr (stat, "(proxyprobe-pac") == NULL)
        continue;
      if (reap && state == 'Z' && waitpid (atoi (name), NULL, 0) > 0)
        continue;
      n++;
    }

  return n;
}

static JsonObject *
find_probe (JsonObject *report,
            const char *method)
{
  JsonArray *probes = json_object_get_array_member (report, "probes");

  for (guint i = 0; i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);

      if (g_str_equal (json_object_get_string_member (probe, "method"), method))
        return probe;
    }
  g_error ("no %s probe in the report", method);
}

static void
check_hostile_pac (const HostilePac *pac)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d%s", pac_port, pac->path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  JsonObject *report, *wpad, *configuration;
  const char *detail, *note, *log;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  cli (&run, "--json", "--url", ok, "--methods=wpad,direct", "--pac-url", url);
  elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("%s: exit %d in %.2f s", pac->path, run.status, elapsed);
  if (elapsed > pac->max_s)
    g_error ("%s: the run took %.2f s, over its bound of %.1f s", pac->path, elapsed, pac->max_s);
  /* The direct probe reaches the endpoint whatever the PAC did. */
  g_assert_cmpint (run.status, ==, 0);

  report = parse_report (run.out, parser);
  g_assert_cmpstr (json_object_get_string_member (find_probe (report, "direct"), "outcome"), ==, "ok");
  wpad = find_probe (report, "wpad");
  g_assert_cmpstr (json_object_get_string_member (wpad, "outcome"), ==, pac->outcome);
  detail = json_object_get_string_member_with_default (wpad, "detail", "");
  note = json_object_get_string_member_with_default (wpad, "method_note", "");
  configuration = json_object_get_object_member (report, "configuration");
  log = json_object_get_string_member_with_default (json_object_get_object_member (configuration, "wpad"),
                                                    "log", "");
  if (pac->phrase && !strstr (detail, pac->phrase) && !strstr (note, pac->phrase) &&
      !strstr (log, pac->phrase))
    g_error ("%s: expected \"%s\" in the detail \"%s\", the note \"%s\" or the log \"%s\"",
             pac->path, pac->phrase, detail, note, log);
  g_assert_cmpuint (count_orphaned_helpers (FALSE), ==, 0);
}

static void
test_hostile_pac_urls (void)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (hostile_pacs); i++)
    check_hostile_pac (&hostile_pacs[i]);
  g_test_message ("all hostile PAC runs: %.1f s",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

/* A PROXYPROBE_PAC_HELPER that notes each start in @log, then becomes the
 * real helper: how many helpers one CLI run starts. */
static char *
write_counting_helper (const char *log)
{
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\necho start >> '%s'\nexec '%s' \"$@\"\n",
                                           log, g_getenv ("PROXYPROBE_PAC_HELPER"));
  char *path = write_file ("counting-helper", text);

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);

  return path;
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  for (const char *c = contents; *c; c++)
    n += *c == '\n';

  return n;
}

/* A PAC from the network is loaded once per run: discovery's check is the
 * load the probes use. The 10,000 look-ups of dns.pac reach the report as
 * at most 32 lines and a count of the rest, in the JSON and the text. */
static void
test_pac_url_lookups (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/dns.pac", pac_port);
  g_autofree char *log = g_build_filename (pp_testbed_get_dir (testbed), "helper-starts", NULL);
  g_autofree char *helper = write_counting_helper (log);
  const char *env[] = { "PROXYPROBE_PAC_HELPER", helper, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *first = g_strdup_printf ("DNS look-ups of the PAC script (wpad):\n  %s\n"
                                            "    host0.invalid → no address (", ok);
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) text = { 0 };
  JsonArray *lookups;
  const char *last;
  guint n, refused = 0;

  cli_env (&json, env, (const char *[]) { "--json", "--url", ok, "--methods=wpad",
                                          "--pac-url", url, NULL });
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpuint (count_lines (log), ==, 1);

  lookups = json_object_get_array_member (find_probe (parse_report (json.out, parser), "wpad"),
                                          "pac_lookups");
  g_assert_nonnull (lookups);
  n = json_array_get_length (lookups);
  last = json_array_get_string_element (lookups, n - 1);
  g_test_message ("%u look-up lines, the last: %s", n, last);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 33);
  g_assert_cmpint (sscanf (last, "%u further lookups refused", &refused), ==, 1);
  g_assert_cmpuint (refused + n - 1, ==, 10000);

  cli_env (&text, env, (const char *[]) { "--url", ok, "--methods=wpad", "--pac-url", url, NULL });
  g_assert_cmpint (text.status, ==, 0);
  assert_contains (text.out, first);
  assert_contains (text.out, last);
  g_assert_cmpuint (count_lines (log), ==, 2);
}

/* A CLI killed while its helper loops: the helper does not outlive its
 * own deadline (2 s) by much, even with nobody left to kill it. */
static void
test_hostile_pac_cli_killed (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/loop.pac", pac_port);
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (NULL);
  g_autoptr(GPtrArray) argv = make_argv ((const char *[]) { "--url", ok, "--methods=wpad",
                                                            "--pac-url", url, NULL });
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, deadline;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_usleep (700 * 1000);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  /* The helper was in its loop: the count sees it, so it can see a leak. */
  g_assert_cmpuint (count_orphaned_helpers (FALSE), ==, 1);

  start = g_get_monotonic_time ();
  deadline = start + 4 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      if (count_orphaned_helpers (TRUE) == 0)
        {
          g_test_message ("the orphaned helper ended %.2f s after the CLI was killed",
                          (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
          return;
        }
      g_usleep (100 * 1000);
    }
  g_error ("a proxyprobe-pac-helper outlived its killed CLI by more than 4 s");
}

static void
test_ctrl_c_stops (void)
{
  g_autofree char *hang = pp_testbed_https_url (testbed, "/hang");
  g_autoptr(GPtrArray) argv = make_argv ((const char *[]) { "--url", hang, "--methods=direct", NULL });
  g_auto(CliRun) run = { 0 };
  gint64 elapsed = cli_interrupt (&run, NULL, argv, 500);

  g_assert_cmpint (run.status, ==, 130);
  assert_contains (run.out, "3 - Proxy disabled: Failed (cancelled)");
  /* Far under the 20 s the probe would otherwise wait. */
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PROXYPROBE_CLI"));
  testbed = pp_testbed_new ();
  /* Orphans of the CLI come to this process, so none escapes the count. */
  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), ==, 0);
  pac_port = pp_testbed_serve_in_thread (hostile_handler_cb, NULL);

  g_test_add_func ("/cli/version-help", test_version_and_help);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/analyzer-format", test_analyzer_format);
  g_test_add_func ("/cli/exit-status", test_exit_status_unreachable);
  g_test_add_func ("/cli/json", test_json_report);
  g_test_add_func ("/cli/credentials", test_credentials_never_printed);
  g_test_add_func ("/cli/show-config", test_show_config);
  g_test_add_func ("/cli/debug-log", test_debug_log);
  g_test_add_func ("/cli/debug-log-run", test_debug_log_run);
  g_test_add_func ("/cli/named-proxy-file", test_named_proxy_from_agent_file);
  g_test_add_func ("/cli/manual-pac", test_manual_pac);
  g_test_add_func ("/cli/hostile-pac-urls", test_hostile_pac_urls);
  g_test_add_func ("/cli/hostile-pac-cli-killed", test_hostile_pac_cli_killed);
  g_test_add_func ("/cli/pac-url-lookups", test_pac_url_lookups);
  g_test_add_func ("/cli/ctrl-c", test_ctrl_c_stops);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
