/* pp-test-zip.h: a zip's entries, read with libzip directly
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

GHashTable *unpack (const char *path);
