/* pp-source.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source.h"

#include <string.h>

#include "pp-proxy-spec.h"
#include "pp-redact.h"

struct _PpSource
{
  char *family;
  char *provenance;
  char *value;
  char *meaning;
  char *proxy;
  char **warnings;
};

G_DEFINE_BOXED_TYPE (PpSource, pp_source, pp_source_ref, pp_source_unref)

static void
pp_source_clear (PpSource *self)
{
  g_free (self->family);
  g_free (self->provenance);
  g_free (self->value);
  g_free (self->meaning);
  g_free (self->proxy);
  g_strfreev (self->warnings);
}

/* @value, @meaning, @proxy and the warnings are redacted here as well, so that no reader can let a
 * password through by forgetting to. @proxy is the proxy the source tells
 * clients to use for http URLs, if any; it lets sources be compared. */
PpSource *
pp_source_new (const char *family,
               const char *provenance,
               const char *value,
               const char *meaning,
               const char *proxy,
               GPtrArray  *warnings)
{
  PpSource *self;

  g_return_val_if_fail (family != NULL, NULL);
  g_return_val_if_fail (provenance != NULL, NULL);

  /* Learnt first, so that the password is also removed where a warning
   * quotes the value in a shape the patterns do not know. */
  pp_redact_learn (value);
  pp_redact_learn (proxy);
  self = g_atomic_rc_box_new0 (PpSource);
  self->family = g_strdup (family);
  self->provenance = g_strdup (provenance);
  self->value = pp_redact (value ? value : "");
  self->meaning = pp_redact (meaning ? meaning : "");
  self->proxy = pp_redact (proxy);
  self->warnings = g_new0 (char *, (warnings ? warnings->len : 0) + 1);
  for (guint i = 0; warnings && i < warnings->len; i++)
    self->warnings[i] = pp_redact (g_ptr_array_index (warnings, i));

  return self;
}

PpSource *
pp_source_ref (PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
pp_source_unref (PpSource *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pp_source_clear);
}

const char *
pp_source_get_family (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->family;
}

const char *
pp_source_get_provenance (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->provenance;
}

const char *
pp_source_get_value (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->value;
}

const char *
pp_source_get_meaning (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->meaning;
}

const char *
pp_source_get_proxy (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->proxy;
}

const char * const *
pp_source_get_warnings (const PpSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->warnings;
}
