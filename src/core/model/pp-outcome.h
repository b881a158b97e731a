/* pp-outcome.h: why a probe ended the way it did
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PP_OUTCOME_OK,
  PP_OUTCOME_UNEXPECTED_STATUS,
  PP_OUTCOME_NOT_CONFIGURED,
  PP_OUTCOME_DNS_FAILED,
  PP_OUTCOME_CONNECT_REFUSED,
  PP_OUTCOME_CONNECT_TIMEOUT,
  PP_OUTCOME_TIMEOUT,
  PP_OUTCOME_TLS_FAILED,
  PP_OUTCOME_TLS_INSPECTED,
  PP_OUTCOME_PROXY_AUTH_REQUIRED,
  PP_OUTCOME_PROXY_REFUSED,
  PP_OUTCOME_PROXY_UNREACHABLE,
  PP_OUTCOME_CANCELLED,
  PP_OUTCOME_ERROR,
  PP_OUTCOME_PAC_FAILED,
  PP_OUTCOME_BAD_ANSWER,       /* the server or proxy broke HTTP: garbage, oversize, reset */
  PP_OUTCOME_UNATTRIBUTED,     /* a plain-http status that may be the proxy's or the origin's */
  PP_OUTCOME_LOCAL_RESOURCES,  /* this computer ran out of descriptors or memory */
  PP_OUTCOME_DNS_TIMEOUT,      /* no DNS answer in time: the resolver, not the server */
  PP_N_OUTCOMES
} PpOutcome;

/* Who sent the HTTP status a probe got: a property of every result. */
typedef enum
{
  PP_ANSWERER_NONE,          /* no HTTP answer at all */
  PP_ANSWERER_ORIGIN,
  PP_ANSWERER_PROXY,
  PP_ANSWERER_UNKNOWN,       /* plain HTTP through a proxy: no evidence either way */
} PpAnswerer;

const char *pp_answerer_to_id       (PpAnswerer  answerer);
const char *pp_outcome_to_id        (PpOutcome   outcome);
gboolean    pp_outcome_from_id      (const char *id,
                                     PpOutcome  *outcome);
const char *pp_outcome_get_reason   (PpOutcome   outcome);
gboolean    pp_outcome_is_reachable (PpOutcome   outcome);

G_END_DECLS
