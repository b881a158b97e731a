/* pp-pac-builtins.h: the functions a PAC script may call
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "duktape.h"
#include "pp-pac-state.h"

G_BEGIN_DECLS

PpPacState *pp_pac_state_from_ctx    (duk_context *ctx);
gboolean    pp_pac_builtins_install  (duk_context *ctx,
                                      char       **error);

G_END_DECLS
