/* pp-grid-row.c: one endpoint of the live grid, with a cell per method
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-grid-row.h"
#include "pp-profile.h"

struct _PpGridRow
{
  GObject parent_instance;

  PpEndpoint *endpoint;
  char *name;          /* what tells the row from the others (pp_format_distinct_names) */
  GPtrArray *cells;    /* of PpGridCell, in the plan's method order */
};

G_DEFINE_FINAL_TYPE (PpGridRow, pp_grid_row, G_TYPE_OBJECT)

static void
pp_grid_row_finalize (GObject *object)
{
  PpGridRow *self = PP_GRID_ROW (object);

  g_clear_pointer (&self->endpoint, pp_endpoint_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (pp_grid_row_parent_class)->finalize (object);
}

static void
pp_grid_row_class_init (PpGridRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_grid_row_finalize;
}

static void
pp_grid_row_init (PpGridRow *self)
{
  self->cells = g_ptr_array_new_with_free_func (g_object_unref);
}

/* @results gives the rows' shape (its plan's endpoints, methods and
 * indices); the cells ask @session for their results. */
PpGridRow *
pp_grid_row_new (PpSession    *session,
                 PpRunResults *results,
                 guint         endpoint_index)
{
  PpGridRow *self;
  PpProfile *profile;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (results), NULL);

  profile = pp_run_results_get_profile (results);
  g_return_val_if_fail (endpoint_index < pp_profile_get_n_endpoints (profile), NULL);

  self = g_object_new (PP_TYPE_GRID_ROW, NULL);
  self->endpoint = pp_endpoint_ref (pp_profile_get_endpoint (profile, endpoint_index));
  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    g_ptr_array_add (self->cells,
                     pp_grid_cell_new (session, self->endpoint, pp_run_results_get_method (results, m),
                                       pp_run_results_get_index (results, endpoint_index, m)));

  return self;
}

PpEndpoint *
pp_grid_row_get_endpoint (PpGridRow *self)
{
  g_return_val_if_fail (PP_IS_GRID_ROW (self), NULL);

  return self->endpoint;
}

/* The endpoint's short name in the grid; its host until set. */
const char *
pp_grid_row_get_name (PpGridRow *self)
{
  g_return_val_if_fail (PP_IS_GRID_ROW (self), NULL);

  return self->name != NULL ? self->name : self->endpoint->url;
}

void
pp_grid_row_set_name (PpGridRow  *self,
                      const char *name)
{
  g_return_if_fail (PP_IS_GRID_ROW (self));

  g_free (self->name);
  self->name = g_strdup (name);
}

guint
pp_grid_row_get_n_cells (PpGridRow *self)
{
  g_return_val_if_fail (PP_IS_GRID_ROW (self), 0);

  return self->cells->len;
}

PpGridCell *
pp_grid_row_get_cell (PpGridRow *self,
                      guint      position)
{
  g_return_val_if_fail (PP_IS_GRID_ROW (self), NULL);
  g_return_val_if_fail (position < self->cells->len, NULL);

  return g_ptr_array_index (self->cells, position);
}
