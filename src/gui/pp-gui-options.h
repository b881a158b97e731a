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

/* What the command line chose: NULL (or FALSE) where it said nothing,
 * and the preferences then apply. The same options as proxyprobe-cli's,
 * checked by the same core functions. */
typedef struct
{
  char *profile;
  char *urls_file;      /* --urls FILE: instead of the profile */
  char *geography;
  char *onboarding;     /* --onboarding FILE: a package instead of the machine's */
  char *workspace_id;
  char *proxy;
  char *named_proxy;
  char *pac_file;
  char *pac_url;
  char **trust;         /* --trust FILE, repeatable */
  char *methods;        /* --methods LIST */
  gboolean run;
  char *export_path;
  char *screenshot_path;          /* the ticket image (pp-ticket-image.h) */
  char *window_screenshot_path;   /* the window as it is drawn */
  gboolean version;
  char *report_path;    /* proxyprobe FILE.zip: a received report to show */
} PpGuiOptions;

gboolean pp_gui_options_parse (PpGuiOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
void     pp_gui_options_copy  (PpGuiOptions       *dest,
                               const PpGuiOptions *src);
void     pp_gui_options_clear (PpGuiOptions  *options);

G_END_DECLS
