/* pp-gui-init.c: opens the display the way Proxy Probe draws, without GL
 *
 * The window is a grid of words and small icons, and GSK's cairo renderer
 * draws it: the tests run with it and bench/bench_gui.py measures it. But
 * GTK 4.8 on X11 loads the GL driver as it opens the display, to choose a
 * visual, whichever renderer then draws. On Debian 12 every Mesa driver
 * links LLVM: 45–60 MiB of RSS, more than the rest of the application and
 * a 1,000-probe run together (bench/RESULTS.md). And where a helpdesk
 * runs us (virtual machines, remote sessions) GL is mostly llvmpipe,
 * drawing on the cores the probes need.
 *
 * So the display is opened with GDK_DEBUG=gl-disable, GTK 4.8's only
 * switch for it, unless the user chose a renderer other than cairo with
 * GSK_RENDERER. The variable is put back at once, so that no program we
 * start (a file manager, by "Show in Files") inherits it.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-gui-init.h"

#include <gtk/gtk.h>

#define GL_DISABLE "gl-disable"

static gboolean
has_flag (const char *gdk_debug,
          const char *flag)
{
  g_auto(GStrv) flags = g_strsplit_set (gdk_debug, ",:; ", -1);

  return g_strv_contains ((const char * const *) flags, flag);
}

/* What GDK_DEBUG must say when GTK opens the display, or NULL to leave
 * it as it is: the user's own flags are kept. */
char *
pp_gui_gdk_debug_for (const char *gdk_debug,
                      const char *gsk_renderer)
{
  if (gsk_renderer != NULL && *gsk_renderer != '\0' && g_ascii_strcasecmp (gsk_renderer, "cairo") != 0)
    return NULL;
  if (gdk_debug == NULL || *gdk_debug == '\0')
    return g_strdup (GL_DISABLE);
  if (has_flag (gdk_debug, GL_DISABLE))
    return NULL;

  return g_strconcat (gdk_debug, ",", GL_DISABLE, NULL);
}

/* In place of gtk_init_check (), before any thread is started (it sets
 * an environment variable and puts it back). */
gboolean
pp_gui_init (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("GDK_DEBUG"));
  g_autofree char *gdk_debug = pp_gui_gdk_debug_for (saved, g_getenv ("GSK_RENDERER"));
  gboolean opened;

  if (gdk_debug == NULL)
    return gtk_init_check ();

  g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
  opened = gtk_init_check ();
  if (saved != NULL)
    g_setenv ("GDK_DEBUG", saved, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");

  return opened;
}
