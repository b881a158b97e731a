/* pp-gui-options.c: proxyprobe's command line, for support scripts
 *
 * The options are parsed before GApplication sees them, so that every
 * mistake is reported with exit status 2 before a window appears.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-gui-options.h"
#include "pp-profile.h"
#include "pp-onboarding.h"
#include "pp-proxy-spec.h"

static gboolean
check_profile (PpGuiOptions  *o,
               GError       **error)
{
  PpProfileOptions options = { .geography = o->geography };
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_strcmp0 (o->profile, "custom") == 0)
    return TRUE;
  profile = pp_profile_load (o->profile ? o->profile : "mde-standard", &options, &local_error);
  /* A missing workspace ID is the preferences' business, not a bad option. */
  if (profile != NULL || g_error_matches (local_error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s", local_error->message);

  return FALSE;
}

/* A package the technician named must be usable, as in proxyprobe-cli. */
static gboolean
check_onboarding (PpGuiOptions  *o,
                  GError       **error)
{
  g_autoptr(PpOnboarding) onboarding = NULL;
  g_autoptr(GError) local_error = NULL;

  if (o->onboarding == NULL)
    return TRUE;
  onboarding = pp_onboarding_read (NULL, o->onboarding, &local_error);
  if (onboarding != NULL)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--onboarding: %s",
               local_error->message);

  return FALSE;
}

static gboolean
check_output (const char  *option,
              const char  *path,
              gboolean     run,
              GError     **error)
{
  g_autofree char *folder = NULL;

  if (path == NULL)
    return TRUE;
  if (!run)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s acts after the run: add --run"), option);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” already exists; choose a new file name"), option, path);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: the folder “%s” does not exist"), option, folder);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate (PpGuiOptions  *o,
          GError       **error)
{
  g_autoptr(PpProxySpec) spec = NULL;
  g_autoptr(GError) local_error = NULL;

  if (o->proxy != NULL && (spec = pp_proxy_spec_parse (o->proxy, TRUE, &local_error)) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--proxy: %s",
                   local_error->message);
      return FALSE;
    }

  return check_profile (o, error) &&
         check_onboarding (o, error) &&
         check_output ("--export", o->export_path, o->run, error) &&
         check_output ("--screenshot", o->screenshot_path, o->run, error) &&
         check_output ("--window-screenshot", o->window_screenshot_path, o->run, error);
}

gboolean
pp_gui_options_parse (PpGuiOptions  *o,
                      int           *argc,
                      char        ***argv,
                      GError       **error)
{
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &o->profile,
      N_("Bundled profile name, profile JSON file, or “custom” for the custom URL list"), N_("NAME|FILE") },
    { "geography", 0, 0, G_OPTION_ARG_STRING, &o->geography,
      N_("Only this geography’s endpoints, plus worldwide ones"), N_("GEO") },
    { "onboarding", 0, 0, G_OPTION_ARG_FILENAME, &o->onboarding,
      N_("Take profile and geography from this Defender for Endpoint onboarding file or package"),
      N_("FILE") },
    { "proxy", 'p', 0, G_OPTION_ARG_STRING, &o->proxy,
      N_("Command line proxy, HOST:PORT or a proxy URL"), N_("PROXY") },
    { "run", 0, 0, G_OPTION_ARG_NONE, &o->run, N_("Run the checks at once"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o->export_path,
      N_("After the run, write the zip report to FILE and quit"), N_("FILE.zip") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &o->screenshot_path,
      N_("After the run, save the ticket image (PNG: the verdict, every endpoint by every "
         "method, a legend) to FILE and quit"), N_("FILE.png") },
    { "window-screenshot", 0, 0, G_OPTION_ARG_FILENAME, &o->window_screenshot_path,
      N_("After the run, save a PNG of the window to FILE and quit"), N_("FILE.png") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Checks whether this machine reaches a service’s "
                                           "endpoints, and by which proxy."));
  g_option_context_set_description (context, _("Exit status with --run: 0 every endpoint reachable, "
                                               "1 some endpoint unreachable, 2 bad options or the "
                                               "export or screenshot failed, 130 stopped."));
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }

  return validate (o, error);
}

void
pp_gui_options_clear (PpGuiOptions *o)
{
  g_clear_pointer (&o->profile, g_free);
  g_clear_pointer (&o->geography, g_free);
  g_clear_pointer (&o->onboarding, g_free);
  g_clear_pointer (&o->proxy, g_free);
  g_clear_pointer (&o->export_path, g_free);
  g_clear_pointer (&o->screenshot_path, g_free);
  g_clear_pointer (&o->window_screenshot_path, g_free);
}
