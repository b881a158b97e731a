/* pp-guidance.h: what a technician should do about a result, and the run's verdict
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything returned here is translated (gettext domain "proxyprobe") and
 * meant for people: the analyzer-compatible lines stay in English in
 * pp-report-text.c. The HTML report and the GUI's summary both use these
 * functions, so that they say the same thing. The verdict itself is
 * computed by PpRunResults (pp_run_results_get_verdict()).
 */
#pragma once

#include "pp-diagnosis.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

/* A short title per outcome class, e.g. "Proxy asks for a password". */
const char *pp_guidance_get_title        (PpOutcome            outcome);

/* A paragraph for a technician: what the result means and what to change,
 * naming the proxy, the inspecting issuer, the status. NULL when there is
 * nothing to do (reachable without inspection, or "Doesn't exist"). */
char       *pp_guidance_for_result       (const PpProbeResult *result);

/* One sentence: "Every endpoint is reachable.", "Only a direct
 * connection works: ...". */
char       *pp_verdict_format_headline   (const PpVerdict     *verdict);
/* "Defender for Endpoint on Linux: 0 of 22 endpoints reachable on its
 * path", or "21 of 22 endpoints reachable" without an agent. */
char       *pp_diagnosis_format_title    (const PpDiagnosis   *diagnosis);
/* The same, prefixed as the analyzer's rule when an agent's path leads. */
char       *pp_verdict_format_any_method (const PpVerdict     *verdict,
                                          gboolean             beside_agent);
/* Under the diagnosis's headline: what any method reached beside the
 * agent's path, or "" where the headline already says it (no path). */
char       *pp_diagnosis_format_any_method (const PpDiagnosis *diagnosis);
/* "Works for every endpoint: Proxy disabled. Fails: Default proxy." */
char       *pp_verdict_format_methods    (const PpVerdict     *verdict,
                                          PpPlan              *plan);
/* Advice for the run as a whole, or NULL when there is none. */
char       *pp_verdict_format_guidance   (const PpVerdict     *verdict);

G_END_DECLS
