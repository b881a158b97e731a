/* pp-report-json.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-report-json.h"
#include "pp-diagnosis.h"
#include "pp-json.h"
#include "pp-redact.h"
#include "pp-source.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  pp_json_add_string_member (builder, name, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  pp_json_add_int_member (builder, name, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* Statuses are null rather than 0 when there was none. */
static void
add_status (JsonBuilder *builder,
            const char  *name,
            guint        status)
{
  json_builder_set_member_name (builder, name);
  if (status)
    json_builder_add_int_value (builder, status);
  else
    json_builder_add_null_value (builder);
}

static void
add_ms (JsonBuilder *builder,
        const char  *name,
        gint64       microseconds)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, microseconds / 1000.0);
}

static void
add_timings (JsonBuilder     *builder,
             const PpTimings *t)
{
  json_builder_set_member_name (builder, "timings_ms");
  json_builder_begin_object (builder);
  add_ms (builder, "dns", t->dns);
  add_ms (builder, "connect", t->connect);
  add_ms (builder, "tls", t->tls);
  add_ms (builder, "first_byte", t->first_byte);
  add_ms (builder, "total", t->total);
  json_builder_end_object (builder);
}

/* null, not [], when there is no list at all: a PAC that made no
 * look-ups is a different finding from a method without a PAC. */
static void
add_strv_or_null (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *strings)
{
  json_builder_set_member_name (builder, name);
  if (strings == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; strings[i]; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static void
add_tls (JsonBuilder        *builder,
         const PpTlsSummary *tls)
{
  json_builder_set_member_name (builder, "tls");
  if (!tls->present)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_bool (builder, "verified", tls->verified);
  add_bool (builder, "inspected", tls->inspected);
  add_string (builder, "subject", tls->subject);
  add_string (builder, "issuer", tls->issuer);
  add_string (builder, "root", tls->root);
  add_string (builder, "leaf_sha256", tls->leaf_sha256);
  pp_json_add_strings_member (builder, "chain", tls->chain);
  json_builder_end_object (builder);
}

static void
add_attempts (JsonBuilder *builder,
              GArray      *attempts)
{
  json_builder_set_member_name (builder, "attempts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attempts->len; i++)
    {
      const PpAttempt *attempt = &g_array_index (attempts, PpAttempt, i);

      json_builder_begin_object (builder);
      add_string (builder, "proxy", attempt->proxy);
      add_string (builder, "outcome", pp_outcome_to_id (attempt->outcome));
      add_int (builder, "curl_code", attempt->curl_code);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
pp_report_json_add_probe (JsonBuilder         *builder,
                          const PpProbeResult *result)
{
  json_builder_begin_object (builder);
  add_string (builder, "url", result->endpoint->url);
  add_string (builder, "service", result->endpoint->service);
  add_bool (builder, "agent_uses", result->endpoint->agent_uses);
  add_string (builder, "method", pp_method_to_id (result->method));
  add_string (builder, "method_label", pp_method_get_label (result->method));
  add_string (builder, "outcome", pp_outcome_to_id (result->outcome));
  add_bool (builder, "reachable", pp_probe_result_is_reachable (result));
  add_status (builder, "http_status", result->http_status);
  add_status (builder, "connect_status", result->connect_status);
  add_status (builder, "proxy_status", result->proxy_status);
  add_status (builder, "ambiguous_status", result->ambiguous_status);
  add_string (builder, "answered_by", result->answered_by ? pp_answerer_to_id (result->answered_by) : NULL);
  add_int (builder, "curl_code", result->curl_code);
  add_string (builder, "curl_message", result->curl_message);
  add_string (builder, "detail", result->detail);
  add_string (builder, "method_note", result->method_note);
  add_strv_or_null (builder, "pac_lookups", (const char * const *) result->pac_lookups);
  add_timings (builder, &result->timings);
  add_string (builder, "remote_address", result->remote_address);
  add_string (builder, "proxy", result->proxy);
  add_string (builder, "transparent_proxy", result->transparent_proxy);
  add_attempts (builder, result->attempts);
  add_int (builder, "redirects", result->redirect_count);
  pp_json_add_strings_member (builder, "requested_urls", result->requested_urls);
  add_string (builder, "final_url", result->final_url);
  add_tls (builder, &result->tls);
  json_builder_end_object (builder);
}

static void
add_profile (JsonBuilder *builder,
             PpPlan      *plan)
{
  PpProfile *profile = pp_plan_get_profile (plan);

  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  add_string (builder, "name", pp_profile_get_name (profile));
  add_string (builder, "title", pp_profile_get_title (profile));
  add_string (builder, "geography", pp_profile_get_geography (profile));
  json_builder_set_member_name (builder, "agent");
  if (pp_profile_get_agent (profile))
    pp_agent_to_json (pp_profile_get_agent (profile), builder);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (guint m = 0; m < pp_plan_get_n_methods (plan); m++)
    {
      PpMethod method = pp_plan_get_method (plan, m);

      json_builder_begin_object (builder);
      add_string (builder, "id", pp_method_to_id (method));
      add_int (builder, "number", pp_method_get_number (method));
      add_string (builder, "label", pp_method_get_label (method));
      json_builder_end_object (builder);
    }
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
add_verdict_agent (JsonBuilder       *builder,
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
  add_bool (builder, "on_agent_path", cause->on_agent_path);
  add_string (builder, "line", cause->line);
  add_string (builder, "ask", cause->ask);
  add_string (builder, "example", cause->example);
  pp_json_add_strings_member (builder, "hosts", cause->hosts);
  json_builder_end_object (builder);
}

/* The answer leads the document: the agent's path, the causes, the fixes
 * and the allow-list, as pp-diagnosis.c computed them. */
static void
add_verdict (JsonBuilder  *builder,
             PpRunResults *results)
{
  g_autoptr(PpDiagnosis) self = pp_diagnosis_new (results);

  json_builder_set_member_name (builder, "verdict");
  json_builder_begin_object (builder);
  add_string (builder, "headline", self->headline);
  add_verdict_agent (builder, self);
  pp_json_add_strings_member (builder, "notes", self->notes);
  json_builder_set_member_name (builder, "causes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->causes->len; i++)
    add_cause (builder, g_ptr_array_index (self->causes, i));
  json_builder_end_array (builder);
  pp_json_add_strings_member (builder, "fixes", self->fixes);
  add_string (builder, "snippet", self->snippet);
  pp_json_add_strings_member (builder, "allow_list", self->allow_list);
  add_int (builder, "exit_status", self->exit_status);
  /* The rule the exit status followed: the agent's path only where there
   * is one to follow. */
  add_string (builder, "pass_rule", self->path.known && pp_run_results_get_pass_rule (results) ==
                                    PP_PASS_RULE_AGENT_PATH ? "agent-path" : "any-method");
  json_builder_end_object (builder);
}

static void
add_summary (JsonBuilder  *builder,
             PpRunResults *results)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (results);
  guint reachable = pp_run_results_count_reachable (results);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_int (builder, "endpoints", n_endpoints);
  add_int (builder, "reachable", reachable);
  add_int (builder, "unreachable", n_endpoints - reachable);
  add_int (builder, "probes", pp_run_results_get_n_items (results));
  json_builder_end_object (builder);
}

/* How the probes ran, when the run's results recorded it. */
static void
add_run (JsonBuilder  *builder,
         PpRunResults *results)
{
  PpConcurrency concurrency;
  g_autofree char *note = NULL;

  if (!pp_run_results_get_concurrency (results, &concurrency))
    return;

  note = pp_run_results_format_concurrency_note (results);
  json_builder_set_member_name (builder, "run");
  json_builder_begin_object (builder);
  add_int (builder, "concurrency_requested", concurrency.requested);
  add_int (builder, "concurrency", concurrency.used);
  add_status (builder, "open_files_limit", (guint) MIN (concurrency.open_files_limit, G_MAXUINT));
  add_string (builder, "note", note);
  json_builder_end_object (builder);
}

/* The configuration: the snapshot's data, as --show-config --json prints
 * it and the report's "configuration" member holds it. */

static void
add_named_json (PpConfig    *config,
                JsonBuilder *builder)
{
  const PpNamedProxy *named = pp_config_get_named_proxy (config);

  json_builder_set_member_name (builder, "named_proxy");
  if (named->source == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, named->source);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, named->raw);
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, named->problem);
  json_builder_end_object (builder);
}

static void
add_env_json (PpConfig    *config,
              JsonBuilder *builder)
{
  const char * const *environment = pp_config_get_environment (config);
  const char * const *variables = pp_config_get_proxy_variables ();

  json_builder_set_member_name (builder, "environment");
  json_builder_begin_object (builder);
  for (guint i = 0; variables[i]; i++)
    {
      const char *value = g_environ_getenv ((char **) environment, variables[i]);
      g_autofree char *shown = pp_redact (value);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, variables[i]);
      json_builder_add_string_value (builder, shown);
    }
  json_builder_end_object (builder);
}

static void
add_wpad_json (PpConfig    *config,
               JsonBuilder *builder)
{
  const char *problem = pp_config_get_pac_problem (config);

  json_builder_set_member_name (builder, "wpad");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pac");
  json_builder_add_string_value (builder, pp_config_get_pac_source (config));
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, problem ? problem : pp_config_get_wpad_not_found (config));
  json_builder_set_member_name (builder, "log");
  json_builder_add_string_value (builder, pp_config_get_wpad_log (config));
  json_builder_end_object (builder);
}

/* Adds one array value: the caller has set the member name, if any. */
void
pp_report_json_add_sources (JsonBuilder *builder,
                            GPtrArray   *sources)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (sources != NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      const PpSource *source = g_ptr_array_index (sources, i);
      const char * const *warnings = pp_source_get_warnings (source);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "family");
      json_builder_add_string_value (builder, pp_source_get_family (source));
      json_builder_set_member_name (builder, "provenance");
      json_builder_add_string_value (builder, pp_source_get_provenance (source));
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, pp_source_get_value (source));
      json_builder_set_member_name (builder, "meaning");
      json_builder_add_string_value (builder, pp_source_get_meaning (source));
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint j = 0; warnings[j]; j++)
        json_builder_add_string_value (builder, warnings[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Defender for Endpoint's own view, beside ours: "installed": false when
 * it is not (or was not asked, "not_asked" says why). */
static void
add_agent_view (JsonBuilder       *builder,
                const PpAgentView *view)
{
  json_builder_set_member_name (builder, "agent_view");
  json_builder_begin_object (builder);
  add_bool (builder, "installed", view->command != NULL);
  add_string (builder, "not_asked", view->not_asked);
  add_string (builder, "version", view->version);
  add_string (builder, "healthy", view->healthy);
  add_strv_or_null (builder, "health_issues", (const char * const *) view->health_issues);
  add_string (builder, "definitions_status", view->definitions_status);
  add_string (builder, "health_problem", view->health_problem);
  add_string (builder, "connectivity_test", view->connectivity);
  add_string (builder, "connectivity_problem", view->connectivity_problem);
  json_builder_end_object (builder);
}

/* Adds one object value: the caller has set the member name, if any.
 * Blocking unless the snapshot was prepared (pp_config_prepare()) and the
 * agent's view collected (pp_config_collect_agent_view_async()). */
void
pp_report_json_add_config (JsonBuilder *builder,
                           PpConfig    *config)
{
  GPtrArray *warnings;

  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (PP_IS_CONFIG (config));

  warnings = pp_config_get_warnings (config);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resolver");
  json_builder_add_string_value (builder, pp_config_get_resolver_name (config));
  json_builder_set_member_name (builder, "resolver_sample");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, PP_CONFIG_SAMPLE_URL);
  json_builder_set_member_name (builder, "answer");
  json_builder_add_string_value (builder, pp_config_get_sample_answer (config));
  json_builder_end_object (builder);
  add_env_json (config, builder);
  add_named_json (config, builder);
  json_builder_set_member_name (builder, "cmdline_proxy");
  json_builder_add_string_value (builder, pp_config_get_cmdline_proxy (config)
                                          ? pp_config_get_cmdline_proxy (config)->display : NULL);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);
  add_wpad_json (config, builder);
  json_builder_set_member_name (builder, "sources");
  pp_report_json_add_sources (builder, pp_config_get_sources (config));
  add_agent_view (builder, pp_config_get_agent_view (config));
  json_builder_end_object (builder);
}

/* Which run on which host: what a fleet merge keys its hosts by. */
static void
add_identity (JsonBuilder  *builder,
              PpRunResults *results)
{
  const PpHost *host = pp_run_results_get_host (results);
  g_autofree char *started = g_date_time_format_iso8601 (pp_run_results_get_started (results));

  add_string (builder, "run_id", pp_run_results_get_run_id (results));
  add_string (builder, "started", started);
  json_builder_set_member_name (builder, "host");
  if (host != NULL)
    pp_host_add_json (host, builder);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
pp_report_json_build (PpRunResults *results,
                      PpConfig     *config)
{
  PpPlan *plan = pp_run_results_get_plan (results);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  add_string (builder, "schema", PP_REPORT_SCHEMA);
  add_string (builder, "application", "proxyprobe " PACKAGE_VERSION);
  add_string (builder, "generated", generated);
  add_identity (builder, results);
  add_verdict (builder, results);
  add_profile (builder, plan);
  json_builder_set_member_name (builder, "configuration");
  pp_report_json_add_config (builder, config);
  add_summary (builder, results);
  add_run (builder, results);
  json_builder_set_member_name (builder, "probes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    pp_report_json_add_probe (builder, pp_run_results_get_item (results, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
pp_report_json_format (PpRunResults *results,
                       PpConfig     *config)
{
  g_autoptr(JsonNode) root = pp_report_json_build (results, config);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
