/* test-config.c: what a configuration snapshot says about each method
 *
 * The snapshots are built from options alone (a simple resolver, a given
 * environment, no sources to detect), so that the texts are exact.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pp-config.h"
#include "pp-config-detect.h"
#include "pp-config-resolver.h"
#include "pp-report-config.h"
#include "pp-report-json.h"

#define CANARY "CanaryPw42"
#define PAC "function FindProxyForURL(url, host) { return 'PROXY pac.test:8080'; }"

typedef struct
{
  char *sysroot;
  GPtrArray *sources;
  GProxyResolver *resolver;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sysroot = g_dir_make_tmp ("test-config-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->sources = g_ptr_array_new ();
  fixture->resolver = g_simple_proxy_resolver_new ("http://d:" CANARY "@default.test:3128", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *managed = g_build_filename (fixture->sysroot, "etc", "opt", "microsoft",
                                               "mdatp", "managed", "mdatp_managed.json", NULL);

  /* Only the managed file may have been written: remove it and its five
   * folders below the sysroot. */
  g_remove (managed);
  for (int i = 0; i < 5; i++)
    {
      char *slash = strrchr (managed, '/');

      *slash = '\0';
      g_rmdir (managed);
    }
  g_rmdir (fixture->sysroot);
  g_free (fixture->sysroot);
  g_ptr_array_unref (fixture->sources);
  g_object_unref (fixture->resolver);
}

static void
write_managed (Fixture    *fixture,
               const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->sysroot, "etc", "opt", "microsoft",
                                            "mdatp", "managed", "mdatp_managed.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Every method configured, each with the canary password. */
static PpConfig *
full_config (Fixture *fixture)
{
  const char * const environment[] = { "http_proxy=http://e:" CANARY "@env.test:3128",
                                       "no_proxy=localhost", NULL };
  g_autoptr(GError) error = NULL;
  PpConfig *config;

  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .cmdline_proxy = "http://c:" CANARY "@cmd.test:3128",
                            .named_proxy = "http://n:" CANARY "@named.test:8080",
                            .environment = environment,
                            .resolver = fixture->resolver,
                            .discovery = &(PpDiscovery) {
                              .script = PAC,
                              .source = "--pac-url http://p:***@wpad.test/proxy.pac",
                              .log = " 1. fetch http://p:***@wpad.test/proxy.pac: ok (3 ms)\n",
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);

  return config;
}

static void
test_text_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PpConfig) config = full_config (fixture);
  g_autofree char *text = pp_report_config_format_text (config);

  g_assert_cmpstr (text, ==,
    "Default proxy (GLib proxy resolver): GSimpleProxyResolver\n"
    "  answer for https://go.microsoft.com/: http://d:***@default.test:3128\n"
    "Environment (this process, as libcurl reads it):\n"
    "  http_proxy=http://e:***@env.test:3128\n"
    "  no_proxy=localhost\n"
    "Named proxy: http://n:***@named.test:8080 (--named-proxy)\n"
    "Command line proxy: http://c:***@cmd.test:3128\n"
    "Warning: http_proxy is set but https_proxy is not: libcurl connects directly to "
    "https URLs (every Defender for Endpoint URL is https)\n"
    "\n"
    "Proxy auto discovery (WPAD):\n"
    " 1. fetch http://p:***@wpad.test/proxy.pac: ok (3 ms)\n"
    "PAC script: --pac-url http://p:***@wpad.test/proxy.pac\n"
    "\n"
    "Configuration sources on this machine:\n"
    "No proxy configuration was found.\n"
    "\n"
    "Defender for Endpoint: not asked: --sysroot reads another machine's files\n");
}

static void
assert_strv (char       **strv,
             const char  *first,
             ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *expected = first; expected; expected = va_arg (args, const char *))
    g_assert_cmpstr (strv[i++], ==, expected);
  va_end (args);
  g_assert_null (strv[i]);
}

static void
assert_no_canary (PpConfigMethod *method)
{
  g_autofree char *details = g_strjoinv ("\n", method->details);
  g_autofree char *warnings = g_strjoinv ("\n", method->warnings);

  g_assert_null (strstr (method->title, CANARY));
  g_assert_null (strstr (method->value ? method->value : "", CANARY));
  g_assert_null (strstr (details, CANARY));
  g_assert_null (strstr (warnings, CANARY));
}

/* Each method's entry, in the text's order, every password redacted; the
 * text is made of the same entries. */
static void
test_methods_full (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PpConfig) config = full_config (fixture);
  g_autoptr(GPtrArray) methods = pp_report_config_describe_methods (config);
  g_autoptr(GString) rendered = g_string_new (NULL);
  g_autofree char *text = pp_report_config_format_text (config);
  const PpMethod order[] = { PP_METHOD_DEFAULT, PP_METHOD_ENV, PP_METHOD_NAMED,
                             PP_METHOD_CMDLINE, PP_METHOD_WPAD };
  PpConfigMethod *method;

  g_assert_cmpuint (methods->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < methods->len; i++)
    {
      g_assert_cmpint (((PpConfigMethod *) g_ptr_array_index (methods, i))->method, ==, order[i]);
      assert_no_canary (g_ptr_array_index (methods, i));
    }

  method = g_ptr_array_index (methods, 0);
  g_assert_cmpstr (method->title, ==, "Default proxy (GLib proxy resolver)");
  g_assert_cmpstr (method->value, ==, "GSimpleProxyResolver");
  assert_strv (method->details, "answer for https://go.microsoft.com/: http://d:***@default.test:3128", NULL);
  assert_strv (method->warnings, NULL);

  method = g_ptr_array_index (methods, 1);
  g_assert_null (method->value);
  assert_strv (method->details, "http_proxy=http://e:***@env.test:3128", "no_proxy=localhost", NULL);
  g_assert_nonnull (strstr (method->warnings[0], "https_proxy is not"));
  g_assert_null (method->warnings[1]);

  method = g_ptr_array_index (methods, 2);
  g_assert_cmpstr (method->value, ==, "http://n:***@named.test:8080 (--named-proxy)");
  assert_strv (method->details, NULL);
  assert_strv (method->warnings, NULL);

  method = g_ptr_array_index (methods, 3);
  g_assert_cmpstr (method->value, ==, "http://c:***@cmd.test:3128");

  method = g_ptr_array_index (methods, 4);
  g_assert_cmpstr (method->value, ==, "PAC script: --pac-url http://p:***@wpad.test/proxy.pac");
  assert_strv (method->details, " 1. fetch http://p:***@wpad.test/proxy.pac: ok (3 ms)", NULL);

  pp_report_config_format_methods (methods, rendered);
  g_assert_true (g_str_has_prefix (text, rendered->str));
  g_assert_null (strstr (text, CANARY));
}

/* A --named-proxy that cannot be used: its line says why, and it is not a
 * warning about the machine. */
static void
test_methods_bad_named (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const environment[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  PpConfigMethod *named;

  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .named_proxy = "http://n:" CANARY "@named.test",
                            .environment = environment,
                            .resolver = fixture->resolver,
                            .discovery = &(PpDiscovery) {
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  methods = pp_report_config_describe_methods (config);
  named = g_ptr_array_index (methods, 2);
  g_assert_cmpint (named->method, ==, PP_METHOD_NAMED);
  g_assert_true (g_str_has_prefix (named->value, "http://n:***@named.test (--named-proxy): "
                                                 "The proxy isn't in valid format: "));
  assert_strv (named->warnings, NULL);
  assert_no_canary (named);
  g_assert_cmpuint (pp_config_get_warnings (config)->len, ==, 0);
}

/* A managed file that is not JSON has no value to show: the line names
 * the file and the problem, without a stray space. */
static void
test_methods_unreadable_managed (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char * const environment[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  PpConfigMethod *named;

  write_managed (fixture, "{\"cloudService\": ");
  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .environment = environment,
                            .resolver = fixture->resolver,
                            .discovery = &(PpDiscovery) {
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  methods = pp_report_config_describe_methods (config);
  named = g_ptr_array_index (methods, 2);
  line = g_strdup_printf ("(%s/etc/opt/microsoft/mdatp/managed/mdatp_managed.json: "
                          "cloudService.proxy): ", fixture->sysroot);
  g_assert_true (g_str_has_prefix (named->value, line));
  g_assert_nonnull (strstr (named->value, "cannot be read"));
  g_assert_cmpuint (g_strv_length (named->warnings), ==, 1);
  text = pp_report_config_format_text (config);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\nNamed proxy: %s\n", named->value);
  g_assert_nonnull (strstr (text, line));
}

/* A broken managed file and an environment libcurl half ignores: each
 * warning follows the line of its method. */
static void
test_text_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const environment[] = { "HTTP_PROXY=http://u:" CANARY "@upper.test:3128", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  write_managed (fixture, "{\"cloudService\": {\"proxy\": \"http://m:" CANARY "@mdatp.test\"}}");
  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .environment = environment,
                            .resolver = fixture->resolver,
                            .discovery = &(PpDiscovery) {
                              .problem = "WPAD: wpad.test answered 404",
                              .log = " 1. DNS wpad.test: 127.0.0.1\n"
                                        "  warning: odd MIME type\n",
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  text = pp_report_config_format_text (config);
  expected = g_strdup_printf (
    "Default proxy (GLib proxy resolver): GSimpleProxyResolver\n"
    "  answer for https://go.microsoft.com/: http://d:***@default.test:3128\n"
    "Environment (this process, as libcurl reads it):\n"
    "  HTTP_PROXY=http://u:***@upper.test:3128\n"
    "Named proxy: http://m:***@mdatp.test (%1$s/etc/opt/microsoft/mdatp/managed/mdatp_managed.json: "
    "cloudService.proxy): The proxy isn't in valid format: %2$s\n"
    "Command line proxy: Doesn't exist\n"
    "Warning: HTTP_PROXY is set but libcurl ignores the upper-case name: set http_proxy as well\n"
    "Warning: Named proxy (%1$s/etc/opt/microsoft/mdatp/managed/mdatp_managed.json: "
    "cloudService.proxy): The proxy isn't in valid format: %2$s\n"
    "\n"
    "Proxy auto discovery (WPAD):\n"
    " 1. DNS wpad.test: 127.0.0.1\n"
    "  warning: odd MIME type\n"
    "WPAD: wpad.test answered 404\n"
    "\n"
    "Configuration sources on this machine:\n"
    "No proxy configuration was found.\n"
    "\n"
    "Defender for Endpoint: not asked: --sysroot reads another machine's files\n",
    fixture->sysroot,
    "'http://m:***@mdatp.test' has no port: give one explicitly, e.g. http://mdatp.test:8080");
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (strstr (text, CANARY));
  methods = pp_report_config_describe_methods (config);
  g_assert_cmpint (((PpConfigMethod *) g_ptr_array_index (methods, 1))->method, ==, PP_METHOD_ENV);
  g_assert_cmpuint (g_strv_length (((PpConfigMethod *) g_ptr_array_index (methods, 1))->warnings), ==, 1);
  g_assert_cmpuint (g_strv_length (((PpConfigMethod *) g_ptr_array_index (methods, 2))->warnings), ==, 1);
  g_assert_cmpuint (pp_config_get_warnings (config)->len, ==, 2);
}

/* Nothing configured, and no discovery run (a run without the wpad
 * method): the text still says why the method has nothing. */
static void
test_text_nothing (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const environment[] = { NULL };
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .environment = environment,
                            .resolver = direct,
                            .discovery = &(PpDiscovery) {
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  text = pp_report_config_format_text (config);
  expected = g_strdup_printf (
    "Default proxy (GLib proxy resolver): GSimpleProxyResolver\n"
    "  answer for https://go.microsoft.com/: direct://\n"
    "Environment (this process, as libcurl reads it):\n"
    "  (no proxy variables set)\n"
    "Named proxy: Doesn't exist (no cloudService.proxy in "
    "/etc/opt/microsoft/mdatp/managed/mdatp_managed.json)\n"
    "Command line proxy: Doesn't exist\n"
    "\n"
    "Proxy auto discovery (WPAD):\n"
    "WPAD discovery was not run\n"
    "\n"
    "Configuration sources on this machine:\n"
    "No proxy configuration was found.\n"
    "\n"
    "Defender for Endpoint: not asked: --sysroot reads another machine's files\n");
  g_assert_cmpstr (text, ==, expected);
}

/* A resolver that counts the questions it is asked. */
#define PP_TYPE_COUNTING_RESOLVER (pp_counting_resolver_get_type ())
G_DECLARE_FINAL_TYPE (PpCountingResolver, pp_counting_resolver, PP, COUNTING_RESOLVER, GObject)

struct _PpCountingResolver
{
  GObject parent_instance;
  gint n_lookups;
  guint delay_us;  /* a slow answer, as a PAC script's may be */
};

static guint n_counting_resolvers;

static void pp_counting_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpCountingResolver, pp_counting_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      pp_counting_resolver_iface_init))

static char **
pp_counting_resolver_lookup (GProxyResolver  *resolver,
                             const char      *uri,
                             GCancellable    *cancellable,
                             GError         **error)
{
  const char * const answer[] = { "http://counted.test:3128", NULL };

  g_atomic_int_inc (&PP_COUNTING_RESOLVER (resolver)->n_lookups);
  g_usleep (PP_COUNTING_RESOLVER (resolver)->delay_us);

  return g_strdupv ((char **) answer);
}

static gboolean
pp_counting_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static void
pp_counting_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->lookup = pp_counting_resolver_lookup;
  iface->is_supported = pp_counting_resolver_is_supported;
}

static void
pp_counting_resolver_class_init (PpCountingResolverClass *klass)
{
}

static void
pp_counting_resolver_init (PpCountingResolver *self)
{
  n_counting_resolvers++;
}

/* A window describes its snapshot on the main loop, where nothing may
 * block: pp_config_prepare(), called on a worker, asks the resolver (which
 * may run a PAC script or look on the network) the one time describing
 * needs it. */
static void
test_prepare_asks_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PpCountingResolver) resolver = g_object_new (PP_TYPE_COUNTING_RESOLVER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) {
                                                .sysroot = fixture->sysroot,
                                                .resolver = G_PROXY_RESOLVER (resolver),
                                                .discovery = &(PpDiscovery) {
                                                  .sources = fixture->sources,
                                                },
                                              }, &error);
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  pp_config_prepare (config);
  g_assert_cmpuint (resolver->n_lookups, ==, 1);

  text = pp_report_config_format_text (config);
  methods = pp_report_config_describe_methods (config);
  pp_report_json_add_config (builder, config);
  g_assert_nonnull (strstr (text, "counted.test:3128"));
  g_assert_cmpuint (resolver->n_lookups, ==, 1);
}

/* GLib's default resolver loads GIO's proxy modules (libproxy, the C++
 * runtime, GSettings and dconf): a snapshot makes it only when a probe or
 * a description first asks. main() makes the counting resolver GLib's
 * default; GLib makes its default once a process, so the test runs in a
 * process of its own. */
static void
test_default_resolver_on_first_use (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autofree char *text = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .discovery = &(PpDiscovery) {
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_counting_resolvers, ==, 0);

  text = pp_report_config_format_text (config);
  g_assert_nonnull (strstr (text, "Default proxy (GLib proxy resolver): PpCountingResolver\n"));
  g_assert_nonnull (strstr (text, "counted.test:3128"));
  g_assert_cmpuint (n_counting_resolvers, ==, 1);
}

#define N_THREADS 8

typedef struct
{
  PpConfig *config;
  gint n_started;
} Crowd;

/* Every thread starts at once, so that they all ask first. */
static void
wait_for_crowd (Crowd *crowd)
{
  g_atomic_int_inc (&crowd->n_started);
  while (g_atomic_int_get (&crowd->n_started) < N_THREADS)
    g_thread_yield ();
}

static gpointer
describe_and_resolve_worker (gpointer data)
{
  Crowd *crowd = data;
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(PpCandidates) found = NULL;
  g_autoptr(GError) error = NULL;

  wait_for_crowd (crowd);
  methods = pp_report_config_describe_methods (crowd->config);
  found = pp_config_resolve (crowd->config, PP_METHOD_DEFAULT, "https://a.test/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->candidates->len, ==, 1);

  return pp_config_get_sources (crowd->config);
}

static GPtrArray *
run_crowd (PpConfig *config)
{
  Crowd crowd = { config, 0 };
  GThread *threads[N_THREADS];
  GPtrArray *sources_seen = g_ptr_array_new ();

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("crowd", describe_and_resolve_worker, &crowd);
  for (guint i = 0; i < N_THREADS; i++)
    g_ptr_array_add (sources_seen, g_thread_join (threads[i]));

  return sources_seen;
}

/* The rule of the snapshot's lazy members and of the resolver: any thread
 * may ask first, and what is made on first use is made once. Workers
 * resolve while the window describes; the sample answer is asked once
 * however many describe at the same time, and every thread sees the same
 * sources. No discovery here: the sources are read on first use. */
static void
test_lazy_once_any_thread (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const environment[] = { NULL };
  g_autoptr(PpCountingResolver) resolver = g_object_new (PP_TYPE_COUNTING_RESOLVER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(GPtrArray) sources_seen = NULL;

  resolver->delay_us = 20000;
  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .environment = environment,
                            .resolver = G_PROXY_RESOLVER (resolver),
                          }, &error);
  g_assert_no_error (error);

  sources_seen = run_crowd (config);

  /* One sample answer, then one look-up per resolved URL. */
  g_assert_cmpint (g_atomic_int_get (&resolver->n_lookups), ==, 1 + N_THREADS);
  for (guint i = 0; i < N_THREADS; i++)
    g_assert_true (g_ptr_array_index (sources_seen, i) == pp_config_get_sources (config));
}

static char *
config_json (PpConfig *config)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  pp_report_json_add_config (builder, config);
  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

/* The snapshot is data: what it says is fixed when it is made. The
 * caller's values are copied; resolving every method, from many threads,
 * changes nothing; and there is nothing to set. */
static void
test_snapshot_immutable (Fixture       *fixture,
                         gconstpointer  data)
{
  char *environment[] = { g_strdup ("https_proxy=http://e:" CANARY "@env.test:3128"), NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(GPtrArray) sources_seen = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree GParamSpec **properties = NULL;
  g_autofree guint *signals = NULL;
  guint n_properties, n_signals;

  config = pp_config_new (&(PpConfigOptions) {
                            .sysroot = fixture->sysroot,
                            .cmdline_proxy = "http://c:" CANARY "@cmd.test:3128",
                            .environment = (const char * const *) environment,
                            .resolver = fixture->resolver,
                            .discovery = &(PpDiscovery) {
                              .sources = fixture->sources,
                            },
                          }, &error);
  g_assert_no_error (error);
  before = config_json (config);

  g_free (environment[0]);
  environment[0] = g_strdup ("https_proxy=http://changed.test:1");
  for (PpMethod method = 0; method < PP_N_METHODS; method++)
    pp_candidates_free (pp_config_resolve (config, method, "https://a.test/", NULL, NULL));
  sources_seen = run_crowd (config);
  after = config_json (config);
  g_free (environment[0]);

  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "env.test:3128"));
  g_assert_null (strstr (after, CANARY));
  g_assert_true (pp_config_get_sources (config) == fixture->sources);
  properties = g_object_class_list_properties (G_OBJECT_GET_CLASS (config), &n_properties);
  signals = g_signal_list_ids (PP_TYPE_CONFIG, &n_signals);
  g_assert_cmpuint (n_properties, ==, 0);
  g_assert_cmpuint (n_signals, ==, 0);
}

/* The one detection both front ends call: what the user chose wins, bad
 * choices are bad input named after the option, and without --pac-file,
 * --pac-url or discovery the wpad method says discovery was not run. */
static void
test_detect (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pac_path = g_build_filename (fixture->sysroot, "test.pac", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpConfig) config = NULL;
  g_autoptr(PpConfig) with_file = NULL;
  g_autofree char *source = NULL;

  config = pp_config_detect (&(PpConfigDetectOptions) { .sysroot = fixture->sysroot,
                                                        .pac_file = "/nonexistent/x.pac" },
                             NULL, &error);
  g_assert_null (config);
  g_assert_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC);
  g_assert_true (g_str_has_prefix (error->message, "--pac-file: "));
  g_clear_error (&error);

  config = pp_config_detect (&(PpConfigDetectOptions) { .sysroot = fixture->sysroot,
                                                        .pac_url = "file:///etc/x.pac" },
                             NULL, &error);
  g_assert_null (config);
  g_assert_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC);
  g_assert_true (g_str_has_prefix (error->message, "--pac-url: "));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (pac_path, PAC, -1, NULL));
  with_file = pp_config_detect (&(PpConfigDetectOptions) { .sysroot = fixture->sysroot,
                                                           .pac_file = pac_path,
                                                           .cmdline_proxy = "cmd.test:3128" },
                                NULL, &error);
  g_remove (pac_path);
  g_assert_no_error (error);
  source = g_strdup_printf ("--pac-file %s", pac_path);
  g_assert_cmpstr (pp_config_get_pac_source (with_file), ==, source);
  g_assert_cmpstr (pp_config_get_pac_script (with_file), ==, PAC);
  g_assert_cmpstr (pp_config_get_cmdline_proxy (with_file)->display, ==, "http://cmd.test:3128");

  config = pp_config_detect (&(PpConfigDetectOptions) { .sysroot = fixture->sysroot }, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pp_config_get_pac_source (config));
  g_assert_cmpstr (pp_config_get_no_pac_reason (config), ==, "WPAD discovery was not run");
}

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Registering the point first is allowed: GIO then finds it registered. */
  g_io_extension_point_register (G_PROXY_RESOLVER_EXTENSION_POINT_NAME);
  g_io_extension_point_implement (G_PROXY_RESOLVER_EXTENSION_POINT_NAME,
                                  PP_TYPE_COUNTING_RESOLVER, "pp-counting", 1000);

  add_test ("/config/text/full", test_text_full);
  add_test ("/config/text/problems", test_text_problems);
  add_test ("/config/text/nothing", test_text_nothing);
  add_test ("/config/methods/full", test_methods_full);
  add_test ("/config/methods/bad-named", test_methods_bad_named);
  add_test ("/config/methods/unreadable-managed", test_methods_unreadable_managed);
  add_test ("/config/prepare-asks-once", test_prepare_asks_once);
  add_test ("/config/default-resolver-on-first-use", test_default_resolver_on_first_use);
  add_test ("/config/lazy-once-any-thread", test_lazy_once_any_thread);
  add_test ("/config/snapshot-immutable", test_snapshot_immutable);
  add_test ("/config/detect", test_detect);

  return g_test_run ();
}
