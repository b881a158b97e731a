/* pp-test-cli.h: running proxyprobe-cli from a test, as a script would
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

typedef struct
{
  int status;
  char *out;
  char *err;
} CliRun;

void                 cli_run_clear   (CliRun             *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

GSubprocessLauncher *cli_launcher    (const char * const *env);
void                 cli_spawn       (CliRun             *run,
                                      const char * const *env,
                                      GPtrArray          *argv);
gint64               cli_interrupt   (CliRun             *run,
                                      const char * const *env,
                                      GPtrArray          *argv,
                                      guint               delay_ms);
void                 assert_contains (const char         *haystack,
                                      const char         *needle);
