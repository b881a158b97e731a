/* pp-system-info.h: the versions of everything a run depended on
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-config.h"

G_BEGIN_DECLS

/* "Name: value" lines for system.txt. @extra holds name, value pairs
 * (the GUI's GTK and libadwaita versions: the core has no GTK). Without
 * a @config (the window's About before any configuration was read) the
 * resolver backend's line is left out. */
char *pp_system_info_format        (PpConfig  *config,
                                    GPtrArray *extra);
char *pp_system_info_format_so_far (PpConfig  *config,
                                    GPtrArray *extra);

G_END_DECLS
