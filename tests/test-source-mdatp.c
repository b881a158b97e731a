/* test-source-mdatp.c: pp-source-mdatp, Defender for Endpoint's managed
 * proxy and its locally set one
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

/* Defender's managed file: its proxy found, its password never shown. */
static void
test_mdatp_managed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  PpSource *source;

  write_file (fixture, "etc/opt/microsoft/mdatp/managed/mdatp_managed.json",
              "{\"cloudService\": {\"proxy\": \"http://m:" CANARY "@mdatp.corp:8080\"}}", -1);
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "mdatp", "cloudService.proxy");
  g_assert_nonnull (source);
  assert_no_canary (sources);
}

/* The locally set proxy is not guessed at: the snapshot says so, and
 * names the command that shows it when the agent is installed. */
static void
test_mdatp_local_setting (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = pp_sources_detect (&fixture->options);
  PpSource *source;

  g_assert_null (find_source (sources, "mdatp", "mdatp config proxy set"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  write_file (fixture, "usr/bin/mdatp", "#!/bin/sh\n", -1);
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "mdatp", "mdatp config proxy set");
  g_assert_nonnull (strstr (pp_source_get_provenance (source), "undocumented"));
  g_assert_cmpstr (pp_source_get_meaning (source), ==, "not readable without the mdatp command");
  g_assert_cmpstr (pp_source_get_value (source), ==, "");
  g_assert_true (has_warning (source, "mdatp health"));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/mdatp-managed", test_mdatp_managed },
    { "/sources/mdatp-local", test_mdatp_local_setting },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
