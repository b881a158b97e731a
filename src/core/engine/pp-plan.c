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
