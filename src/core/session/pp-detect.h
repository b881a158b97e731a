/* pp-detect.h: detects the configuration off the main thread
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"
#include "pp-trust.h"

G_BEGIN_DECLS

void      pp_detect_config_async  (const char           *cmdline_proxy,
                                   const char           *named_proxy,
                                   gboolean              with_trust,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
PpConfig *pp_detect_config_finish (GAsyncResult         *result,
                                   PpTrust             **trust,
                                   GError              **error);

G_END_DECLS
