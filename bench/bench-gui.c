/* bench-gui.c: the GTK application's responsiveness, memory and first frame
 *
 * Run under a network namespace and Xvfb (see bench/RESULTS.md):
 *  - first frame: from construction to the frame clock's first after-paint,
 *    for a minimal libadwaita window and for the Proxy Probe window, in the
 *    same process, alternately, after a warm-up window; medians of 5;
 *  - a 1,000-probe run against the loopback testbed: the main loop's
 *    stalls, measured as the lateness of a 1 ms timer, and the frame
 *    intervals while results stream in;
 *  - peak RSS of the process (the testbed's servers are in it too).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "pp-application.h"
#include "pp-testbed.h"

#define N_URLS 167      /* x 6 methods = 1,002 probes */
#define N_FIRST_FRAMES 5

static PpApplication *app;

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

static double
time_first_frame (gboolean ours)
{
  FrameWait wait = { g_get_monotonic_time (), 0 };
  GtkWidget *window;

  if (ours)
    window = GTK_WIDGET (pp_window_new (ADW_APPLICATION (app), pp_application_get_settings (app)));
  else
    {
      GtkWidget *page = adw_status_page_new ();

      window = adw_application_window_new (GTK_APPLICATION (app));
      adw_status_page_set_title (ADW_STATUS_PAGE (page), "Run Checks");
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), &wait);
  gtk_window_present (GTK_WINDOW (window));
  while (wait.first_frame == 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return (wait.first_frame - wait.start) / 1000.0;
}

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

typedef struct
{
  gint64 last;
  GArray *lateness;    /* ms */
  GArray *frames;      /* ms between after-paints */
  gint64 last_frame;
  gint64 start;
} Stalls;

static gboolean
tick_1ms_cb (gpointer user_data)
{
  Stalls *stalls = user_data;
  gint64 now = g_get_monotonic_time ();
  double late = (now - stalls->last) / 1000.0 - 1.0;

  g_array_append_val (stalls->lateness, late);
  if (late > 50 && g_getenv ("PP_BENCH_TRACE"))
    fprintf (stderr, "stall of %.0f ms ending at +%.0f ms (%ld)\n", late, (now - stalls->start) / 1000.0, (long) (now / 1000 % 100000));
  stalls->last = now;

  return G_SOURCE_CONTINUE;
}

static void
frame_cb (GdkFrameClock *clock,
          Stalls        *stalls)
{
  gint64 now = g_get_monotonic_time ();

  if (stalls->last_frame != 0)
    {
      double interval = (now - stalls->last_frame) / 1000.0;

      g_array_append_val (stalls->frames, interval);
    }
  stalls->last_frame = now;
}

static void
finished_cb (PpWindow *window,
             gboolean *finished)
{
  *finished = TRUE;
}

static void
set_profile (PpTestbed *testbed)
{
  GSettings *settings = pp_application_get_settings (app);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);

  guint n_urls = g_getenv ("PP_BENCH_URLS") ? atoi (g_getenv ("PP_BENCH_URLS")) : N_URLS;

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/200?n=%u", i);
      g_autofree char *url = pp_testbed_http_url (testbed, path);

      g_strv_builder_add (builder, url);
    }
  urls = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "custom-urls", (const char * const *) urls);
  g_settings_set_string (settings, "profile", "custom");
  g_settings_set_string (settings, "named-proxy", open);
  g_settings_set_string (settings, "cmdline-proxy", open);
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss / 1024.0;
}

static void
bench_run (PpTestbed *testbed)
{
  PpWindow *window;
  Stalls stalls = { 0 };
  gboolean finished = FALSE;
  gint64 start;
  guint timer;
  gulong frame_handler;
  struct rusage usage;

  set_profile (testbed);
  printf ("peak RSS before the run (GTK, the testbed's servers, %d first-frame windows): %.1f MiB\n",
          2 * N_FIRST_FRAMES + 1, peak_rss_mib ());
  window = pp_window_new (ADW_APPLICATION (app), pp_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  {
    /* Clicking Run comes after the window is on screen: wait for that. */
    gint64 until = g_get_monotonic_time () + 500000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_signal_connect (window, "run-finished", G_CALLBACK (finished_cb), &finished);
  stalls.lateness = g_array_new (FALSE, FALSE, sizeof (double));
  stalls.frames = g_array_new (FALSE, FALSE, sizeof (double));
  frame_handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                    G_CALLBACK (frame_cb), &stalls);

  start = stalls.start = stalls.last = g_get_monotonic_time ();
  timer = g_timeout_add (1, tick_1ms_cb, &stalls);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  if (g_getenv ("PP_BENCH_TRACE"))
    fprintf (stderr, "win.run returned at +%.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), frame_handler);

  getrusage (RUSAGE_SELF, &usage);
  printf ("probes: %u in %.2f s\n", pp_plan_get_n_items (pp_window_get_plan (window)),
          (g_get_monotonic_time () - start) / 1e6);
  printf ("main-loop stall (1 ms timer lateness): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%u samples)\n",
          percentile (stalls.lateness, 0.5), percentile (stalls.lateness, 0.99),
          percentile (stalls.lateness, 1.0), stalls.lateness->len);
  printf ("frame interval during the run: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%u frames)\n",
          percentile (stalls.frames, 0.5), percentile (stalls.frames, 0.99),
          percentile (stalls.frames, 1.0), stalls.frames->len);
  printf ("peak RSS: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  PpGuiOptions options = { .run = TRUE };
  g_autoptr(PpTestbed) testbed = NULL;
  double minimal[N_FIRST_FRAMES], ours[N_FIRST_FRAMES];
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *b = g_array_new (FALSE, FALSE, sizeof (double));
  double warmup;

  gtk_init ();
  testbed = pp_testbed_new ();
  app = pp_application_new (&options);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  warmup = time_first_frame (FALSE);
  for (int i = 0; i < N_FIRST_FRAMES; i++)
    {
      minimal[i] = time_first_frame (FALSE);
      ours[i] = time_first_frame (TRUE);
      g_array_append_val (a, minimal[i]);
      g_array_append_val (b, ours[i]);
    }
  printf ("first frame: warm-up (first window of the process) %.1f ms\n", warmup);
  printf ("first frame: minimal libadwaita window median %.1f ms, Proxy Probe window median %.1f ms, "
          "ratio %.2fx\n", percentile (a, 0.5), percentile (b, 0.5),
          percentile (b, 0.5) / percentile (a, 0.5));
  bench_run (testbed);
  g_clear_object (&app);

  return 0;
}
