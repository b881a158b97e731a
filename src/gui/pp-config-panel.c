/* pp-config-panel.c: the detected configuration, every source and warning
 *
 * The groups are rebuilt from scratch, when the panel shows, for a
 * snapshot that differs from the one shown: a snapshot is immutable and
 * small, and rebuilding keeps the order the core gave. Every run detects
 * again, and usually finds the same; rebuilding the same rows, or any
 * rows while the panel is not on screen, would cost the run's first
 * frames their measuring of a hundred new labels.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-clipboard.h"
#include "pp-config-panel.h"
#include "pp-report-config.h"
#include "pp-source.h"

struct _PpConfigPanel
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkLabel *received_text;
  AdwStatusPage *error_page;
  GtkBox *groups;

  PpConfig *config;
  char *shown_text;    /* pp_report_config_format_text_so_far() of what the rows show */
  gboolean shown;      /* the rows show config (or one just like it) */
  GCancellable *asking; /* the agent's view of config, being asked */
};

G_DEFINE_FINAL_TYPE (PpConfigPanel, pp_config_panel, ADW_TYPE_BIN)

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  /* Values come from the machine: never parse them as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);

  return row;
}

static GtkWidget *
make_warning_row (const char *text)
{
  /* Translators: prefixed to a configuration warning; said by screen readers too. */
  g_autofree char *title = g_strdup_printf (_("Warning: %s"), text);
  GtkWidget *row = make_row (title, NULL, "dialog-warning-symbolic");

  gtk_widget_add_css_class (row, "pp-warning");

  return row;
}

static AdwPreferencesGroup *
add_group (PpConfigPanel *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_source (AdwPreferencesGroup *group,
            const PpSource      *source)
{
  const char *value = pp_source_get_value (source);
  const char *meaning = pp_source_get_meaning (source);
  const char * const *warnings = pp_source_get_warnings (source);
  g_autofree char *subtitle = NULL;

  subtitle = meaning ? g_strdup_printf ("%s — %s", pp_source_get_provenance (source), meaning)
                     : g_strdup (pp_source_get_provenance (source));
  adw_preferences_group_add (group, make_row (value && *value ? value : _("(empty)"), subtitle, NULL));
  for (guint i = 0; warnings && warnings[i]; i++)
    adw_preferences_group_add (group, make_warning_row (warnings[i]));
}

/* A row per method, as the core describes it for --show-config too: the
 * value over its details, the method below, then the method's warnings.
 * The details lose the indentation they have in the text. */
static void
add_method (AdwPreferencesGroup  *group,
            const PpConfigMethod *method)
{
  g_autoptr(GString) title = g_string_new (method->value);

  for (guint i = 0; method->details[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (method->details[i]));

      g_string_append_printf (title, "%s%s", title->len ? "\n" : "", line);
    }
  adw_preferences_group_add (group, make_row (title->str, method->title, NULL));
  for (guint i = 0; method->warnings[i]; i++)
    adw_preferences_group_add (group, make_warning_row (method->warnings[i]));
}

static void
add_methods (PpConfigPanel *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Methods"), NULL);
  g_autoptr(GPtrArray) methods = pp_report_config_describe_methods (self->config);

  for (guint i = 0; i < methods->len; i++)
    add_method (group, g_ptr_array_index (methods, i));
}

static void
clear_groups (PpConfigPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);
}

/* The agent's own view beside ours: its health, then its connectivity
 * test in its own words, or that it is still being asked (off the main
 * loop: see agent_view_cb()). */
static void
add_agent_view (PpConfigPanel *self)
{
  const PpAgentView *view = pp_config_peek_agent_view (self->config);
  AdwPreferencesGroup *group = add_group (self, _("Defender for Endpoint"),
                                          _("The agent’s own view of its health and connectivity."));
  g_autofree char *summary = NULL;

  if (view == NULL)
    {
      adw_preferences_group_add (group, make_row (_("Asking the agent…"),
                                                  _("Its connectivity test runs beside the probes "
                                                    "and can take half a minute."), NULL));
      return;
    }
  summary = pp_agent_view_format_summary (view);
  adw_preferences_group_add (group, make_row (summary, _("Health (mdatp health)"), NULL));
  if (view->connectivity != NULL && *view->connectivity)
    adw_preferences_group_add (group, make_row (view->connectivity,
                                                _("Connectivity test (mdatp connectivity test)"),
                                                NULL));
  if (view->connectivity_problem != NULL)
    adw_preferences_group_add (group, make_warning_row (view->connectivity_problem));
}

static void
show_config (PpConfigPanel *self)
{
  GPtrArray *sources;
  AdwPreferencesGroup *group;
  g_autofree char *text = NULL;

  /* Shown already: the page is shown again, not a new snapshot. */
  if (self->shown)
    return;
  self->shown = TRUE;
  text = pp_report_config_format_text_so_far (self->config);
  if (g_strcmp0 (text, self->shown_text) == 0)
    return;
  g_free (self->shown_text);
  self->shown_text = g_steal_pointer (&text);
  clear_groups (self);
  add_methods (self);
  sources = pp_config_get_sources (self->config);
  group = add_group (self, _("Configuration Sources"),
                     _("Every place on this machine that sets a proxy, and where it was read."));
  for (guint i = 0; sources && i < sources->len; i++)
    add_source (group, g_ptr_array_index (sources, i));
  if (sources == NULL || sources->len == 0)
    adw_preferences_group_add (group, make_row (_("No proxy configuration found"), NULL, NULL));
  add_agent_view (self);
}

/* The agent answered (or gave up within its bound): its rows replace
 * "being asked", if the panel still shows that configuration. */
static void
agent_view_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PpConfigPanel) self = user_data;

  if (!pp_config_collect_agent_view_finish (PP_CONFIG (object), result, NULL) ||
      PP_CONFIG (object) != self->config)
    return;
  g_debug ("the agent's view arrived: showing it");
  self->shown = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_config (self);
}

/* The agent's connectivity test may take half a minute: it is asked as
 * soon as the configuration is known, beside the run, never on the main
 * loop. The report, written on a worker thread, waits for what is left;
 * a snapshot replaced by a new one stops its commands. */
static void
ask_agent (PpConfigPanel *self)
{
  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  if (pp_config_peek_agent_view (self->config) != NULL)
    return;
  self->asking = g_cancellable_new ();
  pp_config_collect_agent_view_async (self->config, self->asking, agent_view_cb, g_object_ref (self));
}

void
pp_config_panel_set_config (PpConfigPanel *self,
                            PpConfig      *config)
{
  g_return_if_fail (PP_IS_CONFIG_PANEL (self));
  g_return_if_fail (PP_IS_CONFIG (config));

  if (self->config != NULL && self->config != config)
    pp_config_stop_agent_view (self->config);
  if (g_set_object (&self->config, config))
    {
      self->shown = FALSE;
      ask_agent (self);
    }
  gtk_stack_set_visible_child_name (self->stack, "config");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "config.copy", TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_config (self);
}

static void
pp_config_panel_map (GtkWidget *widget)
{
  PpConfigPanel *self = PP_CONFIG_PANEL (widget);

  GTK_WIDGET_CLASS (pp_config_panel_parent_class)->map (widget);
  if (self->config != NULL)
    show_config (self);
}

PpConfig *
pp_config_panel_get_config (PpConfigPanel *self)
{
  g_return_val_if_fail (PP_IS_CONFIG_PANEL (self), NULL);

  return self->config;
}

void
pp_config_panel_set_detecting (PpConfigPanel *self)
{
  g_return_if_fail (PP_IS_CONFIG_PANEL (self));

  if (self->config == NULL)
    gtk_stack_set_visible_child_name (self->stack, "detecting");
}

void
pp_config_panel_set_error (PpConfigPanel *self,
                           const char    *message)
{
  g_return_if_fail (PP_IS_CONFIG_PANEL (self));

  /* Set only now: a GtkImage loads its icon when it is first styled,
   * shown or not, and at 128 px this one is drawn from its SVG, which
   * loads librsvg, libxml2 and ICU into the window (~5 MiB). */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* A received report's configuration, as its configuration.txt says it
 * (there is no snapshot of another machine to describe). */
void
pp_config_panel_set_received (PpConfigPanel *self,
                              const char    *text)
{
  g_return_if_fail (PP_IS_CONFIG_PANEL (self));

  g_clear_object (&self->config);
  gtk_label_set_label (self->received_text, text != NULL ? text
                       : _("The report holds no configuration."));
  gtk_stack_set_visible_child_name (self->stack, "received");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "config.copy", text != NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PpConfigPanel *self = PP_CONFIG_PANEL (widget);
  g_autofree char *text = NULL;

  /* A received report's is the text it came with (redacted again on
   * the way to the clipboard, as everything copied). */
  if (self->config == NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "received") == 0)
        pp_clipboard_set_text (widget, gtk_label_get_label (self->received_text));
      return;
    }
  text = pp_report_config_format_text_so_far (self->config);
  pp_clipboard_set_text (widget, text);
}

static void
pp_config_panel_dispose (GObject *object)
{
  PpConfigPanel *self = PP_CONFIG_PANEL (object);

  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  g_clear_object (&self->config);
  g_clear_pointer (&self->shown_text, g_free);

  G_OBJECT_CLASS (pp_config_panel_parent_class)->dispose (object);
}

static void
pp_config_panel_class_init (PpConfigPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pp_config_panel_dispose;
  widget_class->map = pp_config_panel_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-config-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PpConfigPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PpConfigPanel, received_text);
  gtk_widget_class_bind_template_child (widget_class, PpConfigPanel, error_page);
  gtk_widget_class_bind_template_child (widget_class, PpConfigPanel, groups);
  /* A GtkSpinner set spinning animates its style at every frame, on a
   * page that does not show too: the whole window then restyled and
   * measured itself sixty times a second, idle or not. */
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_start);
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_stop);
  gtk_widget_class_install_action (widget_class, "config.copy", NULL, copy_action);
}

static void
pp_config_panel_init (PpConfigPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "config.copy", FALSE);
}
