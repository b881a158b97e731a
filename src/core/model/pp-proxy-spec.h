/* pp-proxy-spec.h: one proxy candidate, parsed, normalised and redactable
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PP_PROXY_SPEC_ERROR (pp_proxy_spec_error_quark ())

typedef enum
{
  PP_PROXY_SPEC_ERROR_INVALID,
  PP_PROXY_SPEC_ERROR_NO_PORT,
  PP_PROXY_SPEC_ERROR_PLACEHOLDER,
} PpProxySpecError;

typedef enum
{
  PP_PROXY_KIND_DIRECT,    /* no proxy: libcurl is told so explicitly */
  PP_PROXY_KIND_PROXY,     /* an explicit proxy URL */
  PP_PROXY_KIND_CURL_ENV,  /* leave libcurl to read the environment itself */
} PpProxyKind;

#define PP_TYPE_PROXY_SPEC (pp_proxy_spec_get_type ())

typedef struct
{
  PpProxyKind kind;
  char *scheme;     /* http, https, socks4, socks4a, socks5, socks5h */
  char *host;       /* without brackets */
  guint16 port;     /* always explicit: libcurl's default of 1080 is a trap */
  char *user;
  char *password;
  char *url;        /* for libcurl, with credentials */
  char *display;    /* for people and reports: user:***@ */
  gboolean env_via_proxy;  /* CURL_ENV: the environment names a proxy for this URL */
} PpProxySpec;

GType        pp_proxy_spec_get_type    (void) G_GNUC_CONST;
GQuark       pp_proxy_spec_error_quark (void);
PpProxySpec *pp_proxy_spec_new_direct  (void);
PpProxySpec *pp_proxy_spec_new_curl_env (const char   *display,
                                        gboolean      via_proxy);
PpProxySpec *pp_proxy_spec_parse       (const char   *text,
                                        gboolean      require_port,
                                        GError      **error);
PpProxySpec *pp_proxy_spec_ref         (PpProxySpec  *self);
void         pp_proxy_spec_unref       (PpProxySpec  *self);
gboolean     pp_proxy_spec_is_placeholder (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpProxySpec, pp_proxy_spec_unref)

G_END_DECLS
