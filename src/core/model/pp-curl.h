/* pp-curl.h: libcurl's process-wide set-up, done once
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void pp_curl_ensure_initialized (void);

G_END_DECLS
