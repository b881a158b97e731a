/* pp-ticket-layout.c
 *
 * Sizes and colours are chosen for a picture that a ticket system shrinks
 * and recompresses as JPEG: type of 14 px and more, bold where it matters,
 * solid fills with text at 4.5:1 or better, no shadows or gradients.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-ticket-layout.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pp-diagnosis.h"
#include "pp-guidance.h"
#include "pp-redact.h"

#define MARGIN        24.0
#define GAP           16.0
#define PAD           8.0
#define LINE          1.0     /* the grid's lines, between cells */
#define ENDPOINT_WIDTH 400.0

#define INK           0x241f31
#define MUTED         0x3d3846
#define PAPER         0xffffff
#define ZEBRA         0xf6f5f4
#define WHITE         0xffffff

struct _PpTicketLayout
{
  PangoContext *context;
  GArray *boxes;               /* of PpTicketBox */
  double height;
};

/* Each fill has a text colour that reads on it at 4.5:1 or better. */
static const struct {
  guint32 background;
  guint32 foreground;
} kind_colors[PP_TICKET_N_KINDS] = {
  [PP_TICKET_KIND_OK]        = { 0x1a7f45, WHITE },
  [PP_TICKET_KIND_PASSWORD]  = { 0x9a4d00, WHITE },
  [PP_TICKET_KIND_BLOCKED]   = { 0xc01c28, WHITE },
  [PP_TICKET_KIND_INSPECTED] = { 0x613583, WHITE },
  [PP_TICKET_KIND_NETWORK]   = { 0x1c5a8a, WHITE },
  [PP_TICKET_KIND_ABSENT]    = { 0xdeddda, INK },
  [PP_TICKET_KIND_NOT_RUN]   = { PAPER, MUTED },
};

static void
clear_box (gpointer data)
{
  PpTicketBox *box = data;

  g_clear_object (&box->layout);
}

static PangoContext *
make_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: what is measured here is what is drawn. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);

  return context;
}

/* A word cut at the end of a line gets no hyphen: "Environme-nt" or a
 * host name with a hyphen it does not have would mislead. */
static void
no_hyphens (PangoLayout *layout)
{
  PangoAttrList *markup = pango_layout_get_attributes (layout);
  PangoAttrList *attributes = markup ? pango_attr_list_copy (markup) : pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

/* @markup in @font, wrapped at @width. */
static PangoLayout *
make_text (PpTicketLayout *self,
           const char     *font,
           const char     *markup,
           double          width,
           PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /* A translation with broken markup shows its words, not nothing. */
  if (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, markup, -1);
  else
    pango_layout_set_text (layout, markup, -1);
  pango_font_description_free (description);
  no_hyphens (layout);

  return layout;
}

static double
text_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static PpTicketBox *
add_box (PpTicketLayout *self,
         PpTicketRole    role,
         guint           index,
         double          x,
         double          y,
         double          width,
         double          height)
{
  PpTicketBox box = { role, index, 0, x, y, width, height, PP_TICKET_NO_COLOR, INK, NULL,
                      x, y, 0 };

  g_array_append_val (self->boxes, box);

  return &g_array_index (self->boxes, PpTicketBox, self->boxes->len - 1);
}

/* A box that is its text, @pad around it; returns its height. */
static double
add_text_box (PpTicketLayout *self,
              PpTicketRole    role,
              guint           index,
              double          x,
              double          y,
              double          width,
              double          pad,
              PangoLayout    *layout)
{
  double height = text_height (layout) + 2 * pad;
  PpTicketBox *box = add_box (self, role, index, x, y, width, height);

  box->layout = layout;
  box->text_x = x + pad;
  box->text_y = y + pad;

  return height;
}

/* The colour of the verdict, as every output gives it (core's severity:
 * the agent's path where the profile names an agent, else what the
 * methods reached). Each takes white text at 4.5:1. */
static guint32
verdict_background (const PpDiagnosis *diagnosis)
{
  switch (pp_diagnosis_severity (diagnosis))
    {
    case PP_SEVERITY_PASS: return kind_colors[PP_TICKET_KIND_OK].background;
    case PP_SEVERITY_WARN: return kind_colors[PP_TICKET_KIND_PASSWORD].background;
    case PP_SEVERITY_FAIL: return kind_colors[PP_TICKET_KIND_BLOCKED].background;
    case PP_SEVERITY_PENDING:
    default: return MUTED;
    }
}

/* The verdict as the ticket says it: core's diagnosis (the agent's path,
 * the root causes once each, what to change), then what each method did.
 * Returns Pango markup. */
static char *
describe_verdict (PpRunResults *results,
                  guint32      *background)
{
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new_translated (results);
  const PpVerdict *verdict = &diagnosis->verdict;
  g_autofree char *title = pp_diagnosis_format_title (diagnosis);
  g_autofree char *brief = pp_diagnosis_format_brief (diagnosis);
  g_autofree char *headline = pp_diagnosis_format_any_method (diagnosis);
  g_autofree char *methods = pp_verdict_format_methods (verdict, pp_run_results_get_plan (results));
  /* The analyzer's run-wide advice only where core found nothing
   * specific to change: else it says "What to change" a second time. */
  g_autofree char *guidance = diagnosis->fixes->len == 0 ? pp_verdict_format_guidance (verdict) : NULL;
  g_autofree char *text = NULL;

  *background = verdict_background (diagnosis);
  text = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>\n%s%s%s%s%s%s%s",
                                  title, brief, headline, *headline && *methods ? " " : "", methods,
                                  verdict->n_cancelled > 0 && verdict->kind != PP_VERDICT_PENDING
                                  ? _(" Stopped: some checks did not run.") : "",
                                  guidance ? "\n" : "", guidance ? guidance : "");

  return pp_redact (text);
}

static double
add_heading (PpTicketLayout *self,
             PpRunResults   *results,
             const char     *host_name,
             GDateTime      *when)
{
  PpProfile *profile = pp_run_results_get_profile (results);
  const char *geography = pp_profile_get_geography (profile);
  const char *title = pp_profile_get_title (profile);
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M %Z");
  g_autofree char *heading = g_markup_printf_escaped ("%s", _("Proxy Probe: can this machine reach the service?"));
  g_autofree char *facts = g_markup_printf_escaped (_("<b>Host</b> %s   <b>Date</b> %s   "
                                                      "<b>Profile</b> %s (%s)   <b>Geography</b> %s   "
                                                      "<b>Proxy Probe</b> %s"),
                                                    host_name, date, title ? title : "",
                                                    pp_profile_get_name (profile),
                                                    geography ? geography : _("all"),
                                                    PACKAGE_VERSION);
  g_autofree char *safe_facts = pp_redact (facts);
  guint32 background = 0;
  g_autofree char *verdict = describe_verdict (results, &background);
  double width = PP_TICKET_WIDTH - 2 * MARGIN;
  double y = MARGIN;
  PpTicketBox *box;

  y += add_text_box (self, PP_TICKET_ROLE_TITLE, 0, MARGIN, y, width, 0,
                     make_text (self, "Sans Bold 26px", heading, width, PANGO_ALIGN_LEFT));
  y += add_text_box (self, PP_TICKET_ROLE_FACTS, 0, MARGIN, y + 6, width, 0,
                     make_text (self, "Sans 16px", safe_facts, width, PANGO_ALIGN_LEFT)) + 6 + GAP;
  y += add_text_box (self, PP_TICKET_ROLE_VERDICT, 0, MARGIN, y, width, 14,
                     make_text (self, "Sans 17px", verdict, width - 28, PANGO_ALIGN_LEFT));
  box = &g_array_index (self->boxes, PpTicketBox, self->boxes->len - 1);
  box->background = background;
  box->foreground = WHITE;

  return y + GAP;
}

/* The status a proxy or server answered with, 0 when none. */
static guint
answer_status (const PpProbeResult *r)
{
  return r->connect_status >= 400 ? r->connect_status
       : r->proxy_status >= 400 ? r->proxy_status
       : r->ambiguous_status > 0 ? r->ambiguous_status
       : r->http_status;
}

static char *
with_status (const char *words,
             guint       status)
{
  return status > 0 ? g_strdup_printf ("%s %u", words, status) : g_strdup (words);
}

/* What a cell says, in words, and its kind (its colour). */
static PpTicketKind
describe_cell (const PpProbeResult  *r,
               char                **words)
{
  if (r == NULL || r->outcome == PP_OUTCOME_CANCELLED)
    return (*words = g_strdup (_("not run")), PP_TICKET_KIND_NOT_RUN);

  switch ((int) r->outcome)
    {
    case PP_OUTCOME_OK:
      *words = g_strdup_printf (r->tls.inspected ? _("OK %u, TLS inspected") : _("OK %u"),
                                r->http_status);
      return PP_TICKET_KIND_OK;
    case PP_OUTCOME_NOT_CONFIGURED:
      return (*words = g_strdup (_("doesn’t exist")), PP_TICKET_KIND_ABSENT);
    case PP_OUTCOME_PROXY_AUTH_REQUIRED:
      return (*words = with_status (_("asks for a password"), answer_status (r)), PP_TICKET_KIND_PASSWORD);
    case PP_OUTCOME_PROXY_REFUSED:
      return (*words = with_status (_("blocked"), answer_status (r)), PP_TICKET_KIND_BLOCKED);
    case PP_OUTCOME_UNEXPECTED_STATUS:
    case PP_OUTCOME_UNATTRIBUTED:
      return (*words = with_status (_("answered"), answer_status (r)), PP_TICKET_KIND_BLOCKED);
    case PP_OUTCOME_TLS_INSPECTED:
      return (*words = g_strdup (_("TLS inspected")), PP_TICKET_KIND_INSPECTED);
    case PP_OUTCOME_DNS_FAILED:
      /* An answer came: the name does not exist (or is filtered). */
      return (*words = g_strdup (_("name not resolved")), PP_TICKET_KIND_NETWORK);
    case PP_OUTCOME_DNS_TIMEOUT:
      return (*words = g_strdup (_("no DNS answer")), PP_TICKET_KIND_NETWORK);
    case PP_OUTCOME_CONNECT_REFUSED:
      return (*words = g_strdup (_("refused")), PP_TICKET_KIND_NETWORK);
    case PP_OUTCOME_CONNECT_TIMEOUT:
    case PP_OUTCOME_TIMEOUT:
      return (*words = g_strdup (_("timed out")), PP_TICKET_KIND_NETWORK);
    default:
      return (*words = g_strdup (_(pp_outcome_get_reason (r->outcome))), PP_TICKET_KIND_NETWORK);
    }
}

/* A host too long for its column breaks after a dot, never with a
 * hyphen that is not in the name: a zero-width space after each dot. */
static char *
breakable_host (const char *host)
{
  g_auto(GStrv) labels = g_strsplit (host, ".", -1);

  return g_strjoinv (".\u200b", labels);
}

/* The whole host (it tells rows apart), then the service and the path. */
static char *
describe_endpoint (const PpEndpoint *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;
  g_autofree char *breakable = NULL;
  g_autofree char *markup = NULL;
  const char *path;

  if (uri == NULL)
    return g_markup_printf_escaped ("<b>%s</b>\n%s", endpoint->url, endpoint->service);
  host = g_uri_get_port (uri) > 0 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                                  : g_strdup (g_uri_get_host (uri));
  breakable = breakable_host (host);
  path = g_uri_get_path (uri);
  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size='small'>%s · %s%s%s</span>", breakable,
                                    endpoint->service, *path ? path : "/",
                                    g_uri_get_query (uri) ? "?" : "",
                                    g_uri_get_query (uri) ? g_uri_get_query (uri) : "");

  return pp_redact (markup);
}

static double
column_x (PpRunResults *results,
          guint         position,
          double       *width)
{
  double columns = PP_TICKET_WIDTH - 2 * MARGIN - ENDPOINT_WIDTH;

  *width = columns / MAX (pp_run_results_get_n_methods (results), 1);

  return MARGIN + ENDPOINT_WIDTH + position * *width;
}

static double
add_column_headers (PpTicketLayout *self,
                    PpRunResults   *results,
                    double          y)
{
  guint n_methods = pp_run_results_get_n_methods (results);
  PangoLayout *layouts[PP_N_METHODS] = { NULL };
  double height = 0;
  PpTicketBox *box;

  for (guint m = 0; m < n_methods && m < PP_N_METHODS; m++)
    {
      PpMethod method = pp_run_results_get_method (results, m);
      PpMethodCount count;
      double width;
      g_autofree char *markup = NULL;

      pp_run_results_count_method (results, m, &count);
      column_x (results, m, &width);
      markup = g_markup_printf_escaped (_("<b>%u · %s</b>\n<span size='small'>%u reachable</span>"),
                                        pp_method_get_number (method), pp_method_get_label (method),
                                        count.succeeded);
      layouts[m] = make_text (self, "Sans 14px", markup, width - 2 * PAD - LINE, PANGO_ALIGN_CENTER);
      height = MAX (height, text_height (layouts[m]));
    }
  box = add_box (self, PP_TICKET_ROLE_CORNER, 0, MARGIN, y, ENDPOINT_WIDTH - LINE, height + 2 * PAD);
  box->background = MUTED;
  box->foreground = WHITE;
  box->layout = make_text (self, "Sans Bold 15px", _("Endpoint"), ENDPOINT_WIDTH - 2 * PAD, PANGO_ALIGN_LEFT);
  box->text_x = MARGIN + PAD;
  box->text_y = y + PAD;
  for (guint m = 0; m < n_methods && m < PP_N_METHODS; m++)
    {
      double width;
      double x = column_x (results, m, &width);

      box = add_box (self, PP_TICKET_ROLE_COLUMN, m, x, y, width - LINE, height + 2 * PAD);
      box->background = MUTED;
      box->foreground = WHITE;
      box->layout = layouts[m];
      box->text_x = x + PAD;
      box->text_y = y + PAD;
    }

  return y + height + 2 * PAD + LINE;
}

/* One endpoint's row: its name and one cell per method, all as tall as
 * the tallest. */
static double
add_row (PpTicketLayout *self,
         PpRunResults   *results,
         guint           e,
         double          y)
{
  guint n_methods = MIN (pp_run_results_get_n_methods (results), PP_N_METHODS);
  PpEndpoint *endpoint = pp_profile_get_endpoint (pp_run_results_get_profile (results), e);
  g_autofree char *name = describe_endpoint (endpoint);
  PangoLayout *row = make_text (self, "Sans 14px", name, ENDPOINT_WIDTH - 2 * PAD, PANGO_ALIGN_LEFT);
  double height = text_height (row);
  guint first = self->boxes->len;
  PpTicketBox *box;

  box = add_box (self, PP_TICKET_ROLE_ROW, e, MARGIN, y, ENDPOINT_WIDTH - LINE, 0);
  box->background = e % 2 ? ZEBRA : PAPER;
  box->layout = row;
  box->text_x = MARGIN + PAD;
  box->text_y = y + PAD;
  for (guint m = 0; m < n_methods; m++)
    {
      guint index = pp_run_results_get_index (results, e, m);
      g_autofree char *words = NULL;
      PpTicketKind kind = describe_cell (pp_run_results_get_item (results, index), &words);
      g_autofree char *markup = g_markup_printf_escaped ("%s", words);
      double width;
      double x = column_x (results, m, &width);

      box = add_box (self, PP_TICKET_ROLE_CELL, index, x, y, width - LINE, 0);
      box->kind = kind;
      box->background = kind_colors[kind].background;
      box->foreground = kind_colors[kind].foreground;
      box->layout = make_text (self, "Sans Bold 14px", markup, width - 2 * PAD - LINE, PANGO_ALIGN_CENTER);
      box->text_x = x + PAD;
      height = MAX (height, text_height (box->layout));
    }
  /* Cells centre their words in the row's height. */
  for (guint i = first; i < self->boxes->len; i++)
    {
      box = &g_array_index (self->boxes, PpTicketBox, i);
      box->height = height + 2 * PAD;
      if (box->role == PP_TICKET_ROLE_CELL)
        box->text_y = y + PAD + (height - text_height (box->layout)) / 2;
    }

  return y + height + 2 * PAD + LINE;
}

static const char *
legend_meaning (PpTicketKind kind)
{
  static const char * const meanings[PP_TICKET_N_KINDS] = {
    [PP_TICKET_KIND_OK] = N_("<b>OK</b>: reachable, the answer the service expects (its HTTP status)"),
    [PP_TICKET_KIND_PASSWORD] = N_("<b>asks for a password</b>: the proxy wants credentials (407); the agent has none"),
    [PP_TICKET_KIND_BLOCKED] = N_("<b>blocked</b>, <b>answered</b>: a proxy or the server refused with this status"),
    [PP_TICKET_KIND_INSPECTED] = N_("<b>TLS inspected</b>: a certificate not from a public or pinned root"),
    [PP_TICKET_KIND_NETWORK] = N_("<b>name not resolved</b>, <b>no DNS answer</b>, <b>refused</b>, <b>timed out</b>: no connection"),
    [PP_TICKET_KIND_ABSENT] = N_("<b>doesn’t exist</b>: this machine has no such proxy setting; nothing was sent"),
    [PP_TICKET_KIND_NOT_RUN] = N_("<b>not run</b>: the run was stopped before this check"),
  };

  return _(meanings[kind]);
}

/* The legend in two columns, a swatch of each colour beside its words. */
static double
add_legend (PpTicketLayout *self,
            double          y)
{
  double width = (PP_TICKET_WIDTH - 2 * MARGIN - GAP) / 2;
  double swatch = 22;
  double column_y[2];
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", _("Legend"));

  y += GAP;
  y += add_text_box (self, PP_TICKET_ROLE_TITLE, 1, MARGIN, y, PP_TICKET_WIDTH - 2 * MARGIN, 0,
                     make_text (self, "Sans 17px", heading, PP_TICKET_WIDTH - 2 * MARGIN,
                                PANGO_ALIGN_LEFT)) + 6;
  column_y[0] = column_y[1] = y;
  for (guint kind = 0; kind < PP_TICKET_N_KINDS; kind++)
    {
      guint column = kind % 2;
      double x = MARGIN + column * (width + GAP);
      PangoLayout *text = make_text (self, "Sans 15px", legend_meaning (kind),
                                     width - swatch - PAD, PANGO_ALIGN_LEFT);
      double height = MAX (text_height (text), swatch);
      PpTicketBox *box = add_box (self, PP_TICKET_ROLE_LEGEND, kind, x, column_y[column], width, height);

      box->kind = kind;
      box->swatch = swatch;
      box->background = kind_colors[kind].background;
      box->layout = text;
      box->text_x = x + swatch + PAD;
      box->text_y = column_y[column];
      column_y[column] += height + 8;
    }

  return MAX (column_y[0], column_y[1]);
}

/**
 * pp_ticket_layout_new:
 * @results: a run's results, finished or not
 * @host_name: the machine the run was made on
 * @when: when the run was made
 *
 * Returns: (transfer full): the ticket image's boxes, measured
 */
PpTicketLayout *
pp_ticket_layout_new (PpRunResults *results,
                      const char   *host_name,
                      GDateTime    *when)
{
  PpTicketLayout *self;
  double y;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (results), NULL);
  g_return_val_if_fail (host_name != NULL && when != NULL, NULL);

  self = g_new0 (PpTicketLayout, 1);
  self->context = make_context ();
  self->boxes = g_array_new (FALSE, TRUE, sizeof (PpTicketBox));
  g_array_set_clear_func (self->boxes, clear_box);

  y = add_heading (self, results, host_name, when);
  y = add_column_headers (self, results, y);
  for (guint e = 0; e < pp_run_results_get_n_endpoints (results); e++)
    y = add_row (self, results, e, y);
  y = add_legend (self, y);
  self->height = ceil (y + MARGIN);

  return self;
}

void
pp_ticket_layout_free (PpTicketLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->boxes);
  g_object_unref (self->context);
  g_free (self);
}

int
pp_ticket_layout_get_width (PpTicketLayout *self)
{
  return PP_TICKET_WIDTH;
}

int
pp_ticket_layout_get_height (PpTicketLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (int) self->height;
}

guint
pp_ticket_layout_get_n_boxes (PpTicketLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->boxes->len;
}

const PpTicketBox *
pp_ticket_layout_get_box (PpTicketLayout *self,
                          guint           position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->boxes->len, NULL);

  return &g_array_index (self->boxes, PpTicketBox, position);
}

/* The first box of @role for @index, or NULL. */
const PpTicketBox *
pp_ticket_layout_find (PpTicketLayout *self,
                       PpTicketRole    role,
                       guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const PpTicketBox *box = &g_array_index (self->boxes, PpTicketBox, i);

      if (box->role == role && box->index == index)
        return box;
    }

  return NULL;
}

/* The words a box shows, without markup or the invisible places where a
 * long host may break. */
char *
pp_ticket_layout_get_text (const PpTicketBox *box)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (box != NULL, NULL);

  if (box->layout == NULL)
    return g_strdup ("");
  parts = g_strsplit (pango_layout_get_text (box->layout), "\u200b", -1);

  return g_strjoinv ("", parts);
}
