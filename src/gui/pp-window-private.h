/* pp-window-private.h: what the window's source files share
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-config-panel.h"
#include "pp-gui-options.h"
#include "pp-grid-cell.h"
#include "pp-window-results.h"
#include "pp-profile.h"
#include "pp-profile-chooser.h"
#include "pp-session.h"
#include "pp-window.h"

G_BEGIN_DECLS

struct _PpWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  PpProfileChooser *chooser;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton *run_button;       /* Run, or Stop while running */
  AdwViewStack *view_stack;
  GtkWidget *report_banner;    /* over a received report */
  GtkLabel *report_banner_label;
  GtkWidget *empty_state;      /* the bin over the grid that holds empty_page */
  GtkWidget *empty_page;
  GtkOverlay *results_overlay;
  /* pp-window-results.ui, made after the first frame: NULL until then */
  PpWindowResults *results_view;
  AdwBin *config_bin;
  PpConfigPanel *config_panel;  /* in config_bin, made after the first frame */

  GSettings *settings;
  PpGuiOptions overrides;      /* the command line's: win over the preferences */
  gboolean applying_overrides;

  /* The run: its plan, configuration, results and its life are the
   * session's; its cells and summary are the results view's. */
  PpSession *session;
  GCancellable *startup_cancellable;  /* the configuration shown before any run */
  gboolean disposed;
  guint frames_seen;
};

/* pp-window.c */
PpPlan     *_pp_window_make_plan      (PpWindow      *self,
                                       GError       **error);
void        _pp_window_start_run      (PpWindow      *self);
gboolean    _pp_window_is_running     (PpWindow      *self);
void        _pp_window_prepare_grid   (PpWindow      *self);
void        _pp_window_show_session   (PpWindow      *self);
PpConfigPanel *_pp_window_config_panel (PpWindow     *self);

/* pp-window-open.c */
void        _pp_window_hide_received       (PpWindow    *self);
void        _pp_window_open_report_or_say  (PpWindow    *self,
                                            const char  *path);
void        _pp_window_open_report_action  (GtkWidget   *widget,
                                            const char  *action_name,
                                            GVariant    *parameter);
void        _pp_window_add_drop_target     (PpWindow    *self);

/* pp-window-actions.c */
void        _pp_window_class_install_actions (GtkWidgetClass *widget_class);
void        _pp_window_add_actions           (PpWindow       *self);
void        _pp_window_bind_actions          (PpWindow       *self,
                                              PpWindowResults *view);

/* pp-window-export.c */
void        _pp_window_export_action        (GtkWidget   *widget,
                                             const char  *action_name,
                                             GVariant    *parameter);
void        _pp_window_screenshot_action    (GtkWidget   *widget,
                                             const char  *action_name,
                                             GVariant    *parameter);
void        _pp_window_show_in_files_action (GtkWidget   *widget,
                                             const char  *action_name,
                                             GVariant    *parameter);

G_END_DECLS
