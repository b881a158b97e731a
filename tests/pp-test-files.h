/* pp-test-files.h: a test's temporary files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

void  remove_tree           (const char *path);
char *install_agent_standin (const char *dir,
                             const char *health_command,
                             const char *connectivity_command);
