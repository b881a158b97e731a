/* pp-probe.h: one endpoint through one connectivity method
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

#include "pp-config.h"
#include "pp-probe-result.h"
#include "pp-trust.h"

G_BEGIN_DECLS

typedef struct
{
  PpConfig *config;
  PpTrust *trust;
  guint connect_timeout_ms;
  guint timeout_ms;
  gboolean keep_trace;
  const int *cancelled;     /* set by the runner; read from libcurl callbacks */
} PpProbeOptions;

/* A probe is driven by a worker: begin() gives the first easy handle,
 * every finished transfer is handed to transfer_done(), which may give the
 * next one (the next proxy candidate, or the TLS issuer look-up) until it
 * returns NULL and the result is final. Not thread-safe: one worker owns it. */
typedef struct _PpProbe PpProbe;

PpProbe       *pp_probe_new           (PpEndpoint           *endpoint,
                                       PpMethod              method,
                                       const PpProbeOptions *options);
void           pp_probe_free          (PpProbe              *self);
CURL          *pp_probe_begin         (PpProbe              *self,
                                       GCancellable         *cancellable);
CURL          *pp_probe_transfer_done (PpProbe              *self,
                                       CURLcode              code);
void           pp_probe_cancel        (PpProbe              *self);
CURL          *pp_probe_get_easy      (PpProbe              *self);
PpProbeResult *pp_probe_get_result    (PpProbe              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpProbe, pp_probe_free)

G_END_DECLS
