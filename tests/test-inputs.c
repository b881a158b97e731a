/* test-inputs.c: untrusted files and values are refused, never crash or hang
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with G_DEBUG=fatal-criticals: a critical from json-glib about a
 * member that is not there fails the test as it would have failed a run.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pp-file.h"
#include "pp-json.h"
#include "pp-named-proxy.h"
#include "pp-profile.h"
#include "pp-profile-urls.h"
#include "pp-proxy-spec.h"

/* Before the fix, a FIFO without a writer blocked the reader forever:
 * the alarm turns that into a failure rather than a test timeout. */
#define HANG_SECONDS 20

typedef struct
{
  char *dir;
  char *fifo;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("pp-inputs-XXXXXX", NULL);
  fixture->fifo = g_build_filename (fixture->dir, "fifo", NULL);
  g_assert_cmpint (mkfifo (fixture->fifo, 0600), ==, 0);
  alarm (HANG_SECONDS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  alarm (0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->fifo);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* "[[[…]]]" @depth deep, or with objects: {"a":{"a":…1…}}. */
static char *
nested (guint    depth,
        gboolean objects)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, objects ? "{\"a\":" : "[");
  g_string_append (json, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, objects ? '}' : ']');

  return g_string_free (json, FALSE);
}

/* One rule for every file: only a regular file is read. */
static void
test_file_not_regular (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sparse = g_build_filename (fixture->dir, "sparse", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *contents;

  contents = pp_file_read_bounded (fixture->fifo, 1000, NULL, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpstr (error->message, ==, "it is a device, pipe or socket, not a file");
  g_clear_error (&error);

  contents = pp_file_read_bounded ("/dev/zero", 1000, NULL, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* A large regular file is refused by its size, before it is read. */
  g_assert_true (g_file_set_contents (sparse, "", 0, NULL));
  g_assert_cmpint (truncate (sparse, 1024 * 1024 * 1024), ==, 0);
  contents = pp_file_read_bounded (sparse, 1000, NULL, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (pp_file_load_key_file (key_file, fixture->fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
}

static void
test_profile_not_regular (Fixture       *fixture,
                          gconstpointer  data)
{
  PpProfileOptions options = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpProfile) urls = NULL;

  profile = pp_profile_load (fixture->fifo, &options, &error);
  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, fixture->fifo));
  g_assert_nonnull (strstr (error->message, "device, pipe or socket"));
  g_clear_error (&error);

  urls = pp_profile_load_url_list (fixture->fifo, &error);
  g_assert_null (urls);
  g_assert_nonnull (strstr (error->message, "device, pipe or socket"));
}

static void
assert_depth_refused (const char *json,
                      guint       max_depth)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pp_json_check_depth (json, -1, max_depth, &error));
  g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP);
}

/* The nesting limit holds for arrays and objects, and brackets in strings
 * do not count. */
static void
test_json_depth (void)
{
  g_autofree char *deep = nested (100000, FALSE);
  g_autofree char *deep_objects = nested (100000, TRUE);
  g_autofree char *at_limit = nested (PP_JSON_MAX_DEPTH, FALSE);
  g_autofree char *over_limit = nested (PP_JSON_MAX_DEPTH + 1, TRUE);
  g_autofree char *in_string = g_strconcat ("[\"", deep, "\"]", NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) string_parser = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (pp_json_parse (deep, -1, &error));
  g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "line 1: "));
  g_clear_error (&error);
  g_assert_null (pp_json_parse (deep_objects, -1, &error));
  g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_null (pp_json_parse (over_limit, -1, &error));
  g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  parser = pp_json_parse (at_limit, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  string_parser = pp_json_parse (in_string, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (string_parser);

  /* The line is the one where the limit was passed. */
  assert_depth_refused ("{\n\"a\":\n[[\n[", 2);
  g_assert_false (pp_json_check_depth ("{\n\"a\":\n[[\n[", -1, 2, &error));
  g_assert_true (g_str_has_prefix (error->message, "line 3: "));
}

/* json-glib 1.6 also reads 'strings' and /comments/; a quote or escape
 * that the scan reads differently from json-glib would hide nesting from
 * it. Each of these is refused by the scan, or fails in json-glib before
 * the nesting: none may crash. */
static void
test_json_depth_hidden (void)
{
  static const char * const prefixes[] = {
    "[ / \" / ",            /* a quote in a comment */
    "[ '\"', ",             /* a quote in a single-quoted string */
    "[ \"\\\"\", ",         /* an escaped quote */
    "[ \"\\\\\", ",         /* an escaped backslash, then the closing quote */
    "[ \"\\u12\" ] \" ",    /* json-glib's \u takes the quote: refused */
    "[ \"\\ud800\" ] \" ",  /* half a surrogate pair takes the quote: refused */
    "[ \"\\udc00x\" ] \" ",
    "[ 0x\" ",
    "[ .\" ",
  };
  g_autofree char *deep = nested (100000, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *json = g_strconcat (prefixes[i], deep, NULL);
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) error = NULL;

      parser = pp_json_parse (json, -1, &error);
      g_assert_null (parser);
      g_assert_nonnull (error);
    }

  /* Well-formed escapes are no reason to refuse anything. */
  g_assert_true (pp_json_check_depth ("[\"\\u00e9\\ud83d\\ude00\\n\"]", -1, 1, NULL));
}

/* GScanner reads "\202" as an octal byte, and json-glib 1.6 hands it on
 * in a string (or a member's name) that is not UTF-8: fuzz-fleet-report
 * found it in a host's FQDN, written as is into fleet.json. Escapes JSON
 * does not have are refused, in values and in names. */
static void
test_json_foreign_escapes (void)
{
  static const char * const refused[] = {
    "{\"fqdn\": \"srv1.example\\2026\"}", "{\"a\\201\": 1}", "[\"\\x41\"]", "[\"\\a\"]",
    "[\"\\'\"]", "[\"\\0\"]",
  };
  static const char * const accepted[] = { "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"]", "['\\2']" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = pp_json_parse (refused[i], -1, &error);

      g_assert_null (parser);
      g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "line 1: a backslash starts an escape JSON "
                                                        "does not have"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(JsonParser) parser = pp_json_parse (accepted[i], -1, NULL);

      g_assert_nonnull (parser);
    }
}

/* json-glib 1.6 leaks the first of two top-level values (LeakSanitizer
 * found "0{}" in the random check below); no file of ours has two. */
static void
test_json_second_value (void)
{
  static const char * const refused[] = { "0{}", "18{}", "\"a\" []", "{}[]", "{} 0", "[]\n{}" };
  static const char * const accepted[] = { " {} ", "/ a comment / {}\n", "[] / after /", "0", "\"[\"" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pp_json_check_depth (refused[i], -1, PP_JSON_MAX_DEPTH, &error));
      g_assert_error (error, PP_JSON_ERROR, PP_JSON_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "a second value"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    g_assert_true (pp_json_check_depth (accepted[i], -1, PP_JSON_MAX_DEPTH, NULL));
}

static guint
node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, node_depth (json_array_get_element (array, i)));
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        deepest = MAX (deepest, node_depth (l->data));
      return deepest + 1;
    }

  return 0;
}

/* A small differential check against json-glib itself: whatever the scan
 * lets through, json-glib never nests deeper. */
/* report.json is read by a quick parser of plain JSON: the same tree as
 * json-glib's, and anything else left to json-glib, with its message. */
static void
test_json_root (void)
{
  static const char plain[] =
    "{\n  \"a b\" : [ 1 ,\t\"x \\\"  y\\\\\", -0.5e1, 123456789012345678, [], {} ],\r\n"
    "  \"c\":\n    true ,\"d\" : \" \\u00e9\\n\\/ \", \"e\": null, \"f\": false, \"g\": 0 }\n";
  static const char * const others[] = {
    "[1 2]", "[\n  1\n  2\n]", "{\n  \"a\": [1,,2]\n}", "{\"a\" : tru e}", "[\"open\n]",
    "[1, /* note */ 2]", "['x  y']", "  ", "", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2}",
    "[\"\\ud83d\\ude00\"]", "[\"\\u0000\"]", "[01]", "[1.]", "[.5]", "[+1]", "[1e]",
    "[12345678901234567890]", "[\"tab\there\"]", "[\"\\x\"]", "{\"\":1}", "[nul]", "[] []",
    "[\"\xff\"]", "{\"a\" 1}", "{1:2}",
  };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) reference = pp_json_parse (plain, -1, &error);

  g_assert_no_error (error);
  node = pp_json_parse_root (plain, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, json_parser_get_root (reference)));
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (json_object_get_array_member (
    json_node_get_object (node), "a b"), 2)), ==, G_TYPE_DOUBLE);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) parser_error = NULL;
      g_autoptr(GError) root_error = NULL;
      JsonNode *expected;

      parser = pp_json_parse (others[i], -1, &parser_error);
      expected = parser ? json_parser_get_root (parser) : NULL;
      root = pp_json_parse_root (others[i], -1, &root_error);
      if (expected != NULL)
        g_assert_true (root != NULL && json_node_equal (root, expected));
      else
        g_assert_null (root);
      if (parser_error != NULL)
        g_assert_cmpstr (parser_error->message, ==, root_error->message);
    }

  /* The nesting bound holds on the quick path too. */
  for (guint depth = PP_JSON_MAX_DEPTH; depth <= PP_JSON_MAX_DEPTH + 1; depth++)
    {
      g_autofree char *open = g_strnfill (depth, '[');
      g_autofree char *close = g_strnfill (depth, ']');
      g_autofree char *deep = g_strconcat (open, close, NULL);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) deep_error = NULL;

      root = pp_json_parse_root (deep, -1, &deep_error);
      if (depth == PP_JSON_MAX_DEPTH)
        g_assert_nonnull (root);
      else
        g_assert_error (deep_error, PP_JSON_ERROR, PP_JSON_ERROR_TOO_DEEP);
    }
}

static void
test_json_depth_random (void)
{
  static const char alphabet[] = "[[]]{}{}\"'/\\u0d8a:,1 \n";
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < 200000; round++)
    {
      char text[24];
      guint length = g_rand_int_range (rand, 1, sizeof text);
      g_autoptr(JsonParser) parser = json_parser_new ();

      for (guint i = 0; i < length; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      if (!pp_json_check_depth (text, length, 2, NULL) ||
          !json_parser_load_from_data (parser, text, length, NULL) ||
          json_parser_get_root (parser) == NULL)
        continue;
      if (node_depth (json_parser_get_root (parser)) > 2)
        g_error ("'%.*s' nests deeper than the scan counted", (int) length, text);
    }
}

static void
read_named (const char   *path,
            PpNamedProxy *named)
{
  memset (named, 0, sizeof *named);
  pp_named_proxy_read_managed (path, named);
}

/* The agent's file: each shape is either "no proxy set" or a problem that
 * names the file and the key; never a critical, a crash or a hang. */
static void
test_named_proxy_shapes (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct {
    const char *json;
    const char *problem;   /* NULL: no proxy set, and no problem */
  } cases[] = {
    { "{\"antivirusEngine\": {\"enforcementLevel\": \"real_time\"}}", NULL },
    { "{\"cloudService\": {\"enabled\": true}}", NULL },
    { "{\"cloudService\": \"http://10.1.1.1:8080\"}", "cloudService is a string, not an object" },
    { "{\"cloudService\": 8080}", "cloudService is a number, not an object" },
    { "{\"cloudService\": [1]}", "cloudService is an array, not an object" },
    { "{\"cloudService\": null}", "cloudService is null, not an object" },
    { "{\"cloudService\": {\"proxy\": {}}}", "cloudService.proxy is" },
    { "[{\"cloudService\": {}}]", "the file holds an array, not an object" },
    { "", "the file holds nothing" },
    { "{\"cloudService\": {\"proxy\": \"http://pro xy:8080\"}}", "contains a space" },
  };
  g_autofree char *deep = nested (100000, TRUE);
  g_autofree char *deep_path = write_file (fixture, "deep.json", deep);
  PpNamedProxy named;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (fixture, "mdatp_managed.json", cases[i].json);

      read_named (path, &named);
      g_assert_null (named.spec);
      if (cases[i].problem == NULL)
        {
          g_assert_null (named.source);
          g_assert_null (named.problem);
        }
      else
        {
          g_assert_nonnull (strstr (named.problem, cases[i].problem));
          g_assert_nonnull (strstr (named.source, path));
        }
      pp_named_proxy_clear (&named);
    }

  read_named (deep_path, &named);
  g_assert_nonnull (strstr (named.problem, deep_path));
  g_assert_nonnull (strstr (named.problem, "nested more than 64 levels"));
  pp_named_proxy_clear (&named);

  read_named (fixture->fifo, &named);
  g_assert_nonnull (strstr (named.problem, "device, pipe or socket"));
  pp_named_proxy_clear (&named);
}

static void
assert_host_refused (const char *value,
                     const char *what,
                     const char *shown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (value, TRUE, &error);

  g_assert_null (spec);
  g_assert_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID);
  if (strstr (error->message, what) == NULL || strstr (error->message, shown) == NULL)
    g_error ("'%s': expected \"%s\" and \"%s\" in: %s", value, what, shown, error->message);
  g_assert_null (strstr (error->message, "Canary"));
  for (const char *p = error->message; *p; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
}

static void
assert_host_accepted (const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProxySpec) spec = pp_proxy_spec_parse (value, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (spec);
}

/* A host that no name or address can be is a typing error, said at once,
 * not a proxy reported unreachable after the probes. */
static void
test_proxy_host (void)
{
  assert_host_refused ("http://pro xy:8080", "contains a space", "'http://pro xy:8080'");
  assert_host_refused ("pro%20xy:8080", "contains a space", "pro%20xy");
  assert_host_refused ("prox\001y:8080", "the control character \\u0001", "'prox\\u0001y:8080'");
  assert_host_refused ("http://alice:Canary@pro\033[31mxy:8080", "the control character \\u001b",
                       "'http://alice:***@pro\\u001b[31mxy:8080'");
  assert_host_refused ("http://alice:Canary@ho st:8080", "a space", "alice:***@ho st");
  assert_host_refused ("http://pro\"xy:8080", "the character '\"'", "pro\"xy");
  assert_host_refused ("http://pro;xy:8080", "the character ';'", "pro;xy");
  assert_host_refused ("http://pro%00xy:8080", "not a proxy", "pro%00xy");

  assert_host_accepted ("proxy.corp.example:8080");
  assert_host_accepted ("proxy_1.corp:3128");
  assert_host_accepted ("http://10.0.0.1:8080");
  assert_host_accepted ("http://[::1]:3128");
  assert_host_accepted ("http://b\xc3\xbc" "cher.example:8080");
  assert_host_accepted ("socks5h://alice:Canary@proxy:1080");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/inputs/file/not-regular", Fixture, NULL,
              fixture_set_up, test_file_not_regular, fixture_tear_down);
  g_test_add ("/inputs/profile/not-regular", Fixture, NULL,
              fixture_set_up, test_profile_not_regular, fixture_tear_down);
  g_test_add_func ("/inputs/json/depth", test_json_depth);
  g_test_add_func ("/inputs/json/depth-hidden", test_json_depth_hidden);
  g_test_add_func ("/inputs/json/second-value", test_json_second_value);
  g_test_add_func ("/inputs/json/foreign-escapes", test_json_foreign_escapes);
  g_test_add_func ("/inputs/json/depth-random", test_json_depth_random);
  g_test_add_func ("/inputs/json/root", test_json_root);
  g_test_add ("/inputs/named-proxy/shapes", Fixture, NULL,
              fixture_set_up, test_named_proxy_shapes, fixture_tear_down);
  g_test_add_func ("/inputs/proxy-spec/host", test_proxy_host);

  return g_test_run ();
}
