/* test-source-nm.c: pp-source-nm, NetworkManager's proxy settings over
 * D-Bus, from a NetworkManager of the test's own
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

/* A mock NetworkManager, served from a thread of its own so that the
 * synchronous calls of the code under test do not block it. */
static const char mock_xml[] =
  "<node>"
  "<interface name='org.freedesktop.NetworkManager'>"
  "<property name='ActiveConnections' type='ao' access='read'/></interface>"
  "<interface name='org.freedesktop.NetworkManager.Connection.Active'>"
  "<property name='Connection' type='o' access='read'/>"
  "<property name='Id' type='s' access='read'/>"
  "<property name='Dhcp4Config' type='o' access='read'/></interface>"
  "<interface name='org.freedesktop.NetworkManager.Settings.Connection'>"
  "<method name='GetSettings'><arg name='s' type='a{sa{sv}}' direction='out'/></method></interface>"
  "<interface name='org.freedesktop.NetworkManager.DHCP4Config'>"
  "<property name='Options' type='a{sv}' access='read'/></interface>"
  "</node>";

static GVariant *
mock_get_property_cb (GDBusConnection *connection, const char *sender, const char *path,
                      const char *iface, const char *name, GError **error, gpointer data)
{
  if (g_str_equal (name, "ActiveConnections"))
    {
      const char *paths[] = { "/org/freedesktop/NetworkManager/ActiveConnection/1", NULL };
      return g_variant_new_objv (paths, -1);
    }
  if (g_str_equal (name, "Connection"))
    return g_variant_new_object_path ("/org/freedesktop/NetworkManager/Settings/1");
  if (g_str_equal (name, "Id"))
    return g_variant_new_string ("Office");
  if (g_str_equal (name, "Dhcp4Config"))
    return g_variant_new_object_path ("/org/freedesktop/NetworkManager/DHCP4Config/1");
  {
    g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "wpad", g_variant_new_string ("http://wpad.office/wpad.dat"));
    return g_variant_builder_end (&builder);
  }
}

static void
mock_method_call_cb (GDBusConnection *connection, const char *sender, const char *path,
                     const char *iface, const char *method, GVariant *parameters,
                     GDBusMethodInvocation *invocation, gpointer data)
{
  GVariantBuilder settings, proxy;

  g_variant_builder_init (&proxy, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&proxy, "{sv}", "method", g_variant_new_int32 (1));
  g_variant_builder_add (&proxy, "{sv}", "pac-url", g_variant_new_string ("http://nm:" CANARY "@pac.office/proxy.pac"));
  g_variant_builder_init (&settings, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_builder_add (&settings, "{sa{sv}}", "proxy", &proxy);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a{sa{sv}})", &settings));
}

static const GDBusInterfaceVTable nm_vtable = { mock_method_call_cb, mock_get_property_cb, NULL, { 0 } };
static const char * const nm_objects[][2] = {
  { "/org/freedesktop/NetworkManager", "org.freedesktop.NetworkManager" },
  { "/org/freedesktop/NetworkManager/ActiveConnection/1", "org.freedesktop.NetworkManager.Connection.Active" },
  { "/org/freedesktop/NetworkManager/Settings/1", "org.freedesktop.NetworkManager.Settings.Connection" },
  { "/org/freedesktop/NetworkManager/DHCP4Config/1", "org.freedesktop.NetworkManager.DHCP4Config" },
};

static void
test_networkmanager (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GPtrArray) sources = NULL;
  MockService mock = { "org.freedesktop.NetworkManager", mock_xml, nm_objects,
                       G_N_ELEMENTS (nm_objects), &nm_vtable };
  PpSource *source;

  g_test_dbus_up (dbus);
  mock_service_start (&mock, g_test_dbus_get_bus_address (dbus));
  fixture->options.system_bus_address = mock.address;
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "networkmanager", "proxy.method");
  g_assert_cmpstr (pp_source_get_meaning (source), ==, "PAC from http://nm:***@pac.office/proxy.pac");
  assert_no_canary (sources);
  g_assert_true (has_warning (source, "PacRunner"));
  source = find_source (sources, "dhcp", "DHCP4Config.Options wpad");
  g_assert_cmpstr (pp_source_get_value (source), ==, "http://wpad.office/wpad.dat");
  /* GNOME's default "none" is no statement: no conflict. */
  g_assert_null (conflict (sources));

  /* The desktop names a proxy of its own: the connection's is not used. */
  if (set_gnome_manual (fixture, "manual", "p.corp"))
    {
      const char *warning;

      fixture->options.environment = (const char *[]) { "https_proxy=http://p.corp:3128", NULL };
      g_ptr_array_unref (sources);
      sources = pp_sources_detect (&fixture->options);
      warning = conflict (sources);
      g_assert_nonnull (strstr (warning, "sets the PAC file http://nm:***@pac.office/proxy.pac, but GNOME "
                                         "applications use the proxy http://p.corp:3128"));
    }

  mock_service_stop (&mock);
  g_test_dbus_down (dbus);
}

static void
test_no_bus_is_a_warning (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = pp_sources_detect (&fixture->options);

  g_assert_true (has_warning (find_source (sources, "networkmanager", "ActiveConnections"),
                              "cannot be asked"));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/networkmanager", test_networkmanager },
    { "/sources/networkmanager/no-bus", test_no_bus_is_a_warning },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
