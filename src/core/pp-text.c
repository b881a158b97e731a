/* pp-text.c: checks on text read from files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-text.h"

/* Returns whether @length bytes of @data are UTF-8; if not, @bad_line
 * gets the line (from 1) of the first byte that is not, so that the
 * message can point at it. */
gboolean
pp_text_check_utf8 (const char *data,
                    gsize       length,
                    guint      *bad_line)
{
  const char *end;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    line += (*p == '\n');
  g_debug ("not UTF-8 from line %u", line);
  if (bad_line != NULL)
    *bad_line = line;

  return FALSE;
}
