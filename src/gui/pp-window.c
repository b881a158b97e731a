/* pp-window.c: the main window, a view of a PpSession
 *
 * The window starts and stops its session's runs and shows them: the
 * choosers (PpProfileChooser), the actions (pp-window-actions.c), the
 * results page (PpWindowResults, which applies results frame by frame so
 * that a burst of a thousand answers costs a handful of frames, not a
 * thousand relayouts), the configuration panel and the export.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-cell-widget.h"
#include "pp-config-panel.h"
#include "pp-grid-row.h"
#include "pp-guidance.h"
#include "pp-log.h"
#include "pp-onboarding.h"
#include "pp-profile.h"
#include "pp-profile-urls.h"
#include "pp-session.h"
#include "pp-window-private.h"

G_DEFINE_FINAL_TYPE (PpWindow, pp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_RUN_FINISHED,
  SIGNAL_RUN_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The results page's content is built on first need: after the first
 * frame, or earlier if something asks for it (a run from the command
 * line, a test). */
static void run_shown_cb (PpWindowResults *view,
                          PpWindow        *self);
static void running_cb   (PpWindow        *self);

static void
ensure_results (PpWindow *self)
{
  GtkWidget *view;

  if (self->results_view != NULL)
    return;
  self->results_view = pp_window_results_new (self->session);
  view = GTK_WIDGET (self->results_view);
  g_signal_connect (view, "run-shown", G_CALLBACK (run_shown_cb), self);
  /* Before the bindings: the Run button takes its new action before the
   * old one is disabled (see running_cb). */
  g_signal_connect_swapped (view, "notify::running", G_CALLBACK (running_cb), self);
  _pp_window_bind_actions (self, self->results_view);
  gtk_overlay_set_child (self->results_overlay, view);
  /* Under the empty state until the first run: neither focus nor a
   * screen reader may wander into it. */
  gtk_widget_set_can_focus (view, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static void
reveal_results (PpWindow *self)
{
  ensure_results (self);
  gtk_widget_set_visible (self->empty_page, FALSE);
  /* The bin that held it stays, empty: clicks go through to the grid. */
  gtk_widget_set_can_target (self->empty_state, FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->results_view), TRUE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->results_view), GTK_ACCESSIBLE_STATE_HIDDEN);
}

/* The configuration page's panel is made after the first frame, or when
 * first needed: nothing of it shows first, yet its three pages would be
 * built and styled before that frame. */
PpConfigPanel *
_pp_window_config_panel (PpWindow *self)
{
  if (self->config_panel == NULL)
    {
      PpConfigPanel *panel = g_object_new (PP_TYPE_CONFIG_PANEL, NULL);

      pp_config_panel_set_detecting (panel);
      adw_bin_set_child (self->config_bin, GTK_WIDGET (panel));
      self->config_panel = panel;
    }

  return self->config_panel;
}

/* Building the plan */

/* The profile and geography chosen, as a profile to run. */
/* The command line's @override, else the preference @key's value. */
static char *
choose_string (PpWindow   *self,
               const char *override,
               const char *key)
{
  if (override != NULL)
    return g_strdup (override);

  return g_settings_get_string (self->settings, key);
}

static PpProfile *
load_profile (PpWindow  *self,
              GError   **error)
{
  const char *id = pp_profile_chooser_get_profile (self->chooser);
  g_autofree char *workspace_id = choose_string (self, self->overrides.workspace_id, "workspace-id");
  PpProfileOptions options = {
    .geography = pp_profile_chooser_get_geography (self->chooser),
    .workspace_id = *workspace_id ? workspace_id : NULL,
  };

  if (self->overrides.urls_file != NULL)
    return pp_profile_load_url_list (self->overrides.urls_file, error);
  if (g_strcmp0 (id, PP_PROFILE_CHOOSER_CUSTOM) == 0)
    {
      g_auto(GStrv) urls = g_settings_get_strv (self->settings, "custom-urls");

      if (urls[0] == NULL)
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                       _("The custom URL list is empty: add URLs in Preferences."));
          return NULL;
        }
      return pp_profile_new_for_urls ((const char * const *) urls, error);
    }

  return pp_profile_load (id ? id : "mde-standard", &options, error);
}

PpPlan *
_pp_window_make_plan (PpWindow  *self,
                      GError   **error)
{
  g_autoptr(PpProfile) profile = load_profile (self, error);
  g_autoptr(PpOnboarding) onboarding = NULL;
  g_autoptr(GArray) methods = NULL;
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "methods");
  g_autofree char *list = self->overrides.methods ? g_strdup (self->overrides.methods)
                                                   : g_strjoinv (",", chosen);

  if (profile == NULL)
    return NULL;
  /* The onboarding (--onboarding's, else the machine's own) marks the
   * agent's endpoints in the reports, as proxyprobe-cli's does; a broken
   * file is the Configuration page's warning, not the run's. */
  onboarding = pp_onboarding_read (NULL, self->overrides.onboarding, NULL);
  if (onboarding != NULL)
    pp_profile_mark_agent_endpoints (profile, pp_onboarding_agent_uses, onboarding);
  /* The same list, and check, as proxyprobe-cli's --methods. */
  methods = pp_method_parse_list (*list ? list : "all", error);
  if (methods == NULL)
    return NULL;

  return pp_plan_new (profile, methods);
}

/* Before the first run, the chosen profile's rows are made under the
 * empty state, a few per frame while nobody waits for them: Run then
 * only marks their cells pending, instead of making a thousand widgets
 * while the first results arrive. A profile that cannot load yet (no
 * workspace ID) gets its rows, and its error, when Run is clicked. */
void
_pp_window_prepare_grid (PpWindow *self)
{
  g_autoptr(PpPlan) plan = NULL;

  if (self->results_view == NULL || pp_session_get_plan (self->session) != NULL)
    return;
  plan = _pp_window_make_plan (self, NULL);
  pp_window_results_prepare (self->results_view, plan);
}

/* A choice by the user is remembered; one from the command line is not. */
static void
chooser_changed_cb (PpWindow *self)
{
  const char *geography = pp_profile_chooser_get_geography (self->chooser);

  if (!self->applying_overrides)
    {
      g_settings_set_string (self->settings, "profile", pp_profile_chooser_get_profile (self->chooser));
      g_settings_set_string (self->settings, "geography", geography ? geography : "");
    }
  _pp_window_prepare_grid (self);
}

char *
pp_window_format_summary (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  if (self->results_view == NULL)
    return g_strdup ("");

  return pp_window_results_format_summary (self->results_view);
}

/* The results page, in front, showing the session (a run, or a
 * received report). */
void
_pp_window_show_session (PpWindow *self)
{
  reveal_results (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "results");
}

/* Running */

/* The focus on a widget about to go away (the empty state's button, a
 * chooser made insensitive) moves to the Run button, now Stop: left to GTK
 * it would go nowhere, and a keyboard user would have to find their way
 * back. (Only the keyboard gets it there: the window starts with the focus
 * on Run, and its buttons do not take it on a click.) */
static gboolean
is_within (GtkWidget *widget,
           GtkWidget *container)
{
  return widget == container || gtk_widget_is_ancestor (widget, container);
}

static void
keep_focus (PpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL &&
      (is_within (focus, self->empty_page) ||
       is_within (focus, GTK_WIDGET (self->chooser))))
    gtk_widget_grab_focus (GTK_WIDGET (self->run_button));
}

/* One button turns from Run into Stop and back, rather than two swapped in
 * a stack: the swap would move the focus, and in GTK 4.8 every move of the
 * focus sets and unsets state flags up to the window, which restyles every
 * widget in it (the grid's thousand cells: 30-50 ms). */
static void
show_run_button (PpWindow *self,
                 gboolean  running)
{
  GtkWidget *button = GTK_WIDGET (self->run_button);

  gtk_button_set_label (self->run_button, running ? _("_Stop") : _("_Run"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), running ? "win.stop" : "win.run");
  gtk_widget_set_tooltip_text (button, running ? _("Stop the Checks (Escape)")
                                                     : _("Run the Checks (Ctrl+R)"));
  gtk_widget_remove_css_class (button, running ? "suggested-action" : "destructive-action");
  gtk_widget_add_css_class (button, running ? "destructive-action" : "suggested-action");
}

/* A run shows from Run until its results view has drawn the last cell. */
gboolean
_pp_window_is_running (PpWindow *self)
{
  return self->results_view != NULL && pp_window_results_get_running (self->results_view);
}

/* The view's "running" changed; the bindings made after this handler
 * then set what can be done (_pp_window_bind_actions). */
static void
running_cb (PpWindow *self)
{
  gboolean running = _pp_window_is_running (self);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), running ? "stop" : "run");

  /* The button's new action is enabled before it takes it: insensitive
   * even for a moment, it would lose the focus. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), TRUE);
  show_run_button (self, running);
  if (running)
    keep_focus (self);
}

static void
run_shown_cb (PpWindowResults *view,
              PpWindow        *self)
{
  pp_debug ("the run %s", pp_window_was_stopped (self) ? "was stopped" : "finished");
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0);
}

/* Connected before the results view's handler: a run that could not
 * start says so before its (stopped) results show. */
static void
session_finished_cb (PpSession    *session,
                     const GError *error,
                     PpWindow     *self)
{
  if (error == NULL)
    return;
  pp_config_panel_set_error (_pp_window_config_panel (self), error->message);
  pp_window_show_error (self, _("The Checks Could Not Start"), error->message);
  g_signal_emit (self, signals[SIGNAL_RUN_FAILED], 0, error->message);
}

static void
session_detected_cb (PpSession *session,
                     PpConfig  *config,
                     PpWindow  *self)
{
  pp_config_panel_set_config (_pp_window_config_panel (self), config);
}

/* What detection is told: the proxies, the PAC script and the trust
 * anchors, from the command line or the preferences. A "pac" preference
 * is a URL when it looks like one, else a file. */
static void
configure_detection (PpWindow *self)
{
  g_autofree char *proxy = choose_string (self, self->overrides.proxy, "cmdline-proxy");
  g_autofree char *named = choose_string (self, self->overrides.named_proxy, "named-proxy");
  g_autofree char *pac = g_settings_get_string (self->settings, "pac");
  g_auto(GStrv) anchors = g_settings_get_strv (self->settings, "trust-anchors");
  gboolean pac_is_url = g_str_has_prefix (pac, "http://") || g_str_has_prefix (pac, "https://");

  pp_session_set_proxies (self->session, *proxy ? proxy : NULL, *named ? named : NULL);
  if (self->overrides.pac_file != NULL || self->overrides.pac_url != NULL)
    pp_session_set_pac (self->session, self->overrides.pac_file, self->overrides.pac_url);
  else
    pp_session_set_pac (self->session, *pac && !pac_is_url ? pac : NULL, pac_is_url ? pac : NULL);
  pp_session_set_onboarding_file (self->session, self->overrides.onboarding);
  pp_session_set_trust_anchors (self->session, self->overrides.trust != NULL
                                               ? (const char * const *) self->overrides.trust
                                               : (const char * const *) anchors);
  pp_debug ("detecting the configuration with the proxy '%s', the named proxy '%s', the PAC "
            "script '%s'", proxy, named, self->overrides.pac_file ? self->overrides.pac_file
            : self->overrides.pac_url ? self->overrides.pac_url : pac);
}

/* The preferences of the moment, for the run about to start. */
static void
configure_session (PpWindow *self)
{
  configure_detection (self);
  pp_session_set_concurrency (self->session, g_settings_get_uint (self->settings, "concurrency"));
  pp_session_set_timeouts (self->session, g_settings_get_uint (self->settings, "timeout") * 1000,
                           g_settings_get_uint (self->settings, "connect-timeout") * 1000);
  /* Traces feed the details pane's headers and the report. */
  pp_session_set_keep_traces (self->session, TRUE);
  /* The probes wait a little for the window, not the window for them. */
  pp_session_set_background (self->session, TRUE);
  pp_debug ("probing with the settings' concurrency %u, timeout %u s, connect timeout %u s",
            g_settings_get_uint (self->settings, "concurrency"),
            g_settings_get_uint (self->settings, "timeout"),
            g_settings_get_uint (self->settings, "connect-timeout"));
}

/* Run: a plan from the choosers, the grid's rows for it, and a run of
 * the session; the view shows it from now on. */
void
_pp_window_start_run (PpWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) plan = NULL;

  if (_pp_window_is_running (self))
    return;
  plan = _pp_window_make_plan (self, &error);
  if (plan == NULL)
    {
      pp_window_show_error (self, _("The Checks Could Not Start"), error->message);
      g_signal_emit (self, signals[SIGNAL_RUN_FAILED], 0, error->message);
      return;
    }
  ensure_results (self);
  configure_session (self);
  /* Results come from the main loop, never from inside this call. */
  pp_session_start (self->session, pp_window_results_rows_for_run (self->results_view, plan),
                    NULL, NULL);
  /* The view's "running" turns the Run button into Stop (running_cb). */
  pp_window_results_show_run (self->results_view);
  _pp_window_hide_received (self);
  _pp_window_show_session (self);
  pp_config_panel_set_detecting (_pp_window_config_panel (self));
}

/* GObject */

static void
pp_window_dispose (GObject *object)
{
  PpWindow *self = PP_WINDOW (object);

  /* A run still going ends on its own; nothing of it may touch the
   * widgets any more. */
  self->disposed = TRUE;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      pp_session_stop (self->session);
    }
  if (self->startup_cancellable)
    g_cancellable_cancel (self->startup_cancellable);

  G_OBJECT_CLASS (pp_window_parent_class)->dispose (object);
}

static void
pp_window_finalize (GObject *object)
{
  PpWindow *self = PP_WINDOW (object);

  g_clear_object (&self->settings);
  pp_gui_options_clear (&self->overrides);
  g_clear_object (&self->session);
  g_clear_object (&self->startup_cancellable);

  G_OBJECT_CLASS (pp_window_parent_class)->finalize (object);
}

static void
pp_window_class_init (PpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_window_dispose;
  object_class->finalize = pp_window_finalize;

  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The run could not start: the message says why. */
  signals[SIGNAL_RUN_FAILED] =
    g_signal_new ("run-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PP_TYPE_DETAILS_PANE);
  g_type_ensure (PP_TYPE_PROFILE_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, chooser);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, report_banner);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, report_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, empty_state);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, results_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, config_bin);
  gtk_widget_class_bind_template_callback (widget_class, chooser_changed_cb);

  _pp_window_class_install_actions (widget_class);
}

/* The view switcher title swaps its wide switcher for its title when the
 * header gets narrow, cross-fading the two: in high contrast, whose
 * bordered buttons make the wide one just not fit, it kept swapping, and
 * screenshots caught both drawn over each other. Swapped at once, the
 * switcher is always one. (libadwaita 1.2 has no property for it: its
 * squeezer is looked up.) */
static void
switch_without_fade (PpWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->switcher_title));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_SQUEEZER (child))
      adw_squeezer_set_transition_type (ADW_SQUEEZER (child), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
}

static void
pp_window_init (PpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  switch_without_fade (self);
  _pp_window_add_drop_target (self);
  /* Before the help overlay is set, so that GTK does not add its own. */
  _pp_window_add_actions (self);

  self->session = pp_session_new ();
  g_signal_connect (self->session, "detected", G_CALLBACK (session_detected_cb), self);
  g_signal_connect (self->session, "finished", G_CALLBACK (session_finished_cb), self);
}

/* The configuration page shows what the machine has before any run. */
static void
startup_detect_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = pp_session_detect_finish (self->session, result, &error);

  if (self->disposed || pp_session_get_plan (self->session) != NULL)
    return;
  if (config != NULL)
    pp_config_panel_set_config (_pp_window_config_panel (self), config);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pp_config_panel_set_error (_pp_window_config_panel (self), error->message);
}

/* What the first frame does not show is made after it: the results page
 * (under the empty state), the chosen profile's rows, the configuration
 * panel; and the configuration's detection starts, which forks
 * (systemctl) and reads files. */
static gboolean
after_first_frame_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  PpWindow *self = PP_WINDOW (widget);

  if (self->frames_seen++ < 1)
    return G_SOURCE_CONTINUE;
  ensure_results (self);
  _pp_window_prepare_grid (self);
  _pp_window_config_panel (self);
  if (pp_session_get_plan (self->session) != NULL)
    return G_SOURCE_REMOVE;
  configure_detection (self);
  self->startup_cancellable = g_cancellable_new ();
  pp_session_detect_async (self->session, self->startup_cancellable, startup_detect_cb,
                           g_object_ref (self));

  return G_SOURCE_REMOVE;
}

PpWindow *
pp_window_new (AdwApplication *application,
               GSettings      *settings)
{
  PpWindow *self = g_object_new (PP_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *profile = g_settings_get_string (settings, "profile");
  g_autofree char *geography = g_settings_get_string (settings, "geography");

  /* Remembered already: nothing to save. */
  self->applying_overrides = TRUE;
  self->settings = g_object_ref (settings);
  pp_profile_chooser_select (self->chooser, profile, geography);
  self->applying_overrides = FALSE;
  /* The first focus is the main action's: Enter runs the checks, and a
   * run changes no focus (see show_run_button). */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->run_button));
  gtk_widget_add_tick_callback (GTK_WIDGET (self), after_first_frame_cb, NULL, NULL);

  return self;
}

/* What the command line asked for wins over the preferences for this
 * session only; a support script must not change the user's settings. */
void
pp_window_set_overrides (PpWindow           *self,
                         const PpGuiOptions *options)
{
  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (options != NULL);

  self->applying_overrides = TRUE;
  if (options->profile != NULL || options->geography != NULL)
    pp_profile_chooser_select (self->chooser, options->profile, options->geography);
  self->applying_overrides = FALSE;
  pp_gui_options_clear (&self->overrides);
  pp_gui_options_copy (&self->overrides, options);
  /* Rows for the URL list or the methods asked for. */
  _pp_window_prepare_grid (self);
}

gboolean
pp_window_get_running (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);

  return _pp_window_is_running (self);
}

GListModel *
pp_window_get_rows (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  ensure_results (self);
  return pp_window_results_get_rows (self->results_view);
}

GtkColumnView *
pp_window_get_column_view (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  ensure_results (self);
  return pp_window_results_get_column_view (self->results_view);
}

PpDetailsPane *
pp_window_get_details (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  ensure_results (self);
  return pp_window_results_get_details (self->results_view);
}

PpPlan *
pp_window_get_plan (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return pp_session_get_plan (self->session);
}

PpRunResults *
pp_window_get_results (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return pp_session_get_results (self->session);
}

PpConfig *
pp_window_get_config (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return pp_session_get_config (self->session);
}

gboolean
pp_window_was_stopped (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);

  return pp_session_get_results (self->session) != NULL &&
         pp_run_results_get_stopped (pp_session_get_results (self->session));
}

void
pp_window_add_toast (PpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PP_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
pp_window_show_error (PpWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (PP_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
