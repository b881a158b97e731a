/* pp-window-results-columns.c: the grid's columns and what their cells show
 *
 * The endpoint column (service, the host's distinguishing part, the
 * agent's mark, the URL as tooltip), then one column per method whose
 * cells are PpCellWidgets bound to the rows' PpGridCells.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-cell-widget.h"
#include "pp-format.h"
#include "pp-grid-row.h"
#include "pp-redact.h"
#include "pp-window-results-private.h"

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PpWindowResults          *self)
{
  GtkWidget *cell = pp_cell_widget_new ();

  _pp_window_results_watch_focus (self, cell);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  PpGridRow *row = gtk_list_item_get_item (item);
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "method-position"));
  PpCellWidget *widget = PP_CELL_WIDGET (gtk_list_item_get_child (item));

  if (position < pp_grid_row_get_n_cells (row))
    pp_cell_widget_set_cell (widget, pp_grid_row_get_cell (row, position));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  pp_cell_widget_set_cell (PP_CELL_WIDGET (gtk_list_item_get_child (item)), NULL);
}

/* The endpoint's URL as its tooltip, asked for only when a tooltip is
 * shown: gtk_widget_set_tooltip_text() at each bind asks the X server
 * where the pointer is (a round trip per row; 4 % of the main thread's
 * samples in a profile of a 1,002-probe run). */
static gboolean
endpoint_query_tooltip_cb (GtkWidget  *box,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  const char *url = g_object_get_data (G_OBJECT (box), "pp-url");

  if (url == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, url);

  return TRUE;
}

/* The mark of an endpoint Defender for Endpoint talks to now (its
 * onboarding's gateway and data hosts): a shield beside the service
 * name, with its meaning as tooltip and accessible name. */
static GtkWidget *
agent_badge_new (void)
{
  GtkWidget *badge = gtk_image_new_from_icon_name ("security-high-symbolic");
  const char *meaning = _("Defender for Endpoint uses this endpoint");

  gtk_widget_set_tooltip_text (badge, meaning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, meaning, -1);
  gtk_widget_add_css_class (badge, "pp-agent-badge");
  gtk_widget_set_visible (badge, FALSE);

  return badge;
}

static void
setup_endpoint_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *service = gtk_label_new (NULL);
  GtkWidget *url = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (service), 0);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (service), PANGO_ELLIPSIZE_END);
  /* The name is the host's distinguishing part (pp_format_distinct_names):
   * its start tells rows apart, so an ellipsis goes at its end. */
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (url), 40);
  gtk_widget_add_css_class (url, "caption");
  gtk_widget_add_css_class (url, "pp-endpoint-name");
  gtk_box_append (GTK_BOX (first_line), service);
  gtk_box_append (GTK_BOX (first_line), agent_badge_new ());
  gtk_box_append (GTK_BOX (box), first_line);
  gtk_box_append (GTK_BOX (box), url);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (endpoint_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, box);
}

static void
bind_endpoint_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  PpGridRow *row = gtk_list_item_get_item (item);
  PpEndpoint *endpoint = pp_grid_row_get_endpoint (row);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *first_line = gtk_widget_get_first_child (box);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (first_line)), endpoint->service);
  gtk_widget_set_visible (gtk_widget_get_last_child (first_line), endpoint->agent_uses);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), pp_grid_row_get_name (row));
  g_object_set_data_full (G_OBJECT (box), "pp-url", pp_redact (endpoint->url), g_free);
}

/* The column titles, in order: GTK 4.8 makes one for each column as it
 * is added, and has no API for a title's tooltip. */
static GtkWidget *
nth_title (PpWindowResults *self,
           guint            n)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; title != NULL && i < n; i++)
    title = gtk_widget_get_next_sibling (title);

  return title;
}

/* @tooltip: the full title, when @title is short for it: said by the
 * tooltip and to screen readers. Every column takes a share of the
 * window's width beyond what it needs: six methods fit at 1024 pixels,
 * and the grid fills a wider window. */
static void
add_column (PpWindowResults    *self,
            const char         *title,
            const char         *tooltip,
            GtkListItemFactory *factory)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  GtkWidget *title_widget;

  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  title_widget = nth_title (self, g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view)) - 1);
  if (title_widget != NULL && tooltip != NULL)
    {
      gtk_widget_set_tooltip_text (title_widget, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (title_widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

void
_pp_window_results_setup_columns (PpWindowResults *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_endpoint_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_endpoint_cb), NULL);
  add_column (self, _("Endpoint"), NULL, factory);
  for (guint m = 0; m < PP_N_METHODS; m++)
    {
      g_autofree char *title = pp_format_method_title (m);
      g_autofree char *label = pp_format_method_label (m);

      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "method-position", GUINT_TO_POINTER (m));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
      add_column (self, title, label, factory);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
}
