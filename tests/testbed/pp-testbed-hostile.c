/* pp-testbed-hostile.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-hostile.h"

#include <gio/gio.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_HEAD       (64 * 1024)
#define HUGE_LINE      (1024 * 1024)
#define BOMB_ZEROS     (32 * 1024 * 1024)
/* No connection outlives this, whatever the client does. */
#define SOCKET_TIMEOUT_S 30

typedef enum
{
  ROLE_ORIGIN,   /* a direct request, or one inside a tunnel */
  ROLE_PROXY,    /* a plain-http request sent to a proxy */
  ROLE_CONNECT,  /* a CONNECT request */
} Role;

static GBytes *gzip_bomb;

static gboolean
send_bytes (GSocket    *socket,
            const char *data,
            gsize       len)
{
  while (len > 0)
    {
      gssize n = g_socket_send_with_blocking (socket, data, len, TRUE, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

static gboolean
send_text (GSocket    *socket,
           const char *text)
{
  return send_bytes (socket, text, strlen (text));
}

/* Reads until the client leaves: a peer that never answers. */
static void
hold (GSocket *socket)
{
  char buffer[4096];

  while (g_socket_receive_with_blocking (socket, buffer, sizeof buffer, TRUE, NULL, NULL) > 0)
    ;
}

/* SO_LINGER 0 turns the close into a RST. */
static void
reset (GSocket *socket)
{
  struct linger linger = { 1, 0 };

  setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_socket_close (socket, NULL);
}

/* The request head, NULL when the client left or sent no HTTP. */
static char *
read_head (GSocket *socket)
{
  g_autoptr(GString) head = g_string_new (NULL);
  char c;

  while (head->len < MAX_HEAD)
    {
      if (g_socket_receive_with_blocking (socket, &c, 1, TRUE, NULL, NULL) != 1)
        return NULL;
      /* A TLS handshake record: this is someone's ClientHello. */
      if (head->len == 0 && c == 0x16)
        return g_strdup ("TLS");
      g_string_append_c (head, c);
      if (g_str_has_suffix (head->str, "\r\n\r\n"))
        return g_string_free (g_steal_pointer (&head), FALSE);
    }

  return NULL;
}

/* "GET /CASE/x", "GET http://CASE.test/x", "CONNECT CASE.test:80". */
static char *
case_of (const char *head,
         Role       *role)
{
  g_auto(GStrv) words = g_strsplit_set (head, " \r\n", 3);
  const char *target = words[0] && words[1] ? words[1] : "";
  const char *start;

  if (g_str_equal (words[0], "CONNECT"))
    {
      *role = ROLE_CONNECT;
      start = target;
    }
  else if (g_str_has_prefix (target, "http://"))
    {
      *role = ROLE_PROXY;
      start = target + strlen ("http://");
    }
  else
    {
      *role = ROLE_ORIGIN;
      start = target + (*target == '/');
    }

  return g_strndup (start, strcspn (start, "./:?"));
}

static void
send_huge (GSocket    *socket,
           const char *prefix,
           const char *suffix)
{
  g_autofree char *filler = g_malloc (HUGE_LINE);

  memset (filler, 'x', HUGE_LINE);
  if (send_text (socket, prefix) && send_bytes (socket, filler, HUGE_LINE))
    send_text (socket, suffix);
}

/* The same bytes every run: libcurl 7.88 answers these with error 43. */
static void
send_noise (GSocket *socket,
            gsize    len)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autofree guint8 *noise = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  send_bytes (socket, (const char *) noise, len);
}

/* 20 MiB of short header lines: each one fine, together a flood. */
static void
send_many_headers (GSocket *socket)
{
  static const char line[] = "X-Many: 0123456789012345678901234567890123456789\r\n";

  if (!send_text (socket, "HTTP/1.1 200 OK\r\n"))
    return;
  for (guint i = 0; i < 20 * 1024 * 1024 / (sizeof line - 1); i++)
    if (!send_text (socket, line))
      return;
  send_text (socket, "Content-Length: 0\r\n\r\n");
}

static void
drip (GSocket *socket)
{
  if (!send_text (socket, "HTTP/1.1 200 OK\r\nX-Drip: "))
    return;
  while (send_text (socket, "x"))
    g_usleep (G_USEC_PER_SEC);
}

static void
endless (GSocket    *socket,
         const char *head)
{
  static const char block[4096];

  if (!send_text (socket, head))
    return;
  while (send_bytes (socket, block, sizeof block))
    ;
}

static void
send_gzip_bomb (GSocket *socket)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                           "Content-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
                                           g_bytes_get_size (gzip_bomb));
  gsize size;
  const char *data = g_bytes_get_data (gzip_bomb, &size);

  if (send_text (socket, head))
    send_bytes (socket, data, size);
}

static gboolean
serve_redirect (GSocket    *socket,
                const char *name)
{
  const char *location = g_str_equal (name, "loop") ? "/loop/again"
                       : g_str_equal (name, "to-file") ? "file:///etc/passwd"
                       : g_str_equal (name, "to-gopher") ? "gopher://127.0.0.1:70/1"
                       : NULL;
  g_autofree char *answer = NULL;

  if (location == NULL)
    return FALSE;
  answer = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n",
                            location);
  send_text (socket, answer);

  return TRUE;
}

/* What a server, or a proxy passing a server's answer on, does. */
static void
serve_origin (GSocket    *socket,
              const char *name)
{
  if (serve_redirect (socket, name))
    return;
  if (g_str_equal (name, "drip"))
    drip (socket);
  else if (g_str_equal (name, "endless"))
    endless (socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
  else if (g_str_equal (name, "huge-header"))
    send_huge (socket, "HTTP/1.1 200 OK\r\nX-Huge: ", "\r\nContent-Length: 0\r\n\r\n");
  else if (g_str_equal (name, "many-headers"))
    send_many_headers (socket);
  else if (g_str_equal (name, "huge-status"))
    send_huge (socket, "HTTP/1.1 200 ", "\r\nContent-Length: 0\r\n\r\n");
  else if (g_str_equal (name, "silent"))
    hold (socket);
  else if (g_str_equal (name, "garbage"))
    send_text (socket, "\x01\x02 this is not HTTP \xff\xfe\r\n\r\n");
  else if (g_str_equal (name, "rst"))
    reset (socket);
  else if (g_str_equal (name, "close"))
    g_socket_close (socket, NULL);
  else if (g_str_equal (name, "switching"))
    {
      if (send_text (socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\n\r\n"))
        hold (socket);
    }
  else if (g_str_equal (name, "bad-chunks"))
    send_text (socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
  else if (g_str_equal (name, "gzip-bomb"))
    send_gzip_bomb (socket);
  else if (g_str_equal (name, "slow"))
    {
      g_usleep (300 * 1000);
      send_text (socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }
  else
    send_text (socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
}

static void
send_page (GSocket    *socket,
           const char *status,
           const char *body)
{
  g_autofree char *answer = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: text/html\r\n"
                                             "Content-Length: %zu\r\n\r\n%s",
                                             status, strlen (body), body);

  send_text (socket, answer);
}

/* A proxy's own answers to plain-http requests. None carries a marker
 * of squid's or RFC 9209's: these are the pages other products send. */
static void
serve_proxy (GSocket    *socket,
             const char *name)
{
  if (g_str_equal (name, "block403") || g_str_equal (name, "filter403"))
    send_page (socket, "403 Forbidden", "<html><body><h1>Access denied</h1></body></html>");
  else if (g_str_equal (name, "gw502"))
    send_page (socket, "502 Bad Gateway", "<html><body><h1>Bad Gateway</h1></body></html>");
  else if (g_str_equal (name, "fortiguard"))
    send_page (socket, "403 Forbidden", "<html><head><title>FortiGuard Web Filter Block "
                                        "Override</title></head><body>Blocked</body></html>");
  else if (g_str_equal (name, "agent403"))
    send_text (socket, "HTTP/1.1 403 Forbidden\r\nProxy-Agent: ExampleGate/2.1\r\n"
                       "Content-Length: 0\r\n\r\n");
  else
    serve_origin (socket, name);
}

static void
serve_tunnel (GSocket    *socket,
              const char *name)
{
  g_autofree char *head = NULL;

  if (g_str_equal (name, "connect-garbage"))
    send_text (socket, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");
  else if (g_str_equal (name, "connect-binary"))
    send_noise (socket, 8192);
  else if (g_str_equal (name, "connect-status"))
    send_text (socket, "HTTP/1.1 1000000000000 Weird\r\n\r\n");
  else if (g_str_equal (name, "connect-silent"))
    hold (socket);
  else if (g_str_equal (name, "connect-close"))
    send_text (socket, "HTTP/1.1 200 Connection established\r\n\r\n");
  else if (g_str_equal (name, "auth-none"))
    send_text (socket, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
  else if (g_str_equal (name, "auth-ntlm"))
    send_text (socket, "HTTP/1.1 407 Proxy Authentication Required\r\n"
                       "Proxy-Authenticate: NTLM\r\nProxy-Authenticate: Negotiate\r\n"
                       "Content-Length: 0\r\n\r\n");
  else if (g_str_equal (name, "block403") || g_str_equal (name, "gw502"))
    send_text (socket, g_str_equal (name, "gw502") ? "HTTP/1.1 502 Bad Gateway\r\n\r\n"
                                                   : "HTTP/1.1 403 Forbidden\r\n\r\n");
  else if (send_text (socket, "HTTP/1.1 200 Connection established\r\n\r\n") &&
           (head = read_head (socket)) != NULL)
    serve_origin (socket, g_str_equal (head, "TLS") ? "silent" : name);
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autofree char *head = NULL;
  g_autofree char *name = NULL;
  Role role;

  g_socket_set_timeout (socket, SOCKET_TIMEOUT_S);
  head = read_head (socket);
  if (head == NULL)
    return TRUE;
  if (g_str_equal (head, "TLS"))
    {
      hold (socket);
      return TRUE;
    }

  name = case_of (head, &role);
  g_debug ("hostile peer: %s as %s", name,
           role == ROLE_CONNECT ? "tunnel" : role == ROLE_PROXY ? "proxy" : "origin");
  if (role == ROLE_CONNECT)
    serve_tunnel (socket, name);
  else if (role == ROLE_PROXY)
    serve_proxy (socket, name);
  else
    serve_origin (socket, name);

  return TRUE;
}

static GBytes *
make_gzip_bomb (void)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, compressor);
  g_autofree char *zeros = g_malloc0 (1024 * 1024);

  for (guint i = 0; i < BOMB_ZEROS / (1024 * 1024); i++)
    g_output_stream_write_all (out, zeros, 1024 * 1024, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Accepts on a context of its own: the test's main thread may be busy
 * or blocked while the code under test runs. */
static gpointer
service_thread (gpointer user_data)
{
  int *port = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  service = g_threaded_socket_service_new (256);
  /* The default backlog of 10 drops SYNs when all cases start at once. */
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (service), 256);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (run_cb), NULL);
  g_socket_service_start (service);
  g_atomic_int_set (port, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_main_loop_run (loop);

  return NULL;
}

guint16
pp_testbed_hostile_start (void)
{
  static int port;   /* the thread runs until the process ends */

  if (g_atomic_int_get (&port) != 0)
    return port;
  gzip_bomb = make_gzip_bomb ();
  g_thread_unref (g_thread_new ("pp-testbed-hostile", service_thread, &port));
  while (g_atomic_int_get (&port) == 0)
    g_usleep (1000);

  return port;
}
