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

/* One load an input (a file is parsed once for each): the last byte picks
 * the options, so that the fuzzer reaches each of them from every document. */
static PpProfileOptions
options_for (const uint8_t *data,
             size_t         size)
{
  static const PpProfileOptions choices[] = {
    { NULL, NULL },           /* every geography, no workspace ID */
    { NULL, WORKSPACE_ID },   /* ...with one, for {workspace_id} */
    { "US", WORKSPACE_ID },   /* one geography of the bundled profiles */
    { "XX", NULL },           /* a geography no profile has */
  };

  return choices[size > 0 ? data[size - 1] % G_N_ELEMENTS (choices) : 0];
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PpProfileOptions options = options_for (data, size);
  g_autoptr(PpProfile) profile = load (pp_fuzz_file_path (data, size), &options);

  /* A profile for one geography has only its and worldwide endpoints. */
  for (guint i = 0; options.geography && profile && i < pp_profile_get_n_endpoints (profile); i++)
    {
      const char *geography = pp_profile_get_endpoint (profile, i)->geography;

      g_assert (g_str_equal (geography, pp_profile_get_geography (profile)) ||
                g_str_equal (geography, "WW"));
    }

  return 0;
}
