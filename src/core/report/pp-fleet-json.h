/* pp-fleet-json.h: fleet.json (proxyprobe-fleet/1, see README) and fleet.csv
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-fleet-answer.h"

G_BEGIN_DECLS

char *pp_fleet_json_format (PpFleet             *fleet,
                            const PpFleetAnswer *answer,
                            const char *generated);
/* One row per host and endpoint of its profile. */
char *pp_fleet_csv_format  (PpFleet    *fleet);

G_END_DECLS
