/* pp-diagnosis-format.c: the diagnosis as text and JSON
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-diagnosis.h"

/* The answer first: "Verdict: ..." and its notes. */
char *
pp_diagnosis_format_verdict (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, "Verdict: %s\n", self->headline);
  for (guint i = 0; i < self->notes->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (self->notes, i));

  return g_string_free (out, FALSE);
}

static void
append_causes (GString           *out,
               const PpDiagnosis *self)
{
  if (self->causes->len == 0)
    return;
  g_string_append (out, "Root causes:\n");
  for (guint i = 0; i < self->causes->len; i++)
    {
      const PpCause *cause = g_ptr_array_index (self->causes, i);

      g_string_append_printf (out, "  - %s%s\n", cause->line,
                              self->path.known && !cause->on_agent_path
                              ? " (not on the agent's path)" : "");
    }
}

/* Root causes, what to change, and the allow-list. */
char *
pp_diagnosis_format_causes (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  append_causes (out, self);
  if (self->fixes->len > 0)
    g_string_append (out, "What to change:\n");
  for (guint i = 0; i < self->fixes->len; i++)
    g_string_append_printf (out, "  - %s\n", (char *) g_ptr_array_index (self->fixes, i));
  if (self->allow_list->len > 0)
    g_string_append (out, "Allow-list (hosts a proxy blocked, asked a password for, or "
                          "inspected):\n");
  for (guint i = 0; i < self->allow_list->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (self->allow_list, i));

  return g_string_free (out, FALSE);
}

/* The whole diagnosis, as the GUI's summary shows and copies it. */
char *
pp_diagnosis_format_text (const PpDiagnosis *self)
{
  g_autofree char *verdict = pp_diagnosis_format_verdict (self);
  g_autofree char *causes = pp_diagnosis_format_causes (self);

  return g_strconcat (verdict, causes, NULL);
}

/* allowlist.txt: ready to paste, one host or wildcard domain a line. */
char *
pp_diagnosis_format_allow_list (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->allow_list->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (self->allow_list, i));

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_strings (JsonBuilder     *builder,
             const char      *name,
             const GPtrArray *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_methods (JsonBuilder *builder,
             guint        methods)
{
  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (PpMethod m = 0; m < PP_N_METHODS; m++)
    if (methods & PP_METHOD_BIT (m))
      json_builder_add_string_value (builder, pp_method_to_id (m));
  json_builder_end_array (builder);
}

static void
add_agent (JsonBuilder       *builder,
           const PpDiagnosis *self)
{
  const PpAgentPath *path = &self->path;

  json_builder_set_member_name (builder, "agent");
  if (self->agent_name == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_string (builder, "name", self->agent_name);
  add_string (builder, "path", path->known ? pp_agent_step_to_id (path->step) : NULL);
  add_string (builder, "method", path->known ? pp_method_to_id (path->method) : NULL);
  add_string (builder, "proxy", self->path_proxy);
  add_string (builder, "provenance", self->provenance);
  add_string (builder, "falls_back_to_direct", pp_agent_fallback_to_id (path->fallback));
  add_int (builder, "endpoints", path->n_endpoints);
  add_int (builder, "reachable", path->n_reached);
  add_int (builder, "proxy_unreachable", path->n_proxy_unreachable);
  add_int (builder, "reachable_if_fallback", path->n_reached + (path->fallback == PP_AGENT_FALLBACK_YES
                                                                ? 0 : path->n_reached_if_fallback));
  add_int (builder, "pending", path->n_pending);
  json_builder_end_object (builder);
}

static void
add_cause (JsonBuilder   *builder,
           const PpCause *cause)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", cause->id);
  add_string (builder, "subject", cause->subject);
  add_string (builder, "status", cause->status);
  add_int (builder, "endpoints", cause->n_endpoints);
  add_methods (builder, cause->methods);
  json_builder_set_member_name (builder, "on_agent_path");
  json_builder_add_boolean_value (builder, cause->on_agent_path);
  add_string (builder, "line", cause->line);
  add_string (builder, "ask", cause->ask);
  add_string (builder, "example", cause->example);
  add_strings (builder, "hosts", cause->hosts);
  json_builder_end_object (builder);
}

/* Adds one object value: the caller has set the member name. */
void
pp_diagnosis_to_json (const PpDiagnosis *self,
                      JsonBuilder       *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_string (builder, "headline", self->headline);
  add_agent (builder, self);
  add_strings (builder, "notes", self->notes);
  json_builder_set_member_name (builder, "causes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->causes->len; i++)
    add_cause (builder, g_ptr_array_index (self->causes, i));
  json_builder_end_array (builder);
  add_strings (builder, "fixes", self->fixes);
  add_string (builder, "snippet", self->snippet);
  add_strings (builder, "allow_list", self->allow_list);
  add_int (builder, "exit_status", self->exit_status);
  json_builder_end_object (builder);
}
