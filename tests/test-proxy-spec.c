/* test-proxy-spec.c: pp-proxy-spec, proxy forms parsed, bad ones refused with a reason
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-proxy-spec.h"

static void
test_proxy_spec_forms (void)
{
  static const struct {
    const char *text;
    const char *url;
    const char *display;
  } cases[] = {
    { "proxy.corp:8080", "http://proxy.corp:8080", "http://proxy.corp:8080" },
    { "http://proxy.corp:3128", "http://proxy.corp:3128", "http://proxy.corp:3128" },
    { "socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080" },
    { "[::1]:3128", "http://[::1]:3128", "http://[::1]:3128" },
    { "http://bob:s3cret@proxy.corp:3128", "http://bob:s3cret@proxy.corp:3128",
      "http://bob:***@proxy.corp:3128" },
    { "https://proxy.corp", "https://proxy.corp:443", "https://proxy.corp:443" },
    /* A '%' of the password is decoded once, as GUri does (fuzz-proxy-spec). */
    { "http://bob:p%2541ss@proxy.corp:3128", "http://bob:p%2541ss@proxy.corp:3128",
      "http://bob:***@proxy.corp:3128" },
    /* The zone of a link-local address stays encoded (fuzz-proxy-spec). */
    { "http://[fe80::1%25eth0]:3128", "http://[fe80::1%25eth0]:3128", "http://[fe80::1%25eth0]:3128" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (cases[i].text, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (spec->url, ==, cases[i].url);
      g_assert_cmpstr (spec->display, ==, cases[i].display);
    }
}

static void
test_proxy_spec_rejects (void)
{
  static const struct {
    const char *text;
    gboolean require_port;
    int code;
    const char *mentions;
  } cases[] = {
    { "", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "empty" },
    { "ftp://proxy.corp:21", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "ftp" },
    { "http://proxy.corp", TRUE, PP_PROXY_SPEC_ERROR_NO_PORT, "no port" },
    { "proxy.corp", FALSE, PP_PROXY_SPEC_ERROR_NO_PORT, "no port" },
    { "http://<proxy>:<port>", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "host:port", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "http://proxy.example.com:8080", TRUE, PP_PROXY_SPEC_ERROR_PLACEHOLDER, "placeholder" },
    { "http://u:topsecret@:8080", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "u:***@" },
    /* A decoded '@' or '/' would move the host (fuzz-proxy-spec). */
    { "http://PRO.Y%40RP:9821", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "host name" },
    { "http://pr%2Foxy:3128", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "host name" },
    { "http://[fe80::1%25%400]:3128", TRUE, PP_PROXY_SPEC_ERROR_INVALID, "host name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (cases[i].text, cases[i].require_port, &error);

      g_assert_null (spec);
      g_assert_error (error, PP_PROXY_SPEC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_assert_null (strstr (error->message, "topsecret"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proxy-spec/forms", test_proxy_spec_forms);
  g_test_add_func ("/proxy-spec/rejects", test_proxy_spec_rejects);

  return g_test_run ();
}
