/* pp-probe-result.h: everything one probe found out, as a plain value
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pp-endpoint.h"
#include "pp-method.h"
#include "pp-outcome.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean present;       /* a chain was seen at all */
  gboolean verified;      /* it verified against the trust store in use */
  gboolean inspected;     /* it ends at a root outside the public (or pinned) set */
  char *subject;          /* the leaf's subject */
  char *issuer;           /* the leaf's issuer: the inspecting CA when inspected */
  char *root;             /* the top of the chain: the trust anchor when verified */
  char *leaf_sha256;      /* hex, colon separated */
  GPtrArray *chain;       /* subjects, leaf first */
} PpTlsSummary;

/* One proxy tried for this probe: the fallback path. */
typedef struct
{
  char *proxy;            /* display form, "DIRECT" for none */
  PpOutcome outcome;
  int curl_code;
} PpAttempt;

typedef struct
{
  gint64 dns;             /* microseconds; through a proxy, the proxy's */
  gint64 connect;
  gint64 tls;
  gint64 first_byte;
  gint64 total;
} PpTimings;

#define PP_TYPE_PROBE_RESULT (pp_probe_result_get_type ())

typedef struct
{
  PpEndpoint *endpoint;
  PpMethod method;
  PpOutcome outcome;
  guint http_status;      /* the origin's status, never the proxy's */
  guint connect_status;   /* the proxy's answer to CONNECT */
  guint proxy_status;     /* the proxy's own answer to a plain-http request */
  guint ambiguous_status; /* a plain-http status through a proxy that neither side
                           * can be shown to have sent (see answered_by) */
  PpAnswerer answered_by; /* who sent the status: evidence, never a guess */
  int curl_code;
  char *curl_message;
  char *detail;           /* one sentence a technician can act on */
  char *method_note;      /* what the method said on the way: the PAC answer with ignored parts */
  char **pac_lookups;     /* wpad: the PAC script's DNS look-ups for this URL; NULL without an answer */
  PpTimings timings;
  char *remote_address;
  char *proxy;            /* display form of the proxy that answered, or NULL */
  char *transparent_proxy;  /* a proxy on a connection made without one, with its
                             * evidence: "squid/5.7 (Via header)"; NULL without any */
  GArray *attempts;       /* of PpAttempt */
  guint redirect_count;
  char *final_url;
  GPtrArray *requested_urls;  /* every URL requested, redirects followed */
  PpTlsSummary tls;
  char *trace;            /* redacted libcurl trace */
} PpProbeResult;

GType          pp_probe_result_get_type     (void) G_GNUC_CONST;
PpProbeResult *pp_probe_result_new          (PpEndpoint          *endpoint,
                                             PpMethod             method);
PpProbeResult *pp_probe_result_ref          (PpProbeResult       *self);
void           pp_probe_result_unref        (PpProbeResult       *self);
gboolean       pp_probe_result_is_reachable (const PpProbeResult *self);
gboolean       pp_probe_result_has_answered (const PpProbeResult *self);
char          *pp_probe_result_format_short (const PpProbeResult *self);
char          *pp_probe_result_describe_path (const PpProbeResult *self);
void           pp_probe_result_add_attempt  (PpProbeResult       *self,
                                             const char          *proxy,
                                             PpOutcome            outcome,
                                             int                  curl_code);
void           pp_tls_summary_clear         (PpTlsSummary        *tls);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpProbeResult, pp_probe_result_unref)

G_END_DECLS
