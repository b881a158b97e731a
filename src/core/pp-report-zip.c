/* pp-report-zip.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* renameat2 */

#include "pp-report-zip.h"
#include "pp-report.h"
#include "pp-redact.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

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

  return ok;
}

/* Names a careless unpacker would write outside its folder, or that no
 * report of ours contains. */
static gboolean
is_safe_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (*name == '\0' || *name == '/' || strchr (name, '\\') || strchr (name, ':') ||
      !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      return FALSE;

  return TRUE;
}

static gboolean
check_entry (zip_t       *archive,
             zip_uint64_t index,
             guint64     *total,
             GError     **error)
{
  zip_stat_t st;
  g_autofree char *shown = NULL;

  zip_stat_init (&st);
  if (zip_stat_index (archive, index, ZIP_FL_ENC_RAW, &st) < 0 || !(st.valid & ZIP_STAT_NAME))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                   "entry %" G_GUINT64_FORMAT " cannot be read: the zip is damaged", (guint64) index);
      return FALSE;
    }

  shown = g_strescape (st.name, NULL);
  if (!is_safe_name (st.name))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "it contains an entry with an unsafe name (\"%s\"): it could write "
                   "outside the folder it is unpacked in; do not unpack it", shown);
      return FALSE;
    }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                   "\"%s\" is encrypted: Proxy Probe never encrypts its reports", shown);
      return FALSE;
    }

  *total += st.size;
  if (st.size > PP_REPORT_ZIP_MAX_ENTRY_SIZE || *total > PP_REPORT_ZIP_MAX_TOTAL_SIZE ||
      (st.size > 1024 * 1024 && st.size / MAX (st.comp_size, 1) > PP_REPORT_ZIP_MAX_RATIO))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "\"%s\" would unpack to %" G_GUINT64_FORMAT " bytes from %" G_GUINT64_FORMAT
                   ": this looks like a zip bomb, not a report", shown,
                   (guint64) st.size, (guint64) st.comp_size);
      return FALSE;
    }

  return TRUE;
}

static zip_t *
open_archive (const char  *path,
              GError     **error)
{
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
  zip_error_t zerr;

  if (archive != NULL)
    return archive;

  zip_error_init_with_code (&zerr, code);
  if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_CRC ||
      code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_MULTIDISK)
    g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                 "%s is not a readable zip file (%s): it is damaged or not a report",
                 path, zip_error_strerror (&zerr));
  else
    g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ,
                 "Cannot open %s: %s", path, zip_error_strerror (&zerr));
  zip_error_fini (&zerr);

  return NULL;
}

static gboolean
check_archive (zip_t               *archive,
               const char * const  *required,
               GError             **error)
{
  zip_int64_t n = zip_get_num_entries (archive, 0);
  guint64 total = 0;

  if (n < 0 || n > PP_REPORT_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "it holds %" G_GINT64_FORMAT " entries, more than a report ever has (%d)",
                   (gint64) n, PP_REPORT_ZIP_MAX_ENTRIES);
      return FALSE;
    }
  for (zip_int64_t i = 0; i < n; i++)
    if (!check_entry (archive, i, &total, error))
      return FALSE;

  for (guint i = 0; required && required[i]; i++)
    if (zip_name_locate (archive, required[i], 0) < 0)
      {
        g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                     "it has no %s: this zip is not a Proxy Probe report", required[i]);
        return FALSE;
      }

  return TRUE;
}

/* Reads at most the declared size plus one byte: a zip that lies about
 * its sizes cannot make us read more. libzip checks the CRC at the end. */
static GBytes *
read_entry (zip_t       *archive,
            const char  *name,
            GError     **error)
{
  zip_int64_t index = zip_name_locate (archive, name, 0);
  zip_stat_t st;
  zip_file_t *file;
  g_autofree char *data = NULL;
  zip_int64_t got;

  zip_stat_init (&st);
  if (index < 0 || zip_stat_index (archive, index, 0, &st) < 0 ||
      (file = zip_fopen_index (archive, index, 0)) == NULL)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                   "%s cannot be read: %s", name, zip_strerror (archive));
      return NULL;
    }
  data = g_malloc (st.size + 1);
  got = zip_fread (file, data, st.size + 1);
  if (got < 0 || (zip_uint64_t) got != st.size)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                   "%s is damaged: %s", name,
                   got < 0 ? zip_file_strerror (file) : "its size does not match the directory");
      zip_fclose (file);
      return NULL;
    }
  zip_fclose (file);

  return g_bytes_new_take (g_steal_pointer (&data), st.size);
}

/* Checks the whole archive (names, sizes, entry count, @required
 * entries) before reading @name from it. */
GBytes *
pp_report_zip_read_entry (const char          *path,
                          const char          *name,
                          const char * const  *required,
                          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  zip_t *archive = open_archive (path, error);
  GBytes *contents = NULL;

  if (archive == NULL)
    return NULL;

  if (check_archive (archive, required, &local_error))
    contents = read_entry (archive, name, &local_error);
  zip_discard (archive);

  if (local_error != NULL)
    g_set_error (error, PP_REPORT_ERROR, local_error->code, "%s: %s", path, local_error->message);

  return contents;
}
