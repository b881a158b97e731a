/* pp-report-read.c: the text of a report someone else sent
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A received ProxyProbeResult.txt can be as large as the zip checks
 * allow (64 MiB), so it is never held whole: it is checked in one pass
 * (ours, UTF-8) and handed out in a second, piece by piece. Nothing is
 * shown of a text that fails the first pass.
 */
#define _GNU_SOURCE  /* memrchr */

#include "pp-report-read.h"
#include "pp-controls.h"
#include "pp-zip-reader.h"

#include <string.h>

/* What the text is handed on in: whole lines, unless one is longer. */
#define MAX_LINE (1024 * 1024)

typedef struct
{
  PpReportTextFunc func;     /* NULL: only check */
  gpointer user_data;
  guint64 seen;              /* bytes of the member so far */
  char carry[4];             /* a character cut at the end of a piece */
  gsize n_carry;
  GString *out;
} TextFilter;

static gboolean
text_not_ours (GError **error)
{
  g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
               "its %s was not written by Proxy Probe", PP_REPORT_TEXT_NAME);
  return FALSE;
}

/* A report from someone else is shown on a technician's terminal: escape
 * sequences in it could rewrite the screen or the title, so every control
 * character but newline and tab (C1 controls and bidirectional overrides
 * included) is shown as U+FFFD. */
static void
append_without_controls (GString    *out,
                         const char *data,
                         gsize       size)
{
  pp_controls_append (out, data, size, PP_CONTROLS_REPLACE, PP_CONTROLS_KEEP_LINES, G_MAXLONG);
}

/* The header is compared byte by byte as the pieces pass. */
static gboolean
check_header (TextFilter  *filter,
              const char  *data,
              gsize        size)
{
  static const char header[] = PP_REPORT_TEXT_HEADER;

  for (gsize i = 0; i < size && filter->seen + i < sizeof header - 1; i++)
    if (data[i] != header[filter->seen + i])
      return FALSE;

  return TRUE;
}

/* Hands on whole lines (or everything, at the end): a print handler
 * that looks at what it prints, say for a URL with a password, sees
 * each line whole. A line longer than MAX_LINE goes out in parts. */
static void
emit_lines (TextFilter *filter,
            gboolean    all)
{
  GString *out = filter->out;
  const char *newline = memrchr (out->str, '\n', out->len);
  gsize n = out->len;
  char saved;

  if (!all && newline != NULL)
    n = newline - out->str + 1;
  else if (!all && out->len < MAX_LINE)
    n = 0;
  if (n == 0)
    return;

  saved = out->str[n];
  out->str[n] = '\0';
  filter->func (out->str, filter->user_data);
  out->str[n] = saved;
  g_string_erase (out, 0, n);
}

/* @data joined to the carried bytes; the valid part is passed on, a
 * character cut at the end is carried to the next piece. */
static gboolean
filter_piece (TextFilter  *filter,
              const char  *data,
              gsize        size,
              GError     **error)
{
  const char *end;
  gsize rest;

  if (!g_utf8_validate_len (data, size, &end))
    {
      rest = data + size - end;
      if (rest >= sizeof filter->carry ||
          g_utf8_get_char_validated (end, rest) != (gunichar) -2)
        return text_not_ours (error);
      memcpy (filter->carry, end, rest);
      filter->n_carry = rest;
    }
  if (filter->func != NULL)
    {
      append_without_controls (filter->out, data, end - data);
      emit_lines (filter, FALSE);
    }

  return TRUE;
}

static gboolean
filter_chunk_cb (const char  *data,
                 gsize        size,
                 gpointer     user_data,
                 GError     **error)
{
  TextFilter *filter = user_data;
  g_autofree char *joined = NULL;

  if (!check_header (filter, data, size))
    return text_not_ours (error);
  filter->seen += size;

  if (filter->n_carry > 0)
    {
      joined = g_malloc (filter->n_carry + size);
      memcpy (joined, filter->carry, filter->n_carry);
      memcpy (joined + filter->n_carry, data, size);
      size += filter->n_carry;
      data = joined;
      filter->n_carry = 0;
    }

  return filter_piece (filter, data, size, error);
}

static gboolean
filter_text (PpZipReader       *reader,
             PpReportTextFunc   func,
             gpointer           user_data,
             GError           **error)
{
  TextFilter filter = { .func = func, .user_data = user_data };
  g_autoptr(GString) out = g_string_sized_new (PP_ZIP_READER_CHUNK_SIZE * 2);

  filter.out = out;
  if (!pp_zip_reader_read (reader, PP_REPORT_TEXT_NAME, filter_chunk_cb, &filter, error))
    return FALSE;
  if (filter.seen < strlen (PP_REPORT_TEXT_HEADER) || filter.n_carry > 0)
    return text_not_ours (error);
  if (func != NULL)
    emit_lines (&filter, TRUE);

  return TRUE;
}

static gboolean
show_text (PpZipReader       *reader,
           const char        *display,
           PpReportTextFunc   func,
           gpointer           user_data,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (reader == NULL)
    return FALSE;
  if (filter_text (reader, NULL, NULL, &local_error) &&
      (func == NULL || filter_text (reader, func, user_data, &local_error)))
    return TRUE;

  if (g_str_has_prefix (local_error->message, display))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, PP_REPORT_ERROR, local_error->code, "%s: %s", display,
                 local_error->message);
  return FALSE;
}

static const char * const required[] = { PP_REPORT_TEXT_NAME, "report.json", NULL };

gboolean
pp_report_show_text (const char        *path,
                     PpReportTextFunc   func,
                     gpointer           user_data,
                     GError           **error)
{
  g_autoptr(PpZipReader) reader = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  reader = pp_zip_reader_new_for_path (path, required, error);
  return show_text (reader, path, func, user_data, error);
}

gboolean
pp_report_show_text_bytes (GBytes            *zip,
                           const char        *display_name,
                           PpReportTextFunc   func,
                           gpointer           user_data,
                           GError           **error)
{
  g_autoptr(PpZipReader) reader = NULL;

  g_return_val_if_fail (zip != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  reader = pp_zip_reader_new_for_bytes (zip, display_name, required, error);
  return show_text (reader, display_name, func, user_data, error);
}

static void
append_cb (const char *text,
           gpointer    user_data)
{
  g_string_append (user_data, text);
}

char *
pp_report_read_text (const char  *path,
                     GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (!pp_report_show_text (path, append_cb, text, error))
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}
