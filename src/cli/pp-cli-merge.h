/* pp-cli-merge.h: `proxyprobe-cli merge`, many hosts' reports into one fleet report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int pp_cli_merge (int    argc,
                  char **argv);

G_END_DECLS
