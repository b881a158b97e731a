/* pp-fleet-json.c: fleet.json (proxyprobe-fleet/1) and fleet.csv
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-fleet-answer.h"
#include "pp-fleet-json.h"
#include "pp-json.h"

#include <string.h>

static void
add_host_keys (JsonBuilder *builder,
               GPtrArray   *hosts)
{
  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hosts->len; i++)
    json_builder_add_string_value (builder, ((PpFleetHost *) g_ptr_array_index (hosts, i))->key);
  json_builder_end_array (builder);
}

static void
add_outcomes (JsonBuilder *builder,
              PpFleet     *fleet,
              PpFleetHost *host)
{
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_object (builder);
  for (guint e = 0; e < host->cells->len; e++)
    {
      guint16 cell = g_array_index (host->cells, guint16, e);

      if (cell == PP_FLEET_CELL_ABSENT)
        continue;
      pp_json_add_string_member (builder, pp_fleet_get_endpoint_url (fleet, e), pp_fleet_cell_id (cell));
    }
  json_builder_end_object (builder);
}

static void
add_host (JsonBuilder *builder,
          PpFleet     *fleet,
          PpFleetHost *host)
{
  g_autofree char *started = g_date_time_format_iso8601 (host->started);

  json_builder_begin_object (builder);
  pp_json_add_string_member (builder, "key", host->key);
  pp_json_add_string_member (builder, "name", host->name);
  json_builder_set_member_name (builder, "host");
  if (host->host)
    pp_host_add_json (host->host, builder);
  else
    json_builder_add_null_value (builder);
  pp_json_add_string_member (builder, "run_id", host->run_id);
  pp_json_add_string_member (builder, "started", started);
  pp_json_add_string_member (builder, "profile", host->profile);
  pp_json_add_string_member (builder, "geography", host->geography);
  pp_json_add_string_member (builder, "agent", pp_fleet_agent_id (host->agent));
  pp_json_add_string_member (builder, "agent_headline", host->agent_headline);
  pp_json_add_string_member (builder, "verdict", pp_fleet_verdict_id (host->verdict));
  pp_json_add_int_member (builder, "n_endpoints", host->n_endpoints);
  pp_json_add_int_member (builder, "n_reachable", host->n_reachable);
  pp_json_add_string_member (builder, "proxy_configuration", host->proxy_configuration);
  pp_json_add_string_member (builder, "network", host->network);
  json_builder_set_member_name (builder, "causes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < host->causes->len; c++)
    json_builder_add_string_value (builder, ((PpFleetCause *) g_ptr_array_index (host->causes, c))->key);
  json_builder_end_array (builder);
  add_outcomes (builder, fleet, host);
  pp_json_add_string_member (builder, "report", host->report_member);
  pp_json_add_string_member (builder, "source", host->source);
  json_builder_end_object (builder);
}

static void
add_verdicts (JsonBuilder *builder,
              GPtrArray   *hosts)
{
  guint counts[PP_VERDICT_NONE_REACHABLE + 1] = { 0 };

  for (guint h = 0; h < hosts->len; h++)
    counts[((PpFleetHost *) g_ptr_array_index (hosts, h))->verdict]++;
  json_builder_set_member_name (builder, "verdicts");
  json_builder_begin_object (builder);
  for (PpVerdictKind kind = PP_VERDICT_PENDING; kind <= PP_VERDICT_NONE_REACHABLE; kind++)
    pp_json_add_int_member (builder, pp_fleet_verdict_id (kind), counts[kind]);
  json_builder_end_object (builder);
}

/* The agent's answer first: what a fleet is asked about. */
static void
add_agent_verdicts (JsonBuilder *builder,
                    GPtrArray   *hosts)
{
  guint counts[PP_FLEET_N_AGENT_KINDS] = { 0 };

  for (guint h = 0; h < hosts->len; h++)
    counts[((PpFleetHost *) g_ptr_array_index (hosts, h))->agent]++;
  json_builder_set_member_name (builder, "agent_verdicts");
  json_builder_begin_object (builder);
  for (PpFleetAgentKind kind = 0; kind < PP_FLEET_N_AGENT_KINDS; kind++)
    pp_json_add_int_member (builder, pp_fleet_agent_id (kind), counts[kind]);
  json_builder_end_object (builder);
}

static void
add_causes (JsonBuilder         *builder,
            const PpFleetAnswer *answer)
{
  GPtrArray *sums = answer->causes;

  json_builder_set_member_name (builder, "causes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sums->len; i++)
    {
      PpFleetCauseSum *sum = g_ptr_array_index (sums, i);

      json_builder_begin_object (builder);
      pp_json_add_string_member (builder, "key", sum->key);
      pp_json_add_string_member (builder, "text", sum->text);
      pp_json_add_int_member (builder, "n_hosts", sum->hosts->len);
      pp_json_add_int_member (builder, "n_endpoints", sum->n_endpoints);
      add_host_keys (builder, sum->hosts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The answer that leads every fleet output (pp-fleet-answer.c). */
static void
add_answer (JsonBuilder         *builder,
            const PpFleetAnswer *answer)
{
  json_builder_set_member_name (builder, "answer");
  json_builder_begin_object (builder);
  pp_json_add_string_member (builder, "headline", answer->headline);
  pp_json_add_string_member (builder, "severity", pp_severity_to_id (answer->severity));
  json_builder_set_member_name (builder, "fixes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < answer->fixes->len; i++)
    {
      PpFleetFix *fix = g_ptr_array_index (answer->fixes, i);

      json_builder_begin_object (builder);
      pp_json_add_string_member (builder, "ask", fix->ask);
      pp_json_add_int_member (builder, "n_hosts", fix->n_hosts);
      pp_json_add_strings_member (builder, "causes", fix->cause_keys);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  pp_json_add_strings_member (builder, "allow_list", answer->allow_list);
  json_builder_end_object (builder);
}

static void
add_groups (JsonBuilder *builder,
            const char  *name,
            GPtrArray   *groups)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      PpFleetGroup *group = g_ptr_array_index (groups, i);

      json_builder_begin_object (builder);
      pp_json_add_string_member (builder, "value", group->value);
      add_host_keys (builder, group->hosts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  g_ptr_array_unref (groups);
}

static const char * const skip_ids[] = {
  "unreadable", "damaged", "foreign", "unsafe", "schema", "duplicate",
};

static void
add_skipped (JsonBuilder *builder,
             GPtrArray   *skipped)
{
  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < skipped->len; i++)
    {
      PpFleetSkip *skip = g_ptr_array_index (skipped, i);

      json_builder_begin_object (builder);
      pp_json_add_string_member (builder, "source", skip->source);
      pp_json_add_string_member (builder, "kind", skip_ids[skip->kind]);
      pp_json_add_string_member (builder, "reason", skip->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
pp_fleet_json_format (PpFleet             *fleet,
                      const PpFleetAnswer *answer,
                      const char          *generated)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  json_builder_begin_object (builder);
  pp_json_add_string_member (builder, "schema", PP_FLEET_SCHEMA);
  pp_json_add_string_member (builder, "application", "proxyprobe " PACKAGE_VERSION);
  pp_json_add_string_member (builder, "generated", generated);
  pp_json_add_int_member (builder, "n_hosts", hosts->len);
  add_answer (builder, answer);
  add_agent_verdicts (builder, hosts);
  add_verdicts (builder, hosts);
  add_causes (builder, answer);
  add_groups (builder, "proxy_configurations", pp_fleet_group_by_proxy (fleet));
  add_groups (builder, "networks", pp_fleet_group_by_network (fleet));
  json_builder_set_member_name (builder, "endpoint_list");
  json_builder_begin_array (builder);
  for (guint e = 0; e < pp_fleet_get_n_endpoints (fleet); e++)
    {
      json_builder_begin_object (builder);
      pp_json_add_string_member (builder, "url", pp_fleet_get_endpoint_url (fleet, e));
      pp_json_add_string_member (builder, "service", pp_fleet_get_endpoint_service (fleet, e));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  for (guint h = 0; h < hosts->len; h++)
    add_host (builder, fleet, g_ptr_array_index (hosts, h));
  json_builder_end_array (builder);
  add_skipped (builder, pp_fleet_get_skipped (fleet));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* RFC 4180 quoting; a field that a spreadsheet would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe: the values come from
 * other machines' reports. */
static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  g_autofree char *guarded = NULL;

  value = value ? value : "";
  if (value[0] != '\0' && strchr ("=+-@", value[0]))
    value = guarded = g_strconcat ("'", value, NULL);
  if (strpbrk (value, ",\"\r\n") == NULL)
    g_string_append (out, value);
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

char *
pp_fleet_csv_format (PpFleet *fleet)
{
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);
  GString *out = g_string_sized_new (256 + hosts->len * pp_fleet_get_n_endpoints (fleet) * 160);

  g_string_append (out, "host,machine_id,run_id,started,profile,geography,agent,verdict,url,service,"
                        "outcome,reachable,proxy_configuration,network\r\n");
  for (guint h = 0; h < hosts->len; h++)
    {
      PpFleetHost *host = g_ptr_array_index (hosts, h);
      g_autofree char *started = g_date_time_format_iso8601 (host->started);

      for (guint e = 0; e < host->cells->len; e++)
        {
          guint16 cell = g_array_index (host->cells, guint16, e);

          if (cell == PP_FLEET_CELL_ABSENT)
            continue;
          append_csv_field (out, host->name, FALSE);
          append_csv_field (out, host->host ? host->host->machine_id : NULL, FALSE);
          append_csv_field (out, host->run_id, FALSE);
          append_csv_field (out, started, FALSE);
          append_csv_field (out, host->profile, FALSE);
          append_csv_field (out, host->geography, FALSE);
          append_csv_field (out, pp_fleet_agent_id (host->agent), FALSE);
          append_csv_field (out, pp_fleet_verdict_id (host->verdict), FALSE);
          append_csv_field (out, pp_fleet_get_endpoint_url (fleet, e), FALSE);
          append_csv_field (out, pp_fleet_get_endpoint_service (fleet, e), FALSE);
          append_csv_field (out, pp_fleet_cell_id (cell), FALSE);
          append_csv_field (out, cell == PP_FLEET_CELL_OK ? "yes" : "no", FALSE);
          append_csv_field (out, host->proxy_configuration, FALSE);
          append_csv_field (out, host->network, TRUE);
        }
    }

  return g_string_free (out, FALSE);
}
