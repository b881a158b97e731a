/* pp-ticket-image.h: the composed image for a ticket, drawn off-screen
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What --screenshot, Save Ticket Image (Ctrl+Shift+S) and Copy Image
 * produce, and what the zip keeps beside the window's own screenshot:
 * the layout of pp-ticket-layout.h painted with cairo, no window needed.
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-run-results.h"
#include "pp-ticket-layout.h"

G_BEGIN_DECLS

cairo_surface_t *pp_ticket_image_draw    (PpTicketLayout  *layout,
                                          cairo_format_t   format);
GBytes          *pp_ticket_image_png     (PpRunResults    *results,
                                          GError         **error);
GdkTexture      *pp_ticket_image_texture (PpRunResults    *results,
                                          GError         **error);
gboolean         pp_ticket_image_save    (PpRunResults    *results,
                                          const char      *path,
                                          GError         **error);

G_END_DECLS
