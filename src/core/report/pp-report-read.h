/* pp-report-read.h: the text of a report zip someone else sent
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-report.h"

G_BEGIN_DECLS

/* A piece of a received ProxyProbeResult.txt: whole lines (a line over
 * 1 MiB in parts of whole characters), valid UTF-8, every control
 * character but newline and tab replaced. */
typedef void (*PpReportTextFunc) (const char *text,
                                  gpointer    user_data);

/* Hands the ProxyProbeResult.txt of a report zip to @func in pieces,
 * after checking that the whole zip is sound (every member's CRC), ours
 * and safe to unpack, and that the text is Proxy Probe's, in memory
 * bounded whatever the zip holds. @func may be NULL: then the zip is
 * only checked. */
gboolean   pp_report_show_text         (const char           *path,
                                        PpReportTextFunc      func,
                                        gpointer              user_data,
                                        GError              **error);
/* The same for a zip in memory (fuzzers); @display_name names it. */
gboolean   pp_report_show_text_bytes   (GBytes               *zip,
                                        const char           *display_name,
                                        PpReportTextFunc      func,
                                        gpointer              user_data,
                                        GError              **error);
/* The whole text as one string, for small reports (the GUI's tests). */
char      *pp_report_read_text         (const char           *path,
                                        GError              **error);

G_END_DECLS
