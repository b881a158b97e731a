/* pp-curl.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-curl.h"

#include <curl/curl.h>

/* curl_global_init() is not thread-safe: every user of libcurl in the
 * library (the runner, the PAC fetch) calls this before its first handle. */
void
pp_curl_ensure_initialized (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialized, 1);
    }
}
