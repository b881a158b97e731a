/* pp-fleet-read.c: the inputs of a fleet merge, read warily
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zips are opened by the same reader as `show` (every member's CRC,
 * sizes, names and types checked, in bounded memory); report.json,
 * from a zip or a file, is read up to PP_FLEET_MAX_JSON and parsed with
 * a bounded depth. A file that fails is listed with the reason, never
 * the end of the merge. Inputs are read by a few threads at once; the
 * hosts join the fleet in the inputs' order, so that the result never
 * depends on which thread finished first.
 */
#include "pp-fleet-read.h"
#include "pp-file.h"
#include "pp-json.h"
#include "pp-log.h"
#include "pp-report-zip.h"
#include "pp-report-json.h"
#include "pp-run-results-json.h"
#include "pp-zip-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Folders are walked this deep: an Ansible fetch is two levels. */
#define MAX_DEPTH 8

typedef struct
{
  PpFleet *fleet;
  const char *tmp_dir;
  char *path;
  guint index;
  PpFleetHost *host;         /* the result: a host, or a skip */
  PpFleetSkipKind kind;
  char *reason;
} Input;

static void
input_free (Input *input)
{
  g_free (input->path);
  g_clear_pointer (&input->host, pp_fleet_host_free);
  g_free (input->reason);
  g_free (input);
}

static gboolean
skip (Input           *input,
      PpFleetSkipKind  kind,
      const char      *reason)
{
  input->kind = kind;
  input->reason = g_strdup (reason);

  return FALSE;
}

static PpFleetSkipKind
kind_for_error (const GError *error)
{
  if (error->domain != PP_REPORT_ERROR)
    return PP_FLEET_SKIP_UNREADABLE;
  switch (error->code)
    {
    case PP_REPORT_ERROR_FOREIGN: return PP_FLEET_SKIP_FOREIGN;
    case PP_REPORT_ERROR_UNSAFE: return PP_FLEET_SKIP_UNSAFE;
    case PP_REPORT_ERROR_READ: return PP_FLEET_SKIP_UNREADABLE;
    default: return PP_FLEET_SKIP_DAMAGED;
    }
}

typedef struct
{
  GString *text;
  int fd;                    /* or into a file */
} Sink;

static gboolean
sink_chunk_cb (const char  *data,
               gsize        size,
               gpointer     user_data,
               GError     **error)
{
  Sink *sink = user_data;

  if (sink->text != NULL)
    {
      if (sink->text->len + size > PP_FLEET_MAX_JSON)
        {
          g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                       "its report.json is larger than %u MiB", PP_FLEET_MAX_JSON >> 20);
          return FALSE;
        }
      g_string_append_len (sink->text, data, size);
      return TRUE;
    }
  if (write (sink->fd, data, size) != (gssize) size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write a temporary file: %s",
                   g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static char *
temp_name (Input      *input,
           const char *name)
{
  return g_strdup_printf ("%s/%u-%s.fleet-tmp", input->tmp_dir, input->index, name);
}

/* The host's page, copied out of its zip for the fleet zip's link. */
static char *
extract_html (Input       *input,
              PpZipReader *reader)
{
  g_autofree char *path = temp_name (input, "report.html");
  Sink sink = { NULL, g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) };
  gboolean ok;

  if (sink.fd < 0)
    return NULL;
  ok = pp_zip_reader_read (reader, "report.html", sink_chunk_cb, &sink, NULL);
  ok = close (sink.fd) == 0 && ok;
  if (!ok)
    {
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static GString *
read_zip (Input        *input,
          char        **html)
{
  static const char * const required[] = { "report.json", NULL };
  static const char * const keep[] = { "report.json", "report.html", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpZipReader) reader = pp_zip_reader_new_for_path_keeping (input->path, required, keep,
                                                                      PP_FLEET_MAX_JSON, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  Sink sink = { text, -1 };

  if (reader == NULL || !pp_zip_reader_read (reader, "report.json", sink_chunk_cb, &sink, &error))
    {
      skip (input, kind_for_error (error), error->message);
      return NULL;
    }
  *html = extract_html (input, reader);

  return g_steal_pointer (&text);
}

static GString *
read_json_file (Input *input)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = pp_file_read_bounded (input->path, PP_FLEET_MAX_JSON, &length, &error);
  g_autofree char *reason = NULL;

  if (data == NULL)
    {
      reason = g_strdup_printf ("%s: %s", input->path, error->message);
      skip (input, PP_FLEET_SKIP_UNREADABLE, reason);
      return NULL;
    }

  /* g_string_new_take() is GLib 2.78. */
  return g_string_new_len (data, length);
}

/* Ours, in this version; another version of ours is told apart from a
 * document that is not ours at all. */
static gboolean
check_schema (Input     *input,
              PpJsonDoc *doc)
{
  const char *schema = pp_json_doc_string (doc, pp_json_doc_member (doc, pp_json_doc_root (doc),
                                                                    "schema"));
  g_autofree char *reason = NULL;

  if (g_strcmp0 (schema, PP_REPORT_SCHEMA) == 0)
    return TRUE;
  if (schema != NULL && g_str_has_prefix (schema, "proxyprobe-report/"))
    {
      reason = g_strdup_printf ("%s: a report of schema %.40s; this merge reads "
                                PP_REPORT_SCHEMA ": run the same Proxy Probe version on every "
                                "host", input->path, schema);
      return skip (input, PP_FLEET_SKIP_SCHEMA, reason);
    }
  reason = g_strdup_printf ("%s: not a Proxy Probe report (no " PP_REPORT_SCHEMA " schema)",
                            input->path);
  return skip (input, PP_FLEET_SKIP_FOREIGN, reason);
}

/* The run, and the configuration as json-glib's tree (a few values). */
static gboolean
read_report (Input         *input,
             GString       *text,
             JsonNode     **configuration,
             PpRunResults **results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpJsonDoc) doc = pp_json_parse_doc (text->str, text->len, &error);
  g_autofree char *reason = NULL;

  if (doc == NULL || pp_json_doc_type (doc, pp_json_doc_root (doc)) != PP_JSON_OBJECT)
    {
      reason = g_strdup_printf ("%s: report.json is not a JSON object%s%s", input->path,
                                error ? ": " : "", error ? error->message : "");
      return skip (input, PP_FLEET_SKIP_DAMAGED, reason);
    }
  if (!check_schema (input, doc))
    return FALSE;
  *results = pp_run_results_new_from_report_doc (doc, &error);
  if (*results == NULL)
    {
      reason = g_strdup_printf ("%s: %s", input->path, error->message);
      return skip (input, PP_FLEET_SKIP_DAMAGED, reason);
    }
  *configuration = pp_json_doc_to_node (doc, pp_json_doc_object_member (doc, pp_json_doc_root (doc),
                                                                        "configuration"));

  return TRUE;
}

static gboolean
is_zip (const char *path)
{
  char magic[4] = { 0 };
  FILE *file = g_fopen (path, "rbe");
  gboolean zip;

  if (file == NULL)
    return g_str_has_suffix (path, ".zip");
  zip = fread (magic, 1, 4, file) == 4 && memcmp (magic, "PK\003\004", 4) == 0;
  fclose (file);

  /* A damaged zip is told as one by the zip reader. */
  return zip || g_str_has_suffix (path, ".zip");
}

/* What goes into the fleet zip for this host: its page (the link's
 * target) and its own zip whole, or the report.json it sent. The zip's
 * report.json is not stored twice: re-compressing 1,000 of them would
 * cost the merge seconds. */
static void
add_files (Input      *input,
           char       *html,
           gboolean    zip)
{
  PpFleetHost *host = input->host;
  g_autofree char *folder = g_steal_pointer (&host->report_member);

  if (html != NULL)
    {
      g_ptr_array_add (host->files, g_strdup_printf ("%s/report.html", folder));
      g_ptr_array_add (host->files, html);
    }
  g_ptr_array_add (host->files, g_strdup_printf ("%s/%s", folder, zip ? "report.zip" : "report.json"));
  g_ptr_array_add (host->files, g_strdup (input->path));
  host->report_member = g_strdup_printf ("%s/%s", folder, html ? "report.html"
                                                                 : zip ? "report.zip" : "report.json");
}

static void
read_input_worker (gpointer data,
                   gpointer user_data)
{
  Input *input = data;
  gboolean zip = is_zip (input->path);
  char *html = NULL;
  g_autoptr(GString) text = zip ? read_zip (input, &html) : read_json_file (input);
  g_autoptr(JsonNode) configuration = NULL;
  g_autoptr(PpRunResults) results = NULL;

  if (text == NULL || !read_report (input, text, &configuration, &results))
    {
      if (html)
        g_unlink (html);
      g_free (html);
      return;
    }
  input->host = pp_fleet_host_new (input->fleet, results,
                                   configuration ? json_node_get_object (configuration) : NULL,
                                   input->path);
  add_files (input, html, zip);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* A folder's zips and report.json files, in name order, its subfolders'
 * too; links are not followed (a link could lead anywhere). */
static void
walk_folder (const char *path,
             guint       depth,
             GPtrArray  *files)
{
  g_autoptr(GDir) dir = depth < MAX_DEPTH ? g_dir_open (path, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      GStatBuf st;

      if (g_lstat (child, &st) != 0 || S_ISLNK (st.st_mode))
        continue;
      if (S_ISDIR (st.st_mode))
        walk_folder (child, depth + 1, files);
      else if (S_ISREG (st.st_mode) && (g_str_has_suffix (child, ".zip") ||
                                        g_str_has_suffix (child, ".json")))
        g_ptr_array_add (files, g_strdup (child));
    }
}

/**
 * pp_fleet_read:
 * @inputs: zips, report.json files, folders of them
 * @tmp_dir: an empty folder for the hosts' files until the zip is written
 *
 * Returns: (transfer full): the fleet; inputs that could not be read
 *   are in its skipped list
 */
PpFleet *
pp_fleet_read (const char * const *inputs,
               const char         *tmp_dir)
{
  PpFleet *fleet = pp_fleet_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func ((GDestroyNotify) input_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThreadPool *pool = g_thread_pool_new (read_input_worker, NULL, g_get_num_processors (), TRUE,
                                         NULL);

  for (guint i = 0; inputs[i]; i++)
    if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
      walk_folder (inputs[i], 0, files);
    else
      g_ptr_array_add (files, g_strdup (inputs[i]));

  for (guint i = 0; i < files->len; i++)
    {
      Input *input;

      /* The same file twice (a folder and a file in it) is one input. */
      if (!g_hash_table_add (seen, g_ptr_array_index (files, i)))
        continue;
      input = g_new0 (Input, 1);
      input->fleet = fleet;
      input->tmp_dir = tmp_dir;
      input->path = g_strdup (g_ptr_array_index (files, i));
      input->index = work->len;
      g_ptr_array_add (work, input);
      g_thread_pool_push (pool, input, NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i < work->len; i++)
    {
      Input *input = g_ptr_array_index (work, i);

      if (input->host != NULL)
        pp_fleet_add_host (fleet, g_steal_pointer (&input->host));
      else
        pp_fleet_add_skip (fleet, input->path, input->kind, input->reason);
    }
  pp_debug ("fleet: %u inputs, %u hosts, %u left out", files->len,
            pp_fleet_get_hosts (fleet)->len, pp_fleet_get_skipped (fleet)->len);

  return fleet;
}
