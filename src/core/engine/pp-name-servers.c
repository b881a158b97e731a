/* pp-name-servers.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-name-servers.h"
#include "pp-file.h"
#include "pp-log.h"

#include <string.h>

/* glibc's own limits (MAXNS, RES_TIMEOUT, RES_MAXRETRANS): a file with
 * more servers, or a longer timeout, is not what the look-ups do. */
#define MAX_SERVERS        3
#define DEFAULT_TIMEOUT_S  5
#define MAX_TIMEOUT_S      30
/* A resolv.conf is a few hundred bytes; this only bounds a hostile one. */
#define MAX_FILE_BYTES     (64 * 1024)

static void
read_timeout_option (char  **tokens,
                     guint  *timeout_s)
{
  for (guint i = 1; tokens[i] != NULL; i++)
    if (g_str_has_prefix (tokens[i], "timeout:"))
      {
        guint64 value = g_ascii_strtoull (tokens[i] + strlen ("timeout:"), NULL, 10);

        *timeout_s = (guint) CLAMP (value, 1, MAX_TIMEOUT_S);
      }
}

/* The name servers of @path (normally /etc/resolv.conf), in the order the
 * C library asks them, and its answer timeout. A file that cannot be read
 * gives no servers: the caller then speaks of "the system resolver". */
void
pp_name_servers_read (const char    *path,
                      PpNameServers *out)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  out->servers = NULL;
  out->timeout_s = DEFAULT_TIMEOUT_S;
  if ((contents = pp_file_read_bounded (path, MAX_FILE_BYTES, NULL, &error)) == NULL)
    {
      pp_debug ("name servers: %s", error->message);
      return;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) tokens = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);

      if (g_strcmp0 (tokens[0], "nameserver") == 0 && tokens[1] != NULL &&
          *tokens[1] != '\0' && servers->len < MAX_SERVERS &&
          g_hostname_is_ip_address (tokens[1]))
        g_ptr_array_add (servers, g_strdup (tokens[1]));
      else if (g_strcmp0 (tokens[0], "options") == 0)
        read_timeout_option (tokens, &out->timeout_s);
    }
  g_ptr_array_add (servers, NULL);
  if (servers->len > 1)
    out->servers = g_strjoinv (", ", (char **) servers->pdata);
  pp_debug ("name servers in %s: %s, timeout %u s", path,
            out->servers ? out->servers : "none", out->timeout_s);
}

void
pp_name_servers_clear (PpNameServers *servers)
{
  g_clear_pointer (&servers->servers, g_free);
}
