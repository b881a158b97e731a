/* pp-profile-schema.h: checking a profile document against its schema
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to pp-profile.c: the rest of the program sees profiles only
 * through PpProfile.
 */
#pragma once

#include <glib.h>

#include "pp-agent.h"
#include "pp-endpoint.h"

G_BEGIN_DECLS

/* The profile's error domain: declared here, in the lowest file that
 * raises it. */
#define PP_PROFILE_ERROR (pp_profile_error_quark ())

typedef enum
{
  PP_PROFILE_ERROR_NOT_FOUND,       /* no bundled profile and no file of that name */
  PP_PROFILE_ERROR_INVALID,         /* syntax or schema error, with file and line/JSON path */
  PP_PROFILE_ERROR_GEOGRAPHY,       /* unknown geography for this profile */
  PP_PROFILE_ERROR_WORKSPACE_ID,    /* missing or malformed workspace ID */
  PP_PROFILE_ERROR_EMPTY,           /* nothing left to probe */
} PpProfileError;

#define PP_PROFILE_WORKSPACE_TOKEN  "{workspace_id}"
#define PP_PROFILE_MAX_ENDPOINTS    10000

/* A profile document as its author wrote it: every geography, and
 * placeholders still in the URLs. */
typedef struct
{
  char       *name;
  char       *title;
  char       *description;  /* "" when the document has none */
  PpAgent    *agent;        /* NULL when the document names none */
  char      **geographies;  /* never NULL */
  GPtrArray  *endpoints;    /* of PpEndpoint */
} PpProfileDocument;

GQuark             pp_profile_error_quark    (void);
PpProfileDocument *pp_profile_document_parse (const char         *file,
                                              const char         *data,
                                              gsize               length,
                                              GError            **error);
void               pp_profile_document_free  (PpProfileDocument  *document);

/* Shared with pp-profile.c, which reads URL lists in the same way. */
gboolean           pp_profile_check_utf8     (const char         *file,
                                              const char         *data,
                                              gsize               length,
                                              GError            **error);
char              *pp_profile_expand_url     (const char         *url,
                                              const char         *workspace_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpProfileDocument, pp_profile_document_free)

G_END_DECLS
