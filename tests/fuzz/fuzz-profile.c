/* fuzz-profile.c: a profile file (--profile FILE), JSON checked against
 * the profile schema, then filtered by geography and given a workspace ID
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with -max_len=65536: json-glib recurses once per nesting level, and a
 * document nested ~100,000 deep overflows the stack inside json-glib (issue
 * 13; the depth bound before parsing is another change of that issue).
 */
#include "pp-fuzz.h"

#include "pp-profile.h"

#define WORKSPACE_ID "0f3b2a61-5c4d-4e8f-9a7b-1c2d3e4f5a6b"

static void
walk (PpProfile *profile)
{
  g_assert (pp_profile_get_name (profile) != NULL);
  g_assert (pp_profile_get_title (profile) != NULL);
  g_assert (pp_profile_get_description (profile) != NULL);
  pp_profile_get_geography (profile);
  g_assert (pp_profile_get_n_endpoints (profile) > 0);
  for (guint i = 0; i < pp_profile_get_n_endpoints (profile); i++)
    {
      g_autofree char *expected = pp_endpoint_format_expected (pp_profile_get_endpoint (profile, i));

      g_assert (expected != NULL);
    }
}

static PpProfile *
load (const char              *path,
      const PpProfileOptions  *options)
{
  g_autoptr(GError) error = NULL;
  PpProfile *profile = pp_profile_load_file (path, options, &error);

  g_assert ((profile == NULL) != (error == NULL));
  if (profile != NULL)
    walk (profile);
  else
    g_assert (error->domain == PP_PROFILE_ERROR);

  return profile;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = pp_fuzz_file_path (data, size);
  PpProfileOptions every = { NULL, WORKSPACE_ID };
  g_autoptr(PpProfile) profile = load (path, &(PpProfileOptions) { NULL, NULL });
  g_autoptr(PpProfile) with_id = load (path, &every);

  /* A workspace ID can only make a profile load, never fail. */
  g_assert (profile == NULL || with_id != NULL);

  /* Again for one geography: the first the document names, and one it does
   * not name. */
  if (with_id != NULL && pp_profile_get_geographies (with_id) != NULL &&
      pp_profile_get_geographies (with_id)[0] != NULL)
    {
      PpProfileOptions one = { pp_profile_get_geographies (with_id)[0], WORKSPACE_ID };
      PpProfileOptions unknown = { "XX", WORKSPACE_ID };
      g_autoptr(PpProfile) filtered = load (path, &one);
      g_autoptr(PpProfile) none = load (path, &unknown);

      g_assert (filtered != NULL || none == NULL);
    }

  return 0;
}
