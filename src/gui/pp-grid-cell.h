/* pp-grid-cell.h: one endpoint × method cell of the live grid
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pp-probe-result.h"
#include "pp-session.h"

G_BEGIN_DECLS

typedef enum
{
  PP_CELL_IDLE,       /* no run yet */
  PP_CELL_PENDING,    /* queued or in flight */
  PP_CELL_OK,         /* reachable */
  PP_CELL_FAILED,     /* not reachable */
  PP_CELL_ABSENT,     /* the method is not configured: "Doesn't exist" */
  PP_CELL_STOPPED,    /* cancelled */
} PpCellState;

#define PP_TYPE_GRID_CELL (pp_grid_cell_get_type ())

G_DECLARE_FINAL_TYPE (PpGridCell, pp_grid_cell, PP, GRID_CELL, GObject)

PpGridCell    *pp_grid_cell_new                  (PpSession     *session,
                                                  PpEndpoint    *endpoint,
                                                  PpMethod       method,
                                                  guint          index);
guint          pp_grid_cell_get_index            (PpGridCell    *self);
PpEndpoint    *pp_grid_cell_get_endpoint         (PpGridCell    *self);
PpMethod       pp_grid_cell_get_method           (PpGridCell    *self);
PpCellState    pp_grid_cell_get_state            (PpGridCell    *self);
PpProbeResult *pp_grid_cell_get_result           (PpGridCell    *self);
void           pp_grid_cell_set_pending          (PpGridCell    *self);
gboolean       pp_grid_cell_is_behind            (PpGridCell    *self);
void           pp_grid_cell_update               (PpGridCell    *self);
const char    *pp_grid_cell_get_icon_name        (PpGridCell    *self);
char          *pp_grid_cell_format_status        (PpGridCell    *self);
char          *pp_grid_cell_format_latency       (PpGridCell    *self);
char          *pp_grid_cell_format_accessible    (PpGridCell    *self);

G_END_DECLS
