/* pp-cli-merge.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-merge.h"
#include "pp-cli-report.h"
#include "pp-fleet-answer.h"
#include "pp-fleet-read.h"
#include "pp-fleet-write.h"
#include "pp-log.h"
#include "pp-run-results.h"

#include <glib/gstdio.h>

static const char summary[] =
  "Merges the reports of many hosts (zips from --output, report.json files from\n"
  "--json, or folders of them) into one fleet report zip: fleet.html, fleet.json\n"
  "(proxyprobe-fleet/1), fleet.csv and each host's report. Inputs that are\n"
  "damaged, foreign, of another schema version, or an older report of the same\n"
  "host are listed with the reason; the merge goes on.\n\n"
  "Exit status: 0 written; 2 bad usage, no usable report, or the zip could not\n"
  "be written.";

typedef struct
{
  char *output;
  gboolean force;
  char **inputs;
} MergeOptions;

static void
merge_options_clear (MergeOptions *o)
{
  g_free (o->output);
  g_strfreev (o->inputs);
}

static gboolean
parse (MergeOptions  *o,
       int           *argc,
       char        ***argv,
       GError       **error)
{
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, "The fleet report zip to write", "FLEET.zip" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o->force, "Replace FLEET.zip if it exists", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs, NULL, "INPUT..." },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- merge hosts' reports");

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (o->output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "give the fleet report to write: --output FLEET.zip");
      return FALSE;
    }
  if (o->inputs == NULL || o->inputs[0] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "give the reports to merge: zips, report.json files or folders of them");
      return FALSE;
    }

  return TRUE;
}

static void
remove_tmp_dir (const char *tmp_dir)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

/* The answer first (pp-fleet-answer.c), then the counts. */
static void
print_summary (PpFleet             *fleet,
               const PpFleetAnswer *answer)
{
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);
  GPtrArray *skipped = pp_fleet_get_skipped (fleet);
  g_autofree char *lead = pp_fleet_answer_format_text (answer);

  g_print ("%s\n", lead);

  for (PpFleetAgentKind kind = 0; kind < PP_FLEET_N_AGENT_KINDS; kind++)
    {
      guint n = 0;

      for (guint h = 0; h < hosts->len; h++)
        n += ((PpFleetHost *) g_ptr_array_index (hosts, h))->agent == kind;
      if (n > 0)
        g_print ("%s: %u host%s\n", pp_fleet_agent_label (kind), n, n == 1 ? "" : "s");
    }
  for (PpVerdictKind kind = PP_VERDICT_PENDING; kind <= PP_VERDICT_NONE_REACHABLE; kind++)
    {
      guint n = 0;

      for (guint h = 0; h < hosts->len; h++)
        n += ((PpFleetHost *) g_ptr_array_index (hosts, h))->verdict == kind;
      if (n > 0)
        g_print ("By any method: %s: %u host%s\n", pp_fleet_verdict_label (kind), n, n == 1 ? "" : "s");
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      PpFleetSkip *skip = g_ptr_array_index (skipped, i);

      g_print ("Left out: %s: %s\n", skip->source, skip->reason);
    }
}

static int
merge (MergeOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = g_dir_make_tmp ("proxyprobe-merge-XXXXXX", &error);
  PpCliOptions check = { .output = o->output, .force = o->force };
  g_autoptr(PpFleet) fleet = NULL;
  g_autoptr(PpFleetAnswer) answer = NULL;
  gboolean written;

  if (!pp_cli_report_check_output (&check, &error) || tmp_dir == NULL)
    {
      g_printerr ("proxyprobe-cli merge: %s\n", error->message);
      return PP_EXIT_BAD_INPUT;
    }
  fleet = pp_fleet_read ((const char * const *) o->inputs, tmp_dir);
  answer = pp_fleet_answer_new (fleet);
  print_summary (fleet, answer);
  if (pp_fleet_get_hosts (fleet)->len == 0)
    {
      g_printerr ("proxyprobe-cli merge: none of the inputs is a Proxy Probe report this "
                  "version reads (see \"Left out\" above); nothing written\n");
      remove_tmp_dir (tmp_dir);
      return PP_EXIT_BAD_INPUT;
    }
  written = pp_fleet_write (fleet, answer, o->output, o->force, &error);
  remove_tmp_dir (tmp_dir);
  if (!written)
    {
      g_printerr ("proxyprobe-cli merge: --output: %s\n", error->message);
      return PP_EXIT_BAD_INPUT;
    }
  g_print ("Fleet report of %u host%s written to %s\n", pp_fleet_get_hosts (fleet)->len,
           pp_fleet_get_hosts (fleet)->len == 1 ? "" : "s", o->output);

  return 0;
}

int
pp_cli_merge (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  MergeOptions options = { 0 };
  int status;

  if (!parse (&options, &argc, &argv, &error))
    {
      g_printerr ("proxyprobe-cli merge: %s\nTry 'proxyprobe-cli merge --help'.\n", error->message);
      merge_options_clear (&options);
      return PP_EXIT_BAD_INPUT;
    }
  status = merge (&options);
  merge_options_clear (&options);

  return status;
}
