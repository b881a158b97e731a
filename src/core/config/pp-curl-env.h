/* pp-curl-env.h: our reading of what libcurl does with proxy variables
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* libcurl 7.88 reads the environment itself for the "env" method; this is
 * the same decision spelled out, so that it can be shown beside the result
 * and checked against what libcurl actually did. */
typedef struct
{
  char *variable;        /* the variable libcurl takes the proxy from, or NULL */
  char *value;           /* its value, credentials redacted */
  char *no_proxy_match;  /* the no_proxy entry that sends this URL direct */
} PpCurlEnvReading;

gboolean pp_curl_env_is_configured   (const char * const *envp);
void     pp_curl_env_read            (const char * const *envp,
                                      const char         *url,
                                      PpCurlEnvReading   *reading);
void     pp_curl_env_reading_clear   (PpCurlEnvReading   *reading);
char    *pp_curl_env_describe        (const PpCurlEnvReading *reading);
gboolean pp_curl_env_no_proxy_matches (const char        *no_proxy,
                                       const char        *host,
                                       char             **matched);
GPtrArray *pp_curl_env_warnings      (const char * const *envp);

G_END_DECLS
