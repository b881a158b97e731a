/* pp-command.c: another program's output, bounded in time and size
 *
 * The agent's own tools (mdatp health, mdatp connectivity test) and
 * resolvectl may hang on a broken machine, or print without end: neither
 * may hang or exhaust a report. The program runs with standard input
 * from /dev/null and its standard error merged into the output; a
 * private main context drives it, so any thread may call this.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-command.h"
#include "pp-log.h"

typedef struct
{
  GSubprocess *process;
  GInputStream *output;
  GCancellable *cancellable;
  GByteArray *data;
  gsize max_size;
  guint8 buffer[4096];
  gboolean reading;     /* a read is pending */
  gboolean eof;
  gboolean exited;
  gboolean timed_out;
  gboolean stopped;     /* the caller's @stop was cancelled: the program killed */
  gint stop_requested;  /* atomic: set from the cancelling thread */
  GMainContext *context;
} CommandRun;

static void start_read (CommandRun *run);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CommandRun *run = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  run->reading = FALSE;
  if (n <= 0)
    {
      run->eof = TRUE;
      return;
    }
  /* Past the bound the output is read and dropped: the program must not
   * block on a full pipe before it exits. */
  if (run->data->len < run->max_size)
    g_byte_array_append (run->data, run->buffer, MIN ((gsize) n, run->max_size - run->data->len));
  start_read (run);
}

static void
start_read (CommandRun *run)
{
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      run->eof = TRUE;
      return;
    }
  run->reading = TRUE;
  g_input_stream_read_async (run->output, run->buffer, sizeof run->buffer, G_PRIORITY_DEFAULT,
                             run->cancellable, read_cb, run);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CommandRun *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->exited = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  CommandRun *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  g_subprocess_force_exit (run->process);

  return G_SOURCE_REMOVE;
}

/* Until the program exited and its output ended; after the timeout, a
 * child it left holding the pipe is not waited for. */
/* From the thread that cancels @stop: only a flag and a wake-up; the
 * run's own thread kills the program (GLib 2.74's cancellable source
 * leaks when it is cancelled from another thread). */
static void
stop_requested_cb (GCancellable *stop,
                   gpointer      user_data)
{
  CommandRun *run = user_data;

  g_atomic_int_set (&run->stop_requested, TRUE);
  g_main_context_wakeup (run->context);
}

static void
stop_now (CommandRun *run)
{
  run->stopped = TRUE;
  g_cancellable_cancel (run->cancellable);
  g_subprocess_force_exit (run->process);
}

static void
drive (CommandRun   *run,
       guint         timeout_ms,
       GCancellable *stop)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (timeout_ms);
  gulong handler = 0;

  g_source_set_callback (timeout, timeout_cb, run, NULL);
  g_source_attach (timeout, run->context);
  if (stop != NULL)
    handler = g_cancellable_connect (stop, G_CALLBACK (stop_requested_cb), run, NULL);
  g_subprocess_wait_async (run->process, NULL, wait_cb, run);
  start_read (run);
  while (!run->exited || run->reading || (!run->eof && !run->timed_out && !run->stopped))
    {
      if (g_atomic_int_get (&run->stop_requested) && !run->stopped)
        stop_now (run);
      else
        g_main_context_iteration (run->context, TRUE);
    }
  g_cancellable_disconnect (stop, handler);
  g_source_destroy (timeout);
}

/**
 * pp_command_run_bounded:
 * @argv: the program (searched in PATH) and its arguments
 * @stop: (nullable): cancelled from any thread, the program is killed
 * @exit_status: (out) (optional): its exit status, as g_spawn_check_wait_status() takes it
 *
 * Returns: (transfer full): the first @max_size bytes of the output, as
 * text (NUL-terminated); NULL with G_IO_ERROR_TIMED_OUT when the program
 * did not end within @timeout_ms, G_IO_ERROR_CANCELLED when @stop was
 * cancelled first, or the error of starting it
 */
char *
pp_command_run_bounded (const char * const  *argv,
                        guint                timeout_ms,
                        gsize                max_size,
                        GCancellable        *stop,
                        int                 *exit_status,
                        GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  CommandRun run = { 0 };

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (timeout_ms > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (stop, error))
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  g_main_context_push_thread_default (context);
  run.process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (run.process == NULL)
    {
      g_main_context_pop_thread_default (context);
      return NULL;
    }
  run.output = g_subprocess_get_stdout_pipe (run.process);
  run.cancellable = cancellable;
  run.data = data;
  run.max_size = max_size;
  run.context = context;
  drive (&run, timeout_ms, stop);
  g_main_context_pop_thread_default (context);

  if (exit_status)
    *exit_status = g_subprocess_get_status (run.process);
  g_clear_object (&run.process);
  if (run.stopped)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s was stopped before it answered",
                   argv[0]);
      return NULL;
    }
  if (run.timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s gave no answer within %u s",
                   argv[0], (timeout_ms + 999) / 1000);
      return NULL;
    }
  pp_debug ("%s: %u bytes of output", argv[0], data->len);
  g_byte_array_append (data, (const guint8 *) "", 1);

  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}
