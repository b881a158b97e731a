/* test-testbed.c: the testbed itself, checked with libsoup and GSocketClient
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "pp-testbed.h"

#define CONCURRENT_REQUESTS 500

/* Benchmarks open one connection per probe, run after run: the server's
 * descriptors must come back after each, whatever the kind of client. */
#define SEPARATE_HTTP_CONNECTIONS 300
#define SEPARATE_HTTPS_CONNECTIONS 50
#define FD_SLACK 8
#define FD_SETTLE_S 3

static PpTestbed *testbed;

/* Every session names its proxy (or none) explicitly: an http_proxy in the
 * environment must not take the tests' traffic anywhere. */
static SoupSession *
session_new (const char *ca_file,
             const char *proxy_url)
{
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
  g_autoptr(GError) error = NULL;
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", 10,
                                           "proxy-resolver", resolver,
                                           "max-conns", CONCURRENT_REQUESTS + 10,
                                           "max-conns-per-host", CONCURRENT_REQUESTS + 10,
                                           NULL);
  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      g_assert_no_error (error);
      soup_session_set_tls_database (session, database);
    }

  return session;
}

static SoupMessage *
fetch (SoupSession *session,
       const char  *method,
       const char  *url,
       char       **body)
{
  SoupMessage *msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "",
                       g_bytes_get_size (bytes));

  return msg;
}

static void
test_http_status (void)
{
  g_autoptr(SoupSession) session = session_new (NULL, NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/404");
  g_autofree char *head_url = pp_testbed_http_url (testbed, "status/200");
  g_autofree char *body = NULL;
  g_autofree char *head_body = NULL;
  g_autoptr(SoupMessage) msg = fetch (session, "GET", url, &body);
  g_autoptr(SoupMessage) head = fetch (session, "HEAD", head_url, &head_body);

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  g_assert_cmpstr (body, ==, "status 404");
  g_assert_cmpuint (soup_message_get_status (head), ==, 200);
  g_assert_cmpstr (head_body, ==, "");
}

static void
test_http_redirect (void)
{
  g_autoptr(SoupSession) session = session_new (NULL, NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/redirect/3");
  g_autoptr(SoupMessage) followed = fetch (session, "GET", url, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  const char *location;

  g_assert_cmpuint (soup_message_get_status (followed), ==, 200);
  g_assert_true (g_str_has_suffix (g_uri_get_path (soup_message_get_uri (followed)),
                                   "/status/200"));

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  bytes = soup_session_send_and_read (session, msg, NULL, NULL);
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_suffix (location, "/redirect/2"));
}

static void
test_http_echo (void)
{
  g_autoptr(SoupSession) session = session_new (NULL, NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/echo");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg),
                               "X-Probe-Test", "echo me");
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "X-Probe-Test: echo me\n"));
}

static void
test_http_delay (void)
{
  g_autoptr(SoupSession) session = session_new (NULL, NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/delay/200/status/503");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SoupMessage) msg = fetch (session, "GET", url, NULL);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 503);
  g_assert_cmpint (elapsed, >=, 200 * 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

static GSocketConnection *
connect_raw (guint16   port,
             guint     timeout_s,
             GError  **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, timeout_s);
  return g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, error);
}

/* Sends a request and checks that no byte comes back within @wait_ms. */
static void
assert_silent (guint16     port,
               const char *request,
               guint       wait_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = connect_raw (port, 5, &error);
  GSocket *socket;

  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_socket_send (socket, request, strlen (request), NULL, &error);
  g_assert_no_error (error);

  g_assert_false (g_socket_condition_timed_wait (socket, G_IO_IN, wait_ms * 1000,
                                                 NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
test_http_hang (void)
{
  assert_silent (pp_testbed_get_http_port (testbed),
                 "GET /hang HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 300);
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  SoupSession *session = SOUP_SESSION (source);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);
  guint *pending = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  (*pending)--;
}

/* Hundreds of requests at once, all waiting on the server together: if
 * the server handled them one by one this would take minutes. */
static void
test_http_concurrent (void)
{
  g_autoptr(SoupSession) session = session_new (NULL, NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/delay/300");
  gint64 start = g_get_monotonic_time ();
  guint pending = CONCURRENT_REQUESTS;

  for (guint i = 0; i < CONCURRENT_REQUESTS; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        request_done_cb, &pending);
    }

  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%u concurrent /delay/300 requests took %.3f s", CONCURRENT_REQUESTS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static char *
issuer_of (SoupMessage *msg)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (msg);

  g_assert_nonnull (certificate);
  return g_tls_certificate_get_issuer_name (certificate);
}

static void
test_https (void)
{
  g_autoptr(SoupSession) session = session_new (pp_testbed_get_ca_file (testbed), NULL);
  g_autoptr(SoupSession) untrusting = session_new (pp_testbed_get_bump_ca_file (testbed), NULL);
  g_autofree char *url = pp_testbed_https_url (testbed, "/status/200");
  g_autoptr(SoupMessage) msg = fetch (session, "GET", url, NULL);
  g_autoptr(SoupMessage) refused = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = issuer_of (msg);

  g_assert_true (g_str_has_prefix (url, "https://localhost:"));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (issuer, "Proxy Probe Test Root CA"));

  bytes = soup_session_send_and_read (untrusting, refused, NULL, &error);
  g_assert_null (bytes);
  g_assert_true (error->domain == G_TLS_ERROR);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

/* Earlier tests' sessions leave connections behind for the server to
 * close: the count once it has. */
static guint
count_open_fds_settled (void)
{
  guint count = count_open_fds ();
  guint previous;

  do
    {
      previous = count;
      g_usleep (G_USEC_PER_SEC);
      count = count_open_fds ();
    }
  while (count < previous);

  return count;
}

/* One GET /status/200 on @stream, read to the end of its body: the
 * connection stays open for another (HTTP/1.1 keep-alive). */
static void
exchange (GIOStream *stream)
{
  const char request[] = "GET /status/200 HTTP/1.1\r\nHost: localhost\r\n\r\n";
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char buffer[1024];

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), request,
                             strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  while (!g_str_has_suffix (answer->str, "\r\n\r\nstatus 200"))
    {
      gssize n = g_input_stream_read (g_io_stream_get_input_stream (stream),
                                      buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (answer, buffer, n);
    }
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));
}

static void
exchange_and_close (GIOStream *stream)
{
  g_autoptr(GError) error = NULL;

  exchange (stream);
  g_io_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
}

static GIOStream *
connect_tls (guint16       port,
             GTlsDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = connect_raw (port, 10, &error);
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("localhost", port);
  GIOStream *tls;

  g_assert_no_error (error);
  tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);

  return tls;
}

/* Clients that close their keep-alive connection after one request, each
 * on a connection of its own (a TLS client with close_notify first): the
 * server must close its ends too, or every run leaves descriptors behind
 * until the open-files limit. */
static void
test_connections_closed (void)
{
  guint16 http_port = pp_testbed_get_http_port (testbed);
  guint16 https_port = pp_testbed_get_https_port (testbed);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_open_fds_settled ();
  gint64 deadline;
  guint after;

  database = g_tls_file_database_new (pp_testbed_get_ca_file (testbed), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < SEPARATE_HTTP_CONNECTIONS; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_raw (http_port, 10, &error);

      g_assert_no_error (error);
      exchange_and_close (G_IO_STREAM (connection));
    }
  for (guint i = 0; i < SEPARATE_HTTPS_CONNECTIONS; i++)
    {
      g_autoptr(GIOStream) tls = connect_tls (https_port, database);

      exchange_and_close (tls);
    }

  deadline = g_get_monotonic_time () + FD_SETTLE_S * G_USEC_PER_SEC;
  while ((after = count_open_fds ()) > before + FD_SLACK &&
         g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 20);

  g_test_message ("open descriptors: %u before, %u after %u connections",
                  before, after, SEPARATE_HTTP_CONNECTIONS + SEPARATE_HTTPS_CONNECTIONS);
  g_assert_cmpuint (after, <=, before + FD_SLACK);
}

/* Keep-alive still works across a pause of a few checks, and a connection
 * its client leaves idle is closed by the server after the idle timeout. */
static void
test_connections_idle (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection =
    connect_raw (pp_testbed_get_http_port (testbed), 10, &error);
  GSocket *socket;
  gint64 idle_start;
  char byte;

  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  exchange (G_IO_STREAM (connection));
  g_usleep (3 * G_USEC_PER_SEC / 2);
  exchange (G_IO_STREAM (connection));

  idle_start = g_get_monotonic_time ();
  g_assert_true (g_socket_condition_timed_wait (socket, G_IO_IN,
                                                (PP_TESTBED_IDLE_TIMEOUT_S + 2) * G_USEC_PER_SEC,
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (socket, &byte, 1, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - idle_start, >=,
                   PP_TESTBED_IDLE_TIMEOUT_S * G_USEC_PER_SEC - G_USEC_PER_SEC / 10);
}

static void
test_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection =
    connect_raw (pp_testbed_get_closed_port (testbed), 5, &error);

  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_blackhole (void)
{
  assert_silent (pp_testbed_get_blackhole_port (testbed),
                 "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1000);
}

static void
test_syn_drop (void)
{
  guint16 port = pp_testbed_get_syn_drop_port (testbed);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = connect_raw (port, 1, &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
}

static SoupMessage *
fetch_through (PpSquidKind   kind,
               const char   *ca_file,
               const char   *url,
               const char   *authorization,
               GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *proxy = pp_testbed_squid_url (testbed, kind);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg = soup_message_new ("GET", url);

  g_test_message ("squid (%s) ready after %.3f s", pp_squid_kind_to_string (kind),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  session = session_new (ca_file, proxy);
  if (authorization != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg),
                                 "Proxy-Authorization", authorization);
  bytes = soup_session_send_and_read (session, msg, NULL, error);

  return msg;
}

static const char *
response_header (SoupMessage *msg,
                 const char  *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}

static void
test_squid_open (void)
{
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = fetch_through (PP_SQUID_OPEN, NULL, url, NULL, &error);
  g_autoptr(SoupMessage) tunnel = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (response_header (msg, "Via"));

  /* CONNECT to a port other than 443, end to end with the origin's CA. */
  tunnel = fetch_through (PP_SQUID_OPEN, pp_testbed_get_ca_file (testbed), https, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (tunnel), ==, 200);
}

static void
test_squid_auth (void)
{
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *pair = g_strdup_printf ("%s:%s", pp_testbed_get_squid_user (testbed),
                                           pp_testbed_get_squid_password (testbed));
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strdup_printf ("Basic %s", encoded);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) refused = fetch_through (PP_SQUID_AUTH, NULL, url, NULL, &error);
  g_autoptr(SoupMessage) allowed = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (refused), ==, 407);
  g_assert_nonnull (response_header (refused, "Proxy-Authenticate"));

  allowed = fetch_through (PP_SQUID_AUTH, NULL, url, authorization, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (allowed), ==, 200);
}

static void
test_squid_deny (void)
{
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = fetch_through (PP_SQUID_DENY, NULL, url, NULL, &error);
  const char *squid_error;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
  squid_error = response_header (msg, "X-Squid-Error");
  g_assert_nonnull (squid_error);
  g_assert_true (g_str_has_prefix (squid_error, "ERR_ACCESS_DENIED"));
}

/* Through the bumping squid the origin's certificate is replaced by one
 * from the inspection CA: trusted with that CA, refused with the test CA. */
static void
test_squid_bump (void)
{
  g_autofree char *https = pp_testbed_https_url (testbed, "/status/200");
  g_autofree char *http = pp_testbed_http_url (testbed, "/status/200");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) plain = fetch_through (PP_SQUID_BUMP, NULL, http, NULL, &error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) refused = NULL;
  g_autofree char *issuer = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (plain), ==, 200);

  msg = fetch_through (PP_SQUID_BUMP, pp_testbed_get_bump_ca_file (testbed), https, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  issuer = issuer_of (msg);
  g_assert_nonnull (strstr (issuer, "Contoso TLS Inspection CA"));

  refused = fetch_through (PP_SQUID_BUMP, pp_testbed_get_ca_file (testbed), https, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_TLS_ERROR);
}

static void
test_squid_same_port (void)
{
  guint16 port = pp_testbed_start_squid (testbed, PP_SQUID_OPEN);

  g_assert_cmpuint (port, ==, pp_testbed_start_squid (testbed, PP_SQUID_OPEN));
}

/* The daemon in the build tree: one JSON line, then a clean exit at the end
 * of its standard input. */
static void
test_daemon (void)
{
  const char *daemon = g_getenv ("PP_TESTBED_DAEMON");
  const char *argv[] = { daemon, "--squid", "deny", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  if (daemon == NULL)
    {
      g_test_skip ("PP_TESTBED_DAEMON is not set");
      return;
    }

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_test_message ("daemon: %s", line);
  g_assert_true (g_str_has_prefix (line, "{\"http\":\"http://127.0.0.1:"));
  g_assert_nonnull (strstr (line, "\"squid_open\":null"));
  g_assert_null (strstr (line, "\"squid_deny\":null"));
  g_assert_nonnull (strstr (line, "\"squid_user\":\"probe\""));

  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* libsoup's GSocketClient creates the default proxy resolver even when a
   * session names its own: the dummy one reads no desktop settings, so the
   * test behaves the same under any user and any proxy configuration. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);
  testbed = pp_testbed_new ();

  g_test_add_func ("/testbed/http/status", test_http_status);
  g_test_add_func ("/testbed/http/redirect", test_http_redirect);
  g_test_add_func ("/testbed/http/echo", test_http_echo);
  g_test_add_func ("/testbed/http/delay", test_http_delay);
  g_test_add_func ("/testbed/http/hang", test_http_hang);
  g_test_add_func ("/testbed/http/concurrent", test_http_concurrent);
  g_test_add_func ("/testbed/https", test_https);
  g_test_add_func ("/testbed/connections/closed", test_connections_closed);
  g_test_add_func ("/testbed/connections/idle", test_connections_idle);
  g_test_add_func ("/testbed/closed-port", test_closed_port);
  g_test_add_func ("/testbed/blackhole", test_blackhole);
  g_test_add_func ("/testbed/syn-drop", test_syn_drop);
  g_test_add_func ("/testbed/squid/open", test_squid_open);
  g_test_add_func ("/testbed/squid/auth", test_squid_auth);
  g_test_add_func ("/testbed/squid/deny", test_squid_deny);
  g_test_add_func ("/testbed/squid/bump", test_squid_bump);
  g_test_add_func ("/testbed/squid/same-port", test_squid_same_port);
  g_test_add_func ("/testbed/daemon", test_daemon);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
