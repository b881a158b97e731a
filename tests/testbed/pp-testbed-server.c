/* pp-testbed-server.c: the origin servers and the blackhole, in a thread
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

#include <libsoup/soup.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

/* Benchmarks open hundreds of connections at once: a short listen queue
 * would drop SYNs and add whole seconds of retransmission to them. The
 * kernel caps this at net.core.somaxconn. */
#define LISTEN_BACKLOG 4096

#define MAX_DELAY_MS (10 * 60 * 1000)
#define CHECK_INTERVAL_MS 500

struct _PpTestbedServer
{
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  char           *cert_file;
  char           *key_file;

  /* The start handshake between the caller and the worker thread. */
  GMutex          lock;
  GCond           cond;
  gboolean        ready;
  GError         *error;

  guint16         http_port;
  guint16         https_port;
  guint16         blackhole_port;

  /* Everything below belongs to the worker thread. */
  SoupServer     *http;
  SoupServer     *https;
  GHashTable     *parked;
  GHashTable     *connections;
  GSource        *check;
  GSocketService *blackhole;
  GHashTable     *blackhole_clients;
  GCancellable   *cancellable;
};

/* A paused message: /delay answers when its timeout fires, /hang never
 * (status 0). Both are released early when the client goes away, so that a
 * long benchmark against /hang does not pile up descriptors. */
typedef struct
{
  PpTestbedServer   *server;
  SoupServerMessage *msg;
  GSource           *timeout;
  guint              status;
  gulong             finished_id;
} Parked;

/* A connection the SoupServers have served a request on. libsoup 3.2
 * never closes a keep-alive connection whose client leaves while it waits
 * for the next request: its HTTP/1 I/O reads the end of file, drops the
 * message and, having no completion callback for a request that has not
 * started, does not disconnect either (fixed upstream in later releases).
 * Each such connection would keep its descriptor until the server stops,
 * so the server closes idle connections itself. libsoup's objects for them
 * (a few KiB, some 25 KiB with TLS) stay until then: no public API reaches
 * them. */
typedef struct
{
  GSocket *socket;
  gint64   idle_since;   /* 0 while a request is in progress */
  gboolean closing;      /* shut down, to be closed on the next check */
} Connection;

typedef struct
{
  PpTestbedServer   *server;
  GSocketConnection *connection;
  char               buffer[4096];
} BlackholeClient;

static gboolean
parse_number (const char *text,
              guint       min,
              guint       max,
              guint      *number)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;

  *number = (guint) value;
  return TRUE;
}

/* 1xx answers are not final answers: they are not something to serve. */
static gboolean
parse_status (const char *text,
              guint      *status)
{
  return parse_number (text, 200, 599, status);
}

static gboolean
parse_delay_path (const char *path,
                  guint      *delay_ms,
                  guint      *status)
{
  g_auto(GStrv) parts = NULL;

  if (!g_str_has_prefix (path, "/delay/"))
    return FALSE;

  parts = g_strsplit (path + strlen ("/delay/"), "/", -1);
  if (!parse_number (parts[0], 0, MAX_DELAY_MS, delay_ms))
    return FALSE;

  *status = SOUP_STATUS_OK;
  if (parts[1] == NULL)
    return TRUE;

  return g_str_equal (parts[1], "status") && parts[2] != NULL &&
         parts[3] == NULL && parse_status (parts[2], status);
}

static void
answer_status (SoupServerMessage *msg,
               guint              status)
{
  g_autofree char *body = g_strdup_printf ("status %u", status);

  soup_server_message_set_status (msg, status, NULL);

  /* These two must not carry a body. */
  if (status != SOUP_STATUS_NO_CONTENT && status != SOUP_STATUS_NOT_MODIFIED)
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                      body, strlen (body));
}

static void
answer_redirect (SoupServerMessage *msg,
                 guint              count)
{
  g_autofree char *location = NULL;

  location = count == 0 ? g_strdup ("/status/200")
                        : g_strdup_printf ("/redirect/%u", count - 1);
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

static void
answer_echo (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GString *text = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize length;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (text, "%s: %s\n", name, value);

  length = text->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), length);
}

static void
parked_free (gpointer data)
{
  Parked *parked = data;

  g_signal_handler_disconnect (parked->msg, parked->finished_id);
  if (parked->timeout != NULL)
    {
      g_source_destroy (parked->timeout);
      g_source_unref (parked->timeout);
    }
  g_object_unref (parked->msg);
  g_free (parked);
}

static void
parked_answer (Parked *parked,
               guint   status)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (parked->msg);

  g_hash_table_remove (parked->server->parked, parked);
  answer_status (msg, status);
  soup_server_message_unpause (msg);
}

static gboolean
parked_timeout_cb (gpointer data)
{
  Parked *parked = data;

  parked_answer (parked, parked->status);
  return G_SOURCE_REMOVE;
}

/* The connection broke under the paused message: nothing left to answer. */
static void
parked_finished_cb (SoupServerMessage *msg,
                    gpointer           data)
{
  Parked *parked = data;

  g_hash_table_remove (parked->server->parked, parked);
}

static void
park (PpTestbedServer   *self,
      SoupServerMessage *msg,
      guint              delay_ms,
      guint              status)
{
  Parked *parked = g_new0 (Parked, 1);

  parked->server = self;
  parked->msg = g_object_ref (msg);
  parked->status = status;
  parked->finished_id = g_signal_connect (msg, "finished",
                                          G_CALLBACK (parked_finished_cb), parked);

  /* A timeout on the server's own context, never a sleep: one thread
   * serves every connection. */
  if (status != 0)
    {
      parked->timeout = g_timeout_source_new (delay_ms);
      g_source_set_callback (parked->timeout, parked_timeout_cb, parked, NULL);
      g_source_attach (parked->timeout, self->context);
    }

  g_hash_table_add (self->parked, parked);
  soup_server_message_pause (msg);
}

/* Whether libsoup noticed or not (it does not read while a message is
 * paused, nor act on an idle connection's end of file), the kernel's TCP
 * state tells that the client left: CLOSE_WAIT after its FIN, or a reset. */
static gboolean
socket_peer_gone (GSocket *socket)
{
  struct tcp_info info;
  socklen_t length = sizeof info;

  if (socket == NULL || g_socket_is_closed (socket))
    return TRUE;
  if (getsockopt (g_socket_get_fd (socket), IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
    return FALSE;

  return info.tcpi_state != TCP_ESTABLISHED;
}

static void
parked_check (PpTestbedServer *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GHashTableIter iter;
  Parked *parked;

  g_hash_table_iter_init (&iter, self->parked);
  while (g_hash_table_iter_next (&iter, (gpointer *) &parked, NULL))
    if (socket_peer_gone (soup_server_message_get_socket (parked->msg)))
      g_ptr_array_add (gone, parked);

  for (guint i = 0; i < gone->len; i++)
    if (g_hash_table_contains (self->parked, gone->pdata[i]))
      parked_answer (gone->pdata[i], SOUP_STATUS_SERVICE_UNAVAILABLE);
}

static void
connection_free (gpointer data)
{
  Connection *connection = data;

  g_object_unref (connection->socket);
  g_free (connection);
}

/* Closing happens in two steps, one check apart: the shutdown wakes
 * libsoup's pending read with an end of file, after which nothing of
 * libsoup polls the descriptor any more, and only then is it closed, so
 * that a new connection given the same number is never polled for the old
 * one. Returns whether @connection is done with. */
static gboolean
connection_check (Connection *connection,
                  gint64      now)
{
  GSocket *socket = connection->socket;

  if (connection->closing || g_socket_is_closed (socket))
    {
      g_socket_close (socket, NULL);
      return TRUE;
    }

  /* Bytes not read yet are a next request (or a TLS close_notify) that
   * libsoup is about to read: its next check decides. */
  if (connection->idle_since == 0 || g_socket_get_available_bytes (socket) > 0)
    return FALSE;

  if (socket_peer_gone (socket) ||
      now - connection->idle_since >= PP_TESTBED_IDLE_TIMEOUT_S * G_USEC_PER_SEC)
    {
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      connection->closing = TRUE;
    }

  return FALSE;
}

static void
connections_check (PpTestbedServer *self)
{
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if (connection_check (connection, now))
      g_hash_table_iter_remove (&iter);
}

static gboolean
check_cb (gpointer data)
{
  parked_check (data);
  connections_check (data);

  return G_SOURCE_CONTINUE;
}

/* Only HTTP/1 here: one request at a time per connection, so a connection
 * is idle from the end of one request to the start of the next. */
static void
connection_note (PpTestbedServer   *self,
                 SoupServerMessage *msg,
                 gboolean           idle)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *connection;

  if (socket == NULL)
    return;

  connection = g_hash_table_lookup (self->connections, socket);
  if (connection == NULL)
    {
      connection = g_new0 (Connection, 1);
      connection->socket = g_object_ref (socket);
      g_hash_table_insert (self->connections, socket, connection);
    }
  connection->idle_since = idle ? g_get_monotonic_time () : 0;
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           data)
{
  connection_note (data, msg, FALSE);
}

/* Finished or aborted: libsoup closes the connection itself unless it
 * keeps it alive for another request. */
static void
request_ended_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  gpointer           data)
{
  connection_note (data, msg, TRUE);
}

static void
server_handle_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  PpTestbedServer *self = data;
  guint number, status;

  if (g_str_equal (path, "/echo"))
    answer_echo (msg);
  else if (g_str_equal (path, "/hang"))
    park (self, msg, 0, 0);
  else if (g_str_has_prefix (path, "/status/") &&
           parse_status (path + strlen ("/status/"), &status))
    answer_status (msg, status);
  else if (g_str_has_prefix (path, "/redirect/") &&
           parse_number (path + strlen ("/redirect/"), 0, G_MAXINT, &number))
    answer_redirect (msg, number);
  else if (parse_delay_path (path, &number, &status))
    park (self, msg, number, status);
  else
    answer_status (msg, SOUP_STATUS_NOT_FOUND);
}

static gboolean
soup_listen (PpTestbedServer          *self,
             SoupServer               *server,
             SoupServerListenOptions   options,
             guint16                  *port,
             GError                  **error)
{
  g_autoptr(GSocket) socket = pp_testbed_listen_socket_new (LISTEN_BACKLOG, error);

  if (socket == NULL)
    return FALSE;

  soup_server_add_handler (server, NULL, server_handle_cb, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), self);
  pp_testbed_ignore_socket_leaks (server);
  g_signal_connect (server, "request-finished", G_CALLBACK (request_ended_cb), self);
  g_signal_connect (server, "request-aborted", G_CALLBACK (request_ended_cb), self);
  *port = pp_testbed_socket_get_port (socket);
  return soup_server_listen_socket (server, socket, options, error);
}

static void blackhole_read (BlackholeClient *client);

static void
blackhole_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  BlackholeClient *client = data;

  if (g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL) > 0)
    {
      blackhole_read (client);
      return;
    }

  /* End of stream, an error or shutdown: close our end too. */
  g_hash_table_remove (client->server->blackhole_clients, client);
  g_object_unref (client->connection);
  g_free (client);
}

/* Reading what the client sends keeps its writes from stalling; a read
 * of 0 bytes tells that the client has gone. */
static void
blackhole_read (BlackholeClient *client)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));

  g_input_stream_read_async (input, client->buffer, sizeof client->buffer,
                             G_PRIORITY_DEFAULT, client->server->cancellable,
                             blackhole_read_cb, client);
}

static gboolean
blackhole_incoming_cb (GSocketService    *service,
                       GSocketConnection *connection,
                       GObject           *source,
                       gpointer           data)
{
  BlackholeClient *client = g_new0 (BlackholeClient, 1);

  client->server = data;
  client->connection = g_object_ref (connection);
  g_hash_table_add (client->server->blackhole_clients, client);
  blackhole_read (client);

  return TRUE;
}

static gboolean
blackhole_setup (PpTestbedServer  *self,
                 GError          **error)
{
  g_autoptr(GSocket) socket = pp_testbed_listen_socket_new (LISTEN_BACKLOG, error);

  if (socket == NULL)
    return FALSE;

  self->blackhole_port = pp_testbed_socket_get_port (socket);
  self->blackhole = g_socket_service_new ();
  g_signal_connect (self->blackhole, "incoming",
                    G_CALLBACK (blackhole_incoming_cb), self);
  if (!g_socket_listener_add_socket (G_SOCKET_LISTENER (self->blackhole),
                                     socket, NULL, error))
    return FALSE;

  g_socket_service_start (self->blackhole);
  return TRUE;
}

static gboolean
server_setup (PpTestbedServer  *self,
              GError          **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  certificate = g_tls_certificate_new_from_files (self->cert_file, self->key_file, error);
  if (certificate == NULL)
    return FALSE;

  self->parked = g_hash_table_new_full (NULL, NULL, parked_free, NULL);
  self->connections = g_hash_table_new_full (NULL, NULL, NULL, connection_free);
  self->blackhole_clients = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->http = soup_server_new ("server-header", "pp-testbed", NULL);
  self->https = soup_server_new ("server-header", "pp-testbed",
                                 "tls-certificate", certificate, NULL);

  self->check = g_timeout_source_new (CHECK_INTERVAL_MS);
  g_source_set_callback (self->check, check_cb, self, NULL);
  g_source_attach (self->check, self->context);

  return soup_listen (self, self->http, 0, &self->http_port, error) &&
         soup_listen (self, self->https, SOUP_SERVER_LISTEN_HTTPS,
                      &self->https_port, error) &&
         blackhole_setup (self, error);
}

static void
server_release_parked (PpTestbedServer *self)
{
  guint n_parked;
  g_autofree gpointer *all = g_hash_table_get_keys_as_array (self->parked, &n_parked);

  for (guint i = 0; i < n_parked; i++)
    if (g_hash_table_contains (self->parked, all[i]))
      parked_answer (all[i], SOUP_STATUS_SERVICE_UNAVAILABLE);
}

static void
server_teardown (PpTestbedServer *self)
{
  if (self->check != NULL)
    g_source_destroy (self->check);
  g_clear_pointer (&self->check, g_source_unref);

  if (self->parked != NULL)
    server_release_parked (self);
  if (self->http != NULL)
    soup_server_disconnect (self->http);
  if (self->https != NULL)
    soup_server_disconnect (self->https);

  if (self->blackhole != NULL)
    {
      g_socket_service_stop (self->blackhole);
      g_socket_listener_close (G_SOCKET_LISTENER (self->blackhole));
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  /* Let cancelled reads and aborted exchanges run their callbacks before
   * the objects they point to go away. */
  while (self->blackhole_clients != NULL &&
         g_hash_table_size (self->blackhole_clients) > 0)
    g_main_context_iteration (self->context, TRUE);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_clear_object (&self->http);
  g_clear_object (&self->https);
  g_clear_object (&self->blackhole);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->parked, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->blackhole_clients, g_hash_table_unref);
}

static gpointer
server_worker (gpointer data)
{
  PpTestbedServer *self = data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = server_setup (self, &error);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  self->error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_main_loop_run (self->loop);

  server_teardown (self);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Starts the HTTP, HTTPS and blackhole servers in a thread of their own and
 * returns once they listen. */
PpTestbedServer *
pp_testbed_server_start (const char  *cert_file,
                         const char  *key_file,
                         GError     **error)
{
  PpTestbedServer *self = g_new0 (PpTestbedServer, 1);

  self->cert_file = g_strdup (cert_file);
  self->key_file = g_strdup (key_file);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("pp-testbed-server", server_worker, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      pp_testbed_server_stop (self);
      return NULL;
    }

  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pp_testbed_server_stop (PpTestbedServer *self)
{
  /* An idle on the server's context rather than g_main_loop_quit() from
   * here: a quit before the worker entered its loop would be lost. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_clear_error (&self->error);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self);
}

guint16
pp_testbed_server_get_http_port (PpTestbedServer *self)
{
  return self->http_port;
}

guint16
pp_testbed_server_get_https_port (PpTestbedServer *self)
{
  return self->https_port;
}

guint16
pp_testbed_server_get_blackhole_port (PpTestbedServer *self)
{
  return self->blackhole_port;
}
