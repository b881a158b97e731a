/* pp-report-text.h: the analyzer-compatible text report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-plan.h"
#include "pp-probe-result.h"

G_BEGIN_DECLS

char  *pp_report_text_format_url     (PpPlan    *plan,
                                      GPtrArray *results,
                                      guint      endpoint_index);
char  *pp_report_text_format_summary (PpPlan    *plan,
                                      GPtrArray *results);
char  *pp_report_text_format         (PpPlan    *plan,
                                      GPtrArray *results);
guint  pp_report_count_reachable     (PpPlan    *plan,
                                      GPtrArray *results);

G_END_DECLS
