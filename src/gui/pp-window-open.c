/* pp-window-open.c: a received report, shown in the window
 *
 * A technician who receives a zip opens it (`proxyprobe FILE.zip`, Open
 * Report… or dropping it on the window) and sees what the sender saw:
 * the grid, the details, the configuration and the verdict, read-only,
 * under a banner naming the machine, the time and the Proxy Probe that
 * made it. It is a session loaded from a file (pp_session_load()); Run
 * starts a fresh run on this machine. A zip that is damaged or not ours
 * gets a dialog that says so.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"
#include "pp-log.h"

#include <glib/gi18n.h>

#include "pp-file-chooser.h"
#include "pp-report-open.h"
#include "pp-window-private.h"

/* "2026-12-07 05:12 UTC" from ISO 8601; the text itself if it is not. */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;

  if (time == NULL)
    return g_strdup (iso8601 ? iso8601 : _("an unknown time"));

  return g_date_time_format (time, "%Y-%m-%d %H:%M %Z");
}

static void
show_banner (PpWindow         *self,
             PpReceivedReport *report)
{
  g_autofree char *time = format_time (report->generated);
  g_autofree char *text = NULL;

  /* Translators: the banner over a received report, e.g. "Received
   * report from build-07, made 2026-12-07 05:12 UTC by proxyprobe 0.9.0.
   * Read-only." */
  text = g_strdup_printf (_("Received report from %s, made %s by %s. Read-only."),
                          report->host ? report->host : _("an unnamed machine"), time,
                          report->application ? report->application : _("an unknown version"));
  gtk_label_set_label (self->report_banner_label, text);
  gtk_widget_set_visible (self->report_banner, TRUE);
}

/* A run of this machine's own replaces the received report. */
void
_pp_window_hide_received (PpWindow *self)
{
  gtk_widget_set_visible (self->report_banner, FALSE);
}

/**
 * pp_window_open_report:
 * @path: a zip report
 *
 * Shows the report @path instead of the last run.
 *
 * Returns: FALSE with a PP_REPORT_ERROR (damaged, not ours, unsafe, or
 *   unreadable), or G_IO_ERROR_BUSY while checks run
 */
gboolean
pp_window_open_report (PpWindow    *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(PpReceivedReport) report = NULL;

  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (_pp_window_is_running (self) || pp_session_get_running (self->session))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The checks are running: stop them first, then open the report."));
      return FALSE;
    }
  report = pp_received_report_open (path, error);
  if (report == NULL)
    return FALSE;
  pp_debug ("showing the received report %s", path);
  _pp_window_show_session (self);
  pp_session_load (self->session, report->results, NULL);
  pp_window_results_show_received (self->results_view);
  pp_config_panel_set_received (_pp_window_config_panel (self), report->configuration);
  show_banner (self, report);

  return TRUE;
}

/* Opens @path, or says in a dialog why it cannot. */
void
_pp_window_open_report_or_say (PpWindow   *self,
                               const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!pp_window_open_report (self, path, &error))
    pp_window_show_error (self, _("This Report Cannot Be Opened"), error->message);
}

/* Open Report… (Ctrl+O) */

static void
report_chosen (const char *path,
               gpointer    user_data)
{
  _pp_window_open_report_or_say (PP_WINDOW (user_data), path);
}

void
_pp_window_open_report_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  pp_file_chooser_open (GTK_WINDOW (widget), _("Open a Received Report"),
                        _("Proxy Probe reports (zip)"), "zip", report_chosen, widget);
}

/* A zip dropped on the window */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PpWindow      *self)
{
  GSList *files = G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ? g_value_get_boxed (value) : NULL;
  g_autofree char *path = files ? g_file_get_path (files->data) : NULL;

  if (path == NULL)
    return FALSE;
  _pp_window_open_report_or_say (self, path);

  return TRUE;
}

void
_pp_window_add_drop_target (PpWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
