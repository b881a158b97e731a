/* test-profile.c: bundled profiles, profile files and URL lists
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pp-profile.h"
#include "pp-profile-urls.h"

#define GOOD_GUID "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"

static char *fixture_dir;

static char *
write_fixture (const char *name,
               const char *contents,
               gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture_dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static char *
endpoint_json (const char *url,
               const char *method,
               const char *status,
               const char *trust,
               const char *geography)
{
  return g_strdup_printf ("    { \"url\": \"%s\", \"service\": \"Test\", "
                          "\"http_method\": \"%s\", \"expected_status\": %s, "
                          "\"trust\": \"%s\", \"geography\": \"%s\" }",
                          url, method, status, trust, geography);
}

/* A valid profile around @endpoints, the members of $.endpoints. */
static char *
profile_json (const char *endpoints)
{
  return g_strdup_printf ("{\n"
                          "  \"schema\": \"proxyprobe-profile/1\",\n"
                          "  \"name\": \"test\",\n"
                          "  \"title\": \"Test profile\",\n"
                          "  \"description\": \"Endpoints for the unit tests.\",\n"
                          "  \"geographies\": [\"US\", \"EU\"],\n"
                          "  \"endpoints\": [\n%s\n  ]\n"
                          "}\n", endpoints);
}

/* Loads a profile whose only endpoint has the given fields and checks that
 * it is refused with "FILE: @message". */
static void
assert_endpoint_invalid (const char *url,
                         const char *method,
                         const char *status,
                         const char *trust,
                         const char *geography,
                         const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *endpoint = endpoint_json (url, method, status, trust, geography);
  g_autofree char *json = profile_json (endpoint);
  g_autofree char *path = write_fixture ("endpoint.json", json, -1);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, message);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
assert_geography_count (const char *name,
                        const char *geography,
                        guint       n_expected)
{
  PpProfileOptions options = { .geography = geography };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load (name, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, n_expected);
  g_assert_cmpstr (pp_profile_get_geography (profile), ==, geography);

  for (guint i = 0; i < n_expected; i++)
    {
      PpEndpoint *endpoint = pp_profile_get_endpoint (profile, i);

      if (geography != NULL && g_strcmp0 (endpoint->geography, "WW") != 0)
        g_assert_cmpstr (endpoint->geography, ==, geography);
    }
}

static void
test_profile_bundled_load (void)
{
  PpProfileOptions options = { .workspace_id = GOOD_GUID };
  const char * const *names = pp_profile_list_bundled ();

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 6);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProfile) profile = pp_profile_load (names[i], &options, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (pp_profile_get_name (profile), ==, names[i]);
      g_assert_cmpstr (pp_profile_get_title (profile), !=, "");
      g_assert_cmpstr (pp_profile_get_description (profile), !=, "");
      g_assert_null (pp_profile_get_geography (profile));
      g_assert_cmpuint (pp_profile_get_n_endpoints (profile), >, 0);
    }
}

static void
test_profile_bundled_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) standard = pp_profile_load ("mde-standard", NULL, &error);
  g_autoptr(PpProfile) streamlined = NULL;
  const char * const *geographies;
  PpEndpoint *endpoint;

  g_assert_no_error (error);
  g_assert_cmpstr (pp_profile_get_title (standard), ==,
                   "Microsoft Defender for Endpoint (standard URLs)");
  geographies = pp_profile_get_geographies (standard);
  g_assert_cmpuint (g_strv_length ((char **) geographies), ==, 4);
  g_assert_cmpstr (geographies[0], ==, "US");
  g_assert_cmpstr (geographies[3], ==, "AU");

  endpoint = pp_profile_get_endpoint (standard, 0);
  g_assert_cmpstr (endpoint->url, ==,
                   "https://unitedstates.cp.wd.microsoft.com/wdcp.svc/bond/submitReport/test");
  g_assert_cmpstr (endpoint->service, ==, "AV cloud protection (MAPS)");
  g_assert_cmpstr (endpoint->http_method, ==, "GET");
  g_assert_true (pp_endpoint_expects_status (endpoint, 404));
  g_assert_false (pp_endpoint_expects_status (endpoint, 200));
  g_assert_cmpstr (pp_endpoint_get_pin_set (endpoint), ==, "microsoft-2011");
  g_assert_cmpstr (endpoint->geography, ==, "US");

  streamlined = pp_profile_load ("mde-streamlined", NULL, &error);
  g_assert_no_error (error);
  endpoint = pp_profile_get_endpoint (streamlined, 4);
  g_assert_cmpstr (endpoint->http_method, ==, "HEAD");
  g_assert_cmpstr (endpoint->trust, ==, "pinned:microsoft-2011+digicert-g2");
  g_assert_cmpstr (endpoint->geography, ==, "GW_US");
}

/* --list-profiles describes every bundled profile before a workspace ID
 * is known, so describing must not need one. */
static void
test_profile_bundled_describe (void)
{
  const char *expected_geographies[] = { "US", "EU", "UK", "AU", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) geographies = NULL;
  gboolean needs_workspace_id = TRUE;

  g_assert_true (pp_profile_describe_bundled ("mde-standard", &title, &description,
                                              &geographies, &needs_workspace_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Microsoft Defender for Endpoint (standard URLs)");
  g_assert_cmpstr (description, !=, "");
  g_assert_cmpstrv (geographies, expected_geographies);
  g_assert_false (needs_workspace_id);

  g_clear_pointer (&title, g_free);
  g_clear_pointer (&description, g_free);
  g_clear_pointer (&geographies, g_strfreev);
  g_assert_true (pp_profile_describe_bundled ("mma-legacy", &title, &description,
                                              &geographies, &needs_workspace_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (title, !=, "");
  g_assert_cmpstr (description, !=, "");
  g_assert_cmpuint (g_strv_length (geographies), ==, 0);
  g_assert_true (needs_workspace_id);
}

static void
test_profile_bundled_describe_partial (void)
{
  g_autoptr(GError) error = NULL;
  gboolean needs_workspace_id = FALSE;

  /* Every out parameter is optional. */
  g_assert_true (pp_profile_describe_bundled ("mde-streamlined", NULL, NULL, NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (pp_profile_describe_bundled ("mma-legacy", NULL, NULL, NULL,
                                              &needs_workspace_id, &error));
  g_assert_no_error (error);
  g_assert_true (needs_workspace_id);

  /* Profile files are never described: only bundled names are known. */
  g_assert_false (pp_profile_describe_bundled ("nope", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "'nope' is neither a bundled profile"));
}

/* The counts are those of resources/profiles/endpoints-mde.tsv:
 * mde-standard has 14 US, 14 EU, 10 UK, 9 AU and 8 WW rows, the update
 * redirector of every geography one WW endpoint (13, 13, 9, 8 and 9);
 * mde-streamlined 13 GW_US, 13 GW_EU, 9 GW_UK, 9 GW_AU and 6 WW rows. */
static void
test_profile_geography_filter (void)
{
  assert_geography_count ("mde-standard", NULL, 52);
  assert_geography_count ("mde-standard", "US", 22);
  assert_geography_count ("mde-standard", "EU", 22);
  assert_geography_count ("mde-standard", "UK", 18);
  assert_geography_count ("mde-standard", "AU", 17);
  assert_geography_count ("mde-streamlined", NULL, 50);
  assert_geography_count ("mde-streamlined", "GW_US", 19);
  assert_geography_count ("mde-streamlined", "GW_EU", 19);
  assert_geography_count ("mde-streamlined", "GW_UK", 15);
  assert_geography_count ("mde-streamlined", "GW_AU", 15);
}

static void
test_profile_geography_case (void)
{
  PpProfileOptions options = { .geography = "eu" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mde-standard", &options, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pp_profile_get_geography (profile), ==, "EU");
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 22);
}

static void
test_profile_geography_unknown (void)
{
  PpProfileOptions options = { .geography = "FR" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mde-standard", &options, &error);

  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY);
  g_assert_cmpstr (error->message, ==,
                   "'FR' is not a geography of profile mde-standard; "
                   "choose one of US, EU, UK, AU");
  g_assert_null (profile);

  /* mma-legacy has no geographies at all. */
  g_clear_error (&error);
  options.geography = "US";
  options.workspace_id = GOOD_GUID;
  profile = pp_profile_load ("mma-legacy", &options, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_GEOGRAPHY);
  g_assert_null (profile);
}

static void
test_profile_workspace_missing (void)
{
  PpProfileOptions options = { .workspace_id = "  " };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mma-legacy", NULL, &error);

  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID);
  g_assert_nonnull (strstr (error->message, "mma-legacy"));
  g_assert_nonnull (strstr (error->message, "--workspace-id"));
  g_assert_null (profile);

  g_clear_error (&error);
  profile = pp_profile_load ("mma-legacy", &options, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID);
  g_assert_null (profile);
}

static void
test_profile_workspace_malformed (void)
{
  const char *malformed[] = {
    "not-a-guid",
    "0A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D",
    "{" GOOD_GUID "}",
    "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5G",
    "0A1B2C3D-4E5F-6A7B-8C9D0-E1F2A3B4C5D",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      PpProfileOptions options = { .workspace_id = malformed[i] };
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProfile) profile = pp_profile_load ("mma-legacy", &options, &error);
      g_autofree char *start = g_strdup_printf ("'%s' is not a workspace ID", malformed[i]);

      g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_WORKSPACE_ID);
      g_assert_true (g_str_has_prefix (error->message, start));
      g_assert_nonnull (strstr (error->message, "--workspace-id"));
      g_assert_null (profile);
    }
}

static void
test_profile_workspace_good (void)
{
  PpProfileOptions options = { .workspace_id = GOOD_GUID };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mma-legacy", &options, &error);
  g_autoptr(PpProfile) standard = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 3);
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 0)->url, ==,
                   "https://0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.ods.opinsights.azure.com/");
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 2)->url, ==,
                   "https://0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.agentsvc.azure-automation.net/");
  g_assert_true (pp_endpoint_expects_status (pp_profile_get_endpoint (profile, 0), 503));
  g_assert_cmpuint (g_strv_length ((char **) pp_profile_get_geographies (profile)), ==, 0);

  /* A workspace ID for a profile that does not use one is ignored. */
  options.workspace_id = "not-a-guid";
  standard = pp_profile_load ("mde-standard", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_profile_get_n_endpoints (standard), ==, 52);
}

static void
test_profile_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mde-standrad", NULL, &error);
  g_autofree char *missing = g_build_filename (fixture_dir, "missing.json", NULL);

  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "'mde-standrad' is neither a bundled profile nor a file; "
                   "the bundled profiles are mde-standard, mde-streamlined, mde-gcc, mde-gcc-high, mde-dod, mma-legacy");
  g_assert_null (profile);

  g_clear_error (&error);
  profile = pp_profile_load_file (missing, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_null (profile);

  g_clear_error (&error);
  profile = pp_profile_load_file (fixture_dir, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "this is a directory; give the path of the"));
  g_assert_null (profile);
}

static void
test_profile_file_good (void)
{
  PpProfileOptions options = { .geography = "EU" };
  g_autoptr(GError) error = NULL;
  g_autofree char *us = endpoint_json ("https://us.example.com/", "GET", "[200, 204]",
                                       "system", "US");
  g_autofree char *ww = endpoint_json ("http://ww.example.com:8080/ping", "HEAD", "\"any\"",
                                       "pinned:microsoft-2011", "WW");
  g_autofree char *endpoints = g_strjoin (",\n", us, ww, NULL);
  g_autofree char *json = profile_json (endpoints);
  g_autofree char *path = write_fixture ("good.json", json, -1);
  g_autoptr(PpProfile) all = pp_profile_load (path, NULL, &error);
  g_autoptr(PpProfile) eu = NULL;
  PpEndpoint *endpoint;

  g_assert_no_error (error);
  g_assert_cmpstr (pp_profile_get_name (all), ==, "test");
  g_assert_cmpuint (pp_profile_get_n_endpoints (all), ==, 2);
  endpoint = pp_profile_get_endpoint (all, 0);
  g_assert_true (pp_endpoint_expects_status (endpoint, 204));
  g_assert_false (pp_endpoint_expects_status (endpoint, 404));

  eu = pp_profile_load_file (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_profile_get_n_endpoints (eu), ==, 1);
  endpoint = pp_profile_get_endpoint (eu, 0);
  g_assert_cmpstr (endpoint->url, ==, "http://ww.example.com:8080/ping");
  g_assert_true (pp_endpoint_expects_status (endpoint, 404));
}

static void
test_profile_bad_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *path = write_fixture ("syntax.json",
                                         "{\n"
                                         "  \"schema\": \"proxyprobe-profile/1\",\n"
                                         "  \"name\": \"test\",,\n"
                                         "}\n", -1);
  /* json-glib's column is where its scanner stopped, which is not always
   * the offending character, so only the line is pinned down. */
  g_autofree char *start = g_strdup_printf ("%s: line 3, column ", path);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, start));
  g_assert_null (strstr (error->message, "<data>"));
  g_assert_null (profile);
}

static void
test_profile_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *path = write_fixture ("latin1.json", "{\n  \"name\": \"caf\xe9\"\n}\n", -1);
  g_autofree char *expected = g_strdup_printf ("%s: line 2: the file is not UTF-8 text; "
                                               "save it as UTF-8", path);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
test_profile_unknown_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *good = endpoint_json ("https://a.example.com/", "GET", "[200]",
                                         "system", "US");
  g_autofree char *endpoints = g_strconcat (good, ",\n    { \"urll\": \"https://b.example.com/\" }",
                                            NULL);
  g_autofree char *json = profile_json (endpoints);
  g_autofree char *path = write_fixture ("key.json", json, -1);
  g_autofree char *expected = g_strdup_printf ("%s: $.endpoints[1].urll: unknown key; the keys "
                                               "of an endpoint are url, service, http_method, "
                                               "expected_status, trust, geography, source",
                                               path);
  g_autofree char *top_path = write_fixture ("top-key.json", "{ \"schema\": "
                                             "\"proxyprobe-profile/1\", \"endpoint s\": [] }",
                                             -1);
  g_autofree char *top_expected = NULL;

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);

  g_clear_error (&error);
  top_expected = g_strdup_printf ("%s: $[\"endpoint s\"]: unknown key", top_path);
  profile = pp_profile_load_file (top_path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, top_expected));
  g_assert_null (profile);
}

static void
test_profile_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *json = profile_json ("");
  g_autoptr(GString) wrong = g_string_new (json);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  g_string_replace (wrong, "proxyprobe-profile/1", "proxyprobe-profile/2", 0);
  path = write_fixture ("schema.json", wrong->str, -1);
  expected = g_strdup_printf ("%s: $.schema: 'proxyprobe-profile/2' is not supported; this "
                              "version of Proxy Probe reads \"proxyprobe-profile/1\"", path);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
test_profile_bad_url (void)
{
  assert_endpoint_invalid ("htps://x", "GET", "[200]", "system", "US",
                           "$.endpoints[0].url: 'htps://x' is not an http or https URL");
  assert_endpoint_invalid ("https://a b.example.com/", "GET", "[200]", "system", "US",
                           "$.endpoints[0].url: 'https://a b.example.com/' is not an http "
                           "or https URL");
  assert_endpoint_invalid ("https://{tenant}.example.com/", "GET", "[200]", "system", "US",
                           "$.endpoints[0].url: 'https://{tenant}.example.com/' contains an "
                           "unknown placeholder; the only placeholder is {workspace_id}");
  assert_endpoint_invalid ("", "GET", "[200]", "system", "US",
                           "$.endpoints[0].url: must not be empty");
}

static void
test_profile_bad_method (void)
{
  assert_endpoint_invalid ("https://a.example.com/", "POST", "[200]", "system", "US",
                           "$.endpoints[0].http_method: 'POST' is not supported; "
                           "use GET or HEAD");
}

static void
test_profile_bad_status (void)
{
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[200, 700]", "system", "US",
                           "$.endpoints[0].expected_status[1]: 700 is not an HTTP status "
                           "(100 to 599)");
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[200.5]", "system", "US",
                           "$.endpoints[0].expected_status[0]: expected a whole number, "
                           "found a number with a fraction or exponent");
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[\"200\"]", "system", "US",
                           "$.endpoints[0].expected_status[0]: expected a whole number, "
                           "found a string");
  assert_endpoint_invalid ("https://a.example.com/", "GET", "\"sometimes\"", "system", "US",
                           "$.endpoints[0].expected_status: expected a list of HTTP statuses "
                           "such as [200, 404], or \"any\"");
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[]", "system", "US",
                           "$.endpoints[0].expected_status: expected a list of HTTP statuses "
                           "such as [200, 404], or \"any\"");
}

static void
test_profile_bad_trust (void)
{
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[200]", "pinned:contoso", "US",
                           "$.endpoints[0].trust: 'pinned:contoso' names an unknown pin set; "
                           "the pin sets are microsoft-2011, microsoft-2011+digicert-g2");
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[200]", "insecure", "US",
                           "$.endpoints[0].trust: 'insecure' is not a trust setting; use "
                           "\"system\" or \"pinned:<set>\"");
}

static void
test_profile_bad_geography (void)
{
  assert_endpoint_invalid ("https://a.example.com/", "GET", "[200]", "system", "FR",
                           "$.endpoints[0].geography: 'FR' is not \"WW\" or one of "
                           "$.geographies (US, EU)");
}

static void
test_profile_bad_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *json = profile_json ("    { \"url\": 42 }");
  g_autofree char *path = write_fixture ("type.json", json, -1);
  g_autofree char *expected = g_strdup_printf ("%s: $.endpoints[0].url: expected a string, "
                                               "found a number", path);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
test_profile_empty (void)
{
  PpProfileOptions options = { .geography = "EU" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *json = profile_json ("");
  g_autofree char *path = write_fixture ("empty.json", json, -1);
  g_autofree char *us = endpoint_json ("https://us.example.com/", "GET", "[200]", "system", "US");
  g_autofree char *us_json = profile_json (us);
  g_autofree char *us_path = write_fixture ("us-only.json", us_json, -1);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY);
  g_assert_null (profile);

  /* Filtering by geography can leave nothing, too. */
  g_clear_error (&error);
  profile = pp_profile_load_file (us_path, &options, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==,
                   "Profile test has no endpoints for geography EU; choose another geography");
  g_assert_null (profile);
}

static void
test_profile_oversize (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  gsize size = 4 * 1024 * 1024 + 1;
  g_autofree char *contents = g_malloc (size);
  g_autofree char *path = NULL;

  memset (contents, ' ', size);
  path = write_fixture ("huge.json", contents, size);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "larger than 4 MiB"));
  g_assert_null (profile);

  g_clear_error (&error);
  profile = pp_profile_load_url_list (path, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than 4 MiB"));
  g_assert_null (profile);
}

static void
test_profile_too_many_endpoints (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *endpoint = endpoint_json ("https://a.example.com/", "GET", "[200]",
                                             "system", "WW");
  g_autoptr(GString) endpoints = g_string_new (endpoint);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 1; i < 10001; i++)
    g_string_append_printf (endpoints, ",\n%s", endpoint);
  json = profile_json (endpoints->str);
  path = write_fixture ("many.json", json, -1);
  expected = g_strdup_printf ("%s: $.endpoints: 10001 endpoints are more than the limit of "
                              "10000; split the profile into several files", path);

  profile = pp_profile_load_file (path, NULL, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
test_profile_url_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  /* Starts with the byte order mark Notepad writes. */
  g_autofree char *path = write_fixture ("list.txt",
                                         "\xef\xbb\xbf# Contoso line-of-business endpoints\n"
                                         "\n"
                                         "  https://a.example.com/  \n"
                                         "\t# an indented comment\n"
                                         "http://b.example.com:8080/x?y=1#z\r\n"
                                         "\n", -1);
  PpEndpoint *endpoint;

  profile = pp_profile_load_url_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pp_profile_get_name (profile), ==, "list.txt");
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) pp_profile_get_geographies (profile)), ==, 0);
  g_assert_null (pp_profile_get_geography (profile));

  endpoint = pp_profile_get_endpoint (profile, 0);
  g_assert_cmpstr (endpoint->url, ==, "https://a.example.com/");
  g_assert_cmpstr (endpoint->service, ==, "Custom URL");
  g_assert_cmpstr (endpoint->http_method, ==, "GET");
  g_assert_cmpstr (endpoint->trust, ==, "system");
  g_assert_true (pp_endpoint_expects_status (endpoint, 503));
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 1)->url, ==,
                   "http://b.example.com:8080/x?y=1#z");
}

static void
test_profile_url_list_bad_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *path = write_fixture ("bad-list.txt",
                                         "# comment\n"
                                         "https://a.example.com/\n"
                                         "\n"
                                         "ftp://c.example.com/\n", -1);
  g_autofree char *expected = g_strdup_printf ("%s: line 4: 'ftp://c.example.com/' is not an "
                                               "http or https URL", path);

  profile = pp_profile_load_url_list (path, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (profile);
}

static void
test_profile_url_list_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  g_autofree char *path = write_fixture ("comments.txt", "# nothing yet\n\n   \n", -1);
  g_autofree char *start = g_strdup_printf ("%s contains no URLs", path);

  profile = pp_profile_load_url_list (path, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY);
  g_assert_true (g_str_has_prefix (error->message, start));
  g_assert_null (profile);
}

static void
test_profile_urls (void)
{
  const char *good[] = { "https://a.example.com/", "HTTP://B.example.com:81", NULL };
  const char *bad[] = { "https://a.example.com/", "htps://x", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_new_for_urls (good, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pp_profile_get_name (profile), ==, "custom");
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 2);
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 0)->service, ==, "Custom URL");
  g_clear_object (&profile);

  profile = pp_profile_new_for_urls (bad, &error);
  g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "--url: 'htps://x' is not an http or https URL");
  g_assert_null (profile);
}

static void
test_profile_new_from_endpoints (void)
{
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  g_autoptr(PpProfile) profile = NULL;

  g_ptr_array_add (endpoints, pp_endpoint_new ("https://a.example.com/", "A", "GET",
                                               NULL, 0, "system", "WW"));
  profile = pp_profile_new_from_endpoints ("replay", "Replayed run", endpoints);
  g_clear_pointer (&endpoints, g_ptr_array_unref);

  g_assert_cmpstr (pp_profile_get_name (profile), ==, "replay");
  g_assert_cmpstr (pp_profile_get_title (profile), ==, "Replayed run");
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 1);
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 0)->url, ==, "https://a.example.com/");
}

static void
assert_probed_once (const char *name,
                    const char *geography)
{
  PpProfileOptions options = { .geography = geography, .workspace_id = GOOD_GUID };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load (name, &options, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < pp_profile_get_n_endpoints (profile); i++)
    {
      PpEndpoint *endpoint = pp_profile_get_endpoint (profile, i);
      char *key = g_strconcat (endpoint->http_method, " ", endpoint->url, NULL);

      if (!g_hash_table_add (seen, key))
        g_error ("%s, geography %s: %s is probed twice", name, geography ? geography : "(all)",
                 key);
    }
}

/* No URL is probed twice with one HTTP method, in any bundled profile and
 * geography: "All Geographies" used to probe the update redirector four times. */
static void
test_profile_bundled_once (void)
{
  const char * const *names = pp_profile_list_bundled ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) geographies = NULL;

      g_assert_true (pp_profile_describe_bundled (names[i], NULL, NULL, &geographies, NULL, NULL));
      assert_probed_once (names[i], NULL);
      for (guint g = 0; geographies[g]; g++)
        assert_probed_once (names[i], geographies[g]);
    }
}

static PpEndpoint *
find_endpoint (PpProfile  *profile,
               const char *url)
{
  for (guint i = 0; i < pp_profile_get_n_endpoints (profile); i++)
    if (g_str_equal (pp_profile_get_endpoint (profile, i)->url, url))
      return pp_profile_get_endpoint (profile, i);

  g_error ("%s is not in profile %s", url, pp_profile_get_name (profile));
}

/* The US Government clouds' own hosts (defender-docs
 * standard-device-connectivity-urls-gov.md), never the commercial ones. */
static void
test_profile_bundled_gov (void)
{
  const struct {
    const char *name;
    const char *gateway;
    const char *storage;
    const char *av;
  } clouds[] = {
    { "mde-gcc", "https://winatp-gw-usmt.microsoft.com/",
      "https://automatedirstrfmusmv.blob.core.usgovcloudapi.net/",
      "https://unitedstates4.x.cp.wd.microsoft.us/" },
    { "mde-gcc-high", "https://winatp-gw-usgt.microsoft.com/",
      "https://automatedirstrffusgv.blob.core.usgovcloudapi.net/",
      "https://unitedstates1.x.cp.wd.microsoft.us/" },
    { "mde-dod", "https://winatp-gw-usgv.microsoft.com/",
      "https://automatedirstrffusgt.blob.core.usgovcloudapi.net/",
      "https://unitedstates2.x.cp.wd.microsoft.us/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProfile) profile = pp_profile_load (clouds[i].name, NULL, &error);
      PpEndpoint *cyber = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length ((GStrv) pp_profile_get_geographies (profile)), ==, 0);
      g_assert_nonnull (strstr (pp_profile_get_description (profile), "pick"));
      find_endpoint (profile, clouds[i].gateway);
      find_endpoint (profile, clouds[i].storage);
      find_endpoint (profile, clouds[i].av);
      cyber = find_endpoint (profile, "https://us4-v20.events.data.microsoft.com/ping");
      g_assert_true (pp_endpoint_expects_status (cyber, 200));
      for (guint e = 0; e < pp_profile_get_n_endpoints (profile); e++)
        {
          PpEndpoint *endpoint = pp_profile_get_endpoint (profile, e);

          g_assert_cmpstr (endpoint->geography, ==, "WW");
          g_assert_null (strstr (endpoint->url, ".blob.core.windows.net"));
          g_assert_null (strstr (endpoint->url, "winatp-gw-cus"));
        }
    }
}

/* The streamlined profile keeps the worldwide services the streamlined
 * page still requires. */
static void
test_profile_streamlined_worldwide (void)
{
  PpProfileOptions options = { .geography = "GW_EU" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mde-streamlined", &options, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (find_endpoint (profile, "http://crl.microsoft.com/pki/crl/products/"
                                           "MicRooCerAut2011_2011_03_22.crl")->geography, ==, "WW");
  find_endpoint (profile, "https://go.microsoft.com/fwlink/?linkid=2120136");
  find_endpoint (profile, "https://go.microsoft.com/fwlink/?linkid=2144709");
  find_endpoint (profile, "https://packages.microsoft.com/");
}

/* A profile file listing one URL twice: one endpoint, every service name
 * and geography kept, either row's status counts, the pin is still checked. */
static void
test_profile_merge (void)
{
  g_autofree char *first = endpoint_json ("https://same.example.com/", "GET", "[200]", "system", "US");
  /* A second service name, so that the merge shows both. */
  const char *second = "    { \"url\": \"https://same.example.com/\", \"service\": \"Tset\", "
                       "\"http_method\": \"GET\", \"expected_status\": [404], "
                       "\"trust\": \"pinned:microsoft-2011\", \"geography\": \"EU\" }";
  g_autofree char *head = endpoint_json ("https://same.example.com/", "HEAD", "[200]", "system", "EU");
  g_autofree char *other = endpoint_json ("https://other.example.com/", "GET", "\"any\"", "system",
                                          "WW");
  g_autofree char *endpoints = g_strjoin (",\n", first, second, head, other, NULL);
  g_autofree char *json = profile_json (endpoints);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = NULL;
  PpEndpoint *merged;

  path = write_fixture ("merge.json", json, -1);
  profile = pp_profile_load (path, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 3);
  merged = pp_profile_get_endpoint (profile, 0);
  g_assert_cmpstr (merged->url, ==, "https://same.example.com/");
  g_assert_cmpstr (merged->http_method, ==, "GET");
  g_assert_cmpstr (merged->service, ==, "Test; Tset");
  g_assert_cmpstr (merged->geography, ==, "US; EU");
  g_assert_cmpstr (merged->trust, ==, "pinned:microsoft-2011");
  g_assert_true (pp_endpoint_expects_status (merged, 200));
  g_assert_true (pp_endpoint_expects_status (merged, 404));
  g_assert_false (pp_endpoint_expects_status (merged, 500));
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 1)->http_method, ==, "HEAD");

  /* Filtered by geography, a row of another geography is not merged in. */
  g_clear_object (&profile);
  profile = pp_profile_load (path, &(PpProfileOptions) { .geography = "EU" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 3);
  g_assert_cmpstr (pp_profile_get_endpoint (profile, 0)->service, ==, "Tset");
  g_assert_false (pp_endpoint_expects_status (pp_profile_get_endpoint (profile, 0), 200));
}

/* A URL listed for one geography and worldwide is worldwide: a profile
 * chosen for one geography holds only its own and worldwide rows (the
 * fuzzer's invariant; "US; WW" broke it). */
static void
test_profile_merge_worldwide (void)
{
  g_autofree char *us = endpoint_json ("https://same.example.com/", "GET", "[200]", "system", "US");
  g_autofree char *ww = endpoint_json ("https://same.example.com/", "GET", "[200]", "system", "WW");
  g_autofree char *endpoints = g_strjoin (",\n", us, ww, NULL);
  g_autofree char *json = profile_json (endpoints);
  g_autofree char *path = write_fixture ("merge-ww.json", json, -1);
  const char *geographies[] = { NULL, "US" };

  for (guint i = 0; i < G_N_ELEMENTS (geographies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpProfile) profile = pp_profile_load (path, &(PpProfileOptions) { .geography = geographies[i] },
                                                      &error);

      g_assert_no_error (error);
      g_assert_cmpuint (pp_profile_get_n_endpoints (profile), ==, 1);
      g_assert_cmpstr (pp_profile_get_endpoint (profile, 0)->geography, ==, "WW");
    }
}

static gboolean
is_gateway (const PpEndpoint *endpoint,
            gpointer          user_data)
{
  return strstr (endpoint->url, user_data) != NULL;
}

/* Only the endpoints the predicate names are marked, on copies. */
static void
test_profile_mark (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProfile) profile = pp_profile_load ("mde-standard", NULL, &error);
  g_autoptr(PpEndpoint) before = NULL;
  guint marked = 0;

  g_assert_no_error (error);
  before = pp_endpoint_ref (find_endpoint (profile, "https://winatp-gw-weu.microsoft.com/commands/test"));
  pp_profile_mark_agent_endpoints (profile, is_gateway, "winatp-gw-weu.");
  for (guint i = 0; i < pp_profile_get_n_endpoints (profile); i++)
    marked += pp_profile_get_endpoint (profile, i)->agent_uses;

  g_assert_cmpuint (marked, ==, 1);
  g_assert_true (find_endpoint (profile, "https://winatp-gw-weu.microsoft.com/commands/test")->agent_uses);
  g_assert_false (before->agent_uses);
}

static void
test_url_validate (void)
{
  const char *good[] = {
    "https://a.example.com", "http://a.example.com/p?q=1#f", "HTTPS://A.EXAMPLE.COM/",
    "http://127.0.0.1:3128/", "http://[::1]:8080/", "https://user@a.example.com/",
    "https://xn--bcher-kva.example/", "https://bücher.example/",
  };
  const char *bad[] = {
    "", "htps://x", "ftp://a.example.com/", "a.example.com", "//a.example.com/",
    "https://", "http:///path", "https://a b.example.com/", "https://a.example.com/ x",
    "https://a.example.com:99999/", "https://a.example.com/%zz", "https://a\x01.example.com/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (pp_url_validate (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pp_url_validate (bad[i], &error));
      g_assert_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID);
      g_assert_true (g_str_has_suffix (error->message, "' is not an http or https URL"));
    }
}

static void
remove_fixtures (void)
{
  g_autoptr(GDir) dir = g_dir_open (fixture_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture_dir, name, NULL);

      g_unlink (path);
    }

  g_rmdir (fixture_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  fixture_dir = g_dir_make_tmp ("test-profile-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/profile/bundled/load", test_profile_bundled_load);
  g_test_add_func ("/profile/bundled/fields", test_profile_bundled_fields);
  g_test_add_func ("/profile/bundled/describe", test_profile_bundled_describe);
  g_test_add_func ("/profile/bundled/describe-partial",
                   test_profile_bundled_describe_partial);
  g_test_add_func ("/profile/geography/filter", test_profile_geography_filter);
  g_test_add_func ("/profile/geography/case", test_profile_geography_case);
  g_test_add_func ("/profile/geography/unknown", test_profile_geography_unknown);
  g_test_add_func ("/profile/workspace/missing", test_profile_workspace_missing);
  g_test_add_func ("/profile/workspace/malformed", test_profile_workspace_malformed);
  g_test_add_func ("/profile/workspace/good", test_profile_workspace_good);
  g_test_add_func ("/profile/not-found", test_profile_not_found);
  g_test_add_func ("/profile/file/good", test_profile_file_good);
  g_test_add_func ("/profile/file/bad-json", test_profile_bad_json);
  g_test_add_func ("/profile/file/not-utf8", test_profile_not_utf8);
  g_test_add_func ("/profile/file/unknown-key", test_profile_unknown_key);
  g_test_add_func ("/profile/file/schema", test_profile_schema);
  g_test_add_func ("/profile/file/bad-url", test_profile_bad_url);
  g_test_add_func ("/profile/file/bad-method", test_profile_bad_method);
  g_test_add_func ("/profile/file/bad-status", test_profile_bad_status);
  g_test_add_func ("/profile/file/bad-trust", test_profile_bad_trust);
  g_test_add_func ("/profile/file/bad-geography", test_profile_bad_geography);
  g_test_add_func ("/profile/file/bad-type", test_profile_bad_type);
  g_test_add_func ("/profile/file/empty", test_profile_empty);
  g_test_add_func ("/profile/file/oversize", test_profile_oversize);
  g_test_add_func ("/profile/file/too-many-endpoints", test_profile_too_many_endpoints);
  g_test_add_func ("/profile/url-list/comments", test_profile_url_list);
  g_test_add_func ("/profile/url-list/bad-line", test_profile_url_list_bad_line);
  g_test_add_func ("/profile/url-list/empty", test_profile_url_list_empty);
  g_test_add_func ("/profile/urls", test_profile_urls);
  g_test_add_func ("/profile/new-from-endpoints", test_profile_new_from_endpoints);
  g_test_add_func ("/profile/url-validate", test_url_validate);
  g_test_add_func ("/profile/bundled/once", test_profile_bundled_once);
  g_test_add_func ("/profile/bundled/gov", test_profile_bundled_gov);
  g_test_add_func ("/profile/bundled/streamlined-worldwide", test_profile_streamlined_worldwide);
  g_test_add_func ("/profile/merge", test_profile_merge);
  g_test_add_func ("/profile/merge-worldwide", test_profile_merge_worldwide);
  g_test_add_func ("/profile/mark", test_profile_mark);

  ret = g_test_run ();
  remove_fixtures ();
  g_free (fixture_dir);

  return ret;
}
