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

static void
bind_settings (PpPreferencesWindow *self)
{
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
