/* pp-test-sources.c: fixture trees and look-ups for the source tests
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-test-sources.h"
#include "pp-report-config.h"
#include "pp-report-json.h"

#include <glib/gstdio.h>
#include <string.h>

const char * const no_env[] = { NULL };

void
write_file (Fixture    *fixture,
            const char *relative,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (fixture->root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("pp-sources-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->backend = g_memory_settings_backend_new ();
  fixture->options.sysroot = fixture->root;
  fixture->options.config_dir = "/home/user/.config";
  fixture->options.settings_backend = fixture->backend;
  fixture->options.environment = no_env;
  fixture->options.manager_environment = no_env;
  /* No bus listens there: NetworkManager is then reported as unreachable. */
  fixture->options.system_bus_address = "unix:path=/nonexistent/bus";
  fixture->options.session_bus_address = "unix:path=/nonexistent/bus";
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->root);
  g_free (fixture->root);
  g_object_unref (fixture->backend);
}

GSettings *
gnome_settings (Fixture    *fixture,
                const char *id)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (schemas, id, TRUE);

  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, fixture->backend, NULL);
}

/* Returns the first source whose family and provenance match, or NULL. */
PpSource *
find_source (GPtrArray  *sources,
             const char *family,
             const char *provenance_part)
{
  for (guint i = 0; i < sources->len; i++)
    {
      PpSource *source = g_ptr_array_index (sources, i);

      if (g_str_equal (pp_source_get_family (source), family) &&
          strstr (pp_source_get_provenance (source), provenance_part))
        return source;
    }
  return NULL;
}

gboolean
has_warning (PpSource   *source,
             const char *part)
{
  const char * const *warnings = pp_source_get_warnings (source);

  for (guint i = 0; warnings[i]; i++)
    if (strstr (warnings[i], part))
      return TRUE;
  return FALSE;
}

void
assert_no_canary (GPtrArray *sources)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = pp_report_config_format_sources (sources);
  g_autofree char *json = NULL;

  pp_report_json_add_sources (builder, sources);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);

  g_test_message ("%s", text);
  g_assert_null (strstr (text, CANARY));
  g_assert_null (strstr (json, CANARY));
  g_assert_nonnull (strstr (json, "\"provenance\""));
}

/* Sets GNOME to manual mode with @host:3128; FALSE without the schema. */
gboolean
set_gnome_manual (Fixture    *fixture,
                  const char *mode,
                  const char *host)
{
  g_autoptr(GSettings) proxy = gnome_settings (fixture, "org.gnome.system.proxy");
  g_autoptr(GSettings) http = gnome_settings (fixture, "org.gnome.system.proxy.http");

  if (proxy == NULL)
    {
      g_test_skip ("gsettings-desktop-schemas is not installed");
      return FALSE;
    }
  g_settings_set_string (proxy, "mode", mode);
  g_settings_set_string (http, "host", host);
  g_settings_set_int (http, "port", 3128);

  return TRUE;
}

/* The warning of the only "conflict" source, or NULL when there is none. */
const char *
conflict (GPtrArray *sources)
{
  const char *found = NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      PpSource *source = g_ptr_array_index (sources, i);

      if (!g_str_equal (pp_source_get_family (source), "conflict"))
        continue;
      g_assert_null (found);
      found = pp_source_get_warnings (source)[0];
      g_test_message ("conflict: %s", found);
    }

  return found;
}


static gpointer
mock_service_thread (gpointer data)
{
  MockService *mock = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (mock->xml, &error);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  g_main_context_push_thread_default (mock->context);
  bus = g_dbus_connection_new_for_address_sync (mock->address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < mock->n_objects; i++)
    {
      g_dbus_connection_register_object (bus, mock->objects[i][0],
                                         g_dbus_node_info_lookup_interface (node, mock->objects[i][1]),
                                         mock->vtable, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", mock->bus_name, 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&mock->mutex);
  mock->ready = TRUE;
  g_cond_signal (&mock->cond);
  g_mutex_unlock (&mock->mutex);

  g_main_loop_run (mock->loop);
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

/* Returns once the service owns its name on the bus. */
void
mock_service_start (MockService *mock,
                    const char  *bus_address)
{
  mock->address = g_strdup (bus_address);
  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  g_mutex_init (&mock->mutex);
  g_cond_init (&mock->cond);
  mock->thread = g_thread_new (mock->bus_name, mock_service_thread, mock);
  g_mutex_lock (&mock->mutex);
  while (!mock->ready)
    g_cond_wait (&mock->cond, &mock->mutex);
  g_mutex_unlock (&mock->mutex);
}

void
mock_service_stop (MockService *mock)
{
  g_main_loop_quit (mock->loop);
  g_thread_join (mock->thread);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);
  g_mutex_clear (&mock->mutex);
  g_cond_clear (&mock->cond);
  g_free (mock->address);
}

int
source_tests_run (int              *argc,
                  char           ***argv,
                  const SourceTest *tests,
                  guint             n_tests)
{
  g_test_init (argc, argv, NULL);
  for (guint i = 0; i < n_tests; i++)
    g_test_add_vtable (tests[i].path, sizeof (Fixture), NULL, (GTestFixtureFunc) fixture_set_up,
                       (GTestFixtureFunc) tests[i].func, (GTestFixtureFunc) fixture_tear_down);

  return g_test_run ();
}
