/* test-pac.c: the sandboxed PAC evaluator and its client
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All names used here are localhost, IP literals or end in .invalid: the
 * tests run in a network namespace where nothing else resolves.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pp-pac.h"
#include "pp-pac-result.h"

static const char good_script[] =
  "function FindProxyForURL(url, host) {\n"
  "  if (isPlainHostName(host)) return 'DIRECT';\n"
  "  return 'PROXY good.invalid:3128; DIRECT';\n"
  "}\n";

static char *
eval_expression (PpPacRunner *runner,
                 const char  *expression)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_strdup_printf (
    "function FindProxyForURL(url, host) { return String(%s); }", expression);
  char *result = NULL;

  pp_pac_runner_load (runner, script, &error);
  g_assert_no_error (error);
  pp_pac_runner_find_proxy (runner, "http://x.invalid/", &result, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_pac_functions (void)
{
  static const struct {
    const char *expression;
    const char *expected;
  } cases[] = {
    { "isPlainHostName('www')", "true" },
    { "isPlainHostName('www.example.invalid')", "false" },
    { "dnsDomainIs('www.netscape.com', '.netscape.com')", "true" },
    { "dnsDomainIs('www', '.netscape.com')", "false" },
    { "dnsDomainIs('www.mcom.com', '.netscape.com')", "false" },
    { "localHostOrDomainIs('www.netscape.com', 'www.netscape.com')", "true" },
    { "localHostOrDomainIs('www', 'www.netscape.com')", "true" },
    { "localHostOrDomainIs('www.mcom.com', 'www.netscape.com')", "false" },
    { "localHostOrDomainIs('home.netscape.com', 'www.netscape.com')", "false" },
    { "isResolvable('localhost')", "true" },
    { "isResolvable('nothing.invalid')", "false" },
    { "isInNet('10.1.2.3', '10.0.0.0', '255.0.0.0')", "true" },
    { "isInNet('11.1.2.3', '10.0.0.0', '255.0.0.0')", "false" },
    { "isInNet('198.95.249.79', '198.95.249.79', '255.255.255.255')", "true" },
    { "isInNet('localhost', '127.0.0.0', '255.0.0.0')", "true" },
    { "isInNet('nothing.invalid', '0.0.0.0', '0.0.0.0')", "false" },
    { "dnsResolve('localhost')", "127.0.0.1" },
    { "dnsResolve('192.0.2.7')", "192.0.2.7" },
    { "dnsResolve('nothing.invalid')", "null" },
    { "/^\\d+\\.\\d+\\.\\d+\\.\\d+$/.test(myIpAddress())", "true" },
    { "dnsDomainLevels('www.netscape.com')", "2" },
    { "dnsDomainLevels('www')", "0" },
    { "shExpMatch('http://home.netscape.com/people/ari/index.html', '*/ari/*')", "true" },
    { "shExpMatch('http://home.netscape.com/people/montulli/index.html', '*/ari/*')", "false" },
    { "shExpMatch('a.b', 'a?b')", "true" },
    { "shExpMatch('axb', 'a.b')", "false" },
    { "shExpMatch('A(1)+', 'A(1)+')", "true" },
    { "weekdayRange('SUN', 'SAT')", "true" },
    { "weekdayRange('SAT', 'FRI', 'GMT')", "true" },
    { "weekdayRange('XYZ')", "false" },
    { "dateRange(1995)", "false" },
    { "dateRange(1995, 2100)", "true" },
    { "dateRange('JAN', 'DEC')", "true" },
    { "dateRange(1, 31)", "true" },
    { "dateRange(1, 'JAN', 1995, 31, 'DEC', 2100, 'GMT')", "true" },
    { "timeRange(0, 0, 0, 23, 59, 59)", "true" },
    { "timeRange(0, 24)", "true" },
    { "typeof alert", "function" },
    { "isResolvableEx('localhost')", "true" },
    { "isResolvableEx('nothing.invalid')", "false" },
    { "dnsResolveEx('192.0.2.7')", "192.0.2.7" },
    { "dnsResolveEx('nothing.invalid')", "" },
    { "isInNetEx('198.95.249.79', '198.95.249.79/32')", "true" },
    { "isInNetEx('198.95.6.8', '198.95.0.0/16')", "true" },
    { "isInNetEx('198.96.6.8', '198.95.0.0/16')", "false" },
    { "isInNetEx('2001:db8::1', '2001:db8::/32')", "true" },
    { "isInNetEx('10.0.0.1', '::/0')", "false" },
    { "myIpAddressEx().length > 0", "true" },
    { "sortIpAddressList('10.2.3.9;2001:4898:28:3:201:2ff:feea:fc14;::1;127.0.0.1;::9')",
      "::1;::9;2001:4898:28:3:201:2ff:feea:fc14;10.2.3.9;127.0.0.1" },
    { "sortIpAddressList('10.0.0.1;not-an-address')", "false" },
    { "getClientVersion()", "1.0" },
  };
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = eval_expression (runner, cases[i].expression);

      g_test_message ("%s = %s", cases[i].expression, result);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_pac_alerts_and_ex (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_auto(GStrv) alerts = NULL;
  g_auto(GStrv) dns = NULL;

  pp_pac_runner_load (runner,
                      "alert('loading');\n"
                      "function FindProxyForURL(url, host) { return 'DIRECT'; }\n"
                      "function FindProxyForURLEx(url, host) {\n"
                      "  alert('ex ' + host); dnsResolve('localhost');\n"
                      "  return 'PROXY ex.invalid:1';\n"
                      "}\n", &error);
  g_assert_no_error (error);
  pp_pac_runner_find_proxy (runner, "http://a.invalid/", &result, &alerts, &dns, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "PROXY ex.invalid:1");
  g_assert_cmpuint (g_strv_length (alerts), ==, 1);
  g_assert_cmpstr (alerts[0], ==, "ex a.invalid");
  g_assert_cmpuint (g_strv_length (dns), ==, 1);
  g_assert_true (g_str_has_prefix (dns[0], "localhost → 127.0.0.1"));
}

static void
assert_spec (PpProxySpec *spec,
             const char  *url)
{
  g_assert_cmpstr (spec->kind == PP_PROXY_KIND_DIRECT ? "DIRECT" : spec->url, ==, url);
}

static void
test_pac_result_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) specs = NULL;
  g_auto(GStrv) warnings = NULL;

  specs = pp_pac_result_parse (" proxy a.invalid; HTTPS b.invalid;SOCKS c.invalid; "
                               "socks5 d.invalid:9; HTTP e.invalid:8; socks4 f.invalid:2; "
                               "Direct;", &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (specs->len, ==, 7);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  assert_spec (specs->pdata[0], "http://a.invalid:80");
  assert_spec (specs->pdata[1], "https://b.invalid:443");
  assert_spec (specs->pdata[2], "socks4://c.invalid:1080");
  assert_spec (specs->pdata[3], "socks5://d.invalid:9");
  assert_spec (specs->pdata[4], "http://e.invalid:8");
  assert_spec (specs->pdata[5], "socks4://f.invalid:2");
  assert_spec (specs->pdata[6], "DIRECT");
  g_clear_pointer (&specs, g_ptr_array_unref);
  g_clear_pointer (&warnings, g_strfreev);

  specs = pp_pac_result_parse ("junk; PROXY; PROXY a b; QUIC q.invalid:1; PROXY [::1]:3128; DIRECT",
                               &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (specs->len, ==, 2);
  assert_spec (specs->pdata[0], "http://[::1]:3128");
  g_assert_cmpuint (g_strv_length (warnings), ==, 4);
  g_assert_nonnull (strstr (warnings[0], "'junk'"));
  g_clear_pointer (&specs, g_ptr_array_unref);
  g_clear_pointer (&warnings, g_strfreev);

  g_assert_null (pp_pac_result_parse ("", NULL, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT);
  g_clear_error (&error);
  g_assert_null (pp_pac_result_parse ("FOO bar; baz", &warnings, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
}

static void
assert_still_works (PpPacRunner *runner)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  pp_pac_runner_load (runner, good_script, &error);
  g_assert_no_error (error);
  pp_pac_runner_find_proxy (runner, "https://a.invalid/", &result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "PROXY good.invalid:3128; DIRECT");
}

typedef struct
{
  const char *name;
  const char *body;          /* of FindProxyForURL, or a whole script if no '{' needed */
  gboolean whole_script;
  const char *message;       /* expected in the error */
  double max_seconds;
} Hostile;

static void
run_hostile (PpPacRunner   *runner,
             const Hostile *h)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = h->whole_script ? g_strdup (h->body)
    : g_strdup_printf ("function FindProxyForURL(url, host) {\n%s\n}\n", h->body);
  g_autofree char *result = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (pp_pac_runner_load (runner, script, &error))
    pp_pac_runner_find_proxy (runner, "https://a.invalid/", &result, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_test_message ("%s: %.2f s: %s", h->name, seconds, error ? error->message : result);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, h->message));
  g_assert_cmpfloat (seconds, <, h->max_seconds);
  assert_still_works (runner);
}

static void
test_pac_hostile (void)
{
  static const Hostile cases[] = {
    { "endless loop", "while (true) {}", FALSE, "ran longer than 2 s", 3.0 },
    { "endless loop in load", "while (true) {}", TRUE, "ran longer than 5 s", 6.0 },
    { "memory bomb (string)", "var s = 'x'; while (true) s += s;", FALSE, "memory", 3.5 },
    /* Big arrays: small ones took 1.5 s of the 2 s deadline on an idle
     * machine, so under load the time limit hit first. */
    { "memory bomb (array)", "var a = []; while (true) a.push(new Array(100000));", FALSE, "memory", 3.5 },
    { "syntax error", "var a = 1;\nvar b = 2;\nvar c = ;\n", TRUE, "line 3: SyntaxError", 1.0 },
    { "throws", "throw new Error('boom');", FALSE, "line 2: Error: boom", 1.0 },
    { "number", "return 42;", FALSE, "returned a number", 1.0 },
    { "huge result", "var s = 'PROXY a.invalid:1;'; while (s.length < 1e6) s += s; return s;",
      FALSE, "a proxy list is never that long", 1.0 },
    { "no function", "var x = 1;", TRUE, "defines no FindProxyForURL", 1.0 },
    { "catastrophic regex",
      "/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'); return 'DIRECT';",
      FALSE, "ran longer than 3 s", 4.0 },
    /* Duktape cannot interrupt its regex engine; its step limit ends the
     * match after ~10 s, racing the parent's 10 s kill. Either way the
     * technician is told the script ran too long. */
    { "catastrophic regex in load",
      "/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');\n"
      "function FindProxyForURL(url, host) { return 'DIRECT'; }", TRUE,
      "ran longer than", 11.0 },
  };
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_hostile (runner, &cases[i]);
}

static void
test_pac_size_cap (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) script = g_string_new (good_script);

  while (script->len < 5 * 1024 * 1024)
    g_string_append (script, "// padding padding padding padding padding padding padding\n");
  g_assert_false (pp_pac_runner_load (runner, script->str, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  assert_still_works (runner);
}

static void
test_pac_garbage_and_dns_flood (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GPtrArray) specs = NULL;
  g_auto(GStrv) dns = NULL;
  gint64 start;

  pp_pac_runner_load (runner, "function FindProxyForURL(u, h) { return 'FOO bar; baz'; }", &error);
  g_assert_no_error (error);
  pp_pac_runner_find_proxy (runner, "http://a.invalid/", &result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pp_pac_result_parse (result, NULL, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT);
  g_clear_error (&error);
  g_clear_pointer (&result, g_free);

  pp_pac_runner_load (runner,
                      "function FindProxyForURL(u, h) {\n"
                      "  for (var i = 0; i < 10000; i++) dnsResolve('h' + i + '.invalid');\n"
                      "  return 'DIRECT';\n"
                      "}\n", &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  pp_pac_runner_find_proxy (runner, "http://a.invalid/", &result, NULL, &dns, &error);
  g_assert_no_error (error);
  g_test_message ("10000 lookups: %.2f s, %u log lines, last: %s",
                  (g_get_monotonic_time () - start) / 1e6, g_strv_length (dns),
                  dns[g_strv_length (dns) - 1]);
  g_assert_cmpstr (result, ==, "DIRECT");
  g_assert_cmpuint (g_strv_length (dns), <=, 33);
  g_assert_nonnull (strstr (dns[g_strv_length (dns) - 1], "further lookups refused"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_clear_pointer (&result, g_free);
  g_clear_pointer (&dns, g_strfreev);

  /* The script names what it looks up; the log, which goes into every
   * report, keeps no more of a name than DNS allows. */
  pp_pac_runner_load (runner,
                      "function FindProxyForURL(u, h) {\n"
                      "  dnsResolve(new Array(100001).join('x') + '.invalid');\n"
                      "  return 'DIRECT';\n"
                      "}\n", &error);
  g_assert_no_error (error);
  pp_pac_runner_find_proxy (runner, "http://a.invalid/", &result, NULL, &dns, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (dns), ==, 1);
  g_test_message ("a 100 KB name: %.60s… (%zu bytes)", dns[0], strlen (dns[0]));
  g_assert_cmpuint (strlen (dns[0]), <, 512);
  g_assert_true (g_str_has_prefix (dns[0], "xxxxxxxx"));
  g_assert_nonnull (strstr (dns[0], "x… → no address ("));
}

static void
test_pac_url_stripping (void)
{
  static const struct {
    const char *url;
    const char *seen;
  } cases[] = {
    { "https://user:pw@Host.invalid:8443/secret/path?token=1#frag", "https://host.invalid:8443/ host.invalid" },
    { "https://host.invalid", "https://host.invalid/ host.invalid" },
    { "http://host.invalid/p/a?q=1#f", "http://host.invalid/p/a?q=1 host.invalid" },
    { "https://[2001:db8::1]/x", "https://[2001:db8::1]/ 2001:db8::1" },
  };
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;

  pp_pac_runner_load (runner, "function FindProxyForURL(u, h) { alert(u + ' ' + h); return 'DIRECT'; }",
                      &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = NULL;
      g_auto(GStrv) alerts = NULL;

      pp_pac_runner_find_proxy (runner, cases[i].url, &result, &alerts, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (alerts[0], ==, cases[i].seen);
    }

  g_assert_false (pp_pac_runner_find_proxy (runner, "not a url", NULL, NULL, NULL, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_INVALID_URL);
}

static const char oracle_script[] =
  "function FindProxyForURL(url, host) {\n"
  "  if (isPlainHostName(host)) return 'DIRECT';\n"
  "  if (dnsDomainIs(host, '.intranet.invalid')) return 'PROXY intra.invalid:8080';\n"
  "  if (localHostOrDomainIs(host, 'www.corp.invalid')) return 'PROXY corp.invalid:3128';\n"
  "  if (shExpMatch(url, '*://*.cdn.invalid/*')) return 'SOCKS socks.invalid:1080; DIRECT';\n"
  "  if (isInNet(host, '10.0.0.0', '255.0.0.0')) return 'DIRECT';\n"
  "  if (isInNet(host, '172.16.0.0', '255.240.0.0')) return 'PROXY p172.invalid:80';\n"
  "  if (host == 'localhost' || dnsResolve(host) == '127.0.0.1') return 'PROXY loop.invalid:1';\n"
  "  if (dnsDomainLevels(host) > 3) return 'PROXY deep.invalid:3128';\n"
  "  if (shExpMatch(host, '*.example.invalid')) return 'PROXY ex.invalid:8080; PROXY ex2.invalid:8080';\n"
  "  if (url.substring(0, 5) == 'http:') return 'PROXY plain.invalid:80';\n"
  "  return 'PROXY default.invalid:3128; DIRECT';\n"
  "}\n";

static char *
pactester (const char *pac_path,
           const char *url)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pactester", "-p", pac_path, "-u", url, NULL };
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return g_strstrip (out);
}

static void
test_pac_pactester (void)
{
  static const char * const urls[] = {
    "http://intranet/", "https://wiki.intranet.invalid/page", "http://www/",
    "http://www.corp.invalid/", "https://img.cdn.invalid/a.png", "http://10.1.2.3/",
    "http://172.20.0.9/", "http://172.32.0.9/", "http://localhost/", "http://127.0.0.1/",
    "https://a.b.c.d.invalid/", "https://shop.example.invalid/", "http://other.invalid/",
    "https://other.invalid/",
  };
  g_autoptr(PpPacRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *pac_path = NULL;
  g_autofree char *program = g_find_program_in_path ("pactester");

  if (program == NULL)
    {
      g_test_skip ("pactester (package libpacparser1) is not installed");
      return;
    }

  tmpdir = g_dir_make_tmp ("pp-pac-XXXXXX", &error);
  g_assert_no_error (error);
  pac_path = g_build_filename (tmpdir, "proxy.pac", NULL);
  g_file_set_contents (pac_path, oracle_script, -1, &error);
  g_assert_no_error (error);

  runner = pp_pac_runner_new ();
  pp_pac_runner_load (runner, oracle_script, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *expected = pactester (pac_path, urls[i]);
      g_autofree char *result = NULL;

      pp_pac_runner_find_proxy (runner, urls[i], &result, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s (pactester: %s)", urls[i], result, expected);
      g_assert_cmpstr (result, ==, expected);
    }

  g_unlink (pac_path);
  g_rmdir (tmpdir);
}

static void
test_pac_timing (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GString) big = NULL;
  double load_ms, find_ms;
  const guint n = 200;

  pp_pac_runner_load (runner, oracle_script, &error);
  g_assert_no_error (error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *result = NULL;

      pp_pac_runner_find_proxy (runner, "https://shop.example.invalid/x", &result, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  find_ms = (g_get_monotonic_time () - start) / 1000.0 / n;
  g_test_message ("first load (helper start included): %.1f ms; evaluation: %.3f ms per URL",
                  load_ms, find_ms);
  g_assert_cmpfloat (find_ms, <, 5.0);

  /* A script just under the cap still loads quickly. */
  big = g_string_new (oracle_script);
  while (big->len < PP_PAC_MAX_SCRIPT_SIZE - 100)
    g_string_append_printf (big, "function f%u(h) { return shExpMatch(h, '*.x%u.invalid'); }\n",
                            (guint) big->len, (guint) big->len);
  start = g_get_monotonic_time ();
  pp_pac_runner_load (runner, big->str, &error);
  g_assert_no_error (error);
  g_test_message ("load of a %" G_GSIZE_FORMAT " KiB script: %.1f ms", big->len / 1024,
                  (g_get_monotonic_time () - start) / 1000.0);
}

static gpointer
find_many_worker (gpointer data)
{
  PpPacRunner *runner = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = NULL;
      g_autofree char *url = g_strdup_printf ("https://h%u.example.invalid/", i);

      pp_pac_runner_find_proxy (runner, url, &result, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (result, ==, "PROXY ex.invalid:8080; PROXY ex2.invalid:8080");
    }
  return NULL;
}

/* The PIDs of our children that are PAC helpers, from /proc. */
static GArray *
find_child_helpers (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  g_autofree char *ppid_field = g_strdup_printf (" %d ", (int) getpid ());
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after_comm;
      int pid;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) S ppid ...": the state is one character. */
      after_comm = strrchr (stat, ')');
      pid = atoi (name);
      if (strstr (stat, "(proxyprobe-pac") && after_comm &&
          g_str_has_prefix (after_comm + 3, ppid_field))
        g_array_append_val (pids, pid);
    }
  return pids;
}

static guint
count_child_helpers (void)
{
  g_autoptr(GArray) pids = find_child_helpers ();

  return pids->len;
}

/* A helper killed from outside between requests is replaced transparently. */
static void
test_pac_helper_killed (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GArray) pids = NULL;

  pp_pac_runner_load (runner, good_script, &error);
  g_assert_no_error (error);
  pids = find_child_helpers ();
  g_assert_cmpuint (pids->len, ==, 1);
  kill (g_array_index (pids, int, 0), SIGKILL);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);

  pp_pac_runner_find_proxy (runner, "https://a.invalid/", &result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "PROXY good.invalid:3128; DIRECT");
}

/* The value of one line of /proc/PID/limits, e.g. "Max open files". */
static char *
read_soft_limit (int         pid,
                 const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/limits", pid);
  g_autofree char *limits = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &limits, NULL, NULL));
  lines = g_strsplit (limits, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], name))
      {
        g_auto(GStrv) fields = g_strsplit_set (lines[i] + strlen (name), " ", -1);

        for (guint j = 0; fields[j] != NULL; j++)
          if (*fields[j] != '\0')
            return g_strdup (fields[j]);
      }
  g_assert_not_reached ();
}

/* The helper's sandbox: a build whose sanitizer maps shadow memory
 * (src/pac/meson.build) lifts the address-space limit and nothing else. */
static void
test_pac_sandbox_limits (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pids = NULL;
  g_autofree char *address_space = NULL;
  g_autofree char *open_files = NULL;
  g_autofree char *file_size = NULL;
  g_autofree char *cpu_time = NULL;
  int pid;

  pp_pac_runner_load (runner, good_script, &error);
  g_assert_no_error (error);
  pids = find_child_helpers ();
  g_assert_cmpuint (pids->len, ==, 1);
  pid = g_array_index (pids, int, 0);

  address_space = read_soft_limit (pid, "Max address space");
  open_files = read_soft_limit (pid, "Max open files");
  file_size = read_soft_limit (pid, "Max file size");
  cpu_time = read_soft_limit (pid, "Max cpu time");
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  {
    g_autofree char *own_address_space = read_soft_limit (getpid (), "Max address space");

    g_assert_cmpstr (address_space, ==, own_address_space);
  }
#else
  g_assert_cmpstr (address_space, ==, "268435456");
#endif
  g_assert_cmpstr (open_files, ==, "16");
  g_assert_cmpstr (file_size, ==, "0");
  g_assert_cmpstr (cpu_time, ==, "60");
}

/* The helper ends cleanly when its parent closes the pipe: status 0 and
 * nothing on stderr, after alert() and DNS look-ups filled its logs. In
 * the sanitizer build this is where LeakSanitizer checks the helper (the
 * runner kills it instead). */
static void
test_pac_helper_clean_exit (void)
{
  const char *requests =
    "{\"op\":\"load\",\"script\":\"function FindProxyForURL(u, h) "
    "{ alert('a'); dnsResolve('localhost'); return 'DIRECT'; }\"}\n"
    "{\"op\":\"find\",\"url\":\"https://a.invalid/\",\"host\":\"a.invalid\"}\n"
    "{\"op\":\"find\",\"url\":\"https://b.invalid/\",\"host\":\"b.invalid\"}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                    G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                    g_getenv ("PROXYPROBE_PAC_HELPER"), NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (helper, requests, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "\"result\":\"DIRECT\""));
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_subprocess_get_if_exited (helper));
  g_assert_cmpint (g_subprocess_get_exit_status (helper), ==, 0);
}

/* One helper, several worker threads: requests must not interleave. */
static void
test_pac_threads (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  GThread *threads[4];

  pp_pac_runner_load (runner, oracle_script, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("pac-test", find_many_worker, runner);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
test_pac_errors (void)
{
  g_autoptr(PpPacRunner) runner = pp_pac_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PROXYPROBE_PAC_HELPER"));

  g_assert_false (pp_pac_runner_find_proxy (runner, "http://a.invalid/", NULL, NULL, NULL, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_NOT_LOADED);
  g_clear_error (&error);

  g_setenv ("PROXYPROBE_PAC_HELPER", "/nonexistent/proxyprobe-pac-helper", TRUE);
  g_assert_false (pp_pac_runner_load (runner, good_script, &error));
  g_assert_error (error, PP_PAC_ERROR, PP_PAC_ERROR_HELPER);
  g_test_message ("%s", error->message);
  g_setenv ("PROXYPROBE_PAC_HELPER", saved, TRUE);
  assert_still_works (runner);
}

/* Run last: every runner above has been finalized, so none of our children
 * may still be a PAC helper. A live runner shows that the check sees one. */
static void
test_pac_no_leftover_helper (void)
{
  PpPacRunner *runner;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_child_helpers (), ==, 0);
  runner = pp_pac_runner_new ();
  pp_pac_runner_load (runner, good_script, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_child_helpers (), ==, 1);
  g_object_unref (runner);
  g_assert_cmpuint (count_child_helpers (), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pac/functions", test_pac_functions);
  g_test_add_func ("/pac/alerts-and-ex", test_pac_alerts_and_ex);
  g_test_add_func ("/pac/result-parse", test_pac_result_parse);
  g_test_add_func ("/pac/hostile", test_pac_hostile);
  g_test_add_func ("/pac/size-cap", test_pac_size_cap);
  g_test_add_func ("/pac/garbage-and-dns-flood", test_pac_garbage_and_dns_flood);
  g_test_add_func ("/pac/url-stripping", test_pac_url_stripping);
  g_test_add_func ("/pac/pactester", test_pac_pactester);
  g_test_add_func ("/pac/timing", test_pac_timing);
  g_test_add_func ("/pac/helper-killed", test_pac_helper_killed);
  g_test_add_func ("/pac/sandbox-limits", test_pac_sandbox_limits);
  g_test_add_func ("/pac/helper-clean-exit", test_pac_helper_clean_exit);
  g_test_add_func ("/pac/threads", test_pac_threads);
  g_test_add_func ("/pac/errors", test_pac_errors);
  g_test_add_func ("/pac/no-leftover-helper", test_pac_no_leftover_helper);

  return g_test_run ();
}
