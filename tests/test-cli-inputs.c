/* test-cli-inputs.c: proxyprobe-cli with hostile or mistaken input
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case failed before issue 13: a crash without a word, a run that
 * never ended, a critical, a default silently put in place of the value
 * given, a bad --output found after every probe, a proxy host that no
 * host can have reported as unreachable. Only loopback is ever probed.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pp-test-cli.h"

#define CANARY "Canary-Pa55word-7f3e"
/* A port nothing listens on: a probe there is refused at once. */
#define CLOSED_URL "http://127.0.0.1:9/"

static char *root;      /* a test directory; also the --sysroot */
static char *fifo;      /* a FIFO that no one ever writes to */

/* Runs proxyprobe-cli under timeout(1): a hang ends as status 137 and a
 * crash as 128 + its signal, both reported by the assertions. */
static void
cli_run (CliRun             *run,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("--signal=KILL"));
  g_ptr_array_add (argv, g_strdup ("30"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  if (g_strcmp0 (args[0], "pac-test") != 0)
    g_ptr_array_add (argv, g_strdup_printf ("--sysroot=%s", root));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  cli_spawn (run, NULL, argv);
}

#define cli(run, ...) cli_run (run, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_clean_stderr (const CliRun *run)
{
  g_assert_null (strstr (run->err, "CRITICAL"));
  g_assert_null (strstr (run->err, "WARNING **"));
  g_assert_null (strstr (run->err, CANARY));
  for (const char *p = run->err; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      g_error ("a control character (0x%02x) on stderr: %s", (guchar) *p, run->err);
}

/* Bad input: exit 2 with a message that names what is wrong, nothing on
 * stdout (so nothing was probed). */
static void
expect_bad_input (const char * const *args,
                  const char         *message)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, args);
  if (run.status != 2)
    g_error ("%s: expected exit 2, got %d; stderr: %s", args[0], run.status, run.err);
  assert_contains (run.err, message);
  g_assert_cmpstr (run.out, ==, "");
  assert_clean_stderr (&run);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (root, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
deep_json (void)
{
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');

  return g_strconcat (open, close, NULL);
}

/* Defender's managed file, as the agent would find it under --sysroot. */
static void
write_managed (const char *json)
{
  g_autofree char *dir = g_build_filename (root, "etc/opt/microsoft/mdatp/managed", NULL);
  g_autofree char *path = g_build_filename (dir, "mdatp_managed.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* --profile with 100,000 nested arrays: exit 2 naming the file, where
 * json-glib used to overflow the stack. */
static void
test_deep_profile (void)
{
  g_autofree char *json = deep_json ();
  g_autofree char *path = write_file ("deep-profile.json", json);

  expect_bad_input ((const char *[]) { "--profile", path, NULL }, "deep-profile.json: line 1");
  expect_bad_input ((const char *[]) { "--profile", path, NULL }, "nested more than 64 levels");
}

/* The same in the agent's file: a warning naming the file, and the run
 * goes on, --show-config and probing alike. */
static void
test_deep_managed_file (void)
{
  g_autofree char *json = deep_json ();
  g_auto(CliRun) config = { 0 };
  g_auto(CliRun) probe = { 0 };

  write_managed (json);
  cli (&config, "--show-config");
  g_assert_cmpint (config.status, ==, 0);
  assert_contains (config.out, "mdatp_managed.json cannot be read: line 1: arrays and objects "
                               "are nested more than 64 levels deep");

  cli (&probe, "--url", CLOSED_URL, "--methods", "direct,named", "--timeout", "5");
  g_assert_cmpint (probe.status, ==, 1);
  assert_contains (probe.out, "Proxy disabled");
  assert_clean_stderr (&probe);
  write_managed ("{}");
}

/* A real managed file often has no cloudService; a string there is a
 * mistake to name, not a critical. */
static void
test_managed_file_shapes (void)
{
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) string = { 0 };
  g_auto(CliRun) host = { 0 };

  write_managed ("{\"antivirusEngine\": {\"enforcementLevel\": \"real_time\"}}");
  cli (&none, "--show-config");
  g_assert_cmpint (none.status, ==, 0);
  assert_contains (none.out, "Named proxy: Doesn't exist");
  assert_clean_stderr (&none);

  write_managed ("{\"cloudService\": \"http://10.1.1.1:8080\"}");
  cli (&string, "--show-config");
  g_assert_cmpint (string.status, ==, 0);
  assert_contains (string.out, "mdatp_managed.json: cloudService is a string, not an object");
  assert_clean_stderr (&string);

  /* A host no proxy can have: a warning in the configuration. */
  write_managed ("{\"cloudService\": {\"proxy\": \"http://alice:" CANARY "@pro xy:8080\"}}");
  cli (&host, "--show-config");
  g_assert_cmpint (host.status, ==, 0);
  assert_contains (host.out, "its host name contains a space");
  g_assert_null (strstr (host.out, CANARY));
  assert_clean_stderr (&host);
  write_managed ("{}");
}

/* No file option waits for a FIFO's writer. */
static void
test_fifo_files (void)
{
  static const char * const options[] = {
    "--urls", "--profile", "--trust", "--public-roots", "--pac-file",
  };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *message = g_strdup_printf ("%s", fifo);

      expect_bad_input ((const char *[]) { options[i], fifo, "--methods", "direct,wpad", NULL },
                        message);
      expect_bad_input ((const char *[]) { options[i], fifo, "--methods", "direct,wpad", NULL },
                        "device, pipe or socket");
    }
  /* /dev/zero is no file either; it used to be read to the size bound. */
  expect_bad_input ((const char *[]) { "--trust=/dev/zero", NULL },
                    "/dev/zero cannot be read: it is a device, pipe or socket, not a file");
}

/* The system's own files are read by the same rule: a FIFO in their place
 * (a hostile or broken image under --sysroot) is skipped, not waited for. */
static void
test_fifo_system_files (void)
{
  static const char * const files[] = {
    "etc/environment", "etc/apt/apt.conf", "etc/resolv.conf", ".flatpak-info",
    "etc/opt/microsoft/mdatp/managed/mdatp_managed.json",
  };
  g_autofree char *image = g_build_filename (root, "image", NULL);
  g_autofree char *sysroot = g_strdup_printf ("--sysroot=%s", image);
  g_auto(CliRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (image, files[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
    }

  /* The last --sysroot given wins. */
  cli (&run, sysroot, "--show-config");
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "mdatp_managed.json cannot be read: it is a device, pipe or socket");
  assert_clean_stderr (&run);
}

/* Shorter than libcurl's millisecond: refused with the range, never the
 * default in its place; one millisecond is honoured. */
static void
test_tiny_timeouts (void)
{
  g_auto(CliRun) honoured = { 0 };

  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "--timeout", "0.0001", NULL },
                    "--timeout: 0.0001 is not a number of seconds from 0.001 (one millisecond) to 600");
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "--connect-timeout", "0.0004", NULL },
                    "--connect-timeout: 0.0004 is not a number of seconds from 0.001");

  cli (&honoured, "--url", CLOSED_URL, "--methods", "direct", "--timeout", "0.001",
       "--connect-timeout", "0.001");
  g_assert_cmpint (honoured.status, ==, 1);
  assert_clean_stderr (&honoured);
}

/* A folder that cannot take the report is said before any probe. */
static void
test_output_folder (void)
{
  g_autofree char *missing = g_build_filename (root, "no-such-folder", "r.zip", NULL);

  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "--methods", "direct",
                                       "--output", "/proc/r.zip", NULL },
                    "--output: Cannot write in the folder /proc: ");
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "--methods", "direct",
                                       "--output", missing, NULL },
                    "no-such-folder does not exist: create it");
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "--methods", "direct",
                                       "--output", root, "--force", NULL },
                    "is a folder: give the name of the zip file");
}

/* A proxy host with a space or a control character is a typing error. */
static void
test_proxy_host (void)
{
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "-p", "http://pro xy:8080", NULL },
                    "'http://pro xy:8080' is not a proxy: its host name contains a space");
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL, "-p", "prox\001y:8080", NULL },
                    "its host name contains the control character \\u0001");
  expect_bad_input ((const char *[]) { "--url", CLOSED_URL,
                                       "-p", "http://alice:" CANARY "@pro\033]0;x\007xy:3128",
                                       NULL },
                    "'http://alice:***@pro\\u001b]0;x\\u0007xy:3128' is not a proxy");
}

/* --named-proxy stands for the agent's setting, whose problems are
 * findings of the run (as the agent's own analyzer reports them). */
static void
test_named_proxy_host (void)
{
  g_auto(CliRun) run = { 0 };

  cli (&run, "--url", CLOSED_URL, "--methods", "named", "--named-proxy", "http://pro xy:3128");
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "Named proxy: error (1 of 1), e.g. " CLOSED_URL ": The proxy isn't in "
                            "valid format: 'http://pro xy:3128' is not a proxy: its host name "
                            "contains a space");
  assert_clean_stderr (&run);
}

/* The PAC helper's reply is read with a bound, and a script's exception
 * message is cut to a line: megabytes of it reached the terminal. */
static void
test_pac_answer_size (void)
{
  g_autofree char *huge = write_file ("huge.pac",
    "function FindProxyForURL(u, h) {\n"
    "  var s = 'x'; while (s.length < 8000000) s += s; throw new Error(s);\n}\n");
  g_autofree char *long_error = write_file ("long.pac",
    "function FindProxyForURL(u, h) {\n"
    "  var s = 'x'; while (s.length < 100000) s += s; throw new Error(s);\n}\n");
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) cut = { 0 };

  cli (&refused, "pac-test", "--pac-file", huge, "http://a.test/");
  g_assert_cmpint (refused.status, ==, 1);
  assert_contains (refused.out, "the PAC script's answer was larger than 1 MiB and was refused");
  g_assert_cmpuint (strlen (refused.out) + strlen (refused.err), <, 4096);

  cli (&cut, "pac-test", "--pac-file", long_error, "http://a.test/");
  g_assert_cmpint (cut.status, ==, 1);
  assert_contains (cut.out, "xxxxxxxx… (cut short)");
  g_assert_cmpuint (strlen (cut.out) + strlen (cut.err), <, 4096);
}

/* pac-test exits with the program's statuses (PpExitStatus): 0 when the
 * script answered for every URL, 1 when it failed for one, 2 for bad
 * input, as the man page says. */
static void
test_pac_test_exit_status (void)
{
  g_autofree char *pac = write_file ("answers.pac",
    "function FindProxyForURL(u, h) { if (h == 'fail.test') throw 'no'; return 'DIRECT'; }\n");
  g_autofree char *broken = write_file ("broken.pac", "function FindProxyForURL(u, h) {\n");
  g_auto(CliRun) answered = { 0 };
  g_auto(CliRun) failed = { 0 };

  cli (&answered, "pac-test", "--pac-file", pac, "http://a.test/", "https://b.test/");
  g_assert_cmpint (answered.status, ==, 0);
  cli (&failed, "pac-test", "--pac-file", pac, "http://a.test/", "http://fail.test/");
  g_assert_cmpint (failed.status, ==, 1);
  assert_contains (failed.out, "http://fail.test/: failed: ");

  expect_bad_input ((const char *[]) { "pac-test", "--pac-file", pac, NULL }, "at least one URL");
  expect_bad_input ((const char *[]) { "pac-test", "--pac-file", pac, "ftp://a.test/", NULL },
                    "ftp://a.test/");
  expect_bad_input ((const char *[]) { "pac-test", "--pac-file", "/nonexistent/x.pac",
                                       "http://a.test/", NULL }, "/nonexistent/x.pac");
  expect_bad_input ((const char *[]) { "pac-test", "--pac-file", broken, "http://a.test/", NULL },
                    "broken.pac");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("pp-cli-inputs-XXXXXX", NULL);
  fifo = g_build_filename (root, "fifo", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  g_test_add_func ("/cli-inputs/deep-profile", test_deep_profile);
  g_test_add_func ("/cli-inputs/deep-managed-file", test_deep_managed_file);
  g_test_add_func ("/cli-inputs/managed-file-shapes", test_managed_file_shapes);
  g_test_add_func ("/cli-inputs/fifo-files", test_fifo_files);
  g_test_add_func ("/cli-inputs/fifo-system-files", test_fifo_system_files);
  g_test_add_func ("/cli-inputs/tiny-timeouts", test_tiny_timeouts);
  g_test_add_func ("/cli-inputs/output-folder", test_output_folder);
  g_test_add_func ("/cli-inputs/proxy-host", test_proxy_host);
  g_test_add_func ("/cli-inputs/named-proxy-host", test_named_proxy_host);
  g_test_add_func ("/cli-inputs/pac-answer-size", test_pac_answer_size);
  g_test_add_func ("/cli-inputs/pac-test-exit-status", test_pac_test_exit_status);

  status = g_test_run ();
  g_spawn_sync (NULL, (char *[]) { "rm", "-rf", root, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, NULL, NULL, NULL, NULL);
  return status;
}
