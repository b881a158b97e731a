/* pp-wpad.h: WPAD discovery (DHCP URLs, DNS devolution) and PAC fetching
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here blocks: call it from a worker thread. Each step of a
 * discovery is logged so a technician can see what was tried, in which
 * order, what it answered and how long it took.
 */
#pragma once

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

typedef enum
{
  PP_WPAD_STEP_DHCP,   /* a DHCP-provided URL was checked */
  PP_WPAD_STEP_DNS,    /* a wpad name was looked up */
  PP_WPAD_STEP_FETCH,  /* a PAC URL was fetched */
} PpWpadStepKind;

typedef struct
{
  PpWpadStepKind kind;
  gboolean ok;
  char *tried;         /* the URL or the absolute name */
  char *answer;        /* addresses, "did not resolve", the reason of a refusal */
  gint64 elapsed_ms;
} PpWpadStep;

#define PP_TYPE_WPAD_RESULT (pp_wpad_result_get_type ())

typedef struct
{
  char *pac_url;       /* NULL if nothing was found */
  char *provenance;    /* "DHCP: <source>" or "DNS: wpad.example.test." */
  char *script;
  GPtrArray *warnings; /* of char *: things a client may trip on */
  GPtrArray *log;      /* of PpWpadStep *, in order */
} PpWpadResult;

GQuark        pp_wpad_error_quark      (void);
GType         pp_wpad_result_get_type  (void) G_GNUC_CONST;
PpWpadResult *pp_wpad_result_ref       (PpWpadResult         *self);
void          pp_wpad_result_unref     (PpWpadResult         *self);

gboolean      pp_wpad_discover         (const PpWpadOptions  *options,
                                        PpWpadResult        **result,
                                        GError              **error);
gboolean      pp_wpad_fetch_pac        (const char           *url,
                                        const PpWpadOptions  *options,
                                        char                **script,
                                        GPtrArray           **warnings,
                                        GError              **error);
gboolean      pp_wpad_load_pac_file    (const char           *path,
                                        char                **script,
                                        GError              **error);
char        **pp_wpad_read_search_domains (const char        *sysroot);
GStrv         pp_wpad_devolve          (const char           *domain,
                                        GError              **error);
char         *pp_wpad_format_log       (GPtrArray            *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpWpadResult, pp_wpad_result_unref)

G_END_DECLS
