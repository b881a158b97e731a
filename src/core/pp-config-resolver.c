/* pp-config-resolver.c: what a connectivity method tries for one URL
 *
 * A pure function of the snapshot and the URL: it keeps no state of its
 * own, so any number of worker threads may resolve at once. The two
 * things it needs that are made on first use (the desktop's resolver) or
 * made at detection (the loaded PAC script) are the snapshot's, which
 * makes each at most once whatever the thread (pp-config.c).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-config-resolver.h"
#include "pp-curl-env.h"
#include "pp-pac-result.h"
#include "pp-redact.h"

void
pp_candidates_free (PpCandidates *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_free (self->detail);
  g_strfreev (self->pac_lookups);
  g_free (self);
}

static GPtrArray *
single_candidate (PpProxySpec *spec)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_proxy_spec_unref);

  g_ptr_array_add (candidates, spec);

  return candidates;
}

/* GLib answers "direct://", "http://h:p", "socks5://h:p" ...; each is a
 * candidate, tried in order. */
static gboolean
resolve_default (PpConfig      *config,
                 const char    *url,
                 GCancellable  *cancellable,
                 PpCandidates  *found,
                 GError       **error)
{
  g_auto(GStrv) uris = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_proxy_spec_unref);

  uris = g_proxy_resolver_lookup (pp_config_get_desktop_resolver (config), url, cancellable, error);
  if (uris == NULL)
    return FALSE;

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
                   "%s answered no usable proxy for %s", pp_config_get_resolver_name (config), url);
      return FALSE;
    }

  found->candidates = g_steal_pointer (&candidates);
  return TRUE;
}

static gboolean
resolve_env (PpConfig     *config,
             const char   *url,
             PpCandidates *found)
{
  PpCurlEnvReading reading;
  g_autofree char *description = NULL;
  const char * const *envp = pp_config_get_environment (config);

  if (!pp_curl_env_is_configured (envp))
    {
      found->detail = g_strdup ("no http_proxy, https_proxy or all_proxy variable is set");
      return FALSE;
    }

  pp_curl_env_read (envp, url, &reading);
  description = pp_curl_env_describe (&reading);
  found->candidates = single_candidate (pp_proxy_spec_new_curl_env (description,
                                                                    reading.variable != NULL));
  pp_curl_env_reading_clear (&reading);

  return TRUE;
}

static gboolean
resolve_named (PpConfig      *config,
               PpCandidates  *found,
               GError       **error)
{
  const PpNamedProxy *named = pp_config_get_named_proxy (config);

  if (named->spec != NULL)
    {
      found->candidates = single_candidate (pp_proxy_spec_ref (named->spec));
      return TRUE;
    }
  if (named->problem != NULL)
    {
      g_set_error_literal (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PROXY, named->problem);
      return FALSE;
    }

  found->detail = g_strdup_printf ("no cloudService.proxy in %s", PP_MDATP_MANAGED_PATH);
  return FALSE;
}

static gboolean
resolve_cmdline (PpConfig     *config,
                 PpCandidates *found)
{
  PpProxySpec *cmdline = pp_config_get_cmdline_proxy (config);

  if (cmdline == NULL)
    {
      found->detail = g_strdup ("no proxy given with -p/--proxy");
      return FALSE;
    }

  found->candidates = single_candidate (pp_proxy_spec_ref (cmdline));
  return TRUE;
}

/* Clients skip what they do not understand and use the rest: so do we,
 * and say what was skipped, since another client may read it otherwise. */
static char *
describe_ignored (const char  *answer,
                  char       **warnings)
{
  g_autofree char *ignored = NULL;

  if (warnings == NULL || warnings[0] == NULL)
    return NULL;

  ignored = g_strjoinv ("; ", warnings);
  return g_strdup_printf ("the PAC script answered \"%s\"; %s", answer, ignored);
}

/* Evaluates the PAC script for @url. Its failures are PP_PAC_ERROR, so
 * that the probe reports "PAC failed" with the reason, never a silent
 * DIRECT. The script's DNS look-ups are kept even when it fails: they
 * often say why. */
static gboolean
resolve_pac (PpConfig      *config,
             const char    *url,
             PpCandidates  *found,
             GError       **error)
{
  PpPacRunner *pac = pp_config_get_pac_runner (config);
  g_autofree char *answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) warnings = NULL;

  if (pp_config_get_pac_problem (config) != NULL)
    {
      g_set_error_literal (error, PP_PAC_ERROR, PP_PAC_ERROR_SCRIPT,
                           pp_config_get_pac_problem (config));
      return FALSE;
    }
  if (pac == NULL)
    {
      found->detail = g_strdup (pp_config_get_no_pac_reason (config));
      return FALSE;
    }
  if (!pp_pac_runner_find_proxy (pac, url, &answer, NULL, &found->pac_lookups, error))
    return FALSE;

  found->candidates = pp_pac_result_parse (answer, &warnings, &local_error);
  if (found->candidates == NULL)
    {
      g_set_error (error, PP_PAC_ERROR, PP_PAC_ERROR_RESULT, "%s answered \"%s\": %s",
                   pp_config_get_pac_source (config), answer, local_error->message);
      return FALSE;
    }
  found->detail = describe_ignored (answer, warnings);

  return TRUE;
}

static gboolean
resolve_method (PpConfig      *config,
                PpMethod       method,
                const char    *url,
                GCancellable  *cancellable,
                PpCandidates  *found,
                GError       **error)
{
  switch (method)
    {
    case PP_METHOD_DEFAULT:
      return resolve_default (config, url, cancellable, found, error);
    case PP_METHOD_WPAD:
      return resolve_pac (config, url, found, error);
    case PP_METHOD_DIRECT:
      found->candidates = single_candidate (pp_proxy_spec_new_direct ());
      return TRUE;
    case PP_METHOD_NAMED:
      return resolve_named (config, found, error);
    case PP_METHOD_CMDLINE:
      return resolve_cmdline (config, found);
    case PP_METHOD_ENV:
      return resolve_env (config, url, found);
    case PP_N_METHODS:
    default:
      g_assert_not_reached ();
    }
}

/* Credentials in the URL or a proxy are redacted: the debug log may be
 * pasted into a ticket. */
static void
trace_answer (PpMethod            method,
              const char         *url,
              const PpCandidates *found,
              const GError       *error)
{
  g_autofree char *shown_url = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GString) answer = NULL;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  shown_url = pp_redact (url);
  answer = g_string_new (NULL);
  for (guint i = 0; found->candidates && i < found->candidates->len; i++)
    g_string_append_printf (answer, "%s%s", i ? ", " : "",
                            ((PpProxySpec *) g_ptr_array_index (found->candidates, i))->display);
  if (error != NULL)
    g_string_append_printf (answer, "unusable: %s", error->message);
  else if (found->candidates == NULL)
    g_string_append_printf (answer, "not configured: %s", found->detail);
  shown = pp_redact (answer->str);
  g_debug ("%s for %s: %s", pp_method_get_label (method), shown_url, shown);
}

/**
 * pp_config_resolve:
 *
 * Turns @method into the proxies to try for @url. Always returns an
 * answer. Its candidates are NULL when the method is configured but
 * unusable, with @error set (a PAC failure is PP_PAC_ERROR, so that the
 * probe reports "PAC failed", never a silent DIRECT), and when nothing is
 * configured, with the answer's detail saying so ("Doesn't exist").
 * Blocking: the default resolver and the PAC script may look names up,
 * so call it from a worker. Any thread: see the top of this file.
 */
PpCandidates *
pp_config_resolve (PpConfig      *config,
                   PpMethod       method,
                   const char    *url,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PpCandidates) found = g_new0 (PpCandidates, 1);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!resolve_method (config, method, url, cancellable, found, &local_error))
    g_clear_pointer (&found->candidates, g_ptr_array_unref);
  trace_answer (method, url, found, local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return g_steal_pointer (&found);
}
