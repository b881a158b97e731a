/* pp-testbed.c: the testbed's life cycle, its odd ports and shared helpers
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* On Linux a listen() backlog of 0 lets exactly one connection wait in the
 * accept queue (Linux 6.18 here: sk_ack_backlog > sk_max_ack_backlog), and
 * a SYN that arrives while the queue is full is dropped without an answer
 * (a ListenOverflows count), so the client stays in SYN-SENT and only its
 * own timeout ends the connect. A few extra fillers cover kernels that
 * round the backlog up. */
#define SYN_DROP_FILLERS 4

/* The first SYN retransmission happens after the initial RTO of 1 s, so
 * nothing can change for a connect before then: a connect that has not
 * completed after 250 ms would still hang after 1 s. */
#define SYN_DROP_CHECK_TIMEOUT_MS 250

/* Hundreds of concurrent probes need two descriptors each in a test that
 * is both client and server. */
#define WANTED_FD_LIMIT 65536

/* Run by the watchdog when the testbed's process goes away without
 * pp_testbed_free() (a failed assertion, a meson timeout): squid drops
 * root and runs in a session of its own, so nothing else would stop it. */
static const char watchdog_script[] =
  "cat >/dev/null\n"
  "pids=$(cat \"$1/.squid-pids\" 2>/dev/null)\n"
  "for p in $pids; do kill -TERM \"$p\" 2>/dev/null; done\n"
  "i=0\n"
  "while [ $i -lt 30 ]; do\n"
  "  alive=\n"
  "  for p in $pids; do kill -0 \"$p\" 2>/dev/null && alive=1; done\n"
  "  [ -z \"$alive\" ] && break\n"
  "  sleep 0.1; i=$((i + 1))\n"
  "done\n"
  "for p in $pids; do kill -KILL \"$p\" 2>/dev/null; done\n"
  "rm -rf \"$1\"\n";

GSocket *
pp_testbed_listen_socket_new (int      backlog,
                              GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;

  /* GSocket's default backlog of 10 would drop SYNs under a burst. */
  g_socket_set_listen_backlog (socket, backlog);
  if (!g_socket_bind (socket, address, FALSE, error) ||
      !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

guint16
pp_testbed_socket_get_port (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  g_assert (address != NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* Another process may take the port between now and its use; callers that
 * hand it to squid retry when squid reports it taken. */
guint16
pp_testbed_pick_free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = pp_testbed_listen_socket_new (1, &error);

  if (socket == NULL)
    g_error ("testbed: cannot bind a port on 127.0.0.1: %s", error->message);

  return pp_testbed_socket_get_port (socket);
}

static GSocketAddress *
loopback_address_new (guint16 port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  return g_inet_socket_address_new (loopback, port);
}

gboolean
pp_testbed_port_accepts (guint16 port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = loopback_address_new (port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, NULL);
  if (socket == NULL)
    return FALSE;

  g_socket_set_timeout (socket, 1);
  return g_socket_connect (socket, address, NULL, NULL);
}

gboolean
pp_testbed_run (const char * const  *argv,
                char               **standard_output,
                GError             **error)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) local_error = NULL;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                     NULL, NULL, &out, &err, &wait_status, &local_error) ||
      !g_spawn_check_wait_status (wait_status, &local_error))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, local_error->domain, local_error->code,
                   "'%s' failed: %s%s%s", command, local_error->message,
                   err && *err ? "\n" : "", err ? err : "");
      return FALSE;
    }

  if (standard_output != NULL)
    *standard_output = g_steal_pointer (&out);
  return TRUE;
}

/* Real root as opposed to root inside a user namespace, where squid could
 * not switch to the "proxy" user. */
gboolean
pp_testbed_is_real_root (void)
{
  g_autofree char *map = NULL;
  unsigned int inside, outside, count;
  char extra;

  if (geteuid () != 0)
    return FALSE;
  if (!g_file_get_contents ("/proc/self/uid_map", &map, NULL, NULL))
    return TRUE;

  /* The initial namespace maps all 2^32 - 1 ids onto themselves, in one line. */
  return sscanf (map, " %u %u %u %c", &inside, &outside, &count, &extra) == 3 &&
         inside == 0 && outside == 0 && count == 4294967295u;
}

static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= WANTED_FD_LIMIT)
    return;

  limit.rlim_cur = MIN (limit.rlim_max, (rlim_t) WANTED_FD_LIMIT);
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_warning ("testbed: cannot raise the open file limit: %s", g_strerror (errno));
}

static void
own_process_group_setup (gpointer data)
{
  setpgid (0, 0);
}

static void
watchdog_start (PpTestbed *self)
{
  const char *argv[] = { "/bin/sh", "-c", watchdog_script, "pp-testbed-watchdog",
                         self->dir, NULL };
  g_autoptr(GError) error = NULL;
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    g_error ("testbed: cannot create the watchdog's pipe: %s", error->message);

  /* Its own process group, so that a Ctrl-C or meson's kill of the test's
   * group leaves the watchdog alive to clean up. */
  if (!g_spawn_async_with_pipes_and_fds ("/", argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD |
                                         G_SPAWN_STDOUT_TO_DEV_NULL |
                                         G_SPAWN_STDERR_TO_DEV_NULL,
                                         own_process_group_setup, NULL,
                                         fds[0], -1, -1, NULL, NULL, 0,
                                         &self->watchdog_pid, NULL, NULL, NULL,
                                         &error))
    g_error ("testbed: cannot start the watchdog: %s", error->message);

  close (fds[0]);
  self->watchdog_fd = fds[1];
}

void
pp_testbed_update_watchdog (PpTestbed *self)
{
  g_autoptr(GString) pids = g_string_new (NULL);
  g_autofree char *path = g_build_filename (self->dir, ".squid-pids", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < PP_SQUID_N_KINDS; i++)
    if (self->squids[i] != NULL)
      g_string_append_printf (pids, "%d\n", (int) pp_testbed_squid_get_pid (self->squids[i]));
  if (self->intercept != NULL)
    g_string_append_printf (pids, "%d\n", (int) pp_testbed_squid_get_pid (self->intercept));

  if (!g_file_set_contents (path, pids->str, pids->len, &error))
    g_warning ("testbed: %s", error->message);
}

static void
watchdog_stop (PpTestbed *self)
{
  /* The pid list is gone with the directory: the watchdog just exits. */
  close (self->watchdog_fd);
  while (waitpid (self->watchdog_pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  if (g_rmdir (path) != 0)
    g_warning ("testbed: cannot remove %s: %s", path, g_strerror (errno));
}

static void
start_servers (PpTestbed *self)
{
  g_autoptr(GError) error = NULL;

  if (!pp_testbed_make_certificates (self, &error))
    g_error ("testbed: cannot make the test certificates: %s", error->message);

  self->server = pp_testbed_server_start (self->server_cert_file,
                                          self->server_key_file, &error);
  if (self->server == NULL)
    g_error ("testbed: cannot start the test servers: %s", error->message);
}

/* A port that refuses connections, and stays so: a socket bound without
 * SO_REUSEADDR and never listening answers every SYN with a reset, and
 * keeps any squid started later from picking the same port. */
static void
reserve_closed_port (PpTestbed *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  self->closed_socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, &error);
  if (self->closed_socket == NULL ||
      !g_socket_bind (self->closed_socket, address, FALSE, &error))
    g_error ("testbed: cannot reserve a closed port: %s", error->message);

  self->closed_port = pp_testbed_socket_get_port (self->closed_socket);
}

/* Squid's resolver (dns_nameservers 127.0.0.1) gets fast, real answers
 * from our own server. Port 53 needs privileges, which the test's own
 * network namespace gives; elsewhere squid's DNS simply times out. */
static void
start_dns (PpTestbed *self)
{
  g_autoptr(GError) error = NULL;

  self->dns = pp_testbed_dns_start ("127.0.0.1", 53, &error);
  if (self->dns == NULL)
    g_debug ("testbed: no DNS server on 127.0.0.1:53: %s", error->message);
}

/**
 * pp_testbed_new:
 *
 * Makes a temporary directory with fresh certificates and starts the HTTP,
 * HTTPS and blackhole servers. Squid proxies start on demand. Failures are
 * fatal (g_error()) with a message that names the cause.
 */
PpTestbed *
pp_testbed_new (void)
{
  g_autoptr(GError) error = NULL;
  PpTestbed *self = g_new0 (PpTestbed, 1);

  raise_fd_limit ();

  self->dir = g_dir_make_tmp ("pp-testbed-XXXXXX", &error);
  if (self->dir == NULL)
    g_error ("testbed: cannot create a temporary directory: %s", error->message);

  watchdog_start (self);
  start_servers (self);
  self->squid_password = g_strdup_printf ("pp-%08x%08x", g_random_int (), g_random_int ());
  reserve_closed_port (self);
  start_dns (self);

  return self;
}

/**
 * pp_testbed_free:
 *
 * Stops every squid (SIGTERM, SIGKILL after 3 s, reaped along with its
 * helpers), the servers and the odd ports, and removes the directory.
 */
void
pp_testbed_free (PpTestbed *self)
{
  if (self == NULL)
    return;

  pp_testbed_squids_stop (self->squids, PP_SQUID_N_KINDS);
  pp_testbed_intercept_stop (self);
  g_clear_pointer (&self->dns, pp_testbed_dns_stop);
  g_clear_pointer (&self->server, pp_testbed_server_stop);
  g_clear_pointer (&self->syn_drop_fillers, g_ptr_array_unref);
  g_clear_object (&self->syn_drop_listener);
  g_clear_object (&self->closed_socket);

  remove_tree (self->dir);
  watchdog_stop (self);

  g_free (self->dir);
  g_free (self->ca_file);
  g_free (self->ca_key_file);
  g_free (self->server_cert_file);
  g_free (self->server_key_file);
  g_free (self->bump_ca_file);
  g_free (self->bump_key_file);
  g_free (self->squid_password);
  g_free (self);
}

/* NULL when 127.0.0.1:53 could not be had (outside a network namespace). */
PpTestbedDns *
pp_testbed_get_dns (PpTestbed *self)
{
  return self->dns;
}

const char *
pp_testbed_get_dir (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dir;
}

const char *
pp_testbed_get_ca_file (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ca_file;
}

const char *
pp_testbed_get_bump_ca_file (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->bump_ca_file;
}

static char *
make_url (const char *scheme,
          const char *host,
          guint16     port,
          const char *path)
{
  if (path == NULL)
    path = "";

  return g_strdup_printf ("%s://%s:%u%s%s", scheme, host, port,
                          *path == '/' || *path == '\0' ? "" : "/", path);
}

/* Returns "http://127.0.0.1:PORT/path" (path may omit its leading slash). */
char *
pp_testbed_http_url (PpTestbed  *self,
                     const char *path)
{
  g_return_val_if_fail (self != NULL, NULL);

  return make_url ("http", "127.0.0.1", pp_testbed_get_http_port (self), path);
}

/* Returns "https://localhost:PORT/path": the certificate names localhost
 * and 127.0.0.1, and "localhost" lets squid's ssl-bump mimic it. */
char *
pp_testbed_https_url (PpTestbed  *self,
                      const char *path)
{
  g_return_val_if_fail (self != NULL, NULL);

  return make_url ("https", "localhost", pp_testbed_get_https_port (self), path);
}

guint16
pp_testbed_get_http_port (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return pp_testbed_server_get_http_port (self->server);
}

guint16
pp_testbed_get_https_port (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return pp_testbed_server_get_https_port (self->server);
}

/* A port that was free a moment ago: connects to it are refused. */
guint16
pp_testbed_get_closed_port (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->closed_port;
}

/* Accepts connections, reads and discards what arrives, never answers. */
guint16
pp_testbed_get_blackhole_port (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return pp_testbed_server_get_blackhole_port (self->server);
}

static GSocket *
filler_connect (guint16 port)
{
  g_autoptr(GSocketAddress) address = loopback_address_new (port);
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  if (socket == NULL)
    g_error ("testbed: cannot create a socket: %s", error->message);

  g_socket_set_blocking (socket, FALSE);
  if (!g_socket_connect (socket, address, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    g_error ("testbed: cannot fill the syn-drop port's queue: %s", error->message);

  return socket;
}

static gboolean
connect_times_out (guint16 port,
                   guint   timeout_ms)
{
  g_autoptr(GSocketAddress) address = loopback_address_new (port);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert (socket != NULL);
  g_socket_set_blocking (socket, FALSE);
  if (g_socket_connect (socket, address, NULL, &error))
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return FALSE;

  return g_socket_condition_timed_wait (socket, G_IO_OUT, timeout_ms * 1000,
                                        NULL, NULL) == FALSE;
}

static void
syn_drop_start (PpTestbed *self)
{
  g_autoptr(GError) error = NULL;

  self->syn_drop_listener = pp_testbed_listen_socket_new (0, &error);
  if (self->syn_drop_listener == NULL)
    g_error ("testbed: cannot listen for the syn-drop port: %s", error->message);

  self->syn_drop_port = pp_testbed_socket_get_port (self->syn_drop_listener);
  self->syn_drop_fillers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < SYN_DROP_FILLERS; i++)
    g_ptr_array_add (self->syn_drop_fillers, filler_connect (self->syn_drop_port));

  if (!connect_times_out (self->syn_drop_port, SYN_DROP_CHECK_TIMEOUT_MS))
    g_error ("testbed: this kernel completes connects to a full listen queue "
             "(port %u), so there is no syn-drop port", self->syn_drop_port);
}

/* A port whose connects time out: it is set up (and checked, 250 ms) on
 * first use, so tests that never ask do not pay for it. */
guint16
pp_testbed_get_syn_drop_port (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->syn_drop_listener == NULL)
    syn_drop_start (self);

  return self->syn_drop_port;
}

/**
 * pp_testbed_start_squid:
 *
 * Starts the squid of that kind unless it runs already, and returns its
 * port on 127.0.0.1. Fatal (with squid's cache.log) if it does not start
 * within 10 s.
 */
guint16
pp_testbed_start_squid (PpTestbed   *self,
                        PpSquidKind  kind)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < PP_SQUID_N_KINDS, 0);

  if (self->squids[kind] == NULL)
    {
      self->squids[kind] = pp_testbed_squid_start (self, kind, &error);
      if (self->squids[kind] == NULL)
        g_error ("testbed: %s", error->message);
      pp_testbed_update_watchdog (self);
    }

  return pp_testbed_squid_get_port (self->squids[kind]);
}

/* Returns "http://127.0.0.1:PORT", starting that squid if needed. */
char *
pp_testbed_squid_url (PpTestbed   *self,
                      PpSquidKind  kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  return make_url ("http", "127.0.0.1", pp_testbed_start_squid (self, kind), NULL);
}

/* The instance directory (squid.conf, cache.log, access.log), or NULL if
 * that squid was not started. */
const char *
pp_testbed_get_squid_dir (PpTestbed   *self,
                          PpSquidKind  kind)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < PP_SQUID_N_KINDS, NULL);

  return self->squids[kind] ? pp_testbed_squid_get_dir (self->squids[kind]) : NULL;
}

const char *
pp_testbed_get_squid_user (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return "probe";
}

const char *
pp_testbed_get_squid_password (PpTestbed *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->squid_password;
}

static const char * const squid_kind_names[] = { "open", "auth", "deny", "bump", "intercept" };

G_STATIC_ASSERT (G_N_ELEMENTS (squid_kind_names) == PP_SQUID_INTERCEPT + 1);

const char *
pp_squid_kind_to_string (PpSquidKind kind)
{
  g_return_val_if_fail (kind <= PP_SQUID_INTERCEPT, NULL);

  return squid_kind_names[kind];
}

gboolean
pp_squid_kind_from_string (const char  *name,
                           PpSquidKind *kind)
{
  for (guint i = 0; i < PP_SQUID_N_KINDS; i++)
    if (g_ascii_strcasecmp (name, squid_kind_names[i]) == 0)
      {
        *kind = (PpSquidKind) i;
        return TRUE;
      }

  return FALSE;
}
