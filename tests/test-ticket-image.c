/* test-ticket-image.c: the composed image for a ticket (pp-ticket-layout,
 * pp-ticket-image): its size, every endpoint's row and every method's
 * column, words and colours per kind, and what is drawn is what the
 * layout says
 *
 * Made from results the test writes itself, so every kind of cell is
 * there: no network, no window. The picture for people to look at lands
 * in PROXYPROBE_SCREENSHOT_DIR (ticket-en.png). With -m perf,
 * /ticket-image/speed prints the time for 55 endpoints x 6 methods (the
 * bench row in bench/RESULTS.md); it asserts nothing about time.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pp-guidance.h"
#include "pp-ticket-image.h"

#define N_ENDPOINTS 55

static const PpMethod all_methods[] = {
  PP_METHOD_DEFAULT, PP_METHOD_WPAD, PP_METHOD_DIRECT, PP_METHOD_NAMED, PP_METHOD_CMDLINE,
  PP_METHOD_ENV,
};

/* One outcome per method column, shifted by row, so that each kind shows
 * up in every column; @status is what the proxy or server answered. */
static const struct {
  PpOutcome outcome;
  guint http_status;
  guint connect_status;
  PpTicketKind kind;
  const char *words;
} cases[] = {
  { PP_OUTCOME_OK, 200, 0, PP_TICKET_KIND_OK, "OK 200" },
  { PP_OUTCOME_PROXY_AUTH_REQUIRED, 0, 407, PP_TICKET_KIND_PASSWORD, "asks for a password 407" },
  { PP_OUTCOME_PROXY_REFUSED, 0, 403, PP_TICKET_KIND_BLOCKED, "blocked 403" },
  { PP_OUTCOME_TLS_INSPECTED, 200, 0, PP_TICKET_KIND_INSPECTED, "TLS inspected" },
  { PP_OUTCOME_DNS_FAILED, 0, 0, PP_TICKET_KIND_NETWORK, "name not resolved" },
  { PP_OUTCOME_NOT_CONFIGURED, 0, 0, PP_TICKET_KIND_ABSENT, "doesn’t exist" },
  { PP_OUTCOME_CONNECT_TIMEOUT, 0, 0, PP_TICKET_KIND_NETWORK, "timed out" },
  { PP_OUTCOME_CANCELLED, 0, 0, PP_TICKET_KIND_NOT_RUN, "not run" },
};

static guint
case_of (guint endpoint,
         guint method)
{
  return (endpoint + method) % G_N_ELEMENTS (cases);
}

/* Hosts that differ only at their end, as Defender's do. */
static char *
host_of (guint endpoint)
{
  return g_strdup_printf ("automatedirstrprdweu%u.blob.core.windows.net", endpoint);
}

/* @finished: the checks the cases stop fail (time out) instead. */
static PpRunResults *
make_results_full (guint    n_endpoints,
                   gboolean finished)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  PpRunResults *results;
  static const guint ok = 200;

  for (guint e = 0; e < n_endpoints; e++)
    {
      g_autofree char *host = host_of (e);
      g_autofree char *url = g_strdup_printf ("https://%s/path/%u?probe=1", host, e);

      g_ptr_array_add (endpoints, pp_endpoint_new (url, "Automated IR uploads", "GET", &ok, 1,
                                                   "system", NULL));
    }
  g_array_append_vals (methods, all_methods, G_N_ELEMENTS (all_methods));
  profile = pp_profile_new_from_endpoints ("test", "A test profile", endpoints);
  plan = pp_plan_new (profile, methods);
  results = pp_run_results_new (plan);
  for (guint i = 0; i < pp_plan_get_n_items (plan); i++)
    {
      PpMethod method;
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);
      g_autoptr(PpProbeResult) result = pp_probe_result_new (endpoint, method);
      guint c = case_of (i / G_N_ELEMENTS (all_methods), i % G_N_ELEMENTS (all_methods));

      result->outcome = finished && cases[c].outcome == PP_OUTCOME_CANCELLED ? PP_OUTCOME_TIMEOUT
                                                                             : cases[c].outcome;
      result->http_status = cases[c].http_status;
      result->connect_status = cases[c].connect_status;
      pp_run_results_set_item (results, i, result);
    }

  return results;
}

static PpRunResults *
make_results (guint n_endpoints)
{
  return make_results_full (n_endpoints, FALSE);
}

static PpTicketLayout *
make_layout (PpRunResults *results)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 7, 6, 0, 0);

  return pp_ticket_layout_new (results, "helpdesk-test-pc", when);
}

static gboolean
inside (const PpTicketBox *inner,
        const PpTicketBox *outer_x,
        const PpTicketBox *outer_y)
{
  return inner->x >= outer_x->x && inner->x + inner->width <= outer_x->x + outer_x->width + 0.01 &&
         inner->y >= outer_y->y && inner->y + inner->height <= outer_y->y + outer_y->height + 0.01;
}

static void
assert_text_contains (const PpTicketBox *box,
                      const char        *part)
{
  g_autofree char *text = pp_ticket_layout_get_text (box);

  if (strstr (text, part) == NULL)
    g_error ("box %d/%u says \"%s\", not \"%s\"", box->role, box->index, text, part);
}

/* Without an agent the title is the answer: the count once, the lines
 * under it saying what it does not. */
static void
assert_count_once (const PpTicketBox *box,
                   const char        *count)
{
  g_autofree char *text = pp_ticket_layout_get_text (box);
  const char *first = strstr (text, count);

  if (first == NULL || strstr (first + 1, count) != NULL)
    g_error ("box %d/%u says \"%s\" other than once: \"%s\"", box->role, box->index, count, text);
}

/* Every box on the picture, and a picture of the agreed width. */
static void
test_size (void)
{
  g_autoptr(PpRunResults) results = make_results (N_ENDPOINTS);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  int height = pp_ticket_layout_get_height (layout);

  g_assert_cmpint (pp_ticket_layout_get_width (layout), ==, 1200);
  g_assert_cmpint (height, >, N_ENDPOINTS * 40);
  for (guint i = 0; i < pp_ticket_layout_get_n_boxes (layout); i++)
    {
      const PpTicketBox *box = pp_ticket_layout_get_box (layout, i);

      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, 1200);
      g_assert_cmpfloat (box->y, >=, 0);
      g_assert_cmpfloat (box->y + box->height, <=, height);
      if (box->layout != NULL)
        {
          int w, h;

          /* The words fit their box: nothing is cut. */
          pango_layout_get_pixel_size (box->layout, &w, &h);
          g_assert_cmpfloat (box->text_x + w, <=, box->x + box->width + 0.5);
          g_assert_cmpfloat (box->text_y + h, <=, box->y + MAX (box->height, h) + 0.5);
        }
    }
}

/* Every endpoint a row naming its whole host, every method a column, each
 * cell where its row and column meet, saying its words. */
static void
test_matrix (void)
{
  g_autoptr(PpRunResults) results = make_results (N_ENDPOINTS);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  const PpTicketBox *previous = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      const PpTicketBox *column = pp_ticket_layout_find (layout, PP_TICKET_ROLE_COLUMN, m);

      g_assert_nonnull (column);
      assert_text_contains (column, pp_method_get_label (all_methods[m]));
      if (previous != NULL)
        g_assert_cmpfloat (column->x, >=, previous->x + previous->width);
      previous = column;
    }
  g_assert_null (pp_ticket_layout_find (layout, PP_TICKET_ROLE_COLUMN, G_N_ELEMENTS (all_methods)));
  previous = NULL;
  for (guint e = 0; e < N_ENDPOINTS; e++)
    {
      const PpTicketBox *row = pp_ticket_layout_find (layout, PP_TICKET_ROLE_ROW, e);
      g_autofree char *host = host_of (e);
      g_autofree char *path = g_strdup_printf ("/path/%u?probe=1", e);

      g_assert_nonnull (row);
      assert_text_contains (row, host);
      assert_text_contains (row, path);
      if (previous != NULL)
        g_assert_cmpfloat (row->y, >=, previous->y + previous->height);
      previous = row;
      for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
        {
          guint index = pp_run_results_get_index (results, e, m);
          const PpTicketBox *cell = pp_ticket_layout_find (layout, PP_TICKET_ROLE_CELL, index);
          const PpTicketBox *column = pp_ticket_layout_find (layout, PP_TICKET_ROLE_COLUMN, m);
          guint c = case_of (e, m);

          g_assert_nonnull (cell);
          g_assert_true (inside (cell, column, row));
          g_assert_cmpint (cell->kind, ==, cases[c].kind);
          assert_text_contains (cell, cases[c].words);
        }
    }
  for (guint kind = 0; kind < PP_TICKET_N_KINDS; kind++)
    g_assert_nonnull (pp_ticket_layout_find (layout, PP_TICKET_ROLE_LEGEND, kind));
  assert_text_contains (pp_ticket_layout_find (layout, PP_TICKET_ROLE_FACTS, 0), "helpdesk-test-pc");
  assert_text_contains (pp_ticket_layout_find (layout, PP_TICKET_ROLE_FACTS, 0), "2026-12-07");
  assert_text_contains (pp_ticket_layout_find (layout, PP_TICKET_ROLE_FACTS, 0), "A test profile");
  assert_text_contains (pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0),
                        "of 55 endpoints reachable");
  assert_count_once (pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0), " of 55");
}

/* A profile with an agent: the verdict box leads with what the agent
 * reaches on its path and core's diagnosis, each cause once. */
static void
test_agent_verdict (void)
{
  const PpAgentStep path[] = { PP_AGENT_STEP_NAMED, PP_AGENT_STEP_LOCAL, PP_AGENT_STEP_DIRECT };
  g_autoptr(PpAgent) agent = pp_agent_new ("Test agent", path, 3, PP_AGENT_FALLBACK_UNKNOWN, NULL);
  g_autoptr(PpRunResults) results = make_results (N_ENDPOINTS);
  g_autoptr(PpTicketLayout) layout = NULL;
  const PpTicketBox *box;

  pp_profile_set_agent (pp_run_results_get_profile (results), agent);
  layout = make_layout (results);
  box = pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0);
  assert_text_contains (box, "Test agent: ");
  assert_text_contains (box, "endpoints reachable on its path\nVerdict: Test agent connects ");
  assert_text_contains (box, "\nRoot causes:\n  - ");
  assert_text_contains (box, "By any method (the client analyzer's rule): ");
}

/* On a Dutch desktop the verdict box is Dutch: its headings, each cause
 * and each change, not only the titles around them. */
static void
test_dutch (void)
{
  g_autoptr(PpRunResults) results = make_results_full (12, TRUE);
  g_autoptr(PpTicketLayout) layout = NULL;
  const PpTicketBox *box;
  g_autofree char *text = NULL;

  g_setenv ("LANGUAGE", "nl", TRUE);
  setlocale (LC_ALL, "");
  layout = make_layout (results);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  box = pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0);
  text = pp_ticket_layout_get_text (box);
  g_test_message ("%s", text);
  assert_text_contains (box, "\nHoofdoorzaken:\n  - ");
  assert_text_contains (box, " vraagt om een wachtwoord (407) voor 8 eindpunten");
  assert_text_contains (box, "\nWat te veranderen:\n  - Vraag het proxyteam ");
  g_assert_null (strstr (text, "Root causes"));
  g_assert_null (strstr (text, " asks for a password"));
  g_assert_null (strstr (text, "Ask the "));
}

/* What to change is said once: core's fixes, not the analyzer's run-wide
 * advice as well. */
static void
test_advice_once (void)
{
  g_autoptr(PpRunResults) results = make_results_full (12, TRUE);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  const PpTicketBox *box = pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0);
  g_autofree char *text = pp_ticket_layout_get_text (box);
  g_autofree char *advice = NULL;
  PpVerdict verdict;

  pp_run_results_get_verdict (results, &verdict);
  advice = pp_verdict_format_guidance (&verdict);
  g_assert_nonnull (advice);
  assert_text_contains (box, "\nWhat to change:\n  - ");
  g_assert_null (strstr (text, advice));
}

/* Without an agent, a finished run where every endpoint is reached by
 * some method but not by all is a warning (amber), never the failure red
 * under a title that says the endpoints are reachable. */
static void
test_verdict_colour (void)
{
  g_autoptr(PpRunResults) results = make_results_full (12, TRUE);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  const PpTicketBox *box = pp_ticket_layout_find (layout, PP_TICKET_ROLE_VERDICT, 0);
  const PpTicketBox *blocked = pp_ticket_layout_find (layout, PP_TICKET_ROLE_LEGEND, PP_TICKET_KIND_BLOCKED);
  const PpTicketBox *amber = pp_ticket_layout_find (layout, PP_TICKET_ROLE_LEGEND, PP_TICKET_KIND_PASSWORD);
  PpVerdict verdict;

  pp_run_results_get_verdict (results, &verdict);
  g_assert_cmpint (verdict.kind, !=, PP_VERDICT_PENDING);
  g_assert_cmpint (verdict.kind, !=, PP_VERDICT_ALL_REACHABLE);
  g_assert_cmpint (verdict.kind, !=, PP_VERDICT_NONE_REACHABLE);
  g_assert_cmphex (box->background, !=, blocked->background);
  g_assert_cmphex (box->background, ==, amber->background);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

/* What is drawn is the layout: each cell's fill, at its corner (away from
 * its words), is its kind's colour; a 407 and a 403 differ. */
static void
test_drawn_as_laid_out (void)
{
  g_autoptr(PpRunResults) results = make_results (12);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  cairo_surface_t *surface = pp_ticket_image_draw (layout, CAIRO_FORMAT_RGB24);
  guint32 password = 0, blocked = 0;

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, pp_ticket_layout_get_height (layout));
  for (guint i = 0; i < pp_ticket_layout_get_n_boxes (layout); i++)
    {
      const PpTicketBox *box = pp_ticket_layout_get_box (layout, i);
      guint32 fill;

      if (box->role != PP_TICKET_ROLE_CELL)
        continue;
      fill = pixel_at (surface, box->x + 2, box->y + 2);
      g_assert_cmphex (fill, ==, box->background);
      if (box->kind == PP_TICKET_KIND_PASSWORD)
        password = fill;
      if (box->kind == PP_TICKET_KIND_BLOCKED)
        blocked = fill;
    }
  g_assert_cmphex (password, !=, 0);
  g_assert_cmphex (password, !=, blocked);
  cairo_surface_destroy (surface);
}

/* The PNG is the picture: the size the layout says; saved for review. */
static void
test_png (void)
{
  g_autoptr(PpRunResults) results = make_results (N_ENDPOINTS);
  g_autoptr(PpTicketLayout) layout = make_layout (results);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = pp_ticket_image_png (results, &error);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) copied = pp_ticket_image_texture (results, &error);
  const char *dir = g_getenv ("PROXYPROBE_SCREENSHOT_DIR");

  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, pp_ticket_layout_get_height (layout));
  g_assert_cmpint (gdk_texture_get_width (copied), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (copied), ==, pp_ticket_layout_get_height (layout));
  g_assert_null (pp_ticket_image_png (NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "ticket-en.png", NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL),
                                          g_bytes_get_size (png), NULL));
      g_test_message ("ticket image: %s", path);
    }
}

static void
sort_times (gint64 *times,
            guint   n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (times[j] < times[i])
        {
          gint64 t = times[i];
          times[i] = times[j];
          times[j] = t;
        }
}

/* The bench row: 55 x 6, the layout, the drawing and the PNG, best and
 * median of 11; and the layout and drawing alone (Copy Image's share). */
static void
test_speed (void)
{
  g_autoptr(PpRunResults) results = make_results (N_ENDPOINTS);
  gint64 times[11], drawn[11];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) png = pp_ticket_image_png (results, NULL);
      g_autoptr(PpTicketLayout) layout = NULL;
      cairo_surface_t *surface;

      g_assert_nonnull (png);
      times[i] = g_get_monotonic_time () - start;
      start = g_get_monotonic_time ();
      layout = make_layout (results);
      surface = pp_ticket_image_draw (layout, CAIRO_FORMAT_RGB24);
      drawn[i] = g_get_monotonic_time () - start;
      cairo_surface_destroy (surface);
    }
  sort_times (times, G_N_ELEMENTS (times));
  sort_times (drawn, G_N_ELEMENTS (drawn));
  g_test_minimized_result (times[5] / 1e6, "ticket image, 55 x 6, PNG: best %.1f ms, median %.1f ms; "
                           "layout and drawing alone: best %.1f ms, median %.1f ms",
                           times[0] / 1e3, times[5] / 1e3, drawn[0] / 1e3, drawn[5] / 1e3);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* After GTK's setlocale (): the built translations, for /ticket-image/dutch. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PROXYPROBE_LOCALEDIR") ? g_getenv ("PROXYPROBE_LOCALEDIR")
                                                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/ticket-image/size", test_size);
  g_test_add_func ("/ticket-image/matrix", test_matrix);
  g_test_add_func ("/ticket-image/agent-verdict", test_agent_verdict);
  g_test_add_func ("/ticket-image/dutch", test_dutch);
  g_test_add_func ("/ticket-image/verdict-colour", test_verdict_colour);
  g_test_add_func ("/ticket-image/advice-once", test_advice_once);
  g_test_add_func ("/ticket-image/drawn-as-laid-out", test_drawn_as_laid_out);
  g_test_add_func ("/ticket-image/png", test_png);
  if (g_test_perf ())
    g_test_add_func ("/ticket-image/speed", test_speed);

  return g_test_run ();
}
