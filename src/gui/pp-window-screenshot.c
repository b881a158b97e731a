/* pp-window-screenshot.c: the window's own picture, taken at rest
 *
 * The picture is the window's last drawn frame (GtkWidgetPaintable):
 * taken between a change and the next frame there is none ("the window
 * drew nothing"), and taken while a toast or a transition shows, it keeps
 * them. So the screenshot makes the toasts transparent while it waits
 * (dismissing them instead crashes libadwaita 1.2 when one is still
 * sliding in) and waits until the window has made no frame for QUIET_MS
 * (a transition or an animation makes frames for as long as it lasts). A
 * window that never rests (the spinner of a running window) is taken
 * after REST_LIMIT_MS all the same, from a drawn frame.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-screenshot.h"
#include "pp-window-private.h"

#define POLL_MS 20
#define QUIET_MS 150
#define REST_LIMIT_MS 1500
#define GIVE_UP_MS 10000

typedef struct
{
  GPtrArray *hidden;   /* the toasts' widgets made transparent */
  GdkFrameClock *clock;
  gulong paint_handler;
  gint64 start;
  gint64 last_frame;
} Wait;

static void
wait_free (Wait *wait)
{
  g_clear_signal_handler (&wait->paint_handler, wait->clock);
  g_clear_object (&wait->clock);
  for (guint i = 0; i < wait->hidden->len; i++)
    gtk_widget_set_opacity (wait->hidden->pdata[i], 1.0);
  g_ptr_array_unref (wait->hidden);
  g_free (wait);
}

static void
note_frame_cb (GdkFrameClock *clock,
               Wait          *wait)
{
  wait->last_frame = g_get_monotonic_time ();
}

/* The toasts are the overlay's children other than its content; one
 * shown while the screenshot waits is hidden as well. */
static void
hide_toasts (PpWindow *self,
             Wait     *wait)
{
  GtkWidget *overlay = GTK_WIDGET (self->toast_overlay);
  GtkWidget *content = adw_toast_overlay_get_child (self->toast_overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child;
       child = gtk_widget_get_next_sibling (child))
    if (child != content && gtk_widget_get_opacity (child) > 0.0)
      {
        gtk_widget_set_opacity (child, 0.0);
        if (!g_ptr_array_find (wait->hidden, child, NULL))
          g_ptr_array_add (wait->hidden, g_object_ref (child));
      }
}

static gboolean
at_rest (Wait   *wait,
         gint64  now)
{
  return now - wait->last_frame >= QUIET_MS * 1000 || now - wait->start >= REST_LIMIT_MS * 1000;
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  PpWindow *self = g_task_get_source_object (task);
  Wait *wait = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  GBytes *png;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  hide_toasts (self, wait);
  if (!at_rest (wait, now))
    return G_SOURCE_CONTINUE;
  png = pp_screenshot_png (GTK_WIDGET (self), &error);
  if (png == NULL && now - wait->start < GIVE_UP_MS * 1000)
    {
      /* Changed since the last frame: the next one draws it. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return G_SOURCE_CONTINUE;
    }
  g_debug ("window screenshot after %" G_GINT64_FORMAT " ms", (now - wait->start) / 1000);
  if (png == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);

  return G_SOURCE_REMOVE;
}

/**
 * pp_window_screenshot_async:
 *
 * The window as drawn, without toasts or transitions: what
 * --window-screenshot writes and the zip keeps beside the ticket image.
 */
void
pp_window_screenshot_async (PpWindow            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GdkFrameClock *clock;
  Wait *wait;

  g_return_if_fail (PP_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_window_screenshot_async);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The window is not shown yet, so there is nothing to take a screenshot of."));
      return;
    }
  wait = g_new0 (Wait, 1);
  wait->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  hide_toasts (self, wait);
  wait->clock = g_object_ref (clock);
  wait->start = wait->last_frame = g_get_monotonic_time ();
  wait->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (note_frame_cb), wait);
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_free);
  /* Whatever changed last may not have asked for a frame yet. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_timeout_add_full (G_PRIORITY_DEFAULT, POLL_MS, poll_cb, g_steal_pointer (&task), g_object_unref);
}

GBytes *
pp_window_screenshot_finish (PpWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_window_screenshot_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_taken_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *path = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) png = pp_window_screenshot_finish (PP_WINDOW (object), result, &error);

  if (png == NULL ||
      !g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The screenshot written to @path, as --window-screenshot does. */
void
pp_window_save_screenshot_async (PpWindow            *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_window_save_screenshot_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  pp_window_screenshot_async (self, cancellable, save_taken_cb, task);
}

gboolean
pp_window_save_screenshot_finish (PpWindow      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_window_save_screenshot_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
