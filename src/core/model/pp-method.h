/* pp-method.h: the connectivity methods, numbered as the analyzer numbers them
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The order and numbers match the Defender for Endpoint client analyzer's
 * "1 - Default proxy ... 5 - Command line proxy"; env is our addition. */
typedef enum
{
  PP_METHOD_DEFAULT,
  PP_METHOD_WPAD,
  PP_METHOD_DIRECT,
  PP_METHOD_NAMED,
  PP_METHOD_CMDLINE,
  PP_METHOD_ENV,
  PP_N_METHODS
} PpMethod;

const char *pp_method_to_id      (PpMethod     method);
const char *pp_method_get_label  (PpMethod     method);
guint       pp_method_get_number (PpMethod     method);
gboolean    pp_method_from_id    (const char  *id,
                                  PpMethod    *method);
GArray     *pp_method_parse_list (const char  *list,
                                  GError     **error);

G_END_DECLS
