/* pp-profile.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-profile.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "pp-core-resources.h"

#define SCHEMA_ID           "proxyprobe-profile/1"
#define RESOURCE_PREFIX     "/io/github/proxyprobe/ProxyProbe/profiles/"
#define WORKSPACE_TOKEN     "{workspace_id}"
#define MAX_FILE_SIZE       (4 * 1024 * 1024)
#define MAX_ENDPOINTS       10000
#define MAX_SHOWN_CHARS     120
#define WORKSPACE_ID_HINT \
  "pass --workspace-id with the workspace GUID shown in the Azure portal " \
  "(Log Analytics workspace, Overview, Workspace ID)"

struct _PpProfile
{
  GObject parent_instance;

  char *name;
  char *title;
  char *description;
  char *geography;      /* the chosen one, or NULL for all */
  char **geographies;   /* never NULL */
  GPtrArray *endpoints; /* of PpEndpoint */
};

G_DEFINE_FINAL_TYPE (PpProfile, pp_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-profile-error-quark, pp_profile_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_GEOGRAPHY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const bundled_names[] = {
  "mde-standard", "mde-streamlined", "mma-legacy", NULL
};
static const char * const pin_sets[] = {
  "microsoft-2011", "microsoft-2011+digicert-g2", NULL
};
static const char * const profile_keys[] = {
  "schema", "name", "title", "description", "geographies", "endpoints", NULL
};
static const char * const endpoint_keys[] = {
  "url", "service", "http_method", "expected_status", "trust", "geography",
  "source", NULL
};

static void
pp_profile_finalize (GObject *object)
{
  PpProfile *self = (PpProfile *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->geography, g_free);
  g_clear_pointer (&self->geographies, g_strfreev);
  g_clear_pointer (&self->endpoints, g_ptr_array_unref);

  G_OBJECT_CLASS (pp_profile_parent_class)->finalize (object);
}

static void
pp_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PpProfile *self = PP_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_GEOGRAPHY:
      g_value_set_string (value, self->geography);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_profile_class_init (PpProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_profile_finalize;
  object_class->get_property = pp_profile_get_property;

  /* A profile never changes after loading: choosing another geography or
   * workspace loads a new one, so the properties are read-only. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOGRAPHY] =
    g_param_spec_string ("geography", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_profile_init (PpProfile *self)
{
  self->geographies = g_new0 (char *, 1);
  self->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
}

static PpProfile *
pp_profile_new (const char *name,
                const char *title,
                const char *description)
{
  PpProfile *self = g_object_new (PP_TYPE_PROFILE, NULL);

  self->name = g_strdup (name);
  self->title = g_strdup (title);
  self->description = g_strdup (description ? description : "");

  return self;
}

/* Quotes user input in a message: control characters would garble a
 * terminal, and a runaway line would bury the rest of the message. */
static char *
shown (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) str = g_string_new (NULL);
  glong n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      if (n_chars == MAX_SHOWN_CHARS)
        {
          g_string_append (str, "…");
          break;
        }
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (str, "\\x%02x", (guchar) *p);
      else
        g_string_append_len (str, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static gboolean invalid (GError     **error,
                         const char  *file,
                         const char  *path,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* Sets a schema error of the form "FILE: $.endpoints[3].url: message" and
 * returns FALSE, so that checks can end with "return invalid (...)". */
static gboolean
invalid (GError     **error,
         const char  *file,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
               "%s: %s: %s", file, path, message);
  return FALSE;
}

static gboolean
host_is_plausible (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  /* GUri accepts almost anything between "//" and "/"; curl would then
   * fail with a resolver error that hides the typo. Bytes above 0x7f are
   * allowed for internationalized names. */
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' &&
        (guchar) *p < 0x80)
      return FALSE;

  return TRUE;
}

static gboolean
url_is_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  /* A space or control character is always a copy-and-paste accident. */
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return host_is_plausible (g_uri_get_host (uri));
}

/**
 * pp_url_validate:
 * @url: a URL typed by a person or read from a file
 * @error: return location for a %PP_PROFILE_ERROR_INVALID error
 *
 * Checks that @url is an absolute http or https URL with a host name.
 * The message does not name where the URL came from: callers prefix it
 * with the file and line or the option.
 *
 * Returns: whether @url can be probed
 */
gboolean
pp_url_validate (const char  *url,
                 GError     **error)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url_is_valid (url))
    return TRUE;

  quoted = shown (url);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
               "'%s' is not an http or https URL", quoted);
  return FALSE;
}

/* Reads at most MAX_FILE_SIZE bytes: a profile or URL list is small, and
 * a wrong path (a disk image, /dev/zero) must not exhaust memory. The
 * result is NUL-terminated. */
static char *
read_bounded (const char  *path,
              const char  *what,
              gsize       *length,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 chunk[16384];
  gssize n_read;

  stream = g_file_read (file, NULL, &local_error);
  while (stream != NULL &&
         (n_read = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                        NULL, &local_error)) > 0)
    {
      if (buffer->len + n_read > MAX_FILE_SIZE)
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                       "%s: the file is larger than 4 MiB, far larger than any %s; "
                       "check that this is the right file", path, what);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n_read);
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                     "%s: no such file; check the path of the %s", path, what);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                     "%s: this is a directory; give the path of the %s itself", path, what);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                     "%s: permission denied; make the %s readable by this user", path, what);
      else
        g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                     "%s: cannot read the %s: %s", path, what, local_error->message);
      return NULL;
    }

  /* Notepad saves UTF-8 with a byte order mark, which neither json-glib
   * nor the URL parser expects. */
  if (buffer->len >= 3 && memcmp (buffer->data, "\xef\xbb\xbf", 3) == 0)
    g_byte_array_remove_range (buffer, 0, 3);

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}

/* Names the line of the first invalid byte: json-glib only says that the
 * data is not UTF-8, and a URL list would otherwise fail on a garbled URL. */
static gboolean
check_utf8 (const char  *file,
            const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    line += (*p == '\n');

  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
               "%s: line %u: the file is not UTF-8 text; save it as UTF-8", file, line);
  return FALSE;
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: message"; people
 * read "FILE: line L, column C: message". */
static void
set_syntax_error (const char    *file,
                  const GError  *json_error,
                  GError       **error)
{
  const char *message = json_error->message;
  guint line, column;
  int offset = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &offset) == 2 && offset > 0)
    {
      message += offset;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                   "%s: line %u, column %u: %s", file, line, column, message);
    }
  else
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                   "%s: %s", file, message);
    }
}

static JsonNode *
parse_json (const char  *file,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  if (!check_utf8 (file, data, length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      set_syntax_error (file, json_error, error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                   "%s: the file is empty; a profile is a JSON object", file);
      return NULL;
    }

  return json_node_ref (root);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "true or false";
    default:
      return "a number";
    }
}

/* "$.endpoints[3]" + "url" -> "$.endpoints[3].url"; keys that are not
 * identifiers are quoted so that the path stays unambiguous. */
static char *
member_path (const char *parent,
             const char *key)
{
  g_autofree char *quoted = NULL;
  gboolean plain = g_ascii_isalpha (*key) || *key == '_';

  for (const char *p = key; plain && *p != '\0'; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';

  if (plain)
    return g_strconcat (parent, ".", key, NULL);

  quoted = shown (key);
  return g_strdup_printf ("%s[\"%s\"]", parent, quoted);
}

static gboolean
check_keys (const char  *file,
            const char  *path,
            JsonObject  *object,
            const char  *const *allowed,
            const char  *what,
            GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *where = NULL;
      g_autofree char *keys = NULL;

      if (g_strv_contains (allowed, l->data))
        continue;

      where = member_path (path, l->data);
      keys = g_strjoinv (", ", (char **) allowed);
      return invalid (error, file, where, "unknown key; the keys of %s are %s", what, keys);
    }

  return TRUE;
}

static JsonNode *
get_member (const char  *file,
            const char  *path,
            JsonObject  *object,
            const char  *key,
            JsonNodeType type,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = member_path (path, key);

  if (node == NULL)
    invalid (error, file, path, "the required key \"%s\" is missing", key);
  else if (JSON_NODE_TYPE (node) != type)
    invalid (error, file, where, "expected %s, found %s",
             type == JSON_NODE_ARRAY ? "an array" : "an object", describe_node (node));
  else
    return node;

  return NULL;
}

/* Optional keys are NULL when absent; required ones must not be empty
 * either, as an empty name or URL is never what the author meant. */
static gboolean
get_string (const char  *file,
            const char  *path,
            JsonObject  *object,
            const char  *key,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = member_path (path, key);

  *out = NULL;
  if (node == NULL && !required)
    return TRUE;
  if (node == NULL)
    return invalid (error, file, path, "the required key \"%s\" is missing", key);
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, file, where, "expected a string, found %s", describe_node (node));

  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return invalid (error, file, where, "must not be empty");

  return TRUE;
}

static char **
parse_geographies (const char  *file,
                   JsonObject  *root,
                   GError     **error)
{
  JsonNode *node = get_member (file, "$", root, "geographies", JSON_NODE_ARRAY, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL)
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("$.geographies[%u]", i);
      g_autofree char *quoted = NULL;
      const char *geography;

      if (JSON_NODE_TYPE (item) != JSON_NODE_VALUE ||
          json_node_get_value_type (item) != G_TYPE_STRING ||
          *(geography = json_node_get_string (item)) == '\0')
        {
          invalid (error, file, where, "expected a geography name such as \"US\"");
          return NULL;
        }

      quoted = shown (geography);
      if (g_ascii_strcasecmp (geography, "WW") == 0)
        {
          invalid (error, file, where, "do not list WW: worldwide endpoints are always probed");
          return NULL;
        }
      for (guint j = 0; j < seen->len; j++)
        if (g_ascii_strcasecmp (geography, g_ptr_array_index (seen, j)) == 0)
          {
            invalid (error, file, where, "'%s' is listed twice", quoted);
            return NULL;
          }

      g_ptr_array_add (seen, (gpointer) geography);
      g_strv_builder_add (builder, geography);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_status_code (const char  *file,
                   const char  *path,
                   JsonNode    *item,
                   guint       *code,
                   GError     **error)
{
  gint64 value;

  if (JSON_NODE_TYPE (item) != JSON_NODE_VALUE ||
      json_node_get_value_type (item) != G_TYPE_INT64)
    return invalid (error, file, path, "expected a whole number, found %s%s",
                    describe_node (item),
                    JSON_NODE_HOLDS_VALUE (item) &&
                    json_node_get_value_type (item) == G_TYPE_DOUBLE ? " with a fraction or exponent" : "");

  value = json_node_get_int (item);
  if (value < 100 || value > 599)
    return invalid (error, file, path, "%" G_GINT64_FORMAT " is not an HTTP status "
                    "(100 to 599)", value);

  *code = (guint) value;
  return TRUE;
}

/* Fills @codes; leaving it empty means "any", as in PpEndpoint. */
static gboolean
parse_expected (const char  *file,
                const char  *path,
                JsonObject  *object,
                GArray      *codes,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, "expected_status");
  g_autofree char *where = member_path (path, "expected_status");
  JsonArray *array;

  if (node == NULL)
    return invalid (error, file, path, "the required key \"expected_status\" is missing");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (node), "any") == 0)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    return invalid (error, file, where, "expected a list of HTTP statuses such as [200, 404], "
                    "or \"any\"");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", where, i);
      guint code;

      if (!parse_status_code (file, item_path, json_array_get_element (array, i), &code, error))
        return FALSE;
      g_array_append_val (codes, code);
    }

  return TRUE;
}

static gboolean
check_trust (const char  *file,
             const char  *path,
             const char  *trust,
             GError     **error)
{
  g_autofree char *where = member_path (path, "trust");
  g_autofree char *quoted = shown (trust);
  g_autofree char *sets = NULL;

  if (g_str_equal (trust, "system"))
    return TRUE;

  if (!g_str_has_prefix (trust, "pinned:"))
    return invalid (error, file, where, "'%s' is not a trust setting; use \"system\" "
                    "or \"pinned:<set>\"", quoted);

  if (g_strv_contains (pin_sets, trust + strlen ("pinned:")))
    return TRUE;

  sets = g_strjoinv (", ", (char **) pin_sets);
  return invalid (error, file, where, "'%s' names an unknown pin set; the pin sets are %s",
                  quoted, sets);
}

/* The URL is checked with a sample workspace ID in place of the
 * placeholder, so that a broken profile is reported even before the user
 * has found their workspace ID. */
static gboolean
check_url (const char  *file,
           const char  *path,
           const char  *url,
           GError     **error)
{
  g_autoptr(GString) sample = g_string_new (url);
  g_autoptr(GError) url_error = NULL;
  g_autofree char *where = member_path (path, "url");
  g_autofree char *quoted = shown (url);

  g_string_replace (sample, WORKSPACE_TOKEN, "00000000-0000-0000-0000-000000000000", 0);
  if (strchr (sample->str, '{') != NULL || strchr (sample->str, '}') != NULL)
    return invalid (error, file, where, "'%s' contains an unknown placeholder; "
                    "the only placeholder is " WORKSPACE_TOKEN, quoted);

  if (!pp_url_validate (sample->str, &url_error))
    return invalid (error, file, where, "'%s' is not an http or https URL", quoted);

  return TRUE;
}

static gboolean
check_geography (const char         *file,
                 const char         *path,
                 const char         *geography,
                 const char * const *geographies,
                 GError            **error)
{
  g_autofree char *where = member_path (path, "geography");
  g_autofree char *quoted = shown (geography);
  g_autofree char *listed = NULL;

  if (g_str_equal (geography, "WW") || g_strv_contains (geographies, geography))
    return TRUE;

  if (geographies[0] == NULL)
    return invalid (error, file, where, "'%s' is not \"WW\", and $.geographies is empty",
                    quoted);

  listed = g_strjoinv (", ", (char **) geographies);
  return invalid (error, file, where, "'%s' is not \"WW\" or one of $.geographies (%s)",
                  quoted, listed);
}

static PpEndpoint *
parse_endpoint (const char         *file,
                guint               index,
                JsonNode           *node,
                const char * const *geographies,
                GError            **error)
{
  g_autofree char *path = g_strdup_printf ("$.endpoints[%u]", index);
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *url, *service, *method, *trust, *geography, *source;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, file, path, "expected an object, found %s", describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_keys (file, path, object, endpoint_keys, "an endpoint", error) ||
      !get_string (file, path, object, "url", TRUE, &url, error) ||
      !check_url (file, path, url, error) ||
      !get_string (file, path, object, "service", TRUE, &service, error) ||
      !get_string (file, path, object, "http_method", TRUE, &method, error) ||
      !parse_expected (file, path, object, codes, error) ||
      !get_string (file, path, object, "trust", TRUE, &trust, error) ||
      !check_trust (file, path, trust, error) ||
      !get_string (file, path, object, "geography", TRUE, &geography, error) ||
      !check_geography (file, path, geography, geographies, error) ||
      !get_string (file, path, object, "source", FALSE, &source, error))
    return NULL;

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      g_autofree char *where = member_path (path, "http_method");
      g_autofree char *quoted = shown (method);

      invalid (error, file, where, "'%s' is not supported; use GET or HEAD", quoted);
      return NULL;
    }

  return pp_endpoint_new (url, service, method, (const guint *) (gpointer) codes->data,
                          codes->len, trust, geography);
}

static gboolean
parse_endpoints (const char  *file,
                 JsonObject  *root,
                 PpProfile   *self,
                 GError     **error)
{
  JsonNode *node = get_member (file, "$", root, "endpoints", JSON_NODE_ARRAY, error);
  JsonArray *array;
  guint n_endpoints;

  if (node == NULL)
    return FALSE;

  array = json_node_get_array (node);
  n_endpoints = json_array_get_length (array);
  if (n_endpoints > MAX_ENDPOINTS)
    return invalid (error, file, "$.endpoints", "%u endpoints are more than the limit of %u; "
                    "split the profile into several files", n_endpoints, MAX_ENDPOINTS);

  for (guint i = 0; i < n_endpoints; i++)
    {
      PpEndpoint *endpoint = parse_endpoint (file, i, json_array_get_element (array, i),
                                             (const char * const *) self->geographies, error);
      if (endpoint == NULL)
        return FALSE;
      g_ptr_array_add (self->endpoints, endpoint);
    }

  return TRUE;
}

/* Returns the whole profile, every geography and placeholders intact. */
static PpProfile *
profile_from_json (const char  *file,
                   JsonNode    *root,
                   GError     **error)
{
  g_autoptr(PpProfile) self = NULL;
  const char *schema, *name, *title, *description;
  g_auto(GStrv) geographies = NULL;
  g_autofree char *quoted = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, file, "$", "expected an object, found %s", describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!check_keys (file, "$", object, profile_keys, "a profile", error) ||
      !get_string (file, "$", object, "schema", TRUE, &schema, error))
    return NULL;

  quoted = shown (schema);
  if (!g_str_equal (schema, SCHEMA_ID))
    {
      invalid (error, file, "$.schema", "'%s' is not supported; this version of "
                      "Proxy Probe reads \"" SCHEMA_ID "\"", quoted);
      return NULL;
    }

  if (!get_string (file, "$", object, "name", TRUE, &name, error) ||
      !get_string (file, "$", object, "title", TRUE, &title, error) ||
      !get_string (file, "$", object, "description", FALSE, &description, error))
    return NULL;

  geographies = parse_geographies (file, object, error);
  if (geographies == NULL)
    return NULL;

  self = pp_profile_new (name, title, description);
  g_strfreev (self->geographies);
  self->geographies = g_steal_pointer (&geographies);
  if (!parse_endpoints (file, object, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Maps the user's spelling ("eu") to the profile's ("EU"). */
static gboolean
resolve_geography (PpProfile   *all,
                   const char  *requested,
                   const char **geography,
                   GError     **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *listed = NULL;

  *geography = NULL;
  if (requested == NULL)
    return TRUE;

  for (guint i = 0; all->geographies[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (requested, all->geographies[i]) == 0)
        {
          *geography = all->geographies[i];
          return TRUE;
        }
    }

  quoted = shown (requested);
  if (all->geographies[0] == NULL)
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY,
                   "'%s' is not a geography of profile %s; this profile has no "
                   "geographies, so do not choose one", quoted, all->name);
      return FALSE;
    }

  listed = g_strjoinv (", ", all->geographies);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY,
               "'%s' is not a geography of profile %s; choose one of %s",
               quoted, all->name, listed);
  return FALSE;
}

static gboolean
is_guid (const char *text)
{
  if (strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = (i == 8 || i == 13 || i == 18 || i == 23);

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Returns the lower-case workspace ID, as the service host names use it. */
static char *
resolve_workspace_id (const char  *profile_name,
                      const char  *requested,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (requested ? requested : ""));
  g_autofree char *quoted = NULL;

  if (*stripped == '\0')
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID,
                   "Profile %s needs the Log Analytics workspace ID: " WORKSPACE_ID_HINT,
                   profile_name);
      return NULL;
    }

  if (is_guid (stripped))
    return g_ascii_strdown (stripped, -1);

  quoted = shown (requested);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID,
               "'%s' is not a workspace ID (a GUID such as "
               "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d): " WORKSPACE_ID_HINT, quoted);
  return NULL;
}

static PpEndpoint *
endpoint_with_url (const PpEndpoint *endpoint,
                   const char       *url)
{
  return pp_endpoint_new (url, endpoint->service, endpoint->http_method,
                          (const guint *) (gpointer) endpoint->expected->data,
                          endpoint->expected->len, endpoint->trust, endpoint->geography);
}

static gboolean
needs_workspace_id (GPtrArray *endpoints)
{
  for (guint i = 0; i < endpoints->len; i++)
    {
      const PpEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (strstr (endpoint->url, WORKSPACE_TOKEN) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Only the endpoints that will be probed need the workspace ID, so it is
 * asked for after filtering by geography. */
static gboolean
substitute_workspace_id (PpProfile   *self,
                         const char  *requested,
                         GError     **error)
{
  g_autofree char *workspace_id = NULL;

  if (!needs_workspace_id (self->endpoints))
    return TRUE;

  workspace_id = resolve_workspace_id (self->name, requested, error);
  if (workspace_id == NULL)
    return FALSE;

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);
      g_autoptr(GString) url = g_string_new (endpoint->url);

      g_string_replace (url, WORKSPACE_TOKEN, workspace_id, 0);
      g_ptr_array_index (self->endpoints, i) = endpoint_with_url (endpoint, url->str);
      pp_endpoint_unref (endpoint);
    }

  return TRUE;
}

static PpProfile *
apply_options (PpProfile               *all,
               const PpProfileOptions  *options,
               GError                 **error)
{
  g_autoptr(PpProfile) self = NULL;
  const char *geography;

  if (!resolve_geography (all, options ? options->geography : NULL, &geography, error))
    return NULL;

  self = pp_profile_new (all->name, all->title, all->description);
  self->geography = g_strdup (geography);
  g_strfreev (self->geographies);
  self->geographies = g_strdupv (all->geographies);

  for (guint i = 0; i < all->endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (all->endpoints, i);

      if (geography == NULL || g_str_equal (endpoint->geography, "WW") ||
          g_str_equal (endpoint->geography, geography))
        g_ptr_array_add (self->endpoints, pp_endpoint_ref (endpoint));
    }

  if (self->endpoints->len == 0 && geography != NULL)
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                 "Profile %s has no endpoints for geography %s; choose another geography",
                 self->name, geography);
  else if (self->endpoints->len == 0)
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                 "Profile %s has no endpoints; add some to $.endpoints", self->name);
  if (self->endpoints->len == 0)
    return NULL;

  if (!substitute_workspace_id (self, options ? options->workspace_id : NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

static PpProfile *
load_from_data (const char              *file,
                const char              *data,
                gsize                    length,
                const PpProfileOptions  *options,
                GError                 **error)
{
  g_autoptr(JsonNode) root = parse_json (file, data, length, error);
  g_autoptr(PpProfile) all = NULL;

  if (root == NULL || (all = profile_from_json (file, root, error)) == NULL)
    return NULL;

  return apply_options (all, options, error);
}

/**
 * pp_profile_list_bundled:
 *
 * Returns: (transfer none): the names of the profiles built into the program
 */
const char * const *
pp_profile_list_bundled (void)
{
  return bundled_names;
}

static void
set_not_found (const char  *name,
               GError     **error)
{
  g_autofree char *quoted = shown (name);
  g_autofree char *names = g_strjoinv (", ", (char **) bundled_names);

  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
               "'%s' is neither a bundled profile nor a file; the bundled profiles "
               "are %s", quoted, names);
}

PpProfile *
pp_profile_load_bundled (const char              *name,
                         const PpProfileOptions  *options,
                         GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_strv_contains (bundled_names, name))
    {
      set_not_found (name, error);
      return NULL;
    }

  /* Referencing the generated resource pulls its object file, and the
   * constructor that registers it, out of the static library. */
  (void) pp_core_get_resource ();

  path = g_strconcat (RESOURCE_PREFIX, name, ".json", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      /* Only a broken build gets here, but the technician still deserves
       * a sentence rather than an abort. */
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                   "Bundled profile %s is missing from this build of Proxy Probe; "
                   "reinstall it, or pass the path of a profile file", name);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  file = g_strdup_printf ("bundled profile %s", name);
  return load_from_data (file, data, length, options, error);
}

PpProfile *
pp_profile_load_file (const char              *path,
                      const PpProfileOptions  *options,
                      GError                 **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = read_bounded (path, "profile", &length, error);
  if (data == NULL)
    return NULL;

  return load_from_data (path, data, length, options, error);
}

/**
 * pp_profile_load:
 * @name_or_path: a bundled profile name, or else the path of a profile file
 * @options: (nullable): geography and workspace ID
 * @error: return location for a %PP_PROFILE_ERROR
 *
 * Bundled names win over files in the current directory, so that
 * "mde-standard" means the same thing wherever the tool is started.
 *
 * Returns: (transfer full): the profile, filtered and substituted
 */
PpProfile *
pp_profile_load (const char              *name_or_path,
                 const PpProfileOptions  *options,
                 GError                 **error)
{
  g_return_val_if_fail (name_or_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strv_contains (bundled_names, name_or_path))
    return pp_profile_load_bundled (name_or_path, options, error);

  if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      set_not_found (name_or_path, error);
      return NULL;
    }

  return pp_profile_load_file (name_or_path, options, error);
}

static PpEndpoint *
custom_endpoint (const char *url)
{
  return pp_endpoint_new (url, "Custom URL", "GET", NULL, 0, "system", NULL);
}

/* Returns the next line with surrounding white space removed, and
 * advances *cursor past it. */
static char *
next_line (char **cursor)
{
  char *line = *cursor;
  char *end = strchr (line, '\n');

  if (end != NULL)
    {
      *end = '\0';
      *cursor = end + 1;
    }
  else
    {
      *cursor = NULL;
    }

  return g_strstrip (line);
}

static gboolean
parse_url_lines (const char  *file,
                 char        *data,
                 PpProfile   *self,
                 GError     **error)
{
  g_autoptr(GError) url_error = NULL;
  char *cursor = data;

  for (guint line_number = 1; cursor != NULL; line_number++)
    {
      const char *line = next_line (&cursor);

      if (*line == '\0' || *line == '#')
        continue;

      if (!pp_url_validate (line, &url_error))
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                       "%s: line %u: %s", file, line_number, url_error->message);
          return FALSE;
        }

      if (self->endpoints->len == MAX_ENDPOINTS)
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                       "%s: line %u: more than %u URLs; split the list into several files",
                       file, line_number, MAX_ENDPOINTS);
          return FALSE;
        }

      g_ptr_array_add (self->endpoints, custom_endpoint (line));
    }

  return TRUE;
}

/**
 * pp_profile_load_url_list:
 * @path: a text file with one URL a line; `#` starts a comment line
 *
 * Returns: (transfer full): a profile named after the file, expecting any
 *   HTTP status and trusting the system certificate store
 */
PpProfile *
pp_profile_load_url_list (const char  *path,
                          GError     **error)
{
  g_autoptr(PpProfile) self = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = read_bounded (path, "URL list", &length, error);
  if (data == NULL || !check_utf8 (path, data, length, error))
    return NULL;

  basename = g_path_get_basename (path);
  title = g_strdup_printf ("URLs from %s", basename);
  self = pp_profile_new (basename, title, NULL);
  if (!parse_url_lines (path, data, self, error))
    return NULL;

  if (self->endpoints->len == 0)
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                   "%s contains no URLs; write one http or https URL a line", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * pp_profile_new_for_urls:
 * @urls: (array zero-terminated=1): the URLs of --url options
 *
 * Returns: (transfer full): a profile named "custom"
 */
PpProfile *
pp_profile_new_for_urls (const char * const  *urls,
                         GError             **error)
{
  g_autoptr(PpProfile) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (urls == NULL || urls[0] == NULL)
    {
      g_set_error_literal (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                           "--url: no URL given; pass an http or https URL");
      return NULL;
    }

  self = pp_profile_new ("custom", "Custom URLs", NULL);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GError) url_error = NULL;

      if (!pp_url_validate (urls[i], &url_error))
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                       "--url: %s", url_error->message);
          return NULL;
        }
      g_ptr_array_add (self->endpoints, custom_endpoint (urls[i]));
    }

  return g_steal_pointer (&self);
}

/**
 * pp_profile_new_from_endpoints:
 * @endpoints: (element-type PpEndpoint) (transfer none): the endpoints
 *
 * Returns: (transfer full): a profile holding a reference to each endpoint
 */
PpProfile *
pp_profile_new_from_endpoints (const char *name,
                               const char *title,
                               GPtrArray  *endpoints)
{
  PpProfile *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (endpoints != NULL, NULL);

  self = pp_profile_new (name, title ? title : name, NULL);
  for (guint i = 0; i < endpoints->len; i++)
    g_ptr_array_add (self->endpoints, pp_endpoint_ref (g_ptr_array_index (endpoints, i)));

  return self;
}

const char *
pp_profile_get_name (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->name;
}

const char *
pp_profile_get_title (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->title;
}

/* Returns the profile's one-sentence description, or "" when it has none. */
const char *
pp_profile_get_description (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->description;
}

/* Returns the geography chosen when loading, or NULL for all of them. */
const char *
pp_profile_get_geography (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->geography;
}

/* Returns the geographies one may choose; empty, never NULL, for URL lists
 * and profiles without geographies. */
const char * const *
pp_profile_get_geographies (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return (const char * const *) self->geographies;
}

guint
pp_profile_get_n_endpoints (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), 0);

  return self->endpoints->len;
}

/**
 * pp_profile_get_endpoint:
 *
 * Returns: (transfer none): the endpoint at @position
 */
PpEndpoint *
pp_profile_get_endpoint (PpProfile *self,
                         guint      position)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);
  g_return_val_if_fail (position < self->endpoints->len, NULL);

  return g_ptr_array_index (self->endpoints, position);
}
