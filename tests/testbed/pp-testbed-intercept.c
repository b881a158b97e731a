/* pp-testbed-intercept.c: a transparent squid in the test's own network
 * namespace
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request made without any proxy to 127.0.0.2 is redirected by nftables
 * to squid's intercept ports (http, and https with ssl-bump), unless squid
 * itself sent it (it runs as "proxy"); squid's own connections to
 * 127.0.0.2 are sent on to the origin servers on 127.0.0.1. So a "direct"
 * request comes back through squid, with its Via and X-Cache, as behind a
 * transparent proxy on a real network.
 *
 * nftables rules are only ever added inside the namespace that
 * tests/run-isolated made (PP_TEST_ISOLATED), never to the machine's.
 */
#include "pp-testbed-private.h"

#include <glib/gstdio.h>
#include <string.h>

#define NFT_TABLE "pp_testbed"
#define INTERCEPTED_ADDRESS "127.0.0.2"

static char *
nft_ruleset (PpTestbed *self)
{
  guint16 http = pp_testbed_get_http_port (self);
  guint16 https = pp_testbed_get_https_port (self);

  return g_strdup_printf (
    "table ip " NFT_TABLE " {\n"
    "  chain output {\n"
    "    type nat hook output priority -100;\n"
    "    ip daddr " INTERCEPTED_ADDRESS " tcp dport %u meta skuid != proxy redirect to :%u\n"
    "    ip daddr " INTERCEPTED_ADDRESS " tcp dport %u meta skuid != proxy redirect to :%u\n"
    "    ip daddr " INTERCEPTED_ADDRESS " meta skuid proxy dnat to 127.0.0.1\n"
    "  }\n"
    "}\n",
    http, pp_testbed_squid_get_intercept_port (self->intercept, FALSE),
    https, pp_testbed_squid_get_intercept_port (self->intercept, TRUE));
}

static gboolean
run_nft (PpTestbed   *self,
         const char  *file,
         GError     **error)
{
  g_autofree char *nft = g_find_program_in_path ("nft");
  const char *argv[] = { nft ? nft : "/usr/sbin/nft", "-f", file, NULL };

  return pp_testbed_run (argv, NULL, error);
}

static gboolean
add_redirect (PpTestbed  *self,
              GError    **error)
{
  g_autofree char *rules = nft_ruleset (self);
  g_autofree char *path = g_build_filename (self->dir, "intercept.nft", NULL);

  if (!g_file_set_contents (path, rules, -1, error) || !run_nft (self, path, error))
    return FALSE;
  self->nft_table = TRUE;

  return TRUE;
}

static gboolean
check_can_intercept (GError **error)
{
  g_autofree char *nft = g_find_program_in_path ("nft");

  if (g_getenv ("PP_TEST_ISOLATED") == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "an intercepting proxy needs the test's own network namespace "
                 "(tests/run-isolated as root): nftables rules are never added to "
                 "this machine's own");
  else if (!pp_testbed_is_real_root ())
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "an intercepting proxy needs real root: squid must run as the "
                 "user \"proxy\" for the redirect to spare its own connections");
  else if (nft == NULL && !g_file_test ("/usr/sbin/nft", G_FILE_TEST_IS_EXECUTABLE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "an intercepting proxy needs nft: install the package nftables");
  else
    return TRUE;

  return FALSE;
}

/**
 * pp_testbed_start_intercept:
 *
 * Starts the intercepting squid and the nftables redirect to it, unless
 * they run already. FALSE, with a reason to skip on, outside the test's
 * own network namespace, without real root, or without nft.
 */
gboolean
pp_testbed_start_intercept (PpTestbed  *self,
                            GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->intercept != NULL)
    return TRUE;
  if (!check_can_intercept (error))
    return FALSE;

  self->intercept = pp_testbed_squid_start (self, PP_SQUID_INTERCEPT, error);
  if (self->intercept == NULL)
    return FALSE;
  pp_testbed_update_watchdog (self);
  if (!add_redirect (self, error))
    return FALSE;
  g_debug ("testbed: requests to " INTERCEPTED_ADDRESS " pass squid's intercept ports %u "
           "and %u", pp_testbed_squid_get_intercept_port (self->intercept, FALSE),
           pp_testbed_squid_get_intercept_port (self->intercept, TRUE));

  return TRUE;
}

/* "http://127.0.0.2:PORT/path" or "https://…": an origin server's URL
 * whose requests the intercepting squid takes. */
char *
pp_testbed_intercepted_url (PpTestbed  *self,
                            const char *scheme,
                            const char *path)
{
  gboolean tls = g_str_equal (scheme, "https");

  g_return_val_if_fail (self != NULL && self->intercept != NULL, NULL);

  return g_strdup_printf ("%s://" INTERCEPTED_ADDRESS ":%u%s%s", scheme,
                          tls ? pp_testbed_get_https_port (self) : pp_testbed_get_http_port (self),
                          path && *path != '/' ? "/" : "", path ? path : "/");
}

void
pp_testbed_intercept_stop (PpTestbed *self)
{
  g_autoptr(GError) error = NULL;

  if (self->nft_table)
    {
      g_autofree char *nft = g_find_program_in_path ("nft");
      const char *argv[] = { nft ? nft : "/usr/sbin/nft", "delete", "table", "ip", NFT_TABLE, NULL };

      if (!pp_testbed_run (argv, NULL, &error))
        g_debug ("testbed: %s", error->message);
      self->nft_table = FALSE;
    }
  pp_testbed_squids_stop (&self->intercept, 1);
}
