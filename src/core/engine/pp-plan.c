/* pp-plan.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-plan.h"

struct _PpPlan
{
  GObject parent_instance;

  PpProfile *profile;
  GArray *methods;   /* of PpMethod, in the analyzer's order */
  guint concurrency_requested;   /* 0 until a runner ran it */
  guint concurrency_used;        /* lower when the descriptor limit allows no more */
  guint64 open_files_limit;      /* 0 when unlimited */
};

G_DEFINE_FINAL_TYPE (PpPlan, pp_plan, G_TYPE_OBJECT)

static void
pp_plan_finalize (GObject *object)
{
  PpPlan *self = (PpPlan *) object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->methods, g_array_unref);

  G_OBJECT_CLASS (pp_plan_parent_class)->finalize (object);
}

static void
pp_plan_class_init (PpPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_plan_finalize;
}

static void
pp_plan_init (PpPlan *self)
{
}

PpPlan *
pp_plan_new (PpProfile *profile,
             GArray    *methods)
{
  PpPlan *self;

  g_return_val_if_fail (PP_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (methods != NULL && methods->len > 0, NULL);

  self = g_object_new (PP_TYPE_PLAN, NULL);
  self->profile = g_object_ref (profile);
  self->methods = g_array_ref (methods);

  return self;
}

PpProfile *
pp_plan_get_profile (PpPlan *self)
{
  g_return_val_if_fail (PP_IS_PLAN (self), NULL);

  return self->profile;
}

guint
pp_plan_get_n_methods (PpPlan *self)
{
  g_return_val_if_fail (PP_IS_PLAN (self), 0);

  return self->methods->len;
}

PpMethod
pp_plan_get_method (PpPlan *self,
                    guint   position)
{
  g_return_val_if_fail (PP_IS_PLAN (self), PP_METHOD_DEFAULT);
  g_return_val_if_fail (position < self->methods->len, PP_METHOD_DEFAULT);

  return g_array_index (self->methods, PpMethod, position);
}

guint
pp_plan_get_n_items (PpPlan *self)
{
  g_return_val_if_fail (PP_IS_PLAN (self), 0);

  return pp_profile_get_n_endpoints (self->profile) * self->methods->len;
}

/* Items are numbered endpoint by endpoint, methods in order within each:
 * the order of the final output. */
PpEndpoint *
pp_plan_get_item (PpPlan   *self,
                  guint     index,
                  PpMethod *method)
{
  g_return_val_if_fail (PP_IS_PLAN (self), NULL);
  g_return_val_if_fail (index < pp_plan_get_n_items (self), NULL);

  if (method)
    *method = g_array_index (self->methods, PpMethod, index % self->methods->len);

  return pp_profile_get_endpoint (self->profile, index / self->methods->len);
}

void
pp_plan_set_concurrency (PpPlan  *self,
                         guint    requested,
                         guint    used,
                         guint64  open_files_limit)
{
  g_return_if_fail (PP_IS_PLAN (self));
  g_return_if_fail (requested > 0 && used > 0);

  self->concurrency_requested = requested;
  self->concurrency_used = used;
  self->open_files_limit = open_files_limit;
}

/* FALSE for a plan that was never run (or was read from elsewhere). */
gboolean
pp_plan_get_concurrency (PpPlan  *self,
                         guint   *requested,
                         guint   *used,
                         guint64 *open_files_limit)
{
  g_return_val_if_fail (PP_IS_PLAN (self), FALSE);

  if (requested)
    *requested = self->concurrency_requested;
  if (used)
    *used = self->concurrency_used;
  if (open_files_limit)
    *open_files_limit = self->open_files_limit;

  return self->concurrency_requested > 0;
}

/* One sentence when the runner ran fewer probes at once than asked for,
 * else NULL: the reports and the CLI's stderr say the same. */
char *
pp_plan_format_concurrency_note (PpPlan *self)
{
  g_return_val_if_fail (PP_IS_PLAN (self), NULL);

  if (self->concurrency_used >= self->concurrency_requested)
    return NULL;

  return g_strdup_printf ("concurrency %u lowered to %u: this process may have only %"
                          G_GUINT64_FORMAT " files open (ulimit -n), and each probe needs up "
                          "to 3", self->concurrency_requested, self->concurrency_used,
                          self->open_files_limit);
}
