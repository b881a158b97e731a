/* pp-trust.h: which roots are trusted, which are public, which are pinned
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

#define PP_TRUST_ERROR (pp_trust_error_quark ())

typedef enum
{
  PP_TRUST_ERROR_BAD_FILE,
  PP_TRUST_ERROR_UNKNOWN_PIN_SET,
} PpTrustError;

#define PP_DEFAULT_SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define PP_DEFAULT_PUBLIC_ROOTS  "/usr/share/ca-certificates/mozilla"

typedef struct
{
  const char *system_bundle;          /* NULL: Debian's bundle */
  const char * const *extra_anchors;  /* --trust FILE, repeatable */
  const char *public_roots;           /* --public-roots FILE|DIR; NULL: Mozilla's set */
} PpTrustOptions;

#define PP_TYPE_TRUST (pp_trust_get_type ())

G_DECLARE_FINAL_TYPE (PpTrust, pp_trust, PP, TRUST, GObject)

GQuark      pp_trust_error_quark      (void);
PpTrust    *pp_trust_new              (const PpTrustOptions  *options,
                                       GError               **error);
const char *pp_trust_get_ca_file      (PpTrust               *self);
X509_STORE *pp_trust_get_verify_store (PpTrust               *self);
guint       pp_trust_get_n_verify_builds (PpTrust            *self);
gboolean    pp_trust_has_public_roots (PpTrust               *self);
gboolean    pp_trust_has_pin_set      (PpTrust               *self,
                                       const char            *name);
gboolean    pp_trust_add_pin_set      (PpTrust               *self,
                                       const char            *name,
                                       const char            *pem_file,
                                       GError               **error);
gboolean    pp_trust_chain_is_public  (PpTrust               *self,
                                       STACK_OF(X509)        *chain);
gboolean    pp_trust_chain_is_pinned  (PpTrust               *self,
                                       const char            *pin_set,
                                       STACK_OF(X509)        *chain);

G_END_DECLS
