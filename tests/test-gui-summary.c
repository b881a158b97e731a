/* test-gui-summary.c: the results view's summary and details sidebar as
 * a ticket's screenshot shows them, in a real window under Xvfb against
 * the testbed
 *
 * The diagnosis reads as a layout: each root cause and each change a
 * row of its own (a cause off the agent's path says so), the headline
 * by pass, warn or fail, and Copy Allow-List
 * copying exactly the allow-list (insensitive when it is empty). No
 * summary label is cut, at 1024, 1280 and 1920 pixels, with and without
 * the details; the details sit beside the grid, inside the window.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <locale.h>
#include <string.h>

#include "pp-details-pane.h"
#include "pp-diagnosis.h"
#include "pp-redact.h"
#include "pp-test-gui.h"

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

static gboolean
is_allow_list_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "summary.copy-allow-list") == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget);
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* The words of each row of the summary list styled @name. */
static GPtrArray *
list_rows (PpWindow   *window,
           const char *name)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), has_class, name);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (list);
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = find_widget (row, is_label, NULL);

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_is_drawable (label));
      g_ptr_array_add (rows, (gpointer) gtk_label_get_label (GTK_LABEL (label)));
    }

  return rows;
}

static void
assert_rows (PpWindow   *window,
             const char *name,
             GPtrArray  *expected)
{
  g_autoptr(GPtrArray) rows = list_rows (window, name);

  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index (rows, i), ==, g_ptr_array_index (expected, i));
}

/* The headline's colour and icon are core's severity of the run's
 * diagnosis, as the ticket image and the HTML report colour it. */
static void
assert_outcome (PpWindow   *window,
                PpSeverity  severity)
{
  static const char * const classes[] = { "pp-pass", "pp-warn", "pp-fail" };
  static const char * const icons[] = {
    [PP_SEVERITY_PASS] = "emblem-ok-symbolic", [PP_SEVERITY_WARN] = "dialog-warning-symbolic",
    [PP_SEVERITY_FAIL] = "dialog-error-symbolic",
  };
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (pp_window_get_results (window));
  g_autofree char *expected = g_strdup_printf ("pp-%s", pp_severity_to_id (severity));
  GtkWidget *summary = find_widget (GTK_WIDGET (window), has_class, "pp-summary");
  GtkWidget *icon;

  g_assert_nonnull (summary);
  g_assert_cmpint (pp_diagnosis_severity (diagnosis), ==, severity);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (!g_str_equal (classes[i], expected))
      g_assert_null (find_widget (summary, has_class, classes[i]));
  icon = find_type (summary, GTK_TYPE_IMAGE);
  g_assert_true (gtk_widget_has_css_class (icon, expected));
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, icons[severity]);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_next_sibling (icon)));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_next_sibling (icon), expected));
}

/* The headline's words against the window's background, drawn. */
static void
assert_headline_contrast (PpWindow   *window,
                          const char *style)
{
  GtkWidget *summary = find_widget (GTK_WIDGET (window), has_class, "pp-summary");
  GtkWidget *title = gtk_widget_get_next_sibling (find_type (summary, GTK_TYPE_IMAGE));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  graphene_rect_t rect;
  double ratio;

  assert_goes_idle (GTK_WIDGET (window));
  texture = render_widget (GTK_WIDGET (window));
  pixels = texture_pixels (texture);
  g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &rect));
  ratio = text_contrast (pixels, gdk_texture_get_width (texture), &rect);
  g_test_message ("%s style: “%s” at %.2f:1", style, gtk_label_get_label (GTK_LABEL (title)), ratio);
  g_assert_cmpfloat (ratio, >=, 4.5);
}

/* Without an agent the title is the answer, and says the count once:
 * the sentence under it and the line of what any method reached add
 * what the title does not, and the copied summary does as the view. */
static void
assert_count_once (PpWindow   *window,
                   const char *title)
{
  GtkWidget *summary = find_widget (GTK_WIDGET (window), has_class, "pp-summary");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *copied = pp_window_format_summary (window);
  g_autofree char *count = g_strndup (title, strstr (title, " endpoint") - title);
  guint n = 0;

  g_assert_nonnull (find_widget (summary, is_label_saying, title));
  collect (summary, is_label, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)) && strstr (text, count) != NULL)
        {
          g_test_message ("“%s” says %s", text, count);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (copied, count));
  g_assert_null (strstr (strstr (copied, count) + 1, count));
}

static void
assert_text_has (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

static gboolean
clipboard_changed (GtkWidget *widget)
{
  g_autofree char *text = clipboard_text (widget);

  return g_strcmp0 (text, "before") != 0;
}

/* A run with a proxy that blocks and one that asks for a password: two
 * causes, two rows; the button copies allowlist.txt's text, redacted.
 * Every endpoint is reached, but only with the proxy disabled: a warning
 * (the summary said pass where the ticket image said amber). */
static void
test_diagnosis (void)
{
  g_autoptr(PpWindow) window = g_object_ref (run_in_new_window (1280, 800));
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (pp_window_get_results (window));
  g_autofree char *expected = pp_diagnosis_format_allow_list (diagnosis);
  g_autofree char *redacted = pp_redact (expected);
  g_autofree char *copied = NULL;
  g_autoptr(GPtrArray) causes = g_ptr_array_new ();
  GtkWidget *button = find_widget (GTK_WIDGET (window), is_allow_list_button, NULL);

  for (guint i = 0; i < diagnosis->causes->len; i++)
    g_ptr_array_add (causes, ((PpCause *) g_ptr_array_index (diagnosis->causes, i))->line);
  g_assert_cmpuint (causes->len, ==, 2);
  assert_rows (window, "pp-causes", causes);
  g_assert_cmpuint (diagnosis->fixes->len, >, 0);
  assert_rows (window, "pp-fixes", diagnosis->fixes);
  assert_outcome (window, PP_SEVERITY_WARN);

  g_assert_cmpuint (diagnosis->allow_list->len, >, 0);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button) && gtk_widget_is_sensitive (button));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "before");
  /* A button's activation clicks it after its press has shown. */
  g_assert_true (gtk_widget_activate (button));
  wait_until (clipboard_changed (GTK_WIDGET (window)));
  copied = clipboard_text (GTK_WIDGET (window));
  g_assert_cmpstr (copied, ==, redacted);
  wait_until (find_widget (GTK_WIDGET (window), is_label_saying, "Allow-list copied") != NULL);
  save_screenshot (window, "summary-1280-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rows of the summary list styled @name that contain @part. */
static guint
count_rows_saying (PpWindow   *window,
                   const char *name,
                   const char *part)
{
  g_autoptr(GPtrArray) rows = list_rows (window, name);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      g_test_message ("%s: %s", name, (char *) g_ptr_array_index (rows, i));
      n += strstr (g_ptr_array_index (rows, i), part) != NULL;
    }

  return n;
}

/* A Dutch desktop: the headings were Dutch, the sentences English. Now
 * each cause and each change is Dutch, in the rows and in the copied
 * summary; the test in test-verdict.c shows the report stays English. */
static void
test_dutch (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  g_autoptr(GPtrArray) causes = g_ptr_array_new ();
  g_autofree char *copied = NULL;

  g_setenv ("LANGUAGE", "nl", TRUE);
  setlocale (LC_ALL, "");
  window = g_object_ref (run_in_new_window (1280, 800));
  diagnosis = pp_diagnosis_new_translated (pp_window_get_results (window));
  copied = pp_window_format_summary (window);
  for (guint i = 0; i < diagnosis->causes->len; i++)
    g_ptr_array_add (causes, ((PpCause *) g_ptr_array_index (diagnosis->causes, i))->line);
  assert_rows (window, "pp-causes", causes);
  assert_rows (window, "pp-fixes", diagnosis->fixes);
  g_assert_cmpuint (count_rows_saying (window, "pp-causes", " blokkeert "), ==, 1);
  g_assert_cmpuint (count_rows_saying (window, "pp-causes", " vraagt om een wachtwoord (407) voor "),
                    ==, 1);
  g_assert_cmpuint (count_rows_saying (window, "pp-fixes", "Vraag het proxyteam "), >, 0);
  g_test_message ("copied: %s", copied);
  assert_text_has (copied, "\nHoofdoorzaken:\n  - ");
  assert_text_has (copied, "\nWat te veranderen:\n  - Vraag het proxyteam ");
  assert_text_has (copied, "\nToestaanlijst (hosts die een proxy blokkeerde");
  g_assert_null (strstr (copied, " blocks "));
  g_assert_null (strstr (copied, "Ask the "));
  save_screenshot (window, "summary-1280-nl.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Nothing a proxy blocked: no allow-list to copy. An endpoint nothing
 * reaches, the other reached: without an agent that is a warning (amber,
 * as on the ticket image), its words at 4.5:1 in every style. */
static void
test_empty_allow_list (void)
{
  g_autofree char *url = pp_testbed_http_url (testbed, run_paths[0]);
  const char *urls[] = { url, "http://127.0.0.1:1/refused", NULL };
  g_autoptr(PpWindow) window = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  GtkWidget *button;

  reset_settings ();
  g_settings_set_strv (settings (), "custom-urls", urls);
  g_settings_set_string (settings (), "profile", "custom");
  window = g_object_ref (new_window_fitting (1024, 768));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_for_run (window);
  diagnosis = pp_diagnosis_new (pp_window_get_results (window));
  g_assert_cmpuint (diagnosis->allow_list->len, ==, 0);
  button = find_widget (GTK_WIDGET (window), is_allow_list_button, NULL);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  assert_outcome (window, PP_SEVERITY_WARN);
  assert_count_once (window, "1 of 2 endpoints reachable");
  save_screenshot (window, "summary-warn-1024-en.png");
  assert_headline_contrast (window, "light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  assert_headline_contrast (window, "dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  set_high_contrast (TRUE);
  assert_headline_contrast (window, "high contrast");
  set_high_contrast (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A profile with an agent whose named proxy asks for a password: the
 * headline fails; a cause off the agent's path says so in its row. */
static void
test_agent (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  g_autoptr(GPtrArray) causes = g_ptr_array_new_with_free_func (g_free);

  reset_settings ();
  configure_proxies ();
  g_settings_set_string (settings (), "profile", "mde-streamlined");
  g_settings_set_string (settings (), "geography", "GW_EU");
  window = g_object_ref (new_window_fitting (1280, 800));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_for_run (window);
  diagnosis = pp_diagnosis_new (pp_window_get_results (window));
  g_assert_true (diagnosis->path.known);
  for (guint i = 0; i < diagnosis->causes->len; i++)
    {
      PpCause *cause = g_ptr_array_index (diagnosis->causes, i);

      g_ptr_array_add (causes, g_strdup_printf ("%s%s", cause->line, cause->on_agent_path
                                                ? "" : " (not on the agent's path)"));
    }
  g_assert_cmpuint (causes->len, >, 0);
  assert_rows (window, "pp-causes", causes);
  assert_outcome (window, PP_SEVERITY_FAIL);
  save_screenshot (window, "summary-agent-1280-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The x where the content ends: the sidebar's start while it shows. */
static double
content_end (PpWindow *window)
{
  PpDetailsPane *details = pp_window_get_details (window);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details), ADW_TYPE_FLAP));
  graphene_rect_t bounds;

  if (adw_flap_get_reveal_progress (flap) == 0.0)
    return gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (adw_flap_get_flap (flap), GTK_WIDGET (window), &bounds));

  return bounds.origin.x;
}

/* Every summary label inside the content, left of any sidebar; one that
 * does not wrap as wide as its one line. */
static void
assert_summary_whole (PpWindow *window)
{
  PpDetailsPane *details = pp_window_get_details (window);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details), ADW_TYPE_FLAP));
  /* The summary: what comes above the grid. */
  GtkWidget *summary = gtk_widget_get_first_child (adw_flap_get_content (flap));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  double end = content_end (window);
  guint checked = 0;

  collect (summary, is_label, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;
      int natural;

      if (!gtk_widget_is_drawable (label) || *gtk_label_get_label (GTK_LABEL (label)) == '\0')
        continue;
      g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (window), &bounds));
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("“%.30s”: %.0f to %.0f of %.0f, natural %d, %s", gtk_label_get_label (GTK_LABEL (label)),
                      bounds.origin.x, bounds.origin.x + bounds.size.width, end, natural,
                      gtk_label_get_wrap (GTK_LABEL (label)) ? "wraps" : "one line");
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, end + 0.5);
      if (!gtk_label_get_wrap (GTK_LABEL (label)))
        g_assert_cmpfloat (bounds.size.width, >=, natural);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);
}

/* The sidebar inside the window, beside the grid; its words inside it. */
static void
assert_sidebar_beside (PpWindow *window)
{
  PpDetailsPane *details = pp_window_get_details (window);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details), ADW_TYPE_FLAP));
  GtkWidget *view = GTK_WIDGET (pp_window_get_column_view (window));
  GtkWidget *grid = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  graphene_rect_t sidebar, bounds;

  g_assert_true (gtk_widget_compute_bounds (adw_flap_get_flap (flap), GTK_WIDGET (window), &sidebar));
  g_assert_true (gtk_widget_compute_bounds (grid, GTK_WIDGET (window), &bounds));
  g_test_message ("grid %.0f to %.0f, sidebar %.0f to %.0f of %d", bounds.origin.x,
                  bounds.origin.x + bounds.size.width, sidebar.origin.x,
                  sidebar.origin.x + sidebar.size.width, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (sidebar.size.width, >=, 300);
  g_assert_cmpfloat (sidebar.origin.x + sidebar.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)) + 0.5);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, sidebar.origin.x + 0.5);
  collect (GTK_WIDGET (details), is_label, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_drawable (label))
        continue;
      g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (window), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, sidebar.origin.x - 0.5);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, sidebar.origin.x + sidebar.size.width + 0.5);
    }
}

static void
assert_layout (int width,
               int height)
{
  g_autoptr(PpWindow) window = g_object_ref (run_in_new_window (width, height));
  PpDetailsPane *details = pp_window_get_details (window);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (details), ADW_TYPE_FLAP));
  g_autofree char *name = g_strdup_printf ("summary-details-%d-en.png", width);

  g_test_message ("%d × %d", width, height);
  assert_summary_whole (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_NAMED))));
  wait_until (adw_flap_get_reveal_progress (flap) == 1.0);
  wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  assert_summary_whole (window);
  assert_sidebar_beside (window);
  save_screenshot (window, name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "results.close-details", NULL));
  wait_until (adw_flap_get_reveal_progress (flap) == 0.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 1024 pixels the grid beside the details scrolls sideways: the
 * chosen cell, in the last method's column, is scrolled into view once
 * the details are in. */
static void
test_chosen_cell (void)
{
  g_autoptr(PpWindow) window = g_object_ref (run_in_new_window (1024, 768));
  PpGridCell *cell = cell_at (window, 0, PP_METHOD_ENV);
  GtkWidget *widget = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), cell));
  GtkWidget *view = GTK_WIDGET (pp_window_get_column_view (window));
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (pp_window_get_details (window)),
                                                     ADW_TYPE_FLAP));
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_grab_focus (widget));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell)));
  wait_until (adw_flap_get_reveal_progress (flap) == 1.0);
  wait_for_frame (GTK_WIDGET (window));
  wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
  g_test_message ("cell %.0f to %.0f of %d", bounds.origin.x, bounds.origin.x + bounds.size.width,
                  gtk_widget_get_width (view));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view) + 0.5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_layout (void)
{
  assert_layout (1024, 768);
  assert_layout (1280, 800);
  assert_layout (1920, 1080);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/gui/summary/diagnosis", test_diagnosis);
  g_test_add_func ("/gui/summary/empty-allow-list", test_empty_allow_list);
  g_test_add_func ("/gui/summary/agent", test_agent);
  g_test_add_func ("/gui/summary/dutch", test_dutch);
  g_test_add_func ("/gui/summary/layout", test_layout);
  g_test_add_func ("/gui/summary/chosen-cell", test_chosen_cell);

  return gui_test_run ();
}
