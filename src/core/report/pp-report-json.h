/* pp-report-json.h: the proxyprobe-report/1 document
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pp-config.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_REPORT_SCHEMA "proxyprobe-report/1"

JsonNode *pp_report_json_build     (PpRunResults        *results,
                                    PpConfig            *config);
void      pp_report_json_add_probe (JsonBuilder         *builder,
                                    const PpProbeResult *result);
void      pp_report_json_add_config (JsonBuilder       *builder,
                                     PpConfig          *config);
void      pp_report_json_add_sources (JsonBuilder      *builder,
                                      GPtrArray        *sources);
char     *pp_report_json_format    (PpRunResults        *results,
                                    PpConfig            *config);

G_END_DECLS
