/* pp-pac.c: evaluates PAC scripts in a sandboxed helper process
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PAC script is untrusted code from the network. It runs in
 * proxyprobe-pac-helper (src/pac), which limits itself; this side adds the
 * only bound that cannot be escaped: a reply that is late gets the helper
 * killed, and the next request starts a fresh one.
 *
 * A runner may be shared by threads (discovery loads the script in one,
 * the run's workers ask it in others): every request holds the mutex,
 * and the helper is a GSubprocess, which no thread or main context owns.
 */
#include "pp-pac.h"
#include "pp-json.h"
#include "pp-log.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LOAD_TIMEOUT_S 10
#define FIND_TIMEOUT_S 3
#define MAX_DNS_NAME_LEN 253
/* A reply carries a result of at most 64 KiB (the helper's own cap), or
 * an error message the script chose; six bytes of JSON escape a byte. */
#define MAX_REPLY_SIZE (1024 * 1024)
#define REPLY_TOO_LARGE (-2)
/* The script writes its exceptions' messages: a line is enough to act on. */
#define MAX_SCRIPT_ERROR_CHARS 1000

struct _PpPacRunner
{
  GObject parent_instance;

  GMutex mutex;          /* one request at a time: the helper is sequential */
  GSubprocess *helper;
  int fd;                /* our end of the helper's stdin/stdout socket */
  GString *pending;      /* bytes read past the last reply */
  char *script;          /* reloaded whenever a helper is restarted */
};

G_DEFINE_FINAL_TYPE (PpPacRunner, pp_pac_runner, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-pac-error-quark, pp_pac_error)

#ifdef PP_PAC_HELPER_BUILD_PATH
/* The program itself is in the build tree (a test, or `meson devenv`). */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, PP_BUILD_ROOT "/");
}
#endif

const char *
pp_pac_helper_path (void)
{
  const char *env = g_getenv ("PROXYPROBE_PAC_HELPER");

  if (env != NULL && *env != '\0')
    return env;
#ifdef PP_PAC_HELPER_BUILD_PATH
  /* Running from the build tree: the installed helper may be older or
   * absent. An installed program never uses the build tree's helper,
   * even on the machine that built its package. */
  if (*PP_PAC_HELPER_BUILD_PATH != '\0' && running_from_build_tree () &&
      g_file_test (PP_PAC_HELPER_BUILD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    return PP_PAC_HELPER_BUILD_PATH;
#endif
  return PP_PAC_HELPER_LIBEXEC_PATH;
}

static void
pp_pac_runner_stop_helper (PpPacRunner *self)
{
  if (self->helper != NULL)
    {
      g_subprocess_force_exit (self->helper);
      g_subprocess_wait (self->helper, NULL, NULL);
      g_clear_object (&self->helper);
    }
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  g_string_truncate (self->pending, 0);
}

static gboolean
pp_pac_runner_start_helper (PpPacRunner  *self,
                            GError      **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *path = pp_pac_helper_path ();
  int sv[2];

  /* A socket rather than pipes: send() with MSG_NOSIGNAL cannot raise
   * SIGPIPE in the application when the helper has died. */
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_HELPER,
                   "could not start the PAC evaluator: %s", g_strerror (errno));
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, sv[1]);
  g_subprocess_launcher_take_stdout_fd (launcher, fcntl (sv[1], F_DUPFD_CLOEXEC, 3));
  self->helper = g_subprocess_launcher_spawn (launcher, NULL, path, NULL);
  if (self->helper == NULL)
    {
      close (sv[0]);
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_HELPER,
                   "could not start the PAC evaluator %s: check that Proxy Probe is "
                   "installed completely, or set PROXYPROBE_PAC_HELPER", path);
      return FALSE;
    }
  self->fd = sv[0];
  return TRUE;
}

/* Returns 1 when FD is ready, 0 when DEADLINE has passed, -1 on error. */
static int
wait_for (int     fd,
          short   events,
          gint64  deadline)
{
  struct pollfd pfd = { .fd = fd, .events = events };

  for (;;)
    {
      gint64 left_us = deadline - g_get_monotonic_time ();
      int rc;

      if (left_us <= 0)
        return 0;
      /* Round up: poll() returning a moment early must not look like an error. */
      rc = poll (&pfd, 1, (int) MIN ((left_us + 999) / 1000, G_MAXINT));
      if (rc > 0)
        return 1;
      if (rc < 0 && errno != EINTR)
        return -1;
    }
}

/* Returns 1 on success, 0 on a missed deadline, -1 when the helper is gone. */
static int
send_all (int         fd,
          const char *data,
          gsize       len,
          gint64      deadline)
{
  while (len > 0)
    {
      ssize_t n;

      int ready = wait_for (fd, POLLOUT, deadline);

      if (ready <= 0)
        return ready;
      n = send (fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return -1;
      data += n;
      len -= (gsize) n;
    }
  return 1;
}

static int
receive_line (PpPacRunner  *self,
              gint64        deadline,
              char        **line)
{
  char buf[16384];
  char *newline;

  while ((newline = memchr (self->pending->str, '\n', self->pending->len)) == NULL)
    {
      ssize_t n;

      int ready = wait_for (self->fd, POLLIN, deadline);

      if (ready <= 0)
        return ready;
      n = recv (self->fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return -1;
      g_string_append_len (self->pending, buf, n);
      if (self->pending->len > MAX_REPLY_SIZE)
        return REPLY_TOO_LARGE;
    }

  *line = g_strndup (self->pending->str, newline - self->pending->str);
  g_string_erase (self->pending, 0, newline - self->pending->str + 1);
  return 1;
}

/* One request, one reply. Any failure of the channel leaves no helper
 * behind: it is killed and reaped, and the next request starts another. */
static JsonObject *
pp_pac_runner_exchange (PpPacRunner  *self,
                        JsonNode     *request,
                        int           timeout_s,
                        GError      **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  int rc;

  json_generator_set_root (generator, request);
  body = json_generator_to_data (generator, NULL);
  text = g_strconcat (body, "\n", NULL);

  rc = send_all (self->fd, text, strlen (text), deadline);
  if (rc > 0)
    rc = receive_line (self, deadline, &line);
  /* The helper runs hostile scripts: its reply is parsed like any
   * untrusted JSON. */
  if (rc > 0 && (parser = pp_json_parse (line, -1, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *reply = json_node_get_object (json_parser_get_root (parser));

      if (json_object_get_boolean_member_with_default (reply, "restart", FALSE))
        pp_pac_runner_stop_helper (self);
      return json_object_ref (reply);
    }

  pp_pac_runner_stop_helper (self);
  if (rc == 0)
    g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_TIMEOUT,
                 "the PAC script ran longer than %d s and was stopped", timeout_s);
  else if (rc == REPLY_TOO_LARGE)
    g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT,
                         "the PAC script's answer was larger than 1 MiB and was refused; "
                         "check the script");
  else
    g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_HELPER,
                         "the PAC evaluator stopped unexpectedly; the script may have "
                         "exhausted its memory or CPU limit");
  return NULL;
}

static gboolean
reply_ok (JsonObject  *reply,
          GError     **error)
{
  const char *message;

  if (json_object_get_boolean_member_with_default (reply, "ok", FALSE))
    return TRUE;
  message = json_object_get_string_member_with_default (reply, "error", "the PAC script failed");
  if (g_utf8_strlen (message, MAX_SCRIPT_ERROR_CHARS * 4 + 4) > MAX_SCRIPT_ERROR_CHARS)
    {
      g_autofree char *start = g_utf8_substring (message, 0, MAX_SCRIPT_ERROR_CHARS);

      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT, "%s… (cut short)", start);
      return FALSE;
    }
  g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT, message);
  return FALSE;
}

static gboolean
pp_pac_runner_send_load (PpPacRunner  *self,
                         GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonObject) reply = NULL;

  if (self->helper == NULL && !pp_pac_runner_start_helper (self, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "load");
  json_builder_set_member_name (builder, "script");
  json_builder_add_string_value (builder, self->script);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);

  reply = pp_pac_runner_exchange (self, request, LOAD_TIMEOUT_S, error);
  return reply != NULL && reply_ok (reply, error);
}

/* Loads SCRIPT, replacing any earlier one. Scripts over 1 MiB are refused,
 * as WinHTTP does: no real PAC file is that large. */
gboolean
pp_pac_runner_load (PpPacRunner  *self,
                    const char   *script,
                    GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gsize len;

  g_return_val_if_fail (PP_IS_PAC_RUNNER (self), FALSE);
  g_return_val_if_fail (script != NULL, FALSE);

  len = strlen (script);
  if (len > PP_PAC_MAX_SCRIPT_SIZE)
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_TOO_LARGE,
                   "the PAC script is %" G_GSIZE_FORMAT " KiB, over the limit of %d KiB: "
                   "check that the PAC URL serves a PAC file", len / 1024,
                   PP_PAC_MAX_SCRIPT_SIZE / 1024);
      return FALSE;
    }
  if (!g_utf8_validate (script, (gssize) len, NULL))
    {
      g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT,
                           "the PAC script is not valid UTF-8 text");
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->mutex);
  g_free (self->script);
  self->script = g_strdup (script);
  pp_debug ("loading a PAC script of %" G_GSIZE_FORMAT " bytes into %s", len,
            pp_pac_helper_path ());
  if (pp_pac_runner_send_load (self, error))
    return TRUE;
  g_clear_pointer (&self->script, g_free);
  return FALSE;
}

/* Whether SCRIPT is the one loaded, so that a runner can be handed on
 * instead of starting a second helper for the same script. */
gboolean
pp_pac_runner_has_script (PpPacRunner *self,
                          const char  *script)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PP_IS_PAC_RUNNER (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  return script != NULL && g_strcmp0 (self->script, script) == 0;
}

/* Chromium's rule: an https URL reaches the script as scheme://host[:port]/
 * only, because paths and queries carry secrets. Credentials and fragments
 * are dropped for every scheme. */
char *
pp_pac_url_for_script (const char  *url,
                       char       **host,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) clean = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *lower_host = NULL;
  gboolean secure;
  const char *path;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_INVALID_URL,
                   "'%s' is not a URL with a host name, so no PAC script can be asked about it", url);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  lower_host = g_ascii_strdown (g_uri_get_host (uri), -1);
  secure = g_str_equal (scheme, "https") || g_str_equal (scheme, "wss");
  path = g_uri_get_path (uri);
  clean = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, lower_host,
                       g_uri_get_port (uri), secure || *path == '\0' ? "/" : path,
                       secure ? NULL : g_uri_get_query (uri), NULL);
  if (host != NULL)
    *host = g_steal_pointer (&lower_host);
  return g_uri_to_string (clean);
}

static JsonArray *
array_member (JsonObject *reply,
              const char *name)
{
  JsonNode *node = json_object_get_member (reply, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static char **
strings_member (JsonObject *reply,
                const char *name)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  JsonArray *array = array_member (reply, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (out, json_array_get_string_element (array, i));
  return g_strv_builder_end (out);
}

/* The script chooses the names it looks up, and the log goes into every
 * report: a 100 KB "name" is cut to what DNS allows (253 bytes). */
static char *
bounded_name (JsonObject *entry)
{
  const char *name = json_object_get_string_member_with_default (entry, "name", "?");
  gsize len = strlen (name);
  g_autofree char *valid = g_utf8_make_valid (name, MIN (len, MAX_DNS_NAME_LEN));

  return len > MAX_DNS_NAME_LEN ? g_strconcat (valid, "…", NULL) : g_steal_pointer (&valid);
}

/* Each lookup as one line: "name → answer (0.4 ms)". */
static char **
dns_log_from_reply (JsonObject *reply)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  JsonArray *array = array_member (reply, "dns");
  gint64 skipped = json_object_get_int_member_with_default (reply, "dns_skipped", 0);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      g_autofree char *name = bounded_name (entry);
      g_autofree char *text = g_strdup_printf (
        "%s → %s (%.1f ms)", name,
        json_object_get_string_member_with_default (entry, "answer", "?"),
        json_object_get_double_member_with_default (entry, "ms", 0));

      g_strv_builder_add (out, text);
    }
  if (skipped > 0)
    {
      g_autofree char *text = g_strdup_printf (
        "%" G_GINT64_FORMAT " further lookups refused: a PAC evaluation may make at most "
        "32 lookups taking 1.5 s together", skipped);

      g_strv_builder_add (out, text);
    }
  return g_strv_builder_end (out);
}

static JsonNode *
find_request (const char *url,
              const char *host)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "find");
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, host);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Blocking; call it from a worker thread. RESULT is the script's string,
 * e.g. "PROXY a:3128; DIRECT"; ALERTS and DNS_LOG are filled even when the
 * script fails, because they usually explain why. */
gboolean
pp_pac_runner_find_proxy (PpPacRunner   *self,
                          const char    *url,
                          char         **result,
                          char        ***alerts,
                          char        ***dns_log,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *host = NULL;
  g_autofree char *script_url = NULL;

  g_return_val_if_fail (PP_IS_PAC_RUNNER (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (result != NULL)
    *result = NULL;
  if (alerts != NULL)
    *alerts = NULL;
  if (dns_log != NULL)
    *dns_log = NULL;
  if ((script_url = pp_pac_url_for_script (url, &host, error)) == NULL)
    return FALSE;

  locker = g_mutex_locker_new (&self->mutex);
  if (self->script == NULL)
    {
      g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_NOT_LOADED,
                           "no PAC script is loaded");
      return FALSE;
    }
  /* A helper that died between requests (CPU limit, killed from outside)
   * has been reaped already: start another rather than fail this request. */
  if (self->helper != NULL && g_subprocess_get_identifier (self->helper) == NULL)
    pp_pac_runner_stop_helper (self);
  if (self->helper == NULL && !pp_pac_runner_send_load (self, error))
    return FALSE;

  request = find_request (script_url, host);
  if ((reply = pp_pac_runner_exchange (self, request, FIND_TIMEOUT_S, error)) == NULL)
    return FALSE;

  if (alerts != NULL)
    *alerts = strings_member (reply, "alerts");
  if (dns_log != NULL)
    *dns_log = dns_log_from_reply (reply);
  if (!reply_ok (reply, error))
    return FALSE;
  if (result != NULL)
    *result = g_strdup (json_object_get_string_member_with_default (reply, "result", ""));
  pp_debug ("FindProxyForURL (\"%s\", \"%s\") returned \"%s\"", script_url, host,
            json_object_get_string_member_with_default (reply, "result", ""));
  return TRUE;
}

static void
pp_pac_runner_finalize (GObject *object)
{
  PpPacRunner *self = (PpPacRunner *) object;

  pp_pac_runner_stop_helper (self);
  g_string_free (self->pending, TRUE);
  g_clear_pointer (&self->script, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pp_pac_runner_parent_class)->finalize (object);
}

static void
pp_pac_runner_class_init (PpPacRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_pac_runner_finalize;
}

static void
pp_pac_runner_init (PpPacRunner *self)
{
  g_mutex_init (&self->mutex);
  self->fd = -1;
  self->pending = g_string_new (NULL);
}

PpPacRunner *
pp_pac_runner_new (void)
{
  return g_object_new (PP_TYPE_PAC_RUNNER, NULL);
}
