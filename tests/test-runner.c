/* test-runner.c: the worker pool — order, fallback, concurrency, stopping
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <unistd.h>

#include "pp-fd-budget.h"
#include "pp-test-probe.h"
#include "testbed/pp-testbed-hostile.h"

static PpTestbed *testbed;

/* A resolver that answers a fixed list, the way a PAC script answers
 * "PROXY a:1; PROXY b:2; DIRECT": GLib has no built-in resolver that
 * returns several candidates from plain configuration. */
#define PP_TYPE_LIST_RESOLVER (pp_list_resolver_get_type ())
G_DECLARE_FINAL_TYPE (PpListResolver, pp_list_resolver, PP, LIST_RESOLVER, GObject)

struct _PpListResolver
{
  GObject parent_instance;
  char **answer;
};

static void pp_list_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpListResolver, pp_list_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      pp_list_resolver_iface_init))

static char **
pp_list_resolver_lookup (GProxyResolver  *resolver,
                         const char      *uri,
                         GCancellable    *cancellable,
                         GError         **error)
{
  return g_strdupv (PP_LIST_RESOLVER (resolver)->answer);
}

static void
pp_list_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->lookup = pp_list_resolver_lookup;
}

static void
pp_list_resolver_finalize (GObject *object)
{
  g_strfreev (PP_LIST_RESOLVER (object)->answer);
  G_OBJECT_CLASS (pp_list_resolver_parent_class)->finalize (object);
}

static void
pp_list_resolver_class_init (PpListResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_list_resolver_finalize;
}

static void
pp_list_resolver_init (PpListResolver *self)
{
}

static PpTrust *
test_trust (void)
{
  const char *anchors[] = { pp_testbed_get_ca_file (testbed), NULL };
  PpTrustOptions options = { .extra_anchors = anchors,
                             .public_roots = pp_testbed_get_ca_file (testbed) };
  g_autoptr(GError) error = NULL;
  PpTrust *trust = pp_trust_new (&options, &error);

  g_assert_no_error (error);
  return trust;
}

static PpPlan *
plan_for_paths (const char * const *paths,
                guint               n_copies,
                const PpMethod     *methods,
                guint               n_methods)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GArray) method_array = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  guint ok = 200;

  for (guint copy = 0; copy < n_copies; copy++)
    for (guint i = 0; paths[i]; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s?copy=%u", paths[i], copy);
        g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                               : pp_testbed_https_url (testbed, path);

        g_ptr_array_add (endpoints, pp_endpoint_new (url, "Test", "GET", &ok, 1, NULL, NULL));
      }
  profile = pp_profile_new_from_endpoints ("test", "Test", endpoints);
  g_array_append_vals (method_array, methods, n_methods);

  return pp_plan_new (profile, method_array);
}

static PpRunner *
make_runner (PpConfig *config)
{
  g_autoptr(PpTrust) trust = test_trust ();
  g_autoptr(PpConfig) own_config = NULL;

  if (config == NULL)
    config = own_config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);

  return pp_runner_new (config, trust);
}

static void
count_finished_cb (PpRunner      *runner,
                   guint          index,
                   PpProbeResult *result,
                   gpointer       user_data)
{
  GArray *order = user_data;

  g_array_append_val (order, index);
}

static void
test_results_in_plan_order (void)
{
  /* The slow probe is first in the plan and finishes last. */
  static const char * const paths[] = { "/delay/400", "/status/200", "/status/404", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT, PP_METHOD_CMDLINE };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 1, methods, 2);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) results = NULL;

  g_signal_connect (runner, "probe-finished", G_CALLBACK (count_finished_cb), order);
  results = pp_test_probe_run_plan (runner, plan, NULL);

  g_assert_cmpuint (results->len, ==, 6);
  g_assert_cmpuint (order->len, ==, 6);
  /* Streamed in completion order: the delayed probe is not first. */
  g_assert_cmpuint (g_array_index (order, guint, 0), !=, 0);
  for (guint i = 0; i < results->len; i++)
    {
      PpProbeResult *result = g_ptr_array_index (results, i);
      PpMethod method;
      PpEndpoint *endpoint = pp_plan_get_item (plan, i, &method);

      g_assert_true (result->endpoint == endpoint);
      g_assert_cmpint (result->method, ==, method);
    }
  g_assert_cmpint (((PpProbeResult *) g_ptr_array_index (results, 0))->outcome, ==, PP_OUTCOME_OK);
  g_assert_cmpint (((PpProbeResult *) g_ptr_array_index (results, 1))->outcome, ==, PP_OUTCOME_NOT_CONFIGURED);
  g_assert_cmpint (((PpProbeResult *) g_ptr_array_index (results, 4))->outcome, ==, PP_OUTCOME_UNEXPECTED_STATUS);
  g_assert_false (pp_runner_get_running (runner));
}

static void
test_fallback_to_next_candidate (void)
{
  static const char * const paths[] = { "/status/200", NULL };
  static const PpMethod methods[] = { PP_METHOD_DEFAULT };
  g_autoptr(PpListResolver) resolver = g_object_new (PP_TYPE_LIST_RESOLVER, NULL);
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 1, methods, 1);
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *open = pp_testbed_squid_url (testbed, PP_SQUID_OPEN);
  g_autofree char *deny = pp_testbed_squid_url (testbed, PP_SQUID_DENY);
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", pp_testbed_get_closed_port (testbed));
  PpProbeResult *result;

  /* Unreachable proxy: fall back. A proxy that answers, even "no": stop. */
  resolver->answer = g_strdupv ((char *[]) { closed, open, NULL });
  config = pp_config_new (&(PpConfigOptions) { .resolver = G_PROXY_RESOLVER (resolver) }, NULL);
  runner = make_runner (config);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->outcome, ==, PP_OUTCOME_OK);
  g_assert_cmpuint (result->attempts->len, ==, 2);
  g_assert_cmpint (g_array_index (result->attempts, PpAttempt, 0).outcome, ==, PP_OUTCOME_PROXY_UNREACHABLE);
  g_assert_cmpstr (result->proxy, ==, open);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_clear_object (&runner);
  g_clear_object (&config);
  g_strfreev (resolver->answer);
  resolver->answer = g_strdupv ((char *[]) { deny, open, NULL });
  config = pp_config_new (&(PpConfigOptions) { .resolver = G_PROXY_RESOLVER (resolver) }, NULL);
  runner = make_runner (config);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->outcome, ==, PP_OUTCOME_PROXY_REFUSED);
  g_assert_cmpuint (result->attempts->len, ==, 1);
}

static void
test_gnome_resolver_is_real (void)
{
  g_autoptr(PpConfig) config = pp_config_new (NULL, NULL);

  /* The default method's tests go through the real GNOME backend. */
  g_assert_cmpstr (pp_config_get_resolver_name (config), ==, "GProxyResolverGnome");
}

static void
assert_all_outcomes (GPtrArray *results,
                     PpOutcome  outcome)
{
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpstr (pp_outcome_to_id (((PpProbeResult *) g_ptr_array_index (results, i))->outcome),
                     ==, pp_outcome_to_id (outcome));
}

static gint64 cancelled_at;

static gboolean
cancel_cb (gpointer user_data)
{
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_stops_everything (void)
{
  static const char * const paths[] = { "/hang", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 40, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  gint64 finished_at;

  /* 40 hanging probes, 8 in flight: some running, most still queued. */
  pp_runner_set_concurrency (runner, 8);
  g_timeout_add (300, cancel_cb, cancellable);
  results = pp_test_probe_run_plan (runner, plan, cancellable);
  finished_at = g_get_monotonic_time ();

  /* The promise is 250 ms; the bound here only catches a stop that waits
   * for the probes' own timeouts (10 s). */
  g_test_message ("stopped %.0f ms after cancel", (finished_at - cancelled_at) / 1000.0);
  g_assert_cmpint (finished_at - cancelled_at, <, 2 * G_USEC_PER_SEC);

  g_assert_cmpuint (results->len, ==, 40);
  assert_all_outcomes (results, PP_OUTCOME_CANCELLED);
}

static void
test_timeouts_do_not_queue_up (void)
{
  g_autofree char *blackhole = g_strdup_printf ("http://127.0.0.1:%u/",
                                                pp_testbed_get_blackhole_port (testbed));
  const char * const paths[] = { blackhole, NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 60, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  /* 60 probes that all time out after 1 s, with 128 allowed in flight:
   * the run takes one timeout, not one per thread-sized wave. The bound is
   * loose on purpose (a loaded machine is slow, not wrong); the benchmark
   * measures it precisely. */
  pp_runner_set_timeout (runner, 1000);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_cmpuint (results->len, ==, 60);
  assert_all_outcomes (results, PP_OUTCOME_TIMEOUT);
  g_assert_cmpfloat (seconds, <, 10.0);
}

/* libcurl would otherwise parse the whole CA bundle again for every TLS
 * connection (its own cache is off on Debian: a default CApath is set):
 * every connection of every worker must verify against the trust's one
 * store, built once, and a plain-http run must not build it at all. */
static void
test_tls_store_built_once (void)
{
  static const char * const https_paths[] = { "/status/200", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autofree char *http_path = pp_testbed_http_url (testbed, "/status/200");
  const char * const http_paths[] = { http_path, NULL };
  g_autoptr(PpTrust) trust = test_trust ();
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent" }, NULL);
  g_autoptr(PpRunner) runner = pp_runner_new (config, trust);
  g_autoptr(PpPlan) http_plan = plan_for_paths (http_paths, 8, methods, 1);
  g_autoptr(PpPlan) https_plan = plan_for_paths (https_paths, 24, methods, 1);
  g_autoptr(GPtrArray) http_results = pp_test_probe_run_plan (runner, http_plan, NULL);
  g_autoptr(GPtrArray) https_results = NULL;

  assert_all_outcomes (http_results, PP_OUTCOME_OK);
  g_assert_cmpuint (pp_trust_get_n_verify_builds (trust), ==, 0);

  https_results = pp_test_probe_run_plan (runner, https_plan, NULL);
  assert_all_outcomes (https_results, PP_OUTCOME_OK);
  for (guint i = 0; i < https_results->len; i++)
    g_assert_true (((PpProbeResult *) g_ptr_array_index (https_results, i))->tls.verified);
  g_assert_cmpuint (pp_trust_get_n_verify_builds (trust), ==, 1);
}

/* The nice values of this process's "pp-worker" threads, from /proc: the
 * kernel's own account of their priority. */
static void
collect_worker_nice (GArray *nice_values)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;
      int nice;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) || !g_str_has_prefix (comm, "pp-worker") ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* After "(comm)", field 19 of stat(5) is the 17th. */
      fields = g_strsplit (strrchr (stat, ')') + 2, " ", -1);
      g_assert_cmpuint (g_strv_length (fields), >, 17);
      nice = atoi (fields[16]);
      g_array_append_val (nice_values, nice);
    }
}

static void
collect_nice_cb (PpRunner      *runner,
                 guint          index,
                 PpProbeResult *result,
                 gpointer       user_data)
{
  collect_worker_nice (user_data);
}

static GArray *
worker_nice_during_run (gboolean background)
{
  /* Results reach the main loop after their worker: the slow probes keep
   * workers alive while the fast ones' results are looked at. */
  static const char * const paths[] = { "/status/200", "/delay/500", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 3, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GPtrArray) results = NULL;
  GArray *nice_values = g_array_new (FALSE, FALSE, sizeof (int));

  pp_runner_set_background (runner, background);
  g_signal_connect (runner, "probe-finished", G_CALLBACK (collect_nice_cb), nice_values);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  assert_all_outcomes (results, PP_OUTCOME_OK);
  g_assert_cmpuint (nice_values->len, >, 0);

  return nice_values;
}

/* A window's runner yields the CPU to the window: its workers, and only
 * they, run at nice 5; other callers' at the process's own priority. */
static void
test_background_priority (void)
{
  g_autoptr(GArray) background = worker_nice_during_run (TRUE);
  g_autoptr(GArray) normal = worker_nice_during_run (FALSE);
  int own = getpriority (PRIO_PROCESS, 0);

  for (guint i = 0; i < background->len; i++)
    g_assert_cmpint (g_array_index (background, int, i), ==, MIN (own + 5, 19));
  for (guint i = 0; i < normal->len; i++)
    g_assert_cmpint (g_array_index (normal, int, i), ==, own);
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, own);
}

/* Issue 13: a descriptor limit of 256, as `ulimit -n 256` sets. */
static rlim_t
lower_open_files_limit (void)
{
  struct rlimit limit;
  rlim_t old;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  old = limit.rlim_cur;
  limit.rlim_cur = MIN (256, limit.rlim_max);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  return old;
}

static void
restore_open_files_limit (rlim_t old)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  limit.rlim_cur = old;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
}

static char *
hostile_url (const char *name)
{
  return g_strdup_printf ("http://127.0.0.1:%u/%s", pp_testbed_hostile_start (), name);
}

/* More probes at once than descriptors: the runner runs as many as fit
 * and says so for the run's results, instead of hundreds of false
 * "refused". */
static void
test_concurrency_fits_descriptor_limit (void)
{
  g_autofree char *slow = hostile_url ("slow");
  const char *paths[] = { slow, NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 300, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *note = NULL;
  rlim_t old = lower_open_files_limit ();
  PpConcurrency concurrency = { 0 };

  pp_runner_set_concurrency (runner, 1000);
  g_assert_false (pp_runner_get_run_concurrency (runner, &concurrency));
  results = pp_test_probe_run_plan (runner, plan, NULL);
  restore_open_files_limit (old);

  assert_all_outcomes (results, PP_OUTCOME_OK);
  g_assert_true (pp_runner_get_run_concurrency (runner, &concurrency));
  g_assert_cmpuint (concurrency.requested, ==, 1000);
  g_assert_cmpuint (concurrency.used, >=, 8);
  g_assert_cmpuint (concurrency.used, <=, (256 - PP_FD_BUDGET_HEADROOM) / PP_FD_BUDGET_PER_PROBE);
  g_assert_cmpuint (concurrency.open_files_limit, ==, 256);
  note = pp_concurrency_format_note (&concurrency);
  g_assert_nonnull (strstr (note, "concurrency 1000 lowered to"));
  g_assert_nonnull (strstr (note, "256 files open (ulimit -n)"));
}

/* All but @n_free descriptors taken, as another part of the process may
 * take them: whatever cannot open a socket or a pipe says that this
 * computer ran out, never that the server refused, and nothing hangs. */
static PpProbeResult *
probe_with_free_descriptors (const char *url,
                             guint       n_free)
{
  const char *paths[] = { url, NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 1, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *results = NULL;
  PpProbeResult *result;
  rlim_t old = lower_open_files_limit ();
  int null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  int fd;

  g_assert_cmpint (null_fd, >=, 0);
  g_array_append_val (taken, null_fd);
  while ((fd = dup (null_fd)) >= 0)
    g_array_append_val (taken, fd);
  for (guint i = 0; i < n_free && taken->len > 0; i++)
    {
      close (g_array_index (taken, int, taken->len - 1));
      g_array_set_size (taken, taken->len - 1);
    }
  results = pp_test_probe_run_plan (runner, plan, NULL);
  for (guint i = 0; i < taken->len; i++)
    close (g_array_index (taken, int, i));
  restore_open_files_limit (old);

  result = pp_probe_result_ref (g_ptr_array_index (results, 0));
  g_ptr_array_unref (results);

  return result;
}

static void
test_out_of_descriptors_is_local (void)
{
  /* A closed port: with a descriptor for the socket, a real refusal. */
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", pp_testbed_get_closed_port (testbed));
  gboolean socket_failed = FALSE;

  for (guint n_free = 0; n_free <= 8; n_free++)
    {
      g_autoptr(PpProbeResult) result = probe_with_free_descriptors (url, n_free);

      g_test_message ("%u free: %s: %s", n_free, pp_outcome_to_id (result->outcome), result->detail);
      if (result->outcome == PP_OUTCOME_CONNECT_REFUSED)
        continue;
      g_assert_cmpint (result->outcome, ==, PP_OUTCOME_LOCAL_RESOURCES);
      g_assert_nonnull (strstr (result->detail, "this computer ran out of file descriptors"));
      socket_failed |= result->curl_code != 0;
    }
  /* At least once libcurl itself met EMFILE, not only our own start. */
  g_assert_true (socket_failed);
}

/* libcurl's allocator, through curl_global_init_mem(): the same
 * functions, except that the allocations of the thread that armed it fail
 * once @allowed_allocations more were made. The runner makes its workers'
 * multi handles one after the other on the caller's thread, so this fails
 * the second worker's start while the first runs, without touching the
 * probes' allocations on the workers' threads. */
static pthread_t armed_thread;
static gboolean armed, counting;
static int allowed_allocations, counted_allocations;

static gboolean
allocation_fails (void)
{
  if (!armed || !pthread_equal (pthread_self (), armed_thread))
    return FALSE;
  if (counting)
    {
      counted_allocations++;
      return FALSE;
    }
  return allowed_allocations-- <= 0;
}

static void *
curl_malloc_cb (size_t size)
{
  return allocation_fails () ? NULL : malloc (size);
}

static void *
curl_calloc_cb (size_t n, size_t size)
{
  return allocation_fails () ? NULL : calloc (n, size);
}

static void *
curl_realloc_cb (void *p, size_t size)
{
  return allocation_fails () ? NULL : realloc (p, size);
}

static char *
curl_strdup_cb (const char *s)
{
  return allocation_fails () ? NULL : strdup (s);
}

static void
arm_allocations (gboolean count_only,
                 int      allowed)
{
  armed_thread = pthread_self ();
  counting = count_only;
  allowed_allocations = allowed;
  counted_allocations = 0;
  armed = TRUE;
}

/* One worker that cannot start (its multi handle failed) leaves the queue
 * to the others: it used to end every job it could take as "this computer
 * ran out of file descriptors or memory" while another worker ran fine. */
static void
test_unstarted_worker_leaves_queue (void)
{
  static const char * const paths[] = { "/status/200", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 40, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GPtrArray) results = NULL;
  CURLM *multi;

  if (g_get_num_processors () < 2)
    {
      g_test_skip ("one processor: the runner starts a single worker");
      return;
    }
  arm_allocations (TRUE, 0);
  multi = curl_multi_init ();
  armed = FALSE;
  g_assert_nonnull (multi);
  curl_multi_cleanup (multi);
  g_assert_cmpint (counted_allocations, >, 0);

  /* The first multi handle gets its allocations, the second none. */
  arm_allocations (FALSE, counted_allocations);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  armed = FALSE;

  assert_all_outcomes (results, PP_OUTCOME_OK);
}

/* ...and when no worker can start, every probe says why. */
static void
test_no_worker_starts (void)
{
  static const char * const paths[] = { "/status/200", NULL };
  static const PpMethod methods[] = { PP_METHOD_DIRECT };
  g_autoptr(PpPlan) plan = plan_for_paths (paths, 40, methods, 1);
  g_autoptr(PpRunner) runner = make_runner (NULL);
  g_autoptr(GPtrArray) results = NULL;

  arm_allocations (FALSE, 0);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  armed = FALSE;

  assert_all_outcomes (results, PP_OUTCOME_LOCAL_RESOURCES);
  for (guint i = 0; i < results->len; i++)
    g_assert_nonnull (strstr (((PpProbeResult *) g_ptr_array_index (results, i))->detail,
                              "ran out of file descriptors or memory"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything initializes libcurl: its allocator is chosen once. */
  curl_global_init_mem (CURL_GLOBAL_DEFAULT, curl_malloc_cb, free, curl_realloc_cb,
                        curl_strdup_cb, curl_calloc_cb);
  pp_test_probe_init_environment ();
  g_test_init (&argc, &argv, NULL);
  testbed = pp_testbed_new ();

  g_test_add_func ("/runner/plan-order", test_results_in_plan_order);
  g_test_add_func ("/runner/fallback", test_fallback_to_next_candidate);
  g_test_add_func ("/runner/gnome-resolver", test_gnome_resolver_is_real);
  g_test_add_func ("/runner/cancel", test_cancel_stops_everything);
  g_test_add_func ("/runner/timeouts-in-parallel", test_timeouts_do_not_queue_up);
  g_test_add_func ("/runner/tls-store-built-once", test_tls_store_built_once);
  g_test_add_func ("/runner/background-priority", test_background_priority);
  g_test_add_func ("/runner/concurrency-fits-descriptor-limit", test_concurrency_fits_descriptor_limit);
  g_test_add_func ("/runner/out-of-descriptors-is-local", test_out_of_descriptors_is_local);
  g_test_add_func ("/runner/unstarted-worker-leaves-queue", test_unstarted_worker_leaves_queue);
  g_test_add_func ("/runner/no-worker-starts", test_no_worker_starts);

  status = g_test_run ();
  pp_testbed_free (testbed);

  return status;
}
