/* pp-wpad-fetch.h: private to pp-wpad.c and pp-wpad-fetch.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>

#include "pp-wpad.h"

G_BEGIN_DECLS

gint64   pp_wpad_deadline_from_options (const PpWpadOptions  *options);
gint64   pp_wpad_remaining_ms          (gint64                deadline);
gboolean pp_wpad_check_url             (const char           *url,
                                        GError              **error);
gboolean pp_wpad_fetch_until           (const char           *url,
                                        const PpWpadOptions  *options,
                                        gint64                deadline,
                                        struct curl_slist    *resolve,
                                        char                **script,
                                        GPtrArray            *warnings,
                                        GError              **error);

G_END_DECLS
