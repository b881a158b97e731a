/* pp-run-results-json.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-run-results-json.h"
#include "pp-log.h"

#include <math.h>

#include "pp-json.h"
#include "pp-json-doc.h"
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

/* The document being read: every helper takes it. */
typedef PpJsonDoc Doc;
typedef PpJsonRef Ref;

/* NULL for a missing member, null, or anything but a string. */
static char *
dup_string (Doc        *doc,
            Ref         object,
            const char *name)
{
  return g_strdup (pp_json_doc_string (doc, pp_json_doc_member (doc, object, name)));
}

/* 0 for a missing member, null (a status that was not there), or a
 * value out of range. */
static gint64
get_int (Doc        *doc,
         Ref         object,
         const char *name,
         gint64      max)
{
  gint64 value;

  if (!pp_json_doc_int (doc, pp_json_doc_member (doc, object, name), &value))
    return 0;

  return value >= 0 && value <= max ? value : 0;
}

static gboolean
get_bool (Doc        *doc,
          Ref         object,
          const char *name)
{
  return pp_json_doc_boolean (doc, pp_json_doc_member (doc, object, name));
}

static Ref
get_array (Doc        *doc,
           Ref         object,
           const char *name)
{
  return pp_json_doc_array_member (doc, object, name);
}

static Ref
get_object (Doc        *doc,
            Ref         object,
            const char *name)
{
  return pp_json_doc_object_member (doc, object, name);
}

/* An element that is an object, or 0. */
static Ref
as_object (Doc *doc,
           Ref  element)
{
  return pp_json_doc_type (doc, element) == PP_JSON_OBJECT ? element : 0;
}

static GPtrArray *
read_string_array (Doc *doc,
                   Ref  array)
{
  return pp_json_doc_dup_strings (doc, array, 0, 0);
}

/* The report writes ms as a double: back to whole microseconds. */
static gint64
get_us (Doc        *doc,
        Ref         object,
        const char *name)
{
  Ref member = pp_json_doc_member (doc, object, name);
  PpJsonType type = pp_json_doc_type (doc, member);
  double ms;

  if (type == PP_JSON_NONE || type == PP_JSON_NULL || type == PP_JSON_ARRAY ||
      type == PP_JSON_OBJECT)
    return 0;
  ms = pp_json_doc_double (doc, member);

  return isfinite (ms) && ms >= 0 && ms < 1e12 ? (gint64) (ms * 1000.0 + 0.5) : 0;
}

static void
read_timings (Doc       *doc,
              Ref        object,
              PpTimings *timings)
{
  Ref t = get_object (doc, object, "timings_ms");

  timings->dns = get_us (doc, t, "dns");
  timings->connect = get_us (doc, t, "connect");
  timings->tls = get_us (doc, t, "tls");
  timings->first_byte = get_us (doc, t, "first_byte");
  timings->total = get_us (doc, t, "total");
}

static void
read_tls (Doc          *doc,
          Ref           object,
          PpTlsSummary *tls)
{
  Ref t = get_object (doc, object, "tls");

  if (t == 0)
    return;
  tls->present = TRUE;
  tls->verified = get_bool (doc, t, "verified");
  tls->inspected = get_bool (doc, t, "inspected");
  tls->subject = dup_string (doc, t, "subject");
  tls->issuer = dup_string (doc, t, "issuer");
  tls->root = dup_string (doc, t, "root");
  tls->leaf_sha256 = dup_string (doc, t, "leaf_sha256");
  g_clear_pointer (&tls->chain, g_ptr_array_unref);
  tls->chain = read_string_array (doc, get_array (doc, t, "chain"));
}

static void
read_attempts (Doc           *doc,
               Ref            object,
               PpProbeResult *result)
{
  Ref attempts = get_array (doc, object, "attempts");

  for (Ref r = pp_json_doc_first (doc, attempts); r != 0; r = pp_json_doc_next (doc, r))
    {
      Ref attempt = as_object (doc, r);
      g_autofree char *proxy = NULL;
      g_autofree char *id = NULL;
      PpOutcome outcome = PP_OUTCOME_ERROR;

      if (attempt == 0)
        continue;
      proxy = dup_string (doc, attempt, "proxy");
      id = dup_string (doc, attempt, "outcome");
      if (id != NULL)
        pp_outcome_from_id (id, &outcome);
      pp_probe_result_add_attempt (result, proxy, outcome,
                                   (int) get_int (doc, attempt, "curl_code", G_MAXINT));
    }
}

/* null stays NULL: a method without a PAC differs from a PAC without
 * look-ups. */
static char **
read_strv_or_null (Doc        *doc,
                   Ref         object,
                   const char *name)
{
  Ref array = get_array (doc, object, name);
  g_autoptr(GPtrArray) strings = NULL;

  if (array == 0)
    return NULL;
  strings = read_string_array (doc, array);
  g_ptr_array_add (strings, NULL);

  return (char **) g_ptr_array_steal (strings, NULL);
}

static PpAnswerer
read_answerer (Doc *doc,
               Ref  object)
{
  const char *id = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "answered_by"));

  for (PpAnswerer a = PP_ANSWERER_ORIGIN; id != NULL && a <= PP_ANSWERER_UNKNOWN; a++)
    if (g_str_equal (id, pp_answerer_to_id (a)))
      return a;

  return PP_ANSWERER_NONE;
}

static void
read_statuses (Doc           *doc,
               Ref            object,
               PpProbeResult *result)
{
  result->http_status = get_int (doc, object, "http_status", 999);
  result->connect_status = get_int (doc, object, "connect_status", 999);
  result->proxy_status = get_int (doc, object, "proxy_status", 999);
  result->ambiguous_status = get_int (doc, object, "ambiguous_status", 999);
  result->answered_by = read_answerer (doc, object);
}

static void
read_details (Doc           *doc,
              Ref            object,
              PpProbeResult *result)
{
  g_autoptr(GPtrArray) urls = read_string_array (doc, get_array (doc, object, "requested_urls"));

  result->curl_code = (int) get_int (doc, object, "curl_code", G_MAXINT);
  result->curl_message = dup_string (doc, object, "curl_message");
  result->detail = dup_string (doc, object, "detail");
  result->method_note = dup_string (doc, object, "method_note");
  result->pac_lookups = read_strv_or_null (doc, object, "pac_lookups");
  result->remote_address = dup_string (doc, object, "remote_address");
  result->proxy = dup_string (doc, object, "proxy");
  result->transparent_proxy = dup_string (doc, object, "transparent_proxy");
  result->redirect_count = get_int (doc, object, "redirects", G_MAXUINT);
  result->final_url = dup_string (doc, object, "final_url");
  result->requested_urls = g_steal_pointer (&urls);
}

static PpProbeResult *
read_probe (Doc         *doc,
            Ref          object,
            PpEndpoint  *endpoint,
            PpMethod     method,
            guint        index,
            GError     **error)
{
  const char *outcome_id = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "outcome"));
  g_autoptr(PpProbeResult) result = pp_probe_result_new (endpoint, method);

  if (outcome_id == NULL || !pp_outcome_from_id (outcome_id, &result->outcome))
    {
      fail (error, "probe %u has no known outcome", index + 1);
      return NULL;
    }
  read_statuses (doc, object, result);
  read_details (doc, object, result);
  read_timings (doc, object, &result->timings);
  read_attempts (doc, object, result);
  read_tls (doc, object, &result->tls);

  return g_steal_pointer (&result);
}

static GArray *
read_methods (Doc     *doc,
              Ref      root,
              GError **error)
{
  Ref array = get_array (doc, root, "methods");
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  guint i = 0;

  for (Ref r = pp_json_doc_first (doc, array); r != 0; r = pp_json_doc_next (doc, r), i++)
    {
      Ref object = as_object (doc, r);
      const char *id = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "id"));
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
check_probe (Doc         *doc,
             Ref          probe,
             PpEndpoint  *endpoint,
             PpMethod     method,
             guint        index,
             GError     **error)
{
  const char *url = pp_json_doc_string (doc, pp_json_doc_member (doc, probe, "url"));
  const char *method_id = pp_json_doc_string (doc, pp_json_doc_member (doc, probe, "method"));

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
endpoint_for_probe (Doc *doc,
                    Ref  probe)
{
  g_autofree char *url = dup_string (doc, probe, "url");
  g_autofree char *service = dup_string (doc, probe, "service");
  PpEndpoint *endpoint = pp_endpoint_new (url, service, NULL, NULL, 0, NULL, NULL);

  /* Absent in reports written before the onboarding was read: FALSE. */
  endpoint->agent_uses = get_bool (doc, probe, "agent_uses");

  return endpoint;
}

static gboolean
read_probes (Doc        *doc,
             Ref         probes,
             GArray     *methods,
             GPtrArray  *endpoints,
             GPtrArray  *results,
             GError    **error)
{
  guint n_probes = pp_json_doc_length (doc, probes);
  PpEndpoint *endpoint = NULL;
  Ref r = pp_json_doc_first (doc, probes);

  if (n_probes % methods->len != 0)
    return fail (error, "%u probes do not fill %u methods per endpoint", n_probes, methods->len);

  for (guint i = 0; i < n_probes; i++, r = pp_json_doc_next (doc, r))
    {
      Ref object = as_object (doc, r);
      PpMethod method = g_array_index (methods, PpMethod, i % methods->len);
      PpProbeResult *result;

      if (!check_probe (doc, object, i % methods->len ? endpoint : NULL, method, i, error))
        return FALSE;
      if (i % methods->len == 0)
        {
          endpoint = endpoint_for_probe (doc, object);
          g_ptr_array_add (endpoints, endpoint);
        }
      result = read_probe (doc, object, endpoint, method, i, error);
      if (result == NULL)
        return FALSE;
      g_ptr_array_add (results, result);
    }

  return TRUE;
}

/* How the probes ran, when the report says. */
static void
read_run (Doc          *doc,
          Ref           root,
          PpRunResults *results)
{
  Ref run = get_object (doc, root, "run");
  PpConcurrency concurrency;

  if (run == 0)
    return;
  concurrency.requested = get_int (doc, run, "concurrency_requested", G_MAXUINT);
  concurrency.used = get_int (doc, run, "concurrency", G_MAXUINT);
  concurrency.open_files_limit = get_int (doc, run, "open_files_limit", G_MAXUINT);
  if (concurrency.requested > 0 && concurrency.used > 0)
    pp_run_results_set_concurrency (results, &concurrency);
}

/* A received report gives the verdict its sender saw: the agent comes
 * with it. One that is damaged is left out (the verdict then speaks of
 * methods), not a reason to refuse the report. The agent's reader takes
 * json-glib's tree: the agent is a few values. */
static void
read_agent (Doc       *doc,
            Ref        profile_object,
            PpProfile *profile)
{
  Ref member = pp_json_doc_member (doc, profile_object, "agent");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpAgent) agent = NULL;

  if (member == 0 || pp_json_doc_type (doc, member) == PP_JSON_NULL)
    return;
  node = pp_json_doc_to_node (doc, member);
  agent = pp_agent_parse ("report.json: $.profile", node, &error);
  if (agent == NULL)
    pp_debug ("the report's agent is left out: %s", error->message);
  pp_profile_set_agent (profile, agent);
}

/* Where the sender's agent proxy was set: the verdict names it. */
static void
read_named_source (Doc          *doc,
                   Ref           root,
                   PpRunResults *results)
{
  Ref named = get_object (doc, get_object (doc, root, "configuration"), "named_proxy");

  pp_run_results_set_named_source (results, pp_json_doc_string (doc, pp_json_doc_member (doc, named, "source")));
}

static PpPlan *
read_plan (Doc    *doc,
           Ref     root,
           GArray *methods,
           GPtrArray *endpoints)
{
  Ref object = get_object (doc, root, "profile");
  const char *name = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "name"));
  const char *title = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "title"));
  const char *geography = pp_json_doc_string (doc, pp_json_doc_member (doc, object, "geography"));
  g_autoptr(PpProfile) profile = pp_profile_new_received (name ? name : "received", title,
                                                          geography, endpoints);

  read_agent (doc, object, profile);
  return pp_plan_new (profile, methods);
}

/* Reports written before the run had an identity have none: the run
 * keeps the one it was made with, and names no host. The host's reader
 * takes json-glib's tree: the host is a few values. */
static void
read_identity (Doc          *doc,
               Ref           root,
               PpRunResults *run)
{
  const char *run_id = pp_json_doc_string (doc, pp_json_doc_member (doc, root, "run_id"));
  const char *started_text = pp_json_doc_string (doc, pp_json_doc_member (doc, root, "started"));
  g_autoptr(GDateTime) started = started_text ? g_date_time_new_from_iso8601 (started_text, NULL)
                                              : NULL;
  g_autoptr(JsonNode) host_node = pp_json_doc_to_node (doc, get_object (doc, root, "host"));
  g_autoptr(PpHost) host = pp_host_new_from_json (host_node ? json_node_get_object (host_node)
                                                            : NULL);

  if (run_id != NULL && g_uuid_string_is_valid (run_id) && started != NULL)
    pp_run_results_set_identity (run, run_id, started);
  pp_run_results_set_host (run, host);
}

/* Returns whether the document is a report we can read; @error says
 * where it is not. */
static gboolean
read_report (Doc           *doc,
             Ref            root,
             PpRunResults **results,
             GError       **error)
{
  g_autoptr(GArray) methods = NULL;
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(PpPlan) plan = NULL;
  Ref array;

  methods = read_methods (doc, root, error);
  if (methods == NULL)
    return FALSE;
  array = get_array (doc, root, "probes");
  if (array == 0)
    return fail (error, "the list of probes is missing");
  if (!read_probes (doc, array, methods, endpoints, probes, error))
    return FALSE;

  plan = read_plan (doc, root, methods, endpoints);
  *results = pp_run_results_new_finished (plan, probes);
  read_run (doc, root, *results);
  read_named_source (doc, root, *results);
  pp_debug ("read a report of %u endpoints x %u methods", endpoints->len, methods->len);

  return TRUE;
}

/**
 * pp_run_results_new_from_report_doc:
 * @doc: the parsed proxyprobe-report/1 document
 *
 * For a reader that wants more of the document than the run (the fleet
 * merge reads the configuration too) and parses it once.
 *
 * Returns: (transfer full): the report's run, or NULL with @error set
 */
PpRunResults *
pp_run_results_new_from_report_doc (PpJsonDoc  *doc,
                                    GError    **error)
{
  Ref root;
  const char *schema;
  PpRunResults *run = NULL;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = pp_json_doc_root (doc);
  if (pp_json_doc_type (doc, root) != PP_JSON_OBJECT)
    {
      g_autoptr(JsonNode) node = pp_json_doc_to_node (doc, root);

      fail (error, "expected an object, found %s", node ? pp_json_describe_node (node) : "nothing");
      return NULL;
    }
  schema = pp_json_doc_string (doc, pp_json_doc_member (doc, root, "schema"));
  if (g_strcmp0 (schema, PP_REPORT_SCHEMA) != 0)
    {
      fail (error, "schema is %s, not " PP_REPORT_SCHEMA, schema ? schema : "missing");
      return NULL;
    }
  if (!read_report (doc, root, &run, error))
    return NULL;
  read_identity (doc, root, run);

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
  g_autoptr(PpJsonDoc) doc = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = pp_json_parse_doc (data, length, error);
  if (doc == NULL)
    return NULL;

  return pp_run_results_new_from_report_doc (doc, error);
}
