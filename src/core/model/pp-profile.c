/* pp-profile.c: bundled and JSON profiles, and the profile object itself
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-profile.h"

#include <string.h>

#include "pp-core-resources.h"
#include "pp-log.h"
#include "pp-profile-merge.h"
#include "pp-profile-read.h"
#include "pp-profile-schema.h"
#include "pp-redact.h"

#define RESOURCE_PREFIX     "/io/github/proxyprobe/ProxyProbe/profiles/"
#define WORKSPACE_ID_HINT \
  "pass --workspace-id with the workspace GUID shown in the Azure portal " \
  "(Log Analytics workspace, Overview, Workspace ID)"

struct _PpProfile
{
  GObject parent_instance;

  char *name;
  char *title;
  char *description;
  char *geography;      /* the chosen one, or NULL for all */
  char **geographies;   /* never NULL */
  GPtrArray *endpoints; /* of PpEndpoint */
  PpAgent *agent;       /* NULL: no agent (URL lists, profiles without one) */
};

G_DEFINE_FINAL_TYPE (PpProfile, pp_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_GEOGRAPHY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const bundled_names[] = {
  "mde-standard", "mde-streamlined", "mde-gcc", "mde-gcc-high", "mde-dod", "mma-legacy", NULL
};

static void
pp_profile_finalize (GObject *object)
{
  PpProfile *self = (PpProfile *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->geography, g_free);
  g_clear_pointer (&self->agent, pp_agent_unref);
  g_clear_pointer (&self->geographies, g_strfreev);
  g_clear_pointer (&self->endpoints, g_ptr_array_unref);

  G_OBJECT_CLASS (pp_profile_parent_class)->finalize (object);
}

static void
pp_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PpProfile *self = PP_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_GEOGRAPHY:
      g_value_set_string (value, self->geography);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_profile_class_init (PpProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_profile_finalize;
  object_class->get_property = pp_profile_get_property;

  /* A profile never changes after loading: choosing another geography or
   * workspace loads a new one, so the properties are read-only. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOGRAPHY] =
    g_param_spec_string ("geography", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_profile_init (PpProfile *self)
{
  self->geographies = g_new0 (char *, 1);
  self->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
}

static PpProfile *
pp_profile_new (const char *name,
                const char *title,
                const char *description)
{
  PpProfile *self = g_object_new (PP_TYPE_PROFILE, NULL);

  self->name = g_strdup (name);
  self->title = g_strdup (title);
  self->description = g_strdup (description ? description : "");

  return self;
}

/* Maps the user's spelling ("eu") to the profile's ("EU"). */
static gboolean
resolve_geography (const PpProfileDocument  *document,
                   const char               *requested,
                   const char              **geography,
                   GError                  **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *listed = NULL;

  *geography = NULL;
  if (requested == NULL)
    return TRUE;

  for (guint i = 0; document->geographies[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (requested, document->geographies[i]) == 0)
        {
          *geography = document->geographies[i];
          return TRUE;
        }
    }

  quoted = pp_redact_quote (requested);
  if (document->geographies[0] == NULL)
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY,
                   "'%s' is not a geography of profile %s; this profile has no "
                   "geographies, so do not choose one", quoted, document->name);
      return FALSE;
    }

  listed = g_strjoinv (", ", document->geographies);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY,
               "'%s' is not a geography of profile %s; choose one of %s",
               quoted, document->name, listed);
  return FALSE;
}

/* Returns the lower-case workspace ID, as the service host names use it. */
static char *
resolve_workspace_id (const char  *profile_name,
                      const char  *requested,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (requested ? requested : ""));
  g_autofree char *quoted = NULL;

  if (*stripped == '\0')
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID,
                   "Profile %s needs the Log Analytics workspace ID: " WORKSPACE_ID_HINT,
                   profile_name);
      return NULL;
    }

  /* GLib's check is the one wanted: 8-4-4-4-12 hex digits in either
   * case, no braces, any UUID version. */
  if (g_uuid_string_is_valid (stripped))
    return g_ascii_strdown (stripped, -1);

  quoted = pp_redact_quote (requested);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID,
               "'%s' is not a workspace ID (a GUID such as "
               "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d): " WORKSPACE_ID_HINT, quoted);
  return NULL;
}

static PpEndpoint *
endpoint_with_url (const PpEndpoint *endpoint,
                   const char       *url)
{
  return pp_endpoint_new (url, endpoint->service, endpoint->http_method,
                          (const guint *) (gpointer) endpoint->expected->data,
                          endpoint->expected->len, endpoint->trust, endpoint->geography);
}

static gboolean
endpoints_need_workspace_id (GPtrArray *endpoints)
{
  for (guint i = 0; i < endpoints->len; i++)
    {
      const PpEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (strstr (endpoint->url, PP_PROFILE_WORKSPACE_TOKEN) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Only the endpoints that will be probed need the workspace ID, so it is
 * asked for after filtering by geography. */
static gboolean
substitute_workspace_id (PpProfile   *self,
                         const char  *requested,
                         GError     **error)
{
  g_autofree char *workspace_id = NULL;

  if (!endpoints_need_workspace_id (self->endpoints))
    return TRUE;

  workspace_id = resolve_workspace_id (self->name, requested, error);
  if (workspace_id == NULL)
    return FALSE;

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (self->endpoints, i);
      g_autofree char *url = pp_profile_expand_url (endpoint->url, workspace_id);

      g_ptr_array_index (self->endpoints, i) = endpoint_with_url (endpoint, url);
      pp_endpoint_unref (endpoint);
    }

  return TRUE;
}

/* Keeps the worldwide endpoints and those of the chosen geography. */
static gboolean
add_endpoints (PpProfile  *self,
               GPtrArray  *endpoints,
               GError    **error)
{
  for (guint i = 0; i < endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (self->geography == NULL || g_str_equal (endpoint->geography, "WW") ||
          g_str_equal (endpoint->geography, self->geography))
        g_ptr_array_add (self->endpoints, pp_endpoint_ref (endpoint));
    }

  if (self->endpoints->len > 0)
    return TRUE;

  if (self->geography != NULL)
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                 "Profile %s has no endpoints for geography %s; choose another geography",
                 self->name, self->geography);
  else
    g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                 "Profile %s has no endpoints; add some to $.endpoints", self->name);
  return FALSE;
}

/* After the workspace ID: two rows may differ only before it is substituted. */
static void
merge_duplicates (PpProfile *self)
{
  GPtrArray *merged = pp_profile_merge_duplicates (self->endpoints);

  g_ptr_array_unref (self->endpoints);
  self->endpoints = merged;
}

static PpProfile *
apply_options (const PpProfileDocument  *document,
               const PpProfileOptions   *options,
               GError                  **error)
{
  g_autoptr(PpProfile) self = NULL;
  const char *geography;

  if (!resolve_geography (document, options ? options->geography : NULL, &geography, error))
    return NULL;

  self = pp_profile_new (document->name, document->title, document->description);
  self->geography = g_strdup (geography);
  g_strfreev (self->geographies);
  self->geographies = g_strdupv (document->geographies);
  pp_profile_set_agent (self, document->agent);

  if (!add_endpoints (self, document->endpoints, error) ||
      !substitute_workspace_id (self, options ? options->workspace_id : NULL, error))
    return NULL;
  merge_duplicates (self);
  pp_debug ("profile %s: %u endpoints for the geography %s", document->name,
            self->endpoints->len, geography ? geography : "(all)");

  return g_steal_pointer (&self);
}

/**
 * pp_profile_list_bundled:
 *
 * Returns: (transfer none): the names of the profiles built into the program
 */
const char * const *
pp_profile_list_bundled (void)
{
  return bundled_names;
}

static void
set_not_found (const char  *name,
               GError     **error)
{
  g_autofree char *quoted = pp_redact_quote (name);
  g_autofree char *names = g_strjoinv (", ", (char **) bundled_names);

  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
               "'%s' is neither a bundled profile nor a file; the bundled profiles "
               "are %s", quoted, names);
}

static PpProfileDocument *
parse_bundled (const char  *name,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  gsize length;
  const char *data;

  if (!g_strv_contains (bundled_names, name))
    {
      set_not_found (name, error);
      return NULL;
    }

  /* Referencing the generated resource pulls its object file, and the
   * constructor that registers it, out of the static library. */
  (void) pp_core_get_resource ();

  path = g_strconcat (RESOURCE_PREFIX, name, ".json", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      /* Only a broken build gets here, but the technician still deserves
       * a sentence rather than an abort. */
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND,
                   "Bundled profile %s is missing from this build of Proxy Probe; "
                   "reinstall it, or pass the path of a profile file", name);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  file = g_strdup_printf ("bundled profile %s", name);
  return pp_profile_document_parse (file, data, length, error);
}

PpProfile *
pp_profile_load_bundled (const char              *name,
                         const PpProfileOptions  *options,
                         GError                 **error)
{
  g_autoptr(PpProfileDocument) document = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = parse_bundled (name, error);
  if (document == NULL)
    return NULL;

  return apply_options (document, options, error);
}

/**
 * pp_profile_describe_bundled:
 * @title: (out) (optional):
 * @description: (out) (optional): "" when the profile has none
 * @geographies: (out) (optional): empty when the profile has none
 * @needs_workspace_id: (out) (optional): whether loading needs a workspace ID
 *
 * Validates a bundled profile without applying options, so that a list of
 * the profiles can be shown before the user has given a workspace ID.
 *
 * Returns: whether @name is a bundled profile that passed validation
 */
gboolean
pp_profile_describe_bundled (const char   *name,
                             char        **title,
                             char        **description,
                             GStrv        *geographies,
                             gboolean     *needs_workspace_id,
                             GError      **error)
{
  g_autoptr(PpProfileDocument) document = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = parse_bundled (name, error);
  if (document == NULL)
    return FALSE;

  if (title != NULL)
    *title = g_steal_pointer (&document->title);
  if (description != NULL)
    *description = g_steal_pointer (&document->description);
  if (geographies != NULL)
    *geographies = g_steal_pointer (&document->geographies);
  if (needs_workspace_id != NULL)
    *needs_workspace_id = endpoints_need_workspace_id (document->endpoints);

  return TRUE;
}

PpProfile *
pp_profile_load_file (const char              *path,
                      const PpProfileOptions  *options,
                      GError                 **error)
{
  g_autoptr(PpProfileDocument) document = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = pp_profile_read_bounded (path, "profile", &length, error);
  if (data == NULL)
    return NULL;

  document = pp_profile_document_parse (path, data, length, error);
  if (document == NULL)
    return NULL;

  return apply_options (document, options, error);
}

/**
 * pp_profile_load:
 * @name_or_path: a bundled profile name, or else the path of a profile file
 * @options: (nullable): geography and workspace ID
 * @error: return location for a %PP_PROFILE_ERROR
 *
 * Bundled names win over files in the current directory, so that
 * "mde-standard" means the same thing wherever the tool is started.
 *
 * Returns: (transfer full): the profile, filtered and substituted
 */
PpProfile *
pp_profile_load (const char              *name_or_path,
                 const PpProfileOptions  *options,
                 GError                 **error)
{
  g_return_val_if_fail (name_or_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strv_contains (bundled_names, name_or_path))
    return pp_profile_load_bundled (name_or_path, options, error);

  if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      set_not_found (name_or_path, error);
      return NULL;
    }

  return pp_profile_load_file (name_or_path, options, error);
}

/**
 * pp_profile_new_from_endpoints:
 * @endpoints: (element-type PpEndpoint) (transfer none): the endpoints
 *
 * Returns: (transfer full): a profile holding a reference to each endpoint
 */
PpProfile *
pp_profile_new_from_endpoints (const char *name,
                               const char *title,
                               GPtrArray  *endpoints)
{
  PpProfile *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (endpoints != NULL, NULL);

  self = pp_profile_new (name, title ? title : name, NULL);
  for (guint i = 0; i < endpoints->len; i++)
    g_ptr_array_add (self->endpoints, pp_endpoint_ref (g_ptr_array_index (endpoints, i)));

  return self;
}

/**
 * pp_profile_new_received:
 * @geography: (nullable): the geography the run was filtered by
 * @endpoints: (element-type PpEndpoint) (transfer none): the endpoints
 *
 * The profile of a received report: only what report.json records.
 *
 * Returns: (transfer full): a profile holding a reference to each endpoint
 */
PpProfile *
pp_profile_new_received (const char *name,
                         const char *title,
                         const char *geography,
                         GPtrArray  *endpoints)
{
  PpProfile *self = pp_profile_new_from_endpoints (name, title, endpoints);

  g_return_val_if_fail (self != NULL, NULL);
  self->geography = g_strdup (geography);

  return self;
}

/**
 * pp_profile_set_agent:
 * @agent: (nullable): the service's agent, or %NULL for none
 *
 * For received reports, whose profile is rebuilt from report.json.
 */
void
pp_profile_set_agent (PpProfile *self,
                      PpAgent   *agent)
{
  g_return_if_fail (PP_IS_PROFILE (self));

  g_clear_pointer (&self->agent, pp_agent_unref);
  self->agent = agent ? pp_agent_ref (agent) : NULL;
}

/**
 * pp_profile_get_agent:
 *
 * Returns: (transfer none) (nullable): the agent that uses these
 *   endpoints, %NULL when the profile names none
 */
PpAgent *
pp_profile_get_agent (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->agent;
}

/**
 * pp_profile_mark_agent_endpoints:
 * @agent_uses: whether the agent uses an endpoint now
 *
 * Marks the endpoints the agent's onboarding names as its own
 * (PpEndpoint.agent_uses). Endpoints are shared values: call it before
 * the profile is planned.
 */
void
pp_profile_mark_agent_endpoints (PpProfile           *self,
                                 PpEndpointPredicate  agent_uses,
                                 gpointer             user_data)
{
  GPtrArray *marked;

  g_return_if_fail (PP_IS_PROFILE (self));
  g_return_if_fail (agent_uses != NULL);

  marked = pp_profile_merge_mark (self->endpoints, agent_uses, user_data);
  g_ptr_array_unref (self->endpoints);
  self->endpoints = marked;
}

const char *
pp_profile_get_name (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->name;
}

const char *
pp_profile_get_title (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->title;
}

/* Returns the profile's one-sentence description, or "" when it has none. */
const char *
pp_profile_get_description (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->description;
}

/* Returns the geography chosen when loading, or NULL for all of them. */
const char *
pp_profile_get_geography (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return self->geography;
}

/* Returns the geographies one may choose; empty, never NULL, for URL lists
 * and profiles without geographies. */
const char * const *
pp_profile_get_geographies (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);

  return (const char * const *) self->geographies;
}

guint
pp_profile_get_n_endpoints (PpProfile *self)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), 0);

  return self->endpoints->len;
}

/**
 * pp_profile_get_endpoint:
 *
 * Returns: (transfer none): the endpoint at @position
 */
PpEndpoint *
pp_profile_get_endpoint (PpProfile *self,
                         guint      position)
{
  g_return_val_if_fail (PP_IS_PROFILE (self), NULL);
  g_return_val_if_fail (position < self->endpoints->len, NULL);

  return g_ptr_array_index (self->endpoints, position);
}
