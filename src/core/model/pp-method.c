/* pp-method.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-method.h"

#include <glib/gi18n.h>

static const struct {
  const char *id;
  const char *label;
} methods[PP_N_METHODS] = {
  [PP_METHOD_DEFAULT] = { "default", N_("Default proxy") },
  [PP_METHOD_WPAD]    = { "wpad",    N_("Proxy auto discovery (WPAD)") },
  [PP_METHOD_DIRECT]  = { "direct",  N_("Proxy disabled") },
  [PP_METHOD_NAMED]   = { "named",   N_("Named proxy") },
  [PP_METHOD_CMDLINE] = { "cmdline", N_("Command line proxy") },
  [PP_METHOD_ENV]     = { "env",     N_("Environment proxy") },
};

const char *
pp_method_to_id (PpMethod method)
{
  g_return_val_if_fail (method < PP_N_METHODS, NULL);

  return methods[method].id;
}

/* The label is untranslated on purpose in the analyzer-compatible output,
 * which support scripts parse; callers translate it for display. */
const char *
pp_method_get_label (PpMethod method)
{
  g_return_val_if_fail (method < PP_N_METHODS, NULL);

  return methods[method].label;
}

guint
pp_method_get_number (PpMethod method)
{
  g_return_val_if_fail (method < PP_N_METHODS, 0);

  return (guint) method + 1;
}

gboolean
pp_method_from_id (const char *id,
                   PpMethod   *method)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < PP_N_METHODS; i++)
    {
      if (g_ascii_strcasecmp (id, methods[i].id) == 0)
        {
          if (method)
            *method = (PpMethod) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Parses "default,direct" into an array of PpMethod, in the analyzer's order
 * and without repeats, whatever order the user typed. */
GArray *
pp_method_parse_list (const char  *list,
                      GError     **error)
{
  g_auto(GStrv) ids = g_strsplit (list, ",", -1);
  gboolean wanted[PP_N_METHODS] = { FALSE };
  GArray *result;

  for (guint i = 0; ids[i]; i++)
    {
      const char *id = g_strstrip (ids[i]);
      PpMethod method;

      if (*id == '\0')
        continue;
      if (g_ascii_strcasecmp (id, "all") == 0)
        {
          for (guint m = 0; m < PP_N_METHODS; m++)
            wanted[m] = TRUE;
          continue;
        }
      if (!pp_method_from_id (id, &method))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--methods: '%s' is not a connectivity method; use a comma-separated "
                       "list of default, wpad, direct, named, cmdline, env (or all)", id);
          return NULL;
        }
      wanted[method] = TRUE;
    }

  result = g_array_new (FALSE, FALSE, sizeof (PpMethod));
  for (guint m = 0; m < PP_N_METHODS; m++)
    if (wanted[m])
      g_array_append_val (result, m);

  if (result->len == 0)
    {
      g_array_unref (result);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--methods: the list is empty; name at least one of default, wpad, "
                   "direct, named, cmdline, env");
      return NULL;
    }

  return result;
}
