/* pp-config.h: the detected proxy configuration, one immutable snapshot
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pp-config-methods.h"
#include "pp-method.h"
#include "pp-pac.h"
#include "pp-proxy-spec.h"

G_BEGIN_DECLS

#define PP_CONFIG_ERROR (pp_config_error_quark ())

typedef enum
{
  PP_CONFIG_ERROR_BAD_PROXY,
  PP_CONFIG_ERROR_BAD_PAC,
} PpConfigError;

typedef struct
{
  const char *sysroot;              /* prefix of every file read; NULL is "/" */
  const char *cmdline_proxy;        /* -p/--proxy */
  const char *named_proxy;          /* --named-proxy, overrides the agent's file */
  const char * const *environment;  /* NULL: this process's environment */
  GProxyResolver *resolver;         /* NULL: g_proxy_resolver_get_default() */
  const char *pac_script;           /* a PAC script for the wpad method */
  PpPacRunner *pac_runner;          /* pac_script already loaded (by discovery), or NULL */
  const char *pac_source;           /* where it came from, e.g. "--pac-file x.pac" */
  const char *pac_problem;          /* a PAC was found but is unusable: every wpad probe fails so */
  const char *wpad_not_found;       /* why there is no PAC at all: wpad "doesn't exist" */
  const char *wpad_log;             /* the discovery's steps, for people */
  GPtrArray *sources;               /* already detected sources (of PpSource), or NULL */
} PpConfigOptions;

#define PP_TYPE_CONFIG (pp_config_get_type ())

G_DECLARE_FINAL_TYPE (PpConfig, pp_config, PP, CONFIG, GObject)

GQuark      pp_config_error_quark      (void);
PpConfig   *pp_config_new              (const PpConfigOptions  *options,
                                        GError                **error);
const char *pp_config_get_resolver_name (PpConfig              *self);
GPtrArray  *pp_config_get_warnings     (PpConfig               *self);
gboolean    pp_config_get_candidates   (PpConfig               *self,
                                        PpMethod                method,
                                        const char             *url,
                                        GCancellable           *cancellable,
                                        GPtrArray             **candidates,
                                        char                  **detail,
                                        char                 ***pac_lookups,
                                        GError                **error);
GPtrArray  *pp_config_get_sources      (PpConfig               *self);
void        pp_config_prepare          (PpConfig               *self);
const char *pp_config_get_wpad_log     (PpConfig               *self);
const char *pp_config_get_pac_script   (PpConfig               *self);
const char *pp_config_get_pac_source   (PpConfig               *self);
GPtrArray  *pp_config_describe_methods (PpConfig               *self);
char       *pp_config_format_text      (PpConfig               *self);
void        pp_config_add_json         (PpConfig               *self,
                                        JsonBuilder            *builder);

G_END_DECLS
