/* fuzz-classify.c: from what a server or proxy answered to an outcome
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headers a proxy sends (X-Squid-Error, Proxy-Status) and libcurl's
 * message are untrusted text; the status codes are whatever the peer said.
 * The header callback that picks those headers out of a response lives in
 * pp-probe.c, bound to a live transfer (static, not separable), so this
 * target starts one step later, at the pure function pp_classify(), with
 * the facts the callback would have collected.
 *
 * Input: 12 bytes of numbers, then lines: X-Squid-Error, Proxy-Status,
 * the proxy's name, libcurl's message. A line "-" stands for none.
 */
#include "pp-fuzz.h"

#include <string.h>

#include "pp-classify.h"

#define N_NUMBERS 12

static guint
read_u16 (const uint8_t *p)
{
  return (guint) p[0] << 8 | p[1];
}

static const char *
line_or_null (char  **lines,
              guint   i)
{
  return i < g_strv_length (lines) && !g_str_equal (lines[i], "-") ? lines[i] : NULL;
}

/* An endpoint expecting one status, or any (0), from bytes 8..9. */
static PpEndpoint *
endpoint_for (const uint8_t *numbers)
{
  guint expected = read_u16 (numbers + 8) % 1000;

  return pp_endpoint_new ("https://example.com/", "Fuzz", "GET",
                          expected ? &expected : NULL, expected ? 1 : 0, "system", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(PpEndpoint) endpoint = NULL;
  PpTransferFacts facts = { 0 };
  PpClassification out;

  if (size < N_NUMBERS)
    return 0;

  lines = pp_fuzz_split (data + N_NUMBERS, size - N_NUMBERS, 4);
  endpoint = endpoint_for (data);
  facts.curl_code = data[0] % 100;
  facts.response_code = read_u16 (data + 1) % 1000;
  facts.connect_code = read_u16 (data + 3) % 1000;
  facts.proxy_error = data[5] % 40;
  facts.via_proxy = data[6] & 1;
  facts.connected = data[6] & 2;
  facts.squid_error = line_or_null (lines, 0);
  facts.proxy_status = line_or_null (lines, 1);
  /* The probe always names the proxy it went through. */
  facts.proxy_name = line_or_null (lines, 2) ? lines[2] : "http://proxy.example:3128";
  facts.curl_message = line_or_null (lines, 3);

  pp_classify (&facts, endpoint, &out);
  g_assert (out.detail != NULL);
  g_assert (out.outcome < PP_N_OUTCOMES);
  g_free (out.detail);

  return 0;
}
