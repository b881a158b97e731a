/* pp-details-pane.h: everything about the selected cell
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-grid-cell.h"

G_BEGIN_DECLS

#define PP_TYPE_DETAILS_PANE (pp_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (PpDetailsPane, pp_details_pane, PP, DETAILS_PANE, AdwBin)

PpGridCell *pp_details_pane_get_cell    (PpDetailsPane *self);
void        pp_details_pane_set_cell    (PpDetailsPane *self,
                                         PpGridCell    *cell);
char       *pp_details_pane_format_text (PpDetailsPane *self);

G_END_DECLS
