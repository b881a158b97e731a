/* pp-redact.h: the one place passwords are removed from output
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A known secret shorter than this is only removed where a pattern finds
 * it: removing every "ab" from a report would destroy it. */
#define PP_REDACT_MIN_SECRET_LENGTH 4

/* How many forms of passwords (each password has up to seven) the
 * registry holds: far more than one machine's configuration has. */
#define PP_REDACT_MAX_FORMS 4096

/* How much of one value pp_redact_quote() shows before "…". */
#define PP_REDACT_MAX_QUOTED_CHARS 120

char *pp_redact                 (const char *text);
char *pp_redact_for_terminal    (const char *text);
char *pp_redact_controls        (const char *text);
char *pp_redact_quote           (const char *text);
void  pp_redact_in_place        (char      **text);
void  pp_redact_error           (GError     *error);
void  pp_redact_learn           (const char *text);
void  pp_redact_add_secret      (const char *secret);
void  pp_redact_add_credentials (const char *user,
                                 const char *password);
void  pp_redact_install_sinks   (void);

G_END_DECLS
