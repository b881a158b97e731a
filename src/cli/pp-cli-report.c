/* pp-cli-report.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-report.h"
#include "pp-report.h"
#include "pp-report-read.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>

/* Whether a file can be created in @dir is only known by creating one:
 * permissions, a read-only mount and /proc all answer differently. The
 * report itself is later written the same way, to a temporary file
 * renamed into place. */
static gboolean
check_folder_writable (const char  *dir,
                       GError     **error)
{
  g_autofree char *probe = g_build_filename (dir, ".proxyprobe-check-XXXXXX.part", NULL);
  int fd = g_mkstemp_full (probe, O_WRONLY | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd >= 0)
    {
      g_close (fd, NULL);
      g_unlink (probe);
      return TRUE;
    }

  g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
               "--output: Cannot write in the folder %s: %s; choose another folder", dir,
               g_strerror (saved_errno));
  return FALSE;
}

/* Told before the first probe, not after minutes of probing. */
gboolean
pp_cli_report_check_output (PpCliOptions  *o,
                            GError       **error)
{
  g_autofree char *dir = NULL;

  if (o->output == NULL)
    return TRUE;

  if (g_file_test (o->output, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                   "--output: %s is a folder: give the name of the zip file to write, "
                   "e.g. %s/report.zip", o->output, o->output);
      return FALSE;
    }
  if (!o->force && g_file_test (o->output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS,
                   "--output: %s already exists: choose another name, or add --force to "
                   "replace it", o->output);
      return FALSE;
    }
  dir = g_path_get_dirname (o->output);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                   "--output: the folder %s does not exist: create it, or choose another "
                   "folder", dir);
      return FALSE;
    }

  return check_folder_writable (dir, error);
}

gboolean
pp_cli_report_write (PpCliOptions  *o,
                     PpRunResults  *results,
                     PpConfig      *config,
                     GError       **error)
{
  g_autoptr(PpReport) report = pp_report_new (results, config);
  g_autoptr(GError) local_error = NULL;

  pp_report_set_anonymize (report, o->anonymize);
  if (!pp_report_write (report, o->output, o->force, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "--output: %s%s",
                   local_error->message,
                   local_error->code == PP_REPORT_ERROR_EXISTS ? " (--force replaces it)" : "");
      return FALSE;
    }

  g_printerr ("Report written to %s\n", o->output);
  return TRUE;
}

static const char show_usage[] =
  "Usage: proxyprobe-cli show FILE.zip\n"
  "Prints the text report (ProxyProbeResult.txt) of a Proxy Probe zip report,\n"
  "after checking that the zip is sound and safe.\n";

static void
print_cb (const char *text,
          gpointer    user_data)
{
  g_print ("%s", text);
}

/* For the technician who receives the ticket: exit 0 with the text, or
 * 2 with why the zip is not a report we can trust. The text goes out in
 * pieces through g_print (and so through the print handler); the whole
 * zip has been checked before the first piece. */
int
pp_cli_report_show (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc == 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", show_usage);
      return 0;
    }
  if (argc != 2)
    {
      g_printerr ("proxyprobe-cli show: give exactly one zip file\n%s", show_usage);
      return 2;
    }

  if (!pp_report_show_text (argv[1], print_cb, NULL, &error))
    {
      g_printerr ("proxyprobe-cli show: %s\n", error->message);
      return 2;
    }

  return 0;
}
