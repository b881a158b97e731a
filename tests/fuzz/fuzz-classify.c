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
 * Input: 12 bytes of numbers (byte 10 picks the socket errno, byte 11 the
 * kind of proxy and tunnel), then lines: X-Squid-Error, Proxy-Status, the
 * proxy's name, libcurl's message, Via, Server, Proxy-Agent, Location, the
 * body's start, the Proxy-Authenticate schemes, the server's name, and the
 * tunnel check's "CONNECT-STATUS SERVER-STATUS". A line "-" stands for none.
 */
#include "pp-fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pp-classify.h"

#define N_NUMBERS 12
#define N_LINES   12

/* The errnos a socket call reports that the classification tells apart. */
static const int socket_errnos[] = { 0, EMFILE, ENFILE, ENOBUFS, ENOMEM, ECONNREFUSED, EACCES };

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

  lines = pp_fuzz_split (data + N_NUMBERS, size - N_NUMBERS, N_LINES);
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
  facts.os_errno = socket_errnos[data[10] % G_N_ELEMENTS (socket_errnos)];
  facts.http_proxy = facts.via_proxy && !(data[11] & 1);
  facts.tunnel = facts.http_proxy && (data[11] & 2);
  facts.via = line_or_null (lines, 4);
  facts.server = line_or_null (lines, 5);
  facts.proxy_agent = line_or_null (lines, 6);
  facts.location = line_or_null (lines, 7);
  facts.body_start = line_or_null (lines, 8);
  facts.proxy_auth = line_or_null (lines, 9);
  facts.server_name = line_or_null (lines, 10) ? lines[10] : "example.com:443";
  if (line_or_null (lines, 11) &&
      sscanf (lines[11], "%u %u", &facts.tunnel_connect_code, &facts.tunnel_status) >= 1)
    facts.tunnel_checked = TRUE;

  pp_classify (&facts, endpoint, &out);
  (void) pp_classify_needs_tunnel_check (&facts, &out);
  g_assert (out.detail != NULL);
  g_assert (out.outcome < PP_N_OUTCOMES);
  g_free (out.detail);

  return 0;
}
