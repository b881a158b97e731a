/* pp-file-chooser.c: a file to open, chosen in the desktop's chooser
 *
 * GtkFileChooserNative (GTK 4.8 has no GtkFileDialog): the portal's
 * chooser inside Flatpak, GTK's own elsewhere. Only a local path is
 * handed on; a cancelled choice calls nothing.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-file-chooser.h"

typedef struct
{
  PpFileChosenFunc func;
  gpointer user_data;
  GWeakRef parent;     /* closed meanwhile: the choice goes nowhere */
} Chosen;

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Chosen          *chosen)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GObject) parent = g_weak_ref_get (&chosen->parent);

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && parent != NULL)
    chosen->func (path, chosen->user_data);
  g_weak_ref_clear (&chosen->parent);
  g_free (chosen);
  g_object_unref (chooser);
}

/* @filter_name and @suffix: the only files offered ("zip"), or NULL for
 * any. @func is called only while @parent lives (@user_data is usually
 * @parent itself). */
void
pp_file_chooser_open (GtkWindow        *parent,
                      const char       *title,
                      const char       *filter_name,
                      const char       *suffix,
                      PpFileChosenFunc  func,
                      gpointer          user_data)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), NULL);
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->func = func;
  chosen->user_data = user_data;
  g_weak_ref_init (&chosen->parent, parent);
  if (suffix != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filter_name);
      gtk_file_filter_add_suffix (filter, suffix);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
