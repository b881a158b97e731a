/* pp-source-env.h: the environment desktop applications inherit
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-source.h"

G_BEGIN_DECLS

/* Appends to @out; never fails: a source that cannot be read is itself
 * reported, with a warning. */
void pp_source_read_env (const PpSourcesOptions *options,
                         GPtrArray              *out);

G_END_DECLS
