/* test-sources.c: every proxy configuration source, from fixture trees
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

static void
test_apt_and_mdatp (Fixture       *fixture,
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
  write_file (fixture, "etc/opt/microsoft/mdatp/managed/mdatp_managed.json",
              "{\"cloudService\": {\"proxy\": \"http://m:" CANARY "@mdatp.corp:8080\"}}", -1);
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
  source = find_source (sources, "mdatp", "cloudService.proxy");
  g_assert_nonnull (source);
  assert_no_canary (sources);
}

static void
test_leases (Fixture       *fixture,
             gconstpointer  data)
{
  const char *url = "http://wpad.corp/wpad.dat";
  g_autoptr(GString) hex = g_string_new ("ADDRESS=10.0.0.2\nOPTION_252=");
  g_autoptr(GPtrArray) sources = NULL;
  PpSource *source;

  for (const char *p = url; *p; p++)
    g_string_append_printf (hex, "%02x", (guchar) *p);
  g_string_append (hex, "00\n");
  write_file (fixture, "run/systemd/netif/leases/2", hex->str, -1);
  write_file (fixture, "var/lib/dhcp/dhclient.eth0.leases",
              "lease {\n  option wpad \"ftp://old\";\n}\n"
              "lease {\n  option wpad \"ftp://x.corp/p\\000\\nevil\";\n}\n", -1);
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "dhcp", "OPTION_252");
  g_assert_cmpstr (pp_source_get_value (source), ==, url);
  g_assert_null (pp_source_get_warnings (source)[0]);
  source = find_source (sources, "dhcp", "option wpad");
  g_assert_cmpstr (pp_source_get_value (source), ==, "ftp://x.corp/p");
  g_assert_true (has_warning (source, "NUL or line break"));
  g_assert_true (has_warning (source, "not an http or https URL"));
}

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
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sources/gnome/modes", test_gnome_modes);
  ADD ("/sources/kde/types", test_kde_types);
  ADD ("/sources/environment/disagree", test_environment);
  ADD ("/sources/environment/manager-fails", test_manager_command_fails);
  ADD ("/sources/apt-and-mdatp", test_apt_and_mdatp);
  ADD ("/sources/leases", test_leases);
  ADD ("/sources/networkmanager", test_networkmanager);
  ADD ("/sources/networkmanager/no-bus", test_no_bus_is_a_warning);
  ADD ("/sources/flatpak-sandbox", test_flatpak_sandbox);
#undef ADD

  return g_test_run ();
}
