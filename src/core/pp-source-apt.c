/* pp-source-apt.c: apt's Acquire::http(s)::Proxy settings
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-apt.h"
#include "pp-log.h"
#include "pp-source-reader.h"
#include "pp-proxy-spec.h"
#include "pp-redact.h"

#include <string.h>

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files are parsed rather than running apt-config, so that a sysroot
 * (a mounted image, a test tree) can be read. #include is followed (within
 * the sysroot, MAX_INCLUDE_DEPTH deep, never in a cycle); #clear is not,
 * and braces are understood one scope a line. */
#define MAX_INCLUDE_DEPTH 8

typedef struct
{
  const PpSourcesOptions *options;
  const char *desktop;
  GPtrArray *out;
  GPtrArray *stack;    /* of char *: the files being read, outermost first */
} AptReader;

static void read_file (AptReader *reader, const char *path);
static void read_dir  (AptReader *reader, const char *dir_path);

static const char *
find_desktop_proxy (GPtrArray *out)
{
  for (guint i = 0; i < out->len; i++)
    {
      PpSource *source = g_ptr_array_index (out, i);
      const char *family = pp_source_get_family (source);

      if (pp_source_get_proxy (source) &&
          (g_str_equal (family, "gnome") || g_str_equal (family, "kde")))
        return pp_source_get_proxy (source);
    }

  return NULL;
}

/* "http://p:3128/" and "http://p:3128" are the same proxy to apt. */
static gboolean
same_proxy (const char *a,
            const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  while (la > 0 && a[la - 1] == '/')
    la--;
  while (lb > 0 && b[lb - 1] == '/')
    lb--;

  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

static char *
describe (const char *key,
          const char *value)
{
  const char *rest;

  if (g_ascii_strncasecmp (key, "Acquire::http::Proxy-Auto-Detect", 32) == 0 ||
      g_ascii_strncasecmp (key, "Acquire::http::ProxyAutoDetect", 30) == 0)
    return g_strdup_printf ("apt runs %s to choose a proxy", value);

  rest = key + strlen ("Acquire::");
  if (g_ascii_strncasecmp (rest, "https::Proxy::", 14) == 0 ||
      g_ascii_strncasecmp (rest, "http::Proxy::", 13) == 0)
    {
      const char *host = strstr (rest, "::Proxy::") + strlen ("::Proxy::");

      if (g_ascii_strcasecmp (value, "DIRECT") == 0)
        return g_strdup_printf ("apt connects directly to %s", host);
      return g_strdup_printf ("apt uses proxy %s for %s", value, host);
    }

  return g_strdup_printf ("apt uses proxy %s for %s repositories", value,
                          g_ascii_strncasecmp (rest, "https", 5) == 0 ? "https" : "http");
}

static void
read_line (const char *path,
           guint       number,
           const char *line,
           const char *desktop,
           GPtrArray  *out)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *meaning = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *shown = NULL;
  const char *open, *close;

  if (g_ascii_strncasecmp (line, "Acquire::http", 13) != 0 ||
      (open = strchr (line, '"')) == NULL || (close = strchr (open + 1, '"')) == NULL)
    return;
  key = g_strstrip (g_strndup (line, open - line));
  if (strstr (key, "::Proxy") == NULL && strstr (key, "::proxy") == NULL)
    return;
  value = g_strndup (open + 1, close - open - 1);

  provenance = g_strdup_printf ("%s line %u: %s", path, number, key);
  meaning = describe (key, value);
  shown = pp_redact (value);
  if (desktop && g_ascii_strcasecmp (key, "Acquire::http::Proxy") == 0 &&
      !same_proxy (shown, desktop))
    {
      warning = g_strdup_printf ("apt uses %s but the desktop proxy is %s: package downloads "
                                 "and applications take different routes", shown, desktop);
    }
  pp_source_add (out, "apt", provenance, value, meaning, NULL, warning);
}

/* '#include "file";' names a file or a directory; a relative name is
 * relative to the including file's directory, as apt resolves it. */
static void
follow_include (AptReader  *reader,
                const char *path,
                guint       number,
                const char *line)
{
  g_autofree char *name = g_strstrip (g_strdup (line + strlen ("#include")));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *joined = NULL;
  g_autofree char *target = NULL;
  g_autofree char *top = pp_source_path (reader->options, "/");
  g_autofree char *root = g_canonicalize_filename (top, NULL);
  g_autofree char *provenance = g_strdup_printf ("%s line %u: #include", path, number);
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == ';')
    name[--len] = '\0';
  if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
    {
      name[len - 1] = '\0';
      memmove (name, name + 1, len - 1);
    }
  if (*name == '\0')
    return;
  /* Lexically: ".." cannot climb out of the sysroot unnoticed. */
  joined = g_path_is_absolute (name) ? g_build_filename (root, name, NULL)
                                     : g_build_filename (dir, name, NULL);
  target = g_canonicalize_filename (joined, NULL);
  if (!g_str_has_prefix (target, root) ||
      (target[strlen (root)] != '/' && target[strlen (root)] != '\0' && !g_str_equal (root, "/")))
    {
      pp_source_add (reader->out, "apt", provenance, name, "an #include outside the system",
                     NULL, "This #include names a file outside the examined system: it was not "
                     "read; check the path");
      return;
    }

  for (guint i = 0; i < reader->stack->len; i++)
    if (g_str_equal (g_ptr_array_index (reader->stack, i), target))
      {
        pp_source_add (reader->out, "apt", provenance, name, "an #include that loops", NULL,
                       "This #include includes a file that is already being read: apt stops "
                       "with an error; remove the loop");
        return;
      }
  if (reader->stack->len >= MAX_INCLUDE_DEPTH)
    {
      g_autofree char *warning = g_strdup_printf ("#include is nested more than %d deep here: "
                                                  "the files below were not read; flatten the "
                                                  "includes", MAX_INCLUDE_DEPTH);

      pp_source_add (reader->out, "apt", provenance, name, "an #include too deep to follow",
                     NULL, warning);
      return;
    }

  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    read_dir (reader, target);
  else
    read_file (reader, target);
}

static void
read_file (AptReader  *reader,
           const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func (g_free);
  const char *desktop = reader->desktop;
  GPtrArray *out = reader->out;

  if ((contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, NULL, NULL)) == NULL)
    {
      pp_debug ("%s: not found or not readable", path);
      return;
    }
  g_ptr_array_add (reader->stack, g_strdup (path));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *full = NULL;
      gsize len = strlen (line);

      if (g_str_has_prefix (line, "#include") && g_ascii_isspace (line[8]))
        follow_include (reader, path, i + 1, line);
      if (*line == '#' || g_str_has_prefix (line, "//"))
        continue;
      /* One scope a line, as apt's own examples write them:
       * 'Acquire {' / 'http {' / 'Proxy "…";' / '};'. */
      if (len > 0 && line[len - 1] == '{')
        {
          line[len - 1] = '\0';
          g_ptr_array_add (scopes, g_strdup (g_strstrip (line)));
          continue;
        }
      if (*line == '}')
        {
          if (scopes->len > 0)
            g_ptr_array_remove_index (scopes, scopes->len - 1);
          continue;
        }
      g_ptr_array_add (scopes, line);
      g_ptr_array_add (scopes, NULL);
      full = g_strjoinv ("::", (char **) scopes->pdata);
      g_ptr_array_set_free_func (scopes, NULL);
      g_ptr_array_set_size (scopes, scopes->len - 2);
      g_ptr_array_set_free_func (scopes, g_free);
      read_line (path, i + 1, full, desktop, out);
    }
  g_ptr_array_remove_index (reader->stack, reader->stack->len - 1);
}

/* apt reads only names made of [A-Za-z0-9_.-] without an extension or
 * with ".conf", in lexical order. */
static gboolean
apt_reads (const char *name)
{
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("_.-", *p))
      return FALSE;

  return strchr (name, '.') == NULL || g_str_has_suffix (name, ".conf");
}

static void
read_dir (AptReader  *reader,
          const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (apt_reads (name))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    read_file (reader, g_ptr_array_index (names, i));
}

void
pp_source_read_apt (const PpSourcesOptions *options,
                    GPtrArray              *out)
{
  g_autofree char *main_file = pp_source_path (options, "etc/apt/apt.conf");
  g_autofree char *dir_path = pp_source_path (options, "etc/apt/apt.conf.d");
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  AptReader reader = { options, find_desktop_proxy (out), out, stack };

  /* apt.conf.d comes first; apt.conf is read last and wins. */
  read_dir (&reader, dir_path);
  read_file (&reader, main_file);
}
