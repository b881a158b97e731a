/* pp-source-env.c: proxy variables in the three environments that matter
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-env.h"
#include "pp-log.h"
#include "pp-source-reader.h"

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

  if ((contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, NULL, NULL)) == NULL)
    {
      pp_debug ("%s: not found or not readable", path);
      return g_steal_pointer (&envp);
    }

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

#define SYSTEMD_NAME   "org.freedesktop.systemd1"
#define SYSTEMD_PATH   "/org/freedesktop/systemd1"
#define SYSTEMD_IFACE  "org.freedesktop.systemd1.Manager"
#define VIA_DBUS       "D-Bus " SYSTEMD_NAME " " SYSTEMD_PATH " Manager.Environment"
#define VIA_COMMAND    "systemctl --user show-environment"

/* Only a bus that exists is used: GLib's fallback, autolaunch, would
 * start a bus of its own on a machine that has none. */
static char *
session_bus_address (const PpSourcesOptions *options)
{
  const char *env = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

  if (options->session_bus_address != NULL)
    return g_strdup (options->session_bus_address);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (socket, G_FILE_TEST_EXISTS))
    return g_strconcat ("unix:path=", socket, NULL);

  return NULL;
}

/* The user manager's Environment property: what it hands to every
 * desktop application it starts. */
static char **
read_manager_dbus (const PpSourcesOptions  *options,
                   GError                 **error)
{
  g_autofree char *address = session_bus_address (options);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  if (address == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no session bus");
      return NULL;
    }
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, error);
  if (bus == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (bus, SYSTEMD_NAME, SYSTEMD_PATH,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", SYSTEMD_IFACE, "Environment"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       2000, NULL, error);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &value);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Manager.Environment is of type %s, not as", g_variant_get_type_string (value));
      return NULL;
    }

  return g_variant_dup_strv (value, NULL);
}

static char **
read_manager_command (const PpSourcesOptions  *options,
                      GError                 **error)
{
  static const char * const default_command[] = { "systemctl", "--user", "show-environment", NULL };
  const char * const *argv = options->manager_command ? options->manager_command : default_command;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &output, &errors, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  return g_strsplit (g_strchomp (output), "\n", -1);
}

/* D-Bus first, the command when the bus cannot tell (no session bus, an
 * older systemd); @via says which answered. */
static char **
read_manager (const PpSourcesOptions  *options,
              const char             **via,
              GError                 **error)
{
  g_autoptr(GError) bus_error = NULL;
  g_autoptr(GError) command_error = NULL;
  char **envp;

  *via = "given by the caller";
  if (options->manager_environment)
    return g_strdupv ((char **) options->manager_environment);

  *via = VIA_DBUS;
  if ((envp = read_manager_dbus (options, &bus_error)) != NULL)
    return envp;
  *via = VIA_COMMAND;
  if ((envp = read_manager_command (options, &command_error)) != NULL)
    return envp;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "D-Bus: %s; %s: %s", bus_error->message,
               VIA_COMMAND, command_error->message);
  return NULL;
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
              const char *via,
              GPtrArray  *out)
{
  const char *name = variables[index].name;
  g_autofree char *provenance = g_strdup_printf ("%s: %s%s%s%s", origin_names[origin], name,
                                                 via ? " (" : "", via ? via : "", via ? ")" : "");
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
  const char *via = NULL;
  char **envs[N_ORIGINS];

  envs[ORIGIN_PROCESS] = options->environment ? g_strdupv ((char **) options->environment)
                                              : g_get_environ ();
  envs[ORIGIN_ETC] = read_etc_environment (options);
  envs[ORIGIN_MANAGER] = read_manager (options, &via, &error);

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
            add_variable (i, o, value, warning, o == ORIGIN_MANAGER ? via : NULL, out);
        }
    }

  for (guint o = 0; o < N_ORIGINS; o++)
    g_strfreev (envs[o]);
}
