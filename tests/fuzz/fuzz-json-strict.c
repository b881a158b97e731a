/* fuzz-json-strict.c: the fast reader of plain JSON (pp-json-strict.c),
 * which reads every received report.json (show, merge, the window's Open)
 * into a PpJsonDoc, checked against json-glib on the same bytes; and the
 * document made of json-glib's tree for what is not plain
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
#include "pp-json-doc.h"
#include "pp-json-strict.h"

/* Every member of every object of @doc is found by its name, whatever
 * was looked up before (look-ups start after the last one found). */
static void
assert_members_found (PpJsonDoc *doc,
                      PpJsonRef  ref)
{
  PpJsonType type = pp_json_doc_type (doc, ref);

  if (type != PP_JSON_OBJECT && type != PP_JSON_ARRAY)
    return;
  for (PpJsonRef r = pp_json_doc_first (doc, ref); r != 0; r = pp_json_doc_next (doc, r))
    {
      if (type == PP_JSON_OBJECT)
        g_assert_cmpuint (pp_json_doc_member (doc, ref, pp_json_doc_name (doc, r)), ==, r);
      assert_members_found (doc, r);
    }
}

/* Whatever json-glib reads, the document of it holds the same tree, and
 * so does the document report readers get (pp_json_parse_doc()). */
static void
check_doc (const uint8_t *data,
           size_t         size)
{
  g_autoptr(JsonParser) parser = pp_json_parse ((const char *) data, size, NULL);
  JsonNode *root = parser ? json_parser_get_root (parser) : NULL;
  g_autoptr(PpJsonDoc) converted = root ? pp_json_doc_new_from_node (root) : NULL;
  g_autoptr(PpJsonDoc) read = root ? pp_json_parse_doc ((const char *) data, size, NULL) : NULL;
  g_autoptr(JsonNode) converted_back = NULL;
  g_autoptr(JsonNode) read_back = NULL;

  if (root == NULL)
    return;
  converted_back = pp_json_doc_to_node (converted, pp_json_doc_root (converted));
  read_back = pp_json_doc_to_node (read, pp_json_doc_root (read));
  g_assert_true (json_node_equal (converted_back, root));
  g_assert_true (json_node_equal (read_back, root));
  assert_members_found (read, pp_json_doc_root (read));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) strict = pp_json_strict_parse ((const char *) data, size, PP_JSON_MAX_DEPTH);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  check_doc (data, size);
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
