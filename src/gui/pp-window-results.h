/* pp-window-results.h: the results page, a view of a PpSession
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-details-pane.h"
#include "pp-grid-cell.h"
#include "pp-session.h"

G_BEGIN_DECLS

#define PP_TYPE_WINDOW_RESULTS (pp_window_results_get_type ())

G_DECLARE_FINAL_TYPE (PpWindowResults, pp_window_results, PP, WINDOW_RESULTS, GtkWidget)

PpWindowResults *pp_window_results_new             (PpSession       *session);
/* Rows for @plan before the first run, a few per frame. */
void             pp_window_results_prepare         (PpWindowResults *self,
                                                    PpPlan          *plan);
/* The plan to run for @plan: the rows' own when they show the same
 * probes (their widgets stay), else @plan with new rows; every cell
 * pending. */
PpPlan          *pp_window_results_rows_for_run    (PpWindowResults *self,
                                                    PpPlan          *plan);
void             pp_window_results_show_run        (PpWindowResults *self);
void             pp_window_results_show_received   (PpWindowResults *self);
gboolean         pp_window_results_get_running     (PpWindowResults *self);
PpGridCell      *pp_window_results_get_cell        (PpWindowResults *self,
                                                    guint            index);
GListModel      *pp_window_results_get_rows        (PpWindowResults *self);
GtkColumnView   *pp_window_results_get_column_view (PpWindowResults *self);
PpDetailsPane   *pp_window_results_get_details     (PpWindowResults *self);
void             pp_window_results_show_cell       (PpWindowResults *self,
                                                    PpGridCell      *cell);
void             pp_window_results_follow_cell     (PpWindowResults *self,
                                                    PpGridCell      *cell);
char            *pp_window_results_format_summary  (PpWindowResults *self);

G_END_DECLS
