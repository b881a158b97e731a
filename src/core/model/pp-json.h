/* pp-json.h: JSON from untrusted files, parsed with a bounded depth
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pp-json-doc.h"

G_BEGIN_DECLS

/* Profiles nest 4 levels, the agent's file 3, report.json 8: 64 leaves
 * room for any real file and still keeps json-glib's recursion (about
 * 200 bytes of stack a level) far from the end of a thread's stack. */
#define PP_JSON_MAX_DEPTH 64

#define PP_JSON_ERROR (pp_json_error_quark ())

typedef enum
{
  PP_JSON_ERROR_TOO_DEEP,   /* arrays and objects nested beyond the bound */
  PP_JSON_ERROR_INVALID,    /* an escape the scan cannot follow, two top-level values */
} PpJsonError;

GQuark      pp_json_error_quark   (void);

gboolean    pp_json_check_depth   (const char  *data,
                                   gssize       length,
                                   guint        max_depth,
                                   GError     **error);
JsonParser *pp_json_parse         (const char  *data,
                                   gssize       length,
                                   GError     **error);
JsonNode   *pp_json_parse_root    (const char  *data,
                                   gssize       length,
                                   GError     **error);
PpJsonDoc  *pp_json_parse_doc     (const char  *data,
                                   gssize       length,
                                   GError     **error);
const char *pp_json_describe_node (JsonNode    *node);

/* Members of a received document, each checked for its type: NULL for a
 * missing member, null, or another type. */
const char *pp_json_get_string_member (JsonObject  *object,
                                       const char  *name);
JsonObject *pp_json_get_object_member (JsonObject  *object,
                                       const char  *name);
/* The strings of @array (NULL: none), other elements skipped; at most
 * @max_items of at most @max_length bytes each (0: no bound). */
GPtrArray  *pp_json_dup_strings       (JsonArray   *array,
                                       guint        max_items,
                                       gsize        max_length);
/* Members written: a NULL @value is written as null. */
void        pp_json_add_string_member (JsonBuilder *builder,
                                       const char  *name,
                                       const char  *value);
void        pp_json_add_int_member    (JsonBuilder *builder,
                                       const char  *name,
                                       gint64       value);
/* An array of the strings of @strings (NULL: an empty array). */
void        pp_json_add_strings_member (JsonBuilder *builder,
                                        const char  *name,
                                        GPtrArray   *strings);

G_END_DECLS
