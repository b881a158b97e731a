/* pp-host.h: which machine a report comes from
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fleet's reports are merged into one answer: each must say which host
 * it came from, and the same host must be recognised again in a later
 * run (a merge keeps its newest report). The machine identifier is a
 * keyed hash of /etc/machine-id, as systemd's app-specific ids are: the
 * raw id is a secret of the machine (machine-id(5)) and never leaves it.
 *
 * Every fact is read without the network: the FQDN comes from the host
 * name or /etc/hosts, never from a DNS look-up that could stall a run on
 * the very machine whose DNS is broken.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *host_name;          /* NULL when anonymized */
  char *fqdn;               /* NULL when unknown or anonymized */
  char *machine_id;         /* 32 hex digits, the keyed hash; NULL without a machine-id */
  char *os_id;              /* os-release ID, e.g. "debian" */
  char *os_version;         /* os-release VERSION_ID, e.g. "12" */
  char *os_name;            /* os-release PRETTY_NAME */
  char *default_interface;  /* the default route's interface, NULL without one */
  char **addresses;         /* the primary addresses (never NULL; empty when anonymized) */
  gboolean anonymized;
} PpHost;

PpHost   *pp_host_new_for_this_host    (void);
PpHost   *pp_host_copy                 (const PpHost  *host);
/* A copy without what names or locates the machine: host name, FQDN and
 * addresses go; the machine id (already a hash) stays, so that a fleet
 * can still tell its hosts apart; the OS and interface name stay. */
PpHost   *pp_host_copy_anonymized      (const PpHost  *host);
void      pp_host_free                 (PpHost        *host);

/* The keyed hash of a machine-id's text (32 hex digits, as machine-id(5)
 * has them); NULL when the text is not one. */
char     *pp_host_hash_machine_id      (const char    *machine_id);
/* The default route's interface from /proc/net/route's text. */
char     *pp_host_parse_default_route  (const char    *proc_net_route);
/* The FQDN /etc/hosts gives @host_name: the first name with a dot on a
 * line that names the host. */
char     *pp_host_fqdn_from_hosts      (const char    *etc_hosts,
                                        const char    *host_name);

/* The name to show and key a fleet by: the FQDN, the host name, or
 * "anonymized host <machine id>". */
char     *pp_host_get_display_name     (const PpHost  *host);
/* "Host: ...\nFQDN: ...\n" lines for the text report's header. */
char     *pp_host_format_text          (const PpHost  *host);
/* Adds one object value: the caller has set the member name. */
void      pp_host_add_json             (const PpHost  *host,
                                        JsonBuilder   *builder);
/* The inverse, from a received report; NULL when there is no object. */
PpHost   *pp_host_new_from_json        (JsonObject    *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpHost, pp_host_free)

G_END_DECLS
