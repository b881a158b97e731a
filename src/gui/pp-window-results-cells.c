/* pp-window-results-cells.c: the session's results drawn into the cells,
 * a frame's worth at a time
 *
 * The session has each result as it comes ("probe-finished"); a cell
 * shows it at the next frame with room for it. Which cells are behind
 * the session is not listed anywhere: each cell knows (it shows pending
 * while the session's results hold its answer, pp_grid_cell_is_behind),
 * and a frame looks along the rows from where the last one stopped. A
 * look costs a few microseconds for a thousand cells; a list of them
 * would be a copy of what the session's results already say.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-grid-row.h"
#include "pp-window-results-private.h"

/**
 * pp_window_results_get_cell:
 *
 * Returns: (transfer none) (nullable): the cell of plan item @index
 */
PpGridCell *
pp_window_results_get_cell (PpWindowResults *self,
                            guint            index)
{
  guint endpoint_index, method_position;

  if (!pp_run_results_get_position (pp_session_get_results (self->session), index,
                                    &endpoint_index, &method_position) ||
      endpoint_index >= self->all_rows->len)
    return NULL;

  return pp_grid_row_get_cell (g_ptr_array_index (self->all_rows, endpoint_index), method_position);
}

static guint
n_cells (PpWindowResults *self)
{
  return self->all_rows->len > 0
         ? self->all_rows->len * pp_grid_row_get_n_cells (g_ptr_array_index (self->all_rows, 0)) : 0;
}

static PpGridCell *
nth_cell (PpWindowResults *self,
          guint            n)
{
  PpGridRow *row = g_ptr_array_index (self->all_rows, n / pp_grid_row_get_n_cells (g_ptr_array_index (self->all_rows, 0)));

  return pp_grid_row_get_cell (row, n % pp_grid_row_get_n_cells (row));
}

/* Draws the cells that are behind the session, at most FLUSH_BUDGET_US
 * and CELLS_PER_FRAME of them per frame; returns TRUE when some are left
 * for the next frame. The applying itself is cheap: what costs is the
 * frame after it, which measures and draws every cell that changed (a
 * thousand labels re-shaped at once took 140 ms of CPU), so the count is
 * capped, not only the time. */
#define FLUSH_BUDGET_US 4000
#define CELLS_PER_FRAME 40

static gboolean
draw_cells_budget (PpWindowResults *self,
                   gint64           budget_us,
                   guint            max_cells)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  guint n = n_cells (self);
  guint done = 0;
  guint looked;

  for (looked = 0; looked < n && done < max_cells; looked++)
    {
      PpGridCell *cell = nth_cell (self, (self->cells_scan_from + looked) % n);

      if (!pp_grid_cell_is_behind (cell))
        continue;
      pp_grid_cell_update (cell);
      if (++done % 8 == 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  if (n > 0)
    self->cells_scan_from = (self->cells_scan_from + looked) % n;
  if (done > 0)
    _pp_window_results_queue_summary (self);

  /* Stopped early: more may wait. Looked at every cell: none does. */
  return looked < n;
}

/* Every cell that is behind, at once. */
void
_pp_window_results_draw_all_cells (PpWindowResults *self)
{
  draw_cells_budget (self, G_MAXINT64 / 2, G_MAXUINT);
}

/* Whether the view shows a run the session has ended: once no cell is
 * behind (the callers know), the view's run is over. */
static gboolean
run_drawn (PpWindowResults *self)
{
  return self->running && !pp_session_get_running (self->session);
}

static gboolean
cells_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  PpWindowResults *self = user_data;

  if (draw_cells_budget (self, FLUSH_BUDGET_US, CELLS_PER_FRAME))
    return G_SOURCE_CONTINUE;
  self->cells_tick_id = 0;
  if (run_drawn (self))
    _pp_window_results_end_run (self);

  return G_SOURCE_REMOVE;
}

/* An unmapped window gets no frames: an idle then does the same job. */
static gboolean
cells_idle_cb (gpointer user_data)
{
  PpWindowResults *self = user_data;

  self->cells_idle_id = 0;
  if (self->cells_tick_id == 0)
    {
      _pp_window_results_draw_all_cells (self);
      if (run_drawn (self))
        _pp_window_results_end_run (self);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_cells (PpWindowResults *self)
{
  GtkWidget *clock_widget = _pp_window_results_frame_widget (self);

  if (self->cells_tick_id == 0 && gtk_widget_get_mapped (clock_widget))
    self->cells_tick_id = gtk_widget_add_tick_callback (clock_widget, cells_tick_cb, self, NULL);
  else if (self->cells_tick_id == 0 && self->cells_idle_id == 0)
    self->cells_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, cells_idle_cb, self, NULL);
}

/* The session has the result already (the summary and the report count
 * it); its cell follows at the next frame with room for it, and asks the
 * session for it then. */
static void
probe_finished_cb (PpSession       *session,
                   guint            index,
                   PpProbeResult   *result,
                   PpWindowResults *self)
{
  schedule_cells (self);
}

/* The session is done, the frames perhaps not: the view's run ends when
 * they have drawn every result, not in one frame that would apply
 * hundreds of cells at once. */
static void
session_finished_cb (PpSession       *session,
                     const GError    *error,
                     PpWindowResults *self)
{
  guint n = n_cells (self);

  for (guint i = 0; i < n; i++)
    if (pp_grid_cell_is_behind (nth_cell (self, i)))
      {
        schedule_cells (self);
        return;
      }
  if (run_drawn (self))
    _pp_window_results_end_run (self);
}

void
_pp_window_results_watch_session (PpWindowResults *self)
{
  g_signal_connect (self->session, "probe-finished", G_CALLBACK (probe_finished_cb), self);
  g_signal_connect (self->session, "finished", G_CALLBACK (session_finished_cb), self);
}

/* No more cells by frames: the run's end draws the rest at once, or the
 * view is going away. */
void
_pp_window_results_stop_cells (PpWindowResults *self)
{
  if (self->cells_tick_id != 0)
    gtk_widget_remove_tick_callback (_pp_window_results_frame_widget (self), self->cells_tick_id);
  self->cells_tick_id = 0;
  g_clear_handle_id (&self->cells_idle_id, g_source_remove);
}
