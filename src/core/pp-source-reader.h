/* pp-source-reader.h: what every reader (pp-source-*.c) needs
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-file.h"
#include "pp-source.h"

G_BEGIN_DECLS

char *pp_source_path        (const PpSourcesOptions *options,
                             const char             *path);
void  pp_source_add         (GPtrArray  *out,
                             const char *family,
                             const char *provenance,
                             const char *value,
                             const char *meaning,
                             const char *proxy,
                             const char *warning);
char *pp_source_check_wpad  (const char *raw,
                             gsize       len,
                             GPtrArray  *warnings);

G_END_DECLS
