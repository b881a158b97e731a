/* pp-probe-capture.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-probe-capture.h"
#include "pp-redact.h"

#include <string.h>

/* Bounds on what a server can make us keep. */
#define MAX_TRACE_BYTES  (32 * 1024)
#define MAX_HEADER_VALUE 512

void
pp_probe_markers_clear (PpProbeMarkers *markers)
{
  g_clear_pointer (&markers->squid_error, g_free);
  g_clear_pointer (&markers->proxy_status, g_free);
  g_clear_pointer (&markers->via, g_free);
  g_clear_pointer (&markers->server, g_free);
  g_clear_pointer (&markers->proxy_agent, g_free);
  g_clear_pointer (&markers->location, g_free);
  g_clear_pointer (&markers->proxy_auth, g_free);
  g_clear_pointer (&markers->x_cache, g_free);
}

void
pp_probe_capture_init (PpProbeCapture *capture,
                       gboolean        keep_trace)
{
  memset (capture, 0, sizeof *capture);
  if (keep_trace)
    capture->trace = g_string_new (NULL);
}

void
pp_probe_capture_clear (PpProbeCapture *capture)
{
  pp_probe_markers_clear (&capture->markers);
  if (capture->trace)
    g_string_free (capture->trace, TRUE);
  capture->trace = NULL;
}

static char *
header_value (const char *line,
              gsize       len,
              const char *name)
{
  gsize name_len = strlen (name);

  if (len <= name_len || g_ascii_strncasecmp (line, name, name_len) != 0)
    return NULL;

  return g_strstrip (g_strndup (line + name_len, MIN (len - name_len, MAX_HEADER_VALUE)));
}

static void
replace_string (char **slot,
                char  *value)
{
  g_free (*slot);
  *slot = value;
}

/* "NTLM", then "NTLM, Negotiate": the scheme only, never a token. */
static void
add_auth_scheme (char       **schemes,
                 const char  *value)
{
  g_autofree char *scheme = g_strndup (value, strcspn (value, " ,"));
  char *joined;

  if (*scheme == '\0' || (*schemes && strlen (*schemes) > MAX_HEADER_VALUE))
    return;
  joined = *schemes ? g_strconcat (*schemes, ", ", scheme, NULL) : g_strdup (scheme);
  replace_string (schemes, joined);
}

/* libcurl callbacks. They run on the worker thread inside
 * curl_multi_perform(); they must be quick and must not block. */

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  static const struct {
    const char *name;
    gsize offset;
  } markers[] = {
    { "X-Squid-Error:", G_STRUCT_OFFSET (PpProbeMarkers, squid_error) },
    { "Proxy-Status:",  G_STRUCT_OFFSET (PpProbeMarkers, proxy_status) },
    { "Via:",           G_STRUCT_OFFSET (PpProbeMarkers, via) },
    { "Server:",        G_STRUCT_OFFSET (PpProbeMarkers, server) },
    { "Proxy-Agent:",   G_STRUCT_OFFSET (PpProbeMarkers, proxy_agent) },
    { "Location:",      G_STRUCT_OFFSET (PpProbeMarkers, location) },
    { "X-Cache:",       G_STRUCT_OFFSET (PpProbeMarkers, x_cache) },
  };
  PpProbeCapture *capture = user_data;
  gsize len = size * nmemb;
  char *value;

  /* A frozen capture (the tunnel check) keeps the markers of the request
   * before it. */
  if (capture->frozen)
    return len;
  /* A name look-up after this line (a redirect's) starts no earlier. */
  capture->last_header_us = g_get_monotonic_time ();

  /* Each response (CONNECT, redirect, final) starts with a status line:
   * only the markers of the latest one describe who answered. */
  if (len > 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      pp_probe_markers_clear (&capture->markers);
      return len;
    }

  /* A proxy may offer several schemes, one header each. */
  if ((value = header_value (data, len, "Proxy-Authenticate:")) != NULL)
    {
      add_auth_scheme (&capture->markers.proxy_auth, value);
      g_free (value);
      return len;
    }

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if ((value = header_value (data, len, markers[i].name)) != NULL)
      {
        replace_string (G_STRUCT_MEMBER_P (&capture->markers, markers[i].offset), value);
        break;
      }

  return len;
}

static void
append_trace_line (GString    *trace,
                   const char *prefix,
                   const char *line,
                   gsize       len)
{
  static const char * const secret_headers[] = { "proxy-authorization:", "authorization:", NULL };
  g_autofree char *text = g_strndup (line, len);
  g_autofree char *redacted = NULL;
  gsize room;

  for (guint i = 0; secret_headers[i]; i++)
    if (g_ascii_strncasecmp (text, secret_headers[i], strlen (secret_headers[i])) == 0)
      {
        g_string_append_printf (trace, "%s%.*s ***\n", prefix,
                                (int) strlen (secret_headers[i]), text);
        return;
      }

  /* Cut after redacting, which a cut could defeat; one libcurl line (a
   * header of 100 KiB) must not take the trace past its bound either. */
  redacted = pp_redact (text);
  room = trace->len < MAX_TRACE_BYTES ? MAX_TRACE_BYTES - trace->len : 0;
  if (strlen (redacted) > room)
    g_string_append_printf (trace, "%s%.*s… (cut)\n", prefix, (int) room, redacted);
  else
    g_string_append_printf (trace, "%s%s\n", prefix, redacted);
}

static int
debug_cb (CURL          *easy,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  PpProbeCapture *capture = user_data;
  const char *prefix = type == CURLINFO_TEXT ? "* "
                     : type == CURLINFO_HEADER_IN ? "< "
                     : type == CURLINFO_HEADER_OUT ? "> " : NULL;
  const char *p = data, *end = data + size;

  if (prefix == NULL || capture->trace->len > MAX_TRACE_BYTES)
    return 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol ? eol : end) - p;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (len > 0)
        append_trace_line (capture->trace, prefix, p, len);
      p = eol ? eol + 1 : end;
    }

  return 0;
}

/* Records the headers of every response of @easy, and its trace when
 * one is kept. */
void
pp_probe_capture_attach (PpProbeCapture *capture,
                         CURL           *easy)
{
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, capture);
  if (capture->trace)
    {
      curl_easy_setopt (easy, CURLOPT_VERBOSE, 1L);
      curl_easy_setopt (easy, CURLOPT_DEBUGFUNCTION, debug_cb);
      curl_easy_setopt (easy, CURLOPT_DEBUGDATA, capture);
    }
}

/* A line of our own in the trace, where a stage of the probe begins. */
void
pp_probe_capture_note (PpProbeCapture *capture,
                       const char     *line)
{
  if (capture->trace)
    g_string_append_printf (capture->trace, "* %s\n", line);
}

/* NULL when no trace is kept. */
char *
pp_probe_capture_dup_trace (PpProbeCapture *capture)
{
  return capture->trace ? g_strdup (capture->trace->str) : NULL;
}
