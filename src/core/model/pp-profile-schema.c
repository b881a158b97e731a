/* pp-profile-schema.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns the text of a profile into a PpProfileDocument, or into one error
 * that names the file and the JSON path of the first problem, so that a
 * technician editing a profile by hand can go straight to it.
 */
#include "pp-profile-schema.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "pp-agent.h"
#include "pp-json.h"
#include "pp-redact.h"
#include "pp-text.h"
#include "pp-url.h"

#define SCHEMA_ID           "proxyprobe-profile/1"
#define SAMPLE_WORKSPACE_ID "00000000-0000-0000-0000-000000000000"

G_DEFINE_QUARK (pp-profile-error-quark, pp_profile_error)

static const char * const pin_sets[] = {
  "microsoft-2011", "microsoft-2011+digicert-g2", NULL
};
static const char * const profile_keys[] = {
  "schema", "name", "title", "description", "agent", "geographies", "endpoints", NULL
};
static const char * const endpoint_keys[] = {
  "url", "service", "http_method", "expected_status", "trust", "geography",
  "source", NULL
};

/* Names the line of the first invalid byte: json-glib only says that the
 * data is not UTF-8, and a URL list would otherwise fail on a garbled URL.
 * Shared with pp-profile-urls.c, which reads URL lists in the same way. */
gboolean
pp_profile_check_utf8 (const char  *file,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  guint line = 0;

  if (pp_text_check_utf8 (data, length, &line))
    return TRUE;

  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
               "%s: line %u: the file is not UTF-8 text; save it as UTF-8", file, line);
  return FALSE;
}

/* Returns @url with every placeholder replaced by @workspace_id. */
char *
pp_profile_expand_url (const char *url,
                       const char *workspace_id)
{
  GString *expanded = g_string_new (url);

  g_string_replace (expanded, PP_PROFILE_WORKSPACE_TOKEN, workspace_id, 0);
  return g_string_free (expanded, FALSE);
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
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  if (!pp_profile_check_utf8 (file, data, length, error))
    return NULL;

  if ((parser = pp_json_parse (data, length, &json_error)) == NULL)
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

static gboolean
holds_value (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
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

  quoted = pp_redact_quote (key);
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

static JsonObject *
get_object (const char  *file,
            const char  *path,
            JsonNode    *node,
            GError     **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  invalid (error, file, path, "expected an object, found %s", pp_json_describe_node (node));
  return NULL;
}

/* The error names the object that lacks the key, as the key itself has
 * no place in the document yet. */
static JsonNode *
get_required (const char  *file,
              const char  *path,
              JsonObject  *object,
              const char  *key,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    invalid (error, file, path, "the required key \"%s\" is missing", key);

  return node;
}

static JsonArray *
get_array (const char  *file,
           const char  *path,
           JsonObject  *object,
           const char  *key,
           GError     **error)
{
  JsonNode *node = get_required (file, path, object, key, error);
  g_autofree char *where = member_path (path, key);

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  invalid (error, file, where, "expected an array, found %s", pp_json_describe_node (node));
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
  g_autofree char *where = member_path (path, key);
  JsonNode *node;

  *out = NULL;
  if (!required && !json_object_has_member (object, key))
    return TRUE;

  node = get_required (file, path, object, key, error);
  if (node == NULL)
    return FALSE;
  if (!holds_value (node, G_TYPE_STRING))
    return invalid (error, file, where, "expected a string, found %s", pp_json_describe_node (node));

  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return invalid (error, file, where, "must not be empty");

  return TRUE;
}

/* Returns member @index of $.geographies, checked against the earlier
 * members in @seen. */
static const char *
parse_geography_name (const char  *file,
                      guint        index,
                      JsonNode    *item,
                      GPtrArray   *seen,
                      GError     **error)
{
  g_autofree char *where = g_strdup_printf ("$.geographies[%u]", index);
  g_autofree char *quoted = NULL;
  const char *geography;

  if (!holds_value (item, G_TYPE_STRING) || *(geography = json_node_get_string (item)) == '\0')
    {
      invalid (error, file, where, "expected a geography name such as \"US\"");
      return NULL;
    }

  if (g_ascii_strcasecmp (geography, "WW") == 0)
    {
      invalid (error, file, where, "do not list WW: worldwide endpoints are always probed");
      return NULL;
    }

  for (guint i = 0; i < seen->len; i++)
    if (g_ascii_strcasecmp (geography, g_ptr_array_index (seen, i)) == 0)
      {
        quoted = pp_redact_quote (geography);
        invalid (error, file, where, "'%s' is listed twice", quoted);
        return NULL;
      }

  return geography;
}

static char **
parse_geographies (const char  *file,
                   JsonObject  *root,
                   GError     **error)
{
  JsonArray *array = get_array (file, "$", root, "geographies", error);
  g_autoptr(GPtrArray) geographies = NULL;

  if (array == NULL)
    return NULL;

  geographies = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *geography = parse_geography_name (file, i, json_array_get_element (array, i),
                                                    geographies, error);
      if (geography == NULL)
        return NULL;
      g_ptr_array_add (geographies, g_strdup (geography));
    }

  g_ptr_array_add (geographies, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&geographies), FALSE);
}

static gboolean
parse_status_code (const char  *file,
                   const char  *path,
                   JsonNode    *item,
                   guint       *code,
                   GError     **error)
{
  gint64 value;

  if (holds_value (item, G_TYPE_DOUBLE))
    return invalid (error, file, path, "expected a whole number, found a number with a "
                    "fraction or exponent");
  if (!holds_value (item, G_TYPE_INT64))
    return invalid (error, file, path, "expected a whole number, found %s", pp_json_describe_node (item));

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
  JsonNode *node = get_required (file, path, object, "expected_status", error);
  g_autofree char *where = member_path (path, "expected_status");
  JsonArray *array;

  if (node == NULL)
    return FALSE;

  if (holds_value (node, G_TYPE_STRING) && g_str_equal (json_node_get_string (node), "any"))
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
  g_autofree char *quoted = pp_redact_quote (trust);
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
  g_autofree char *sample = pp_profile_expand_url (url, SAMPLE_WORKSPACE_ID);
  g_autofree char *where = member_path (path, "url");
  g_autofree char *quoted = pp_redact_quote (url);

  if (strchr (sample, '{') != NULL || strchr (sample, '}') != NULL)
    return invalid (error, file, where, "'%s' contains an unknown placeholder; "
                    "the only placeholder is " PP_PROFILE_WORKSPACE_TOKEN, quoted);

  if (!pp_url_is_valid (sample))
    return invalid (error, file, where, "'%s' is not an http or https URL", quoted);

  return TRUE;
}

static gboolean
check_method (const char  *file,
              const char  *path,
              const char  *method,
              GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *quoted = NULL;

  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    return TRUE;

  where = member_path (path, "http_method");
  quoted = pp_redact_quote (method);
  return invalid (error, file, where, "'%s' is not supported; use GET or HEAD", quoted);
}

static gboolean
check_geography (const char         *file,
                 const char         *path,
                 const char         *geography,
                 const char * const *geographies,
                 GError            **error)
{
  g_autofree char *where = member_path (path, "geography");
  g_autofree char *quoted = pp_redact_quote (geography);
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

/* The order of the checks decides which of several mistakes is reported,
 * so it stays as it was: the HTTP method is checked last. */
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
  JsonObject *object = get_object (file, path, node, error);

  if (object == NULL ||
      !check_keys (file, path, object, endpoint_keys, "an endpoint", error) ||
      !get_string (file, path, object, "url", TRUE, &url, error) ||
      !check_url (file, path, url, error) ||
      !get_string (file, path, object, "service", TRUE, &service, error) ||
      !get_string (file, path, object, "http_method", TRUE, &method, error) ||
      !parse_expected (file, path, object, codes, error) ||
      !get_string (file, path, object, "trust", TRUE, &trust, error) ||
      !check_trust (file, path, trust, error) ||
      !get_string (file, path, object, "geography", TRUE, &geography, error) ||
      !check_geography (file, path, geography, geographies, error) ||
      !get_string (file, path, object, "source", FALSE, &source, error) ||
      !check_method (file, path, method, error))
    return NULL;

  return pp_endpoint_new (url, service, method, (const guint *) (gpointer) codes->data,
                          codes->len, trust, geography);
}

static gboolean
parse_endpoints (const char         *file,
                 JsonObject         *root,
                 PpProfileDocument  *document,
                 GError            **error)
{
  JsonArray *array = get_array (file, "$", root, "endpoints", error);
  guint n_endpoints;

  if (array == NULL)
    return FALSE;

  n_endpoints = json_array_get_length (array);
  if (n_endpoints > PP_PROFILE_MAX_ENDPOINTS)
    return invalid (error, file, "$.endpoints", "%u endpoints are more than the limit of %u; "
                    "split the profile into several files",
                    n_endpoints, PP_PROFILE_MAX_ENDPOINTS);

  for (guint i = 0; i < n_endpoints; i++)
    {
      PpEndpoint *endpoint = parse_endpoint (file, i, json_array_get_element (array, i),
                                             (const char * const *) document->geographies,
                                             error);
      if (endpoint == NULL)
        return FALSE;
      g_ptr_array_add (document->endpoints, endpoint);
    }

  return TRUE;
}

static gboolean
check_schema (const char  *file,
              JsonObject  *root,
              GError     **error)
{
  g_autofree char *quoted = NULL;
  const char *schema;

  if (!get_string (file, "$", root, "schema", TRUE, &schema, error))
    return FALSE;

  if (g_str_equal (schema, SCHEMA_ID))
    return TRUE;

  quoted = pp_redact_quote (schema);
  return invalid (error, file, "$.schema", "'%s' is not supported; this version of "
                  "Proxy Probe reads \"" SCHEMA_ID "\"", quoted);
}

/* The agent's own module parses it; its errors are the profile's. */
static gboolean
parse_agent (const char         *file,
             JsonObject         *object,
             PpProfileDocument  *document,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  document->agent = pp_agent_parse (file, json_object_get_member (object, "agent"), &local_error);
  if (document->agent != NULL)
    return TRUE;

  g_set_error_literal (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID, local_error->message);
  return FALSE;
}

static PpProfileDocument *
document_from_json (const char  *file,
                    JsonNode    *root,
                    GError     **error)
{
  g_autoptr(PpProfileDocument) document = NULL;
  const char *name, *title, *description;
  JsonObject *object = get_object (file, "$", root, error);

  if (object == NULL ||
      !check_keys (file, "$", object, profile_keys, "a profile", error) ||
      !check_schema (file, object, error) ||
      !get_string (file, "$", object, "name", TRUE, &name, error) ||
      !get_string (file, "$", object, "title", TRUE, &title, error) ||
      !get_string (file, "$", object, "description", FALSE, &description, error))
    return NULL;

  document = g_new0 (PpProfileDocument, 1);
  document->name = g_strdup (name);
  document->title = g_strdup (title);
  document->description = g_strdup (description ? description : "");
  document->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  if (json_object_has_member (object, "agent") && !parse_agent (file, object, document, error))
    return NULL;
  document->geographies = parse_geographies (file, object, error);
  if (document->geographies == NULL || !parse_endpoints (file, object, document, error))
    return NULL;

  return g_steal_pointer (&document);
}

/**
 * pp_profile_document_parse:
 * @file: how messages name the document: a path, or "bundled profile NAME"
 * @data: the document, which need not be NUL-terminated
 * @length: the length of @data in bytes
 * @error: return location for a %PP_PROFILE_ERROR_INVALID error
 *
 * Returns: (transfer full): the whole document, or %NULL at the first
 *   syntax or schema error
 */
PpProfileDocument *
pp_profile_document_parse (const char  *file,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert (file != NULL);
  g_assert (data != NULL);

  root = parse_json (file, data, length, error);
  if (root == NULL)
    return NULL;

  return document_from_json (file, root, error);
}

void
pp_profile_document_free (PpProfileDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->name);
  g_free (document->title);
  g_free (document->description);
  g_strfreev (document->geographies);
  g_clear_pointer (&document->agent, pp_agent_unref);
  g_clear_pointer (&document->endpoints, g_ptr_array_unref);
  g_free (document);
}
