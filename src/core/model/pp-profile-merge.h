/* pp-profile-merge.h: one probe per URL and method; the agent's own endpoints
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-endpoint.h"
#include "pp-profile.h"

G_BEGIN_DECLS

/* Whether the agent uses @endpoint now (pp-onboarding.c answers it). */
typedef gboolean (*PpEndpointPredicate) (const PpEndpoint *endpoint,
                                         gpointer          user_data);

GPtrArray *pp_profile_merge_duplicates (GPtrArray           *endpoints);
GPtrArray *pp_profile_merge_mark       (GPtrArray           *endpoints,
                                        PpEndpointPredicate  agent_uses,
                                        gpointer             user_data);

/* In pp-profile.c: before the profile is planned, never after. */
void       pp_profile_mark_agent_endpoints (PpProfile           *profile,
                                            PpEndpointPredicate  agent_uses,
                                            gpointer             user_data);

G_END_DECLS
