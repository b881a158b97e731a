/* pp-secret-index.h: where registered passwords occur in a text
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PpSecretIndex PpSecretIndex;

PpSecretIndex *pp_secret_index_new  (guint          max_strings,
                                     gsize          max_bytes);
void           pp_secret_index_free (PpSecretIndex *index);
gboolean       pp_secret_index_add  (PpSecretIndex *index,
                                     const char    *secret);
void           pp_secret_index_mask (PpSecretIndex *index,
                                     const char    *text,
                                     const char    *mask,
                                     GString       *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpSecretIndex, pp_secret_index_free)

G_END_DECLS
