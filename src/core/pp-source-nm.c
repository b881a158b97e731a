/* pp-source-nm.c: NetworkManager's per-connection proxy and DHCP WPAD
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-nm.h"
#include "pp-source-reader.h"

#include <string.h>

#define NM_NAME "org.freedesktop.NetworkManager"
#define NM_PATH "/org/freedesktop/NetworkManager"
#define CALL_TIMEOUT_MS 5000

static GVariant *
get_property (GDBusConnection  *bus,
              const char       *path,
              const char       *iface,
              const char       *name,
              GError          **error)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *value = NULL;

  reply = g_dbus_connection_call_sync (bus, NM_NAME, path, "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", iface, name), G_VARIANT_TYPE ("(v)"),
                                       G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL, error);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &value);

  return value;
}

static GDBusConnection *
open_bus (const PpSourcesOptions  *options,
          GError                 **error)
{
  if (options->system_bus)
    return g_object_ref (options->system_bus);
  if (options->system_bus_address)
    return g_dbus_connection_new_for_address_sync (options->system_bus_address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, error);

  return g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, error);
}

/* NMSettingProxyMethod: 0 none, 1 auto. Nothing on Debian 12 applies
 * these (there is no PacRunner), so they are reported, not trusted. */
static void
read_proxy_setting (const char *connection_path,
                    const char *id,
                    GVariant   *proxy,
                    GPtrArray  *out)
{
  g_autofree char *pac_url = NULL;
  g_autofree char *pac_script = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *meaning = NULL;
  int method = 0;

  g_variant_lookup (proxy, "method", "i", &method);
  g_variant_lookup (proxy, "pac-url", "s", &pac_url);
  g_variant_lookup (proxy, "pac-script", "s", &pac_script);

  provenance = g_strdup_printf ("%s Settings.Connection.GetSettings proxy.method, proxy.pac-url, "
                                "proxy.pac-script (connection '%s')", connection_path, id);
  if (method != 1)
    {
      pp_source_add (out, "networkmanager", provenance, "none", "no proxy for this connection", NULL, NULL);
      return;
    }

  if (pac_url && *pac_url)
    meaning = g_strdup_printf ("PAC from %s", pac_url);
  else if (pac_script && *pac_script)
    meaning = g_strdup ("PAC from the script stored in the connection");
  else
    meaning = g_strdup ("PAC file found by WPAD");
  pp_source_add (out, "networkmanager", provenance, pac_url && *pac_url ? pac_url : "auto", meaning, NULL,
                 "NetworkManager's proxy settings are applied only by PacRunner, which Debian 12 "
                 "does not ship: no application uses them; set the proxy in the desktop settings too");
}

static void
read_settings (GDBusConnection *bus,
               const char      *connection_path,
               const char      *id,
               GPtrArray       *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) settings = NULL;
  g_autoptr(GVariant) proxy = NULL;

  reply = g_dbus_connection_call_sync (bus, NM_NAME, connection_path,
                                       NM_NAME ".Settings.Connection", "GetSettings", NULL,
                                       G_VARIANT_TYPE ("(a{sa{sv}})"), G_DBUS_CALL_FLAGS_NONE,
                                       CALL_TIMEOUT_MS, NULL, &error);
  if (reply == NULL)
    {
      g_autofree char *warning = g_strdup_printf ("The settings of connection '%s' cannot be read: %s",
                                                  id, error->message);

      pp_source_add (out, "networkmanager", connection_path, "", "unknown proxy settings", NULL, warning);
      return;
    }

  settings = g_variant_get_child_value (reply, 0);
  proxy = g_variant_lookup_value (settings, "proxy", G_VARIANT_TYPE_VARDICT);
  if (proxy != NULL)
    read_proxy_setting (connection_path, id, proxy, out);
}

static void
read_dhcp4 (GDBusConnection *bus,
            const char      *dhcp_path,
            const char      *id,
            GPtrArray       *out)
{
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *provenance = NULL;
  g_autofree char *meaning = NULL;
  g_autofree char *url = NULL;
  const char *raw;
  gsize len;

  options = get_property (bus, dhcp_path, NM_NAME ".DHCP4Config", "Options", NULL);
  if (options == NULL || !g_variant_lookup (options, "wpad", "&s", &raw))
    return;

  len = strlen (raw);
  url = pp_source_check_wpad (raw, len, warnings);
  provenance = g_strdup_printf ("%s DHCP4Config.Options wpad (connection '%s')", dhcp_path, id);
  meaning = g_strdup_printf ("PAC from %s (DHCP option 252; no Linux browser uses it)", url);
  g_ptr_array_add (out, pp_source_new ("dhcp", provenance, url, meaning, NULL, warnings));
}

static void
read_active (GDBusConnection *bus,
             const char      *active_path,
             GPtrArray       *out)
{
  const char *iface = NM_NAME ".Connection.Active";
  g_autoptr(GVariant) connection = get_property (bus, active_path, iface, "Connection", NULL);
  g_autoptr(GVariant) id = get_property (bus, active_path, iface, "Id", NULL);
  g_autoptr(GVariant) dhcp4 = get_property (bus, active_path, iface, "Dhcp4Config", NULL);
  const char *name = id ? g_variant_get_string (id, NULL) : active_path;

  if (connection && g_variant_is_of_type (connection, G_VARIANT_TYPE_OBJECT_PATH))
    read_settings (bus, g_variant_get_string (connection, NULL), name, out);
  if (dhcp4 && g_variant_is_of_type (dhcp4, G_VARIANT_TYPE_OBJECT_PATH) &&
      !g_str_equal (g_variant_get_string (dhcp4, NULL), "/"))
    read_dhcp4 (bus, g_variant_get_string (dhcp4, NULL), name, out);
}

static gboolean
is_not_running (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER);
}

void
pp_source_read_nm (const PpSourcesOptions *options,
                   GPtrArray              *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = open_bus (options, &error);
  g_autoptr(GVariant) active = NULL;
  g_autofree const char **paths = NULL;

  if (bus != NULL)
    active = get_property (bus, NM_PATH, NM_NAME, "ActiveConnections", &error);
  if (active == NULL || !g_variant_is_of_type (active, G_VARIANT_TYPE_OBJECT_PATH_ARRAY))
    {
      g_autofree char *warning = NULL;

      /* Without NetworkManager there is nothing to report. */
      if (error == NULL || is_not_running (error))
        return;
      warning = g_strdup_printf ("NetworkManager cannot be asked over the system bus (%s): its "
                                 "per-connection proxy and DHCP WPAD are unknown", error->message);
      pp_source_add (out, "networkmanager", NM_PATH " ActiveConnections", "",
                     "unknown: NetworkManager could not be asked", NULL, warning);
      return;
    }

  paths = g_variant_get_objv (active, NULL);
  for (guint i = 0; paths[i]; i++)
    read_active (bus, paths[i], out);
}
