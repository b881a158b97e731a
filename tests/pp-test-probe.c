/* pp-test-probe.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-test-probe.h"

#include <signal.h>

/* The default method is tested against GLib's real GNOME resolver, driven
 * through GSettings exactly as the desktop's network panel drives it. The
 * memory backend keeps the developer's own settings out of it. */
void
pp_test_probe_init_environment (void)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "gnome", TRUE);
  g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  signal (SIGPIPE, SIG_IGN);
}

static void
set_proxy_child (GSettings  *proxy_settings,
                 const char *child_name,
                 const char *host,
                 int         port)
{
  g_autoptr(GSettings) child = g_settings_get_child (proxy_settings, child_name);

  g_settings_set_string (child, "host", host);
  g_settings_set_int (child, "port", port);
}

/* NULL sets GNOME's proxy mode to "none". */
void
pp_test_probe_set_default_proxy (const char *proxy_url)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.gnome.system.proxy");
  g_autoptr(GUri) uri = proxy_url ? g_uri_parse (proxy_url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL)
    g_settings_set_string (settings, "mode", "none");
  else
    {
      g_settings_set_string (settings, "mode", "manual");
      /* GNOME's defaults send localhost and 127.0.0.0/8 direct: the
       * testbed's servers live there. */
      g_settings_set_strv (settings, "ignore-hosts", NULL);
      set_proxy_child (settings, "http", g_uri_get_host (uri), g_uri_get_port (uri));
      set_proxy_child (settings, "https", g_uri_get_host (uri), g_uri_get_port (uri));
    }
  g_settings_sync ();

  /* The resolver learns of changes through signals on this context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The runner hands each result over once and keeps none: the test
 * keeps them, in plan order. */
void
pp_test_probe_keep_result_cb (PpRunner      *runner,
                              guint          index,
                              PpProbeResult *result,
                              GPtrArray     *results)
{
  g_assert_cmpuint (index, <, results->len);
  g_assert_null (g_ptr_array_index (results, index));
  g_ptr_array_index (results, index) = pp_probe_result_ref (result);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;

  *done = pp_runner_run_finish (PP_RUNNER (object), result, NULL);
}

GPtrArray *
pp_test_probe_run_plan (PpRunner     *runner,
                        PpPlan       *plan,
                        GCancellable *cancellable)
{
  GPtrArray *results = pp_test_probe_new_results (plan);
  gulong handler = g_signal_connect (runner, "probe-finished",
                                     G_CALLBACK (pp_test_probe_keep_result_cb), results);
  gboolean done = FALSE;

  pp_runner_run_async (runner, plan, cancellable, run_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (runner, handler);
  for (guint i = 0; i < results->len; i++)
    g_assert_nonnull (g_ptr_array_index (results, i));

  return results;
}

/* One empty slot per plan item, for pp_test_probe_keep_result_cb(). */
GPtrArray *
pp_test_probe_new_results (PpPlan *plan)
{
  GPtrArray *results = g_ptr_array_new_full (pp_plan_get_n_items (plan),
                                             (GDestroyNotify) pp_probe_result_unref);

  g_ptr_array_set_size (results, pp_plan_get_n_items (plan));

  return results;
}

static PpTrust *
make_trust (PpTestbed         *testbed,
            const PpTestProbe *probe)
{
  g_autoptr(GError) error = NULL;
  const char *anchors[3] = { NULL };
  guint n = 0;
  PpTrust *trust;
  PpTrustOptions options = { 0 };

  if (!probe->untrusted_test_ca)
    anchors[n++] = pp_testbed_get_ca_file (testbed);
  if (probe->trust_bump_ca)
    anchors[n++] = pp_testbed_get_bump_ca_file (testbed);
  options.extra_anchors = anchors;
  /* In the testbed the test CA plays a public CA, the inspection CA never;
   * without it, Mozilla's real set is the public one. */
  if (!probe->test_ca_not_public)
    options.public_roots = pp_testbed_get_ca_file (testbed);

  trust = pp_trust_new (&options, &error);
  g_assert_no_error (error);

  return trust;
}

static PpConfig *
make_config (const PpTestProbe *probe)
{
  g_autoptr(GError) error = NULL;
  PpConfigOptions options = { .sysroot = "/nonexistent-sysroot" };
  PpConfig *config;

  g_unsetenv ("https_proxy");
  g_unsetenv ("http_proxy");
  pp_test_probe_set_default_proxy (NULL);

  switch (probe->method)
    {
    case PP_METHOD_CMDLINE:
      options.cmdline_proxy = probe->proxy;
      break;
    case PP_METHOD_NAMED:
      options.named_proxy = probe->proxy;
      break;
    case PP_METHOD_ENV:
      /* libcurl reads the process environment itself. */
      if (probe->proxy)
        {
          g_setenv ("https_proxy", probe->proxy, TRUE);
          g_setenv ("http_proxy", probe->proxy, TRUE);
        }
      break;
    case PP_METHOD_DEFAULT:
      pp_test_probe_set_default_proxy (probe->proxy);
      break;
    default:
      break;
    }

  config = pp_config_new (&options, &error);
  g_assert_no_error (error);

  return config;
}

static PpPlan *
make_plan (const PpTestProbe *probe)
{
  guint expected = probe->expected_status ? probe->expected_status : 200;
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (PpMethod));

  g_ptr_array_add (endpoints, pp_endpoint_new (probe->url, "Test service", "GET", &expected, 1,
                                               probe->trust, NULL));
  profile = pp_profile_new_from_endpoints ("test", "Test", endpoints);
  g_array_append_val (methods, probe->method);

  return pp_plan_new (profile, methods);
}

PpProbeResult *
pp_test_probe_run (PpTestbed         *testbed,
                   const PpTestProbe *probe)
{
  g_autoptr(PpConfig) config = make_config (probe);
  g_autoptr(PpTrust) trust = make_trust (testbed, probe);
  g_autoptr(PpPlan) plan = make_plan (probe);
  g_autoptr(PpRunner) runner = pp_runner_new (config, trust);
  g_autoptr(GPtrArray) results = NULL;

  pp_runner_set_connect_timeout (runner, probe->connect_timeout_ms ? probe->connect_timeout_ms : 5000);
  pp_runner_set_timeout (runner, probe->timeout_ms ? probe->timeout_ms : 10000);
  pp_runner_set_keep_traces (runner, TRUE);
  results = pp_test_probe_run_plan (runner, plan, NULL);
  g_unsetenv ("https_proxy");
  g_unsetenv ("http_proxy");

  g_assert_cmpuint (results->len, ==, 1);
  return pp_probe_result_ref (g_ptr_array_index (results, 0));
}

PpProbeResult *
pp_test_probe_expect (PpTestbed         *testbed,
                      const PpTestProbe *probe,
                      PpOutcome          outcome)
{
  PpProbeResult *result = pp_test_probe_run (testbed, probe);

  if (result->outcome != outcome)
    g_error ("%s via %s (%s): expected %s, got %s: %s", probe->url,
             pp_method_to_id (probe->method), probe->proxy ? probe->proxy : "no proxy",
             pp_outcome_to_id (outcome), pp_outcome_to_id (result->outcome),
             result->detail ? result->detail : "");

  return result;
}
