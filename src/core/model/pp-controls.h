/* pp-controls.h: control characters in untrusted text made harmless
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text from elsewhere (a server's answer, a proxy value, a PAC script, a
 * DHCP option, a received report) ends up on terminals, in logs and in
 * tickets. One definition of what is a control there (C0 but newline and
 * tab, DEL, C1, and the bidirectional marks and overrides that show text
 * in another order than it is written), one scan that also copes with
 * bytes that are not UTF-8 and with NULs, and a notation per reader.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PP_CONTROLS_JSON,      /* "\u001b": visible, and also a JSON escape */
  PP_CONTROLS_REPLACE,   /* U+FFFD in its place: text shown as it is (a received report) */
  PP_CONTROLS_C,         /* "\n", "\r", "\x00": raw bytes (a DHCP option), not UTF-8 as "\xff" */
} PpControlsNotation;

typedef enum
{
  PP_CONTROLS_KEEP_LINES = 0,        /* newline and tab are kept */
  PP_CONTROLS_ONE_LINE   = 1 << 0,   /* newline and tab are escaped too */
} PpControlsFlags;

gboolean pp_controls_is_control (gunichar            c,
                                 PpControlsFlags     flags);
void     pp_controls_append     (GString            *out,
                                 const char         *data,
                                 gssize              length,
                                 PpControlsNotation  notation,
                                 PpControlsFlags     flags,
                                 glong               max_chars);
char    *pp_controls_escape     (const char         *data,
                                 gssize              length,
                                 PpControlsNotation  notation,
                                 PpControlsFlags     flags,
                                 glong               max_chars);

G_END_DECLS
