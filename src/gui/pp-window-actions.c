/* pp-window-actions.c: what the window's actions and shortcuts do
 *
 * Every win.* action is made here, with a keyboard accelerator for each
 * main action installed in class_init; the handlers are static, except the
 * export family's (pp-window-export.c). The actions whose sensitivity
 * changes are GActions of the window's action map, so that their
 * "enabled" can follow the results view's "running" through property
 * bindings (_pp_window_bind_actions()); the others are the class's.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-clipboard.h"
#include "pp-log.h"
#include "pp-ticket-image.h"
#include "pp-window-private.h"

static void
run_cb (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  _pp_window_start_run (PP_WINDOW (user_data));
}

static void
stop_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  PpWindow *self = PP_WINDOW (user_data);

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
export_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  _pp_window_export_action (GTK_WIDGET (user_data), "win.export", parameter);
}

static void
copy_summary_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PpWindow *self = PP_WINDOW (user_data);
  g_autofree char *text = pp_window_format_summary (self);

  pp_clipboard_set_text (GTK_WIDGET (self), text);
  pp_window_add_toast (self, adw_toast_new (_("Summary copied")));
}

/* The ticket image, for pasting into a ticket. */
static void
copy_image_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  PpWindow *self = PP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = pp_ticket_image_texture (pp_window_get_results (self), &error);

  if (texture == NULL)
    {
      pp_window_show_error (self, _("The Image Was Not Copied"), error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  pp_window_add_toast (self, adw_toast_new (_("Image copied")));
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

/* Transforms from the results view's "running" to an action's "enabled". */
static gboolean
has_results (GBinding     *binding,
             const GValue *running,
             GValue       *enabled,
             gpointer      user_data)
{
  PpSession *session = PP_WINDOW (user_data)->session;

  g_value_set_boolean (enabled, !g_value_get_boolean (running) &&
                                pp_session_get_plan (session) != NULL &&
                                pp_session_get_config (session) != NULL);
  return TRUE;
}

static gboolean
has_run (GBinding     *binding,
         const GValue *running,
         GValue       *enabled,
         gpointer      user_data)
{
  g_value_set_boolean (enabled, pp_session_get_plan (PP_WINDOW (user_data)->session) != NULL);
  return TRUE;
}

static void
bind_enabled (PpWindow               *self,
              PpWindowResults        *view,
              const char             *action,
              GBindingFlags           flags,
              GBindingTransformFunc   transform)
{
  g_object_bind_property_full (view, "running",
                               g_action_map_lookup_action (G_ACTION_MAP (self), action), "enabled",
                               flags | G_BINDING_SYNC_CREATE, transform, NULL, self, NULL);
}

/* What can be done follows the view's "running": Run and the choosers
 * while it is not, Stop while it is, Export once a run has results and a
 * configuration, Copy Summary once there was a run. */
void
_pp_window_bind_actions (PpWindow        *self,
                         PpWindowResults *view)
{
  bind_enabled (self, view, "run", G_BINDING_INVERT_BOOLEAN, NULL);
  bind_enabled (self, view, "stop", G_BINDING_DEFAULT, NULL);
  bind_enabled (self, view, "export", G_BINDING_DEFAULT, has_results);
  bind_enabled (self, view, "copy-summary", G_BINDING_DEFAULT, has_run);
  bind_enabled (self, view, "copy-image", G_BINDING_DEFAULT, has_run);
  g_object_bind_property (view, "running", self->chooser, "sensitive",
                          G_BINDING_INVERT_BOOLEAN | G_BINDING_SYNC_CREATE);
}

void
_pp_window_class_install_actions (GtkWidgetClass *widget_class)
{
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
    { "run", run_cb },
    { "stop", stop_cb },
    { "export", export_cb },
    { "copy-summary", copy_summary_cb },
    { "copy-image", copy_image_cb },
    { "show-help-overlay", show_help_overlay_cb },
  };
  /* Until the results view exists and they follow it: nothing runs yet. */
  const char * const disabled[] = { "stop", "export", "copy-summary", "copy-image" };

  pp_debug ("window actions added");
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (disabled); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              disabled[i])), FALSE);
}
