/* pp-profile.h: a service's endpoints, bundled or loaded from a file
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-endpoint.h"
#include "pp-profile-schema.h"

G_BEGIN_DECLS

/* What the caller chose on top of the profile itself. */
typedef struct
{
  const char *geography;     /* NULL: every geography */
  const char *workspace_id;  /* substituted for {workspace_id}; must be a GUID */
} PpProfileOptions;

#define PP_TYPE_PROFILE (pp_profile_get_type ())

G_DECLARE_FINAL_TYPE (PpProfile, pp_profile, PP, PROFILE, GObject)

const char * const *pp_profile_list_bundled  (void);
PpProfile   *pp_profile_load                 (const char              *name_or_path,
                                              const PpProfileOptions  *options,
                                              GError                 **error);
PpProfile   *pp_profile_load_bundled         (const char              *name,
                                              const PpProfileOptions  *options,
                                              GError                 **error);
PpProfile   *pp_profile_load_file            (const char              *path,
                                              const PpProfileOptions  *options,
                                              GError                 **error);
gboolean     pp_profile_describe_bundled     (const char              *name,
                                              char                   **title,
                                              char                   **description,
                                              GStrv                   *geographies,
                                              gboolean                *needs_workspace_id,
                                              GError                 **error);
PpProfile   *pp_profile_new_from_endpoints   (const char              *name,
                                              const char              *title,
                                              GPtrArray               *endpoints);
PpProfile   *pp_profile_new_received         (const char              *name,
                                              const char              *title,
                                              const char              *geography,
                                              GPtrArray               *endpoints);
void         pp_profile_set_agent            (PpProfile               *self,
                                              PpAgent                 *agent);
PpAgent     *pp_profile_get_agent            (PpProfile               *self);
const char  *pp_profile_get_name             (PpProfile               *self);
const char  *pp_profile_get_title            (PpProfile               *self);
const char  *pp_profile_get_description      (PpProfile               *self);
const char  *pp_profile_get_geography        (PpProfile               *self);
const char * const *pp_profile_get_geographies (PpProfile             *self);
guint        pp_profile_get_n_endpoints      (PpProfile               *self);
PpEndpoint  *pp_profile_get_endpoint         (PpProfile               *self,
                                              guint                    position);
/* Before the profile is planned, never after (pp-profile-merge.c). */
void         pp_profile_mark_agent_endpoints (PpProfile               *self,
                                              PpEndpointPredicate      agent_uses,
                                              gpointer                 user_data);

G_END_DECLS
