/* pp-testbed-extra.c: a SoupServer of a test's own, on a thread of its own
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

typedef struct
{
  SoupServerCallback callback;
  gpointer user_data;
  int port;
} ExtraServer;

/* The server runs on its own thread and context: the code under test may
 * block the test's main thread (a synchronous fetch, a spawned process). */
static gpointer
extra_server_thread (gpointer user_data)
{
  ExtraServer *extra = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  pp_testbed_ignore_socket_leaks (server);
  soup_server_add_handler (server, NULL, extra->callback, extra->user_data, NULL);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_atomic_int_set (&extra->port, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);

  return NULL;
}

/* Serves every path with @callback on 127.0.0.1 until the process ends;
 * returns the port once the server listens. */
guint16
pp_testbed_serve_in_thread (SoupServerCallback callback,
                            gpointer           user_data)
{
  ExtraServer *extra = g_new0 (ExtraServer, 1);   /* lives as long as the thread */

  extra->callback = callback;
  extra->user_data = user_data;
  g_thread_unref (g_thread_new ("pp-testbed-extra", extra_server_thread, extra));
  while (g_atomic_int_get (&extra->port) == 0)
    g_usleep (1000);

  return extra->port;
}
