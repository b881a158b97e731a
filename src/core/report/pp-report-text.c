/* pp-report-text.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-report-text.h"

#include "pp-diagnosis.h"

/* Its own line, so that scripts reading the analyzer's block see the
 * lines they know unchanged. */
#define PP_REPORT_TEXT_AGENT_USES \
  "Agent uses  : yes, the agent's own gateway or data endpoint (from its onboarding)"

/* The analyzer's own block, line for line, so that helpdesk scripts that
 * parse its output keep working: "Testing URL : ..." and "N - Label: ...". */
char *
pp_report_text_format_url (PpRunResults *results,
                           guint         endpoint_index)
{
  PpEndpoint *endpoint = pp_profile_get_endpoint (pp_run_results_get_profile (results),
                                                  endpoint_index);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "Testing URL : %s\n", endpoint->url);
  if (endpoint->agent_uses)
    g_string_append (out, PP_REPORT_TEXT_AGENT_USES "\n");
  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      PpMethod method = pp_run_results_get_method (results, m);
      PpProbeResult *result = pp_run_results_lookup (results, endpoint_index, m);
      g_autofree char *text = pp_probe_result_format_short (result);

      g_string_append_printf (out, "%u - %s: %s\n", pp_method_get_number (method),
                              pp_method_get_label (method), text);
    }

  return g_string_free (out, FALSE);
}

static void
append_method_lines (GString      *out,
                     PpRunResults *results)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (results);

  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      PpMethod method = pp_run_results_get_method (results, m);
      PpMethodCount count;

      pp_run_results_count_method (results, m, &count);
      if (count.not_configured == n_endpoints)
        g_string_append_printf (out, "  %u - %s: Doesn't exist\n",
                                pp_method_get_number (method), pp_method_get_label (method));
      else
        g_string_append_printf (out, "  %u - %s: %u of %u succeeded\n",
                                pp_method_get_number (method), pp_method_get_label (method),
                                count.succeeded, n_endpoints);
    }
}

/* Failures grouped by method and reason, each with one example: a
 * 55-endpoint profile blocked by one proxy reads as one line, not 55. */
static void
append_failure_groups (GString      *out,
                       PpRunResults *results)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (results);
  gboolean header = FALSE;

  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    for (PpOutcome outcome = 0; outcome < PP_N_OUTCOMES; outcome++)
      {
        PpProbeResult *example = NULL;
        guint count = 0;

        if (outcome == PP_OUTCOME_OK || outcome == PP_OUTCOME_NOT_CONFIGURED)
          continue;
        for (guint e = 0; e < n_endpoints; e++)
          {
            PpProbeResult *result = pp_run_results_lookup (results, e, m);

            if (result == NULL || result->outcome != outcome)
              continue;
            example = example ? example : result;
            count++;
          }
        if (count == 0)
          continue;

        if (!header)
          g_string_append (out, "Why probes failed:\n");
        header = TRUE;
        g_string_append_printf (out, "  %u - %s: %s (%u of %u), e.g. %s: %s\n",
                                pp_method_get_number (example->method),
                                pp_method_get_label (example->method),
                                pp_outcome_get_reason (outcome), count, n_endpoints,
                                example->endpoint->url, example->detail ? example->detail : "");
      }
}

/* One line of a list per probe that @line has something to say of (it
 * returns NULL for the others), under @header when there is any. */
static void
append_probe_lines (GString             *out,
                    PpRunResults        *results,
                    const char          *header,
                    char *             (*line) (const PpProbeResult *result))
{
  gboolean started = FALSE;

  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpProbeResult *result = pp_run_results_get_item (results, i);
      g_autofree char *text = result ? line (result) : NULL;

      if (text == NULL)
        continue;
      if (!started)
        g_string_append (out, header);
      started = TRUE;
      g_string_append_printf (out, "  %s\n", text);
    }
}

static char *
inspection_line (const PpProbeResult *result)
{
  if (!result->tls.inspected)
    return NULL;

  return g_strdup_printf ("%s via %s: issued by %s", result->endpoint->url,
                          pp_method_get_label (result->method), result->tls.issuer);
}

/* Direct connections that met a proxy anyway: the path each took. */
static char *
transparent_proxy_line (const PpProbeResult *result)
{
  g_autofree char *path = NULL;

  if (result->transparent_proxy == NULL)
    return NULL;
  path = pp_probe_result_describe_path (result);

  return g_strdup_printf ("%s (%s): %s", result->endpoint->url,
                          pp_method_get_label (result->method), path);
}

/* What the PAC script looked up for each URL: a wpad answer that hinges
 * on a name this machine cannot resolve is explained here. */
static void
append_pac_lookups (GString      *out,
                    PpRunResults *results)
{
  gboolean header = FALSE;

  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpProbeResult *result = pp_run_results_get_item (results, i);

      if (result == NULL || result->pac_lookups == NULL || result->pac_lookups[0] == NULL)
        continue;
      if (!header)
        g_string_append (out, "DNS look-ups of the PAC script (wpad):\n");
      header = TRUE;
      g_string_append_printf (out, "  %s\n", result->endpoint->url);
      for (guint j = 0; result->pac_lookups[j]; j++)
        g_string_append_printf (out, "    %s\n", result->pac_lookups[j]);
    }
}

static void
append_concurrency_note (GString      *out,
                         PpRunResults *results)
{
  g_autofree char *note = pp_run_results_format_concurrency_note (results);

  if (note != NULL)
    g_string_append_printf (out, "Note: %s\n", note);
}

char *
pp_report_text_format_summary (PpRunResults *results)
{
  PpProfile *profile = pp_run_results_get_profile (results);
  guint n_endpoints = pp_profile_get_n_endpoints (profile);
  GString *out = g_string_new (NULL);

  /* "by at least one method": the analyzer's rule, which the agent's
   * verdict above may contradict (it counts the agent's path only). */
  g_string_append_printf (out, "Summary: %u of %u endpoints reachable by at least one method "
                          "(profile %s%s%s)\n",
                          pp_run_results_count_reachable (results), n_endpoints,
                          pp_profile_get_name (profile),
                          pp_profile_get_geography (profile) ? ", geography " : "",
                          pp_profile_get_geography (profile) ? pp_profile_get_geography (profile) : "");
  append_method_lines (out, results);
  append_concurrency_note (out, results);

  for (guint e = 0; e < n_endpoints; e++)
    {
      PpEndpoint *endpoint = pp_profile_get_endpoint (profile, e);

      if (pp_run_results_endpoint_reachable (results, e))
        continue;
      g_string_append_printf (out, "Not reachable: %s (%s)%s\n", endpoint->url, endpoint->service,
                              endpoint->agent_uses ? ": the agent uses it now" : "");
    }
  append_failure_groups (out, results);
  append_probe_lines (out, results, "TLS inspection seen (certificate not from a public or "
                      "pinned root):\n", inspection_line);
  append_probe_lines (out, results, "Transparent proxy seen on direct connections:\n",
                      transparent_proxy_line);
  append_pac_lookups (out, results);

  return g_string_free (out, FALSE);
}

/* The analyzer's blocks stay first and byte for byte; the verdict
 * (the agent's path) comes before the summary, and the root causes, what
 * to change and the allow-list after it. */
char *
pp_report_text_format (PpRunResults *results)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (results);
  GString *out = g_string_new (NULL);
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (results);
  g_autofree char *verdict = pp_diagnosis_format_verdict (diagnosis);
  g_autofree char *causes = pp_diagnosis_format_causes (diagnosis);
  g_autofree char *summary = NULL;

  for (guint e = 0; e < n_endpoints; e++)
    {
      g_autofree char *block = pp_report_text_format_url (results, e);

      g_string_append (out, block);
      g_string_append_c (out, '\n');
    }

  summary = pp_report_text_format_summary (results);
  g_string_append (out, verdict);
  g_string_append (out, summary);
  g_string_append (out, causes);

  return g_string_free (out, FALSE);
}
