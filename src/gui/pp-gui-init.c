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
 * switch for it, and GSK_RENDERER=cairo (else GSK tries its GL renderer
 * first and says it failed), unless the user chose a renderer other than
 * cairo. The variables stay set: GSK reads GSK_RENDERER when the first
 * window is realized, and changing the environment once threads run is
 * not safe. The programs we start get the user's own values back
 * (pp_gui_launch_context_new).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-gui-init.h"

#define GL_DISABLE "gl-disable"

static gboolean
has_flag (const char *gdk_debug,
          const char *flag)
{
  /* Split as GDK splits it. */
  g_auto(GStrv) flags = g_strsplit_set (gdk_debug, ",:; \t", -1);

  return g_strv_contains ((const char * const *) flags, flag);
}

/* What GDK_DEBUG must say when GTK opens the display (the user's own
 * flags and gl-disable), or NULL when the user asked for a renderer
 * other than cairo, which may use GL. */
char *
pp_gui_gdk_debug_for (const char *gdk_debug,
                      const char *gsk_renderer)
{
  if (gsk_renderer != NULL && *gsk_renderer != '\0' && g_ascii_strcasecmp (gsk_renderer, "cairo") != 0)
    return NULL;
  if (gdk_debug == NULL || *gdk_debug == '\0')
    return g_strdup (GL_DISABLE);
  if (has_flag (gdk_debug, GL_DISABLE))
    return g_strdup (gdk_debug);

  return g_strconcat (gdk_debug, ",", GL_DISABLE, NULL);
}

static gboolean overridden;
static char *user_gdk_debug;
static char *user_gsk_renderer;

/* In place of gtk_init_check (), before any thread is started. */
gboolean
pp_gui_init (void)
{
  const char *gsk_renderer = g_getenv ("GSK_RENDERER");
  g_autofree char *gdk_debug = pp_gui_gdk_debug_for (g_getenv ("GDK_DEBUG"), gsk_renderer);

  if (gdk_debug != NULL && !overridden)
    {
      overridden = TRUE;
      user_gdk_debug = g_strdup (g_getenv ("GDK_DEBUG"));
      user_gsk_renderer = g_strdup (gsk_renderer);
      g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }

  return gtk_init_check ();
}

static void
restore (GAppLaunchContext *context,
         const char        *variable,
         const char        *user_value)
{
  if (user_value != NULL)
    g_app_launch_context_setenv (context, variable, user_value);
  else
    g_app_launch_context_unsetenv (context, variable);
}

/* For the programs we start: the environment as the user set it. */
GAppLaunchContext *
pp_gui_launch_context_new (GdkDisplay *display)
{
  GAppLaunchContext *context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));

  if (overridden)
    {
      restore (context, "GDK_DEBUG", user_gdk_debug);
      restore (context, "GSK_RENDERER", user_gsk_renderer);
    }

  return context;
}
