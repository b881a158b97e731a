/* pp-testbed-daemon.c: the testbed as a process, for benchmarks and shell tests
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line of JSON with every URL base, port and file, then runs
 * until its standard input reaches end of file (the caller closed the pipe
 * or died) or it gets SIGTERM or SIGINT, and cleans up:
 *
 *   coproc TB { pp-testbed-daemon --squid open,deny; }
 *   read -r line <&"${TB[0]}"      # {"http":"http://127.0.0.1:41234", ...}
 *   ...
 *   exec {TB[1]}>&-; wait          # end of file: the daemon stops
 *
 * With standard input at /dev/null it would stop at once: pass
 * --ignore-stdin then and stop it with a signal.
 */
#include <errno.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pp-testbed.h"

static void
json_append_string (GString    *json,
                    const char *value)
{
  if (value == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  g_string_append_c (json, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
json_add_string (GString    *json,
                 const char *key,
                 const char *value)
{
  g_string_append_printf (json, "%s\"%s\":", json->len > 1 ? "," : "", key);
  json_append_string (json, value);
}

static void
json_add_port (GString    *json,
               const char *key,
               guint16     port)
{
  g_string_append_printf (json, "%s\"%s\":", json->len > 1 ? "," : "", key);
  if (port == 0)
    g_string_append (json, "null");
  else
    g_string_append_printf (json, "%u", port);
}

/* Squid ports are null for the kinds that were not asked for. */
static char *
describe (PpTestbed      *testbed,
          const gboolean *started)
{
  GString *json = g_string_new ("{");
  g_autofree char *http = pp_testbed_http_url (testbed, NULL);
  g_autofree char *https = pp_testbed_https_url (testbed, NULL);

  json_add_string (json, "http", http);
  json_add_string (json, "https", https);
  json_add_port (json, "closed_port", pp_testbed_get_closed_port (testbed));
  json_add_port (json, "blackhole_port", pp_testbed_get_blackhole_port (testbed));
  json_add_port (json, "syn_drop_port", pp_testbed_get_syn_drop_port (testbed));
  json_add_string (json, "ca_file", pp_testbed_get_ca_file (testbed));
  json_add_string (json, "bump_ca_file", pp_testbed_get_bump_ca_file (testbed));

  for (guint i = 0; i < PP_SQUID_N_KINDS; i++)
    {
      g_autofree char *key = g_strdup_printf ("squid_%s", pp_squid_kind_to_string (i));

      json_add_port (json, key, started[i] ? pp_testbed_start_squid (testbed, i) : 0);
    }

  json_add_string (json, "squid_user", pp_testbed_get_squid_user (testbed));
  json_add_string (json, "squid_password", pp_testbed_get_squid_password (testbed));
  json_add_string (json, "dir", pp_testbed_get_dir (testbed));
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

static gboolean
parse_kinds (const char  *list,
             gboolean    *wanted,
             GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list ? list : "", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      PpSquidKind kind;

      if (*name == '\0')
        continue;
      if (g_str_equal (name, "all"))
        {
          for (guint k = 0; k < PP_SQUID_N_KINDS; k++)
            wanted[k] = TRUE;
        }
      else if (pp_squid_kind_from_string (name, &kind))
        wanted[kind] = TRUE;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown squid kind '%s' (expected open, auth, deny, bump or all)",
                       name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Whatever arrives is ignored; end of file (or a broken pipe) stops. */
static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     data)
{
  char buffer[256];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN)))
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *squids = NULL;
  gboolean ignore_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "squid", 0, 0, G_OPTION_ARG_STRING, &squids,
      "Squid proxies to start (comma-separated): open, auth, deny, bump or all", "KINDS" },
    { "ignore-stdin", 0, 0, G_OPTION_ARG_NONE, &ignore_stdin,
      "Do not stop at end of standard input, only on SIGTERM or SIGINT", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- run the Proxy Probe testbed");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(PpTestbed) testbed = NULL;
  g_autofree char *json = NULL;
  gboolean wanted[PP_SQUID_N_KINDS] = { FALSE };

  setlocale (LC_ALL, "");

  /* Standard output carries the JSON line and nothing else. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_kinds (squids, wanted, &error))
    {
      g_printerr ("pp-testbed-daemon: %s\n", error->message);
      return 2;
    }

  /* A reader that went away must not kill us before the cleanup. */
  signal (SIGPIPE, SIG_IGN);

  testbed = pp_testbed_new ();
  json = describe (testbed, wanted);
  printf ("%s\n", json);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  if (!ignore_stdin)
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
