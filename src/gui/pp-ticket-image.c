/* pp-ticket-image.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-ticket-image.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <png.h>

#include "pp-log.h"

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
draw_box (cairo_t           *cr,
          const PpTicketBox *box)
{
  if (box->background != PP_TICKET_NO_COLOR)
    {
      set_color (cr, box->background);
      if (box->swatch > 0)
        cairo_rectangle (cr, box->x, box->y, box->swatch, box->swatch);
      else
        cairo_rectangle (cr, box->x, box->y, box->width, box->height);
      cairo_fill (cr);
    }
  /* A white fill (a cell that did not run) needs its outline. */
  if (box->swatch > 0 && box->background == 0xffffff)
    {
      set_color (cr, 0x77767b);
      cairo_rectangle (cr, box->x + 0.5, box->y + 0.5, box->swatch - 1, box->swatch - 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  if (box->layout != NULL)
    {
      set_color (cr, box->foreground);
      cairo_move_to (cr, box->text_x, box->text_y);
      pango_cairo_show_layout (cr, box->layout);
    }
}

/* The grid's lines: a grey under the header and the rows, which the
 * boxes leave showing between them. */
static void
draw_grid_lines (cairo_t        *cr,
                 PpTicketLayout *layout)
{
  const PpTicketBox *corner = pp_ticket_layout_find (layout, PP_TICKET_ROLE_CORNER, 0);
  double bottom = corner->y;

  for (guint i = 0; i < pp_ticket_layout_get_n_boxes (layout); i++)
    {
      const PpTicketBox *box = pp_ticket_layout_get_box (layout, i);

      if (box->role == PP_TICKET_ROLE_ROW || box->role == PP_TICKET_ROLE_CORNER)
        bottom = MAX (bottom, box->y + box->height);
    }
  set_color (cr, 0x9a9996);
  cairo_rectangle (cr, corner->x - 1, corner->y - 1, pp_ticket_layout_get_width (layout) - 2 * (corner->x - 1),
                   bottom - corner->y + 2);
  cairo_fill (cr);
}

/**
 * pp_ticket_image_draw:
 *
 * @format: CAIRO_FORMAT_RGB24 for a PNG without alpha, or ARGB32
 *
 * Returns: (transfer full): an opaque image surface of the layout's size
 */
cairo_surface_t *
pp_ticket_image_draw (PpTicketLayout *layout,
                      cairo_format_t  format)
{
  cairo_surface_t *surface = cairo_image_surface_create (format,
                                                         pp_ticket_layout_get_width (layout),
                                                         pp_ticket_layout_get_height (layout));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_grid_lines (cr, layout);
  for (guint i = 0; i < pp_ticket_layout_get_n_boxes (layout); i++)
    draw_box (cr, pp_ticket_layout_get_box (layout, i));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static PpTicketLayout *
layout_for (PpRunResults  *results,
            GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (results == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("There are no results to show yet: run the checks first."));
      return NULL;
    }

  return pp_ticket_layout_new (results, g_get_host_name (), now);
}

static void
append_cb (png_structp  png,
           png_bytep    data,
           size_t       length)
{
  g_byte_array_append (png_get_io_ptr (png), data, length);
}

static void
flush_cb (png_structp png)
{
}

/* libpng at zlib's fastest level with the Sub filter: a 1200 x 4000 image
 * of flat fills and text comes out about as small as with cairo's encoder
 * (zlib's default level, every filter tried) in a third of the time, 40
 * instead of 120 ms. RGB24 rows are 0x00RRGGBB words in native order. */
static gboolean
encode_png (cairo_surface_t *surface,
            GByteArray      *out)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  g_autofree guchar *row = g_malloc ((gsize) width * 3);
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct (png) : NULL;

  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return FALSE;
    }
  png_set_write_fn (png, out, append_cb, flush_cb);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = pixels[x] >> 16;
          row[3 * x + 1] = pixels[x] >> 8;
          row[3 * x + 2] = pixels[x];
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return TRUE;
}

GBytes *
pp_ticket_image_png (PpRunResults  *results,
                     GError       **error)
{
  g_autoptr(PpTicketLayout) layout = layout_for (results, error);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  gboolean encoded;

  if (layout == NULL)
    return NULL;
  surface = pp_ticket_image_draw (layout, CAIRO_FORMAT_RGB24);
  encoded = encode_png (surface, png);
  cairo_surface_destroy (surface);
  if (!encoded)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The image could not be made: %s"),
                   g_strerror (ENOMEM));
      return NULL;
    }
  pp_debug ("ticket image: %d x %d px, %u bytes of PNG", pp_ticket_layout_get_width (layout),
            pp_ticket_layout_get_height (layout), png->len);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* For the clipboard: GTK offers it as PNG (and TIFF) to whoever pastes. */
GdkTexture *
pp_ticket_image_texture (PpRunResults  *results,
                         GError       **error)
{
  g_autoptr(PpTicketLayout) layout = layout_for (results, error);
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  GdkTexture *texture;

  if (layout == NULL)
    return NULL;
  /* ARGB32, painted opaque: GDK's default memory format. */
  surface = pp_ticket_image_draw (layout, CAIRO_FORMAT_ARGB32);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) *
                        cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  return texture;
}

gboolean
pp_ticket_image_save (PpRunResults  *results,
                      const char    *path,
                      GError       **error)
{
  g_autoptr(GBytes) png = pp_ticket_image_png (results, error);

  if (png == NULL)
    return FALSE;

  return g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error);
}
