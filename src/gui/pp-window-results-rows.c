/* pp-window-results-rows.c: the grid's rows, made a few per frame
 *
 * A row per endpoint of the plan (PpGridRow, its cells PpGridCells);
 * the list model changes only when a plan's rows replace another's,
 * never while results come in.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-format.h"
#include "pp-grid-row.h"
#include "pp-profile.h"
#include "pp-window-results-private.h"

/* GTK 4.8's list views keep a widget for up to 200 rows, whether they
 * show or not, and make them as rows are added: a long profile is added a
 * few rows per frame, so that no frame waits for hundreds of widgets.
 * While a run's results pour in (Run before the rows were all made, as
 * with --run at launch), one a frame: the frames then also draw the cells
 * that changed; the rows on screen come within about half a second. */
#define ROWS_PER_FRAME 4
#define ROWS_PER_FRAME_RUNNING 1
/* A received report has nothing else to do meanwhile, and its reader
 * waits for every row: its batch doubles after each frame that kept time
 * (4, 8, 16, 32: a 167-row report in 7 frames instead of 42) and halves
 * after a late one. */
#define ROWS_PER_FRAME_MAX 32
#define LATE_FRAME_US 25000
#define MAX_FRAMES_SKIPPED 8

static gboolean
add_rows_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  PpWindowResults *self = user_data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean late = self->rows_frame_time != 0 && now - self->rows_frame_time > LATE_FRAME_US;
  guint n;

  if (self->rows_per_frame != 0 && self->rows_frame_time != 0)
    {
      self->rows_per_frame = late ? MAX (self->rows_per_frame / 2, ROWS_PER_FRAME)
                                  : MIN (self->rows_per_frame * 2, ROWS_PER_FRAME_MAX);
      late = FALSE;
    }
  n = MIN (self->running ? ROWS_PER_FRAME_RUNNING
           : self->rows_per_frame != 0 ? self->rows_per_frame : ROWS_PER_FRAME,
           self->all_rows->len - shown);

  /* A frame that comes late follows a long one (the results page or the
   * configuration panel being built): it adds no rows, which would only
   * make it longer; but rows still come on a machine whose frames are all
   * late. While a run lasts, one row is light enough for any frame, and
   * none is skipped. */
  self->rows_frame_time = now;
  if (late && !self->running && self->rows_frames_skipped < MAX_FRAMES_SKIPPED)
    {
      self->rows_frames_skipped++;
      return G_SOURCE_CONTINUE;
    }
  self->rows_frames_skipped = 0;
  g_list_store_splice (self->rows, shown, 0, self->all_rows->pdata + shown, n);
  if (shown + n < self->all_rows->len)
    return G_SOURCE_CONTINUE;
  self->rows_tick_id = 0;

  return G_SOURCE_REMOVE;
}

void
_pp_window_results_fill_rows (PpWindowResults *self,
                              PpPlan          *plan)
{
  guint n_endpoints = pp_profile_get_n_endpoints (pp_plan_get_profile (plan));

  g_autoptr(PpRunResults) pending = pp_run_results_new (plan);

  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_set_object (&self->grid_plan, plan);
  g_ptr_array_set_size (self->all_rows, 0);
  for (guint e = 0; e < n_endpoints; e++)
    {
      g_ptr_array_add (self->all_rows, pp_grid_row_new (self->session, pending, e));
      g_strv_builder_add (urls, pp_grid_row_get_endpoint (g_ptr_array_index (self->all_rows, e))->url);
    }
  names = g_strv_builder_end (urls);
  {
    g_auto(GStrv) short_names = pp_format_distinct_names ((const char * const *) names);

    for (guint e = 0; e < n_endpoints; e++)
      pp_grid_row_set_name (g_ptr_array_index (self->all_rows, e), short_names[e]);
  }
  _pp_window_results_stop_rows (self);
  self->rows_frame_time = 0;
  self->rows_frames_skipped = 0;
  self->rows_per_frame = 0;
  /* Rows change only here (removed, then added by frames, see above);
   * results change cells, never the model. */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       self->all_rows->pdata, MIN (self->all_rows->len, ROWS_PER_FRAME));
  if (self->all_rows->len > ROWS_PER_FRAME)
    {
      if (gtk_widget_get_mapped (_pp_window_results_frame_widget (self)))
        self->rows_tick_id = gtk_widget_add_tick_callback (_pp_window_results_frame_widget (self), add_rows_cb, self, NULL);
      else
        g_list_store_splice (self->rows, ROWS_PER_FRAME, 0, self->all_rows->pdata + ROWS_PER_FRAME,
                             self->all_rows->len - ROWS_PER_FRAME);
    }
}

/* Whether the rows were made for the same endpoints and methods as @plan,
 * so that a run of @plan can keep them, and their widgets. */
static gboolean
grid_shows (PpWindowResults *self,
            PpPlan          *plan)
{
  PpPlan *shown = self->grid_plan;
  guint n_items = pp_plan_get_n_items (plan);

  if (shown == NULL || pp_plan_get_n_items (shown) != n_items ||
      pp_plan_get_n_methods (shown) != pp_plan_get_n_methods (plan))
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      PpMethod shown_method, method;
      PpEndpoint *shown_endpoint = pp_plan_get_item (shown, i, &shown_method);
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);

      if (shown_method != method || !pp_endpoint_equal (shown_endpoint, endpoint))
        return FALSE;
    }

  return TRUE;
}

/* Before the first run, the chosen profile's rows are made under the
 * empty state, a few per frame while nobody waits for them: Run then
 * only marks their cells pending, instead of making a thousand widgets
 * while the first results arrive. A profile that cannot load yet (no
 * workspace ID) gets its rows, and its error, when Run is clicked. */
void
pp_window_results_prepare (PpWindowResults *self,
                           PpPlan          *plan)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  if (pp_session_get_plan (self->session) != NULL)
    return;
  if (plan != NULL && !grid_shows (self, plan))
    _pp_window_results_fill_rows (self, plan);
}

/* The plan a run of @plan runs: the rows' own when they show the same
 * probes (their widgets stay), else @plan with new rows. Every cell is
 * pending afterwards. */
PpPlan *
pp_window_results_rows_for_run (PpWindowResults *self,
                                PpPlan          *plan)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  if (!grid_shows (self, plan))
    _pp_window_results_fill_rows (self, plan);
  for (guint r = 0; r < self->all_rows->len; r++)
    {
      PpGridRow *row = g_ptr_array_index (self->all_rows, r);

      for (guint m = 0; m < pp_grid_row_get_n_cells (row); m++)
        pp_grid_cell_set_pending (pp_grid_row_get_cell (row, m));
    }

  return self->grid_plan;
}

/* No more rows by frames: new ones replace them, or the view is going away. */
void
_pp_window_results_stop_rows (PpWindowResults *self)
{
  if (self->rows_tick_id != 0)
    gtk_widget_remove_tick_callback (_pp_window_results_frame_widget (self), self->rows_tick_id);
  self->rows_tick_id = 0;
}

/* A received report's rows: made by frames that grow while they keep
 * time (see add_rows_cb), since its reader waits for every row. */
void
_pp_window_results_fill_received_rows (PpWindowResults *self,
                                       PpPlan          *plan)
{
  _pp_window_results_fill_rows (self, plan);
  self->rows_per_frame = ROWS_PER_FRAME;
}
