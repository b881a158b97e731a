/* pp-config-methods.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-methods.h"

/* Takes @value, @details and @warnings; NULL arrays become empty ones,
 * so that readers never check. */
PpConfigMethod *
pp_config_method_new (PpMethod    method,
                      const char *title,
                      char       *value,
                      char      **details,
                      char      **warnings)
{
  PpConfigMethod *self;

  g_return_val_if_fail (method < PP_N_METHODS, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_new0 (PpConfigMethod, 1);
  self->method = method;
  self->title = g_strdup (title);
  self->value = value;
  self->details = details ? details : g_new0 (char *, 1);
  self->warnings = warnings ? warnings : g_new0 (char *, 1);

  return self;
}

void
pp_config_method_free (PpConfigMethod *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->value);
  g_strfreev (self->details);
  g_strfreev (self->warnings);
  g_free (self);
}

/* WPAD's details are the discovery's numbered steps: a paragraph of
 * their own, ending with what they found. */
static gboolean
is_paragraph (const PpConfigMethod *method)
{
  return method->method == PP_METHOD_WPAD;
}

static void
append_line (const PpConfigMethod *method,
             GString              *out)
{
  g_string_append_printf (out, "%s:%s%s\n", method->title, method->value ? " " : "",
                          method->value ? method->value : "");
  for (guint i = 0; method->details[i]; i++)
    g_string_append_printf (out, "  %s\n", method->details[i]);
}

static void
append_paragraph (const PpConfigMethod *method,
                  GString              *out)
{
  g_string_append_printf (out, "\n%s:\n", method->title);
  for (guint i = 0; method->details[i]; i++)
    g_string_append_printf (out, "%s\n", method->details[i]);
  if (method->value)
    g_string_append_printf (out, "%s\n", method->value);
}

/* The --show-config layout: a line per method, every warning, then the
 * paragraphs. */
void
pp_config_methods_format_text (GPtrArray *methods,
                               GString   *out)
{
  g_return_if_fail (methods != NULL && out != NULL);

  for (guint i = 0; i < methods->len; i++)
    if (!is_paragraph (g_ptr_array_index (methods, i)))
      append_line (g_ptr_array_index (methods, i), out);

  for (guint i = 0; i < methods->len; i++)
    {
      const PpConfigMethod *method = g_ptr_array_index (methods, i);

      for (guint j = 0; method->warnings[j]; j++)
        g_string_append_printf (out, "Warning: %s\n", method->warnings[j]);
    }

  for (guint i = 0; i < methods->len; i++)
    if (is_paragraph (g_ptr_array_index (methods, i)))
      append_paragraph (g_ptr_array_index (methods, i), out);
}
