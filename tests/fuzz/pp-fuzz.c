/* pp-fuzz.c: what every libFuzzer target of Proxy Probe shares
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memfd_create */
#include "pp-fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A CRITICAL or WARNING is a finding like a crash: a g_return_if_fail() that
 * fires on some input is a bug that a normal run prints and then ignores.
 * Everything else is dropped, so that the fuzzer's own output stays legible. */
static GLogWriterOutput
fuzz_writer (GLogLevelFlags   log_level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  if (!(log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  fprintf (stderr, "%s: %s\n", domain ? domain : "(no domain)", message ? message : "");
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fuzz_writer, NULL, NULL);
  return 0;
}

/* The input as a C string: an embedded NUL ends it, as it would end the
 * value of an environment variable, an argument or a JSON string. */
char *
pp_fuzz_strndup (const uint8_t *data,
                 size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* Splits the input at newlines into at most @max_parts strings (the last
 * one keeps any further newlines). Always returns at least one string. */
char **
pp_fuzz_split (const uint8_t *data,
               size_t         size,
               guint          max_parts)
{
  g_autofree char *text = pp_fuzz_strndup (data, size);

  return g_strsplit (text, "\n", max_parts);
}

/* The parsers of files take a path and read it themselves, as they do in
 * the program: the input goes into a memfd, whose /proc/self/fd/N path is a
 * regular file to open(), stat() and libzip. One memfd serves every run. */
const char *
pp_fuzz_file_path (const uint8_t *data,
                   size_t         size)
{
  static int fd = -1;
  static char path[64];

  if (fd < 0)
    {
      fd = memfd_create ("pp-fuzz-input", MFD_CLOEXEC);
      if (fd < 0)
        g_error ("memfd_create: %s", g_strerror (errno));
      g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
    }

  if (ftruncate (fd, 0) < 0 ||
      (size > 0 && pwrite (fd, data, size, 0) != (ssize_t) size))
    g_error ("writing the fuzz input to a memfd: %s", g_strerror (errno));

  return path;
}
