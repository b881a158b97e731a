/* pp-command.h: another program's output, bounded in time and size
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *pp_command_run_bounded (const char * const  *argv,
                              guint                timeout_ms,
                              gsize                max_size,
                              GCancellable        *stop,
                              int                 *exit_status,
                              GError             **error);

G_END_DECLS
