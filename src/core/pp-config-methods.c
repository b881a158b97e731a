/* pp-config-methods.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-methods.h"

/* Takes @value, @details and @warnings; NULL arrays become empty ones,
 * so that readers never check. */
PpConfigMethod *
pp_config_method_new (PpMethod    method,
                      const char *title,
                      char       *value,
                      char      **details,
                      char      **warnings)
{
  PpConfigMethod *self;

  g_return_val_if_fail (method < PP_N_METHODS, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_new0 (PpConfigMethod, 1);
  self->method = method;
  self->title = g_strdup (title);
  self->value = value;
  self->details = details ? details : g_new0 (char *, 1);
  self->warnings = warnings ? warnings : g_new0 (char *, 1);

  return self;
}

void
pp_config_method_free (PpConfigMethod *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->value);
  g_strfreev (self->details);
  g_strfreev (self->warnings);
  g_free (self);
}
