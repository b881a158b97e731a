/* pp-testbed.h: real servers and real squid proxies on 127.0.0.1 for tests
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here is a mock: the origin servers are libsoup SoupServers, the
 * proxies are squid processes, the certificates come from the openssl CLI.
 * Everything listens on 127.0.0.1 only, so the testbed also works inside a
 * fresh network namespace (`unshare -n`) where only `lo` is up.
 *
 * A testbed is created, given squids and freed from one long-lived thread
 * (normally the test's main thread); its URLs, ports and file names may be
 * read from any thread. The origin servers run in a thread of their own
 * with their own GMainContext, so the caller's main loop stays free for the
 * code under test. If the process dies without pp_testbed_free(), a small
 * watchdog process stops the squids and removes the directory.
 *
 * Odd ports: the closed port refuses connections; the blackhole port
 * accepts them and never sends a byte; connects to the syn-drop port time
 * out, because its listen queue (backlog 0) is kept full and Linux drops
 * SYNs to a full queue without an answer (checked on Linux 6.18, also in a
 * fresh network namespace: a connect with a 1 s timeout fails after 1.0 s).
 *
 * Origin paths, on both the HTTP and the HTTPS server (HEAD works for all):
 *   /status/NNN            answers NNN with the text body "status NNN"
 *   /redirect/N            302 to /redirect/N-1; /redirect/0 302s to /status/200
 *   /delay/MS              answers 200 after MS milliseconds (no thread sleeps)
 *   /delay/MS/status/NNN   answers NNN after MS milliseconds
 *   /hang                  never answers (until the client leaves or shutdown)
 *   /echo                  200 with the request headers as "Name: value" lines
 * Anything else is a 404.
 *
 * Connections: HTTP/1.1 keep-alive; a connection waiting for its next
 * request is closed after PP_TESTBED_IDLE_TIMEOUT_S, or within a second
 * once its client has closed it.
 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

#include "pp-testbed-dns.h"

G_BEGIN_DECLS

typedef struct _PpTestbed PpTestbed;

typedef enum
{
  PP_SQUID_OPEN,  /* allows everything, CONNECT to any port included */
  PP_SQUID_AUTH,  /* basic auth (pp_testbed_get_squid_user/password), else 407 */
  PP_SQUID_DENY,  /* 403 with X-Squid-Error to everything */
  PP_SQUID_BUMP,  /* allows everything and intercepts TLS with the inspection CA */
  /* Transparent, behind an nftables redirect: started by
   * pp_testbed_start_intercept() only, never among "all" the kinds. */
  PP_SQUID_INTERCEPT,
} PpSquidKind;

#define PP_SQUID_N_KINDS (PP_SQUID_BUMP + 1)

#define PP_TESTBED_IDLE_TIMEOUT_S 5

PpTestbed  *pp_testbed_new                (void);
void        pp_testbed_free               (PpTestbed   *self);

const char *pp_testbed_get_dir            (PpTestbed   *self);

guint16     pp_testbed_serve_in_thread    (SoupServerCallback callback,
                                           gpointer           user_data);
const char *pp_testbed_get_ca_file        (PpTestbed   *self);
const char *pp_testbed_get_bump_ca_file   (PpTestbed   *self);

char       *pp_testbed_http_url           (PpTestbed   *self,
                                           const char  *path);
char       *pp_testbed_https_url          (PpTestbed   *self,
                                           const char  *path);
guint16     pp_testbed_get_http_port      (PpTestbed   *self);
guint16     pp_testbed_get_https_port     (PpTestbed   *self);

guint16     pp_testbed_get_closed_port    (PpTestbed   *self);
guint16     pp_testbed_get_blackhole_port (PpTestbed   *self);
guint16     pp_testbed_get_syn_drop_port  (PpTestbed   *self);

guint16     pp_testbed_start_squid        (PpTestbed   *self,
                                           PpSquidKind  kind);
char       *pp_testbed_squid_url          (PpTestbed   *self,
                                           PpSquidKind  kind);
const char *pp_testbed_get_squid_dir      (PpTestbed   *self,
                                           PpSquidKind  kind);
const char *pp_testbed_get_squid_user     (PpTestbed   *self);
const char *pp_testbed_get_squid_password (PpTestbed   *self);

PpTestbedDns *pp_testbed_get_dns         (PpTestbed   *self);

/* An intercepting squid in the test's own network namespace (see
 * pp-testbed-intercept.c): direct requests to 127.0.0.2 reach the origin
 * servers through it. FALSE, with the reason, where it cannot run. */
gboolean    pp_testbed_start_intercept    (PpTestbed   *self,
                                           GError     **error);
char       *pp_testbed_intercepted_url    (PpTestbed   *self,
                                           const char  *scheme,
                                           const char  *path);

const char *pp_squid_kind_to_string       (PpSquidKind  kind);
gboolean    pp_squid_kind_from_string     (const char  *name,
                                           PpSquidKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpTestbed, pp_testbed_free)

G_END_DECLS
