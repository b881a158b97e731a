/* pp-timing-bar.c: a probe's phases (DNS, connect, TLS, first byte) as a bar
 *
 * libcurl's timings are cumulative from the start of the transfer; the bar
 * draws the phases between them. The segments take their colours from the
 * style's named colours, so dark and high-contrast styles follow, and the
 * details pane prints the numbers next to it: colour is never the only cue.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-timing-bar.h"

#define BAR_HEIGHT 10

struct _PpTimingBar
{
  GtkWidget parent_instance;

  PpTimings timings;
};

G_DEFINE_FINAL_TYPE (PpTimingBar, pp_timing_bar, GTK_TYPE_WIDGET)

static const char * const phase_colors[] = {
  "accent_bg_color", "success_color", "warning_color", "purple_3",
};

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GdkRGBA
lookup_color (GtkWidget  *widget,
              const char *name)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color = { 0.5, 0.5, 0.5, 1.0 };

  if (!gtk_style_context_lookup_color (context, name, &color))
    gtk_style_context_get_color (context, &color);

  return color;
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
pp_timing_bar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PpTimingBar *self = PP_TIMING_BAR (widget);
  gint64 marks[] = { 0, self->timings.dns, self->timings.connect, self->timings.tls,
                     self->timings.first_byte };
  double width = gtk_widget_get_width (widget);
  double total = MAX (self->timings.total, self->timings.first_byte);
  gint64 previous = 0;

  if (total <= 0)
    return;
  for (guint i = 1; i < G_N_ELEMENTS (marks); i++)
    {
      gint64 end = MAX (marks[i], previous);
      GdkRGBA color = lookup_color (widget, phase_colors[i - 1]);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (width * previous / total, 0,
                                                 MAX (width * (end - previous) / total, 1),
                                                 BAR_HEIGHT);

      if (end > previous)
        gtk_snapshot_append_color (snapshot, &color, &rect);
      previous = end;
    }
}

static void
pp_timing_bar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? BAR_HEIGHT : 80;
}

static void
pp_timing_bar_class_init (PpTimingBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = pp_timing_bar_snapshot;
  widget_class->measure = pp_timing_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "timingbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
pp_timing_bar_init (PpTimingBar *self)
{
}

GtkWidget *
pp_timing_bar_new (void)
{
  return g_object_new (PP_TYPE_TIMING_BAR, NULL);
}

void
pp_timing_bar_set_timings (PpTimingBar     *self,
                           const PpTimings *timings)
{
  g_return_if_fail (PP_IS_TIMING_BAR (self));

  if (timings != NULL)
    self->timings = *timings;
  else
    memset (&self->timings, 0, sizeof self->timings);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
