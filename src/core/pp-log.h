/* pp-log.h: tracing a decision for G_MESSAGES_DEBUG, credentials removed
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pp_debug() is g_debug() for lines that quote URLs, proxy values or
 * anything read from the machine: the whole line goes through pp_redact()
 * before it reaches the log writer, so a trace cannot leak a password even
 * where no sink redacts. Its arguments are evaluated only when the file's
 * G_LOG_DOMAIN is enabled, so a trace costs one check when debug is off.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define pp_debug(...)                                                       \
  G_STMT_START {                                                            \
    if (pp_debug_enabled (G_LOG_DOMAIN))                                    \
      pp_debug_redacted (G_LOG_DOMAIN, __FILE__, G_STRINGIFY (__LINE__),    \
                         G_STRFUNC, __VA_ARGS__);                           \
  } G_STMT_END

gboolean pp_debug_enabled  (const char *domain);
void     pp_debug_redacted (const char *domain,
                            const char *file,
                            const char *line,
                            const char *func,
                            const char *format,
                            ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
