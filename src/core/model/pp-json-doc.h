/* pp-json-doc.h: a parsed JSON document in two arrays, read without json-glib's tree
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A merge reads 1,000 report.json files of 330 probes each; as json-glib
 * trees (a JsonNode, a hash table and a list per object, every string
 * copied) building and freeing them was most of its time. A PpJsonDoc
 * holds the same values in one array and its strings in one chunk, and
 * reads them with json-glib's rules (what a JsonNode accessor answers
 * for each type), so a reader gives the same answers from either.
 * A document is read by one thread at a time: a member looked up is
 * remembered, where the next look-up starts.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  PP_JSON_NONE,       /* no value: a missing member, the reference 0 */
  PP_JSON_NULL,
  PP_JSON_BOOLEAN,
  PP_JSON_INT,
  PP_JSON_DOUBLE,
  PP_JSON_STRING,
  PP_JSON_ARRAY,
  PP_JSON_OBJECT,
} PpJsonType;

/* A value of a document; 0 is no value, and every accessor takes it. */
typedef guint32 PpJsonRef;

typedef struct _PpJsonDoc PpJsonDoc;

/* Plain JSON only (see pp-json-strict.c): NULL for anything else.
 * Untrusted JSON of any kind: pp_json_parse_doc() (pp-json.h). */
PpJsonDoc  *pp_json_doc_parse_strict  (const char  *data,
                                       gsize        length,
                                       guint        max_depth);
PpJsonDoc  *pp_json_doc_new_from_node (JsonNode    *node);
void        pp_json_doc_free          (PpJsonDoc   *doc);

PpJsonRef   pp_json_doc_root          (PpJsonDoc   *doc);
JsonNode   *pp_json_doc_to_node       (PpJsonDoc   *doc,
                                       PpJsonRef    ref);

PpJsonType  pp_json_doc_type          (PpJsonDoc   *doc,
                                       PpJsonRef    ref);
/* 0 unless @object is an object with a member @name. */
PpJsonRef   pp_json_doc_member        (PpJsonDoc   *doc,
                                       PpJsonRef    object,
                                       const char  *name);
PpJsonRef   pp_json_doc_object_member (PpJsonDoc   *doc,
                                       PpJsonRef    object,
                                       const char  *name);
PpJsonRef   pp_json_doc_array_member  (PpJsonDoc   *doc,
                                       PpJsonRef    object,
                                       const char  *name);
/* Arrays' elements and objects' members in their order: first, then
 * next until 0. */
guint       pp_json_doc_length        (PpJsonDoc   *doc,
                                       PpJsonRef    container);
PpJsonRef   pp_json_doc_first         (PpJsonDoc   *doc,
                                       PpJsonRef    container);
PpJsonRef   pp_json_doc_next          (PpJsonDoc   *doc,
                                       PpJsonRef    ref);
const char *pp_json_doc_name          (PpJsonDoc   *doc,
                                       PpJsonRef    member);

/* NULL for anything but a string. */
const char *pp_json_doc_string        (PpJsonDoc   *doc,
                                       PpJsonRef    ref);
/* FALSE for anything but an integer (json-glib: G_TYPE_INT64). */
gboolean    pp_json_doc_int           (PpJsonDoc   *doc,
                                       PpJsonRef    ref,
                                       gint64      *value);
/* TRUE only for true. */
gboolean    pp_json_doc_boolean       (PpJsonDoc   *doc,
                                       PpJsonRef    ref);
/* json_node_get_double(): a number, 1 or 0 for true or false, else 0. */
double      pp_json_doc_double        (PpJsonDoc   *doc,
                                       PpJsonRef    ref);
/* pp_json_dup_strings() of an array of the document. */
GPtrArray  *pp_json_doc_dup_strings   (PpJsonDoc   *doc,
                                       PpJsonRef    array,
                                       guint        max_items,
                                       gsize        max_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpJsonDoc, pp_json_doc_free)

G_END_DECLS
