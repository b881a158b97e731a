/* pp-profile-private.h: shared by pp-profile.c and pp-profile-urls.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pp_profile_read_bounded (const char  *path,
                               const char  *what,
                               gsize       *length,
                               GError     **error);

G_END_DECLS
