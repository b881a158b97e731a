/* pp-tls.h: the certificate chain a probe saw, and what it tells
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>

#include "pp-probe-result.h"
#include "pp-trust.h"

G_BEGIN_DECLS

typedef struct
{
  STACK_OF(X509) *peer;      /* as the server (or an interceptor) sent it */
  STACK_OF(X509) *verified;  /* as OpenSSL built it, root included; NULL when unverified */
} PpTlsChain;

void     pp_tls_use_trust       (CURL           *easy,
                                 PpTrust        *trust);
void     pp_tls_chain_capture   (PpTlsChain     *chain,
                                 CURL           *easy);
void     pp_tls_chain_clear     (PpTlsChain     *chain);
void     pp_tls_summarize       (PpTlsChain     *chain,
                                 PpTrust        *trust,
                                 PpTlsSummary   *summary);
gboolean pp_tls_pin_matches     (PpTlsChain     *chain,
                                 PpTrust        *trust,
                                 const char     *pin_set);

G_END_DECLS
