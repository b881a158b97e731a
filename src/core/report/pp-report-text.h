/* pp-report-text.h: the analyzer-compatible text report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-run-results.h"

G_BEGIN_DECLS

char  *pp_report_text_format_url     (PpRunResults *results,
                                      guint         endpoint_index);
char  *pp_report_text_format_summary (PpRunResults *results);
char  *pp_report_text_format         (PpRunResults *results);

G_END_DECLS
