/* pp-testbed-squid.c: real squid proxies, one child process per kind
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define HELPER_DIR "/usr/lib/squid"
#define START_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US (3 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US (10 * 1000)
#define PORT_ATTEMPTS 3
#define LOG_TAIL_BYTES 4000

struct _PpTestbedSquid
{
  PpSquidKind  kind;
  char        *dir;
  char        *cache_log;
  char        *output;
  GPid         pid;
  guint16      port;
  guint16      intercept_port;      /* PP_SQUID_INTERCEPT: plain http */
  guint16      intercept_tls_port;  /* PP_SQUID_INTERCEPT: https, bumped */
  GArray      *helpers;
};

static void
squid_free (PpTestbedSquid *squid)
{
  g_free (squid->dir);
  g_free (squid->cache_log);
  g_free (squid->output);
  g_clear_pointer (&squid->helpers, g_array_unref);
  g_free (squid);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpTestbedSquid, squid_free)

/* visible_hostname: else squid looks its own hostname up. dns_nameservers:
 * no DNS query ever leaves the machine. pinger_enable: the pinger would
 * send ICMP echoes. */
#define COMMON_CONFIG \
  "visible_hostname pp-testbed\n" \
  "pid_filename %1$s/squid.pid\n" \
  "access_log stdio:%1$s/access.log\n" \
  "cache_log %1$s/cache.log\n" \
  "coredump_dir %1$s\n" \
  "cache deny all\n" \
  "cache_mem 8 MB\n" \
  "dns_nameservers 127.0.0.1\n" \
  "dns_timeout 5 seconds\n" \
  "hosts_file /etc/hosts\n" \
  "shutdown_lifetime 0 seconds\n" \
  "via on\n" \
  "pinger_enable off\n" \
  "netdb_filename none\n" \
  "logfile_rotate 0\n"

#define AUTH_CONFIG \
  "auth_param basic program " HELPER_DIR "/basic_ncsa_auth %1$s/htpasswd\n" \
  "auth_param basic children 3 startup=1 idle=1\n" \
  "auth_param basic realm Proxy Probe test proxy\n" \
  "acl authenticated proxy_auth REQUIRED\n" \
  "http_access allow authenticated\n" \
  "http_access deny all\n"

/* Peek at the client's hello and stare at the origin's before bumping, so
 * that squid mimics the origin's certificate (names, validity) under the
 * inspection CA, as inspection products do. */
#define BUMP_CERT \
  " ssl-bump tls-cert=%1$s/bump-ca.pem" \
  " generate-host-certificates=on dynamic_cert_mem_cache_size=4MB\n"
#define BUMP_RULES \
  "sslcrtd_program " HELPER_DIR "/security_file_certgen -s %1$s/ssl_db -M 4MB\n" \
  "sslcrtd_children 3 startup=1 idle=1\n" \
  "acl step1 at_step SslBump1\n" \
  "ssl_bump peek step1\n" \
  "ssl_bump stare all\n" \
  "ssl_bump bump all\n" \
  "tls_outgoing_options cafile=%1$s/origin-ca.pem\n" \
  "http_access allow all\n"

#define BUMP_CONFIG \
  "http_port 127.0.0.1:%2$u" BUMP_CERT \
  BUMP_RULES

/* Squid needs an ordinary port besides the intercept ones (readiness is
 * read there: a connection straight to an intercept port would make squid
 * fail every intercepted connection after it). It reaches the origins at
 * 127.0.0.2, which nftables maps to 127.0.0.1; squid 5.7 refuses their
 * certificate there (ERR_SECURE_CONNECT_FAIL) though it names 127.0.0.2,
 * so certificate errors towards the origin are let pass. */
#define INTERCEPT_CONFIG \
  "http_port 127.0.0.1:%2$u\n" \
  "http_port 127.0.0.1:%3$u intercept\n" \
  "https_port 127.0.0.1:%4$u intercept" BUMP_CERT \
  "sslproxy_cert_error allow all\n" \
  BUMP_RULES

static char *
squid_config (PpTestbedSquid *squid)
{
  GString *config = g_string_new (NULL);

  if (squid->kind == PP_SQUID_BUMP)
    g_string_append_printf (config, BUMP_CONFIG, squid->dir, squid->port);
  else if (squid->kind == PP_SQUID_INTERCEPT)
    g_string_append_printf (config, INTERCEPT_CONFIG, squid->dir, squid->port,
                            squid->intercept_port, squid->intercept_tls_port);
  else
    g_string_append_printf (config, "http_port 127.0.0.1:%u\n", squid->port);

  g_string_append_printf (config, COMMON_CONFIG, squid->dir);
  if (pp_testbed_is_real_root ())
    g_string_append (config, "cache_effective_user proxy\n");

  if (squid->kind == PP_SQUID_AUTH)
    g_string_append_printf (config, AUTH_CONFIG, squid->dir);
  else if (squid->kind == PP_SQUID_DENY)
    g_string_append (config, "http_access deny all\n");
  else if (squid->kind == PP_SQUID_OPEN)
    g_string_append (config, "http_access allow all\n");

  return g_string_free (config, FALSE);
}

static gboolean
prepare_auth (PpTestbed       *tb,
              PpTestbedSquid  *squid,
              GError         **error)
{
  const char *argv[] = { "openssl", "passwd", "-apr1", tb->squid_password, NULL };
  g_autofree char *hash = NULL;
  g_autofree char *line = NULL;
  g_autofree char *path = g_build_filename (squid->dir, "htpasswd", NULL);

  if (!pp_testbed_run (argv, &hash, error))
    return FALSE;

  line = g_strdup_printf ("%s:%s\n", pp_testbed_get_squid_user (tb), g_strstrip (hash));
  return g_file_set_contents (path, line, -1, error);
}

static gboolean
copy_files (const char  *destination,
            const char  *first,
            const char  *second,
            GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *sources[] = { first, second };

  for (guint i = 0; i < G_N_ELEMENTS (sources) && sources[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (sources[i], &contents, NULL, error))
        return FALSE;
      g_string_append (text, contents);
    }

  return g_file_set_contents (destination, text->str, text->len, error);
}

/* Everything squid reads lives in its own directory, which is handed to the
 * "proxy" user when squid runs as real root. */
static gboolean
prepare_bump (PpTestbed       *tb,
              PpTestbedSquid  *squid,
              GError         **error)
{
  g_autofree char *bump = g_build_filename (squid->dir, "bump-ca.pem", NULL);
  g_autofree char *origin = g_build_filename (squid->dir, "origin-ca.pem", NULL);
  g_autofree char *db = g_build_filename (squid->dir, "ssl_db", NULL);
  const char *argv[] = { HELPER_DIR "/security_file_certgen", "-c", "-s", db,
                         "-M", "4MB", NULL };

  return copy_files (bump, tb->bump_ca_file, tb->bump_key_file, error) &&
         copy_files (origin, tb->ca_file, NULL, error) &&
         pp_testbed_run (argv, NULL, error);
}

static gboolean
chown_tree (const char  *path,
            uid_t        uid,
            gid_t        gid,
            GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (lchown (path, uid, gid) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot give %s to the proxy user: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return TRUE;

  dir = g_dir_open (path, 0, error);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!chown_tree (child, uid, gid, error))
        return FALSE;
    }

  return dir != NULL;
}

/* As real root squid switches to "proxy" (cache_effective_user), which must
 * be able to reach and write its directory. */
static gboolean
hand_to_proxy_user (PpTestbed       *tb,
                    PpTestbedSquid  *squid,
                    GError         **error)
{
  struct passwd *proxy;

  if (!pp_testbed_is_real_root ())
    return TRUE;

  proxy = getpwnam ("proxy");
  if (proxy == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "squid runs as root and needs the user \"proxy\", which does not exist");
      return FALSE;
    }

  if (g_chmod (tb->dir, 0711) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot open %s to the proxy user: %s", tb->dir, g_strerror (saved_errno));
      return FALSE;
    }

  return chown_tree (squid->dir, proxy->pw_uid, proxy->pw_gid, error);
}

static gboolean
write_config (PpTestbed       *tb,
              PpTestbedSquid  *squid,
              GError         **error)
{
  g_autofree char *config = squid_config (squid);
  g_autofree char *path = g_build_filename (squid->dir, "squid.conf", NULL);

  /* Fresh logs for each attempt, so that readiness and errors are read
   * from this attempt only. */
  return g_file_set_contents (path, config, -1, error) &&
         g_file_set_contents (squid->cache_log, "", 0, error) &&
         hand_to_proxy_user (tb, squid, error);
}

static void
squid_child_setup (gpointer data)
{
  /* Out of the test's process group: a Ctrl-C stops the test, and the
   * testbed (or its watchdog) stops squid in order. */
  setpgid (0, 0);
}

static gboolean
spawn_squid (PpTestbedSquid  *squid,
             GError         **error)
{
  g_autofree char *binary = g_find_program_in_path ("squid");
  g_autofree char *config = g_build_filename (squid->dir, "squid.conf", NULL);
  /* Squids with the same service name share shared-memory segments
   * (/dev/shm/squid-*.shm), which the intercepting one (TLS on its own
   * port) creates: a name of its own, unique across test processes. */
  g_autofree char *service = g_strdup_printf ("ppintercept%d", (int) getpid ());
  const char *argv[] = { binary ? binary : "/usr/sbin/squid", "-N", "-f", config,
                         squid->kind == PP_SQUID_INTERCEPT ? "-n" : NULL, service, NULL };
  gboolean ok;
  int output;

  output = open (squid->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (output < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", squid->output, g_strerror (saved_errno));
      return FALSE;
    }

  ok = g_spawn_async_with_pipes_and_fds (squid->dir, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD |
                                         G_SPAWN_STDIN_FROM_DEV_NULL,
                                         squid_child_setup, NULL,
                                         -1, output, output, NULL, NULL, 0,
                                         &squid->pid, NULL, NULL, NULL, error);
  close (output);
  return ok;
}

static char *
read_tail (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(nothing)");
  if (length <= LOG_TAIL_BYTES)
    return g_steal_pointer (&contents);

  return g_strdup_printf ("...%s", contents + length - LOG_TAIL_BYTES);
}

static gboolean
log_says_listening (PpTestbedSquid *squid)
{
  g_autofree char *log = NULL;
  g_autofree char *local = g_strdup_printf ("local=127.0.0.1:%u ", squid->port);

  return g_file_get_contents (squid->cache_log, &log, NULL, NULL) &&
         strstr (log, "Accepting") != NULL && strstr (log, local) != NULL;
}

static gboolean
port_was_taken (PpTestbedSquid *squid)
{
  g_autofree char *log = NULL;

  return g_file_get_contents (squid->cache_log, &log, NULL, NULL) &&
         strstr (log, "Address already in use") != NULL;
}

static void
squid_kill (PpTestbedSquid *squid)
{
  kill (squid->pid, SIGKILL);
  while (waitpid (squid->pid, NULL, 0) < 0 && errno == EINTR)
    ;
  squid->pid = 0;
}

/* Ready when squid says it accepts on our port and a connect succeeds:
 * the log line rules out another process that took the port meanwhile. */
static void
set_exit_error (PpTestbedSquid  *squid,
                int              wait_status,
                GError         **error)
{
  g_autoptr(GError) status_error = NULL;

  g_spawn_check_wait_status (wait_status, &status_error);
  g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
               "squid (%s) stopped during startup: %s%s",
               pp_squid_kind_to_string (squid->kind),
               status_error ? status_error->message : "it exited",
               geteuid () == 0 && !pp_testbed_is_real_root ()
               ? " (this is root inside a user namespace, where squid cannot"
                 " switch to an unprivileged user)"
               : "");
}

/* Ready when squid says it accepts on our port and a connect succeeds:
 * the log line rules out another process that took the port meanwhile. */
static gboolean
wait_until_ready (PpTestbedSquid  *squid,
                  GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  int wait_status;

  while (g_get_monotonic_time () < deadline)
    {
      if (waitpid (squid->pid, &wait_status, WNOHANG) == squid->pid)
        {
          squid->pid = 0;
          set_exit_error (squid, wait_status, error);
          return FALSE;
        }
      if (log_says_listening (squid) && pp_testbed_port_accepts (squid->port))
        return TRUE;
      g_usleep (POLL_INTERVAL_US);
    }

  squid_kill (squid);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "squid (%s) did not accept connections on 127.0.0.1:%u within 10 s",
               pp_squid_kind_to_string (squid->kind), squid->port);
  return FALSE;
}

static gboolean
launch (PpTestbed       *tb,
        PpTestbedSquid  *squid,
        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *output = NULL;

  for (guint attempt = 1; ; attempt++)
    {
      squid->port = pp_testbed_pick_free_port ();
      if (squid->kind == PP_SQUID_INTERCEPT)
        {
          squid->intercept_port = pp_testbed_pick_free_port ();
          squid->intercept_tls_port = pp_testbed_pick_free_port ();
        }
      if (!write_config (tb, squid, error) || !spawn_squid (squid, error))
        return FALSE;
      if (wait_until_ready (squid, &local_error))
        return TRUE;

      /* Another process may have bound the port we picked. */
      if (attempt == PORT_ATTEMPTS || !port_was_taken (squid))
        break;
      g_clear_error (&local_error);
    }

  log = read_tail (squid->cache_log);
  output = read_tail (squid->output);
  g_set_error (error, local_error->domain, local_error->code,
               "%s\n--- %s ---\n%s\n--- squid's output ---\n%s", local_error->message,
               squid->cache_log, log, output);
  return FALSE;
}

/* Starts squid -N with a configuration of its own in <testbed>/squid-KIND
 * and returns once it accepts connections. */
PpTestbedSquid *
pp_testbed_squid_start (PpTestbed    *tb,
                        PpSquidKind   kind,
                        GError      **error)
{
  g_autoptr(PpTestbedSquid) squid = g_new0 (PpTestbedSquid, 1);
  g_autofree char *name = g_strdup_printf ("squid-%s", pp_squid_kind_to_string (kind));
  gint64 start = g_get_monotonic_time ();

  squid->kind = kind;
  squid->dir = g_build_filename (tb->dir, name, NULL);
  squid->cache_log = g_build_filename (squid->dir, "cache.log", NULL);
  squid->output = g_build_filename (squid->dir, "squid.out", NULL);

  if (strpbrk (squid->dir, " \t\n\"") != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "squid's configuration cannot name %s: set TMPDIR to a path without spaces",
                   squid->dir);
      return NULL;
    }

  if (g_mkdir (squid->dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", squid->dir, g_strerror (saved_errno));
      return NULL;
    }

  if ((kind == PP_SQUID_AUTH && !prepare_auth (tb, squid, error)) ||
      ((kind == PP_SQUID_BUMP || kind == PP_SQUID_INTERCEPT) &&
       !prepare_bump (tb, squid, error)) ||
      !launch (tb, squid, error))
    return NULL;

  g_debug ("testbed: squid (%s) accepts on 127.0.0.1:%u after %.3f s",
           pp_squid_kind_to_string (kind), squid->port,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return g_steal_pointer (&squid);
}

guint16
pp_testbed_squid_get_port (PpTestbedSquid *squid)
{
  return squid->port;
}

guint16
pp_testbed_squid_get_intercept_port (PpTestbedSquid *squid,
                                     gboolean        tls)
{
  return tls ? squid->intercept_tls_port : squid->intercept_port;
}

GPid
pp_testbed_squid_get_pid (PpTestbedSquid *squid)
{
  return squid->pid;
}

const char *
pp_testbed_squid_get_dir (PpTestbedSquid *squid)
{
  return squid->dir;
}

/* Squid starts its helpers in sessions of their own and does not wait for
 * them when it exits, so they outlive it for a moment. */
static GArray *
find_children (GPid parent)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *end;
      int ppid;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;

      /* "pid (comm) state ppid …": comm may hold spaces and parentheses. */
      end = strrchr (stat, ')');
      if (end != NULL && sscanf (end + 1, " %*c %d", &ppid) == 1 && ppid == parent)
        {
          GPid child = atoi (name);

          g_array_append_val (children, child);
        }
    }

  return children;
}

/* TRUE once @pid is reaped (or is not our child, which means that someone
 * else reaped it). */
static gboolean
reap_until (GPid   pid,
            gint64 deadline)
{
  while (TRUE)
    {
      pid_t result = waitpid (pid, NULL, WNOHANG);

      if (result == pid || (result < 0 && errno == ECHILD))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (POLL_INTERVAL_US);
    }
}

static void
reap_or_kill (GPid   pid,
              gint64 deadline)
{
  if (reap_until (pid, deadline))
    return;

  kill (pid, SIGKILL);
  while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

/* While squids stop, this process is the "subreaper" of their orphaned
 * helpers: they are reaped here rather than left as zombies under an init
 * that may not reap (as in some containers and microVMs). */
static int
subreaper_begin (void)
{
  int was = 0;

  prctl (PR_GET_CHILD_SUBREAPER, &was);
  prctl (PR_SET_CHILD_SUBREAPER, 1);
  return was;
}

/* Stops every non-NULL squid of @squids in parallel (SIGTERM, SIGKILL after
 * 3 s), reaps them and their helpers, and frees them. */
void
pp_testbed_squids_stop (PpTestbedSquid **squids,
                        guint            n_squids)
{
  int was_subreaper;
  gint64 deadline;
  guint running = 0;

  for (guint i = 0; i < n_squids; i++)
    running += squids[i] != NULL;
  if (running == 0)
    return;

  was_subreaper = subreaper_begin ();
  deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;

  for (guint i = 0; i < n_squids; i++)
    if (squids[i] != NULL)
      {
        squids[i]->helpers = find_children (squids[i]->pid);
        kill (squids[i]->pid, SIGTERM);
      }

  for (guint i = 0; i < n_squids; i++)
    if (squids[i] != NULL)
      reap_or_kill (squids[i]->pid, deadline);

  deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;
  for (guint i = 0; i < n_squids; i++)
    for (guint j = 0; squids[i] != NULL && j < squids[i]->helpers->len; j++)
      reap_or_kill (g_array_index (squids[i]->helpers, GPid, j), deadline);

  prctl (PR_SET_CHILD_SUBREAPER, was_subreaper);
  for (guint i = 0; i < n_squids; i++)
    g_clear_pointer (&squids[i], squid_free);
}
