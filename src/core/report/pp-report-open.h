/* pp-report-open.h: a received report, read back for the window
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-run-results.h"

G_BEGIN_DECLS

/* What a zip someone sent holds, to show it as a run: its results, who
 * made it and when, and its configuration as text. */
typedef struct
{
  PpRunResults *results;
  char *host;             /* the machine's name, when the report names it */
  char *generated;        /* ISO 8601, as report.json has it */
  char *application;      /* "proxyprobe 1.2.3" */
  char *configuration;    /* configuration.txt, or NULL */
} PpReceivedReport;

PpReceivedReport *pp_received_report_open (const char        *path,
                                           GError           **error);
void              pp_received_report_free (PpReceivedReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpReceivedReport, pp_received_report_free)

G_END_DECLS
