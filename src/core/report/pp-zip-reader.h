/* pp-zip-reader.h: reading a zip from someone else, warily and in bounded memory
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening checks the whole archive before anything of it is used: the
 * directory's size and entry count (before libzip reads it), every
 * member's name, type (files only: no links, folders, pipes or devices),
 * encryption, sizes against zip bombs and overlaps, and every member's
 * CRC and real size, read to its end in small pieces. Members are then
 * handed out in pieces too, so no input costs more than a few MiB.
 * Errors are in PP_REPORT_ERROR and start with the display name.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A report's directory: ~1,010 entries of ~100 bytes. */
#define PP_ZIP_READER_MAX_DIRECTORY_SIZE  (8 * 1024 * 1024)
/* The pieces handed to a PpZipChunkFunc. */
#define PP_ZIP_READER_CHUNK_SIZE          (64 * 1024)

typedef struct _PpZipReader PpZipReader;

/* Returns FALSE with @error set to stop reading. */
typedef gboolean (*PpZipChunkFunc) (const char  *data,
                                    gsize        size,
                                    gpointer     user_data,
                                    GError     **error);

/* @required: members the zip must have, or NULL. */
PpZipReader *pp_zip_reader_new_for_path  (const char          *path,
                                          const char * const  *required,
                                          GError             **error);
/* The same; members named in @keep of at most @max_keep bytes are kept
 * in memory from the check, so that pp_zip_reader_read() hands them out
 * without inflating them a second time, and a zip of up to 4 MiB is read
 * whole rather than piece by piece (a merge of 1,000 zips). */
PpZipReader *pp_zip_reader_new_for_path_keeping (const char          *path,
                                                 const char * const  *required,
                                                 const char * const  *keep,
                                                 guint64              max_keep,
                                                 GError             **error);
/* The same, for a zip in memory (fuzzers, tests); @display_name names
 * it in messages. */
PpZipReader *pp_zip_reader_new_for_bytes (GBytes              *bytes,
                                          const char          *display_name,
                                          const char * const  *required,
                                          GError             **error);
/* Hands @name to @func in pieces of at most PP_ZIP_READER_CHUNK_SIZE;
 * fails if it is missing, or damaged after all (the file changed). */
gboolean     pp_zip_reader_read          (PpZipReader         *self,
                                          const char          *name,
                                          PpZipChunkFunc       func,
                                          gpointer             user_data,
                                          GError             **error);
void         pp_zip_reader_free          (PpZipReader         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpZipReader, pp_zip_reader_free)

G_END_DECLS
