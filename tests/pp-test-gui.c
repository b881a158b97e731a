/* pp-test-gui.c: what the GUI tests share: the testbed, the application,
 * a window, waiting for frames and runs, finding widgets, the cells' checks
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "pp-cell-widget.h"
#include "pp-config-panel.h"
#include "pp-grid-row.h"
#include "pp-gui-init.h"
#include "pp-screenshot.h"
#include "pp-test-gui.h"

/* A window left alone must stop making frames: this long without one. */
#define QUIET_MS 1000

PpTestbed *testbed;
PpApplication *app;
char *initial_gdk_debug;
char *initial_gsk_renderer;

const char * const run_paths[] = { "/status/204", "/status/200", "/status/503", NULL };

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* One blocking iteration of the main context, woken at @deadline at the
 * latest (monotonic time); FALSE once the deadline has passed. */
gboolean
iterate_until (gint64 deadline)
{
  gint64 now = g_get_monotonic_time ();
  gboolean woken = FALSE;
  guint timeout;

  if (now >= deadline)
    return FALSE;
  timeout = g_timeout_add ((deadline - now + 999) / 1000, timeout_cb, &woken);
  g_main_context_iteration (NULL, TRUE);
  if (!woken)
    g_source_remove (timeout);

  return TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Asks @widget's window for a frame and waits until it is painted: what
 * was queued before (a new allocation, a relayout, new labels) is on
 * screen afterwards. */
void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  wait_until (painted);
  g_signal_handler_disconnect (clock, handler);
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* Waits until @widget's window has painted @n frames, each asked for:
 * for what shows over time (a spinner), instead of a fixed sleep. */
void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &painted);
  while (painted < n)
    {
      guint before = painted;

      gtk_widget_queue_draw (widget);
      wait_until (painted > before);
    }
  g_signal_handler_disconnect (clock, handler);
}

static void
note_frame_cb (GdkFrameClock *clock,
               gint64        *last_frame)
{
  *last_frame = g_get_monotonic_time ();
}

/* A window left alone makes no frames: waits until @widget's window has
 * made none for QUIET_MS, and fails if it never stops (an endless
 * animation, a tick callback, a timer that redraws). */
void
assert_goes_idle (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start = g_get_monotonic_time ();
  gint64 give_up = start + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  gint64 last_frame = start;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (note_frame_cb), &last_frame);
  while (g_get_monotonic_time () - last_frame < QUIET_MS * 1000)
    {
      if (g_get_monotonic_time () >= give_up)
        g_error ("the window never stopped making frames: none for %d ms at a time in %d s",
                 QUIET_MS, WAIT_TIMEOUT_S);
      iterate_until (MIN (last_frame + QUIET_MS * 1000, give_up));
    }
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("the window went idle after %.1f s", (last_frame - start) / (double) G_USEC_PER_SEC);
}

static void
run_finished_cb (PpWindow *window,
                 gboolean *finished)
{
  *finished = TRUE;
}

void
wait_for_run (PpWindow *window)
{
  gboolean finished = !pp_window_get_running (window);
  gulong handler = g_signal_connect (window, "run-finished", G_CALLBACK (run_finished_cb), &finished);

  wait_until (finished);
  g_signal_handler_disconnect (window, handler);
  /* The window's run is over when its last cell shows its result: no
   * cell is still pending, nor behind the session's results. */
  for (guint r = 0; r < g_list_model_get_n_items (pp_window_get_rows (window)); r++)
    {
      g_autoptr(PpGridRow) row = g_list_model_get_item (pp_window_get_rows (window), r);

      for (guint m = 0; m < pp_grid_row_get_n_cells (row); m++)
        {
          g_assert_false (pp_grid_cell_is_behind (pp_grid_row_get_cell (row, m)));
          g_assert_cmpint (pp_grid_cell_get_state (pp_grid_row_get_cell (row, m)), !=, PP_CELL_PENDING);
        }
    }
  /* One more frame, so that the grid shows the final state. */
  wait_for_frame (GTK_WIDGET (window));
}

GSettings *
settings (void)
{
  return pp_application_get_settings (app);
}

PpWindow *
new_window (void)
{
  return new_window_sized (1280, 800);
}

PpWindow *
new_window_sized (int width,
                  int height)
{
  PpWindow *window = pp_window_new (ADW_APPLICATION (app), settings ());

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  /* What the first frame does not show is made after it, the
   * configuration panel last (pp-window.c, after_first_frame_cb). */
  wait_until (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL) != NULL);
  wait_for_frame (GTK_WIDGET (window));

  return window;
}

/* A window whose content is @width × @height pixels, as on a screen of
 * that size: without a window manager, GTK's default size includes the
 * client-side shadow, which is then added back. */
PpWindow *
new_window_fitting (int width,
                    int height)
{
  static int dw = -1, dh = -1;    /* the shadow's share of a default size */
  PpWindow *window;

  if (dw < 0)
    {
      window = new_window_sized (width, height);
      dw = width - gtk_widget_get_width (GTK_WIDGET (window));
      dh = height - gtk_widget_get_height (GTK_WIDGET (window));
      gtk_window_destroy (GTK_WINDOW (window));
    }
  window = new_window_sized (width + dw, height + dh);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);

  return window;
}

/* A window after a run of run_paths with configure_proxies()'s proxies,
 * the rest of the settings reset; @width × @height pixels of content,
 * or new_window()'s size for 0 × 0. */
PpWindow *
run_in_new_window (int width,
                   int height)
{
  PpWindow *window;

  reset_settings ();
  set_urls (run_paths);
  configure_proxies ();
  window = width > 0 ? new_window_fitting (width, height) : new_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_for_run (window);

  return window;
}

void
set_urls (const char * const *paths)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;

  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *url = pp_testbed_http_url (testbed, paths[i]);

      g_strv_builder_add (builder, url);
    }
  urls = g_strv_builder_end (builder);
  g_settings_set_strv (settings (), "custom-urls", (const char * const *) urls);
  g_settings_set_string (settings (), "profile", "custom");
}

PpGridCell *
cell_at (PpWindow *window,
         guint     row,
         PpMethod  method)
{
  g_autoptr(PpGridRow) item = g_list_model_get_item (pp_window_get_rows (window), row);

  g_assert_nonnull (item);
  for (guint m = 0; m < pp_grid_row_get_n_cells (item); m++)
    if (pp_grid_cell_get_method (pp_grid_row_get_cell (item, m)) == method)
      return pp_grid_row_get_cell (item, m);
  g_assert_not_reached ();
}

/* Every widget, depth first from @root itself, that @match accepts. */
void
collect (GtkWidget   *root,
         WidgetMatch  match,
         GPtrArray   *found)
{
  if (match (root, NULL))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, match, found);
}

/* The first widget, depth first from @root itself, that @match accepts. */
GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* Every column's title shows whole: GTK 4.8 cuts a header's title at its
 * column's edge, without an ellipsis. */
void
assert_titles_fit (PpWindow *window)
{
  GtkColumnView *view = pp_window_get_column_view (window);
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);
      GtkWidget *label = find_widget (GTK_WIDGET (view), is_label_saying, title);
      /* The header's button, which takes the column's width; the label
       * and the box around it keep their own and overflow. */
      GtkWidget *header = label ? gtk_widget_get_ancestor (label, g_type_from_name ("GtkColumnViewTitle")) : NULL;
      graphene_rect_t bounds;

      g_assert_nonnull (header);
      g_assert_true (gtk_widget_compute_bounds (label, header, &bounds));
      g_test_message ("column %s (in %s): %.0f to %.0f px of %d", title, G_OBJECT_TYPE_NAME (header),
                      bounds.origin.x, bounds.origin.x + bounds.size.width, gtk_widget_get_width (header));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (header));
    }
}

static gboolean
shows_cell (GtkWidget     *widget,
            gconstpointer  cell)
{
  return PP_IS_CELL_WIDGET (widget) && pp_cell_widget_get_cell (PP_CELL_WIDGET (widget)) == cell;
}

PpCellWidget *
find_cell_widget (GtkWidget  *root,
                  PpGridCell *cell)
{
  return (PpCellWidget *) find_widget (root, shows_cell, cell);
}

/* The state through the model, and the words a screen reader says. */
void
assert_cell (PpWindow    *window,
             guint        row,
             PpMethod     method,
             PpCellState  state,
             const char  *words)
{
  PpGridCell *cell = cell_at (window, row, method);
  PpCellWidget *widget = find_cell_widget (GTK_WIDGET (window), cell);
  g_autofree char *label = pp_grid_cell_format_accessible (cell);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", pp_testbed_get_http_port (testbed));
  g_autofree char *expected = g_strdup_printf ("%s, %s: %s", pp_method_get_label (method), host, words);
  char *problem;

  g_test_message ("cell %u/%s: %s", row, pp_method_to_id (method), label);
  g_assert_cmpint (pp_grid_cell_get_state (cell), ==, state);
  g_assert_true (g_str_has_prefix (label, expected));
  g_assert_nonnull (widget);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (problem != NULL)
    g_error ("accessible label of %s: %s", expected, problem);
}

/* @widget drawn as proxyprobe draws it for a screenshot, as a texture. */
GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = pp_screenshot_png (widget, &error);
  GdkTexture *texture;

  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);

  return texture;
}

static void
screenshot_taken_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GBytes **png = user_data;
  g_autoptr(GError) error = NULL;

  *png = pp_window_screenshot_finish (PP_WINDOW (object), result, &error);
  g_assert_no_error (error);
}

/* The Preferences window, once open. */
GtkWindow *
find_preferences (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* The window's own screenshot as --window-screenshot and the zip take
 * it, as PNG. */
GBytes *
window_screenshot (PpWindow *window)
{
  GBytes *png = NULL;

  pp_window_screenshot_async (window, NULL, screenshot_taken_cb, &png);
  wait_until (png != NULL);

  return png;
}

/* The pixels of @texture, 4 bytes each (B, G, R, A). */
guchar *
texture_pixels (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guchar *pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, pixels, (gsize) width * 4);

  return pixels;
}

static guint
count_colours (GdkTexture *texture)
{
  g_autofree guchar *pixels = texture_pixels (texture);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gsize n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (((guint32 *) pixels)[i]));

  return g_hash_table_size (seen);
}

/* Takes the window's screenshot as proxyprobe --window-screenshot does and
 * checks what it drew: the window's whole size, and a picture rather
 * than a blank (text and icons make hundreds of colours). Kept in
 * PROXYPROBE_SCREENSHOT_DIR when that is set. */
void
save_screenshot (PpWindow   *window,
                 const char *name)
{
  const char *dir = g_getenv ("PROXYPROBE_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = window_screenshot (window);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);
  guint colours = count_colours (texture);

  g_test_message ("screenshot %s: %d x %d, %u colours", name, gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture), colours);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpuint (colours, >, 50);
  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

void
reset_settings (void)
{
  const char *keys[] = { "profile", "geography", "named-proxy", "cmdline-proxy", "timeout",
                         "connect-timeout", "concurrency", "workspace-id", "custom-urls", "pac",
                         "trust-anchors", "methods" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings (), keys[i]);
}


static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
focused (PpWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}
void
configure_proxies (void)
{
  g_autofree char *auth = pp_testbed_squid_url (testbed, PP_SQUID_AUTH);
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);

  g_settings_set_string (settings (), "named-proxy", auth);
  g_settings_set_string (settings (), "cmdline-proxy", deny);
  g_settings_set_uint (settings (), "timeout", 10);
}

/* Sets up what every GUI test needs: the locale for the Dutch test, the
 * testbed's servers and squids, and the application. FALSE when the test
 * must skip (outside tests/run-isolated's network namespace). */
gboolean
gui_test_init (int    *argc,
               char ***argv)
{
  static PpGuiOptions options = { .run = TRUE };
  const char *localedir = g_getenv ("PROXYPROBE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
  if (g_getenv ("PP_TEST_ISOLATED") == NULL)
    {
      g_test_skip ("needs a private network namespace (tests/run-isolated)");
      return FALSE;
    }
  /* The display is opened as proxyprobe opens it (pp-gui-init.c). */
  initial_gdk_debug = g_strdup (g_getenv ("GDK_DEBUG"));
  initial_gsk_renderer = g_strdup (g_getenv ("GSK_RENDERER"));
  g_assert_true (pp_gui_init ());
  testbed = pp_testbed_new ();
  app = pp_application_new (&options);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  return TRUE;
}

int
gui_test_run (void)
{
  int status = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&initial_gdk_debug, g_free);
  g_clear_pointer (&initial_gsk_renderer, g_free);
  pp_testbed_free (testbed);

  return status;
}

/* What @widget's clipboard holds, as text. */
char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);

  return text;
}

/* Contrast, measured on the drawn pixels as WCAG defines it. */

static double
luminance (const guchar *bgra)
{
  double c[3];

  for (int i = 0; i < 3; i++)
    {
      double v = bgra[2 - i] / 255.0;

      c[i] = v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }

  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (const guchar *a,
          const guchar *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* In @rect of the window's pixels: the background (the commonest colour)
 * and the text's contrast to it (its strongest pixel: a glyph's stems are
 * drawn at full colour). 0 when nothing but background is there. */
double
text_contrast (const guchar          *pixels,
               int                    stride_px,
               const graphene_rect_t *rect)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 bg = 0;
  guint best = 0;
  double most = 0;
  int x0 = (int) rect->origin.x, y0 = (int) rect->origin.y;
  int x1 = (int) (rect->origin.x + rect->size.width), y1 = (int) (rect->origin.y + rect->size.height);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = ((const guint32 *) pixels)[y * stride_px + x];
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (p))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (p), GUINT_TO_POINTER (n));
        if (n > best)
          best = n, bg = p;
      }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      most = MAX (most, contrast (pixels + (y * stride_px + x) * 4, (const guchar *) &bg));

  return most <= 1.0 ? 0 : most;
}

/* The high-contrast style on or off, as a user sets it. */
void
set_high_contrast (gboolean high_contrast)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  g_settings_set_boolean (a11y, "high-contrast", high_contrast);
  wait_until (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) == high_contrast);
}
