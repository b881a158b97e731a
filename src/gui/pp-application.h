/* pp-application.h: the proxyprobe application
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-gui-options.h"
#include "pp-window.h"

G_BEGIN_DECLS

#define PP_TYPE_APPLICATION (pp_application_get_type ())

G_DECLARE_FINAL_TYPE (PpApplication, pp_application, PP, APPLICATION, AdwApplication)

PpApplication *pp_application_new         (const PpGuiOptions *options);
GSettings     *pp_application_get_settings (PpApplication     *self);
int            pp_application_get_status   (PpApplication     *self);
PpWindow      *pp_application_get_window   (PpApplication     *self);

G_END_DECLS
