/* pp-source-private.h: the readers behind pp_sources_detect ()
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-file.h"
#include "pp-source.h"

G_BEGIN_DECLS

/* Each reader appends the sources of its family to @out; none fails: a
 * source that cannot be read is itself reported, with a warning. */
void  pp_source_read_gnome  (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_kde    (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_env    (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_nm     (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_leases (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_apt    (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_mdatp  (const PpSourcesOptions *options, GPtrArray *out);
void  pp_source_read_sandbox (const PpSourcesOptions *options, GPtrArray *out);

/* Compares the sources read so far and adds "conflict" sources. */
void  pp_source_check_agreement (const PpSourcesOptions *options, GPtrArray *out);

/* Helpers shared by the readers. */
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
