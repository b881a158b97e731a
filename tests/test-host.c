/* test-host.c: which host and which run a report names
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pp-host.h"
#include "pp-report.h"
#include "pp-report-json.h"
#include "pp-run-results-json.h"
#include "pp-test-report.h"

static char *tmp_dir;

/* The raw id never appears; the hash is stable, keyed, and refuses what
 * is not a machine id. */
static void
test_machine_id_hash (void)
{
  const char *raw = "0123456789abcdef0123456789abcdef";
  g_autofree char *hash = pp_host_hash_machine_id (raw);
  g_autofree char *again = pp_host_hash_machine_id ("0123456789ABCDEF0123456789ABCDEF\n");
  g_autofree char *other = pp_host_hash_machine_id ("1123456789abcdef0123456789abcdef");

  g_assert_nonnull (hash);
  g_assert_cmpuint (strlen (hash), ==, 32);
  g_assert_cmpstr (hash, !=, raw);
  g_assert_null (strstr (hash, "0123456789abcdef"));
  g_assert_cmpstr (hash, ==, again);
  g_assert_cmpstr (hash, !=, other);
  /* The key is fixed forever: a changed key makes every host a new one. */
  g_assert_cmpstr (hash, ==, "dcc77b9501b7500636ad663ef9ea7eea");
  g_assert_null (pp_host_hash_machine_id ("uninitialized"));
  g_assert_null (pp_host_hash_machine_id (""));
  g_assert_null (pp_host_hash_machine_id ("0123456789abcdef0123456789abcdeg"));
}

static void
test_default_route (void)
{
  const char *table =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    "wlp2s0\t0000A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n"
    "enp0s31f6\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
  const char *down = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
                     "eth9\t00000000\t0100A8C0\t0002\t0\t0\t100\t00000000\n";
  g_autofree char *iface = pp_host_parse_default_route (table);
  g_autofree char *none = pp_host_parse_default_route (down);
  g_autofree char *empty = pp_host_parse_default_route ("");

  g_assert_cmpstr (iface, ==, "enp0s31f6");
  g_assert_null (none);
  g_assert_null (empty);
}

static void
test_fqdn (void)
{
  const char *hosts = "127.0.0.1\tlocalhost\n"
                      "# 127.0.1.1 wrong.example.test build7\n"
                      "127.0.1.1\tbuild7.corp.example.test build7\n";
  g_autofree char *fqdn = pp_host_fqdn_from_hosts (hosts, "build7");
  g_autofree char *dotted = pp_host_fqdn_from_hosts ("", "a.b.test");
  g_autofree char *unknown = pp_host_fqdn_from_hosts (hosts, "other");

  g_assert_cmpstr (fqdn, ==, "build7.corp.example.test");
  g_assert_cmpstr (dotted, ==, "a.b.test");
  g_assert_null (unknown);
}

/* One endpoint, one method: what the identity tests need. */
static PpRunResults *
make_run (void)
{
  const guint ok[] = { 200 };
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(GArray) methods = pp_method_parse_list ("direct", NULL);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_probe_result_unref);
  g_autoptr(PpProfile) profile = NULL;
  g_autoptr(PpPlan) plan = NULL;
  PpEndpoint *endpoint = pp_endpoint_new ("https://a.example.test/", "A", "GET", ok, 1, "system", "EU");
  PpProbeResult *result = pp_probe_result_new (endpoint, PP_METHOD_DIRECT);

  g_ptr_array_add (endpoints, endpoint);
  profile = pp_profile_new_from_endpoints ("hand", "Hand-made", endpoints);
  plan = pp_plan_new (profile, methods);
  result->outcome = PP_OUTCOME_OK;
  result->http_status = 200;
  g_ptr_array_add (results, result);

  return pp_run_results_new_finished (plan, results);
}

static PpHost *
make_host (void)
{
  PpHost *host = g_new0 (PpHost, 1);

  host->host_name = g_strdup ("build7");
  host->fqdn = g_strdup ("build7.corp.example.test");
  host->machine_id = pp_host_hash_machine_id ("0123456789abcdef0123456789abcdef");
  host->os_id = g_strdup ("debian");
  host->os_version = g_strdup ("12");
  host->os_name = g_strdup ("Debian GNU/Linux 12 (bookworm)");
  host->default_interface = g_strdup ("eth0");
  host->addresses = g_strsplit ("192.0.2.17,2001:db8::17", ",", 0);

  return host;
}

/* report.json names the run and the host, and the reader gets both back. */
static void
test_json_round_trip (void)
{
  g_autoptr(PpRunResults) run = make_run ();
  g_autoptr(PpHost) host = make_host ();
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent-sysroot" }, NULL);
  g_autofree char *json = NULL;
  g_autoptr(PpRunResults) back = NULL;
  g_autoptr(GError) error = NULL;
  const PpHost *read;

  g_assert_true (g_uuid_string_is_valid (pp_run_results_get_run_id (run)));
  pp_run_results_set_host (run, host);
  json = pp_report_json_format (run, config);
  g_assert_nonnull (strstr (json, "\"run_id\" : \""));
  g_assert_nonnull (strstr (json, "\"fqdn\" : \"build7.corp.example.test\""));
  g_assert_nonnull (strstr (json, "\"default_route_interface\" : \"eth0\""));
  g_assert_null (strstr (json, "0123456789abcdef"));

  back = pp_run_results_new_from_report_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pp_run_results_get_run_id (back), ==, pp_run_results_get_run_id (run));
  g_assert_true (g_date_time_equal (pp_run_results_get_started (back),
                                    pp_run_results_get_started (run)) ||
                 g_date_time_difference (pp_run_results_get_started (back),
                                         pp_run_results_get_started (run)) < 1000);
  read = pp_run_results_get_host (back);
  g_assert_nonnull (read);
  g_assert_cmpstr (read->host_name, ==, "build7");
  g_assert_cmpstr (read->machine_id, ==, host->machine_id);
  g_assert_cmpstr (read->os_id, ==, "debian");
  g_assert_cmpstr (read->addresses[1], ==, "2001:db8::17");
  g_assert_false (read->anonymized);
}

/* --anonymize: host name, FQDN and addresses gone from every file (the
 * domain of the FQDN too, which the word-wise anonymizer would leave),
 * the machine id kept, and the report says so. */
static void
test_anonymized_report (void)
{
  g_autoptr(PpRunResults) run = make_run ();
  g_autoptr(PpHost) host = make_host ();
  g_autoptr(PpConfig) config = pp_config_new (&(PpConfigOptions) { .sysroot = "/nonexistent-sysroot" }, NULL);
  g_autoptr(PpReport) report = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "anonymous.zip", NULL);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpRunResults) back = NULL;
  GBytes *json;

  pp_run_results_set_host (run, host);
  report = pp_report_new (run, config);
  pp_report_set_anonymize (report, TRUE);
  g_assert_true (pp_report_write (report, path, TRUE, &error));
  g_assert_no_error (error);
  files = unpack (path);
  assert_nowhere (files, "build7");
  assert_nowhere (files, "corp.example.test");
  assert_nowhere (files, "192.0.2.17");
  assert_nowhere (files, "2001:db8::17");
  g_assert_nonnull (strstr (g_bytes_get_data (g_hash_table_lookup (files, "ProxyProbeResult.txt"), NULL),
                            "Host: (removed: --anonymize)\n"));
  json = g_hash_table_lookup (files, "report.json");
  g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), "\"anonymized\" : true"));
  back = pp_run_results_new_from_report_json (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                              &error);
  g_assert_no_error (error);
  g_assert_true (pp_run_results_get_host (back)->anonymized);
  g_assert_cmpstr (pp_run_results_get_host (back)->machine_id, ==, host->machine_id);
  g_assert_null (pp_run_results_get_host (back)->host_name);
  /* The run itself still names the host: only the zip is anonymized. */
  g_assert_cmpstr (pp_run_results_get_host (run)->host_name, ==, "build7");
}

/* This machine, read for real: whatever it has, nothing is the raw id. */
static void
test_this_host (void)
{
  g_autoptr(PpHost) host = pp_host_new_for_this_host ();
  g_autofree char *raw = NULL;

  g_assert_cmpstr (host->host_name, ==, g_get_host_name ());
  g_assert_nonnull (host->addresses);
  if (g_file_get_contents ("/etc/machine-id", &raw, NULL, NULL) && host->machine_id)
    g_assert_null (strstr (raw, host->machine_id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-host-XXXXXX", NULL);
  g_test_add_func ("/host/machine-id-hash", test_machine_id_hash);
  g_test_add_func ("/host/default-route", test_default_route);
  g_test_add_func ("/host/fqdn", test_fqdn);
  g_test_add_func ("/host/json-round-trip", test_json_round_trip);
  g_test_add_func ("/host/anonymized-report", test_anonymized_report);
  g_test_add_func ("/host/this-host", test_this_host);
  status = g_test_run ();
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);

  return status;
}
