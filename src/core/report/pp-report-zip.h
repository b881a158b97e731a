/* pp-report-zip.h: writing a report zip safely, and reading one warily
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The report's error domain, for writing and reading: declared here, in
 * the lowest file that raises it. */
#define PP_REPORT_ERROR (pp_report_error_quark ())

typedef enum
{
  PP_REPORT_ERROR_EXISTS,      /* the file exists and overwrite was not asked for */
  PP_REPORT_ERROR_WRITE,       /* the folder is not writable, the disk is full, ... */
  PP_REPORT_ERROR_READ,        /* the file cannot be opened */
  PP_REPORT_ERROR_DAMAGED,     /* not a zip, or a damaged one */
  PP_REPORT_ERROR_FOREIGN,     /* a zip, but not a Proxy Probe report */
  PP_REPORT_ERROR_UNSAFE,      /* a zip bomb, or entries with unsafe names */
} PpReportError;

/* What `show` accepts (src/core/report/pp-zip-reader.c): a 1,000-probe report has ~1,010 entries and a few
 * MiB of text; a zip far beyond that is not one of ours. */
#define PP_REPORT_ZIP_MAX_ENTRIES     20000
#define PP_REPORT_ZIP_MAX_ENTRY_SIZE  (64 * 1024 * 1024)
#define PP_REPORT_ZIP_MAX_TOTAL_SIZE  (256 * 1024 * 1024)
#define PP_REPORT_ZIP_MAX_RATIO       200

typedef struct
{
  char *name;         /* relative, '/' separated */
  GBytes *contents;
} PpZipEntry;

GQuark      pp_report_error_quark       (void);
PpZipEntry *pp_zip_entry_new            (const char  *name,
                                         GBytes      *contents);
PpZipEntry *pp_zip_entry_new_take_text  (const char  *name,
                                         char        *text);
void        pp_zip_entry_free           (PpZipEntry  *entry);

gboolean    pp_report_zip_write         (const char  *path,
                                         gboolean     overwrite,
                                         GPtrArray   *entries,
                                         GError     **error);

/* @files: member name, local path, ...: members copied from local files
 * while the archive is written (a fleet's hosts' reports). */
gboolean    pp_report_zip_write_with_files (const char  *path,
                                            gboolean     overwrite,
                                            GPtrArray   *entries,
                                            GPtrArray   *files,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpZipEntry, pp_zip_entry_free)

G_END_DECLS
