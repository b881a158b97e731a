/* pp-file.h: small local files read without GIO's VFS
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *pp_file_read_bounded (const char  *path,
                            gsize        max_size,
                            gsize       *length,
                            GError     **error);

G_END_DECLS
