/* pp-endpoint.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-endpoint.h"
#include "pp-redact.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (PpEndpoint, pp_endpoint, pp_endpoint_ref, pp_endpoint_unref)

static void
pp_endpoint_clear (PpEndpoint *self)
{
  g_free (self->url);
  g_free (self->service);
  g_free (self->http_method);
  g_array_unref (self->expected);
  g_free (self->trust);
  g_free (self->geography);
}

PpEndpoint *
pp_endpoint_new (const char  *url,
                 const char  *service,
                 const char  *http_method,
                 const guint *expected,
                 guint        n_expected,
                 const char  *trust,
                 const char  *geography)
{
  PpEndpoint *self;

  g_return_val_if_fail (url != NULL, NULL);

  /* The URL is probed with its userinfo; everything shown is redacted. */
  pp_redact_learn (url);
  self = g_atomic_rc_box_new0 (PpEndpoint);
  self->url = g_strdup (url);
  self->service = g_strdup (service ? service : "");
  self->http_method = g_strdup (http_method ? http_method : "GET");
  self->expected = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_expected);
  if (n_expected > 0)
    g_array_append_vals (self->expected, expected, n_expected);
  self->trust = g_strdup (trust ? trust : "system");
  self->geography = g_strdup (geography);

  return self;
}

PpEndpoint *
pp_endpoint_ref (PpEndpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
pp_endpoint_unref (PpEndpoint *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pp_endpoint_clear);
}

gboolean
pp_endpoint_expects_status (const PpEndpoint *self,
                            guint             status)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* "any" in a profile: reaching the server at all is what matters. */
  if (self->expected->len == 0)
    return status > 0;

  for (guint i = 0; i < self->expected->len; i++)
    if (g_array_index (self->expected, guint, i) == status)
      return TRUE;

  return FALSE;
}

/* Returns the pin set name of a "pinned:<set>" endpoint, or NULL when the
 * endpoint relies on the system trust store. */
const char *
pp_endpoint_get_pin_set (const PpEndpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (g_str_has_prefix (self->trust, "pinned:"))
    return self->trust + strlen ("pinned:");

  return NULL;
}

/* Whether two endpoints probe the same way: every field alike. */
gboolean
pp_endpoint_equal (const PpEndpoint *a,
                   const PpEndpoint *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;

  return g_str_equal (a->url, b->url) &&
         g_str_equal (a->service, b->service) &&
         g_str_equal (a->http_method, b->http_method) &&
         g_str_equal (a->trust, b->trust) &&
         g_strcmp0 (a->geography, b->geography) == 0 &&
         a->agent_uses == b->agent_uses &&
         a->expected->len == b->expected->len &&
         /* "Any status" has no codes, and no data: memcmp must not see NULL. */
         (a->expected->len == 0 ||
          memcmp (a->expected->data, b->expected->data, a->expected->len * sizeof (guint)) == 0);
}

/* A new endpoint like @self, to be changed before anyone else sees it. */
PpEndpoint *
pp_endpoint_copy (const PpEndpoint *self)
{
  PpEndpoint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pp_endpoint_new (self->url, self->service, self->http_method,
                          (const guint *) (gpointer) self->expected->data, self->expected->len,
                          self->trust, self->geography);
  copy->agent_uses = self->agent_uses;

  return copy;
}

char *
pp_endpoint_format_expected (const PpEndpoint *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->expected->len == 0)
    return g_strdup ("any");

  str = g_string_new (NULL);
  for (guint i = 0; i < self->expected->len; i++)
    g_string_append_printf (str, "%s%u", i ? "," : "",
                            g_array_index (self->expected, guint, i));

  return g_string_free (str, FALSE);
}
