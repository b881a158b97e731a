/* pp-pac-dns.h: bounded, logged name lookups for PAC scripts
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-pac-state.h"

G_BEGIN_DECLS

const char * const *pp_pac_dns_lookup     (PpPacState *state,
                                           const char *name);
char               *pp_pac_dns_my_address (PpPacState *state,
                                           gboolean    all);
gboolean            pp_pac_parse_address  (const char *text,
                                           int        *family,
                                           guint8      bytes[16]);

G_END_DECLS
