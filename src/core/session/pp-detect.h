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

/* What the user chose for a run; everything else is read from the
 * machine. Every field may be NULL. */
typedef struct
{
  const char *cmdline_proxy;         /* the proxy to test (-p/--proxy) */
  const char *named_proxy;           /* instead of the agent's */
  const char *pac_file;              /* the wpad method's PAC script, */
  const char *pac_url;               /* ... or where to fetch it */
  const char * const *trust_anchors; /* PEM files of CAs to trust too */
  const char *onboarding_file;       /* --onboarding: instead of the machine's */
} PpDetectOptions;

void      pp_detect_config_async  (const PpDetectOptions *options,
                                   gboolean              with_trust,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
PpConfig *pp_detect_config_finish (GAsyncResult         *result,
                                   PpTrust             **trust,
                                   GError              **error);

G_END_DECLS
