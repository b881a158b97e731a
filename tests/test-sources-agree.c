/* test-sources-agree.c: sources compared with each other, and the sources
 * that need more than a file: apt's #include, the user manager over D-Bus,
 * Defender's local setting
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


/* A systemd user manager with nothing but its Environment property. */
static const char systemd_xml[] =
  "<node><interface name='org.freedesktop.systemd1.Manager'>"
  "<property name='Environment' type='as' access='read'/></interface></node>";

static GVariant *
manager_get_property_cb (GDBusConnection *connection, const char *sender, const char *path,
                         const char *iface, const char *property, GError **error, gpointer data)
{
  const char * const env[] = { "LANG=C.UTF-8", "https_proxy=http://m.corp:3128", NULL };

  return g_variant_new_strv (env, -1);
}

static const GDBusInterfaceVTable manager_vtable = { NULL, manager_get_property_cb, NULL, { 0 } };
static const char * const manager_objects[][2] = {
  { "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager" },
};

/* The manager is asked over D-Bus; the command is only the fallback, so
 * a failing command must not matter while the bus answers. */
static void
test_manager_dbus (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const failing[] = { "false", NULL };
  const char * const printing[] = { "printf", "https_proxy=http://c.corp:1\\n", NULL };
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GPtrArray) sources = NULL;
  MockService mock = { "org.freedesktop.systemd1", systemd_xml, manager_objects,
                       G_N_ELEMENTS (manager_objects), &manager_vtable };
  PpSource *source;

  g_test_dbus_up (dbus);
  fixture->options.session_bus_address = g_test_dbus_get_bus_address (dbus);
  fixture->options.manager_environment = NULL;

  /* No systemd on this bus yet: the command answers, and says so. */
  fixture->options.manager_command = printing;
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "environment", "user manager's environment: https_proxy");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://c.corp:1");
  g_assert_nonnull (strstr (pp_source_get_provenance (source), "(systemctl --user show-environment)"));
  g_clear_pointer (&sources, g_ptr_array_unref);

  mock_service_start (&mock, g_test_dbus_get_bus_address (dbus));

  fixture->options.manager_command = failing;
  sources = pp_sources_detect (&fixture->options);
  source = find_source (sources, "environment", "user manager's environment: https_proxy");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://m.corp:3128");
  g_assert_cmpstr (pp_source_get_provenance (source), ==,
                   "the systemd user manager's environment: https_proxy (D-Bus "
                   "org.freedesktop.systemd1 /org/freedesktop/systemd1 Manager.Environment)");

  mock_service_stop (&mock);
  g_test_dbus_down (dbus);
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
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sources/conflict/gnome-environment", test_gnome_env_disagree);
  ADD ("/sources/conflict/gnome-kde", test_gnome_kde_disagree);
  ADD ("/sources/environment/manager-dbus", test_manager_dbus);
  ADD ("/sources/apt-include", test_apt_include);
  ADD ("/sources/mdatp-local", test_mdatp_local_setting);
#undef ADD

  return g_test_run ();
}
