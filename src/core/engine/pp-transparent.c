/* pp-transparent.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A direct request has no proxy to mark its answer; headers only proxies
 * and caches add, or a proxy's own error, show that one intercepted it.
 * Only evidence counts: each finding names the header it came from.
 */
#include "pp-transparent.h"
#include "pp-log.h"

#include <string.h>

/* Content delivery networks and reverse caches that front the origin and
 * mark its answers with Via themselves: the origin's own, not a proxy on
 * this machine's path. */
static const char * const origin_fronts[] = {
  "cloudfront", "akamai", "fastly", "varnish", "vegur", "google", "azurefd", "cdn",
};

static gboolean
names_origin_front (const char *value)
{
  g_autofree char *lowered = g_ascii_strdown (value, -1);

  for (guint i = 0; i < G_N_ELEMENTS (origin_fronts); i++)
    if (strstr (lowered, origin_fronts[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* "1.1 proxy.corp (squid/5.7)": the product in the comment, else the
 * name the proxy gave itself; the first entry that is not a CDN's. */
static char *
name_from_via (const char *via)
{
  g_auto(GStrv) entries = g_strsplit (via, ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      const char *open = strchr (entry, '(');
      const char *close = open ? strchr (open, ')') : NULL;
      g_auto(GStrv) words = NULL;

      if (*entry == '\0' || names_origin_front (entry))
        continue;
      if (open != NULL && close != NULL && close > open + 1)
        return g_strstrip (g_strndup (open + 1, close - open - 1));
      words = g_strsplit_set (entry, " \t", 3);
      return g_strdup (words[1] && *words[1] ? words[1] : words[0]);
    }

  return NULL;
}

/* "MISS from proxy.corp" (squid and caches like it): the cache's name.
 * A bare "TCP_MISS" or "HIT, MISS" is what the origin's own front (Azure
 * Front Door, Fastly) says, naming no one on this machine's path. */
static char *
name_from_x_cache (const char *x_cache)
{
  const char *from = strstr (x_cache, " from ");

  if (from == NULL || names_origin_front (x_cache))
    return NULL;

  return g_strstrip (g_strdup (from + strlen (" from ")));
}

/* "squid; error=..." (RFC 9209): the proxy's name comes first. */
static char *
name_from_proxy_status (const char *proxy_status)
{
  return g_strstrip (g_strndup (proxy_status, strcspn (proxy_status, ";,")));
}

static char *
found (char       *name,
       const char *evidence)
{
  char *text;

  if (name == NULL)
    return NULL;
  text = g_strdup_printf ("%s (%s)", *name ? name : "unnamed", evidence);
  g_free (name);

  return text;
}

/* The proxy that answered a request made without one, with the header
 * that shows it, or NULL. @facts are those of a transfer without a proxy. */
char *
pp_transparent_from_answer (const PpTransferFacts *facts)
{
  const char *where = NULL;
  const char *product;
  char *text = NULL;

  g_return_val_if_fail (facts != NULL && !facts->via_proxy, NULL);

  if (facts->via && (text = found (name_from_via (facts->via), "Via header")))
    return text;
  if (facts->squid_error)
    return found (g_strdup ("squid"), "X-Squid-Error header");
  if (facts->proxy_status)
    return found (name_from_proxy_status (facts->proxy_status), "Proxy-Status header");
  if (facts->proxy_agent)
    return found (g_strdup (facts->proxy_agent), "Proxy-Agent header");
  if (facts->x_cache && (text = found (name_from_x_cache (facts->x_cache), "X-Cache header")))
    return text;
  /* A Server header or a page naming a proxy product is a proxy's only on
   * an error: origins may run such software as their own front. */
  if (facts->response_code >= 400 &&
      (product = pp_classify_find_proxy_product (facts->server, facts->body_start, &where)))
    return g_strdup_printf ("%s (%s)", product, g_str_equal (where, "Server")
                                                ? "Server header of an error page"
                                                : "its error page");

  return NULL;
}

/* An untrusted or pinned-out chain on a direct connection: something in
 * the way spoke TLS in the server's place. */
char *
pp_transparent_from_tls (const PpTlsSummary *tls)
{
  g_return_val_if_fail (tls != NULL, NULL);

  if (!tls->present || !tls->inspected)
    return NULL;

  return g_strdup_printf ("TLS inspection by %s (certificate chain)",
                          tls->issuer ? tls->issuer : "an unknown issuer");
}

/* Sets @result's transparent_proxy from the answer of a transfer made
 * without a proxy; NULL @facts (a transfer through one) clears it. */
void
pp_transparent_note_answer (PpProbeResult         *result,
                            const PpTransferFacts *facts)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->transparent_proxy, g_free);
  if (facts == NULL)
    return;
  result->transparent_proxy = pp_transparent_from_answer (facts);
  if (result->transparent_proxy != NULL)
    pp_debug ("%s: a transparent proxy on the direct connection: %s", result->endpoint->url,
              result->transparent_proxy);
}

/* After the TLS verdict of a direct connection: an intercepted chain,
 * when the answer itself showed nothing. */
void
pp_transparent_note_tls (PpProbeResult *result)
{
  g_return_if_fail (result != NULL);

  if (result->transparent_proxy != NULL)
    return;
  result->transparent_proxy = pp_transparent_from_tls (&result->tls);
  if (result->transparent_proxy != NULL)
    pp_debug ("%s: the direct connection's TLS was intercepted: %s", result->endpoint->url,
              result->transparent_proxy);
}
