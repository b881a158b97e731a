/* pp-report-zip.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* renameat2 */

#include "pp-report-zip.h"
#include "pp-log.h"
#include "pp-redact.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

G_DEFINE_QUARK (pp-report-error-quark, pp_report_error)

PpZipEntry *
pp_zip_entry_new (const char *name,
                  GBytes     *contents)
{
  PpZipEntry *entry = g_new0 (PpZipEntry, 1);

  entry->name = g_strdup (name);
  entry->contents = g_bytes_ref (contents);

  return entry;
}

/* Every text member of a report is made here, and redacted here: what a
 * writer of report.json, a trace or configuration.txt forgets cannot leak. */
PpZipEntry *
pp_zip_entry_new_take_text (const char *name,
                            char       *text)
{
  g_autofree char *taken = text;
  char *redacted = pp_redact (taken);
  g_autoptr(GBytes) bytes = g_bytes_new_take (redacted, strlen (redacted));

  return pp_zip_entry_new (name, bytes);
}

void
pp_zip_entry_free (PpZipEntry *entry)
{
  g_free (entry->name);
  g_bytes_unref (entry->contents);
  g_free (entry);
}

static void
set_zip_error (GError     **error,
               int          code,
               const char  *what,
               zip_error_t *zerr)
{
  g_set_error (error, PP_REPORT_ERROR, code, "%s: %s", what, zip_error_strerror (zerr));
}

static gboolean
add_entry (zip_t       *archive,
           PpZipEntry  *entry,
           time_t       now,
           GError     **error)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (entry->contents, &size);
  zip_source_t *source = zip_source_buffer (archive, data, size, 0);
  zip_int64_t index;

  if (source == NULL ||
      (index = zip_file_add (archive, entry->name, source, ZIP_FL_ENC_UTF_8)) < 0)
    {
      zip_source_free (source);
      set_zip_error (error, PP_REPORT_ERROR_WRITE, entry->name, zip_get_error (archive));
      return FALSE;
    }
  zip_file_set_mtime (archive, index, now, 0);
  /* rw-r--r--: unpacked files are plain documents. */
  zip_file_set_external_attributes (archive, index, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  pp_debug ("zip member %s: %" G_GSIZE_FORMAT " bytes", entry->name, size);

  return TRUE;
}

/* libzip writes the archive into memory, so that every file-system error
 * comes from our own writes below and is reported as such. */
static GBytes *
build_archive (GPtrArray  *entries,
               GError    **error)
{
  zip_error_t zerr;
  zip_source_t *buffer;
  zip_t *archive;
  zip_stat_t st;
  void *data;
  time_t now = time (NULL);

  zip_error_init (&zerr);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zerr);
  archive = buffer ? zip_open_from_source (buffer, ZIP_TRUNCATE, &zerr) : NULL;
  if (archive == NULL)
    {
      set_zip_error (error, PP_REPORT_ERROR_WRITE, "zip", &zerr);
      zip_source_free (buffer);
      zip_error_fini (&zerr);
      return NULL;
    }
  zip_source_keep (buffer);

  for (guint i = 0; i < entries->len; i++)
    if (!add_entry (archive, g_ptr_array_index (entries, i), now, error))
      {
        zip_discard (archive);
        zip_source_free (buffer);
        return NULL;
      }
  if (zip_close (archive) < 0)
    {
      set_zip_error (error, PP_REPORT_ERROR_WRITE, "zip", zip_get_error (archive));
      zip_discard (archive);
      zip_source_free (buffer);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_source_stat (buffer, &st) < 0 || zip_source_open (buffer) < 0)
    {
      set_zip_error (error, PP_REPORT_ERROR_WRITE, "zip", zip_source_error (buffer));
      zip_source_free (buffer);
      return NULL;
    }
  data = g_malloc (st.size);
  zip_source_read (buffer, data, st.size);
  zip_source_close (buffer);
  zip_source_free (buffer);

  return g_bytes_new_take (data, st.size);
}

static gboolean
write_all (int           fd,
           GBytes       *bytes,
           const char   *path,
           GError      **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      ssize_t written = write (fd, data, size);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved = written < 0 ? errno : ENOSPC;

          g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                       "Cannot write %s: %s; free some space or choose another folder",
                       path, saved == EFBIG ? "the file size limit was reached"
                                            : g_strerror (saved));
          return FALSE;
        }
      data += written;
      size -= written;
    }

  if (fsync (fd) != 0 && errno != EINVAL)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                   "Cannot write %s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_target (const char  *path,
              gboolean     overwrite,
              GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return TRUE;
  if (!overwrite)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS,
                   "%s already exists: choose another name, or allow replacing it", path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS,
                   "%s exists and is not a regular file: choose another name", path);
      return FALSE;
    }

  return TRUE;
}

/* Never replaces a file that appeared meanwhile unless asked to. */
static gboolean
move_into_place (const char  *tmp_path,
                 const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  int status = overwrite ? rename (tmp_path, path)
                         : renameat2 (AT_FDCWD, tmp_path, AT_FDCWD, path, RENAME_NOREPLACE);

  /* Some file systems cannot rename without replacing: a hard link can. */
  if (status != 0 && !overwrite && (errno == EINVAL || errno == ENOSYS))
    status = link (tmp_path, path) == 0 ? unlink (tmp_path) : -1;
  if (status == 0)
    return TRUE;

  if (errno == EEXIST)
    g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_EXISTS,
                 "%s already exists: choose another name, or allow replacing it", path);
  else
    g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                 "Cannot create %s: %s", path, g_strerror (errno));
  return FALSE;
}

static int
open_temporary (const char  *path,
                char       **tmp_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int fd;

  *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX.part", dir, base);
  fd = g_mkstemp_full (*tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                 "Cannot write in the folder %s: %s; choose another folder",
                 dir, g_strerror (errno));

  return fd;
}

gboolean
pp_report_zip_write (const char  *path,
                     gboolean     overwrite,
                     GPtrArray   *entries,
                     GError     **error)
{
  g_autoptr(GBytes) archive = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok;
  int fd;

  if (!check_target (path, overwrite, error))
    return FALSE;
  archive = build_archive (entries, error);
  if (archive == NULL)
    return FALSE;

  fd = open_temporary (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  ok = write_all (fd, archive, path, error);
  if (close (fd) != 0 && ok)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                   "Cannot write %s: %s", path, g_strerror (errno));
      ok = FALSE;
    }
  ok = ok && move_into_place (tmp_path, path, overwrite, error);
  if (!ok)
    g_unlink (tmp_path);
  pp_debug ("%s: %u members, %s", path, entries->len, ok ? "written" : "not written");

  return ok;
}

/* A member read from a local file when the archive is written: a fleet's
 * hosts' reports are never all in memory at once. */
static gboolean
add_file_entry (zip_t       *archive,
                const char  *name,
                const char  *path,
                time_t       now,
                GError     **error)
{
  zip_source_t *source = zip_source_file (archive, path, 0, -1);
  zip_int64_t index;

  if (source == NULL || (index = zip_file_add (archive, name, source, ZIP_FL_ENC_UTF_8)) < 0)
    {
      zip_source_free (source);
      set_zip_error (error, PP_REPORT_ERROR_WRITE, path, zip_get_error (archive));
      return FALSE;
    }
  zip_file_set_mtime (archive, index, now, 0);
  zip_file_set_external_attributes (archive, index, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  /* A zip in the zip is compressed already; the rest (a fleet's hosts'
   * pages) is compressed fast: level 1 is a few times faster than the
   * default and nearly as small on HTML. */
  zip_set_file_compression (archive, index, g_str_has_suffix (name, ".zip") ? ZIP_CM_STORE
                                                                           : ZIP_CM_DEFLATE,
                            g_str_has_suffix (name, ".zip") ? 0 : 1);

  return TRUE;
}

static gboolean
add_all (zip_t      *archive,
         GPtrArray  *entries,
         GPtrArray  *files,
         GError    **error)
{
  time_t now = time (NULL);

  for (guint i = 0; i < entries->len; i++)
    if (!add_entry (archive, g_ptr_array_index (entries, i), now, error))
      return FALSE;
  for (guint i = 0; i + 1 < files->len; i += 2)
    if (!add_file_entry (archive, g_ptr_array_index (files, i),
                         g_ptr_array_index (files, i + 1), now, error))
      return FALSE;

  return TRUE;
}

/* libzip writes @tmp_path itself (through a temporary file of its own,
 * renamed at the end): a disk that fills up fails zip_close(). */
static gboolean
write_archive_file (const char  *tmp_path,
                    const char  *path,
                    GPtrArray   *entries,
                    GPtrArray   *files,
                    GError     **error)
{
  zip_error_t zerr;
  int code = 0;
  zip_t *archive = zip_open (tmp_path, ZIP_TRUNCATE, &code);

  if (archive == NULL)
    {
      zip_error_init_with_code (&zerr, code);
      set_zip_error (error, PP_REPORT_ERROR_WRITE, path, &zerr);
      zip_error_fini (&zerr);
      return FALSE;
    }
  if (!add_all (archive, entries, files, error))
    {
      zip_discard (archive);
      return FALSE;
    }
  if (zip_close (archive) < 0)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_WRITE,
                   "Cannot write %s: %s; free some space or choose another folder", path,
                   zip_strerror (archive));
      zip_discard (archive);
      return FALSE;
    }

  return TRUE;
}

/**
 * pp_report_zip_write_with_files:
 * @entries: (element-type PpZipEntry): members in memory
 * @files: member name, local path, member name, local path...
 *
 * As pp_report_zip_write(), with members copied from local files while
 * the archive is written, so that memory does not grow with them.
 */
gboolean
pp_report_zip_write_with_files (const char  *path,
                                gboolean     overwrite,
                                GPtrArray   *entries,
                                GPtrArray   *files,
                                GError     **error)
{
  g_autofree char *tmp_path = NULL;
  gboolean ok;
  int fd;

  if (!check_target (path, overwrite, error))
    return FALSE;
  fd = open_temporary (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  ok = write_archive_file (tmp_path, path, entries, files, error) &&
       move_into_place (tmp_path, path, overwrite, error);
  if (!ok)
    g_unlink (tmp_path);
  pp_debug ("%s: %u members and %u files, %s", path, entries->len, files->len / 2,
            ok ? "written" : "not written");

  return ok;
}
