/* test-wpad.c: WPAD discovery against real DNS and HTTP servers on loopback
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * getaddrinfo() asks the nameserver of /etc/resolv.conf. Inside run-isolated's
 * network namespace the test also takes a mount namespace of its own, and
 * mounts a resolv.conf naming the testbed's DNS server over the real one;
 * nothing leaves the namespace. The PAC files come from a small SoupServer
 * of this test, running in a thread of its own because the code under test
 * blocks.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pp-discovery.h"
#include "pp-profile-urls.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-runner.h"
#include "pp-test-probe.h"
#include "pp-testbed.h"
#include "pp-wpad.h"

#define PAC_SCRIPT "function FindProxyForURL(url, host) { return \"DIRECT\"; }\n"

/* DIRECT only when one name resolves (into 10/8) and another does not. */
#define LOOKUPS_SCRIPT \
  "function FindProxyForURL(url, host) {\n" \
  "  if (isResolvable('gone.example.test')) return 'PROXY 192.0.2.1:1';\n" \
  "  if (!isInNet(dnsResolve('intranet.example.test'), '10.0.0.0', '255.0.0.0'))\n" \
  "    return 'PROXY 192.0.2.1:1';\n" \
  "  return 'DIRECT';\n" \
  "}\n"

static PpTestbed *testbed;
static gboolean dns_ready;
static guint16 pac_port;
static char *helper_dir;    /* the counting helper (see main) and its log */
static char *helper_log;

static void
serve_redirect (SoupServerMessage *msg,
                const char        *location)
{
  soup_server_message_set_status (msg, 302, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

static void
serve_big_chunked (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autofree char *chunk = g_strnfill (64 * 1024, 'x');

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_body_append (body, SOUP_MEMORY_COPY, PAC_SCRIPT, strlen (PAC_SCRIPT));
  for (guint i = 0; i < 32; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
  soup_message_body_complete (body);
}

static void
pac_handler_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *type = "application/x-ns-proxy-autoconfig";

  if (g_str_has_prefix (path, "/redirect/"))
    {
      guint n = atoi (path + strlen ("/redirect/"));
      g_autofree char *next = n ? g_strdup_printf ("/redirect/%u", n - 1) : g_strdup ("/wpad.dat");

      serve_redirect (msg, next);
    }
  else if (g_str_equal (path, "/to-file"))
    serve_redirect (msg, "file:///etc/passwd");
  else if (g_str_equal (path, "/big-chunked.pac"))
    serve_big_chunked (msg);
  else if (g_str_equal (path, "/big.pac"))
    {
      gsize len = 2 * 1024 * 1024;
      char *body = g_strnfill (len, 'x');

      memcpy (body, PAC_SCRIPT, strlen (PAC_SCRIPT));
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, len);
    }
  else if (g_str_equal (path, "/not-pac"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>Login</h1>", 14);
    }
  else if (g_str_equal (path, "/lookups.pac"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_STATIC,
                                        LOOKUPS_SCRIPT, strlen (LOOKUPS_SCRIPT));
    }
  else if (g_str_equal (path, "/wpad.dat") || g_str_equal (path, "/text-plain.pac"))
    {
      if (g_str_equal (path, "/text-plain.pac"))
        type = "text/plain; charset=utf-8";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_STATIC,
                                        PAC_SCRIPT, strlen (PAC_SCRIPT));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static char *
pac_url (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%d%s", pac_port, path);
}

/* Only a process of its own may change what /etc/resolv.conf is. */
static gboolean
use_testbed_dns (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (g_getenv ("PP_TEST_ISOLATED") == NULL)
    return FALSE;
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_printerr ("# no mount namespace: %s\n", g_strerror (errno));
      return FALSE;
    }
  fd = g_file_open_tmp ("pp-resolv-XXXXXX.conf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n", -1, &error);
  g_assert_no_error (error);
  if (mount (path, "/etc/resolv.conf", NULL, MS_BIND, NULL) != 0)
    {
      g_printerr ("# cannot mount over /etc/resolv.conf: %s\n", g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
skip_without_dns (void)
{
  if (dns_ready && pp_testbed_get_dns (testbed) != NULL)
    return FALSE;
  g_test_skip ("needs the testbed's DNS server as resolver (run-isolated as root)");

  return TRUE;
}

static guint
n_queries (void)
{
  g_auto(GStrv) queries = pp_testbed_dns_get_queries (pp_testbed_get_dns (testbed));

  return g_strv_length (queries);
}

/* The names asked since @from, first occurrences only (A and AAAA). */
static GStrv
queries_since (guint from)
{
  g_auto(GStrv) queries = pp_testbed_dns_get_queries (pp_testbed_get_dns (testbed));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = from; queries[i] != NULL; i++)
    {
      if (g_ptr_array_find_with_equal_func (seen, queries[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, queries[i]);
      g_strv_builder_add (builder, queries[i]);
    }

  return g_strv_builder_end (builder);
}

static void
assert_strv (const char * const *actual,
             const char * const *expected)
{
  g_autofree char *a = g_strjoinv (" ", (char **) actual);
  g_autofree char *e = g_strjoinv (" ", (char **) expected);

  g_assert_cmpstr (a, ==, e);
}

static void
test_devolve (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uk = pp_wpad_devolve ("A.b.corp.example.co.uk.", &error);
  g_auto(GStrv) suffix = pp_wpad_devolve ("co.uk", &error);
  g_auto(GStrv) test = pp_wpad_devolve ("example.test", &error);

  g_assert_no_error (error);
  assert_strv ((const char * const *) uk, (const char *[]) {
    "wpad.a.b.corp.example.co.uk.", "wpad.b.corp.example.co.uk.",
    "wpad.corp.example.co.uk.", "wpad.example.co.uk.", NULL });
  g_assert_cmpuint (g_strv_length (suffix), ==, 0);
  assert_strv ((const char * const *) test, (const char *[]) { "wpad.example.test.", NULL });
}

static void
test_resolv_conf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("pp-wpad-XXXXXX", &error);
  g_autofree char *etc = g_build_filename (root, "etc", NULL);
  g_autofree char *path = g_build_filename (etc, "resolv.conf", NULL);
  g_auto(GStrv) domains = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (etc, 0755), ==, 0);
  g_file_set_contents (path, "nameserver 10.0.0.1\ndomain old.test\n"
                             "search corp.example.test\tother.example \n", -1, &error);
  g_assert_no_error (error);
  domains = pp_wpad_read_search_domains (root);
  assert_strv ((const char * const *) domains,
               (const char *[]) { "corp.example.test", "other.example", NULL });
  g_remove (path);
  g_remove (etc);
  g_remove (root);
}

static void
test_devolution_order (void)
{
  const char *search[] = { "a.b.corp.example.test", NULL };
  PpWpadOptions options = { .search_domains = search, .wpad_port = pac_port };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) asked = NULL;
  g_autofree char *log = NULL;
  guint before;

  if (skip_without_dns ())
    return;
  pp_testbed_dns_add_a (pp_testbed_get_dns (testbed), "wpad.example.test", "127.0.0.1");
  before = n_queries ();
  g_assert_true (pp_wpad_discover (&options, &result, &error));
  g_assert_no_error (error);

  asked = queries_since (before);
  assert_strv ((const char * const *) asked, (const char *[]) {
    "wpad.a.b.corp.example.test", "wpad.b.corp.example.test",
    "wpad.corp.example.test", "wpad.example.test", NULL });
  g_assert_cmpstr (result->provenance, ==, "DNS: wpad.example.test.");
  g_assert_cmpstr (result->script, ==, PAC_SCRIPT);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (result->log->len, ==, 5);
  log = pp_wpad_format_log (result->log);
  g_assert_nonnull (strstr (log, " 4. DNS   wpad.example.test.: 127.0.0.1"));
  g_assert_nonnull (strstr (log, " 5. fetch http://wpad.example.test:"));
}

static void
test_psl_stop (void)
{
  const char *search[] = { "x.shop.example.co.uk", "co.uk", "corp.example", NULL };
  PpWpadOptions options = { .search_domains = search, .wpad_port = pac_port };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) asked = NULL;
  guint before;

  if (skip_without_dns ())
    return;
  before = n_queries ();
  g_assert_false (pp_wpad_discover (&options, &result, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "no WPAD server found: DHCP gave no WPAD URL; search domain 'co.uk' is a "
                   "public suffix, so it was not tried; wpad.x.shop.example.co.uk, "
                   "wpad.shop.example.co.uk, wpad.example.co.uk, wpad.corp.example did not resolve");

  asked = queries_since (before);
  g_assert_false (g_strv_contains ((const char * const *) asked, "wpad.co.uk"));
  g_assert_false (g_strv_contains ((const char * const *) asked, "wpad.uk"));
  g_assert_false (g_strv_contains ((const char * const *) asked, "wpad.example"));
  g_assert_true (g_strv_contains ((const char * const *) asked, "wpad.example.co.uk"));
  g_assert_null (result->script);
}

static void
test_dhcp_first (void)
{
  const char *search[] = { "dhcp.example.test", NULL };
  g_autofree char *url = pac_url ("/text-plain.pac");
  PpWpadDhcpUrl dhcp[] = { { url, -1, "NetworkManager, eth0, option 252" } };
  PpWpadOptions options = { .dhcp_urls = dhcp, .n_dhcp_urls = 1, .search_domains = search };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = dns_ready ? n_queries () : 0;

  g_assert_true (pp_wpad_discover (&options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->pac_url, ==, url);
  g_assert_cmpstr (result->provenance, ==, "DHCP: NetworkManager, eth0, option 252");
  g_assert_cmpuint (result->log->len, ==, 2);
  /* A wrong MIME type is worth a warning, not a failure. */
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (result->warnings->pdata[0], "'text/plain'"));
  if (dns_ready)
    g_assert_cmpuint (n_queries (), ==, before);
}

static void
test_dhcp_refused (void)
{
  const char *no_search[] = { NULL };
  g_autofree char *good = pac_url ("/wpad.dat");
  g_autofree char *newline = g_strconcat (good, "\nX-Evil: 1", NULL);
  g_autofree char *nul = g_strconcat (good, "#http://evil.test/wpad.dat", NULL);
  g_autofree char *trailing = g_strconcat (good, "#", NULL);
  PpWpadDhcpUrl dhcp[] = {
    { newline, -1, "leases, eth0" },
    { nul, strlen (nul), "leases, eth1" },
    { "file:///etc/wpad.dat", -1, "leases, eth2" },
    { trailing, strlen (trailing), "leases, eth3" },
  };
  PpWpadOptions options = { .dhcp_urls = dhcp, .n_dhcp_urls = 3, .search_domains = no_search };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(PpWpadResult) trailing_result = NULL;
  g_autoptr(GError) error = NULL;

  nul[strlen (good)] = '\0';
  trailing[strlen (good)] = '\0';
  g_assert_false (pp_wpad_discover (&options, &result, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "\\nX-Evil: 1 (leases, eth0) was refused"));
  g_assert_nonnull (strstr (error->message, "'file:///etc/wpad.dat' is not an http or https URL"));
  g_assert_nonnull (strstr (error->message, "no DNS search domain is configured"));
  g_assert_cmpuint (result->log->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_false (((PpWpadStep *) result->log->pdata[i])->ok);
  g_clear_error (&error);

  /* A NUL that only ends the value, as Windows DHCP servers send it, is fine. */
  options.dhcp_urls = &dhcp[3];
  options.n_dhcp_urls = 1;
  g_assert_true (pp_wpad_discover (&options, &trailing_result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trailing_result->pac_url, ==, good);
}

/* A DHCP option is raw bytes: controls, C1, bidirectional overrides and
 * bytes that are not UTF-8 are all shown escaped in the log and the
 * message (only ASCII controls were), so neither a terminal nor a ticket
 * gets them raw. */
static void
test_dhcp_bytes_escaped (void)
{
  const char *no_search[] = { NULL };
  static const char value[] = "ftp://x\xe2\x80\xae\xc2\x9b\xff\ty";
  PpWpadDhcpUrl dhcp[] = { { value, sizeof value - 1, "leases, eth0" } };
  PpWpadOptions options = { .dhcp_urls = dhcp, .n_dhcp_urls = 1, .search_domains = no_search };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PpWpadStep *step;

  g_assert_false (pp_wpad_discover (&options, &result, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "DHCP URL ftp://x\\u202e\\u009b\\xff\\x09y (leases, eth0) "
                                            "was refused"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, "\xe2\x80\xae"));
  step = result->log->pdata[0];
  g_assert_cmpstr (step->tried, ==, "ftp://x\\u202e\\u009b\\xff\\x09y");
}

static void
assert_fetch_fails (const char *path,
                    int         code,
                    const char *message_part)
{
  g_autofree char *url = pac_url (path);
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pp_wpad_fetch_pac (url, NULL, &script, NULL, &error));
  g_assert_error (error, PP_WPAD_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (script);
}

static void
test_fetch_errors (void)
{
  assert_fetch_fails ("/big.pac", PP_WPAD_ERROR_TOO_LARGE, "larger than 1 MiB");
  assert_fetch_fails ("/big-chunked.pac", PP_WPAD_ERROR_TOO_LARGE, "larger than 1 MiB");
  assert_fetch_fails ("/not-pac", PP_WPAD_ERROR_NOT_PAC, "does not define FindProxyForURL");
  assert_fetch_fails ("/missing", PP_WPAD_ERROR_HTTP_STATUS, "answered HTTP 404");
  assert_fetch_fails ("/to-file", PP_WPAD_ERROR_REDIRECT, "other than http or https");
  assert_fetch_fails ("/redirect/3", PP_WPAD_ERROR_REDIRECT, "more than 3 times");
}

static void
test_fetch_ok (void)
{
  g_autofree char *url = pac_url ("/redirect/2");
  g_autofree char *script = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_wpad_fetch_pac (url, NULL, &script, &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (script, ==, PAC_SCRIPT);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_fetch_timeout (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/wpad.dat",
                                          pp_testbed_get_blackhole_port (testbed));
  PpWpadOptions options = { .total_timeout_ms = 2000 };
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_assert_false (pp_wpad_fetch_pac (url, &options, &script, NULL, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
}

static void
test_pac_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  int fd = g_file_open_tmp ("pp-wpad-XXXXXX.pac", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, PAC_SCRIPT, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pp_wpad_load_pac_file (path, &script, &error));
  g_assert_cmpstr (script, ==, PAC_SCRIPT);
  g_clear_pointer (&script, g_free);

  g_file_set_contents (path, "<html>", -1, &error);
  g_assert_false (pp_wpad_load_pac_file (path, &script, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_PAC);
  g_clear_error (&error);

  /* Too big is told before reading: a sparse file reads as zeros. */
  g_assert_cmpint (truncate (path, 2 * PP_WPAD_MAX_PAC_SIZE), ==, 0);
  g_assert_false (pp_wpad_load_pac_file (path, &script, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 1 MiB"));
  g_clear_error (&error);
  g_remove (path);
}

/* Not a file at all is its own finding, not "too large". */
static void
test_pac_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;

  g_assert_false (pp_wpad_load_pac_file (g_get_tmp_dir (), &script, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "is a directory, not a file"));
  g_clear_error (&error);

  g_assert_false (pp_wpad_load_pac_file ("/dev/zero", &script, &error));
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "/dev/zero is a device, pipe or socket"));
  g_assert_null (script);
}

/* A DNS server that never answers: discovery gives up when its own time
 * is up, says which name and what to check, and tries no further name. */
static void
test_dns_timeout (void)
{
  const char *search[] = { "slow.example.test", "other.example.test", NULL };
  PpWpadOptions options = { .search_domains = search, .wpad_port = pac_port,
                            .total_timeout_ms = 600 };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) asked = NULL;
  gint64 started;
  guint before;

  if (skip_without_dns ())
    return;
  pp_testbed_dns_add_silent (pp_testbed_get_dns (testbed), "wpad.slow.example.test");
  before = n_queries ();
  started = g_get_monotonic_time ();
  g_assert_false (pp_wpad_discover (&options, &result, &error));
  g_test_message ("gave up after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / 1000);
  /* The resolver's own timeout (1 s here) would come later. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 950 * G_TIME_SPAN_MILLISECOND);
  g_assert_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer for wpad.slow.example.test."));
  g_assert_nonnull (strstr (error->message, "/etc/resolv.conf"));

  asked = queries_since (before);
  g_assert_true (g_strv_contains ((const char * const *) asked, "wpad.slow.example.test"));
  g_assert_false (g_strv_contains ((const char * const *) asked, "wpad.other.example.test"));
  g_assert_nonnull (result);
  log = pp_wpad_format_log (result->log);
  g_assert_nonnull (strstr (log, " 1. DNS   wpad.slow.example.test.: did not resolve (the DNS server"));
}

typedef struct
{
  GCancellable *cancellable;
  guint delay_ms;
} CancelLater;

static gpointer
cancel_later_thread (gpointer data)
{
  CancelLater *later = data;

  g_usleep (later->delay_ms * 1000);
  g_cancellable_cancel (later->cancellable);

  return NULL;
}

/* Cancelling stops discovery within moments, in a DNS lookup that would
 * otherwise wait out the resolver and in a fetch that would otherwise
 * wait out the whole discovery time. */
static void
assert_cancel_stops (PpWpadOptions *options,
                     const char    *phrase)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelLater later = { cancellable, 250 };
  g_autoptr(PpWpadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;

  options->cancellable = cancellable;
  thread = g_thread_new ("cancel-later", cancel_later_thread, &later);
  g_assert_false (pp_wpad_discover (options, &result, &error));
  elapsed = g_get_monotonic_time () - started;
  g_thread_join (g_steal_pointer (&thread));
  g_test_message ("cancelled at 250 ms, returned at %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 700 * G_TIME_SPAN_MILLISECOND);
  if (strstr (error->message, phrase) == NULL)
    g_error ("expected \"%s\" in \"%s\"", phrase, error->message);
}

static void
test_cancel (void)
{
  g_autofree char *hang = pp_testbed_http_url (testbed, "/hang");
  const PpWpadDhcpUrl dhcp[] = { { hang, -1, "test DHCP" } };
  const char *search[] = { "stuck.example.test", NULL };
  PpWpadOptions fetching = { .dhcp_urls = dhcp, .n_dhcp_urls = 1, .search_domains = search };
  PpWpadOptions looking_up = { .search_domains = search, .wpad_port = pac_port };

  /* The fetch needs no DNS: it runs even where the testbed's is absent. */
  assert_cancel_stops (&fetching, "fetching http://127.0.0.1:");
  if (skip_without_dns ())
    return;
  pp_testbed_dns_add_silent (pp_testbed_get_dns (testbed), "wpad.stuck.example.test");
  assert_cancel_stops (&looking_up, "cancel");
}

/* Makes PROXYPROBE_PAC_HELPER a script that notes each start in a log,
 * then becomes the real helper: how many helpers a run starts. Called
 * before any thread exists, since it changes the environment. */
static void
use_counting_helper (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  helper_dir = g_dir_make_tmp ("pp-wpad-helper-XXXXXX", &error);
  g_assert_no_error (error);
  helper_log = g_build_filename (helper_dir, "starts", NULL);
  path = g_build_filename (helper_dir, "counting-helper", NULL);
  text = g_strdup_printf ("#!/bin/sh\necho start >> '%s'\nexec '%s' \"$@\"\n",
                          helper_log, pp_pac_helper_path ());
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  g_setenv ("PROXYPROBE_PAC_HELPER", path, TRUE);
}

static void
remove_counting_helper (void)
{
  g_autofree char *path = g_build_filename (helper_dir, "counting-helper", NULL);

  g_remove (path);
  g_remove (helper_log);
  g_rmdir (helper_dir);
  g_free (helper_log);
  g_free (helper_dir);
}

static guint
count_helper_starts (void)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  if (!g_file_get_contents (helper_log, &contents, NULL, NULL))
    return 0;
  for (const char *c = contents; *c; c++)
    n += *c == '\n';

  return n;
}

/* A sysroot whose dhclient lease names @url as WPAD (option 252). */
static char *
make_lease_sysroot (const char *dir,
                    const char *url)
{
  char *root = g_build_filename (dir, "sysroot", NULL);
  g_autofree char *leases = g_build_filename (root, "var/lib/dhcp", NULL);
  g_autofree char *file = g_build_filename (leases, "dhclient.eth0.leases", NULL);
  g_autofree char *lease = g_strdup_printf ("lease {\n  option wpad \"%s\";\n}\n", url);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (leases, 0755), ==, 0);
  g_file_set_contents (file, lease, -1, &error);
  g_assert_no_error (error);

  return root;
}

static GPtrArray *
run_wpad (PpConfig *config,
          PpPlan   *plan)
{
  g_autoptr(PpTrust) trust = pp_trust_new (&(PpTrustOptions) { 0 }, NULL);
  g_autoptr(PpRunner) runner = pp_runner_new (config, trust);

  return pp_test_probe_run_plan (runner, plan, NULL);
}

static PpPlan *
wpad_plan (const char *url)
{
  const char *urls[] = { url, NULL };
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  PpMethod wpad = PP_METHOD_WPAD;

  g_array_append_val (methods, wpad);

  return pp_plan_new (profile, methods);
}

/* The GUI's way (pp-detect.c): discovery finds a PAC through DHCP, the
 * configuration is built, a wpad probe runs. The script is loaded in one
 * helper only, and the probe reports the script's look-ups, answered by
 * the testbed's DNS server. */
static void
test_discovery_pac_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = pac_url ("/lookups.pac");
  g_autofree char *sysroot = make_lease_sysroot (pp_testbed_get_dir (testbed), url);
  g_autofree char *target = pp_testbed_http_url (testbed, "/status/200");
  guint starts = count_helper_starts ();
  g_auto(PpDiscovery) discovery = { 0 };
  PpConfigOptions options = { .sysroot = sysroot };
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpPlan) plan = wpad_plan (target);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(PpRunResults) run_results = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lookups = NULL;
  PpProbeResult *result;

  if (skip_without_dns ())
    return;
  pp_testbed_dns_add_a (pp_testbed_get_dns (testbed), "intranet.example.test", "10.20.30.40");

  pp_discovery_find_wpad (&discovery, sysroot, NULL);
  g_assert_cmpstr (discovery.script, ==, LOOKUPS_SCRIPT);
  options.discovery = &discovery;
  config = pp_config_new (&options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_helper_starts () - starts, ==, 1);

  results = run_wpad (config, plan);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (pp_outcome_to_id (result->outcome), ==, "ok");
  g_assert_cmpuint (count_helper_starts () - starts, ==, 1);

  g_assert_nonnull (result->pac_lookups);
  lookups = g_strjoinv ("\n", result->pac_lookups);
  g_test_message ("look-ups:\n%s", lookups);
  g_assert_cmpuint (g_strv_length (result->pac_lookups), ==, 2);
  g_assert_true (g_str_has_prefix (result->pac_lookups[0], "gone.example.test → no address ("));
  g_assert_true (g_str_has_prefix (result->pac_lookups[1], "intranet.example.test → 10.20.30.40 ("));

  run_results = pp_run_results_new_finished (plan, results);
  json = pp_report_json_format (run_results, config);
  g_assert_nonnull (strstr (json, "\"pac_lookups\" : [\n"));
  g_assert_nonnull (strstr (json, "\"intranet.example.test → 10.20.30.40 ("));
  text = pp_report_text_format (run_results);
  g_assert_nonnull (strstr (text, "DNS look-ups of the PAC script (wpad):\n  "));
  g_assert_nonnull (strstr (text, "\n    intranet.example.test → 10.20.30.40 ("));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before any thread exists: the mount namespace is per process. */
  dns_ready = use_testbed_dns ();
  use_counting_helper ();
  g_test_init (&argc, &argv, NULL);

  testbed = pp_testbed_new ();
  pac_port = pp_testbed_serve_in_thread (pac_handler_cb, NULL);

  g_test_add_func ("/wpad/devolve", test_devolve);
  g_test_add_func ("/wpad/resolv-conf", test_resolv_conf);
  g_test_add_func ("/wpad/devolution-order", test_devolution_order);
  g_test_add_func ("/wpad/psl-stop", test_psl_stop);
  g_test_add_func ("/wpad/dhcp-first", test_dhcp_first);
  g_test_add_func ("/wpad/dhcp-refused", test_dhcp_refused);
  g_test_add_func ("/wpad/dhcp-bytes-escaped", test_dhcp_bytes_escaped);
  g_test_add_func ("/wpad/fetch-ok", test_fetch_ok);
  g_test_add_func ("/wpad/fetch-errors", test_fetch_errors);
  g_test_add_func ("/wpad/fetch-timeout", test_fetch_timeout);
  g_test_add_func ("/wpad/dns-timeout", test_dns_timeout);
  g_test_add_func ("/wpad/cancel", test_cancel);
  g_test_add_func ("/wpad/pac-file", test_pac_file);
  g_test_add_func ("/wpad/pac-not-a-file", test_pac_not_a_file);
  g_test_add_func ("/wpad/discovery-pac-once", test_discovery_pac_once);

  status = g_test_run ();
  pp_testbed_free (testbed);
  remove_counting_helper ();

  return status;
}
