/* pp-dns-config.h: the resolver configuration the DNS outcomes depend on
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pp_dns_config_format (const char *sysroot,
                            guint       timeout_ms);

G_END_DECLS
