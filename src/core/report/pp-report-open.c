/* pp-report-open.c: a received report, read back for the window
 *
 * The same bounds as `proxyprobe-cli show` (pp-report-read.c): the zip
 * is opened by PpZipReader, which refuses bombs, links and huge members
 * before anything is inflated, and must hold what every report of ours
 * holds. report.json then becomes a PpRunResults
 * (pp_run_results_new_from_report_json()), which refuses what is not
 * ours in words a technician can act on.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-report-open.h"
#include "pp-json.h"
#include "pp-log.h"

#include <json-glib/json-glib.h>

#include "pp-report-read.h"
#include "pp-run-results-json.h"
#include "pp-zip-reader.h"

static const char * const required[] = { PP_REPORT_TEXT_NAME, "report.json", NULL };

static gboolean
append_chunk_cb (const char  *data,
                 gsize        size,
                 gpointer     user_data,
                 GError     **error)
{
  g_string_append_len (user_data, data, size);

  return TRUE;
}

static char *
read_member (PpZipReader  *reader,
             const char   *name,
             gsize        *length,
             GError      **error)
{
  GString *text = g_string_new (NULL);

  if (!pp_zip_reader_read (reader, name, append_chunk_cb, text, error))
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  if (length != NULL)
    *length = text->len;

  return g_string_free (text, FALSE);
}

/* A member's string, or a member object's "name": the host may be
 * either, as reports grow a host identity. */
static char *
dup_member_text (JsonObject *object,
                 const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return dup_member_text (json_node_get_object (node), "name");

  return NULL;
}

/* Who made the report and when: from report.json's top level, which
 * pp_run_results_new_from_report_json() has already found sound. */
static void
read_header (PpReceivedReport *report,
             const char       *json,
             gsize             length)
{
  g_autoptr(JsonParser) parser = pp_json_parse (json, length, NULL);
  JsonObject *root;

  if (parser == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  report->host = dup_member_text (root, "host");
  if (report->host == NULL)
    report->host = dup_member_text (root, "hostname");
  report->generated = dup_member_text (root, "generated");
  report->application = dup_member_text (root, "application");
}

/**
 * pp_received_report_open:
 * @path: a zip report, e.g. from proxyprobe-cli -o or the window's Export
 *
 * Returns: (transfer full): the report, or NULL with a PP_REPORT_ERROR
 *   that starts with the file's name and says what is wrong with it
 */
PpReceivedReport *
pp_received_report_open (const char  *path,
                         GError     **error)
{
  g_autoptr(PpZipReader) reader = NULL;
  g_autoptr(PpReceivedReport) report = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  reader = pp_zip_reader_new_for_path (path, required, error);
  if (reader == NULL)
    return NULL;
  json = read_member (reader, "report.json", &length, error);
  if (json == NULL)
    return NULL;
  report = g_new0 (PpReceivedReport, 1);
  report->results = pp_run_results_new_from_report_json (json, length, &local_error);
  if (report->results == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", display,
                   local_error->message);
      return NULL;
    }
  read_header (report, json, length);
  /* Reports of every version have it; one without still shows its grid. */
  report->configuration = read_member (reader, "configuration.txt", NULL, NULL);
  pp_debug ("opened %s: %u results from %s", display,
            pp_run_results_get_n_items (report->results), report->application);

  return g_steal_pointer (&report);
}

void
pp_received_report_free (PpReceivedReport *report)
{
  if (report == NULL)
    return;
  g_clear_object (&report->results);
  g_free (report->host);
  g_free (report->generated);
  g_free (report->application);
  g_free (report->configuration);
  g_free (report);
}
