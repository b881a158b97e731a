/* fuzz-json-strict.c: the fast reader of plain JSON (pp-json-strict.c),
 * which reads every received report.json (show, merge, the window's Open),
 * checked against json-glib on the same bytes
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast reader may refuse what it does not call plain (json-glib then
 * decides), but what it accepts must be exactly what json-glib reads: the
 * same tree, or the report means something else in `show` than in a
 * fuzzer-less review of it.
 */
#include "pp-fuzz.h"

#include "pp-json.h"
#include "pp-json-strict.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) strict = pp_json_strict_parse ((const char *) data, size, PP_JSON_MAX_DEPTH);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strict == NULL)
    return 0;

  parser = pp_json_parse ((const char *) data, size, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (strict, json_parser_get_root (parser)));

  /* The entry point report readers use gives the same tree. */
  root = pp_json_parse_root ((const char *) data, size, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (strict, root));

  return 0;
}
