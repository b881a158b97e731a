/* pp-config-resolver.h: what a connectivity method tries for one URL
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"
#include "pp-method.h"

G_BEGIN_DECLS

/* One method's answer for one URL. */
typedef struct
{
  GPtrArray *candidates;  /* of PpProxySpec, in the order to try; NULL: none */
  char *detail;           /* without candidates and error: why the method does not
                           * exist; with candidates: a note on the way (a PAC answer
                           * with ignored parts); or NULL */
  char **pac_lookups;     /* a PAC script's DNS look-ups for this URL, "name → answer
                           * (ms)", even when it failed; NULL without a script */
} PpCandidates;

PpCandidates *pp_config_resolve    (PpConfig      *config,
                                    PpMethod       method,
                                    const char    *url,
                                    GCancellable  *cancellable,
                                    GError       **error);
void          pp_candidates_free   (PpCandidates  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpCandidates, pp_candidates_free)

G_END_DECLS
