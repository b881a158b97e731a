/* pp-cli-report.h: --output FILE.zip and `proxyprobe-cli show FILE.zip`
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-cli-options.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

gboolean pp_cli_report_check_output (PpCliOptions  *options,
                                     GError       **error);
gboolean pp_cli_report_write        (PpCliOptions  *options,
                                     PpRunResults  *results,
                                     PpConfig      *config,
                                     GError       **error);
int      pp_cli_report_show         (int            argc,
                                     char         **argv);

G_END_DECLS
