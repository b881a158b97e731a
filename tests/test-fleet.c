/* test-fleet.c: proxyprobe-cli merge, many hosts' reports into one fleet report
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hosts' reports are written by the real report writer from
 * hand-made runs (three machines behind two proxies in two networks),
 * beside a duplicate, a damaged zip, a foreign zip, a report of another
 * schema version and a folder; the merge runs as a script runs it.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pp-fleet.h"
#include "pp-report.h"
#include "pp-report-json.h"
#include "pp-test-cli.h"
#include "pp-test-report.h"
#include "pp-zip-reader.h"

static char *dir;

typedef struct
{
  const char *name;
  const char *machine_id;    /* 32 hex digits, hashed as the host does */
  const char *address;
  const char *proxy;         /* the command line proxy */
  PpOutcome via_proxy;       /* every endpoint's outcome through it */
  PpOutcome direct;
  gint64 started;            /* seconds after 2026-12-01 */
  gboolean no_agent;         /* the profile names no agent */
} HostSpec;

static PpProbeResult *
make_result (PpEndpoint *endpoint,
             PpMethod    method,
             PpOutcome   outcome,
             const char *proxy)
{
  PpProbeResult *result = pp_probe_result_new (endpoint, method);

  result->outcome = outcome;
  result->proxy = g_strdup (proxy);
  result->http_status = outcome == PP_OUTCOME_OK ? 200 : 0;
  result->connect_status = outcome == PP_OUTCOME_PROXY_REFUSED ? 403 : 0;

  return result;
}

static PpHost *
make_host (const HostSpec *spec)
{
  PpHost *host = g_new0 (PpHost, 1);

  host->host_name = g_strdup (spec->name);
  host->fqdn = g_strdup_printf ("%s.corp.example.test", spec->name);
  host->machine_id = pp_host_hash_machine_id (spec->machine_id);
  host->os_id = g_strdup ("debian");
  host->os_name = g_strdup ("Debian GNU/Linux 12 (bookworm)");
  host->default_interface = g_strdup ("eth0");
  host->addresses = g_strsplit (spec->address, ",", 0);

  return host;
}

/* Two endpoints x (direct, cmdline). */
static PpRunResults *
make_run (const HostSpec *spec)
{
  const guint ok[] = { 200 };
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct,cmdline", NULL);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  const PpAgentStep direct[] = { PP_AGENT_STEP_DIRECT };
  g_autoptr(PpAgent) agent = pp_agent_new ("Test agent", direct, 1, PP_AGENT_FALLBACK_UNKNOWN, NULL);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpHost) host = make_host (spec);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 12, 1, 8, 0, 0);
  g_autoptr(GDateTime) started = g_date_time_add_seconds (base, spec->started);
  g_autofree char *proxy = g_strdup_printf ("http://%s", spec->proxy);
  g_autofree char *run_id = g_uuid_string_random ();
  PpRunResults *run;

  g_ptr_array_add (endpoints, pp_endpoint_new ("https://a.example.test/", "A", "GET", ok, 1, "system", "EU"));
  g_ptr_array_add (endpoints, pp_endpoint_new ("https://b.example.test/", "B", "GET", ok, 1, "system", "EU"));
  profile = pp_profile_new_from_endpoints ("hand", "Hand-made", endpoints);
  /* An agent that goes direct: the fleet counts it on that path. */
  if (!spec->no_agent)
    pp_profile_set_agent (profile, agent);
  plan = pp_plan_new (profile, methods);
  for (guint e = 0; e < endpoints->len; e++)
    {
      g_ptr_array_add (results, make_result (g_ptr_array_index (endpoints, e), PP_METHOD_DIRECT,
                                             spec->direct, "DIRECT"));
      g_ptr_array_add (results, make_result (g_ptr_array_index (endpoints, e), PP_METHOD_CMDLINE,
                                             spec->via_proxy, proxy));
    }
  run = pp_run_results_new_finished (plan, results);
  pp_run_results_set_host (run, host);
  pp_run_results_set_identity (run, run_id, started);

  return run;
}

static char *
write_report_full (const HostSpec *spec,
                   const char     *file_name,
                   gboolean        anonymize)
{
  g_autoptr(PpRunResults) run = make_run (spec);
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) {
    .sysroot = "/nonexistent-sysroot", .cmdline_proxy = spec->proxy }, NULL);
  g_autoptr(PpReport) report = pp_report_new (run, config);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, file_name, NULL);

  if (g_str_has_suffix (file_name, ".json"))
    {
      g_autofree char *json = pp_report_json_format (run, config);

      g_assert_true (g_file_set_contents (path, json, -1, &error));
    }
  else
    {
      pp_report_set_anonymize (report, anonymize);
      g_assert_true (pp_report_write (report, path, TRUE, &error));
    }
  g_assert_no_error (error);

  return path;
}

static char *
write_report (const HostSpec *spec,
              const char     *file_name)
{
  return write_report_full (spec, file_name, FALSE);
}

static const HostSpec alpha = { "alpha", "00000000000000000000000000000001", "10.1.0.5",
                                "10.0.0.5:3128", PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_OK, 3600 };
static const HostSpec alpha_old = { "alpha", "00000000000000000000000000000001", "10.1.0.5",
                                    "10.0.0.5:3128", PP_OUTCOME_OK, PP_OUTCOME_OK, 60 };
static const HostSpec bravo = { "bravo", "00000000000000000000000000000002", "10.1.0.6",
                                "10.0.0.5:3128", PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_CONNECT_TIMEOUT, 60 };
static const HostSpec charlie = { "charlie", "00000000000000000000000000000003", "10.2.0.7",
                                  "10.0.0.9:3128", PP_OUTCOME_OK, PP_OUTCOME_DNS_FAILED, 60 };
static const HostSpec delta = { "delta", "00000000000000000000000000000004", "10.2.0.8",
                                "10.0.0.9:3128", PP_OUTCOME_OK, PP_OUTCOME_OK, 60 };

/* Inputs the merge must list, not die on. */
static void
write_bad_inputs (const char *good_zip)
{
  g_autofree char *damaged = g_build_filename (dir, "damaged.zip", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.json", NULL);
  g_autofree char *schema = g_build_filename (dir, "future.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (good_zip, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (foreign, "{\"name\": \"package.json\"}", -1, NULL));
  g_assert_true (g_file_set_contents (schema, "{\"schema\": \"proxyprobe-report/2\"}", -1, NULL));
}

static JsonObject *
parse_object (JsonParser *parser,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
find_by (JsonArray  *array,
         const char *member,
         const char *prefix)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_str_has_prefix (json_object_get_string_member (object, member), prefix))
        return object;
    }
  g_error ("no %s starting with %s", member, prefix);
}

static void
assert_skipped (JsonArray  *skipped,
                const char *source_suffix,
                const char *kind)
{
  for (guint i = 0; i < json_array_get_length (skipped); i++)
    {
      JsonObject *skip = json_array_get_object_element (skipped, i);

      if (g_str_has_suffix (json_object_get_string_member (skip, "source"), source_suffix))
        {
          g_assert_cmpstr (json_object_get_string_member (skip, "kind"), ==, kind);
          return;
        }
    }
  g_error ("%s is not listed as skipped", source_suffix);
}

static void
check_json (GHashTable *files)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, g_hash_table_lookup (files, "fleet.json"));
  JsonObject *verdicts = json_object_get_object_member (root, "verdicts");
  JsonObject *agent = json_object_get_object_member (root, "agent_verdicts");
  JsonArray *causes = json_object_get_array_member (root, "causes");
  JsonObject *blocked = find_by (causes, "text", "Proxy http://10.0.0.5:3128");
  JsonObject *proxies = find_by (json_object_get_array_member (root, "proxy_configurations"),
                                 "value", "default: ");
  JsonObject *network = find_by (json_object_get_array_member (root, "networks"), "value",
                                 "10.1.0.0/24");
  JsonArray *skipped = json_object_get_array_member (root, "skipped");
  JsonArray *hosts = json_object_get_array_member (root, "hosts");

  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, PP_FLEET_SCHEMA);
  g_assert_cmpint (json_object_get_int_member (root, "n_hosts"), ==, 4);
  /* The agent goes direct: alpha's and bravo's direct probes fail. */
  g_assert_cmpint (json_object_get_int_member (agent, "fails"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (agent, "reaches_all"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (agent, "none"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (verdicts, "all_reachable"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (verdicts, "only_direct"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (verdicts, "none_reachable"), ==, 1);
  /* The shared proxy's block: 2 endpoints on 2 hosts, the first cause. */
  g_assert_cmpint (json_object_get_int_member (blocked, "n_hosts"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (blocked, "n_endpoints"), ==, 2);
  g_assert_true (json_array_get_object_element (causes, 0) == blocked);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (proxies, "hosts")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (network, "hosts")), ==, 2);
  /* Worst first: bravo (none reachable), alpha (only direct). */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hosts, 0), "name"),
                   ==, "bravo.corp.example.test");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hosts, 1), "verdict"),
                   ==, "only_direct");
  assert_skipped (skipped, "alpha-old.zip", "duplicate");
  assert_skipped (skipped, "damaged.zip", "damaged");
  assert_skipped (skipped, "foreign.json", "foreign");
  assert_skipped (skipped, "future.json", "schema");
  g_assert_cmpuint (json_array_get_length (skipped), ==, 4);
}

#define HEADLINE "The agent cannot reach every endpoint on its own path on 2 of 4 hosts."
#define ASK_FIREWALL "Ask the firewall team to allow outbound HTTPS (port 443) to these hosts"

/* Every output leads with the answer: the agent's path counted over the
 * hosts, what to change once with the hosts that need it, the allow-list.
 * The agent goes direct here: the proxy's block is a cause, not a fix. */
static void
check_answer (const char *out,
              GHashTable *files)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, g_hash_table_lookup (files, "fleet.json"));
  JsonObject *answer = json_object_get_object_member (root, "answer");
  JsonArray *fixes = json_object_get_array_member (answer, "fixes");
  JsonArray *allowed = json_object_get_array_member (answer, "allow_list");
  JsonObject *first = json_array_get_object_element (fixes, 0);
  const char *html = g_bytes_get_data (g_hash_table_lookup (files, "fleet.html"), NULL);

  g_assert_true (g_str_has_prefix (out, HEADLINE "\nRoot causes:\n  Proxy http://10.0.0.5:3128 blocks (403) "));
  assert_contains (out, "What to change:\n  " ASK_FIREWALL);
  assert_contains (out, "(1 host)\nAllow-list for the proxy team (2 entries, allowlist.txt in the fleet "
                        "report): a.example.test, b.example.test\n");
  g_assert_cmpstr (json_object_get_string_member (answer, "headline"), ==, HEADLINE);
  g_assert_cmpuint (json_array_get_length (fixes), ==, 2);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "ask"), ASK_FIREWALL));
  g_assert_cmpint (json_object_get_int_member (first, "n_hosts"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "causes")), ==, 1);
  for (guint i = 0; i < json_array_get_length (fixes); i++)
    g_assert_null (strstr (json_object_get_string_member (json_array_get_object_element (fixes, i), "ask"),
                           "10.0.0.5"));
  g_assert_cmpuint (json_array_get_length (allowed), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (allowed, 0), ==, "a.example.test");
  g_assert_cmpstr (g_bytes_get_data (g_hash_table_lookup (files, "allowlist.txt"), NULL), ==,
                   "a.example.test\nb.example.test\n");
  /* The page's first words after its title line. */
  g_assert_nonnull (strstr (html, "<section class=\"answer s-fail\"><p class=\"headline\">" HEADLINE));
  g_assert_true (strstr (html, HEADLINE) < strstr (html, "<h2>The agent on its own path</h2>"));
}

static void
check_html_and_csv (GHashTable *files)
{
  const char *html = g_bytes_get_data (g_hash_table_lookup (files, "fleet.html"), NULL);
  const char *csv = g_bytes_get_data (g_hash_table_lookup (files, "fleet.csv"), NULL);
  g_auto(GStrv) rows = g_strsplit (csv, "\r\n", 0);
  GHashTableIter iter;
  const char *name;
  guint n_pages = 0;

  /* The causes are the hosts' own diagnoses', counted across hosts. */
  assert_contains (html, "Proxy http://10.0.0.5:3128 blocks (403) — fails for 2 endpoints on 2 hosts");
  assert_contains (html, "fails for 2 endpoints on 2 hosts");
  assert_contains (html, "<a href=\"hosts/alpha.corp.example.test-");
  g_assert_null (strstr (html, "<script"));
  /* Rows coloured as each host's own report colours its verdict: only
   * direct is a warning, none reachable a failure, the agent's either. */
  assert_contains (html, "<tr class=\"v-only_direct s-warn\">");
  assert_contains (html, "<tr class=\"v-none_reachable s-fail\">");
  assert_contains (html, "<tr class=\"a-fails s-fail\">");
  assert_contains (html, "<tr class=\"a-reaches_all s-pass\">");
  assert_contains (html, ".s-warn{border-left:.4em solid #ef6c00}");
  /* The matrix in blocks a browser lays out only when they are in view
   * (1,000 hosts rendered in 3 s in one table), classes and no inline
   * styles on its cells. */
  assert_contains (html, "<div class=\"matrix\"><div class=\"rows\"><table><thead>");
  assert_contains (html, ".rows{content-visibility:auto;");
  g_assert_null (strstr (html, " style=\""));
  /* A header, 4 hosts x 2 endpoints, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (rows), ==, 10);
  g_assert_true (g_str_has_prefix (rows[0], "host,machine_id,run_id,started,profile,geography,agent,verdict,"));
  /* Worst first: bravo, whose agent (direct) fails. */
  assert_contains (rows[1], ",fails,none_reachable,");
  /* Every link to a host's page has its page in the zip. */
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (g_str_has_suffix (name, "/report.html"))
      {
        g_autofree char *link = g_strdup_printf ("<a href=\"%s\">", name);

        assert_contains (html, link);
        n_pages++;
      }
  g_assert_cmpuint (n_pages, ==, 3);  /* delta sent a report.json */
}

/* proxyprobe-cli merge @first...: not NULL-terminated yet. */
static GPtrArray *
merge_args (const char *first,
            ...)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("PROXYPROBE_CLI")));
  g_ptr_array_add (argv, g_strdup ("merge"));
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);

  return argv;
}

static void
test_merge (void)
{
  g_autofree char *folder = g_build_filename (dir, "more", NULL);
  g_autofree char *a = write_report (&alpha, "alpha.zip");
  g_autofree char *a_old = write_report (&alpha_old, "alpha-old.zip");
  g_autofree char *b = write_report (&bravo, "bravo.zip");
  g_autofree char *c = write_report (&charlie, "charlie.zip");
  g_autofree char *d = NULL;
  g_autofree char *fleet = g_build_filename (dir, "fleet.zip", NULL);
  g_auto(CliRun) run = { 0 };
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GPtrArray) argv = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  d = write_report (&delta, "more/delta.json");
  write_bad_inputs (a);
  argv = merge_args ("--output", fleet, a_old, a, b, c, folder, NULL);
  for (const char **bad = (const char *[]) { "damaged.zip", "foreign.json", "future.json", NULL };
       *bad; bad++)
    g_ptr_array_add (argv, g_build_filename (dir, *bad, NULL));
  g_ptr_array_add (argv, NULL);
  cli_spawn (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Fleet report of 4 hosts written to");
  assert_contains (run.out, "Left out: ");

  files = unpack (fleet);
  check_answer (run.out, files);
  check_json (files);
  check_html_and_csv (files);
  g_assert_true (g_hash_table_contains (files, "fleet.csv"));
}

/* Whether a cause is a fix, and how it is said, is each host's own: the
 * same blocking proxy is nothing to mend for an agent that goes direct,
 * and is for a URL list without an agent. The answer is as red, amber or
 * green as the worst host's own report. */
static void
test_answer_per_host (void)
{
  static const HostSpec direct_agent = { "foxtrot", "00000000000000000000000000000007", "10.4.0.1",
                                         "10.0.0.5:3128", PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_OK, 60 };
  static const HostSpec no_agent = { "golf", "00000000000000000000000000000008", "10.4.0.2",
                                     "10.0.0.5:3128", PP_OUTCOME_PROXY_REFUSED, PP_OUTCOME_OK, 60, TRUE };
  g_autofree char *a = write_report (&direct_agent, "foxtrot.zip");
  g_autofree char *b = write_report (&no_agent, "golf.zip");
  g_autofree char *fleet = g_build_filename (dir, "per-host-fleet.zip", NULL);
  g_autoptr(GPtrArray) argv = merge_args ("-o", fleet, a, b, NULL);
  g_autoptr(GPtrArray) alone = merge_args ("-o", fleet, "--force", b, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) alone_run = { 0 };
  g_autoptr(GHashTable) files = NULL;
  JsonObject *answer;
  JsonArray *fixes;

  g_ptr_array_add (argv, NULL);
  cli_spawn (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 0);
  files = unpack (fleet);
  answer = json_object_get_object_member (parse_object (parser, g_hash_table_lookup (files, "fleet.json")),
                                          "answer");
  fixes = json_object_get_array_member (answer, "fixes");
  g_assert_cmpstr (json_object_get_string_member (answer, "headline"), ==,
                   "The agent reaches every endpoint on its own path on the one host where its path "
                   "was probed. "
                   "1 host has no verdict on an agent's path (the profile names no agent, or its "
                   "path was not probed).");
  g_assert_cmpstr (json_object_get_string_member (answer, "severity"), ==, "warn");
  g_assert_cmpuint (json_array_get_length (fixes), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (fixes, 0), "n_hosts"), ==, 1);
  assert_contains (json_object_get_string_member (json_array_get_object_element (fixes, 0), "ask"),
                   "on http://10.0.0.5:3128 for the program that uses them");
  assert_contains (g_bytes_get_data (g_hash_table_lookup (files, "fleet.html"), NULL),
                   "<section class=\"answer s-warn\">");

  /* Without any agent: the methods answer. */
  g_ptr_array_add (alone, NULL);
  cli_spawn (&alone_run, NULL, alone);
  g_assert_cmpint (alone_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (alone_run.out, "Every endpoint is reachable by at least one method on "
                                            "the one host. No host has a verdict on an agent's path"));
}

/* A host name a spreadsheet would run and a page would render is data
 * in both; an anonymized host is still a host of its own, in no network. */
static void
test_hostile_and_anonymized (void)
{
  static const HostSpec hostile = { "=HYPERLINK(\"http://evil.test\")<script>x</script>",
                                    "00000000000000000000000000000005", "10.3.0.9",
                                    "10.0.0.5:3128", PP_OUTCOME_OK, PP_OUTCOME_OK, 60 };
  static const HostSpec anonymous = { "echo", "00000000000000000000000000000006", "10.3.0.10",
                                      "10.0.0.5:3128", PP_OUTCOME_OK, PP_OUTCOME_OK, 60 };
  g_autofree char *a = write_report (&hostile, "hostile.zip");
  g_autofree char *b = write_report_full (&anonymous, "echo.zip", TRUE);
  g_autofree char *fleet = g_build_filename (dir, "hostile-fleet.zip", NULL);
  g_autoptr(GPtrArray) argv = merge_args ("-o", fleet, a, b, NULL);
  g_auto(CliRun) run = { 0 };
  g_autoptr(GHashTable) files = NULL;
  const char *csv, *html, *json;

  g_ptr_array_add (argv, NULL);
  cli_spawn (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 0);
  files = unpack (fleet);
  csv = g_bytes_get_data (g_hash_table_lookup (files, "fleet.csv"), NULL);
  html = g_bytes_get_data (g_hash_table_lookup (files, "fleet.html"), NULL);
  json = g_bytes_get_data (g_hash_table_lookup (files, "fleet.json"), NULL);
  assert_contains (csv, "\r\n\"'=HYPERLINK(\"\"http://evil.test\"\")<script>");
  g_assert_null (strstr (html, "<script"));
  assert_contains (html, "&lt;script&gt;");
  assert_contains (json, "\"name\" : \"anonymized host ");
  assert_contains (json, "\"network\" : \"unknown (anonymized)\"");
  g_assert_null (strstr (json, "echo.corp"));
}

/* Nothing usable: exit 2, nothing written. */
static gboolean
append_cb (const char  *data,
           gsize        size,
           gpointer     user_data,
           GError     **error)
{
  g_string_append_len (user_data, data, size);

  return TRUE;
}

static gboolean
refuse_cb (const char  *data,
           gsize        size,
           gpointer     user_data,
           GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "enough");

  return FALSE;
}

/* The merge keeps report.json from the zip's check rather than inflating
 * it twice: the same bytes, a bound honoured, a reader's error named. */
static void
test_zip_keeping (void)
{
  static const char * const required[] = { "report.json", NULL };
  static const char * const keep[] = { "report.json", NULL };
  g_autofree char *path = write_report (&alpha, "kept.zip");
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint64 max_keep = 0; max_keep <= 1; max_keep++)
    {
      g_autoptr(PpZipReader) reader = pp_zip_reader_new_for_path (path, required, &error);
      g_autoptr(PpZipReader) keeping = NULL;
      g_autoptr(GString) kept = g_string_new (NULL);

      g_assert_no_error (error);
      g_string_truncate (plain, 0);
      g_assert_true (pp_zip_reader_read (reader, "report.json", append_cb, plain, &error));
      keeping = pp_zip_reader_new_for_path_keeping (path, required, keep,
                                                    max_keep ? 64 * 1024 * 1024 : 16, &error);
      g_assert_no_error (error);
      g_assert_true (pp_zip_reader_read (keeping, "report.json", append_cb, kept, &error));
      g_assert_cmpuint (plain->len, >, 1000);
      g_assert_cmpstr (kept->str, ==, plain->str);
      g_assert_false (pp_zip_reader_read (keeping, "report.json", refuse_cb, NULL, &error));
      g_assert_true (g_str_has_prefix (error->message, path));
      g_clear_error (&error);
    }
}

static void
test_nothing_to_merge (void)
{
  g_autofree char *foreign = g_build_filename (dir, "only-foreign.json", NULL);
  g_autofree char *fleet = g_build_filename (dir, "empty-fleet.zip", NULL);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) usage = { 0 };
  g_autoptr(GPtrArray) argv = merge_args ("-o", fleet, foreign, NULL);
  g_autoptr(GPtrArray) no_output = merge_args (foreign, NULL);

  g_assert_true (g_file_set_contents (foreign, "[1, 2, 3]", -1, NULL));
  g_ptr_array_add (argv, NULL);
  g_ptr_array_add (no_output, NULL);
  cli_spawn (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "nothing written");
  g_assert_false (g_file_test (fleet, G_FILE_TEST_EXISTS));

  cli_spawn (&usage, NULL, no_output);
  g_assert_cmpint (usage.status, ==, 2);
  assert_contains (usage.err, "--output FLEET.zip");
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *command = NULL;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-fleet-XXXXXX", NULL);
  g_test_add_func ("/fleet/merge", test_merge);
  g_test_add_func ("/fleet/hostile-and-anonymized", test_hostile_and_anonymized);
  g_test_add_func ("/fleet/answer-per-host", test_answer_per_host);
  g_test_add_func ("/fleet/nothing-to-merge", test_nothing_to_merge);
  g_test_add_func ("/fleet/zip-keeping", test_zip_keeping);
  status = g_test_run ();
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);

  return status;
}
