/* pp-fleet.h: many hosts' reports merged into one answer
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Which of our 800 servers cannot reach the service, and why?" A PpFleet
 * holds one small summary per host (never a host's whole run: a fleet of
 * thousands stays in a few MiB), the inputs it could not use with the
 * reason, and what the hosts add up to: hosts by verdict, root causes
 * across hosts, hosts grouped by proxy configuration and by network.
 *
 *   pp-fleet.c        the hosts, duplicates, groups and causes
 *   pp-fleet-answer.c the answer: a headline, what to change, the allow-list
 *   pp-fleet-read.c   reading the inputs (zips, report.json, folders)
 *   pp-fleet-html.c   fleet.html
 *   pp-fleet-json.c   fleet.json (proxyprobe-fleet/1) and fleet.csv
 *   pp-fleet-write.c  the fleet zip
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pp-diagnosis.h"
#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_FLEET_SCHEMA "proxyprobe-fleet/1"

/* Why an input is not in the fleet. */
typedef enum
{
  PP_FLEET_SKIP_UNREADABLE,   /* cannot be opened or read */
  PP_FLEET_SKIP_DAMAGED,      /* a damaged zip or report.json */
  PP_FLEET_SKIP_FOREIGN,      /* not a Proxy Probe report */
  PP_FLEET_SKIP_UNSAFE,       /* a zip bomb, unsafe names */
  PP_FLEET_SKIP_SCHEMA,       /* a report of another schema version */
  PP_FLEET_SKIP_DUPLICATE,    /* the same host's older report */
} PpFleetSkipKind;

typedef struct
{
  char *source;               /* the input's path */
  PpFleetSkipKind kind;
  char *reason;
} PpFleetSkip;

/* One root cause on one host: what failed, where, for how many endpoints. */
typedef struct
{
  char *key;                  /* the same cause on every host has the same key */
  char *text;                 /* "Proxy http://10.0.0.5:3128 blocks (403 ERR_ACCESS_DENIED)" */
  char *ask;                  /* what to change, whom to ask; NULL when it is not a fix here */
  guint n_endpoints;
} PpFleetCause;

/* What the host's agent does on its own path (its report's verdict). */
typedef enum
{
  PP_FLEET_AGENT_NONE,        /* the profile names no agent, or its path was not probed */
  PP_FLEET_AGENT_REACHES_ALL, /* the agent reaches every endpoint on its path */
  PP_FLEET_AGENT_FAILS,       /* it does not (its report's verdict is red) */
  PP_FLEET_AGENT_INCOMPLETE,  /* the run was stopped before its path was all probed */
  PP_FLEET_N_AGENT_KINDS
} PpFleetAgentKind;

typedef struct
{
  char *key;                  /* machine id, else FQDN or host name, else run id */
  char *name;                 /* shown */
  PpHost *host;               /* NULL: the report names none (older reports) */
  char *run_id;
  GDateTime *started;
  char *profile;
  char *geography;
  PpVerdictKind verdict;      /* by any method: the analyzer's rule */
  PpFleetAgentKind agent;
  PpSeverity severity;        /* its report's colour (pp_diagnosis_severity()) */
  char *agent_headline;       /* the report's answer, one sentence; NULL without an agent */
  guint n_endpoints;
  guint n_reachable;
  char *proxy_configuration;  /* the proxies it was set up with, one line */
  char *network;              /* "eth0 192.0.2.0/24", or why unknown */
  GPtrArray *causes;          /* of PpFleetCause */
  GStrv allow_list;           /* its report's allow-list: hosts, then wildcard domains */
  GArray *cells;              /* guint16 per fleet endpoint: see pp_fleet_cell_*() */
  char *source;               /* the input's path */
  char *report_member;        /* "hosts/NAME/report.html" (or .json) in the fleet zip */
  GPtrArray *files;           /* member name, local file: what goes into the zip */
} PpFleetHost;

typedef struct _PpFleet PpFleet;

/* A cell: the endpoint's outcome on the host; PP_FLEET_CELL_ABSENT when
 * the host's profile does not have it. */
#define PP_FLEET_CELL_ABSENT   0xffff
#define PP_FLEET_CELL_OK       0xfffe

PpFleet       *pp_fleet_new                (void);
void           pp_fleet_free               (PpFleet       *self);

/* The host's summary from a report's run and its configuration object
 * ("configuration" of report.json, or NULL). */
PpFleetHost   *pp_fleet_host_new           (PpFleet       *self,
                                            PpRunResults  *results,
                                            JsonObject    *configuration,
                                            const char    *source);
void           pp_fleet_host_free          (PpFleetHost   *host);
/* Takes @host. A second report of the same host keeps the newer one;
 * the other is listed as a duplicate and its files deleted. */
void           pp_fleet_add_host           (PpFleet       *self,
                                            PpFleetHost   *host);
void           pp_fleet_add_skip           (PpFleet       *self,
                                            const char    *source,
                                            PpFleetSkipKind kind,
                                            const char    *reason);

/* Every host, sorted by verdict (worst first) then name. */
GPtrArray     *pp_fleet_get_hosts          (PpFleet       *self);
GPtrArray     *pp_fleet_get_skipped        (PpFleet       *self);
/* The endpoints of every host's profile, first seen first: url, service. */
guint          pp_fleet_get_n_endpoints    (PpFleet       *self);
const char    *pp_fleet_get_endpoint_url   (PpFleet       *self,
                                            guint          index);
const char    *pp_fleet_get_endpoint_service (PpFleet     *self,
                                            guint          index);

/* A cause across hosts: its text, how many hosts, how many endpoints
 * (the most on one host), and the hosts. */
typedef struct
{
  const char *key;
  const char *text;
  guint n_endpoints;
  GPtrArray *hosts;           /* of PpFleetHost, not owned */
} PpFleetCauseSum;

/* Sorted by hosts, then endpoints, most first. Free with g_ptr_array_unref. */
GPtrArray     *pp_fleet_sum_causes         (PpFleet       *self);

/* Hosts grouped by a string of theirs (proxy configuration, network):
 * a list of PpFleetGroup, largest first. */
typedef struct
{
  const char *value;
  GPtrArray *hosts;           /* of PpFleetHost, not owned */
} PpFleetGroup;

GPtrArray     *pp_fleet_group_by_proxy     (PpFleet       *self);
GPtrArray     *pp_fleet_group_by_network   (PpFleet       *self);

const char    *pp_fleet_verdict_id         (PpVerdictKind  kind);
const char    *pp_fleet_verdict_label      (PpVerdictKind  kind);
const char    *pp_fleet_agent_id           (PpFleetAgentKind kind);
const char    *pp_fleet_agent_label        (PpFleetAgentKind kind);
/* "ok", an outcome id, or "absent". */
const char    *pp_fleet_cell_id            (guint16        cell);

/* The root causes of one host: its report's diagnosis, keyed and worded
 * without counts so that the same cause adds up across hosts. */
GPtrArray     *pp_fleet_host_causes        (const PpDiagnosis *diagnosis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpFleet, pp_fleet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpFleetHost, pp_fleet_host_free)

G_END_DECLS
