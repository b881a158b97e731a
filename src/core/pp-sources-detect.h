/* pp-sources-detect.h: every proxy configuration source of the machine
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-source.h"

G_BEGIN_DECLS

GPtrArray *pp_sources_detect (const PpSourcesOptions *options);

G_END_DECLS
