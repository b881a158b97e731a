/* pp-testbed-lsan.c: what LeakSanitizer must be told about libsoup
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

/* libsoup 3.2 keeps one reference too many to the socket of a connection
 * whose client left without a complete exchange (an idle keep-alive, a
 * download cut short; see pp-testbed-server.c's Connection), after its
 * own objects for it are gone. In the sanitizer build (tests/meson.build)
 * LeakSanitizer is told that these sockets are libsoup's, so that it
 * reports only our own leaks. tests/sanitizers/lsan.supp cannot say it:
 * GLib has no frame pointers, so the stack of the socket's allocation
 * ends in g_malloc, never reaching libsoup. */
#if defined(__SANITIZE_ADDRESS__)
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    __lsan_ignore_object (socket);
}
#endif

void
pp_testbed_ignore_socket_leaks (SoupServer *server)
{
#if defined(__SANITIZE_ADDRESS__)
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), NULL);
#endif
}
