/* pp-onboarding.h: what Defender for Endpoint's onboarding says about its path
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pp-endpoint.h"

G_BEGIN_DECLS

/* Written by the Linux onboarding script; relative to the sysroot. */
#define PP_ONBOARDING_PATH "etc/opt/microsoft/mdatp/mdatp_onboard.json"

/* Real files and packages are tens of kilobytes. */
#define PP_ONBOARDING_MAX_SIZE (1024 * 1024)

#define PP_ONBOARDING_ERROR (pp_onboarding_error_quark ())

typedef enum
{
  PP_ONBOARDING_ERROR_UNREADABLE,   /* missing (when named), too large, not readable */
  PP_ONBOARDING_ERROR_MALFORMED,    /* not the JSON or the fields expected */
  PP_ONBOARDING_ERROR_UNKNOWN,      /* a gateway of no known connectivity model */
} PpOnboardingError;

typedef struct
{
  char *path;           /* the file it was read from, as given */
  char *connectivity;   /* "standard" or "streamlined" */
  char *cloud;          /* "commercial", "GCC", "GCC High", "DoD" or "US Government" */
  char *profile;        /* the bundled profile to test, or NULL when none fits */
  char *geography;      /* that profile's geography, or NULL */
  char *datacenter;     /* "WestEurope", or NULL */
  char *gateway_url;    /* geoLocationUrl: the agent's command-and-control gateway */
  char *gateway_host;   /* its host, lower case */
  char *gateway_code;   /* "weu", "usgt": the datacenter in host names */
  char *data_host;      /* the agent's cyber-data host, or NULL */
  char *note;           /* what the technician should know, or NULL */
} PpOnboarding;

GQuark        pp_onboarding_error_quark (void);
PpOnboarding *pp_onboarding_read        (const char          *sysroot,
                                         const char          *package,
                                         GError             **error);
PpOnboarding *pp_onboarding_parse       (const char          *path,
                                         const char          *data,
                                         gsize                length,
                                         GError             **error);
void          pp_onboarding_free        (PpOnboarding        *self);
gboolean      pp_onboarding_agent_uses  (const PpEndpoint    *endpoint,
                                         gpointer             onboarding);
char         *pp_onboarding_describe    (const PpOnboarding  *self);
char         *pp_onboarding_format_defaults (const PpOnboarding *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpOnboarding, pp_onboarding_free)

G_END_DECLS
