/* fuzz-report-zip.c: a received report zip, as `proxyprobe-cli show` reads
 * it (every entry checked: names, kinds, sizes, ratios, CRCs; then the text
 * report, in pieces)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fuzz.h"

#include "pp-report.h"
#include "pp-report-read.h"

/* Every piece show would print is whole, valid UTF-8 without controls. */
static void
check_piece_cb (const char *text,
                gpointer    user_data)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (!g_unichar_iscntrl (c) || c == '\n' || c == '\t');
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) zip = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  gboolean shown = pp_report_show_text_bytes (zip, "fuzz.zip", check_piece_cb, NULL, &error);

  g_assert (shown == (error == NULL));

  return 0;
}
