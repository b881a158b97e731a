/* pp-test-cli.c: running proxyprobe-cli from a test, as a script would
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include "pp-test-cli.h"

void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* @env: NAME, value pairs added to the test's own environment. */
GSubprocessLauncher *
cli_launcher (const char * const *env)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  for (guint i = 0; env && env[i]; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  return launcher;
}

/* Runs @argv (NULL-terminated) to its end, keeping its output and status. */
void
cli_spawn (CliRun             *run,
           const char * const *env,
           GPtrArray          *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (env);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

/* Runs @argv (NULL-terminated), sends it SIGINT after @delay_ms as Ctrl+C
 * would, and waits for its end, keeping its output and status. Returns
 * the microseconds from the signal to the end. */
gint64
cli_interrupt (CliRun             *run,
               const char * const *env,
               GPtrArray          *argv,
               guint               delay_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (env);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_usleep (delay_ms * 1000);
  start = g_get_monotonic_time ();
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);

  return g_get_monotonic_time () - start;
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find \"%s\" in:\n%s", needle, haystack);
}
