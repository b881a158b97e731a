/* pp-application.c: the proxyprobe application
 *
 * With --run the application works for a script: it starts the checks at
 * once and, with --export or --screenshot, writes them after the run and
 * quits with an exit status the script can test.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-application.h"
#include "pp-log.h"
#include "pp-onboarding.h"
#include "pp-preferences-window.h"
#include "pp-system-info.h"
#include "pp-ticket-image.h"

struct _PpApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  PpWindow *window;
  PpGuiOptions options;        /* the command line's, for the window */
  gboolean run;
  char *export_path;
  char *screenshot_path;
  char *window_screenshot_path;
  int status;
  guint pending_outputs;
  guint frames_waited;
};

G_DEFINE_FINAL_TYPE (PpApplication, pp_application, ADW_TYPE_APPLICATION)

static void
finish_batch (PpApplication *self)
{
  if (--self->pending_outputs == 0)
    g_application_quit (G_APPLICATION (self));
}

static void
window_screenshot_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PpApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pp_window_save_screenshot_finish (PP_WINDOW (object), result, &error))
    {
      g_printerr ("proxyprobe: --window-screenshot: %s\n", error->message);
      self->status = PP_EXIT_BAD_INPUT;
    }
  finish_batch (self);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PpApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pp_window_export_finish (PP_WINDOW (object), result, &error))
    {
      g_printerr ("proxyprobe: --export: %s\n", error->message);
      self->status = PP_EXIT_BAD_INPUT;
    }
  finish_batch (self);
}

static int
run_status (PpApplication *self)
{
  PpRunResults *results = pp_window_get_results (self->window);

  /* No run at all (the plan could not be made) reached nothing. */
  if (results == NULL)
    return PP_EXIT_SOME_UNREACHABLE;

  return pp_run_results_get_exit_status (results);
}

/* The outputs wait for the window's first frames; the window's own
 * screenshot then waits for it to rest (pp-window-screenshot.c). */
static gboolean
batch_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  PpApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A run that ends before the window's first frame waits for it. */
  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0 ||
      self->frames_waited++ < 2)
    return G_SOURCE_CONTINUE;
  if (self->screenshot_path &&
      !pp_ticket_image_save (pp_window_get_results (self->window), self->screenshot_path, &error))
    {
      g_printerr ("proxyprobe: --screenshot: %s\n", error->message);
      self->status = PP_EXIT_BAD_INPUT;
      g_clear_error (&error);
    }
  if (self->window_screenshot_path)
    pp_window_save_screenshot_async (self->window, self->window_screenshot_path, NULL,
                                     window_screenshot_done_cb, g_object_ref (self));
  if (self->export_path)
    pp_window_export_async (self->window, self->export_path, FALSE, NULL, export_done_cb,
                            g_object_ref (self));
  finish_batch (self);

  return G_SOURCE_REMOVE;
}

static void
run_finished_cb (PpWindow      *window,
                 PpApplication *self)
{
  if (!self->run)
    return;
  g_signal_handlers_disconnect_by_func (window, run_finished_cb, self);
  self->status = run_status (self);
  pp_debug ("batch run finished: exit status %d%s%s", self->status,
            self->export_path ? ", exporting" : "", self->screenshot_path ? ", screenshot" : "");
  if (self->export_path == NULL && self->screenshot_path == NULL &&
      self->window_screenshot_path == NULL)
    return;
  self->pending_outputs = 1 + (self->export_path != NULL) + (self->window_screenshot_path != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), batch_tick_cb, self, NULL);
}

static void
run_failed_cb (PpWindow      *window,
               const char    *message,
               PpApplication *self)
{
  if (!self->run)
    return;
  g_printerr ("proxyprobe: %s\n", message);
  self->status = PP_EXIT_BAD_INPUT;
  g_signal_handlers_disconnect_by_data (window, self);
  g_application_quit (G_APPLICATION (self));
}

/* A run asked for on the command line starts once the window is on
 * screen, so that the grid knows its size before the rows come. */
static void
run_on_map_cb (GtkWidget     *window,
               PpApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, run_on_map_cb, self);
  gtk_widget_activate_action (window, "win.run", NULL);
}

/* proxyprobe FILE.zip; a report that cannot be shown says why in the
 * window, which stays for the next try. */
static void
open_report (PpApplication *self,
             const char    *path)
{
  g_autoptr(GError) error = NULL;

  if (!pp_window_open_report (self->window, path, &error))
    pp_window_show_error (self->window, _("This Report Cannot Be Opened"), error->message);
}

static void
pp_application_activate (GApplication *application)
{
  PpApplication *self = PP_APPLICATION (application);

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }
  self->window = pp_window_new (ADW_APPLICATION (self), self->settings);
  g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  pp_window_set_overrides (self->window, &self->options);
  g_signal_connect (self->window, "run-finished", G_CALLBACK (run_finished_cb), self);
  g_signal_connect (self->window, "run-failed", G_CALLBACK (run_failed_cb), self);
  if (self->run)
    g_signal_connect_after (self->window, "map", G_CALLBACK (run_on_map_cb), self);
  gtk_window_present (GTK_WINDOW (self->window));
  if (self->options.report_path != NULL)
    open_report (self, self->options.report_path);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PpApplication *self = user_data;
  GtkWidget *window = pp_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                 self->settings);

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_pair (GPtrArray  *pairs,
          const char *name,
          char       *value)
{
  g_ptr_array_add (pairs, g_strdup (name));
  g_ptr_array_add (pairs, value);
}

/* Which renderer draws the window (cairo unless GSK_RENDERER asks for
 * another, pp-gui-init.c): what to ask first when a window draws wrongly. */
static char *
describe_renderer (PpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GskRenderer *renderer = window ? gtk_native_get_renderer (GTK_NATIVE (window)) : NULL;

  return g_strdup (renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
}

static char *
format_debug_info (PpApplication *self)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  PpConfig *config = self->window ? pp_window_get_config (self->window) : NULL;

  add_pair (extra, "GTK", g_strdup_printf ("%u.%u.%u", gtk_get_major_version (),
                                           gtk_get_minor_version (), gtk_get_micro_version ()));
  add_pair (extra, "libadwaita", g_strdup_printf ("%u.%u.%u", adw_get_major_version (),
                                                  adw_get_minor_version (), adw_get_micro_version ()));
  add_pair (extra, "Renderer", describe_renderer (self));

  /* The main loop: never wait for the agent's connectivity test here. */
  return pp_system_info_format_so_far (config, extra);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PpApplication *self = user_data;
  const char *developers[] = { "The Proxy Probe authors", NULL };
  g_autofree char *debug_info = format_debug_info (self);
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                "application-name", _("Proxy Probe"),
                "application-icon", APPLICATION_ID,
                "developer-name", _("The Proxy Probe authors"),
                "version", PACKAGE_VERSION,
                "comments", _("Checks whether this machine reaches a service’s endpoints, and by which proxy."),
                "license-type", GTK_LICENSE_GPL_3_0,
                "developers", developers,
                /* Translators: put your names here, one per line. */
                "translator-credits", _("translator-credits"),
                "debug-info", debug_info,
                "debug-info-filename", "proxyprobe-debug-info.txt",
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_accels (GtkApplication *application)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.run", { "<Control>r", NULL } },
    { "win.stop", { "Escape", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.open-report", { "<Control>o", NULL } },
    { "win.copy-summary", { "<Control><Shift>c", NULL } },
    { "win.screenshot", { "<Control><Shift>s", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

static void
pp_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (pp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  set_accels (GTK_APPLICATION (application));
}

static void
pp_application_finalize (GObject *object)
{
  PpApplication *self = PP_APPLICATION (object);

  g_clear_object (&self->settings);
  pp_gui_options_clear (&self->options);
  g_free (self->export_path);
  g_free (self->screenshot_path);
  g_free (self->window_screenshot_path);

  G_OBJECT_CLASS (pp_application_parent_class)->finalize (object);
}

static void
pp_application_class_init (PpApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = pp_application_activate;
  G_APPLICATION_CLASS (klass)->startup = pp_application_startup;
}

static void
pp_application_init (PpApplication *self)
{
}

/* The agent's onboarding chooses the profile and geography the window
 * starts with, unless the command line or an earlier choice in the window
 * (remembered in the settings) did; a named --onboarding always does. */
static void
apply_onboarding (PpApplication      *self,
                  const PpGuiOptions *options)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings, "profile");
  g_autoptr(PpOnboarding) onboarding = NULL;

  if (options->profile != NULL || options->geography != NULL ||
      (chosen != NULL && options->onboarding == NULL))
    return;
  onboarding = pp_onboarding_read (NULL, options->onboarding, NULL);
  if (onboarding == NULL || onboarding->profile == NULL)
    return;

  pp_debug ("profile %s, geography %s from %s", onboarding->profile,
            onboarding->geography ? onboarding->geography : "(all)", onboarding->path);
  self->options.profile = g_strdup (onboarding->profile);
  self->options.geography = g_strdup (onboarding->geography);
}

PpApplication *
pp_application_new (const PpGuiOptions *options)
{
  /* A script's run must not be handed to a window that is already open. */
  GApplicationFlags flags = options && options->run ? G_APPLICATION_NON_UNIQUE
                                                    : G_APPLICATION_DEFAULT_FLAGS;
  PpApplication *self = g_object_new (PP_TYPE_APPLICATION,
                                      "application-id", APPLICATION_ID,
                                      "flags", flags,
                                      "resource-base-path", "/io/github/proxyprobe/ProxyProbe",
                                      NULL);

  self->settings = g_settings_new (APPLICATION_ID);
  if (options != NULL)
    {
      pp_gui_options_copy (&self->options, options);
      apply_onboarding (self, options);
      self->run = options->run;
      self->export_path = g_strdup (options->export_path);
      self->screenshot_path = g_strdup (options->screenshot_path);
      self->window_screenshot_path = g_strdup (options->window_screenshot_path);
      /* Closing the window before the run ends is a stop. */
      if (self->run)
        self->status = PP_EXIT_STOPPED;
    }

  return self;
}

GSettings *
pp_application_get_settings (PpApplication *self)
{
  g_return_val_if_fail (PP_IS_APPLICATION (self), NULL);

  return self->settings;
}

int
pp_application_get_status (PpApplication *self)
{
  g_return_val_if_fail (PP_IS_APPLICATION (self), PP_EXIT_BAD_INPUT);

  return self->status;
}

PpWindow *
pp_application_get_window (PpApplication *self)
{
  g_return_val_if_fail (PP_IS_APPLICATION (self), NULL);

  return self->window;
}
