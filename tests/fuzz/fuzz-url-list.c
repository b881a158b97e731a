/* fuzz-url-list.c: a URL list (--urls FILE: one URL a line, # comments)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fuzz.h"

#include "pp-profile.h"
#include "pp-profile-urls.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load_url_list (pp_fuzz_file_path (data, size), &error);

  g_assert ((profile == NULL) != (error == NULL));
  for (guint i = 0; profile && i < pp_profile_get_n_endpoints (profile); i++)
    g_assert_true (pp_url_validate (pp_profile_get_endpoint (profile, i)->url, NULL));

  return 0;
}
