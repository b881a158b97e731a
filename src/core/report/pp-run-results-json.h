/* pp-run-results-json.h: a run read back from a proxyprobe-report/1 document
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inverse of pp-report-json.c for what a PpRunResults holds: the
 * profile (name, title, geography, endpoints), the methods, how the run
 * ran and every probe's result. The document comes from another machine:
 * it is parsed with pp_json_parse's bounded depth and every field is
 * checked before use.
 */
#pragma once

#include "pp-json-doc.h"

#include "pp-run-results.h"

G_BEGIN_DECLS

PpRunResults *pp_run_results_new_from_report_json (const char  *data,
                                                   gssize       length,
                                                   GError     **error);
PpRunResults *pp_run_results_new_from_report_doc  (PpJsonDoc   *doc,
                                                   GError     **error);

G_END_DECLS
