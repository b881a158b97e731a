/* pp-json.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser recurses once per nested array or object, without a
 * limit: a file of 100,000 '[' overflows the stack (SIGSEGV, nothing
 * said). Every JSON we did not write ourselves (a profile, the agent's
 * file, a report from another machine) is therefore scanned first, and
 * only handed to json-glib when it nests at most PP_JSON_MAX_DEPTH deep.
 */
#include "pp-json.h"
#include "pp-json-strict.h"

#include <string.h>

G_DEFINE_QUARK (pp-json-error-quark, pp_json_error)

/* The scan must see every bracket that json-glib's scanner (1.6, a copy
 * of GScanner) sees, or nesting hidden from it would reach the parser.
 * Besides "strings", that scanner takes 'strings' without escapes, and
 * skips from a '/' to the next '/' as a comment. A "\u" escape takes up
 * to four hex digits and the first character that is not one, and one
 * that makes half of a surrogate pair takes the next two characters as
 * well: a quote there would end the string for this scan and not for
 * json-glib's, so such escapes are refused rather than imitated. So are
 * escapes JSON does not have: GScanner reads "\202" as an octal byte,
 * and json-glib 1.6 hands that on as a string that is not UTF-8 (which
 * every later writer, GTK label and JSON generator, trusts it to be). A
 * bracket counted here that json-glib skips (after a syntax error, say)
 * only makes the check stricter; so does a stricter json-glib. */
typedef enum
{
  SCAN_CODE,
  SCAN_DQ_STRING,
  SCAN_SQ_STRING,
  SCAN_COMMENT,
} ScanState;

/* @p is at the 'u' of "\u": returns how many bytes the escape takes from
 * there, or -1 where json-glib would take bytes that are no hex digits. */
static int
unicode_escape_length (const char *p,
                       const char *end)
{
  int unit = pp_json_hex4 (p + 1, end);

  if (unit < 0)
    return -1;
  if (unit < 0xd800 || unit > 0xdfff)
    return 5;
  if (end - p >= 11 && p[5] == '\\' && p[6] == 'u' && pp_json_hex4 (p + 7, end) >= 0)
    return 11;

  return -1;
}

static ScanState
scan_code (char   c,
           guint *depth)
{
  switch (c)
    {
    case '"':
      return SCAN_DQ_STRING;
    case '\'':
      return SCAN_SQ_STRING;
    case '/':
      return SCAN_COMMENT;
    case '[':
    case '{':
      (*depth)++;
      break;
    case ']':
    case '}':
      if (*depth > 0)
        (*depth)--;
      break;
    default:
      break;
    }

  return SCAN_CODE;
}

/* What scan_char() returns for an escape it refuses. */
#define SCAN_BAD_UNICODE (-1)
#define SCAN_BAD_ESCAPE  (-2)

/* Advances *@p past one character, or past a whole escape in a string;
 * returns the state after it, or SCAN_BAD_* for an escape that is
 * refused. */
static int
scan_char (ScanState    state,
           const char **p,
           const char  *end,
           guint       *depth)
{
  const char c = **p;
  int length;

  switch (state)
    {
    case SCAN_CODE:
      return scan_code (c, depth);
    case SCAN_DQ_STRING:
      if (c == '"')
        return SCAN_CODE;
      if (c != '\\' || *p + 1 >= end)
        return SCAN_DQ_STRING;
      if (strchr ("\"\\/bfnrtu", (*p)[1]) == NULL || (*p)[1] == '\0')
        return SCAN_BAD_ESCAPE;
      length = (*p)[1] == 'u' ? unicode_escape_length (*p + 1, end) : 1;
      if (length < 0)
        return SCAN_BAD_UNICODE;
      *p += length;
      return SCAN_DQ_STRING;
    case SCAN_SQ_STRING:
      return c == '\'' ? SCAN_CODE : SCAN_SQ_STRING;
    case SCAN_COMMENT:
    default:
      return c == '/' ? SCAN_CODE : SCAN_COMMENT;
    }
}

/* What the top level has held so far. json-glib 1.6 leaks the first of
 * two top-level values ("0{}", "{}[]"), and no file of ours has two. */
typedef struct
{
  gboolean scalar_seen;
  gboolean container_closed;
} TopLevel;

/* @c is code (outside strings and comments) at @depth, before it is
 * scanned: is it the start of a second top-level value? */
static gboolean
starts_second_value (TopLevel *top,
                     char      c,
                     guint     depth)
{
  if (depth > 0 || g_ascii_isspace (c) || c == '/')
    return FALSE;
  if (top->container_closed)
    return TRUE;
  if (c == '[' || c == '{')
    return top->scalar_seen;
  top->scalar_seen = TRUE;

  return FALSE;
}

static guint
line_of (const char *data,
         const char *p)
{
  guint line = 1;

  for (const char *q = data; q < p; q++)
    line += (*q == '\n');

  return line;
}

/**
 * pp_json_check_depth:
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * Checks that arrays and objects in @data nest at most @max_depth deep,
 * and that its top level holds one value, without parsing it: a cheap
 * scan that recurses nowhere.
 *
 * Returns: %FALSE with a %PP_JSON_ERROR error that names the line
 */
gboolean
pp_json_check_depth (const char  *data,
                     gssize       length,
                     guint        max_depth,
                     GError     **error)
{
  const char *end;
  int state = SCAN_CODE;
  guint depth = 0;
  TopLevel top = { FALSE, FALSE };

  g_return_val_if_fail (data != NULL, FALSE);

  end = data + (length < 0 ? strlen (data) : (gsize) length);
  for (const char *p = data; p < end; p++)
    {
      guint depth_before = depth;

      if (state == SCAN_CODE && starts_second_value (&top, *p, depth))
        {
          g_set_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID,
                       "line %u: a second value follows the first at the top level, "
                       "which no Proxy Probe or agent file has; check that this is the "
                       "right file", line_of (data, p));
          return FALSE;
        }
      state = scan_char (state, &p, end, &depth);
      top.container_closed |= (depth_before == 1 && depth == 0);
      if (state == SCAN_BAD_ESCAPE)
        {
          g_set_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID,
                       "line %u: a backslash starts an escape JSON does not have (only "
                       "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are); check that "
                       "this is the right file", line_of (data, p));
          return FALSE;
        }
      if (state < 0)
        {
          g_set_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID,
                       "line %u: a \\u escape is not four hex digits, or half of a "
                       "surrogate pair; check that this is the right file",
                       line_of (data, p));
          return FALSE;
        }
      if (depth > max_depth)
        {
          g_set_error (error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP,
                       "line %u: arrays and objects are nested more than %u levels deep, "
                       "which no Proxy Probe or agent file does; check that this is the "
                       "right file", line_of (data, p), max_depth);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * pp_json_parse:
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * The one way untrusted JSON is parsed: json_parser_load_from_data()
 * after pp_json_check_depth() with %PP_JSON_MAX_DEPTH.
 *
 * Returns: (transfer full): the loaded parser, or %NULL with a
 *   %PP_JSON_ERROR or %JSON_PARSER_ERROR error
 */
JsonParser *
pp_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!pp_json_check_depth (data, length, PP_JSON_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  return g_steal_pointer (&parser);
}

/**
 * pp_json_parse_root:
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * pp_json_parse_doc()'s document as json-glib's tree, for a reader that
 * takes one.
 *
 * Returns: (transfer full): the root, or %NULL with an error as
 *   pp_json_parse() sets (or a %PP_JSON_ERROR for text of no value)
 */
JsonNode *
pp_json_parse_root (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(PpJsonDoc) doc = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  doc = pp_json_parse_doc (data, length, error);

  return doc ? pp_json_doc_to_node (doc, pp_json_doc_root (doc)) : NULL;
}

/**
 * pp_json_parse_doc:
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * pp_json_parse() for large documents (report.json), into a PpJsonDoc
 * (see pp-json-doc.h): plain JSON is read by pp_json_doc_parse_strict(),
 * several times faster than json-glib, and anything else by
 * pp_json_parse(), which decides and words the message.
 *
 * Returns: (transfer full): the document, or %NULL with an error as
 *   pp_json_parse() sets (or a %PP_JSON_ERROR for text of no value)
 */
PpJsonDoc *
pp_json_parse_doc (const char  *data,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PpJsonDoc *doc;

  g_return_val_if_fail (data != NULL, NULL);

  doc = pp_json_doc_parse_strict (data, length < 0 ? strlen (data) : (gsize) length,
                                  PP_JSON_MAX_DEPTH);
  if (doc != NULL)
    return doc;
  parser = pp_json_parse (data, length, error);
  if (parser == NULL)
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID,
                   "it holds no JSON value at all; check that this is the right file");
      return NULL;
    }

  return pp_json_doc_new_from_node (json_parser_get_root (parser));
}

/* For messages: "expected an object, found a string". */
const char *
pp_json_describe_node (JsonNode *node)
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

/* @object may be NULL: a member of a missing object is missing too. */
const char *
pp_json_get_string_member (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
pp_json_get_object_member (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
pp_json_add_string_member (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
pp_json_add_int_member (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
pp_json_add_strings_member (JsonBuilder *builder,
                            const char  *name,
                            GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

GPtrArray *
pp_json_dup_strings (JsonArray *array,
                     guint      max_items,
                     gsize      max_length)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (max_items > 0 && strings->len >= max_items)
        break;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          (max_length == 0 || strlen (json_node_get_string (node)) <= max_length))
        g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }

  return strings;
}
