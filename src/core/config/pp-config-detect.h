/* pp-config-detect.h: detecting the configuration, for every front end
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"

G_BEGIN_DECLS

/* What the user chose; everything else is read from the machine. */
typedef struct
{
  const char *sysroot;        /* prefix of every file read; NULL is "/" */
  const char *cmdline_proxy;  /* -p/--proxy, or NULL */
  const char *named_proxy;    /* --named-proxy, or NULL: the agent's file */
  const char *pac_file;       /* --pac-file: wins over the rest */
  const char *pac_url;        /* --pac-url: wins over discovery */
  const char *onboarding_file; /* --onboarding, or NULL: the machine's own */
  gboolean discover_wpad;     /* otherwise: read every source, run WPAD discovery */
  gboolean prepare;           /* fill what describing the snapshot fills on first
                               * use (pp_config_prepare()) before returning */
} PpConfigDetectOptions;

PpConfig *pp_config_detect (const PpConfigDetectOptions  *options,
                            GCancellable                 *cancellable,
                            GError                      **error);

G_END_DECLS
