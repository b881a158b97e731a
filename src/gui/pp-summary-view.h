/* pp-summary-view.h: the results page's summary: the diagnosis as a layout
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_TYPE_SUMMARY_VIEW (pp_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (PpSummaryView, pp_summary_view, PP, SUMMARY_VIEW, GtkWidget)

void     pp_summary_view_show         (PpSummaryView  *self,
                                       PpRunResults   *results,
                                       gboolean        running);
void     pp_summary_view_format_lines (PpRunResults   *results,
                                       gboolean        running,
                                       char          **title,
                                       char          **counts,
                                       char          **verdict_text);

G_END_DECLS
