/* pp-name-servers.h: which DNS servers libcurl's look-ups ask, and how long
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *servers;       /* "10.0.0.53, 10.0.0.54"; NULL when none could be read */
  guint timeout_s;     /* how long the C library waits for one answer */
} PpNameServers;

void pp_name_servers_read  (const char    *path,
                            PpNameServers *out);
void pp_name_servers_clear (PpNameServers *servers);

G_END_DECLS
