/* pp-test-sources.h: the fixture shared by the test-source-*.c files
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "pp-source.h"

#define CANARY "CanaryPw42"

extern const char * const no_env[];

/* A sysroot of its own, a memory GSettings backend, and no bus. */
typedef struct
{
  char *root;
  GSettingsBackend *backend;
  PpSourcesOptions options;
} Fixture;

void        write_file        (Fixture     *fixture,
                               const char  *relative,
                               const char  *contents,
                               gssize       len);
void        fixture_set_up    (Fixture       *fixture,
                               gconstpointer  data);
void        fixture_tear_down (Fixture       *fixture,
                               gconstpointer  data);
GSettings  *gnome_settings    (Fixture     *fixture,
                               const char  *id);
gboolean    set_gnome_manual  (Fixture     *fixture,
                               const char  *mode,
                               const char  *host);
PpSource   *find_source       (GPtrArray   *sources,
                               const char  *family,
                               const char  *provenance_part);
gboolean    has_warning       (PpSource    *source,
                               const char  *part);
void        assert_no_canary  (GPtrArray   *sources);
const char *conflict          (GPtrArray   *sources);

/* A test-source-*.c file's tests, each with a Fixture of its own. */
typedef struct
{
  const char *path;
  void (*func) (Fixture *fixture, gconstpointer data);
} SourceTest;

int         source_tests_run  (int              *argc,
                               char           ***argv,
                               const SourceTest *tests,
                               guint             n_tests);

/* A D-Bus service of the test's own on a private bus (GTestDBus), served
 * from a thread so that the blocking reads of the code under test get
 * their answers. */
typedef struct
{
  const char *bus_name;                  /* e.g. "org.freedesktop.NetworkManager" */
  const char *xml;                       /* introspection of every interface */
  const char * const (*objects)[2];      /* object path, interface name */
  guint n_objects;
  const GDBusInterfaceVTable *vtable;
  /* private */
  char *address;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  gboolean ready;
} MockService;

void        mock_service_start (MockService *mock,
                                const char  *bus_address);
void        mock_service_stop  (MockService *mock);
