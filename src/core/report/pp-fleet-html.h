/* pp-fleet-html.h: fleet.html, the fleet report's page
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-fleet-answer.h"

G_BEGIN_DECLS

char *pp_fleet_html_format (PpFleet             *fleet,
                            const PpFleetAnswer *answer,
                            const char          *generated);

G_END_DECLS
