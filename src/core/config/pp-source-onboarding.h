/* pp-source-onboarding.h: the agent's onboarding, among the configuration sources
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void pp_source_read_onboarding (const char *sysroot,
                                const char *package,
                                GPtrArray  *out);

G_END_DECLS
