/* pp-source-mdatp.c: the proxy of Microsoft Defender for Endpoint
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-private.h"
#include "pp-named-proxy.h"

/* Only the managed file is read. 'mdatp config proxy set --value' stores
 * its value somewhere under /etc/opt/microsoft/mdatp, but Microsoft does
 * not document where or in which format, so it is not guessed at here:
 * 'mdatp health --field proxy' shows it on the machine. */
void
pp_source_read_mdatp (const PpSourcesOptions *options,
                      GPtrArray              *out)
{
  g_autofree char *path = pp_source_path (options, PP_MDATP_MANAGED_PATH);
  g_autofree char *meaning = NULL;
  PpNamedProxy named = { NULL };

  pp_named_proxy_read_managed (path, &named);
  if (named.source == NULL)
    return;

  if (named.spec)
    meaning = g_strdup_printf ("Defender for Endpoint connects to its cloud through %s",
                               named.spec->display);
  else
    meaning = g_strdup ("Defender for Endpoint has a proxy set that it cannot use");
  pp_source_add (out, "mdatp", named.source, named.raw, meaning, NULL, named.problem);
  pp_named_proxy_clear (&named);
}
