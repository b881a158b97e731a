/* pp-testbed-private.h: what the testbed's source files share
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-testbed.h"

G_BEGIN_DECLS

typedef struct _PpTestbedServer PpTestbedServer;
typedef struct _PpTestbedSquid PpTestbedSquid;

struct _PpTestbed
{
  char            *dir;
  char            *ca_file;
  char            *ca_key_file;
  char            *server_cert_file;
  char            *server_key_file;
  char            *bump_ca_file;
  char            *bump_key_file;

  PpTestbedServer *server;
  guint16          closed_port;
  GSocket         *closed_socket;
  GSocket         *syn_drop_listener;
  GPtrArray       *syn_drop_fillers;
  guint16          syn_drop_port;

  PpTestbedSquid  *squids[PP_SQUID_N_KINDS];
  char            *squid_password;

  PpTestbedDns    *dns;

  PpTestbedSquid  *intercept;      /* the transparent squid, see pp-testbed-intercept.c */
  gboolean         nft_table;      /* its nftables table exists */

  GPid             watchdog_pid;
  int              watchdog_fd;
};

/* pp-testbed.c */
GSocket         *pp_testbed_listen_socket_new   (int                  backlog,
                                                 GError             **error);
guint16          pp_testbed_socket_get_port     (GSocket             *socket);
guint16          pp_testbed_pick_free_port      (void);
gboolean         pp_testbed_port_accepts        (guint16              port);
gboolean         pp_testbed_run                 (const char * const  *argv,
                                                 char               **standard_output,
                                                 GError             **error);
gboolean         pp_testbed_is_real_root        (void);
void             pp_testbed_update_watchdog     (PpTestbed           *self);

/* pp-testbed-certs.c */
gboolean         pp_testbed_make_certificates   (PpTestbed           *self,
                                                 GError             **error);

/* pp-testbed-server.c */
PpTestbedServer *pp_testbed_server_start        (const char          *cert_file,
                                                 const char          *key_file,
                                                 GError             **error);
void             pp_testbed_server_stop         (PpTestbedServer     *server);
guint16          pp_testbed_server_get_http_port      (PpTestbedServer *server);
guint16          pp_testbed_server_get_https_port     (PpTestbedServer *server);
guint16          pp_testbed_server_get_blackhole_port (PpTestbedServer *server);

/* pp-testbed-squid.c */
PpTestbedSquid  *pp_testbed_squid_start         (PpTestbed           *self,
                                                 PpSquidKind          kind,
                                                 GError             **error);
guint16          pp_testbed_squid_get_port      (PpTestbedSquid      *squid);
guint16          pp_testbed_squid_get_intercept_port (PpTestbedSquid *squid,
                                                      gboolean        tls);
GPid             pp_testbed_squid_get_pid       (PpTestbedSquid      *squid);
const char      *pp_testbed_squid_get_dir       (PpTestbedSquid      *squid);
void             pp_testbed_squids_stop         (PpTestbedSquid     **squids,
                                                 guint                n_squids);

/* pp-testbed-intercept.c */
void             pp_testbed_intercept_stop      (PpTestbed           *self);

/* pp-testbed-lsan.c */
void pp_testbed_ignore_socket_leaks (SoupServer *server);

G_END_DECLS
