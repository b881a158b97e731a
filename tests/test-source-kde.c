/* test-source-kde.c: pp-source-kde, KDE's kioslaverc in each proxy type
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_kde_types (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *body;
    const char *meaning;
  } cases[] = {
    { "ProxyType=0\n", "no proxy: KDE applications connect directly" },
    { "ProxyType=1\nhttpProxy=http://k.corp 8080\n", "manual proxy http://k.corp:8080 for http URLs" },
    { "ProxyType=2\nProxy Config Script=http://pac.corp/p.pac\n", "PAC from http://pac.corp/p.pac" },
    { "ProxyType=3\n", "PAC file found by WPAD" },
    { "ProxyType=4\nhttpProxy=MY_PROXY\n", "proxy for http URLs taken from the variable MY_PROXY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strconcat ("[Proxy Settings]\n", cases[i].body, NULL);
      g_autoptr(GPtrArray) sources = NULL;
      PpSource *found = NULL;

      write_file (fixture, "home/user/.config/kioslaverc", body, -1);
      sources = pp_sources_detect (&fixture->options);
      for (guint j = 0; j < sources->len; j++)
        if (g_str_equal (pp_source_get_meaning (g_ptr_array_index (sources, j)), cases[i].meaning))
          found = g_ptr_array_index (sources, j);
      g_assert_nonnull (found);
      if (i == 4)
        g_assert_true (has_warning (found, "name of a variable"));
    }
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/kde/types", test_kde_types },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
