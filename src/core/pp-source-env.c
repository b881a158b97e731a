/* pp-source-env.c: proxy variables in the three environments that matter
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-private.h"

#include <string.h>

/* A desktop application inherits the systemd user manager's environment,
 * not a shell's: the three often disagree, and that is the finding. */
typedef enum
{
  ORIGIN_PROCESS,
  ORIGIN_ETC,
  ORIGIN_MANAGER,
  N_ORIGINS
} Origin;

static const char * const origin_names[N_ORIGINS] = {
  "this process's environment",
  "/etc/environment",
  "the systemd user manager's environment",
};

static const struct {
  const char *name;
  const char *for_what;
} variables[] = {
  { "http_proxy", "http URLs" },
  { "HTTP_PROXY", "http URLs (not read by curl)" },
  { "https_proxy", "https URLs" },
  { "HTTPS_PROXY", "https URLs" },
  { "all_proxy", "every URL without a proxy of its own (curl, Chromium, Python; not GLib)" },
  { "ALL_PROXY", "every URL without a proxy of its own (curl, Chromium, Python; not GLib)" },
  { "no_proxy", NULL },
  { "NO_PROXY", NULL },
};

/* /etc/environment is read by pam_env: KEY=VALUE lines, optionally quoted. */
static char **
read_etc_environment (const PpSourcesOptions *options)
{
  g_autofree char *path = pp_source_path (options, "etc/environment");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) envp = g_new0 (char *, 1);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_steal_pointer (&envp);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq = strchr (line, '=');
      gsize len;

      if (*line == '#' || eq == NULL)
        continue;
      *eq = '\0';
      if (g_str_has_prefix (line, "export "))
        line = g_strchug (line + strlen ("export "));
      eq++;
      len = strlen (eq);
      if (len >= 2 && (eq[0] == '"' || eq[0] == '\'') && eq[len - 1] == eq[0])
        {
          eq[len - 1] = '\0';
          eq++;
        }
      envp = g_environ_setenv (envp, g_strchomp (line), eq, TRUE);
    }

  return g_steal_pointer (&envp);
}

static char **
read_manager (const PpSourcesOptions  *options,
              GError                 **error)
{
  static const char * const default_command[] = { "systemctl", "--user", "show-environment", NULL };
  const char * const *argv = options->manager_command ? options->manager_command : default_command;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  int status;

  if (options->manager_environment)
    return g_strdupv ((char **) options->manager_environment);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &output, &errors, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  return g_strsplit (g_strchomp (output), "\n", -1);
}

static char *
describe_difference (const char  *name,
                     char       **envs[N_ORIGINS])
{
  const char *first = NULL;
  gboolean differ = FALSE;
  gboolean seen = FALSE;
  GString *text;

  for (guint o = 0; o < N_ORIGINS; o++)
    {
      const char *value = envs[o] ? g_environ_getenv (envs[o], name) : NULL;

      if (envs[o] == NULL)
        continue;
      if (seen && g_strcmp0 (first, value) != 0)
        differ = TRUE;
      first = seen ? first : value;
      seen = TRUE;
    }
  if (!differ)
    return NULL;

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s differs:", name);
  for (guint o = 0; o < N_ORIGINS; o++)
    if (envs[o])
      {
        const char *value = g_environ_getenv (envs[o], name);

        if (value)
          g_string_append_printf (text, " %s has '%s';", origin_names[o], value);
        else
          g_string_append_printf (text, " %s does not set it;", origin_names[o]);
      }
  g_string_append (text, " desktop applications see the user manager's value, "
                         "shells and services see others; make them the same");

  return g_string_free (text, FALSE);
}

static void
add_variable (guint       index,
              Origin      origin,
              const char *value,
              const char *warning,
              GPtrArray  *out)
{
  const char *name = variables[index].name;
  g_autofree char *provenance = g_strdup_printf ("%s: %s", origin_names[origin], name);
  g_autofree char *meaning = NULL;
  g_autofree char *proxy = NULL;

  if (variables[index].for_what == NULL)
    meaning = g_strdup_printf ("no proxy for: %s", value);
  else
    meaning = g_strdup_printf ("manual proxy %s for %s", value, variables[index].for_what);
  if (g_str_equal (name, "http_proxy") && origin == ORIGIN_PROCESS)
    proxy = g_strdup (value);

  pp_source_add (out, "environment", provenance, value, meaning, proxy, warning);
}

void
pp_source_read_env (const PpSourcesOptions *options,
                    GPtrArray              *out)
{
  g_autoptr(GError) error = NULL;
  char **envs[N_ORIGINS];

  envs[ORIGIN_PROCESS] = options->environment ? g_strdupv ((char **) options->environment)
                                              : g_get_environ ();
  envs[ORIGIN_ETC] = read_etc_environment (options);
  envs[ORIGIN_MANAGER] = read_manager (options, &error);

  if (envs[ORIGIN_MANAGER] == NULL)
    {
      g_autofree char *warning = g_strdup_printf ("The systemd user manager's environment cannot be "
                                                  "read (%s): compare it by hand with "
                                                  "'systemctl --user show-environment'",
                                                  error->message);

      pp_source_add (out, "environment", origin_names[ORIGIN_MANAGER], "",
                     "unknown: the environment desktop applications inherit", NULL, warning);
    }

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *warning = describe_difference (variables[i].name, envs);

      for (guint o = 0; o < N_ORIGINS; o++)
        {
          const char *value = envs[o] ? g_environ_getenv (envs[o], variables[i].name) : NULL;

          if (value != NULL)
            add_variable (i, o, value, warning, out);
        }
    }

  for (guint o = 0; o < N_ORIGINS; o++)
    g_strfreev (envs[o]);
}
