/* pp-runner.h: runs a plan on a pool of workers, results on the caller's context
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-config.h"
#include "pp-fd-budget.h"
#include "pp-plan.h"
#include "pp-probe-result.h"
#include "pp-trust.h"

G_BEGIN_DECLS

#define PP_RUNNER_DEFAULT_CONCURRENCY        128
#define PP_RUNNER_DEFAULT_CONNECT_TIMEOUT_MS 10000
#define PP_RUNNER_DEFAULT_TIMEOUT_MS         20000

#define PP_TYPE_RUNNER (pp_runner_get_type ())

G_DECLARE_FINAL_TYPE (PpRunner, pp_runner, PP, RUNNER, GObject)

PpRunner  *pp_runner_new                  (PpConfig            *config,
                                           PpTrust             *trust);
guint      pp_runner_get_concurrency      (PpRunner            *self);
void       pp_runner_set_concurrency      (PpRunner            *self,
                                           guint                concurrency);
guint      pp_runner_get_connect_timeout  (PpRunner            *self);
void       pp_runner_set_connect_timeout  (PpRunner            *self,
                                           guint                milliseconds);
guint      pp_runner_get_timeout          (PpRunner            *self);
void       pp_runner_set_timeout          (PpRunner            *self,
                                           guint                milliseconds);
gboolean   pp_runner_get_background       (PpRunner            *self);
void       pp_runner_set_background       (PpRunner            *self,
                                           gboolean             background);
gboolean   pp_runner_get_keep_traces      (PpRunner            *self);
void       pp_runner_set_keep_traces      (PpRunner            *self,
                                           gboolean             keep_traces);
gboolean   pp_runner_get_running          (PpRunner            *self);
void       pp_runner_run_async            (PpRunner            *self,
                                           PpPlan              *plan,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   pp_runner_run_finish           (PpRunner            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean   pp_runner_get_run_concurrency  (PpRunner            *self,
                                           PpConcurrency       *concurrency);

G_END_DECLS
