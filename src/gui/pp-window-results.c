/* pp-window-results.c: the results page: the summary, the live grid
 * (columns, rows, results applied frame by frame) and the details pane
 *
 * A view of a PpSession: its "probe-finished" queues the cell, drawn at
 * the next frame with room for it; its "finished" ends the view's run
 * once the last cells are drawn ("run-shown").
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"
#include "pp-log.h"

#include <glib/gi18n.h>

#include "pp-cell-widget.h"
#include "pp-diagnosis.h"
#include "pp-format.h"
#include "pp-grid-row.h"
#include "pp-guidance.h"
#include "pp-profile.h"
#include "pp-redact.h"
#include "pp-summary-view.h"
#include "pp-window-results.h"

struct _PpWindowResults
{
  GtkWidget parent_instance;

  GtkWidget *flap;             /* AdwFlap: the grid, and the details at its end */
  GtkScrolledWindow *scroller;
  PpSummaryView *summary;
  GtkColumnView *column_view;
  PpDetailsPane *details;

  PpSession *session;
  GListStore *rows;            /* of PpGridRow, what the grid shows */
  GPtrArray *all_rows;         /* of PpGridRow, every row of the run */
  PpPlan *grid_plan;           /* the plan the rows were made for */
  guint rest_tick_id;
  gint64 rows_frame_time;      /* the last frame add_rows_cb ran in */
  guint rows_frames_skipped;   /* late frames in a row that added none */
  guint rows_per_frame;        /* a received report's: grows while frames keep time */
  GArray *queue;               /* of guint: plan indices of cells to draw, once per frame */
  guint tick_id;
  guint flush_idle_id;
  guint summary_timeout_id;
  gboolean summary_dirty;      /* results came since the summary was shown */
  gboolean running;            /* showing a run: the session's, until its last cell is drawn */
  gboolean finishing;          /* the session is done, the cells are not */
};

G_DEFINE_FINAL_TYPE (PpWindowResults, pp_window_results, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RUN_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void finish_view    (PpWindowResults *self);
static void queue_summary  (PpWindowResults *self);
static void update_summary (PpWindowResults *self);

/* The frames this view follows are its window's: the results arrive
 * and the rows are made in the window's frames, in the order the window
 * runs its frame callbacks (a --screenshot taken in one of them comes
 * after the cells of that frame), and while the view itself is hidden
 * behind the configuration page too. */
static GtkWidget *
frame_widget (PpWindowResults *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? GTK_WIDGET (root) : GTK_WIDGET (self);
}

/* Grid columns */

/* GTK 4.8's column view does not scroll to a cell that takes the
 * keyboard focus: the view scrolls itself, so that the focused cell and
 * its row are whole on screen, below the header. */
static void
scroll_adjustment (GtkAdjustment *adjustment,
                   double         start,
                   double         size,
                   double         visible_start,
                   double         visible_size)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (start < visible_start)
    gtk_adjustment_set_value (adjustment, value - (visible_start - start));
  else if (start + size > visible_start + visible_size)
    gtk_adjustment_set_value (adjustment, value + MIN (start + size - (visible_start + visible_size),
                                                       start - visible_start));
}

static void
scroll_to_cell (PpWindowResults *self,
                GtkWidget       *cell)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkWidget *header = gtk_widget_get_first_child (view);
  double header_height = header != NULL ? gtk_widget_get_height (header) : 0;
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (cell, view, &bounds))
    return;
  scroll_adjustment (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), bounds.origin.y,
                     bounds.size.height, header_height, gtk_widget_get_height (view) - header_height);
  scroll_adjustment (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)), bounds.origin.x,
                     bounds.size.width, 0, gtk_widget_get_width (view));
}

static void
cell_focus_cb (GtkEventControllerFocus *controller,
               PpWindowResults         *self)
{
  scroll_to_cell (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* The details have slid in and the grid is narrower (at 1024 pixels it
 * scrolls sideways): the chosen cell, which has the focus, stays in view. */
static void
reveal_progress_cb (PpWindowResults *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (adw_flap_get_reveal_progress (ADW_FLAP (self->flap)) < 1.0 || focus == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return;
  while (focus != NULL && !PP_IS_CELL_WIDGET (focus))
    focus = gtk_widget_get_parent (focus);
  if (focus != NULL)
    scroll_to_cell (self, focus);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PpWindowResults          *self)
{
  GtkWidget *cell = pp_cell_widget_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (cell_focus_cb), self);
  gtk_widget_add_controller (cell, focus);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  PpGridRow *row = gtk_list_item_get_item (item);
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "method-position"));
  PpCellWidget *widget = PP_CELL_WIDGET (gtk_list_item_get_child (item));

  if (position < pp_grid_row_get_n_cells (row))
    pp_cell_widget_set_cell (widget, pp_grid_row_get_cell (row, position));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  pp_cell_widget_set_cell (PP_CELL_WIDGET (gtk_list_item_get_child (item)), NULL);
}

/* The endpoint's URL as its tooltip, asked for only when a tooltip is
 * shown: gtk_widget_set_tooltip_text() at each bind asks the X server
 * where the pointer is (a round trip per row; 4 % of the main thread's
 * samples in a profile of a 1,002-probe run). */
static gboolean
endpoint_query_tooltip_cb (GtkWidget  *box,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  const char *url = g_object_get_data (G_OBJECT (box), "pp-url");

  if (url == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, url);

  return TRUE;
}

/* The mark of an endpoint Defender for Endpoint talks to now (its
 * onboarding's gateway and data hosts): a shield beside the service
 * name, with its meaning as tooltip and accessible name. */
static GtkWidget *
agent_badge_new (void)
{
  GtkWidget *badge = gtk_image_new_from_icon_name ("security-high-symbolic");
  const char *meaning = _("Defender for Endpoint uses this endpoint");

  gtk_widget_set_tooltip_text (badge, meaning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, meaning, -1);
  gtk_widget_add_css_class (badge, "pp-agent-badge");
  gtk_widget_set_visible (badge, FALSE);

  return badge;
}

static void
setup_endpoint_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *service = gtk_label_new (NULL);
  GtkWidget *url = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (service), 0);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (service), PANGO_ELLIPSIZE_END);
  /* The name is the host's distinguishing part (pp_format_distinct_names):
   * its start tells rows apart, so an ellipsis goes at its end. */
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (url), 40);
  gtk_widget_add_css_class (url, "caption");
  gtk_widget_add_css_class (url, "pp-endpoint-name");
  gtk_box_append (GTK_BOX (first_line), service);
  gtk_box_append (GTK_BOX (first_line), agent_badge_new ());
  gtk_box_append (GTK_BOX (box), first_line);
  gtk_box_append (GTK_BOX (box), url);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (endpoint_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, box);
}

static void
bind_endpoint_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  PpGridRow *row = gtk_list_item_get_item (item);
  PpEndpoint *endpoint = pp_grid_row_get_endpoint (row);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *first_line = gtk_widget_get_first_child (box);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (first_line)), endpoint->service);
  gtk_widget_set_visible (gtk_widget_get_last_child (first_line), endpoint->agent_uses);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), pp_grid_row_get_name (row));
  g_object_set_data_full (G_OBJECT (box), "pp-url", pp_redact (endpoint->url), g_free);
}

/* The column titles, in order: GTK 4.8 makes one for each column as it
 * is added, and has no API for a title's tooltip. */
static GtkWidget *
nth_title (PpWindowResults *self,
           guint            n)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; title != NULL && i < n; i++)
    title = gtk_widget_get_next_sibling (title);

  return title;
}

/* @tooltip: the full title, when @title is short for it: said by the
 * tooltip and to screen readers. Every column takes a share of the
 * window's width beyond what it needs: six methods fit at 1024 pixels,
 * and the grid fills a wider window. */
static void
add_column (PpWindowResults    *self,
            const char         *title,
            const char         *tooltip,
            GtkListItemFactory *factory)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  GtkWidget *title_widget;

  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  title_widget = nth_title (self, g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view)) - 1);
  if (title_widget != NULL && tooltip != NULL)
    {
      gtk_widget_set_tooltip_text (title_widget, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (title_widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

static void
setup_columns (PpWindowResults *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_endpoint_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_endpoint_cb), NULL);
  add_column (self, _("Endpoint"), NULL, factory);
  for (guint m = 0; m < PP_N_METHODS; m++)
    {
      g_autofree char *title = pp_format_method_title (m);
      g_autofree char *label = pp_format_method_label (m);

      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "method-position", GUINT_TO_POINTER (m));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
      add_column (self, title, label, factory);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
}

/* Rows */

/* GTK 4.8's list views keep a widget for up to 200 rows, whether they
 * show or not, and make them as rows are added: a long profile is added a
 * few rows per frame, so that no frame waits for hundreds of widgets.
 * While a run's results pour in (Run before the rows were all made, as
 * with --run at launch), one a frame: the frames then also draw the cells
 * that changed; the rows on screen come within about half a second. */
#define ROWS_PER_FRAME 4
#define ROWS_PER_FRAME_RUNNING 1
/* A received report has nothing else to do meanwhile, and its reader
 * waits for every row: its batch doubles after each frame that kept time
 * (4, 8, 16, 32: a 167-row report in 7 frames instead of 42) and halves
 * after a late one. */
#define ROWS_PER_FRAME_MAX 32
#define LATE_FRAME_US 25000
#define MAX_FRAMES_SKIPPED 8

static gboolean
add_rows_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  PpWindowResults *self = user_data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean late = self->rows_frame_time != 0 && now - self->rows_frame_time > LATE_FRAME_US;
  guint n;

  if (self->rows_per_frame != 0 && self->rows_frame_time != 0)
    {
      self->rows_per_frame = late ? MAX (self->rows_per_frame / 2, ROWS_PER_FRAME)
                                  : MIN (self->rows_per_frame * 2, ROWS_PER_FRAME_MAX);
      late = FALSE;
    }
  n = MIN (self->running ? ROWS_PER_FRAME_RUNNING
           : self->rows_per_frame != 0 ? self->rows_per_frame : ROWS_PER_FRAME,
           self->all_rows->len - shown);

  /* A frame that comes late follows a long one (the results page or the
   * configuration panel being built): it adds no rows, which would only
   * make it longer; but rows still come on a machine whose frames are all
   * late. While a run lasts, one row is light enough for any frame, and
   * none is skipped. */
  self->rows_frame_time = now;
  if (late && !self->running && self->rows_frames_skipped < MAX_FRAMES_SKIPPED)
    {
      self->rows_frames_skipped++;
      return G_SOURCE_CONTINUE;
    }
  self->rows_frames_skipped = 0;
  g_list_store_splice (self->rows, shown, 0, self->all_rows->pdata + shown, n);
  if (shown + n < self->all_rows->len)
    return G_SOURCE_CONTINUE;
  self->rest_tick_id = 0;

  return G_SOURCE_REMOVE;
}

static void
fill_rows (PpWindowResults *self,
           PpPlan          *plan)
{
  guint n_endpoints = pp_profile_get_n_endpoints (pp_plan_get_profile (plan));

  g_autoptr(PpRunResults) pending = pp_run_results_new (plan);

  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_set_object (&self->grid_plan, plan);
  g_ptr_array_set_size (self->all_rows, 0);
  for (guint e = 0; e < n_endpoints; e++)
    {
      g_ptr_array_add (self->all_rows, pp_grid_row_new (self->session, pending, e));
      g_strv_builder_add (urls, pp_grid_row_get_endpoint (g_ptr_array_index (self->all_rows, e))->url);
    }
  names = g_strv_builder_end (urls);
  {
    g_auto(GStrv) short_names = pp_format_distinct_names ((const char * const *) names);

    for (guint e = 0; e < n_endpoints; e++)
      pp_grid_row_set_name (g_ptr_array_index (self->all_rows, e), short_names[e]);
  }
  if (self->rest_tick_id != 0)
    gtk_widget_remove_tick_callback (frame_widget (self), self->rest_tick_id);
  self->rest_tick_id = 0;
  self->rows_frame_time = 0;
  self->rows_frames_skipped = 0;
  self->rows_per_frame = 0;
  /* Rows change only here (removed, then added by frames, see above);
   * results change cells, never the model. */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       self->all_rows->pdata, MIN (self->all_rows->len, ROWS_PER_FRAME));
  if (self->all_rows->len > ROWS_PER_FRAME)
    {
      if (gtk_widget_get_mapped (frame_widget (self)))
        self->rest_tick_id = gtk_widget_add_tick_callback (frame_widget (self), add_rows_cb, self, NULL);
      else
        g_list_store_splice (self->rows, ROWS_PER_FRAME, 0, self->all_rows->pdata + ROWS_PER_FRAME,
                             self->all_rows->len - ROWS_PER_FRAME);
    }
}

/* Whether the rows were made for the same endpoints and methods as @plan,
 * so that a run of @plan can keep them, and their widgets. */
static gboolean
grid_shows (PpWindowResults *self,
            PpPlan          *plan)
{
  PpPlan *shown = self->grid_plan;
  guint n_items = pp_plan_get_n_items (plan);

  if (shown == NULL || pp_plan_get_n_items (shown) != n_items ||
      pp_plan_get_n_methods (shown) != pp_plan_get_n_methods (plan))
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      PpMethod shown_method, method;
      PpEndpoint *shown_endpoint = pp_plan_get_item (shown, i, &shown_method);
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);

      if (shown_method != method || !pp_endpoint_equal (shown_endpoint, endpoint))
        return FALSE;
    }

  return TRUE;
}

/* Before the first run, the chosen profile's rows are made under the
 * empty state, a few per frame while nobody waits for them: Run then
 * only marks their cells pending, instead of making a thousand widgets
 * while the first results arrive. A profile that cannot load yet (no
 * workspace ID) gets its rows, and its error, when Run is clicked. */
void
pp_window_results_prepare (PpWindowResults *self,
                           PpPlan          *plan)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  if (pp_session_get_plan (self->session) != NULL)
    return;
  if (plan != NULL && !grid_shows (self, plan))
    fill_rows (self, plan);
}

/* The plan a run of @plan runs: the rows' own when they show the same
 * probes (their widgets stay), else @plan with new rows. Every cell is
 * pending afterwards. */
PpPlan *
pp_window_results_rows_for_run (PpWindowResults *self,
                                PpPlan          *plan)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  if (!grid_shows (self, plan))
    fill_rows (self, plan);
  for (guint r = 0; r < self->all_rows->len; r++)
    {
      PpGridRow *row = g_ptr_array_index (self->all_rows, r);

      for (guint m = 0; m < pp_grid_row_get_n_cells (row); m++)
        pp_grid_cell_set_pending (pp_grid_row_get_cell (row, m));
    }

  return self->grid_plan;
}

/* Results, applied per frame */

/**
 * pp_window_results_get_cell:
 *
 * Returns: (transfer none) (nullable): the cell of plan item @index
 */
PpGridCell *
pp_window_results_get_cell (PpWindowResults *self,
                            guint            index)
{
  guint endpoint_index, method_position;

  if (!pp_run_results_get_position (pp_session_get_results (self->session), index,
                                    &endpoint_index, &method_position) ||
      endpoint_index >= self->all_rows->len)
    return NULL;

  return pp_grid_row_get_cell (g_ptr_array_index (self->all_rows, endpoint_index), method_position);
}

/* Applies queued results to their cells, at most FLUSH_BUDGET_US and
 * CELLS_PER_FRAME of them per frame; returns TRUE when some are left for
 * the next frame. The applying itself is cheap: what costs is the frame
 * after it, which measures and draws every cell that changed (a thousand
 * labels re-shaped at once took 140 ms of CPU), so the count is capped,
 * not only the time. */
#define FLUSH_BUDGET_US 4000
#define CELLS_PER_FRAME 40

static gboolean
flush_queue_budget (PpWindowResults *self,
                    gint64           budget_us,
                    guint            max_cells)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  guint done = 0;

  if (self->queue->len == 0)
    return FALSE;
  while (done < self->queue->len && done < max_cells &&
         (done % 8 != 0 || g_get_monotonic_time () < deadline))
    {
      PpGridCell *cell = pp_window_results_get_cell (self, g_array_index (self->queue, guint, done++));

      if (cell != NULL)
        pp_grid_cell_update (cell);
    }
  g_array_remove_range (self->queue, 0, done);
  queue_summary (self);

  return self->queue->len > 0;
}

static void
flush_all (PpWindowResults *self)
{
  flush_queue_budget (self, G_MAXINT64 / 2, G_MAXUINT);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  PpWindowResults *self = user_data;

  if (flush_queue_budget (self, FLUSH_BUDGET_US, CELLS_PER_FRAME))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  if (self->finishing)
    finish_view (self);

  return G_SOURCE_REMOVE;
}

/* An unmapped window gets no frames: an idle then does the same job. */
static gboolean
flush_idle_cb (gpointer user_data)
{
  PpWindowResults *self = user_data;

  self->flush_idle_id = 0;
  if (self->tick_id == 0)
    {
      flush_all (self);
      if (self->finishing)
        finish_view (self);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (PpWindowResults *self)
{
  if (self->tick_id == 0 && gtk_widget_get_mapped (frame_widget (self)))
    self->tick_id = gtk_widget_add_tick_callback (frame_widget (self), tick_cb, self, NULL);
  else if (self->tick_id == 0 && self->flush_idle_id == 0)
    self->flush_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_idle_cb, self, NULL);
}

/* The session has the result already (the summary and the report count
 * it); its cell follows at the next frame with room for it, and asks the
 * session for it then. */
static void
probe_finished_cb (PpSession       *session,
                   guint            index,
                   PpProbeResult   *result,
                   PpWindowResults *self)
{
  g_array_append_val (self->queue, index);
  schedule_flush (self);
}

/* Summary */

static void
update_summary (PpWindowResults *self)
{
  PpRunResults *results = pp_session_get_results (self->session);

  if (results == NULL)
    return;
  self->summary_dirty = FALSE;
  pp_summary_view_show (self->summary, results, self->running);
}

/* The counts change with every result: read more often than a few times
 * a second they are a blur, and each change measures the three wrapping
 * labels again (and allocates the whole grid again when a line wraps).
 * So while results stream in, the summary follows four times a second. */
#define SUMMARY_INTERVAL_MS 250

static gboolean
summary_timeout_cb (gpointer user_data)
{
  PpWindowResults *self = user_data;

  if (!self->summary_dirty)
    {
      self->summary_timeout_id = 0;
      return G_SOURCE_REMOVE;
    }
  update_summary (self);

  return G_SOURCE_CONTINUE;
}

static void
queue_summary (PpWindowResults *self)
{
  if (self->summary_timeout_id != 0)
    {
      self->summary_dirty = TRUE;
      return;
    }
  update_summary (self);
  self->summary_timeout_id = g_timeout_add (SUMMARY_INTERVAL_MS, summary_timeout_cb, self);
}

/* The summary as one text, for the clipboard: made from the session's
 * results, as the labels are (never read back from them). */
char *
pp_window_results_format_summary (PpWindowResults *self)
{
  g_autofree char *allow_list = NULL;
  PpPlan *plan;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *verdict_text = NULL;

  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  plan = pp_session_get_plan (self->session);
  if (plan == NULL || pp_session_get_results (self->session) == NULL)
    return g_strdup ("");
  pp_summary_view_format_lines (pp_session_get_results (self->session), self->running, &title,
                                &counts, &verdict_text);

  /* The copy carries what the label only counts: the allow-list. */
  if (!self->running)
    {
      g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (pp_session_get_results (self->session));

      allow_list = pp_diagnosis_format_allow_list_section (diagnosis);
    }

  return g_strdup_printf ("%s: %s; %s\n%s\n%s", pp_profile_get_title (pp_plan_get_profile (plan)),
                          title, counts, verdict_text, allow_list ? allow_list : "");
}

/* The run */

/* The last cells are drawn: the view's run is over. */
static void
finish_view (PpWindowResults *self)
{
  self->finishing = FALSE;
  flush_all (self);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (frame_widget (self), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->flush_idle_id, g_source_remove);
  self->running = FALSE;
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  pp_debug ("run shown");
  g_signal_emit (self, signals[SIGNAL_RUN_SHOWN], 0);
}

/* The session is done, the frames perhaps not: the view finishes when
 * they have shown every result, not in one frame that would apply
 * hundreds of cells at once. */
static void
session_finished_cb (PpSession       *session,
                     const GError    *error,
                     PpWindowResults *self)
{
  self->finishing = TRUE;
  if (self->queue->len == 0)
    finish_view (self);
  else
    schedule_flush (self);
}

/* After pp_session_start(): the view shows the session's run. */
void
pp_window_results_show_run (PpWindowResults *self)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  self->running = TRUE;
  pp_window_results_show_cell (self, NULL);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* After pp_session_load(): the view shows the session's loaded results
 * whole, at once (rows for its plan, every cell its result). */
void
pp_window_results_show_received (PpWindowResults *self)
{
  PpRunResults *results;

  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));
  g_return_if_fail (!self->running);

  results = pp_session_get_results (self->session);
  g_return_if_fail (results != NULL);
  g_array_set_size (self->queue, 0);
  fill_rows (self, pp_run_results_get_plan (results));
  self->rows_per_frame = ROWS_PER_FRAME;
  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpGridCell *cell = pp_window_results_get_cell (self, i);

      if (cell != NULL)
        pp_grid_cell_update (cell);
    }
  pp_window_results_show_cell (self, NULL);
  update_summary (self);
  /* What can be done follows "running" (_pp_window_bind_actions): a
   * received report can be copied from, not exported again. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
pp_window_results_get_running (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), FALSE);

  return self->running;
}

GListModel *
pp_window_results_get_rows (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GtkColumnView *
pp_window_results_get_column_view (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return self->column_view;
}

/* The details of @cell in the sidebar, or (NULL) no sidebar. */
void
pp_window_results_show_cell (PpWindowResults *self,
                             PpGridCell      *cell)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  pp_details_pane_set_cell (self->details, cell);
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), cell != NULL);
}

/* The details of @cell, in the sidebar as it is (open or closed). */
void
pp_window_results_follow_cell (PpWindowResults *self,
                               PpGridCell      *cell)
{
  g_return_if_fail (PP_IS_WINDOW_RESULTS (self));

  pp_details_pane_set_cell (self->details, cell);
}

static void
close_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pp_window_results_show_cell (PP_WINDOW_RESULTS (widget), NULL);
}

PpDetailsPane *
pp_window_results_get_details (PpWindowResults *self)
{
  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  return self->details;
}

/* GObject */

static void
pp_window_results_dispose (GObject *object)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  /* Still in the window: its frames must not call a view that is gone. */
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (frame_widget (self), self->tick_id);
  if (self->rest_tick_id != 0)
    gtk_widget_remove_tick_callback (frame_widget (self), self->rest_tick_id);
  self->tick_id = self->rest_tick_id = 0;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->queue != NULL)
    g_array_set_size (self->queue, 0);
  g_clear_handle_id (&self->flush_idle_id, g_source_remove);
  g_clear_handle_id (&self->summary_timeout_id, g_source_remove);
  g_clear_pointer (&self->flap, gtk_widget_unparent);

  G_OBJECT_CLASS (pp_window_results_parent_class)->dispose (object);
}

static void
pp_window_results_finalize (GObject *object)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->all_rows, g_ptr_array_unref);
  g_clear_object (&self->grid_plan);
  g_clear_pointer (&self->queue, g_array_unref);

  G_OBJECT_CLASS (pp_window_results_parent_class)->finalize (object);
}

static void
pp_window_results_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PpWindowResults *self = PP_WINDOW_RESULTS (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_window_results_class_init (PpWindowResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_window_results_dispose;
  object_class->finalize = pp_window_results_finalize;
  object_class->get_property = pp_window_results_get_property;

  /* Showing a run: from pp_window_results_show_run() until the last cell
   * is drawn, a little after the session's own "running". The window's
   * actions and choosers follow it. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The session's run is over and every result is drawn. */
  signals[SIGNAL_RUN_SHOWN] =
    g_signal_new ("run-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PP_TYPE_DETAILS_PANE);
  g_type_ensure (PP_TYPE_SUMMARY_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-window-results.ui");
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, flap);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, scroller);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, summary);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, column_view);
  gtk_widget_class_bind_template_child (widget_class, PpWindowResults, details);
  gtk_widget_class_install_action (widget_class, "results.close-details", NULL, close_details_action);
}

static void
pp_window_results_init (PpWindowResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (PP_TYPE_GRID_ROW);
  self->all_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->queue = g_array_new (FALSE, FALSE, sizeof (guint));
  setup_columns (self);
  g_signal_connect_swapped (self->flap, "notify::reveal-progress", G_CALLBACK (reveal_progress_cb), self);
}

/* A view of @session's runs, from the next one on. */
PpWindowResults *
pp_window_results_new (PpSession *session)
{
  PpWindowResults *self;

  g_return_val_if_fail (PP_IS_SESSION (session), NULL);

  self = g_object_new (PP_TYPE_WINDOW_RESULTS, NULL);
  self->session = g_object_ref (session);
  g_signal_connect (session, "probe-finished", G_CALLBACK (probe_finished_cb), self);
  g_signal_connect (session, "finished", G_CALLBACK (session_finished_cb), self);

  return self;
}
