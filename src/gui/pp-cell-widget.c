/* pp-cell-widget.c: shows one PpGridCell in the live grid
 *
 * One widget, no children: it draws the state icon and the words itself.
 * GTK 4.8's column view keeps a cell widget for every cell of up to 200
 * rows, and with a button holding a box, a spinner, an image and two
 * labels each result re-measured the labels and restyled five nodes; a
 * profile of a 1,000-probe run spent 43 % of the main thread in label
 * measuring and 23 % in making those widgets. Here the size is fixed (so
 * a state change queues only a redraw, never a resize) and the text is
 * laid out only when the cell is drawn.
 *
 * Still a control: focusable, activated by Enter, Space or a click, which
 * (like focusing it) shows its details; a button to accessibility, with
 * the state in words as its label. The state is given by an icon shape
 * and words, never by colour alone; colours come from the style (the
 * foreground and libadwaita's named success and error colours), so the
 * dark and high-contrast styles follow.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cell-widget.h"

#include <math.h>

/* At least wide enough for an icon and "Doesn’t exist", a status code
 * and a latency, and six of them beside the endpoints in 1,024 pixels;
 * the columns share a wider window's width. Two lines high: a failure's
 * reason in words ("asks for a password") wraps once; longer words are
 * ellipsized and said in full by the details. */
#define CELL_WIDTH 124
#define CELL_HEIGHT 40
#define MAX_LINES 2
#define DIM_ALPHA 0.8f
#define PAD 6
#define ICON_SIZE 16
#define SPINNER_STEPS 4    /* positions of the spinner per turn: a quarter each */
#define SPINNER_STEP_US (1000000 / SPINNER_STEPS)

struct _PpCellWidget
{
  GtkWidget parent_instance;

  PpGridCell *cell;
  gulong state_handler;
  PpCellState state;
  GtkIconPaintable *icon;   /* NULL while idle or pending */
  char *status;
  char *latency;
  char *shown_accessible;

  gboolean spinning;        /* pending: one of the spinners below */
};

G_DEFINE_FINAL_TYPE (PpCellWidget, pp_cell_widget, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The spinners of the pending cells turn together, on one tick callback
 * held by one of them (the ticker) and handed to another when it stops.
 * A tick callback per cell made GTK connect one to the frame clock for
 * each of up to 1,200 pending cells when a run starts, call them all at
 * every frame of the run and disconnect one at each result: about a
 * tenth of the main thread's CPU time in a 1,002-probe run
 * (bench/RESULTS.md, 2026-12-07 09:00). Main thread only, as all widgets. */
static GHashTable *spinners;       /* of PpCellWidget, not owned: the pending cells */
static PpCellWidget *ticker;       /* the spinner whose tick callback turns them all */
static guint ticker_id;
static gint64 spinner_step;        /* the quarter turn every spinner shows */

static gboolean
spinner_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  gint64 step = gdk_frame_clock_get_frame_time (clock) / SPINNER_STEP_US;
  GHashTableIter iter;
  gpointer spinner;

  /* Redraw four times a second, not at every frame: up to 1,200 cells
   * may be pending at once. */
  if (step == spinner_step)
    return G_SOURCE_CONTINUE;
  spinner_step = step;
  g_hash_table_iter_init (&iter, spinners);
  while (g_hash_table_iter_next (&iter, &spinner, NULL))
    gtk_widget_queue_draw (spinner);

  return G_SOURCE_CONTINUE;
}

static void
hand_ticker_to (PpCellWidget *next)
{
  if (ticker != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (ticker), ticker_id);
  ticker = next;
  ticker_id = next != NULL ? gtk_widget_add_tick_callback (GTK_WIDGET (next), spinner_tick_cb, NULL, NULL) : 0;
}

static void
set_spinning (PpCellWidget *self,
              gboolean      spinning)
{
  GHashTableIter iter;
  gpointer next = NULL;

  if (self->spinning == spinning)
    return;
  self->spinning = spinning;
  if (spinners == NULL)
    spinners = g_hash_table_new (NULL, NULL);
  if (spinning)
    {
      g_hash_table_add (spinners, self);
      if (ticker == NULL)
        hand_ticker_to (self);
      return;
    }
  g_hash_table_remove (spinners, self);
  if (ticker != self)
    return;
  g_hash_table_iter_init (&iter, spinners);
  if (!g_hash_table_iter_next (&iter, &next, NULL))
    next = NULL;
  hand_ticker_to (next);
}

static GtkIconPaintable *
lookup_icon (PpCellWidget *self,
             const char   *name)
{
  GtkIconTheme *theme;

  if (name == NULL)
    return NULL;
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  return gtk_icon_theme_lookup_icon (theme, name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                     gtk_widget_get_direction (GTK_WIDGET (self)), 0);
}

static void
update (PpCellWidget *self)
{
  g_autofree char *accessible = NULL;

  self->state = self->cell != NULL ? pp_grid_cell_get_state (self->cell) : PP_CELL_IDLE;
  g_clear_object (&self->icon);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->latency, g_free);
  if (self->cell != NULL)
    {
      self->icon = lookup_icon (self, pp_grid_cell_get_icon_name (self->cell));
      self->status = pp_grid_cell_format_status (self->cell);
      self->latency = pp_grid_cell_format_latency (self->cell);
      accessible = pp_grid_cell_format_accessible (self->cell);
    }
  set_spinning (self, self->state == PP_CELL_PENDING);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (accessible != NULL && g_strcmp0 (accessible, self->shown_accessible) != 0)
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

/* Drawing */

/* A ring with a quarter of it in full colour, a quarter turn a step:
 * render nodes only (two circular borders; a circle's border takes each
 * side's colour over a quarter of it), so that a thousand pending cells
 * neither rasterize a thousand small images nor, with GL, each need an
 * offscreen pass, as a rotated node would. */
static void
snapshot_spinner (PpCellWidget  *self,
                  GtkSnapshot   *snapshot,
                  const GdkRGBA *color,
                  float          x,
                  float          y)
{
  const float inset = 1, size = ICON_SIZE - 2 * inset, widths[4] = { 2, 2, 2, 2 };
  GdkRGBA faint = { color->red, color->green, color->blue, color->alpha * 0.25f };
  const GdkRGBA ring[4] = { faint, faint, faint, faint };
  GdkRGBA arc[4] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
  GskRoundedRect circle;

  /* Top, right, bottom, left: clockwise. */
  arc[spinner_step % SPINNER_STEPS] = *color;
  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT (floorf (x) + inset, floorf (y) + inset,
                                                        size, size),
                                   size / 2);
  gtk_snapshot_append_border (snapshot, &circle, widths, ring);
  gtk_snapshot_append_border (snapshot, &circle, widths, arc);
}

static void
snapshot_icon (PpCellWidget  *self,
               GtkSnapshot   *snapshot,
               const GdkRGBA *fg,
               float          x,
               float          y)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA colors[4] = { *fg, *fg, *fg, *fg };   /* foreground, error, warning, success */
  GdkRGBA named;

  /* The icon alone takes the state's colour; its shape says the same. */
  if (self->state == PP_CELL_OK && gtk_style_context_lookup_color (context, "success_color", &named))
    colors[0] = named;
  else if (self->state == PP_CELL_FAILED && gtk_style_context_lookup_color (context, "error_color", &named))
    colors[0] = named;
  if (gtk_style_context_lookup_color (context, "error_color", &named))
    colors[1] = named;
  if (gtk_style_context_lookup_color (context, "warning_color", &named))
    colors[2] = named;
  if (gtk_style_context_lookup_color (context, "success_color", &named))
    colors[3] = named;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

/* Lays out @text in at most @width pixels and MAX_LINES lines, ellipsized, and draws it
 * centred vertically at @x (or ending at @x + @width when @right);
 * returns its width. */
static int
snapshot_text (PpCellWidget  *self,
               GtkSnapshot   *snapshot,
               const char    *text,
               const GdkRGBA *color,
               int            x,
               int            width,
               gboolean       right,
               gboolean       italic)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int text_width, text_height;

  if (italic)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -MAX_LINES);
  pango_layout_set_width (layout, MAX (width, 0) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (right ? x + width - text_width : x,
                                                (gtk_widget_get_height (GTK_WIDGET (self)) - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);

  return text_width;
}

static void
pp_cell_widget_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PpCellWidget *self = PP_CELL_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  /* The icon on the start edge, the status after it and the latency on
   * the end edge: mirrored in right-to-left languages. */
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  float icon_x = rtl ? width - PAD - ICON_SIZE : PAD;
  float icon_y = (gtk_widget_get_height (widget) - ICON_SIZE) / 2.0f;
  gboolean faded = self->state == PP_CELL_ABSENT || self->state == PP_CELL_STOPPED;
  int text_x = rtl ? PAD : PAD + ICON_SIZE + PAD;
  int text_width = width - PAD - ICON_SIZE - PAD - PAD;
  int latency_width = 0;
  GdkRGBA fg, dim;

  if (self->cell == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* Dimmed, yet at 4.5:1 or more against the grid's background in the
   * light, dark and high-contrast styles (tests/test-gui-grid.c). */
  dim = (GdkRGBA) { fg.red, fg.green, fg.blue, fg.alpha * DIM_ALPHA };
  if (faded)
    gtk_snapshot_push_opacity (snapshot, DIM_ALPHA);

  if (self->state == PP_CELL_PENDING)
    snapshot_spinner (self, snapshot, &fg, icon_x, icon_y);
  else if (self->icon != NULL)
    snapshot_icon (self, snapshot, &fg, icon_x, icon_y);

  if (self->latency != NULL && *self->latency != '\0')
    latency_width = snapshot_text (self, snapshot, self->latency, &dim,
                                   text_x, text_width, !rtl, FALSE) + PAD;
  if (self->status != NULL && *self->status != '\0')
    snapshot_text (self, snapshot, self->status, &fg, rtl ? text_x + latency_width : text_x,
                   text_width - latency_width, rtl, self->state == PP_CELL_ABSENT);

  if (faded)
    gtk_snapshot_pop (snapshot);
}

/* A fixed size: nothing about the cell's contents changes its size. Its
 * column is as wide, or as wide as its header's title (pp-window-results-columns.c);
 * the user can still drag it narrower. */
static void
pp_cell_widget_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = CELL_WIDTH;
  else
    *minimum = *natural = CELL_HEIGHT;
}

/* Input */

static void
show_details (PpCellWidget *self)
{
  if (self->cell != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-cell", "u",
                                pp_grid_cell_get_index (self->cell));
}

static void
pp_cell_widget_activate (PpCellWidget *self)
{
  show_details (self);
}

/* The details follow the keyboard focus when they show, but do not slide
 * in for every cell Tab passes: Enter, Space or a click opens them. */
static void
focus_enter_cb (PpCellWidget *self)
{
  if (self->cell != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.follow-cell", "u",
                                pp_grid_cell_get_index (self->cell));
}

/* :active, as a button shows itself pressed (style.css). */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PpCellWidget    *self)
{
  gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_ACTIVE, FALSE);
}

static void
stopped_cb (PpCellWidget *self)
{
  gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_ACTIVE);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             PpCellWidget    *self)
{
  stopped_cb (self);
  if (gtk_widget_contains (GTK_WIDGET (self), x, y))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      show_details (self);
    }
}

static void
pp_cell_widget_dispose (GObject *object)
{
  PpCellWidget *self = PP_CELL_WIDGET (object);

  pp_cell_widget_set_cell (self, NULL);
  set_spinning (self, FALSE);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->latency, g_free);
  g_clear_pointer (&self->shown_accessible, g_free);

  G_OBJECT_CLASS (pp_cell_widget_parent_class)->dispose (object);
}

static void
add_activate_binding (GtkWidgetClass *widget_class,
                      guint           keyval)
{
  gtk_widget_class_add_binding_signal (widget_class, keyval, 0, "activate", NULL);
}

static void
pp_cell_widget_class_init (PpCellWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_cell_widget_dispose;
  widget_class->snapshot = pp_cell_widget_snapshot;
  widget_class->measure = pp_cell_widget_measure;

  /* Like GtkButton's: what Enter, Space and gtk_widget_activate() emit. */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_FIRST | G_SIGNAL_ACTION,
                                G_CALLBACK (pp_cell_widget_activate),
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[SIGNAL_ACTIVATE]);
  add_activate_binding (widget_class, GDK_KEY_Return);
  add_activate_binding (widget_class, GDK_KEY_ISO_Enter);
  add_activate_binding (widget_class, GDK_KEY_KP_Enter);
  add_activate_binding (widget_class, GDK_KEY_space);
  add_activate_binding (widget_class, GDK_KEY_KP_Space);

  gtk_widget_class_set_css_name (widget_class, "ppcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
pp_cell_widget_init (PpCellWidget *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pp-cell");

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  g_signal_connect_swapped (click, "stopped", G_CALLBACK (stopped_cb), self);
  g_signal_connect_swapped (click, "cancel", G_CALLBACK (stopped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
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
  if (cell != NULL)
    self->state_handler = g_signal_connect_swapped (cell, "notify::state",
                                                    G_CALLBACK (state_changed_cb), self);
  update (self);
}
