/* test-named-proxy.c: pp-named-proxy, Defender's managed proxy setting read from its file
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pp-named-proxy.h"

static char *
write_managed (const char *dir,
               const char *json)
{
  char *path = g_build_filename (dir, "mdatp_managed.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));

  return path;
}

static void
test_named_proxy_file_too_large (const char *dir)
{
  g_autofree char *json = g_strnfill (1024 * 1024 + 1, ' ');
  g_autofree char *path = write_managed (dir, json);
  PpNamedProxy named = { 0 };

  pp_named_proxy_read_managed (path, &named);
  g_assert_null (named.spec);
  g_assert_nonnull (strstr (named.problem, "larger than 1 MiB, which is not a Defender configuration"));
  pp_named_proxy_clear (&named);
  g_unlink (path);
}

static void
test_named_proxy_file (void)
{
  static const struct {
    const char *json;
    gboolean has_spec;
    const char *problem;
  } cases[] = {
    { "{\"cloudService\": {\"proxy\": \"http://10.1.1.1:8080\"}}", TRUE, NULL },
    { "{\"cloudService\": {\"proxy\": \"\"}}", FALSE, "empty" },
    { "{\"cloudService\": {\"proxy\": \"http://proxy:port\"}}", FALSE, "placeholder" },
    { "{\"cloudService\": {\"proxy\": \"http://10.1.1.1\"}}", FALSE, "no port" },
    { "{\"cloudService\": {\"proxy\": 8080}}", FALSE, "not a string" },
    { "{\"cloudService\": {\"proxy\": ", FALSE, "cannot be read" },
    { "{\"cloudService\": {}}", FALSE, NULL },
  };
  g_autofree char *dir = g_dir_make_tmp ("pp-named-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_managed (dir, cases[i].json);
      PpNamedProxy named = { 0 };

      pp_named_proxy_read_managed (path, &named);
      g_assert_cmpint (named.spec != NULL, ==, cases[i].has_spec);
      if (cases[i].problem)
        g_assert_nonnull (strstr (named.problem, cases[i].problem));
      else
        g_assert_null (named.problem);
      pp_named_proxy_clear (&named);
      g_unlink (path);
    }
  test_named_proxy_file_too_large (dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/named-proxy/file", test_named_proxy_file);

  return g_test_run ();
}
