/* pp-report-html.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pp-diagnosis.h"
#include "pp-guidance.h"
#include "pp-report-html.h"

/* The page is also well-formed XML (void elements closed, only XML's
 * entities and numeric references), so that tests can parse it strictly.
 * Colour is never the only signal: every cell also has an icon and the
 * analyzer's words, for colour-blind readers and black-and-white prints. */
static const char style[] =
  "body{font-family:sans-serif;margin:1.5em;color:#222;background:#fff;line-height:1.4}"
  "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;border-bottom:1px solid #ccc}"
  "h3{font-size:1em;margin-bottom:.2em;word-break:break-all}"
  ".meta{color:#555}"
  ".verdict{padding:.6em 1em;border-left:.4em solid #888;background:#f4f4f4}"
  ".v-pass{border-color:#2e7d32}.v-warn{border-color:#ef6c00}"
  ".v-fail{border-color:#c62828}.headline{font-size:1.15em;font-weight:bold}"
  "table{border-collapse:collapse;font-size:.9em}"
  "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
  "td.url{word-break:break-all;max-width:30em}"
  ".c-ok{background:#e8f5e9}.c-warn{background:#fff8e1}.c-fail{background:#ffebee}"
  ".c-none{background:#f5f5f5;color:#555}.c-stop{background:#eceff1}"
  ".icon{font-weight:bold;margin-right:.3em}"
  "pre{background:#f7f7f7;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}";

typedef struct
{
  const char *css;
  const char *icon;
} CellLook;

static CellLook
cell_look (const PpProbeResult *result)
{
  if (result == NULL)
    return (CellLook) { "c-none", "…" };
  switch (result->outcome)
    {
    case PP_OUTCOME_OK:
      return result->tls.inspected ? (CellLook) { "c-warn", "⚠" } : (CellLook) { "c-ok", "✔" };
    case PP_OUTCOME_NOT_CONFIGURED:
      return (CellLook) { "c-none", "–" };
    case PP_OUTCOME_CANCELLED:
      return (CellLook) { "c-stop", "■" };
    case PP_OUTCOME_UNATTRIBUTED:
      /* Neither a success nor the server's failure: a doubt. */
      return (CellLook) { "c-warn", "?" };
    default:
      return (CellLook) { "c-fail", "✖" };
    }
}

/* &apos; is XML and HTML5 only: older mail and ticket viewers show it
 * literally, so the numeric form is used. */
static void
append_html (GString    *out,
             const char *escaped)
{
  for (const char *p = escaped; *p; p++)
    {
      if (*p == '&' && g_str_has_prefix (p, "&apos;"))
        {
          g_string_append (out, "&#39;");
          p += strlen ("&apos;") - 1;
        }
      else
        g_string_append_c (out, *p);
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  append_html (out, escaped);
}

/* Appends @format with every %s argument escaped first. */
static void G_GNUC_PRINTF (2, 3)
append_element (GString    *out,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  append_html (out, text);
}

/* As the grid's legend: ✔ reachable, ✖ failed, ■ stopped (no verdict). */
static const char *
verdict_icon (PpVerdictKind kind)
{
  switch (kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return "✔";
    case PP_VERDICT_PENDING: return "■";
    case PP_VERDICT_ONLY_DIRECT:
    case PP_VERDICT_SOME_UNREACHABLE:
    case PP_VERDICT_NONE_REACHABLE:
    default: return "✖";
    }
}

/* Where and why, in the analyzer's words: "Default proxy: Failed (407)". */
static void
append_reasons (GString      *out,
                PpRunResults *results,
                guint         endpoint)
{
  const char *separator = ": ";

  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      PpProbeResult *result = pp_run_results_lookup (results, endpoint, m);
      g_autofree char *text = NULL;

      if (result == NULL || result->outcome == PP_OUTCOME_NOT_CONFIGURED)
        continue;
      text = pp_probe_result_format_short (result);
      append_element (out, "%s%s: %s", separator, _(pp_method_get_label (result->method)), text);
      separator = "; ";
    }
}

static void
append_unreachable (GString      *out,
                    PpRunResults *results)
{
  PpProfile *profile = pp_run_results_get_profile (results);
  gboolean header = FALSE;

  for (guint e = 0; e < pp_profile_get_n_endpoints (profile); e++)
    {
      /* An endpoint whose checks did not all answer (a stopped run) may
       * yet be reachable. */
      if (pp_run_results_endpoint_reachable (results, e) ||
          !pp_run_results_endpoint_answered (results, e))
        continue;
      if (!header)
        append_element (out, "<p>%s</p><ul>", _("Not reachable by any method:"));
      header = TRUE;
      append_element (out, "<li>%s (%s)", pp_profile_get_endpoint (profile, e)->url,
                      pp_profile_get_endpoint (profile, e)->service);
      append_reasons (out, results, e);
      g_string_append (out, "</li>");
    }
  if (header)
    g_string_append (out, "</ul>");
}

/* By the agent's path whatever --pass-rule the exit status follows. */
static gboolean
agent_reaches_all (const PpDiagnosis *diagnosis)
{
  return diagnosis->path.known && diagnosis->path.n_reached == diagnosis->path.n_endpoints;
}

/* The agent's path leads the box: what the agent will do, then what
 * each method did. */
static void
append_agent_path (GString           *out,
                   const PpDiagnosis *diagnosis)
{
  if (diagnosis->agent_name == NULL)
    return;
  append_element (out, "<p class=\"headline agent\"><span class=\"icon\">%s</span>%s</p>",
                  agent_reaches_all (diagnosis) ? "✔" : "✖",
                  diagnosis->headline);
  for (guint i = 0; i < diagnosis->notes->len; i++)
    append_element (out, "<p>%s</p>", (char *) g_ptr_array_index (diagnosis->notes, i));
}

static void
append_list (GString         *out,
             const char      *title,
             const GPtrArray *items,
             const char      *tag)
{
  if (items->len == 0)
    return;
  append_element (out, "<h3>%s</h3><%s>", title, tag);
  for (guint i = 0; i < items->len; i++)
    append_element (out, "<li>%s</li>", (char *) g_ptr_array_index (items, i));
  append_element (out, "</%s>", tag);
}

static void
append_causes (GString           *out,
               const PpDiagnosis *diagnosis)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; i < diagnosis->causes->len; i++)
    g_ptr_array_add (lines, ((PpCause *) g_ptr_array_index (diagnosis->causes, i))->line);
  append_list (out, _("Root causes"), lines, "ol");
  append_list (out, _("What to change"), diagnosis->fixes, "ul");
  if (diagnosis->allow_list->len == 0)
    return;
  append_element (out, "<h3>%s</h3><pre class=\"allow-list\">",
                  _("Allow-list (hosts a proxy blocked, asked a password for, or inspected)"));
  for (guint i = 0; i < diagnosis->allow_list->len; i++)
    append_element (out, "%s\n", (char *) g_ptr_array_index (diagnosis->allow_list, i));
  g_string_append (out, "</pre>");
}

static void
append_verdict (GString           *out,
                PpRunResults      *results,
                const PpDiagnosis *diagnosis)
{
  const PpVerdict *verdict = &diagnosis->verdict;
  g_autofree char *headline = pp_verdict_format_any_method (verdict, diagnosis->path.known);
  g_autofree char *methods = pp_verdict_format_methods (verdict, pp_run_results_get_plan (results));
  g_autofree char *guidance = pp_verdict_format_guidance (verdict);

  /* The box's colour is the one every output gives this verdict. */
  append_element (out, "<section class=\"verdict v-%s\"><h2>%s</h2>",
                  pp_severity_to_id (pp_diagnosis_severity (diagnosis)),
                  _("Verdict"));
  append_agent_path (out, diagnosis);
  append_element (out, "<p class=\"headline\"><span class=\"icon\">%s</span>%s</p><p>%s</p>",
                  verdict_icon (verdict->kind), headline, methods);
  if (guidance)
    append_element (out, "<p>%s</p>", guidance);
  append_causes (out, diagnosis);
  append_unreachable (out, results);
  g_string_append (out, "</section>\n");
}

static void
append_grid_header (GString *out,
                    PpPlan  *plan)
{
  append_element (out, "<h2>%s</h2><p>%s</p><table><thead><tr><th>%s</th>", _("Results"),
                  _("✔ reachable · ⚠ reachable, HTTPS inspected · ✖ failed · – doesn't exist · ■ stopped"),
                  _("Endpoint"));
  for (guint m = 0; m < pp_plan_get_n_methods (plan); m++)
    {
      PpMethod method = pp_plan_get_method (plan, m);

      append_element (out, "<th>%u - %s</th>", pp_method_get_number (method),
                      _(pp_method_get_label (method)));
    }
  g_string_append (out, "</tr></thead><tbody>\n");
}

static void
append_grid (GString      *out,
             PpRunResults *results)
{
  PpProfile *profile = pp_run_results_get_profile (results);

  append_grid_header (out, pp_run_results_get_plan (results));
  for (guint e = 0; e < pp_profile_get_n_endpoints (profile); e++)
    {
      PpEndpoint *endpoint = pp_profile_get_endpoint (profile, e);

      append_element (out, "<tr><td class=\"url\">%s<br/><small>%s</small>", endpoint->url,
                      endpoint->service);
      if (endpoint->agent_uses)
        /* Translators: under an endpoint the agent's onboarding names as its own. */
        append_element (out, "<br/><small class=\"agent\">%s</small>",
                        _("The agent uses this endpoint now"));
      append_element (out, "</td>");
      for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
        {
          PpProbeResult *result = pp_run_results_lookup (results, e, m);
          CellLook look = cell_look (result);
          g_autofree char *text = result ? pp_probe_result_format_short (result) : g_strdup ("");

          append_element (out, "<td class=\"%s\"><span class=\"icon\">%s</span>%s</td>",
                          look.css, look.icon, text);
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

/* A wpad answer that fails often hinges on a name the PAC script looked
 * up: the look-ups go with the guidance. */
static void
append_pac_lookups (GString             *out,
                    const PpProbeResult *result)
{
  if (result->pac_lookups == NULL || result->pac_lookups[0] == NULL)
    return;
  append_element (out, "<br/><small>%s", _("DNS look-ups of the PAC script:"));
  for (guint i = 0; result->pac_lookups[i]; i++)
    append_element (out, "%s%s", i ? "; " : " ", result->pac_lookups[i]);
  g_string_append (out, "</small>");
}

/* Once per root cause, never per cell: a proxy that blocks 22 endpoints
 * on four methods gets one paragraph, written from one of its probes. */
static void
append_cause_guidance (GString       *out,
                       const PpCause *cause)
{
  const PpProbeResult *example = cause->example_result;
  g_autofree char *guidance = pp_guidance_for_result (example);
  g_autofree char *methods = pp_diagnosis_format_methods (cause->methods);
  g_autofree char *count = g_strdup_printf (ngettext ("%u endpoint", "%u endpoints",
                                                       cause->n_endpoints), cause->n_endpoints);

  if (guidance == NULL && cause->ask == NULL)
    return;
  append_element (out, "<li><strong>%s</strong> <small>(%s; %s)</small> %s",
                  pp_guidance_get_title (example->outcome), methods, count,
                  guidance ? guidance : cause->ask);
  if (example->detail)
    append_element (out, " <small>(%s, e.g. %s)</small>", example->detail, example->endpoint->url);
  append_pac_lookups (out, example);
  g_string_append (out, "</li>");
}

static void
append_guidance (GString           *out,
                 const PpDiagnosis *diagnosis)
{
  gsize before;

  append_element (out, "<h2>%s</h2>\n<ul>", _("Guidance per cause"));
  before = out->len;
  for (guint i = 0; i < diagnosis->causes->len; i++)
    append_cause_guidance (out, g_ptr_array_index (diagnosis->causes, i));
  if (out->len == before)
    append_element (out, "<li>%s</li>", _("Nothing to do: every probe that was configured worked."));
  g_string_append (out, "</ul>\n");
}

/* The machine's name for the report's first line. */
static const char *
host_label (PpRunResults *results)
{
  const PpHost *host = pp_run_results_get_host (results);

  if (host == NULL || host->host_name == NULL)
    return host && host->anonymized ? _("(host removed: --anonymize)") : _("(unknown host)");

  return host->host_name;
}

/* Which host and which run, as the text report's header says it. */
static void
append_identity (GString      *out,
                 PpRunResults *results)
{
  const PpHost *host = pp_run_results_get_host (results);
  g_autofree char *started = g_date_time_format_iso8601 (pp_run_results_get_started (results));
  g_autofree char *text = host ? pp_host_format_text (host) : g_strdup ("");

  append_element (out, "<pre class=\"meta\">%sRun ID: %s\nStarted: %s</pre>\n", text,
                  pp_run_results_get_run_id (results), started);
}

char *
pp_report_html_format (PpRunResults *results,
                       const char   *generated,
                       const char   *configuration_text,
                       const char   *system_text)
{
  PpProfile *profile = pp_run_results_get_profile (results);
  GString *out = g_string_sized_new (4096 + pp_run_results_get_n_items (results) * 600);
  g_autoptr(PpDiagnosis) diagnosis = NULL;

  g_string_append (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width\"/>\n");
  append_element (out, "<title>%s — %s</title>\n", _("Proxy Probe report"),
                  pp_profile_get_name (profile));
  g_string_append_printf (out, "<style>%s</style></head>\n<body>\n", style);
  append_element (out, "<h1>%s</h1><p class=\"meta\">%s · %s · %s%s%s · %s</p>\n",
                  _("Proxy Probe report"), host_label (results),
                  pp_profile_get_title (profile) ? pp_profile_get_title (profile)
                                                 : pp_profile_get_name (profile),
                  pp_profile_get_name (profile),
                  pp_profile_get_geography (profile) ? " · " : "",
                  pp_profile_get_geography (profile) ? pp_profile_get_geography (profile) : "",
                  generated);

  /* The answer first; which machine and run in detail after it. */
  diagnosis = pp_diagnosis_new (results);
  append_verdict (out, results, diagnosis);
  append_identity (out, results);
  append_grid (out, results);
  append_guidance (out, diagnosis);

  append_element (out, "<h2>%s</h2>\n<pre>", _("Detected configuration"));
  append_escaped (out, configuration_text);
  append_element (out, "</pre>\n<h2>%s</h2>\n<pre>", _("System"));
  append_escaped (out, system_text);
  append_element (out, "</pre>\n<p class=\"meta\">%s</p>\n</body></html>\n",
                  "Proxy Probe " PACKAGE_VERSION);

  return g_string_free (out, FALSE);
}

void
pp_report_html_append_escaped (GString    *out,
                               const char *text)
{
  append_escaped (out, text);
}
