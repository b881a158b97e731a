/* pp-trust.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-trust.h"

#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <unistd.h>

#include "pp-file.h"
#include "pp-log.h"

#define RESOURCE_CERTS "/io/github/proxyprobe/ProxyProbe/certs/"
#define MAX_PEM_SIZE (16 * 1024 * 1024)

struct _PpTrust
{
  GObject parent_instance;

  /* What probes verify against: the system bundle + extra anchors + pinned
   * roots. The anchors are read (and checked) at once; the ~220 KB system
   * bundle only when the first TLS handshake or HTTPS proxy needs it. */
  char *system_bundle;
  GString *anchors_pem;     /* extra anchors + pinned roots */
  GMutex verify_lock;
  X509_STORE *verify_store; /* built once, shared by every connection */
  guint n_verify_builds;
  char *ca_file;            /* the same set as a file, for an HTTPS proxy */
  /* What a chain is judged against, built when the first chain is
   * judged: parsing certificates costs ~10 ms of a command's start-up
   * (OpenSSL loads its decoders on the first one). */
  GMutex judge_lock;
  X509_STORE *public_store;
  guint n_public;
  char *lazy_public_dir;    /* the default set, read on first use */
  gboolean bundled_pins_loaded;
  GHashTable *pin_sets;     /* name → X509_STORE */

  /* One copy of each certificate for all the stores above: a parsed
   * certificate takes ~7 KiB, and the system bundle and Mozilla's public
   * set hold the same ~140 roots (~1 MiB of a 1,000-probe run's peak). */
  GMutex certs_lock;
  GHashTable *certs;        /* SHA-256 of the DER (GBytes) → X509 */
};

G_DEFINE_FINAL_TYPE (PpTrust, pp_trust, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-trust-error-quark, pp_trust_error)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)

/* The pin sets the bundled profiles use (../shared/reference/certs). */
static const struct {
  const char *name;
  const char *files[3];
} bundled_pin_sets[] = {
  { "microsoft-2011", { "microsoft-root-ca-2011.pem", NULL } },
  { "microsoft-2011+digicert-g2",
    { "microsoft-root-ca-2011.pem", "digicert-global-root-g2.pem", NULL } },
};

static void
pp_trust_finalize (GObject *object)
{
  PpTrust *self = (PpTrust *) object;

  if (self->ca_file)
    g_unlink (self->ca_file);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->system_bundle, g_free);
  if (self->anchors_pem)
    g_string_free (self->anchors_pem, TRUE);
  g_clear_pointer (&self->verify_store, X509_STORE_free);
  g_mutex_clear (&self->verify_lock);
  g_clear_pointer (&self->public_store, X509_STORE_free);
  g_clear_pointer (&self->lazy_public_dir, g_free);
  g_mutex_clear (&self->judge_lock);
  g_clear_pointer (&self->pin_sets, g_hash_table_unref);
  g_clear_pointer (&self->certs, g_hash_table_unref);
  g_mutex_clear (&self->certs_lock);

  G_OBJECT_CLASS (pp_trust_parent_class)->finalize (object);
}

static void
pp_trust_class_init (PpTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_trust_finalize;
}

static void
pp_trust_init (PpTrust *self)
{
  self->public_store = X509_STORE_new ();
  g_mutex_init (&self->judge_lock);
  g_mutex_init (&self->verify_lock);
  self->anchors_pem = g_string_new (NULL);
  self->pin_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) X509_STORE_free);
  g_mutex_init (&self->certs_lock);
  self->certs = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                       (GDestroyNotify) g_bytes_unref,
                                       (GDestroyNotify) X509_free);
}

/* Takes @cert and returns (a reference to) the copy every store shares:
 * @cert itself the first time, the earlier equal one afterwards. */
static X509 *
share_cert (PpTrust *self,
            X509    *cert)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->certs_lock);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  g_autoptr(GBytes) key = NULL;
  X509 *kept;

  if (!X509_digest (cert, EVP_sha256 (), digest, &digest_len))
    return cert;

  key = g_bytes_new (digest, digest_len);
  kept = g_hash_table_lookup (self->certs, key);
  if (kept == NULL)
    {
      X509_up_ref (cert);
      g_hash_table_insert (self->certs, g_steal_pointer (&key), cert);
      return cert;
    }

  X509_free (cert);
  X509_up_ref (kept);
  return kept;
}

/* Adds every certificate of a PEM buffer to @store, as the copies
 * @sharing's stores share when given; returns how many. */
static guint
add_pem_to_store_shared (PpTrust    *sharing,
                         X509_STORE *store,
                         const char *pem,
                         gsize       len)
{
  BIO *bio = BIO_new_mem_buf (pem, (int) len);
  X509 *cert;
  guint n = 0;

  while ((cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
    {
      if (sharing != NULL)
        cert = share_cert (sharing, cert);
      if (X509_STORE_add_cert (store, cert))
        n++;
      X509_free (cert);
    }
  BIO_free (bio);
  /* The loop ends on an error ("no start line") left in this thread's
   * queue, where libcurl would find it after a failed handshake. */
  ERR_clear_error ();

  return n;
}

static gboolean
read_pem_file (const char  *path,
               char       **contents,
               gsize       *len,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(X509_STORE) probe = NULL;

  *contents = pp_file_read_bounded (path, MAX_PEM_SIZE, len, &local_error);
  if (*contents == NULL)
    {
      g_set_error (error, PP_TRUST_ERROR, PP_TRUST_ERROR_BAD_FILE,
                   "%s cannot be read: %s", path, local_error->message);
      return FALSE;
    }
  probe = X509_STORE_new ();
  if (add_pem_to_store_shared (NULL, probe, *contents, *len) == 0)
    {
      g_clear_pointer (contents, g_free);
      g_set_error (error, PP_TRUST_ERROR, PP_TRUST_ERROR_BAD_FILE,
                   "%s holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)", path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_public_dir (PpTrust     *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      gsize len;
      g_autofree char *pem = pp_file_read_bounded (file, MAX_PEM_SIZE, &len, NULL);

      if (pem != NULL)
        self->n_public += add_pem_to_store_shared (self, self->public_store, pem, len);
    }

  return TRUE;
}

static gboolean
load_public_roots (PpTrust     *self,
                   const char  *path,
                   gboolean     required,
                   GError     **error)
{
  g_autofree char *pem = NULL;
  gsize len;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return load_public_dir (self, path, error);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !required)
    return TRUE;
  if (!read_pem_file (path, &pem, &len, error))
    return FALSE;

  self->n_public += add_pem_to_store_shared (self, self->public_store, pem, len);
  return TRUE;
}

static GBytes *
lookup_cert_resource (const char *file)
{
  g_autofree char *path = g_strconcat (RESOURCE_CERTS, file, NULL);

  return g_resources_lookup_data (path, 0, NULL);
}

/* The pinned roots are among the anchors probes verify against. */
static void
append_bundled_pins (GString *bundle)
{
  for (guint i = 0; i < G_N_ELEMENTS (bundled_pin_sets); i++)
    for (guint f = 0; bundled_pin_sets[i].files[f]; f++)
      {
        g_autoptr(GBytes) bytes = lookup_cert_resource (bundled_pin_sets[i].files[f]);
        gsize len;
        const char *pem = g_bytes_get_data (bytes, &len);

        g_assert (bytes != NULL);
        g_string_append_len (bundle, pem, len);
        g_string_append_c (bundle, '\n');
      }
}

static void
load_bundled_pin_sets (PpTrust *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (bundled_pin_sets); i++)
    {
      X509_STORE *store = X509_STORE_new ();

      for (guint f = 0; bundled_pin_sets[i].files[f]; f++)
        {
          g_autoptr(GBytes) bytes = lookup_cert_resource (bundled_pin_sets[i].files[f]);
          gsize len;
          const char *pem = g_bytes_get_data (bytes, &len);

          add_pem_to_store_shared (self, store, pem, len);
          /* Pinned roots are Microsoft's public roots, even where Mozilla's
           * set lacks them: a chain ending there is not inspection. */
          add_pem_to_store_shared (self, self->public_store, pem, len);
        }
      g_hash_table_insert (self->pin_sets, g_strdup (bundled_pin_sets[i].name), store);
    }
}

/* A missing system bundle is no error: then only the anchors are trusted. */
static char *
read_system_bundle (PpTrust *self,
                    gsize   *len)
{
  char *pem = pp_file_read_bounded (self->system_bundle, MAX_PEM_SIZE, len, NULL);

  if (pem == NULL)
    *len = 0;

  return pem;
}

static gboolean
append_anchors (const PpTrustOptions  *options,
                GString               *bundle,
                GError               **error)
{
  gsize len;

  for (guint i = 0; options->extra_anchors && options->extra_anchors[i]; i++)
    {
      g_autofree char *pem = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!read_pem_file (options->extra_anchors[i], &pem, &len, &local_error))
        {
          g_set_error (error, PP_TRUST_ERROR, PP_TRUST_ERROR_BAD_FILE,
                       "--trust: %s", local_error->message);
          return FALSE;
        }
      g_string_append_c (bundle, '\n');
      g_string_append_len (bundle, pem, len);
    }

  return TRUE;
}

/* Reads and checks the anchors (and a --public-roots set). The set probes
 * verify against and the stores chains are judged against are built on
 * first use: see pp_trust_get_verify_store() and ensure_judging_stores(). */
PpTrust *
pp_trust_new (const PpTrustOptions  *options,
              GError               **error)
{
  static const PpTrustOptions defaults = { NULL };
  g_autoptr(PpTrust) self = g_object_new (PP_TYPE_TRUST, NULL);
  g_autoptr(GError) local_error = NULL;

  if (options == NULL)
    options = &defaults;

  self->system_bundle = g_strdup (options->system_bundle ? options->system_bundle
                                                         : PP_DEFAULT_SYSTEM_BUNDLE);
  if (!append_anchors (options, self->anchors_pem, error))
    return NULL;
  append_bundled_pins (self->anchors_pem);

  /* Mozilla's ~150 files take ~75 ms to parse: read them only when a
   * chain is first judged. A set the user named is checked at once. */
  if (options->public_roots == NULL)
    self->lazy_public_dir = g_strdup (PP_DEFAULT_PUBLIC_ROOTS);
  else if (!load_public_roots (self, options->public_roots, TRUE, &local_error))
    {
      g_set_error (error, PP_TRUST_ERROR, PP_TRUST_ERROR_BAD_FILE,
                   "--public-roots: %s", local_error->message);
      return NULL;
    }
  pp_debug ("trust: the system bundle %s, %u extra anchors, public roots %s",
            self->system_bundle,
            options->extra_anchors ? g_strv_length ((char **) options->extra_anchors) : 0,
            options->public_roots ? options->public_roots : "read on first use");

  return g_steal_pointer (&self);
}

/* libcurl 7.88 with OpenSSL would parse a CA file into a new X509_STORE for
 * every connection: its per-multi-handle cache (CURLOPT_CA_CACHE_TIMEOUT)
 * is off whenever a CApath is set, and Debian builds libcurl with
 * /etc/ssl/certs as the default one; it never applies to the non-verifying
 * TLS peek either. At ~0.5 MiB and several ms of CPU per handshake that was
 * 88-105 MiB and 10-18 s for 500 https probes. One store instead, built
 * once and shared by every connection of every worker thread: OpenSSL
 * reference-counts it and locks its lookups, and nothing changes it after
 * it is built. Thread-safe. */
X509_STORE *
pp_trust_get_verify_store (PpTrust *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *system_pem = NULL;
  gsize len;

  g_return_val_if_fail (PP_IS_TRUST (self), NULL);

  locker = g_mutex_locker_new (&self->verify_lock);
  if (self->verify_store != NULL)
    return self->verify_store;

  self->verify_store = X509_STORE_new ();
  /* As libcurl sets on its own stores (no CURLSSLOPT_NO_PARTIALCHAIN):
   * an intermediate CA among the anchors is enough. */
  X509_STORE_set_flags (self->verify_store, X509_V_FLAG_PARTIAL_CHAIN);
  system_pem = read_system_bundle (self, &len);
  if (system_pem != NULL)
    add_pem_to_store_shared (self, self->verify_store, system_pem, len);
  add_pem_to_store_shared (self, self->verify_store, self->anchors_pem->str, self->anchors_pem->len);
  self->n_verify_builds++;

  return self->verify_store;
}

/* For tests: the set above is built once, however many handshakes. */
guint
pp_trust_get_n_verify_builds (PpTrust *self)
{
  g_return_val_if_fail (PP_IS_TRUST (self), 0);

  return self->n_verify_builds;
}

/* The same set as a file, for libcurl's CURLOPT_PROXY_CAINFO (an HTTPS
 * proxy), written on first use. NULL (and a warning) when it cannot be
 * written. Thread-safe. */
const char *
pp_trust_get_ca_file (PpTrust *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bundle = g_string_new (NULL);
  g_autofree char *system_pem = NULL;
  g_autofree char *path = NULL;
  gsize len;
  int fd;

  g_return_val_if_fail (PP_IS_TRUST (self), NULL);

  locker = g_mutex_locker_new (&self->verify_lock);
  if (self->ca_file != NULL)
    return self->ca_file;

  system_pem = read_system_bundle (self, &len);
  if (system_pem != NULL)
    g_string_append_len (bundle, system_pem, len);
  g_string_append_c (bundle, '\n');
  g_string_append_len (bundle, self->anchors_pem->str, self->anchors_pem->len);

  fd = g_file_open_tmp ("proxyprobe-ca-XXXXXX.pem", &path, &error);
  if (fd >= 0)
    close (fd);
  if (fd < 0 || !g_file_set_contents (path, bundle->str, bundle->len, &error))
    {
      if (path != NULL)
        g_unlink (path);
      g_warning ("The CA file for HTTPS proxies cannot be written: %s", error->message);
      return NULL;
    }
  self->ca_file = g_steal_pointer (&path);

  return self->ca_file;
}

/* Builds, once, the stores chains are judged against: the bundled pin
 * sets, and Mozilla's public set when @with_public (~75 ms to parse).
 * Every reader calls it first, which also orders its reads after the
 * stores were built. Without a public set (no ca-certificates installed)
 * no chain can be called inspected by the system-trust rule: say nothing
 * rather than guess. */
static void
ensure_judging_stores (PpTrust  *self,
                       gboolean  with_public)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->judge_lock);
  g_autofree char *path = NULL;

  if (!self->bundled_pins_loaded)
    load_bundled_pin_sets (self);
  self->bundled_pins_loaded = TRUE;
  if (with_public)
    path = g_steal_pointer (&self->lazy_public_dir);
  if (path != NULL)
    {
      load_public_roots (self, path, FALSE, NULL);
      pp_debug ("public roots for judging chains: %u from %s", self->n_public, path);
    }
}

gboolean
pp_trust_has_public_roots (PpTrust *self)
{
  g_return_val_if_fail (PP_IS_TRUST (self), FALSE);

  ensure_judging_stores (self, TRUE);

  return self->n_public > 0;
}

gboolean
pp_trust_has_pin_set (PpTrust    *self,
                      const char *name)
{
  g_return_val_if_fail (PP_IS_TRUST (self), FALSE);

  ensure_judging_stores (self, FALSE);

  return g_hash_table_contains (self->pin_sets, name);
}

/* For companies with their own pins, and for tests that pin a test CA.
 * Not thread-safe: add pin sets before a runner uses @self. */
gboolean
pp_trust_add_pin_set (PpTrust     *self,
                      const char  *name,
                      const char  *pem_file,
                      GError     **error)
{
  g_autofree char *pem = NULL;
  X509_STORE *store;
  gsize len;

  g_return_val_if_fail (PP_IS_TRUST (self), FALSE);

  if (!read_pem_file (pem_file, &pem, &len, error))
    return FALSE;

  /* Loaded first, so that a set of the same name replaces the bundled one. */
  ensure_judging_stores (self, FALSE);
  store = X509_STORE_new ();
  add_pem_to_store_shared (self, store, pem, len);
  g_hash_table_replace (self->pin_sets, g_strdup (name), store);

  return TRUE;
}

static gboolean
chain_verifies (X509_STORE     *store,
                STACK_OF(X509) *chain)
{
  X509_STORE_CTX *ctx;
  gboolean ok;

  if (chain == NULL || sk_X509_num (chain) == 0)
    return FALSE;

  ctx = X509_STORE_CTX_new ();
  ok = X509_STORE_CTX_init (ctx, store, sk_X509_value (chain, 0), chain) == 1 &&
       X509_verify_cert (ctx) == 1;
  X509_STORE_CTX_free (ctx);

  return ok;
}

gboolean
pp_trust_chain_is_public (PpTrust        *self,
                          STACK_OF(X509) *chain)
{
  g_return_val_if_fail (PP_IS_TRUST (self), FALSE);

  gboolean public;

  ensure_judging_stores (self, TRUE);
  public = chain_verifies (self->public_store, chain);
  pp_debug ("the chain %s to one of the %u public roots", public ? "leads" : "does not lead",
            self->n_public);

  return public;
}

gboolean
pp_trust_chain_is_pinned (PpTrust        *self,
                          const char     *pin_set,
                          STACK_OF(X509) *chain)
{
  X509_STORE *store;
  gboolean pinned;

  g_return_val_if_fail (PP_IS_TRUST (self), FALSE);

  ensure_judging_stores (self, FALSE);
  store = g_hash_table_lookup (self->pin_sets, pin_set);
  pinned = store != NULL && chain_verifies (store, chain);
  pp_debug ("the chain %s to a root of the pin set %s%s", pinned ? "leads" : "does not lead",
            pin_set, store == NULL ? " (no such pin set)" : "");

  return pinned;
}
