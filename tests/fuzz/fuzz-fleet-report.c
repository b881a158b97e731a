/* fuzz-fleet-report.c: a received report.json, as `proxyprobe-cli merge`
 * reads it (the run, the host's identity, the configuration) and writes it
 * into the fleet report (fleet.html, fleet.json, fleet.csv); plain JSON is
 * also read through json-glib's tree, and must give the same fleet
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

/* The fleet's JSON and CSV of one report. */
static char *
format_fleet (PpRunResults *results,
              JsonNode     *configuration)
{
  g_autoptr(PpFleet) fleet = pp_fleet_new ();
  g_autoptr(PpFleetAnswer) answer = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  pp_fleet_add_host (fleet, pp_fleet_host_new (fleet, results,
                                               configuration ? json_node_get_object (configuration)
                                                             : NULL,
                                               "first.json"));
  answer = pp_fleet_answer_new (fleet);
  json = pp_fleet_json_format (fleet, answer, "2026-12-07T00:00:00Z");
  csv = pp_fleet_csv_format (fleet);

  return g_strconcat (json, csv, NULL);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* A report without a run's identity is given a new one each time it is
 * read: the second reading's is written as the first's. */
static char *
same_identity (const char   *text,
               PpRunResults *first,
               PpRunResults *second)
{
  g_autofree char *first_time = g_date_time_format_iso8601 (pp_run_results_get_started (first));
  g_autofree char *second_time = g_date_time_format_iso8601 (pp_run_results_get_started (second));
  g_autofree char *ids = replace (text, pp_run_results_get_run_id (second),
                                  pp_run_results_get_run_id (first));
  g_autofree char *short_first = g_strndup (pp_run_results_get_run_id (first), 8);
  g_autofree char *short_second = g_strndup (pp_run_results_get_run_id (second), 8);
  g_autofree char *times = replace (ids, second_time, first_time);

  return replace (times, short_second, short_first);
}

/* Plain JSON is read by the strict reader; the same text read through
 * json-glib's tree must give the same run, or the same message. */
static void
check_both_ways (const uint8_t *data,
                 size_t         size,
                 PpJsonDoc     *doc,
                 PpRunResults  *results,
                 const GError  *error)
{
  g_autoptr(JsonParser) parser = pp_json_parse ((const char *) data, size, NULL);
  g_autoptr(PpJsonDoc) slow = NULL;
  g_autoptr(PpRunResults) slow_results = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(JsonNode) configuration = NULL;
  g_autofree char *fast_text = NULL;
  g_autofree char *slow_formatted = NULL;
  g_autofree char *slow_text = NULL;

  g_assert_nonnull (parser);
  slow = pp_json_doc_new_from_node (json_parser_get_root (parser));
  slow_results = pp_run_results_new_from_report_doc (slow, &slow_error);
  if (results == NULL)
    {
      g_assert_nonnull (slow_error);
      g_assert_cmpstr (slow_error->message, ==, error->message);
      return;
    }
  g_assert_no_error (slow_error);
  configuration = pp_json_doc_to_node (doc, pp_json_doc_object_member (doc, pp_json_doc_root (doc),
                                                                       "configuration"));
  fast_text = format_fleet (results, configuration);
  slow_formatted = format_fleet (slow_results, configuration);
  slow_text = same_identity (slow_formatted, results, slow_results);
  g_assert_cmpstr (fast_text, ==, slow_text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* As merge reads it: the fast reader, json-glib for anything not plain. */
  g_autoptr(PpJsonDoc) doc = pp_json_parse_doc ((const char *) data, size, NULL);
  g_autoptr(JsonNode) configuration = NULL;
  g_autoptr(PpRunResults) results = NULL;
  g_autoptr(PpFleet) fleet = NULL;
  g_autoptr(PpFleetAnswer) answer = NULL;
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(PpJsonDoc) strict = pp_json_doc_parse_strict ((const char *) data, size,
                                                          PP_JSON_MAX_DEPTH);
  g_autoptr(GError) error = NULL;

  if (doc == NULL)
    return 0;
  results = pp_run_results_new_from_report_doc (doc, &error);
  if (strict != NULL)
    check_both_ways (data, size, strict, results, error);
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
  answer = pp_fleet_answer_new (fleet);
  html = pp_fleet_html_format (fleet, answer, "2026-12-07T00:00:00Z");
  json = pp_fleet_json_format (fleet, answer, "2026-12-07T00:00:00Z");
  csv = pp_fleet_csv_format (fleet);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  return 0;
}
