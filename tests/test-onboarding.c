/* test-onboarding.c: what the agent's onboarding says about its path
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The blobs are synthetic (made-up identifiers) in the shapes of
 * /work/shared/reference/mde-onboarding.md: mdatp_onboard.json with its
 * three levels of JSON in strings, and the packages a technician has
 * before onboarding, where the blob is escaped once more.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pp-onboarding.h"
#include "pp-test-files.h"

static char *fixture_dir;

/* The innermost object, with the fields of the gateway given. */
static char *
body_json (const char *gateway,
           const char *datacenter,
           const char *vortex,
           const char *extra)
{
  return g_strdup_printf ("{\"previousOrgIds\":[],\"orgId\":\"00000000-1111-2222-3333-"
                          "444444444444\",\"geoLocationUrl\":\"%s\",\"datacenter\":\"%s\","
                          "\"vortexGeoLocation\":\"%s\"%s,\"version\":\"1.9\","
                          "\"deviceType\":\"Server\"}", gateway, datacenter, vortex,
                          extra ? extra : "");
}

/* {"body": "<body>", "sig": …}: the string the onboarding packages carry. */
static char *
info_json (const char *body)
{
  g_autofree char *escaped = g_strescape (body, NULL);

  return g_strdup_printf ("{\"body\":\"%s\",\"sig\":\"AAAA\",\"sha256sig\":\"AAAA\","
                          "\"cert\":\"AAAA\",\"chain\":[]}", escaped);
}

/* mdatp_onboard.json as the Linux script writes it. */
static char *
file_json (const char *body)
{
  g_autofree char *info = info_json (body);
  g_autofree char *escaped = g_strescape (info, NULL);

  return g_strdup_printf ("{\"onboardingInfo\": \"%s\"}\n", escaped);
}

static PpOnboarding *
parse (const char  *text,
       GError     **error)
{
  return pp_onboarding_parse ("/etc/opt/microsoft/mdatp/mdatp_onboard.json", text,
                              strlen (text), error);
}

static PpOnboarding *
parse_body (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = file_json (body);
  PpOnboarding *onboarding = parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (onboarding);
  return onboarding;
}

static void
test_standard (void)
{
  g_autofree char *body = body_json ("https://winatp-gw-weu.microsoft.com/", "WestEurope", "EU",
                                     NULL);
  g_autoptr(PpOnboarding) onboarding = parse_body (body);
  g_autofree char *defaults = pp_onboarding_format_defaults (onboarding);
  g_autofree char *described = pp_onboarding_describe (onboarding);

  g_assert_cmpstr (onboarding->connectivity, ==, "standard");
  g_assert_cmpstr (onboarding->cloud, ==, "commercial");
  g_assert_cmpstr (onboarding->profile, ==, "mde-standard");
  g_assert_cmpstr (onboarding->geography, ==, "EU");
  g_assert_cmpstr (onboarding->datacenter, ==, "WestEurope");
  g_assert_cmpstr (onboarding->gateway_code, ==, "weu");
  g_assert_cmpstr (onboarding->data_host, ==, "eu-v20.events.data.microsoft.com");
  g_assert_null (onboarding->note);
  g_assert_cmpstr (defaults, ==, "Profile mde-standard and geography EU from "
                   "/etc/opt/microsoft/mdatp/mdatp_onboard.json (an explicit --profile or "
                   "--geography wins)");
  g_assert_nonnull (strstr (described, "datacenter WestEurope"));
  /* The signature and the tenant are never repeated. */
  g_assert_null (strstr (described, "00000000-1111"));
  g_assert_null (strstr (described, "AAAA"));
}

/* The reference's example: a streamlined gateway and partnerGeoLocation. */
static void
test_streamlined (void)
{
  g_autofree char *body = body_json ("https://edr-weu.eu.endpoint.security.microsoft.com/edr/",
                                     "WestEurope", "EU",
                                     ",\"vortexServerUrl\":\"https://eu-v20.events.endpoint."
                                     "security.microsoft.com/OneCollector/1.0\","
                                     "\"partnerGeoLocation\":\"GW_EU\"");
  g_autoptr(PpOnboarding) onboarding = parse_body (body);

  g_assert_cmpstr (onboarding->connectivity, ==, "streamlined");
  g_assert_cmpstr (onboarding->profile, ==, "mde-streamlined");
  g_assert_cmpstr (onboarding->geography, ==, "GW_EU");
  g_assert_cmpstr (onboarding->gateway_host, ==, "edr-weu.eu.endpoint.security.microsoft.com");
  g_assert_cmpstr (onboarding->data_host, ==, "eu-v20.events.endpoint.security.microsoft.com");
}

/* Without partnerGeoLocation the gateway's region names the geography. */
static void
test_streamlined_region (void)
{
  g_autofree char *body = body_json ("https://edr-eus3.us.endpoint.security.microsoft.com/edr/",
                                     "EastUs3", "US", NULL);
  g_autoptr(PpOnboarding) onboarding = parse_body (body);

  g_assert_cmpstr (onboarding->profile, ==, "mde-streamlined");
  g_assert_cmpstr (onboarding->geography, ==, "GW_US");
  g_assert_cmpstr (onboarding->gateway_code, ==, "eus3");
}

static void
test_gov (void)
{
  const struct {
    const char *code;
    const char *cloud;
    const char *profile;
    gboolean note;
  } cases[] = {
    { "usgt", "GCC High", "mde-gcc-high", TRUE },
    { "usgv", "DoD", "mde-dod", FALSE },
    { "usmt", "GCC", "mde-gcc", FALSE },
    { "usmv", "GCC", "mde-gcc", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://winatp-gw-%s.microsoft.com/", cases[i].code);
      /* The government clouds' vortexGeoLocation is no geography of ours. */
      g_autofree char *body = body_json (url, "UsGovTexas", "FFL4", NULL);
      g_autoptr(PpOnboarding) onboarding = parse_body (body);

      g_assert_cmpstr (onboarding->cloud, ==, cases[i].cloud);
      g_assert_cmpstr (onboarding->profile, ==, cases[i].profile);
      g_assert_null (onboarding->geography);
      g_assert_cmpstr (onboarding->data_host, ==, "us4-v20.events.data.microsoft.com");
      g_assert_true ((onboarding->note != NULL) == cases[i].note);
    }
}

/* Microsoft lists only a wildcard: no profile, the defaults stay. */
static void
test_gov_streamlined (void)
{
  g_autofree char *body = body_json ("https://edr-usgv.gov.endpoint.security.microsoft.us/edr/",
                                     "UsGovVirginia", "FFL4", NULL);
  g_autoptr(PpOnboarding) onboarding = parse_body (body);
  g_autofree char *defaults = pp_onboarding_format_defaults (onboarding);

  g_assert_cmpstr (onboarding->connectivity, ==, "streamlined");
  g_assert_cmpstr (onboarding->cloud, ==, "US Government");
  g_assert_null (onboarding->profile);
  g_assert_true (g_str_has_prefix (defaults, "No default from /etc/opt/microsoft/mdatp/"
                                             "mdatp_onboard.json: Microsoft publishes"));
}

/* A geography the profile does not have is not a default: every one is probed. */
static void
test_unknown_geography (void)
{
  g_autofree char *body = body_json ("https://winatp-gw-xyz.microsoft.com/", "Mars", "MA", NULL);
  g_autoptr(PpOnboarding) onboarding = parse_body (body);

  g_assert_cmpstr (onboarding->profile, ==, "mde-standard");
  g_assert_null (onboarding->geography);
  g_assert_nonnull (strstr (onboarding->note, "geography MA is not one of profile mde-standard's"));
}

static void
assert_package (const char *name,
                const char *text,
                const char *profile,
                const char *geography)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpOnboarding) onboarding = pp_onboarding_parse (name, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (onboarding->path, ==, name);
  g_assert_cmpstr (onboarding->profile, ==, profile);
  g_assert_cmpstr (onboarding->geography, ==, geography);
}

/* The packages escape the blob once more, each in its own language. */
static void
test_packages (void)
{
  g_autofree char *body = body_json ("https://winatp-gw-uks.microsoft.com/", "UkSouth", "UK", NULL);
  g_autofree char *info = info_json (body);
  g_autofree char *file = file_json (body);
  g_autofree char *python_file = g_strescape (file, NULL);
  g_autofree char *python = g_strdup_printf ("#!/usr/bin/env python3\nimport os\n"
                                             "    with open(destfile, \"w\") as json_file:\n"
                                             "        json_file.write('''%s''')\n", python_file);
  g_autofree char *cmd_info = g_strescape (info, NULL);
  g_autofree char *cmd = g_strdup_printf ("@echo off\r\nreg add \"HKLM\\SOFTWARE\\Policies\\"
                                          "Microsoft\\Windows Advanced Threat Protection\" /v "
                                          "OnboardingInfo /t REG_SZ /f /d \"%s\" >NUL 2>&1\r\n",
                                          cmd_info);
  g_auto(GStrv) quoted = g_strsplit (info, "\"", -1);
  g_autofree char *xml_info = g_strjoinv ("&quot;", quoted);
  g_autofree char *plist = g_strdup_printf ("<?xml version=\"1.0\"?>\n<plist version=\"1.0\">"
                                            "<dict><key>OnboardingInfo</key>\n<string>%s</string>"
                                            "</dict></plist>\n", xml_info);

  assert_package ("MicrosoftDefenderATPOnboardingLinuxServer.py", python, "mde-standard", "UK");
  assert_package ("WindowsDefenderATPOnboardingScript.cmd", cmd, "mde-standard", "UK");
  assert_package ("com.microsoft.wdav.atp.plist", plist, "mde-standard", "UK");
}

static void
assert_malformed (const char *text,
                  gint        code,
                  const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpOnboarding) onboarding = parse (text, &error);

  g_assert_null (onboarding);
  g_assert_error (error, PP_ONBOARDING_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
  g_assert_true (g_str_has_prefix (error->message, "/etc/opt/microsoft/mdatp/mdatp_onboard.json: "));
}

static void
test_malformed (void)
{
  g_autofree char *not_a_url = body_json ("not a url", "X", "EU", NULL);
  g_autofree char *not_a_url_file = file_json (not_a_url);
  g_autofree char *unknown = body_json ("https://gateway.example.org/", "X", "EU", NULL);
  g_autofree char *unknown_file = file_json (unknown);
  g_autofree char *no_url = file_json ("{\"datacenter\":\"WestEurope\"}");
  g_autofree char *body_not_json = file_json ("{oops");
  const char *info_not_json = "{\"onboardingInfo\": \"{oops\"}";

  assert_malformed ("{\"onboardingInfo\": ", PP_ONBOARDING_ERROR_MALFORMED, "the file is not JSON");
  assert_malformed ("{}", PP_ONBOARDING_ERROR_MALFORMED,
                    "$ has no member \"onboardingInfo\": not an onboarding file");
  assert_malformed ("{\"onboardingInfo\": 7}", PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo is a number, not a string");
  assert_malformed (info_not_json, PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo is not JSON");
  /* Found by fuzz-onboarding: an empty string is no JSON value at all. */
  assert_malformed ("{\"onboardingInfo\": \"\"}", PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo is empty: not an onboarding file");
  assert_malformed ("{\"onboardingInfo\": \"{\\\"body\\\": \\\"  \\\"}\"}",
                    PP_ONBOARDING_ERROR_MALFORMED, "$.onboardingInfo.body is empty");
  assert_malformed ("{\"onboardingInfo\": \"[1]\"}", PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo is an array, not an object");
  assert_malformed (body_not_json, PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo.body is not JSON");
  assert_malformed (no_url, PP_ONBOARDING_ERROR_MALFORMED, "no geoLocationUrl found");
  assert_malformed (not_a_url_file, PP_ONBOARDING_ERROR_MALFORMED,
                    "geoLocationUrl 'not a url' is not a URL");
  assert_malformed (unknown_file, PP_ONBOARDING_ERROR_UNKNOWN,
                    "the gateway gateway.example.org is neither a standard");
  assert_malformed ("#!/bin/sh\necho hello\n", PP_ONBOARDING_ERROR_MALFORMED,
                    "no geoLocationUrl found");
}

/* 100,000 nested arrays, at each level: an error, never json-glib's
 * recursion to the end of the stack. */
static void
test_nested (void)
{
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');
  g_autofree char *deep = g_strconcat (open, close, NULL);
  g_autofree char *deep_body = g_strdup_printf ("{\"geoLocationUrl\":%s}", deep);
  g_autofree char *deep_file = file_json (deep_body);
  g_autofree char *deep_top = g_strdup_printf ("{\"onboardingInfo\": %s}", deep);

  assert_malformed (deep_top, PP_ONBOARDING_ERROR_MALFORMED, "nested more than 64 levels");
  assert_malformed (deep_file, PP_ONBOARDING_ERROR_MALFORMED,
                    "$.onboardingInfo.body is not JSON");
}

static char *
write_fixture (const char *relative,
               const char *contents,
               gssize      length)
{
  g_autofree char *dir = NULL;
  char *path = g_build_filename (fixture_dir, relative, NULL);

  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* Read with a bound, under a sysroot; a machine without the file is not onboarded. */
static void
test_read (void)
{
  g_autofree char *body = body_json ("https://winatp-gw-aue.microsoft.com/", "AustraliaEast",
                                     "AU", NULL);
  g_autofree char *file = file_json (body);
  g_autofree char *path = write_fixture ("sysroot/" PP_ONBOARDING_PATH, file, -1);
  g_autofree char *sysroot = g_build_filename (fixture_dir, "sysroot", NULL);
  g_autofree char *huge = g_strnfill (PP_ONBOARDING_MAX_SIZE + 1, ' ');
  g_autofree char *huge_path = write_fixture ("huge.json", huge, -1);
  g_autoptr(PpOnboarding) onboarding = NULL;
  g_autoptr(GError) error = NULL;

  onboarding = pp_onboarding_read (sysroot, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (onboarding->path, ==, path);
  g_assert_cmpstr (onboarding->geography, ==, "AU");
  g_clear_pointer (&onboarding, pp_onboarding_free);

  onboarding = pp_onboarding_read (fixture_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (onboarding);

  onboarding = pp_onboarding_read (NULL, huge_path, &error);
  g_assert_error (error, PP_ONBOARDING_ERROR, PP_ONBOARDING_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, huge_path));
  g_assert_null (onboarding);
  g_clear_error (&error);

  onboarding = pp_onboarding_read (NULL, "/nonexistent/onboarding.py", &error);
  g_assert_error (error, PP_ONBOARDING_ERROR, PP_ONBOARDING_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/onboarding.py: "));
  g_assert_null (onboarding);
}

static gboolean
uses (const PpOnboarding *onboarding,
      const char         *url)
{
  g_autoptr(PpEndpoint) endpoint = pp_endpoint_new (url, "Test", "GET", NULL, 0, NULL, "WW");

  return pp_onboarding_agent_uses (endpoint, (gpointer) onboarding);
}

/* The gateway, the data host, the datacenter's investigation storage. */
static void
test_agent_uses (void)
{
  g_autofree char *body = body_json ("https://winatp-gw-weu.microsoft.com/", "WestEurope", "EU",
                                     NULL);
  g_autoptr(PpOnboarding) standard = parse_body (body);
  g_autofree char *gov_body = body_json ("https://winatp-gw-usgv.microsoft.com/", "UsGovVirginia",
                                         "FFL4", NULL);
  g_autoptr(PpOnboarding) gov = parse_body (gov_body);

  g_assert_true (uses (standard, "https://winatp-gw-weu.microsoft.com/commands/test"));
  g_assert_true (uses (standard, "https://WINATP-GW-WEU.microsoft.com/"));
  g_assert_true (uses (standard, "https://automatedirstrprdweu.blob.core.windows.net"));
  g_assert_true (uses (standard, "https://eu-v20.events.data.microsoft.com/ping"));
  g_assert_false (uses (standard, "https://winatp-gw-neu.microsoft.com/commands/test"));
  g_assert_false (uses (standard, "https://automatedirstrprdweu3.blob.core.windows.net"));
  g_assert_false (uses (standard, "https://automatedirstrprdweu.blob.core.windows.net.evil.test/"));
  g_assert_false (uses (standard, "https://go.microsoft.com/fwlink/?linkid=2120136"));
  g_assert_true (uses (gov, "https://automatedirstrffusgv.blob.core.usgovcloudapi.net/"));
  g_assert_false (uses (gov, "https://automatedirstrffusgt.blob.core.usgovcloudapi.net/"));
  g_assert_true (uses (gov, "https://us4-v20.events.data.microsoft.com/ping"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  fixture_dir = g_dir_make_tmp ("test-onboarding-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/onboarding/standard", test_standard);
  g_test_add_func ("/onboarding/streamlined", test_streamlined);
  g_test_add_func ("/onboarding/streamlined-region", test_streamlined_region);
  g_test_add_func ("/onboarding/gov", test_gov);
  g_test_add_func ("/onboarding/gov-streamlined", test_gov_streamlined);
  g_test_add_func ("/onboarding/unknown-geography", test_unknown_geography);
  g_test_add_func ("/onboarding/packages", test_packages);
  g_test_add_func ("/onboarding/malformed", test_malformed);
  g_test_add_func ("/onboarding/nested", test_nested);
  g_test_add_func ("/onboarding/read", test_read);
  g_test_add_func ("/onboarding/agent-uses", test_agent_uses);

  ret = g_test_run ();
  remove_tree (fixture_dir);
  g_free (fixture_dir);

  return ret;
}
