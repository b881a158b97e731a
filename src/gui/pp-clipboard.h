/* pp-clipboard.h: everything the window copies goes through here
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pp_clipboard_set_text (GtkWidget  *widget,
                            const char *text);

G_END_DECLS
