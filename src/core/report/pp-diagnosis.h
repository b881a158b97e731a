/* pp-diagnosis.h: what the agent will do, each root cause once, and what to change
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answer to a ticket's one question: can the service's agent on this
 * machine reach its cloud, and if not, what exactly must whom change? It
 * is computed once, here, from a PpRunResults (the agent's path and the
 * exit status come from there; the configuration it holds tells where the
 * agent's proxy was set). Every output (CLI text, JSON, HTML, the zip's
 * ProxyProbeResult.txt and allowlist.txt, the GUI's summary) renders this
 * value and computes nothing of its own (the JSON form is written in
 * pp-report-json.c).
 */
#pragma once

#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_REPORT_ALLOWLIST_NAME "allowlist.txt"

/* One root cause: a (cause, proxy or issuer or resolver) group. */
typedef struct
{
  char *id;             /* the outcome's id ("proxy_refused") or "transparent_proxy" */
  char *subject;        /* the proxy, issuer or evidence; NULL for a direct connection */
  char *status;         /* "403 ERR_ACCESS_DENIED", or NULL */
  char *example;        /* one probe's detail */
  PpProbeResult *example_result; /* that probe: guidance is written once per cause from it */
  guint rank;           /* its effect on the agent's path: lower comes first */
  gboolean on_agent_path;
  gboolean allow_list;  /* its hosts go on the allow-list */
  guint n_endpoints;
  guint methods;        /* PP_METHOD_BIT set */
  GPtrArray *hosts;     /* of char *, first seen first */
  char *line;           /* one line for people */
  char *ask;            /* whom to ask for what, or NULL */
  /* private: while grouping */
  GHashTable *seen_hosts;
  guint last_endpoint;
} PpCause;

typedef struct
{
  PpAgentPath path;
  PpVerdict verdict;
  char *agent_name;     /* NULL: the profile names no agent */
  char *path_proxy;     /* the agent's proxy (redacted), NULL when it goes direct */
  char *provenance;     /* where that was set, or why it goes direct */
  char *headline;       /* the answer, one sentence */
  GPtrArray *notes;     /* of char *: both outcomes of an unknown fallback, a local setting we cannot read */
  GPtrArray *causes;    /* of PpCause, ordered by effect on the agent's path */
  GPtrArray *fixes;     /* of char *: what to change, nearest working alternative first */
  char *snippet;        /* the managed-file JSON the first fix sets, or NULL */
  GPtrArray *allow_list;/* of char *: hosts, then the profile's wildcard domains covering them */
  PpExitStatus exit_status;
  gboolean translated;  /* its sentences are in the user's language (the window's); else English */
} PpDiagnosis;

/* How a verdict is coloured: see pp_diagnosis_severity(). */
typedef enum
{
  PP_SEVERITY_PENDING,  /* not certain yet: probes unanswered (running or stopped) */
  PP_SEVERITY_PASS,
  PP_SEVERITY_WARN,
  PP_SEVERITY_FAIL,
} PpSeverity;

PpDiagnosis *pp_diagnosis_new                (PpRunResults      *results);
PpDiagnosis *pp_diagnosis_new_translated     (PpRunResults      *results);
void         pp_diagnosis_free               (PpDiagnosis       *self);
char        *pp_diagnosis_format_text        (const PpDiagnosis *self);
char        *pp_diagnosis_format_verdict     (const PpDiagnosis *self);
char        *pp_diagnosis_format_causes      (const PpDiagnosis *self);
char        *pp_diagnosis_format_brief       (const PpDiagnosis *self);
char        *pp_diagnosis_format_allow_list  (const PpDiagnosis *self);
char        *pp_diagnosis_format_allow_list_section (const PpDiagnosis *self);
char        *pp_diagnosis_format_methods     (guint              methods);
char        *pp_cause_format_title           (const PpCause     *cause);
gboolean     pp_diagnosis_cause_is_fix       (const PpDiagnosis *self,
                                              const PpCause     *cause);
PpSeverity   pp_diagnosis_severity           (const PpDiagnosis *self);
PpSeverity   pp_verdict_kind_severity        (PpVerdictKind      kind);
const char  *pp_severity_to_id               (PpSeverity         severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpDiagnosis, pp_diagnosis_free)

G_END_DECLS
