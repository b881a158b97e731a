/* test-source-leases.c: pp-source-leases, DHCP's WPAD option in every leases format
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-test-sources.h"
#include "pp-sources-detect.h"

static void
test_leases (Fixture       *fixture,
             gconstpointer  data)
{
  const char *url = "http://wpad.corp/wpad.dat";
  g_autoptr(GString) hex = g_string_new ("ADDRESS=10.0.0.2\nOPTION_252=");
  g_autoptr(GPtrArray) sources = NULL;
  PpSource *source;

  for (const char *p = url; *p; p++)
    g_string_append_printf (hex, "%02x", (guchar) *p);
  g_string_append (hex, "00\n");
  write_file (fixture, "run/systemd/netif/leases/2", hex->str, -1);
  write_file (fixture, "var/lib/dhcp/dhclient.eth0.leases",
              "lease {\n  option wpad \"ftp://old\";\n}\n"
              "lease {\n  option wpad \"ftp://x.corp/p\\000\\nevil\";\n}\n", -1);
  sources = pp_sources_detect (&fixture->options);

  source = find_source (sources, "dhcp", "OPTION_252");
  g_assert_cmpstr (pp_source_get_value (source), ==, url);
  g_assert_null (pp_source_get_warnings (source)[0]);
  source = find_source (sources, "dhcp", "option wpad");
  g_assert_cmpstr (pp_source_get_value (source), ==, "ftp://x.corp/p");
  g_assert_true (has_warning (source, "NUL or line break"));
  g_assert_true (has_warning (source, "not an http or https URL"));
}

int
main (int   argc,
      char *argv[])
{
  static const SourceTest tests[] = {
    { "/sources/leases", test_leases },
  };

  return source_tests_run (&argc, &argv, tests, G_N_ELEMENTS (tests));
}
