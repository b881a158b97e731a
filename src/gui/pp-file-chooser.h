/* pp-file-chooser.h: a file to open, chosen in the desktop's chooser
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*PpFileChosenFunc) (const char *path,
                                  gpointer    user_data);

void pp_file_chooser_open (GtkWindow        *parent,
                           const char       *title,
                           const char       *filter_name,
                           const char       *suffix,
                           PpFileChosenFunc  func,
                           gpointer          user_data);

G_END_DECLS
