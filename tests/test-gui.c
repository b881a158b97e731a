/* test-gui.c: the real proxyprobe window under Xvfb, against the testbed
 *
 * The window is driven through its actions (run, stop, show-cell) and
 * checked through its model and through the accessible labels a screen
 * reader gets; the configuration page, the keyboard, right-to-left
 * drawing. The screenshots it writes are for people to review
 * (build/tests/screenshots). The application as a whole (preferences,
 * export, styles, Dutch, the command line) is test-gui-app.c.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pp-cell-widget.h"
#include "pp-config-panel.h"
#include "pp-details-pane.h"
#include "pp-grid-row.h"
#include "pp-profile.h"
#include "pp-profile-chooser.h"
#include "pp-profile-urls.h"
#include "pp-report-config.h"
#include "pp-screenshot.h"
#include "pp-test-files.h"
#include "pp-test-gui.h"

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  return find_widget (root, is_group_titled, title);
}

/* What the Methods group's rows must read, title and subtitle, in order:
 * each method's value over its details, then its warnings. */
static GPtrArray *
expected_method_rows (PpConfig *config)
{
  g_autoptr(GPtrArray) methods = pp_report_config_describe_methods (config);
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < methods->len; i++)
    {
      PpConfigMethod *method = g_ptr_array_index (methods, i);
      g_autoptr(GString) title = g_string_new (method->value);

      for (guint j = 0; method->details[j]; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (method->details[j]));

          g_string_append_printf (title, "%s%s", title->len ? "\n" : "", line);
        }
      g_ptr_array_add (expected, g_strdup_printf ("%s | %s", title->str, method->title));
      for (guint j = 0; method->warnings[j]; j++)
        g_ptr_array_add (expected, g_strdup_printf ("Warning: %s | (null)", method->warnings[j]));
    }

  return expected;
}

/* The panel shows the core's description of the methods, row for row,
 * and no password in any row. */
static void
assert_method_rows (PpConfigPanel *panel,
                    PpConfig      *config,
                    const char    *canary)
{
  g_autoptr(GPtrArray) expected = expected_method_rows (config);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new ();
  GtkWidget *group = find_group (GTK_WIDGET (panel), "Methods");

  g_assert_nonnull (group);
  collect_rows (group, rows);
  g_assert_cmpuint (rows->len, ==, expected->len);
  g_assert_cmpuint (expected->len, >=, 5);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);
      g_autofree char *shown = g_strdup_printf ("%s | %s",
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                adw_action_row_get_subtitle (row));

      g_assert_cmpstr (shown, ==, g_ptr_array_index (expected, i));
    }

  collect_rows (GTK_WIDGET (panel), all_rows);
  for (guint i = 0; i < all_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (all_rows, i);

      g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), canary));
      g_assert_null (strstr (adw_action_row_get_subtitle (row) ? adw_action_row_get_subtitle (row) : "",
                             canary));
    }
}

/* Shows a page of the window's view stack: "results" or "config". */
static void
show_page (PpWindow   *window,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                         name);
}

/* The configuration is detected before any run, and shown on its page. */
static void
test_configuration (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  PpConfigPanel *panel;
  PpConfig *config;
  g_autofree char *text = NULL;

  reset_settings ();
  g_settings_set_string (settings (), "cmdline-proxy", deny);
  g_settings_set_string (settings (), "named-proxy", "http://n:" CANARY "@named.test:8080");
  window = g_object_ref (new_window ());
  panel = PP_CONFIG_PANEL (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL));
  wait_until (pp_config_panel_get_config (panel) != NULL);
  config = pp_config_panel_get_config (panel);
  g_assert_null (pp_window_get_plan (window));
  text = pp_report_config_format_text (config);
  g_assert_nonnull (strstr (text, deny + strlen ("http://")));
  g_assert_nonnull (strstr (text, "http://n:***@named.test:8080"));
  g_assert_null (strstr (text, CANARY));
  /* Its rows are made when the page shows, not while it is hidden. */
  g_assert_null (find_group (GTK_WIDGET (panel), "Methods"));
  show_page (window, "config");
  wait_until (find_group (GTK_WIDGET (panel), "Methods") != NULL);
  wait_for_frame (GTK_WIDGET (window));
  assert_method_rows (panel, config, CANARY);
  save_screenshot (window, "configuration-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

/* A stand-in `mdatp` first on PATH whose connectivity test answers only
 * once @release exists. Returns the PATH to restore. */
static char *
install_waiting_agent (const char *release)
{
  g_autofree char *dir = g_build_filename (pp_testbed_get_dir (testbed), "waiting-agent", NULL);
  g_autofree char *connectivity = g_strdup_printf ("while [ ! -e '%s' ]; do sleep 0.05; done\n"
                                                   "    echo 'Testing connection with "
                                                   "https://x.cp.wd.microsoft.com/ping ... [OK]'", release);
  char *original = g_strdup (g_getenv ("PATH"));
  g_autofree char *search = install_agent_standin (dir, "echo '{\"healthy\":true,\"app_version\":\"101.1\"}'",
                                                   connectivity);

  g_setenv ("PATH", search, TRUE);

  return original;
}

/* The agent's connectivity test can take half a minute: the run does not
 * wait for it, the Configuration page says it is being asked, and shows
 * the agent's words when they come. */
static void
test_agent_beside_run (void)
{
  g_autofree char *release = g_build_filename (pp_testbed_get_dir (testbed), "agent-release", NULL);
  g_autofree char *original_path = install_waiting_agent (release);
  g_autoptr(PpWindow) window = NULL;
  PpConfigPanel *panel;

  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  panel = PP_CONFIG_PANEL (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  g_assert_null (pp_config_peek_agent_view (pp_config_panel_get_config (panel)));
  show_page (window, "config");
  wait_until (find_widget (GTK_WIDGET (panel), is_row_titled, "Asking the agent") != NULL);

  g_assert_true (g_file_set_contents (release, "", 0, NULL));
  wait_until (find_widget (GTK_WIDGET (panel), is_row_titled, "Testing connection with") != NULL);
  g_assert_null (find_widget (GTK_WIDGET (panel), is_row_titled, "Asking the agent"));
  g_assert_nonnull (find_widget (GTK_WIDGET (panel), is_row_titled, "version 101.1, healthy true"));
  g_setenv ("PATH", original_path, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_status_page_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

/* The About window, once it is on screen. */
static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static void
test_empty_state (void)
{
  g_autoptr(PpWindow) window = g_object_ref (new_window ());
  GListModel *rows = pp_window_get_rows (window);
  GtkWidget *grid = GTK_WIDGET (pp_window_get_column_view (window));

  /* The chosen profile's rows are made under the empty state, idle (no
   * spinner), and out of reach of the keyboard until the first run. */
  wait_until (g_list_model_get_n_items (rows) >= 3);
  g_assert_null (pp_window_get_plan (window));
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr(PpGridRow) row = g_list_model_get_item (rows, r);

      for (guint m = 0; m < pp_grid_row_get_n_cells (row); m++)
        g_assert_cmpint (pp_grid_cell_get_state (pp_grid_row_get_cell (row, m)), ==, PP_CELL_IDLE);
    }
  for (guint i = 0; i < 30; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      g_assert_false (focused (window) != NULL && gtk_widget_is_ancestor (focused (window), grid));
    }
  g_assert_false (pp_window_get_running (window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL) &&
                  pp_window_get_running (window));
  save_screenshot (window, "empty-en.png");

  /* Its icon is the PNG pre-rendered at build time, also for scale 2
   * (drawing the SVG would load librsvg before the first frame), and
   * found: GTK 4.8 cuts such a file's name at a dot, so a name with dots
   * would be "image-missing". */
  {
    GtkWidget *page = find_widget (GTK_WIDGET (window), is_status_page_titled, "Run Checks");
    const char *name = adw_status_page_get_icon_name (ADW_STATUS_PAGE (page));
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (page));

    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, name, NULL, 128, scale,
                                                                       GTK_TEXT_DIR_NONE, 0);
        g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
        g_autofree char *uri = g_file_get_uri (file);
        g_autofree char *expected = g_strdup_printf ("resource:///io/github/proxyprobe/ProxyProbe/icons/"
                                                     "128x128%s/apps/proxyprobe-empty-state-symbolic.symbolic.png",
                                                     scale == 2 ? "@2" : "");

        g_assert_cmpstr (uri, ==, expected);
      }
  }

  /* The shortcuts window and the About window with its debug information. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  {
    /* Built on first use, so GtkApplication no longer gives it Ctrl+?: the
     * application does. */
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  {
    GtkWidget *overlay = NULL;

    /* On screen before it closes, as for a person: GTK 4.8 may otherwise
     * handle the closed window's first events after it is gone. */
    wait_until ((overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))) &&
                gtk_widget_get_mapped (overlay));
    wait_for_frame (overlay);
    gtk_window_close (GTK_WINDOW (overlay));
  }
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  {
    GtkWindow *about = NULL;
    const char *debug_info;

    wait_until ((about = find_about_window ()) != NULL);
    wait_for_frame (GTK_WIDGET (about));
    debug_info = adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (about));
    g_assert_nonnull (strstr (debug_info, "GTK"));
    g_assert_nonnull (strstr (debug_info, "libcurl"));
    g_assert_nonnull (strstr (debug_info, "Renderer: GskCairoRenderer"));
    gtk_window_close (about);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
is_cell_widget (GtkWidget     *widget,
                gconstpointer  data)
{
  return PP_IS_CELL_WIDGET (widget);
}

/* How many of @window's grid cells have a tick callback (GTK connects a
 * widget's tick callbacks to its frame clock's "update", with the widget
 * as the handler's data). */
static guint
count_ticking_cells (PpWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint update = g_signal_lookup ("update", GDK_TYPE_FRAME_CLOCK);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint ticking = 0;

  collect (GTK_WIDGET (window), is_cell_widget, cells);
  g_assert_cmpuint (cells->len, >, 6);
  for (guint i = 0; i < cells->len; i++)
    if (g_signal_handler_find (clock, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA, update, 0, NULL, NULL,
                               g_ptr_array_index (cells, i)) != 0)
      ticking++;

  return ticking;
}

static void
test_run (void)
{
  g_autoptr(PpWindow) window = NULL;
  guint items_changed = 0;
  g_autofree char *summary = NULL;
  g_autoptr(PpGridRow) first_row = NULL;
  GtkWidget *run_button;

  reset_settings ();
  set_urls (run_paths);
  configure_proxies ();
  window = g_object_ref (new_window ());
  wait_until (g_list_model_get_n_items (pp_window_get_rows (window)) == 3);
  first_row = g_list_model_get_item (pp_window_get_rows (window), 0);
  g_signal_connect_swapped (pp_window_get_rows (window), "items-changed",
                            G_CALLBACK (count_cb), &items_changed);
  /* The window starts with the focus on Run, which turns into Stop and
   * back: the focus never moves (a move restyles the whole window). */
  run_button = focused (window);
  g_assert_true (GTK_IS_BUTTON (run_button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (run_button)), ==, "win.run");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (pp_window_get_running (window));
  g_assert_true (focused (window) == run_button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (run_button)), ==, "win.stop");
  g_assert_cmpuint (g_list_model_get_n_items (pp_window_get_rows (window)), ==, 3);
  assert_cell (window, 0, PP_METHOD_DIRECT, PP_CELL_PENDING, "checking");
  /* Every pending cell spins, on one tick callback for them all: not one
   * each, which GTK calls at every frame of the run. */
  g_assert_cmpuint (count_ticking_cells (window), ==, 1);
  wait_for_run (window);
  g_assert_cmpuint (count_ticking_cells (window), ==, 0);
  g_assert_true (focused (window) == run_button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (run_button)), ==, "win.run");
  /* Its results can be exported and summed up; the choosers are back. */
  g_assert_true (gtk_widget_get_sensitive (find_type (GTK_WIDGET (window), PP_TYPE_PROFILE_CHOOSER)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "stop"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "copy-summary"));

  /* The run kept the rows made under the empty state; results only
   * changed cell properties. */
  g_assert_cmpuint (items_changed, ==, 0);
  assert_cell (window, 0, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 204");
  assert_cell (window, 1, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 200");
  /* A URL list expects no particular status: any answer means reachable. */
  assert_cell (window, 2, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 503");
  assert_cell (window, 0, PP_METHOD_NAMED, PP_CELL_FAILED, "failed, proxy authentication required");
  assert_cell (window, 0, PP_METHOD_CMDLINE, PP_CELL_FAILED, "failed, blocked by proxy");
  assert_cell (window, 0, PP_METHOD_ENV, PP_CELL_ABSENT, "doesn’t exist");

  /* Ctrl+Shift+C puts the same summary on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-summary", NULL));
  {
    g_autofree char *copied = clipboard_text (GTK_WIDGET (window));
    g_autofree char *expected = pp_window_format_summary (window);

    g_assert_cmpstr (copied, ==, expected);
  }
  summary = pp_window_format_summary (window);
  g_assert_nonnull (strstr (summary, "of 3 endpoints reachable"));
  g_assert_nonnull (strstr (summary, "Proxy disabled 3/3"));
  g_assert_nonnull (strstr (summary, "Named proxy 0/3"));
  g_assert_nonnull (strstr (summary, "Environment proxy: doesn’t exist"));
  /* The diagnosis from core leads (a URL list: no agent), with each cause
   * once; the copy carries the allow-list the label only counts. */
  g_assert_true (g_str_has_prefix (strchr (summary, '\n') + 1, "Verdict: Only direct connections "
                                   "get through: no endpoint is reachable through a proxy (this "
                                   "profile names no agent"));
  g_assert_nonnull (strstr (summary, "asks for a password (407) for 3 endpoints — Named proxy\n"));
  g_assert_nonnull (strstr (summary, "Allow-list (hosts a proxy blocked, asked a password for, or "
                                     "inspected):\n  "));

  /* A click on a cell reaches it: nothing left of the empty state is in
   * the way. */
  {
    GtkWidget *cell_widget = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window),
                                                           cell_at (window, 0, PP_METHOD_NAMED)));
    graphene_point_t centre;

    g_assert_true (gtk_widget_compute_point (cell_widget, GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (cell_widget) / 2.0f,
                                                                   gtk_widget_get_height (cell_widget) / 2.0f),
                                             &centre));
    g_assert_true (gtk_widget_pick (GTK_WIDGET (window), centre.x, centre.y, GTK_PICK_DEFAULT) == cell_widget);
  }

  /* Details follow the chosen cell. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_NAMED))));
  g_assert_true (pp_details_pane_get_cell (pp_window_get_details (window)) ==
                 cell_at (window, 0, PP_METHOD_NAMED));
  {
    g_autofree char *details = pp_details_pane_format_text (pp_window_get_details (window));

    g_assert_nonnull (strstr (details, "407"));
    g_assert_nonnull (strstr (details, "Proxy used:"));
  }
  wait_for_frame (GTK_WIDGET (window));
  assert_titles_fit (window);
  save_screenshot (window, "window-en.png");

  /* Run again: the same rows, every cell pending again, then answered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  assert_cell (window, 1, PP_METHOD_DIRECT, PP_CELL_PENDING, "checking");
  wait_for_run (window);
  assert_cell (window, 1, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 200");
  g_assert_cmpuint (items_changed, ==, 0);
  {
    g_autoptr(PpGridRow) row = g_list_model_get_item (pp_window_get_rows (window), 0);

    g_assert_true (row == first_row);
  }

  /* Other URLs: other rows, made when the run starts. */
  set_urls (run_paths + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_for_run (window);
  g_assert_cmpuint (items_changed, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pp_window_get_rows (window)), ==, 2);
  assert_cell (window, 0, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 200");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
rows_added_cb (GListModel *rows,
               guint       position,
               guint       removed,
               guint       added,
               PpWindow   *window)
{
  /* Appended while the run lasts: one row a frame, the run's own frames
   * being busy drawing results. */
  if (pp_window_get_running (window) && removed == 0 && position > 0)
    g_assert_cmpuint (added, ==, 1);
}

/* Run before the rows are all made, as with --run at launch: the rest
 * keep coming, one a frame while the run lasts, and each ends with its
 * own result. */
static void
test_run_before_rows (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PpWindow) window = NULL;
  GListModel *rows;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (paths, g_strdup_printf ("/status/200?row=%u", i));
  g_ptr_array_add (paths, NULL);
  reset_settings ();
  set_urls ((const char * const *) paths->pdata);
  window = g_object_ref (pp_window_new (ADW_APPLICATION (app), settings ()));
  rows = pp_window_get_rows (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_signal_connect (rows, "items-changed", G_CALLBACK (rows_added_cb), window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 40);
  wait_for_run (window);
  wait_until (g_list_model_get_n_items (rows) == 40);
  for (guint r = 0; r < 40; r++)
    assert_cell (window, r, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 200");
  g_signal_handlers_disconnect_by_func (rows, rows_added_cb, window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Counts the nodes of @type in @node's tree. */
static guint
count_nodes (GskRenderNode     *node,
             GskRenderNodeType  type)
{
  guint n = gsk_render_node_get_node_type (node) == type;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i), type);
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node), type);
      break;
    case GSK_OPACITY_NODE:
      n += count_nodes (gsk_opacity_node_get_child (node), type);
      break;
    default:
      break;
    }

  return n;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* While checks have not answered, and after Stop, the summary gives no
 * verdict that they could change: nothing has answered here. Nor does
 * its colour: neither pass, warn nor fail. */
static void
assert_no_verdict (PpWindow *window,
                   gboolean  stopped)
{
  static const char * const colours[] = { "pp-pass", "pp-warn", "pp-fail" };
  g_autofree char *summary = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    g_assert_null (find_widget (GTK_WIDGET (window), has_css_class, colours[i]));

  /* The summary is made from the session's results, as its labels are:
   * nothing to wait for. */
  summary = pp_window_format_summary (window);
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, stopped ? "No verdict: the run was stopped before every probe "
                            "answered" : "No verdict yet: "));
  g_assert_null (strstr (summary, "reachable by any method"));
  g_assert_null (strstr (summary, "Fails for every endpoint"));
  g_assert_null (strstr (summary, "Stopped: some checks did not run."));
}

static void
test_stop (void)
{
  const char * const paths[] = { "/hang", "/hang", "/hang", "/hang", NULL };
  g_autoptr(PpWindow) window = NULL;
  PpGridCell *cell;

  reset_settings ();
  set_urls (paths);
  g_settings_set_uint (settings (), "timeout", 300);
  window = g_object_ref (new_window ());
  /* Ctrl+R from the profile chooser, which a run makes insensitive: the
   * focus goes to Stop, not nowhere (which would restyle every widget). */
  g_assert_true (gtk_widget_grab_focus (find_type (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_nonnull (focused (window));
  g_assert_true (GTK_IS_BUTTON (focused (window)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focused (window))), ==, "win.stop");
  /* While it runs, Stop can be done, not Run nor a new choice. */
  g_assert_false (gtk_widget_get_sensitive (find_type (GTK_WIDGET (window), PP_TYPE_PROFILE_CHOOSER)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "stop"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  /* Nothing answers: still running when the probes are out and the
   * window has drawn their spinners for a while. */
  wait_until (pp_window_get_config (window) != NULL);
  wait_for_frames (GTK_WIDGET (window), 30);
  g_assert_true (pp_window_get_running (window));
  cell = cell_at (window, 0, PP_METHOD_DIRECT);
  g_assert_cmpint (pp_grid_cell_get_state (cell), ==, PP_CELL_PENDING);
  assert_no_verdict (window, FALSE);
  save_screenshot (window, "running-en.png");
  /* A pending cell's spinner is render nodes, not a small cairo image
   * per cell (a run starts with a thousand of them). */
  {
    GtkWidget *widget = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), cell));
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_cmpuint (count_nodes (node, GSK_CAIRO_NODE), ==, 0);
    g_assert_cmpuint (count_nodes (node, GSK_BORDER_NODE), ==, 2);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  wait_for_run (window);
  g_assert_false (pp_window_get_running (window));
  g_assert_true (pp_window_was_stopped (window));
  for (guint row = 0; row < 4; row++)
    assert_cell (window, row, PP_METHOD_DIRECT, PP_CELL_STOPPED, "stopped");
  assert_no_verdict (window, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}


static void
test_keyboard (void)
{
  g_autoptr(PpWindow) window = NULL;
  PpCellWidget *first;
  GtkWidget *next;

  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);

  first = find_cell_widget (GTK_WIDGET (window), cell_at (window, 0, PP_METHOD_DEFAULT));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (first)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (first)));
  wait_until (pp_details_pane_get_cell (pp_window_get_details (window)) ==
              cell_at (window, 0, PP_METHOD_DEFAULT));

  /* Tab goes to the next method of the same endpoint; the details follow. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  next = focused (window);
  g_assert_true (PP_IS_CELL_WIDGET (next));
  g_assert_true (pp_cell_widget_get_cell (PP_CELL_WIDGET (next)) == cell_at (window, 0, PP_METHOD_WPAD));
  wait_until (pp_details_pane_get_cell (pp_window_get_details (window)) ==
              cell_at (window, 0, PP_METHOD_WPAD));

  /* Enter (activate) on a cell shows it too. */
  pp_details_pane_set_cell (pp_window_get_details (window), NULL);
  g_assert_true (gtk_widget_activate (next));
  /* A button shows itself pressed for a moment before it clicks. */
  wait_until (pp_details_pane_get_cell (pp_window_get_details (window)) ==
              cell_at (window, 0, PP_METHOD_WPAD));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Where a cell draws its icon: the mean x of its green (success) pixels,
 * as a fraction of its width. */
static double
green_centre (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  g_autofree guchar *pixels = texture_pixels (texture);   /* B, G, R, A */
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  double sum = 0;
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + (y * width + x) * 4;

        if (p[3] > 128 && p[1] > p[2] + 40 && p[1] > p[0] + 20)
          {
            sum += x;
            n++;
          }
      }
  g_assert_cmpuint (n, >, 10);

  return sum / n / width;
}

/* A wpad cell's details list what the PAC script looked up: the answer
 * often hinges on a name this machine cannot resolve. */
static void
test_details_pac_lookups (void)
{
  const char * const urls[] = { "https://service.test/", NULL };
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (urls, NULL);
  g_autoptr(GArray) methods = pp_method_parse_list ("wpad", NULL);
  g_autoptr(PpPlan) plan = pp_plan_new (profile, methods);
  g_autoptr(PpRunResults) results = pp_run_results_new (plan);
  g_autoptr(PpSession) session = pp_session_new ();
  PpEndpoint *endpoint = pp_profile_get_endpoint (profile, 0);
  g_autoptr(PpGridCell) cell = pp_grid_cell_new (session, endpoint, PP_METHOD_WPAD, 0);
  g_autoptr(PpProbeResult) result = pp_probe_result_new (endpoint, PP_METHOD_WPAD);
  const char *lookups[] = { "proxy.corp.test → (no answer) (2 ms)", "wpad.corp.test → 10.0.0.8 (1 ms)", NULL };
  GtkWidget *pane = g_object_ref_sink (g_object_new (PP_TYPE_DETAILS_PANE, NULL));
  g_autofree char *text = NULL;

  result->outcome = PP_OUTCOME_OK;
  result->http_status = 200;
  result->pac_lookups = g_strdupv ((char **) lookups);
  /* The cell holds no result: it shows its session's. */
  g_assert_true (pp_run_results_set_item (results, 0, result));
  pp_session_load (session, results, NULL);
  g_assert_null (pp_grid_cell_get_result (cell));
  pp_grid_cell_update (cell);
  g_assert_true (pp_grid_cell_get_result (cell) == result);
  pp_details_pane_set_cell (PP_DETAILS_PANE (pane), cell);
  text = pp_details_pane_format_text (PP_DETAILS_PANE (pane));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "DNS look-ups of the PAC script:"));
  g_assert_nonnull (strstr (text, lookups[0]));
  g_assert_nonnull (strstr (text, lookups[1]));
  g_object_unref (pane);
}

/* The icon is on the start edge: the left, and the right in right-to-left
 * languages. */
static void
test_right_to_left (void)
{
  g_autoptr(PpWindow) window = NULL;
  GtkWidget *cell;

  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  cell = GTK_WIDGET (find_cell_widget (GTK_WIDGET (window), cell_at (window, 0, PP_METHOD_DIRECT)));
  g_assert_cmpint (pp_grid_cell_get_state (cell_at (window, 0, PP_METHOD_DIRECT)), ==, PP_CELL_OK);
  g_assert_cmpfloat (green_centre (cell), <, 0.25);
  gtk_widget_set_direction (cell, GTK_TEXT_DIR_RTL);
  wait_for_frame (cell);
  g_assert_cmpfloat (green_centre (cell), >, 0.75);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window left alone makes no frame: not after start-up (the rows made,
 * the configuration detected while its page, with a spinner, showed),
 * not after a run. */
static void
test_idle (void)
{
  PpWindow *window;
  PpConfigPanel *panel;

  reset_settings ();
  set_urls (run_paths);
  window = new_window ();
  show_page (window, "config");
  panel = PP_CONFIG_PANEL (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL));
  wait_until (pp_config_panel_get_config (panel) != NULL);
  assert_goes_idle (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  assert_goes_idle (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The choosers say what is chosen, once per choice: the window remembers
 * a choice of the user's, not one from the command line. Before any run,
 * Run is the only action of the header that can be done. */
static void
test_profile_chooser (void)
{
  g_autoptr(PpWindow) window = NULL;
  PpProfileChooser *chooser;
  GtkWidget *profiles;
  guint changed = 0, geography_notified = 0;
  g_autofree char *saved = NULL;

  reset_settings ();
  window = g_object_ref (new_window ());
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "stop"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "copy-summary"));
  chooser = PP_PROFILE_CHOOSER (find_type (GTK_WIDGET (window), PP_TYPE_PROFILE_CHOOSER));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (chooser)));
  g_signal_connect_swapped (chooser, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (chooser, "notify::geography", G_CALLBACK (count_cb), &geography_notified);

  {
    PpGuiOptions options = { .profile = (char *) "mde-standard", .geography = (char *) "UK" };

    pp_window_set_overrides (window, &options);
  }
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (geography_notified, ==, 1);
  g_assert_cmpstr (pp_profile_chooser_get_profile (chooser), ==, "mde-standard");
  g_assert_cmpstr (pp_profile_chooser_get_geography (chooser), ==, "UK");
  saved = g_settings_get_string (settings (), "geography");
  g_assert_cmpstr (saved, ==, "");
  /* The same choice again is no change. */
  pp_profile_chooser_select (chooser, "mde-standard", "UK");
  g_assert_cmpuint (changed, ==, 1);

  /* The user picks the custom URL list, which has no geographies. */
  profiles = find_type (GTK_WIDGET (chooser), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (profiles), g_strv_length ((GStrv) pp_profile_list_bundled ()));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (geography_notified, ==, 2);
  g_assert_cmpstr (pp_profile_chooser_get_profile (chooser), ==, PP_PROFILE_CHOOSER_CUSTOM);
  g_assert_null (pp_profile_chooser_get_geography (chooser));
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_next_sibling (profiles)));
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings (), "profile");
  g_assert_cmpstr (saved, ==, PP_PROFILE_CHOOSER_CUSTOM);

  /* Through the property, as a binding would. */
  g_object_set (chooser, "profile", "mde-streamlined", NULL);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpstr (pp_profile_chooser_get_profile (chooser), ==, "mde-streamlined");
  g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_next_sibling (profiles)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A profile with an agent: the summary's title is what the agent
 * reaches on its own path (its named proxy asks for a password), not what
 * some method reached; the verdict names the cause once. */
/* The view finishes drawing its last cells after the session's run: only
 * then does the summary speak of the finished run. */
static gboolean
summary_has_verdict (PpWindow *window)
{
  g_autofree char *summary = pp_window_format_summary (window);

  return strstr (summary, "\nVerdict: ") != NULL;
}

static void
test_agent_summary (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *cause = NULL;
  const PpProfileOptions options = { "GW_EU", NULL };
  g_autoptr(PpProfile) profile = NULL;
  guint n;

  reset_settings ();
  configure_proxies ();
  g_settings_set_string (settings (), "profile", "mde-streamlined");
  g_settings_set_string (settings (), "geography", "GW_EU");
  window = g_object_ref (new_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_for_run (window);
  wait_until (summary_has_verdict (window));
  summary = pp_window_format_summary (window);
  /* Every endpoint of the profile, whatever the grid's rows group. */
  profile = pp_profile_load_bundled ("mde-streamlined", &options, NULL);
  n = pp_profile_get_n_endpoints (profile);
  title = g_strdup_printf (": Defender for Endpoint on Linux: 0 of %u endpoints reachable on its "
                           "path; ", n);
  cause = g_strdup_printf ("asks for a password (407) for %u endpoints — Named proxy\n", n);
  g_assert_nonnull (strstr (summary, title));
  g_assert_nonnull (strstr (summary, "\nVerdict: Defender for Endpoint on Linux connects through the "
                                     "named proxy http://127.0.0.1:"));
  g_assert_nonnull (strstr (summary, cause));
  g_assert_nonnull (strstr (summary, "\nBy any method (the client analyzer's rule): No endpoint is "
                                     "reachable by any method."));
  g_assert_nonnull (strstr (summary, "inspected):\n  mdav.eu.endpoint.security.microsoft.com\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/gui/empty-state", test_empty_state);
  g_test_add_func ("/gui/configuration", test_configuration);
  g_test_add_func ("/gui/agent-beside-run", test_agent_beside_run);
  g_test_add_func ("/gui/run", test_run);
  g_test_add_func ("/gui/agent-summary", test_agent_summary);
  g_test_add_func ("/gui/run-before-rows", test_run_before_rows);
  g_test_add_func ("/gui/stop", test_stop);
  g_test_add_func ("/gui/profile-chooser", test_profile_chooser);
  g_test_add_func ("/gui/keyboard", test_keyboard);
  g_test_add_func ("/gui/right-to-left", test_right_to_left);
  g_test_add_func ("/gui/details/pac-lookups", test_details_pac_lookups);
  g_test_add_func ("/gui/idle", test_idle);

  return gui_test_run ();
}
