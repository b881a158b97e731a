/* pp-classify.h: from what libcurl saw to an outcome a technician understands
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-endpoint.h"
#include "pp-outcome.h"

G_BEGIN_DECLS

/* The facts of one finished transfer, free of libcurl types so that the
 * classification is a pure function the unit tests can drive directly. */
typedef struct
{
  int curl_code;
  guint response_code;       /* CURLINFO_RESPONSE_CODE */
  guint connect_code;        /* CURLINFO_HTTP_CONNECTCODE */
  int proxy_error;           /* CURLINFO_PROXY_ERROR (a CURLproxycode) */
  gboolean via_proxy;        /* the transfer went to a proxy */
  gboolean connected;        /* a TCP connection was established */
  const char *squid_error;   /* X-Squid-Error of the last response */
  const char *proxy_status;  /* Proxy-Status (RFC 9209) of the last response */
  const char *proxy_name;    /* display form, for messages */
  const char *curl_message;
} PpTransferFacts;

typedef struct
{
  PpOutcome outcome;
  guint http_status;         /* the origin's, or 0 */
  guint connect_status;      /* the proxy's answer to CONNECT, or 0 */
  guint proxy_status;        /* the proxy's own answer to a plain request, or 0 */
  char *detail;              /* one sentence, never NULL */
} PpClassification;

void pp_classify (const PpTransferFacts *facts,
                  const PpEndpoint      *endpoint,
                  PpClassification      *out);

G_END_DECLS
