/* pp-gui-options.h: proxyprobe's command line, for support scripts
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pp-run-results.h"

G_BEGIN_DECLS

/* The exit status is PpExitStatus (pp-run-results.h), as the CLI's:
 * PP_EXIT_BAD_INPUT also when --export or --screenshot failed. */

typedef struct
{
  char *profile;
  char *geography;
  char *onboarding;     /* --onboarding FILE: a package instead of the machine's */
  char *proxy;
  gboolean run;
  char *export_path;
  char *screenshot_path;          /* the ticket image (pp-ticket-image.h) */
  char *window_screenshot_path;   /* the window as it is drawn */
  gboolean version;
} PpGuiOptions;

gboolean pp_gui_options_parse (PpGuiOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
void     pp_gui_options_clear (PpGuiOptions  *options);

G_END_DECLS
