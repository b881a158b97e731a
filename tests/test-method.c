/* test-method.c: pp-method, the --methods list, numbers and labels
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-method.h"

static void
test_method_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) methods = pp_method_parse_list ("env, direct,DEFAULT", &error);
  g_autoptr(GArray) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (methods->len, ==, 3);
  g_assert_cmpint (g_array_index (methods, PpMethod, 0), ==, PP_METHOD_DEFAULT);
  g_assert_cmpint (g_array_index (methods, PpMethod, 1), ==, PP_METHOD_DIRECT);
  g_assert_cmpint (g_array_index (methods, PpMethod, 2), ==, PP_METHOD_ENV);
  g_assert_cmpuint (pp_method_get_number (PP_METHOD_CMDLINE), ==, 5);
  g_assert_cmpstr (pp_method_get_label (PP_METHOD_WPAD), ==, "Proxy auto discovery (WPAD)");

  bad = pp_method_parse_list ("direct,pac", &error);
  g_assert_null (bad);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "'pac'"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/method/list", test_method_list);

  return g_test_run ();
}
