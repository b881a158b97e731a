/* pp-cli-pac.h: --pac-file, --pac-url and WPAD discovery for proxyprobe-cli
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-cli-options.h"
#include "pp-discovery.h"

G_BEGIN_DECLS

gboolean pp_cli_pac_prepare (PpCliOptions  *options,
                             gboolean       discover,
                             PpDiscovery   *pac,
                             GError       **error);

G_END_DECLS
