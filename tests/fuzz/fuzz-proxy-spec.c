/* fuzz-proxy-spec.c: proxy values (-p, --named-proxy, the agent's file,
 * environment variables, GSettings, PAC answers all end here)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fuzz.h"

#include <string.h>

#include "pp-proxy-spec.h"
#include "pp-redact.h"

/* What a parsed value must always be: a candidate libcurl can be given and
 * a display that never shows the password. */
static void
check_spec (const PpProxySpec *spec,
            gboolean           require_port)
{
  g_autoptr(PpProxySpec) again = NULL;

  g_assert (spec->kind == PP_PROXY_KIND_PROXY);
  g_assert (spec->scheme != NULL && spec->host != NULL && *spec->host != '\0');
  g_assert (spec->port != 0);
  g_assert (spec->url != NULL && spec->display != NULL);
  if (spec->password != NULL && *spec->password != '\0')
    {
      g_autofree char *shown = g_strdup_printf (":%s@", spec->password);

      g_assert (strstr (spec->display, shown) == NULL);
    }

  /* The URL handed to libcurl must itself be a proxy value that means the
   * same proxy. */
  again = pp_proxy_spec_parse (spec->url, require_port, NULL);
  g_assert (again != NULL);
  g_assert_cmpstr (again->scheme, ==, spec->scheme);
  g_assert_cmpstr (again->host, ==, spec->host);
  g_assert_cmpuint (again->port, ==, spec->port);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = pp_fuzz_strndup (data, size);
  g_autofree char *redacted = pp_redact (text);

  g_assert (redacted != NULL);
  pp_proxy_spec_is_placeholder (text);
  for (int require_port = 0; require_port < 2; require_port++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (text, require_port, &error);

      g_assert ((spec == NULL) != (error == NULL));
      if (spec != NULL)
        check_spec (spec, require_port);
      else
        g_assert (error->message != NULL && *error->message != '\0');
    }

  return 0;
}
