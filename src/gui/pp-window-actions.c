/* pp-window-actions.c: what the window's actions and shortcuts do
 *
 * Every win.* action is installed here, in class_init, with a keyboard
 * accelerator for each main action; the handlers are static, except the
 * export family's (pp-window-export.c). Sensitivity follows the session
 * and the view through _pp_window_update_actions().
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-clipboard.h"
#include "pp-log.h"
#include "pp-window-private.h"

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _pp_window_start_run (PP_WINDOW (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpWindow *self = PP_WINDOW (widget);

  if (_pp_window_is_running (self))
    {
      pp_debug ("stop: cancelling the run");
      pp_session_stop (self->session);
    }
}

static void
show_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PpWindow *self = PP_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (pp_session_get_plan (self->session) == NULL ||
      index >= pp_plan_get_n_items (pp_session_get_plan (self->session)))
    return;
  pp_details_pane_set_cell (pp_window_results_get_details (self->results_view),
                            pp_window_results_get_cell (self->results_view, index));
}

static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PpWindow *self = PP_WINDOW (widget);
  g_autofree char *text = pp_window_format_summary (self);

  pp_clipboard_set_text (widget, text);
  pp_window_add_toast (self, adw_toast_new (_("Summary copied")));
}

/* GtkApplication would build the shortcuts window with every window,
 * a third of its construction time; it is built when first asked for. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/proxyprobe/ProxyProbe/help-overlay.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

/* What can be done now, from the session and the view: called whenever
 * either changes. */
void
_pp_window_update_actions (PpWindow *self)
{
  gboolean running = _pp_window_is_running (self);
  gboolean has_run = pp_session_get_plan (self->session) != NULL;
  gboolean has_results = has_run && !running;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 has_results && pp_session_get_config (self->session) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-summary", has_run);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_dropdown), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->geography_dropdown),
                            !running && self->geography_ids->len > 1);
}

void
_pp_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, _pp_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL, copy_summary_action);
  gtk_widget_class_install_action (widget_class, "win.screenshot", NULL, _pp_window_screenshot_action);
  gtk_widget_class_install_action (widget_class, "win.show-cell", "u", show_cell_action);
  gtk_widget_class_install_action (widget_class, "win.show-in-files", "s",
                                   _pp_window_show_in_files_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-summary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.screenshot", NULL);
}

void
_pp_window_add_actions (PpWindow *self)
{
  static const GActionEntry entries[] = {
    { "show-help-overlay", show_help_overlay_cb },
  };

  pp_debug ("window actions added");
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
