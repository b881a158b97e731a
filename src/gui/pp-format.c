/* pp-format.c: numbers and URLs, the way the window shows them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-format.h"

/* A time in the grid or the details pane: "—" when it was not measured. */
char *
pp_format_duration (gint64 microseconds)
{
  if (microseconds < 0)
    return g_strdup ("—");
  if (microseconds < 10000)
    /* Translators: a duration in milliseconds, with one decimal. */
    return g_strdup_printf (_("%.1f ms"), microseconds / 1000.0);
  if (microseconds < 10000000)
    /* Translators: a duration in milliseconds. */
    return g_strdup_printf (_("%.0f ms"), microseconds / 1000.0);

  /* Translators: a duration in seconds, with one decimal. */
  return g_strdup_printf (_("%.1f s"), microseconds / 1000000.0);
}

/* The host (and port, if the URL names one) of @url; @url itself if it
 * has none. */
char *
pp_format_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}
