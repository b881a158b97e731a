/* fuzz-fleet-report.c: a received report.json, as `proxyprobe-cli merge`
 * reads it (the run, the host's identity, the configuration) and writes it
 * into the fleet report (fleet.html, fleet.json, fleet.csv)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fuzz.h"

#include "pp-fleet.h"
#include "pp-fleet-html.h"
#include "pp-fleet-json.h"
#include "pp-json.h"
#include "pp-run-results-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* As merge reads it: the fast reader, json-glib for anything not plain. */
  g_autoptr(PpJsonDoc) doc = pp_json_doc_read ((const char *) data, size, NULL);
  g_autoptr(JsonNode) configuration = NULL;
  g_autoptr(PpRunResults) results = NULL;
  g_autoptr(PpFleet) fleet = NULL;
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  if (doc == NULL)
    return 0;
  results = pp_run_results_new_from_report_doc (doc, NULL);
  if (results == NULL)
    return 0;
  configuration = pp_json_doc_to_node (doc, pp_json_doc_object_member (doc, pp_json_doc_root (doc),
                                                                       "configuration"));

  /* The same report twice: the second is a duplicate of the first. */
  fleet = pp_fleet_new ();
  for (guint i = 0; i < 2; i++)
    pp_fleet_add_host (fleet, pp_fleet_host_new (fleet, results,
                                                 configuration ? json_node_get_object (configuration)
                                                               : NULL,
                                                 i ? "second.json" : "first.json"));
  g_assert_cmpuint (pp_fleet_get_hosts (fleet)->len, ==, 1);
  html = pp_fleet_html_format (fleet, "2026-12-07T00:00:00Z");
  json = pp_fleet_json_format (fleet, "2026-12-07T00:00:00Z");
  csv = pp_fleet_csv_format (fleet);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  return 0;
}
