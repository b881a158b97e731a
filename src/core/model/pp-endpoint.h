/* pp-endpoint.h: one URL of a service profile
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PP_TYPE_ENDPOINT (pp_endpoint_get_type ())

/* An endpoint is an immutable, reference-counted value: the runner's worker
 * threads read it while the main thread renders it. */
typedef struct
{
  char *url;            /* http or https, placeholders already substituted */
  char *service;        /* "EDR command and control" */
  char *http_method;    /* "GET" or "HEAD" */
  GArray *expected;     /* of guint; empty means any HTTP status counts */
  char *trust;          /* "system" or "pinned:<set>" */
  char *geography;      /* "WW", "US", "GW_EU", ... or NULL for URL lists */
  gboolean agent_uses;  /* the agent's own gateway or data endpoint, as its
                         * onboarding names it (pp-profile-merge.c) */
} PpEndpoint;

/* Whether the agent uses @endpoint now (pp-onboarding.c answers it). */
typedef gboolean (*PpEndpointPredicate) (const PpEndpoint *endpoint,
                                         gpointer          user_data);

GType       pp_endpoint_get_type          (void) G_GNUC_CONST;
PpEndpoint *pp_endpoint_new               (const char       *url,
                                           const char       *service,
                                           const char       *http_method,
                                           const guint      *expected,
                                           guint             n_expected,
                                           const char       *trust,
                                           const char       *geography);
PpEndpoint *pp_endpoint_ref               (PpEndpoint       *self);
void        pp_endpoint_unref             (PpEndpoint       *self);
gboolean    pp_endpoint_expects_status    (const PpEndpoint *self,
                                           guint             status);
const char *pp_endpoint_get_pin_set       (const PpEndpoint *self);
char       *pp_endpoint_format_expected   (const PpEndpoint *self);
gboolean    pp_endpoint_equal             (const PpEndpoint *a,
                                           const PpEndpoint *b);
PpEndpoint *pp_endpoint_copy              (const PpEndpoint *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpEndpoint, pp_endpoint_unref)

G_END_DECLS
