/* fuzz-onboarding.c: Defender for Endpoint's onboarding file and packages
 * (mdatp_onboard.json, the onboarding script, .cmd and .plist)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with -max_len=65536 for the reason given in fuzz-profile.c.
 */
#include "pp-fuzz.h"

#include "pp-onboarding.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpOnboarding) onboarding = NULL;
  g_autoptr(PpEndpoint) endpoint = NULL;
  g_autofree char *described = NULL;
  g_autofree char *defaults = NULL;

  onboarding = pp_onboarding_parse ("fuzz.json", (const char *) data, size, &error);

  /* Either an error that names the file, or a whole description. */
  if (onboarding == NULL)
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json: "));
      return 0;
    }
  g_assert (error == NULL);
  g_assert (onboarding->connectivity != NULL && onboarding->cloud != NULL);
  g_assert (onboarding->gateway_host != NULL && *onboarding->gateway_host != '\0');
  g_assert (onboarding->profile != NULL || onboarding->note != NULL);
  described = pp_onboarding_describe (onboarding);
  defaults = pp_onboarding_format_defaults (onboarding);
  endpoint = pp_endpoint_new ("https://automatedirstrprdweu.blob.core.windows.net/", "Test",
                              "GET", NULL, 0, "system", "WW");
  (void) pp_onboarding_agent_uses (endpoint, onboarding);

  return 0;
}
