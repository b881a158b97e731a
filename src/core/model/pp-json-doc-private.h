/* pp-json-doc-private.h: how a PpJsonDoc is laid out, for its builders
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-json-doc.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;      /* a member of an object: its name */
  union
  {
    gint64 i;
    double d;
    const char *s;
  } v;
  guint32 next;          /* the next element or member of its container */
  guint32 first;         /* a container's first element or member */
  guint32 count;         /* a container's elements or members */
  guint32 name_hash;     /* g_str_hash (name) */
  guint32 type;          /* PpJsonType */
} PpJsonValue;

struct _PpJsonDoc
{
  GArray *values;        /* of PpJsonValue; [0] is no value */
  GStringChunk *strings; /* every string and name */
  PpJsonRef last_object; /* the last member found, and its object */
  PpJsonRef last_member;
};

#define PP_JSON_VALUE(doc, ref) (&g_array_index ((doc)->values, PpJsonValue, (ref)))

PpJsonDoc *pp_json_doc_new    (gsize       n_values,
                               gsize       strings_size);
PpJsonRef  pp_json_doc_append (PpJsonDoc  *doc,
                               PpJsonType  type);
/* Adds @child after @last (0: as the first) of @container. */
void       pp_json_doc_link   (PpJsonDoc  *doc,
                               PpJsonRef   container,
                               PpJsonRef  *last,
                               PpJsonRef   child);

G_END_DECLS
