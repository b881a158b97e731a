/* test-source-env.c: pp-source-env, the proxy variables of this process, of
 * /etc/environment and of the systemd user manager (its D-Bus property
 * from a manager of the test's own)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const process[] = { "https_proxy=http://u:" CANARY "@p.corp:3128", NULL };
  const char * const manager[] = { "https_proxy=http://q.corp:3128", NULL };
  g_autoptr(GPtrArray) sources = NULL;
  PpSource *source;

  write_file (fixture, "etc/environment", "# comment\nhttps_proxy=\"http://e.corp:3128\"\n", -1);
  fixture->options.environment = process;
  fixture->options.manager_environment = manager;
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "environment", "this process's environment: https_proxy");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://u:***@p.corp:3128");
  g_assert_true (has_warning (source, "differs"));
  source = find_source (sources, "environment", "/etc/environment: https_proxy");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://e.corp:3128");
  g_assert_nonnull (find_source (sources, "environment", "user manager's environment: https_proxy"));
  assert_no_canary (sources);
}

static void
test_manager_command_fails (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const command[] = { "false", NULL };
  g_autoptr(GPtrArray) sources = NULL;

  fixture->options.manager_environment = NULL;
  fixture->options.manager_command = command;
  sources = pp_sources_detect (&fixture->options);
  g_assert_true (has_warning (find_source (sources, "environment", "user manager"), "cannot be read"));
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

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/environment/disagree", test_environment },
    { "/sources/environment/manager-fails", test_manager_command_fails },
    { "/sources/environment/manager-dbus", test_manager_dbus },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
