/* pp-source.h: one proxy configuration source, with where it was found
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PP_TYPE_SOURCE (pp_source_get_type ())

/* An immutable, reference-counted value: every string is fixed when the
 * source is made, and credentials are already redacted. */
typedef struct _PpSource PpSource;

typedef struct
{
  const char *sysroot;                  /* prefix of every file read; NULL is "/" */
  const char *config_dir;               /* the user's config dir for kioslaverc
                                         * (under sysroot); NULL: g_get_user_config_dir () */
  GSettingsBackend *settings_backend;   /* NULL: the default backend */
  GSettingsSchemaSource *schema_source; /* NULL: the default schema source */
  GDBusConnection *system_bus;          /* NULL: connect to system_bus_address */
  const char *system_bus_address;       /* NULL: the system bus */
  const char * const *environment;      /* NULL: this process's environment */
  const char * const *manager_environment; /* the systemd user manager's
                                         * environment; NULL: run manager_command */
  const char * const *manager_command;  /* fallback when the session bus cannot
                                         * tell; NULL: systemctl --user show-environment */
  const char *session_bus_address;      /* where the user manager is asked first;
                                         * NULL: $DBUS_SESSION_BUS_ADDRESS or
                                         * $XDG_RUNTIME_DIR/bus, never autolaunch */
} PpSourcesOptions;

GType        pp_source_get_type       (void) G_GNUC_CONST;
PpSource    *pp_source_new            (const char         *family,
                                       const char         *provenance,
                                       const char         *value,
                                       const char         *meaning,
                                       const char         *proxy,
                                       GPtrArray          *warnings);
PpSource    *pp_source_ref            (PpSource           *self);
void         pp_source_unref          (PpSource           *self);
const char  *pp_source_get_family     (const PpSource     *self);
const char  *pp_source_get_provenance (const PpSource     *self);
const char  *pp_source_get_value      (const PpSource     *self);
const char  *pp_source_get_meaning    (const PpSource     *self);
const char  *pp_source_get_proxy      (const PpSource     *self);
const char * const *pp_source_get_warnings (const PpSource *self);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpSource, pp_source_unref)

G_END_DECLS
