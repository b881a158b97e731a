/* pp-cli-progress.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-progress.h"

#include <stdio.h>
#include <unistd.h>

/* Only a person watching a terminal wants it; scripts and logs do not. */
void
pp_cli_progress_init (PpCliProgress *progress,
                      guint          total)
{
  progress->enabled = isatty (STDERR_FILENO);
  progress->total = total;
  progress->done = 0;
  progress->failed = 0;
}

void
pp_cli_progress_update (PpCliProgress *progress,
                        gboolean       failed)
{
  progress->done++;
  progress->failed += failed;
  if (!progress->enabled)
    return;

  /* The one write that bypasses g_printerr and its redaction: it holds
   * only numbers, and its own line-clearing controls must stay raw. */
  fprintf (stderr, "\r\033[KProbing: %u of %u done, %u failed", progress->done,
           progress->total, progress->failed);
  fflush (stderr);
}

void
pp_cli_progress_finish (PpCliProgress *progress)
{
  if (!progress->enabled)
    return;

  fprintf (stderr, "\r\033[K");
  fflush (stderr);
}
