/* pp-gui-init.h: opens the display the way Proxy Probe draws, without GL
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char              *pp_gui_gdk_debug_for      (const char *gdk_debug,
                                              const char *gsk_renderer);
gboolean           pp_gui_init               (void);
GAppLaunchContext *pp_gui_launch_context_new (GdkDisplay *display);

G_END_DECLS
