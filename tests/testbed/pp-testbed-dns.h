/* pp-testbed-dns.h: a tiny authoritative DNS server on loopback
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the test's own network namespace it is the resolver of squid
 * (dns_nameservers 127.0.0.1): names it knows get an A record, every other
 * name a fast NXDOMAIN, so "name not resolved" through a proxy takes
 * milliseconds instead of squid's DNS timeout; names made silent get no
 * reply at all, like a dead DNS server. It logs every query, for
 * tests that check which names were (and were not) looked up.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PpTestbedDns PpTestbedDns;

PpTestbedDns *pp_testbed_dns_start       (const char    *address,
                                          guint16        port,
                                          GError       **error);
void          pp_testbed_dns_stop        (PpTestbedDns  *self);
void          pp_testbed_dns_add_a       (PpTestbedDns  *self,
                                          const char    *name,
                                          const char    *ipv4);
void          pp_testbed_dns_add_silent  (PpTestbedDns  *self,
                                          const char    *name);
GStrv         pp_testbed_dns_get_queries (PpTestbedDns  *self);
guint16       pp_testbed_dns_get_port    (PpTestbedDns  *self);

G_END_DECLS
