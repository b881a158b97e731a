/* fuzz-report-zip.c: a received report zip, as `proxyprobe-cli show` reads
 * it (every entry checked: names, sizes, ratios; then the text report)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-fuzz.h"

#include "pp-report.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pp_report_read_text (pp_fuzz_file_path (data, size), &error);

  g_assert ((text == NULL) != (error == NULL));
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));

  return 0;
}
