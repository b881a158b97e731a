/* pp-json-strict.c: the quick way through plain JSON
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 scans a document one character at a time through a
 * GScanner; a merge of 1,000 report.json files (400 MB) spent half of
 * its time there. This builds the same JsonNode tree from text that is
 * plain RFC 8259 JSON and gives up (NULL) at anything else: comments,
 * single quotes, escapes of surrogates or NUL, integers of more than 18
 * digits, a member named twice or with no name, control characters or
 * invalid UTF-8 in a string, nesting beyond @max_depth. The
 * caller then hands the text to json-glib, which decides and words the
 * message; so this parser never refuses what json-glib accepts, and
 * what it accepts it reads as json-glib does.
 */
#include "pp-json-strict.h"

#include <string.h>

typedef struct
{
  const char *p;
  const char *end;
  guint depth;
  guint max_depth;
  GString *scratch;          /* the last string read: one buffer, not one per string */
} Cursor;

static JsonNode *parse_value (Cursor *c);

static void
skip_blanks (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\t' || *c->p == '\r'))
    c->p++;
}

static gboolean
take (Cursor *c,
      char    expected)
{
  skip_blanks (c);
  if (c->p >= c->end || *c->p != expected)
    return FALSE;
  c->p++;

  return TRUE;
}

/**
 * pp_json_hex4:
 *
 * Returns: the value of the four hex digits at @p, or -1 if they are not
 *   four hex digits before @end
 */
int
pp_json_hex4 (const char *p,
              const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }

  return value;
}

/* One escape after the backslash at @q into @out; returns its length or 0. */
static int
unescape (const char *q,
          const char *end,
          GString    *out)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  const char *hit;
  int unit;

  if (q + 1 >= end)
    return 0;
  if (q[1] != 'u')
    {
      hit = q[1] != '\0' ? strchr (from, q[1]) : NULL;
      if (hit == NULL)
        return 0;
      g_string_append_c (out, to[hit - from]);
      return 2;
    }
  unit = pp_json_hex4 (q + 2, end);
  if (unit <= 0 || (unit >= 0xd800 && unit <= 0xdfff))
    return 0;
  g_string_append_unichar (out, unit);

  return 6;
}

/* At the opening quote; a run without escapes is copied at once. The
 * result lives in the cursor's scratch buffer until the next string:
 * json-glib copies names and values anyway. */
static const char *
parse_string (Cursor *c)
{
  const char *q = ++c->p;
  GString *out = c->scratch;

  g_string_truncate (out, 0);
  while (q < c->end && *q != '"')
    {
      const char *run = q;
      int length = 1;

      while (q < c->end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20)
        q++;
      g_string_append_len (out, run, q - run);
      if (q >= c->end || *q == '"')
        break;
      if (*q != '\\' || (length = unescape (q, c->end, out)) == 0)
        return NULL;
      q += length;
    }
  if (q >= c->end || !g_utf8_validate_len (out->str, out->len, NULL))
    return NULL;
  c->p = q + 1;

  return out->str;
}

static const char *
digits (const char *p,
        const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: an integer without a
 * fraction or exponent, as json-glib tells them. */
static JsonNode *
parse_number (Cursor *c)
{
  const char *start = c->p;
  const char *p = start + (*start == '-');
  const char *int_end = digits (p, c->end);
  gboolean is_double = FALSE;
  char text[64];
  JsonNode *node;

  if (int_end == p || (*p == '0' && int_end - p > 1))
    return NULL;
  p = int_end;
  if (p < c->end && *p == '.')
    {
      is_double = TRUE;
      if ((p = digits (p + 1, c->end)) == int_end + 1)
        return NULL;
    }
  if (p < c->end && (*p == 'e' || *p == 'E'))
    {
      const char *exp = p + 1 + (p + 1 < c->end && (p[1] == '+' || p[1] == '-'));

      is_double = TRUE;
      if ((p = digits (exp, c->end)) == exp)
        return NULL;
    }
  if (p - start >= (gssize) sizeof text || (!is_double && int_end - start > 18))
    return NULL;
  memcpy (text, start, p - start);
  text[p - start] = '\0';
  c->p = p;
  node = json_node_alloc ();
  if (is_double)
    return json_node_init_double (node, g_ascii_strtod (text, NULL));

  return json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));
}

static JsonNode *
parse_word (Cursor *c)
{
  static const char * const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize length = strlen (words[i]);

      if ((gsize) (c->end - c->p) >= length && memcmp (c->p, words[i], length) == 0)
        {
          c->p += length;
          return i == 2 ? json_node_new (JSON_NODE_NULL)
                        : json_node_init_boolean (json_node_alloc (), i == 0);
        }
    }

  return NULL;
}

static JsonNode *
parse_array (Cursor *c)
{
  g_autoptr(JsonArray) array = json_array_new ();

  c->p++;
  if (take (c, ']'))
    return json_node_init_array (json_node_alloc (), array);
  do
    {
      JsonNode *element = parse_value (c);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
    }
  while (take (c, ','));
  if (!take (c, ']'))
    return NULL;

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
parse_object (Cursor *c)
{
  g_autoptr(JsonObject) object = json_object_new ();

  c->p++;
  if (take (c, '}'))
    return json_node_init_object (json_node_alloc (), object);
  do
    {
      g_autofree char *name = NULL;
      const char *read;
      JsonNode *member;
      guint size = json_object_get_size (object);

      skip_blanks (c);
      if (c->p >= c->end || *c->p != '"' || (read = parse_string (c)) == NULL ||
          read[0] == '\0')
        return NULL;
      name = g_strdup (read);
      if (!take (c, ':') || (member = parse_value (c)) == NULL)
        return NULL;
      /* A name seen before replaces its member: the size tells. */
      json_object_set_member (object, name, member);
      if (json_object_get_size (object) == size)
        return NULL;
    }
  while (take (c, ','));
  if (!take (c, '}'))
    return NULL;

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_value (Cursor *c)
{
  const char *string;
  JsonNode *node = NULL;

  skip_blanks (c);
  if (c->p >= c->end)
    return NULL;
  switch (*c->p)
    {
    case '{':
    case '[':
      if (++c->depth > c->max_depth)
        return NULL;
      node = *c->p == '{' ? parse_object (c) : parse_array (c);
      c->depth--;
      return node;
    case '"':
      string = parse_string (c);
      return string ? json_node_init_string (json_node_alloc (), string) : NULL;
    case 't':
    case 'f':
    case 'n':
      return parse_word (c);
    default:
      return parse_number (c);
    }
}

/**
 * pp_json_strict_parse:
 *
 * Returns: (transfer full) (nullable): the root of @data, or %NULL where
 *   @data is not plain JSON of one value (json-glib is then asked)
 */
JsonNode *
pp_json_strict_parse (const char *data,
                      gsize       length,
                      guint       max_depth)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  Cursor c = { data, data + length, 0, max_depth, scratch };
  g_autoptr(JsonNode) root = parse_value (&c);

  skip_blanks (&c);
  if (c.p != c.end)
    return NULL;

  return g_steal_pointer (&root);
}
