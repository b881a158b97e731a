/* pp-wpad-fetch.h: fetching and loading PAC scripts, WPAD's last step
 *
 * The WPAD error domain and options are declared here, in the lowest
 * file that uses them; pp-wpad.h (discovery) builds on this header.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define PP_WPAD_ERROR (pp_wpad_error_quark ())

typedef enum
{
  PP_WPAD_ERROR_NOT_FOUND,    /* no DHCP URL worked and no wpad name resolved */
  PP_WPAD_ERROR_BAD_URL,      /* not an http or https URL */
  PP_WPAD_ERROR_FETCH,        /* connection, TLS or protocol failure */
  PP_WPAD_ERROR_TIMEOUT,
  PP_WPAD_ERROR_HTTP_STATUS,  /* anything but 200 */
  PP_WPAD_ERROR_REDIRECT,     /* too many, or to a scheme other than http(s) */
  PP_WPAD_ERROR_TOO_LARGE,    /* more than PP_WPAD_MAX_PAC_SIZE bytes */
  PP_WPAD_ERROR_NOT_PAC,      /* binary, or no FindProxyForURL */
  PP_WPAD_ERROR_NO_PSL,       /* no public suffix list: devolution is unsafe */
  PP_WPAD_ERROR_NOT_A_FILE,   /* a PAC file that is a directory, device or pipe */
} PpWpadError;

#define PP_WPAD_MAX_PAC_SIZE (1024 * 1024)

typedef struct
{
  const char *url;     /* as the DHCP client reported it */
  gssize      length;  /* of url in bytes, or -1 if NUL-terminated */
  const char *source;  /* provenance, e.g. "NetworkManager, eth0, option 252" */
} PpWpadDhcpUrl;

typedef struct
{
  const PpWpadDhcpUrl *dhcp_urls;
  guint n_dhcp_urls;
  const char * const *search_domains;  /* NULL: <sysroot>/etc/resolv.conf */
  const char *sysroot;                 /* NULL is "/" */
  guint connect_timeout_ms;            /* 0: 5 s */
  guint total_timeout_ms;              /* 0: 30 s, for the whole discovery */
  guint16 wpad_port;                   /* 0: 80; tests serve wpad.dat elsewhere */
  GCancellable *cancellable;
} PpWpadOptions;

GQuark   pp_wpad_error_quark           (void);
gboolean pp_wpad_fetch_pac             (const char           *url,
                                        const PpWpadOptions  *options,
                                        char                **script,
                                        GPtrArray           **warnings,
                                        GError              **error);
gboolean pp_wpad_load_pac_file         (const char           *path,
                                        char                **script,
                                        GError              **error);
gint64   pp_wpad_deadline_from_options (const PpWpadOptions  *options);
gint64   pp_wpad_remaining_ms          (gint64                deadline);
gboolean pp_wpad_check_url             (const char           *url,
                                        GError              **error);
gboolean pp_wpad_fetch_until           (const char           *url,
                                        const PpWpadOptions  *options,
                                        gint64                deadline,
                                        struct curl_slist    *resolve,
                                        char                **script,
                                        GPtrArray            *warnings,
                                        GError              **error);

G_END_DECLS
