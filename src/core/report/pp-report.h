/* pp-report.h: the zip report attached to a ticket
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpReport is built from one finished run and written as one zip:
 *   ProxyProbeResult.txt  header + analyzer-compatible lines + summary
 *   report.json           the proxyprobe-report/1 document
 *   report.html           one self-contained page (no scripts, no external resources)
 *   configuration.txt     every configuration source and warning
 *   wpad/discovery.txt    the discovery log; wpad/proxy.pac when a script was used
 *   traces/NNNN-METHOD-HOST.txt  one redacted trace per probe
 *   system.txt            versions of everything involved
 *   + attachments added by the caller (the GUI's screenshot.png)
 *
 * Writing is safe: a temporary file in the target folder, renamed at the
 * end; an existing file is replaced only when asked to.
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"
#include "pp-report-zip.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_REPORT_TEXT_NAME "ProxyProbeResult.txt"
#define PP_REPORT_TEXT_HEADER "Proxy Probe report"

#define PP_TYPE_REPORT (pp_report_get_type ())

G_DECLARE_FINAL_TYPE (PpReport, pp_report, PP, REPORT, GObject)

/* @results is complete: one PpProbeResult per plan item, cancelled
 * probes included (pp_run_results_is_complete()); the report keeps a
 * reference and never changes it. Call on the main thread: it reads the
 * configuration's sources once, here. */
PpReport  *pp_report_new               (PpRunResults         *results,
                                        PpConfig             *config);
gboolean   pp_report_get_anonymize     (PpReport             *self);
/* Replace the host name, user names and local addresses, consistently
 * across every file (host-1, user-1, addr-1). */
void       pp_report_set_anonymize     (PpReport             *self,
                                        gboolean              anonymize);
/* An extra file, e.g. "screenshot.png"; a plain name, no folders. */
void       pp_report_add_attachment    (PpReport             *self,
                                        const char           *name,
                                        GBytes               *contents);
/* An extra line of system.txt, e.g. ("GTK", "4.8.3"). */
void       pp_report_add_system_info   (PpReport             *self,
                                        const char           *name,
                                        const char           *value);

gboolean   pp_report_write             (PpReport             *self,
                                        const char           *path,
                                        gboolean              overwrite,
                                        GError              **error);
/* Writes in a worker thread: the caller's main loop never blocks.
 * Programs should ignore SIGXFSZ (as proxyprobe-cli does), so that a file
 * size limit is an error message rather than a killed process. */
void       pp_report_write_async       (PpReport             *self,
                                        const char           *path,
                                        gboolean              overwrite,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean   pp_report_write_finish      (PpReport             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
