/* pp-window-choosers.c: the window's profile and geography choosers
 *
 * The dropdowns show labels; the ids they stand for are kept in parallel
 * arrays (profile_ids, geography_ids), and the choice is remembered in
 * GSettings unless it comes from the command line.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-profile.h"
#include "pp-profile-urls.h"
#include "pp-window-private.h"

#define CUSTOM_PROFILE "custom"

const char *
_pp_window_selected_id (GtkDropDown *dropdown,
                        GPtrArray   *ids)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  return position < ids->len ? g_ptr_array_index (ids, position) : NULL;
}

void
_pp_window_select_id (GtkDropDown *dropdown,
                      GPtrArray   *ids,
                      const char  *id)
{
  guint position = 0;

  if (id != NULL)
    g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &position);
  gtk_drop_down_set_selected (dropdown, position);
}

static GStrv
profile_geographies (const char *id)
{
  g_auto(GStrv) geographies = NULL;
  g_autoptr(PpProfile) profile = NULL;

  if (g_strv_contains (pp_profile_list_bundled (), id))
    {
      pp_profile_describe_bundled (id, NULL, NULL, &geographies, NULL, NULL);
      return g_steal_pointer (&geographies);
    }
  if (g_str_equal (id, CUSTOM_PROFILE))
    return g_new0 (char *, 1);
  profile = pp_profile_load (id, NULL, NULL);
  if (profile == NULL || pp_profile_get_geographies (profile) == NULL)
    return g_new0 (char *, 1);

  return g_strdupv ((GStrv) pp_profile_get_geographies (profile));
}

void
_pp_window_fill_geographies (PpWindow   *self,
                             const char *profile_id,
                             const char *selected)
{
  g_auto(GStrv) geographies = profile_geographies (profile_id);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->geography_ids, 0);
  g_ptr_array_add (self->geography_ids, g_strdup (""));
  gtk_string_list_append (labels, _("All Geographies"));
  for (guint i = 0; geographies[i]; i++)
    {
      g_ptr_array_add (self->geography_ids, g_strdup (geographies[i]));
      gtk_string_list_append (labels, geographies[i]);
    }
  gtk_drop_down_set_model (self->geography_dropdown, G_LIST_MODEL (labels));
  _pp_window_select_id (self->geography_dropdown, self->geography_ids, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->geography_dropdown), geographies[0] != NULL);
}

static void
add_profile (PpWindow      *self,
             GtkStringList *labels,
             const char    *id,
             const char    *label)
{
  g_ptr_array_add (self->profile_ids, g_strdup (id));
  gtk_string_list_append (labels, label);
}

void
_pp_window_fill_profiles (PpWindow   *self,
                          const char *selected)
{
  const char * const *names = pp_profile_list_bundled ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->profile_ids, 0);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *title = NULL;

      pp_profile_describe_bundled (names[i], &title, NULL, NULL, NULL, NULL);
      add_profile (self, labels, names[i], title ? title : names[i]);
    }
  add_profile (self, labels, CUSTOM_PROFILE, _("Custom URL List"));
  /* A profile file named on the command line or chosen earlier. */
  if (selected && !g_strv_contains (names, selected) && !g_str_equal (selected, CUSTOM_PROFILE))
    {
      g_autofree char *basename = g_path_get_basename (selected);

      add_profile (self, labels, selected, basename);
    }
  gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (labels));
  _pp_window_select_id (self->profile_dropdown, self->profile_ids, selected);
}

void
_pp_window_profile_selected_cb (PpWindow *self)
{
  const char *id = _pp_window_selected_id (self->profile_dropdown, self->profile_ids);
  g_autofree char *geography = NULL;

  if (id == NULL)
    return;
  if (!self->applying_overrides)
    g_settings_set_string (self->settings, "profile", id);
  geography = g_settings_get_string (self->settings, "geography");
  _pp_window_fill_geographies (self, id, geography);
  _pp_window_prepare_grid (self);
}

void
_pp_window_geography_selected_cb (PpWindow *self)
{
  const char *id = _pp_window_selected_id (self->geography_dropdown, self->geography_ids);

  if (id != NULL && !self->applying_overrides)
    g_settings_set_string (self->settings, "geography", id);
  _pp_window_prepare_grid (self);
}

/* The profile and geography chosen, as a profile to run. */
PpProfile *
_pp_window_load_profile (PpWindow  *self,
                         GError   **error)
{
  const char *id = _pp_window_selected_id (self->profile_dropdown, self->profile_ids);
  g_autofree char *workspace_id = g_settings_get_string (self->settings, "workspace-id");
  PpProfileOptions options = {
    .geography = _pp_window_selected_id (self->geography_dropdown, self->geography_ids),
    .workspace_id = *workspace_id ? workspace_id : NULL,
  };

  if (options.geography && !*options.geography)
    options.geography = NULL;
  if (g_strcmp0 (id, CUSTOM_PROFILE) == 0)
    {
      g_auto(GStrv) urls = g_settings_get_strv (self->settings, "custom-urls");

      if (urls[0] == NULL)
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                       _("The custom URL list is empty: add URLs in Preferences."));
          return NULL;
        }
      return pp_profile_new_for_urls ((const char * const *) urls, error);
    }

  return pp_profile_load (id ? id : "mde-standard", &options, error);
}
