/* pp-session.h: one run's life, from detection to the last result
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpSession owns a run: it detects the configuration (unless given
 * one), runs the plan on a PpRunner, collects the results in a
 * PpRunResults and stops on request. The CLI and the window drive a
 * session and show what it signals; neither holds a runner, a
 * cancellable or results of its own.
 *
 *   "detected"       the configuration is known (detected, or given)
 *   "probe-finished" a probe's result is the run's (index in plan order):
 *                    exactly once per plan item, the stopped ones and
 *                    those that never started included
 *   "finished"       the run is over: every result present (stopped ones
 *                    included); the GError says why it could not start
 *   :running         TRUE from pp_session_start() until just before
 *                    "finished"
 *
 * Everything is signalled on the thread-default main context of
 * pp_session_start()'s caller.
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"
#include "pp-plan.h"
#include "pp-run-results.h"
#include "pp-trust.h"

G_BEGIN_DECLS

#define PP_TYPE_SESSION (pp_session_get_type ())

G_DECLARE_FINAL_TYPE (PpSession, pp_session, PP, SESSION, GObject)

PpSession    *pp_session_new                 (void);
void          pp_session_set_proxies         (PpSession            *self,
                                              const char           *cmdline_proxy,
                                              const char           *named_proxy);
void          pp_session_set_pac             (PpSession            *self,
                                              const char           *pac_file,
                                              const char           *pac_url);
void          pp_session_set_onboarding_file (PpSession            *self,
                                              const char           *onboarding_file);
void          pp_session_set_trust_anchors   (PpSession            *self,
                                              const char * const   *anchors);
void          pp_session_set_concurrency     (PpSession            *self,
                                              guint                 concurrency);
void          pp_session_set_timeouts        (PpSession            *self,
                                              guint                 timeout_ms,
                                              guint                 connect_timeout_ms);
void          pp_session_set_keep_traces     (PpSession            *self,
                                              gboolean              keep_traces);
void          pp_session_set_background      (PpSession            *self,
                                              gboolean              background);
void          pp_session_start               (PpSession            *self,
                                              PpPlan               *plan,
                                              PpConfig             *config,
                                              PpTrust              *trust);
void          pp_session_stop                (PpSession            *self);
void          pp_session_load                (PpSession            *self,
                                              PpRunResults         *results,
                                              PpConfig             *config);
gboolean      pp_session_get_running         (PpSession            *self);
PpPlan       *pp_session_get_plan            (PpSession            *self);
PpConfig     *pp_session_get_config          (PpSession            *self);
PpRunResults *pp_session_get_results         (PpSession            *self);

/* The configuration alone, e.g. to show it before the first run: the
 * same detection a run does, without the trust store. */
void          pp_session_detect_async        (PpSession            *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
PpConfig     *pp_session_detect_finish       (PpSession            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
