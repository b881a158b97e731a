/* pp-controls.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-controls.h"

#include <string.h>

/**
 * pp_controls_is_control:
 *
 * Terminal controls (C0 but tab and newline, DEL, C1), and the marks and
 * overrides that make a terminal show text in another order than it is
 * written ("moc.elpmaxe" looking like a host it is not). With
 * %PP_CONTROLS_ONE_LINE, newline and tab too.
 */
gboolean
pp_controls_is_control (gunichar        c,
                        PpControlsFlags flags)
{
  if (c == '\n' || c == '\t')
    return (flags & PP_CONTROLS_ONE_LINE) != 0;

  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static void
append_control (GString            *out,
                gunichar            c,
                PpControlsNotation  notation)
{
  if (notation == PP_CONTROLS_REPLACE)
    g_string_append_unichar (out, 0xFFFD);
  else if (notation == PP_CONTROLS_C && c == '\n')
    g_string_append (out, "\\n");
  else if (notation == PP_CONTROLS_C && c == '\r')
    g_string_append (out, "\\r");
  else if (notation == PP_CONTROLS_C && c < 0x80)
    g_string_append_printf (out, "\\x%02x", c);
  else
    g_string_append_printf (out, "\\u%04x", c);
}

/* A byte that starts no UTF-8 character: raw bytes show it as it is, text
 * as the replacement character (as g_utf8_make_valid() does, per byte). */
static void
append_invalid (GString            *out,
                guchar              byte,
                PpControlsNotation  notation)
{
  if (notation == PP_CONTROLS_C)
    g_string_append_printf (out, "\\x%02x", byte);
  else
    g_string_append_unichar (out, 0xFFFD);
}

/**
 * pp_controls_append:
 * @data: text or bytes from outside; NULs and bytes that are not UTF-8
 *   included when @length says so
 * @length: the bytes of @data, or -1 when nul-terminated
 * @max_chars: the characters of @data to copy before "…", or G_MAXLONG
 *
 * Appends @data to @out with every control in @notation and every byte
 * that is not UTF-8 replaced: the result is valid UTF-8 without controls.
 */
void
pp_controls_append (GString            *out,
                    const char         *data,
                    gssize              length,
                    PpControlsNotation  notation,
                    PpControlsFlags     flags,
                    glong               max_chars)
{
  const char *end;
  glong n_chars = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL || length == 0);

  end = data + (length < 0 ? strlen (data) : (gsize) length);
  for (const char *p = data; p < end; n_chars++)
    {
      /* U+0000 is a character here, which GLib's validation refuses. */
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);

      if (n_chars == max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          append_invalid (out, *p++, notation);
          continue;
        }
      if (pp_controls_is_control (c, flags))
        append_control (out, c, notation);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      /* U+0000 is one byte, which g_utf8_next_char() would not skip. */
      p = c == 0 ? p + 1 : g_utf8_next_char (p);
    }
}

/**
 * pp_controls_escape:
 *
 * pp_controls_append() into a new string.
 *
 * Returns: (transfer full): valid UTF-8 without controls
 */
char *
pp_controls_escape (const char         *data,
                    gssize              length,
                    PpControlsNotation  notation,
                    PpControlsFlags     flags,
                    glong               max_chars)
{
  GString *out = g_string_sized_new (length < 0 ? (data ? strlen (data) : 0) : (gsize) length);

  pp_controls_append (out, data, length, notation, flags, max_chars);

  return g_string_free (out, FALSE);
}
