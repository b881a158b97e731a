/* test-json-doc.c: PpJsonDoc answers as json-glib's tree does, and a report
 * reads the same from either
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-json.h"
#include "pp-json-doc.h"
#include "pp-json-strict.h"
#include "pp-report-text.h"
#include "pp-run-results-json.h"

/* Every kind of value, and the ones a reader asks the wrong question of
 * (a double of true, of a string; an integer of a double). */
static const char values[] =
  "{\"s\": \"text \\u00e9\", \"i\": -42, \"big\": 123456789012345678, \"d\": 2.5,"
  " \"e\": 1e3, \"t\": true, \"f\": false, \"n\": null, \"a\": [1, \"x\", null],"
  " \"o\": {\"k\": 7}, \"empty\": \"\", \"zero\": 0}";

static void
assert_same_value (PpJsonDoc *doc,
                   PpJsonRef  ref,
                   JsonNode  *node)
{
  JsonNodeType type = JSON_NODE_TYPE (node);
  GType value_type = type == JSON_NODE_VALUE ? json_node_get_value_type (node) : G_TYPE_INVALID;
  gint64 i = -1;

  g_assert_cmpstr (pp_json_doc_string (doc, ref), ==,
                   value_type == G_TYPE_STRING ? json_node_get_string (node) : NULL);
  g_assert_cmpint (pp_json_doc_int (doc, ref, &i), ==, value_type == G_TYPE_INT64);
  if (value_type == G_TYPE_INT64)
    g_assert_cmpint (i, ==, json_node_get_int (node));
  g_assert_cmpint (pp_json_doc_boolean (doc, ref), ==,
                   value_type == G_TYPE_BOOLEAN && json_node_get_boolean (node));
  if (type == JSON_NODE_VALUE)
    g_assert_cmpfloat (pp_json_doc_double (doc, ref), ==, json_node_get_double (node));
  g_assert_cmpint (pp_json_doc_type (doc, ref) == PP_JSON_NULL, ==, type == JSON_NODE_NULL);
  g_assert_cmpint (pp_json_doc_type (doc, ref) == PP_JSON_OBJECT, ==, type == JSON_NODE_OBJECT);
  g_assert_cmpint (pp_json_doc_type (doc, ref) == PP_JSON_ARRAY, ==, type == JSON_NODE_ARRAY);
}

/* The strict reader's document and json-glib's, converted: each member
 * answers every accessor as json-glib's node does. */
static void
test_accessors (void)
{
  g_autoptr(JsonParser) parser = pp_json_parse (values, -1, NULL);
  JsonObject *object = json_node_get_object (json_parser_get_root (parser));
  g_autoptr(PpJsonDoc) strict = pp_json_doc_parse_strict (values, strlen (values), PP_JSON_MAX_DEPTH);
  g_autoptr(PpJsonDoc) converted = pp_json_doc_new_from_node (json_parser_get_root (parser));
  PpJsonDoc *docs[] = { strict, converted };

  g_assert_nonnull (strict);
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      PpJsonRef root = pp_json_doc_root (docs[d]);
      g_autoptr(GList) names = json_object_get_members (object);
      g_autoptr(JsonNode) back = pp_json_doc_to_node (docs[d], root);

      g_assert_true (json_node_equal (back, json_parser_get_root (parser)));
      g_assert_cmpuint (pp_json_doc_length (docs[d], root), ==, json_object_get_size (object));
      for (GList *l = names; l; l = l->next)
        assert_same_value (docs[d], pp_json_doc_member (docs[d], root, l->data),
                           json_object_get_member (object, l->data));
      /* Nothing where json-glib has nothing. */
      g_assert_cmpuint (pp_json_doc_member (docs[d], root, "missing"), ==, 0);
      g_assert_cmpuint (pp_json_doc_member (docs[d], pp_json_doc_member (docs[d], root, "a"), "k"), ==, 0);
      g_assert_cmpuint (pp_json_doc_member (docs[d], 0, "s"), ==, 0);
      g_assert_cmpuint (pp_json_doc_object_member (docs[d], root, "a"), ==, 0);
      g_assert_cmpuint (pp_json_doc_array_member (docs[d], root, "o"), ==, 0);
      g_assert_cmpuint (pp_json_doc_length (docs[d], pp_json_doc_member (docs[d], root, "s")), ==, 0);
      g_assert_null (pp_json_doc_to_node (docs[d], 0));
    }
}

/* Look-ups start where the last one ended: any order finds every member,
 * and a member of one object is never found in another. */
static void
test_member_order (void)
{
  static const char text[] = "{\"a\": 1, \"b\": 2, \"c\": 3, \"in\": {\"a\": 10, \"c\": 30}}";
  static const char * const order[] = { "c", "a", "b", "b", "c", "in", "a", "x", "c" };
  static const gint64 expected[] = { 3, 1, 2, 2, 3, -1, 1, -1, 3 };
  g_autoptr(PpJsonDoc) doc = pp_json_doc_parse_strict (text, strlen (text), PP_JSON_MAX_DEPTH);
  PpJsonRef root = pp_json_doc_root (doc);
  PpJsonRef in = pp_json_doc_object_member (doc, root, "in");

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      gint64 value = -1;

      pp_json_doc_int (doc, pp_json_doc_member (doc, root, order[i]), &value);
      g_assert_cmpint (value, ==, expected[i]);
      value = -1;
      pp_json_doc_int (doc, pp_json_doc_member (doc, in, order[i]), &value);
      g_assert_cmpint (value, ==, g_str_equal (order[i], "a") ? 10 : g_str_equal (order[i], "c") ? 30 : -1);
    }
  g_assert_cmpuint (pp_json_doc_member (doc, in, "b"), ==, 0);
}

/* An object of 300 members marks their names' hashes in 256 bits, so
 * many share a mark: none is taken for a duplicate, and a real duplicate
 * anywhere is refused by the strict reader and left to json-glib, which
 * keeps the last. */
static void
test_duplicates (void)
{
  GString *text = g_string_new ("{");
  g_autoptr(PpJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  gint64 value = 0;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "%s\"member %u\": %u", i ? ", " : "", i, i);
  plain = g_strdup_printf ("%s}", text->str);
  doc = pp_json_doc_parse_strict (plain, strlen (plain), PP_JSON_MAX_DEPTH);
  g_assert_nonnull (doc);
  g_assert_cmpuint (pp_json_doc_length (doc, pp_json_doc_root (doc)), ==, 300);
  g_clear_pointer (&doc, pp_json_doc_free);

  g_string_append (text, ", \"member 7\": 1000}");
  g_assert_null (pp_json_doc_parse_strict (text->str, text->len, PP_JSON_MAX_DEPTH));
  doc = pp_json_parse_doc (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_json_doc_length (doc, pp_json_doc_root (doc)), ==, 300);
  g_assert_true (pp_json_doc_int (doc, pp_json_doc_member (doc, pp_json_doc_root (doc), "member 7"),
                                  &value));
  g_assert_cmpint (value, ==, 1000);
  g_string_free (text, TRUE);
}

/* An object of 400,000 members (8 MiB, within a report's bound) is read
 * in about as long as its text takes to scan, and one member named twice
 * at its end is still told: not one comparison with every member before
 * each new one (hours). */
static void
test_many_members (void)
{
  GString *text = g_string_new ("{");
  g_autoptr(PpJsonDoc) doc = NULL;
  gint64 start;

  for (guint i = 0; i < 400000; i++)
    g_string_append_printf (text, "%s\"%u\":%u", i ? "," : "", i, i % 10);
  g_string_append_c (text, '}');
  start = g_get_monotonic_time ();
  doc = pp_json_doc_parse_strict (text->str, text->len, PP_JSON_MAX_DEPTH);
  g_assert_nonnull (doc);
  g_assert_cmpuint (pp_json_doc_length (doc, pp_json_doc_root (doc)), ==, 400000);

  g_string_truncate (text, text->len - 1);
  g_string_append (text, ",\"17\":1}");
  g_assert_null (pp_json_doc_parse_strict (text->str, text->len, PP_JSON_MAX_DEPTH));
  g_test_message ("two objects of 400,000 members read in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_string_free (text, TRUE);
}

/* A report with every field of a probe: 1 endpoint, 2 methods. */
static const char report[] =
  "{\"schema\": \"proxyprobe-report/1\", \"run_id\": \"0b7e4a52-5c4f-4a8e-9d55-3c1d1f0e2a11\","
  " \"started\": \"2026-12-07T04:59:01Z\","
  " \"host\": {\"host_name\": \"srv1\", \"fqdn\": \"srv1.example.test\", \"machine_id\": \"%s\","
  "   \"addresses\": [\"10.1.2.3\"], \"default_route_interface\": \"eth0\", \"anonymized\": false},"
  " \"profile\": {\"name\": \"mde\", \"title\": \"Defender\", \"geography\": \"EU\"},"
  " \"methods\": [{\"id\": \"direct\"}, {\"id\": \"cmdline\"}],"
  " \"run\": {\"concurrency_requested\": 8, \"concurrency\": 4, \"open_files_limit\": 1024},"
  " \"configuration\": {\"named_proxy\": {\"source\": \"/etc/opt/microsoft/mdatp/managed/mdatp_managed.json\"}},"
  " \"probes\": ["
  "  {\"url\": \"https://e.example.test/\", \"service\": \"E\", \"agent_uses\": true, \"method\": \"direct\","
  "   \"outcome\": \"connect_timeout\", \"http_status\": null, \"curl_code\": 28,"
  "   \"curl_message\": \"Connection timed out\", \"detail\": \"no answer\", \"method_note\": null,"
  "   \"pac_lookups\": null, \"timings_ms\": {\"dns\": 0.4, \"connect\": true, \"tls\": \"x\", \"total\": 3},"
  "   \"remote_address\": null, \"proxy\": \"DIRECT\", \"attempts\": [{\"proxy\": \"DIRECT\","
  "   \"outcome\": \"connect_timeout\", \"curl_code\": 28}, 5], \"redirects\": 0,"
  "   \"requested_urls\": [\"https://e.example.test/\", 1], \"final_url\": null, \"tls\": null},"
  "  {\"url\": \"https://e.example.test/\", \"method\": \"cmdline\", \"outcome\": \"ok\","
  "   \"http_status\": 200, \"connect_status\": 200, \"proxy_status\": 1000, \"ambiguous_status\": -1,"
  "   \"answered_by\": \"origin\", \"curl_code\": 0, \"detail\": \"the server answered 200\","
  "   \"method_note\": \"PROXY p:3128; junk\", \"pac_lookups\": [\"e.example.test\"],"
  "   \"timings_ms\": {\"dns\": 1.25, \"connect\": 2, \"tls\": 8.5, \"first_byte\": 20.1, \"total\": 31.7},"
  "   \"remote_address\": \"10.0.0.5:3128\", \"proxy\": \"http://p:3128\", \"transparent_proxy\": \"t\","
  "   \"attempts\": [{\"proxy\": \"http://p:3128\", \"outcome\": \"ok\", \"curl_code\": 0}],"
  "   \"redirects\": 2, \"requested_urls\": [\"https://e.example.test/\"], \"final_url\": \"https://e.example.test/x\","
  "   \"tls\": {\"verified\": true, \"inspected\": false, \"subject\": \"CN=e\", \"issuer\": \"CN=ca\","
  "   \"root\": \"CN=root\", \"leaf_sha256\": \"AB:CD\", \"chain\": [\"CN=e\", \"CN=ca\", 3]}}"
  " ]%s}";

static void
append_probe (GString             *out,
              const PpProbeResult *r)
{
  g_string_append_printf (out, "%s %d %d %u %u %u %u %d %d %s %s %s %s %s %s %s %u %s|",
                          r->endpoint->url, r->method, r->outcome, r->http_status,
                          r->connect_status, r->proxy_status, r->ambiguous_status, r->answered_by,
                          r->curl_code, r->curl_message, r->detail, r->method_note,
                          r->remote_address, r->proxy, r->transparent_proxy, r->final_url,
                          r->redirect_count, r->endpoint->service);
  g_string_append_printf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d|", r->timings.dns,
                          r->timings.connect, r->timings.tls, r->timings.first_byte,
                          r->timings.total, r->endpoint->agent_uses);
  for (guint i = 0; r->pac_lookups && r->pac_lookups[i]; i++)
    g_string_append_printf (out, "pac %s ", r->pac_lookups[i]);
  for (guint i = 0; i < r->requested_urls->len; i++)
    g_string_append_printf (out, "url %s ", (char *) g_ptr_array_index (r->requested_urls, i));
  for (guint i = 0; r->attempts && i < r->attempts->len; i++)
    {
      PpAttempt *a = &g_array_index (r->attempts, PpAttempt, i);

      g_string_append_printf (out, "attempt %s %d %d ", a->proxy, a->outcome, a->curl_code);
    }
  g_string_append_printf (out, "tls %d %d %d %s %s %s %s ", r->tls.present, r->tls.verified,
                          r->tls.inspected, r->tls.subject, r->tls.issuer, r->tls.root,
                          r->tls.leaf_sha256);
  for (guint i = 0; r->tls.chain && i < r->tls.chain->len; i++)
    g_string_append_printf (out, "%s ", (char *) g_ptr_array_index (r->tls.chain, i));
  g_string_append_c (out, '\n');
}

/* Every field of every probe, and what the run says around them. */
static char *
describe_run (PpRunResults *results)
{
  GString *out = g_string_new (pp_run_results_get_run_id (results));
  const PpHost *host = pp_run_results_get_host (results);
  PpConcurrency concurrency = { 0 };
  g_autofree char *text = pp_report_text_format (results);

  pp_run_results_get_concurrency (results, &concurrency);
  g_string_append_printf (out, " %s %s %s %s %u/%u/%" G_GUINT64_FORMAT "\n", host ? host->fqdn : "-",
                          host ? host->machine_id : "-",
                          pp_run_results_get_named_source (results),
                          pp_profile_get_geography (pp_run_results_get_profile (results)),
                          concurrency.requested, concurrency.used, concurrency.open_files_limit);
  for (guint e = 0; e < pp_run_results_get_n_endpoints (results); e++)
    for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
      append_probe (out, pp_run_results_lookup (results, e, m));
  g_string_append (out, text);

  return g_string_free (out, FALSE);
}

/* The same report, plain (the strict reader) and with a member named
 * twice (json-glib, converted): the same run, field by field. */
static void
test_report_both_ways (void)
{
  g_autofree char *plain = g_strdup_printf (report, "0123456789abcdef0123456789abcdef", "");
  g_autofree char *twice = g_strdup_printf (report, "0123456789abcdef0123456789abcdef",
                                            ", \"unused\": 1, \"unused\": [2]");
  g_autoptr(PpJsonDoc) strict = pp_json_doc_parse_strict (plain, strlen (plain), PP_JSON_MAX_DEPTH);
  g_autoptr(PpRunResults) fast = NULL;
  g_autoptr(PpRunResults) slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fast_text = NULL;
  g_autofree char *slow_text = NULL;

  g_assert_nonnull (strict);
  g_assert_null (pp_json_doc_parse_strict (twice, strlen (twice), PP_JSON_MAX_DEPTH));
  fast = pp_run_results_new_from_report_json (plain, -1, &error);
  g_assert_no_error (error);
  slow = pp_run_results_new_from_report_json (twice, -1, &error);
  g_assert_no_error (error);
  fast_text = describe_run (fast);
  slow_text = describe_run (slow);
  g_test_message ("%s", fast_text);
  g_assert_cmpstr (fast_text, ==, slow_text);
  /* What the fields say, checked once by hand: true is 1 ms and a
   * string 0 ms, as json_node_get_double() reads them. */
  g_assert_nonnull (strstr (fast_text, "https://e.example.test/ 2 5 0 0 0 0 0 28 Connection timed out"));
  g_assert_nonnull (strstr (fast_text, "400 1000 0 0 3000 1|"));
  g_assert_nonnull (strstr (fast_text, "1250 2000 8500 20100 31700 1|pac e.example.test url "));
  g_assert_nonnull (strstr (fast_text, " 4 0 200 200 0 0 1 0 (null) the server answered 200 PROXY"));
  g_assert_nonnull (strstr (fast_text, "tls 1 1 0 CN=e CN=ca CN=root AB:CD CN=e CN=ca \n"));
  g_assert_nonnull (strstr (fast_text, " 8/4/1024\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-doc/accessors", test_accessors);
  g_test_add_func ("/json-doc/member-order", test_member_order);
  g_test_add_func ("/json-doc/duplicates", test_duplicates);
  g_test_add_func ("/json-doc/many-members", test_many_members);
  g_test_add_func ("/json-doc/report-both-ways", test_report_both_ways);

  return g_test_run ();
}
