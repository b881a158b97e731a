/* pp-json-strict.h: plain JSON into json-glib's tree, quickly
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

int       pp_json_hex4         (const char *p,
                                const char *end);
JsonNode *pp_json_strict_parse (const char *data,
                                gsize       length,
                                guint       max_depth);

G_END_DECLS
