/* pp-json-doc.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values are kept in one array and linked by index (the first child
 * of a container, the next sibling), the strings in one GStringChunk: a
 * document of 15,000 values costs two allocations that grow, not 60,000
 * small ones, and is freed at once. Members are found by a hash of their
 * name kept with them, so looking one up compares integers.
 */
#include "pp-json-doc-private.h"

#include <string.h>

PpJsonDoc *
pp_json_doc_new (gsize n_values,
                 gsize strings_size)
{
  PpJsonDoc *doc = g_new0 (PpJsonDoc, 1);
  PpJsonValue none = { 0 };

  doc->values = g_array_sized_new (FALSE, FALSE, sizeof (PpJsonValue), MAX (n_values, 1));
  g_array_append_val (doc->values, none);
  doc->strings = g_string_chunk_new (MAX (strings_size, 64));

  return doc;
}

void
pp_json_doc_free (PpJsonDoc *doc)
{
  g_array_unref (doc->values);
  g_string_chunk_free (doc->strings);
  g_free (doc);
}

PpJsonRef
pp_json_doc_append (PpJsonDoc  *doc,
                    PpJsonType  type)
{
  PpJsonValue value = { .type = type };

  g_array_append_val (doc->values, value);

  return doc->values->len - 1;
}

void
pp_json_doc_link (PpJsonDoc *doc,
                  PpJsonRef  container,
                  PpJsonRef *last,
                  PpJsonRef  child)
{
  if (*last == 0)
    PP_JSON_VALUE (doc, container)->first = child;
  else
    PP_JSON_VALUE (doc, *last)->next = child;
  PP_JSON_VALUE (doc, container)->count++;
  *last = child;
}

/* The value at index 1 is the first one made: the root. */
PpJsonRef
pp_json_doc_root (PpJsonDoc *doc)
{
  return doc->values->len > 1 ? 1 : 0;
}

static PpJsonRef
add_node (PpJsonDoc *doc,
          JsonNode  *node);

static PpJsonRef
add_object (PpJsonDoc  *doc,
            JsonObject *object)
{
  PpJsonRef self = pp_json_doc_append (doc, PP_JSON_OBJECT);
  g_autoptr(GList) names = json_object_get_members (object);
  PpJsonRef last = 0;

  for (GList *l = names; l; l = l->next)
    {
      PpJsonRef member = add_node (doc, json_object_get_member (object, l->data));
      PpJsonValue *value = PP_JSON_VALUE (doc, member);

      value->name = g_string_chunk_insert (doc->strings, l->data);
      value->name_hash = g_str_hash (value->name);
      pp_json_doc_link (doc, self, &last, member);
    }

  return self;
}

static PpJsonRef
add_array (PpJsonDoc *doc,
           JsonArray *array)
{
  PpJsonRef self = pp_json_doc_append (doc, PP_JSON_ARRAY);
  PpJsonRef last = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    pp_json_doc_link (doc, self, &last, add_node (doc, json_array_get_element (array, i)));

  return self;
}

static PpJsonRef
add_scalar (PpJsonDoc *doc,
            JsonNode  *node)
{
  GType type = json_node_get_value_type (node);
  PpJsonRef self = pp_json_doc_append (doc, type == G_TYPE_INT64 ? PP_JSON_INT
                                            : type == G_TYPE_DOUBLE ? PP_JSON_DOUBLE
                                            : type == G_TYPE_BOOLEAN ? PP_JSON_BOOLEAN
                                            : type == G_TYPE_STRING ? PP_JSON_STRING
                                            : PP_JSON_NULL);
  PpJsonValue *value = PP_JSON_VALUE (doc, self);

  if (type == G_TYPE_INT64)
    value->v.i = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    value->v.d = json_node_get_double (node);
  else if (type == G_TYPE_BOOLEAN)
    value->v.i = json_node_get_boolean (node);
  else if (type == G_TYPE_STRING)
    value->v.s = g_string_chunk_insert (doc->strings, json_node_get_string (node));

  return self;
}

/* json-glib's tree has been checked for its depth (pp_json_parse()). */
static PpJsonRef
add_node (PpJsonDoc *doc,
          JsonNode  *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return add_object (doc, json_node_get_object (node));
    case JSON_NODE_ARRAY:
      return add_array (doc, json_node_get_array (node));
    case JSON_NODE_NULL:
      return pp_json_doc_append (doc, PP_JSON_NULL);
    case JSON_NODE_VALUE:
    default:
      return add_scalar (doc, node);
    }
}

/**
 * pp_json_doc_new_from_node:
 *
 * The same values as json-glib's tree @node, which is not kept.
 */
PpJsonDoc *
pp_json_doc_new_from_node (JsonNode *node)
{
  PpJsonDoc *doc;

  g_return_val_if_fail (node != NULL, NULL);

  doc = pp_json_doc_new (64, 4096);
  add_node (doc, node);

  return doc;
}

/**
 * pp_json_doc_to_node:
 *
 * Returns: (transfer full) (nullable): json-glib's tree of @ref, for a
 *   reader that takes one (NULL for no value)
 */
JsonNode *
pp_json_doc_to_node (PpJsonDoc *doc,
                     PpJsonRef  ref)
{
  PpJsonValue *value = PP_JSON_VALUE (doc, ref);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) array = NULL;

  switch (ref == 0 ? PP_JSON_NONE : (PpJsonType) value->type)
    {
    case PP_JSON_NONE:
      return NULL;
    case PP_JSON_NULL:
      return json_node_new (JSON_NODE_NULL);
    case PP_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->v.i != 0);
    case PP_JSON_INT:
      return json_node_init_int (json_node_alloc (), value->v.i);
    case PP_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), value->v.d);
    case PP_JSON_STRING:
      return json_node_init_string (json_node_alloc (), value->v.s);
    case PP_JSON_ARRAY:
      array = json_array_sized_new (value->count);
      for (PpJsonRef r = value->first; r != 0; r = PP_JSON_VALUE (doc, r)->next)
        json_array_add_element (array, pp_json_doc_to_node (doc, r));
      return json_node_init_array (json_node_alloc (), array);
    case PP_JSON_OBJECT:
    default:
      object = json_object_new ();
      for (PpJsonRef r = value->first; r != 0; r = PP_JSON_VALUE (doc, r)->next)
        json_object_set_member (object, PP_JSON_VALUE (doc, r)->name,
                                pp_json_doc_to_node (doc, r));
      return json_node_init_object (json_node_alloc (), object);
    }
}

PpJsonType
pp_json_doc_type (PpJsonDoc *doc,
                  PpJsonRef  ref)
{
  return ref == 0 ? PP_JSON_NONE : (PpJsonType) PP_JSON_VALUE (doc, ref)->type;
}

static PpJsonRef
find_member (PpJsonDoc  *doc,
             PpJsonRef   from,
             PpJsonRef   to,
             const char *name,
             guint32     hash)
{
  for (PpJsonRef r = from; r != to; r = PP_JSON_VALUE (doc, r)->next)
    {
      PpJsonValue *member = PP_JSON_VALUE (doc, r);

      if (member->name_hash == hash && strcmp (member->name, name) == 0)
        return r;
    }

  return 0;
}

/* A reader asks for members mostly in the order they were written: the
 * search starts after the member found last in the same object, and
 * goes round. Names are unique in an object, so the answer is the same. */
PpJsonRef
pp_json_doc_member (PpJsonDoc  *doc,
                    PpJsonRef   object,
                    const char *name)
{
  guint32 hash;
  PpJsonRef start;
  PpJsonRef found;

  if (pp_json_doc_type (doc, object) != PP_JSON_OBJECT)
    return 0;
  hash = g_str_hash (name);
  start = doc->last_object == object ? PP_JSON_VALUE (doc, doc->last_member)->next : 0;
  found = start ? find_member (doc, start, 0, name, hash) : 0;
  if (found == 0)
    found = find_member (doc, PP_JSON_VALUE (doc, object)->first, start, name, hash);
  if (found != 0)
    {
      doc->last_object = object;
      doc->last_member = found;
    }

  return found;
}

static PpJsonRef
typed_member (PpJsonDoc  *doc,
              PpJsonRef   object,
              const char *name,
              PpJsonType  type)
{
  PpJsonRef member = pp_json_doc_member (doc, object, name);

  return pp_json_doc_type (doc, member) == type ? member : 0;
}

PpJsonRef
pp_json_doc_object_member (PpJsonDoc  *doc,
                           PpJsonRef   object,
                           const char *name)
{
  return typed_member (doc, object, name, PP_JSON_OBJECT);
}

PpJsonRef
pp_json_doc_array_member (PpJsonDoc  *doc,
                          PpJsonRef   object,
                          const char *name)
{
  return typed_member (doc, object, name, PP_JSON_ARRAY);
}

guint
pp_json_doc_length (PpJsonDoc *doc,
                    PpJsonRef  container)
{
  PpJsonType type = pp_json_doc_type (doc, container);

  return type == PP_JSON_ARRAY || type == PP_JSON_OBJECT ? PP_JSON_VALUE (doc, container)->count
                                                          : 0;
}

PpJsonRef
pp_json_doc_first (PpJsonDoc *doc,
                   PpJsonRef  container)
{
  return pp_json_doc_length (doc, container) > 0 ? PP_JSON_VALUE (doc, container)->first : 0;
}

PpJsonRef
pp_json_doc_next (PpJsonDoc *doc,
                  PpJsonRef  ref)
{
  return ref == 0 ? 0 : PP_JSON_VALUE (doc, ref)->next;
}

const char *
pp_json_doc_name (PpJsonDoc *doc,
                  PpJsonRef  member)
{
  return member == 0 ? NULL : PP_JSON_VALUE (doc, member)->name;
}

const char *
pp_json_doc_string (PpJsonDoc *doc,
                    PpJsonRef  ref)
{
  return pp_json_doc_type (doc, ref) == PP_JSON_STRING ? PP_JSON_VALUE (doc, ref)->v.s : NULL;
}

gboolean
pp_json_doc_int (PpJsonDoc *doc,
                 PpJsonRef  ref,
                 gint64    *value)
{
  if (pp_json_doc_type (doc, ref) != PP_JSON_INT)
    return FALSE;
  *value = PP_JSON_VALUE (doc, ref)->v.i;

  return TRUE;
}

gboolean
pp_json_doc_boolean (PpJsonDoc *doc,
                     PpJsonRef  ref)
{
  return pp_json_doc_type (doc, ref) == PP_JSON_BOOLEAN && PP_JSON_VALUE (doc, ref)->v.i != 0;
}

double
pp_json_doc_double (PpJsonDoc *doc,
                    PpJsonRef  ref)
{
  switch (pp_json_doc_type (doc, ref))
    {
    case PP_JSON_DOUBLE:
      return PP_JSON_VALUE (doc, ref)->v.d;
    case PP_JSON_INT:
    case PP_JSON_BOOLEAN:
      return (double) PP_JSON_VALUE (doc, ref)->v.i;
    default:
      return 0.0;
    }
}

GPtrArray *
pp_json_doc_dup_strings (PpJsonDoc *doc,
                         PpJsonRef  array,
                         guint      max_items,
                         gsize      max_length)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  if (pp_json_doc_type (doc, array) != PP_JSON_ARRAY)
    return strings;
  for (PpJsonRef r = pp_json_doc_first (doc, array); r != 0; r = pp_json_doc_next (doc, r))
    {
      const char *string = pp_json_doc_string (doc, r);

      if (max_items > 0 && strings->len >= max_items)
        break;
      if (string != NULL && (max_length == 0 || strlen (string) <= max_length))
        g_ptr_array_add (strings, g_strdup (string));
    }

  return strings;
}
