/* pp-text.h: checks on text read from files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pp_text_check_utf8 (const char *data,
                             gsize       length,
                             guint      *bad_line);

G_END_DECLS
