/* pp-report-config.h: the detected configuration, for people
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-config.h"
#include "pp-config-methods.h"

G_BEGIN_DECLS

GPtrArray *pp_report_config_describe_methods (PpConfig  *config);
void       pp_report_config_format_methods   (GPtrArray *methods,
                                              GString   *out);
char      *pp_report_config_format_sources   (GPtrArray *sources);
char      *pp_report_config_format_text      (PpConfig  *config);
char      *pp_report_config_format_text_so_far (PpConfig *config);

G_END_DECLS
