/* pp-gui-options.h: proxyprobe's command line, for support scripts
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum {
  PP_GUI_EXIT_ALL_REACHABLE = 0,
  PP_GUI_EXIT_SOME_UNREACHABLE = 1,
  PP_GUI_EXIT_BAD_INPUT = 2,       /* bad options, or --export/--screenshot failed */
  PP_GUI_EXIT_STOPPED = 130,
};

typedef struct
{
  char *profile;
  char *geography;
  char *proxy;
  gboolean run;
  char *export_path;
  char *screenshot_path;
  gboolean version;
} PpGuiOptions;

gboolean pp_gui_options_parse (PpGuiOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
void     pp_gui_options_clear (PpGuiOptions  *options);

G_END_DECLS
