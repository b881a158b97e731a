/* pp-fleet-html.c: fleet.html, one self-contained page for a fleet
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read at 1,000 hosts without scripts: every long list is folded in a
 * <details>; the host x endpoint matrix has one glyph per cell (never
 * colour alone), its header row and host column stay in view (sticky),
 * and the endpoints are numbered with a legend rather than named in
 * every column. No scripts and no outside resources, as report.html.
 *
 * At 1,000 hosts the matrix is 55,000 cells, and laying them out in one
 * table took Chromium ~2 s. So the rows come in blocks of ROWS_PER_BLOCK
 * hosts, each its own fixed-layout table (same column widths, so the
 * blocks line up; each repeats the header, which stays sticky while its
 * block is in view) with content-visibility:auto: a browser lays out only
 * the blocks on screen, and find-in-page still finds the others.
 */
#include "pp-config-build.h"

#include "pp-fleet-answer.h"
#include "pp-fleet-html.h"
#include "pp-report-html.h"

#include <string.h>

#define ROWS_PER_BLOCK 50

static const char style[] =
  "body{font-family:sans-serif;margin:1.5em;color:#222;background:#fff;line-height:1.4}"
  "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;border-bottom:1px solid #ccc}"
  ".meta{color:#555}table{border-collapse:collapse;font-size:.9em}"
  "th,td{border:1px solid #ccc;padding:.2em .4em;text-align:left;vertical-align:top}"
  "details ul{columns:18em;margin:.3em 0}"
  ".matrix{overflow:auto;max-height:80vh}"
  ".matrix table{font-size:.8em;table-layout:fixed;width:max-content}"
  ".rows{content-visibility:auto;contain-intrinsic-size:auto 60em}"
  ".matrix thead th{position:sticky;top:0;background:#fff;z-index:2;width:1.6em}"
  ".matrix th:first-child{width:16em}"
  ".matrix tbody th{position:sticky;left:0;background:#fff;z-index:1;white-space:nowrap;"
  "overflow:hidden;text-overflow:ellipsis;font-weight:normal}"
  ".matrix td{text-align:center;padding:0 .2em}"
  ".ok{background:#e8f5e9}.f{background:#ffebee;font-weight:bold}.n{color:#888}"
  ".answer{border:1px solid #ccc;border-left:.4em solid #888;padding:.2em 1em;max-width:60em}"
  ".headline{font-size:1.15em;font-weight:bold}.answer h3{font-size:1em;margin:.8em 0 .2em}"
  ".allow{white-space:pre-wrap;font-family:monospace;margin:.2em 0;columns:24em}"
  ".s-pass{border-left:.4em solid #2e7d32}.s-warn{border-left:.4em solid #ef6c00}"
  ".s-fail{border-left:.4em solid #c62828}.s-pending{border-left:.4em solid #888}";

/* The agent's rows are coloured as the hosts' own reports colour an
 * agent's verdict (pp_diagnosis_severity()): it reaches all or fails, or
 * the run stopped before it was known; the rows by any method by the
 * verdict's kind (pp_verdict_kind_severity()). */
static PpSeverity
agent_severity (PpFleetAgentKind kind)
{
  switch (kind)
    {
    case PP_FLEET_AGENT_REACHES_ALL: return PP_SEVERITY_PASS;
    case PP_FLEET_AGENT_FAILS: return PP_SEVERITY_FAIL;
    case PP_FLEET_AGENT_NONE:
    default: return PP_SEVERITY_PENDING;
    }
}

/* One glyph per outcome: a letter for each failure a helpdesk tells
 * apart, with the legend under the matrix. */
static const struct
{
  const char *id;
  const char *glyph;
} glyphs[] = {
  { "ok", "✔" }, { "not_configured", "–" }, { "absent", "" },
  { "proxy_auth_required", "A" }, { "proxy_refused", "B" }, { "tls_inspected", "I" },
  { "tls_failed", "S" }, { "dns_failed", "D" }, { "connect_refused", "R" },
  { "connect_timeout", "T" }, { "timeout", "T" }, { "proxy_unreachable", "P" },
  { "pac_failed", "W" }, { "unexpected_status", "U" }, { "unattributed", "?" },
};

static const char *
glyph_for (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (g_str_equal (glyphs[i].id, id))
      return glyphs[i].glyph;

  return "✖";
}

static void
text (GString    *out,
      const char *value)
{
  pp_report_html_append_escaped (out, value);
}

static void
host_link (GString     *out,
           PpFleetHost *host)
{
  g_string_append (out, "<a href=\"");
  text (out, host->report_member);
  g_string_append (out, "\">");
  text (out, host->name);
  g_string_append (out, "</a>");
}

static void
host_list (GString   *out,
           GPtrArray *hosts)
{
  g_string_append_printf (out, "<details><summary>%u host%s</summary><ul>", hosts->len,
                          hosts->len == 1 ? "" : "s");
  for (guint i = 0; i < hosts->len; i++)
    {
      g_string_append (out, "<li>");
      host_link (out, g_ptr_array_index (hosts, i));
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ul></details>");
}

/* The question a fleet is asked: on how many hosts does the agent reach
 * its cloud on its own path? */
static void
append_agent_verdicts (GString *out,
                       PpFleet *fleet)
{
  static const PpFleetAgentKind order[] = {
    PP_FLEET_AGENT_FAILS, PP_FLEET_AGENT_REACHES_ALL, PP_FLEET_AGENT_INCOMPLETE, PP_FLEET_AGENT_NONE,
  };
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  g_string_append (out, "<h2>The agent on its own path</h2>\n<table><tbody>\n");
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(GPtrArray) some = g_ptr_array_new ();

      for (guint h = 0; h < hosts->len; h++)
        if (((PpFleetHost *) g_ptr_array_index (hosts, h))->agent == order[i])
          g_ptr_array_add (some, g_ptr_array_index (hosts, h));
      if (some->len == 0)
        continue;
      g_string_append_printf (out, "<tr class=\"a-%s s-%s\"><th>%s</th><td>", pp_fleet_agent_id (order[i]),
                              pp_severity_to_id (agent_severity (order[i])),
                              pp_fleet_agent_label (order[i]));
      host_list (out, some);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

/* The answer, first: the headline, what to change on how many hosts, and
 * the allow-list for the proxy team (also allowlist.txt), coloured as the
 * worst of the hosts' own reports. */
static void
append_answer (GString             *out,
               const PpFleetAnswer *answer)
{
  g_autofree char *allowed = pp_fleet_answer_format_allow_list (answer);

  g_string_append_printf (out, "<section class=\"answer s-%s\"><p class=\"headline\">",
                          pp_severity_to_id (answer->severity));
  text (out, answer->headline);
  g_string_append (out, "</p>\n");
  if (answer->fixes->len > 0)
    g_string_append (out, "<h3>What to change</h3><ol>");
  for (guint i = 0; i < answer->fixes->len; i++)
    {
      PpFleetFix *fix = g_ptr_array_index (answer->fixes, i);

      g_string_append (out, "<li>");
      text (out, fix->ask);
      g_string_append_printf (out, " <b>(%u host%s)</b></li>", fix->n_hosts, fix->n_hosts == 1 ? "" : "s");
    }
  if (answer->fixes->len > 0)
    g_string_append (out, "</ol>\n");
  if (answer->allow_list->len > 0)
    {
      g_string_append_printf (out, "<h3>Allow-list for the proxy team (%u entr%s, also allowlist.txt)</h3>"
                                   "<p class=\"allow\">", answer->allow_list->len,
                              answer->allow_list->len == 1 ? "y" : "ies");
      text (out, allowed);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
append_verdicts (GString *out,
                 PpFleet *fleet)
{
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  g_string_append (out, "<h2>Hosts by any method (the client analyzer's rule)</h2>\n<table><tbody>\n");
  for (PpVerdictKind kind = PP_VERDICT_PENDING; kind <= PP_VERDICT_NONE_REACHABLE; kind++)
    {
      g_autoptr(GPtrArray) some = g_ptr_array_new ();

      for (guint h = 0; h < hosts->len; h++)
        if (((PpFleetHost *) g_ptr_array_index (hosts, h))->verdict == kind)
          g_ptr_array_add (some, g_ptr_array_index (hosts, h));
      if (some->len == 0)
        continue;
      g_string_append_printf (out, "<tr class=\"v-%s s-%s\"><th>%s</th><td>", pp_fleet_verdict_id (kind),
                              pp_severity_to_id (pp_verdict_kind_severity (kind)),
                              pp_fleet_verdict_label (kind));
      host_list (out, some);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
append_causes (GString             *out,
               const PpFleetAnswer *answer)
{
  GPtrArray *sums = answer->causes;

  g_string_append (out, "<h2>Root causes across hosts</h2>\n");
  if (sums->len == 0)
    {
      g_string_append (out, "<p>No probe failed on any host.</p>\n");
      return;
    }
  g_string_append (out, "<table><thead><tr><th>Cause</th><th>Endpoints (most on one host)</th>"
                        "<th>Hosts</th></tr></thead><tbody>\n");
  for (guint i = 0; i < sums->len; i++)
    {
      PpFleetCauseSum *sum = g_ptr_array_index (sums, i);

      g_autofree char *line = pp_fleet_cause_sum_format (sum);

      g_string_append (out, "<tr><td>");
      text (out, line);
      g_string_append_printf (out, "</td><td>%u</td><td>", sum->n_endpoints);
      host_list (out, sum->hosts);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
append_groups (GString    *out,
               const char *title,
               const char *column,
               GPtrArray  *groups)
{
  g_string_append_printf (out, "<h2>%s</h2>\n<table><thead><tr><th>%s</th><th>Hosts</th></tr>"
                               "</thead><tbody>\n", title, column);
  for (guint i = 0; i < groups->len; i++)
    {
      PpFleetGroup *group = g_ptr_array_index (groups, i);

      g_string_append (out, "<tr><td>");
      text (out, group->value);
      g_string_append (out, "</td><td>");
      host_list (out, group->hosts);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
  g_ptr_array_unref (groups);
}

static void
append_matrix_row (GString     *out,
                   PpFleet     *fleet,
                   PpFleetHost *host)
{
  /* The column is fixed: a long name is cut, and told whole on hover. */
  g_string_append (out, "<tr><th title=\"");
  text (out, host->name);
  g_string_append (out, "\">");
  host_link (out, host);
  g_string_append (out, "</th>");
  for (guint e = 0; e < pp_fleet_get_n_endpoints (fleet); e++)
    {
      guint16 cell = e < host->cells->len ? g_array_index (host->cells, guint16, e)
                                          : PP_FLEET_CELL_ABSENT;
      const char *id = pp_fleet_cell_id (cell);
      const char *css = cell == PP_FLEET_CELL_OK ? "ok"
                        : cell == PP_FLEET_CELL_ABSENT || cell == PP_OUTCOME_NOT_CONFIGURED ? "n"
                        : "f";

      g_string_append_printf (out, "<td class=\"%s\">%s</td>", css, glyph_for (id));
    }
  g_string_append (out, "</tr>\n");
}

static void
append_legend (GString *out,
               PpFleet *fleet)
{
  g_string_append (out, "<p>✔ reachable; letters: the first failure of a configured method — "
                        "A proxy authentication, B proxy refused (blocked), I TLS inspection, "
                        "S TLS failed, D DNS, R connection refused, T timed out, P proxy "
                        "unreachable, W PAC failed, U unexpected status, ? unattributed, "
                        "✖ other; – no method configured; empty: not in the host's profile.</p>\n"
                        "<details><summary>Endpoints</summary><ol>");
  for (guint e = 0; e < pp_fleet_get_n_endpoints (fleet); e++)
    {
      g_string_append (out, "<li>");
      text (out, pp_fleet_get_endpoint_url (fleet, e));
      g_string_append (out, " (");
      text (out, pp_fleet_get_endpoint_service (fleet, e));
      g_string_append (out, ")</li>");
    }
  g_string_append (out, "</ol></details>\n");
}

static void
append_matrix_head (GString *out,
                    PpFleet *fleet)
{
  g_string_append (out, "<table><thead><tr><th>Host</th>");
  for (guint e = 0; e < pp_fleet_get_n_endpoints (fleet); e++)
    {
      g_string_append (out, "<th title=\"");
      text (out, pp_fleet_get_endpoint_url (fleet, e));
      g_string_append_printf (out, "\">%u</th>", e + 1);
    }
  g_string_append (out, "</tr></thead><tbody>\n");
}

static void
append_matrix (GString *out,
               PpFleet *fleet)
{
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  g_string_append (out, "<h2>Hosts × endpoints</h2>\n");
  append_legend (out, fleet);
  g_string_append (out, "<div class=\"matrix\">");
  for (guint h = 0; h < hosts->len; h++)
    {
      if (h % ROWS_PER_BLOCK == 0)
        {
          g_string_append (out, "<div class=\"rows\">");
          append_matrix_head (out, fleet);
        }
      append_matrix_row (out, fleet, g_ptr_array_index (hosts, h));
      if (h % ROWS_PER_BLOCK == ROWS_PER_BLOCK - 1 || h + 1 == hosts->len)
        g_string_append (out, "</tbody></table></div>\n");
    }
  g_string_append (out, "</div>\n");
}

static void
append_skipped (GString *out,
                PpFleet *fleet)
{
  GPtrArray *skipped = pp_fleet_get_skipped (fleet);

  if (skipped->len == 0)
    return;
  g_string_append_printf (out, "<h2>Inputs left out (%u)</h2>\n<table><thead><tr><th>File</th>"
                               "<th>Why</th></tr></thead><tbody>\n", skipped->len);
  for (guint i = 0; i < skipped->len; i++)
    {
      PpFleetSkip *skip = g_ptr_array_index (skipped, i);

      g_string_append (out, "<tr><td>");
      text (out, skip->source);
      g_string_append (out, "</td><td>");
      text (out, skip->reason);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

char *
pp_fleet_html_format (PpFleet             *fleet,
                      const PpFleetAnswer *answer,
                      const char          *generated)
{
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);
  GString *out = g_string_sized_new (8192 + hosts->len * (pp_fleet_get_n_endpoints (fleet) * 24 + 400));

  g_string_append (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
                        "<title>Proxy Probe fleet report</title>\n");
  g_string_append_printf (out, "<style>%s</style></head>\n<body>\n", style);
  g_string_append_printf (out, "<h1>Proxy Probe fleet report</h1><p class=\"meta\">%u hosts · "
                               "%u inputs left out · proxyprobe " PACKAGE_VERSION " · ",
                          hosts->len, pp_fleet_get_skipped (fleet)->len);
  text (out, generated);
  g_string_append (out, "</p>\n");
  append_answer (out, answer);
  append_agent_verdicts (out, fleet);
  append_verdicts (out, fleet);
  append_causes (out, answer);
  append_groups (out, "Hosts by proxy configuration", "Proxy configuration",
                 pp_fleet_group_by_proxy (fleet));
  append_groups (out, "Hosts by network", "Network (default route)",
                 pp_fleet_group_by_network (fleet));
  append_matrix (out, fleet);
  append_skipped (out, fleet);
  g_string_append (out, "</body></html>\n");

  return g_string_free (out, FALSE);
}
