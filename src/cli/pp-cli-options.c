/* pp-cli-options.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-options.h"
#include "pp-config-detect.h"
#include "pp-log.h"
#include "pp-onboarding.h"
#include "pp-profile-urls.h"
#include "pp-redact.h"
#include "pp-runner.h"


#define DEFAULT_PROFILE "mde-standard"
#define MAX_TIMEOUT_SECONDS 600.0
/* libcurl counts in milliseconds: a shorter time would be 0, which the
 * runner refuses, and is never what anyone meant anyway. */
#define MIN_TIMEOUT_SECONDS 0.001

static const char description[] =
  "Probes every endpoint of a service through every connectivity method:\n"
  "  1 default  Default proxy (GLib's proxy resolver, as desktop programs use)\n"
  "  2 wpad     Proxy auto discovery (WPAD)\n"
  "  3 direct   Proxy disabled (no proxy at all, environment ignored)\n"
  "  4 named    Named proxy (Defender for Endpoint's cloudService.proxy)\n"
  "  5 cmdline  Command line proxy (-p)\n"
  "  6 env      Environment proxy (http_proxy/https_proxy/all_proxy as libcurl reads them)\n"
  "\n"
  "Bundled profiles: mde-standard (default), mde-streamlined, mde-gcc, mde-gcc-high,\n"
  "mde-dod, mma-legacy. On an onboarded machine the agent's onboarding\n"
  "(/etc/opt/microsoft/mdatp/mdatp_onboard.json, or --onboarding FILE) chooses the\n"
  "default profile and geography; --profile and --geography win.\n"
  "\n"
  "Examples:\n"
  "  proxyprobe-cli --geography EU\n"
  "  proxyprobe-cli --profile mde-streamlined --geography GW_US -p proxy.corp:8080\n"
  "  proxyprobe-cli --profile mma-legacy --workspace-id 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\n"
  "  proxyprobe-cli --url https://example.org/ --methods direct,cmdline -p 10.0.0.5:3128\n"
  "  proxyprobe-cli --json > result.json\n"
  "  proxyprobe-cli --pac-file corp.pac --methods wpad,direct\n"
  "  proxyprobe-cli pac-test --pac-file corp.pac https://example.org/\n"
  "  proxyprobe-cli --geography EU --output ticket-4711.zip --anonymize\n"
  "  proxyprobe-cli show ticket-4711.zip\n"
  "\n"
  "Exit status: 0 the profile's agent reaches every endpoint on its own path (the\n"
  "named proxy when one is set, else direct; with --pass-rule any-method, or for a\n"
  "profile without an agent: every endpoint reachable by at least one method),\n"
  "1 not so, 2 bad input (nothing probed) or the --output report could not be\n"
  "written, 130 stopped with Ctrl-C.";

static GOptionEntry *
option_entries (PpCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &o->profile,
      "Bundled profile name or profile JSON file (default mde-standard)", "NAME|FILE" },
    { "urls", 0, 0, G_OPTION_ARG_FILENAME, &o->urls_file,
      "Probe the URLs of a text file, one per line (# comments)", "FILE" },
    { "url", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->urls,
      "Probe this URL (repeatable)", "URL" },
    { "geography", 0, 0, G_OPTION_ARG_STRING, &o->geography,
      "Only this geography's endpoints, plus worldwide ones (default: all)", "GEO" },
    { "workspace-id", 0, 0, G_OPTION_ARG_STRING, &o->workspace_id,
      "Log Analytics workspace ID for mma-legacy", "GUID" },
    { "proxy", 'p', 0, G_OPTION_ARG_STRING, &o->proxy,
      "Command line proxy, HOST:PORT or a proxy URL", "PROXY" },
    { "named-proxy", 0, 0, G_OPTION_ARG_STRING, &o->named_proxy,
      "Use this named proxy instead of the agent's configuration", "PROXY" },
    { "methods", 0, 0, G_OPTION_ARG_STRING, &o->methods,
      "Comma-separated methods to probe (default all)", "LIST" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->timeout,
      "Total time allowed per probe, 0.001 to 600 (default 20)", "SECONDS" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->connect_timeout,
      "Time allowed to connect, 0.001 to 600 (default 10)", "SECONDS" },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &o->concurrency,
      "Probes in flight at once (default 128)", "N" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->trust,
      "Also trust the CA certificates of this PEM file (repeatable)", "FILE" },
    { "public-roots", 0, 0, G_OPTION_ARG_FILENAME, &o->public_roots,
      "Public root set for the inspection verdict (default Mozilla's)", "FILE|DIR" },
    { "pac-file", 0, 0, G_OPTION_ARG_FILENAME, &o->pac_file,
      "Evaluate this PAC script for the wpad method (as an administrator sets one)", "FILE" },
    { "pac-url", 0, 0, G_OPTION_ARG_STRING, &o->pac_url,
      "Fetch the wpad method's PAC script from this URL instead of discovering it", "URL" },
    { "onboarding", 0, 0, G_OPTION_ARG_FILENAME, &o->onboarding,
      "Take profile and geography from this onboarding file or package (default: "
      "/etc/opt/microsoft/mdatp/mdatp_onboard.json)", "FILE" },
    { "sysroot", 0, 0, G_OPTION_ARG_FILENAME, &o->sysroot,
      "Read configuration files below DIR (offline analysis, tests)", "DIR" },
    { "show-config", 0, 0, G_OPTION_ARG_NONE, &o->show_config,
      "Print the detected proxy configuration and exit", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json,
      "Print one proxyprobe-report/1 JSON document", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      "Also write the zip report for a ticket to FILE (see 'show')", "FILE.zip" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o->force,
      "Replace the --output file if it exists", NULL },
    { "anonymize", 0, 0, G_OPTION_ARG_NONE, &o->anonymize,
      "In the zip report, replace host name, user names and local addresses", NULL },
    { "pass-rule", 0, 0, G_OPTION_ARG_STRING, &o->pass_rule,
      "Exit 0 when the agent reaches every endpoint on its path (agent-path, the default) "
      "or when any method reaches each (any-method, the analyzer's rule)", "RULE" },
    { "list-profiles", 0, 0, G_OPTION_ARG_NONE, &o->list_profiles,
      "List the bundled profiles and exit", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version,
      "Print the version and exit", NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static gboolean
check_seconds (const char  *option,
               double       value,
               GError     **error)
{
  if (value >= MIN_TIMEOUT_SECONDS && value <= MAX_TIMEOUT_SECONDS)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: %g is not a number of seconds from %g (one millisecond) to %g", option,
               value, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
  return FALSE;
}

static gboolean
validate (PpCliOptions  *o,
          GError       **error)
{
  int sources = (o->urls_file != NULL) + (o->urls != NULL) + (o->profile != NULL);

  if (sources > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--profile, --urls and --url choose what to probe: give only one of them");
      return FALSE;
    }
  if (o->concurrency < 1 || o->concurrency > 4096)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--concurrency: %d is not between 1 and 4096", o->concurrency);
      return FALSE;
    }

  if ((o->force || o->anonymize) && o->output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s only applies to the zip report: add --output FILE.zip",
                   o->force ? "--force" : "--anonymize");
      return FALSE;
    }

  if (o->pass_rule != NULL && !g_str_equal (o->pass_rule, "agent-path") &&
      !g_str_equal (o->pass_rule, "any-method"))
    {
      g_autofree char *quoted = pp_redact_quote (o->pass_rule);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--pass-rule: '%s' is not agent-path or any-method", quoted);
      return FALSE;
    }

  return check_seconds ("--timeout", o->timeout, error) &&
         check_seconds ("--connect-timeout", o->connect_timeout, error);
}

/* What the run will do where the command line said nothing: the values
 * a technician would otherwise have to look up in --help. */
static void
trace_options (PpCliOptions *o)
{
  pp_debug ("endpoints from %s %s", o->urls_file ? "--urls" : o->urls ? "--url" : "the profile",
            o->urls_file ? o->urls_file : o->urls ? o->urls[0]
            : o->profile ? o->profile : DEFAULT_PROFILE " (the default)");
  pp_debug ("methods %s, timeout %.3f s, connect timeout %.3f s, concurrency %d%s",
            o->methods ? o->methods : "all (the default)", o->timeout, o->connect_timeout,
            o->concurrency, o->concurrency == PP_RUNNER_DEFAULT_CONCURRENCY ? " (the default)" : "");
  pp_debug ("PAC script: %s %s; output: %s", o->pac_file ? "--pac-file" : o->pac_url ? "--pac-url"
            : "discovered when the wpad method runs",
            o->pac_file ? o->pac_file : o->pac_url ? o->pac_url : "",
            o->output ? o->output : o->json ? "JSON on standard output" : "text on standard output");
}

gboolean
pp_cli_options_parse (PpCliOptions  *o,
                      int           *argc,
                      char        ***argv,
                      GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— check connectivity through every proxy method");
  g_autofree GOptionEntry *entries = option_entries (o);

  o->timeout = PP_RUNNER_DEFAULT_TIMEOUT_MS / 1000.0;
  o->connect_timeout = PP_RUNNER_DEFAULT_CONNECT_TIMEOUT_MS / 1000.0;
  o->concurrency = PP_RUNNER_DEFAULT_CONCURRENCY;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unexpected argument '%s' (URLs go after --url)", (*argv)[1]);
      return FALSE;
    }

  if (!validate (o, error))
    return FALSE;
  trace_options (o);

  return TRUE;
}

void
pp_cli_options_clear (PpCliOptions *o)
{
  g_clear_pointer (&o->profile, g_free);
  g_clear_pointer (&o->pass_rule, g_free);
  g_clear_pointer (&o->urls_file, g_free);
  g_clear_pointer (&o->urls, g_strfreev);
  g_clear_pointer (&o->geography, g_free);
  g_clear_pointer (&o->workspace_id, g_free);
  g_clear_pointer (&o->proxy, g_free);
  g_clear_pointer (&o->named_proxy, g_free);
  g_clear_pointer (&o->methods, g_free);
  g_clear_pointer (&o->trust, g_strfreev);
  g_clear_pointer (&o->public_roots, g_free);
  g_clear_pointer (&o->sysroot, g_free);
  g_clear_pointer (&o->onboarding, g_free);
  g_clear_pointer (&o->pac_file, g_free);
  g_clear_pointer (&o->pac_url, g_free);
  g_clear_pointer (&o->output, g_free);
}

/* --pac-file and --pac-url win over discovery; discovery runs only when
 * asked for (the plan has the wpad method, or --show-config). */
PpConfig *
pp_cli_options_make_config (PpCliOptions  *o,
                            gboolean       discover_wpad,
                            GError       **error)
{
  PpConfigDetectOptions detect_options = {
    .sysroot = o->sysroot,
    .cmdline_proxy = o->proxy,
    .named_proxy = o->named_proxy,
    .pac_file = o->pac_file,
    .pac_url = o->pac_url,
    .onboarding_file = o->onboarding,
    .discover_wpad = discover_wpad,
  };

  return pp_config_detect (&detect_options, NULL, error);
}

PpTrust *
pp_cli_options_make_trust (PpCliOptions  *o,
                           GError       **error)
{
  PpTrustOptions trust_options = {
    .extra_anchors = (const char * const *) o->trust,
    .public_roots = o->public_roots,
  };

  return pp_trust_new (&trust_options, error);
}

/* The agent's onboarding, or NULL. A --onboarding FILE that cannot be
 * used is bad input; the machine's own file only a warning: the run goes
 * on with the usual defaults, and --show-config says what is wrong. */
static gboolean
read_onboarding (PpCliOptions  *o,
                 PpOnboarding **onboarding,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *onboarding = pp_onboarding_read (o->sysroot, o->onboarding, &local_error);
  if (*onboarding != NULL || local_error == NULL)
    return TRUE;
  if (o->onboarding != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--onboarding: %s",
                   local_error->message);
      return FALSE;
    }
  g_printerr ("proxyprobe-cli: warning: %s; the usual defaults apply\n", local_error->message);

  return TRUE;
}

/* The onboarding's profile and geography, where the command line chose
 * nothing: an explicit --profile or --geography wins. */
static void
choose_defaults (PpCliOptions       *o,
                 const PpOnboarding *onboarding,
                 const char        **profile,
                 const char        **geography)
{
  *profile = o->profile ? o->profile : DEFAULT_PROFILE;
  *geography = o->geography;
  if (onboarding == NULL || onboarding->profile == NULL)
    return;

  if (o->profile == NULL)
    *profile = onboarding->profile;
  if (o->geography == NULL && g_str_equal (*profile, onboarding->profile))
    *geography = onboarding->geography;
  pp_debug ("profile %s%s, geography %s%s", *profile,
            o->profile ? " (--profile)" : " (from the onboarding)",
            *geography ? *geography : "(all)",
            o->geography ? " (--geography)" : *geography ? " (from the onboarding)" : "");
}

static PpProfile *
load_profile (PpCliOptions        *o,
              const PpOnboarding  *onboarding,
              GError             **error)
{
  PpProfileOptions profile_options = {
    .workspace_id = o->workspace_id,
  };
  const char *profile;

  if (o->urls_file)
    return pp_profile_load_url_list (o->urls_file, error);
  if (o->urls)
    return pp_profile_new_for_urls ((const char * const *) o->urls, error);

  choose_defaults (o, onboarding, &profile, &profile_options.geography);
  return pp_profile_load (profile, &profile_options, error);
}

PpPlan *
pp_cli_options_make_plan (PpCliOptions  *o,
                          GError       **error)
{
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(GArray) methods = NULL;
  g_autoptr(PpOnboarding) onboarding = NULL;

  methods = pp_method_parse_list (o->methods ? o->methods : "all", error);
  if (methods == NULL)
    return NULL;

  if (!read_onboarding (o, &onboarding, error))
    return NULL;
  profile = load_profile (o, onboarding, error);
  if (profile == NULL)
    return NULL;
  if (onboarding != NULL)
    pp_profile_mark_agent_endpoints (profile, pp_onboarding_agent_uses, onboarding);

  return pp_plan_new (profile, methods);
}

/* The analyzer's rule is kept for scripts that want it; by default the
 * exit status follows the agent's path (pp_run_results_get_exit_status()). */
PpPassRule
pp_cli_options_get_pass_rule (PpCliOptions *o)
{
  return o->pass_rule != NULL && g_str_equal (o->pass_rule, "any-method")
         ? PP_PASS_RULE_ANY_METHOD : PP_PASS_RULE_AGENT_PATH;
}
