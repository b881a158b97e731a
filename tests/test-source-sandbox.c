/* test-source-sandbox.c: pp-source-sandbox, a Flatpak sandbox sees little of
 * the host's configuration and says so
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_flatpak_sandbox (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = pp_sources_detect (&fixture->options);
  PpSource *source;

  g_assert_null (find_source (sources, "sandbox", ".flatpak-info"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  write_file (fixture, ".flatpak-info", "[Application]\nname=io.github.proxyprobe.ProxyProbe\n", -1);
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "sandbox", ".flatpak-info");
  g_assert_cmpstr (pp_source_get_value (source), ==, "io.github.proxyprobe.ProxyProbe");
  g_assert_true (has_warning (source, "Run proxyprobe-cli on the host"));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/flatpak-sandbox", test_flatpak_sandbox },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
