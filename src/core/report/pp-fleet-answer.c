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
  g_ptr_array_unref (self->fixes);
  g_ptr_array_unref (self->allow_list);
  g_free (self);
}

static char *
plural_hosts (guint n)
{
  return g_strdup_printf ("%u host%s", n, n == 1 ? "" : "s");
}

/* Without an agent on any host, the analyzer's rule: by any method. */
static char *
headline_by_any_method (GPtrArray *hosts)
{
  guint all_reachable = 0;

  for (guint h = 0; h < hosts->len; h++)
    if (((PpFleetHost *) g_ptr_array_index (hosts, h))->verdict == PP_VERDICT_ALL_REACHABLE)
      all_reachable++;
  if (all_reachable == hosts->len)
    return g_strdup_printf ("Every endpoint is reachable by at least one method on all %u "
                            "host%s. The hosts' profiles name no agent.", hosts->len,
                            hosts->len == 1 ? "" : "s");

  return g_strdup_printf ("Some endpoints are not reachable by any method on %u of %u hosts. "
                          "The hosts' profiles name no agent.", hosts->len - all_reachable,
                          hosts->len);
}

static char *
format_headline (GPtrArray *hosts)
{
  guint counts[PP_FLEET_N_AGENT_KINDS] = { 0 };
  guint with_agent;
  GString *out = g_string_new (NULL);

  for (guint h = 0; h < hosts->len; h++)
    counts[((PpFleetHost *) g_ptr_array_index (hosts, h))->agent]++;
  with_agent = counts[PP_FLEET_AGENT_FAILS] + counts[PP_FLEET_AGENT_REACHES_ALL];
  if (hosts->len == 0)
    return g_strdup ("No host's report could be read.");
  if (with_agent == 0)
    return headline_by_any_method (hosts);

  if (counts[PP_FLEET_AGENT_FAILS] == 0)
    g_string_append_printf (out, "The agent reaches every endpoint on its own path on all %u "
                                 "host%s.", with_agent, with_agent == 1 ? "" : "s");
  else
    g_string_append_printf (out, "The agent cannot reach every endpoint on its own path on %u of "
                                 "%u hosts.", counts[PP_FLEET_AGENT_FAILS], with_agent);
  if (counts[PP_FLEET_AGENT_NONE] > 0)
    {
      g_autofree char *none = plural_hosts (counts[PP_FLEET_AGENT_NONE]);

      g_string_append_printf (out, " %s %s a profile that names no agent.", none,
                              counts[PP_FLEET_AGENT_NONE] == 1 ? "has" : "have");
    }

  return g_string_free (out, FALSE);
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

/* Each ask once, with the hosts of every cause it mends (a host counted
 * once even if two of its causes need the same change). */
static GPtrArray *
collect_fixes (GPtrArray *sums)
{
  GPtrArray *fixes = g_ptr_array_new_with_free_func ((GDestroyNotify) fix_free);
  g_autoptr(GHashTable) by_ask = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hosts_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < sums->len; i++)
    {
      PpFleetCauseSum *sum = g_ptr_array_index (sums, i);
      PpFleetFix *fix;
      GHashTable *hosts;

      if (sum->ask == NULL)
        continue;
      fix = g_hash_table_lookup (by_ask, sum->ask);
      if (fix == NULL)
        {
          fix = g_new0 (PpFleetFix, 1);
          fix->ask = g_strdup (sum->ask);
          fix->cause_keys = g_ptr_array_new ();
          g_hash_table_insert (by_ask, fix->ask, fix);
          g_hash_table_insert (hosts_of, fix, g_hash_table_new (g_direct_hash, g_direct_equal));
          g_ptr_array_add (fixes, fix);
        }
      g_ptr_array_add (fix->cause_keys, (gpointer) sum->key);
      hosts = g_hash_table_lookup (hosts_of, fix);
      for (guint h = 0; h < sum->hosts->len; h++)
        g_hash_table_add (hosts, g_ptr_array_index (sum->hosts, h));
      fix->n_hosts = g_hash_table_size (hosts);
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

PpFleetAnswer *
pp_fleet_answer_new (PpFleet *fleet)
{
  PpFleetAnswer *self = g_new0 (PpFleetAnswer, 1);
  GPtrArray *hosts = pp_fleet_get_hosts (fleet);
  g_autoptr(GPtrArray) sums = pp_fleet_sum_causes (fleet);

  self->headline = format_headline (hosts);
  self->fixes = collect_fixes (sums);
  self->allow_list = collect_allow_list (hosts);
  pp_debug ("fleet answer: %s %u change%s, %u allow-list entr%s", self->headline,
            self->fixes->len, self->fixes->len == 1 ? "" : "s", self->allow_list->len,
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
append_causes (GString *out,
               PpFleet *fleet)
{
  g_autoptr(GPtrArray) sums = pp_fleet_sum_causes (fleet);

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
pp_fleet_answer_format_text (const PpFleetAnswer *self,
                             PpFleet             *fleet)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", self->headline);
  append_causes (out, fleet);
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
