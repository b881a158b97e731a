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
#include "pp-profile-urls.h"
#include "pp-proxy-spec.h"
#include "pp-trust.h"
#include "pp-wpad-fetch.h"

/* @option's value was refused by @local_error: a bad option, named. */
static gboolean
bad_value (GError     **error,
           const char  *option,
           GError      *local_error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", option, local_error->message);
  g_error_free (local_error);

  return FALSE;
}

static gboolean
check_profile (PpGuiOptions  *o,
               GError       **error)
{
  PpProfileOptions options = { .geography = o->geography, .workspace_id = o->workspace_id };
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;

  if (o->urls_file != NULL && o->profile != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--profile and --urls choose what to probe: give only one of them"));
      return FALSE;
    }
  if (o->urls_file != NULL)
    {
      profile = pp_profile_load_url_list (o->urls_file, &local_error);
      return profile != NULL || bad_value (error, "--urls", g_steal_pointer (&local_error));
    }
  if (g_strcmp0 (o->profile, "custom") == 0)
    return TRUE;
  profile = pp_profile_load (o->profile ? o->profile : "mde-standard", &options, &local_error);
  /* A missing workspace ID is the preferences' business, not a bad option;
   * a wrong one given here is. */
  if (profile != NULL || (o->workspace_id == NULL &&
                          g_error_matches (local_error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID)))
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
check_proxy (const char  *option,
             const char  *value,
             GError     **error)
{
  g_autoptr(PpProxySpec) spec = NULL;
  GError *local_error = NULL;

  if (value == NULL || (spec = pp_proxy_spec_parse (value, TRUE, &local_error)) != NULL)
    return TRUE;

  return bad_value (error, option, local_error);
}

/* The PAC script a technician names must be usable now, not when the
 * wpad method runs. */
static gboolean
check_pac (PpGuiOptions  *o,
           GError       **error)
{
  g_autofree char *script = NULL;
  GError *local_error = NULL;

  if (o->pac_file != NULL && o->pac_url != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--pac-file and --pac-url both name the PAC script: give only one of them"));
      return FALSE;
    }
  if (o->pac_file != NULL && !pp_wpad_load_pac_file (o->pac_file, &script, &local_error))
    return bad_value (error, "--pac-file", local_error);
  if (o->pac_url != NULL && !pp_url_validate (o->pac_url, &local_error))
    return bad_value (error, "--pac-url", local_error);

  return TRUE;
}

static gboolean
check_trust_and_methods (PpGuiOptions  *o,
                         GError       **error)
{
  PpTrustOptions trust_options = { .extra_anchors = (const char * const *) o->trust };
  g_autoptr(PpTrust) trust = NULL;
  g_autoptr(GArray) methods = NULL;
  GError *local_error = NULL;

  if (o->trust != NULL && (trust = pp_trust_new (&trust_options, &local_error)) == NULL)
    return bad_value (error, "--trust", local_error);
  if (o->methods != NULL && (methods = pp_method_parse_list (o->methods, &local_error)) == NULL)
    return bad_value (error, "--methods", local_error);

  return TRUE;
}

static gboolean
validate (PpGuiOptions  *o,
          GError       **error)
{
  return check_proxy ("--proxy", o->proxy, error) &&
         check_proxy ("--named-proxy", o->named_proxy, error) &&
         check_pac (o, error) &&
         check_trust_and_methods (o, error) &&
         check_profile (o, error) &&
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
    { "urls", 0, 0, G_OPTION_ARG_FILENAME, &o->urls_file,
      N_("Probe the URLs of a text file, one per line (# comments)"), N_("FILE") },
    { "geography", 0, 0, G_OPTION_ARG_STRING, &o->geography,
      N_("Only this geography’s endpoints, plus worldwide ones"), N_("GEO") },
    { "onboarding", 0, 0, G_OPTION_ARG_FILENAME, &o->onboarding,
      N_("Take profile and geography from this Defender for Endpoint onboarding file or package"),
      N_("FILE") },
    { "workspace-id", 0, 0, G_OPTION_ARG_STRING, &o->workspace_id,
      N_("Log Analytics workspace ID for mma-legacy"), N_("GUID") },
    { "proxy", 'p', 0, G_OPTION_ARG_STRING, &o->proxy,
      N_("The proxy to test (command line proxy), HOST:PORT or a proxy URL"), N_("PROXY") },
    { "named-proxy", 0, 0, G_OPTION_ARG_STRING, &o->named_proxy,
      N_("Use this named proxy instead of the agent’s configuration"), N_("PROXY") },
    { "methods", 0, 0, G_OPTION_ARG_STRING, &o->methods,
      N_("Comma-separated methods to probe (default all)"), N_("LIST") },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->trust,
      N_("Also trust the CA certificates of this PEM file (repeatable)"), N_("FILE") },
    { "pac-file", 0, 0, G_OPTION_ARG_FILENAME, &o->pac_file,
      N_("Evaluate this PAC script for the wpad method"), N_("FILE") },
    { "pac-url", 0, 0, G_OPTION_ARG_STRING, &o->pac_url,
      N_("Fetch the wpad method’s PAC script from this URL instead of discovering it"), N_("URL") },
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("[FILE.zip] — or open a received report"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Checks whether this machine reaches a service’s "
                                           "endpoints, and by which proxy."));
  g_option_context_set_description (context, _("Exit status with --run: 0 every endpoint reachable, "
                                               "1 some endpoint unreachable, 2 bad options or the "
                                               "export or screenshot failed, 130 stopped."));
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  /* proxyprobe FILE.zip: a received report, shown as it is. */
  if (*argc == 2 && !o->run && g_file_test ((*argv)[1], G_FILE_TEST_IS_REGULAR))
    o->report_path = g_strdup ((*argv)[1]);
  else if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   g_file_test ((*argv)[1], G_FILE_TEST_EXISTS) || o->run
                   ? _("unexpected argument “%s”: a received report is opened alone, without --run")
                   : _("“%s” does not exist: give the path of a report (FILE.zip) to open"),
                   (*argv)[1]);
      return FALSE;
    }

  return validate (o, error);
}

/* @dest, cleared before, gets copies of @src's values. */
void
pp_gui_options_copy (PpGuiOptions       *dest,
                     const PpGuiOptions *src)
{
  *dest = *src;
  dest->profile = g_strdup (src->profile);
  dest->urls_file = g_strdup (src->urls_file);
  dest->geography = g_strdup (src->geography);
  dest->onboarding = g_strdup (src->onboarding);
  dest->workspace_id = g_strdup (src->workspace_id);
  dest->proxy = g_strdup (src->proxy);
  dest->named_proxy = g_strdup (src->named_proxy);
  dest->pac_file = g_strdup (src->pac_file);
  dest->pac_url = g_strdup (src->pac_url);
  dest->trust = g_strdupv (src->trust);
  dest->methods = g_strdup (src->methods);
  dest->export_path = g_strdup (src->export_path);
  dest->screenshot_path = g_strdup (src->screenshot_path);
  dest->window_screenshot_path = g_strdup (src->window_screenshot_path);
  dest->report_path = g_strdup (src->report_path);
}

void
pp_gui_options_clear (PpGuiOptions *o)
{
  g_clear_pointer (&o->profile, g_free);
  g_clear_pointer (&o->urls_file, g_free);
  g_clear_pointer (&o->geography, g_free);
  g_clear_pointer (&o->onboarding, g_free);
  g_clear_pointer (&o->workspace_id, g_free);
  g_clear_pointer (&o->proxy, g_free);
  g_clear_pointer (&o->named_proxy, g_free);
  g_clear_pointer (&o->pac_file, g_free);
  g_clear_pointer (&o->pac_url, g_free);
  g_clear_pointer (&o->trust, g_strfreev);
  g_clear_pointer (&o->methods, g_free);
  g_clear_pointer (&o->export_path, g_free);
  g_clear_pointer (&o->screenshot_path, g_free);
  g_clear_pointer (&o->window_screenshot_path, g_free);
  g_clear_pointer (&o->report_path, g_free);
}
