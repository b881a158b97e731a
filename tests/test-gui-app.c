/* test-gui-app.c: the proxyprobe application under Xvfb, against the
 * testbed: preferences, export to a zip, the dark and high-contrast
 * styles, Dutch, and the command line a support script uses. The
 * screenshots it writes, in English and in Dutch, are for people to
 * review (build/tests/screenshots).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <zip.h>

#include "pp-gui-init.h"
#include "pp-report.h"
#include "pp-report-config.h"
#include "pp-config-panel.h"
#include "pp-details-pane.h"
#include "pp-report-read.h"
#include "pp-test-gui.h"
#include "pp-test-report.h"

typedef struct
{
  GType type;
  const char *title;
} RowQuery;

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  const RowQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  return find_widget (root, is_row, &(RowQuery) { type, title });
}

static void
test_preferences (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  GtkWindow *preferences;
  GtkWidget *row;

  reset_settings ();
  set_urls (run_paths);
  g_settings_set_string (settings (), "cmdline-proxy", deny);
  window = g_object_ref (new_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_until ((preferences = find_preferences ()) != NULL);

  /* The entry shows the setting, and what is typed is saved. */
  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Proxy to Test");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, deny);
  gtk_editable_set_text (GTK_EDITABLE (row), open);
  {
    g_autofree char *saved = g_settings_get_string (settings (), "cmdline-proxy");

    g_assert_cmpstr (saved, ==, open);
  }

  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Concurrency");
  g_assert_nonnull (row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_type (row, GTK_TYPE_SPIN_BUTTON)), 7);
  g_assert_cmpuint (g_settings_get_uint (settings (), "concurrency"), ==, 7);

  /* The PAC script, trust anchors and methods, as the command line's. */
  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "PAC Script URL or File");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "http://wpad.test/proxy.pac");
  {
    g_autofree char *saved = g_settings_get_string (settings (), "pac");

    g_assert_cmpstr (saved, ==, "http://wpad.test/proxy.pac");
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_nonnull (find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Trusted CA Certificates"));
  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "6 Environment proxy");
  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (find_type (row, GTK_TYPE_SWITCH)), FALSE);
  {
    g_auto(GStrv) methods = g_settings_get_strv (settings (), "methods");

    g_assert_cmpuint (g_strv_length (methods), ==, PP_N_METHODS - 1);
    g_assert_false (g_strv_contains ((const char * const *) methods, "env"));
  }
  save_screenshot (PP_WINDOW (window), "main-behind-preferences-en.png");
  gtk_window_destroy (preferences);

  /* The next run goes through the proxy just chosen, by the methods
   * chosen. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  assert_cell (window, 0, PP_METHOD_CMDLINE, PP_CELL_OK, "reachable, status 204");
  g_assert_cmpuint (pp_plan_get_n_methods (pp_window_get_plan (window)), ==, PP_N_METHODS - 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!pp_window_export_finish (PP_WINDOW (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");
}

/* The width of a PNG, from its header: the ticket image is 1200 px. */
static guint32
png_width (const guchar *data,
           gsize         length)
{
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpint (memcmp (data, "\x89PNG", 4), ==, 0);

  return GUINT32_FROM_BE (*(const guint32 *) (data + 16));
}

static GError *
export_with (PpWindow   *window,
             const char *path,
             gboolean    anonymize)
{
  GError *error = NULL;

  pp_window_export_async (window, path, anonymize, NULL, export_done_cb, &error);
  wait_until (error != NULL);
  if (g_strcmp0 (error->message, "ok") == 0 && error->code == 0 && error->domain == G_IO_ERROR)
    g_clear_error (&error);

  return error;
}

static GError *
export (PpWindow   *window,
        const char *path)
{
  return export_with (window, path, FALSE);
}

/* Copy Image puts the ticket image on the clipboard, for pasting into a
 * ticket. */
static void
assert_copies_image (PpWindow *window)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  GValue value = G_VALUE_INIT;
  GdkTexture *texture;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "copy-image"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL);
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  texture = g_value_get_object (&value);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 300);
  g_value_unset (&value);
}

static void
test_export (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.zip", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "report.zip", NULL);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GBytes *png;

  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  /* Nothing to export before a run. */
  error = export (window, path);
  g_assert_nonnull (error);
  g_clear_error (&error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  error = export (window, path);
  g_assert_no_error (error);
  text = pp_report_read_text (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "/status/503"));

  files = unpack (path);
  png = g_hash_table_lookup (files, "screenshot.png");
  g_assert_nonnull (png);
  g_assert_cmpuint (g_bytes_get_size (png), >, 1000);
  g_assert_cmpint (memcmp (g_bytes_get_data (png, NULL), "\x89PNG", 4), ==, 0);
  /* The ticket image beside the window's screenshot. */
  png = g_hash_table_lookup (files, "ticket.png");
  g_assert_nonnull (png);
  g_assert_cmpuint (png_width (g_bytes_get_data (png, NULL), g_bytes_get_size (png)), ==, 1200);

  /* A failed write is an error the window reports; the results stay. */
  error = export (window, bad);
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (pp_window_get_rows (window)), ==, 3);
  g_assert_nonnull (pp_window_get_results (window));
  /* Existing files are not replaced unless asked. */
  g_clear_error (&error);
  error = export (window, path);
  g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS);

  assert_copies_image (window);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pixels of a PNG, to compare two screenshots. */
static GBytes *
png_pixels (GBytes *png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);
  gsize size;

  g_assert_no_error (error);
  size = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;

  return g_bytes_new_take (texture_pixels (texture), size);
}

/* A toast is no part of a screenshot: the window's screenshot taken
 * right after Copy Image (which shows one) waits for a drawn frame and
 * is the window without it, and so is the one an export keeps. */
static void
test_screenshot_after_toast (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.zip", NULL);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GBytes) at_rest_png = NULL;
  g_autoptr(GBytes) after_toast_png = NULL;
  g_autoptr(GBytes) at_rest = NULL;
  g_autoptr(GBytes) after_toast = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;

  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  assert_goes_idle (GTK_WIDGET (window));
  at_rest_png = window_screenshot (window);
  at_rest = png_pixels (at_rest_png);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL);
  after_toast_png = window_screenshot (window);
  after_toast = png_pixels (after_toast_png);
  g_assert_true (g_bytes_equal (at_rest, after_toast));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL);
  error = export (window, path);
  g_assert_no_error (error);
  files = unpack (path);
  g_assert_nonnull (g_hash_table_lookup (files, "screenshot.png"));
  exported = png_pixels (g_hash_table_lookup (files, "screenshot.png"));
  g_assert_true (g_bytes_equal (at_rest, exported));

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_config_page_showing (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_STACK (widget) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), data) == 0;
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* The banner over a received report. */
static GtkWidget *
find_banner (PpWindow *window)
{
  GtkWidget *banner = find_widget (GTK_WIDGET (window), has_class, "pp-banner");

  g_assert_nonnull (banner);
  return banner;
}

/* The Configuration page's copy button copies a received report's
 * configuration: the text it came with, with no password. */
static void
assert_copies_received_config (PpWindow *window)
{
  GtkWidget *panel = find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL);
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *copied = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (panel), "nothing copied");
  g_assert_true (gtk_widget_activate_action (panel, "config.copy", NULL));
  copied = clipboard_text (panel);
  if (strstr (copied, deny + strlen ("http://")) == NULL)
    g_error ("the received configuration was not copied: %s", copied);
  g_assert_null (strstr (copied, CANARY));
}

/* What a cell says, in words. */
static void
assert_status (PpGridCell *cell,
               const char *expected)
{
  g_autofree char *status = pp_grid_cell_format_status (cell);

  g_assert_cmpstr (status, ==, expected);
}

/* @path opened in @window: its grid, verdict, details and configuration,
 * under a banner, read-only. */
static void
assert_opens (PpWindow   *window,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;
  GtkWidget *banner = find_banner (window);
  gint64 start = g_get_monotonic_time ();

  g_test_message ("opening %s", path);
  g_assert_true (pp_window_open_report (window, path, &error));
  g_assert_no_error (error);
  wait_for_frame (GTK_WIDGET (window));
  g_test_message ("its grid showed in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (pp_window_get_rows (window)), ==, 3);
  assert_status (cell_at (window, 0, PP_METHOD_NAMED), "asks for a password");
  g_assert_cmpint (pp_grid_cell_get_state (cell_at (window, 1, PP_METHOD_DIRECT)), ==, PP_CELL_OK);
  summary = pp_window_format_summary (window);
  g_assert_nonnull (strstr (summary, "of 3 endpoints reachable"));
  /* Read-only: it cannot be exported again as this machine's. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_type (banner, GTK_TYPE_LABEL))),
                            "by proxyprobe " PACKAGE_VERSION));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_config_page_showing, "received"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_NAMED))));
  details = pp_details_pane_format_text (pp_window_get_details (window));
  g_assert_nonnull (strstr (details, "407"));
  assert_copies_received_config (window);
}

/* A zip of @names, each holding @text: a zip, but not one of ours. */
static void
write_zip (const char         *path,
           const char * const *names,
           const char         *text)
{
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);

  g_assert_nonnull (archive);
  for (guint i = 0; names[i] != NULL; i++)
    {
      zip_source_t *source = zip_source_buffer (archive, text, strlen (text), 0);

      g_assert_cmpint (zip_file_add (archive, names[i], source, 0), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);
}

/* @path is refused with a PP_REPORT_ERROR naming it; the window still
 * shows what it showed. */
static void
assert_refused (PpWindow   *window,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);

  g_assert_false (pp_window_open_report (window, path, &error));
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == PP_REPORT_ERROR);
  g_assert_nonnull (strstr (error->message, name));
  assert_status (cell_at (window, 0, PP_METHOD_NAMED), "asks for a password");
}

/* Each kind of zip a report comes in (the window's export, anonymized,
 * proxyprobe-cli -o) opens; a damaged one and one that is not a zip are
 * refused, saying what is wrong; Run then checks this machine. */
static void
test_open_report (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *plain = g_build_filename (dir, "report.zip", NULL);
  g_autofree char *anonymized = g_build_filename (dir, "anonymized.zip", NULL);
  g_autofree char *cli = g_build_filename (dir, "cli.zip", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.zip", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.zip", NULL);
  g_autofree char *other = g_build_filename (dir, "other.zip", NULL);
  g_autofree char *impostor = g_build_filename (dir, "impostor.zip", NULL);
  const char * const refused[] = { damaged, foreign, other, impostor };
  g_autofree char *auth = pp_testbed_squid_url (testbed, PP_SQUID_AUTH);
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) cli_args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  int status = 0;
  const char * const zips[] = { plain, anonymized, cli };

  window = g_object_ref (run_in_new_window (0, 0));
  g_assert_no_error (export (window, plain));
  g_assert_no_error (export_with (window, anonymized, TRUE));
  g_strv_builder_add_many (cli_args, g_getenv ("PROXYPROBE_CLI"), "--named-proxy", auth, "--proxy", deny,
                           "--timeout", "10", "-o", cli, NULL);
  for (guint i = 0; run_paths[i] != NULL; i++)
    {
      g_autofree char *url = pp_testbed_http_url (testbed, run_paths[i]);

      g_strv_builder_add_many (cli_args, "--url", url, NULL);
    }
  argv = g_strv_builder_end (cli_args);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < G_N_ELEMENTS (zips); i++)
    assert_opens (window, zips[i]);
  save_screenshot (window, "received-report-en.png");

  /* Damaged (cut short), not a zip, a zip of something else, and one
   * whose report.json is not ours: refused, in words; nothing shown
   * changes. */
  g_assert_true (g_file_get_contents (plain, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (foreign, "PK\3\4 this is not a report", -1, NULL));
  write_zip (other, (const char * const[]) { "notes.txt", NULL }, "holiday photos\n");
  write_zip (impostor, (const char * const[]) { "ProxyProbeResult.txt", "report.json", NULL },
             "{\"schema\": \"someone-else/1\"}");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (window, refused[i]);

  /* Run: a fresh run on this machine, the banner gone. */
  g_settings_reset (settings (), "named-proxy");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_false (gtk_widget_get_visible (find_banner (window)));
  wait_for_run (window);
  g_assert_cmpint (pp_grid_cell_get_state (cell_at (window, 0, PP_METHOD_NAMED)), ==, PP_CELL_ABSENT);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (zips); i++)
    g_unlink (zips[i]);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_unlink (refused[i]);
  g_rmdir (dir);
}

/* A 1,002-probe report (167 endpoints × 6 methods, from proxyprobe-cli)
 * opens; how long its grid takes to show is logged (bench material, not
 * asserted: the machine may be loaded). */
static void
test_open_large_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *zip = g_build_filename (dir, "large.zip", NULL);
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(PpWindow) window = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  g_strv_builder_add_many (args, g_getenv ("PROXYPROBE_CLI"), "--timeout", "10", "-o", zip, NULL);
  for (guint i = 0; i < 167; i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/200?row=%u", i);
      g_autofree char *url = pp_testbed_http_url (testbed, path);

      g_strv_builder_add_many (args, "--url", url, NULL);
    }
  argv = g_strv_builder_end (args);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  reset_settings ();
  window = g_object_ref (new_window ());
  start = g_get_monotonic_time ();
  g_assert_true (pp_window_open_report (window, zip, &error));
  g_assert_no_error (error);
  wait_for_frame (GTK_WIDGET (window));
  g_test_message ("a 1,002-probe report: its grid's first frame after %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (pp_run_results_get_n_items (pp_window_get_results (window)), ==, 167 * PP_N_METHODS);
  wait_until (g_list_model_get_n_items (pp_window_get_rows (window)) == 167);
  wait_for_frame (GTK_WIDGET (window));
  g_test_message ("all its rows drawn after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (zip);
  g_rmdir (dir);
}

static void
test_dutch (void)
{
  g_autoptr(PpWindow) window = NULL;
  PpGridCell *cell;
  g_autofree char *label = NULL;

  g_setenv ("LANGUAGE", "nl", TRUE);
  setlocale (LC_ALL, "");
  window = g_object_ref (run_in_new_window (0, 0));
  cell = cell_at (window, 0, PP_METHOD_ENV);
  label = pp_grid_cell_format_accessible (cell);
  g_test_message ("Dutch label: %s", label);
  g_assert_true (g_str_has_prefix (label, "Omgevingsproxy"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                              pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_NAMED)));
  wait_for_frame (GTK_WIDGET (window));
  assert_titles_fit (window);
  save_screenshot (window, "window-nl.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* The dark style: named colours only, so the grid stays readable. */
static void
test_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(PpWindow) window = NULL;

  reset_settings ();
  set_urls (run_paths);
  configure_proxies ();
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = g_object_ref (new_window ());
  g_assert_true (adw_style_manager_get_dark (manager));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                              pp_grid_cell_get_index (cell_at (window, 0, PP_METHOD_CMDLINE)));
  wait_for_frame (GTK_WIDGET (window));
  save_screenshot (window, "window-dark-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The command line, as a support script uses it */

/* @extra_env: NAME=value assignments separated by spaces (NAME= unsets
 * NAME), or NULL. */
static int
run_proxyprobe_env (const char * const *args,
                    const char         *extra_env,
                    char              **err)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_strv_builder_add (builder, g_getenv ("PROXYPROBE_GUI"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  envp = g_get_environ ();
  if (extra_env != NULL)
    {
      g_auto(GStrv) assignments = g_strsplit (extra_env, " ", -1);

      for (guint i = 0; assignments[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (assignments[i], "=", 2);

          if (pair[1] != NULL && *pair[1] != '\0')
            envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
          else
            envp = g_environ_unsetenv (envp, pair[0]);
        }
    }
  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %s", argv[1], *err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
run_proxyprobe (const char * const *args,
                char              **err)
{
  return run_proxyprobe_env (args, NULL, err);
}

/* High contrast, as libadwaita 1.2 can be told to use it; for review. */
static void
test_command_line_high_contrast (void)
{
  const char *dir = g_getenv ("PROXYPROBE_SCREENSHOT_DIR");
  g_autofree char *png = NULL;
  const char *args[] = { "--profile", "mde-streamlined", "--geography", "GW_UK", "--run",
                         "--window-screenshot", NULL, NULL };
  g_autofree char *err = NULL;

  if (dir == NULL)
    {
      g_test_skip ("no PROXYPROBE_SCREENSHOT_DIR");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  png = g_build_filename (dir, "window-high-contrast-en.png", NULL);
  g_unlink (png);
  args[6] = png;
  g_assert_cmpint (run_proxyprobe_env (args, "ADW_DEBUG_HIGH_CONTRAST=1", &err), ==, 1);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_command_line_errors (void)
{
  const char *unknown[] = { "--no-such-option", NULL };
  const char *geography[] = { "--profile", "mde-standard", "--geography", "MARS", NULL };
  const char *no_run[] = { "--export", "x.zip", NULL };
  const char *proxy[] = { "--proxy", "http://", "--run", NULL };
  const char * const *cases[] = { unknown, geography, no_run, proxy };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_proxyprobe (cases[i], &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "proxyprobe: "));
    }
}

/* The options proxyprobe-cli has, checked by the same core functions
 * before a window shows: each mistake named, exit status 2. */
static void
test_command_line_parity_errors (void)
{
  const char *named[] = { "--named-proxy", "http://", NULL };
  const char *pac_file[] = { "--pac-file", "/nonexistent/proxy.pac", NULL };
  const char *pac_url[] = { "--pac-url", "ftp://wpad.test/proxy.pac", NULL };
  const char *both[] = { "--pac-url", "http://wpad.test/proxy.pac", "--pac-file", "/etc/hostname", NULL };
  const char *trust[] = { "--trust", "/nonexistent/ca.pem", NULL };
  const char *urls[] = { "--urls", "/nonexistent/urls.txt", NULL };
  const char *methods[] = { "--methods", "direct,carrier-pigeon", NULL };
  const char *workspace[] = { "--profile", "mma-legacy", "--workspace-id", "not-a-guid", NULL };
  const char *missing[] = { "/nonexistent/report.zip", NULL };
  const char *with_run[] = { "--run", "/etc/hostname", NULL };
  const char * const *cases[] = { named, pac_file, pac_url, both, trust, urls, methods, workspace,
                                  missing, with_run };
  const char *says[] = { "--named-proxy: ", "--pac-file: ", "--pac-url: ", "only one", "--trust: ",
                         "--urls: ", "--methods: ", "workspace", "does not exist", "without --run" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_proxyprobe (cases[i], &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "proxyprobe: "));
      g_assert_null (strstr (err, "Unknown option"));
      g_assert_nonnull (strstr (err, says[i]));
    }
}

/* The command line's URL list, methods, named proxy, PAC file and trust
 * anchors are the run's, over the preferences. */
static void
test_command_line_parity_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *urls = g_build_filename (dir, "urls.txt", NULL);
  g_autofree char *pac = g_build_filename (dir, "proxy.pac", NULL);
  g_autofree char *url = pp_testbed_http_url (testbed, "/status/200");
  g_autofree char *auth = pp_testbed_squid_url (testbed, PP_SQUID_AUTH);
  g_autofree char *list = g_strdup_printf ("# from the command line\n%s\n", url);
  char *trust[] = { (char *) pp_testbed_get_ca_file (testbed), NULL };
  PpGuiOptions options = { .urls_file = urls, .methods = (char *) "direct,named,wpad",
                           .named_proxy = auth, .pac_file = pac, .trust = trust };
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *config = NULL;

  g_assert_true (g_file_set_contents (urls, list, -1, NULL));
  g_assert_true (g_file_set_contents (pac, "function FindProxyForURL(url, host) { return \"DIRECT\"; }",
                                      -1, NULL));
  reset_settings ();
  set_urls (run_paths);
  window = g_object_ref (new_window ());
  pp_window_set_overrides (window, &options);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  g_assert_cmpuint (pp_plan_get_n_methods (pp_window_get_plan (window)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pp_window_get_rows (window)), ==, 1);
  assert_cell (window, 0, PP_METHOD_DIRECT, PP_CELL_OK, "reachable, status 200");
  assert_cell (window, 0, PP_METHOD_NAMED, PP_CELL_FAILED, "failed, proxy authentication required");
  assert_cell (window, 0, PP_METHOD_WPAD, PP_CELL_OK, "reachable, status 200");
  config = pp_report_config_format_text (pp_window_get_config (window));
  g_assert_nonnull (strstr (config, "--pac-file"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (urls);
  g_unlink (pac);
  g_rmdir (dir);
}

/* Started from a terminal without a desktop session: a message that
 * says what to use instead, exit status 2. */
static void
test_command_line_no_display (void)
{
  const char *args[] = { "--run", NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (run_proxyprobe_env (args, "GDK_BACKEND=x11 DISPLAY=:2147483", &err), ==, 2);
  g_assert_nonnull (strstr (err, "proxyprobe: no display"));
  g_assert_nonnull (strstr (err, "proxyprobe-cli"));
}

/* As started from a desktop, where neither variable is set, or with
 * GL already disabled by the user: the display opens without GL, and GSK
 * does not say it tried GL first. */
static void
test_command_line_quiet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "window.png", NULL);
  const char *args[] = { "--profile", "mde-streamlined", "--run", "--screenshot", png, NULL };
  const char *environments[] = { "GSK_RENDERER= GDK_DEBUG=", "GSK_RENDERER= GDK_DEBUG=gl-disable" };

  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_proxyprobe_env (args, environments[i], &err), ==, 1);
      g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
      g_assert_null (strstr (err, "Gsk-"));
      g_assert_null (strstr (err, "renderer"));
      g_unlink (png);
    }
  g_rmdir (dir);
}

static void
test_command_line_batch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *zip = g_build_filename (dir, "report.zip", NULL);
  g_autofree char *png = g_build_filename (dir, "ticket.png", NULL);
  g_autofree char *window_png = g_build_filename (dir, "window.png", NULL);
  const char *args[] = { "--profile", "mde-streamlined", "--geography", "GW_EU", "--run",
                         "--export", zip, "--screenshot", png, "--window-screenshot", window_png,
                         NULL };
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *data = NULL;

  /* Nothing is reachable in the test's namespace: exit status 1. */
  g_assert_cmpint (run_proxyprobe (args, &err), ==, 1);
  text = pp_report_read_text (zip, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "endpoint.security.microsoft.com"));
  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpint (memcmp (data, "\x89PNG", 4), ==, 0);
  /* --screenshot is the ticket image; --window-screenshot the window. */
  g_assert_cmpuint (png_width ((const guchar *) data, length), ==, 1200);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (window_png, &data, &length, NULL));
  g_assert_cmpuint (png_width ((const guchar *) data, length), >, 0);
  g_assert_cmpuint (length, >, 1000);

  /* The report is never overwritten: the second run refuses, exit 2. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_proxyprobe (args, &err), ==, 2);
  g_unlink (zip);
  g_unlink (png);
  g_unlink (window_png);
  g_rmdir (dir);
}

#define AGENT_GATEWAY "https://edr-uks.uk.endpoint.security.microsoft.com/edr/"

/* A streamlined UK onboarding file in @dir, as mdatp_onboard.json nests
 * it (JSON in strings); its path. */
static char *
write_onboarding (const char *dir)
{
  char *package = g_build_filename (dir, "mdatp_onboard.json", NULL);
  const char *body = "{\"geoLocationUrl\":\"" AGENT_GATEWAY "\",\"partnerGeoLocation\":\"GW_UK\"}";
  g_autofree char *body_escaped = g_strescape (body, NULL);
  g_autofree char *info = g_strdup_printf ("{\"body\":\"%s\"}", body_escaped);
  g_autofree char *info_escaped = g_strescape (info, NULL);
  g_autofree char *json = g_strdup_printf ("{\"onboardingInfo\": \"%s\"}", info_escaped);

  g_assert_true (g_file_set_contents (package, json, -1, NULL));

  return package;
}

static gboolean
is_row_about (GtkWidget     *widget,
              gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL;
}

static gboolean
is_shown_badge (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "pp-agent-badge") && gtk_widget_get_visible (widget);
}

/* With --onboarding, the window is about that package: the Configuration
 * page names it as the onboarding's source (not the machine's file), and
 * the agent's own endpoint is marked in the grid, with a tooltip, and in
 * the details. */
static void
test_onboarding_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *package = write_onboarding (dir);
  g_autofree char *other = pp_testbed_http_url (testbed, "/status/204");
  const char *urls[] = { other, AGENT_GATEWAY, NULL };
  PpGuiOptions options = { .onboarding = package };
  PpWindow *window;
  PpConfigPanel *panel;
  PpDetailsPane *details;
  GtkWidget *badge;
  g_autofree char *text = NULL;

  reset_settings ();
  g_settings_set_strv (settings (), "custom-urls", urls);
  g_settings_set_string (settings (), "profile", "custom");
  window = pp_window_new (ADW_APPLICATION (app), settings ());
  pp_window_set_overrides (window, &options);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL) != NULL);
  panel = PP_CONFIG_PANEL (find_type (GTK_WIDGET (window), PP_TYPE_CONFIG_PANEL));
  wait_until (pp_config_panel_get_config (panel) != NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                         "config");
  wait_until (find_widget (GTK_WIDGET (panel), is_row_about, package) != NULL);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                         "results");
  wait_until (g_list_model_get_n_items (pp_window_get_rows (window)) == 2);
  wait_for_frame (GTK_WIDGET (window));
  badge = find_widget (GTK_WIDGET (pp_window_get_column_view (window)), is_shown_badge, NULL);
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, "Defender for Endpoint uses this endpoint");

  details = pp_window_get_details (window);
  pp_details_pane_set_cell (details, cell_at (window, 1, PP_METHOD_DIRECT));
  text = pp_details_pane_format_text (details);
  g_assert_nonnull (strstr (text, "Defender for Endpoint uses this endpoint now"));
  g_clear_pointer (&text, g_free);
  pp_details_pane_set_cell (details, cell_at (window, 0, PP_METHOD_DIRECT));
  text = pp_details_pane_format_text (details);
  g_assert_null (strstr (text, "Defender for Endpoint uses"));

  /* As the technician sees it after a run (the gateway's name has no
   * answer in the test's network namespace). */
  g_settings_set_uint (settings (), "timeout", 5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u",
                                             pp_grid_cell_get_index (cell_at (window, 1, PP_METHOD_DIRECT))));
  g_assert_nonnull (find_widget (GTK_WIDGET (pp_window_get_column_view (window)), is_shown_badge, NULL));
  save_screenshot (window, "onboarding-agent-en.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (package);
  g_rmdir (dir);
}

/* The onboarding package chooses the window's profile and geography, as
 * proxyprobe-cli's; one that cannot be used is a bad option. */
static void
test_command_line_onboarding (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *zip = g_build_filename (dir, "report.zip", NULL);
  g_autofree char *package = write_onboarding (dir);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  const char *args[] = { "--onboarding", package, "--run", "--export", zip, NULL };
  const char *bad[] = { "--onboarding", broken, NULL };
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (broken, "{}", -1, NULL));
  g_assert_cmpint (run_proxyprobe (args, &err), ==, 1);
  text = pp_report_read_text (zip, &error);
  g_assert_no_error (error);
  if (strstr (text, "profile mde-streamlined, geography GW_UK") == NULL)
    g_error ("not the onboarding's profile and geography:\n%s", text);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_proxyprobe (bad, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--onboarding: "));
  g_assert_nonnull (strstr (err, "broken.json: $ has no member \"onboardingInfo\""));
  g_unlink (zip);
  g_unlink (package);
  g_unlink (broken);
  g_rmdir (dir);
}

/* The renderer (pp-gui-init.c) */

static void
test_gdk_debug_for (void)
{
  const struct { const char *gdk_debug, *gsk_renderer, *expected; } cases[] = {
    { NULL, NULL, "gl-disable" },
    { "", "cairo", "gl-disable" },
    { NULL, "Cairo", "gl-disable" },
    { "events", NULL, "events,gl-disable" },
    { "gl-disable", NULL, "gl-disable" },
    { "events:gl-disable", NULL, "events:gl-disable" },
    { "gl-disabled", NULL, "gl-disabled,gl-disable" },
    { NULL, "gl", NULL },
    { NULL, "ngl", NULL },
    { "events", "vulkan", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *gdk_debug = pp_gui_gdk_debug_for (cases[i].gdk_debug, cases[i].gsk_renderer);

      g_assert_cmpstr (gdk_debug, ==, cases[i].expected);
    }
}

/* Whether GDK loaded GL: through libepoxy, libEGL or libGL, and Mesa's
 * driver (a *_dri.so). */
static gboolean
gl_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));

  return strstr (maps, "/libEGL") != NULL || strstr (maps, "/libGL") != NULL ||
         strstr (maps, "_dri.so") != NULL;
}

/* Registered three times by meson: as the tests run (GSK_RENDERER=cairo),
 * with neither GSK_RENDERER nor GDK_DEBUG set (as from a desktop), and
 * with GSK_RENDERER=gl, where GL must load and draw, which shows this test
 * sees it. */
static void
test_renderer (void)
{
  const char *renderer = initial_gsk_renderer;
  gboolean gl_asked = renderer != NULL && g_ascii_strcasecmp (renderer, "cairo") != 0;
  PpWindow *window = new_window ();
  g_autoptr(GAppLaunchContext) context = NULL;
  g_auto(GStrv) environment = NULL;
  GskRenderer *used;

  used = gtk_native_get_renderer (GTK_NATIVE (window));
  g_test_message ("GSK_RENDERER=%s: %s", renderer ? renderer : "", G_OBJECT_TYPE_NAME (used));
  g_assert_cmpint (gl_loaded (), ==, gl_asked);
  if (gl_asked)
    {
      g_autoptr(GError) error = NULL;

      if (!gdk_display_prepare_gl (gtk_widget_get_display (GTK_WIDGET (window)), &error))
        {
          g_test_skip_printf ("GL was asked for, and loaded, but cannot draw here: %s", error->message);
          gtk_window_destroy (GTK_WINDOW (window));
          return;
        }
      g_assert_false (GSK_IS_CAIRO_RENDERER (used));
    }
  else
    g_assert_true (GSK_IS_CAIRO_RENDERER (used));
  /* The programs we start get the user's own values. */
  context = pp_gui_launch_context_new (gtk_widget_get_display (GTK_WIDGET (window)));
  environment = g_app_launch_context_get_environment (context);
  g_assert_cmpstr (g_environ_getenv (environment, "GDK_DEBUG"), ==, initial_gdk_debug);
  g_assert_cmpstr (g_environ_getenv (environment, "GSK_RENDERER"), ==, renderer);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One canary per source the window takes passwords from. */
static const char * const gui_canaries[] = {
  "GuiUrlCanary7", "GuiNamedCanary8", "GuiCmdlineCanary9", "GuiEnvCanary10", NULL
};

static void
assert_no_gui_canary (const char *what,
                      const char *text)
{
  for (guint i = 0; gui_canaries[i]; i++)
    if (strstr (text, gui_canaries[i]) != NULL)
      g_error ("%s leaked into %s:\n%s", gui_canaries[i], what, text);
}

/* A password in the custom URL, the named proxy (invalid), the command
 * line proxy (without a scheme) and the environment (without a scheme):
 * in no copied text and in no member of the exported zip. */
static void
test_no_secrets (void)
{
  g_autoptr(PpWindow) window = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.zip", NULL);
  guint16 closed = pp_testbed_get_closed_port (testbed);
  g_autofree char *url = g_strdup_printf ("http://bob:GuiUrlCanary7@127.0.0.1:%u/status/200",
                                          pp_testbed_get_http_port (testbed));
  g_autofree char *cmdline = g_strdup_printf ("carol:GuiCmdlineCanary9@127.0.0.1:%u", closed);
  g_autofree char *env = g_strdup_printf ("dave:GuiEnvCanary10@127.0.0.1:%u", closed);
  const char *urls[] = { url, NULL };
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  const char *copies[][2] = {
    { "win.copy-summary", NULL }, { "config.copy", "PpConfigPanel" }, { "details.copy", "PpDetailsPane" },
  };

  reset_settings ();
  g_settings_set_strv (settings (), "custom-urls", urls);
  g_settings_set_string (settings (), "profile", "custom");
  g_settings_set_string (settings (), "named-proxy", "alice:GuiNamedCanary8@127.0.0.1:99999");
  g_settings_set_string (settings (), "cmdline-proxy", cmdline);
  g_setenv ("https_proxy", env, TRUE);
  g_setenv ("http_proxy", env, TRUE);
  window = g_object_ref (new_window ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  wait_for_run (window);

  error = export (window, path);
  g_assert_no_error (error);
  files = unpack (path);
  g_assert_true (g_hash_table_contains (files, "configuration.txt"));
  for (guint i = 0; gui_canaries[i]; i++)
    assert_nowhere (files, gui_canaries[i]);
  g_assert_nonnull (strstr (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                            "Testing URL : http://bob:***@127.0.0.1:"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cell", "u", 0);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      GtkWidget *widget = copies[i][1] ? find_type (GTK_WIDGET (window), g_type_from_name (copies[i][1]))
                                       : GTK_WIDGET (window);
      g_autofree char *text = NULL;

      g_assert_true (gtk_widget_activate_action (widget, copies[i][0], NULL));
      text = clipboard_text (widget);

      assert_no_gui_canary (copies[i][0], text);
      if (i > 0)
        g_assert_nonnull (strstr (text, i == 1 ? "carol:***@127.0.0.1" : "bob:***@127.0.0.1"));
    }

  /* GTK 4.8's X11 clipboard leaks its list of formats when it still owns
   * content as the display closes (LeakSanitizer). */
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL);
  g_unsetenv ("https_proxy");
  g_unsetenv ("http_proxy");
  reset_settings ();
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/gui/preferences", test_preferences);
  g_test_add_func ("/gui/export", test_export);
  g_test_add_func ("/gui/screenshot/after-toast", test_screenshot_after_toast);
  g_test_add_func ("/gui/open-report", test_open_report);
  g_test_add_func ("/gui/open-report/large", test_open_large_report);
  g_test_add_func ("/gui/no-secrets", test_no_secrets);
  g_test_add_func ("/gui/dark", test_dark);
  g_test_add_func ("/gui/dutch", test_dutch);
  g_test_add_func ("/gui/command-line/errors", test_command_line_errors);
  g_test_add_func ("/gui/command-line/batch", test_command_line_batch);
  g_test_add_func ("/gui/command-line/onboarding", test_command_line_onboarding);
  g_test_add_func ("/gui/onboarding/window", test_onboarding_window);
  g_test_add_func ("/gui/command-line/parity-errors", test_command_line_parity_errors);
  g_test_add_func ("/gui/command-line/parity-run", test_command_line_parity_run);
  g_test_add_func ("/gui/command-line/high-contrast", test_command_line_high_contrast);
  g_test_add_func ("/gui/command-line/no-display", test_command_line_no_display);
  g_test_add_func ("/gui/command-line/quiet", test_command_line_quiet);
  g_test_add_func ("/gui/renderer/gdk-debug", test_gdk_debug_for);
  g_test_add_func ("/gui/renderer/gl", test_renderer);

  return gui_test_run ();
}
