/* pp-agent.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-agent.h"

#include "pp-json.h"
#include "pp-redact.h"

struct _PpAgent
{
  gatomicrefcount ref_count;
  char *name;
  GArray *path;       /* of PpAgentStep, in the agent's order */
  PpAgentFallback fallback;
  char **domains;     /* documented wildcard domains, "*.example.com"; never NULL */
};

G_DEFINE_BOXED_TYPE (PpAgent, pp_agent, pp_agent_ref, pp_agent_unref)
G_DEFINE_QUARK (pp-agent-error-quark, pp_agent_error)

static const char * const step_ids[] = {
  [PP_AGENT_STEP_NAMED] = "named",
  [PP_AGENT_STEP_LOCAL] = "local",
  [PP_AGENT_STEP_DEFAULT] = "default",
  [PP_AGENT_STEP_ENV] = "env",
  [PP_AGENT_STEP_DIRECT] = "direct",
};

static const char * const agent_keys[] = {
  "name", "path", "falls_back_to_direct", "domains", NULL
};

PpAgent *
pp_agent_new (const char         *name,
              const PpAgentStep  *path,
              guint               n_steps,
              PpAgentFallback     fallback,
              const char * const *domains)
{
  PpAgent *self = g_new0 (PpAgent, 1);

  g_return_val_if_fail (name != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->path = g_array_new (FALSE, FALSE, sizeof (PpAgentStep));
  g_array_append_vals (self->path, path, n_steps);
  self->fallback = fallback;
  self->domains = domains ? g_strdupv ((char **) domains) : g_new0 (char *, 1);

  return self;
}

PpAgent *
pp_agent_ref (PpAgent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pp_agent_unref (PpAgent *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_array_unref (self->path);
  g_strfreev (self->domains);
  g_free (self);
}

const char *
pp_agent_get_name (const PpAgent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

guint
pp_agent_get_n_steps (const PpAgent *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->path->len;
}

PpAgentStep
pp_agent_get_step (const PpAgent *self,
                   guint          position)
{
  g_return_val_if_fail (self != NULL && position < self->path->len, PP_AGENT_STEP_DIRECT);

  return g_array_index (self->path, PpAgentStep, position);
}

PpAgentFallback
pp_agent_get_fallback (const PpAgent *self)
{
  g_return_val_if_fail (self != NULL, PP_AGENT_FALLBACK_UNKNOWN);

  return self->fallback;
}

const char * const *
pp_agent_get_domains (const PpAgent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->domains;
}

/* The method that measures a step; the agent's local setting has none,
 * as no method reads it. */
gboolean
pp_agent_step_to_method (PpAgentStep  step,
                         PpMethod    *method)
{
  switch (step)
    {
    case PP_AGENT_STEP_NAMED: *method = PP_METHOD_NAMED; return TRUE;
    case PP_AGENT_STEP_DEFAULT: *method = PP_METHOD_DEFAULT; return TRUE;
    case PP_AGENT_STEP_ENV: *method = PP_METHOD_ENV; return TRUE;
    case PP_AGENT_STEP_DIRECT: *method = PP_METHOD_DIRECT; return TRUE;
    case PP_AGENT_STEP_LOCAL:
    default:
      return FALSE;
    }
}

const char *
pp_agent_step_to_id (PpAgentStep step)
{
  g_return_val_if_fail (step < G_N_ELEMENTS (step_ids), "direct");

  return step_ids[step];
}

/* JSON's true/false/"unknown", as the profile writes it. */
const char *
pp_agent_fallback_to_id (PpAgentFallback fallback)
{
  switch (fallback)
    {
    case PP_AGENT_FALLBACK_YES: return "true";
    case PP_AGENT_FALLBACK_NO: return "false";
    case PP_AGENT_FALLBACK_UNKNOWN:
    default:
      return "unknown";
    }
}

/* Parsing: errors read "FILE: $.agent.path[1]: message", as the rest of
 * the profile's (pp-profile-schema.c). */

static gboolean invalid (GError **error, const char *file, const char *where,
                         const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError     **error,
         const char  *file,
         const char  *where,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PP_AGENT_ERROR, PP_AGENT_ERROR_INVALID, "%s: $.agent%s: %s",
               file, where, message);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_keys (const char  *file,
            JsonObject  *object,
            GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autofree char *keys = g_strjoinv (", ", (char **) agent_keys);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (agent_keys, l->data))
      {
        g_autofree char *quoted = pp_redact_quote (l->data);

        return invalid (error, file, "", "unknown key \"%s\"; the keys of the agent are %s",
                        quoted, keys);
      }

  return TRUE;
}

static gboolean
parse_step (const char   *file,
            JsonNode     *node,
            guint         index,
            PpAgentStep  *step,
            GError      **error)
{
  g_autofree char *where = g_strdup_printf (".path[%u]", index);

  for (guint i = 0; is_string (node) && i < G_N_ELEMENTS (step_ids); i++)
    if (g_str_equal (json_node_get_string (node), step_ids[i]))
      {
        *step = i;
        return TRUE;
      }

  return invalid (error, file, where, "expected one of \"named\", \"local\", \"default\", "
                  "\"env\", \"direct\"");
}

static GArray *
parse_path (const char  *file,
            JsonObject  *object,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "path");
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (PpAgentStep));
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      invalid (error, file, ".path", "expected a non-empty array of steps, e.g. "
               "[\"named\", \"local\", \"direct\"]");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PpAgentStep step;

      if (!parse_step (file, json_array_get_element (array, i), i, &step, error))
        return NULL;
      g_array_append_val (path, step);
    }

  return g_steal_pointer (&path);
}

static gboolean
parse_fallback (const char       *file,
                JsonObject       *object,
                PpAgentFallback  *fallback,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, "falls_back_to_direct");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *fallback = json_node_get_boolean (node) ? PP_AGENT_FALLBACK_YES : PP_AGENT_FALLBACK_NO;
      return TRUE;
    }
  if (node != NULL && is_string (node) && g_str_equal (json_node_get_string (node), "unknown"))
    {
      *fallback = PP_AGENT_FALLBACK_UNKNOWN;
      return TRUE;
    }

  return invalid (error, file, ".falls_back_to_direct", "expected true, false or \"unknown\"");
}

static char **
parse_domains (const char  *file,
               JsonObject  *object,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "domains");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, file, ".domains", "expected an array of \"*.example.com\" strings");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (".domains[%u]", i);

      if (!is_string (element) || !g_str_has_prefix (json_node_get_string (element), "*.") ||
          json_node_get_string (element)[2] == '\0')
        {
          invalid (error, file, where, "expected a wildcard domain such as \"*.example.com\"");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/**
 * pp_agent_parse:
 * @file: how messages name the document
 * @node: the value of $.agent
 *
 * Returns: (transfer full): the agent, or %NULL with a
 *   %PP_AGENT_ERROR_INVALID error naming the place
 */
PpAgent *
pp_agent_parse (const char  *file,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(GArray) path = NULL;
  g_auto(GStrv) domains = NULL;
  PpAgentFallback fallback = PP_AGENT_FALLBACK_UNKNOWN;
  JsonObject *object;
  JsonNode *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, file, "", "expected an object, found %s", pp_json_describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  name = json_object_get_member (object, "name");
  if (!check_keys (file, object, error))
    return NULL;
  if (name == NULL || !is_string (name) || *json_node_get_string (name) == '\0')
    {
      invalid (error, file, ".name", "expected the agent's name, e.g. \"Defender for Endpoint on Linux\"");
      return NULL;
    }
  path = parse_path (file, object, error);
  if (path == NULL || !parse_fallback (file, object, &fallback, error))
    return NULL;
  domains = parse_domains (file, object, error);
  if (domains == NULL)
    return NULL;

  return pp_agent_new (json_node_get_string (name), (PpAgentStep *) path->data, path->len,
                       fallback, (const char * const *) domains);
}

/* Adds one object value, the profile's own form: report.json carries it
 * so that a received report gives the same verdict. */
void
pp_agent_to_json (const PpAgent *self,
                  JsonBuilder   *builder)
{
  g_return_if_fail (self != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "path");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->path->len; i++)
    json_builder_add_string_value (builder, step_ids[g_array_index (self->path, PpAgentStep, i)]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "falls_back_to_direct");
  if (self->fallback == PP_AGENT_FALLBACK_UNKNOWN)
    json_builder_add_string_value (builder, "unknown");
  else
    json_builder_add_boolean_value (builder, self->fallback == PP_AGENT_FALLBACK_YES);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint i = 0; self->domains[i]; i++)
    json_builder_add_string_value (builder, self->domains[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
