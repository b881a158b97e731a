/* test-gui-grid.c: the results grid as a ticket's screenshot shows it,
 * in a real window under Xvfb against the testbed
 *
 * Every method visible at 1024×768 and the grid filling a wide window;
 * reasons in words with an icon per kind (a proxy asking for a password
 * against one that blocks); rows that read differently; the details in
 * a sidebar only while a cell is chosen, and nothing claimed for a
 * method that sent nothing; the keyboard focus kept on screen; every
 * text at 4.5:1 or more in the light, dark and high-contrast styles,
 * measured on the drawn pixels.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <string.h>

#include "pp-details-pane.h"
#include "pp-format.h"
#include "pp-grid-row.h"
#include "pp-test-gui.h"
#include "pp-ticket-image.h"

static PpWindow *
run_window (int width,
            int height)
{
  PpWindow *window = run_in_new_window (width, height);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);

  return window;
}

static gboolean
is_column_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewTitle");
}

/* Every column title lies inside what the grid's scrolled window shows,
 * unscrolled, and says its method's full label as tooltip and name. */
static void
assert_titles_visible (PpWindow *window)
{
  GtkWidget *view = GTK_WIDGET (pp_window_get_column_view (window));
  GtkWidget *scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));

  collect (view, is_column_title, titles);
  g_assert_cmpuint (titles->len, ==, 1 + PP_N_METHODS);
  /* Nothing to scroll sideways. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
  for (guint i = 0; i < titles->len; i++)
    {
      GtkWidget *title = g_ptr_array_index (titles, i);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (title, scroller, &bounds));
      g_test_message ("title %u: %.0f to %.0f of %d", i, bounds.origin.x,
                      bounds.origin.x + bounds.size.width, gtk_widget_get_width (scroller));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scroller) + 0.5);
      g_assert_cmpfloat (bounds.size.width, >=, 100);
      if (i > 0)
        {
          g_autofree char *label = pp_format_method_label (i - 1);
          const char *tooltip = gtk_widget_get_tooltip_text (title);
          char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (title),
                                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label);

          g_assert_cmpstr (tooltip, ==, label);
          if (problem != NULL)
            g_error ("title %u's accessible label: %s", i, problem);
        }
    }
  assert_titles_fit (window);
}

/* How far the details sidebar has slid in: 0 to 1. */
static double
reveal_progress (PpDetailsPane *details)
{
  return adw_flap_get_reveal_progress (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details),
                                                                           ADW_TYPE_FLAP)));
}

/* At 1024×768 all six methods show, whole, without scrolling sideways;
 * at 1920×1080 the grid takes the window's width, with no details
 * sidebar until a cell is chosen. */
static void
test_fits (void)
{
  g_autoptr(PpWindow) small = g_object_ref (run_window (1024, 768));
  g_autoptr(PpWindow) wide = NULL;
  GtkWidget *view;
  PpDetailsPane *details;

  assert_titles_visible (small);
  save_screenshot (small, "grid-1024-en.png");
  gtk_window_destroy (GTK_WINDOW (small));

  wide = g_object_ref (run_window (1920, 1080));
  assert_titles_visible (wide);
  view = GTK_WIDGET (pp_window_get_column_view (wide));
  details = pp_window_get_details (wide);
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (details)));
  g_assert_cmpint (gtk_widget_get_width (view), >=, 1900);
  save_screenshot (wide, "grid-1920-en.png");

  /* A chosen cell's details slide in beside the grid; they close. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wide), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (wide, 0, PP_METHOD_NAMED))));
  wait_until (reveal_progress (details) == 1.0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (details)), >=, 300);
  wait_for_frame (GTK_WIDGET (wide));
  g_assert_cmpint (gtk_widget_get_width (view), >=, 1920 - gtk_widget_get_width (GTK_WIDGET (details)) - 20);
  /* Beside the grid, not over it: every method still in view. */
  g_assert_false (adw_flap_get_folded (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details), ADW_TYPE_FLAP))));
  assert_titles_visible (wide);
  save_screenshot (wide, "grid-1920-details-en.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "results.close-details", NULL));
  wait_until (reveal_progress (details) == 0.0);
  g_assert_null (pp_details_pane_get_cell (details));
  gtk_window_destroy (GTK_WINDOW (wide));
}

/* The README's and the metainfo's pictures (resources/screenshots), as
 * a technician sees the window: main.png at 1024×768 (every method in
 * view), details.png at 1920×1080 with the details of a proxy that asks
 * for a password, and the ticket image of the first run (ticket.png). Each is taken right after
 * Copy Summary, whose toast must not show. Written to
 * PROXYPROBE_SCREENSHOT_DIR (build/tests/screenshots); `meson compile -C
 * build readme-screenshots` writes them to resources/screenshots. */
static void
save_readme_screenshot (int         width,
                        int         height,
                        gboolean    with_details,
                        const char *name)
{
  g_autoptr(PpWindow) window = g_object_ref (run_window (width, height));
  PpDetailsPane *details = pp_window_get_details (window);
  const char *dir = g_getenv ("PROXYPROBE_SCREENSHOT_DIR");

  if (with_details)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                                 pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_NAMED))));
      wait_until (reveal_progress (details) == 1.0);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-summary", NULL));
  save_screenshot (window, name);
  if (width == 1024 && dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "ticket.png", NULL);
      g_autoptr(GError) error = NULL;

      pp_ticket_image_save (pp_window_get_results (window), path, &error);
      g_assert_no_error (error);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_readme_screenshots (void)
{
  save_readme_screenshot (1024, 768, FALSE, "main.png");
  save_readme_screenshot (1920, 1080, TRUE, "details.png");
}

/* How two cells' drawings differ: the mean difference of all their
 * pixels (0 to 255), and how many pixels of the icon's square (the first
 * 28 columns, on the start edge) differ, where kinds differ by shape. */
static void
compare_cells (GtkWidget *a,
               GtkWidget *b,
               double    *mean,
               guint     *icon_pixels)
{
  g_autoptr(GdkTexture) ta = render_widget (a);
  g_autoptr(GdkTexture) tb = render_widget (b);
  g_autofree guchar *pa = texture_pixels (ta);
  g_autofree guchar *pb = texture_pixels (tb);
  int wa = gdk_texture_get_width (ta), wb = gdk_texture_get_width (tb);
  int width = MIN (wa, wb);
  int height = MIN (gdk_texture_get_height (ta), gdk_texture_get_height (tb));
  double sum = 0;

  *icon_pixels = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pa + (y * wa + x) * 4, *q = pb + (y * wb + x) * 4;

        for (int c = 0; c < 4; c++)
          sum += abs (p[c] - q[c]);
        if (x < 28)
          *icon_pixels += memcmp (p, q, 4) != 0;
      }
  *mean = sum / (width * height * 4.0);
}

/* A proxy that asks for a password and one that blocks: different words,
 * a different icon, different pixels. */
static void
test_reasons (void)
{
  g_autoptr(PpWindow) window = g_object_ref (run_window (1024, 768));
  PpGridCell *auth = cell_at (window, 0, PP_METHOD_NAMED);
  PpGridCell *deny = cell_at (window, 0, PP_METHOD_CMDLINE);
  g_autofree char *auth_words = pp_grid_cell_format_status (auth);
  g_autofree char *deny_words = pp_grid_cell_format_status (deny);
  GtkWidget *auth_widget = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), auth));
  GtkWidget *deny_widget = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), deny));
  double difference;
  guint icon;

  g_assert_cmpstr (auth_words, ==, "asks for a password");
  g_assert_cmpstr (deny_words, ==, "blocked 403");
  g_assert_cmpstr (pp_grid_cell_get_icon_name (auth), !=, pp_grid_cell_get_icon_name (deny));
  compare_cells (auth_widget, deny_widget, &difference, &icon);
  g_test_message ("407 and 403 cells: mean pixel difference %.2f, %u icon pixels differ", difference, icon);
  g_assert_cmpfloat (difference, >, 1.0);
  g_assert_cmpuint (icon, >, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Rows never read the same: the part of the host that tells them apart,
 * and the path when the host is the same. */
static void
test_names (void)
{
  const char * const urls[] = {
    "https://winatp-gw-weu.microsoft.com/test",
    "https://winatp-gw-weu3.microsoft.com/test",
    "https://automatedirstrprdweu.blob.core.windows.net/",
    "https://automatedirstrprdneu.blob.core.windows.net/",
    "https://x.cp.wd.microsoft.com/api/report",
    "https://x.cp.wd.microsoft.com/storage/",
    "https://events.data.microsoft.com/",
    "https://eu.events.data.microsoft.com/",
    "http://127.0.0.1:8080/status/200",
    NULL
  };
  g_auto(GStrv) names = pp_format_distinct_names (urls);
  g_autoptr(PpWindow) window = NULL;
  GListModel *rows;

  g_assert_cmpstr (names[0], ==, "winatp-gw-weu");
  g_assert_cmpstr (names[1], ==, "winatp-gw-weu3");
  g_assert_cmpstr (names[2], ==, "automatedirstrprdweu");
  g_assert_cmpstr (names[4], ==, "x /api/report");
  g_assert_cmpstr (names[5], ==, "x /storage/");
  g_assert_cmpstr (names[6], ==, "events");
  g_assert_cmpstr (names[7], ==, "eu");
  g_assert_cmpstr (names[8], ==, "127.0.0.1:8080");

  /* The window's rows, before any run (nothing is sent). */
  reset_settings ();
  g_settings_set_strv (settings (), "custom-urls", urls);
  g_settings_set_string (settings (), "profile", "custom");
  window = g_object_ref (new_window ());
  rows = pp_window_get_rows (window);
  wait_until (g_list_model_get_n_items (rows) == g_strv_length ((GStrv) urls));
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(PpGridRow) row = g_list_model_get_item (rows, i);

      g_assert_cmpstr (pp_grid_row_get_name (row), ==, names[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A "Doesn't exist" cell sent nothing: its details claim no proxy, no
 * timing and no request. */
static void
test_absent_details (void)
{
  g_autoptr(PpWindow) window = g_object_ref (run_window (1280, 800));
  PpGridCell *absent = cell_at (window, 0, PP_METHOD_ENV);
  g_autofree char *text = NULL;

  g_assert_cmpint (pp_grid_cell_get_state (absent), ==, PP_CELL_ABSENT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (absent)));
  text = pp_details_pane_format_text (pp_window_get_details (window));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "nothing was sent"));
  g_assert_null (strstr (text, "Proxy used"));
  g_assert_null (strstr (text, "none (direct)"));
  g_assert_null (strstr (text, "request"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab through the cells of a long grid in a window too narrow for all
 * its columns: the focused cell is always whole on screen, below the
 * header. */
static void
test_focus_scrolls (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PpWindow) window = NULL;
  GtkWidget *view, *first;
  double sideways = 0;

  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (paths, g_strdup_printf ("/status/200?row=%u", i));
  g_ptr_array_add (paths, NULL);
  reset_settings ();
  set_urls ((const char * const *) paths->pdata);
  window = g_object_ref (new_window_fitting (800, 600));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  view = GTK_WIDGET (pp_window_get_column_view (window));
  first = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), cell_at (window, 0, PP_METHOD_DEFAULT)));
  g_assert_true (gtk_widget_grab_focus (first));
  for (guint i = 0; i < 6 * 20; i++)
    {
      GtkWidget *cell;
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      cell = focused (window);
      if (!PP_IS_CELL_WIDGET (cell))
        break;
      wait_for_frame (GTK_WIDGET (window));
      g_assert_true (gtk_widget_compute_bounds (cell, view, &bounds));
      sideways = MAX (sideways, gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))));
      g_assert_cmpfloat (bounds.origin.y, >=, gtk_widget_get_height (gtk_widget_get_first_child (view)) - 0.5);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (view) + 0.5);
      g_assert_cmpfloat (bounds.origin.x, >=, -0.5);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view) + 0.5);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view))), >, 0);
  g_assert_cmpfloat (sideways, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Contrast, measured on the drawn pixels (text_contrast (), pp-test-gui.c) */

static gboolean
is_group (GtkWidget     *widget,
          gconstpointer  data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_text (GtkWidget     *widget,
         gconstpointer  data)
{
  return (GTK_IS_LABEL (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0') ||
         PP_IS_CELL_WIDGET (widget);
}

/* Every label and cell drawn in @window (the main window or another
 * one: Preferences), at 4.5:1 or more; more than @at_least of them. */
static void
assert_contrast (GtkWidget  *window,
                 const char *style,
                 guint       at_least)
{
  g_autoptr(GdkTexture) texture = render_widget (window);
  g_autofree guchar *pixels = texture_pixels (texture);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  guint checked = 0;
  double worst = 100;

  collect (window, is_text, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (texts, i);
      graphene_rect_t rect;
      GtkWidget *picked;
      double ratio;

      /* WCAG asks nothing of a control that cannot be used. */
      if (!gtk_widget_is_drawable (widget) || !gtk_widget_is_sensitive (widget) ||
          !gtk_widget_compute_bounds (widget, window, &rect))
        continue;
      /* A cell's words: after its icon (which has colours of its own). */
      if (PP_IS_CELL_WIDGET (widget))
        {
          if (pp_cell_widget_get_cell (PP_CELL_WIDGET (widget)) == NULL)
            continue;
          rect.origin.x += 28;
          rect.size.width -= 28;
        }
      if (rect.origin.x < 0 || rect.origin.y < 0 || rect.size.width < 4 || rect.size.height < 4 ||
          rect.origin.x + rect.size.width > width || rect.origin.y + rect.size.height > height)
        continue;
      /* Covered (by the details over a narrow window's grid): not seen. */
      picked = gtk_widget_pick (window, rect.origin.x + rect.size.width / 2,
                                rect.origin.y + rect.size.height / 2, GTK_PICK_INSENSITIVE);
      if (picked == NULL || (picked != widget && !gtk_widget_is_ancestor (picked, widget) &&
                             !gtk_widget_is_ancestor (widget, picked)))
        continue;
      ratio = text_contrast (pixels, width, &rect);
      if (ratio == 0)
        continue;
      checked++;
      worst = MIN (worst, ratio);
      if (ratio < 4.5)
        g_error ("%s style: “%s” (%s) is drawn at %.2f:1", style,
                 GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "a cell",
                 G_OBJECT_TYPE_NAME (widget), ratio);
    }
  g_test_message ("%s style: %u texts, the faintest at %.2f:1", style, checked, worst);
  g_assert_cmpuint (checked, >, at_least);
}

/* The grid alone, then with a cell's details open (as a screenshot for
 * a ticket has them: over the grid's end in a narrow window), each once
 * its transitions are over (the window makes no frames). */
static void
assert_style_contrast (PpWindow   *window,
                       const char *style,
                       const char *screenshot)
{
  PpDetailsPane *details = pp_window_get_details (window);

  gtk_widget_activate_action (GTK_WIDGET (details), "results.close-details", NULL);
  wait_until (reveal_progress (details) == 0.0);
  assert_goes_idle (GTK_WIDGET (window));
  assert_contrast (GTK_WIDGET (window), style, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_CMDLINE))));
  wait_until (reveal_progress (details) == 1.0);
  assert_goes_idle (GTK_WIDGET (window));
  save_screenshot (window, screenshot);
  assert_contrast (GTK_WIDGET (window), style, 12);
}

/* The Configuration page, then the Preferences window, in @style. */
static void
assert_pages_contrast (PpWindow   *window,
                       const char *style)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_autofree char *configuration = g_strdup_printf ("%s, Configuration page", style);
  g_autofree char *preferences_style = g_strdup_printf ("%s, Preferences", style);
  GtkWindow *preferences;

  adw_view_stack_set_visible_child_name (stack, "config");
  wait_until (find_widget (GTK_WIDGET (window), is_group, NULL) != NULL);
  assert_goes_idle (GTK_WIDGET (window));
  assert_contrast (GTK_WIDGET (window), configuration, 12);
  adw_view_stack_set_visible_child_name (stack, "results");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_until ((preferences = find_preferences ()) != NULL);
  /* Tall enough for every row at once (the screen is 2560 × 1440). */
  gtk_window_set_default_size (preferences, 720, 1400);
  assert_goes_idle (GTK_WIDGET (preferences));
  assert_contrast (GTK_WIDGET (preferences), preferences_style, 12);
  gtk_window_destroy (preferences);
  assert_goes_idle (GTK_WIDGET (window));
}

static void
test_contrast (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(PpWindow) window = g_object_ref (run_window (1024, 768));

  assert_style_contrast (window, "light", "grid-details-1024-en.png");
  assert_pages_contrast (window, "light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  assert_style_contrast (window, "dark", "grid-dark-en.png");
  assert_pages_contrast (window, "dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  set_high_contrast (TRUE);
  assert_style_contrast (window, "high contrast", "grid-high-contrast-en.png");
  assert_pages_contrast (window, "high contrast");
  set_high_contrast (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The header's view switcher, in high contrast */

typedef struct
{
  GtkWidget *squeezer;
  guint frames;
  guint doubled;   /* frames that drew both the switcher and the title */
  guint swaps;
  GtkWidget *shown;
} SwitcherWatch;

/* A squeezer draws both its children only while it cross-fades them
 * (a swap with no transition is "running" for the frame that makes it,
 * drawing only the new child). */
static void
count_switchers_cb (GdkFrameClock *clock,
                    SwitcherWatch *watch)
{
  AdwSqueezer *squeezer = ADW_SQUEEZER (watch->squeezer);

  watch->frames++;
  watch->doubled += adw_squeezer_get_transition_running (squeezer) &&
                    adw_squeezer_get_transition_type (squeezer) != ADW_SQUEEZER_TRANSITION_TYPE_NONE;
  watch->swaps += adw_squeezer_get_visible_child (squeezer) != watch->shown;
  watch->shown = adw_squeezer_get_visible_child (squeezer);
}

/* The switcher title swaps its wide switcher for a title as the header
 * narrows; in high contrast its bordered buttons made it swap back and
 * forth, each swap a cross-fade that drew both over each other. Narrowed
 * and widened step by step across that width, no frame draws both. */
static void
test_high_contrast_switcher (void)
{
  g_autoptr(PpWindow) window = g_object_ref (run_window (1024, 768));
  GtkWidget *title = find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  SwitcherWatch watch = { 0 };
  gulong handler;

  set_high_contrast (TRUE);
  watch.squeezer = find_type (title, ADW_TYPE_SQUEEZER);
  g_assert_nonnull (watch.squeezer);
  watch.shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (watch.squeezer));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_switchers_cb), &watch);
  for (int width = 1024; width >= 640; width -= 16)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 768);
      wait_for_frames (GTK_WIDGET (window), 3);
    }
  for (int width = 640; width <= 1024; width += 16)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 768);
      wait_for_frames (GTK_WIDGET (window), 3);
    }
  g_signal_handler_disconnect (clock, handler);
  set_high_contrast (FALSE);
  g_test_message ("%u frames, %u swaps, %u frames with the switcher drawn twice", watch.frames,
                  watch.swaps, watch.doubled);
  g_assert_cmpuint (watch.frames, >, 100);
  g_assert_cmpuint (watch.swaps, >=, 2);
  g_assert_cmpuint (watch.doubled, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/gui/grid/fits", test_fits);
  g_test_add_func ("/gui/grid/reasons", test_reasons);
  g_test_add_func ("/gui/grid/names", test_names);
  g_test_add_func ("/gui/grid/absent-details", test_absent_details);
  g_test_add_func ("/gui/grid/focus-scrolls", test_focus_scrolls);
  g_test_add_func ("/gui/grid/contrast", test_contrast);
  g_test_add_func ("/gui/grid/readme-screenshots", test_readme_screenshots);
  g_test_add_func ("/gui/grid/high-contrast-switcher", test_high_contrast_switcher);

  return gui_test_run ();
}
