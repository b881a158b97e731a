/* pp-classify-private.h: what the classifier's files share
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-classify.h"

G_BEGIN_DECLS

/* pp-classify-reach.c; @facts name every peer (no NULL names). */
gboolean pp_classify_name_failure       (const PpTransferFacts *facts,
                                         PpClassification      *out);
char    *pp_classify_describe_unreached (const PpTransferFacts *facts);

G_END_DECLS
