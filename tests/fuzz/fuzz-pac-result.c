/* fuzz-pac-result.c: what FindProxyForURL returned ("PROXY a:1; DIRECT")
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PAC script is the network's: its answer is untrusted text.
 */
#include "pp-fuzz.h"

#include "pp-pac-result.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = pp_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GPtrArray) specs = pp_pac_result_parse (text, &warnings, &error);

  g_assert ((specs == NULL) != (error == NULL));
  g_assert (warnings != NULL);
  for (guint i = 0; specs && i < specs->len; i++)
    {
      const PpProxySpec *spec = g_ptr_array_index (specs, i);

      g_assert (spec->display != NULL);
      g_assert (spec->kind == PP_PROXY_KIND_DIRECT || spec->port != 0);
    }

  return 0;
}
