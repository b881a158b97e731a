/* pp-config-panel.h: the detected configuration, every source and warning
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-config.h"

G_BEGIN_DECLS

#define PP_TYPE_CONFIG_PANEL (pp_config_panel_get_type ())

G_DECLARE_FINAL_TYPE (PpConfigPanel, pp_config_panel, PP, CONFIG_PANEL, AdwBin)

PpConfig *pp_config_panel_get_config (PpConfigPanel *self);
void pp_config_panel_set_detecting (PpConfigPanel *self);
void pp_config_panel_set_config    (PpConfigPanel *self,
                                    PpConfig      *config);
void pp_config_panel_set_error     (PpConfigPanel *self,
                                    const char    *message);

void           pp_config_panel_set_received (PpConfigPanel *self,
                                             const char    *text);

G_END_DECLS
