/* test-source-gnome.c: pp-source-gnome, GNOME's proxy settings from a memory GSettings backend
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_gnome_modes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) proxy = gnome_settings (fixture, "org.gnome.system.proxy");
  g_autoptr(GSettings) http = gnome_settings (fixture, "org.gnome.system.proxy.http");
  g_autoptr(GPtrArray) sources = NULL;
  PpSource *source;

  if (proxy == NULL)
    {
      g_test_skip ("gsettings-desktop-schemas is not installed");
      return;
    }

  g_settings_set_string (proxy, "mode", "none");
  sources = pp_sources_detect (&fixture->options);
  g_assert_nonnull (find_source (sources, "gnome", "mode"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  g_settings_set_string (proxy, "mode", "manual");
  sources = pp_sources_detect (&fixture->options);
  g_assert_true (has_warning (find_source (sources, "gnome", "http host"), "no proxy host"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  g_settings_set_string (http, "host", "p.corp");
  g_settings_set_int (http, "port", 3128);
  g_settings_set_boolean (http, "use-authentication", TRUE);
  g_settings_set_string (http, "authentication-user", "bob");
  g_settings_set_string (http, "authentication-password", CANARY);
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "gnome", ".http host, port");
  g_assert_cmpstr (pp_source_get_meaning (source), ==,
                   "manual proxy http://p.corp:3128 for http URLs (and https URLs when no https proxy is set)");
  source = find_source (sources, "gnome", "authentication-password");
  g_assert_cmpstr (pp_source_get_value (source), ==, "***");
  g_assert_true (has_warning (source, "plain text"));
  assert_no_canary (sources);
  g_clear_pointer (&sources, g_ptr_array_unref);

  g_settings_set_string (proxy, "mode", "auto");
  g_settings_set_string (proxy, "autoconfig-url", "http://wpad/wpad.dat");
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "gnome", "autoconfig-url");
  g_assert_cmpstr (pp_source_get_meaning (source), ==, "PAC from http://wpad/wpad.dat");
  g_assert_true (has_warning (source, "silently answers DIRECT"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  write_file (fixture, "usr/lib/x86_64-linux-gnu/libproxy/0.4.18/modules/pacrunner_webkit.so", "", 0);
  g_settings_set_string (proxy, "autoconfig-url", "");
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "gnome", "mode");
  g_assert_cmpstr (pp_source_get_meaning (source), ==, "PAC file found by WPAD (autoconfig-url is empty)");
  g_assert_null (pp_source_get_warnings (source)[0]);
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/gnome/modes", test_gnome_modes },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
