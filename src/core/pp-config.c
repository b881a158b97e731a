/* pp-config.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config.h"
#include "pp-curl-env.h"
#include "pp-named-proxy.h"
#include "pp-source.h"
#include "pp-redact.h"
#include "pp-pac.h"
#include "pp-pac-result.h"

#include <string.h>

struct _PpConfig
{
  GObject parent_instance;

  GProxyResolver *resolver;  /* set on first use: see get_resolver() */
  char **environment;
  PpNamedProxy named;
  gboolean named_given;  /* --named-proxy, not the agent's file */
  PpProxySpec *cmdline;
  GPtrArray *warnings;
  char *sysroot;
  PpPacRunner *pac;     /* the wpad method's script, loaded in the helper */
  char *pac_source;
  char *pac_problem;
  char *wpad_not_found;
  char *wpad_log;
  char *pac_script;     /* the script itself, for the report */
  GPtrArray *sources;   /* detected on first use: it spawns and asks D-Bus */
  char *sample_answer;  /* the default resolver's, asked on first use */
};

G_DEFINE_FINAL_TYPE (PpConfig, pp_config, G_TYPE_OBJECT)

#define SAMPLE_URL "https://go.microsoft.com/"

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
  g_clear_pointer (&self->environment, g_strfreev);
  pp_named_proxy_clear (&self->named);
  g_clear_pointer (&self->cmdline, pp_proxy_spec_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sysroot, g_free);
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
}

static void
detect_named_proxy (PpConfig              *self,
                    const PpConfigOptions *options)
{
  g_autofree char *path = NULL;

  if (options->named_proxy != NULL)
    {
      pp_named_proxy_from_value ("--named-proxy", options->named_proxy, &self->named);
      self->named_given = TRUE;
      return;
    }

  path = g_build_filename (options->sysroot ? options->sysroot : "/",
                           PP_MDATP_MANAGED_PATH, NULL);
  pp_named_proxy_read_managed (path, &self->named);
}

/* An unusable value in the agent's own file is a finding about the
 * machine; one given with --named-proxy is the user's own, and the named
 * proxy's line already says what is wrong with it. */
static char *
named_warning (PpConfig *self)
{
  if (self->named.problem == NULL || self->named_given)
    return NULL;

  return g_strdup_printf ("Named proxy (%s): %s", self->named.source, self->named.problem);
}

/* In the order the methods are described: the environment's, then the
 * named proxy's. */
static void
collect_warnings (PpConfig *self)
{
  char *named = named_warning (self);

  g_ptr_array_extend_and_steal (self->warnings,
                                pp_curl_env_warnings ((const char * const *) self->environment));
  if (named != NULL)
    g_ptr_array_add (self->warnings, named);
}

/* A script that does not even load is bad input, told before probing.
 * Discovery loads a script from the network to check it: that runner is
 * adopted, since every load starts a helper and runs the script's top level. */
static gboolean
load_pac (PpConfig               *self,
          const PpConfigOptions  *options,
          GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *source = options->pac_source ? options->pac_source : "the PAC script";

  self->pac_source = g_strdup (source);
  if (options->pac_runner != NULL &&
      pp_pac_runner_has_script (options->pac_runner, options->pac_script))
    {
      self->pac = g_object_ref (options->pac_runner);
      return TRUE;
    }

  self->pac = pp_pac_runner_new ();
  if (pp_pac_runner_load (self->pac, options->pac_script, &local_error))
    return TRUE;

  g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC,
               "%s: %s", source, local_error->message);
  return FALSE;
}

PpConfig *
pp_config_new (const PpConfigOptions  *options,
               GError                **error)
{
  static const PpConfigOptions defaults = { NULL };
  g_autoptr(PpConfig) self = g_object_new (PP_TYPE_CONFIG, NULL);

  if (options == NULL)
    options = &defaults;

  if (options->cmdline_proxy != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      self->cmdline = pp_proxy_spec_parse (options->cmdline_proxy, TRUE, &local_error);
      if (self->cmdline == NULL)
        {
          g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PROXY,
                       "--proxy: %s", local_error->message);
          return NULL;
        }
    }

  if (options->pac_script != NULL && !load_pac (self, options, error))
    return NULL;

  self->sysroot = g_strdup (options->sysroot);
  self->pac_problem = g_strdup (options->pac_problem);
  self->wpad_not_found = g_strdup (options->wpad_not_found);
  self->wpad_log = g_strdup (options->wpad_log);
  self->pac_script = g_strdup (options->pac_script);
  if (options->sources)
    self->sources = g_ptr_array_ref (options->sources);
  self->environment = options->environment ? g_strdupv ((char **) options->environment)
                                           : g_get_environ ();
  if (options->resolver)
    self->resolver = g_object_ref (options->resolver);
  detect_named_proxy (self, options);
  collect_warnings (self);

  return g_steal_pointer (&self);
}

/* The desktop's resolver is loaded when a probe or a description first
 * needs it, from whichever thread that is: loading it loads GIO's proxy
 * modules (libproxy and the C++ runtime, GSettings with dconf), about
 * 2.4 MiB and a few ms that a run without the default method never
 * needs. */
static GProxyResolver *
get_resolver (PpConfig *self)
{
  if (g_once_init_enter (&self->resolver))
    g_once_init_leave (&self->resolver, g_object_ref (g_proxy_resolver_get_default ()));

  return self->resolver;
}

const char *
pp_config_get_resolver_name (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return G_OBJECT_TYPE_NAME (get_resolver (self));
}

GPtrArray *
pp_config_get_warnings (PpConfig *self)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  return self->warnings;
}

/* GLib answers "direct://", "http://h:p", "socks5://h:p" ...; each is a
 * candidate, tried in order. */
static GPtrArray *
resolve_default (PpConfig      *self,
                 const char    *url,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_auto(GStrv) uris = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_proxy_spec_unref);

  uris = g_proxy_resolver_lookup (get_resolver (self), url, cancellable, error);
  if (uris == NULL)
    return NULL;

  for (guint i = 0; uris[i]; i++)
    {
      PpProxySpec *spec;

      if (g_str_has_prefix (uris[i], "direct://"))
        spec = pp_proxy_spec_new_direct ();
      else
        spec = pp_proxy_spec_parse (uris[i], FALSE, NULL);

      /* An answer we cannot use ("socks://" variants GLib may invent) is
       * skipped rather than failing the whole method. */
      if (spec != NULL)
        g_ptr_array_add (candidates, spec);
    }

  if (candidates->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s answered no usable proxy for %s", pp_config_get_resolver_name (self), url);
      return NULL;
    }

  return g_steal_pointer (&candidates);
}

static GPtrArray *
single_candidate (PpProxySpec *spec)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_proxy_spec_unref);

  g_ptr_array_add (candidates, spec);

  return candidates;
}

static gboolean
candidates_for_env (PpConfig    *self,
                    const char  *url,
                    GPtrArray  **candidates,
                    char       **detail)
{
  const char * const *envp = (const char * const *) self->environment;
  PpCurlEnvReading reading;
  g_autofree char *description = NULL;

  if (!pp_curl_env_is_configured (envp))
    {
      *detail = g_strdup ("no http_proxy, https_proxy or all_proxy variable is set");
      return FALSE;
    }

  pp_curl_env_read (envp, url, &reading);
  description = pp_curl_env_describe (&reading);
  *candidates = single_candidate (pp_proxy_spec_new_curl_env (description,
                                                              reading.variable != NULL));
  pp_curl_env_reading_clear (&reading);

  return TRUE;
}

static gboolean
candidates_for_named (PpConfig    *self,
                      GPtrArray  **candidates,
                      char       **detail,
                      GError     **error)
{
  if (self->named.spec != NULL)
    {
      *candidates = single_candidate (pp_proxy_spec_ref (self->named.spec));
      return TRUE;
    }
  if (self->named.problem != NULL)
    {
      g_set_error_literal (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PROXY,
                           self->named.problem);
      return FALSE;
    }

  *detail = g_strdup_printf ("no cloudService.proxy in %s", PP_MDATP_MANAGED_PATH);
  return FALSE;
}

static const char *
no_pac_reason (PpConfig *self)
{
  return self->wpad_not_found ? self->wpad_not_found : "WPAD discovery was not run";
}

/* Evaluates the PAC script for @url. Its failures are PP_PAC_ERROR, so
 * that the probe reports "PAC failed" with the reason, never a silent
 * DIRECT. @lookups gets the script's DNS look-ups even when it fails:
 * they often say why. */
static gboolean
candidates_for_pac (PpConfig    *self,
                    const char  *url,
                    GPtrArray  **candidates,
                    char       **detail,
                    char      ***lookups,
                    GError     **error)
{
  g_autofree char *answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) warnings = NULL;

  if (self->pac_problem != NULL)
    {
      g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT, self->pac_problem);
      return FALSE;
    }
  if (self->pac == NULL)
    {
      *detail = g_strdup (no_pac_reason (self));
      return FALSE;
    }
  if (!pp_pac_runner_find_proxy (self->pac, url, &answer, NULL, lookups, error))
    return FALSE;

  *candidates = pp_pac_result_parse (answer, &warnings, &local_error);
  if (*candidates == NULL)
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT, "%s answered \"%s\": %s",
                   self->pac_source, answer, local_error->message);
      return FALSE;
    }
  /* Clients skip what they do not understand and use the rest: so do we,
   * and say what was skipped, since another client may read it otherwise. */
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *ignored = g_strjoinv ("; ", warnings);

      *detail = g_strdup_printf ("the PAC script answered \"%s\"; %s", answer, ignored);
    }

  return TRUE;
}

/* Turns a method into the proxies to try for @url. Returns FALSE with
 * @error set when the method is configured but unusable, and FALSE with
 * @detail set when nothing is configured ("Doesn't exist"). On success
 * @detail may hold a note on the way (a PAC answer with ignored parts).
 * @pac_lookups (may be NULL) gets the DNS look-ups of a PAC script that
 * answered for @url, "name → answer (ms)", at most 32 and then how many
 * were refused; it stays NULL without an answer. Blocking: the
 * default resolver may evaluate a PAC script, so call it from a worker. */
gboolean
pp_config_get_candidates (PpConfig      *self,
                          PpMethod       method,
                          const char    *url,
                          GCancellable  *cancellable,
                          GPtrArray    **candidates,
                          char         **detail,
                          char        ***pac_lookups,
                          GError       **error)
{
  g_return_val_if_fail (PP_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (candidates != NULL && detail != NULL, FALSE);

  *candidates = NULL;
  *detail = NULL;
  if (pac_lookups != NULL)
    *pac_lookups = NULL;

  switch (method)
    {
    case PP_METHOD_DEFAULT:
      *candidates = resolve_default (self, url, cancellable, error);
      return *candidates != NULL;

    case PP_METHOD_WPAD:
      return candidates_for_pac (self, url, candidates, detail, pac_lookups, error);

    case PP_METHOD_DIRECT:
      *candidates = single_candidate (pp_proxy_spec_new_direct ());
      return TRUE;

    case PP_METHOD_NAMED:
      return candidates_for_named (self, candidates, detail, error);

    case PP_METHOD_CMDLINE:
      if (self->cmdline == NULL)
        {
          *detail = g_strdup ("no proxy given with -p/--proxy");
          return FALSE;
        }
      *candidates = single_candidate (pp_proxy_spec_ref (self->cmdline));
      return TRUE;

    case PP_METHOD_ENV:
      return candidates_for_env (self, url, candidates, detail);

    case PP_N_METHODS:
    default:
      g_assert_not_reached ();
    }
}

/* Every configuration source of the machine, for people and reports.
 * Not needed to probe, and slow-ish (it runs systemctl and asks
 * NetworkManager), so it is read once, when first shown. */
GPtrArray *
pp_config_get_sources (PpConfig *self)
{
  PpSourcesOptions options = { 0 };

  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  if (self->sources == NULL)
    {
      options.sysroot = self->sysroot;
      options.environment = (const char * const *) self->environment;
      self->sources = pp_sources_detect (&options);
    }

  return self->sources;
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

/* What the default resolver says for a typical service URL: in GNOME's
 * "auto" mode without a PAC runner this is where a silent DIRECT shows. */
static char *
describe_sample_answer (PpConfig *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uris = g_proxy_resolver_lookup (get_resolver (self), SAMPLE_URL, NULL, &error);
  g_autofree char *joined = NULL;
  char *shown;

  if (uris == NULL)
    return g_strdup_printf ("error: %s", error->message);

  joined = g_strjoinv (", ", uris);
  shown = pp_redact (joined);

  return shown;
}

/* Asked once per snapshot: the resolver may run a PAC script or look on
 * the network (libproxy's WPAD), so pp_config_prepare() asks it off the
 * main loop for callers that describe the snapshot there. */
static const char *
sample_answer (PpConfig *self)
{
  if (self->sample_answer == NULL)
    self->sample_answer = describe_sample_answer (self);

  return self->sample_answer;
}

/**
 * pp_config_prepare:
 *
 * Does now, on the calling thread, what describing the snapshot would
 * otherwise do on first use, and block there: detecting the sources (it
 * spawns and asks D-Bus) and asking the default resolver for its sample
 * answer. A window builds its snapshot on a worker thread and calls this
 * there before handing it to the main loop. Not thread-safe: call it
 * before the snapshot is shared.
 */
void
pp_config_prepare (PpConfig *self)
{
  g_return_if_fail (PP_IS_CONFIG (self));

  pp_config_get_sources (self);
  sample_answer (self);
}

static PpConfigMethod *
describe_default (PpConfig *self)
{
  char **details = g_new0 (char *, 2);

  details[0] = g_strdup_printf ("answer for %s: %s", SAMPLE_URL, sample_answer (self));

  return pp_config_method_new (PP_METHOD_DEFAULT, "Default proxy (GLib proxy resolver)",
                               g_strdup (pp_config_get_resolver_name (self)), details, NULL);
}

static char **
copy_strv (GPtrArray *strings)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < strings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (strings, i));

  return g_strv_builder_end (builder);
}

static PpConfigMethod *
describe_env (PpConfig *self)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GPtrArray) warnings = pp_curl_env_warnings ((const char * const *) self->environment);
  gboolean any = FALSE;

  for (guint i = 0; proxy_variables[i]; i++)
    {
      const char *value = g_environ_getenv (self->environment, proxy_variables[i]);
      g_autofree char *shown = pp_redact (value);
      g_autofree char *line = NULL;

      if (value == NULL)
        continue;
      line = g_strdup_printf ("%s=%s", proxy_variables[i], shown);
      g_strv_builder_add (lines, line);
      any = TRUE;
    }
  if (!any)
    g_strv_builder_add (lines, "(no proxy variables set)");

  return pp_config_method_new (PP_METHOD_ENV, "Environment (this process, as libcurl reads it)",
                               NULL, g_strv_builder_end (lines), copy_strv (warnings));
}

static PpConfigMethod *
describe_named (PpConfig *self)
{
  g_autofree char *warning = named_warning (self);
  const char *raw = self->named.raw;
  const char *problem = self->named.problem;
  char *value;

  if (self->named.source == NULL)
    value = g_strdup_printf ("Doesn't exist (no cloudService.proxy in %s)", PP_MDATP_MANAGED_PATH);
  else
    value = g_strdup_printf ("%s%s(%s)%s%s", raw ? raw : "", raw ? " " : "", self->named.source,
                             problem ? ": " : "", problem ? problem : "");

  return pp_config_method_new (PP_METHOD_NAMED, "Named proxy", value, NULL,
                               warning ? g_strdupv ((char *[]) { warning, NULL }) : NULL);
}

static PpConfigMethod *
describe_cmdline (PpConfig *self)
{
  return pp_config_method_new (PP_METHOD_CMDLINE, "Command line proxy",
                               g_strdup (self->cmdline ? self->cmdline->display : "Doesn't exist"),
                               NULL, NULL);
}

/* The discovery's steps, then what they found: the PAC script in use,
 * why there is none, or why the one found is unusable. */
static PpConfigMethod *
describe_wpad (PpConfig *self)
{
  g_autofree char *log = g_strdup (self->wpad_log ? self->wpad_log : "");
  char *value;

  if (g_str_has_suffix (log, "\n"))
    log[strlen (log) - 1] = '\0';
  if (self->pac_source != NULL)
    value = g_strdup_printf ("PAC script: %s", self->pac_source);
  else
    value = g_strdup (self->pac_problem ? self->pac_problem : no_pac_reason (self));

  return pp_config_method_new (PP_METHOD_WPAD, "Proxy auto discovery (WPAD)", value,
                               g_strsplit (log, "\n", -1), NULL);
}

/* What each method resolves to, as PpConfigMethod entries in the order
 * --show-config prints them. The direct method needs no configuration
 * and has no entry. Blocking: the default resolver is asked for a
 * sample answer, which may evaluate a PAC script. */
GPtrArray *
pp_config_describe_methods (PpConfig *self)
{
  GPtrArray *methods;

  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  methods = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_config_method_free);
  g_ptr_array_add (methods, describe_default (self));
  g_ptr_array_add (methods, describe_env (self));
  g_ptr_array_add (methods, describe_named (self));
  g_ptr_array_add (methods, describe_cmdline (self));
  g_ptr_array_add (methods, describe_wpad (self));

  return methods;
}

/* The --show-config text: the methods, then every source. */
char *
pp_config_format_text (PpConfig *self)
{
  g_autoptr(GPtrArray) methods = NULL;
  g_autofree char *sources = NULL;
  GString *out;

  g_return_val_if_fail (PP_IS_CONFIG (self), NULL);

  methods = pp_config_describe_methods (self);
  out = g_string_new (NULL);
  pp_config_methods_format_text (methods, out);
  sources = pp_sources_format_text (pp_config_get_sources (self));
  g_string_append_printf (out, "\nConfiguration sources on this machine:\n%s", sources);

  return g_string_free (out, FALSE);
}

static void
add_named_json (PpConfig    *self,
                JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "named_proxy");
  if (self->named.source == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, self->named.source);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, self->named.raw);
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, self->named.problem);
  json_builder_end_object (builder);
}

static void
add_env_json (PpConfig    *self,
              JsonBuilder *builder)
{

  json_builder_set_member_name (builder, "environment");
  json_builder_begin_object (builder);
  for (guint i = 0; proxy_variables[i]; i++)
    {
      const char *value = g_environ_getenv (self->environment, proxy_variables[i]);
      g_autofree char *shown = pp_redact (value);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, proxy_variables[i]);
      json_builder_add_string_value (builder, shown);
    }
  json_builder_end_object (builder);
}

void
pp_config_add_json (PpConfig    *self,
                    JsonBuilder *builder)
{
  const char *sample;

  g_return_if_fail (PP_IS_CONFIG (self));

  sample = sample_answer (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resolver");
  json_builder_add_string_value (builder, pp_config_get_resolver_name (self));
  json_builder_set_member_name (builder, "resolver_sample");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, SAMPLE_URL);
  json_builder_set_member_name (builder, "answer");
  json_builder_add_string_value (builder, sample);
  json_builder_end_object (builder);
  add_env_json (self, builder);
  add_named_json (self, builder);
  json_builder_set_member_name (builder, "cmdline_proxy");
  json_builder_add_string_value (builder, self->cmdline ? self->cmdline->display : NULL);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "wpad");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pac");
  json_builder_add_string_value (builder, self->pac_source);
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, self->pac_problem ? self->pac_problem : self->wpad_not_found);
  json_builder_set_member_name (builder, "log");
  json_builder_add_string_value (builder, self->wpad_log);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sources");
  pp_sources_add_json (pp_config_get_sources (self), builder);
  json_builder_end_object (builder);
}
