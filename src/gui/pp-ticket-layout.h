/* pp-ticket-layout.h: what the composed ticket image shows, and where
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket image carries the whole answer of a run to a helpdesk ticket:
 * host, date, profile, the verdict, every endpoint by every method in
 * words, and a legend. The layout is measured off-screen with Pango (no
 * window, no display) into a list of boxes that pp-ticket-image.c draws as
 * they are, and that the tests read to check that nothing is missing.
 */
#pragma once

#include <pango/pango.h>

#include "pp-run-results.h"

G_BEGIN_DECLS

#define PP_TICKET_WIDTH 1200

/* What a cell says, one colour each (the legend lists them). */
typedef enum
{
  PP_TICKET_KIND_OK,
  PP_TICKET_KIND_PASSWORD,
  PP_TICKET_KIND_BLOCKED,
  PP_TICKET_KIND_INSPECTED,
  PP_TICKET_KIND_NETWORK,
  PP_TICKET_KIND_ABSENT,
  PP_TICKET_KIND_NOT_RUN,
  PP_TICKET_N_KINDS
} PpTicketKind;

typedef enum
{
  PP_TICKET_ROLE_TITLE,
  PP_TICKET_ROLE_FACTS,     /* host, date, profile, geography, version */
  PP_TICKET_ROLE_VERDICT,
  PP_TICKET_ROLE_CORNER,    /* "Endpoint", above the endpoints */
  PP_TICKET_ROLE_COLUMN,    /* index: the method's position in the plan */
  PP_TICKET_ROLE_ROW,       /* index: the endpoint's */
  PP_TICKET_ROLE_CELL,      /* index: the plan item's */
  PP_TICKET_ROLE_LEGEND,    /* index: a PpTicketKind */
} PpTicketRole;

#define PP_TICKET_NO_COLOR G_MAXUINT32

typedef struct
{
  PpTicketRole role;
  guint index;
  PpTicketKind kind;        /* cells and legend entries */
  double x, y, width, height;
  guint32 background;       /* 0xRRGGBB, or PP_TICKET_NO_COLOR */
  guint32 foreground;
  PangoLayout *layout;      /* drawn at (text_x, text_y) */
  double text_x, text_y;
  double swatch;            /* legend: a square of @background this wide, text beside it */
} PpTicketBox;

typedef struct _PpTicketLayout PpTicketLayout;

PpTicketLayout    *pp_ticket_layout_new        (PpRunResults   *results,
                                                const char     *host_name,
                                                GDateTime      *when);
void               pp_ticket_layout_free       (PpTicketLayout *self);
int                pp_ticket_layout_get_width  (PpTicketLayout *self);
int                pp_ticket_layout_get_height (PpTicketLayout *self);
guint              pp_ticket_layout_get_n_boxes (PpTicketLayout *self);
const PpTicketBox *pp_ticket_layout_get_box    (PpTicketLayout *self,
                                                guint           position);
const PpTicketBox *pp_ticket_layout_find       (PpTicketLayout *self,
                                                PpTicketRole    role,
                                                guint           index);
char              *pp_ticket_layout_get_text   (const PpTicketBox *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpTicketLayout, pp_ticket_layout_free)

G_END_DECLS
