/* pp-worker.h: one thread driving many probes through a libcurl multi handle
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-probe.h"

G_BEGIN_DECLS

typedef struct
{
  guint index;            /* position in the plan */
  PpEndpoint *endpoint;
  PpMethod method;
} PpJob;

/* Both are called on the worker thread: marshal before touching anything. */
typedef void (*PpWorkerDeliverFunc) (guint          index,
                                     PpProbeResult *result,
                                     gpointer       user_data);
typedef void (*PpWorkerDoneFunc)    (gpointer       user_data);

typedef struct _PpWorker PpWorker;

PpJob    *pp_job_new        (guint                 index,
                             PpEndpoint           *endpoint,
                             PpMethod              method);
void      pp_job_free       (PpJob                *job);
void      pp_job_queue_end  (GAsyncQueue          *jobs,
                             PpOutcome             outcome,
                             const char           *detail,
                             PpWorkerDeliverFunc   deliver,
                             gpointer              user_data);
PpWorker *pp_worker_start   (GAsyncQueue          *jobs,
                             const PpProbeOptions *options,
                             guint                 capacity,
                             gboolean              background,
                             GCancellable         *cancellable,
                             PpWorkerDeliverFunc   deliver,
                             PpWorkerDoneFunc      done,
                             gpointer              user_data);
void      pp_worker_wakeup  (PpWorker             *self);
void      pp_worker_join    (PpWorker             *self);

/* The details of a probe that never started: stopped, or no worker could
 * run it. */
#define PP_WORKER_STOPPED_DETAIL "the run was stopped before this probe started"
#define PP_WORKER_NO_START_DETAIL \
  "this computer ran out of file descriptors or memory: libcurl could not start a transfer; " \
  "the probe never reached the network"

G_END_DECLS
