/* pp-format.h: numbers and URLs, the way the window shows them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pp-method.h"

G_BEGIN_DECLS

char *pp_format_host     (const char *url);
char *pp_format_duration (gint64      microseconds);
GStrv pp_format_distinct_names (const char * const *urls);
char *pp_format_method_title   (PpMethod            method);
char *pp_format_method_label   (PpMethod            method);

G_END_DECLS
