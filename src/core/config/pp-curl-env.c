/* pp-curl-env.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-curl-env.h"
#include "pp-proxy-spec.h"
#include "pp-redact.h"

#include <gio/gio.h>
#include <string.h>

static const char *
nonempty_env (const char * const *envp,
              const char         *name)
{
  const char *value = g_environ_getenv ((char **) envp, name);

  return value && *value ? value : NULL;
}

/* The variables libcurl reads as a proxy for some URL. Upper-case
 * HTTP_PROXY is absent on purpose: libcurl ignores it (httpoxy). */
gboolean
pp_curl_env_is_configured (const char * const *envp)
{
  static const char * const names[] = {
    "http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", NULL
  };

  for (guint i = 0; names[i]; i++)
    if (nonempty_env (envp, names[i]))
      return TRUE;

  return FALSE;
}

/* GInetAddressMask warns (a critical in a test, an abort under the
 * fuzzers) for a length past its property's range of 0-128 instead of
 * failing: such an entry is refused here, as a wrong address is there. */
static gboolean
prefix_length_in_range (const char *entry)
{
  const char *slash = strchr (entry, '/');
  guint64 length;

  if (slash == NULL)
    return TRUE;

  return g_ascii_string_to_unsigned (slash + 1, 10, 0, 128, &length, NULL);
}

static gboolean
cidr_matches (const char *entry,
              GInetAddress *host_address)
{
  g_autoptr(GInetAddressMask) mask = NULL;

  if (!prefix_length_in_range (entry))
    return FALSE;
  mask = g_inet_address_mask_new_from_string (entry, NULL);

  return mask != NULL && g_inet_address_mask_matches (mask, host_address);
}

static gboolean
entry_matches (const char *entry,
               const char *host)
{
  g_autoptr(GInetAddress) host_address = g_inet_address_new_from_string (host);
  gsize entry_len, host_len;

  if (g_str_equal (entry, "*"))
    return TRUE;
  if (host_address)
    return cidr_matches (entry, host_address);

  /* libcurl strips one leading dot, then matches the name itself and
   * every subdomain of it: ".y.com" and "y.com" both match "y.com". */
  if (*entry == '.')
    entry++;
  entry_len = strlen (entry);
  host_len = strlen (host);
  if (entry_len == 0 || entry_len > host_len)
    return FALSE;
  if (g_ascii_strcasecmp (host + host_len - entry_len, entry) != 0)
    return FALSE;

  return entry_len == host_len || host[host_len - entry_len - 1] == '.';
}

gboolean
pp_curl_env_no_proxy_matches (const char  *no_proxy,
                              const char  *host,
                              char       **matched)
{
  g_auto(GStrv) entries = NULL;

  if (no_proxy == NULL || host == NULL)
    return FALSE;

  entries = g_strsplit_set (no_proxy, ", ", -1);
  for (guint i = 0; entries[i]; i++)
    {
      if (*entries[i] == '\0' || !entry_matches (entries[i], host))
        continue;
      if (matched)
        *matched = g_strdup (entries[i]);
      return TRUE;
    }

  return FALSE;
}

static const char *
proxy_variable_for_scheme (const char * const *envp,
                           const char         *scheme)
{
  g_autofree char *lower = g_strdup_printf ("%s_proxy", scheme);
  g_autofree char *upper = g_ascii_strup (lower, -1);
  static const char * const fallbacks[] = { "all_proxy", "ALL_PROXY", NULL };

  if (nonempty_env (envp, lower))
    return g_intern_string (lower);
  if (!g_str_equal (scheme, "http") && nonempty_env (envp, upper))
    return g_intern_string (upper);
  for (guint i = 0; fallbacks[i]; i++)
    if (nonempty_env (envp, fallbacks[i]))
      return fallbacks[i];

  return NULL;
}

void
pp_curl_env_read (const char * const *envp,
                  const char         *url,
                  PpCurlEnvReading   *reading)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *no_proxy;
  const char *variable;

  memset (reading, 0, sizeof *reading);
  if (uri == NULL)
    return;

  no_proxy = nonempty_env (envp, "no_proxy");
  if (no_proxy == NULL)
    no_proxy = nonempty_env (envp, "NO_PROXY");
  if (pp_curl_env_no_proxy_matches (no_proxy, g_uri_get_host (uri), &reading->no_proxy_match))
    return;

  variable = proxy_variable_for_scheme (envp, g_uri_get_scheme (uri));
  if (variable == NULL)
    return;

  reading->variable = g_strdup (variable);
  /* libcurl reads the value itself: its password is learnt here. */
  pp_redact_learn (nonempty_env (envp, variable));
  reading->value = pp_redact (nonempty_env (envp, variable));
}

void
pp_curl_env_reading_clear (PpCurlEnvReading *reading)
{
  g_clear_pointer (&reading->variable, g_free);
  g_clear_pointer (&reading->value, g_free);
  g_clear_pointer (&reading->no_proxy_match, g_free);
}

char *
pp_curl_env_describe (const PpCurlEnvReading *reading)
{
  if (reading->no_proxy_match)
    return g_strdup_printf ("DIRECT (no_proxy entry '%s')", reading->no_proxy_match);
  if (reading->variable)
    return g_strdup_printf ("%s (from %s)", reading->value, reading->variable);

  return g_strdup ("DIRECT (no variable applies to this URL)");
}

/* Differences between what people expect and what libcurl does. */
GPtrArray *
pp_curl_env_warnings (const char * const *envp)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  if (nonempty_env (envp, "HTTP_PROXY") && !nonempty_env (envp, "http_proxy"))
    g_ptr_array_add (warnings, g_strdup (
      "HTTP_PROXY is set but libcurl ignores the upper-case name: "
      "set http_proxy as well"));
  if (nonempty_env (envp, "http_proxy") && !nonempty_env (envp, "https_proxy") &&
      !nonempty_env (envp, "HTTPS_PROXY") && !nonempty_env (envp, "all_proxy") &&
      !nonempty_env (envp, "ALL_PROXY"))
    g_ptr_array_add (warnings, g_strdup (
      "http_proxy is set but https_proxy is not: libcurl connects directly to "
      "https URLs (every Defender for Endpoint URL is https)"));

  return warnings;
}
