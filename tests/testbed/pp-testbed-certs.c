/* pp-testbed-certs.c: the testbed's certificates, made by the openssl CLI
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-private.h"

/* Our own configuration, so that the distribution's openssl.cnf (whose
 * default extensions differ between releases) does not shape the
 * certificates. EC P-256 keys: generating them takes milliseconds. The
 * server certificate also names 127.0.0.2, the address the intercepting
 * squid takes (pp-testbed-intercept.c). */
static const char openssl_config[] =
  "[ req ]\n"
  "distinguished_name = dn\n"
  "prompt = no\n"
  "[ dn ]\n"
  "CN = unused\n"
  "[ v3_ca ]\n"
  "basicConstraints = critical, CA:TRUE\n"
  "keyUsage = critical, keyCertSign, cRLSign\n"
  "subjectKeyIdentifier = hash\n"
  "[ v3_server ]\n"
  "basicConstraints = critical, CA:FALSE\n"
  "keyUsage = critical, digitalSignature\n"
  "extendedKeyUsage = serverAuth\n"
  "subjectAltName = DNS:localhost, IP:127.0.0.1, IP:127.0.0.2\n"
  "subjectKeyIdentifier = hash\n"
  "authorityKeyIdentifier = keyid\n";

#define VALID_DAYS "2"

static gboolean
make_ca (const char  *config,
         const char  *subject,
         const char  *cert_file,
         const char  *key_file,
         GError     **error)
{
  const char *argv[] = {
    "openssl", "req", "-x509", "-config", config, "-extensions", "v3_ca",
    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc",
    "-keyout", key_file, "-out", cert_file, "-days", VALID_DAYS,
    "-subj", subject, NULL
  };

  return pp_testbed_run (argv, NULL, error);
}

static gboolean
make_server_cert (PpTestbed   *self,
                  const char  *config,
                  GError     **error)
{
  g_autofree char *csr = g_build_filename (self->dir, "server.csr", NULL);
  g_autofree char *serial = g_strdup_printf ("0x%08x%08x", g_random_int (), g_random_int ());
  const char *request[] = {
    "openssl", "req", "-new", "-config", config,
    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc",
    "-keyout", self->server_key_file, "-out", csr, "-subj", "/CN=localhost", NULL
  };
  const char *sign[] = {
    "openssl", "x509", "-req", "-in", csr, "-CA", self->ca_file,
    "-CAkey", self->ca_key_file, "-set_serial", serial, "-days", VALID_DAYS,
    "-extfile", config, "-extensions", "v3_server", "-out", self->server_cert_file, NULL
  };

  return pp_testbed_run (request, NULL, error) && pp_testbed_run (sign, NULL, error);
}

/* Fills in the file names of @self and makes the files: the test root CA,
 * the server certificate it signs, and the TLS inspection CA for squid. */
gboolean
pp_testbed_make_certificates (PpTestbed  *self,
                              GError    **error)
{
  g_autofree char *config = g_build_filename (self->dir, "openssl.cnf", NULL);

  self->ca_file = g_build_filename (self->dir, "test-ca.pem", NULL);
  self->ca_key_file = g_build_filename (self->dir, "test-ca.key", NULL);
  self->server_cert_file = g_build_filename (self->dir, "server.pem", NULL);
  self->server_key_file = g_build_filename (self->dir, "server.key", NULL);
  self->bump_ca_file = g_build_filename (self->dir, "bump-ca.pem", NULL);
  self->bump_key_file = g_build_filename (self->dir, "bump-ca.key", NULL);

  return g_file_set_contents (config, openssl_config, -1, error) &&
         make_ca (config, "/O=Proxy Probe/CN=Proxy Probe Test Root CA",
                  self->ca_file, self->ca_key_file, error) &&
         make_server_cert (self, config, error) &&
         make_ca (config, "/O=Contoso/CN=Contoso TLS Inspection CA",
                  self->bump_ca_file, self->bump_key_file, error);
}
