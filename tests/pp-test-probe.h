/* pp-test-probe.h: running single probes against the testbed
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-runner.h"
#include "testbed/pp-testbed.h"

G_BEGIN_DECLS

/* How one probe is set up: the endpoint, the method and what the method
 * is pointed at. Zero means a sensible default everywhere. */
typedef struct
{
  const char *url;
  PpMethod method;
  const char *proxy;           /* for cmdline, named, env and default */
  const char *trust;           /* endpoint trust; NULL is "system" */
  guint expected_status;       /* 0 is 200 */
  gboolean trust_bump_ca;      /* add the inspection CA as a trust anchor */
  gboolean untrusted_test_ca;  /* do not trust the origin's CA */
  gboolean test_ca_not_public; /* leave the test CA out of the public set */
  guint connect_timeout_ms;
  guint timeout_ms;
} PpTestProbe;

void           pp_test_probe_init_environment (void);
void           pp_test_probe_set_default_proxy (const char       *proxy_url);
PpProbeResult *pp_test_probe_run              (PpTestbed         *testbed,
                                               const PpTestProbe *probe);
PpProbeResult *pp_test_probe_expect           (PpTestbed         *testbed,
                                               const PpTestProbe *probe,
                                               PpOutcome          outcome);
GPtrArray     *pp_test_probe_new_results      (PpPlan            *plan);
void           pp_test_probe_keep_result_cb   (PpRunner          *runner,
                                               guint              index,
                                               PpProbeResult     *result,
                                               GPtrArray         *results);
GPtrArray     *pp_test_probe_run_plan         (PpRunner          *runner,
                                               PpPlan            *plan,
                                               GCancellable      *cancellable);

G_END_DECLS
