/* pp-window-results-summary.c: the summary above the grid, and its text
 *
 * What the summary says is PpSummaryView's to render from the session's
 * results; here is only when it is shown again (throttled while results
 * stream in) and the same summary as one text for the clipboard.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-diagnosis.h"
#include "pp-profile.h"
#include "pp-window-results-private.h"

void
_pp_window_results_update_summary (PpWindowResults *self)
{
  PpRunResults *results = pp_session_get_results (self->session);

  if (results == NULL)
    return;
  self->summary_dirty = FALSE;
  pp_summary_view_show (self->summary, results, self->running);
}

/* The counts change with every result: read more often than a few times
 * a second they are a blur, and each change measures the three wrapping
 * labels again (and allocates the whole grid again when a line wraps).
 * So while results stream in, the summary follows four times a second. */
#define SUMMARY_INTERVAL_MS 250

static gboolean
summary_timeout_cb (gpointer user_data)
{
  PpWindowResults *self = user_data;

  if (!self->summary_dirty)
    {
      self->summary_timeout_id = 0;
      return G_SOURCE_REMOVE;
    }
  _pp_window_results_update_summary (self);

  return G_SOURCE_CONTINUE;
}

/* Results came: the summary shows them now, or at its next turn. */
void
_pp_window_results_queue_summary (PpWindowResults *self)
{
  if (self->summary_timeout_id != 0)
    {
      self->summary_dirty = TRUE;
      return;
    }
  _pp_window_results_update_summary (self);
  self->summary_timeout_id = g_timeout_add (SUMMARY_INTERVAL_MS, summary_timeout_cb, self);
}

/* The summary as one text, for the clipboard: made from the session's
 * results, as the labels are (never read back from them). */
char *
pp_window_results_format_summary (PpWindowResults *self)
{
  g_autofree char *allow_list = NULL;
  PpPlan *plan;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *verdict_text = NULL;

  g_return_val_if_fail (PP_IS_WINDOW_RESULTS (self), NULL);

  plan = pp_session_get_plan (self->session);
  if (plan == NULL || pp_session_get_results (self->session) == NULL)
    return g_strdup ("");
  pp_summary_view_format_lines (pp_session_get_results (self->session), self->running, &title,
                                &counts, &verdict_text);

  /* The copy carries what the label only counts: the allow-list. */
  if (!self->running)
    {
      g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new_translated (pp_session_get_results (self->session));

      allow_list = pp_diagnosis_format_allow_list_section (diagnosis);
    }

  return g_strdup_printf ("%s: %s; %s\n%s\n%s", pp_profile_get_title (pp_plan_get_profile (plan)),
                          title, counts, verdict_text, allow_list ? allow_list : "");
}


/* No more summaries by the clock: the view is going away. */
void
_pp_window_results_stop_summary (PpWindowResults *self)
{
  g_clear_handle_id (&self->summary_timeout_id, g_source_remove);
}
