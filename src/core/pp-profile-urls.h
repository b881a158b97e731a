/* pp-profile-urls.h: profiles from plain URLs (--url, --urls FILE)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-profile.h"

G_BEGIN_DECLS

PpProfile *pp_profile_load_url_list (const char          *path,
                                     GError             **error);
PpProfile *pp_profile_new_for_urls  (const char * const  *urls,
                                     GError             **error);
gboolean   pp_url_validate          (const char          *url,
                                     GError             **error);

G_END_DECLS
