/* pp-preferences-window.c: the preferences, bound to GSettings
 *
 * Every control writes straight to GSettings: there is no Apply button,
 * and the next run uses the new values.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-file-chooser.h"
#include "pp-format.h"
#include "pp-preferences-window.h"

struct _PpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *named_proxy;
  AdwEntryRow *cmdline_proxy;
  GtkSpinButton *timeout;
  GtkSpinButton *connect_timeout;
  GtkSpinButton *concurrency;
  AdwEntryRow *workspace_id;
  GtkTextView *custom_urls;
  AdwEntryRow *pac;
  AdwActionRow *trust_row;
  AdwPreferencesGroup *methods_group;
  GtkSwitch *method_switches[PP_N_METHODS];

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PpPreferencesWindow, pp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
urls_changed_cb (PpPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->custom_urls);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);
  urls = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "custom-urls", (const char * const *) urls);
}

static void
load_urls (PpPreferencesWindow *self)
{
  g_auto(GStrv) urls = g_settings_get_strv (self->settings, "custom-urls");
  g_autofree char *text = g_strjoinv ("\n", urls);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->custom_urls), text, -1);
}

/* Methods: an empty list in the settings is every method. */

static void
methods_changed_cb (PpPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  guint on = 0;

  for (guint m = 0; m < PP_N_METHODS; m++)
    if (gtk_switch_get_active (self->method_switches[m]))
      {
        g_strv_builder_add (builder, pp_method_to_id (m));
        on++;
      }
  ids = g_strv_builder_end (builder);
  /* None at all would run nothing: the last one stays on. */
  if (on == 0)
    return;
  g_settings_set_strv (self->settings, "methods",
                       on == PP_N_METHODS ? NULL : (const char * const *) ids);
}

static void
add_method_rows (PpPreferencesWindow *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "methods");

  for (guint m = 0; m < PP_N_METHODS; m++)
    {
      g_autofree char *label = pp_format_method_label (m);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), chosen[0] == NULL ||
                                                  g_strv_contains ((const char * const *) chosen,
                                                                   pp_method_to_id (m)));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (methods_changed_cb), self);
      self->method_switches[m] = GTK_SWITCH (toggle);
      adw_preferences_group_add (self->methods_group, row);
    }
}

/* Trust anchors and the PAC file, chosen in a file chooser */

static void
show_trust (PpPreferencesWindow *self)
{
  g_auto(GStrv) anchors = g_settings_get_strv (self->settings, "trust-anchors");
  g_autofree char *list = g_strjoinv ("\n", anchors);

  adw_action_row_set_subtitle (self->trust_row, anchors[0] ? list : _("None: only the system’s"));
}

static void
pac_chosen (const char *path,
            gpointer    user_data)
{
  gtk_editable_set_text (GTK_EDITABLE (PP_PREFERENCES_WINDOW (user_data)->pac), path);
}

static void
trust_chosen (const char *path,
              gpointer    user_data)
{
  PpPreferencesWindow *self = user_data;
  g_auto(GStrv) anchors = g_settings_get_strv (self->settings, "trust-anchors");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) added = NULL;

  g_strv_builder_addv (builder, (const char **) anchors);
  if (!g_strv_contains ((const char * const *) anchors, path))
    g_strv_builder_add (builder, path);
  added = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "trust-anchors", (const char * const *) added);
}

static void
choose_pac_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pp_file_chooser_open (GTK_WINDOW (widget), _("Choose a PAC File"), NULL, NULL, pac_chosen, widget);
}

static void
add_trust_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pp_file_chooser_open (GTK_WINDOW (widget), _("Choose a CA Certificate File (PEM)"), NULL, NULL,
                        trust_chosen, widget);
}

static void
clear_trust_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_settings_reset (PP_PREFERENCES_WINDOW (widget)->settings, "trust-anchors");
}

static void
bind_settings (PpPreferencesWindow *self)
{
  g_settings_bind (self->settings, "pac", self->pac, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->settings, "changed::trust-anchors", G_CALLBACK (show_trust), self);
  show_trust (self);
  add_method_rows (self);
  g_settings_bind (self->settings, "named-proxy", self->named_proxy, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cmdline-proxy", self->cmdline_proxy, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "workspace-id", self->workspace_id, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "timeout", self->timeout, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "connect-timeout", self->connect_timeout, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "concurrency", self->concurrency, "value",
                   G_SETTINGS_BIND_DEFAULT);
  load_urls (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->custom_urls), "changed",
                            G_CALLBACK (urls_changed_cb), self);
}

static void
pp_preferences_window_dispose (GObject *object)
{
  PpPreferencesWindow *self = PP_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pp_preferences_window_parent_class)->dispose (object);
}

static void
pp_preferences_window_class_init (PpPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, named_proxy);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, cmdline_proxy);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, timeout);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, connect_timeout);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, concurrency);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, workspace_id);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, custom_urls);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, pac);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, trust_row);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, methods_group);
  gtk_widget_class_install_action (widget_class, "prefs.choose-pac", NULL, choose_pac_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-trust", NULL, add_trust_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-trust", NULL, clear_trust_action);
}

static void
pp_preferences_window_init (PpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pp_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PpPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PP_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);

  return GTK_WIDGET (self);
}
