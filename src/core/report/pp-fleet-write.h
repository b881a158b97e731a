/* pp-fleet-write.h: the fleet report zip
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fleet.html   one self-contained page (pp-fleet-html.c)
 *   fleet.json   proxyprobe-fleet/1 (pp-fleet-json.c, README)
 *   fleet.csv    one row per host and endpoint
 *   hosts/NAME-RUN/report.html and report.zip (or report.json): each host's own
 */
#pragma once

#include "pp-fleet-answer.h"

G_BEGIN_DECLS

gboolean pp_fleet_write (PpFleet              *fleet,
                         const PpFleetAnswer  *answer,
                         const char           *path,
                         gboolean              overwrite,
                         GError              **error);

G_END_DECLS
