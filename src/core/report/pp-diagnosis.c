/* pp-diagnosis.c: computing the diagnosis (pp-diagnosis-format.c writes it)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-diagnosis.h"
#include "pp-diagnosis-private.h"
#include "pp-log.h"

#include <string.h>

#include "pp-redact.h"

/* Causes by their effect on the agent's path: a proxy that refuses is
 * the most common and most certain reason an agent stays offline; a
 * timeout the least telling. Keyed by the outcome's id, so that a new
 * outcome (dns_timeout) needs only a row here and is otherwise handled
 * like any other: a line with its reason and an example. */
static const PpCauseKind cause_kinds[] = {
  { "proxy_refused",       1, TRUE },
  { "proxy_auth_required", 2, TRUE },
  { "tls_inspected",       3, TRUE },
  { "dns_timeout",         4, FALSE },
  { "dns_failed",          5, FALSE },
  { "transparent_proxy",   6, FALSE },
  { "connect_refused",     7, FALSE },
  { "proxy_unreachable",   8, FALSE },
  { "connect_timeout",     9, FALSE },
  { "timeout",            10, FALSE },
  { "tls_failed",         11, FALSE },
};

#define RANK_OTHER 20

const PpCauseKind *
pp_cause_kind_lookup (const char *id)
{
  static const PpCauseKind other = { NULL, RANK_OTHER, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (cause_kinds); i++)
    if (g_str_equal (cause_kinds[i].id, id))
      return &cause_kinds[i];

  return &other;
}

static void
cause_free (PpCause *cause)
{
  g_free (cause->id);
  g_free (cause->subject);
  g_free (cause->status);
  g_free (cause->example);
  pp_probe_result_unref (cause->example_result);
  g_ptr_array_unref (cause->hosts);
  g_clear_pointer (&cause->seen_hosts, g_hash_table_unref);
  g_free (cause->line);
  g_free (cause->ask);
  g_free (cause);
}

/* Whether @cause's ask is among what to change: with an agent, only the
 * causes on its path are; without one, every cause is. */
gboolean
pp_diagnosis_cause_is_fix (const PpDiagnosis *self,
                           const PpCause     *cause)
{
  return cause->ask != NULL && (!self->path.known || cause->on_agent_path);
}

void
pp_diagnosis_free (PpDiagnosis *self)
{
  if (self == NULL)
    return;

  g_free (self->agent_name);
  g_free (self->path_proxy);
  g_free (self->provenance);
  g_free (self->headline);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->causes);
  g_ptr_array_unref (self->fixes);
  g_free (self->snippet);
  g_ptr_array_unref (self->allow_list);
  g_free (self);
}

/* The evidence of a transparent proxy on a direct answer (the engine's,
 * pp-transparent.c): a proxy the agent meets whichever path it takes. */
static const char *
transparent_evidence (const PpProbeResult *result)
{
  return result->method == PP_METHOD_DIRECT ? result->transparent_proxy : NULL;
}

/* The proxy a result went through, redacted; NULL for a direct one. */
char *
pp_diagnosis_proxy_of (const PpProbeResult *result)
{
  const char *proxy = result->proxy;

  if (proxy == NULL && result->attempts != NULL && result->attempts->len > 0)
    proxy = g_array_index (result->attempts, PpAttempt, result->attempts->len - 1).proxy;
  if (proxy == NULL || g_str_equal (proxy, "DIRECT") || result->method == PP_METHOD_DIRECT)
    return NULL;

  return pp_redact (proxy);
}

/* "403 ERR_ACCESS_DENIED": the proxy's status and the reason it gave, as
 * the detail reads "the proxy X answered 403 to CONNECT (ERR_ACCESS_DENIED 0)". */
static char *
status_words (const PpProbeResult *result)
{
  guint status = result->connect_status ? result->connect_status : result->proxy_status;
  const char *open = result->detail ? strchr (result->detail, '(') : NULL;
  gsize length = open ? strcspn (open + 1, " )") : 0;

  if (status == 0)
    return NULL;
  if (length == 0 || !g_ascii_isupper (open[1]))
    return g_strdup_printf ("%u", status);

  return g_strdup_printf ("%u %.*s", status, (int) length, open + 1);
}

static PpCause *
cause_new (const char          *id,
           char                *subject,
           const PpProbeResult *result)
{
  PpCause *cause = g_new0 (PpCause, 1);
  const PpCauseKind *kind = pp_cause_kind_lookup (id);

  cause->id = g_strdup (id);
  cause->subject = subject;
  cause->rank = kind->rank;
  cause->allow_list = kind->allow_list;
  cause->status = status_words (result);
  cause->example = g_strdup (result->detail);
  cause->example_result = pp_probe_result_ref ((PpProbeResult *) result);
  cause->hosts = g_ptr_array_new_with_free_func (g_free);
  cause->seen_hosts = g_hash_table_new (g_str_hash, g_str_equal);
  cause->last_endpoint = G_MAXUINT;

  return cause;
}

static char *
host_of (const PpEndpoint *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint->url, G_URI_FLAGS_NONE, NULL);

  return uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1)
                                     : g_strdup (endpoint->url);
}

static void
cause_add (PpCause             *cause,
           const PpProbeResult *result,
           guint                endpoint_index)
{
  char *host;

  cause->methods |= PP_METHOD_BIT (result->method);
  if (cause->last_endpoint == endpoint_index)
    return;
  cause->last_endpoint = endpoint_index;
  cause->n_endpoints++;
  host = host_of (result->endpoint);
  if (g_hash_table_contains (cause->seen_hosts, host))
    {
      g_free (host);
      return;
    }
  g_ptr_array_add (cause->hosts, host);
  g_hash_table_add (cause->seen_hosts, host);
}

/* Groups by (cause, subject): one proxy blocking 22 endpoints on three
 * methods is one cause, not 66. */
static void
group (PpDiagnosisBuild    *build,
       const char          *id,
       char                *subject,
       const PpProbeResult *result,
       guint                endpoint_index)
{
  g_autofree char *key = g_strconcat (id, "\x1f", subject ? subject : "", NULL);
  PpCause *cause = g_hash_table_lookup (build->by_key, key);

  if (cause == NULL)
    {
      cause = cause_new (id, subject, result);
      g_hash_table_insert (build->by_key, g_steal_pointer (&key), cause);
      g_ptr_array_add (build->diagnosis->causes, cause);
    }
  else
    g_free (subject);
  cause_add (cause, result, endpoint_index);
}

static void
classify_result (PpDiagnosisBuild    *build,
                 const PpProbeResult *result,
                 guint                endpoint_index)
{
  const char *evidence = transparent_evidence (result);

  if (evidence != NULL)
    group (build, "transparent_proxy", pp_redact (evidence), result, endpoint_index);
  if (result->tls.inspected || result->outcome == PP_OUTCOME_TLS_INSPECTED)
    group (build, "tls_inspected",
           /* Translators: who inspected HTTPS, when the certificate names no issuer. */
           g_strdup (result->tls.issuer ? result->tls.issuer
                     : pp_tr (build->diagnosis->translated, "an unknown issuer")),
           result, endpoint_index);
  else if (!pp_probe_result_is_reachable (result) && result->outcome != PP_OUTCOME_NOT_CONFIGURED)
    group (build, pp_outcome_to_id (result->outcome), pp_diagnosis_proxy_of (result), result,
           endpoint_index);
}

static void
collect_causes (PpDiagnosisBuild *build)
{
  PpRunResults *results = build->results;

  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpProbeResult *result = pp_run_results_get_item (results, i);
      guint e, m;

      if (!pp_probe_result_has_answered (result) ||
          !pp_run_results_get_position (results, i, &e, &m))
        continue;
      classify_result (build, result, e);
    }
}

/* A cause is on the agent's path when it hit the path's method, or the
 * direct one where the agent may fall back to it; a transparent proxy
 * applies either way. */
static gboolean
on_agent_path (const PpDiagnosis *self,
               const PpCause     *cause)
{
  const PpAgentPath *path = &self->path;
  gboolean may_go_direct = path->step == PP_AGENT_STEP_DIRECT ||
                           (path->n_proxy_unreachable > 0 && path->fallback != PP_AGENT_FALLBACK_NO);

  if (!path->known)
    return FALSE;
  if (g_str_equal (cause->id, "transparent_proxy"))
    return TRUE;

  return (cause->methods & PP_METHOD_BIT (path->method)) != 0 ||
         (may_go_direct && (cause->methods & PP_METHOD_BIT (PP_METHOD_DIRECT)) != 0);
}

static int
compare_causes (gconstpointer a,
                gconstpointer b)
{
  const PpCause *x = *(PpCause **) a, *y = *(PpCause **) b;

  if (x->on_agent_path != y->on_agent_path)
    return x->on_agent_path ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->n_endpoints != y->n_endpoints)
    return x->n_endpoints > y->n_endpoints ? -1 : 1;

  return g_strcmp0 (x->subject, y->subject);
}

static void
order_causes (PpDiagnosis *self)
{
  for (guint i = 0; i < self->causes->len; i++)
    {
      PpCause *cause = g_ptr_array_index (self->causes, i);

      cause->on_agent_path = on_agent_path (self, cause);
      pp_diagnosis_describe_cause (self, cause);
      pp_debug ("cause %s (%s): %u endpoints, methods 0x%x, %s the agent's path, rank %u",
                cause->id, cause->subject ? cause->subject : "direct", cause->n_endpoints,
                cause->methods, cause->on_agent_path ? "on" : "off", cause->rank);
    }
  g_ptr_array_sort (self->causes, compare_causes);
}

static gboolean
domain_covers (const char *domain,
               const char *host)
{
  return g_str_has_suffix (host, domain + 1) && strlen (host) > strlen (domain + 1);
}

/* Hosts first, in the order the causes name them, then the profile's
 * documented wildcard domains that cover any of them. */
static void
collect_allow_list (PpDiagnosis *self,
                    PpAgent     *agent)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *domains = agent ? pp_agent_get_domains (agent) : NULL;
  guint n_hosts;

  for (guint i = 0; i < self->causes->len; i++)
    {
      PpCause *cause = g_ptr_array_index (self->causes, i);

      for (guint j = 0; cause->allow_list && j < cause->hosts->len; j++)
        if (g_hash_table_add (seen, g_ptr_array_index (cause->hosts, j)))
          g_ptr_array_add (self->allow_list, g_strdup (g_ptr_array_index (cause->hosts, j)));
    }
  n_hosts = self->allow_list->len;
  for (guint d = 0; domains && domains[d]; d++)
    for (guint h = 0; h < n_hosts; h++)
      if (domain_covers (domains[d], g_ptr_array_index (self->allow_list, h)))
        {
          g_ptr_array_add (self->allow_list, g_strdup (domains[d]));
          break;
        }
}

/* An empty piece stays empty: gettext ("") is the catalogue's header. */
const char *
pp_tr (gboolean    translated,
       const char *english)
{
  return translated && *english != '\0' ? _(english) : english;
}

/* English chooses as plural () did, so its lines stay byte for byte. */
const char *
pp_ntr (gboolean    translated,
        const char *one,
        const char *many,
        gulong      n)
{
  if (translated)
    return ngettext (one, many, n);

  return n == 1 ? one : many;
}

static PpDiagnosis *
diagnosis_new (PpRunResults *results,
               gboolean      translated)
{
  PpDiagnosis *self;
  PpAgent *agent;
  PpDiagnosisBuild build = { results };

  self = g_new0 (PpDiagnosis, 1);
  self->translated = translated;
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->causes = g_ptr_array_new_with_free_func ((GDestroyNotify) cause_free);
  self->fixes = g_ptr_array_new_with_free_func (g_free);
  self->allow_list = g_ptr_array_new_with_free_func (g_free);
  build.diagnosis = self;
  build.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  agent = pp_profile_get_agent (pp_run_results_get_profile (results));
  self->agent_name = agent ? g_strdup (pp_agent_get_name (agent)) : NULL;
  pp_run_results_get_agent_path (results, &self->path);
  pp_run_results_get_verdict (results, &self->verdict);
  self->exit_status = pp_run_results_get_exit_status (results);

  collect_causes (&build);
  g_hash_table_unref (build.by_key);
  pp_diagnosis_describe_path (self, results);
  order_causes (self);
  collect_allow_list (self, agent);
  pp_diagnosis_find_fixes (self, results);
  pp_debug ("diagnosis: %s; %u causes, %u fixes, %u allow-list entries, exit %d",
            self->headline, self->causes->len, self->fixes->len, self->allow_list->len,
            self->exit_status);

  return self;
}

/**
 * pp_diagnosis_new:
 * @results: a run's results, finished or not
 *
 * In English, whatever the user's language: what files, scripts and
 * support read (report.json, the zip, the CLI, fleet outputs).
 *
 * Returns: (transfer full): the diagnosis of what the results show so far
 */
PpDiagnosis *
pp_diagnosis_new (PpRunResults *results)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (results), NULL);

  return diagnosis_new (results, FALSE);
}

/**
 * pp_diagnosis_new_translated:
 * @results: a run's results, finished or not
 *
 * The same diagnosis in the user's language, for the window (its
 * summary, the copied summary, the ticket image). Hosts, proxies,
 * issuers, paths and one probe's detail stay as they are.
 *
 * Returns: (transfer full): the diagnosis of what the results show so far
 */
PpDiagnosis *
pp_diagnosis_new_translated (PpRunResults *results)
{
  g_return_val_if_fail (PP_IS_RUN_RESULTS (results), NULL);

  return diagnosis_new (results, TRUE);
}
