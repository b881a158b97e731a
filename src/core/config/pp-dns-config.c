/* pp-dns-config.c: the resolver configuration the DNS outcomes depend on
 *
 * A probe that fails with "could not resolve" means little without the
 * name servers and search domains the machine asked: resolv.conf, and
 * systemd-resolved's per-link servers and domains (resolvectl), which
 * resolv.conf's stub address hides. For system.txt, as text.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-dns-config.h"
#include "pp-command.h"
#include "pp-file.h"
#include "pp-log.h"

#include <string.h>

#define MAX_OUTPUT (64 * 1024)

static const char * const resolv_keywords[] = {
  "nameserver", "search", "domain", "options", NULL
};

/* Only the lines the resolver reads: comments may say anything. */
static void
append_resolv_conf (GString    *out,
                    const char *sysroot)
{
  g_autofree char *path = g_build_filename (sysroot ? sysroot : "/", "etc/resolv.conf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = pp_file_read_bounded (path, MAX_OUTPUT, NULL, &error);
  g_auto(GStrv) lines = NULL;
  gboolean any = FALSE;

  g_string_append_printf (out, "%s:\n", path);
  if (data == NULL)
    {
      g_string_append_printf (out, "  (cannot be read: %s)\n", error->message);
      return;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      for (guint k = 0; resolv_keywords[k]; k++)
        if (g_str_has_prefix (line, resolv_keywords[k]) &&
            g_ascii_isspace (line[strlen (resolv_keywords[k])]) && g_utf8_validate (line, -1, NULL))
          {
            g_string_append_printf (out, "  %s\n", line);
            any = TRUE;
          }
    }
  if (!any)
    g_string_append (out, "  (no nameserver, search, domain or options lines)\n");
}

static void
append_resolved (GString *out,
                 guint    timeout_ms)
{
  const char *argv[] = { "resolvectl", "--no-pager", "status", NULL };
  g_autofree char *command = g_find_program_in_path ("resolvectl");
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  g_string_append (out, "systemd-resolved (resolvectl status):\n");
  if (command == NULL)
    {
      g_string_append (out, "  (resolvectl is not installed)\n");
      return;
    }
  output = pp_command_run_bounded (argv, timeout_ms, MAX_OUTPUT, NULL, NULL, &error);
  if (output == NULL || !g_utf8_validate (output, -1, NULL))
    {
      g_string_append_printf (out, "  (%s)\n", error ? error->message : "output is not UTF-8");
      return;
    }
  lines = g_strsplit (g_strchomp (output), "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (out, "  %s\n", lines[i]);
}

/**
 * pp_dns_config_format:
 * @sysroot: (nullable): read resolv.conf below it; resolvectl describes
 *   this machine, so with a sysroot it is not asked
 *
 * Blocking: up to @timeout_ms for resolvectl.
 */
char *
pp_dns_config_format (const char *sysroot,
                      guint       timeout_ms)
{
  GString *out = g_string_new (NULL);

  append_resolv_conf (out, sysroot);
  if (sysroot == NULL)
    append_resolved (out, timeout_ms);
  pp_debug ("resolver configuration: %zu bytes", out->len);

  return g_string_free (out, FALSE);
}
