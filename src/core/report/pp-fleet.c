/* pp-fleet.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fleet.h"

#include "pp-json.h"
#include "pp-log.h"

#include <glib/gstdio.h>
#include <string.h>

struct _PpFleet
{
  GMutex mutex;             /* the endpoints: hosts are made in worker threads */
  GPtrArray *urls;          /* fleet endpoint index -> url */
  GPtrArray *services;
  GHashTable *endpoint_index; /* url -> index + 1 */
  GHashTable *by_key;       /* host key -> PpFleetHost (owned by hosts) */
  GPtrArray *hosts;
  GPtrArray *skipped;
  gboolean sorted;
};

static void
cause_free (PpFleetCause *cause)
{
  g_free (cause->key);
  g_free (cause->text);
  g_free (cause->ask);
  g_free (cause);
}

static void
skip_free (PpFleetSkip *skip)
{
  g_free (skip->source);
  g_free (skip->reason);
  g_free (skip);
}

PpFleet *
pp_fleet_new (void)
{
  PpFleet *self = g_new0 (PpFleet, 1);

  g_mutex_init (&self->mutex);
  self->urls = g_ptr_array_new_with_free_func (g_free);
  self->services = g_ptr_array_new_with_free_func (g_free);
  self->endpoint_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_fleet_host_free);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);

  return self;
}

void
pp_fleet_free (PpFleet *self)
{
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->hosts);
  g_ptr_array_unref (self->skipped);
  g_hash_table_unref (self->endpoint_index);
  g_ptr_array_unref (self->urls);
  g_ptr_array_unref (self->services);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

void
pp_fleet_host_free (PpFleetHost *host)
{
  g_free (host->key);
  g_free (host->name);
  g_clear_pointer (&host->host, pp_host_free);
  g_free (host->run_id);
  g_clear_pointer (&host->started, g_date_time_unref);
  g_free (host->profile);
  g_free (host->geography);
  g_free (host->proxy_configuration);
  g_free (host->network);
  g_free (host->agent_headline);
  g_clear_pointer (&host->causes, g_ptr_array_unref);
  g_strfreev (host->allow_list);
  g_clear_pointer (&host->cells, g_array_unref);
  g_free (host->source);
  g_free (host->report_member);
  g_clear_pointer (&host->files, g_ptr_array_unref);
  g_free (host);
}

static guint
endpoint_index (PpFleet    *self,
                PpEndpoint *endpoint)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->endpoint_index, endpoint->url));

  if (index == 0)
    {
      g_ptr_array_add (self->urls, g_strdup (endpoint->url));
      g_ptr_array_add (self->services, g_strdup (endpoint->service));
      index = self->urls->len;
      g_hash_table_insert (self->endpoint_index, g_ptr_array_index (self->urls, index - 1),
                           GUINT_TO_POINTER (index));
    }

  return index - 1;
}

/* Reachable, or the outcome of the first configured method that failed:
 * one glyph per cell in a matrix of thousands. */
static guint16
endpoint_cell (PpRunResults *results,
               guint         e)
{
  if (pp_run_results_endpoint_reachable (results, e))
    return PP_FLEET_CELL_OK;
  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      PpProbeResult *result = pp_run_results_lookup (results, e, m);

      if (result != NULL && result->outcome != PP_OUTCOME_NOT_CONFIGURED)
        return result->outcome;
    }

  return PP_OUTCOME_NOT_CONFIGURED;
}

static void
fill_cells (PpFleet      *self,
            PpFleetHost  *host,
            PpRunResults *results)
{
  PpProfile *profile = pp_run_results_get_profile (results);

  host->cells = g_array_new (FALSE, FALSE, sizeof (guint16));
  for (guint e = 0; e < pp_run_results_get_n_endpoints (results); e++)
    {
      guint index = endpoint_index (self, pp_profile_get_endpoint (profile, e));
      guint16 cell = endpoint_cell (results, e);
      guint16 absent = PP_FLEET_CELL_ABSENT;

      while (host->cells->len <= index)
        g_array_append_val (host->cells, absent);
      g_array_index (host->cells, guint16, index) = cell;
    }
}

/* The proxies a host was set up with, as one line: hosts with the same
 * line share a configuration. Credentials were redacted by the writer. */
static char *
describe_proxies (JsonObject *configuration)
{
  JsonObject *environment = pp_json_get_object_member (configuration, "environment");
  const char *https = pp_json_get_string_member (environment, "https_proxy");
  const char *pac = pp_json_get_string_member (pp_json_get_object_member (configuration, "wpad"), "pac");
  const char *named = pp_json_get_string_member (pp_json_get_object_member (configuration, "named_proxy"), "value");
  const char *cmdline = pp_json_get_string_member (configuration, "cmdline_proxy");
  const char *sample = pp_json_get_string_member (pp_json_get_object_member (configuration, "resolver_sample"), "answer");
  GString *out;

  if (configuration == NULL)
    return g_strdup ("unknown (the report has no configuration)");
  out = g_string_new (NULL);
  g_string_append_printf (out, "default: %s", sample ? sample : "none");
  if (pac)
    g_string_append_printf (out, "; PAC: %s", pac);
  if (named)
    g_string_append_printf (out, "; named: %s", named);
  if (cmdline)
    g_string_append_printf (out, "; command line: %s", cmdline);
  if (https || (https = pp_json_get_string_member (environment, "HTTPS_PROXY")))
    g_string_append_printf (out, "; https_proxy: %s", https);
  if (out->len > 400)
    g_string_truncate (out, 400);

  return g_string_free (out, FALSE);
}

/* The default route's interface and the /24 (or /64) of its first
 * address: hosts in one network share it. */
static char *
describe_network (const PpHost *host)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;

  if (host == NULL)
    return g_strdup ("unknown (the report names no host)");
  if (host->anonymized)
    return g_strdup ("unknown (anonymized)");
  if (host->addresses[0] == NULL ||
      (address = g_inet_address_new_from_string (host->addresses[0])) == NULL)
    return g_strdup_printf ("%s, no address", host->default_interface ? host->default_interface
                                                                     : "no default route");
  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return g_strdup_printf ("%u.%u.%u.0/24", bytes[0], bytes[1], bytes[2]);

  return g_strdup_printf ("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0], bytes[1],
                          bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
}

static char *
host_key (const PpHost *host,
          const char   *run_id)
{
  if (host && host->machine_id)
    return g_strdup_printf ("machine:%s", host->machine_id);
  if (host && (host->fqdn || host->host_name))
    return g_strdup_printf ("name:%s", host->fqdn ? host->fqdn : host->host_name);

  return g_strdup_printf ("run:%s", run_id);
}

/* A folder name for the host's files in the fleet zip: its name and the
 * run's, so that two hosts of one name never share a folder. */
static char *
member_folder (const char *name,
               const char *run_id)
{
  g_autofree char *safe = g_strndup (name, 64);

  g_strcanon (safe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", '_');

  return g_strdup_printf ("hosts/%s-%.8s", safe, run_id);
}

/* As the host's own report colours its verdict: a stopped run whose
 * path was not all probed is neither an answer nor a failure. */
static PpFleetAgentKind
agent_kind (PpSeverity severity)
{
  switch (severity)
    {
    case PP_SEVERITY_PASS: return PP_FLEET_AGENT_REACHES_ALL;
    case PP_SEVERITY_PENDING: return PP_FLEET_AGENT_INCOMPLETE;
    case PP_SEVERITY_WARN:
    case PP_SEVERITY_FAIL:
    default: return PP_FLEET_AGENT_FAILS;
    }
}

static GStrv
copy_strings (GPtrArray *strings)
{
  GStrv copy = g_new0 (char *, strings->len + 1);

  for (guint i = 0; i < strings->len; i++)
    copy[i] = g_strdup (g_ptr_array_index (strings, i));

  return copy;
}

PpFleetHost *
pp_fleet_host_new (PpFleet      *self,
                   PpRunResults *results,
                   JsonObject   *configuration,
                   const char   *source)
{
  PpFleetHost *host = g_new0 (PpFleetHost, 1);
  const PpHost *facts = pp_run_results_get_host (results);
  PpProfile *profile = pp_run_results_get_profile (results);
  PpVerdict verdict;
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (results);

  host->host = facts ? pp_host_copy (facts) : NULL;
  host->run_id = g_strdup (pp_run_results_get_run_id (results));
  host->started = g_date_time_ref (pp_run_results_get_started (results));
  host->key = host_key (facts, host->run_id);
  host->name = facts ? pp_host_get_display_name (facts) : g_path_get_basename (source);
  host->profile = g_strdup (pp_profile_get_name (profile));
  host->geography = g_strdup (pp_profile_get_geography (profile));
  pp_run_results_get_verdict (results, &verdict);
  host->verdict = verdict.kind;
  host->n_endpoints = verdict.n_endpoints;
  host->n_reachable = verdict.n_reachable;
  host->proxy_configuration = describe_proxies (configuration);
  host->network = describe_network (facts);
  host->causes = pp_fleet_host_causes (diagnosis);
  host->allow_list = copy_strings (diagnosis->allow_list);
  host->severity = pp_diagnosis_severity (diagnosis);
  if (diagnosis->path.known)
    {
      host->agent = agent_kind (host->severity);
      host->agent_headline = g_strdup (diagnosis->headline);
    }
  fill_cells (self, host, results);
  host->source = g_strdup (source);
  host->report_member = member_folder (host->name, host->run_id);
  host->files = g_ptr_array_new_with_free_func (g_free);

  return host;
}

/* Hosts' temporary files are deleted with them; inputs never are. */
static void
delete_files (PpFleetHost *host)
{
  for (guint i = 0; i + 1 < host->files->len; i += 2)
    if (g_str_has_suffix (g_ptr_array_index (host->files, i + 1), ".fleet-tmp"))
      g_unlink (g_ptr_array_index (host->files, i + 1));
}

void
pp_fleet_add_skip (PpFleet         *self,
                   const char      *source,
                   PpFleetSkipKind  kind,
                   const char      *reason)
{
  PpFleetSkip *skip = g_new0 (PpFleetSkip, 1);

  skip->source = g_strdup (source);
  skip->kind = kind;
  /* Readers' messages start with the file's name: it is shown beside. */
  if (g_str_has_prefix (reason, source) && g_str_has_prefix (reason + strlen (source), ": "))
    reason += strlen (source) + 2;
  skip->reason = g_strdup (reason);
  g_ptr_array_add (self->skipped, skip);
  pp_debug ("fleet: %s left out: %s", source, reason);
}

/* The newer run of a host wins; of two as new, the later input. */
void
pp_fleet_add_host (PpFleet     *self,
                   PpFleetHost *host)
{
  PpFleetHost *other = g_hash_table_lookup (self->by_key, host->key);
  g_autofree char *reason = NULL;
  PpFleetHost *older;
  guint position = 0;

  self->sorted = FALSE;
  if (other == NULL)
    {
      g_ptr_array_add (self->hosts, host);
      g_hash_table_insert (self->by_key, host->key, host);
      return;
    }
  older = g_date_time_compare (host->started, other->started) < 0 ? host : other;
  reason = g_strdup_printf ("an older report of %s (run %s, newer: %s)", older->name,
                            older->run_id, older == host ? other->source : host->source);
  pp_fleet_add_skip (self, older->source, PP_FLEET_SKIP_DUPLICATE, reason);
  delete_files (older);
  if (older == host)
    {
      pp_fleet_host_free (host);
      return;
    }
  g_hash_table_replace (self->by_key, host->key, host);
  g_ptr_array_find (self->hosts, other, &position);
  g_ptr_array_index (self->hosts, position) = host;
  pp_fleet_host_free (other);
}

static int
verdict_rank (PpVerdictKind kind)
{
  switch (kind)
    {
    case PP_VERDICT_NONE_REACHABLE: return 0;
    case PP_VERDICT_SOME_UNREACHABLE: return 1;
    case PP_VERDICT_ONLY_DIRECT: return 2;
    case PP_VERDICT_PENDING: return 3;
    case PP_VERDICT_ALL_REACHABLE:
    default: return 4;
    }
}

static int
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  const PpFleetHost *x = *(PpFleetHost **) a;
  const PpFleetHost *y = *(PpFleetHost **) b;
  int rank = verdict_rank (x->verdict) - verdict_rank (y->verdict);

  return rank ? rank : g_strcmp0 (x->name, y->name);
}

GPtrArray *
pp_fleet_get_hosts (PpFleet *self)
{
  if (!self->sorted)
    g_ptr_array_sort (self->hosts, compare_hosts);
  self->sorted = TRUE;

  return self->hosts;
}

GPtrArray *
pp_fleet_get_skipped (PpFleet *self)
{
  return self->skipped;
}

guint
pp_fleet_get_n_endpoints (PpFleet *self)
{
  return self->urls->len;
}

const char *
pp_fleet_get_endpoint_url (PpFleet *self,
                           guint    index)
{
  return g_ptr_array_index (self->urls, index);
}

const char *
pp_fleet_get_endpoint_service (PpFleet *self,
                               guint    index)
{
  return g_ptr_array_index (self->services, index);
}

const char *
pp_fleet_verdict_id (PpVerdictKind kind)
{
  switch (kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return "all_reachable";
    case PP_VERDICT_ONLY_DIRECT: return "only_direct";
    case PP_VERDICT_SOME_UNREACHABLE: return "some_unreachable";
    case PP_VERDICT_NONE_REACHABLE: return "none_reachable";
    case PP_VERDICT_PENDING:
    default: return "incomplete";
    }
}

const char *
pp_fleet_verdict_label (PpVerdictKind kind)
{
  switch (kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return "Every endpoint reachable";
    case PP_VERDICT_ONLY_DIRECT: return "Reachable only with the proxy disabled";
    case PP_VERDICT_SOME_UNREACHABLE: return "Some endpoints unreachable";
    case PP_VERDICT_NONE_REACHABLE: return "No endpoint reachable";
    case PP_VERDICT_PENDING:
    default: return "Run incomplete (stopped)";
    }
}

const char *
pp_fleet_agent_id (PpFleetAgentKind kind)
{
  switch (kind)
    {
    case PP_FLEET_AGENT_REACHES_ALL: return "reaches_all";
    case PP_FLEET_AGENT_FAILS: return "fails";
    case PP_FLEET_AGENT_INCOMPLETE: return "incomplete";
    case PP_FLEET_AGENT_NONE:
    default: return "none";
    }
}

const char *
pp_fleet_agent_label (PpFleetAgentKind kind)
{
  switch (kind)
    {
    case PP_FLEET_AGENT_REACHES_ALL: return "The agent reaches every endpoint on its path";
    case PP_FLEET_AGENT_FAILS: return "The agent does not reach every endpoint on its path";
    case PP_FLEET_AGENT_INCOMPLETE: return "Not known: the run was stopped before the agent's path was probed";
    case PP_FLEET_AGENT_NONE:
    default: return "No agent's path (the profile names no agent, or its path was not probed)";
    }
}

const char *
pp_fleet_cell_id (guint16 cell)
{
  if (cell == PP_FLEET_CELL_OK)
    return "ok";
  if (cell == PP_FLEET_CELL_ABSENT || cell >= PP_N_OUTCOMES)
    return "absent";

  return pp_outcome_to_id (cell);
}

static void
cause_sum_free (PpFleetCauseSum *sum)
{
  g_ptr_array_unref (sum->hosts);
  g_free (sum);
}

static int
compare_cause_sums (gconstpointer a,
                    gconstpointer b)
{
  const PpFleetCauseSum *x = *(PpFleetCauseSum **) a;
  const PpFleetCauseSum *y = *(PpFleetCauseSum **) b;

  if (x->hosts->len != y->hosts->len)
    return x->hosts->len > y->hosts->len ? -1 : 1;
  if (x->n_endpoints != y->n_endpoints)
    return x->n_endpoints > y->n_endpoints ? -1 : 1;

  return g_strcmp0 (x->key, y->key);
}

GPtrArray *
pp_fleet_sum_causes (PpFleet *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *sums = g_ptr_array_new_with_free_func ((GDestroyNotify) cause_sum_free);
  GPtrArray *hosts = pp_fleet_get_hosts (self);

  for (guint h = 0; h < hosts->len; h++)
    {
      PpFleetHost *host = g_ptr_array_index (hosts, h);

      for (guint c = 0; c < host->causes->len; c++)
        {
          PpFleetCause *cause = g_ptr_array_index (host->causes, c);
          PpFleetCauseSum *sum = g_hash_table_lookup (by_key, cause->key);

          if (sum == NULL)
            {
              sum = g_new0 (PpFleetCauseSum, 1);
              sum->key = cause->key;
              sum->text = cause->text;
              sum->hosts = g_ptr_array_new ();
              g_hash_table_insert (by_key, cause->key, sum);
              g_ptr_array_add (sums, sum);
            }
          sum->n_endpoints = MAX (sum->n_endpoints, cause->n_endpoints);
          g_ptr_array_add (sum->hosts, host);
        }
    }
  g_ptr_array_sort (sums, compare_cause_sums);

  return sums;
}

static void
group_free (PpFleetGroup *group)
{
  g_ptr_array_unref (group->hosts);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const PpFleetGroup *x = *(PpFleetGroup **) a;
  const PpFleetGroup *y = *(PpFleetGroup **) b;

  if (x->hosts->len != y->hosts->len)
    return x->hosts->len > y->hosts->len ? -1 : 1;

  return g_strcmp0 (x->value, y->value);
}

static GPtrArray *
group_by (PpFleet *self,
          gsize    offset)
{
  g_autoptr(GHashTable) by_value = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  GPtrArray *hosts = pp_fleet_get_hosts (self);

  for (guint h = 0; h < hosts->len; h++)
    {
      PpFleetHost *host = g_ptr_array_index (hosts, h);
      const char *value = G_STRUCT_MEMBER (const char *, host, offset);
      PpFleetGroup *group = g_hash_table_lookup (by_value, value);

      if (group == NULL)
        {
          group = g_new0 (PpFleetGroup, 1);
          group->value = value;
          group->hosts = g_ptr_array_new ();
          g_hash_table_insert (by_value, (gpointer) value, group);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->hosts, host);
    }
  g_ptr_array_sort (groups, compare_groups);

  return groups;
}

GPtrArray *
pp_fleet_group_by_proxy (PpFleet *self)
{
  return group_by (self, G_STRUCT_OFFSET (PpFleetHost, proxy_configuration));
}

GPtrArray *
pp_fleet_group_by_network (PpFleet *self)
{
  return group_by (self, G_STRUCT_OFFSET (PpFleetHost, network));
}

/* The host's root causes, as its own report's diagnosis finds them (one
 * per cause and proxy, issuer or resolver), each under a key and a title
 * that are the same on every host it occurs on. */
GPtrArray *
pp_fleet_host_causes (const PpDiagnosis *diagnosis)
{
  GPtrArray *causes = g_ptr_array_new_with_free_func ((GDestroyNotify) cause_free);

  for (guint i = 0; i < diagnosis->causes->len; i++)
    {
      const PpCause *found = g_ptr_array_index (diagnosis->causes, i);
      PpFleetCause *cause = g_new0 (PpFleetCause, 1);

      cause->key = g_strdup_printf ("%s|%s|%s", found->id, found->subject ? found->subject : "DIRECT",
                                    found->status ? found->status : "");
      cause->text = pp_cause_format_title (found);
      cause->ask = pp_diagnosis_cause_is_fix (diagnosis, found) ? g_strdup (found->ask) : NULL;
      cause->n_endpoints = found->n_endpoints;
      g_ptr_array_add (causes, cause);
    }

  return causes;
}
