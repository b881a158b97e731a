/* pp-config-methods.h: what each connectivity method resolves to, for people
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pp-method.h"

G_BEGIN_DECLS

/* One method's configuration in a snapshot: proxyprobe-cli --show-config
 * prints it and the GUI's configuration panel shows it, so that the two
 * cannot disagree. Every string is already redacted. */
typedef struct
{
  PpMethod method;
  char *title;      /* "Named proxy", "Default proxy (GLib proxy resolver)", ... */
  char *value;      /* one line: the proxy, "Doesn't exist (...)", the PAC script; or NULL */
  char **details;   /* further lines: the variables set, the WPAD steps; never NULL */
  char **warnings;  /* what makes the method misbehave; never NULL */
} PpConfigMethod;

PpConfigMethod *pp_config_method_new          (PpMethod         method,
                                               const char      *title,
                                               char            *value,
                                               char           **details,
                                               char           **warnings);
void            pp_config_method_free         (PpConfigMethod  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpConfigMethod, pp_config_method_free)

G_END_DECLS
