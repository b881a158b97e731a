/* pp-cli-pac.h: which PAC script the wpad method uses, and why
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-cli-options.h"

G_BEGIN_DECLS

/* What --pac-file, --pac-url or WPAD discovery came up with, ready for
 * PpConfigOptions. At most one of script, problem and not_found is set. */
typedef struct
{
  char *script;
  char *source;      /* "--pac-file x.pac", "WPAD: http://wpad.corp/wpad.dat (DNS ...)" */
  char *problem;     /* a PAC was named or found but could not be had */
  char *not_found;   /* discovery found no WPAD server */
  char *log;         /* discovery steps, for --show-config */
  GPtrArray *sources;
} PpCliPac;

gboolean pp_cli_pac_prepare (PpCliOptions  *options,
                             gboolean       discover,
                             PpCliPac      *pac,
                             GError       **error);
void     pp_cli_pac_clear   (PpCliPac      *pac);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpCliPac, pp_cli_pac_clear)

G_END_DECLS
