/* pp-named-proxy.h: the proxy an administrator set for the agent itself
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-proxy-spec.h"

G_BEGIN_DECLS

#define PP_MDATP_MANAGED_PATH "/etc/opt/microsoft/mdatp/managed/mdatp_managed.json"

/* What was found, and where. A value that is present but unusable is kept
 * with its problem, because "the proxy isn't in valid format" is itself a
 * finding the technician needs, not a reason to skip the method. */
typedef struct
{
  char *source;        /* "FILE: cloudService.proxy" or "--named-proxy" */
  char *raw;           /* the value as written, credentials redacted */
  PpProxySpec *spec;   /* NULL when absent or unusable */
  char *problem;       /* why the value is unusable, or NULL */
} PpNamedProxy;

void pp_named_proxy_read_managed (const char   *path,
                                  PpNamedProxy *named);
void pp_named_proxy_from_value   (const char   *source,
                                  const char   *value,
                                  PpNamedProxy *named);
void pp_named_proxy_clear        (PpNamedProxy *named);

G_END_DECLS
