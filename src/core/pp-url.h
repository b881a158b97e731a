/* pp-url.h: the rule every probed URL follows
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pp_url_is_valid (const char *url);

G_END_DECLS
