/* bench-redact.c: pp_redact() with a full registry of passwords
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hostile profile's user:password@ URLs can fill the registry
 * (PP_REDACT_MAX_FORMS forms), after which every line the programs put
 * out is redacted against all of them. Registers that many forms, with a
 * pp_redact() after each registration as a parser quoting each URL does,
 * then times pp_redact() of a 40 KB and a 1 MiB text of log lines that
 * quote some of them. Prints the best and the median of the runs.
 * Given a profile file, also times loading it with the registry full
 * (fuzz-profile's timeout: every URL the schema checks is quoted).
 * With --learn N LENGTH instead, times learning N URLs whose passwords
 * are LENGTH random letters and digits, a quote after each: what
 * filling the registry with long passwords costs.
 *
 *   meson compile -C build bench-redact && build/bench/bench-redact [PROFILE]
 *   build/bench/bench-redact --learn 600 1000
 */
#include <stdlib.h>
#include <string.h>

#include "pp-profile.h"
#include "pp-redact.h"

static char *
make_text (gsize size)
{
  GString *text = g_string_sized_new (size + 128);

  for (guint i = 0; text->len < size; i++)
    g_string_append_printf (text, "line %u: curl: (7) proxy http://proxy.corp.example:3128 "
                            "refused the CONNECT for %s, try again\n", i,
                            i % 7 == 0 ? "proxy-pass-01234" : "endpoint.example.com:443");

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
time_redact (const char *label,
             gsize       size,
             guint       runs)
{
  g_autofree char *text = make_text (size);
  g_autofree double *times = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *redacted = pp_redact (text);

      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_null (strstr (redacted, "proxy-pass-01234"));
    }
  qsort (times, runs, sizeof *times, compare_doubles);
  g_print ("pp_redact of %s with %u forms: best %.2f ms, median %.2f ms (%u runs)\n",
           label, PP_REDACT_MAX_FORMS, times[0], times[runs / 2], runs);
}

static void
time_profile (const char *path)
{
  PpProfileOptions options = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PpProfile) profile = pp_profile_load_file (path, &options, &error);

  g_print ("load %s with %u forms: %.1f ms (%s)\n", path, PP_REDACT_MAX_FORMS,
           (g_get_monotonic_time () - start) / 1000.0, profile ? "loaded" : "refused");
}

static void
time_learn (guint n_urls,
            guint length)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *password = g_malloc (length + 1);
      g_autofree char *url = NULL;
      g_autofree char *quoted = NULL;

      for (guint k = 0; k < length; k++)
        password[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      password[length] = '\0';
      url = g_strdup_printf ("https://user:%s@proxy.corp.example/", password);
      pp_redact_learn (url);
      quoted = pp_redact_quote ("https://host.example/x");
    }
  g_print ("learn %u URLs with %u-byte passwords, a quote after each: %.1f ms\n", n_urls,
           length, (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();

  if (argc == 4 && g_str_equal (argv[1], "--learn"))
    {
      time_learn (atoi (argv[2]), atoi (argv[3]));
      return 0;
    }
  /* Letters, digits and '-': each secret is one form. They start as
   * the text's words do, as a hostile profile's can. */
  for (guint i = 0; i < PP_REDACT_MAX_FORMS; i++)
    {
      g_autofree char *secret = g_strdup_printf ("proxy-pass-%05u", i);
      g_autofree char *quoted = NULL;

      pp_redact_add_secret (secret);
      quoted = pp_redact_quote ("http://user:***@proxy.corp.example:3128");
    }
  g_print ("register %u forms, a pp_redact_quote after each: %.1f ms\n",
           PP_REDACT_MAX_FORMS, (g_get_monotonic_time () - start) / 1000.0);
  time_redact ("40 KB", 40 * 1024, 15);
  time_redact ("1 MiB", 1024 * 1024, 5);
  if (argc > 1)
    time_profile (argv[1]);

  return 0;
}
