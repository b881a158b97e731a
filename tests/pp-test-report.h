/* pp-test-report.h: shared by the tests of the zip report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

GHashTable *unpack           (const char *path);
void        assert_nowhere   (GHashTable *files,
                              const char *secret);
void        write_mdatp_file (const char *sysroot,
                              const char *proxy);
