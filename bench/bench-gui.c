/* bench-gui.c: one measurement of the GTK application, in a process of its own
 *
 * Driven by bench/bench_gui.py, which starts the testbed in its own process
 * (pp-testbed-daemon) and runs this program several times, so that what is
 * measured is the application, not the harness:
 *
 *   bench-gui --first-frame=minimal   a minimal libadwaita window, as
 *                                     AdwApplicationWindow's documentation
 *                                     shows it: a header bar over the content
 *   bench-gui --first-frame=bare      the same without its header bar (no
 *                                     window controls: not a usable window)
 *   bench-gui --first-frame=ours      the Proxy Probe window
 *     print the time from the window's construction (and from main ()) to
 *     its frame clock's first after-paint; one window, a fresh process.
 *
 *   bench-gui --run --http URL --proxy URL [--urls N]
 *     the real window runs N URLs x 6 methods against the testbed; prints
 *     the gaps between main-loop iterations (a high-priority 1 ms timeout
 *     that records g_get_monotonic_time () and the main thread's CPU time
 *     at each dispatch), the frame clock's intervals, the main thread's
 *     CPU time per frame (and in all, by phase: a measure the other
 *     processes on a shared machine do not move, as they move the
 *     intervals), and the process's peak RSS (VmHWM) before and after
 *     the run.
 *
 * PP_BENCH_TRACE=1 prints every gap over 16 ms and every frame over 8 ms
 * (or over 2 ms of CPU)
 * (its phases and the main thread's CPU time) as they happen;
 * PP_BENCH_SETTLE_MS (default 1500) is how long the window waits before
 * Run, longer when profiling slows everything down.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pp-application.h"
#include "pp-gui-init.h"

#define N_URLS 167      /* x 6 methods = 1,002 probes */

static GtkApplication *app;
static gint64 main_start;

/* VmHWM and VmRSS from /proc/self/status, in MiB. */
static double
proc_status_mib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);

  return line ? g_ascii_strtod (line + strlen (key) + 1, NULL) / 1024.0 : -1;
}

/* The CPU time the main thread of process @pid has had, in ms (from
 * /proc/PID/schedstat, in nanoseconds: /proc/PID/stat counts in ticks of
 * 10 ms); -1 when it cannot be read. The X server's: under Xvfb a frame
 * also costs the server its drawing and the client's waits for it, which
 * the window's own CPU time does not show. */
static double
process_cpu_ms (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/schedstat", pid);
  g_autofree char *schedstat = NULL;

  if (pid <= 0 || !g_file_get_contents (path, &schedstat, NULL, NULL))
    return -1;

  return g_ascii_strtod (schedstat, NULL) / 1e6;
}

/* First frame */

typedef struct
{
  gint64 start;
  gint64 first_frame;
} FrameWait;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWait     *wait)
{
  if (wait->first_frame == 0)
    wait->first_frame = g_get_monotonic_time ();
}

static void
realize_cb (GtkWidget *widget,
            FrameWait *wait)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), wait);
}

static GtkWidget *
minimal_window (gboolean with_header_bar)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Run Checks");
  gtk_widget_set_vexpand (page, TRUE);
  if (with_header_bar)
    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  return window;
}

static int
first_frame (const char *which)
{
  FrameWait wait = { g_get_monotonic_time (), 0 };
  GtkWidget *window;
  gint64 constructed;

  if (g_str_equal (which, "ours"))
    window = GTK_WIDGET (pp_window_new (ADW_APPLICATION (app), pp_application_get_settings (PP_APPLICATION (app))));
  else
    window = minimal_window (g_str_equal (which, "minimal"));
  constructed = g_get_monotonic_time ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), &wait);
  gtk_window_present (GTK_WINDOW (window));
  while (wait.first_frame == 0)
    g_main_context_iteration (NULL, TRUE);
  printf ("construct-ms %.2f\nfirst-frame-ms %.2f\nfrom-main-ms %.2f\nvmhwm-mib %.1f\n",
          (constructed - wait.start) / 1000.0, (wait.first_frame - wait.start) / 1000.0, (wait.first_frame - main_start) / 1000.0,
          proc_status_mib ("VmHWM:"));
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

/* Statistics */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  qsort (values->data, values->len, sizeof (double), compare_doubles);

  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
print_stats (const char *what,
             GArray     *values)
{
  printf ("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%u samples)\n", what,
          percentile (values, 0.5), percentile (values, 0.99), percentile (values, 1.0),
          values->len);
}

/* Main-loop iterations */

typedef struct
{
  gint64 last;
  gint64 last_cpu;
  gint64 start;
  GArray *gaps;        /* ms between consecutive iterations */
  double long_wall;    /* ms in gaps over 16 ms */
  double long_cpu;     /* ms of those that the main thread ran on a CPU */
} IterationSource;

static gint64
cpu_clock_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);

  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gint64
thread_cpu_us (void)
{
  return cpu_clock_us (CLOCK_THREAD_CPUTIME_ID);
}

/* A high-priority timer every millisecond: the gap between two of its
 * dispatches is how long the main loop was busy elsewhere (or the thread
 * was not scheduled) — the wait a click or a key press would have had. */
static gboolean
iteration_cb (gpointer data)
{
  IterationSource *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (self->last != 0)
    {
      double gap = (now - self->last) / 1000.0;
      double ran = (cpu - self->last_cpu) / 1000.0;

      g_array_append_val (self->gaps, gap);
      if (gap > 16)
        {
          self->long_wall += gap;
          self->long_cpu += ran;
        }
      if (gap > 16 && g_getenv ("PP_BENCH_TRACE"))
        fprintf (stderr, "[%.3f] gap of %.1f ms (%.1f ms on a CPU) ending at +%.0f ms\n", now / 1e6, gap, ran,
                 (now - self->start) / 1000.0);
    }
  self->last = now;
  self->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
frame_cb (GdkFrameClock *clock,
          gint64        *last_frame)
{
  gint64 now = g_get_monotonic_time ();
  GArray *frames = g_object_get_data (G_OBJECT (clock), "bench-frames");

  if (*last_frame != 0)
    {
      double interval = (now - *last_frame) / 1000.0;

      g_array_append_val (frames, interval);
    }
  *last_frame = now;
}

/* Each frame's phases, on the main thread's CPU clock as well as the
 * wall clock: the frame clock's own handlers (GTK's) run first, so ours
 * mark where each phase ends. The tick callbacks that widgets add during
 * the run (the results view's, the cells' spinners) are connected after
 * ours, so "update" ends before them and they count as layout. CPU time
 * is what the frame itself cost, whatever else the machine was doing;
 * the wall clock (the frame interval) also holds the waits for a CPU. */
typedef struct
{
  gint64 start;        /* the run's start */
  gint64 begin;        /* this frame's before-paint */
  gint64 begin_cpu;    /* the main thread's CPU time then */
  gint64 update;
  gint64 layout, layout_cpu;
  gint64 paint, paint_cpu;
  GArray *frame_cpu;   /* ms of CPU per frame */
  double layout_ms;    /* CPU in all frames: update and layout, */
  double paint_ms;     /* paint (snapshot and render), */
  double after_ms;     /* and after-paint */
  double waited_ms;    /* wall time in frames off the CPU (preempted, or waiting for the X server) */
} FramePhases;

static void
phase_cb (GdkFrameClock *clock,
          gint64        *mark)
{
  *mark = g_get_monotonic_time ();
}

static void
layout_done_cb (GdkFrameClock *clock,
                FramePhases   *p)
{
  p->layout = g_get_monotonic_time ();
  p->layout_cpu = thread_cpu_us ();
}

static void
paint_done_cb (GdkFrameClock *clock,
               FramePhases   *p)
{
  p->paint = g_get_monotonic_time ();
  p->paint_cpu = thread_cpu_us ();
}

static void
begin_cb (GdkFrameClock *clock,
          FramePhases   *p)
{
  p->begin = g_get_monotonic_time ();
  p->begin_cpu = p->layout_cpu = p->paint_cpu = thread_cpu_us ();
}

static void
phases_done_cb (GdkFrameClock *clock,
                FramePhases   *p)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  double frame_ms = (cpu - p->begin_cpu) / 1000.0;

  if (p->begin == 0)
    return;
  g_array_append_val (p->frame_cpu, frame_ms);
  p->layout_ms += (p->layout_cpu - p->begin_cpu) / 1000.0;
  p->paint_ms += (p->paint_cpu - p->layout_cpu) / 1000.0;
  p->after_ms += (cpu - p->paint_cpu) / 1000.0;
  p->waited_ms += MAX ((now - p->begin) / 1000.0 - frame_ms, 0);
  if ((now - p->begin > 8000 || frame_ms > 2) && g_getenv ("PP_BENCH_TRACE"))
    fprintf (stderr, "[%.3f] frame at +%.0f ms: update %.1f, layout %.1f, paint %.1f, after %.1f ms"
             " (%.1f ms on a CPU)\n",
             p->begin / 1e6, (p->begin - p->start) / 1000.0, (p->update - p->begin) / 1000.0,
             (p->layout - p->update) / 1000.0, (p->paint - p->layout) / 1000.0,
             (now - p->paint) / 1000.0, frame_ms);
}

static void
watch_phases (GdkFrameClock *clock,
              FramePhases   *p)
{
  g_signal_connect (clock, "before-paint", G_CALLBACK (begin_cb), p);
  g_signal_connect (clock, "update", G_CALLBACK (phase_cb), &p->update);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_done_cb), p);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_done_cb), p);
  g_signal_connect (clock, "after-paint", G_CALLBACK (phases_done_cb), p);
}

static void
finished_cb (PpWindow *window,
             gboolean *finished)
{
  *finished = TRUE;
}

static void
set_profile (const char *http,
             const char *proxy,
             guint       n_urls)
{
  GSettings *settings = pp_application_get_settings (PP_APPLICATION (app));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/status/200?n=%u", http, i);

      g_strv_builder_add (builder, url);
    }
  urls = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "custom-urls", (const char * const *) urls);
  g_settings_set_string (settings, "profile", "custom");
  g_settings_set_string (settings, "named-proxy", proxy);
  g_settings_set_string (settings, "cmdline-proxy", proxy);
}

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
run (const char *http,
     const char *proxy,
     guint       n_urls,
     int         x_server_pid)
{
  double x_server_start;
  PpWindow *window;
  IterationSource iterations_data = { 0 }, *iterations = &iterations_data;
  guint timer;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean finished = FALSE;
  gint64 start, cpu_start, process_cpu_start, last_frame = 0;
  GdkFrameClock *clock;
  gulong frame_handler;
  FramePhases phases = { 0 };

  set_profile (http, proxy, n_urls);
  window = pp_window_new (ADW_APPLICATION (app), pp_application_get_settings (PP_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* Clicking Run comes after the window is on screen and the startup
   * detection is done: wait for that. */
  wait_ms (g_getenv ("PP_BENCH_SETTLE_MS") ? atoi (g_getenv ("PP_BENCH_SETTLE_MS")) : 1500);
  printf ("peak RSS before the run (VmHWM): %.1f MiB\n", proc_status_mib ("VmHWM:"));
  printf ("rows made before the run: %u\n", g_list_model_get_n_items (pp_window_get_rows (window)));
  g_signal_connect (window, "run-finished", G_CALLBACK (finished_cb), &finished);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_object_set_data (G_OBJECT (clock), "bench-frames", frames);
  frame_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &last_frame);

  iterations->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  start = iterations->start = g_get_monotonic_time ();
  timer = g_timeout_add_full (G_PRIORITY_HIGH, 1, iteration_cb, iterations, NULL);

  phases.start = start;
  phases.frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  watch_phases (clock, &phases);
  cpu_start = thread_cpu_us ();
  process_cpu_start = cpu_clock_us (CLOCK_PROCESS_CPUTIME_ID);
  x_server_start = process_cpu_ms (x_server_pid);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  if (g_getenv ("PP_BENCH_TRACE"))
    fprintf (stderr, "win.run returned at +%.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  /* The process's other threads (the runner's workers, detection) share
   * the cores with the main thread: what they take, its frames wait for. */
  printf ("probes: %u in %.2f s; the main thread ran %.0f ms on a CPU, the whole process %.0f ms\n",
          pp_plan_get_n_items (pp_window_get_plan (window)),
          (g_get_monotonic_time () - start) / 1e6, (thread_cpu_us () - cpu_start) / 1000.0,
          (cpu_clock_us (CLOCK_PROCESS_CPUTIME_ID) - process_cpu_start) / 1000.0);
  /* The last results' frame comes after run-finished: keep counting it. */
  wait_ms (300);
  if (x_server_start >= 0)
    printf ("the X server ran %.1f ms on a CPU meanwhile (with the 300 ms after)\n",
            process_cpu_ms (x_server_pid) - x_server_start);
  g_source_remove (timer);
  g_signal_handler_disconnect (clock, frame_handler);
  g_signal_handlers_disconnect_by_data (clock, &phases);
  g_signal_handlers_disconnect_by_data (clock, &phases.update);

  print_stats ("main-loop iteration gap", iterations->gaps);
  printf ("gaps over 16 ms: %.0f ms in all, of which the main thread ran %.0f ms on a CPU\n",
          iterations->long_wall, iterations->long_cpu);
  print_stats ("frame interval", frames);
  print_stats ("frame CPU (main thread)", phases.frame_cpu);
  printf ("frame CPU in all: %.1f ms (tick callbacks and layout %.1f, paint %.1f, after-paint %.1f);"
          " %.1f ms more in frames off the CPU\n",
          phases.layout_ms + phases.paint_ms + phases.after_ms, phases.layout_ms, phases.paint_ms,
          phases.after_ms, phases.waited_ms);
  g_array_unref (phases.frame_cpu);
  printf ("peak RSS (VmHWM): %.1f MiB; RSS now %.1f MiB\n", proc_status_mib ("VmHWM:"),
          proc_status_mib ("VmRSS:"));
  g_array_unref (iterations->gaps);
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  PpGuiOptions options = { .run = TRUE };
  g_autofree char *which = NULL;
  g_autofree char *http = NULL;
  g_autofree char *proxy = NULL;
  gboolean do_run = FALSE;
  int n_urls = N_URLS;
  int x_server_pid = 0;
  const GOptionEntry entries[] = {
    { "first-frame", 0, 0, G_OPTION_ARG_STRING, &which, "Time one window's first frame", "minimal|bare|ours" },
    { "run", 0, 0, G_OPTION_ARG_NONE, &do_run, "Run the probes and measure the main loop", NULL },
    { "http", 0, 0, G_OPTION_ARG_STRING, &http, "The testbed's http base URL", "URL" },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy, "The open squid's URL", "URL" },
    { "urls", 0, 0, G_OPTION_ARG_INT, &n_urls, "URLs in the run (x 6 methods)", "N" },
    { "x-server-pid", 0, 0, G_OPTION_ARG_INT, &x_server_pid, "The X server's process, whose CPU time the run also reports", "PID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the Proxy Probe window");
  g_autoptr(GError) error = NULL;
  int status = 2;

  main_start = g_get_monotonic_time ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-gui: %s\n", error->message);
      return 2;
    }
  /* The minimal window's process has nothing of Proxy Probe: it opens
   * the display as GTK does by default, ours as proxyprobe does. */
  if (which != NULL && !g_str_equal (which, "ours"))
    {
      gtk_init ();
      app = GTK_APPLICATION (adw_application_new ("org.proxyprobe.BenchMinimal", G_APPLICATION_NON_UNIQUE));
    }
  else if (pp_gui_init ())
    app = GTK_APPLICATION (pp_application_new (&options));
  else
    {
      g_printerr ("bench-gui: cannot open the display\n");
      return 2;
    }
  g_application_register (G_APPLICATION (app), NULL, NULL);
  if (which != NULL)
    status = first_frame (which);
  else if (do_run && http != NULL && proxy != NULL)
    status = run (http, proxy, n_urls, x_server_pid);
  else
    g_printerr ("bench-gui: give --first-frame=minimal|bare|ours, or --run --http URL --proxy URL\n");
  fflush (stdout);
  g_clear_object (&app);

  return status;
}
