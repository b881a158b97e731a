/* pp-screenshot.h: a widget rendered to PNG, in-process
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GBytes *pp_screenshot_png (GtkWidget  *widget,
                           GError    **error);

G_END_DECLS
