/* pp-pac-result.c: a PAC result string as proxy candidates
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-pac-result.h"

#include <string.h>

/* Firefox accepts HTTP as a synonym of PROXY; plain SOCKS means version 4. */
static const struct {
  const char *keyword;
  const char *scheme;
} pac_keywords[] = {
  { "PROXY", "http" },
  { "HTTP", "http" },
  { "HTTPS", "https" },
  { "SOCKS", "socks4" },
  { "SOCKS4", "socks4" },
  { "SOCKS5", "socks5" },
};

static const char *
scheme_for_keyword (const char *keyword)
{
  for (guint i = 0; i < G_N_ELEMENTS (pac_keywords); i++)
    if (g_ascii_strcasecmp (keyword, pac_keywords[i].keyword) == 0)
      return pac_keywords[i].scheme;
  return NULL;
}

static PpProxySpec *
parse_element (const char  *element,
               GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (element, " \t", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *url = NULL;
  const char *scheme;

  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (parts, words[i]);

  if (parts->len == 1 && g_ascii_strcasecmp (g_ptr_array_index (parts, 0), "DIRECT") == 0)
    return pp_proxy_spec_new_direct ();

  scheme = parts->len > 0 ? scheme_for_keyword (g_ptr_array_index (parts, 0)) : NULL;
  if (scheme == NULL || parts->len != 2 || strstr (g_ptr_array_index (parts, 1), "://"))
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT,
                   "'%s' is not a PAC result element: expected DIRECT or "
                   "PROXY, HTTP, HTTPS, SOCKS, SOCKS4 or SOCKS5 followed by host:port",
                   element);
      return NULL;
    }

  url = g_strdup_printf ("%s://%s", scheme, (char *) g_ptr_array_index (parts, 1));
  return pp_proxy_spec_parse (url, FALSE, error);
}

/* Returns the candidates in the script's order. Elements that do not parse
 * are dropped, each with a warning, as browsers do; only a result with no
 * usable element at all is an error. */
GPtrArray *
pp_pac_result_parse (const char   *result,
                     char       ***warnings,
                     GError      **error)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_proxy_spec_unref);
  g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();
  g_auto(GStrv) elements = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  elements = g_strsplit (result, ";", -1);
  for (guint i = 0; elements[i]; i++)
    {
      g_autoptr(GError) local_error = NULL;
      PpProxySpec *spec;

      g_strstrip (elements[i]);
      if (*elements[i] == '\0')
        continue;
      if ((spec = parse_element (elements[i], &local_error)) != NULL)
        g_ptr_array_add (specs, spec);
      else
        g_strv_builder_add (notes, local_error->message);
    }

  if (warnings != NULL)
    *warnings = g_strv_builder_end (notes);

  if (specs->len == 0)
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT,
                   "the PAC script returned '%s', which names no proxy and not DIRECT",
                   result);
      return NULL;
    }
  return g_steal_pointer (&specs);
}
