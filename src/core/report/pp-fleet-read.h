/* pp-fleet-read.h: reading a fleet's reports (zips, report.json, folders)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-fleet.h"

G_BEGIN_DECLS

/* A report.json of 1,000 probes is ~1.5 MiB: ten times that is not ours. */
#define PP_FLEET_MAX_JSON (16u * 1024 * 1024)

PpFleet *pp_fleet_read (const char * const *inputs,
                        const char         *tmp_dir);

G_END_DECLS
