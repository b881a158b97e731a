/* pp-config-detect.c: detecting the configuration, for every front end
 *
 * proxyprobe-cli calls it on its only thread, the window on a worker
 * (reading the sources talks to D-Bus, WPAD discovery to DNS and HTTP
 * servers that may take seconds to answer): both see the same
 * configuration because both ask here.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-config-detect.h"
#include "pp-log.h"
#include "pp-discovery.h"
#include "pp-profile-urls.h"
#include "pp-redact.h"
#include "pp-wpad.h"

/* A --pac-file the technician chose that cannot be used is bad input. */
static gboolean
read_pac_file (const char   *path,
               PpDiscovery  *discovery,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!pp_wpad_load_pac_file (path, &discovery->script, &local_error))
    {
      g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC, "--pac-file: %s",
                   local_error->message);
      return FALSE;
    }

  discovery->source = g_strdup_printf ("--pac-file %s", path);
  return TRUE;
}

/* A --pac-url that is not an http(s) URL is bad input; one that cannot be
 * fetched is a finding about the network (pp_discovery_fetch_url()). */
static gboolean
fetch_pac_url (const char   *url,
               const char   *sysroot,
               PpDiscovery  *discovery,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!pp_url_validate (url, &local_error))
    {
      g_set_error (error, PP_CONFIG_ERROR, PP_CONFIG_ERROR_BAD_PAC, "--pac-url: %s",
                   local_error->message);
      return FALSE;
    }

  pp_discovery_fetch_url (discovery, url, sysroot);
  return TRUE;
}

/* --pac-file and --pac-url win over discovery, the way an administrator's
 * setting for one agent wins over the network's. */
static gboolean
find_pac (const PpConfigDetectOptions  *options,
          PpDiscovery                  *discovery,
          GCancellable                 *cancellable,
          GError                      **error)
{
  if (options->pac_file != NULL)
    return read_pac_file (options->pac_file, discovery, error);
  if (options->pac_url != NULL)
    return fetch_pac_url (options->pac_url, options->sysroot, discovery, error);
  if (options->discover_wpad)
    pp_discovery_find_wpad (discovery, options->sysroot, cancellable);

  return TRUE;
}

/* The source names a --pac-url or WPAD URL already redacted; a problem
 * may quote a server's words, so it is redacted here. */
static void
trace_discovery (const PpDiscovery *discovery)
{
  g_autofree char *problem = pp_redact (discovery->problem);

  if (discovery->source != NULL)
    pp_debug ("PAC script from %s", discovery->source);
  if (problem != NULL)
    pp_debug ("the PAC script is unusable: %s", problem);
  if (discovery->not_found != NULL)
    pp_debug ("no PAC script: %s", discovery->not_found);
}

/**
 * pp_config_detect:
 *
 * Reads the machine's configuration and makes its snapshot. Returns NULL
 * only for bad input (PP_CONFIG_ERROR): a --pac-file that cannot be used,
 * a --pac-url that is not an http(s) URL, a -p/--proxy that is not a
 * proxy, a PAC script that does not load. Blocking: call it off the main
 * thread in a program with a window.
 */
PpConfig *
pp_config_detect (const PpConfigDetectOptions  *options,
                  GCancellable                 *cancellable,
                  GError                      **error)
{
  g_auto(PpDiscovery) discovery = { 0 };
  PpConfigOptions config_options = { 0 };
  PpConfig *config;

  g_return_val_if_fail (options != NULL, NULL);

  if (!find_pac (options, &discovery, cancellable, error))
    return NULL;
  trace_discovery (&discovery);

  config_options.sysroot = options->sysroot;
  config_options.cmdline_proxy = options->cmdline_proxy;
  config_options.named_proxy = options->named_proxy;
  config_options.onboarding_file = options->onboarding_file;
  config_options.discovery = &discovery;
  config = pp_config_new (&config_options, error);
  if (config != NULL && options->prepare)
    pp_config_prepare (config);

  return config;
}
