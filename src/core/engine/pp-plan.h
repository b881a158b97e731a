/* pp-plan.h: the endpoints × methods matrix of one run
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-method.h"
#include "pp-profile.h"

G_BEGIN_DECLS

#define PP_TYPE_PLAN (pp_plan_get_type ())

G_DECLARE_FINAL_TYPE (PpPlan, pp_plan, PP, PLAN, GObject)

PpPlan     *pp_plan_new            (PpProfile *profile,
                                    GArray    *methods);
PpProfile  *pp_plan_get_profile    (PpPlan    *self);
guint       pp_plan_get_n_methods  (PpPlan    *self);
PpMethod    pp_plan_get_method     (PpPlan    *self,
                                    guint      position);
guint       pp_plan_get_n_items    (PpPlan    *self);
PpEndpoint *pp_plan_get_item       (PpPlan    *self,
                                    guint      index,
                                    PpMethod  *method);

G_END_DECLS
