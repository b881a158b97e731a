/* pp-summary-view.c: the results page's summary: the diagnosis as a layout
 *
 * What a ticket's screenshot must carry, readable without a click: the
 * headline (what the agent reaches on its path, pass, warn or fail by colour
 * and icon), each root cause and each change a row of its own, the
 * allow-list with a button that copies it, what any method reached, and
 * the per-method counts. Every label wraps: none is cut by a narrow
 * window or the details beside it. Rendered from a PpRunResults and its
 * PpDiagnosis (computed in core); nothing is computed here.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-clipboard.h"
#include "pp-diagnosis.h"
#include "pp-guidance.h"
#include "pp-summary-view.h"

struct _PpSummaryView
{
  GtkWidget parent_instance;

  GtkWidget *box;              /* the template's one child */
  GtkImage *summary_icon;      /* pass or fail, beside the title */
  GtkLabel *summary_title;
  GtkLabel *summary_path;      /* the agent's path, and its notes */
  GtkWidget *causes_heading;
  GtkListBox *causes_list;
  GtkWidget *fixes_heading;
  GtkListBox *fixes_list;
  GtkWidget *allow_box;
  GtkLabel *allow_label;
  GtkLabel *summary_verdict;   /* what any method reached */
  GtkLabel *summary_methods;

  PpRunResults *results;       /* what is shown, for Copy Allow-List */
  gboolean running;
};

G_DEFINE_FINAL_TYPE (PpSummaryView, pp_summary_view, GTK_TYPE_WIDGET)

static char *
format_method_counts (PpRunResults *results)
{
  guint n_endpoints = pp_run_results_get_n_endpoints (results);
  GString *out = g_string_new (NULL);

  for (guint m = 0; m < pp_run_results_get_n_methods (results); m++)
    {
      PpMethod method = pp_run_results_get_method (results, m);
      PpMethodCount count;

      pp_run_results_count_method (results, m, &count);
      if (out->len > 0)
        g_string_append (out, "; ");
      if (count.not_configured == n_endpoints)
        /* Translators: a connectivity method that is not configured, e.g. "Named proxy: doesn't exist". */
        g_string_append_printf (out, _("%s: doesn’t exist"), _(pp_method_get_label (method)));
      else
        /* Translators: a method and the endpoints it reached, e.g. "Default proxy 24/30". */
        g_string_append_printf (out, _("%s %u/%u"), _(pp_method_get_label (method)),
                                count.succeeded, n_endpoints);
    }

  return g_string_free (out, FALSE);
}

static char *
format_title (gboolean           running,
              const PpVerdict   *verdict,
              const PpDiagnosis *diagnosis)
{
  /* A finished run: core's title, the agent's count where there is one. */
  if (diagnosis != NULL)
    return pp_diagnosis_format_title (diagnosis);
  if (verdict->n_pending > 0 && running)
    /* Translators: shown while the checks run. */
    return g_strdup_printf (ngettext ("%u of %u endpoint reachable so far — %u checks to go",
                                      "%u of %u endpoints reachable so far — %u checks to go",
                                      verdict->n_endpoints),
                            verdict->n_reachable, verdict->n_endpoints, verdict->n_pending);

  return g_strdup_printf (ngettext ("%u of %u endpoint reachable",
                                    "%u of %u endpoints reachable", verdict->n_endpoints),
                          verdict->n_reachable, verdict->n_endpoints);
}

/* What any method reached, after the agent's path where there is one. */
static char *
format_any_method (PpRunResults      *results,
                   const PpVerdict   *verdict,
                   const PpDiagnosis *diagnosis)
{
  g_autofree char *headline = diagnosis != NULL ? pp_diagnosis_format_any_method (diagnosis)
                                                : pp_verdict_format_any_method (verdict, FALSE);
  g_autofree char *methods = pp_verdict_format_methods (verdict, pp_run_results_get_plan (results));

  /* A stopped run without a verdict says so in its headline; one whose
   * verdict holds nonetheless (every endpoint reached) says it here. */
  return g_strdup_printf ("%s%s%s%s", headline, *headline && *methods ? " " : "", methods,
                          verdict->n_cancelled > 0 && verdict->kind != PP_VERDICT_PENDING
                          ? _(" Stopped: some checks did not run.") : "");
}

/* The summary of @results: its title, the method counts, what any
 * method reached and, once the run is over, the diagnosis (NULL while it
 * runs). */
static void
format_summary_parts (PpRunResults  *results,
                      gboolean       running,
                      char         **title,
                      char         **counts,
                      char         **any_method,
                      PpDiagnosis  **diagnosis)
{
  PpVerdict verdict;

  /* Once the run is over, the agent's path, the causes, the fixes and the
   * allow-list lead, as in every other output (pp-diagnosis.c). */
  *diagnosis = running ? NULL : pp_diagnosis_new_translated (results);
  pp_run_results_get_verdict (results, &verdict);
  *title = format_title (running, &verdict, *diagnosis);
  *counts = format_method_counts (results);
  *any_method = format_any_method (results, &verdict, *diagnosis);
}

/* The summary's three lines as text, for Copy Summary: what the view
 * shows, made from the same results (never read back from the labels). */
void
pp_summary_view_format_lines (PpRunResults  *results,
                              gboolean       running,
                              char         **title,
                              char         **counts,
                              char         **verdict_text)
{
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  g_autofree char *any_method = NULL;
  g_autofree char *brief = NULL;

  g_return_if_fail (PP_IS_RUN_RESULTS (results));

  format_summary_parts (results, running, title, counts, &any_method, &diagnosis);
  brief = diagnosis != NULL ? pp_diagnosis_format_brief (diagnosis) : NULL;
  *verdict_text = g_strconcat (brief ? brief : "", any_method, NULL);
}

/* One row of a summary list: an icon and the words, wrapped. */
static GtkWidget *
summary_row_new (const char *icon_name,
                 const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* The words say it all: the icon is only a mark for the eye. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

/* @list shows @lines (of char *), one row each; it and @heading hide
 * when there are none. */
static void
fill_summary_list (GtkListBox *list,
                   GtkWidget  *heading,
                   const char *icon_name,
                   GPtrArray  *lines)
{
  GtkWidget *child;
  guint n = lines != NULL ? lines->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (list, summary_row_new (icon_name, g_ptr_array_index (lines, i)));
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
  gtk_widget_set_visible (heading, n > 0);
}

/* Each root cause's line; a cause off the agent's path says so. */
static GPtrArray *
cause_lines (const PpDiagnosis *diagnosis)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < diagnosis->causes->len; i++)
    {
      const PpCause *cause = g_ptr_array_index (diagnosis->causes, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s%s", cause->line,
                                               diagnosis->path.known && !cause->on_agent_path
                                               ? _(" (not on the agent's path)") : ""));
    }

  return lines;
}

/* The allow-list's size and its first hosts; the button copies it all. */
static char *
format_allow_list (const PpDiagnosis *diagnosis)
{
  guint n = diagnosis->allow_list->len;
  guint shown = MIN (n, 3);
  g_autoptr(GString) hosts = g_string_new (NULL);

  for (guint i = 0; i < shown; i++)
    g_string_append_printf (hosts, "%s%s", i > 0 ? ", " : "",
                            (char *) g_ptr_array_index (diagnosis->allow_list, i));
  if (shown < n)
    /* Translators: after the allow-list's first hosts. */
    g_string_append_printf (hosts, ngettext (" and %u more", " and %u more", n - shown), n - shown);

  /* Translators: the allow-list's size, then its first hosts. */
  return g_strdup_printf (ngettext ("Allow-list for the proxy or firewall team (%u entry): %s",
                                    "Allow-list for the proxy or firewall team (%u entries): %s", n),
                          n, hosts->str);
}

/* The headline's colour and icon, as every output gives them (core's
 * severity): pass, warn (something gets through, not everything) or
 * fail; neither while the verdict is not certain. The words are the same
 * whatever the colour. */
static const struct
{
  const char *css_class;
  const char *icon;
} outcome_looks[] = {
  [PP_SEVERITY_PENDING] = { NULL, "media-playback-stop-symbolic" },
  [PP_SEVERITY_PASS] = { "pp-pass", "emblem-ok-symbolic" },
  [PP_SEVERITY_WARN] = { "pp-warn", "dialog-warning-symbolic" },
  [PP_SEVERITY_FAIL] = { "pp-fail", "dialog-error-symbolic" },
};

static void
show_outcome (PpSummaryView     *self,
              const PpDiagnosis *diagnosis)
{
  GtkWidget *widgets[] = { GTK_WIDGET (self->summary_icon), GTK_WIDGET (self->summary_title) };
  PpSeverity severity = diagnosis != NULL ? pp_diagnosis_severity (diagnosis) : PP_SEVERITY_PENDING;
  const char *css_class = outcome_looks[severity].css_class;

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      for (guint s = 0; s < G_N_ELEMENTS (outcome_looks); s++)
        if (outcome_looks[s].css_class != NULL)
          gtk_widget_remove_css_class (widgets[i], outcome_looks[s].css_class);
      if (css_class != NULL)
        gtk_widget_add_css_class (widgets[i], css_class);
    }
  gtk_image_set_from_icon_name (self->summary_icon, outcome_looks[severity].icon);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_icon), diagnosis != NULL);
}

/* The diagnosis as rows, or (NULL, while the run lasts) none of it. */
static void
show_diagnosis (PpSummaryView     *self,
                const PpDiagnosis *diagnosis)
{
  g_autoptr(GPtrArray) causes = diagnosis != NULL ? cause_lines (diagnosis) : NULL;
  g_autoptr(GString) path = g_string_new (diagnosis != NULL ? diagnosis->headline : NULL);
  gboolean allow = diagnosis != NULL && diagnosis->allow_list->len > 0;
  g_autofree char *allow_text = allow ? format_allow_list (diagnosis)
                                : g_strdup (_("Allow-list: empty (no proxy blocked, asked for a password "
                                              "or inspected an endpoint)"));

  for (guint i = 0; diagnosis != NULL && i < diagnosis->notes->len; i++)
    g_string_append_printf (path, "\n%s", (char *) g_ptr_array_index (diagnosis->notes, i));
  gtk_label_set_label (self->summary_path, path->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_path), path->len > 0);
  show_outcome (self, diagnosis);
  fill_summary_list (self->causes_list, self->causes_heading, "dialog-warning-symbolic", causes);
  fill_summary_list (self->fixes_list, self->fixes_heading, "go-next-symbolic",
                     diagnosis != NULL ? diagnosis->fixes : NULL);
  gtk_label_set_label (self->allow_label, allow_text);
  gtk_widget_set_visible (self->allow_box, diagnosis != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.copy-allow-list", allow);
}

/* Shows the summary of @results, the diagnosis once it is not @running. */
void
pp_summary_view_show (PpSummaryView *self,
                      PpRunResults  *results,
                      gboolean       running)
{
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *any_method = NULL;
  g_autoptr(PpDiagnosis) diagnosis = NULL;

  g_return_if_fail (PP_IS_SUMMARY_VIEW (self));
  g_return_if_fail (PP_IS_RUN_RESULTS (results));

  g_set_object (&self->results, results);
  self->running = running;
  format_summary_parts (results, running, &title, &counts, &any_method, &diagnosis);
  gtk_label_set_label (self->summary_title, title);
  gtk_label_set_label (self->summary_methods, counts);
  gtk_label_set_label (self->summary_verdict, any_method);
  show_diagnosis (self, diagnosis);
}

/* The allow-list, ready to paste for the proxy or firewall team (as
 * allowlist.txt in the report), redacted as every copy is. */
static void
copy_allow_list_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PpSummaryView *self = PP_SUMMARY_VIEW (widget);
  g_autoptr(PpDiagnosis) diagnosis = NULL;
  g_autofree char *text = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (self->results == NULL || self->running)
    return;
  diagnosis = pp_diagnosis_new (self->results);
  text = pp_diagnosis_format_allow_list (diagnosis);
  pp_clipboard_set_text (widget, text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Allow-list copied")));
}

static void
pp_summary_view_dispose (GObject *object)
{
  PpSummaryView *self = PP_SUMMARY_VIEW (object);

  g_clear_object (&self->results);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (pp_summary_view_parent_class)->dispose (object);
}

static void
pp_summary_view_class_init (PpSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_summary_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, box);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, summary_title);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, summary_path);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, causes_heading);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, causes_list);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, fixes_heading);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, fixes_list);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, allow_box);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, allow_label);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, summary_verdict);
  gtk_widget_class_bind_template_child (widget_class, PpSummaryView, summary_methods);
  gtk_widget_class_install_action (widget_class, "summary.copy-allow-list", NULL, copy_allow_list_action);
}

static void
pp_summary_view_init (PpSummaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.copy-allow-list", FALSE);
}
