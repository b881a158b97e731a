/* pp-json-strict.c: the quick way through plain JSON
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 scans a document one character at a time through a
 * GScanner; a merge of 1,000 report.json files (400 MB) spent half of
 * its time there. This reads text that is plain RFC 8259 JSON into a
 * PpJsonDoc (or, through it, the JsonNode tree json-glib would build),
 * and gives up (NULL) at anything else: comments,
 * single quotes, escapes of surrogates or NUL, integers of more than 18
 * digits, a member named twice or with no name, control characters or
 * invalid UTF-8 in a string, nesting beyond @max_depth. The
 * caller then hands the text to json-glib, which decides and words the
 * message; so this parser never refuses what json-glib accepts, and
 * what it accepts it reads as json-glib does.
 */
#include "pp-json-strict.h"
#include "pp-json-doc-private.h"

#include <string.h>

typedef struct
{
  const char *p;
  const char *end;
  guint depth;
  guint max_depth;
  PpJsonDoc *doc;
  GString *scratch;          /* a string with escapes, undone */
} Cursor;

static PpJsonRef parse_value (Cursor *c);

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

static gboolean
is_plain (char c)
{
  return c != '"' && c != '\\' && (guchar) c >= 0x20;
}

/* The rest of a string from the first escape at @q, undone into the
 * scratch buffer; returns its closing quote or NULL. */
static const char *
parse_escaped (Cursor     *c,
               const char *q)
{
  GString *out = c->scratch;

  g_string_truncate (out, 0);
  g_string_append_len (out, c->p, q - c->p);
  while (q < c->end && *q != '"')
    {
      const char *run = q;
      int length = 1;

      while (q < c->end && is_plain (*q))
        q++;
      g_string_append_len (out, run, q - run);
      if (q >= c->end || *q == '"')
        break;
      if (*q != '\\' || (length = unescape (q, c->end, out)) == 0)
        return NULL;
      q += length;
    }

  return q;
}

/* At the opening quote: the string, kept in the document's chunk. One
 * without escapes is copied from the text at once. */
static const char *
parse_string (Cursor *c)
{
  const char *q = ++c->p;
  const char *text = c->p;
  gsize length;

  while (q < c->end && is_plain (*q))
    q++;
  length = q - text;
  if (q < c->end && *q != '"')
    {
      if ((q = parse_escaped (c, q)) == NULL)
        return NULL;
      text = c->scratch->str;
      length = c->scratch->len;
    }
  if (q >= c->end || !g_utf8_validate_len (text, length, NULL))
    return NULL;
  c->p = q + 1;

  return g_string_chunk_insert_len (c->doc->strings, text, length);
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
static PpJsonRef
parse_number (Cursor *c)
{
  const char *start = c->p;
  const char *p = start + (*start == '-');
  const char *int_end = digits (p, c->end);
  gboolean is_double = FALSE;
  char text[64];
  PpJsonRef self;

  if (int_end == p || (*p == '0' && int_end - p > 1))
    return 0;
  p = int_end;
  if (p < c->end && *p == '.')
    {
      is_double = TRUE;
      if ((p = digits (p + 1, c->end)) == int_end + 1)
        return 0;
    }
  if (p < c->end && (*p == 'e' || *p == 'E'))
    {
      const char *exp = p + 1 + (p + 1 < c->end && (p[1] == '+' || p[1] == '-'));

      is_double = TRUE;
      if ((p = digits (exp, c->end)) == exp)
        return 0;
    }
  if (p - start >= (gssize) sizeof text || (!is_double && int_end - start > 18))
    return 0;
  memcpy (text, start, p - start);
  text[p - start] = '\0';
  c->p = p;
  self = pp_json_doc_append (c->doc, is_double ? PP_JSON_DOUBLE : PP_JSON_INT);
  if (is_double)
    PP_JSON_VALUE (c->doc, self)->v.d = g_ascii_strtod (text, NULL);
  else
    PP_JSON_VALUE (c->doc, self)->v.i = g_ascii_strtoll (text, NULL, 10);

  return self;
}

static PpJsonRef
parse_word (Cursor *c)
{
  static const char * const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize length = strlen (words[i]);
      PpJsonRef self;

      if ((gsize) (c->end - c->p) >= length && memcmp (c->p, words[i], length) == 0)
        {
          c->p += length;
          self = pp_json_doc_append (c->doc, i == 2 ? PP_JSON_NULL : PP_JSON_BOOLEAN);
          PP_JSON_VALUE (c->doc, self)->v.i = i == 0;
          return self;
        }
    }

  return 0;
}

static PpJsonRef
parse_array (Cursor *c)
{
  PpJsonRef self = pp_json_doc_append (c->doc, PP_JSON_ARRAY);
  PpJsonRef last = 0;

  c->p++;
  if (take (c, ']'))
    return self;
  do
    {
      PpJsonRef element = parse_value (c);

      if (element == 0)
        return 0;
      pp_json_doc_link (c->doc, self, &last, element);
    }
  while (take (c, ','));

  return take (c, ']') ? self : 0;
}

/* The names of an object's members so far, to tell one named twice
 * (json-glib keeps the last, and says nothing). Their hashes are marked
 * in 256 bits: most names are told new by their mark alone, without going
 * through the members before them (a probe has ~30). An object of more
 * members than that puts their names in a hash table: going through them
 * all for each new one would make an object of a million members (16 MiB
 * of text) take hours. */
typedef struct
{
  guint64 marks[4];
  GHashTable *names;
} Names;

#define NAMES_IN_A_ROW 32

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

static gboolean
is_named_before (PpJsonDoc   *doc,
                 PpJsonRef    object,
                 PpJsonValue *member,
                 Names       *names)
{
  guint bit = member->name_hash & 255;
  guint64 mask = G_GUINT64_CONSTANT (1) << (bit & 63);
  PpJsonRef first = PP_JSON_VALUE (doc, object)->first;

  if (names->names == NULL && PP_JSON_VALUE (doc, object)->count >= NAMES_IN_A_ROW)
    {
      names->names = g_hash_table_new (g_str_hash, g_str_equal);
      for (PpJsonRef r = first; r != 0; r = PP_JSON_VALUE (doc, r)->next)
        g_hash_table_add (names->names, (gpointer) PP_JSON_VALUE (doc, r)->name);
    }
  if (names->names != NULL)
    return !g_hash_table_add (names->names, (gpointer) member->name);
  if (!(names->marks[bit >> 6] & mask))
    {
      names->marks[bit >> 6] |= mask;
      return FALSE;
    }
  for (PpJsonRef r = first; r != 0; r = PP_JSON_VALUE (doc, r)->next)
    {
      PpJsonValue *before = PP_JSON_VALUE (doc, r);

      if (before->name_hash == member->name_hash && strcmp (before->name, member->name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* One member after its object's opening brace or a comma: its name is
 * read before its value, which may move the document's values. */
static PpJsonRef
parse_member (Cursor    *c,
              PpJsonRef  object,
              Names     *names)
{
  const char *name;
  guint32 hash;
  PpJsonRef member;
  PpJsonValue *value;

  skip_blanks (c);
  if (c->p >= c->end || *c->p != '"' || (name = parse_string (c)) == NULL || name[0] == '\0')
    return 0;
  hash = g_str_hash (name);
  if (!take (c, ':') || (member = parse_value (c)) == 0)
    return 0;
  value = PP_JSON_VALUE (c->doc, member);
  value->name = name;
  value->name_hash = hash;

  return is_named_before (c->doc, object, value, names) ? 0 : member;
}

static PpJsonRef
parse_object (Cursor *c)
{
  PpJsonRef self = pp_json_doc_append (c->doc, PP_JSON_OBJECT);
  PpJsonRef last = 0;
  g_auto(Names) names = { { 0 }, NULL };

  c->p++;
  if (take (c, '}'))
    return self;
  do
    {
      PpJsonRef member = parse_member (c, self, &names);

      if (member == 0)
        return 0;
      pp_json_doc_link (c->doc, self, &last, member);
    }
  while (take (c, ','));

  return take (c, '}') ? self : 0;
}

static PpJsonRef
parse_value (Cursor *c)
{
  const char *string;
  PpJsonRef self;

  skip_blanks (c);
  if (c->p >= c->end)
    return 0;
  switch (*c->p)
    {
    case '{':
    case '[':
      if (++c->depth > c->max_depth)
        return 0;
      self = *c->p == '{' ? parse_object (c) : parse_array (c);
      c->depth--;
      return self;
    case '"':
      string = parse_string (c);
      if (string == NULL)
        return 0;
      self = pp_json_doc_append (c->doc, PP_JSON_STRING);
      PP_JSON_VALUE (c->doc, self)->v.s = string;
      return self;
    case 't':
    case 'f':
    case 'n':
      return parse_word (c);
    default:
      return parse_number (c);
    }
}

/**
 * pp_json_doc_parse_strict:
 *
 * Returns: (transfer full) (nullable): the document of @data, or %NULL
 *   where @data is not plain JSON of one value (json-glib is then asked)
 */
PpJsonDoc *
pp_json_doc_parse_strict (const char *data,
                          gsize       length,
                          guint       max_depth)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  /* A report.json has a value for every ~30 bytes; its strings,
   * undone, never take more room than their text. */
  g_autoptr(PpJsonDoc) doc = pp_json_doc_new (length / 32, length + 1);
  Cursor c = { data, data + length, 0, max_depth, doc, scratch };

  if (parse_value (&c) == 0)
    return NULL;
  skip_blanks (&c);
  if (c.p != c.end)
    return NULL;

  return g_steal_pointer (&doc);
}

/**
 * pp_json_strict_parse:
 *
 * Returns: (transfer full) (nullable): the root of @data as json-glib
 *   builds it, or %NULL where @data is not plain JSON of one value
 */
JsonNode *
pp_json_strict_parse (const char *data,
                      gsize       length,
                      guint       max_depth)
{
  g_autoptr(PpJsonDoc) doc = pp_json_doc_parse_strict (data, length, max_depth);

  return doc ? pp_json_doc_to_node (doc, pp_json_doc_root (doc)) : NULL;
}
