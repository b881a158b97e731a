/* pp-details-pane.c: everything about the selected cell
 *
 * It follows the cell: while the probe runs it says so, and the moment
 * the result arrives it shows it.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pp-clipboard.h"
#include "pp-details-pane.h"
#include "pp-format.h"
#include "pp-guidance.h"
#include "pp-method.h"
#include "pp-redact.h"
#include "pp-timing-bar.h"

struct _PpDetailsPane
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkLabel *title;
  GtkLabel *url;
  GtkWidget *agent;           /* shown for the agent's own endpoints */
  GtkLabel *agent_label;
  GtkLabel *state;
  GtkLabel *guidance_title;
  GtkLabel *guidance;
  PpTimingBar *timing_bar;
  GtkLabel *timings;
  GtkLabel *proxy;
  GtkLabel *statuses;
  GtkLabel *headers;
  GtkLabel *certificate;
  GtkWidget *result_box;
  GtkWidget *probe_box;        /* what was measured: hidden when nothing was sent */

  PpGridCell *cell;
  gulong state_handler;
};

G_DEFINE_FINAL_TYPE (PpDetailsPane, pp_details_pane, ADW_TYPE_BIN)

/* Headers a technician looks at first: who answered, and why. */
static const char * const relevant_headers[] = {
  "via:", "server:", "location:", "proxy-authenticate:", "x-squid-error:", "x-cache:",
  "content-type:", "proxy-connection:", "www-authenticate:",
};

static char *
format_timings (const PpTimings *t)
{
  g_autofree char *dns = pp_format_duration (t->dns);
  g_autofree char *connect = pp_format_duration (t->connect);
  g_autofree char *tls = pp_format_duration (t->tls);
  g_autofree char *first = pp_format_duration (t->first_byte);
  g_autofree char *total = pp_format_duration (t->total);

  /* Translators: the phases of a request; the times are cumulative. */
  return g_strdup_printf (_("DNS %s · connect %s · TLS %s · first byte %s · total %s"),
                          dns, connect, tls, first, total);
}

static char *
format_proxy (const PpProbeResult *r)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Proxy used: %s"), r->proxy ? r->proxy : _("none (direct)"));
  for (guint i = 0; r->attempts && i < r->attempts->len; i++)
    {
      const PpAttempt *a = &g_array_index (r->attempts, PpAttempt, i);

      g_string_append_printf (out, "\n%u. %s — %s", i + 1, a->proxy,
                              _(pp_outcome_get_reason (a->outcome)));
    }
  if (r->remote_address)
    g_string_append_printf (out, "\n%s %s", _("Remote address:"), r->remote_address);
  if (r->method_note)
    g_string_append_printf (out, "\n%s", r->method_note);
  /* A wpad answer that hinges on a name this machine cannot resolve is
   * explained by what the PAC script looked up. */
  if (r->pac_lookups != NULL && r->pac_lookups[0] != NULL)
    {
      g_string_append_printf (out, "\n%s", _("DNS look-ups of the PAC script:"));
      for (guint i = 0; r->pac_lookups[i]; i++)
        g_string_append_printf (out, "\n  %s", r->pac_lookups[i]);
    }

  return g_string_free (out, FALSE);
}

static void
append_status (GString    *out,
               const char *name,
               guint       status)
{
  if (status == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s %u", name, status);
}

static char *
format_statuses (const PpProbeResult *r)
{
  GString *out = g_string_new (NULL);

  append_status (out, _("HTTP status:"), r->http_status);
  append_status (out, _("CONNECT status:"), r->connect_status);
  append_status (out, _("Proxy status:"), r->proxy_status);
  if (r->curl_code != 0)
    g_string_append_printf (out, "%s%s %d (%s)", out->len ? "\n" : "", _("libcurl code:"),
                            r->curl_code, r->curl_message ? r->curl_message : "");
  if (r->redirect_count > 0 && r->final_url)
    g_string_append_printf (out, "\n%s %u → %s", _("Redirects:"), r->redirect_count, r->final_url);
  if (out->len == 0)
    g_string_append (out, _("No status: the request got no answer."));

  return g_string_free (out, FALSE);
}

static gboolean
is_relevant_header (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (relevant_headers); i++)
    if (g_ascii_strncasecmp (line, relevant_headers[i], strlen (relevant_headers[i])) == 0)
      return TRUE;

  return FALSE;
}

/* The trace is already redacted; only received headers are shown. */
static char *
format_headers (const PpProbeResult *r)
{
  g_auto(GStrv) lines = r->trace ? g_strsplit (r->trace, "\n", -1) : NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines && lines[i]; i++)
    if (g_str_has_prefix (lines[i], "< ") && (g_str_has_prefix (lines[i] + 2, "HTTP/") ||
                                              is_relevant_header (lines[i] + 2)))
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", g_strchomp (lines[i] + 2));
  if (out->len == 0)
    g_string_append (out, _("No headers were received."));

  return g_string_free (out, FALSE);
}

static char *
format_certificate (const PpProbeResult *r)
{
  GString *out;

  if (!r->tls.present)
    return g_strdup (_("No certificate: plain HTTP, or no TLS handshake."));
  out = g_string_new (NULL);
  if (r->tls.inspected)
    g_string_append_printf (out, _("TLS inspection: the chain ends at “%s”, which is not a public root."),
                            r->tls.root ? r->tls.root : r->tls.issuer);
  else
    g_string_append (out, r->tls.verified ? _("Not inspected: the chain ends at a public root.")
                                          : _("The chain did not verify."));
  for (guint i = 0; r->tls.chain && i < r->tls.chain->len; i++)
    g_string_append_printf (out, "\n%u. %s", i + 1, (const char *) g_ptr_array_index (r->tls.chain, i));
  if (r->tls.leaf_sha256)
    g_string_append_printf (out, "\nSHA-256 %s", r->tls.leaf_sha256);

  return g_string_free (out, FALSE);
}

static void
show_result (PpDetailsPane       *self,
             const PpProbeResult *r)
{
  g_autofree char *guidance = pp_guidance_for_result (r);
  g_autofree char *timings = format_timings (&r->timings);
  g_autofree char *proxy = format_proxy (r);
  g_autofree char *statuses = format_statuses (r);
  g_autofree char *headers = format_headers (r);
  g_autofree char *certificate = format_certificate (r);

  gtk_label_set_label (self->guidance_title, _(pp_guidance_get_title (r->outcome)));
  gtk_label_set_label (self->guidance, guidance);
  /* A method that does not exist here sent nothing: no proxy, timing or
   * status to show, and none to claim. */
  gtk_widget_set_visible (self->probe_box, r->outcome != PP_OUTCOME_NOT_CONFIGURED);
  if (r->outcome == PP_OUTCOME_NOT_CONFIGURED)
    {
      g_autofree char *why = g_strdup_printf ("%s%s%s",
                                              _("This method is not configured on this machine, so nothing was sent."),
                                              r->detail ? " " : "", r->detail ? r->detail : "");

      gtk_label_set_label (self->guidance, why);
      return;
    }
  pp_timing_bar_set_timings (self->timing_bar, &r->timings);
  gtk_label_set_label (self->timings, timings);
  gtk_label_set_label (self->proxy, proxy);
  gtk_label_set_label (self->statuses, statuses);
  gtk_label_set_label (self->headers, headers);
  gtk_label_set_label (self->certificate, certificate);
}

static void
update (PpDetailsPane *self)
{
  PpProbeResult *result;
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *url = NULL;

  if (self->cell == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "cell");
  result = pp_grid_cell_get_result (self->cell);
  title = g_strdup_printf ("%s — %s", _(pp_method_get_label (pp_grid_cell_get_method (self->cell))),
                           pp_grid_cell_get_endpoint (self->cell)->service);
  state = pp_grid_cell_format_accessible (self->cell);
  gtk_label_set_label (self->title, title);
  url = pp_redact (pp_grid_cell_get_endpoint (self->cell)->url);
  gtk_label_set_label (self->url, url);
  gtk_widget_set_visible (self->agent, pp_grid_cell_get_endpoint (self->cell)->agent_uses);
  gtk_label_set_label (self->state, state);
  gtk_widget_set_visible (self->result_box, result != NULL);
  if (result != NULL)
    show_result (self, result);
}

static void
copy_label (PpDetailsPane *self,
            GtkLabel      *label)
{
  pp_clipboard_set_text (GTK_WIDGET (self), gtk_label_get_label (label));
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autofree char *text = pp_details_pane_format_text (PP_DETAILS_PANE (widget));

  pp_clipboard_set_text (widget, text);
}

static void
copy_headers_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  copy_label (PP_DETAILS_PANE (widget), PP_DETAILS_PANE (widget)->headers);
}

static void
copy_certificate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  copy_label (PP_DETAILS_PANE (widget), PP_DETAILS_PANE (widget)->certificate);
}

static void
pp_details_pane_dispose (GObject *object)
{
  pp_details_pane_set_cell (PP_DETAILS_PANE (object), NULL);

  G_OBJECT_CLASS (pp_details_pane_parent_class)->dispose (object);
}

static void
pp_details_pane_class_init (PpDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_details_pane_dispose;

  g_type_ensure (PP_TYPE_TIMING_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/proxyprobe/ProxyProbe/pp-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, title);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, url);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, agent);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, agent_label);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, state);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, guidance_title);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, guidance);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, timing_bar);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, timings);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, proxy);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, statuses);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, headers);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, certificate);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, result_box);
  gtk_widget_class_bind_template_child (widget_class, PpDetailsPane, probe_box);

  gtk_widget_class_install_action (widget_class, "details.copy", NULL, copy_all_action);
  gtk_widget_class_install_action (widget_class, "details.copy-headers", NULL, copy_headers_action);
  gtk_widget_class_install_action (widget_class, "details.copy-certificate", NULL,
                                   copy_certificate_action);
}

static void
pp_details_pane_init (PpDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

PpGridCell *
pp_details_pane_get_cell (PpDetailsPane *self)
{
  g_return_val_if_fail (PP_IS_DETAILS_PANE (self), NULL);

  return self->cell;
}

void
pp_details_pane_set_cell (PpDetailsPane *self,
                          PpGridCell    *cell)
{
  g_return_if_fail (PP_IS_DETAILS_PANE (self));

  if (self->cell == cell)
    return;
  if (self->cell != NULL)
    g_clear_signal_handler (&self->state_handler, self->cell);
  g_set_object (&self->cell, cell);
  if (cell != NULL)
    self->state_handler = g_signal_connect_swapped (cell, "notify::state", G_CALLBACK (update), self);
  update (self);
}

/* Plain text for a ticket: the same sections as on screen. */
char *
pp_details_pane_format_text (PpDetailsPane *self)
{
  GtkLabel *sections[] = { self->guidance_title, self->guidance, self->timings, self->proxy,
                           self->statuses, self->headers, self->certificate };
  GString *out;

  g_return_val_if_fail (PP_IS_DETAILS_PANE (self), NULL);

  if (self->cell == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n%s\n", gtk_label_get_label (self->title),
                          gtk_label_get_label (self->url));
  if (gtk_widget_get_visible (self->agent))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (self->agent_label));
  g_string_append_printf (out, "%s\n", gtk_label_get_label (self->state));
  if (pp_grid_cell_get_result (self->cell) != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      /* The guidance always; what was measured only if something was sent. */
      if (i < 2 || gtk_widget_get_visible (self->probe_box))
        g_string_append_printf (out, "\n%s\n", gtk_label_get_label (sections[i]));

  return g_string_free (out, FALSE);
}
