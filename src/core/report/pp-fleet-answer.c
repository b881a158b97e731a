/* pp-fleet-answer.c: what a fleet's reports add up to, said first
 *
 * The team behind a helpdesk asks one question of hundreds of hosts: does
 * the agent reach its cloud, and if not, what must whom change? Every
 * fleet output (the terminal, fleet.html, fleet.json, allowlist.txt)
 * leads with the same answer: a headline counting the hosts on the agent's
 * own path, each thing to change once with the hosts that need it, and
 * one allow-list for the proxy team, the union of the hosts' own.
 *
 * The words of what to change are the hosts' reports' own (their
 * diagnosis), so that a fleet and a single host never say it differently.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fleet-answer.h"
#include "pp-log.h"

#include <string.h>

/* The terminal shows this many causes; fleet.html and fleet.json all. */
#define TEXT_MAX_CAUSES 10
#define TEXT_MAX_ALLOWED 12

static void
fix_free (PpFleetFix *fix)
{
  g_free (fix->ask);
  g_ptr_array_unref (fix->cause_keys);
  g_free (fix);
}

void
pp_fleet_answer_free (PpFleetAnswer *self)
{
  if (self == NULL)
    return;

  g_free (self->headline);
  g_ptr_array_unref (self->causes);
  g_ptr_array_unref (self->fixes);
  g_ptr_array_unref (self->allow_list);
  g_free (self);
}

static char *
plural_hosts (guint n)
{
  return g_strdup_printf ("%u host%s", n, n == 1 ? "" : "s");
}

/* By any method (the analyzer's rule) a host reaches its profile when
 * every endpoint is reachable by some method; a stopped run's report
 * is not counted either way. */
static gboolean
unreachable_by_any_method (const PpFleetHost *host)
{
  return host->verdict != PP_VERDICT_PENDING && host->n_reachable < host->n_endpoints;
}

/* The hosts without an agent's verdict: how many, and on how many of
 * them some endpoint is not reachable by any method. */
static void
append_without_agent (GString   *out,
                      GPtrArray *hosts,
                      gboolean   alone)
{
  guint none = 0, unreachable = 0;

  for (guint h = 0; h < hosts->len; h++)
    {
      const PpFleetHost *host = g_ptr_array_index (hosts, h);

      if (host->agent != PP_FLEET_AGENT_NONE)
        continue;
      none++;
      unreachable += unreachable_by_any_method (host);
    }
  if (none == 0)
    return;
  if (alone && unreachable == 0 && none == 1)
    g_string_append (out, "Every endpoint is reachable by at least one method on the one host. ");
  else if (alone && unreachable == 0)
    g_string_append_printf (out, "Every endpoint is reachable by at least one method on all %u "
                                 "hosts. ", none);
  else if (alone)
    g_string_append_printf (out, "Some endpoints are not reachable by any method on %u of %u "
                                 "hosts. ", unreachable, none);
  if (alone)
    g_string_append (out, "No host has a verdict on an agent's path (the profiles name no agent, "
                          "or its path was not probed)");
  else
    g_string_append_printf (out, "%u host%s no verdict on an agent's path (the profile names no "
                                 "agent, or its path was not probed)", none, none == 1 ? " has" : "s have");
  if (!alone && unreachable > 0)
    g_string_append_printf (out, "; on %u of them some endpoints are not reachable by any method",
                            unreachable);
  g_string_append (out, ".");
}

static char *
format_headline (GPtrArray *hosts)
{
  guint counts[PP_FLEET_N_AGENT_KINDS] = { 0 };
  guint answered;
  GString *out;

  if (hosts->len == 0)
    return g_strdup ("No host's report could be read.");
  for (guint h = 0; h < hosts->len; h++)
    counts[((PpFleetHost *) g_ptr_array_index (hosts, h))->agent]++;
  answered = counts[PP_FLEET_AGENT_FAILS] + counts[PP_FLEET_AGENT_REACHES_ALL];

  out = g_string_new (NULL);
  if (answered == 1 && counts[PP_FLEET_AGENT_FAILS] == 0)
    g_string_append (out, "The agent reaches every endpoint on its own path on the one host where "
                          "its path was probed. ");
  else if (answered > 0 && counts[PP_FLEET_AGENT_FAILS] == 0)
    g_string_append_printf (out, "The agent reaches every endpoint on its own path on all %u hosts "
                                 "where its path was probed. ", answered);
  else if (answered > 0)
    g_string_append_printf (out, "The agent cannot reach every endpoint on its own path on %u of "
                                 "%u hosts. ", counts[PP_FLEET_AGENT_FAILS], answered);
  if (counts[PP_FLEET_AGENT_INCOMPLETE] > 0)
    g_string_append_printf (out, "%u host%s stopped before the agent's path was probed. ",
                            counts[PP_FLEET_AGENT_INCOMPLETE],
                            counts[PP_FLEET_AGENT_INCOMPLETE] == 1 ? "'s run was" : "s' runs were");
  append_without_agent (out, hosts, answered + counts[PP_FLEET_AGENT_INCOMPLETE] == 0);

  return g_strchomp (g_string_free (out, FALSE));
}

static int
compare_fixes (gconstpointer a,
               gconstpointer b)
{
  const PpFleetFix *x = *(PpFleetFix **) a;
  const PpFleetFix *y = *(PpFleetFix **) b;

  if (x->n_hosts != y->n_hosts)
    return x->n_hosts > y->n_hosts ? -1 : 1;

  return strcmp (x->ask, y->ask);
}

static PpFleetFix *
fix_for (GPtrArray  *fixes,
         GHashTable *by_ask,
         const char *ask)
{
  PpFleetFix *fix = g_hash_table_lookup (by_ask, ask);

  if (fix != NULL)
    return fix;
  fix = g_new0 (PpFleetFix, 1);
  fix->ask = g_strdup (ask);
  fix->cause_keys = g_ptr_array_new ();
  g_hash_table_insert (by_ask, fix->ask, fix);
  g_ptr_array_add (fixes, fix);

  return fix;
}

/* Each ask once, in each host's own words: whether a cause is a fix, and
 * how it is said, is its host's report's to decide (an agent that goes
 * direct does not need its proxy mended). A host counts once per ask. */
static GPtrArray *
collect_fixes (GPtrArray *hosts)
{
  GPtrArray *fixes = g_ptr_array_new_with_free_func ((GDestroyNotify) fix_free);
  g_autoptr(GHashTable) by_ask = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint h = 0; h < hosts->len; h++)
    {
      const PpFleetHost *host = g_ptr_array_index (hosts, h);
      g_autoptr(GHashTable) counted = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (guint c = 0; c < host->causes->len; c++)
        {
          const PpFleetCause *cause = g_ptr_array_index (host->causes, c);
          PpFleetFix *fix;

          if (cause->ask == NULL)
            continue;
          fix = fix_for (fixes, by_ask, cause->ask);
          if (g_hash_table_add (counted, fix))
            fix->n_hosts++;
          if (!g_ptr_array_find_with_equal_func (fix->cause_keys, cause->key, g_str_equal, NULL))
            g_ptr_array_add (fix->cause_keys, cause->key);
        }
    }
  g_ptr_array_sort (fixes, compare_fixes);

  return fixes;
}

static int
compare_allowed (gconstpointer a,
                 gconstpointer b)
{
  const char *x = *(const char **) a;
  const char *y = *(const char **) b;
  gboolean x_wildcard = g_str_has_prefix (x, "*.");
  gboolean y_wildcard = g_str_has_prefix (y, "*.");

  /* Hosts first, then the wildcard domains that cover them, as on one host. */
  if (x_wildcard != y_wildcard)
    return x_wildcard ? 1 : -1;

  return strcmp (x, y);
}

static GPtrArray *
collect_allow_list (GPtrArray *hosts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *allow_list = g_ptr_array_new_with_free_func (g_free);

  for (guint h = 0; h < hosts->len; h++)
    {
      PpFleetHost *host = g_ptr_array_index (hosts, h);

      for (guint i = 0; host->allow_list != NULL && host->allow_list[i] != NULL; i++)
        if (g_hash_table_add (seen, host->allow_list[i]))
          g_ptr_array_add (allow_list, g_strdup (host->allow_list[i]));
    }
  g_ptr_array_sort (allow_list, compare_allowed);

  return allow_list;
}

/* The worst colour among the hosts' own reports. */
static PpSeverity
worst_severity (GPtrArray *hosts)
{
  PpSeverity worst = PP_SEVERITY_PENDING;

  for (guint h = 0; h < hosts->len; h++)
    worst = MAX (worst, ((PpFleetHost *) g_ptr_array_index (hosts, h))->severity);

  return worst;
}

PpFleetAnswer *
pp_fleet_answer_new (PpFleet *fleet)
{
  PpFleetAnswer *self = g_new0 (PpFleetAnswer, 1);
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);

  self->headline = format_headline (hosts);
  self->severity = worst_severity (hosts);
  self->causes = pp_fleet_sum_causes (fleet);
  self->fixes = collect_fixes (hosts);
  self->allow_list = collect_allow_list (hosts);
  pp_debug ("fleet answer (%s): %s %u change%s, %u allow-list entr%s",
            pp_severity_to_id (self->severity), self->headline, self->fixes->len,
            self->fixes->len == 1 ? "" : "s", self->allow_list->len,
            self->allow_list->len == 1 ? "y" : "ies");

  return self;
}

/* "Proxy http://10.0.0.5:3128 blocks (403) — fails for 19 endpoints on 6 hosts" */
char *
pp_fleet_cause_sum_format (const PpFleetCauseSum *sum)
{
  return g_strdup_printf ("%s — fails for %u endpoint%s on %u host%s", sum->text, sum->n_endpoints,
                          sum->n_endpoints == 1 ? "" : "s", sum->hosts->len,
                          sum->hosts->len == 1 ? "" : "s");
}

static void
append_causes (GString             *out,
               const PpFleetAnswer *self)
{
  GPtrArray *sums = self->causes;

  if (sums->len == 0)
    return;
  g_string_append (out, "Root causes:\n");
  for (guint i = 0; i < sums->len && i < TEXT_MAX_CAUSES; i++)
    {
      g_autofree char *line = pp_fleet_cause_sum_format (g_ptr_array_index (sums, i));

      g_string_append_printf (out, "  %s\n", line);
    }
  if (sums->len > TEXT_MAX_CAUSES)
    g_string_append_printf (out, "  … and %u more in fleet.html and fleet.json\n",
                            sums->len - TEXT_MAX_CAUSES);
}

static void
append_allow_list (GString             *out,
                   const PpFleetAnswer *self)
{
  guint n = self->allow_list->len;

  if (n == 0)
    return;
  g_string_append_printf (out, "Allow-list for the proxy team (%u entr%s, allowlist.txt in the fleet "
                               "report):", n, n == 1 ? "y" : "ies");
  for (guint i = 0; i < n && i < TEXT_MAX_ALLOWED; i++)
    g_string_append_printf (out, "%s %s", i == 0 ? "" : ",", (char *) g_ptr_array_index (self->allow_list, i));
  if (n > TEXT_MAX_ALLOWED)
    g_string_append_printf (out, " and %u more", n - TEXT_MAX_ALLOWED);
  g_string_append (out, "\n");
}

/* The terminal's lead: headline, causes, what to change, the allow-list. */
char *
pp_fleet_answer_format_text (const PpFleetAnswer *self)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", self->headline);
  append_causes (out, self);
  if (self->fixes->len > 0)
    g_string_append (out, "What to change:\n");
  for (guint i = 0; i < self->fixes->len; i++)
    {
      PpFleetFix *fix = g_ptr_array_index (self->fixes, i);
      g_autofree char *hosts = plural_hosts (fix->n_hosts);

      g_string_append_printf (out, "  %s (%s)\n", fix->ask, hosts);
    }
  append_allow_list (out, self);

  return g_string_free (out, FALSE);
}

/* allowlist.txt: ready to paste, one host or wildcard domain a line. */
char *
pp_fleet_answer_format_allow_list (const PpFleetAnswer *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->allow_list->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (self->allow_list, i));

  return g_string_free (out, FALSE);
}
