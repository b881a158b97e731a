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

/* "Named proxy, Command line proxy" */
char *
pp_diagnosis_methods_words (gboolean translated,
                            guint    methods)
{
  GString *out = g_string_new (NULL);

  for (PpMethod m = 0; m < PP_N_METHODS; m++)
    if (methods & PP_METHOD_BIT (m))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "",
                              pp_tr (translated, pp_method_get_label (m)));

  return g_string_free (out, FALSE);
}

char *
pp_diagnosis_format_methods (guint methods)
{
  return pp_diagnosis_methods_words (FALSE, methods);
}

/* The agent's path. */

static char *
named_proxy_display (const PpDiagnosis *self,
                     PpRunResults      *results,
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

  /* Translators: in place of the agent's proxy, which the report does not show. */
  return g_strdup (pp_tr (self->translated, "(not shown)"));
}

/* Where the agent's proxy was set, or why there is none. */
static char *
named_provenance (const PpDiagnosis *self,
                  PpRunResults      *results,
                  const PpAgentPath *path)
{
  PpConfig *config = pp_run_results_get_config (results);
  const PpNamedProxy *named = config ? pp_config_get_named_proxy (config) : NULL;
  const char *source = pp_run_results_get_named_source (results);

  gboolean t = self->translated;

  if (source == NULL && path->step == PP_AGENT_STEP_NAMED)
    /* Translators: in brackets after the agent's proxy, in place of the file that set it. */
    return g_strdup (pp_tr (t, "where it was set is not known: a received report without the "
                               "configuration"));
  if (source == NULL)
    /* Translators: in brackets after "connects directly": why. %s is the managed file's path. */
    return g_strdup_printf (pp_tr (t, "no %s cloudService.proxy, no --named-proxy"),
                            PP_MDATP_MANAGED_PATH);
  if (named != NULL && named->problem != NULL)
    {
      /* Translators: where the agent's proxy was set (a file and key), then what is wrong with it. */
      g_autofree char *text = g_strdup_printf (pp_tr (t, "%s, which cannot be used: %s"), source,
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
  gboolean t = self->translated;

  /* The counts are "N of M endpoints" whatever M is: the English lines
   * are pinned as they are. */
  if (path->step == PP_AGENT_STEP_DIRECT)
    {
      self->provenance = named_provenance (self, results, path);
      /* Translators: the agent's name, why it connects directly, endpoints reached, endpoints. */
      self->headline = g_strdup_printf (pp_tr (t, "%s connects directly (%s): %u of %u endpoints "
                                                  "reachable."),
                                        self->agent_name, self->provenance, path->n_reached,
                                        path->n_endpoints);
      return;
    }
  if (path->step == PP_AGENT_STEP_NAMED)
    {
      self->path_proxy = named_proxy_display (self, results, path);
      self->provenance = named_provenance (self, results, path);
      /* Translators: the agent's name, its proxy, where that was set, endpoints reached, endpoints. */
      self->headline = g_strdup_printf (pp_tr (t, "%s connects through the named proxy %s (%s): "
                                                  "%u of %u endpoints reachable."),
                                        self->agent_name, self->path_proxy, self->provenance,
                                        path->n_reached, path->n_endpoints);
      return;
    }
  self->provenance = g_strdup (pp_tr (t, pp_method_get_label (path->method)));
  /* Translators: the agent's name, a method's name ("Default proxy"), endpoints reached, endpoints. */
  self->headline = g_strdup_printf (pp_tr (t, "%s connects as the %s does: %u of %u endpoints "
                                              "reachable."),
                                    self->agent_name, self->provenance,
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
  gboolean t = self->translated;
  guint n = path->n_proxy_unreachable;

  if (n == 0)
    return;
  if (path->fallback == PP_AGENT_FALLBACK_UNKNOWN)
    /* Translators: endpoints the proxy failed, the agent's name, then endpoints reached and all
     * endpoints if it goes direct, then the same if it does not. */
    add_note (self, g_strdup_printf (pp_ntr (t, "The named proxy cannot be reached for %u endpoint. "
                                                "Whether %s then goes direct is not documented: if "
                                                "it does, it reaches %u of %u endpoints; if it does "
                                                "not, %u of %u.",
                                             "The named proxy cannot be reached for %u endpoints. "
                                             "Whether %s then goes direct is not documented: if "
                                             "it does, it reaches %u of %u endpoints; if it does "
                                             "not, %u of %u.", n),
                                     n, self->agent_name, path->n_reached + path->n_reached_if_fallback,
                                     path->n_endpoints, path->n_reached, path->n_endpoints));
  else if (path->fallback == PP_AGENT_FALLBACK_YES)
    /* Translators: endpoints the proxy failed, the agent's name, how many of those it reaches directly. */
    add_note (self, g_strdup_printf (pp_ntr (t, "The named proxy cannot be reached for %u endpoint; "
                                                "%s then goes direct, which reaches %u of them "
                                                "(counted above).",
                                             "The named proxy cannot be reached for %u endpoints; "
                                             "%s then goes direct, which reaches %u of them "
                                             "(counted above).", n),
                                     n, self->agent_name, path->n_reached_if_fallback));
  else
    /* Translators: endpoints the proxy failed, the agent's name. */
    add_note (self, g_strdup_printf (pp_ntr (t, "The named proxy cannot be reached for %u endpoint, "
                                                "and %s does not go direct then.",
                                             "The named proxy cannot be reached for %u endpoints, "
                                             "and %s does not go direct then.", n),
                                     n, self->agent_name));
}

/* Without the agent's path, the count by any method is the summary's
 * title and the CLI's Summary line: the sentence says what the count
 * does not, which kind of answer it is. */
static const char *
methods_answer (gboolean         t,
                const PpVerdict *verdict)
{
  switch (verdict->kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return pp_tr (t, "Every endpoint is reachable by at least one method");
    case PP_VERDICT_ONLY_DIRECT: return pp_tr (t, "Only direct connections get through: no endpoint is "
                                                  "reachable through a proxy");
    case PP_VERDICT_SOME_UNREACHABLE: return pp_tr (t, "Some endpoints are not reachable by any method");
    case PP_VERDICT_NONE_REACHABLE: return pp_tr (t, "No endpoint is reachable by any method");
    case PP_VERDICT_PENDING:
    default: return verdict->n_cancelled > 0
                    ? pp_tr (t, "No verdict: the run was stopped before every probe answered")
                    : pp_tr (t, "No verdict yet: some probes have not answered");
    }
}

void
pp_diagnosis_describe_path (PpDiagnosis  *self,
                            PpRunResults *results)
{
  const PpAgentPath *path = &self->path;
  gboolean t = self->translated;
  guint n_pending = self->verdict.n_pending;

  if (self->agent_name == NULL)
    /* Translators: what the methods reached ("Every endpoint is reachable by at least one method"). */
    self->headline = g_strdup_printf (pp_tr (t, "%s (this profile names no agent: the verdict "
                                                "speaks of methods only)."),
                                      methods_answer (t, &self->verdict));
  else if (!path->known)
    /* Translators: the agent's name, then what the methods reached, as a sentence without its full stop. */
    self->headline = g_strdup_printf (pp_tr (t, "%s: its path cannot be told from this run (the "
                                                "method of its path was not run or has not "
                                                "answered). %s."),
                                      self->agent_name, methods_answer (t, &self->verdict));
  else
    describe_known_path (self, results);

  if (path->known)
    describe_fallback (self);
  if (path->known && path->passed_local)
    add_note (self, g_strdup (pp_tr (t, "A proxy set on the agent itself ('mdatp config proxy set') "
                                        "would come before going direct; Proxy Probe cannot read "
                                        "it: 'mdatp health' shows it.")));
  if (n_pending > 0)
    add_note (self, g_strdup_printf (pp_ntr (t, "%u probe did not answer (still running or "
                                                "stopped): the counts may change.",
                                             "%u probes did not answer (still running or "
                                             "stopped): the counts may change.", n_pending),
                                     n_pending));
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

/* The pieces are translated one by one in the window (pp_tr()); a line
 * reads: before, the subject, after, count, "N endpoints", count_end,
 * the qualifier, ": " and one probe's detail, " — " and the methods. */
static const CausePhrase cause_phrases[] = {
  /* Translators: a root cause's line starts "Proxy http://10.0.0.5:3128 blocks 4 endpoints
   * (403 ERR_ACCESS_DENIED) — Named proxy": this piece, then the proxy's address. */
  { "proxy_refused", N_("Proxy "),
    /* Translators: after "Proxy http://10.0.0.5:3128"; then " 4 endpoints (403 ...)". */
    N_(" blocks"), " ", "", QUALIFY_STATUS, NULL, TRUE },
  { "proxy_auth_required", N_("Proxy "),
    /* Translators: after "Proxy http://10.0.0.5:3128"; then " for 4 endpoints: <detail> — <methods>". */
    N_(" asks for a password (407)"),
    /* Translators: between " asks for a password (407)" and "4 endpoints". */
    N_(" for "), "", QUALIFY_NONE, NULL, TRUE },
  /* Translators: a root cause's line starts with this, then the issuer of the inspecting
   * certificate, then " on 4 endpoints — <methods>". */
  { "tls_inspected", N_("HTTPS inspected by "), "",
    /* Translators: between the inspecting issuer and "4 endpoints". */
    N_(" on "), "", QUALIFY_NONE, NULL, TRUE },
  /* Translators: a root cause's line starts with this, then the evidence (a header such as
   * "Via: 1.1 squid"), then ", on 4 endpoints". */
  { "transparent_proxy", N_("Direct connections pass through a transparent proxy, "), "",
    /* Translators: between the transparent proxy's evidence and "4 endpoints". */
    N_(", on "), "", QUALIFY_NONE, NULL, FALSE },
  { "proxy_unreachable", N_("Proxy "),
    /* Translators: after "Proxy http://10.0.0.5:3128"; then " (4 endpoints): <detail> — <methods>". */
    N_(" cannot be reached"), " (", ")", QUALIFY_NONE,
    /* Translators: in place of one probe's detail, after "cannot be reached (4 endpoints): ". */
    N_("no answer"), TRUE },
};

/* Any other cause: its outcome's reason ("Name not resolved"), " for 4
 * endpoints", where, and one probe's detail. */
static const CausePhrase other_phrase = {
  NULL, NULL, NULL,
  /* Translators: between a reason ("Name not resolved") and "4 endpoints". */
  N_(" for "), "", QUALIFY_WHERE,
  /* Translators: in place of one probe's detail, after "Name not resolved for 4 endpoints: ". */
  N_("no detail"), TRUE };

static const CausePhrase *
cause_phrase (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (cause_phrases); i++)
    if (g_str_equal (cause_phrases[i].id, id))
      return &cause_phrases[i];

  return &other_phrase;
}

/* "Proxy X blocks"; any other cause by its outcome's reason ("Name not
 * resolved"), its first letter a capital in any language. */
static void
append_head (GString           *out,
             gboolean           t,
             const CausePhrase *phrase,
             const PpCause     *cause)
{
  PpOutcome outcome;
  const char *reason;

  if (phrase->id != NULL)
    {
      g_string_append_printf (out, "%s%s%s", pp_tr (t, phrase->before),
                              /* Translators: in place of the proxy, for a direct connection. */
                              cause->subject ? cause->subject : pp_tr (t, "(direct)"),
                              pp_tr (t, phrase->after));
      return;
    }
  reason = pp_outcome_from_id (cause->id, &outcome) ? pp_tr (t, pp_outcome_get_reason (outcome))
                                                    : cause->id;
  g_string_append_unichar (out, g_unichar_totitle (g_utf8_get_char (reason)));
  g_string_append (out, g_utf8_next_char (reason));
}

/* A cause without a proxy is a direct connection's only when the direct
 * method is all it hit: a named proxy that cannot be used has none either. */
static void
append_qualifier (GString           *out,
                  gboolean           t,
                  const CausePhrase *phrase,
                  const PpCause     *cause)
{
  if (phrase->qualify == QUALIFY_STATUS)
    /* Translators: what a blocking proxy answered, when it gave no status. */
    g_string_append_printf (out, " (%s)", cause->status ? cause->status : pp_tr (t, "refused"));
  else if (phrase->qualify == QUALIFY_WHERE && cause->subject != NULL)
    /* Translators: after "Name not resolved for 4 endpoints"; %s is the proxy's address. */
    g_string_append_printf (out, pp_tr (t, " through proxy %s"), cause->subject);
  else if (phrase->qualify == QUALIFY_WHERE && cause->methods == PP_METHOD_BIT (PP_METHOD_DIRECT))
    /* Translators: after "Name not resolved for 4 endpoints". */
    g_string_append (out, pp_tr (t, " on direct connections"));
}

/* The title, or with @methods the line: title, counts, detail, methods. */
static char *
cause_words (gboolean       t,
             const PpCause *cause,
             const char    *methods)
{
  const CausePhrase *phrase = cause_phrase (cause->id);
  GString *out = g_string_new (NULL);
  guint n = cause->n_endpoints;

  append_head (out, t, phrase, cause);
  if (methods != NULL)
    {
      g_string_append (out, pp_tr (t, phrase->count));
      /* Translators: how many endpoints a root cause hit, in the middle of its line. */
      g_string_append_printf (out, pp_ntr (t, "%u endpoint", "%u endpoints", n), n);
      g_string_append (out, pp_tr (t, phrase->count_end));
    }
  append_qualifier (out, t, phrase, cause);
  if (methods != NULL && phrase->no_detail != NULL)
    g_string_append_printf (out, ": %s", cause->example ? cause->example
                                                        : pp_tr (t, phrase->no_detail));
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

  return cause_words (FALSE, cause, NULL);
}

/* Whom to ask about a proxy, inspection or transparent proxy. @agent:
 * the profile names one; a URL list's client is whatever program uses
 * the hosts, and what it can or cannot do is not known. */
static char *
ask_about_proxy (gboolean       t,
                 const PpCause *cause,
                 gboolean       agent)
{
  /* Translators: in place of a proxy's address that is not known. */
  const char *subject = cause->subject ? cause->subject : pp_tr (t, "the proxy");

  if (g_str_equal (cause->id, "proxy_refused"))
    /* Translators: the proxy's address, then "the agent" or "the program that uses them". */
    return g_strdup_printf (pp_tr (t, "Ask the proxy team to allow the hosts of the allow-list on "
                                      "%s for %s."), subject,
                            /* Translators: who needs the hosts: the agent or, without one, the
                             * program that uses them. */
                            agent ? pp_tr (t, "the agent") : pp_tr (t, "the program that uses them"));
  if (g_str_equal (cause->id, "proxy_auth_required"))
    /* Translators: the proxy's address, then ": the agent cannot give a password." or ".". */
    return g_strdup_printf (pp_tr (t, "Ask the proxy team to allow anonymous access to the hosts of "
                                      "the allow-list on %s%s"), subject,
                            /* Translators: ends "Ask the proxy team to allow anonymous access ...". */
                            agent ? pp_tr (t, ": the agent cannot give a password.") : ".");
  if (g_str_equal (cause->id, "tls_inspected"))
    /* Translators: the inspecting issuer, then ": the agent accepts only ..." or ".". */
    return g_strdup_printf (pp_tr (t, "Ask the team that runs the TLS inspection (%s) to exempt the "
                                      "hosts of the allow-list%s"), subject,
                            /* Translators: ends "Ask the team that runs the TLS inspection ...". */
                            agent ? pp_tr (t, ": the agent accepts only its service's own "
                                              "certificates.") : ".");
  if (g_str_equal (cause->id, "transparent_proxy"))
    /* Translators: the evidence of the transparent proxy; then "the agent's hosts" or "these
     * hosts"; then "the agent takes" or "is taken" (whichever path the agent takes). */
    return g_strdup_printf (pp_tr (t, "Ask the owners of the transparent proxy on the direct path "
                                      "(%s) to allow %s: its rules apply whichever path %s."),
                            subject,
                            agent ? pp_tr (t, "the agent's hosts") : pp_tr (t, "these hosts"),
                            /* Translators: ends "its rules apply whichever path ...". */
                            agent ? pp_tr (t, "the agent takes") : pp_tr (t, "is taken"));
  if (g_str_equal (cause->id, "proxy_unreachable"))
    /* Translators: the proxy's address. */
    return g_strdup_printf (pp_tr (t, "Nothing answers at %s: correct the proxy's address, or ask "
                                      "the proxy team whether it has moved."), subject);

  return NULL;
}

/* Whom to ask about names and connections, or the agent's own setting. */
static char *
ask_about_network (gboolean       t,
                   const PpCause *cause,
                   gboolean       agent)
{
  const char *subject = cause->subject;
  const char *who = agent ? pp_tr (t, "the agent") : pp_tr (t, "the program that uses them");

  if (g_str_equal (cause->id, "error") && (cause->methods & PP_METHOD_BIT (PP_METHOD_NAMED)))
    /* Translators: then one probe's detail (in English). */
    return g_strdup_printf (pp_tr (t, "Correct the agent's proxy setting where it was set (an empty "
                                      "or placeholder value is a known failure): %s"), cause->example);
  if (g_str_has_prefix (cause->id, "dns_") && subject != NULL)
    /* Translators: the proxy's address. */
    return g_strdup_printf (pp_tr (t, "Ask the proxy team why %s cannot resolve these names."), subject);
  if (g_str_equal (cause->id, "dns_timeout"))
    return g_strdup (pp_tr (t, "Ask the network team why this machine's DNS servers do not answer "
                               "in time."));
  if (g_str_has_prefix (cause->id, "dns_"))
    /* Translators: "the agent" or "the program that uses them". */
    return g_strdup_printf (pp_tr (t, "Ask the network team why this machine's DNS servers do not "
                                      "resolve these names (or set a proxy for %s, if only the proxy "
                                      "reaches the internet)."), who);
  if (!g_str_equal (cause->id, "connect_refused") && !g_str_equal (cause->id, "connect_timeout") &&
      !g_str_equal (cause->id, "timeout"))
    return NULL;
  if (subject != NULL)
    /* Translators: the proxy's address. */
    return g_strdup_printf (pp_tr (t, "Ask the proxy team why %s cannot connect to these hosts."),
                            subject);

  /* Translators: "the agent" or "the program that uses them". */
  return g_strdup_printf (pp_tr (t, "Ask the firewall team to allow outbound HTTPS (port 443) to "
                                    "these hosts, or set a proxy for %s."), who);
}

static char *
cause_ask (gboolean       t,
           const PpCause *cause,
           gboolean       agent)
{
  char *ask = ask_about_proxy (t, cause, agent);

  return ask != NULL ? ask : ask_about_network (t, cause, agent);
}

void
pp_diagnosis_describe_cause (PpDiagnosis *self,
                             PpCause     *cause)
{
  g_autofree char *methods = pp_diagnosis_methods_words (self->translated, cause->methods);

  cause->line = cause_words (self->translated, cause, methods);
  cause->ask = cause_ask (self->translated, cause, self->agent_name != NULL);
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
reach_words (gboolean t,
             guint    n,
             guint    total)
{
  /* Translators: how many endpoints a method reaches: "all 22", or "20 of 22". */
  return n == total ? g_strdup_printf (pp_tr (t, "all %u"), total)
                    : g_strdup_printf (pp_tr (t, "%u of %u"), n, total);
}

static void
add_alternative (PpDiagnosis  *self,
                 PpRunResults *results)
{
  Alternative best = { 0 };
  g_autofree char *reach = NULL;
  gboolean t = self->translated;
  const char *label;

  if (!best_alternative (self, results, &best))
    return;
  label = pp_tr (t, pp_method_get_label (pp_run_results_get_method (results, best.position)));
  reach = reach_words (t, best.n_reached, self->path.n_endpoints);
  if (best.proxy != NULL && strchr (best.proxy, '@') == NULL)
    {
      g_autofree char *escaped = g_strescape (best.proxy, NULL);

      self->snippet = g_strdup_printf ("{\"cloudService\": {\"proxy\": \"%s\"}}", escaped);
      g_ptr_array_add (self->fixes,
                       /* Translators: a method ("Command line proxy"), its proxy, "all 22" or
                        * "20 of 22", the managed file's path, the JSON to put in it. */
                       g_strdup_printf (pp_tr (t, "%s %s reaches %s: set it as cloudService.proxy "
                                                  "in %s — %s"),
                                        label, best.proxy, reach, PP_MDATP_MANAGED_PATH,
                                        self->snippet));
    }
  else if (best.proxy == NULL && self->path.step != PP_AGENT_STEP_DIRECT)
    g_ptr_array_add (self->fixes,
                     /* Translators: a method ("Proxy disabled"), "all 22" or "20 of 22", the
                      * managed file's path. */
                     g_strdup_printf (pp_tr (t, "%s (a direct connection) reaches %s: with no "
                                                "named proxy the agent goes direct — remove "
                                                "cloudService.proxy from %s if direct connections "
                                                "are allowed here."), label, reach,
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
      /* Translators: the agent's name. */
      g_ptr_array_add (self->fixes, g_strdup_printf (pp_tr (self->translated, "Nothing to change: "
                                                                              "%s reaches every "
                                                                              "endpoint on its path."),
                                                     self->agent_name));
      return;
    }
  if (path->known)
    add_alternative (self, results);
  add_asks (self);
  pp_debug ("%u fixes; snippet %s", self->fixes->len, self->snippet ? self->snippet : "none");
}
