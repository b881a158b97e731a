/* pp-diagnosis-format.c: the diagnosis as text (pp-report-json.c writes its JSON)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-diagnosis.h"
#include "pp-diagnosis-private.h"

/* The answer first: "Verdict: ..." and its notes. */
char *
pp_diagnosis_format_verdict (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: the answer's one sentence follows. */
  g_string_append_printf (out, pp_tr (self->translated, "Verdict: %s"), self->headline);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->notes->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (self->notes, i));

  return g_string_free (out, FALSE);
}

static void
append_causes (GString           *out,
               const PpDiagnosis *self)
{
  if (self->causes->len == 0)
    return;
  g_string_append_printf (out, "%s\n", pp_tr (self->translated, "Root causes:"));
  for (guint i = 0; i < self->causes->len; i++)
    {
      const PpCause *cause = g_ptr_array_index (self->causes, i);

      g_string_append_printf (out, "  - %s%s\n", cause->line,
                              self->path.known && !cause->on_agent_path
                              ? pp_tr (self->translated, " (not on the agent's path)") : "");
    }
}

static void
append_fixes (GString           *out,
              const PpDiagnosis *self)
{
  if (self->fixes->len > 0)
    g_string_append_printf (out, "%s\n", pp_tr (self->translated, "What to change:"));
  for (guint i = 0; i < self->fixes->len; i++)
    g_string_append_printf (out, "  - %s\n", (char *) g_ptr_array_index (self->fixes, i));
}

/* The allow-list with its heading, or "" when it is empty. */
char *
pp_diagnosis_format_allow_list_section (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->allow_list->len > 0)
    g_string_append_printf (out, "%s\n", pp_tr (self->translated, "Allow-list (hosts a proxy "
                                                                   "blocked, asked a password "
                                                                   "for, or inspected):"));
  for (guint i = 0; i < self->allow_list->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (self->allow_list, i));

  return g_string_free (out, FALSE);
}

/* Root causes, what to change, and the allow-list. */
char *
pp_diagnosis_format_causes (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *allow_list = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  append_causes (out, self);
  append_fixes (out, self);
  allow_list = pp_diagnosis_format_allow_list_section (self);
  g_string_append (out, allow_list);

  return g_string_free (out, FALSE);
}

/* The whole diagnosis. */
char *
pp_diagnosis_format_text (const PpDiagnosis *self)
{
  g_autofree char *verdict = pp_diagnosis_format_verdict (self);
  g_autofree char *causes = pp_diagnosis_format_causes (self);

  return g_strconcat (verdict, causes, NULL);
}

/* For a window's summary, where fifty host names would push the grid out
 * of sight: the allow-list is counted, not listed. */
char *
pp_diagnosis_format_brief (const PpDiagnosis *self)
{
  g_autofree char *verdict = pp_diagnosis_format_verdict (self);
  GString *out = g_string_new (verdict);
  guint n = self->allow_list->len;

  append_causes (out, self);
  append_fixes (out, self);
  if (n > 0)
    {
      /* Translators: the allow-list's size; the window lists only its first hosts. */
      g_string_append_printf (out, pp_ntr (self->translated,
                                           "Allow-list: %u entry (in the copied summary, and as "
                                           "allowlist.txt in the exported report)",
                                           "Allow-list: %u entries (in the copied summary, and as "
                                           "allowlist.txt in the exported report)", n), n);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* allowlist.txt: ready to paste, one host or wildcard domain a line. */
char *
pp_diagnosis_format_allow_list (const PpDiagnosis *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->allow_list->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (self->allow_list, i));

  return g_string_free (out, FALSE);
}
