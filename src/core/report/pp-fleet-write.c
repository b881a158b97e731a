/* pp-fleet-write.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fleet-write.h"
#include "pp-fleet-html.h"
#include "pp-fleet-json.h"
#include "pp-report-zip.h"

/* The texts are made here, in memory (a few MiB at 1,000 hosts); the
 * hosts' files are copied from disk while the zip is written. */
gboolean
pp_fleet_write (PpFleet              *fleet,
                const PpFleetAnswer  *answer,
                const char           *path,
                gboolean              overwrite,
                GError              **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_zip_entry_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format_iso8601 (now);
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  g_ptr_array_add (entries, pp_zip_entry_new_take_text ("fleet.html",
                                                        pp_fleet_html_format (fleet, answer, generated)));
  g_ptr_array_add (entries, pp_zip_entry_new_take_text ("fleet.json",
                                                        pp_fleet_json_format (fleet, answer, generated)));
  g_ptr_array_add (entries, pp_zip_entry_new_take_text ("fleet.csv", pp_fleet_csv_format (fleet)));
  g_ptr_array_add (entries, pp_zip_entry_new_take_text (PP_REPORT_ALLOWLIST_NAME,
                                                        pp_fleet_answer_format_allow_list (answer)));
  for (guint h = 0; h < hosts->len; h++)
    g_ptr_array_extend (files, ((PpFleetHost *) g_ptr_array_index (hosts, h))->files, NULL, NULL);

  return pp_report_zip_write_with_files (path, overwrite, entries, files, error);
}
