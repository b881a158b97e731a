/* pp-format.c: numbers and URLs, the way the window shows them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <string.h>

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

/* The first @n_labels DNS labels of @host ("winatp-gw-weu" of
 * "winatp-gw-weu.microsoft.com"); an address or a name with a port is
 * kept whole, since a part of it tells nothing. */
static char *
host_prefix (const char *host,
             guint       n_labels)
{
  g_auto(GStrv) labels = NULL;

  if (g_hostname_is_ip_address (host) || strchr (host, ':') != NULL)
    return g_strdup (host);
  labels = g_strsplit (host, ".", -1);
  if (n_labels >= g_strv_length (labels))
    return g_strdup (host);
  {
    /* Joined up to @n_labels: the array itself is freed whole. */
    char *cut = labels[n_labels];
    char *prefix;

    labels[n_labels] = NULL;
    prefix = g_strjoinv (".", labels);
    labels[n_labels] = cut;
    return prefix;
  }
}

/* The fewest leading labels of hosts[@i] that no other host begins with. */
static char *
distinct_prefix (char  **hosts,
                 guint   i)
{
  guint n_labels = 1;

  for (;; n_labels++)
    {
      g_autofree char *mine = host_prefix (hosts[i], n_labels);
      gboolean shared = FALSE;

      if (g_str_equal (mine, hosts[i]))
        return g_steal_pointer (&mine);
      for (guint j = 0; hosts[j] != NULL && !shared; j++)
        {
          g_autofree char *theirs = NULL;

          if (j == i || g_str_equal (hosts[j], hosts[i]))
            continue;
          theirs = host_prefix (hosts[j], n_labels);
          shared = g_str_equal (theirs, mine);
        }
      if (!shared)
        return g_steal_pointer (&mine);
    }
}

static char *
url_path (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup ("");
  if (g_uri_get_query (uri) != NULL)
    return g_strdup_printf ("%s?%s", g_uri_get_path (uri), g_uri_get_query (uri));

  return g_strdup (g_uri_get_path (uri));
}

/**
 * pp_format_distinct_names:
 * @urls: the grid's endpoints
 *
 * For each URL, the part of it that tells its row from the others: the
 * fewest leading labels of its host that no other host shares
 * ("winatp-gw-weu" beside "winatp-gw-weu3"), and its path when another
 * URL has the same host. Middle-ellipsized whole hosts read the same.
 *
 * Returns: (transfer full): as many names as @urls
 */
GStrv
pp_format_distinct_names (const char * const *urls)
{
  guint n = g_strv_length ((GStrv) urls);
  g_auto(GStrv) hosts = g_new0 (char *, n + 1);
  GStrv names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    hosts[i] = pp_format_host (urls[i]);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = distinct_prefix (hosts, i);
      gboolean same_host = FALSE;

      for (guint j = 0; j < n && !same_host; j++)
        same_host = j != i && g_str_equal (hosts[j], hosts[i]);
      if (same_host)
        {
          g_autofree char *path = url_path (urls[i]);

          names[i] = g_strconcat (prefix, " ", path, NULL);
        }
      else
        names[i] = g_steal_pointer (&prefix);
    }

  return names;
}

/* A method's column title, short enough for six columns at 1024 pixels:
 * "2 WPAD". The full label is the title's tooltip and accessible name. */
char *
pp_format_method_title (PpMethod method)
{
  static const char * const short_labels[PP_N_METHODS] = {
    [PP_METHOD_DEFAULT] = N_("Default proxy"),
    [PP_METHOD_WPAD] = N_("WPAD"),
    [PP_METHOD_DIRECT] = N_("Proxy disabled"),
    [PP_METHOD_NAMED] = N_("Named proxy"),
    [PP_METHOD_CMDLINE] = N_("Command line"),
    [PP_METHOD_ENV] = N_("Environment"),
  };

  g_return_val_if_fail (method < PP_N_METHODS, NULL);

  /* Translators: a grid column: the method's number and short name, "2 WPAD". */
  return g_strdup_printf (_("%u %s"), pp_method_get_number (method), _(short_labels[method]));
}

/* The full label: "2 Proxy auto discovery (WPAD)". */
char *
pp_format_method_label (PpMethod method)
{
  g_return_val_if_fail (method < PP_N_METHODS, NULL);

  return g_strdup_printf (_("%u %s"), pp_method_get_number (method), _(pp_method_get_label (method)));
}
