/* pp-window-results.c: the results page: the summary, the live grid and
 * the details sidebar
 *
 * A view of a PpSession: it shows the session's run from
 * pp_window_results_show_run() until the last cell is drawn ("running",
 * then "run-shown"), or a received report whole. The grid's columns, its
 * rows, the cells drawn frame by frame, the focus and the summary are
 * each a file of their own (pp-window-results-private.h says which).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"
#include "pp-log.h"

#include "pp-grid-row.h"
#include "pp-window-results-private.h"

G_DEFINE_FINAL_TYPE (PpWindowResults, pp_window_results, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RUN_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The frames this view follows are its window's: the results arrive
 * and the rows are made in the window's frames, in the order the window
 * runs its frame callbacks (a --screenshot taken in one of them comes
 * after the cells of that frame), and while the view itself is hidden
 * behind the configuration page too. */
GtkWidget *
_pp_window_results_frame_widget (PpWindowResults *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? GTK_WIDGET (root) : GTK_WIDGET (self);
}

/* The run */

/* The session's run is over and its last cells are drawn (or are drawn
 * now, the frames having been too slow for them): the view's run is
 * over. */
void
_pp_window_results_end_run (PpWindowResults *self)
{
  _pp_window_results_stop_cells (self);
  _pp_window_results_draw_all_cells (self);
  self->running = FALSE;
  _pp_window_results_update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  pp_debug ("run shown");
  g_signal_emit (self, signals[SIGNAL_RUN_SHOWN], 0);
}

/* After pp_session_start(): the view shows the session's run. */
void
pp_window_results_show_run (PpWindowResults *self)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  self->running = TRUE;
  pp_window_results_show_cell (self, NULL);
  _pp_window_results_update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* After pp_session_load(): the view shows the session's loaded results
 * whole, at once (rows for its plan, every cell its result). */
void
pp_window_results_show_received (PpWindowResults *self)
{
  PpRunResults *results;

  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));
  g_return_if_fail (!self->running);

  results = pp_session_get_results (self->session);
  g_return_if_fail (results != NULL);
  _pp_window_results_fill_received_rows (self, pp_run_results_get_plan (results));
  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpGridCell *cell = pp_window_results_get_cell (self, i);

      if (cell != NULL)
        pp_grid_cell_update (cell);
    }
  pp_window_results_show_cell (self, NULL);
  _pp_window_results_update_summary (self);
  /* What can be done follows "running" (_pp_window_bind_actions): a
   * received report can be copied from, not exported again. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
pp_window_results_get_running (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), FALSE);

  return self->running;
}

GListModel *
pp_window_results_get_rows (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GtkColumnView *
pp_window_results_get_column_view (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return self->column_view;
}

/* The details of @cell in the sidebar, or (NULL) no sidebar. */
void
pp_window_results_show_cell (PpWindowResults *self,
                             PpGridCell      *cell)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  pp_details_pane_set_cell (self->details, cell);
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), cell != NULL);
}

/* The details of @cell, in the sidebar as it is (open or closed). */
void
pp_window_results_follow_cell (PpWindowResults *self,
                               PpGridCell      *cell)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  pp_details_pane_set_cell (self->details, cell);
}

static void
close_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pp_window_results_show_cell (PP_WINDOW_RESULTS (widget), NULL);
}

PpDetailsPane *
pp_window_results_get_details (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return self->details;
}

/* GObject */

static void
pp_window_results_dispose (GObject *object)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  /* Still in the window: its frames must not call a view that is gone. */
  _pp_window_results_stop_rows (self);
  _pp_window_results_stop_cells (self);
  _pp_window_results_stop_summary (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->flap, gtk_widget_unparent);

  G_OBJECT_CLASS (pp_window_results_parent_class)->dispose (object);
}

static void
pp_window_results_finalize (GObject *object)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->all_rows, g_ptr_array_unref);
  g_clear_object (&self->grid_plan);

  G_OBJECT_CLASS (pp_window_results_parent_class)->finalize (object);
}

static void
pp_window_results_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_window_results_class_init (PpWindowResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_window_results_dispose;
  object_class->finalize = pp_window_results_finalize;
  object_class->get_property = pp_window_results_get_property;

  /* Showing a run: from pp_window_results_show_run() until the last cell
   * is drawn, a little after the session's own "running". The window's
   * actions and choosers follow it. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The session's run is over and every result is drawn. */
  signals[SIGNAL_RUN_SHOWN] =
    g_signal_new ("run-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PP_TYPE_DETAILS_PANE);
  g_type_ensure (PP_TYPE_SUMMARY_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-window-results.ui");
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, flap);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, summary);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, details);
  gtk_widget_class_install_action (widget_class, "results.close-details", NULL, close_details_action);
}

static void
pp_window_results_init (PpWindowResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (PP_TYPE_GRID_ROW);
  self->all_rows = g_ptr_array_new_with_free_func (g_object_unref);
  _pp_window_results_setup_columns (self);
  _pp_window_results_follow_reveal (self);
}

/* A view of @session's runs, from the next one on. */
PpWindowResults *
pp_window_results_new (PpSession *session)
{
  PpWindowResults *self;

  g_return_val_if_fail (PP_IS_SESSION (session), NULL);

  self = g_object_new (PP_TYPE_WINDOW_RESULTS, NULL);
  self->session = g_object_ref (session);
  _pp_window_results_watch_session (self);

  return self;
}
