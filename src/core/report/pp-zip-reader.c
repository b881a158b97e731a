/* pp-zip-reader.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-zip-reader.h"
#include "pp-report-zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

struct _PpZipReader
{
  char *display;
  zip_t *archive;
  GBytes *bytes;     /* what a zip in memory is read from */
  GHashTable *kept;  /* name -> GBytes: members kept from the checking pass */
};

/* Where libzip looks for the end record: the last record, a comment of
 * up to 64 KiB, and a Zip64 locator. */
#define END_LEN          22
#define LOCATOR_LEN      20
#define END64_LEN        56
#define TAIL_LEN         (END_LEN + 65535 + LOCATOR_LEN)

void
pp_zip_reader_free (PpZipReader *self)
{
  if (self->archive)
    zip_discard (self->archive);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_free (self->display);
  g_free (self);
}

static guint64
get_le (const guint8 *p,
        guint         n)
{
  guint64 v = 0;

  for (guint i = n; i > 0; i--)
    v = (v << 8) | p[i - 1];

  return v;
}

static gboolean
read_at (zip_source_t *source,
         guint64       offset,
         void         *buffer,
         gsize         length)
{
  return zip_source_seek (source, (zip_int64_t) offset, SEEK_SET) == 0 &&
         zip_source_read (source, buffer, length) == (zip_int64_t) length;
}

typedef struct
{
  guint64 entries;
  guint64 size;
  guint64 offset;
} DirectoryClaim;

/* A Zip64 end record, found through the locator just before the classic
 * one, replaces every figure of it. */
static gboolean
read_zip64_claim (zip_source_t   *source,
                  guint64         file_size,
                  const guint8   *locator,
                  DirectoryClaim *claim)
{
  guint64 at = get_le (locator + 8, 8);
  guint8 record[END64_LEN];

  if (at > file_size || file_size - at < END64_LEN || !read_at (source, at, record, END64_LEN) ||
      memcmp (record, "PK\006\006", 4) != 0)
    return FALSE;
  claim->entries = get_le (record + 32, 8);
  claim->size = get_le (record + 40, 8);
  claim->offset = get_le (record + 48, 8);

  return TRUE;
}

/* libzip reads the central directory into memory, every entry of it,
 * before anyone could count them; and it tries every end record it finds
 * in the tail. So each of those is checked first: a report's directory is
 * small, whatever the records claim. */
static gboolean
check_end_record (zip_source_t  *source,
                  guint64        file_size,
                  const guint8  *tail,
                  gsize          at,
                  guint64        position,
                  const char    *display,
                  GError       **error)
{
  DirectoryClaim claim = {
    .entries = get_le (tail + at + 10, 2),
    .size = get_le (tail + at + 12, 4),
    .offset = get_le (tail + at + 16, 4),
  };
  gboolean zip64 = at >= LOCATOR_LEN && memcmp (tail + at - LOCATOR_LEN, "PK\006\007", 4) == 0 &&
                   read_zip64_claim (source, file_size, tail + at - LOCATOR_LEN, &claim);

  /* libzip refuses a classic record whose directory would not fit before
   * it, before reading anything; bytes that only look like a record (in
   * a comment, or compressed data) mostly end there too. */
  if (!zip64 && claim.offset + claim.size > position)
    return TRUE;
  g_debug ("%s: end record at %" G_GUINT64_FORMAT "%s claims %" G_GUINT64_FORMAT
           " entries in %" G_GUINT64_FORMAT " bytes", display, position, zip64 ? " (Zip64)" : "",
           claim.entries, claim.size);
  if (claim.entries <= PP_REPORT_ZIP_MAX_ENTRIES && claim.size <= PP_ZIP_READER_MAX_DIRECTORY_SIZE)
    return TRUE;

  g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
               "%s: its directory claims %" G_GUINT64_FORMAT " entries in %" G_GUINT64_FORMAT
               " bytes, far more than a report ever has (%d entries, %d MiB): it is damaged "
               "or not a report", display, claim.entries, claim.size,
               PP_REPORT_ZIP_MAX_ENTRIES, PP_ZIP_READER_MAX_DIRECTORY_SIZE / (1024 * 1024));
  return FALSE;
}

static gboolean
check_directory_claims (zip_source_t  *source,
                        guint64        file_size,
                        const char    *display,
                        GError       **error)
{
  gsize length = MIN (file_size, TAIL_LEN);
  guint64 start = file_size - length;
  g_autofree guint8 *tail = g_malloc (MAX (length, 1));
  gboolean ok = TRUE;

  if (length < END_LEN)
    return TRUE;  /* libzip says it is not a zip */
  if (zip_source_open (source) < 0)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ, "Cannot read %s: %s",
                   display, zip_error_strerror (zip_source_error (source)));
      return FALSE;
    }
  if (!read_at (source, start, tail, length))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ, "Cannot read %s: %s",
                   display, zip_error_strerror (zip_source_error (source)));
      ok = FALSE;
    }
  for (gsize at = 0; ok && at + END_LEN <= length; at++)
    if (memcmp (tail + at, "PK\005\006", 4) == 0)
      ok = check_end_record (source, file_size, tail, at, start + at, display, error);
  zip_source_close (source);

  return ok;
}

static void
set_open_error (GError      **error,
                zip_error_t  *zerr,
                const char   *display)
{
  switch (zip_error_code_zip (zerr))
    {
    case ZIP_ER_EXISTS:
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                   "%s has two members with the same name: it is damaged or was made to "
                   "mislead; ask for the report again", display);
      break;
    case ZIP_ER_NOZIP:
    case ZIP_ER_INCONS:
    case ZIP_ER_CRC:
    case ZIP_ER_COMPNOTSUPP:
    case ZIP_ER_MULTIDISK:
    case ZIP_ER_EOF:
    case ZIP_ER_MEMORY:
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
                   "%s is not a readable zip file (%s): it is damaged or not a report",
                   display, zip_error_strerror (zerr));
      break;
    default:
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ,
                   "Cannot open %s: %s", display, zip_error_strerror (zerr));
    }
}

/* Opens the archive on @source, which it takes. */
static zip_t *
open_archive (zip_source_t  *source,
              guint64        file_size,
              const char    *display,
              GError       **error)
{
  zip_error_t zerr;
  zip_t *archive;

  if (!check_directory_claims (source, file_size, display, error))
    {
      zip_source_free (source);
      return NULL;
    }

  zip_error_init (&zerr);
  archive = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (archive == NULL)
    {
      set_open_error (error, &zerr, display);
      zip_source_free (source);
    }
  zip_error_fini (&zerr);

  return archive;
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

/* An empty folder entry is what `zip -r` writes when a technician unpacks
 * a report to look at it and packs it again: it holds nothing, so it is
 * passed over. A "folder" that holds data is something else. */
static gboolean
is_empty_folder (const zip_stat_t *st,
                 guint32           type)
{
  return g_str_has_suffix (st->name, "/") && st->size == 0 &&
         (type == 0 || type == S_IFDIR);
}

/* NULL for a plain file. Unix hosts keep the file type in the upper half
 * of the external attributes; every host sets MS-DOS's folder bit. */
static const char *
describe_type (zip_t            *archive,
               zip_uint64_t      index,
               const zip_stat_t *st)
{
  const char *name = st->name;

  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  guint32 type;

  if (zip_file_get_external_attributes (archive, index, 0, &opsys, &attributes) < 0)
    return "unreadable";
  type = (attributes >> 16) & S_IFMT;
  if (opsys == ZIP_OPSYS_UNIX && type == S_IFLNK)
    return "a symbolic link";
  if (is_empty_folder (st, opsys == ZIP_OPSYS_UNIX ? type : 0))
    return NULL;
  if (g_str_has_suffix (name, "/") || (attributes & 0x10) ||
      (opsys == ZIP_OPSYS_UNIX && type == S_IFDIR))
    return "a folder";
  if (opsys == ZIP_OPSYS_UNIX && type != 0 && type != S_IFREG)
    return "a pipe, device or socket";

  return NULL;
}

static gboolean
check_kind (zip_t        *archive,
            zip_uint64_t  index,
            zip_stat_t   *st,
            const char   *shown,
            GError      **error)
{
  const char *type = describe_type (archive, index, st);

  if (type != NULL)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "member \"%s\" is %s, not a file: Proxy Probe reports hold files only; "
                   "do not unpack it", shown, type);
      return FALSE;
    }
  if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                   "\"%s\" is encrypted: Proxy Probe never encrypts its reports", shown);
      return FALSE;
    }
  /* Other methods need decoders whose memory the zip decides (LZMA's
   * dictionary), and Proxy Probe never uses them. */
  if (st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                   "member \"%s\" uses compression method %u, which Proxy Probe never uses",
                   shown, (guint) st->comp_method);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_entry (zip_t        *archive,
             zip_uint64_t  index,
             guint64      *total,
             guint64      *total_compressed,
             GError      **error)
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
  if (!check_kind (archive, index, &st, shown, error))
    return FALSE;

  *total += st.size;
  *total_compressed += st.comp_size;
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

/* Members that share their data (one way to build a zip bomb) add up to
 * more than the file holds. */
static gboolean
check_members (zip_t               *archive,
               guint64              file_size,
               const char * const  *required,
               GError             **error)
{
  zip_int64_t n = zip_get_num_entries (archive, 0);
  guint64 total = 0;
  guint64 total_compressed = 0;

  if (n < 0 || n > PP_REPORT_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "it holds %" G_GINT64_FORMAT " entries, more than a report ever has (%d)",
                   (gint64) n, PP_REPORT_ZIP_MAX_ENTRIES);
      return FALSE;
    }
  for (zip_int64_t i = 0; i < n; i++)
    if (!check_entry (archive, i, &total, &total_compressed, error))
      return FALSE;
  if (total_compressed > file_size)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_UNSAFE,
                   "its members overlap (%" G_GUINT64_FORMAT " bytes in a file of %"
                   G_GUINT64_FORMAT "): this looks like a zip bomb, not a report",
                   total_compressed, file_size);
      return FALSE;
    }

  for (guint i = 0; required && required[i]; i++)
    if (zip_name_locate (archive, required[i], 0) < 0)
      {
        g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                     "it has no %s: this zip is not a Proxy Probe report", required[i]);
        return FALSE;
      }

  return TRUE;
}

static void
set_damaged (GError      **error,
             zip_t        *archive,
             zip_uint64_t  index,
             const char   *why)
{
  g_autofree char *shown = g_strescape (zip_get_name (archive, index, ZIP_FL_ENC_RAW), NULL);

  g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED,
               "member \"%s\" is damaged (%s): ask for the report again", shown, why);
}

static const char *
describe_read_error (zip_error_t *zerr)
{
  switch (zip_error_code_zip (zerr))
    {
    case ZIP_ER_CRC:
      return "CRC mismatch";
    case ZIP_ER_INCONS:
    case ZIP_ER_EOF:
      return "its size does not match the zip's directory";
    default:
      return zip_error_strerror (zerr);
    }
}

/* Reads member @index to its end, where libzip checks the CRC and the
 * size, in pieces; never more than the directory says it holds. */
static gboolean
read_member (zip_t           *archive,
             zip_uint64_t     index,
             PpZipChunkFunc   func,
             gpointer         user_data,
             GError         **error)
{
  g_autofree char *buffer = g_malloc (PP_ZIP_READER_CHUNK_SIZE);
  guint64 seen = 0;
  zip_int64_t got;
  zip_stat_t st;
  zip_file_t *file;

  zip_stat_init (&st);
  if (zip_stat_index (archive, index, 0, &st) < 0 ||
      (file = zip_fopen_index (archive, index, 0)) == NULL)
    {
      set_damaged (error, archive, index, zip_error_strerror (zip_get_error (archive)));
      return FALSE;
    }
  while ((got = zip_fread (file, buffer, PP_ZIP_READER_CHUNK_SIZE)) > 0)
    {
      seen += got;
      if (seen > st.size)
        break;
      if (func && !func (buffer, got, user_data, error))
        {
          zip_fclose (file);
          return FALSE;
        }
    }
  if (got < 0)
    set_damaged (error, archive, index, describe_read_error (zip_file_get_error (file)));
  else if (seen != st.size)
    set_damaged (error, archive, index, "its size does not match the zip's directory");
  zip_fclose (file);

  return got == 0 && seen == st.size;
}

static gboolean
keep_chunk_cb (const char  *data,
               gsize        size,
               gpointer     user_data,
               GError     **error)
{
  g_byte_array_append (user_data, (const guint8 *) data, size);

  return TRUE;
}

/* A member in @keep of at most @max_keep bytes is kept as it is checked,
 * so that reading it later inflates it no second time. */
static GByteArray *
keep_buffer (zip_t               *archive,
             zip_uint64_t         index,
             const char * const  *keep,
             guint64              max_keep)
{
  const char *name = zip_get_name (archive, index, 0);
  zip_stat_t st;

  zip_stat_init (&st);
  if (keep == NULL || name == NULL || !g_strv_contains (keep, name) ||
      zip_stat_index (archive, index, 0, &st) < 0 || st.size > max_keep)
    return NULL;

  return g_byte_array_sized_new (st.size);
}

static gboolean
verify_members (PpZipReader         *self,
                const char * const  *keep,
                guint64              max_keep,
                GError             **error)
{
  zip_int64_t n = zip_get_num_entries (self->archive, 0);

  for (zip_int64_t i = 0; i < n; i++)
    {
      g_autoptr(GByteArray) buffer = keep_buffer (self->archive, i, keep, max_keep);

      if (!read_member (self->archive, i, buffer ? keep_chunk_cb : NULL, buffer, error))
        return FALSE;
      if (buffer != NULL)
        g_hash_table_insert (self->kept, g_strdup (zip_get_name (self->archive, i, 0)),
                             g_byte_array_free_to_bytes (g_steal_pointer (&buffer)));
    }

  return TRUE;
}

/* The checks after opening name the member, not the file. */
static void
propagate_prefixed (GError     **error,
                    GError      *local_error,
                    const char  *display)
{
  g_set_error (error, local_error->domain, local_error->code, "%s: %s",
               display, local_error->message);
  g_error_free (local_error);
}

static PpZipReader *
reader_new (zip_source_t        *source,
            guint64              file_size,
            const char          *display,
            const char * const  *required,
            const char * const  *keep,
            guint64              max_keep,
            GError             **error)
{
  g_autoptr(PpZipReader) self = g_new0 (PpZipReader, 1);
  GError *local_error = NULL;

  self->display = g_strdup (display);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_bytes_unref);
  self->archive = open_archive (source, file_size, display, error);
  if (self->archive == NULL)
    return NULL;
  if (check_members (self->archive, file_size, required, &local_error) &&
      verify_members (self, keep, max_keep, &local_error))
    {
      g_debug ("%s: %" G_GINT64_FORMAT " members, every one read to its end and sound",
               display, (gint64) zip_get_num_entries (self->archive, 0));
      return g_steal_pointer (&self);
    }

  propagate_prefixed (error, local_error, display);
  return NULL;
}

/* Only a regular file: a FIFO would make us wait for a writer forever,
 * and a device has no end. */
static FILE *
open_regular (const char  *path,
              guint64     *size,
              GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  struct stat st;
  FILE *file;

  if (fd < 0)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ,
                   "Cannot open %s: %s", path, g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ,
                   "Cannot open %s: it is not a regular file; give the zip file itself", path);
      close (fd);
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  *size = st.st_size;
  file = fdopen (fd, "rb");
  if (file == NULL)
    close (fd);

  return file;
}

PpZipReader *
pp_zip_reader_new_for_path (const char          *path,
                            const char * const  *required,
                            GError             **error)
{
  return pp_zip_reader_new_for_path_keeping (path, required, NULL, 0, error);
}

/* A zip this small is read whole and checked in memory: through a FILE,
 * its 333 members cost some 700 seeks and reads (a merge reads 1,000). */
#define SMALL_ZIP (4 * 1024 * 1024)

static PpZipReader *
reader_new_for_bytes (GBytes              *bytes,
                      const char          *display,
                      const char * const  *required,
                      const char * const  *keep,
                      guint64              max_keep,
                      GError             **error)
{
  zip_error_t zerr;
  zip_source_t *source;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  PpZipReader *self;

  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, size, 0, &zerr);
  if (source == NULL)
    {
      set_open_error (error, &zerr, display);
      zip_error_fini (&zerr);
      return NULL;
    }
  zip_error_fini (&zerr);

  self = reader_new (source, size, display, required, keep, max_keep, error);
  if (self != NULL)
    self->bytes = g_bytes_ref (bytes);

  return self;
}

static PpZipReader *
reader_new_in_memory (FILE                *file,
                      guint64              size,
                      const char          *path,
                      const char * const  *required,
                      const char * const  *keep,
                      guint64              max_keep,
                      GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *data = g_malloc (MAX (size, 1));
  gsize got = fread (data, 1, size, file);

  fclose (file);
  bytes = g_bytes_new_take (data, got);
  if (got != size)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_READ,
                   "Cannot read %s: it ended early (did it change while it was read?)", path);
      return NULL;
    }

  return reader_new_for_bytes (bytes, path, required, keep, max_keep, error);
}

PpZipReader *
pp_zip_reader_new_for_path_keeping (const char          *path,
                                    const char * const  *required,
                                    const char * const  *keep,
                                    guint64              max_keep,
                                    GError             **error)
{
  zip_error_t zerr;
  zip_source_t *source;
  guint64 size = 0;
  FILE *file;

  g_return_val_if_fail (path != NULL, NULL);

  file = open_regular (path, &size, error);
  if (file == NULL)
    return NULL;
  if (keep != NULL && size <= SMALL_ZIP)
    return reader_new_in_memory (file, size, path, required, keep, max_keep, error);
  zip_error_init (&zerr);
  source = zip_source_filep_create (file, 0, -1, &zerr);
  if (source == NULL)
    {
      set_open_error (error, &zerr, path);
      zip_error_fini (&zerr);
      fclose (file);
      return NULL;
    }
  zip_error_fini (&zerr);

  return reader_new (source, size, path, required, keep, max_keep, error);
}

PpZipReader *
pp_zip_reader_new_for_bytes (GBytes              *bytes,
                             const char          *display_name,
                             const char * const  *required,
                             GError             **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  return reader_new_for_bytes (bytes, display_name, required, NULL, 0, error);
}

static gboolean
read_kept (PpZipReader     *self,
           const char      *name,
           PpZipChunkFunc   func,
           gpointer         user_data,
           GError         **error)
{
  gsize size;
  const char *data = g_bytes_get_data (g_hash_table_lookup (self->kept, name), &size);
  GError *local_error = NULL;

  for (gsize at = 0; at < size; at += PP_ZIP_READER_CHUNK_SIZE)
    if (!func (data + at, MIN (size - at, PP_ZIP_READER_CHUNK_SIZE), user_data, &local_error))
      {
        propagate_prefixed (error, local_error, self->display);
        return FALSE;
      }

  return TRUE;
}

gboolean
pp_zip_reader_read (PpZipReader     *self,
                    const char      *name,
                    PpZipChunkFunc   func,
                    gpointer         user_data,
                    GError         **error)
{
  zip_int64_t index;
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_hash_table_contains (self->kept, name))
    return read_kept (self, name, func, user_data, error);
  index = zip_name_locate (self->archive, name, 0);
  if (index < 0)
    {
      g_set_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_FOREIGN,
                   "%s: it has no %s: this zip is not a Proxy Probe report", self->display, name);
      return FALSE;
    }
  if (read_member (self->archive, index, func, user_data, &local_error))
    return TRUE;

  propagate_prefixed (error, local_error, self->display);
  return FALSE;
}
