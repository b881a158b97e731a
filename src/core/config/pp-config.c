/* pp-config.c: the detected proxy configuration, one immutable snapshot
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-config.h"
#include "pp-log.h"
#include "pp-curl-env.h"
#include "pp-redact.h"
#include "pp-source.h"
#include "pp-dns-config.h"
#include "pp-sources-detect.h"
#include "pp-source-onboarding.h"

/* Everything but the three members filled on first use is set in
 * pp_config_new() and never changes. Those three are filled through
 * g_once_init_enter(), so the rule is enforced rather than promised: any
 * thread may ask first, the value is made exactly once, and a thread that
 * asks while another makes it waits for that value. */
struct _PpConfig
{
  GObject parent_instance;

  char **environment;
  PpNamedProxy named;
  char *named_warning;  /* about the agent's own file, not --named-proxy */
  PpProxySpec *cmdline;
  GPtrArray *warnings;
  char *sysroot;
  char *onboarding_file;
  PpPacRunner *pac;     /* the wpad method's script, loaded in the helper */
  char *pac_source;
  char *pac_problem;
  char *wpad_not_found;
  char *wpad_log;
  char *pac_script;     /* the script itself, for the report */

  /* Filled on first use: see the comment above. */
  GPtrArray *sources;       /* it spawns and asks D-Bus */
  GProxyResolver *resolver; /* it loads GIO's proxy modules */
  char *sample_answer;      /* the resolver may run a PAC script */
  PpAgentView *agent_view;  /* it runs the agent's own commands */
  GCancellable *agent_stop; /* pp_config_stop_agent_view() */
  char *dns_config;         /* it runs resolvectl */
  guint agent_timeout_ms;
};

G_DEFINE_FINAL_TYPE (PpConfig, pp_config, G_TYPE_OBJECT)

/* Every variable some program reads as a proxy setting, shown whether or
 * not libcurl uses it: the difference is often the finding. */
static const char * const proxy_variables[] = {
  "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
  "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY", NULL
};
G_DEFINE_QUARK (pp-config-error-quark, pp_config_error)

static void
pp_config_finalize (GObject *object)
{
  PpConfig *self = (PpConfig *) object;

  g_clear_object (&self->resolver);
  g_clear_pointer (&self->sample_answer, g_free);
  g_clear_pointer (&self->agent_view, pp_agent_view_free);
  g_clear_object (&self->agent_stop);
  g_clear_pointer (&self->dns_config, g_free);
  g_clear_pointer (&self->environment, g_strfreev);
  pp_named_proxy_clear (&self->named);
  g_clear_pointer (&self->named_warning, g_free);
  g_clear_pointer (&self->cmdline, pp_proxy_spec_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sysroot, g_free);
  g_clear_pointer (&self->onboarding_file, g_free);
  g_clear_object (&self->pac);
  g_clear_pointer (&self->pac_source, g_free);
  g_clear_pointer (&self->pac_problem, g_free);
  g_clear_pointer (&self->wpad_not_found, g_free);
  g_clear_pointer (&self->wpad_log, g_free);
  g_clear_pointer (&self->pac_script, g_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (pp_config_parent_class)->finalize (object);
}

static void
pp_config_class_init (PpConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_config_finalize;
}

static void
pp_config_init (PpConfig *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->agent_stop = g_cancellable_new ();
}

/* An unusable value in the agent's own file is a finding about the
 * machine; one given with --named-proxy is the user's own, and the named
 * proxy's line already says what is wrong with it. */
static void
detect_named_proxy (PpConfig              *self,
                    const PpConfigOptions *options)
{
  g_autofree char *path = NULL;

  if (options->named_proxy != NULL)
    {
      pp_named_proxy_from_value ("--named-proxy", options->named_proxy, &self->named);
      return;
    }

  path = g_build_filename (options->sysroot ? options->sysroot : "/",
                           PP_MDATP_MANAGED_PATH, NULL);
  pp_named_proxy_read_managed (path, &self->named);
  if (self->named.problem != NULL)
    self->named_warning = g_strdup_printf ("Named proxy (%s): %s", self->named.source,
                                           self->named.problem);
}

/* In the order the methods are described: the environment's, then the
 * named proxy's. */
static void
collect_warnings (PpConfig *self)
{
  g_ptr_array_extend_and_steal (self->warnings,
                                pp_curl_env_warnings ((const char * const *) self->environment));
  if (self->named_warning != NULL)
    g_ptr_array_add (self->warnings, g_strdup (self->named_warning));
  for (guint i = 0; i < self->warnings->len; i++)
    pp_debug ("warning: %s", (char *) g_ptr_array_index (self->warnings, i));
}

/* A script that does not even load is bad input, told before probing.
 * Discovery loads a script from the network to check it: that runner is
 * adopted, since every load starts a helper and runs the script's top level. */
static gboolean
load_pac (PpConfig           *self,
          const PpDiscovery  *discovery,
          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *source = discovery->source ? discovery->source : "the PAC script";

  self->pac_source = g_strdup (source);
  if (discovery->pac_runner != NULL &&
      pp_pac_runner_has_script (discovery->pac_runner, discovery->script))
    {
      self->pac = g_object_ref (discovery->pac_runner);
      return TRUE;
    }

  self->pac = pp_pac_runner_new ();
  if (pp_pac_runner_load (self->pac, discovery->script, &local_error))
    return TRUE;

  g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC,
               "%s: %s", source, local_error->message);
  return FALSE;
}

static gboolean
parse_cmdline_proxy (PpConfig    *self,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  self->cmdline = pp_proxy_spec_parse (value, TRUE, &local_error);
  if (self->cmdline != NULL)
    return TRUE;

  g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PROXY,
               "--proxy: %s", local_error->message);
  return FALSE;
}

/* The onboarding picks the profile, not a proxy: it is read with the
 * sources so that it is shown where they are. */
static GPtrArray *
with_onboarding (PpConfig  *self,
                 GPtrArray *sources)
{
  pp_source_read_onboarding (self->sysroot, self->onboarding_file, sources);

  return sources;
}

static void
take_discovery (PpConfig          *self,
                const PpDiscovery *discovery)
{
  self->pac_problem = g_strdup (discovery->problem);
  self->wpad_not_found = g_strdup (discovery->not_found);
  self->wpad_log = g_strdup (discovery->log);
  self->pac_script = g_strdup (discovery->script);
  if (discovery->sources)
    self->sources = with_onboarding (self, g_ptr_array_ref (discovery->sources));
}

PpConfig *
pp_config_new (const PpConfigOptions  *options,
               GError                **error)
{
  static const PpConfigOptions defaults = { NULL };
  static const PpDiscovery no_discovery = { NULL };
  g_autoptr(PpConfig) self = g_object_new (PP_TYPE_CONFIG, NULL);
  const PpDiscovery *discovery;

  if (options == NULL)
    options = &defaults;
  discovery = options->discovery ? options->discovery : &no_discovery;

  if (options->cmdline_proxy != NULL && !parse_cmdline_proxy (self, options->cmdline_proxy, error))
    return NULL;
  if (discovery->script != NULL && !load_pac (self, discovery, error))
    return NULL;

  self->sysroot = g_strdup (options->sysroot);
  self->onboarding_file = g_strdup (options->onboarding_file);
  self->agent_timeout_ms = options->agent_timeout_ms;
  take_discovery (self, discovery);
  self->environment = options->environment ? g_strdupv ((char **) options->environment)
                                           : g_get_environ ();
  if (options->resolver)
    self->resolver = g_object_ref (options->resolver);
  detect_named_proxy (self, options);
  collect_warnings (self);
  pp_debug ("snapshot: sysroot %s, PAC %s, named proxy %s, command line proxy %s",
            self->sysroot ? self->sysroot : "/",
            self->pac_source ? self->pac_source : "none",
            self->named.raw ? self->named.raw : "none",
            self->cmdline ? self->cmdline->display : "none");

  return g_steal_pointer (&self);
}

const char * const *
pp_config_get_environment (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return (const char * const *) self->environment;
}

const char * const *
pp_config_get_proxy_variables (void)
{
  return proxy_variables;
}

const PpNamedProxy *
pp_config_get_named_proxy (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return &self->named;
}

/* What is wrong with the agent's own file, or NULL. */
const char *
pp_config_get_named_warning (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->named_warning;
}

/* -p/--proxy, or NULL. */
PpProxySpec *
pp_config_get_cmdline_proxy (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->cmdline;
}

GPtrArray *
pp_config_get_warnings (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->warnings;
}

/* The discovery's steps, the PAC script in use and where it came from:
 * the report's wpad/ folder. Each may be NULL. */
const char *
pp_config_get_wpad_log (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->wpad_log;
}

const char *
pp_config_get_pac_script (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->pac_script;
}

const char *
pp_config_get_pac_source (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->pac_source;
}

/* Why the PAC script that was named or found is unusable, or NULL. */
const char *
pp_config_get_pac_problem (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->pac_problem;
}

/* Why discovery found no PAC script, or NULL if it was not run. */
const char *
pp_config_get_wpad_not_found (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->wpad_not_found;
}

const char *
pp_config_get_no_pac_reason (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->wpad_not_found ? self->wpad_not_found : "WPAD discovery was not run";
}

/* The loaded PAC script, or NULL without one. */
PpPacRunner *
pp_config_get_pac_runner (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->pac;
}

/* Every configuration source of the machine, for people and reports.
 * Not needed to probe, and slow-ish (it runs systemctl and asks
 * NetworkManager), so it is read once, when first shown. */
GPtrArray *
pp_config_get_sources (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (g_once_init_enter (&self->sources))
    {
      PpSourcesOptions options = {
        .sysroot = self->sysroot,
        .environment = (const char * const *) self->environment,
      };

      pp_debug ("reading the configuration sources on first use");
      g_once_init_leave (&self->sources, with_onboarding (self, pp_sources_detect (&options)));
    }

  return self->sources;
}

/* The desktop's resolver is loaded when a probe or a description first
 * needs it: loading it loads GIO's proxy modules (libproxy and the C++
 * runtime, GSettings with dconf), about 2.4 MiB and a few ms that a run
 * without the default method never needs. */
GProxyResolver *
pp_config_get_desktop_resolver (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (g_once_init_enter (&self->resolver))
    {
      GProxyResolver *resolver = g_object_ref (g_proxy_resolver_get_default ());

      pp_debug ("the desktop's proxy resolver is %s", G_OBJECT_TYPE_NAME (resolver));
      g_once_init_leave (&self->resolver, resolver);
    }

  return self->resolver;
}

const char *
pp_config_get_resolver_name (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return G_OBJECT_TYPE_NAME (pp_config_get_desktop_resolver (self));
}

/* What the default resolver says for a typical service URL: in GNOME's
 * "auto" mode without a PAC runner this is where a silent DIRECT shows. */
static char *
ask_sample_answer (PpConfig *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uris = NULL;
  g_autofree char *joined = NULL;

  uris = g_proxy_resolver_lookup (pp_config_get_desktop_resolver (self), PP_CONFIG_SAMPLE_URL,
                                  NULL, &error);
  if (uris == NULL)
    return g_strdup_printf ("error: %s", error->message);

  joined = g_strjoinv (", ", uris);

  return pp_redact (joined);
}

/* Asked once per snapshot: the resolver may run a PAC script or look on
 * the network (libproxy's WPAD), so pp_config_prepare() asks it off the
 * main loop for callers that describe the snapshot there. Redacted. */
const char *
pp_config_get_sample_answer (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (g_once_init_enter (&self->sample_answer))
    {
      char *answer = ask_sample_answer (self);

      pp_debug ("the desktop's resolver answers %s for %s", answer, PP_CONFIG_SAMPLE_URL);
      g_once_init_leave (&self->sample_answer, answer);
    }

  return self->sample_answer;
}

/**
 * pp_config_prepare:
 *
 * Fills now, on the calling thread, what describing the snapshot would
 * otherwise fill on first use, and block there: the sources (it spawns
 * and asks D-Bus) and the default resolver's sample answer. A window
 * detects on a worker thread and calls this there, so that describing
 * the snapshot on the main loop never blocks. Not the agent's view: its
 * connectivity test may take half a minute, which the run need not wait
 * for (pp_config_collect_agent_view_async()).
 */
void
pp_config_prepare (PpConfig *self)
{
  g_return_if_fail (PP_IS_CONFIG (self));

  pp_config_get_sources (self);
  pp_config_get_sample_answer (self);
  pp_config_get_dns_config (self);
}

/* Defender for Endpoint's own view (pp-agent-view.c), asked on first use:
 * only the reports and the Configuration page need it. Blocking for up to
 * the agent's bound (30 s): callers that must not wait start it early with
 * pp_config_collect_agent_view_async() and look with
 * pp_config_peek_agent_view(). */
const PpAgentView *
pp_config_get_agent_view (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (g_once_init_enter (&self->agent_view))
    g_once_init_leave (&self->agent_view,
                       pp_agent_view_collect (self->sysroot, self->agent_timeout_ms,
                                              self->agent_stop));

  return self->agent_view;
}

/**
 * pp_config_stop_agent_view:
 *
 * Kills the agent's commands if they are being asked (from any thread):
 * the user stopped the run, or the snapshot is no longer shown. The view
 * then says they were stopped; this snapshot does not ask them again.
 */
void
pp_config_stop_agent_view (PpConfig *self)
{
  g_return_if_fail (PP_IS_CONFIG (self));

  pp_debug ("the agent's commands are stopped");
  g_cancellable_cancel (self->agent_stop);
}

/* The agent's view if it was asked already, or NULL: never blocks. */
const PpAgentView *
pp_config_peek_agent_view (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return g_atomic_pointer_get (&self->agent_view);
}

static void
collect_agent_view_worker (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  pp_config_get_agent_view (PP_CONFIG (source_object));
  g_task_return_boolean (task, TRUE);
}

/**
 * pp_config_collect_agent_view_async:
 *
 * Asks the agent on a worker thread, so that its connectivity test (up to
 * its bound) runs beside the probes instead of before or after them. A
 * later pp_config_get_agent_view() waits only for what is left of it.
 * @callback may be NULL.
 */
void
pp_config_collect_agent_view_async (PpConfig            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PP_IS_CONFIG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_config_collect_agent_view_async);
  if (pp_config_peek_agent_view (self) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  pp_debug ("asking Defender for Endpoint beside the run");
  g_task_run_in_thread (task, collect_agent_view_worker);
}

/* FALSE only when @result's cancellable was cancelled: the view may
 * still be filled, later, by the thread that asks. */
gboolean
pp_config_collect_agent_view_finish (PpConfig      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* resolv.conf and systemd-resolved's view, for system.txt; on first use. */
const char *
pp_config_get_dns_config (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (g_once_init_enter (&self->dns_config))
    g_once_init_leave (&self->dns_config,
                       pp_dns_config_format (self->sysroot, self->agent_timeout_ms
                                                            ? self->agent_timeout_ms
                                                            : PP_AGENT_VIEW_TIMEOUT_MS));

  return self->dns_config;
}
