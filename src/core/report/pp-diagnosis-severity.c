/* pp-diagnosis-severity.c: one colour for the verdict, in every output
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's summary, the ticket image, the HTML report and fleet.html
 * each colour the verdict. They ask here, so that no output can show
 * green where another shows red for the same run.
 */
#include "pp-diagnosis.h"

/**
 * pp_verdict_kind_severity:
 *
 * What the methods say, where no agent's path decides: PASS when every
 * endpoint is reachable by some method; WARN when only some are, or only
 * with the proxy disabled (something gets through: a method must be
 * chosen or mended, not the network opened); FAIL when nothing gets
 * through; PENDING while that is not certain.
 */
PpSeverity
pp_verdict_kind_severity (PpVerdictKind kind)
{
  switch (kind)
    {
    case PP_VERDICT_ALL_REACHABLE: return PP_SEVERITY_PASS;
    case PP_VERDICT_ONLY_DIRECT:
    case PP_VERDICT_SOME_UNREACHABLE: return PP_SEVERITY_WARN;
    case PP_VERDICT_NONE_REACHABLE: return PP_SEVERITY_FAIL;
    case PP_VERDICT_PENDING:
    default: return PP_SEVERITY_PENDING;
    }
}

/* An endpoint whose probe on the path answered and failed is final;
 * unanswered ones may yet pass. */
static PpSeverity
agent_path_severity (const PpAgentPath *path)
{
  if (path->n_reached + path->n_pending < path->n_endpoints)
    return PP_SEVERITY_FAIL;
  if (path->n_pending > 0)
    return PP_SEVERITY_PENDING;

  return PP_SEVERITY_PASS;
}

/**
 * pp_diagnosis_severity:
 *
 * Where the profile names an agent and its path is known, the agent's
 * answer decides, as the exit status does: PASS when it reaches every
 * endpoint on its path, FAIL when it misses any. Never WARN there: every
 * endpoint of the profile is one the agent needs, and amber would read
 * as "mostly working" and close a ticket while part of the service stays
 * offline. This holds whatever --pass-rule the exit status follows: the
 * colour answers the ticket's question, not a script's.
 *
 * Without an agent, or with its path not told by this run, the methods
 * speak (pp_verdict_kind_severity()).
 */
PpSeverity
pp_diagnosis_severity (const PpDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, PP_SEVERITY_PENDING);

  if (self->path.known)
    return agent_path_severity (&self->path);

  return pp_verdict_kind_severity (self->verdict.kind);
}

/* "pass", "warn", "fail", "pending": for style classes. */
const char *
pp_severity_to_id (PpSeverity severity)
{
  switch (severity)
    {
    case PP_SEVERITY_PASS: return "pass";
    case PP_SEVERITY_WARN: return "warn";
    case PP_SEVERITY_FAIL: return "fail";
    case PP_SEVERITY_PENDING:
    default: return "pending";
    }
}
