/* pp-agent-view.h: Defender for Endpoint's own view of its health and connectivity
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Each command's bound: `mdatp connectivity test` tries a few dozen URLs. */
#define PP_AGENT_VIEW_TIMEOUT_MS (30 * 1000)
#define PP_AGENT_VIEW_MAX_OUTPUT (64 * 1024)

typedef struct
{
  char *command;          /* the mdatp run, or NULL: not installed (or not asked) */
  char *not_asked;        /* why the agent was not asked, or NULL */
  char *version;          /* app_version */
  char *healthy;          /* "true", "false", or NULL when unknown */
  char **health_issues;   /* never NULL */
  char *definitions_status;
  char *health_problem;   /* why the health is unknown, or NULL */
  char *connectivity;     /* `mdatp connectivity test`'s output (redacted), or NULL */
  char *connectivity_problem;
} PpAgentView;

PpAgentView *pp_agent_view_collect      (const char         *sysroot,
                                         guint               timeout_ms,
                                         GCancellable       *stop);
void         pp_agent_view_free         (PpAgentView        *self);
char        *pp_agent_view_format_summary (const PpAgentView *self);
char        *pp_agent_view_format_text  (const PpAgentView  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpAgentView, pp_agent_view_free)

G_END_DECLS
