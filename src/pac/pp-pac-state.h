/* pp-pac-state.h: what the helper remembers while one request runs
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A script may not make the machine hammer its resolver: each request gets
 * this many lookups and this much time for all of them together. */
#define PP_PAC_DNS_MAX_LOOKUPS 32
#define PP_PAC_DNS_BUDGET_US   (1500 * G_TIME_SPAN_MILLISECOND)
#define PP_PAC_MAX_ALERTS      64
#define PP_PAC_MAX_ALERT_LEN   1024

typedef struct
{
  char *name;
  char *answer;   /* "1.2.3.4;::1", or why there is none */
  double ms;
} PpPacDnsEntry;

typedef struct
{
  gint64 deadline;          /* monotonic µs: the script is stopped after it */
  gsize heap_used;          /* bytes handed to the JavaScript heap */
  GPtrArray *alerts;        /* char *, from alert() */
  GPtrArray *dns;           /* PpPacDnsEntry *, every lookup made */
  GHashTable *dns_cache;    /* name → char ** addresses (NULL: failed) */
  guint dns_skipped;        /* lookups refused by the budget */
  gint64 dns_spent;         /* µs spent in lookups */
} PpPacState;

void pp_pac_state_init  (PpPacState *state);
void pp_pac_state_reset (PpPacState *state);
void pp_pac_state_clear (PpPacState *state);

G_END_DECLS
