/* pp-source-mdatp.c: the proxy of Microsoft Defender for Endpoint
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-mdatp.h"
#include "pp-log.h"
#include "pp-source-reader.h"
#include "pp-named-proxy.h"

#define MDATP_COMMAND "usr/bin/mdatp"
#define MDATP_DIR     "etc/opt/microsoft/mdatp"

/* 'mdatp config proxy set --value' stores its value in the agent's local
 * configuration, somewhere under /etc/opt/microsoft/mdatp, but Microsoft
 * does not document where or in which format. Rather than guess at a file,
 * the snapshot says the setting exists and how to see it. */
static void
read_local_setting (const PpSourcesOptions *options,
                    GPtrArray              *out)
{
  g_autofree char *command = pp_source_path (options, MDATP_COMMAND);
  g_autofree char *dir = pp_source_path (options, MDATP_DIR);
  gboolean has_command = g_file_test (command, G_FILE_TEST_IS_REGULAR);

  if (!has_command && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      pp_debug ("neither %s nor %s found: the agent is not installed", command, dir);
      return;
    }
  pp_source_add (out, "mdatp",
                 "mdatp config proxy set (the agent's local setting; where it is stored is "
                 "undocumented)", "", "not readable without the mdatp command", NULL,
                 has_command ? "The locally set proxy can only be seen with the agent's own "
                               "command: run 'mdatp health' on this machine and read its proxy "
                               "fields" : NULL);
}

/* The managed file (cloudService.proxy) is documented and read. */
void
pp_source_read_mdatp (const PpSourcesOptions *options,
                      GPtrArray              *out)
{
  g_autofree char *path = pp_source_path (options, PP_MDATP_MANAGED_PATH);
  g_autofree char *meaning = NULL;
  PpNamedProxy named = { NULL };

  read_local_setting (options, out);
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
