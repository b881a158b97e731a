/* pp-wpad.h: WPAD discovery (DHCP URLs, DNS devolution); fetching is pp-wpad-fetch.h
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

#include "pp-wpad-fetch.h"

G_BEGIN_DECLS

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

GType         pp_wpad_result_get_type  (void) G_GNUC_CONST;
PpWpadResult *pp_wpad_result_ref       (PpWpadResult         *self);
void          pp_wpad_result_unref     (PpWpadResult         *self);

gboolean      pp_wpad_discover         (const PpWpadOptions  *options,
                                        PpWpadResult        **result,
                                        GError              **error);
char        **pp_wpad_read_search_domains (const char        *sysroot);
GStrv         pp_wpad_devolve          (const char           *domain,
                                        GError              **error);
char         *pp_wpad_format_log       (GPtrArray            *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpWpadResult, pp_wpad_result_unref)

G_END_DECLS
