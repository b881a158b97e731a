/* pp-diagnosis-words.c: the diagnosis's sentences, the agent's path and the fixes
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written for a helpdesk technician who must pass the problem on: each
 * sentence names the proxy, issuer or resolver, how many endpoints, on
 * which methods, and whom to ask for what.
 */
#include "pp-diagnosis-private.h"
#include "pp-log.h"

#include <string.h>

#include "pp-named-proxy.h"
#include "pp-redact.h"

static const char *
plural (guint n)
{
  return n == 1 ? "" : "s";
}

/* "Named proxy, Command line proxy" */
char *
pp_diagnosis_format_methods (guint methods)
{
  GString *out = g_string_new (NULL);

  for (PpMethod m = 0; m < PP_N_METHODS; m++)
    if (methods & PP_METHOD_BIT (m))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", pp_method_get_label (m));

  return g_string_free (out, FALSE);
}

/* The agent's path. */

static char *
named_proxy_display (PpRunResults      *results,
                     const PpAgentPath *path)
{
  PpConfig *config = pp_run_results_get_config (results);
  const PpNamedProxy *named = config ? pp_config_get_named_proxy (config) : NULL;

  if (named != NULL && named->spec != NULL)
    return pp_redact (named->spec->display);
  if (named != NULL && named->raw != NULL)
    {
      g_autofree char *raw = pp_redact (named->raw);

      return g_strdup_printf ("'%s'", raw);
    }
  for (guint e = 0; e < path->n_endpoints; e++)
    {
      PpProbeResult *result = pp_run_results_lookup (results, e, path->method_position);
      char *proxy = result ? pp_diagnosis_proxy_of (result) : NULL;

      if (proxy != NULL)
        return proxy;
    }

  return g_strdup ("(not shown)");
}

/* Where the agent's proxy was set, or why there is none. */
static char *
named_provenance (PpRunResults      *results,
                  const PpAgentPath *path)
{
  PpConfig *config = pp_run_results_get_config (results);
  const PpNamedProxy *named = config ? pp_config_get_named_proxy (config) : NULL;
  const char *source = pp_run_results_get_named_source (results);

  if (source == NULL && path->step == PP_AGENT_STEP_NAMED)
    return g_strdup ("where it was set is not known: a received report without the configuration");
  if (source == NULL)
    return g_strdup ("no " PP_MDATP_MANAGED_PATH " cloudService.proxy, no --named-proxy");
  if (named != NULL && named->problem != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s, which cannot be used: %s", source,
                                               named->problem);

      return pp_redact (text);
    }

  return pp_redact (source);
}

static void
describe_known_path (PpDiagnosis  *self,
                     PpRunResults *results)
{
  const PpAgentPath *path = &self->path;

  if (path->step == PP_AGENT_STEP_DIRECT)
    {
      self->provenance = named_provenance (results, path);
      self->headline = g_strdup_printf ("%s connects directly (%s): %u of %u endpoints reachable.",
                                        self->agent_name, self->provenance, path->n_reached,
                                        path->n_endpoints);
      return;
    }
  if (path->step == PP_AGENT_STEP_NAMED)
    {
      self->path_proxy = named_proxy_display (results, path);
      self->provenance = named_provenance (results, path);
      self->headline = g_strdup_printf ("%s connects through the named proxy %s (%s): %u of %u "
                                        "endpoints reachable.", self->agent_name,
                                        self->path_proxy, self->provenance, path->n_reached,
                                        path->n_endpoints);
      return;
    }
  self->provenance = g_strdup (pp_method_get_label (path->method));
  self->headline = g_strdup_printf ("%s connects as the %s does: %u of %u endpoints reachable.",
                                    self->agent_name, pp_method_get_label (path->method),
                                    path->n_reached, path->n_endpoints);
}

static void
add_note (PpDiagnosis *self,
          char        *note)
{
  g_ptr_array_add (self->notes, note);
}

/* Where the profile does not know whether the agent falls back to a
 * direct connection, both outcomes are stated: the technician can then
 * test the one that matters. */
static void
describe_fallback (PpDiagnosis *self)
{
  const PpAgentPath *path = &self->path;

  if (path->n_proxy_unreachable == 0)
    return;
  if (path->fallback == PP_AGENT_FALLBACK_UNKNOWN)
    add_note (self, g_strdup_printf ("The named proxy cannot be reached for %u endpoint%s. Whether "
                                     "%s then goes direct is not documented: if it does, it "
                                     "reaches %u of %u endpoints; if it does not, %u of %u.",
                                     path->n_proxy_unreachable, plural (path->n_proxy_unreachable),
                                     self->agent_name, path->n_reached + path->n_reached_if_fallback,
                                     path->n_endpoints, path->n_reached, path->n_endpoints));
  else if (path->fallback == PP_AGENT_FALLBACK_YES)
    add_note (self, g_strdup_printf ("The named proxy cannot be reached for %u endpoint%s; %s then "
                                     "goes direct, which reaches %u of them (counted above).",
                                     path->n_proxy_unreachable, plural (path->n_proxy_unreachable),
                                     self->agent_name, path->n_reached_if_fallback));
  else
    add_note (self, g_strdup_printf ("The named proxy cannot be reached for %u endpoint%s, and %s "
                                     "does not go direct then.", path->n_proxy_unreachable,
                                     plural (path->n_proxy_unreachable), self->agent_name));
}

/* Without the agent's path, the count by any method is the summary's
 * title and the CLI's Summary line: the sentence says what the count
 * does not, which kind of answer it is. */
static const char *
methods_answer (const PpVerdict *verdict)
{
  switch (verdict->kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return "Every endpoint is reachable by at least one method";
    case PP_VERDICT_ONLY_DIRECT: return "Only direct connections get through: no endpoint is "
                                        "reachable through a proxy";
    case PP_VERDICT_SOME_UNREACHABLE: return "Some endpoints are not reachable by any method";
    case PP_VERDICT_NONE_REACHABLE: return "No endpoint is reachable by any method";
    case PP_VERDICT_PENDING:
    default: return verdict->n_cancelled > 0
                    ? "No verdict: the run was stopped before every probe answered"
                    : "No verdict yet: some probes have not answered";
    }
}

void
pp_diagnosis_describe_path (PpDiagnosis  *self,
                            PpRunResults *results)
{
  const PpAgentPath *path = &self->path;

  if (self->agent_name == NULL)
    self->headline = g_strdup_printf ("%s (this profile names no agent: the verdict speaks of "
                                      "methods only).", methods_answer (&self->verdict));
  else if (!path->known)
    self->headline = g_strdup_printf ("%s: its path cannot be told from this run (the method of "
                                      "its path was not run or has not answered). %s.",
                                      self->agent_name, methods_answer (&self->verdict));
  else
    describe_known_path (self, results);

  if (path->known)
    describe_fallback (self);
  if (path->known && path->passed_local)
    add_note (self, g_strdup ("A proxy set on the agent itself ('mdatp config proxy set') would "
                              "come before going direct; Proxy Probe cannot read it: 'mdatp health' "
                              "shows it."));
  if (self->verdict.n_pending > 0)
    add_note (self, g_strdup_printf ("%u probe%s did not answer (still running or stopped): the "
                                     "counts may change.", self->verdict.n_pending,
                                     plural (self->verdict.n_pending)));
}

/* One cause's line and whom to ask. */

/* Each cause's words, once. The line a host's verdict shows is the
 * cause's title with its counts put in, then one probe's detail and the
 * methods; the title alone ("Proxy http://10.0.0.5:3128 blocks (403
 * ERR_ACCESS_DENIED)") is the same on every machine it occurs on, which
 * is what a fleet report adds up across hosts. */
typedef enum
{
  QUALIFY_NONE,
  QUALIFY_STATUS,       /* " (403 ERR_ACCESS_DENIED)": what the proxy answered */
  QUALIFY_WHERE,        /* " through proxy X", " on direct connections" */
} Qualify;

typedef struct
{
  const char *id;       /* NULL: any other cause, named by its outcome's reason */
  const char *before;   /* the words around the subject */
  const char *after;
  const char *count;    /* how the counts join the title: " for " 2 endpoints */
  const char *count_end;
  Qualify qualify;      /* after the counts */
  const char *no_detail;/* the line gives one probe's detail, this when there is none; NULL: not */
  gboolean methods;     /* the line ends with the methods */
} CausePhrase;

static const CausePhrase cause_phrases[] = {
  { "proxy_refused", "Proxy ", " blocks", " ", "", QUALIFY_STATUS, NULL, TRUE },
  { "proxy_auth_required", "Proxy ", " asks for a password (407)", " for ", "", QUALIFY_NONE, NULL, TRUE },
  { "tls_inspected", "HTTPS inspected by ", "", " on ", "", QUALIFY_NONE, NULL, TRUE },
  { "transparent_proxy", "Direct connections pass through a transparent proxy, ", "", ", on ", "",
    QUALIFY_NONE, NULL, FALSE },
  { "proxy_unreachable", "Proxy ", " cannot be reached", " (", ")", QUALIFY_NONE, "no answer", TRUE },
};

static const CausePhrase other_phrase = { NULL, NULL, NULL, " for ", "", QUALIFY_WHERE, "no detail", TRUE };

static const CausePhrase *
cause_phrase (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (cause_phrases); i++)
    if (g_str_equal (cause_phrases[i].id, id))
      return &cause_phrases[i];

  return &other_phrase;
}

/* "Proxy X blocks"; any other cause by its outcome's reason ("Name not resolved"). */
static void
append_head (GString           *out,
             const CausePhrase *phrase,
             const PpCause     *cause)
{
  PpOutcome outcome;
  const char *reason;

  if (phrase->id != NULL)
    {
      g_string_append_printf (out, "%s%s%s", phrase->before,
                              cause->subject ? cause->subject : "(direct)", phrase->after);
      return;
    }
  reason = pp_outcome_from_id (cause->id, &outcome) ? pp_outcome_get_reason (outcome) : cause->id;
  g_string_append_printf (out, "%c%s", g_ascii_toupper (reason[0]), reason + 1);
}

/* A cause without a proxy is a direct connection's only when the direct
 * method is all it hit: a named proxy that cannot be used has none either. */
static void
append_qualifier (GString           *out,
                  const CausePhrase *phrase,
                  const PpCause     *cause)
{
  if (phrase->qualify == QUALIFY_STATUS)
    g_string_append_printf (out, " (%s)", cause->status ? cause->status : "refused");
  else if (phrase->qualify == QUALIFY_WHERE && cause->subject != NULL)
    g_string_append_printf (out, " through proxy %s", cause->subject);
  else if (phrase->qualify == QUALIFY_WHERE && cause->methods == PP_METHOD_BIT (PP_METHOD_DIRECT))
    g_string_append (out, " on direct connections");
}

/* The title, or with @methods the line: title, counts, detail, methods. */
static char *
cause_words (const PpCause *cause,
             const char    *methods)
{
  const CausePhrase *phrase = cause_phrase (cause->id);
  GString *out = g_string_new (NULL);
  guint n = cause->n_endpoints;

  append_head (out, phrase, cause);
  if (methods != NULL)
    g_string_append_printf (out, "%s%u endpoint%s%s", phrase->count, n, plural (n), phrase->count_end);
  append_qualifier (out, phrase, cause);
  if (methods != NULL && phrase->no_detail != NULL)
    g_string_append_printf (out, ": %s", cause->example ? cause->example : phrase->no_detail);
  if (methods != NULL && phrase->methods)
    g_string_append_printf (out, " — %s", methods);

  return g_string_free (out, FALSE);
}

/**
 * pp_cause_format_title:
 *
 * The cause without its counts, detail or methods, the same on every
 * machine it occurs on ("Proxy http://10.0.0.5:3128 blocks (403
 * ERR_ACCESS_DENIED)"): what a fleet report adds up across hosts.
 */
char *
pp_cause_format_title (const PpCause *cause)
{
  g_return_val_if_fail (cause != NULL, NULL);

  return cause_words (cause, NULL);
}

/* Whom to ask about a proxy, inspection or transparent proxy. @agent:
 * the profile names one; a URL list's client is whatever program uses
 * the hosts, and what it can or cannot do is not known. */
static char *
ask_about_proxy (const PpCause *cause,
                 gboolean       agent)
{
  const char *subject = cause->subject ? cause->subject : "the proxy";

  if (g_str_equal (cause->id, "proxy_refused"))
    return g_strdup_printf ("Ask the proxy team to allow the hosts of the allow-list on %s for %s.",
                            subject, agent ? "the agent" : "the program that uses them");
  if (g_str_equal (cause->id, "proxy_auth_required"))
    return g_strdup_printf ("Ask the proxy team to allow anonymous access to the hosts of the "
                            "allow-list on %s%s", subject,
                            agent ? ": the agent cannot give a password." : ".");
  if (g_str_equal (cause->id, "tls_inspected"))
    return g_strdup_printf ("Ask the team that runs the TLS inspection (%s) to exempt the hosts of "
                            "the allow-list%s", subject,
                            agent ? ": the agent accepts only its service's own certificates." : ".");
  if (g_str_equal (cause->id, "transparent_proxy"))
    return g_strdup_printf ("Ask the owners of the transparent proxy on the direct path (%s) to "
                            "allow %s: its rules apply whichever path %s.", subject,
                            agent ? "the agent's hosts" : "these hosts",
                            agent ? "the agent takes" : "is taken");
  if (g_str_equal (cause->id, "proxy_unreachable"))
    return g_strdup_printf ("Nothing answers at %s: correct the proxy's address, or ask the proxy "
                            "team whether it has moved.", subject);

  return NULL;
}

/* Whom to ask about names and connections, or the agent's own setting. */
static char *
ask_about_network (const PpCause *cause,
                   gboolean       agent)
{
  const char *subject = cause->subject;
  const char *who = agent ? "the agent" : "the program that uses them";

  if (g_str_equal (cause->id, "error") && (cause->methods & PP_METHOD_BIT (PP_METHOD_NAMED)))
    return g_strdup_printf ("Correct the agent's proxy setting where it was set (an empty or "
                            "placeholder value is a known failure): %s", cause->example);
  if (g_str_has_prefix (cause->id, "dns_") && subject != NULL)
    return g_strdup_printf ("Ask the proxy team why %s cannot resolve these names.", subject);
  if (g_str_equal (cause->id, "dns_timeout"))
    return g_strdup ("Ask the network team why this machine's DNS servers do not answer in time.");
  if (g_str_has_prefix (cause->id, "dns_"))
    return g_strdup_printf ("Ask the network team why this machine's DNS servers do not resolve "
                            "these names (or set a proxy for %s, if only the proxy reaches the "
                            "internet).", who);
  if (!g_str_equal (cause->id, "connect_refused") && !g_str_equal (cause->id, "connect_timeout") &&
      !g_str_equal (cause->id, "timeout"))
    return NULL;
  if (subject != NULL)
    return g_strdup_printf ("Ask the proxy team why %s cannot connect to these hosts.", subject);

  return g_strdup_printf ("Ask the firewall team to allow outbound HTTPS (port 443) to these "
                          "hosts, or set a proxy for %s.", who);
}

static char *
cause_ask (const PpCause *cause,
           gboolean       agent)
{
  char *ask = ask_about_proxy (cause, agent);

  return ask != NULL ? ask : ask_about_network (cause, agent);
}

void
pp_diagnosis_describe_cause (PpDiagnosis *self,
                             PpCause     *cause)
{
  g_autofree char *methods = pp_diagnosis_format_methods (cause->methods);

  cause->line = cause_words (cause, methods);
  cause->ask = cause_ask (cause, self->agent_name != NULL);
}

/* What to change. */

typedef struct
{
  guint position;
  guint n_reached;
  char *proxy;          /* the one proxy every success went through; NULL: direct */
  gboolean mixed;       /* successes through different proxies */
} Alternative;

static void
measure_alternative (PpRunResults *results,
                     guint         position,
                     Alternative  *alt)
{
  alt->position = position;
  for (guint e = 0; e < pp_run_results_get_n_endpoints (results); e++)
    {
      PpProbeResult *result = pp_run_results_lookup (results, e, position);
      g_autofree char *proxy = NULL;

      if (result == NULL || !pp_probe_result_is_reachable (result))
        continue;
      proxy = pp_diagnosis_proxy_of (result);
      if (alt->n_reached++ == 0)
        alt->proxy = g_steal_pointer (&proxy);
      else if (g_strcmp0 (alt->proxy, proxy) != 0)
        alt->mixed = TRUE;
    }
}

/* A proxy wins a tie with a direct connection: where an administrator
 * set a proxy for the agent, the network most likely wants one. */
static gboolean
is_better (const Alternative *alt,
           const Alternative *best)
{
  return !alt->mixed && (alt->n_reached > best->n_reached ||
                         (alt->n_reached == best->n_reached && alt->proxy && !best->proxy));
}

/* The method, other than the agent's own, that reaches most endpoints
 * through one proxy (or directly): the nearest working alternative. */
static gboolean
best_alternative (PpDiagnosis  *self,
                  PpRunResults *results,
                  Alternative  *best)
{
  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      Alternative alt = { 0 };

      if (m == self->path.method_position)
        continue;
      measure_alternative (results, m, &alt);
      if (is_better (&alt, best))
        {
          g_free (best->proxy);
          *best = alt;
        }
      else
        g_free (alt.proxy);
    }

  return best->n_reached > self->path.n_reached;
}

static char *
reach_words (guint n,
             guint total)
{
  return n == total ? g_strdup_printf ("all %u", total) : g_strdup_printf ("%u of %u", n, total);
}

static void
add_alternative (PpDiagnosis  *self,
                 PpRunResults *results)
{
  Alternative best = { 0 };
  g_autofree char *reach = NULL;
  const char *label;

  if (!best_alternative (self, results, &best))
    return;
  label = pp_method_get_label (pp_run_results_get_method (results, best.position));
  reach = reach_words (best.n_reached, self->path.n_endpoints);
  if (best.proxy != NULL && strchr (best.proxy, '@') == NULL)
    {
      g_autofree char *escaped = g_strescape (best.proxy, NULL);

      self->snippet = g_strdup_printf ("{\"cloudService\": {\"proxy\": \"%s\"}}", escaped);
      g_ptr_array_add (self->fixes,
                       g_strdup_printf ("%s %s reaches %s: set it as cloudService.proxy in %s — %s",
                                        label, best.proxy, reach, PP_MDATP_MANAGED_PATH,
                                        self->snippet));
    }
  else if (best.proxy == NULL && self->path.step != PP_AGENT_STEP_DIRECT)
    g_ptr_array_add (self->fixes,
                     g_strdup_printf ("%s (a direct connection) reaches %s: with no named proxy "
                                      "the agent goes direct — remove cloudService.proxy from %s "
                                      "if direct connections are allowed here.", label, reach,
                                      PP_MDATP_MANAGED_PATH));
  g_free (best.proxy);
}

static void
add_asks (PpDiagnosis *self)
{
  for (guint i = 0; i < self->causes->len; i++)
    {
      PpCause *cause = g_ptr_array_index (self->causes, i);
      gboolean seen = FALSE;

      if (!pp_diagnosis_cause_is_fix (self, cause))
        continue;
      for (guint j = 0; j < self->fixes->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (self->fixes, j), cause->ask);
      if (!seen)
        g_ptr_array_add (self->fixes, g_strdup (cause->ask));
    }
}

void
pp_diagnosis_find_fixes (PpDiagnosis  *self,
                         PpRunResults *results)
{
  const PpAgentPath *path = &self->path;

  if (path->known && path->n_reached == path->n_endpoints)
    {
      g_ptr_array_add (self->fixes, g_strdup_printf ("Nothing to change: %s reaches every endpoint "
                                                     "on its path.", self->agent_name));
      return;
    }
  if (path->known)
    add_alternative (self, results);
  add_asks (self);
  pp_debug ("%u fixes; snippet %s", self->fixes->len, self->snippet ? self->snippet : "none");
}
