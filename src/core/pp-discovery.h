/* pp-discovery.h: where the wpad method's PAC script comes from
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-pac.h"

G_BEGIN_DECLS

/* What detection (pp_config_detect()) learns before a run, for the
 * snapshot to take: the sources, and the PAC script (or why there is
 * none). Blocking: call it off the main thread in a program with a
 * window. */
typedef struct
{
  char *script;
  PpPacRunner *pac_runner;  /* a network script, loaded to check it; PpConfig adopts it */
  char *source;      /* "--pac-file x.pac", "WPAD: http://wpad.corp/wpad.dat (DNS ...)" */
  char *problem;     /* a PAC was named or found but could not be had */
  char *not_found;   /* discovery found no WPAD server */
  char *log;         /* discovery steps, for --show-config and the report */
  GPtrArray *sources;
} PpDiscovery;

void pp_discovery_find_wpad     (PpDiscovery     *self,
                                 const char      *sysroot,
                                 GCancellable    *cancellable);
void pp_discovery_fetch_url     (PpDiscovery     *self,
                                 const char      *url,
                                 const char      *sysroot);
void pp_discovery_clear         (PpDiscovery     *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpDiscovery, pp_discovery_clear)

G_END_DECLS
