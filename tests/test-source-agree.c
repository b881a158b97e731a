/* test-source-agree.c: pp-source-agree, the sources compared with each other
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static const char *
conflict_with_env (Fixture            *fixture,
                   const char * const *env,
                   GPtrArray         **sources)
{
  g_clear_pointer (sources, g_ptr_array_unref);
  fixture->options.environment = env;
  *sources = pp_sources_detect (&fixture->options);

  return conflict (*sources);
}

static void
test_gnome_env_disagree (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const same[] = { "https_proxy=P.corp:3128/", NULL };
  const char * const other[] = { "https_proxy=http://u:" CANARY "@q.corp:8080", NULL };
  const char * const gnome_desktop[] = { "XDG_CURRENT_DESKTOP=ubuntu:GNOME",
                                         "https_proxy=http://q.corp:8080", NULL };
  const char * const kde_desktop[] = { "XDG_CURRENT_DESKTOP=KDE",
                                       "https_proxy=http://q.corp:8080", NULL };
  g_autoptr(GPtrArray) sources = NULL;
  const char *warning;

  if (!set_gnome_manual (fixture, "manual", "p.corp"))
    return;

  warning = conflict_with_env (fixture, no_env, &sources);
  g_assert_nonnull (strstr (warning, "GNOME applications use the proxy http://p.corp:3128 for "
                                     "https URLs, but https_proxy is not set"));
  g_assert_nonnull (strstr (warning, "set https_proxy and http_proxy to http://p.corp:3128 in "
                                     "/etc/environment"));
  g_assert_null (conflict_with_env (fixture, same, &sources));

  warning = conflict_with_env (fixture, other, &sources);
  g_assert_nonnull (strstr (warning, "https_proxy is http://u:***@q.corp:8080: the browser and "
                                     "command-line tools take different routes"));
  assert_no_canary (sources);

  /* "none" is GNOME's default: it counts only where GNOME runs. */
  g_assert_true (set_gnome_manual (fixture, "none", "p.corp"));
  warning = conflict_with_env (fixture, gnome_desktop, &sources);
  g_assert_nonnull (strstr (warning, "https_proxy is http://q.corp:8080, but GNOME's proxy mode "
                                     "is none"));
  g_assert_nonnull (strstr (warning, "Settings → Network → Proxy"));
  g_assert_null (conflict_with_env (fixture, kde_desktop, &sources));
}

static void
test_gnome_kde_disagree (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  const char *warning;

  if (!set_gnome_manual (fixture, "manual", "p.corp"))
    return;
  /* Only the desktops are compared here. */
  fixture->options.environment = (const char *[]) { "https_proxy=http://p.corp:3128", NULL };

  write_file (fixture, "home/user/.config/kioslaverc",
              "[Proxy Settings]\nProxyType=1\nhttpProxy=http://k.corp 8080\n", -1);
  sources = pp_sources_detect (&fixture->options);
  warning = conflict (sources);
  g_assert_cmpstr (warning, ==, "GNOME applications use the proxy http://p.corp:3128 but KDE "
                                "applications use the proxy http://k.corp:8080: the same program "
                                "behaves differently in each desktop; set the same in GNOME "
                                "Settings → Network → Proxy and KDE System Settings → Network → "
                                "Proxy");
  g_clear_pointer (&sources, g_ptr_array_unref);

  write_file (fixture, "home/user/.config/kioslaverc",
              "[Proxy Settings]\nProxyType=1\nhttpProxy=http://p.corp 3128\n", -1);
  sources = pp_sources_detect (&fixture->options);
  g_assert_null (conflict (sources));
  g_clear_pointer (&sources, g_ptr_array_unref);

  /* KDE's default "no proxy" is no statement. */
  write_file (fixture, "home/user/.config/kioslaverc", "[Proxy Settings]\nProxyType=0\n", -1);
  sources = pp_sources_detect (&fixture->options);
  g_assert_null (conflict (sources));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/conflict/gnome-environment", test_gnome_env_disagree },
    { "/sources/conflict/gnome-kde", test_gnome_kde_disagree },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
