/* pp-cli-options.h: proxyprobe-cli's command line
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-config.h"
#include "pp-plan.h"
#include "pp-run-results.h"
#include "pp-trust.h"

G_BEGIN_DECLS

typedef struct
{
  char *profile;
  char *urls_file;
  char **urls;
  char *geography;
  char *workspace_id;
  char *proxy;
  char *named_proxy;
  char *methods;
  double timeout;
  double connect_timeout;
  int concurrency;
  char **trust;
  char *public_roots;
  char *sysroot;
  char *onboarding;     /* --onboarding FILE: a package instead of the machine's */
  char *pac_file;
  char *pac_url;
  gboolean show_config;
  gboolean json;
  gboolean version;
  gboolean list_profiles;
  char *output;         /* --output FILE.zip */
  gboolean force;
  gboolean anonymize;
  char *pass_rule;      /* --pass-rule: "agent-path" (default) or "any-method" */
} PpCliOptions;

gboolean   pp_cli_options_parse       (PpCliOptions  *options,
                                       int           *argc,
                                       char        ***argv,
                                       GError       **error);
void       pp_cli_options_clear       (PpCliOptions  *options);
PpConfig  *pp_cli_options_make_config (PpCliOptions  *options,
                                       gboolean       discover_wpad,
                                       GError       **error);
PpPassRule pp_cli_options_get_pass_rule (PpCliOptions *options);
PpTrust   *pp_cli_options_make_trust  (PpCliOptions  *options,
                                       GError       **error);
PpPlan    *pp_cli_options_make_plan   (PpCliOptions  *options,
                                       GError       **error);

G_END_DECLS
