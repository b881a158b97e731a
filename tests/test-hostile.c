/* test-hostile.c: misbehaving servers and proxies, each probe bounded
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case of pp-testbed-hostile.c runs once, all of them in parallel
 * through the real runner (one plan direct, one through the peer as a
 * proxy); each test then checks one case's class, the words a technician
 * reads, and that it ended within the timeout plus a margin.
 */
#include <string.h>
#include <sys/resource.h>

#include "pp-test-cli.h"
#include "pp-test-probe.h"
#include "testbed/pp-testbed-hostile.h"

#define TIMEOUT_MS         2000
#define CONNECT_TIMEOUT_MS 1000
/* Scheduling on a loaded two-core machine, not slack for the code. */
#define MARGIN_MS          1500
/* What a server may make one run keep, over the run's own needs: less
 * than the gzip bomb's 32 MiB. AddressSanitizer keeps freed blocks in its
 * quarantine, so there the peak counts every allocation, not what is live. */
#if defined(__SANITIZE_ADDRESS__)
#define MAX_RSS_GROWTH_KB  (4 * 24 * 1024)
#else
#define MAX_RSS_GROWTH_KB  (24 * 1024)
#endif

typedef struct
{
  const char *url;        /* %u: the peer's port (direct cases only) */
  gboolean via_proxy;
  PpOutcome outcome;
  const char *words;      /* part of the detail */
} HostileCase;

static const HostileCase cases[] = {
  { "http://127.0.0.1:%u/drip",        FALSE, PP_OUTCOME_TIMEOUT,  "the server 127.0.0.1:%u accepted the connection but sent no complete answer in time" },
  { "http://127.0.0.1:%u/endless",     FALSE, PP_OUTCOME_OK,       "the server answered 200" },
  { "http://127.0.0.1:%u/huge-header", FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u sent a header line too large" },
  { "http://127.0.0.1:%u/many-headers", FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u sent more headers than a client accepts" },
  { "http://127.0.0.1:%u/huge-status", FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u sent a header line too large" },
  { "http://127.0.0.1:%u/loop",        FALSE, PP_OUTCOME_UNEXPECTED_STATUS, "redirects" },
  { "http://127.0.0.1:%u/to-file",     FALSE, PP_OUTCOME_UNEXPECTED_STATUS, "redirected to file:///etc/passwd, which is not http or https: not followed" },
  { "http://127.0.0.1:%u/to-gopher",   FALSE, PP_OUTCOME_UNEXPECTED_STATUS, "redirected to gopher://127.0.0.1:70/1, which is not http or https: not followed" },
  { "http://127.0.0.1:%u/silent",      FALSE, PP_OUTCOME_TIMEOUT,  "the server 127.0.0.1:%u accepted the connection but sent no complete answer in time" },
  { "https://127.0.0.1:%u/silent-tls", FALSE, PP_OUTCOME_TLS_FAILED, "the server 127.0.0.1:%u accepted the connection but did not complete the TLS handshake in time" },
  { "http://127.0.0.1:%u/garbage",     FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u did not answer in HTTP" },
  { "http://127.0.0.1:%u/rst",         FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u reset the connection" },
  { "http://127.0.0.1:%u/close",       FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u closed the connection without answering" },
  { "http://127.0.0.1:%u/switching",   FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u answered 101 Switching Protocols, which was not asked for" },
  { "http://127.0.0.1:%u/bad-chunks",  FALSE, PP_OUTCOME_BAD_ANSWER, "the server 127.0.0.1:%u sent a broken answer" },
  { "http://127.0.0.1:%u/gzip-bomb",   FALSE, PP_OUTCOME_OK,       "the server answered 200" },
  { "https://connect-garbage.test/",   TRUE,  PP_OUTCOME_BAD_ANSWER, "the proxy http://127.0.0.1:%u did not answer CONNECT in HTTP" },
  { "https://connect-binary.test/",    TRUE,  PP_OUTCOME_BAD_ANSWER, "the proxy http://127.0.0.1:%u did not answer CONNECT in HTTP" },
  { "https://connect-status.test/",    TRUE,  PP_OUTCOME_BAD_ANSWER, "the proxy http://127.0.0.1:%u answered CONNECT with status 3567587328, which HTTP does not have" },
  { "https://connect-silent.test/",    TRUE,  PP_OUTCOME_PROXY_UNREACHABLE, "the proxy http://127.0.0.1:%u accepted the connection but did not answer CONNECT in time" },
  { "https://connect-close.test/",     TRUE,  PP_OUTCOME_BAD_ANSWER, "the proxy http://127.0.0.1:%u accepted the tunnel (CONNECT 200), then the connection was closed before the TLS handshake" },
  { "https://auth-none.test/",         TRUE,  PP_OUTCOME_PROXY_AUTH_REQUIRED, "answered 407 to CONNECT: it sent no Proxy-Authenticate challenge" },
  { "https://auth-ntlm.test/",         TRUE,  PP_OUTCOME_PROXY_AUTH_REQUIRED, "answered 407 to CONNECT: it asks for NTLM, Negotiate" },
  { "http://block403.test/",           TRUE,  PP_OUTCOME_UNATTRIBUTED, "403: answered by the proxy or the origin — cannot tell over plain HTTP" },
  { "http://gw502.test/",              TRUE,  PP_OUTCOME_UNATTRIBUTED, "502: answered by the proxy or the origin — cannot tell over plain HTTP" },
  { "http://fortiguard.test/",         TRUE,  PP_OUTCOME_PROXY_REFUSED, "the proxy http://127.0.0.1:%u answered 403 (its error page says \"fortiguard\")" },
  { "http://agent403.test/",           TRUE,  PP_OUTCOME_PROXY_REFUSED, "the proxy http://127.0.0.1:%u answered 403 (Proxy-Agent: ExampleGate/2.1)" },
  { "http://filter403.test/",          TRUE,  PP_OUTCOME_PROXY_REFUSED, "the proxy http://127.0.0.1:%u answered 403 itself: through a tunnel the server answered 200" },
  { "http://fwd.test/",                TRUE,  PP_OUTCOME_OK,       "the server answered 200 (the same through a tunnel)" },
};

typedef struct
{
  PpRunner *runner;
  PpPlan *plan;
  GPtrArray *results;    /* kept as the runner hands them over */
  gboolean done;
  gint64 started;
  GArray *elapsed_ms;    /* per plan item */
} HostileRun;

static guint16 port;
static HostileRun direct_run, proxy_run;
static glong rss_growth_kb;

/* "%u" in a case's URL and words is the peer's port. */
static char *
with_port (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "%u", -1);
  g_autofree char *number = g_strdup_printf ("%u", port);

  return g_strjoinv (number, parts);
}

static PpPlan *
make_plan (gboolean via_proxy)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  g_autoptr(PpProfile) profile = NULL;
  PpMethod method = via_proxy ? PP_METHOD_CMDLINE : PP_METHOD_DIRECT;
  guint ok = 200;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].via_proxy == via_proxy)
      {
        g_autofree char *url = with_port (cases[i].url);

        g_ptr_array_add (endpoints, pp_endpoint_new (url, "Hostile", "GET", &ok, 1, NULL, NULL));
      }
  profile = pp_profile_new_from_endpoints ("hostile", "Hostile peers", endpoints);
  g_array_append_val (methods, method);

  return pp_plan_new (profile, methods);
}

static void
finished_cb (PpRunner      *runner,
             guint          index,
             PpProbeResult *result,
             HostileRun    *run)
{
  gint64 elapsed = (g_get_monotonic_time () - run->started) / 1000;

  g_array_index (run->elapsed_ms, gint64, index) = elapsed;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HostileRun *run = user_data;

  run->done = pp_runner_run_finish (PP_RUNNER (object), result, NULL);
}

static void
start_run (HostileRun *run,
           gboolean    via_proxy)
{
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", port);
  PpConfigOptions options = { .sysroot = "/nonexistent-sysroot",
                              .cmdline_proxy = via_proxy ? proxy : NULL };
  g_autoptr(PpConfig) config = pp_config_new (&options, NULL);
  g_autoptr(PpTrust) trust = pp_trust_new (&(PpTrustOptions) { 0 }, NULL);

  run->plan = make_plan (via_proxy);
  run->runner = pp_runner_new (config, trust);
  pp_runner_set_timeout (run->runner, TIMEOUT_MS);
  pp_runner_set_connect_timeout (run->runner, CONNECT_TIMEOUT_MS);
  pp_runner_set_keep_traces (run->runner, TRUE);
  run->elapsed_ms = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (run->elapsed_ms, pp_plan_get_n_items (run->plan));
  g_signal_connect (run->runner, "probe-finished", G_CALLBACK (finished_cb), run);
  run->results = pp_test_probe_new_results (run->plan);
  g_signal_connect (run->runner, "probe-finished", G_CALLBACK (pp_test_probe_keep_result_cb),
                    run->results);
  run->started = g_get_monotonic_time ();
  pp_runner_run_async (run->runner, run->plan, NULL, done_cb, run);
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Both plans at once: the whole suite takes about one timeout. */
static void
run_all_cases (void)
{
  glong rss_before = peak_rss_kb ();

  start_run (&direct_run, FALSE);
  start_run (&proxy_run, TRUE);
  while (!direct_run.done || !proxy_run.done)
    g_main_context_iteration (NULL, TRUE);
  rss_growth_kb = peak_rss_kb () - rss_before;
}

static PpProbeResult *
find_result (const HostileCase *hostile_case,
             gint64            *elapsed_ms)
{
  HostileRun *run = hostile_case->via_proxy ? &proxy_run : &direct_run;
  g_autofree char *url = with_port (hostile_case->url);

  for (guint i = 0; i < run->results->len; i++)
    {
      PpProbeResult *result = g_ptr_array_index (run->results, i);

      if (g_str_equal (result->endpoint->url, url))
        {
          *elapsed_ms = g_array_index (run->elapsed_ms, gint64, i);
          return result;
        }
    }

  g_assert_not_reached ();
}

static void
test_case (gconstpointer data)
{
  const HostileCase *hostile_case = data;
  gint64 elapsed_ms = 0;
  PpProbeResult *result = find_result (hostile_case, &elapsed_ms);
  g_autofree char *words = with_port (hostile_case->words);

  g_test_message ("%s: %s, %s, %" G_GINT64_FORMAT " ms", result->endpoint->url,
                  pp_outcome_to_id (result->outcome), result->detail, elapsed_ms);
  g_assert_cmpstr (pp_outcome_to_id (result->outcome), ==, pp_outcome_to_id (hostile_case->outcome));
  g_assert_nonnull (strstr (result->detail, words));
  /* libcurl's words about itself (error 43, 27) never reach a ticket. */
  g_assert_null (strstr (result->detail, "bad argument"));
  g_assert_null (strstr (result->detail, "Out of memory"));
  g_assert_cmpint (elapsed_ms, <=, TIMEOUT_MS + MARGIN_MS);
  /* The trace keeps 32 KiB whatever the peer sends (a 1 MB header line
   * arrives in one piece), and a line's end. */
  g_assert_cmpuint (result->trace ? strlen (result->trace) : 0, <=, 32 * 1024 + 64);
}

static void
test_memory_bounded (void)
{
  g_test_message ("peak RSS grew by %ld KiB during the run", rss_growth_kb);
  g_assert_cmpint (rss_growth_kb, <, MAX_RSS_GROWTH_KB);
}

static void
run_cli (CliRun             *run,
         const char         *url,
         const char         *method,
         const char * const *extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", port);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  g_ptr_array_add (argv, g_strdup_printf ("--url=%s", url));
  g_ptr_array_add (argv, g_strdup_printf ("--methods=%s", method));
  g_ptr_array_add (argv, g_strdup_printf ("--proxy=%s", proxy));
  g_ptr_array_add (argv, g_strdup ("--sysroot=/nonexistent-sysroot"));
  g_ptr_array_add (argv, g_strdup ("--timeout=2"));
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  cli_spawn (run, NULL, argv);
}

/* Issue 13: a non-squid proxy's block page for a plain-http --url was
 * "Succeeded (403)" and exit 0. */
static void
test_cli_block_page_is_no_success (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) json = { 0 };

  run_cli (&run, "http://block403.test/", "cmdline", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "5 - Command line proxy: Failed (403)");
  assert_contains (run.out, "cannot tell over plain HTTP");

  run_cli (&json, "http://block403.test/", "cmdline", (const char *[]) { "--json", NULL });
  g_assert_cmpint (json.status, ==, 1);
  assert_contains (json.out, "\"outcome\" : \"unattributed\"");
  assert_contains (json.out, "\"answered_by\" : \"unknown\"");
  assert_contains (json.out, "\"ambiguous_status\" : 403");
}

/* Issue 13: `ulimit -n 256` with --concurrency 1000. The limit is the
 * test's own, inherited by the CLI. */
static void
test_cli_says_concurrency_was_lowered (void)
{
  g_autofree char *url = with_port ("http://127.0.0.1:%u/fast");
  g_auto(CliRun) run = { 0 };
  struct rlimit limit, old;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &old), ==, 0);
  limit = old;
  limit.rlim_cur = MIN (256, old.rlim_max);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  run_cli (&run, url, "direct", (const char *[]) { "--concurrency=1000", "--json", NULL });
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &old), ==, 0);

  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.err, "proxyprobe-cli: concurrency 1000 lowered to ");
  assert_contains (run.err, "may have only 256 files open (ulimit -n)");
  assert_contains (run.out, "\"concurrency_requested\" : 1000");
  assert_contains (run.out, "\"open_files_limit\" : 256");
}

static char *
case_path (const HostileCase *hostile_case)
{
  const char *url = hostile_case->url;
  const char *name = hostile_case->via_proxy ? strstr (url, "://") + 3 : strrchr (url, '/') + 1;

  return g_strdup_printf ("/hostile/%s/%.*s", hostile_case->via_proxy ? "proxy" : "server",
                          (int) strcspn (name, "./"), name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pp_test_probe_init_environment ();

  port = pp_testbed_hostile_start ();
  run_all_cases ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = case_path (&cases[i]);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/hostile/memory-bounded", test_memory_bounded);
  /* meson test names the CLI; a hand-run test binary may not know it. */
  if (g_getenv ("PROXYPROBE_CLI") != NULL)
    {
      g_test_add_func ("/hostile/cli/block-page-is-no-success", test_cli_block_page_is_no_success);
      g_test_add_func ("/hostile/cli/concurrency-lowered", test_cli_says_concurrency_was_lowered);
    }

  return g_test_run ();
}
