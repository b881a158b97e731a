/* pp-source-agree.h: compares the sources read so far and adds "conflict" sources
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-source.h"

G_BEGIN_DECLS

/* Runs after every reader: compares what they put in @out. */
void pp_source_check_agreement (const PpSourcesOptions *options,
                                GPtrArray              *out);

G_END_DECLS
