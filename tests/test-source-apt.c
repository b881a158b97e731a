/* test-source-apt.c: pp-source-apt, apt's proxy settings, its #include
 * and conf.d files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_apt_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GSettings) proxy = gnome_settings (fixture, "org.gnome.system.proxy");
  g_autoptr(GSettings) http = gnome_settings (fixture, "org.gnome.system.proxy.http");
  PpSource *source;

  if (proxy)
    {
      g_settings_set_string (proxy, "mode", "manual");
      g_settings_set_string (http, "host", "p.corp");
      g_settings_set_int (http, "port", 3128);
    }
  write_file (fixture, "etc/apt/apt.conf.d/01proxy",
              "// apt proxy\n"
              "Acquire::http::Proxy \"http://a:" CANARY "@apt.corp:3142\";\n"
              "Acquire::http::Proxy::deb.corp \"DIRECT\";\n"
              "Acquire::https::Proxy \"http://apt.corp:3142\";\n"
              "Acquire::http::Proxy-Auto-Detect \"/usr/bin/auto-apt-proxy\";\n", -1);
  write_file (fixture, "etc/apt/apt.conf",
              "Acquire {\n  ftp::Proxy \"http://f:1\";\n  https {\n    Proxy::repo.corp \"http://r.corp:8000\";\n  };\n};\n", -1);
  write_file (fixture, "etc/apt/apt.conf.d/ignored.bak", "Acquire::http::Proxy \"http://x:1\";\n", -1);
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "apt", "line 2: Acquire::http::Proxy");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://a:***@apt.corp:3142");
  if (proxy)
    g_assert_true (has_warning (source, "desktop proxy is http://p.corp:3128"));
  g_assert_cmpstr (pp_source_get_meaning (find_source (sources, "apt", "Proxy::deb.corp")), ==,
                   "apt connects directly to deb.corp");
  g_assert_nonnull (find_source (sources, "apt", "Proxy-Auto-Detect"));
  g_assert_null (find_source (sources, "apt", "ignored.bak"));
  g_assert_cmpstr (pp_source_get_meaning (find_source (sources, "apt", "line 4: Acquire::https::Proxy::repo.corp")),
                   ==, "apt uses proxy http://r.corp:8000 for repo.corp");
  assert_no_canary (sources);
}

static void
test_apt_include (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *extra = g_build_filename (fixture->root, "etc/apt/extra.conf", NULL);
  PpSource *source;

  /* An absolute name stays inside the sysroot; a relative one is relative
   * to the including file; a directory is read like apt.conf.d. */
  write_file (fixture, "etc/apt/apt.conf",
              "#include \"/etc/apt/extra.conf\";\n#include proxies.d;\n", -1);
  write_file (fixture, "etc/apt/extra.conf",
              "Acquire::http::Proxy \"http://inc.corp:3128\";\n#include \"loop.conf\";\n", -1);
  write_file (fixture, "etc/apt/loop.conf", "#include \"extra.conf\";\n", -1);
  write_file (fixture, "etc/apt/apt.conf.d/02escape", "#include \"../../../../../../etc/apt\";\n", -1);
  write_file (fixture, "etc/apt/proxies.d/10dir", "Acquire::https::Proxy \"http://dir.corp:1\";\n", -1);
  write_file (fixture, "etc/apt/apt.conf.d/05deep", "#include \"../deep/d0.conf\";\n", -1);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("etc/apt/deep/d%u.conf", i);
      g_autofree char *body = g_strdup_printf ("Acquire::http::Proxy::d%u.corp \"DIRECT\";\n"
                                               "#include \"d%u.conf\";\n", i, i + 1);

      write_file (fixture, name, body, -1);
    }
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "apt", "extra.conf line 1: Acquire::http::Proxy");
  g_assert_nonnull (source);
  g_assert_true (g_str_has_prefix (pp_source_get_provenance (source), extra));
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://inc.corp:3128");
  g_assert_nonnull (find_source (sources, "apt", "proxies.d/10dir line 1: Acquire::https::Proxy"));

  source = find_source (sources, "apt", "loop.conf line 1: #include");
  g_assert_nonnull (source);
  g_assert_true (has_warning (source, "already being read"));

  source = find_source (sources, "apt", "02escape line 1: #include");
  g_assert_nonnull (source);
  g_assert_true (has_warning (source, "outside the examined system"));

  /* 05deep and d0 … d6 make eight files open; d7 is not read. */
  g_assert_nonnull (find_source (sources, "apt", "Proxy::d6.corp"));
  g_assert_null (find_source (sources, "apt", "Proxy::d7.corp"));
  source = find_source (sources, "apt", "d6.conf line 2: #include");
  g_assert_nonnull (source);
  g_assert_true (has_warning (source, "nested more than 8 deep"));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/apt-files", test_apt_files },
    { "/sources/apt-include", test_apt_include },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
