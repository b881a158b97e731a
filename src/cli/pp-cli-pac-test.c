/* pp-cli-pac-test.c: "proxyprobe-cli pac-test"
 *
 * Exits with the program's PpExitStatus, read for URLs instead of
 * endpoints: 0 when the script answered for every URL, 1 when it failed
 * for some (an agent using WPAD has no route for that URL), 2 for bad
 * input (options, URLs, a PAC file that cannot be read or loaded).
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-cli-options.h"
#include "pp-cli-pac-test.h"
#include "pp-pac-result.h"
#include "pp-pac.h"
#include "pp-profile.h"
#include "pp-profile-urls.h"
#include "pp-run-results.h"
#include "pp-wpad.h"

static int
bad_input (const char *message)
{
  g_printerr ("proxyprobe-cli pac-test: %s\n", message);
  g_printerr ("Try 'proxyprobe-cli pac-test --help' for more information.\n");

  return PP_EXIT_BAD_INPUT;
}

static void
print_candidates (const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GPtrArray) candidates = pp_pac_result_parse (answer, &warnings, &error);

  for (guint i = 0; candidates && i < candidates->len; i++)
    g_print ("  %u. %s\n", i + 1, ((PpProxySpec *) g_ptr_array_index (candidates, i))->display);
  for (guint i = 0; warnings && warnings[i]; i++)
    g_print ("  warning: %s\n", warnings[i]);
  if (error)
    g_print ("  error: %s\n", error->message);
}

/* Prints what the script answers for @url, the way pactester does, then
 * the candidates the wpad method would try, in order. */
static gboolean
test_url (PpPacRunner *runner,
          const char  *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_auto(GStrv) alerts = NULL;
  g_auto(GStrv) dns_log = NULL;

  if (!pp_pac_runner_find_proxy (runner, url, &answer, &alerts, &dns_log, &error))
    {
      g_print ("%s: failed: %s\n", url, error->message);
      return FALSE;
    }

  g_print ("%s: %s\n", url, answer);
  print_candidates (answer);
  for (guint i = 0; alerts && alerts[i]; i++)
    g_print ("  alert: %s\n", alerts[i]);
  for (guint i = 0; dns_log && dns_log[i]; i++)
    g_print ("  dns: %s\n", dns_log[i]);

  return TRUE;
}

int
pp_cli_pac_test (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("URL… — a PAC script's answer for each URL");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPacRunner) runner = NULL;
  g_autofree char *pac_file = NULL;
  g_autofree char *script = NULL;
  gboolean all_ok = TRUE;
  const GOptionEntry entries[] = {
    { "pac-file", 0, 0, G_OPTION_ARG_FILENAME, &pac_file, "The PAC script", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return bad_input (error->message);
  if (pac_file == NULL || argc < 2)
    return bad_input ("give --pac-file FILE and at least one URL");
  for (int i = 1; i < argc; i++)
    if (!pp_url_validate (argv[i], &error))
      return bad_input (error->message);

  if (!pp_wpad_load_pac_file (pac_file, &script, &error))
    return bad_input (error->message);

  runner = pp_pac_runner_new ();
  if (!pp_pac_runner_load (runner, script, &error))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", pac_file, error->message);
      return bad_input (message);
    }

  for (int i = 1; i < argc; i++)
    all_ok &= test_url (runner, argv[i]);

  return all_ok ? PP_EXIT_ALL_REACHABLE : PP_EXIT_SOME_UNREACHABLE;
}
