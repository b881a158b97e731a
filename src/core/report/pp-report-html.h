/* pp-report-html.h: the report as one self-contained HTML page
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-run-results.h"

G_BEGIN_DECLS

/* No scripts, no external resources (a Content-Security-Policy says so to
 * the browser too), inline CSS; every value is escaped. The texts are the
 * already formatted configuration.txt and system.txt. */
char *pp_report_html_format (PpRunResults *results,
                             const char   *generated,
                             const char   *configuration_text,
                             const char   *system_text);
/* @text escaped for an element or attribute, as this page escapes every
 * value (fleet.html too). */
void  pp_report_html_append_escaped (GString    *out,
                                     const char *text);

G_END_DECLS
