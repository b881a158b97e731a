/* pp-url.c: the rule every probed URL follows
 *
 * Whether it comes from a profile, a URL list, the command line or a
 * --pac-url: an http or https URL with a plausible host, and nothing a
 * copy-and-paste accident leaves behind.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-url.h"
#include "pp-redact.h"

static gboolean
host_is_plausible (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  /* GUri accepts almost anything between "//" and "/"; curl would then
   * fail with a resolver error that hides the typo. Bytes above 0x7f are
   * allowed for internationalized names. */
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' &&
        (guchar) *p < 0x80)
      return FALSE;

  return TRUE;
}

static gboolean
check_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  /* A space or control character is always a copy-and-paste accident. */
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return host_is_plausible (g_uri_get_host (uri));
}

gboolean
pp_url_is_valid (const char *url)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  if (check_url (url))
    return TRUE;

  shown = pp_redact_quote (url);
  g_debug ("'%s' is not an http or https URL with a plausible host", shown);
  return FALSE;
}
