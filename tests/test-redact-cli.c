/* test-redact-cli.c: a password in every credential source, in no output
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each credential source gets a canary of its own, so that a failure names
 * the source that leaked: the endpoint URL of --url and of a profile, the
 * --pac-url (refused, 404), the environment (http_proxy, and https_proxy
 * without a scheme), /etc/environment, -p, the agent's managed file with
 * an invalid value, GNOME's authentication-password, KDE's kioslaverc,
 * apt, --named-proxy (placeholder and invalid), and refused input (-p,
 * --url, a URL list). The outputs searched: stdout and stderr of every
 * run, --json, --show-config (text and JSON), every member of the
 * --output zip (traces/ and configuration.txt included) and `show` of it.
 *
 * Terminal controls from a PAC script, a proxy value and a server's
 * status line never reach stdout or stderr raw.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pp-test-cli.h"
#include "pp-test-report.h"
#include "testbed/pp-testbed.h"

typedef struct
{
  const char *source;
  const char *canary;
} Canary;

/* The word each password is built around: none may appear anywhere. */
static const Canary canaries[] = {
  { "--url", "CanaryUrlQ1" },
  { "a profile's endpoint URL", "CanaryProfileQ2" },
  { "--pac-url", "CanaryPacQ3" },
  { "https_proxy without a scheme", "CanaryEnvHttpsQ4" },
  { "http_proxy", "CanaryEnvHttpQ5" },
  { "/etc/environment", "CanaryEtcEnvQ6" },
  { "-p", "CanaryCmdlineQ7" },
  { "mdatp_managed.json (invalid value)", "CanaryMdatpQ8" },
  { "GNOME authentication-password", "CanaryGnomeQ9" },
  { "kioslaverc", "CanaryKdeQ10" },
  { "apt.conf.d", "CanaryAptQ11" },
  { "--named-proxy (placeholder)", "CanaryNamedQ12" },
  { "-p (invalid)", "CanaryBadProxyQ13" },
  { "--url (invalid)", "CanaryBadUrlQ14" },
  { "--named-proxy (invalid)", "CanaryBadNamedQ15" },
  { "--urls file (invalid line)", "CanaryBadListQ16" },
};

static PpTestbed *testbed;

typedef struct
{
  char *dir;
  char *sysroot_arg;
  char *profile;
  char *config_home;
  char *env_https;
  char *env_http;
  char *cmdline;
  char *pac_refused;
  char *pac_404;
} Sources;

static void
sources_clear (Sources *s)
{
  g_free (s->dir);
  g_free (s->sysroot_arg);
  g_free (s->profile);
  g_free (s->config_home);
  g_free (s->env_https);
  g_free (s->env_http);
  g_free (s->cmdline);
  g_free (s->pac_refused);
  g_free (s->pac_404);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sources, sources_clear)

static void
write_under (const char *root,
             const char *relative,
             const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
write_profile (Sources *s)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"schema\": \"proxyprobe-profile/1\", \"name\": \"canary\", \"title\": \"Canary\",\n"
    "  \"description\": \"One endpoint whose URL carries a password.\", \"geographies\": [],\n"
    "  \"endpoints\": [ { \"url\": \"http://bob:CanaryProfileQ2%%40x@127.0.0.1:%u/status/200\",\n"
    "    \"service\": \"Canary\", \"http_method\": \"GET\", \"expected_status\": [200],\n"
    "    \"trust\": \"system\", \"geography\": \"WW\" } ] }\n", pp_testbed_get_http_port (testbed));

  s->profile = g_build_filename (s->dir, "profile.json", NULL);
  g_assert_true (g_file_set_contents (s->profile, json, -1, NULL));
}

/* Every file-based source below a sysroot and a config folder of its own;
 * GNOME's settings in a keyfile that the CLI reads as its GSettings. */
static void
sources_init (Sources *s)
{
  guint16 closed = pp_testbed_get_closed_port (testbed);
  g_autofree char *sysroot = NULL;
  g_autofree char *kioslaverc = NULL;
  g_autofree char *gnome = NULL;
  g_autofree char *etc_environment = NULL;

  s->dir = g_build_filename (pp_testbed_get_dir (testbed), "redact", NULL);
  sysroot = g_build_filename (s->dir, "sysroot", NULL);
  s->sysroot_arg = g_strdup_printf ("--sysroot=%s", sysroot);
  s->config_home = g_build_filename (s->dir, "config", NULL);

  write_mdatp_file (sysroot, "frank:CanaryMdatpQ8@127.0.0.1:99999");
  etc_environment = g_strdup_printf ("https_proxy=http://gwen:CanaryEtcEnvQ6@127.0.0.1:%u\n", closed);
  write_under (sysroot, "etc/environment", etc_environment);
  write_under (sysroot, "etc/apt/apt.conf.d/90proxy",
               "Acquire::http::Proxy \"http://aptuser:CanaryAptQ11@127.0.0.1:3128/\";\n");
  kioslaverc = g_build_filename (s->config_home, "kioslaverc", NULL);
  write_under (sysroot, kioslaverc,
               "[Proxy Settings]\nProxyType=1\nhttpProxy=http://kdeuser:CanaryKdeQ10@127.0.0.1:3128\n");
  gnome = g_strdup_printf ("[system/proxy]\nmode='manual'\n[system/proxy/http]\nhost='127.0.0.1'\n"
                           "port=%u\nuse-authentication=true\nauthentication-user='gnomeuser'\n"
                           "authentication-password='CanaryGnomeQ9'\n", closed);
  write_under (s->config_home, "glib-2.0/settings/keyfile", gnome);
  write_profile (s);

  s->env_https = g_strdup_printf ("alice:CanaryEnvHttpsQ4@127.0.0.1:%u", closed);
  s->env_http = g_strdup_printf ("http://carol:CanaryEnvHttpQ5@127.0.0.1:%u", closed);
  s->cmdline = g_strdup_printf ("http://dave:CanaryCmdlineQ7@127.0.0.1:%u", closed);
  s->pac_refused = g_strdup_printf ("http://erin:CanaryPacQ3@127.0.0.1:%u/proxy.pac", closed);
  s->pac_404 = g_strdup_printf ("http://erin:CanaryPacQ3@127.0.0.1:%u/status/404",
                                pp_testbed_get_http_port (testbed));
}

static void
assert_no_canary (const char *what,
                  const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    if (strstr (text, canaries[i].canary) != NULL)
      g_error ("the password of %s leaked into %s:\n%s", canaries[i].source, what, text);
}

static void
assert_run_clean (const char   *what,
                  const CliRun *run)
{
  g_autofree char *out = g_strdup_printf ("%s (stdout)", what);
  g_autofree char *err = g_strdup_printf ("%s (stderr)", what);

  assert_no_canary (out, run->out);
  assert_no_canary (err, run->err);
}

/* Runs the CLI with every source of @s, then @args. */
static void
cli_sources (CliRun        *run,
             const Sources *s,
             const char    *pac_url,
             const char    *const *args)
{
  const char *env[] = {
    "https_proxy", s->env_https, "http_proxy", s->env_http,
    "GSETTINGS_BACKEND", "keyfile", "XDG_CONFIG_HOME", s->config_home, NULL
  };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  if (g_strcmp0 (args[0], "show") != 0)
    {
      g_ptr_array_add (argv, g_strdup ("--connect-timeout=2"));
      g_ptr_array_add (argv, g_strdup ("--timeout=5"));
      g_ptr_array_add (argv, g_strdup (s->sysroot_arg));
      g_ptr_array_add (argv, g_strdup_printf ("--pac-url=%s", pac_url));
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  cli_spawn (run, env, argv);
}

static void
assert_zip_clean (const char *zip)
{
  g_autoptr(GHashTable) files = unpack (zip);

  g_assert_true (g_hash_table_contains (files, "configuration.txt"));
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    assert_nowhere (files, canaries[i].canary);
}

/* A run with --output, then `show` of its zip. */
static void
check_run_and_zip (const Sources      *s,
                   const char         *what,
                   const char         *pac_url,
                   const char * const *args,
                   const char         *expected)
{
  g_autofree char *zip = g_build_filename (s->dir, "ticket.zip", NULL);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) show = { 0 };

  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (all, (gpointer) args[i]);
  g_ptr_array_add (all, "--force");
  g_ptr_array_add (all, "--output");
  g_ptr_array_add (all, zip);
  g_ptr_array_add (all, NULL);

  cli_sources (&run, s, pac_url, (const char * const *) all->pdata);
  assert_contains (run.err, "Report written to");
  assert_contains (run.out, expected);
  assert_run_clean (what, &run);
  assert_zip_clean (zip);

  cli_sources (&show, s, pac_url, (const char *[]) { "show", zip, NULL });
  g_assert_cmpint (show.status, ==, 0);
  assert_run_clean ("show", &show);
}

static void
test_every_source_every_output (void)
{
  g_auto(Sources) s = { 0 };
  g_autofree char *with_userinfo = NULL;
  g_auto(CliRun) config = { 0 };
  g_auto(CliRun) config_json = { 0 };

  sources_init (&s);
  with_userinfo = g_strdup_printf ("http://bob2:CanaryUrlQ1%%21x@127.0.0.1:%u/status/200",
                                   pp_testbed_get_http_port (testbed));

  check_run_and_zip (&s, "a profile run", s.pac_refused,
                     (const char *[]) { "--profile", s.profile, "-p", s.cmdline, NULL },
                     "Testing URL : http://bob:***@127.0.0.1:");
  check_run_and_zip (&s, "a --url run with --json", s.pac_404,
                     (const char *[]) { "--url", with_userinfo, "-p", s.cmdline, "--json",
                                        "--named-proxy", "gina:CanaryNamedQ12@proxy.example.com:8080",
                                        NULL },
                     "\"url\" : \"http://bob2:***@127.0.0.1:");

  /* Every source was read, and shown redacted. */
  cli_sources (&config, &s, s.pac_refused, (const char *[]) { "--show-config", NULL });
  g_assert_cmpint (config.status, ==, 0);
  assert_run_clean ("--show-config", &config);
  assert_contains (config.out, "alice:***@127.0.0.1");
  assert_contains (config.out, "carol:***@127.0.0.1");
  assert_contains (config.out, "gwen:***@127.0.0.1");
  assert_contains (config.out, "frank:***@127.0.0.1:99999");
  assert_contains (config.out, "aptuser:***@127.0.0.1");
  assert_contains (config.out, "kdeuser:***@127.0.0.1");
  assert_contains (config.out, "authentication-password");
  assert_contains (config.out, "erin:***@127.0.0.1");
  cli_sources (&config_json, &s, s.pac_404, (const char *[]) { "--show-config", "--json", NULL });
  assert_run_clean ("--show-config --json", &config_json);
}

/* Input that is refused is quoted back redacted. */
static void
test_refused_input (void)
{
  g_auto(Sources) s = { 0 };
  g_autofree char *ok = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *list = NULL;
  g_auto(CliRun) proxy = { 0 };
  g_auto(CliRun) url = { 0 };
  g_auto(CliRun) urls = { 0 };
  g_auto(CliRun) named = { 0 };

  sources_init (&s);
  list = g_build_filename (s.dir, "urls.txt", NULL);
  g_assert_true (g_file_set_contents (list, "htps://kim:CanaryBadListQ16@host/\n", -1, NULL));

  cli_sources (&proxy, &s, s.pac_404,
               (const char *[]) { "--url", ok, "-p", "hank:CanaryBadProxyQ13@127.0.0.1:99999", NULL });
  g_assert_cmpint (proxy.status, ==, 2);
  assert_contains (proxy.err, "hank:***@127.0.0.1:99999");
  assert_run_clean ("invalid -p", &proxy);

  cli_sources (&url, &s, s.pac_404, (const char *[]) { "--url", "ftp://ivan:CanaryBadUrlQ14@127.0.0.1/", NULL });
  g_assert_cmpint (url.status, ==, 2);
  assert_contains (url.err, "ivan:***@127.0.0.1");
  assert_run_clean ("invalid --url", &url);

  cli_sources (&urls, &s, s.pac_404, (const char *[]) { "--urls", list, NULL });
  g_assert_cmpint (urls.status, ==, 2);
  assert_run_clean ("invalid --urls line", &urls);

  cli_sources (&named, &s, s.pac_404,
               (const char *[]) { "--url", ok, "--methods=named,direct",
                                  "--named-proxy", "judy:CanaryBadNamedQ15@127.0.0.1:99999", NULL });
  assert_contains (named.out, "judy:***@127.0.0.1:99999");
  assert_run_clean ("invalid --named-proxy", &named);
}

static void
assert_no_controls (const char *what,
                    const char *text)
{
  for (const char *p = text; *p; p++)
    if (((guchar) *p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
      g_error ("a raw control byte 0x%02x reached %s:\n%s", (guchar) *p, what, text);
  /* C1 controls (U+0080 to U+009F) are CSI and OSC to some terminals. */
  for (const char *p = text; (p = strstr (p, "\xc2")) != NULL; p++)
    if ((guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
      g_error ("a raw C1 control reached %s:\n%s", what, text);
}

static void
hostile_status_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_set_status (msg, 403, "Blocked\033]0;owned\007\033[2J");
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "Server", "evil\033[31m");
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no\033[5m", 6);
}

/* The CLI with nothing but @args: no sources, no testbed CA. */
static void
cli_plain (CliRun             *run,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PROXYPROBE_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  cli_spawn (run, NULL, argv);
}

static void
test_terminal_controls (void)
{
  g_autofree char *dir = g_build_filename (pp_testbed_get_dir (testbed), "controls", NULL);
  g_autofree char *pac = g_build_filename (dir, "evil.pac", NULL);
  g_autofree char *zip = g_build_filename (dir, "evil.zip", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/",
                                          pp_testbed_serve_in_thread (hostile_status_cb, NULL));
  g_auto(CliRun) pac_test = { 0 };
  g_auto(CliRun) proxy = { 0 };
  g_auto(CliRun) status = { 0 };
  g_auto(CliRun) show = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (pac,
    "function FindProxyForURL(url, host) {\n"
    "  alert('\\x1b]0;owned\\x07');\n"
    "  return 'PROXY evil\\x1b[2J:8080; PROXY c1\\x9b31m:8080';\n"
    "}\n", -1, NULL));

  cli_plain (&pac_test, (const char *[]) { "pac-test", "--pac-file", pac, "http://example.org/", NULL });
  assert_contains (pac_test.out, "evil\\u001b[2J");
  assert_contains (pac_test.out, "c1\\u009b31m");
  assert_no_controls ("pac-test (stdout)", pac_test.out);
  assert_no_controls ("pac-test (stderr)", pac_test.err);

  cli_plain (&proxy, (const char *[]) { "--url", url, "-p", "http://127.0.0.1:1\033[2J", NULL });
  assert_no_controls ("-p with an escape (stdout)", proxy.out);
  assert_no_controls ("-p with an escape (stderr)", proxy.err);

  cli_plain (&status, (const char *[]) { "--url", url, "--methods=direct", "--output", zip, NULL });
  assert_contains (status.out, "3 - Proxy disabled: Succeeded (403)");
  assert_no_controls ("a hostile server (stdout)", status.out);
  assert_no_controls ("a hostile server (stderr)", status.err);
  cli_plain (&show, (const char *[]) { "show", zip, NULL });
  g_assert_cmpint (show.status, ==, 0);
  assert_no_controls ("show of a hostile server's report", show.out);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PROXYPROBE_CLI"));
  testbed = pp_testbed_new ();

  g_test_add_func ("/redact-cli/every-source-every-output", test_every_source_every_output);
  g_test_add_func ("/redact-cli/refused-input", test_refused_input);
  g_test_add_func ("/redact-cli/terminal-controls", test_terminal_controls);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
