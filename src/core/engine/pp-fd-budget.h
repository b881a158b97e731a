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

guint pp_fd_budget_max_probes (guint64 *open_files_limit);

G_END_DECLS
