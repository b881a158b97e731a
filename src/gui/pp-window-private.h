/* pp-window-private.h: what the window's source files share
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-config-panel.h"
#include "pp-grid-cell.h"
#include "pp-profile.h"
#include "pp-session.h"
#include "pp-window.h"

G_BEGIN_DECLS

typedef struct
{
  guint index;
  PpProbeResult *result;
} Delivery;

struct _PpWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkDropDown *profile_dropdown;
  GtkDropDown *geography_dropdown;
  GtkButton *run_button;       /* Run, or Stop while running */
  AdwViewStack *view_stack;
  GtkWidget *empty_state;      /* the bin over the grid that holds empty_page */
  GtkWidget *empty_page;
  GtkOverlay *results_overlay;
  /* pp-window-results.ui, built after the first frame: NULL until then */
  GtkWidget *paned;
  GtkLabel *summary_title;
  GtkLabel *summary_methods;
  GtkLabel *summary_verdict;
  GtkColumnView *column_view;
  PpDetailsPane *details;
  AdwBin *config_bin;
  PpConfigPanel *config_panel;  /* in config_bin, made after the first frame */

  GSettings *settings;
  GPtrArray *profile_ids;      /* of char *, parallel to the profile dropdown */
  GPtrArray *geography_ids;    /* of char *, "" first for every geography */
  char *cmdline_proxy;         /* --proxy: wins over the preference */
  gboolean applying_overrides;

  GListStore *rows;            /* of PpGridRow, what the grid shows */
  GPtrArray *all_rows;         /* of PpGridRow, every row of the run */
  guint rest_tick_id;
  gint64 rows_frame_time;      /* the last frame add_rows_cb ran in */
  guint rows_frames_skipped;   /* late frames in a row that added none */
  PpPlan *grid_plan;           /* the plan the rows were made for */
  /* The run: its plan, configuration, results and its life are the
   * session's; what follows it is only the view's. */
  PpSession *session;
  GCancellable *startup_cancellable;  /* the configuration shown before any run */
  GArray *queue;               /* of Delivery: cells to draw, once per frame */
  guint tick_id;
  guint flush_idle_id;
  guint summary_timeout_id;
  gboolean summary_dirty;      /* results came since the summary was shown */
  gboolean running;            /* the view shows a run: the session's, until its last cell is drawn */
  gboolean finishing;          /* the session is done, the cells are not */
  gboolean disposed;
  guint frames_seen;
};

/* pp-window.c */
PpPlan     *_pp_window_make_plan      (PpWindow      *self,
                                       GError       **error);
void        _pp_window_finish_run     (PpWindow      *self);
void        _pp_window_start_run      (PpWindow      *self);

/* pp-window-actions.c */
void        _pp_window_class_install_actions (GtkWidgetClass *widget_class);
void        _pp_window_add_actions           (PpWindow       *self);
void        _pp_window_update_actions        (PpWindow       *self);

/* pp-window-grid.c */
void        _pp_window_setup_columns  (PpWindow      *self);
void        _pp_window_prepare_grid   (PpWindow      *self);
PpPlan     *_pp_window_grid_for_run   (PpWindow      *self,
                                       PpPlan        *plan);
PpGridCell *_pp_window_cell_for_index (PpWindow      *self,
                                       guint          index);
void        _pp_window_deliver        (PpWindow      *self,
                                       guint          index,
                                       PpProbeResult *result);
void        _pp_window_schedule_flush (PpWindow      *self);
void        _pp_window_flush_all      (PpWindow      *self);
void        _pp_window_update_summary (PpWindow      *self);
void        _pp_window_queue_summary  (PpWindow      *self);

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

/* pp-window-choosers.c */
const char *_pp_window_selected_id           (GtkDropDown *dropdown,
                                              GPtrArray   *ids);
void        _pp_window_select_id             (GtkDropDown *dropdown,
                                              GPtrArray   *ids,
                                              const char  *id);
void        _pp_window_fill_geographies      (PpWindow    *self,
                                              const char  *profile_id,
                                              const char  *selected);
void        _pp_window_fill_profiles         (PpWindow    *self,
                                              const char  *selected);
void        _pp_window_profile_selected_cb   (PpWindow    *self);
void        _pp_window_geography_selected_cb (PpWindow    *self);
PpProfile  *_pp_window_load_profile          (PpWindow    *self,
                                              GError     **error);

G_END_DECLS
