/* pp-agent.h: the service's agent, as a profile describes it
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundled profile names the agent that will use its endpoints and how
 * that agent chooses its path to the cloud, so that the verdict can say
 * what the agent will do on this machine rather than what some method
 * could do. Custom URL lists have no agent.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pp-method.h"

G_BEGIN_DECLS

/* Raised by pp_agent_parse(); a profile reports it as its own
 * PP_PROFILE_ERROR_INVALID, with the same message. */
#define PP_AGENT_ERROR (pp_agent_error_quark ())

typedef enum
{
  PP_AGENT_ERROR_INVALID,   /* "FILE: $.agent.path[1]: message" */
} PpAgentError;

/* One step of the agent's path, in the order it tries them. */
typedef enum
{
  PP_AGENT_STEP_NAMED,    /* the proxy an administrator set for the agent (the named method) */
  PP_AGENT_STEP_LOCAL,    /* the agent's own local setting, which we cannot always read */
  PP_AGENT_STEP_DEFAULT,  /* the system's default proxy */
  PP_AGENT_STEP_ENV,      /* the environment's proxy variables */
  PP_AGENT_STEP_DIRECT,   /* no proxy */
} PpAgentStep;

/* Whether the agent goes direct when its named proxy cannot be reached. */
typedef enum
{
  PP_AGENT_FALLBACK_UNKNOWN,  /* not documented: the verdict states both outcomes */
  PP_AGENT_FALLBACK_YES,
  PP_AGENT_FALLBACK_NO,
} PpAgentFallback;

typedef struct _PpAgent PpAgent;

#define PP_TYPE_AGENT (pp_agent_get_type ())

GQuark           pp_agent_error_quark   (void);
GType            pp_agent_get_type      (void) G_GNUC_CONST;
PpAgent         *pp_agent_new           (const char         *name,
                                         const PpAgentStep  *path,
                                         guint               n_steps,
                                         PpAgentFallback     fallback,
                                         const char * const *domains);
PpAgent         *pp_agent_parse         (const char         *file,
                                         JsonNode           *node,
                                         GError            **error);
void             pp_agent_to_json       (const PpAgent      *self,
                                         JsonBuilder        *builder);
PpAgent         *pp_agent_ref           (PpAgent            *self);
void             pp_agent_unref         (PpAgent            *self);
const char      *pp_agent_get_name      (const PpAgent      *self);
guint            pp_agent_get_n_steps   (const PpAgent      *self);
PpAgentStep      pp_agent_get_step      (const PpAgent      *self,
                                         guint               position);
PpAgentFallback  pp_agent_get_fallback  (const PpAgent      *self);
const char * const *pp_agent_get_domains (const PpAgent     *self);
gboolean         pp_agent_step_to_method (PpAgentStep        step,
                                         PpMethod           *method);
const char      *pp_agent_step_to_id    (PpAgentStep         step);
const char      *pp_agent_fallback_to_id (PpAgentFallback    fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpAgent, pp_agent_unref)

G_END_DECLS
