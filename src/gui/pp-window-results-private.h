/* pp-window-results-private.h: what the results view's source files share
 *
 * PpWindowResults is one widget written in five files, one job each:
 *   pp-window-results.c          the widget: its template, the run it
 *                                shows ("running", "run-shown") and the
 *                                details sidebar
 *   pp-window-results-columns.c  the grid's columns and what their cells show
 *   pp-window-results-focus.c    the keyboard focus kept in view
 *   pp-window-results-rows.c     the rows, made a few per frame
 *   pp-window-results-cells.c    the session's results drawn into the
 *                                cells, a frame's worth at a time
 *   pp-window-results-summary.c  the summary above the grid, and its text
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-summary-view.h"
#include "pp-window-results.h"

G_BEGIN_DECLS

struct _PpWindowResults
{
  GtkWidget parent_instance;

  /* The template's */
  GtkWidget *flap;             /* AdwFlap: the grid, and the details at its end */
  GtkScrolledWindow *scroller;
  PpSummaryView *summary;
  GtkColumnView *column_view;
  PpDetailsPane *details;

  /* What is shown: the session's run. The results are the session's
   * alone; the view keeps only what showing them takes. */
  PpSession *session;
  gboolean running;            /* showing a run: the session's, until its last cell is drawn */

  /* The rows (pp-window-results-rows.c) */
  GListStore *rows;            /* of PpGridRow, what the grid shows */
  GPtrArray *all_rows;         /* of PpGridRow, every row of the run */
  PpPlan *grid_plan;           /* the plan the rows were made for */
  guint rows_tick_id;
  gint64 rows_frame_time;      /* the last frame add_rows_cb ran in */
  guint rows_frames_skipped;   /* late frames in a row that added none */
  guint rows_per_frame;        /* a received report's: grows while frames keep time */

  /* The cells (pp-window-results-cells.c): which cells are behind the
   * session is theirs to say (pp_grid_cell_is_behind); only where the
   * last frame stopped looking is kept. */
  guint cells_tick_id;
  guint cells_idle_id;
  guint cells_scan_from;       /* row × method position where the next frame starts */

  /* The summary (pp-window-results-summary.c) */
  guint summary_timeout_id;
  gboolean summary_dirty;      /* results came since the summary was shown */
};

/* pp-window-results.c */
GtkWidget *_pp_window_results_frame_widget      (PpWindowResults *self);
void       _pp_window_results_end_run           (PpWindowResults *self);

/* pp-window-results-columns.c */
void       _pp_window_results_setup_columns     (PpWindowResults *self);

/* pp-window-results-focus.c */
void       _pp_window_results_watch_focus       (PpWindowResults *self,
                                                 GtkWidget       *cell);
void       _pp_window_results_follow_reveal     (PpWindowResults *self);

/* pp-window-results-rows.c */
void       _pp_window_results_fill_rows         (PpWindowResults *self,
                                                 PpPlan          *plan);
void       _pp_window_results_fill_received_rows (PpWindowResults *self,
                                                  PpPlan          *plan);
void       _pp_window_results_stop_rows         (PpWindowResults *self);

/* pp-window-results-cells.c */
void       _pp_window_results_watch_session     (PpWindowResults *self);
void       _pp_window_results_draw_all_cells    (PpWindowResults *self);
void       _pp_window_results_stop_cells        (PpWindowResults *self);

/* pp-window-results-summary.c */
void       _pp_window_results_update_summary    (PpWindowResults *self);
void       _pp_window_results_queue_summary     (PpWindowResults *self);
void       _pp_window_results_stop_summary      (PpWindowResults *self);

G_END_DECLS
