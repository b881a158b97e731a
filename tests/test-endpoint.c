/* test-endpoint.c: pp-endpoint, what makes two endpoints the same
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-endpoint.h"

/* The window runs the rows it already shows when a new plan's endpoints
 * are all equal to theirs: any field that differs must count. */
static void
test_endpoint_equal (void)
{
  static const guint ok[] = { 200 }, ok_or_204[] = { 200, 204 }, created[] = { 201 };
  g_autoptr(PpEndpoint) a = pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "US");
  g_autoptr(PpEndpoint) same = pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "US");
  /* "Any status" has no codes to compare: no memcmp of NULL (UBSan). */
  g_autoptr(PpEndpoint) any = pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US");
  g_autoptr(PpEndpoint) any_too = pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US");
  PpEndpoint *different[] = {
    pp_endpoint_new ("https://b.test/", "A", "GET", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "B", "GET", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "HEAD", ok, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok_or_204, 2, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", created, 1, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", NULL, 0, "system", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "pinned:mde", "US"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", "EU"),
    pp_endpoint_new ("https://a.test/", "A", "GET", ok, 1, "system", NULL),
  };

  g_assert_true (pp_endpoint_equal (a, a));
  g_assert_true (pp_endpoint_equal (a, same));
  g_assert_true (pp_endpoint_equal (any, any_too));
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_assert_false (pp_endpoint_equal (a, different[i]));
      g_assert_false (pp_endpoint_equal (different[i], a));
      pp_endpoint_unref (different[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/endpoint/equal", test_endpoint_equal);

  return g_test_run ();
}
