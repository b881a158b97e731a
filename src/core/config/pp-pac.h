/* pp-pac.h: evaluates PAC scripts in a sandboxed helper process
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PP_PAC_ERROR (pp_pac_error_quark ())

typedef enum
{
  PP_PAC_ERROR_HELPER,      /* the helper could not be started or died */
  PP_PAC_ERROR_TOO_LARGE,   /* the script is over the size cap */
  PP_PAC_ERROR_SCRIPT,      /* the script did not load or its function failed */
  PP_PAC_ERROR_TIMEOUT,     /* the helper was killed for taking too long */
  PP_PAC_ERROR_NOT_LOADED,
  PP_PAC_ERROR_INVALID_URL,
  PP_PAC_ERROR_RESULT,      /* the result string names no usable proxy */
} PpPacError;

#define PP_PAC_MAX_SCRIPT_SIZE (1024 * 1024)

#define PP_TYPE_PAC_RUNNER (pp_pac_runner_get_type ())

G_DECLARE_FINAL_TYPE (PpPacRunner, pp_pac_runner, PP, PAC_RUNNER, GObject)

GQuark       pp_pac_error_quark        (void);
const char  *pp_pac_helper_path        (void);
PpPacRunner *pp_pac_runner_new         (void);
gboolean     pp_pac_runner_load        (PpPacRunner  *self,
                                        const char   *script,
                                        GError      **error);
gboolean     pp_pac_runner_has_script  (PpPacRunner  *self,
                                        const char   *script);
gboolean     pp_pac_runner_find_proxy  (PpPacRunner  *self,
                                        const char   *url,
                                        char        **result,
                                        char       ***alerts,
                                        char       ***dns_log,
                                        GError      **error);
char        *pp_pac_url_for_script     (const char   *url,
                                        char        **host,
                                        GError      **error);

G_END_DECLS
