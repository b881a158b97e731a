/* pp-fd-budget.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fd-budget.h"

#include <sys/resource.h>

/* The descriptors open now. /proc/self/fd lists them; without /proc
 * (an odd sandbox) the headroom has to do. */
static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/**
 * pp_fd_budget_max_probes:
 * @open_files_limit: (out) (optional): the soft RLIMIT_NOFILE, 0 when unlimited
 *
 * Probes beyond this number would find no descriptor for their socket:
 * libcurl then fails with EMFILE and the probe says nothing about the
 * server. Returns G_MAXUINT when there is no limit, and at least 1.
 */
guint
pp_fd_budget_max_probes (guint64 *open_files_limit)
{
  struct rlimit limit;
  gint64 free_fds;

  if (open_files_limit)
    *open_files_limit = 0;
  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return G_MAXUINT;
  if (open_files_limit)
    *open_files_limit = limit.rlim_cur;

  free_fds = (gint64) limit.rlim_cur - count_open_fds () - PP_FD_BUDGET_HEADROOM;
  g_debug ("descriptor limit %" G_GUINT64_FORMAT ": room for %" G_GINT64_FORMAT " probes",
           (guint64) limit.rlim_cur, MAX (free_fds / PP_FD_BUDGET_PER_PROBE, 1));

  return (guint) CLAMP (free_fds / PP_FD_BUDGET_PER_PROBE, 1, G_MAXUINT);
}

/* More probes in flight than the descriptor limit allows would fail as
 * EMFILE, each one a false "connection refused": as many run as fit. */
void
pp_fd_budget_fit (guint          requested,
                  PpConcurrency *concurrency)
{
  g_return_if_fail (requested > 0);
  g_return_if_fail (concurrency != NULL);

  concurrency->requested = requested;
  concurrency->used = MIN (requested, pp_fd_budget_max_probes (&concurrency->open_files_limit));
}

/* One sentence when the runner ran fewer probes at once than asked for,
 * else NULL: the reports and the CLI's stderr say the same. */
char *
pp_concurrency_format_note (const PpConcurrency *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->used >= self->requested)
    return NULL;

  return g_strdup_printf ("concurrency %u lowered to %u: this process may have only %"
                          G_GUINT64_FORMAT " files open (ulimit -n), and each probe needs up "
                          "to 3", self->requested, self->used,
                          self->open_files_limit);
}
