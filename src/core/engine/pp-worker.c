/* pp-worker.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-worker.h"
#include "pp-log.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The longest a worker sleeps in curl_multi_poll() when nothing wakes it:
 * a bound on how late a stop can be noticed, far under the 250 ms promise. */
#define POLL_INTERVAL_MS 100

struct _PpWorker
{
  GThread *thread;
  CURLM *multi;
  GAsyncQueue *jobs;
  PpProbeOptions options;
  guint capacity;
  GCancellable *cancellable;
  GHashTable *in_flight;     /* PpProbe → PpJob */
  PpWorkerDeliverFunc deliver;
  PpWorkerDoneFunc done;
  gpointer user_data;
  gboolean background;
};

/* A background worker yields the CPU to the thread that shows its results:
 * nice +5 on Linux's scheduler weighs a third as much as nice 0, enough for
 * a window's main thread to keep its frames while 128 probes start, little
 * enough that a probe's timings barely wait for it. Raising one's own nice
 * value needs no privilege; failing to is harmless. */
#define BACKGROUND_NICE 5

static void
lower_priority (void)
{
  id_t tid = (id_t) syscall (SYS_gettid);
  int nice = getpriority (PRIO_PROCESS, tid);

  setpriority (PRIO_PROCESS, tid, MIN (nice + BACKGROUND_NICE, 19));
}

PpJob *
pp_job_new (guint       index,
            PpEndpoint *endpoint,
            PpMethod    method)
{
  PpJob *job = g_new0 (PpJob, 1);

  job->index = index;
  job->endpoint = pp_endpoint_ref (endpoint);
  job->method = method;

  return job;
}

void
pp_job_free (PpJob *job)
{
  pp_endpoint_unref (job->endpoint);
  g_free (job);
}

static gboolean
is_cancelled (PpWorker *self)
{
  return g_atomic_int_get (self->options.cancelled) != 0;
}

static void
deliver_probe (PpWorker *self,
               PpProbe  *probe,
               PpJob    *job)
{
  self->deliver (job->index, pp_probe_result_ref (pp_probe_get_result (probe)), self->user_data);
  pp_probe_free (probe);
  pp_job_free (job);
}

static void
admit_jobs (PpWorker *self)
{
  PpJob *job;

  while (g_hash_table_size (self->in_flight) < self->capacity && !is_cancelled (self) &&
         (job = g_async_queue_try_pop (self->jobs)) != NULL)
    {
      PpProbe *probe = pp_probe_new (job->endpoint, job->method, &self->options);
      CURL *easy = pp_probe_begin (probe, self->cancellable);

      if (easy == NULL)
        {
          deliver_probe (self, probe, job);
          continue;
        }
      g_hash_table_insert (self->in_flight, probe, job);
      curl_multi_add_handle (self->multi, easy);
    }
}

static void
transfer_done (PpWorker *self,
               CURL     *easy,
               CURLcode  code)
{
  PpProbe *probe = NULL;
  PpJob *job;
  CURL *next;

  curl_easy_getinfo (easy, CURLINFO_PRIVATE, (char **) &probe);
  curl_multi_remove_handle (self->multi, easy);

  next = pp_probe_transfer_done (probe, code);
  if (next != NULL)
    {
      curl_multi_add_handle (self->multi, next);
      return;
    }

  job = g_hash_table_lookup (self->in_flight, probe);
  g_hash_table_remove (self->in_flight, probe);
  deliver_probe (self, probe, job);
}

static void
collect_done (PpWorker *self)
{
  CURLMsg *msg;
  int left;

  while ((msg = curl_multi_info_read (self->multi, &left)) != NULL)
    if (msg->msg == CURLMSG_DONE)
      transfer_done (self, msg->easy_handle, msg->data.result);
}

/* Ends every job still in @jobs with @outcome, without probing. */
void
pp_job_queue_end (GAsyncQueue         *jobs,
                  PpOutcome            outcome,
                  const char          *detail,
                  PpWorkerDeliverFunc  deliver,
                  gpointer             user_data)
{
  PpJob *job;

  while ((job = g_async_queue_try_pop (jobs)) != NULL)
    {
      g_autoptr(PpProbeResult) result = pp_probe_result_new (job->endpoint, job->method);

      result->outcome = outcome;
      result->detail = g_strdup (detail);
      deliver (job->index, g_steal_pointer (&result), user_data);
      pp_job_free (job);
    }
}

/* Everything not finished is reported as cancelled, so that a stopped run
 * still accounts for every probe of the plan. */
static void
cancel_everything (PpWorker *self)
{
  GHashTableIter iter;
  PpProbe *probe;
  PpJob *job;

  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, (gpointer *) &probe, (gpointer *) &job))
    {
      curl_multi_remove_handle (self->multi, pp_probe_get_easy (probe));
      pp_probe_cancel (probe);
      g_hash_table_iter_remove (&iter);
      deliver_probe (self, probe, job);
    }

  pp_job_queue_end (self->jobs, PP_OUTCOME_CANCELLED, PP_WORKER_STOPPED_DETAIL,
                    self->deliver, self->user_data);
}

/* Wait for sockets only when there is nothing else to do: no free slot
 * or no queued job. With nothing in flight, go round to admit or exit. */
static gboolean
must_wait (PpWorker *self)
{
  guint n = g_hash_table_size (self->in_flight);

  return n > 0 && (n >= self->capacity || g_async_queue_length (self->jobs) <= 0);
}

static gpointer
pp_worker_thread (gpointer data)
{
  PpWorker *self = data;
  int running;

  if (self->background)
    lower_priority ();

  /* Without a multi handle (libcurl ran out of memory) this worker runs
   * nothing and leaves the queue to the others; when none could start,
   * the runner ends the jobs left (pp_job_queue_end()). */
  if (self->multi == NULL)
    {
      pp_debug ("a worker could not start: libcurl gave it no multi handle");
      self->done (self->user_data);
      return NULL;
    }

  for (;;)
    {
      admit_jobs (self);
      if (is_cancelled (self) || g_hash_table_size (self->in_flight) == 0)
        break;

      curl_multi_perform (self->multi, &running);
      collect_done (self);
      if (must_wait (self))
        curl_multi_poll (self->multi, NULL, 0, POLL_INTERVAL_MS, NULL);
    }

  cancel_everything (self);
  self->done (self->user_data);

  return NULL;
}

PpWorker *
pp_worker_start (GAsyncQueue          *jobs,
                 const PpProbeOptions *options,
                 guint                 capacity,
                 gboolean              background,
                 GCancellable         *cancellable,
                 PpWorkerDeliverFunc   deliver,
                 PpWorkerDoneFunc      done,
                 gpointer              user_data)
{
  PpWorker *self = g_new0 (PpWorker, 1);

  self->multi = curl_multi_init ();
  self->jobs = g_async_queue_ref (jobs);
  self->options = *options;
  self->capacity = MAX (capacity, 1);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->deliver = deliver;
  self->done = done;
  self->user_data = user_data;
  self->background = background;
  self->thread = g_thread_new ("pp-worker", pp_worker_thread, self);

  return self;
}

/* Thread-safe: interrupts curl_multi_poll() so a stop is seen at once. */
void
pp_worker_wakeup (PpWorker *self)
{
  curl_multi_wakeup (self->multi);
}

void
pp_worker_join (PpWorker *self)
{
  g_thread_join (self->thread);
  curl_multi_cleanup (self->multi);
  g_async_queue_unref (self->jobs);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->in_flight);
  g_free (self);
}
