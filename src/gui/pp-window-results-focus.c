/* pp-window-results-focus.c: the keyboard focus kept in view
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-cell-widget.h"
#include "pp-window-results-private.h"

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

/* @cell, a grid cell's widget, scrolls into view when it takes the focus. */
void
_pp_window_results_watch_focus (PpWindowResults *self,
                                GtkWidget       *cell)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (cell_focus_cb), self);
  gtk_widget_add_controller (cell, focus);
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

void
_pp_window_results_follow_reveal (PpWindowResults *self)
{
  g_signal_connect_swapped (self->flap, "notify::reveal-progress", G_CALLBACK (reveal_progress_cb), self);
}
