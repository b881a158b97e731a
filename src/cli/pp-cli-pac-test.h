/* pp-cli-pac-test.h: "proxyprobe-cli pac-test", a PAC script's answer per URL
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int pp_cli_pac_test (int    argc,
                     char **argv);

G_END_DECLS
