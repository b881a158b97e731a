/* pp-guidance.h: what a technician should do about a result, and the run's verdict
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything returned here is translated (gettext domain "proxyprobe") and
 * meant for people: the analyzer-compatible lines stay in English in
 * pp-report-text.c. The HTML report and the GUI's summary both use these
 * functions, so that they say the same thing.
 */
#pragma once

#include "pp-plan.h"
#include "pp-probe-result.h"

G_BEGIN_DECLS

/* One bit per PpMethod: (1u << PP_METHOD_DIRECT). */
#define PP_METHOD_BIT(method) (1u << (method))

typedef enum
{
  PP_VERDICT_PENDING,          /* checks missing (running or stopped), and the verdict not yet certain */
  PP_VERDICT_ALL_REACHABLE,    /* every endpoint reachable by at least one method */
  PP_VERDICT_ONLY_DIRECT,      /* reachable only with the proxy disabled: the proxies block */
  PP_VERDICT_SOME_UNREACHABLE, /* some endpoints unreachable by every method */
  PP_VERDICT_NONE_REACHABLE,   /* no endpoint reachable by any method */
} PpVerdictKind;

/* The run at a glance. Results may still be missing (NULL entries in the
 * array, as in the GUI during a run) or cancelled (a stopped run): they
 * count as pending, and the verdict says only what the others make
 * certain. */
typedef struct
{
  PpVerdictKind kind;
  guint n_endpoints;
  guint n_reachable;       /* reachable by at least one method */
  guint n_probes;          /* endpoints x methods */
  guint n_pending;         /* probes without an answer: missing or cancelled */
  guint n_cancelled;       /* of those, stopped (the run was stopped) */
  guint methods_all;       /* PP_METHOD_BIT set: reached every endpoint */
  guint methods_some;      /* reached some endpoints, not all */
  guint methods_none;      /* configured, reached no endpoint */
  guint methods_absent;    /* "Doesn't exist" for every endpoint */
  gboolean inspected;      /* some probe saw TLS inspection */
  gboolean via_proxy;      /* some probe got through an actual proxy (not a DIRECT answer) */
} PpVerdict;

/* A short title per outcome class, e.g. "Proxy asks for a password". */
const char *pp_guidance_get_title        (PpOutcome            outcome);

/* A paragraph for a technician: what the result means and what to change,
 * naming the proxy, the inspecting issuer, the status. NULL when there is
 * nothing to do (reachable without inspection, or "Doesn't exist"). */
char       *pp_guidance_for_result       (const PpProbeResult *result);

void        pp_verdict_compute           (PpVerdict           *verdict,
                                          PpPlan              *plan,
                                          GPtrArray           *results);
/* One sentence: "Every endpoint is reachable.", "Only a direct
 * connection works: ...". */
char       *pp_verdict_format_headline   (const PpVerdict     *verdict);
/* "Works for every endpoint: Proxy disabled. Fails: Default proxy." */
char       *pp_verdict_format_methods    (const PpVerdict     *verdict,
                                          PpPlan              *plan);
/* Advice for the run as a whole, or NULL when there is none. */
char       *pp_verdict_format_guidance   (const PpVerdict     *verdict);

G_END_DECLS
