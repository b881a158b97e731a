/* pp-agent-view.c: Defender for Endpoint's own view of its health and connectivity
 *
 * Our verdict is about the paths a probe can take; the agent knows what
 * it itself reaches. Where it is installed, `mdatp health --output json`
 * and `mdatp connectivity test` are asked (each bounded in time and
 * size) and shown beside our verdict; where it is not, the reports say so.
 * A --sysroot holds another machine's files: this machine's agent is not
 * that machine's, so it is not asked.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-agent-view.h"
#include "pp-command.h"
#include "pp-json.h"
#include "pp-log.h"
#include "pp-redact.h"

#include <string.h>

void
pp_agent_view_free (PpAgentView *self)
{
  if (self == NULL)
    return;

  g_free (self->command);
  g_free (self->not_asked);
  g_free (self->version);
  g_free (self->healthy);
  g_strfreev (self->health_issues);
  g_free (self->definitions_status);
  g_free (self->health_problem);
  g_free (self->connectivity);
  g_free (self->connectivity_problem);
  g_free (self);
}

/* Newer agents wrap each value: { "value": … }. */
static JsonNode *
field (JsonObject *health,
       const char *name)
{
  JsonNode *node = json_object_get_member (health, name);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "value"))
    node = json_object_get_member (json_node_get_object (node), "value");

  return node;
}

static char *
field_text (JsonObject *health,
            const char *name)
{
  JsonNode *node = field (health, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strndup (json_node_get_string (node), 256);
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static char **
field_strings (JsonObject *health,
               const char *name)
{
  JsonNode *node = field (health, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 64; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              g_autofree char *issue = g_strndup (json_node_get_string (element), 256);

              g_strv_builder_add (builder, issue);
            }
        }
    }

  return g_strv_builder_end (builder);
}

/* Only what says whether the agent works: never its organization or
 * machine identifiers. */
static void
read_health (PpAgentView  *self,
             guint         timeout_ms,
             GCancellable *stop)
{
  const char *argv[] = { self->command, "health", "--output", "json", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *output = NULL;
  JsonObject *health;

  output = pp_command_run_bounded (argv, timeout_ms, PP_AGENT_VIEW_MAX_OUTPUT, stop, NULL, &error);
  if (output != NULL)
    parser = pp_json_parse (output, -1, &error);
  if (parser != NULL && !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    g_set_error (&error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID, "not a JSON object");
  if (error != NULL)
    {
      self->health_problem = g_strdup_printf ("mdatp health --output json: %s", error->message);
      return;
    }

  health = json_node_get_object (json_parser_get_root (parser));
  self->version = field_text (health, "app_version");
  self->healthy = field_text (health, "healthy");
  self->health_issues = field_strings (health, "health_issues");
  self->definitions_status = field_text (health, "definitions_status");
}

typedef struct
{
  PpAgentView *view;
  guint timeout_ms;
  GCancellable *stop;
} ConnectivityJob;

static void
read_connectivity (PpAgentView  *self,
                   guint         timeout_ms,
                   GCancellable *stop)
{
  const char *argv[] = { self->command, "connectivity", "test", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  output = pp_command_run_bounded (argv, timeout_ms, PP_AGENT_VIEW_MAX_OUTPUT, stop, &status, &error);
  if (output == NULL)
    {
      self->connectivity_problem = g_strdup_printf ("mdatp connectivity test: %s",
                                                    error->message);
      return;
    }
  if (!g_utf8_validate (output, -1, NULL))
    {
      char *valid = g_utf8_make_valid (output, -1);

      g_free (output);
      output = valid;
    }
  self->connectivity = pp_redact (g_strstrip (output));
  if (!g_spawn_check_wait_status (status, &error))
    self->connectivity_problem = g_strdup_printf ("mdatp connectivity test: %s", error->message);
}

static gpointer
connectivity_thread (gpointer data)
{
  ConnectivityJob *job = data;

  read_connectivity (job->view, job->timeout_ms, job->stop);

  return NULL;
}

/**
 * pp_agent_view_collect:
 * @sysroot: (nullable): the --sysroot; when set, the agent is not asked
 * @stop: (nullable): cancelled, both commands are killed and the view
 *   says they were stopped
 *
 * Blocking: up to @timeout_ms. The connectivity test tries a few dozen
 * URLs and may take most of its bound, so the health is asked beside
 * it, not after it. Never fails: what could not be learned is said in
 * the view.
 */
PpAgentView *
pp_agent_view_collect (const char   *sysroot,
                       guint         timeout_ms,
                       GCancellable *stop)
{
  g_autoptr(PpAgentView) self = g_new0 (PpAgentView, 1);
  ConnectivityJob job;
  GThread *connectivity;

  if (timeout_ms == 0)
    timeout_ms = PP_AGENT_VIEW_TIMEOUT_MS;
  if (sysroot != NULL)
    self->not_asked = g_strdup ("not asked: --sysroot reads another machine's files");
  else if ((self->command = g_find_program_in_path ("mdatp")) == NULL)
    self->not_asked = g_strdup ("not installed (no mdatp command on PATH)");
  if (self->command == NULL)
    {
      self->health_issues = g_new0 (char *, 1);
      pp_debug ("Defender for Endpoint: %s", self->not_asked);
      return g_steal_pointer (&self);
    }

  /* Each writes only its own fields of the view. */
  job = (ConnectivityJob) { self, timeout_ms, stop };
  connectivity = g_thread_new ("pp-agent-connectivity", connectivity_thread, &job);
  read_health (self, timeout_ms, stop);
  g_thread_join (connectivity);
  if (self->health_issues == NULL)
    self->health_issues = g_new0 (char *, 1);
  pp_debug ("Defender for Endpoint: %s, version %s, healthy %s", self->command,
            self->version ? self->version : "unknown", self->healthy ? self->healthy : "unknown");

  return g_steal_pointer (&self);
}

/* One line: "version 101.x, healthy false (issues: a, b)" or why not.
 * A NULL view is one still being asked (pp_config_peek_agent_view()). */
char *
pp_agent_view_format_summary (const PpAgentView *self)
{
  GString *text;

  if (self == NULL)
    return g_strdup ("being asked (mdatp health, mdatp connectivity test)");
  if (self->command == NULL)
    return g_strdup (self->not_asked);

  text = g_string_new (NULL);
  g_string_append_printf (text, "version %s, healthy %s", self->version ? self->version : "unknown",
                          self->healthy ? self->healthy : "unknown");
  if (self->health_issues[0] != NULL)
    {
      g_autofree char *issues = g_strjoinv (", ", self->health_issues);

      g_string_append_printf (text, " (issues: %s)", issues);
    }
  if (self->definitions_status)
    g_string_append_printf (text, ", definitions %s", self->definitions_status);
  if (self->health_problem)
    g_string_append_printf (text, "; %s", self->health_problem);

  return g_string_free (text, FALSE);
}

/* For system.txt: the summary, then the connectivity test's own words. */
char *
pp_agent_view_format_text (const PpAgentView *self)
{
  g_autofree char *summary = NULL;
  GString *text;

  summary = pp_agent_view_format_summary (self);
  text = g_string_new (NULL);
  g_string_append_printf (text, "Defender for Endpoint: %s\n", summary);
  if (self == NULL || self->command == NULL)
    return g_string_free (text, FALSE);

  g_string_append_printf (text, "Defender for Endpoint's connectivity test (%s connectivity test):\n",
                          self->command);
  if (self->connectivity && *self->connectivity)
    {
      g_auto(GStrv) lines = g_strsplit (self->connectivity, "\n", -1);

      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (text, "  %s\n", lines[i]);
    }
  if (self->connectivity_problem)
    g_string_append_printf (text, "  (%s)\n", self->connectivity_problem);

  return g_string_free (text, FALSE);
}
