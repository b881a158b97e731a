/* pp-config.h: the detected proxy configuration, one immutable snapshot
 *
 * The snapshot is data: every source with its provenance, the values the
 * methods read (credentials redacted where shown), the warnings. Turning
 * it into proxies for a URL is pp-config-resolver.c's; describing it for
 * people is the report layer's (pp-report-config.c, pp-report-json.c).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-agent-view.h"
#include "pp-discovery.h"
#include "pp-named-proxy.h"
#include "pp-pac.h"
#include "pp-proxy-spec.h"

G_BEGIN_DECLS

#define PP_CONFIG_ERROR (pp_config_error_quark ())

typedef enum
{
  PP_CONFIG_ERROR_BAD_PROXY,
  PP_CONFIG_ERROR_BAD_PAC,
} PpConfigError;

/* The URL the desktop's resolver is asked about when the snapshot is
 * described: a typical service URL. */
#define PP_CONFIG_SAMPLE_URL "https://go.microsoft.com/"

typedef struct
{
  const char *sysroot;              /* prefix of every file read; NULL is "/" */
  const char *cmdline_proxy;        /* -p/--proxy */
  const char *named_proxy;          /* --named-proxy, overrides the agent's file */
  const char * const *environment;  /* NULL: this process's environment */
  GProxyResolver *resolver;         /* NULL: g_proxy_resolver_get_default() */
  const char *onboarding_file;      /* --onboarding: a package instead of the
                                     * machine's mdatp_onboard.json, or NULL */
  guint agent_timeout_ms;           /* each of the agent's commands; 0: the default */
  const PpDiscovery *discovery;     /* the sources and the wpad method's PAC script
                                     * (pp-config-detect.c), or NULL: no PAC, and
                                     * the sources are read on first use */
} PpConfigOptions;

#define PP_TYPE_CONFIG (pp_config_get_type ())

G_DECLARE_FINAL_TYPE (PpConfig, pp_config, PP, CONFIG, GObject)

GQuark              pp_config_error_quark        (void);
PpConfig           *pp_config_new                (const PpConfigOptions  *options,
                                                  GError                **error);
const char * const *pp_config_get_environment    (PpConfig               *self);
const char * const *pp_config_get_proxy_variables (void);
const PpNamedProxy *pp_config_get_named_proxy    (PpConfig               *self);
const char         *pp_config_get_named_warning  (PpConfig               *self);
PpProxySpec        *pp_config_get_cmdline_proxy  (PpConfig               *self);
GPtrArray          *pp_config_get_warnings       (PpConfig               *self);
const char         *pp_config_get_wpad_log       (PpConfig               *self);
const char         *pp_config_get_pac_script     (PpConfig               *self);
const char         *pp_config_get_pac_source     (PpConfig               *self);
const char         *pp_config_get_pac_problem    (PpConfig               *self);
const char         *pp_config_get_wpad_not_found (PpConfig               *self);
const char         *pp_config_get_no_pac_reason  (PpConfig               *self);
PpPacRunner        *pp_config_get_pac_runner     (PpConfig               *self);

/* Filled on first use, from any thread (see pp-config.c). */
GPtrArray          *pp_config_get_sources        (PpConfig               *self);
GProxyResolver     *pp_config_get_desktop_resolver (PpConfig             *self);
const char         *pp_config_get_resolver_name  (PpConfig               *self);
const char         *pp_config_get_sample_answer  (PpConfig               *self);
const PpAgentView  *pp_config_get_agent_view     (PpConfig               *self);
const PpAgentView  *pp_config_peek_agent_view    (PpConfig               *self);
void                pp_config_stop_agent_view    (PpConfig               *self);
void                pp_config_collect_agent_view_async  (PpConfig            *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            pp_config_collect_agent_view_finish (PpConfig            *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
const char         *pp_config_get_dns_config     (PpConfig               *self);
void                pp_config_prepare            (PpConfig               *self);

G_END_DECLS
