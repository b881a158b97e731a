/* pp-window.h: the main window: choosers, live grid, summary, details
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-config.h"
#include "pp-details-pane.h"
#include "pp-gui-options.h"
#include "pp-plan.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_TYPE_WINDOW (pp_window_get_type ())

G_DECLARE_FINAL_TYPE (PpWindow, pp_window, PP, WINDOW, AdwApplicationWindow)

PpWindow      *pp_window_new               (AdwApplication *application,
                                            GSettings      *settings);
void           pp_window_set_overrides     (PpWindow           *self,
                                            const PpGuiOptions *options);
gboolean       pp_window_get_running       (PpWindow       *self);
gboolean       pp_window_open_report       (PpWindow       *self,
                                            const char     *path,
                                            GError        **error);
GListModel    *pp_window_get_rows          (PpWindow       *self);
GtkColumnView *pp_window_get_column_view   (PpWindow       *self);
PpDetailsPane *pp_window_get_details       (PpWindow       *self);
PpPlan        *pp_window_get_plan          (PpWindow       *self);
PpRunResults  *pp_window_get_results       (PpWindow       *self);
PpConfig      *pp_window_get_config        (PpWindow       *self);
char          *pp_window_format_summary    (PpWindow       *self);
gboolean       pp_window_was_stopped       (PpWindow       *self);
void           pp_window_add_toast         (PpWindow       *self,
                                            AdwToast       *toast);
void           pp_window_show_error        (PpWindow       *self,
                                            const char     *heading,
                                            const char     *message);

/* pp-window-export.c */
void           pp_window_export_async      (PpWindow            *self,
                                            const char          *path,
                                            gboolean             overwrite,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       pp_window_export_finish     (PpWindow            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* pp-window-screenshot.c */
void           pp_window_screenshot_async  (PpWindow            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GBytes        *pp_window_screenshot_finish (PpWindow            *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void           pp_window_save_screenshot_async  (PpWindow            *self,
                                                 const char          *path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       pp_window_save_screenshot_finish (PpWindow            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
