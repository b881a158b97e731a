/* pp-cell-widget.c: shows one PpGridCell in the live grid
 *
 * A flat button, so that every cell takes keyboard focus and activates
 * with Enter or Space; focusing or activating it shows its details. The
 * state is given by an icon and words, never by colour alone.
 *
 * Built in code, not from a template: GTK 4.8's column view makes one for
 * every cell of up to 200 rows, and parsing a template for each of them
 * cost a frame every few rows.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cell-widget.h"

struct _PpCellWidget
{
  GtkButton parent_instance;

  GtkSpinner *spinner;
  GtkImage *icon;
  GtkLabel *status;
  GtkLabel *latency;

  PpGridCell *cell;
  gulong state_handler;
  int shown_state;      /* whose CSS class is on, -1 for none */
  char *shown_accessible;
};

G_DEFINE_FINAL_TYPE (PpCellWidget, pp_cell_widget, GTK_TYPE_BUTTON)

static const char * const state_classes[] = {
  [PP_CELL_IDLE] = "idle",
  [PP_CELL_PENDING] = "pending",
  [PP_CELL_OK] = "ok",
  [PP_CELL_FAILED] = "failed",
  [PP_CELL_ABSENT] = "absent",
  [PP_CELL_STOPPED] = "stopped",
};

static void
update (PpCellWidget *self)
{
  PpCellState state = pp_grid_cell_get_state (self->cell);
  const char *icon_name = pp_grid_cell_get_icon_name (self->cell);
  g_autofree char *status = pp_grid_cell_format_status (self->cell);
  g_autofree char *latency = pp_grid_cell_format_latency (self->cell);
  g_autofree char *accessible = pp_grid_cell_format_accessible (self->cell);

  gtk_spinner_set_spinning (self->spinner, state == PP_CELL_PENDING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == PP_CELL_PENDING);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  gtk_label_set_label (self->status, status);
  gtk_label_set_label (self->latency, latency);
  gtk_widget_set_visible (GTK_WIDGET (self->latency), *latency != '\0');

  /* Each class change restyles the cell and its children: only on a
   * change of state, as a swap. */
  if (self->shown_state != (int) state)
    {
      if (self->shown_state >= 0)
        gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[self->shown_state]);
      gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[state]);
      self->shown_state = state;
    }

  if (g_strcmp0 (accessible, self->shown_accessible) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_free (self->shown_accessible);
      self->shown_accessible = g_steal_pointer (&accessible);
    }
}

static void
state_changed_cb (PpCellWidget *self)
{
  update (self);
}

static void
show_details (PpCellWidget *self)
{
  if (self->cell != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-cell", "u",
                                pp_grid_cell_get_index (self->cell));
}

static void
focus_enter_cb (PpCellWidget *self)
{
  show_details (self);
}

static void
pp_cell_widget_clicked (GtkButton *button)
{
  show_details (PP_CELL_WIDGET (button));
}

static void
pp_cell_widget_dispose (GObject *object)
{
  PpCellWidget *self = PP_CELL_WIDGET (object);

  pp_cell_widget_set_cell (self, NULL);
  g_clear_pointer (&self->shown_accessible, g_free);

  G_OBJECT_CLASS (pp_cell_widget_parent_class)->dispose (object);
}

static void
pp_cell_widget_class_init (PpCellWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_cell_widget_dispose;
  GTK_BUTTON_CLASS (klass)->clicked = pp_cell_widget_clicked;
}

static GtkLabel *
add_label (GtkBox *box,
           float   xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
pp_cell_widget_init (PpCellWidget *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->shown_state = -1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "pp-cell");
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "pp-cell-icon");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  self->status = add_label (GTK_BOX (box), 0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->status, 4);
  gtk_label_set_max_width_chars (self->status, 30);
  self->latency = add_label (GTK_BOX (box), 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->latency), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->latency), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->latency), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->latency), "caption");
  gtk_button_set_child (GTK_BUTTON (self), box);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
pp_cell_widget_new (void)
{
  return g_object_new (PP_TYPE_CELL_WIDGET, NULL);
}

PpGridCell *
pp_cell_widget_get_cell (PpCellWidget *self)
{
  g_return_val_if_fail (PP_IS_CELL_WIDGET (self), NULL);

  return self->cell;
}

void
pp_cell_widget_set_cell (PpCellWidget *self,
                         PpGridCell   *cell)
{
  g_return_if_fail (PP_IS_CELL_WIDGET (self));

  if (self->cell == cell)
    return;
  if (self->cell != NULL)
    g_clear_signal_handler (&self->state_handler, self->cell);
  g_set_object (&self->cell, cell);
  if (cell == NULL)
    return;
  self->state_handler = g_signal_connect_swapped (cell, "notify::state",
                                                  G_CALLBACK (state_changed_cb), self);
  update (self);
}
