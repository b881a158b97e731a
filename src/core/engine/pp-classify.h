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
  int os_errno;              /* CURLINFO_OS_ERRNO: why a socket call failed */
  gboolean via_proxy;        /* the transfer went to a proxy */
  gboolean http_proxy;       /* ... an HTTP(S) proxy, which can answer in the server's place */
  gboolean tunnel;           /* ... and asked it for a CONNECT tunnel (an https URL) */
  gboolean connected;        /* a TCP connection was established */
  const char *squid_error;   /* X-Squid-Error of the last response */
  const char *proxy_status;  /* Proxy-Status (RFC 9209) of the last response */
  const char *via;           /* Via of the last response: a proxy passed it on */
  const char *server;        /* Server of the last response */
  const char *proxy_agent;   /* Proxy-Agent of the last response */
  const char *location;      /* Location of the last response, redacted */
  const char *body_start;    /* the first bytes of the final body, as text, or NULL */
  const char *proxy_auth;    /* the schemes of its Proxy-Authenticate headers, "NTLM, Negotiate" */
  const char *x_cache;       /* X-Cache of the last response: a cache passed it on */
  const char *proxy_name;    /* display form, for messages */
  const char *server_name;   /* host:port of the URL, for messages */
  const char *curl_message;
  /* Name resolution of the latest connection: libcurl resolves the
   * proxy's name through a proxy, the server's otherwise. */
  gboolean lookup_pending;   /* the look-up never finished: no socket was opened after it */
  gint64 lookup_us;          /* how long it ran, in microseconds */
  const char *lookup_name;   /* the name looked up, or NULL */
  const char *name_servers;  /* the servers it asked ("10.0.0.53, 10.0.0.54"), NULL if unknown */
  guint resolver_timeout_s;  /* the C library's wait for one answer, 0 if unknown */
  /* A plain-http answer through a proxy compared with the same request
   * through a CONNECT tunnel of the same proxy (see pp_classify_needs_tunnel_check()). */
  gboolean tunnel_checked;
  guint tunnel_connect_code; /* the proxy's answer to that CONNECT, 0 without one */
  guint tunnel_status;       /* the server's answer inside the tunnel, 0 without one */
} PpTransferFacts;


typedef struct
{
  PpOutcome outcome;
  guint http_status;         /* the origin's, or 0 */
  guint connect_status;      /* the proxy's answer to CONNECT, or 0 */
  guint proxy_status;        /* the proxy's own answer to a plain request, or 0 */
  guint ambiguous_status;    /* a status neither side can be shown to have sent, or 0 */
  PpAnswerer answered_by;
  char *detail;              /* one sentence, never NULL */
} PpClassification;

void     pp_classify                     (const PpTransferFacts *facts,
                                          const PpEndpoint      *endpoint,
                                          PpClassification      *out);
gboolean pp_classify_needs_tunnel_check  (const PpTransferFacts *facts,
                                          const PpClassification *verdict);
gboolean pp_classify_lookup_timed_out    (const PpTransferFacts *facts);
const char *pp_classify_find_proxy_product (const char          *server,
                                            const char          *body_start,
                                            const char         **where);

G_END_DECLS
