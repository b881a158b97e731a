/* pp-run-results-json.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-run-results-json.h"
#include "pp-log.h"

#include <math.h>

#include "pp-json.h"
#include "pp-report-json.h"
#include "pp-report-zip.h"

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
               "report.json: %s; the report is damaged or not from Proxy Probe: ask for "
               "the zip again", message);

  return FALSE;
}

/* NULL for a missing member, null, or anything but a string. */
static char *
dup_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

/* 0 for a missing member, null (a status that was not there), or a
 * value out of range. */
static gint64
get_int (JsonObject *object,
         const char *name,
         gint64      max)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);

  return value >= 0 && value <= max ? value : 0;
}

static gboolean
get_bool (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GPtrArray *
read_string_array (JsonArray *array)
{
  return pp_json_dup_strings (array, 0, 0);
}

/* The report writes ms as a double: back to whole microseconds. */
static gint64
get_us (JsonObject *object,
        const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  double ms;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  ms = json_node_get_double (node);

  return isfinite (ms) && ms >= 0 && ms < 1e12 ? (gint64) (ms * 1000.0 + 0.5) : 0;
}

static void
read_timings (JsonObject *object,
              PpTimings  *timings)
{
  JsonObject *t = get_object (object, "timings_ms");

  timings->dns = get_us (t, "dns");
  timings->connect = get_us (t, "connect");
  timings->tls = get_us (t, "tls");
  timings->first_byte = get_us (t, "first_byte");
  timings->total = get_us (t, "total");
}

static void
read_tls (JsonObject   *object,
          PpTlsSummary *tls)
{
  JsonObject *t = get_object (object, "tls");

  if (t == NULL)
    return;
  tls->present = TRUE;
  tls->verified = get_bool (t, "verified");
  tls->inspected = get_bool (t, "inspected");
  tls->subject = dup_string (t, "subject");
  tls->issuer = dup_string (t, "issuer");
  tls->root = dup_string (t, "root");
  tls->leaf_sha256 = dup_string (t, "leaf_sha256");
  g_clear_pointer (&tls->chain, g_ptr_array_unref);
  tls->chain = read_string_array (get_array (t, "chain"));
}

static void
read_attempts (JsonObject    *object,
               PpProbeResult *result)
{
  JsonArray *attempts = get_array (object, "attempts");

  for (guint i = 0; attempts != NULL && i < json_array_get_length (attempts); i++)
    {
      JsonObject *attempt = array_object (attempts, i);
      g_autofree char *proxy = NULL;
      g_autofree char *id = NULL;
      PpOutcome outcome = PP_OUTCOME_ERROR;

      if (attempt == NULL)
        continue;
      proxy = dup_string (attempt, "proxy");
      id = dup_string (attempt, "outcome");
      if (id != NULL)
        pp_outcome_from_id (id, &outcome);
      pp_probe_result_add_attempt (result, proxy, outcome,
                                   (int) get_int (attempt, "curl_code", G_MAXINT));
    }
}

/* null stays NULL: a method without a PAC differs from a PAC without
 * look-ups. */
static char **
read_strv_or_null (JsonObject *object,
                   const char *name)
{
  JsonArray *array = get_array (object, name);
  g_autoptr(GPtrArray) strings = NULL;

  if (array == NULL)
    return NULL;
  strings = read_string_array (array);
  g_ptr_array_add (strings, NULL);

  return (char **) g_ptr_array_steal (strings, NULL);
}

static PpAnswerer
read_answerer (JsonObject *object)
{
  g_autofree char *id = dup_string (object, "answered_by");

  for (PpAnswerer a = PP_ANSWERER_ORIGIN; id != NULL && a <= PP_ANSWERER_UNKNOWN; a++)
    if (g_str_equal (id, pp_answerer_to_id (a)))
      return a;

  return PP_ANSWERER_NONE;
}

static void
read_statuses (JsonObject    *object,
               PpProbeResult *result)
{
  result->http_status = get_int (object, "http_status", 999);
  result->connect_status = get_int (object, "connect_status", 999);
  result->proxy_status = get_int (object, "proxy_status", 999);
  result->ambiguous_status = get_int (object, "ambiguous_status", 999);
  result->answered_by = read_answerer (object);
}

static void
read_details (JsonObject    *object,
              PpProbeResult *result)
{
  g_autoptr(GPtrArray) urls = read_string_array (get_array (object, "requested_urls"));

  result->curl_code = (int) get_int (object, "curl_code", G_MAXINT);
  result->curl_message = dup_string (object, "curl_message");
  result->detail = dup_string (object, "detail");
  result->method_note = dup_string (object, "method_note");
  result->pac_lookups = read_strv_or_null (object, "pac_lookups");
  result->remote_address = dup_string (object, "remote_address");
  result->proxy = dup_string (object, "proxy");
  result->transparent_proxy = dup_string (object, "transparent_proxy");
  result->redirect_count = get_int (object, "redirects", G_MAXUINT);
  result->final_url = dup_string (object, "final_url");
  result->requested_urls = g_steal_pointer (&urls);
}

static PpProbeResult *
read_probe (JsonObject  *object,
            PpEndpoint  *endpoint,
            PpMethod     method,
            guint        index,
            GError     **error)
{
  g_autofree char *outcome_id = dup_string (object, "outcome");
  g_autoptr(PpProbeResult) result = pp_probe_result_new (endpoint, method);

  if (outcome_id == NULL || !pp_outcome_from_id (outcome_id, &result->outcome))
    {
      fail (error, "probe %u has no known outcome", index + 1);
      return NULL;
    }
  read_statuses (object, result);
  read_details (object, result);
  read_timings (object, &result->timings);
  read_attempts (object, result);
  read_tls (object, &result->tls);

  return g_steal_pointer (&result);
}

static GArray *
read_methods (JsonObject  *root,
              GError     **error)
{
  JsonArray *array = get_array (root, "methods");
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *id = object ? dup_string (object, "id") : NULL;
      PpMethod method;

      if (id == NULL || !pp_method_from_id (id, &method))
        {
          fail (error, "method %u is not one Proxy Probe knows", i + 1);
          return NULL;
        }
      g_array_append_val (methods, method);
    }
  if (methods->len == 0)
    {
      fail (error, "the list of methods is missing");
      return NULL;
    }

  return g_steal_pointer (&methods);
}

/* The plan's order is endpoint-major: the first probe of each endpoint
 * names it, and every probe must match its place. */
static gboolean
check_probe (JsonObject  *probe,
             PpEndpoint  *endpoint,
             PpMethod     method,
             guint        index,
             GError     **error)
{
  g_autofree char *url = probe ? dup_string (probe, "url") : NULL;
  g_autofree char *method_id = probe ? dup_string (probe, "method") : NULL;

  if (url == NULL || method_id == NULL)
    return fail (error, "probe %u has no url or method", index + 1);
  if (endpoint != NULL && !g_str_equal (url, endpoint->url))
    return fail (error, "probe %u (%s) is out of order: expected %s", index + 1, url,
                 endpoint->url);
  if (!g_str_equal (method_id, pp_method_to_id (method)))
    return fail (error, "probe %u is for method %s where %s was expected", index + 1,
                 method_id, pp_method_to_id (method));

  return TRUE;
}

static PpEndpoint *
endpoint_for_probe (JsonObject *probe)
{
  g_autofree char *url = dup_string (probe, "url");
  g_autofree char *service = dup_string (probe, "service");
  PpEndpoint *endpoint = pp_endpoint_new (url, service, NULL, NULL, 0, NULL, NULL);

  /* Absent in reports written before the onboarding was read: FALSE. */
  endpoint->agent_uses = get_bool (probe, "agent_uses");

  return endpoint;
}

static gboolean
read_probes (JsonArray  *probes,
             GArray     *methods,
             GPtrArray  *endpoints,
             GPtrArray  *results,
             GError    **error)
{
  guint n_probes = json_array_get_length (probes);
  PpEndpoint *endpoint = NULL;

  if (n_probes % methods->len != 0)
    return fail (error, "%u probes do not fill %u methods per endpoint", n_probes, methods->len);

  for (guint i = 0; i < n_probes; i++)
    {
      JsonObject *object = array_object (probes, i);
      PpMethod method = g_array_index (methods, PpMethod, i % methods->len);
      PpProbeResult *result;

      if (!check_probe (object, i % methods->len ? endpoint : NULL, method, i, error))
        return FALSE;
      if (i % methods->len == 0)
        {
          endpoint = endpoint_for_probe (object);
          g_ptr_array_add (endpoints, endpoint);
        }
      result = read_probe (object, endpoint, method, i, error);
      if (result == NULL)
        return FALSE;
      g_ptr_array_add (results, result);
    }

  return TRUE;
}

/* How the probes ran, when the report says. */
static void
read_run (JsonObject   *root,
          PpRunResults *results)
{
  JsonObject *run = get_object (root, "run");
  PpConcurrency concurrency;

  if (run == NULL)
    return;
  concurrency.requested = get_int (run, "concurrency_requested", G_MAXUINT);
  concurrency.used = get_int (run, "concurrency", G_MAXUINT);
  concurrency.open_files_limit = get_int (run, "open_files_limit", G_MAXUINT);
  if (concurrency.requested > 0 && concurrency.used > 0)
    pp_run_results_set_concurrency (results, &concurrency);
}

/* A received report gives the verdict its sender saw: the agent comes
 * with it. One that is damaged is left out (the verdict then speaks of
 * methods), not a reason to refuse the report. */
static void
read_agent (JsonObject *profile_object,
            PpProfile  *profile)
{
  JsonNode *node = profile_object ? json_object_get_member (profile_object, "agent") : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpAgent) agent = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  agent = pp_agent_parse ("report.json: $.profile", node, &error);
  if (agent == NULL)
    pp_debug ("the report's agent is left out: %s", error->message);
  pp_profile_set_agent (profile, agent);
}

/* Where the sender's agent proxy was set: the verdict names it. */
static void
read_named_source (JsonObject   *root,
                   PpRunResults *results)
{
  JsonObject *named = get_object (get_object (root, "configuration"), "named_proxy");
  g_autofree char *source = named ? dup_string (named, "source") : NULL;

  pp_run_results_set_named_source (results, source);
}

static PpPlan *
read_plan (JsonObject *root,
           GArray     *methods,
           GPtrArray  *endpoints)
{
  JsonObject *object = get_object (root, "profile");
  g_autofree char *name = object ? dup_string (object, "name") : NULL;
  g_autofree char *title = object ? dup_string (object, "title") : NULL;
  g_autofree char *geography = object ? dup_string (object, "geography") : NULL;
  g_autoptr(PpProfile) profile = pp_profile_new_received (name ? name : "received", title,
                                                          geography, endpoints);

  read_agent (object, profile);
  return pp_plan_new (profile, methods);
}

static JsonObject *
read_root (JsonNode  *node,
           GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, "expected an object, found %s", node ? pp_json_describe_node (node) : "nothing");
      return NULL;
    }
  return json_node_get_object (node);
}

/* Reports written before the run had an identity have none: the run
 * keeps the one it was made with, and names no host. */
static void
read_identity (JsonObject   *root,
               PpRunResults *run)
{
  g_autofree char *run_id = dup_string (root, "run_id");
  g_autofree char *started_text = dup_string (root, "started");
  g_autoptr(GDateTime) started = started_text ? g_date_time_new_from_iso8601 (started_text, NULL)
                                              : NULL;
  g_autoptr(PpHost) host = pp_host_new_from_json (get_object (root, "host"));

  if (run_id != NULL && g_uuid_string_is_valid (run_id) && started != NULL)
    pp_run_results_set_identity (run, run_id, started);
  pp_run_results_set_host (run, host);
}

/* Returns whether the document is a report we can read; @error says
 * where it is not. */
static gboolean
read_report (JsonObject     *root,
             PpRunResults  **results,
             GError        **error)
{
  g_autoptr(GArray) methods = NULL;
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(PpPlan) plan = NULL;
  JsonArray *array;

  methods = read_methods (root, error);
  if (methods == NULL)
    return FALSE;
  array = get_array (root, "probes");
  if (array == NULL)
    return fail (error, "the list of probes is missing");
  if (!read_probes (array, methods, endpoints, probes, error))
    return FALSE;

  plan = read_plan (root, methods, endpoints);
  *results = pp_run_results_new_finished (plan, probes);
  read_run (root, *results);
  read_named_source (root, *results);
  pp_debug ("read a report of %u endpoints x %u methods", endpoints->len, methods->len);

  return TRUE;
}

/**
 * pp_run_results_new_from_report_object:
 * @root: the parsed proxyprobe-report/1 document
 *
 * For a reader that wants more of the document than the run (the fleet
 * merge reads the configuration too) and parses it once.
 *
 * Returns: (transfer full): the report's run, or NULL with @error set
 */
PpRunResults *
pp_run_results_new_from_report_object (JsonObject  *root,
                                       GError     **error)
{
  g_autofree char *schema = NULL;
  PpRunResults *run = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = dup_string (root, "schema");
  if (g_strcmp0 (schema, PP_REPORT_SCHEMA) != 0)
    {
      fail (error, "schema is %s, not " PP_REPORT_SCHEMA, schema ? schema : "missing");
      return NULL;
    }
  if (!read_report (root, &run, error))
    return NULL;
  read_identity (root, run);

  return run;
}

/**
 * pp_run_results_new_from_report_json:
 * @data: a proxyprobe-report/1 document (report.json of a received zip)
 * @length: its length, or -1 when nul-terminated
 *
 * Parsed with a bounded depth: the document comes from elsewhere.
 *
 * Returns: (transfer full): the report's run, its plan's profile made of
 *   the report's endpoints, or NULL with @error set
 */
PpRunResults *
pp_run_results_new_from_report_json (const char  *data,
                                     gssize       length,
                                     GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pp_json_parse_root (data, length, error);
  if (node == NULL || (root = read_root (node, error)) == NULL)
    return NULL;

  return pp_run_results_new_from_report_object (root, error);
}
