/* pp-file.h: small local files read without GIO's VFS
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The system's configuration files (/etc/environment, apt.conf, leases,
 * resolv.conf, KDE's kioslaverc) are a few kilobytes; the bound only keeps
 * a wrong or hostile file from exhausting memory. */
#define PP_FILE_MAX_CONFIG_SIZE (4 * 1024 * 1024)

char *pp_file_read_bounded (const char  *path,
                            gsize        max_size,
                            gsize       *length,
                            GError     **error);
gboolean pp_file_load_key_file (GKeyFile    *key_file,
                                const char  *path,
                                GError     **error);

G_END_DECLS
