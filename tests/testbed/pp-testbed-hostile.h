/* pp-testbed-hostile.h: a misbehaving server and proxy on 127.0.0.1
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One raw TCP listener (no HTTP library: it must be able to say what no
 * library would) that plays an origin server and a proxy at once. Which
 * misbehaviour it shows is named by the request:
 *   origin:   GET /CASE/...              (a direct request)
 *   proxy:    GET http://CASE.test/...   (a plain-http request to a proxy)
 *   tunnel:   CONNECT CASE.test:PORT     (then requests inside the tunnel)
 * A TLS ClientHello instead of a request is never answered (silent TLS).
 * The cases are listed in pp-testbed-hostile.c; "slow" answers 200 after
 * 300 ms, any other name at once. Every connection has a
 * thread of its own, so slow cases do not hold up fast ones.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts the peer for the rest of the process; returns its port. */
guint16 pp_testbed_hostile_start (void);

G_END_DECLS
