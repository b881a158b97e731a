/* pp-profile-read.h: a profile's or URL list's file, read with a bound
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by pp-profile.c (JSON profiles) and pp-profile-urls.c (URL
 * lists): both read a small text file a technician names, and both must
 * say what to do when it is the wrong one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pp_profile_read_bounded (const char  *path,
                               const char  *what,
                               gsize       *length,
                               GError     **error);

G_END_DECLS
