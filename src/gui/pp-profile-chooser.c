/* pp-profile-chooser.c: the header bar's profile and geography choosers
 *
 * The dropdowns show labels; the ids they stand for are kept in parallel
 * arrays (profile_ids, geography_ids). The widget says what is chosen
 * ("profile", "geography", and "changed" once per choice) and nothing
 * else: remembering the choice and loading the profile are the window's.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-profile.h"
#include "pp-profile-chooser.h"

struct _PpProfileChooser
{
  GtkWidget parent_instance;

  GtkDropDown *profile_dropdown;
  GtkDropDown *geography_dropdown;
  GPtrArray *profile_ids;      /* of char *, parallel to the profile dropdown */
  GPtrArray *geography_ids;    /* of char *, "" first for every geography */
  guint filling;               /* > 0 while the dropdowns are refilled */
  char *profile;               /* the properties' values, as last announced */
  char *geography;             /* NULL for every geography */
};

G_DEFINE_FINAL_TYPE (PpProfileChooser, pp_profile_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_GEOGRAPHY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  return position < ids->len ? g_ptr_array_index (ids, position) : NULL;
}

static void
select_id (GtkDropDown *dropdown,
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
  if (g_str_equal (id, PP_PROFILE_CHOOSER_CUSTOM))
    return g_new0 (char *, 1);
  profile = pp_profile_load (id, NULL, NULL);
  if (profile == NULL || pp_profile_get_geographies (profile) == NULL)
    return g_new0 (char *, 1);

  return g_strdupv ((GStrv) pp_profile_get_geographies (profile));
}

/* The geography dropdown has a choice only if the profile has geographies. */
static void
fill_geographies (PpProfileChooser *self,
                  const char       *profile_id,
                  const char       *selected)
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
  select_id (self->geography_dropdown, self->geography_ids, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->geography_dropdown), geographies[0] != NULL);
}

static void
add_profile (PpProfileChooser *self,
             GtkStringList    *labels,
             const char       *id,
             const char       *label)
{
  g_ptr_array_add (self->profile_ids, g_strdup (id));
  gtk_string_list_append (labels, label);
}

static void
fill_profiles (PpProfileChooser *self,
               const char       *selected)
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
  add_profile (self, labels, PP_PROFILE_CHOOSER_CUSTOM, _("Custom URL List"));
  /* A profile file named on the command line or chosen earlier. */
  if (selected && !g_strv_contains (names, selected) &&
      !g_str_equal (selected, PP_PROFILE_CHOOSER_CUSTOM))
    {
      g_autofree char *basename = g_path_get_basename (selected);

      add_profile (self, labels, selected, basename);
    }
  gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (labels));
  select_id (self->profile_dropdown, self->profile_ids, selected);
}

/* Notifies what differs from what was last announced, and says
 * "changed" once if anything does. */
static void
announce (PpProfileChooser *self)
{
  const char *profile = pp_profile_chooser_get_profile (self);
  const char *geography = pp_profile_chooser_get_geography (self);
  gboolean profile_changed = g_strcmp0 (self->profile, profile) != 0;
  gboolean geography_changed = g_strcmp0 (self->geography, geography) != 0;

  g_free (self->profile);
  self->profile = g_strdup (profile);
  g_free (self->geography);
  self->geography = g_strdup (geography);
  if (profile_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
  if (geography_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOGRAPHY]);
  if (profile_changed || geography_changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* @profile NULL keeps the profile. */
void
pp_profile_chooser_select (PpProfileChooser *self,
                           const char       *profile,
                           const char       *geography)
{
  g_return_if_fail (PP_IS_PROFILE_CHOOSER (self));

  self->filling++;
  if (profile != NULL)
    fill_profiles (self, profile);
  if (profile != NULL || self->geography_ids->len == 0)
    fill_geographies (self, pp_profile_chooser_get_profile (self), geography);
  else
    select_id (self->geography_dropdown, self->geography_ids, geography);
  self->filling--;
  announce (self);
}

/* A profile picked by the user keeps the geography shown, if it has it. */
static void
profile_selected_cb (PpProfileChooser *self)
{
  const char *profile = pp_profile_chooser_get_profile (self);

  if (self->filling > 0 || profile == NULL)
    return;
  self->filling++;
  fill_geographies (self, profile, self->geography);
  self->filling--;
  announce (self);
}

static void
geography_selected_cb (PpProfileChooser *self)
{
  if (self->filling == 0)
    announce (self);
}

const char *
pp_profile_chooser_get_profile (PpProfileChooser *self)
{
  g_return_val_if_fail (PP_IS_PROFILE_CHOOSER (self), NULL);

  return selected_id (self->profile_dropdown, self->profile_ids);
}

void
pp_profile_chooser_set_profile (PpProfileChooser *self,
                                const char       *profile)
{
  g_autofree char *geography = NULL;

  g_return_if_fail (PP_IS_PROFILE_CHOOSER (self));

  geography = g_strdup (self->geography);
  pp_profile_chooser_select (self, profile, geography);
}

const char *
pp_profile_chooser_get_geography (PpProfileChooser *self)
{
  const char *id;

  g_return_val_if_fail (PP_IS_PROFILE_CHOOSER (self), NULL);

  id = selected_id (self->geography_dropdown, self->geography_ids);
  return id != NULL && *id ? id : NULL;
}

void
pp_profile_chooser_set_geography (PpProfileChooser *self,
                                  const char       *geography)
{
  g_return_if_fail (PP_IS_PROFILE_CHOOSER (self));

  pp_profile_chooser_select (self, NULL, geography);
}

/* GObject */

static void
pp_profile_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PP_TYPE_PROFILE_CHOOSER);

  G_OBJECT_CLASS (pp_profile_chooser_parent_class)->dispose (object);
}

static void
pp_profile_chooser_finalize (GObject *object)
{
  PpProfileChooser *self = PP_PROFILE_CHOOSER (object);

  g_clear_pointer (&self->profile_ids, g_ptr_array_unref);
  g_clear_pointer (&self->geography_ids, g_ptr_array_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->geography, g_free);

  G_OBJECT_CLASS (pp_profile_chooser_parent_class)->finalize (object);
}

static void
pp_profile_chooser_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PpProfileChooser *self = PP_PROFILE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_GEOGRAPHY:
      g_value_set_string (value, self->geography);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_profile_chooser_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PpProfileChooser *self = PP_PROFILE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      pp_profile_chooser_set_profile (self, g_value_get_string (value));
      break;
    case PROP_GEOGRAPHY:
      pp_profile_chooser_set_geography (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_profile_chooser_class_init (PpProfileChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_profile_chooser_dispose;
  object_class->finalize = pp_profile_chooser_finalize;
  object_class->get_property = pp_profile_chooser_get_property;
  object_class->set_property = pp_profile_chooser_set_property;

  /* A bundled profile's name, "custom", or a profile file's path. */
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL for every geography of the profile. */
  properties[PROP_GEOGRAPHY] =
    g_param_spec_string ("geography", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The choice changed, by the user or not: once for both properties. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-profile-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PpProfileChooser, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpProfileChooser, geography_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, profile_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, geography_selected_cb);
}

static void
pp_profile_chooser_init (PpProfileChooser *self)
{
  self->profile_ids = g_ptr_array_new_with_free_func (g_free);
  self->geography_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
