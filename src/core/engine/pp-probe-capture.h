/* pp-probe-capture.h: what a probe keeps of libcurl's conversation
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response headers that tell who answered (the markers of the latest
 * response) and the redacted libcurl trace. Filled from libcurl callbacks
 * on the worker thread; bounded whatever a server sends.
 */
#pragma once

#include <curl/curl.h>
#include <glib.h>

G_BEGIN_DECLS

/* The headers of the latest response that name its sender. */
typedef struct
{
  char *squid_error;
  char *proxy_status;
  char *via;
  char *server;
  char *proxy_agent;
  char *location;
  char *proxy_auth;       /* the schemes of its Proxy-Authenticate headers */
  char *x_cache;          /* a cache passed it on (squid, and caches like it) */
} PpProbeMarkers;

typedef struct
{
  PpProbeMarkers markers;
  gboolean frozen;        /* headers are not recorded: the markers stay as they are */
  gint64 last_header_us;  /* monotonic time of the latest header line, 0 before one */
  GString *trace;         /* NULL unless the trace is kept */
} PpProbeCapture;

void  pp_probe_capture_init          (PpProbeCapture *capture,
                                      gboolean        keep_trace);
void  pp_probe_capture_clear         (PpProbeCapture *capture);
void  pp_probe_capture_attach        (PpProbeCapture *capture,
                                      CURL           *easy);
void  pp_probe_capture_note          (PpProbeCapture *capture,
                                      const char     *line);
char *pp_probe_capture_dup_trace     (PpProbeCapture *capture);
void  pp_probe_markers_clear         (PpProbeMarkers *markers);

G_END_DECLS
