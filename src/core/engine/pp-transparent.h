/* pp-transparent.h: a proxy on a connection made without one
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-classify.h"
#include "pp-probe-result.h"

G_BEGIN_DECLS

char *pp_transparent_from_answer (const PpTransferFacts *facts);
char *pp_transparent_from_tls    (const PpTlsSummary    *tls);
void  pp_transparent_note_answer (PpProbeResult         *result,
                                  const PpTransferFacts *facts);
void  pp_transparent_note_tls    (PpProbeResult         *result);

G_END_DECLS
