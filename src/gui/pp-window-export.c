/* pp-window-export.c: the window's report export, screenshot and ticket image
 *
 * An export never loses the run: the results stay in the window whatever
 * happens to the file, and a failure offers another location.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-gui-init.h"
#include "pp-report.h"
#include "pp-ticket-image.h"
#include "pp-window-private.h"

#define SCREENSHOT_NAME "screenshot.png"
#define TICKET_IMAGE_NAME "ticket.png"

static char *
version_string (guint major,
                guint minor,
                guint micro)
{
  return g_strdup_printf ("%u.%u.%u", major, minor, micro);
}

static PpReport *
make_report (PpWindow     *self,
             GBytes       *png,
             const GError *png_error)
{
  PpReport *report = pp_report_new (pp_window_get_results (self), pp_window_get_config (self));
  g_autofree char *gtk = version_string (gtk_get_major_version (), gtk_get_minor_version (),
                                         gtk_get_micro_version ());
  g_autofree char *adw = version_string (adw_get_major_version (), adw_get_minor_version (),
                                         adw_get_micro_version ());
  g_autoptr(GBytes) ticket = pp_ticket_image_png (pp_window_get_results (self), NULL);

  pp_report_add_system_info (report, "GTK", gtk);
  pp_report_add_system_info (report, "libadwaita", adw);
  /* A report without the picture is still worth more than no report. */
  if (png != NULL)
    pp_report_add_attachment (report, SCREENSHOT_NAME, png);
  else
    g_warning ("No screenshot in the report: %s", png_error->message);
  /* The composed image beside the window's: what a ticket shows inline. */
  if (ticket != NULL)
    pp_report_add_attachment (report, TICKET_IMAGE_NAME, ticket);

  return report;
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!pp_report_write_finish (PP_REPORT (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
screenshot_taken_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  PpWindow *self = PP_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = pp_window_screenshot_finish (self, result, &error);
  g_autoptr(PpReport) report = NULL;
  gboolean overwrite = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "pp-overwrite"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  report = make_report (self, png, error);

  pp_report_write_async (report, g_task_get_task_data (task), overwrite,
                         g_task_get_cancellable (task), write_done_cb, task);
}

void
pp_window_export_async (PpWindow            *self,
                        const char          *path,
                        gboolean             overwrite,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_window_export_async);
  if (pp_window_get_plan (self) == NULL || pp_window_get_config (self) == NULL ||
      pp_window_get_running (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("There is no finished run to export yet: run the checks first."));
      return;
    }
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "pp-overwrite", GINT_TO_POINTER (overwrite));
  /* The window's picture waits for the window to rest: no toast, no
   * transition in the zip. */
  pp_window_screenshot_async (self, cancellable, screenshot_taken_cb, g_steal_pointer (&task));
}

gboolean
pp_window_export_finish (PpWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_window_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Interactive export */

static void
export_failed_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PpWindow         *self)
{
  if (g_str_equal (response, "retry"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export", NULL);
}

static void
show_export_error (PpWindow     *self,
                   const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Report Was Not Saved"),
                                              NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nThe results are still here: choose another location to try again."),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "retry", _("Choose _Another Location…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_failed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
interactive_export_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  PpWindow *self = PP_WINDOW (object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  if (!pp_window_export_finish (self, result, &error))
    {
      show_export_error (self, error);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  toast = adw_toast_new (_("Report saved"));
  adw_toast_set_button_label (toast, _("Show in Files"));
  adw_toast_set_action_name (toast, "win.show-in-files");
  adw_toast_set_action_target (toast, "s", uri ? uri : "");
  pp_window_add_toast (self, toast);
}

static char *
suggest_name (const char *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M");

  return g_strdup_printf ("proxyprobe-%s-%s.%s", g_get_host_name (), stamp, extension);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PpWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  char *path;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  /* The chooser has asked about replacing an existing file. */
  pp_window_export_async (self, path, TRUE, NULL, interactive_export_done_cb, path);
}

void
_pp_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggest_name ("zip");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Zip archives"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Show in Files: the file manager's D-Bus interface selects the file;
 * without a file manager the folder opens in whatever handles folders. */

static void
open_folder_of (GtkWidget  *widget,
                const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_uri = folder ? g_file_get_uri (folder) : NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  if (folder_uri == NULL)
    return;
  /* In Flatpak the portal opens it, outside our environment, and GTK
   * gives the portal our window for the dialog that may ask with what. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), folder_uri, GDK_CURRENT_TIME);
      return;
    }
  context = pp_gui_launch_context_new (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (folder_uri, context, NULL, NULL, NULL);
}

static void
show_items_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *uri = g_object_get_data (G_OBJECT (widget), "pp-show-uri");

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL && uri != NULL)
    open_folder_of (widget, uri);
}

void
_pp_window_show_in_files_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  const char *uris[] = { uri, NULL };
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());

  if (*uri == '\0')
    return;
  g_object_set_data_full (G_OBJECT (widget), "pp-show-uri", g_strdup (uri), g_free);
  if (bus == NULL)
    {
      open_folder_of (widget, uri);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL, show_items_done_cb, g_object_ref (widget));
}

/* The ticket image */

static void
screenshot_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PpWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!pp_ticket_image_save (pp_window_get_results (self), path, &error))
    pp_window_show_error (self, _("The Ticket Image Was Not Saved"), error->message);
  else
    pp_window_add_toast (self, adw_toast_new (_("Ticket image saved")));
}

void
_pp_window_screenshot_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  g_autofree char *name = suggest_name ("png");

  chooser = gtk_file_chooser_native_new (_("Save Ticket Image"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (screenshot_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
