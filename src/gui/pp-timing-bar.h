/* pp-timing-bar.h: a probe's phases (DNS, connect, TLS, first byte) as a bar
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-probe-result.h"

G_BEGIN_DECLS

#define PP_TYPE_TIMING_BAR (pp_timing_bar_get_type ())

G_DECLARE_FINAL_TYPE (PpTimingBar, pp_timing_bar, PP, TIMING_BAR, GtkWidget)

GtkWidget *pp_timing_bar_new         (void);
void       pp_timing_bar_set_timings (PpTimingBar     *self,
                                      const PpTimings *timings);

G_END_DECLS
