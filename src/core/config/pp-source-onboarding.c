/* pp-source-onboarding.c: the agent's onboarding, among the configuration sources
 *
 * Not a proxy setting, but the configuration that picks the profile and
 * the geography: shown where every source is (--show-config, the report's
 * configuration, the window's Configuration page) with the file it came
 * from. A file that cannot be read is a source with a warning, never an
 * error: the run goes on with the usual defaults.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-onboarding.h"
#include "pp-onboarding.h"
#include "pp-source-reader.h"

#define FAMILY "mdatp onboarding"

void
pp_source_read_onboarding (const char *sysroot,
                           const char *package,
                           GPtrArray  *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpOnboarding) onboarding = pp_onboarding_read (sysroot, package, &error);
  g_autofree char *value = NULL;
  g_autofree char *meaning = NULL;
  g_autofree char *path = NULL;

  if (onboarding == NULL && error == NULL)
    return;

  if (onboarding == NULL)
    {
      path = package ? g_strdup (package)
                     : g_build_filename (sysroot ? sysroot : "/", PP_ONBOARDING_PATH, NULL);
      pp_source_add (out, FAMILY, path, "",
                     "Defender for Endpoint's onboarding cannot be used: the usual defaults "
                     "apply", NULL, error->message);
      return;
    }

  value = pp_onboarding_describe (onboarding);
  meaning = pp_onboarding_format_defaults (onboarding);
  pp_source_add (out, FAMILY, onboarding->path, value, meaning, NULL, NULL);
}
