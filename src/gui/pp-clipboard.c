/* pp-clipboard.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is copied ends up in a ticket, like the zip: it is redacted by the
 * same pp_redact() as every other output, whatever the caller built.
 */
#include "pp-clipboard.h"
#include "pp-redact.h"

void
pp_clipboard_set_text (GtkWidget  *widget,
                       const char *text)
{
  g_autofree char *redacted = pp_redact (text);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), redacted ? redacted : "");
}
