/* pp-profile-chooser.h: the header bar's profile and geography choosers
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The profile id that stands for the preferences' custom URL list. */
#define PP_PROFILE_CHOOSER_CUSTOM "custom"

#define PP_TYPE_PROFILE_CHOOSER (pp_profile_chooser_get_type ())

G_DECLARE_FINAL_TYPE (PpProfileChooser, pp_profile_chooser, PP, PROFILE_CHOOSER, GtkWidget)

/* Both at once, "changed" once; a @profile that is neither bundled nor
 * custom is a profile file and gets an entry of its own. */
void        pp_profile_chooser_select         (PpProfileChooser *self,
                                               const char       *profile,
                                               const char       *geography);
const char *pp_profile_chooser_get_profile    (PpProfileChooser *self);
void        pp_profile_chooser_set_profile    (PpProfileChooser *self,
                                               const char       *profile);
/* NULL for every geography. */
const char *pp_profile_chooser_get_geography  (PpProfileChooser *self);
void        pp_profile_chooser_set_geography  (PpProfileChooser *self,
                                               const char       *geography);

G_END_DECLS
