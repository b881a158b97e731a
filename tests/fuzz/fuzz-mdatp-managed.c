/* fuzz-mdatp-managed.c: Defender for Endpoint's managed configuration
 * (/etc/opt/microsoft/mdatp/managed/mdatp_managed.json, cloudService.proxy)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agent's onboarding file (mdatp_onboard.json) is fuzz-onboarding.c's.
 * Run with -max_len=65536 for the reason given in fuzz-profile.c.
 */
#include "pp-fuzz.h"

#include "pp-named-proxy.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PpNamedProxy named = { NULL };

  pp_named_proxy_read_managed (pp_fuzz_file_path (data, size), &named);

  /* Either nothing was found, or a source with a usable proxy or a
   * problem, never both. */
  if (named.source == NULL)
    g_assert (named.spec == NULL && named.problem == NULL);
  else
    g_assert ((named.spec == NULL) != (named.problem == NULL));
  pp_named_proxy_clear (&named);

  return 0;
}
