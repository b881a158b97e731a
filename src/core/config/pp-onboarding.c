/* pp-onboarding.c: what Defender for Endpoint's onboarding says about its path
 *
 * The onboarding blob names the agent's gateway (geoLocationUrl), its
 * datacenter and its data geography. The gateway's host tells the
 * connectivity model: winatp-gw-* is the standard URL set, edr-*.<geo>.
 * endpoint.security.microsoft.com the streamlined one, and the US
 * Government clouds have gateways of their own. Microsoft's own analyzers
 * read the same fields (see /work/shared/reference/mde-onboarding.md).
 *
 * Two shapes are read: mdatp_onboard.json, strictly (three levels of JSON
 * in strings), and an onboarding package a technician has before
 * installing (the Linux Python script, the Windows .cmd, the macOS
 * profile), whose blob is escaped once more in the package's own
 * language: there the fields are found by a scan, the way Microsoft's
 * Linux analyzer finds them with regular expressions.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-onboarding.h"
#include "pp-file.h"
#include "pp-json.h"
#include "pp-log.h"
#include "pp-profile.h"

#include <string.h>

G_DEFINE_QUARK (pp-onboarding-error-quark, pp_onboarding_error)

/* The fields of the innermost object that say where the agent goes. */
static const char * const wanted_fields[] = {
  "geoLocationUrl", "datacenter", "vortexGeoLocation", "vortexServerUrl",
  "partnerGeoLocation", NULL
};

/* Values longer than this are not the names and URLs expected. */
#define MAX_FIELD_LENGTH 512

void
pp_onboarding_free (PpOnboarding *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->connectivity);
  g_free (self->cloud);
  g_free (self->profile);
  g_free (self->geography);
  g_free (self->datacenter);
  g_free (self->gateway_url);
  g_free (self->gateway_host);
  g_free (self->gateway_code);
  g_free (self->data_host);
  g_free (self->note);
  g_free (self);
}

static gboolean
set_malformed (GError     **error,
               const char  *path,
               const char  *format,
               ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_malformed (GError     **error,
               const char  *path,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PP_ONBOARDING_ERROR, PP_ONBOARDING_ERROR_MALFORMED, "%s: %s", path,
               message);

  return FALSE;
}

/* The string member @name of @text's top-level object, parsed as JSON. */
static JsonParser *
parse_level (const char  *path,
             const char  *where,
             const char  *text,
             gssize       length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = pp_json_parse (text, length, &local_error);

  if (parser == NULL)
    {
      set_malformed (error, path, "%s is not JSON (%s): the file is damaged; copy it again "
                     "from the onboarding package", where, local_error->message);
      return NULL;
    }
  /* json-glib reads an empty text as no value at all, without an error. */
  if (json_parser_get_root (parser) == NULL)
    {
      set_malformed (error, path, "%s is empty: not an onboarding file", where);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_malformed (error, path, "%s is %s, not an object: not an onboarding file", where,
                     pp_json_describe_node (json_parser_get_root (parser)));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

static const char *
string_member (JsonParser  *parser,
               const char  *path,
               const char  *where,
               const char  *name,
               GError     **error)
{
  JsonObject *object = json_node_get_object (json_parser_get_root (parser));
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      set_malformed (error, path, "%s has no member \"%s\": not an onboarding file "
                     "(mdatp_onboard.json or an onboarding package)", where, name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_malformed (error, path, "%s.%s is %s, not a string", where, name,
                     pp_json_describe_node (node));
      return NULL;
    }

  return json_node_get_string (node);
}

static void
collect_fields (JsonParser *parser,
                GHashTable *fields)
{
  JsonObject *object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; wanted_fields[i]; i++)
    {
      JsonNode *node = json_object_get_member (object, wanted_fields[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (fields, g_strdup (wanted_fields[i]),
                             g_strdup (json_node_get_string (node)));
    }
}

/* mdatp_onboard.json: { "onboardingInfo": "{\"body\": \"{…}\", …}" } */
static gboolean
read_json_fields (const char  *path,
                  const char  *data,
                  gsize        length,
                  GHashTable  *fields,
                  GError     **error)
{
  g_autoptr(JsonParser) outer = NULL;
  g_autoptr(JsonParser) info = NULL;
  g_autoptr(JsonParser) body = NULL;
  const char *text;

  outer = parse_level (path, "the file", data, length, error);
  if (outer == NULL)
    return FALSE;
  text = string_member (outer, path, "$", "onboardingInfo", error);
  if (text == NULL)
    return FALSE;
  info = parse_level (path, "$.onboardingInfo", text, -1, error);
  if (info == NULL)
    return FALSE;
  text = string_member (info, path, "$.onboardingInfo", "body", error);
  if (text == NULL)
    return FALSE;
  body = parse_level (path, "$.onboardingInfo.body", text, -1, error);
  if (body == NULL)
    return FALSE;
  collect_fields (body, fields);

  return TRUE;
}

/* A package escapes the blob in its own language: any run of backslashes,
 * quotes or &quot; may surround the names and values. */
static void
scan_fields (const char *data,
             gsize       length,
             GHashTable *fields)
{
  for (guint i = 0; wanted_fields[i]; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("%s(?:\\\\|\"|&quot;)*\\s*:\\s*"
                                                  "(?:\\\\|\"|&quot;)*([A-Za-z0-9_.:/-]{1,%d})",
                                                  wanted_fields[i], MAX_FIELD_LENGTH);
      g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      g_assert (regex != NULL);
      if (g_regex_match_full (regex, data, length, 0, 0, &match, NULL))
        g_hash_table_insert (fields, g_strdup (wanted_fields[i]), g_match_info_fetch (match, 1));
    }
}

static gboolean
is_json_file (const char *data,
              gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '{';
}

/* Names such as "WestEurope", "GW_EU", "FFL4": anything else is ignored. */
static gboolean
is_name (const char *value)
{
  if (value == NULL || *value == '\0' || strlen (value) > 64)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/* The part of @host between @prefix and @suffix, if it is one label. */
static char *
middle_label (const char *host,
              const char *prefix,
              const char *suffix)
{
  gsize length = strlen (host);
  g_autofree char *label = NULL;

  if (!g_str_has_prefix (host, prefix) || !g_str_has_suffix (host, suffix) ||
      length <= strlen (prefix) + strlen (suffix))
    return NULL;
  label = g_strndup (host + strlen (prefix), length - strlen (prefix) - strlen (suffix));
  if (strchr (label, '.') != NULL || !is_name (label))
    return NULL;

  return g_steal_pointer (&label);
}

/* Standard gateways of the US Government clouds
 * (defender-docs standard-device-connectivity-urls-gov.md). */
static const struct {
  const char *code;
  const char *cloud;
  const char *profile;
  const char *note;
} gov_gateways[] = {
  { "usmt", "GCC", "mde-gcc", NULL },
  { "usmv", "GCC", "mde-gcc", NULL },
  { "usgt", "GCC High", "mde-gcc-high",
    "winatp-gw-usgt serves both GCC High and DoD tenants: on a DoD device choose "
    "--profile mde-dod" },
  { "usgv", "DoD", "mde-dod", NULL },
};

/* The commercial datacenters of the standard gateways, by geography. */
static const struct {
  const char *code;
  const char *geography;
} commercial_gateways[] = {
  { "cus", "US" }, { "eus", "US" }, { "cus3", "US" }, { "eus3", "US" },
  { "weu", "EU" }, { "neu", "EU" }, { "weu3", "EU" }, { "neu3", "EU" },
  { "uks", "UK" }, { "ukw", "UK" }, { "aus", "AU" }, { "aue", "AU" },
};

static void
interpret_standard (PpOnboarding *self,
                    GHashTable   *fields)
{
  const char *vortex = g_hash_table_lookup (fields, "vortexGeoLocation");

  self->connectivity = g_strdup ("standard");
  for (guint i = 0; i < G_N_ELEMENTS (gov_gateways); i++)
    if (g_str_equal (self->gateway_code, gov_gateways[i].code))
      {
        self->cloud = g_strdup (gov_gateways[i].cloud);
        self->profile = g_strdup (gov_gateways[i].profile);
        self->note = g_strdup (gov_gateways[i].note);
        self->data_host = g_strdup ("us4-v20.events.data.microsoft.com");
        return;
      }

  self->cloud = g_strdup ("commercial");
  self->profile = g_strdup ("mde-standard");
  if (is_name (vortex))
    {
      g_autofree char *lower = g_ascii_strdown (vortex, -1);

      self->geography = g_ascii_strup (vortex, -1);
      self->data_host = g_strdup_printf ("%s-v20.events.data.microsoft.com", lower);
    }
  for (guint i = 0; self->geography == NULL && i < G_N_ELEMENTS (commercial_gateways); i++)
    if (g_str_equal (self->gateway_code, commercial_gateways[i].code))
      self->geography = g_strdup (commercial_gateways[i].geography);
}

/* edr-<code>.<region>.endpoint.security.microsoft.com */
static gboolean
split_streamlined (const char  *host,
                   char       **code,
                   char       **region)
{
  const char *suffix = ".endpoint.security.microsoft.com";
  g_autofree char *front = NULL;
  g_auto(GStrv) labels = NULL;

  if (!g_str_has_prefix (host, "edr-") || !g_str_has_suffix (host, suffix) ||
      strlen (host) <= strlen ("edr-") + strlen (suffix))
    return FALSE;
  front = g_strndup (host + strlen ("edr-"), strlen (host) - strlen ("edr-") - strlen (suffix));
  labels = g_strsplit (front, ".", -1);
  if (g_strv_length (labels) != 2 || !is_name (labels[0]) || !is_name (labels[1]))
    return FALSE;

  *code = g_strdup (labels[0]);
  *region = g_ascii_strup (labels[1], -1);
  return TRUE;
}

static void
interpret_streamlined (PpOnboarding *self,
                       const char   *region,
                       GHashTable   *fields)
{
  const char *partner = g_hash_table_lookup (fields, "partnerGeoLocation");

  self->connectivity = g_strdup ("streamlined");
  self->cloud = g_strdup ("commercial");
  self->profile = g_strdup ("mde-streamlined");
  if (is_name (partner))
    self->geography = g_ascii_strup (partner, -1);
  else
    self->geography = g_strdup_printf ("GW_%s", region);
}

/* The geography only if the profile has it: a default must never turn
 * a run nobody configured into bad input. */
static void
check_geography (PpOnboarding *self)
{
  g_auto(GStrv) geographies = NULL;

  if (self->profile == NULL || self->geography == NULL ||
      !pp_profile_describe_bundled (self->profile, NULL, NULL, &geographies, NULL, NULL))
    return;

  for (guint i = 0; geographies[i]; i++)
    if (g_ascii_strcasecmp (geographies[i], self->geography) == 0)
      return;

  g_free (self->note);
  self->note = g_strdup_printf ("its geography %s is not one of profile %s's: every "
                                "geography is probed", self->geography, self->profile);
  g_clear_pointer (&self->geography, g_free);
}

static gboolean
interpret (PpOnboarding  *self,
           GHashTable    *fields,
           GError       **error)
{
  const char *url = g_hash_table_lookup (fields, "geoLocationUrl");
  const char *datacenter = g_hash_table_lookup (fields, "datacenter");
  const char *server = g_hash_table_lookup (fields, "vortexServerUrl");
  g_autofree char *region = NULL;

  if (url == NULL)
    return set_malformed (error, self->path, "no geoLocationUrl found: not an onboarding "
                          "file (mdatp_onboard.json or an onboarding package)");
  self->gateway_url = g_strndup (url, MAX_FIELD_LENGTH);
  self->gateway_host = host_of (url);
  if (self->gateway_host == NULL)
    return set_malformed (error, self->path, "geoLocationUrl '%s' is not a URL",
                          self->gateway_url);
  self->datacenter = is_name (datacenter) ? g_strdup (datacenter) : NULL;

  if ((self->gateway_code = middle_label (self->gateway_host, "winatp-gw-", ".microsoft.com")))
    interpret_standard (self, fields);
  else if (split_streamlined (self->gateway_host, &self->gateway_code, &region))
    interpret_streamlined (self, region, fields);
  else if (g_str_has_suffix (self->gateway_host, ".endpoint.security.microsoft.us"))
    {
      self->connectivity = g_strdup ("streamlined");
      self->cloud = g_strdup ("US Government");
      self->note = g_strdup ("Microsoft publishes the streamlined US Government URLs only as "
                             "*.endpoint.security.microsoft.us: there is no bundled profile "
                             "for them, so the defaults are unchanged");
    }
  else
    {
      g_set_error (error, PP_ONBOARDING_ERROR, PP_ONBOARDING_ERROR_UNKNOWN,
                   "%s: the gateway %s is neither a standard (winatp-gw-*) nor a streamlined "
                   "(*.endpoint.security.microsoft.com) one: choose --profile yourself",
                   self->path, self->gateway_host);
      return FALSE;
    }

  if (server != NULL)
    {
      g_free (self->data_host);
      self->data_host = host_of (server);
    }
  check_geography (self);

  return TRUE;
}

/**
 * pp_onboarding_parse:
 * @path: the file's name, for messages
 *
 * Returns: (transfer full): what the onboarding says, or NULL with a
 * PP_ONBOARDING_ERROR that names @path and what is wrong
 */
PpOnboarding *
pp_onboarding_parse (const char  *path,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(PpOnboarding) self = g_new0 (PpOnboarding, 1);

  g_return_val_if_fail (path != NULL && data != NULL, NULL);

  self->path = g_strdup (path);
  if (is_json_file (data, length))
    {
      if (!read_json_fields (path, data, length, fields, error))
        return NULL;
    }
  else
    scan_fields (data, length, fields);

  if (!interpret (self, fields, error))
    return NULL;
  pp_debug ("onboarding %s: %s connectivity, %s cloud, gateway %s, profile %s, geography %s",
            path, self->connectivity, self->cloud, self->gateway_host,
            self->profile ? self->profile : "(none)", self->geography ? self->geography : "(all)");

  return g_steal_pointer (&self);
}

/**
 * pp_onboarding_read:
 * @sysroot: (nullable): prefix of the machine's file
 * @package: (nullable): an onboarding file or package to read instead
 *
 * Returns: (transfer full) (nullable): what the onboarding says; NULL
 * without an error when @package is NULL and the machine is not onboarded
 */
PpOnboarding *
pp_onboarding_read (const char  *sysroot,
                    const char  *package,
                    GError     **error)
{
  g_autofree char *path = package ? g_strdup (package)
                                  : g_build_filename (sysroot ? sysroot : "/",
                                                      PP_ONBOARDING_PATH, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (package == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      pp_debug ("%s does not exist: the agent is not onboarded", path);
      return NULL;
    }

  data = pp_file_read_bounded (path, PP_ONBOARDING_MAX_SIZE, &length, &local_error);
  if (data == NULL)
    {
      g_set_error (error, PP_ONBOARDING_ERROR, PP_ONBOARDING_ERROR_UNREADABLE,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return pp_onboarding_parse (path, data, length, error);
}

/* Whether the agent talks to @endpoint now: its gateway, its data host,
 * or its datacenter's investigation storage (automatedirstr<prd|ff|fm><code>). */
gboolean
pp_onboarding_agent_uses (const PpEndpoint *endpoint,
                          gpointer          onboarding)
{
  const PpOnboarding *self = onboarding;
  g_autofree char *host = NULL;
  const char *dot;

  g_return_val_if_fail (endpoint != NULL && self != NULL, FALSE);

  host = host_of (endpoint->url);
  if (host == NULL)
    return FALSE;
  if (g_strcmp0 (host, self->gateway_host) == 0 || g_strcmp0 (host, self->data_host) == 0)
    return TRUE;
  if (self->gateway_code == NULL || (dot = strchr (host, '.')) == NULL ||
      !(g_str_equal (dot, ".blob.core.windows.net") ||
        g_str_equal (dot, ".blob.core.usgovcloudapi.net")))
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      const char *kinds[] = { "prd", "ff", "fm" };
      g_autofree char *label = g_strconcat ("automatedirstr", kinds[i], self->gateway_code, NULL);

      if (strlen (label) == (gsize) (dot - host) && strncmp (host, label, dot - host) == 0)
        return TRUE;
    }

  return FALSE;
}

/* "standard connectivity, commercial cloud: gateway https://…, datacenter WestEurope" */
char *
pp_onboarding_describe (const PpOnboarding *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s connectivity, %s cloud: gateway %s", self->connectivity,
                          self->cloud, self->gateway_url);
  if (self->datacenter)
    g_string_append_printf (text, ", datacenter %s", self->datacenter);
  if (self->data_host)
    g_string_append_printf (text, ", data %s", self->data_host);

  return g_string_free (text, FALSE);
}

/* "Profile mde-standard and geography EU from FILE (--profile and --geography win)" */
char *
pp_onboarding_format_defaults (const PpOnboarding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->profile == NULL)
    return g_strdup_printf ("No default from %s: %s", self->path, self->note);

  return g_strdup_printf ("Profile %s%s%s from %s (an explicit --profile or --geography "
                          "wins)%s%s", self->profile, self->geography ? " and geography " : "",
                          self->geography ? self->geography : "", self->path,
                          self->note ? "; " : "", self->note ? self->note : "");
}
