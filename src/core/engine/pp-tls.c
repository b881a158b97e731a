/* pp-tls.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-tls.h"

#include <openssl/evp.h>
#include <openssl/ssl.h>

static CURLcode
ssl_ctx_cb (CURL *easy,
            void *ssl_ctx,
            void *user_data)
{
  PpTrust *trust = user_data;

  /* Replaces the empty store libcurl made for this SSL_CTX; the shared
   * one is reference-counted, so the SSL_CTX keeps it alive. */
  SSL_CTX_set1_cert_store (ssl_ctx, pp_trust_get_verify_store (trust));

  return CURLE_OK;
}

/* Every TLS connection (the probe's, the non-verifying peek's, an HTTPS
 * proxy's) verifies against @trust's one shared store rather than a CA
 * file libcurl would parse again per connection: see
 * pp_trust_get_verify_store(). Without a CA file or CApath libcurl loads
 * nothing itself. @trust must outlive @easy. */
void
pp_tls_use_trust (CURL    *easy,
                  PpTrust *trust)
{
  curl_easy_setopt (easy, CURLOPT_CAINFO, NULL);
  curl_easy_setopt (easy, CURLOPT_CAPATH, NULL);
  curl_easy_setopt (easy, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
  curl_easy_setopt (easy, CURLOPT_SSL_CTX_DATA, trust);
}

static void
free_chain (STACK_OF(X509) *chain)
{
  sk_X509_pop_free (chain, X509_free);
}

static STACK_OF(X509) *
copy_chain (STACK_OF(X509) *chain)
{
  return chain ? X509_chain_up_ref (chain) : NULL;
}

/* Must run while the connection is alive, i.e. from a libcurl callback
 * after the handshake: libcurl's own CERTINFO is empty after a failed
 * verification, exactly when naming the issuer matters most. */
void
pp_tls_chain_capture (PpTlsChain *chain,
                      CURL       *easy)
{
  struct curl_tlssessioninfo *info = NULL;
  SSL *ssl;

  if (curl_easy_getinfo (easy, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK ||
      info == NULL || info->backend != CURLSSLBACKEND_OPENSSL || info->internals == NULL)
    return;

  ssl = info->internals;
  pp_tls_chain_clear (chain);
  chain->peer = copy_chain (SSL_get_peer_cert_chain (ssl));
  if (SSL_get_verify_result (ssl) == X509_V_OK)
    chain->verified = copy_chain (SSL_get0_verified_chain (ssl));
}

void
pp_tls_chain_clear (PpTlsChain *chain)
{
  g_clear_pointer (&chain->peer, free_chain);
  g_clear_pointer (&chain->verified, free_chain);
}

static char *
name_to_string (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data;
  long len;
  char *result;

  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  len = BIO_get_mem_data (bio, &data);
  result = g_strndup (data, len);
  BIO_free (bio);

  return result;
}

static char *
fingerprint_sha256 (X509 *cert)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  GString *hex = g_string_new (NULL);

  X509_digest (cert, EVP_sha256 (), md, &len);
  for (unsigned int i = 0; i < len; i++)
    g_string_append_printf (hex, "%s%02X", i ? ":" : "", md[i]);

  return g_string_free (hex, FALSE);
}

/* The root: the trust anchor when verified, else the issuer named by the
 * last certificate sent (servers usually leave the root out). */
static char *
describe_root (PpTlsChain *chain)
{
  STACK_OF(X509) *best = chain->verified ? chain->verified : chain->peer;
  X509 *top = sk_X509_value (best, sk_X509_num (best) - 1);

  return name_to_string (chain->verified ? X509_get_subject_name (top)
                                         : X509_get_issuer_name (top));
}

static STACK_OF(X509) *
judged_chain (PpTlsChain *chain)
{
  return chain->verified ? chain->verified : chain->peer;
}

void
pp_tls_summarize (PpTlsChain   *chain,
                  PpTrust      *trust,
                  PpTlsSummary *summary)
{
  X509 *leaf;

  pp_tls_summary_clear (summary);
  if (chain->peer == NULL || sk_X509_num (chain->peer) == 0)
    return;

  leaf = sk_X509_value (chain->peer, 0);
  summary->present = TRUE;
  summary->verified = chain->verified != NULL;
  summary->subject = name_to_string (X509_get_subject_name (leaf));
  summary->issuer = name_to_string (X509_get_issuer_name (leaf));
  summary->root = describe_root (chain);
  summary->leaf_sha256 = fingerprint_sha256 (leaf);
  summary->chain = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < sk_X509_num (chain->peer); i++)
    g_ptr_array_add (summary->chain,
                     name_to_string (X509_get_subject_name (sk_X509_value (chain->peer, i))));

  /* A chain that does not end at a public root ends at a root someone
   * added locally: the signature of TLS inspection. */
  summary->inspected = pp_trust_has_public_roots (trust) &&
                       !pp_trust_chain_is_public (trust, judged_chain (chain));
}

gboolean
pp_tls_pin_matches (PpTlsChain *chain,
                    PpTrust    *trust,
                    const char *pin_set)
{
  return pp_trust_chain_is_pinned (trust, pin_set, judged_chain (chain));
}
