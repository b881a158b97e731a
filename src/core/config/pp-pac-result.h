/* pp-pac-result.h: a PAC result string as proxy candidates
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-pac.h"
#include "pp-proxy-spec.h"

G_BEGIN_DECLS

GPtrArray *pp_pac_result_parse (const char  *result,
                                char      ***warnings,
                                GError     **error);

G_END_DECLS
