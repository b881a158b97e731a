/* pp-report-config.c: the detected configuration, for people
 *
 * What proxyprobe-cli --show-config prints, the report's
 * configuration.txt holds and the window's configuration panel shows:
 * one description, so that the three cannot disagree. The JSON form is
 * pp-report-json.c's, with the rest of the report's schema.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-report-config.h"
#include "pp-curl-env.h"
#include "pp-redact.h"
#include "pp-source.h"

#include <string.h>

/* Blocking the first time: see pp_config_get_sample_answer(). */
static PpConfigMethod *
describe_default (PpConfig *config)
{
  char **details = g_new0 (char *, 2);

  details[0] = g_strdup_printf ("answer for %s: %s", PP_CONFIG_SAMPLE_URL,
                                pp_config_get_sample_answer (config));

  return pp_config_method_new (PP_METHOD_DEFAULT, "Default proxy (GLib proxy resolver)",
                               g_strdup (pp_config_get_resolver_name (config)), details, NULL);
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
describe_env (PpConfig *config)
{
  const char * const *environment = pp_config_get_environment (config);
  const char * const *variables = pp_config_get_proxy_variables ();
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GPtrArray) warnings = pp_curl_env_warnings (environment);
  gboolean any = FALSE;

  for (guint i = 0; variables[i]; i++)
    {
      const char *value = g_environ_getenv ((char **) environment, variables[i]);
      g_autofree char *shown = pp_redact (value);
      g_autofree char *line = NULL;

      if (value == NULL)
        continue;
      line = g_strdup_printf ("%s=%s", variables[i], shown);
      g_strv_builder_add (lines, line);
      any = TRUE;
    }
  if (!any)
    g_strv_builder_add (lines, "(no proxy variables set)");

  return pp_config_method_new (PP_METHOD_ENV, "Environment (this process, as libcurl reads it)",
                               NULL, g_strv_builder_end (lines), copy_strv (warnings));
}

static PpConfigMethod *
describe_named (PpConfig *config)
{
  const PpNamedProxy *named = pp_config_get_named_proxy (config);
  const char *warning = pp_config_get_named_warning (config);
  const char *raw = named->raw;
  const char *problem = named->problem;
  char *value;

  if (named->source == NULL)
    value = g_strdup_printf ("Doesn't exist (no cloudService.proxy in %s)", PP_MDATP_MANAGED_PATH);
  else
    value = g_strdup_printf ("%s%s(%s)%s%s", raw ? raw : "", raw ? " " : "", named->source,
                             problem ? ": " : "", problem ? problem : "");

  return pp_config_method_new (PP_METHOD_NAMED, "Named proxy", value, NULL,
                               warning ? g_strdupv ((char *[]) { (char *) warning, NULL }) : NULL);
}

static PpConfigMethod *
describe_cmdline (PpConfig *config)
{
  PpProxySpec *cmdline = pp_config_get_cmdline_proxy (config);

  return pp_config_method_new (PP_METHOD_CMDLINE, "Command line proxy",
                               g_strdup (cmdline ? cmdline->display : "Doesn't exist"),
                               NULL, NULL);
}

/* The discovery's steps, then what they found: the PAC script in use,
 * why there is none, or why the one found is unusable. */
static PpConfigMethod *
describe_wpad (PpConfig *config)
{
  const char *wpad_log = pp_config_get_wpad_log (config);
  const char *problem = pp_config_get_pac_problem (config);
  g_autofree char *log = g_strdup (wpad_log ? wpad_log : "");
  char *value;

  if (g_str_has_suffix (log, "\n"))
    log[strlen (log) - 1] = '\0';
  if (pp_config_get_pac_source (config) != NULL)
    value = g_strdup_printf ("PAC script: %s", pp_config_get_pac_source (config));
  else
    value = g_strdup (problem ? problem : pp_config_get_no_pac_reason (config));

  return pp_config_method_new (PP_METHOD_WPAD, "Proxy auto discovery (WPAD)", value,
                               g_strsplit (log, "\n", -1), NULL);
}

/**
 * pp_report_config_describe_methods:
 *
 * What each method resolves to, as PpConfigMethod entries in the order
 * --show-config prints them. The direct method needs no configuration
 * and has no entry. Blocking unless the snapshot was prepared: the
 * default resolver is asked for a sample answer, which may evaluate a
 * PAC script.
 */
GPtrArray *
pp_report_config_describe_methods (PpConfig *config)
{
  GPtrArray *methods;

  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);

  methods = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_config_method_free);
  g_ptr_array_add (methods, describe_default (config));
  g_ptr_array_add (methods, describe_env (config));
  g_ptr_array_add (methods, describe_named (config));
  g_ptr_array_add (methods, describe_cmdline (config));
  g_ptr_array_add (methods, describe_wpad (config));

  return methods;
}

/* WPAD's details are the discovery's numbered steps: a paragraph of
 * their own, ending with what they found. */
static gboolean
is_paragraph (const PpConfigMethod *method)
{
  return method->method == PP_METHOD_WPAD;
}

static void
append_line (const PpConfigMethod *method,
             GString              *out)
{
  g_string_append_printf (out, "%s:%s%s\n", method->title, method->value ? " " : "",
                          method->value ? method->value : "");
  for (guint i = 0; method->details[i]; i++)
    g_string_append_printf (out, "  %s\n", method->details[i]);
}

static void
append_paragraph (const PpConfigMethod *method,
                  GString              *out)
{
  g_string_append_printf (out, "\n%s:\n", method->title);
  for (guint i = 0; method->details[i]; i++)
    g_string_append_printf (out, "%s\n", method->details[i]);
  if (method->value)
    g_string_append_printf (out, "%s\n", method->value);
}

/* The --show-config layout: a line per method, every warning, then the
 * paragraphs. */
void
pp_report_config_format_methods (GPtrArray *methods,
                                 GString   *out)
{
  g_return_if_fail (methods != NULL && out != NULL);

  for (guint i = 0; i < methods->len; i++)
    if (!is_paragraph (g_ptr_array_index (methods, i)))
      append_line (g_ptr_array_index (methods, i), out);

  for (guint i = 0; i < methods->len; i++)
    {
      const PpConfigMethod *method = g_ptr_array_index (methods, i);

      for (guint j = 0; method->warnings[j]; j++)
        g_string_append_printf (out, "Warning: %s\n", method->warnings[j]);
    }

  for (guint i = 0; i < methods->len; i++)
    if (is_paragraph (g_ptr_array_index (methods, i)))
      append_paragraph (g_ptr_array_index (methods, i), out);
}

char *
pp_report_config_format_sources (GPtrArray *sources)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (sources != NULL, NULL);

  if (sources->len == 0)
    g_string_append (text, "No proxy configuration was found.\n");

  for (guint i = 0; i < sources->len; i++)
    {
      const PpSource *source = g_ptr_array_index (sources, i);
      const char * const *warnings = pp_source_get_warnings (source);

      g_string_append_printf (text, "%s: %s\n", pp_source_get_family (source),
                              pp_source_get_meaning (source));
      g_string_append_printf (text, "  from: %s\n", pp_source_get_provenance (source));
      if (*pp_source_get_value (source))
        g_string_append_printf (text, "  value: %s\n", pp_source_get_value (source));
      for (guint j = 0; warnings[j]; j++)
        g_string_append_printf (text, "  warning: %s\n", warnings[j]);
    }

  return g_string_free (text, FALSE);
}

static char *
format_text (PpConfig          *config,
             const PpAgentView *agent_view)
{
  g_autoptr(GPtrArray) methods = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *agent = NULL;
  GString *out;

  g_debug ("describing the configuration as text");
  methods = pp_report_config_describe_methods (config);
  out = g_string_new (NULL);
  pp_report_config_format_methods (methods, out);
  sources = pp_report_config_format_sources (pp_config_get_sources (config));
  g_string_append_printf (out, "\nConfiguration sources on this machine:\n%s", sources);
  agent = pp_agent_view_format_text (agent_view);
  g_string_append_printf (out, "\n%s", agent);

  return g_string_free (out, FALSE);
}

/* The --show-config text: the methods, every source, then the agent's
 * own view (waiting for it: see pp_config_get_agent_view()). */
char *
pp_report_config_format_text (PpConfig *config)
{
  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);

  return format_text (config, pp_config_get_agent_view (config));
}

/* The same without waiting for the agent: while it is being asked, the
 * text says so. For the window's main loop. */
char *
pp_report_config_format_text_so_far (PpConfig *config)
{
  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);

  return format_text (config, pp_config_peek_agent_view (config));
}
