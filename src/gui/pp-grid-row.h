/* pp-grid-row.h: one endpoint of the live grid, with a cell per method
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-grid-cell.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_TYPE_GRID_ROW (pp_grid_row_get_type ())

G_DECLARE_FINAL_TYPE (PpGridRow, pp_grid_row, PP, GRID_ROW, GObject)

PpGridRow  *pp_grid_row_new          (PpSession    *session,
                                      PpRunResults *results,
                                      guint         endpoint_index);
PpEndpoint *pp_grid_row_get_endpoint (PpGridRow  *self);
const char *pp_grid_row_get_name     (PpGridRow  *self);
void        pp_grid_row_set_name     (PpGridRow  *self,
                                      const char *name);
guint       pp_grid_row_get_n_cells  (PpGridRow  *self);
PpGridCell *pp_grid_row_get_cell     (PpGridRow  *self,
                                      guint       position);

G_END_DECLS
