/* pp-host.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-host.h"
#include "pp-file.h"
#include "pp-json.h"
#include "pp-log.h"

#include <gio/gio.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>

/* Proxy Probe's application id for the machine-id hash (a random
 * UUID, fixed forever: changing it would make every host a new one). */
static const guint8 app_key[16] = {
  0x6b, 0x1f, 0x3e, 0x92, 0x0c, 0x55, 0x4d, 0xa8, 0x9f, 0x21, 0x7e, 0xc4, 0x38, 0xb0, 0x16, 0xd3,
};

/* A fleet host has a handful; a container host may have hundreds. */
#define MAX_ADDRESSES 16

void
pp_host_free (PpHost *host)
{
  g_free (host->host_name);
  g_free (host->fqdn);
  g_free (host->machine_id);
  g_free (host->os_id);
  g_free (host->os_version);
  g_free (host->os_name);
  g_free (host->default_interface);
  g_strfreev (host->addresses);
  g_free (host);
}

PpHost *
pp_host_copy (const PpHost *host)
{
  PpHost *copy = g_new0 (PpHost, 1);

  g_return_val_if_fail (host != NULL, NULL);

  copy->host_name = g_strdup (host->host_name);
  copy->fqdn = g_strdup (host->fqdn);
  copy->machine_id = g_strdup (host->machine_id);
  copy->os_id = g_strdup (host->os_id);
  copy->os_version = g_strdup (host->os_version);
  copy->os_name = g_strdup (host->os_name);
  copy->default_interface = g_strdup (host->default_interface);
  copy->addresses = g_strdupv (host->addresses);
  copy->anonymized = host->anonymized;

  return copy;
}

PpHost *
pp_host_copy_anonymized (const PpHost *host)
{
  PpHost *copy = pp_host_copy (host);

  g_clear_pointer (&copy->host_name, g_free);
  g_clear_pointer (&copy->fqdn, g_free);
  g_strfreev (copy->addresses);
  copy->addresses = g_new0 (char *, 1);
  copy->anonymized = TRUE;

  return copy;
}

/* HMAC-SHA256 keyed with the machine id over Proxy Probe's application
 * id, as sd_id128_get_machine_app_specific() does: stable per machine,
 * useless to anyone looking for the raw id, and different from every
 * other application's hash of the same machine. */
char *
pp_host_hash_machine_id (const char *machine_id)
{
  g_autofree char *text = g_strstrip (g_strdup (machine_id ? machine_id : ""));
  g_autoptr(GHmac) hmac = NULL;
  guint8 key[16], digest[32];
  gsize digest_len = sizeof digest;
  char out[33];

  if (strlen (text) != 32 || strspn (text, "0123456789abcdefABCDEF") != 32)
    return NULL;
  for (guint i = 0; i < 16; i++)
    key[i] = g_ascii_xdigit_value (text[2 * i]) << 4 | g_ascii_xdigit_value (text[2 * i + 1]);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, sizeof key);
  g_hmac_update (hmac, app_key, sizeof app_key);
  g_hmac_get_digest (hmac, digest, &digest_len);
  for (guint i = 0; i < 16; i++)
    g_snprintf (out + 2 * i, 3, "%02x", digest[i]);

  return g_strdup (out);
}

static char *
read_machine_id (void)
{
  static const char * const paths[] = { "/etc/machine-id", "/var/lib/dbus/machine-id", NULL };

  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *text = pp_file_read_bounded (paths[i], 4096, NULL, NULL);
      char *hash = text ? pp_host_hash_machine_id (text) : NULL;

      if (hash != NULL)
        return hash;
    }
  pp_debug ("no machine-id: the report names no machine identifier");

  return NULL;
}

/* Destination and mask 0, flag RTF_UP (1): the IPv4 default route. */
char *
pp_host_parse_default_route (const char *proc_net_route)
{
  g_auto(GStrv) lines = g_strsplit (proc_net_route ? proc_net_route : "", "\n", 0);

  /* The first line names the columns. */
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " \t", 0);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; fields[j]; j++)
        if (*fields[j])
          g_ptr_array_add (words, fields[j]);
      if (i > 0 && words->len >= 8 && g_str_equal (g_ptr_array_index (words, 1), "00000000") &&
          g_str_equal (g_ptr_array_index (words, 7), "00000000") &&
          (g_ascii_strtoull (g_ptr_array_index (words, 3), NULL, 16) & 1))
        return g_strdup (g_ptr_array_index (words, 0));
    }

  return NULL;
}

static char *
read_default_interface (void)
{
  g_autofree char *text = pp_file_read_bounded ("/proc/net/route", PP_FILE_MAX_CONFIG_SIZE,
                                                NULL, NULL);

  return pp_host_parse_default_route (text);
}

static gboolean
names_host (char      **words,
            const char *host_name)
{
  for (guint j = 1; words[j]; j++)
    if (g_ascii_strcasecmp (words[j], host_name) == 0 ||
        (g_str_has_prefix (words[j], host_name) && words[j][strlen (host_name)] == '.'))
      return TRUE;

  return FALSE;
}

char *
pp_host_fqdn_from_hosts (const char *etc_hosts,
                         const char *host_name)
{
  g_auto(GStrv) lines = g_strsplit (etc_hosts ? etc_hosts : "", "\n", 0);

  if (host_name == NULL || *host_name == '\0')
    return NULL;
  if (strchr (host_name, '.'))
    return g_strdup (host_name);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) words = NULL;

      if (strchr (lines[i], '#'))
        *strchr (lines[i], '#') = '\0';
      words = g_strsplit_set (g_strstrip (lines[i]), " \t", 0);
      if (words[0] == NULL || !names_host (words, host_name))
        continue;
      for (guint j = 1; words[j]; j++)
        if (strchr (words[j], '.') && g_ascii_strncasecmp (words[j], host_name,
                                                           strlen (host_name)) == 0)
          return g_strdup (words[j]);
    }

  return NULL;
}

static gboolean
is_primary_candidate (struct ifaddrs *ifa)
{
  if (ifa->ifa_addr == NULL || (ifa->ifa_flags & IFF_LOOPBACK) || !(ifa->ifa_flags & IFF_UP))
    return FALSE;
  if (ifa->ifa_addr->sa_family == AF_INET)
    return TRUE;

  return ifa->ifa_addr->sa_family == AF_INET6 &&
         !IN6_IS_ADDR_LINKLOCAL (&((struct sockaddr_in6 *) ifa->ifa_addr)->sin6_addr);
}

static char *
address_text (struct sockaddr *sa)
{
  g_autoptr(GSocketAddress) address =
    g_socket_address_new_from_native (sa, sa->sa_family == AF_INET ? sizeof (struct sockaddr_in)
                                                                   : sizeof (struct sockaddr_in6));

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;

  return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

/* The default route's interface's addresses; without a default route,
 * every interface's but loopback (a host behind a proxy needs none). */
static char **
read_addresses (const char *default_interface)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) == 0)
    {
      for (struct ifaddrs *ifa = list; ifa && out->len < MAX_ADDRESSES; ifa = ifa->ifa_next)
        {
          char *text;

          if (!is_primary_candidate (ifa) ||
              (default_interface && g_strcmp0 (ifa->ifa_name, default_interface) != 0))
            continue;
          text = address_text (ifa->ifa_addr);
          if (text != NULL)
            g_ptr_array_add (out, text);
        }
      freeifaddrs (list);
    }
  g_ptr_array_add (out, NULL);

  return (char **) g_ptr_array_steal (out, NULL);
}

PpHost *
pp_host_new_for_this_host (void)
{
  PpHost *host = g_new0 (PpHost, 1);
  g_autofree char *hosts = pp_file_read_bounded ("/etc/hosts", PP_FILE_MAX_CONFIG_SIZE, NULL, NULL);

  host->host_name = g_strdup (g_get_host_name ());
  host->fqdn = pp_host_fqdn_from_hosts (hosts, host->host_name);
  host->machine_id = read_machine_id ();
  host->os_id = g_get_os_info (G_OS_INFO_KEY_ID);
  host->os_version = g_get_os_info (G_OS_INFO_KEY_VERSION_ID);
  host->os_name = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  host->default_interface = read_default_interface ();
  host->addresses = read_addresses (host->default_interface);
  pp_debug ("this host: %s (FQDN %s), default route via %s, %u primary addresses",
            host->host_name, host->fqdn ? host->fqdn : "unknown",
            host->default_interface ? host->default_interface : "none",
            g_strv_length (host->addresses));

  return host;
}

char *
pp_host_get_display_name (const PpHost *host)
{
  g_return_val_if_fail (host != NULL, NULL);

  if (host->fqdn)
    return g_strdup (host->fqdn);
  if (host->host_name)
    return g_strdup (host->host_name);

  return g_strdup_printf ("anonymized host %.8s", host->machine_id ? host->machine_id : "unknown");
}

static const char *
or_unknown (const char *value)
{
  return value && *value ? value : "(unknown)";
}

/* English on purpose, as the rest of ProxyProbeResult.txt. */
char *
pp_host_format_text (const PpHost *host)
{
  g_autofree char *addresses = g_strjoinv (", ", host->addresses);
  const char *removed = "(removed: --anonymize)";

  return g_strdup_printf ("Host: %s\nFQDN: %s\nMachine ID: %s\nOS: %s\n"
                          "Addresses: %s\nDefault route: %s\n",
                          host->anonymized ? removed : or_unknown (host->host_name),
                          host->anonymized ? removed : or_unknown (host->fqdn),
                          or_unknown (host->machine_id), or_unknown (host->os_name),
                          host->anonymized ? removed : *addresses ? addresses : "(none)",
                          host->default_interface ? host->default_interface : "(none)");
}

void
pp_host_add_json (const PpHost *host,
                  JsonBuilder  *builder)
{
  json_builder_begin_object (builder);
  pp_json_add_string_member (builder, "host_name", host->host_name);
  pp_json_add_string_member (builder, "fqdn", host->fqdn);
  pp_json_add_string_member (builder, "machine_id", host->machine_id);
  json_builder_set_member_name (builder, "os");
  json_builder_begin_object (builder);
  pp_json_add_string_member (builder, "id", host->os_id);
  pp_json_add_string_member (builder, "version_id", host->os_version);
  pp_json_add_string_member (builder, "pretty_name", host->os_name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "addresses");
  json_builder_begin_array (builder);
  for (guint i = 0; host->addresses[i]; i++)
    json_builder_add_string_value (builder, host->addresses[i]);
  json_builder_end_array (builder);
  pp_json_add_string_member (builder, "default_route_interface", host->default_interface);
  json_builder_set_member_name (builder, "anonymized");
  json_builder_add_boolean_value (builder, host->anonymized);
  pp_json_add_string_member (builder, "anonymized_note", host->anonymized
              ? "host name, FQDN and addresses removed (--anonymize); machine_id is a keyed hash"
              : NULL);
  json_builder_end_object (builder);
}

/* A string of at most 255 bytes: a host fact is never longer, and a
 * received report's strings end up in every fleet page. */
static char *
dup_short_string (JsonObject *object,
                  const char *name)
{
  const char *value = pp_json_get_string_member (object, name);

  return value && strlen (value) <= 255 ? g_strdup (value) : NULL;
}

static char **
read_addresses_json (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "addresses");
  g_autoptr(GPtrArray) out = pp_json_dup_strings (node && JSON_NODE_HOLDS_ARRAY (node)
                                                  ? json_node_get_array (node) : NULL,
                                                  MAX_ADDRESSES, 64);

  g_ptr_array_add (out, NULL);

  return (char **) g_ptr_array_steal (out, NULL);
}

PpHost *
pp_host_new_from_json (JsonObject *object)
{
  JsonObject *os = pp_json_get_object_member (object, "os");
  JsonNode *anonymized;
  PpHost *host;

  if (object == NULL)
    return NULL;
  anonymized = json_object_get_member (object, "anonymized");
  host = g_new0 (PpHost, 1);
  host->host_name = dup_short_string (object, "host_name");
  host->fqdn = dup_short_string (object, "fqdn");
  host->machine_id = dup_short_string (object, "machine_id");
  host->os_id = dup_short_string (os, "id");
  host->os_version = dup_short_string (os, "version_id");
  host->os_name = dup_short_string (os, "pretty_name");
  host->default_interface = dup_short_string (object, "default_route_interface");
  host->addresses = read_addresses_json (object);
  host->anonymized = anonymized && JSON_NODE_HOLDS_VALUE (anonymized) &&
                     json_node_get_value_type (anonymized) == G_TYPE_BOOLEAN &&
                     json_node_get_boolean (anonymized);

  return host;
}
