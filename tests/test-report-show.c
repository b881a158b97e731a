/* test-report-show.c: proxyprobe-cli show on zips from someone else
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every zip here is made byte by byte (or by libzip, for the big
 * deflated one) the way a damaged mail gateway or an attacker would
 * make it. Each `show` runs as its own process and is waited for with
 * wait4(), so its peak RSS is the kernel's figure for that process
 * alone, not a timing or a sample.
 */
#define _GNU_SOURCE  /* wait4 */

#include <fcntl.h>
#include <malloc.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "pp-report.h"
#include "pp-report-read.h"
#include "pp-test-cli.h"
#include "pp-report-zip.h"

/* What `show` may use for any input (issue 13). */
#define MAX_RSS_KIB (64 * 1024)

/* AddressSanitizer keeps up to 256 MiB of freed memory in quarantine and
 * adds its shadow: there the bound is meaningless, and the normal build
 * checks it. Everything else is checked in both. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#define BIG_SIZE    (60 * 1000 * 1000)

static char *temp_dir;

static char *
temp_path (const char *name)
{
  return g_build_filename (temp_dir, name, NULL);
}

/* ---- A zip written byte by byte ---------------------------------- */

typedef struct
{
  const char *name;
  const char *data;          /* NULL: a report-like text */
  guint32 attributes;        /* external attributes; 0: a Unix rw-r--r-- file */
  guint16 flags;             /* general purpose bits (bit 0: encrypted) */
  guint16 method;            /* compression method, as written (the data is never compressed) */
  guint32 declared_size;     /* 0: the real size */
  gboolean bad_crc;
  int shares_data_of;        /* 1-based: point at an earlier member's local header */
} RawMember;

#define REPORT_TEXT "Proxy Probe report\nTesting URL : http://example.com/\nSummary: 1 of 1 endpoints reachable\n"
#define REPORT_JSON "{\"format\": \"proxyprobe-report/1\"}\n"

static void
put16 (GByteArray *out,
       guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  put16 (out, v & 0xffff);
  put16 (out, v >> 16);
}

static void
put64 (GByteArray *out,
       guint64     v)
{
  put32 (out, v & 0xffffffffu);
  put32 (out, v >> 32);
}

static void
put_header (GByteArray      *out,
            gboolean         central,
            const RawMember *m,
            guint32          crc,
            guint32          size,
            guint32          offset)
{
  guint32 declared = m->declared_size ? m->declared_size : size;

  put32 (out, central ? 0x02014b50 : 0x04034b50);
  if (central)
    put16 (out, (3 << 8) | 20);     /* made by Unix, version 2.0 */
  put16 (out, 20);
  put16 (out, m->flags);
  put16 (out, m->method);
  put32 (out, 0);                   /* time and date */
  put32 (out, m->bad_crc ? crc ^ 0x5a5a5a5a : crc);
  put32 (out, size);
  put32 (out, declared);
  put16 (out, strlen (m->name));
  put16 (out, 0);                   /* extra field */
  if (central)
    {
      put16 (out, 0);               /* comment */
      put16 (out, 0);               /* disk */
      put16 (out, 0);               /* internal attributes */
      put32 (out, m->attributes ? m->attributes : 0100644u << 16);
      put32 (out, offset);
    }
  g_byte_array_append (out, (const guint8 *) m->name, strlen (m->name));
}

static void
put_end (GByteArray *out,
         guint16     entries,
         guint32     cd_size,
         guint32     cd_offset)
{
  put32 (out, 0x06054b50);
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, entries);
  put16 (out, entries);
  put32 (out, cd_size);
  put32 (out, cd_offset);
  put16 (out, 0);
}

/* @claimed_entries: what the end record says (0: the truth). */
static GByteArray *
raw_zip (const RawMember *members,
         guint            n,
         guint16          claimed_entries)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree guint32 *offsets = g_new0 (guint32, n);
  g_autofree guint32 *crcs = g_new0 (guint32, n);
  guint32 cd_offset;

  for (guint i = 0; i < n; i++)
    {
      const char *data = members[i].data ? members[i].data : REPORT_TEXT;
      guint32 size = strlen (data);

      crcs[i] = crc32 (0, (const Bytef *) data, size);
      if (members[i].shares_data_of)
        continue;
      offsets[i] = out->len;
      put_header (out, FALSE, &members[i], crcs[i], size, 0);
      g_byte_array_append (out, (const guint8 *) data, size);
    }
  cd_offset = out->len;
  for (guint i = 0; i < n; i++)
    {
      const RawMember *m = &members[i];
      const char *data = m->data ? m->data : REPORT_TEXT;
      guint32 offset = m->shares_data_of ? offsets[m->shares_data_of - 1] : offsets[i];

      put_header (out, TRUE, m, crcs[i], strlen (data), offset);
    }
  put_end (out, claimed_entries ? claimed_entries : n, out->len - cd_offset, cd_offset);

  return out;
}

static char *
write_zip (const char *file,
           GByteArray *bytes)
{
  g_autofree char *path = temp_path (file);

  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
  g_byte_array_unref (bytes);

  return g_steal_pointer (&path);
}

#define RAW_ZIP(file, claimed, ...) \
  write_zip (file, raw_zip ((const RawMember[]) { __VA_ARGS__ }, \
                            G_N_ELEMENTS (((const RawMember[]) { __VA_ARGS__ })), claimed))

/* ---- Running show, measured ----------------------------------------- */

typedef struct
{
  int status;
  goffset out_size;
  char *out_head;            /* the first 4 KiB of stdout */
  char *err;
  long max_rss_kib;
} ShowRun;

static void
show_run_clear (ShowRun *run)
{
  g_free (run->out_head);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShowRun, show_run_clear)

static void
show (ShowRun    *run,
      const char *zip)
{
  g_autofree char *out_path = temp_path ("show.out");
  g_autofree char *err_path = temp_path ("show.err");
  const char *argv[] = { g_getenv ("PROXYPROBE_CLI"), "show", zip, NULL };
  int out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  struct rusage usage;
  struct stat st;
  GPid pid;
  int wstatus;

  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  /* The kernel's figure for the child starts from what the forked copy
   * of this test had resident: give the heap back first, so that what is
   * measured is show's own peak (this test stays below show's ~11 MiB). */
  malloc_trim (0);
  g_spawn_async_with_fds (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                          &pid, -1, out_fd, err_fd, &error);
  g_assert_no_error (error);
  close (out_fd);
  close (err_fd);
  g_assert_cmpint (wait4 (pid, &wstatus, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (wstatus));

  run->status = WEXITSTATUS (wstatus);
  run->max_rss_kib = usage.ru_maxrss;
  g_assert_true (g_file_get_contents (err_path, &run->err, NULL, NULL));
  g_assert_cmpint (g_stat (out_path, &st), ==, 0);
  run->out_size = st.st_size;
  {
    FILE *f = fopen (out_path, "r");
    char head[4097];
    size_t got = fread (head, 1, 4096, f);

    head[got] = '\0';
    fclose (f);
    run->out_head = g_strdup (head);
  }
  g_test_message ("show %s: exit %d, %ld KiB peak RSS, %" G_GOFFSET_FORMAT " bytes out: %s",
                  zip, run->status, run->max_rss_kib, run->out_size, run->err);
  g_unlink (out_path);
  g_unlink (err_path);
}

static void
assert_rss_bounded (long max_rss_kib)
{
#ifdef UNDER_ASAN
  g_test_message ("peak RSS %ld KiB: not checked under AddressSanitizer", max_rss_kib);
#else
  g_assert_cmpint (max_rss_kib, <=, MAX_RSS_KIB);
#endif
}

/* Exit 2 with @message (and the file named), nothing on stdout, within
 * the memory bound. */
static void
expect_refused (const char *zip,
                const char *message)
{
  g_auto(ShowRun) run = { 0 };

  show (&run, zip);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpint (run.out_size, ==, 0);
  assert_contains (run.err, zip);
  assert_contains (run.err, message);
  assert_rss_bounded (run.max_rss_kib);
}

/* ---- Big members ---------------------------------------------------- */

/* Report-like lines that deflate compresses about 2:1, far from a bomb. */
static char *
big_text (gsize size)
{
  char *text = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (13);
  gsize at = strlen ("Proxy Probe report\n");

  memcpy (text, "Proxy Probe report\n", at);
  while (at < size)
    {
      text[at] = (at % 64 == 63) ? '\n' : "0123456789abcdef"[g_rand_int (rand) & 15];
      at++;
    }
  g_rand_free (rand);

  return text;
}

static char *
big_zip (const char *file,
         gboolean    compressed)
{
  g_autofree char *path = temp_path (file);
  g_autofree char *text = big_text (BIG_SIZE);
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  zip_source_t *source;

  g_assert_nonnull (archive);
  source = zip_source_buffer (archive, text, BIG_SIZE, 0);
  g_assert_cmpint (zip_file_add (archive, PP_REPORT_TEXT_NAME, source, 0), ==, 0);
  zip_set_file_compression (archive, 0, compressed ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1);
  source = zip_source_buffer (archive, REPORT_JSON, strlen (REPORT_JSON), 0);
  g_assert_cmpint (zip_file_add (archive, "report.json", source, 0), ==, 1);
  g_assert_cmpint (zip_close (archive), ==, 0);

  return g_steal_pointer (&path);
}

static void
expect_big_shown (const char *zip)
{
  g_auto(ShowRun) run = { 0 };

  show (&run, zip);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.out_size, ==, BIG_SIZE);
  g_assert_true (g_str_has_prefix (run.out_head, "Proxy Probe report\n"));
  assert_rss_bounded (run.max_rss_kib);
}

static void
test_big_stored (void)
{
  g_autofree char *zip = big_zip ("big-stored.zip", FALSE);

  expect_big_shown (zip);
  g_unlink (zip);
}

static void
test_big_deflated (void)
{
  g_autofree char *zip = big_zip ("big-deflated.zip", TRUE);

  expect_big_shown (zip);
  g_unlink (zip);
}

/* ---- Damaged and hostile zips ----------------------------------------- */

static void
test_sound_raw_zip (void)
{
  g_autofree char *zip = RAW_ZIP ("sound.zip", 0, { PP_REPORT_TEXT_NAME },
                                  { "report.json", REPORT_JSON },
                                  { "traces/0001-direct-example.com.txt", "a trace\n" });
  g_auto(ShowRun) run = { 0 };

  /* The byte-by-byte writer itself makes zips that show accepts. */
  show (&run, zip);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out_head, ==, REPORT_TEXT);
}

static void
test_bad_crc (void)
{
  g_autofree char *text = RAW_ZIP ("crc-text.zip", 0, { PP_REPORT_TEXT_NAME, .bad_crc = TRUE },
                                   { "report.json", REPORT_JSON });
  g_autofree char *json = RAW_ZIP ("crc-json.zip", 0, { PP_REPORT_TEXT_NAME },
                                   { "report.json", REPORT_JSON, .bad_crc = TRUE });
  g_autofree char *trace = RAW_ZIP ("crc-trace.zip", 0, { PP_REPORT_TEXT_NAME },
                                    { "report.json", REPORT_JSON },
                                    { "traces/0001-direct-example.com.txt", "a trace\n", .bad_crc = TRUE });

  expect_refused (text, "member \"ProxyProbeResult.txt\" is damaged (CRC mismatch): ask for the report again");
  expect_refused (json, "member \"report.json\" is damaged (CRC mismatch): ask for the report again");
  expect_refused (trace, "member \"traces/0001-direct-example.com.txt\" is damaged (CRC mismatch)");
}

static void
test_links (void)
{
  g_autofree char *link = RAW_ZIP ("link.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                   { "traces/evil", "/home/someone/.bashrc", 0120777u << 16 });
  g_autofree char *text_link = RAW_ZIP ("text-link.zip", 0,
                                        { PP_REPORT_TEXT_NAME, "/etc/shadow", 0120777u << 16 },
                                        { "report.json", REPORT_JSON });
  g_autofree char *fifo = RAW_ZIP ("fifo.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                   { "traces/pipe", "", 0010644u << 16 });
  g_autofree char *device = RAW_ZIP ("device.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                     { "traces/disk", "", 0060644u << 16 });
  g_autofree char *folder = RAW_ZIP ("folder.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                     { "traces/", "data", (0040755u << 16) | 0x10 });

  expect_refused (link, "member \"traces/evil\" is a symbolic link");
  expect_refused (text_link, "member \"ProxyProbeResult.txt\" is a symbolic link");
  expect_refused (fifo, "member \"traces/pipe\" is a pipe, device or socket");
  expect_refused (device, "member \"traces/disk\" is a pipe, device or socket");
  expect_refused (folder, "member \"traces/\" is a folder");
}

/* A report unpacked and packed again with `zip -r` has empty folder
 * entries: it is still the report. */
static void
test_repacked_folders (void)
{
  g_autofree char *zip = RAW_ZIP ("repacked.zip", 0, { PP_REPORT_TEXT_NAME },
                                  { "report.json", REPORT_JSON },
                                  { "traces/", "", (0040755u << 16) | 0x10 },
                                  { "traces/0001-direct-example.com.txt", "a trace\n" });
  g_auto(ShowRun) run = { 0 };

  show (&run, zip);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out_head, ==, REPORT_TEXT);
}

static void
test_encrypted (void)
{
  g_autofree char *zip = RAW_ZIP ("encrypted.zip", 0, { PP_REPORT_TEXT_NAME },
                                  { "report.json", REPORT_JSON, .flags = 1 });

  expect_refused (zip, "\"report.json\" is encrypted");
}

/* LZMA's decoder takes the memory its header asks for. */
static void
test_foreign_method (void)
{
  g_autofree char *zip = RAW_ZIP ("lzma.zip", 0, { PP_REPORT_TEXT_NAME },
                                  { "report.json", REPORT_JSON, .method = ZIP_CM_LZMA });

  expect_refused (zip, "member \"report.json\" uses compression method 14");
}

static void
test_lying_sizes (void)
{
  g_autofree char *smaller = RAW_ZIP ("smaller.zip", 0, { PP_REPORT_TEXT_NAME, .declared_size = 10 },
                                      { "report.json", REPORT_JSON });
  g_autofree char *larger = RAW_ZIP ("larger.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                     { "traces/x", "a trace\n", .declared_size = 100 });

  expect_refused (smaller, "member \"ProxyProbeResult.txt\" is damaged");
  expect_refused (larger, "member \"traces/x\" is damaged");
}

static void
test_duplicates_and_overlaps (void)
{
  g_autofree char *twice = RAW_ZIP ("twice.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                    { PP_REPORT_TEXT_NAME, "Proxy Probe report\nsomething else\n" });
  g_autofree char *shared = RAW_ZIP ("shared.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                     { "traces/a", .shares_data_of = 1 });
  g_autofree char *same = RAW_ZIP ("same.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                   { PP_REPORT_TEXT_NAME, .shares_data_of = 1 });

  expect_refused (twice, "two members with the same name");
  expect_refused (shared, "is damaged");
  expect_refused (same, "two members with the same name");
}

/* "traces/a" holds "traces/b", header and all: each byte of b counts
 * twice, the way overlapping zip bombs multiply their data. */
static void
test_nested_members (void)
{
  const RawMember members[] = { { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON },
                                { "traces/a" }, { "traces/b" } };
  g_autofree char *payload = g_strnfill (4000, 'x');
  GByteArray *inner = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint32 offsets[4], sizes[4], crcs[4];
  guint32 cd_offset;
  g_autofree char *zip = NULL;

  sizes[3] = 4000;
  crcs[3] = crc32 (0, (const Bytef *) payload, 4000);
  put_header (inner, FALSE, &members[3], crcs[3], 4000, 0);
  g_byte_array_append (inner, (const guint8 *) payload, 4000);
  for (guint i = 0; i < 3; i++)
    {
      const guint8 *data = i < 2 ? (const guint8 *) (members[i].data ? members[i].data : REPORT_TEXT)
                                 : inner->data;

      sizes[i] = i < 2 ? strlen ((const char *) data) : inner->len;
      crcs[i] = crc32 (0, data, sizes[i]);
      offsets[i] = out->len;
      put_header (out, FALSE, &members[i], crcs[i], sizes[i], 0);
      g_byte_array_append (out, data, sizes[i]);
    }
  offsets[3] = offsets[2] + 30 + strlen ("traces/a");
  cd_offset = out->len;
  for (guint i = 0; i < 4; i++)
    put_header (out, TRUE, &members[i], crcs[i], sizes[i], offsets[i]);
  put_end (out, 4, out->len - cd_offset, cd_offset);
  g_byte_array_unref (inner);
  zip = write_zip ("nested.zip", out);

  expect_refused (zip, "its members overlap");
}

/* The end record claims far more entries than the directory holds, or
 * than a report ever has; and a Zip64 end record claims billions. */
static void
test_huge_directory (void)
{
  g_autofree char *claims = RAW_ZIP ("claims.zip", 65535, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON });
  GByteArray *bytes = raw_zip ((const RawMember[]) { { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON } },
                               2, 0);
  guint32 eocd = bytes->len - 22;
  guint32 cd_size = bytes->data[eocd + 12] | (bytes->data[eocd + 13] << 8);
  guint32 cd_offset = bytes->data[eocd + 16] | (bytes->data[eocd + 17] << 8);
  g_autofree char *zip64 = NULL;

  /* Zip64: end record 64 and its locator before the classic end record,
   * which says "see Zip64" in every field. */
  g_byte_array_set_size (bytes, eocd);
  put32 (bytes, 0x06064b50);
  put64 (bytes, 44);
  put16 (bytes, 45);
  put16 (bytes, 45);
  put32 (bytes, 0);
  put32 (bytes, 0);
  put64 (bytes, G_GUINT64_CONSTANT (4000000000));
  put64 (bytes, G_GUINT64_CONSTANT (4000000000));
  put64 (bytes, cd_size);
  put64 (bytes, cd_offset);
  put32 (bytes, 0x07064b50);
  put32 (bytes, 0);
  put64 (bytes, eocd);
  put32 (bytes, 1);
  put32 (bytes, 0x06054b50);
  put16 (bytes, 0xffff);
  put16 (bytes, 0xffff);
  put16 (bytes, 0xffff);
  put16 (bytes, 0xffff);
  put32 (bytes, 0xffffffff);
  put32 (bytes, 0xffffffff);
  put16 (bytes, 0);
  zip64 = write_zip ("zip64-claims.zip", bytes);

  expect_refused (claims, "65535 entries");
  expect_refused (zip64, "4000000000 entries");
}

/* A directory of 65,535 real entries with long names (62 MB): libzip
 * would hold every one in memory before anything could count them. */
static void
test_crowded_directory (void)
{
  GByteArray *bytes = g_byte_array_new ();
  RawMember m = { .name = NULL };
  g_autofree char *zip = NULL;
  guint32 cd_offset;

  for (guint i = 0; i < 65535; i++)
    {
      g_autofree char *name = g_strdup_printf ("traces/%06u-%0900u.txt", i, 0);

      m.name = name;
      put_header (bytes, TRUE, &m, 0, 0, 0);
    }
  cd_offset = 0;
  put_end (bytes, 0xffff, bytes->len - cd_offset, cd_offset);
  zip = write_zip ("crowded.zip", bytes);

  expect_refused (zip, "entries");
}

/* The largest directories the checks let through still fit the bound:
 * nearly 20,000 entries, or a few with 60 KiB names, ~8 MiB either way. */
static char *
wide_zip (const char *file,
          guint       n,
          guint       name_length)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree RawMember *members = g_new0 (RawMember, n + 2);

  members[0].name = PP_REPORT_TEXT_NAME;
  members[1] = (RawMember) { "report.json", REPORT_JSON };
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *padding = g_strnfill (name_length, 'x');
      char *name = g_strdup_printf ("traces/%05u-%s.txt", i, padding);

      g_ptr_array_add (names, name);
      members[i + 2] = (RawMember) { name, "" };
    }

  return write_zip (file, raw_zip (members, n + 2, 0));
}

static void
test_widest_directories (void)
{
  g_autofree char *many = wide_zip ("many.zip", PP_REPORT_ZIP_MAX_ENTRIES - 2, 340);
  g_autofree char *long_names = wide_zip ("long-names.zip", 120, 65000);
  g_auto(ShowRun) run = { 0 };
  g_auto(ShowRun) run2 = { 0 };

  show (&run, many);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out_head, ==, REPORT_TEXT);
  assert_rss_bounded (run.max_rss_kib);
  show (&run2, long_names);
  g_assert_cmpint (run2.status, ==, 0);
  assert_rss_bounded (run2.max_rss_kib);
}

static void
test_truncated_and_foreign (void)
{
  g_autofree char *good = RAW_ZIP ("good.zip", 0, { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON });
  g_autofree char *contents = NULL;
  g_autofree char *cut = temp_path ("cut.zip");
  g_autofree char *cut_end = temp_path ("cut-end.zip");
  g_autofree char *garbage = temp_path ("garbage.zip");
  g_autofree char *empty = temp_path ("empty.zip");
  g_autofree char *fifo = temp_path ("named-pipe.zip");
  gsize length;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (cut_end, contents, length - 1, NULL));
  g_assert_true (g_file_set_contents (garbage, "definitely not a zip, but long enough to look", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  expect_refused (cut, "not a readable zip file");
  expect_refused (cut_end, "not a readable zip file");
  expect_refused (garbage, "not a readable zip file");
  expect_refused (empty, "not a readable zip file");
  /* Nobody writes into it: reading would wait forever. */
  expect_refused (fifo, "not a regular file");
  expect_refused (temp_dir, "not a regular file");
}

/* Terminal escapes (C0, C1) and bidirectional overrides in the text never
 * reach the terminal raw. */
static void
test_escapes (void)
{
  g_autofree char *zip = RAW_ZIP ("escapes.zip", 0,
                                  { PP_REPORT_TEXT_NAME, "Proxy Probe report\n\033]0;owned\007\033[2J\r\302\233\tok \303\251\n"
                                                         "\342\200\256moc.elpmaxe\n" },
                                  { "report.json", REPORT_JSON });
  g_auto(ShowRun) run = { 0 };

  show (&run, zip);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out_head, ==, "Proxy Probe report\n\357\277\275]0;owned\357\277\275"
                                     "\357\277\275[2J\357\277\275\357\277\275\tok \303\251\n"
                                     "\357\277\275moc.elpmaxe\n");
}

static void
piece_cb (const char *text,
          gpointer    user_data)
{
  GPtrArray *pieces = user_data;

  g_ptr_array_add (pieces, g_strdup (text));
}

/* The text is handed on in whole lines, and whole characters however
 * the 64 KiB pieces of the zip cut them; a 2.5 MB line goes in parts. */
static void
test_pieces (void)
{
  g_autoptr(GString) text = g_string_new ("Proxy Probe report\n");
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *contents = NULL;

  for (guint i = 0; text->len < 300 * 1000; i++)
    g_string_append_printf (text, "%u \303\251\342\202\254 http://bob:secret@proxy.example:3128/\n", i);
  g_string_append_c (text, 'x');
  for (guint i = 0; i < 1250 * 1000; i++)
    g_string_append (text, "\303\251");
  g_string_append_c (text, '\n');
  contents = g_strdup (text->str);
  zip = RAW_ZIP ("pieces.zip", 0, { PP_REPORT_TEXT_NAME, contents }, { "report.json", REPORT_JSON });

  g_assert_true (pp_report_show_text (zip, piece_cb, pieces, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pieces->len, >, 2);
  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);

      g_assert_true (g_utf8_validate (piece, -1, NULL));
      g_string_append (joined, piece);
      /* Every piece before the long line ends a line. */
      if (joined->len <= text->len - 2500002)
        g_assert_true (g_str_has_suffix (piece, "\n"));
    }
  g_assert_cmpstr (joined->str, ==, text->str);
}

/* The same checks on a zip in memory: what the fuzzer drives. */
static void
collect_cb (const char *text,
            gpointer    user_data)
{
  g_string_append (user_data, text);
}

static void
test_from_bytes (void)
{
  GByteArray *sound = raw_zip ((const RawMember[]) { { PP_REPORT_TEXT_NAME }, { "report.json", REPORT_JSON } },
                               2, 0);
  GByteArray *bad = raw_zip ((const RawMember[]) { { PP_REPORT_TEXT_NAME },
                                                   { "report.json", REPORT_JSON, .bad_crc = TRUE } },
                             2, 0);
  g_autoptr(GBytes) sound_bytes = g_byte_array_free_to_bytes (sound);
  g_autoptr(GBytes) bad_bytes = g_byte_array_free_to_bytes (bad);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("PK\003\004", 4);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_report_show_text_bytes (sound_bytes, "sound.zip", collect_cb, text, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text->str, ==, REPORT_TEXT);

  g_assert_false (pp_report_show_text_bytes (bad_bytes, "bad.zip", NULL, NULL, &error));
  g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED);
  assert_contains (error->message, "bad.zip: member \"report.json\" is damaged (CRC mismatch)");
  g_clear_error (&error);

  g_assert_false (pp_report_show_text_bytes (garbage, "garbage.zip", NULL, NULL, &error));
  g_assert_error (error, PP_REPORT_ERROR, PP_REPORT_ERROR_DAMAGED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PROXYPROBE_CLI"));
  temp_dir = g_dir_make_tmp ("pp-report-show-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);

  g_test_add_func ("/report-show/sound-raw-zip", test_sound_raw_zip);
  g_test_add_func ("/report-show/big-stored", test_big_stored);
  g_test_add_func ("/report-show/big-deflated", test_big_deflated);
  g_test_add_func ("/report-show/bad-crc", test_bad_crc);
  g_test_add_func ("/report-show/links", test_links);
  g_test_add_func ("/report-show/repacked-folders", test_repacked_folders);
  g_test_add_func ("/report-show/encrypted", test_encrypted);
  g_test_add_func ("/report-show/lying-sizes", test_lying_sizes);
  g_test_add_func ("/report-show/duplicates-and-overlaps", test_duplicates_and_overlaps);
  g_test_add_func ("/report-show/nested-members", test_nested_members);
  g_test_add_func ("/report-show/foreign-method", test_foreign_method);
  g_test_add_func ("/report-show/huge-directory", test_huge_directory);
  g_test_add_func ("/report-show/crowded-directory", test_crowded_directory);
  g_test_add_func ("/report-show/widest-directories", test_widest_directories);
  g_test_add_func ("/report-show/truncated-and-foreign", test_truncated_and_foreign);
  g_test_add_func ("/report-show/escapes", test_escapes);
  g_test_add_func ("/report-show/pieces", test_pieces);
  g_test_add_func ("/report-show/from-bytes", test_from_bytes);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (temp_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = temp_path (name);

        g_unlink (path);
      }
    g_rmdir (temp_dir);
  }
  g_free (temp_dir);

  return status;
}
