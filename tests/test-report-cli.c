/* test-report-cli.c: proxyprobe-cli --output FILE.zip and show FILE.zip
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full disk and a read-only folder are real: tmpfs mounts in a mount
 * namespace of this test's own (taken before any thread exists), which
 * the CLI processes inherit. Without the privilege to mount, those two
 * subtests are skipped.
 */
#define _GNU_SOURCE  /* unshare */

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <zip.h>

#include "pp-run-results-json.h"
#include "pp-test-cli.h"
#include "pp-test-files.h"
#include "pp-test-report.h"
#include "testbed/pp-testbed.h"

/* Smaller than any report: its writing must fail with ENOSPC. */
#define FULL_DISK_BYTES 4096

static PpTestbed *testbed;
static char *mount_dir;
static char *full_dir;
static char *readonly_dir;

/* @env: NAME, value pairs. */
static void
cli_env (CliRun             *run,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  if (g_strcmp0 (args[0], "show") != 0)
    {
      /* The test CA plays a public root; never the system's real set. */
      g_ptr_array_add (argv, g_strdup_printf ("--trust=%s", pp_testbed_get_ca_file (testbed)));
      g_ptr_array_add (argv, g_strdup_printf ("--public-roots=%s", pp_testbed_get_ca_file (testbed)));
      g_ptr_array_add (argv, g_strdup ("--connect-timeout=2"));
      g_ptr_array_add (argv, g_strdup ("--timeout=5"));
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  cli_spawn (run, env, argv);
}

#define cli(run, ...) cli_env (run, NULL, (const char *[]) { __VA_ARGS__, NULL })

static char *
temp_path (const char *name)
{
  return g_build_filename (pp_testbed_get_dir (testbed), name, NULL);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing))
    n++;

  return n;
}

static void
test_output_and_show (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *dir = temp_path ("output");
  g_autofree char *zip = g_build_filename (dir, "ticket.zip", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) forced = { 0 };
  g_auto(CliRun) misuse = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  cli (&run, "--url", ok, "--methods=direct,cmdline", "--output", zip);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "3 - Proxy disabled: Succeeded (200)");
  assert_contains (run.err, "Report written to");

  cli (&show, "show", zip);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "Proxy Probe report\n"));
  assert_contains (show.out, "Testing URL : ");
  assert_contains (show.out, "3 - Proxy disabled: Succeeded (200)\n5 - Command line proxy: Doesn't exist\n");
  assert_contains (show.out, "Summary: 1 of 1 endpoints reachable");

  /* An existing name: told before probing, the file untouched. */
  g_assert_true (g_file_get_contents (zip, &before, NULL, NULL));
  cli (&again, "--url", ok, "--methods=direct", "--output", zip);
  g_assert_cmpint (again.status, ==, 2);
  assert_contains (again.err, "already exists");
  assert_contains (again.err, "--force");
  g_assert_cmpstr (again.out, ==, "");
  g_assert_true (g_file_get_contents (zip, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  cli (&forced, "--url", ok, "--methods=direct", "--output", zip, "--force");
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_cmpuint (count_files (dir), ==, 1);

  cli (&misuse, "--url", ok, "--anonymize");
  g_assert_cmpint (misuse.status, ==, 2);
  assert_contains (misuse.err, "--output");
}

static const char *
entry_with_prefix (GHashTable *files,
                   const char *prefix)
{
  GHashTableIter iter;
  const char *name;
  GBytes *bytes;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &bytes))
    if (g_str_has_prefix (name, prefix))
      return g_bytes_get_data (bytes, NULL);

  g_error ("no entry %s* in the zip", prefix);
}

/* The auth squid's real password is the canary: in the command line,
 * the environment and the agent's managed file, used for real (the
 * traces hold the redacted Proxy-Authorization), found in no byte of the
 * zip, neither in clear nor as the Basic header's base64. */
static void
test_no_secrets (void)
{
  const char *user = pp_testbed_get_squid_user (testbed);
  const char *canary = pp_testbed_get_squid_password (testbed);
  guint16 port = pp_testbed_start_squid (testbed, PP_SQUID_AUTH);
  g_autofree char *proxy = g_strdup_printf ("http://%s:%s@127.0.0.1:%u", user, canary, port);
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, canary);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *sysroot = temp_path ("cli-secret-sysroot");
  g_autofree char *sysroot_arg = g_strdup_printf ("--sysroot=%s", sysroot);
  g_autofree char *http_ok = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *https_ok = pp_testbed_https_url (testbed, "/status/200");
  const char *env[] = { "https_proxy", proxy, "http_proxy", proxy, NULL };
  const char *variants[] = { "plain.zip", "anonymized.zip", NULL };

  write_mdatp_file (sysroot, proxy);
  for (guint v = 0; variants[v]; v++)
    {
      g_autofree char *zip = temp_path (variants[v]);
      g_auto(CliRun) run = { 0 };
      g_autoptr(GHashTable) files = NULL;

      cli_env (&run, env, (const char *[]) { "--url", http_ok, "--url", https_ok, "-p", proxy,
                                             sysroot_arg, "--output", zip,
                                             v == 1 ? "--anonymize" : "--force", NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_null (strstr (run.out, canary));
      g_assert_null (strstr (run.err, canary));
      assert_contains (run.out, "4 - Named proxy: Succeeded (200)");
      assert_contains (run.out, "5 - Command line proxy: Succeeded (200)");
      assert_contains (run.out, "6 - Environment proxy: Succeeded (200)");

      files = unpack (zip);
      entry_with_prefix (files, "traces/0012-env-");
      assert_contains (entry_with_prefix (files, "traces/0005-cmdline-"), "Proxy-Authorization: ***");
      assert_contains (entry_with_prefix (files, "traces/0004-named-"), "Proxy-Authorization: ***");
      assert_contains (entry_with_prefix (files, "traces/0006-env-"), "Proxy-Authorization: ***");
      assert_nowhere (files, canary);
      assert_nowhere (files, basic);
    }
}

/* An internal address is replaced everywhere, file names included. */
static void
test_anonymize (void)
{
  g_autofree char *zip = temp_path ("internal.zip");
  g_auto(CliRun) run = { 0 };
  g_autoptr(GHashTable) files = NULL;

  cli (&run, "--url", "http://10.255.255.1:8080/status", "--methods=direct", "--output", zip,
       "--anonymize");
  g_assert_cmpint (run.status, ==, 1);
  /* The terminal shows the truth; only the zip is anonymized. */
  assert_contains (run.out, "Testing URL : http://10.255.255.1:8080/status");

  files = unpack (zip);
  g_assert_true (g_hash_table_contains (files, "traces/0001-direct-addr-1.txt"));
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                   "Testing URL : http://addr-1:8080/status");
  assert_nowhere (files, "10.255.255.1");
  /* The host's facts are removed, not replaced, and the report says so. */
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                   "Host: (removed: --anonymize)\n");
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "report.json"), NULL),
                   "\"anonymized\" : true");
  if (strlen (g_get_host_name ()) >= 2 && !g_str_equal (g_get_host_name (), "localhost"))
    assert_nowhere (files, g_get_host_name ());
}

/* Every report names its host and its run: --json, the text header and
 * the page, the same run id in each (issue 18). */
static void
test_host_identity (void)
{
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *zip = temp_path ("identity.zip");
  g_autofree char *host_name = g_strdup_printf ("\"host_name\" : \"%s\"", g_get_host_name ());
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) run = { 0 };
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_line = NULL;
  GBytes *report_json;

  cli (&json, "--url", ok, "--methods=direct", "--json");
  g_assert_cmpint (json.status, ==, 0);
  assert_contains (json.out, "\"run_id\" : \"");
  assert_contains (json.out, "\"started\" : \"");
  assert_contains (json.out, host_name);
  assert_contains (json.out, "\"default_route_interface\" : ");

  cli (&run, "--url", ok, "--methods=direct", "--output", zip, "--force");
  g_assert_cmpint (run.status, ==, 0);
  files = unpack (zip);
  report_json = g_hash_table_lookup (files, "report.json");
  back = pp_run_results_new_from_report_json (g_bytes_get_data (report_json, NULL),
                                              g_bytes_get_size (report_json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pp_run_results_get_host (back)->host_name, ==, g_get_host_name ());
  run_line = g_strdup_printf ("Run ID: %s\n", pp_run_results_get_run_id (back));
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                   run_line);
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "report.html"), NULL), run_line);
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                   "Machine ID: ");
}

/* The stand-in agent's connectivity test leaves this file when it starts. */
static char *agent_asked_file;

/* Answers 200 only if the agent's connectivity test started while this
 * probe was in flight (waiting for it up to 4 s, under the run's 5 s
 * time-out); 503 if the agent was asked only after the run, or never. */
static void
agent_asked_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  for (guint waited = 0; waited < 80 && !g_file_test (agent_asked_file, G_FILE_TEST_EXISTS); waited++)
    g_usleep (50 * 1000);
  soup_server_message_set_status (msg, g_file_test (agent_asked_file, G_FILE_TEST_EXISTS) ? 200 : 503,
                                  NULL);
}

/* The agent's connectivity test may take half a minute: --output asks it
 * beside the probes, not after them, and the report still holds it. */
static void
test_agent_beside_run (void)
{
  g_autofree char *url = NULL;
  g_autofree char *zip = temp_path ("agent.zip");
  g_autofree char *path = NULL;
  g_autofree char *standin = temp_path ("agent-standin");
  g_autofree char *connectivity = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_auto(CliRun) run = { 0 };
  const char *system;

  agent_asked_file = temp_path ("agent-asked");
  connectivity = g_strdup_printf ("touch '%s'; echo 'Testing connection with "
                                  "https://x.cp.wd.microsoft.com/ping ... [OK]'", agent_asked_file);
  path = install_agent_standin (standin, "echo '{\"healthy\":true,\"app_version\":\"101.1\"}'",
                                connectivity);
  url = g_strdup_printf ("http://127.0.0.1:%u/agent", pp_testbed_serve_in_thread (agent_asked_cb, NULL));
  cli_env (&run, (const char *[]) { "PATH", path, NULL },
           (const char *[]) { "--url", url, "--methods=direct", "--output", zip, NULL });

  g_assert_cmpint (run.status, ==, 0);
  files = unpack (zip);
  /* Any HTTP answer reaches the server: the status tells when the agent was asked. */
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                   "Proxy disabled: Succeeded (200)");
  system = g_bytes_get_data (g_hash_table_lookup (files, "system.txt"), NULL);
  assert_contains (system, "Defender for Endpoint: version 101.1, healthy true");
  assert_contains (system, "Testing connection with https://x.cp.wd.microsoft.com/ping ... [OK]");
  g_clear_pointer (&agent_asked_file, g_free);
}

/* Ctrl+C stops the agent's commands too: a report asked with --json is
 * not held by a connectivity test that hangs (its bound is 30 s). */
static void
test_ctrl_c_stops_agent (void)
{
  g_autofree char *hang = pp_testbed_https_url (testbed, "/hang");
  g_autofree char *standin = temp_path ("hanging-agent");
  g_autofree char *path = install_agent_standin (standin, "sleep 60", "sleep 60 & sleep 60");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(CliRun) run = { 0 };
  gint64 elapsed;

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  g_ptr_array_add (argv, g_strdup_printf ("--trust=%s", pp_testbed_get_ca_file (testbed)));
  g_ptr_array_add (argv, g_strdup_printf ("--public-roots=%s", pp_testbed_get_ca_file (testbed)));
  for (const char * const *arg = (const char *[]) { "--url", hang, "--methods=direct", "--json", NULL };
       *arg; arg++)
    g_ptr_array_add (argv, g_strdup (*arg));
  g_ptr_array_add (argv, NULL);
  elapsed = cli_interrupt (&run, (const char *[]) { "PATH", path, NULL }, argv, 500);

  g_assert_cmpint (run.status, ==, 130);
  assert_contains (run.out, "\"health_problem\" : \"mdatp health --output json: ");
  assert_contains (run.out, "was stopped before it answered");
  /* Far under the agent's 30 s bound. */
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

static void
skip_without_mounts (void)
{
  if (full_dir == NULL)
    g_test_skip ("no mount namespace: cannot make a full or read-only file system");
}

/* Enough URLs that the zip is far larger than the full disk's room. */
static void
run_to (CliRun     *run,
        const char *zip)
{
  g_autofree char *a = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *b = pp_testbed_http_url (testbed, "/status/404");
  g_autofree char *c = pp_testbed_https_url (testbed, "/redirect/3");
  g_autofree char *d = pp_testbed_http_url (testbed, "/redirect/2");

  cli (run, "--url", a, "--url", b, "--url", c, "--url", d, "--methods=direct,cmdline,env",
       "--output", zip);
}

static void
test_full_disk (void)
{
  g_autofree char *zip = NULL;
  g_autofree char *roomy = temp_path ("roomy.zip");
  g_auto(CliRun) fits = { 0 };
  g_auto(CliRun) run = { 0 };
  GStatBuf st;

  skip_without_mounts ();
  if (full_dir == NULL)
    return;

  /* The same report fits elsewhere and is larger than the disk. */
  run_to (&fits, roomy);
  g_assert_cmpint (fits.status, ==, 0);
  g_assert_cmpint (g_stat (roomy, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 2 * FULL_DISK_BYTES);

  zip = g_build_filename (full_dir, "ticket.zip", NULL);
  run_to (&run, zip);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "No space left on device");
  assert_contains (run.err, "ticket.zip");
  g_assert_cmpuint (count_files (full_dir), ==, 0);
}

static void
test_unwritable_folder (void)
{
  g_autofree char *zip = NULL;
  g_autofree char *missing = temp_path ("no-such-folder/ticket.zip");
  g_autofree char *ok = pp_testbed_https_url (testbed, "/status/200");
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) nowhere = { 0 };

  cli (&nowhere, "--url", ok, "--output", missing);
  g_assert_cmpint (nowhere.status, ==, 2);
  assert_contains (nowhere.err, "no-such-folder");
  g_assert_cmpstr (nowhere.out, ==, "");

  skip_without_mounts ();
  if (readonly_dir == NULL)
    return;
  zip = g_build_filename (readonly_dir, "ticket.zip", NULL);
  cli (&run, "--url", ok, "--methods=direct", "--output", zip);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "Cannot write in the folder");
  assert_contains (run.err, "Read-only file system");
  g_assert_cmpstr (run.out, ==, "");  /* said before probing (issue 13) */
  g_assert_cmpuint (count_files (readonly_dir), ==, 0);
}

static char *
build_zip (const char         *file,
           const char * const *names)
{
  g_autofree char *path = temp_path (file);
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);

  g_assert_nonnull (archive);
  for (guint i = 0; names[i]; i++)
    {
      zip_source_t *source = zip_source_buffer (archive, "Proxy Probe report\n", 19, 0);

      g_assert_cmpint (zip_file_add (archive, names[i], source, 0), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);

  return g_steal_pointer (&path);
}

static void
expect_show_fails (const char *path,
                   const char *message)
{
  g_auto(CliRun) run = { 0 };

  if (path)
    cli (&run, "show", path);
  else
    cli (&run, "show");
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, message);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_show_rejects (void)
{
  g_autofree char *garbage = temp_path ("garbage.zip");
  g_autofree char *foreign = build_zip ("foreign.zip", (const char *[]) { "readme.txt", NULL });
  g_autofree char *slip = build_zip ("slip.zip", (const char *[]) { "ProxyProbeResult.txt", "report.json",
                                                                    "../../home/x/.bashrc", NULL });

  g_assert_true (g_file_set_contents (garbage, "definitely not a zip", -1, NULL));
  expect_show_fails (garbage, "not a readable zip file");
  expect_show_fails (foreign, "not a Proxy Probe report");
  expect_show_fails (slip, "unsafe name (\"../../home/x/.bashrc\")");
  expect_show_fails ("/nonexistent/ticket.zip", "Cannot open /nonexistent/ticket.zip");
  expect_show_fails (NULL, "give exactly one zip file");
}

/* Before any thread: a mount namespace is per process, and the CLI
 * processes started later inherit it. */
static void
make_mounts (void)
{
  g_autofree char *full = NULL;
  g_autofree char *readonly = NULL;
  g_autofree char *size = g_strdup_printf ("size=%u", FULL_DISK_BYTES);

  mount_dir = g_dir_make_tmp ("pp-report-cli-XXXXXX", NULL);
  g_assert_nonnull (mount_dir);
  full = g_build_filename (mount_dir, "full", NULL);
  readonly = g_build_filename (mount_dir, "readonly", NULL);
  g_assert_cmpint (g_mkdir (full, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (readonly, 0755), ==, 0);

  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", full, "tmpfs", 0, size) != 0 ||
      mount ("tmpfs", readonly, "tmpfs", MS_RDONLY, "size=64k") != 0)
    {
      g_printerr ("# no mount namespace: %s\n", g_strerror (errno));
      return;
    }
  full_dir = g_steal_pointer (&full);
  readonly_dir = g_steal_pointer (&readonly);
}

static void
remove_mounts (void)
{
  if (full_dir)
    umount (full_dir);
  if (readonly_dir)
    umount (readonly_dir);
  g_clear_pointer (&full_dir, g_free);
  g_clear_pointer (&readonly_dir, g_free);
  {
    g_autofree char *full = g_build_filename (mount_dir, "full", NULL);
    g_autofree char *readonly = g_build_filename (mount_dir, "readonly", NULL);

    g_rmdir (full);
    g_rmdir (readonly);
    g_rmdir (mount_dir);
  }
  g_clear_pointer (&mount_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PROXYPROBE_CLI"));
  make_mounts ();
  testbed = pp_testbed_new ();

  g_test_add_func ("/report-cli/output-and-show", test_output_and_show);
  g_test_add_func ("/report-cli/no-secrets", test_no_secrets);
  g_test_add_func ("/report-cli/anonymize", test_anonymize);
  g_test_add_func ("/report-cli/host-identity", test_host_identity);
  g_test_add_func ("/report-cli/agent-beside-run", test_agent_beside_run);
  g_test_add_func ("/report-cli/ctrl-c-stops-agent", test_ctrl_c_stops_agent);
  g_test_add_func ("/report-cli/full-disk", test_full_disk);
  g_test_add_func ("/report-cli/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/report-cli/show-rejects", test_show_rejects);

  status = g_test_run ();
  pp_testbed_free (testbed);
  remove_mounts ();

  return status;
}
