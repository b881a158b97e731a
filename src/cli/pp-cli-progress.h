/* pp-cli-progress.h: a one-line progress meter on a terminal's stderr
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean enabled;
  guint total;
  guint done;
  guint failed;
} PpCliProgress;

void pp_cli_progress_init   (PpCliProgress *progress,
                             guint          total);
void pp_cli_progress_update (PpCliProgress *progress,
                             gboolean       failed);
void pp_cli_progress_finish (PpCliProgress *progress);

G_END_DECLS
