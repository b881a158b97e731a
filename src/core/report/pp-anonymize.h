/* pp-anonymize.h: replaces what identifies the machine, consistently
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PpAnonymizer PpAnonymizer;

/* Host names and user names are matched as whole words, ignoring case;
 * local addresses (private, link-local, unique-local IPv4/IPv6, and
 * @local_addresses) become addr-N. Loopback addresses stay: they identify
 * nothing. The same value gets the same replacement in every text. */
PpAnonymizer *pp_anonymizer_new           (const char * const *host_names,
                                           const char * const *user_names,
                                           const char * const *local_addresses);
PpAnonymizer *pp_anonymizer_new_for_host  (void);
void          pp_anonymizer_free          (PpAnonymizer       *self);
char         *pp_anonymizer_apply         (PpAnonymizer       *self,
                                           const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpAnonymizer, pp_anonymizer_free)

G_END_DECLS
