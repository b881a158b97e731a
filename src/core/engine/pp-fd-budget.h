/* pp-fd-budget.h: how many probes the descriptor limit leaves room for
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Descriptors one probe may hold at once: its socket, and the socket pair
 * of libcurl's threaded name look-up. */
#define PP_FD_BUDGET_PER_PROBE 3
/* Left for everything else: the report, the PAC helper's pipes, GLib's
 * wake-up descriptors, the libraries' files. */
#define PP_FD_BUDGET_HEADROOM  48

/* How many probes a run had in flight at once: as many as asked for, or
 * fewer when the descriptor limit leaves no room for more. */
typedef struct
{
  guint requested;            /* 0: no run recorded */
  guint used;
  guint64 open_files_limit;   /* 0 when unlimited */
} PpConcurrency;

guint pp_fd_budget_max_probes       (guint64             *open_files_limit);
void  pp_fd_budget_fit              (guint                requested,
                                     PpConcurrency       *concurrency);
char *pp_concurrency_format_note    (const PpConcurrency *concurrency);

G_END_DECLS
