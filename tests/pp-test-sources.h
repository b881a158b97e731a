/* pp-test-sources.h: shared by test-sources.c and test-sources-agree.c
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
