/* pp-cli-pac.c: --pac-file, --pac-url and WPAD discovery for proxyprobe-cli
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-pac.h"
#include "pp-profile.h"
#include "pp-wpad.h"

/* --pac-file and --pac-url win over discovery, the way an administrator's
 * setting for one agent wins over the network's. Returns FALSE only for
 * bad input: a --pac-file the technician chose that cannot be used, or a
 * --pac-url that is not an http(s) URL. */
gboolean
pp_cli_pac_prepare (PpCliOptions  *o,
                    gboolean       discover,
                    PpDiscovery   *pac,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (o->pac_file != NULL)
    {
      if (!pp_wpad_load_pac_file (o->pac_file, &pac->script, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--pac-file: %s",
                       local_error->message);
          return FALSE;
        }
      pac->source = g_strdup_printf ("--pac-file %s", o->pac_file);
      return TRUE;
    }
  if (o->pac_url != NULL)
    {
      if (!pp_url_validate (o->pac_url, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--pac-url: %s",
                       local_error->message);
          return FALSE;
        }
      pp_discovery_fetch_url (pac, o->pac_url, o->sysroot);
      return TRUE;
    }
  if (discover)
    pp_discovery_find_wpad (pac, o->sysroot, NULL);

  return TRUE;
}
