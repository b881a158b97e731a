/* pp-profile-merge.h: one probe per URL and method; the agent's own endpoints
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-endpoint.h"

G_BEGIN_DECLS

GPtrArray *pp_profile_merge_duplicates (GPtrArray           *endpoints);
GPtrArray *pp_profile_merge_mark       (GPtrArray           *endpoints,
                                        PpEndpointPredicate  agent_uses,
                                        gpointer             user_data);

G_END_DECLS
