/* test-curl-env.c: pp-curl-env, the proxy variables as libcurl reads them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-curl-env.h"

static void
test_curl_env_choice (void)
{
  static const struct {
    const char *env[4];
    const char *url;
    const char *variable;
    const char *no_proxy_match;
  } cases[] = {
    /* libcurl never reads upper-case HTTP_PROXY. */
    { { "HTTP_PROXY=http://a:1", NULL }, "http://x.test/", NULL, NULL },
    { { "http_proxy=http://a:1", NULL }, "http://x.test/", "http_proxy", NULL },
    /* ...and never uses http_proxy for https URLs. */
    { { "http_proxy=http://a:1", NULL }, "https://x.test/", NULL, NULL },
    { { "HTTPS_PROXY=http://a:1", NULL }, "https://x.test/", "HTTPS_PROXY", NULL },
    { { "https_proxy=http://a:1", "HTTPS_PROXY=http://b:2", NULL }, "https://x.test/", "https_proxy", NULL },
    { { "all_proxy=http://a:1", NULL }, "https://x.test/", "all_proxy", NULL },
    { { "https_proxy=http://a:1", "no_proxy=.x.test", NULL }, "https://x.test/", NULL, ".x.test" },
    { { "https_proxy=http://a:1", "no_proxy=x.test", NULL }, "https://a.x.test/", NULL, "x.test" },
    { { "https_proxy=http://a:1", "no_proxy=ax.test", NULL }, "https://x.test/", "https_proxy", NULL },
    { { "https_proxy=http://a:1", "NO_PROXY=10.0.0.0/8", NULL }, "https://10.1.2.3/", NULL, "10.0.0.0/8" },
    { { "https_proxy=http://a:1", "no_proxy=*", NULL }, "https://x.test/", NULL, "*" },
    /* A length past 128 is no mask (GLib would warn, not fail: the CI's fuzzer found it). */
    { { "https_proxy=http://a:1", "NO_PROXY=10.0.0.0/1080", NULL }, "https://10.1.2.3/", "https_proxy", NULL },
    { { "https_proxy=http://a:1", "NO_PROXY=10.0.0.0/", NULL }, "https://10.1.2.3/", "https_proxy", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PpCurlEnvReading reading;

      pp_curl_env_read (cases[i].env, cases[i].url, &reading);
      g_assert_cmpstr (reading.variable, ==, cases[i].variable);
      g_assert_cmpstr (reading.no_proxy_match, ==, cases[i].no_proxy_match);
      pp_curl_env_reading_clear (&reading);
    }
}

static void
test_curl_env_warnings (void)
{
  const char *upper_only[] = { "HTTP_PROXY=http://a:1", NULL };
  const char *http_only[] = { "http_proxy=http://a:1", NULL };
  const char *fine[] = { "https_proxy=http://a:1", NULL };
  g_autoptr(GPtrArray) w1 = pp_curl_env_warnings (upper_only);
  g_autoptr(GPtrArray) w2 = pp_curl_env_warnings (http_only);
  g_autoptr(GPtrArray) w3 = pp_curl_env_warnings (fine);

  g_assert_cmpuint (w1->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w1, 0), "upper-case"));
  g_assert_cmpuint (w2->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w2, 0), "https_proxy"));
  g_assert_cmpuint (w3->len, ==, 0);
  g_assert_false (pp_curl_env_is_configured (upper_only));
  g_assert_true (pp_curl_env_is_configured (fine));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/curl-env/choice", test_curl_env_choice);
  g_test_add_func ("/curl-env/warnings", test_curl_env_warnings);

  return g_test_run ();
}
