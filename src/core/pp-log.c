/* pp-log.c: tracing a decision for G_MESSAGES_DEBUG, credentials removed
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-log.h"

#include "pp-redact.h"

/* The default writer's own rule (G_MESSAGES_DEBUG, g_log_set_debug_enabled),
 * which the programs' redacting writer follows as well. */
gboolean
pp_debug_enabled (const char *domain)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, domain);
}

void
pp_debug_redacted (const char *domain,
                   const char *file,
                   const char *line,
                   const char *func,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  shown = pp_redact (message);

  g_log_structured_standard (domain, G_LOG_LEVEL_DEBUG, file, line, func, "%s", shown);
}
