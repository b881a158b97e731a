/* main.c: proxyprobe, the GTK application
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "pp-application.h"
#include "pp-gui-init.h"
#include "pp-redact.h"

/* PROXYPROBE_LOCALEDIR lets an uninstalled build (and the tests) use the
 * catalogues meson builds in build/po. */
static void
setup_gettext (void)
{
  const char *localedir = g_getenv ("PROXYPROBE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpApplication) app = NULL;
  PpGuiOptions options = { 0 };
  char *app_argv[] = { argv[0], NULL };
  int status;

  /* Before anything can print or log: every message is redacted. */
  pp_redact_install_sinks ();
  setup_gettext ();
  /* A proxy that drops the connection mid-write must not kill us. */
  signal (SIGPIPE, SIG_IGN);

  if (!pp_gui_options_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("proxyprobe: %s\n", error->message);
      g_printerr (_("Try “proxyprobe --help” for more information.\n"));
      pp_gui_options_clear (&options);
      return PP_EXIT_BAD_INPUT;
    }
  if (options.version)
    {
      g_print ("proxyprobe %s\n", PACKAGE_VERSION);
      pp_gui_options_clear (&options);
      return 0;
    }

  if (!pp_gui_init ())
    {
      g_printerr (_("proxyprobe: no display to show the window on. In a terminal or a "
                    "script without a desktop session, use proxyprobe-cli.\n"));
      pp_gui_options_clear (&options);
      return PP_EXIT_BAD_INPUT;
    }

  app = pp_application_new (&options);
  status = g_application_run (G_APPLICATION (app), 1, app_argv);
  pp_gui_options_clear (&options);

  return status != 0 ? status : pp_application_get_status (app);
}
