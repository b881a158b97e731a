/* fuzz-no-proxy.c: no_proxy and the proxy variables, as libcurl reads them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is lines: a URL (or a host name), then an environment, one
 * NAME=value a line. The no_proxy matcher is driven twice: with the second
 * line as the whole no_proxy value and the first as the host, and through
 * pp_curl_env_read(), which finds no_proxy in the environment itself.
 */
#include "pp-fuzz.h"

#include <string.h>

#include "pp-curl-env.h"

#define MAX_LINES 16

static void
match_host (const char *host,
            const char *no_proxy)
{
  g_autofree char *matched = NULL;

  if (pp_curl_env_no_proxy_matches (no_proxy, host, &matched))
    g_assert (matched != NULL && *matched != '\0' && strstr (no_proxy, matched) != NULL);
  else
    g_assert (matched == NULL);
}

static void
read_environment (const char         *url,
                  const char * const *envp)
{
  PpCurlEnvReading reading;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  pp_curl_env_is_configured (envp);
  pp_curl_env_read (envp, url, &reading);
  description = pp_curl_env_describe (&reading);
  g_assert (description != NULL);
  warnings = pp_curl_env_warnings (envp);
  pp_curl_env_reading_clear (&reading);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) lines = pp_fuzz_split (data, size, MAX_LINES);

  if (lines[0] == NULL)
    return 0;

  match_host (lines[0], lines[1] ? lines[1] : "");
  read_environment (lines[0], (const char * const *) lines + 1);

  return 0;
}
