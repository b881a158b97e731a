/* pp-cell-widget.h: shows one PpGridCell in the live grid
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-grid-cell.h"

G_BEGIN_DECLS

#define PP_TYPE_CELL_WIDGET (pp_cell_widget_get_type ())

G_DECLARE_FINAL_TYPE (PpCellWidget, pp_cell_widget, PP, CELL_WIDGET, GtkWidget)

GtkWidget  *pp_cell_widget_new      (void);
PpGridCell *pp_cell_widget_get_cell (PpCellWidget *self);
void        pp_cell_widget_set_cell (PpCellWidget *self,
                                     PpGridCell   *cell);

G_END_DECLS
