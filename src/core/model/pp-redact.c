/* pp-redact.c: the one place passwords are removed from output
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two layers, applied together by pp_redact():
 *
 * - Patterns find a password written as the userinfo of a URL or of a
 *   proxy value, with or without a scheme ("http://user:pw@host",
 *   "user:pw@host:3128", percent-encoded or not), whoever wrote it.
 * - A process-wide registry holds every password a parser of ours has
 *   met (proxy values, endpoint and PAC URLs, configuration sources), in
 *   each form it may take in output: raw, percent-decoded and -encoded,
 *   JSON- and HTML-escaped, inside a Basic header. It removes a password
 *   in shapes no pattern knows, such as a libcurl message quoting a URL.
 *
 * The sinks (the programs' g_print and g_printerr, the log writer, the
 * zip's text members, the GUI's clipboard) all go through pp_redact(), so
 * a caller that forgets to redact cannot leak.
 */

#include "pp-redact.h"
#include "pp-controls.h"
#include "pp-secret-index.h"

#include <stdio.h>
#include <string.h>

#define MASK "***"
/* How long the registry's forms may be in all: 4096 forms of 256 bytes,
 * far longer than passwords are. Its index takes some 30 times that. */
#define MAX_FORMS_BYTES (1024 * 1024)
/* What ends a word: a URL or proxy value never contains these unescaped. */
#define WORD_DELIMITERS " \t\r\n\"'`<>"

/* One "user:password@" found in a text: the password is colon+1 .. at. */
typedef struct
{
  const char *user;
  const char *colon;
  const char *at;
} Userinfo;

static GMutex secrets_lock;
static PpSecretIndex *secrets;  /* every form of every secret */

static gboolean
all_digits (const char *start,
            const char *end)
{
  for (const char *p = start; p < end; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* "user:pa/ss@host": a password with an unescaped '/', '?' or '#' ends
 * the authority early, leaving "user:pa" where a port should be; the
 * userinfo then runs to a later '@' in the word. "user:2024/ss@host" is
 * read the same way although "2024" could be a port: only a query or a
 * fragment before the '@' ("host:8080/a?b=c:d@e") makes it a URL's path.
 * Masking a path by mistake costs less than showing a password. Returns
 * the userinfo's '@', or NULL. */
static const char *
find_broken_userinfo_end (const char *auth,
                          const char *auth_end,
                          const char *end)
{
  const char *colon = memchr (auth, ':', auth_end - auth);
  const char *at;

  if (colon == NULL || colon + 1 == auth_end)
    return NULL;
  at = memchr (auth_end, '@', end - auth_end);
  if (at == NULL || !all_digits (colon + 1, auth_end))
    return at;
  for (const char *p = auth_end; p < at; p++)
    if (*p == '?' || *p == '#' || *p == '=')
      return NULL;

  return at;
}

/* The authority runs to the first '/', '?' or '#'; its userinfo to the
 * last '@' in it, since a password may hold an unescaped '@'. Returns
 * where scanning goes on: the authority's end. */
static const char *
scan_authority (const char *auth,
                const char *end,
                GArray     *found)
{
  const char *auth_end = auth;
  const char *at = NULL;
  const char *colon;

  while (auth_end < end && *auth_end != '/' && *auth_end != '?' && *auth_end != '#')
    {
      if (*auth_end == '@')
        at = auth_end;
      auth_end++;
    }
  if (at == NULL)
    at = find_broken_userinfo_end (auth, auth_end, end);
  if (at == NULL)
    return auth_end;

  colon = memchr (auth, ':', at - auth);
  if (colon != NULL && colon + 1 < at)
    g_array_append_val (found, ((Userinfo) { auth, colon, at }));

  return MAX (auth_end, at + 1);
}

/* A word without "://" is a proxy value such as "alice:pw@host:3128";
 * with it, each URL's authority is looked at, never its path. */
static void
scan_word (const char *start,
           const char *end,
           GArray     *found)
{
  const char *sep = g_strstr_len (start, end - start, "://");

  if (sep == NULL)
    {
      scan_authority (start, end, found);
      return;
    }
  while (sep != NULL)
    {
      const char *auth_end = scan_authority (sep + 3, end, found);

      sep = g_strstr_len (auth_end, end - auth_end, "://");
    }
}

static GArray *
scan_userinfo (const char *text)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Userinfo));
  const char *p = text;

  while (*p)
    {
      gsize len;

      p += strspn (p, WORD_DELIMITERS);
      len = strcspn (p, WORD_DELIMITERS);
      if (len > 0)
        scan_word (p, p + len, found);
      p += len;
    }

  return found;
}

static char *
mask_patterns (const char *text)
{
  g_autoptr(GArray) found = scan_userinfo (text);
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  for (guint i = 0; i < found->len; i++)
    {
      Userinfo *info = &g_array_index (found, Userinfo, i);

      g_string_append_len (out, p, info->colon + 1 - p);
      g_string_append (out, MASK);
      p = info->at;
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

/* One pass over @text whatever the number of forms (see
 * pp-secret-index.c for which bytes it hides). */
static char *
mask_secrets (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  g_mutex_lock (&secrets_lock);
  if (secrets != NULL)
    pp_secret_index_mask (secrets, text, MASK, out);
  else
    g_string_append (out, text);
  g_mutex_unlock (&secrets_lock);

  return g_string_free (out, FALSE);
}

/**
 * pp_redact:
 * @text: (nullable): anything that may be shown, written or copied
 *
 * Replaces every password in @text with "***": each one a parser has
 * registered, and each userinfo password ("user:***@") the patterns find.
 *
 * Returns: (transfer full) (nullable): the redacted copy, %NULL for %NULL
 */
char *
pp_redact (const char *text)
{
  g_autofree char *known = NULL;

  if (text == NULL)
    return NULL;

  known = mask_secrets (text);

  return mask_patterns (known);
}

/**
 * pp_redact_in_place:
 * @text: (inout) (nullable): a string to replace with its redacted copy
 */
void
pp_redact_in_place (char **text)
{
  char *redacted;

  if (text == NULL || *text == NULL)
    return;

  redacted = pp_redact (*text);
  g_free (*text);
  *text = redacted;
}

/**
 * pp_redact_error:
 * @error: (nullable): an error whose message may quote a URL or a
 *   library's message about it
 */
void
pp_redact_error (GError *error)
{
  if (error != NULL)
    pp_redact_in_place (&error->message);
}

/**
 * pp_redact_controls:
 * @text: text bound for a terminal or a plain-text file
 *
 * Replaces terminal controls and bidirectional overrides with a visible
 * "\u001b", and bytes that are not UTF-8 with U+FFFD, so that a hostile
 * server, proxy value or PAC script cannot drive the reader's terminal.
 * The notation is also a valid JSON escape.
 *
 * Returns: (transfer full): the neutralised copy
 */
char *
pp_redact_controls (const char *text)
{
  return pp_controls_escape (text, -1, PP_CONTROLS_JSON, PP_CONTROLS_KEEP_LINES, G_MAXLONG);
}

/**
 * pp_redact_quote:
 * @text: one value from outside (a proxy value, a URL, a key) to quote
 *   in a message
 *
 * pp_redact(), then every control character escaped, newline and tab
 * included: a quoted value must stay on its message's line, and a
 * runaway value must not bury the rest of the message. It is redacted
 * before it is shortened, which could cut a password's "@".
 *
 * Returns: (transfer full): the quotable copy
 */
char *
pp_redact_quote (const char *text)
{
  g_autofree char *redacted = pp_redact (text);

  return pp_controls_escape (redacted, -1, PP_CONTROLS_JSON, PP_CONTROLS_ONE_LINE,
                             PP_REDACT_MAX_QUOTED_CHARS);
}

/**
 * pp_redact_for_terminal:
 * @text: text for stdout or stderr
 *
 * pp_redact(), then pp_redact_controls(): what the print handlers and
 * the log writer put out.
 *
 * Returns: (transfer full): the safe copy
 */
char *
pp_redact_for_terminal (const char *text)
{
  g_autofree char *redacted = pp_redact (text);

  return pp_redact_controls (redacted);
}

/* Called with the lock held. Takes @form. */
static void
add_form (char *form)
{
  if (form == NULL || strlen (form) < PP_REDACT_MIN_SECRET_LENGTH)
    {
      g_free (form);
      return;
    }
  if (secrets == NULL)
    secrets = pp_secret_index_new (PP_REDACT_MAX_FORMS, MAX_FORMS_BYTES);
  /* A received report with thousands of made-up (or megabyte-long)
   * passwords must not make the index, and the memory it holds, grow
   * without end: past the bounds, the patterns alone mask them. (No log here: the log writer
   * redacts, which takes this lock.) */
  pp_secret_index_add (secrets, form);
  g_free (form);
}

/* The password as json-glib writes it inside a string. */
static char *
json_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Called with the lock held. */
static void
add_forms (const char *secret)
{
  add_form (g_strdup (secret));
  add_form (g_uri_escape_string (secret, NULL, FALSE));
  add_form (g_uri_escape_string (secret, G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS, FALSE));
  add_form (json_escape (secret));
  add_form (g_markup_escape_text (secret, -1));
  add_form (pp_redact_controls (secret));
}

/**
 * pp_redact_add_secret:
 * @secret: (nullable): a password, raw or percent-encoded
 *
 * Registers @secret for the rest of the process: pp_redact() removes it
 * in every form listed above. Secrets shorter than
 * %PP_REDACT_MIN_SECRET_LENGTH are left to the patterns.
 */
void
pp_redact_add_secret (const char *secret)
{
  g_autofree char *decoded = NULL;

  if (secret == NULL || *secret == '\0')
    return;

  decoded = g_uri_unescape_string (secret, NULL);
  g_mutex_lock (&secrets_lock);
  add_forms (secret);
  if (decoded != NULL && !g_str_equal (decoded, secret))
    add_forms (decoded);
  g_mutex_unlock (&secrets_lock);
}

/**
 * pp_redact_add_credentials:
 * @user: (nullable): the user name, decoded
 * @password: (nullable): the password, decoded
 *
 * Registers @password, and the Basic credentials a proxy is sent.
 */
void
pp_redact_add_credentials (const char *user,
                           const char *password)
{
  g_autofree char *pair = NULL;

  if (password == NULL || *password == '\0')
    return;

  /* Already decoded: decoding it again would register a string that is
   * not the password ("p%41ss" would also hide every "pAss"). */
  pair = g_strdup_printf ("%s:%s", user ? user : "", password);
  g_mutex_lock (&secrets_lock);
  add_forms (password);
  add_form (g_base64_encode ((const guchar *) pair, strlen (pair)));
  g_mutex_unlock (&secrets_lock);
  explicit_bzero (pair, strlen (pair));
}

/**
 * pp_redact_learn:
 * @text: (nullable): a value a parser met: a URL, a proxy value, a line
 *
 * Registers every userinfo password the patterns find in @text, so that
 * it is also removed where it later appears without its "user:…@".
 * Parsers call it on what they read before they validate it: an invalid
 * value is quoted back in error messages too.
 */
void
pp_redact_learn (const char *text)
{
  g_autoptr(GArray) found = NULL;

  if (text == NULL)
    return;

  found = scan_userinfo (text);
  for (guint i = 0; i < found->len; i++)
    {
      Userinfo *info = &g_array_index (found, Userinfo, i);
      g_autofree char *user = g_uri_unescape_segment (info->user, info->colon, NULL);
      g_autofree char *password = g_strndup (info->colon + 1, info->at - info->colon - 1);
      g_autofree char *decoded = g_uri_unescape_string (password, NULL);

      /* The form written in @text, then the decoded one once, with the
       * credentials a proxy is sent. */
      g_mutex_lock (&secrets_lock);
      add_forms (password);
      g_mutex_unlock (&secrets_lock);
      pp_redact_add_credentials (user, decoded ? decoded : password);
    }
}

static void
write_stream (FILE       *stream,
              const char *string)
{
  g_autofree char *safe = pp_redact_for_terminal (string);
  const char *charset;

  if (g_get_console_charset (&charset))
    fputs (safe, stream);
  else
    {
      g_autofree char *converted = g_convert_with_fallback (safe, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);
      fputs (converted ? converted : safe, stream);
    }
  fflush (stream);
}

static void
print_cb (const char *string)
{
  write_stream (stdout, string);
}

static void
printerr_cb (const char *string)
{
  write_stream (stderr, string);
}

static const char *
field_string (const GLogField *fields,
              gsize            n_fields,
              const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key) && fields[i].length < 0)
      return fields[i].value;

  return NULL;
}

/* Every message, ours and our libraries', redacted before GLib's own
 * writer puts it on stderr or into the journal. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autofree GLogField *copy = NULL;
  g_autofree char *message = NULL;

  if (g_log_writer_default_would_drop (log_level, field_string (fields, n_fields, "GLIB_DOMAIN")))
    return G_LOG_WRITER_HANDLED;

  copy = g_memdup2 (fields, n_fields * sizeof *fields);
  for (gsize i = 0; i < n_fields && message == NULL; i++)
    if (g_str_equal (copy[i].key, "MESSAGE"))
      {
        g_autofree char *text = copy[i].length < 0 ? g_strdup (copy[i].value)
                                : g_strndup (copy[i].value, copy[i].length);

        message = pp_redact_for_terminal (text);
        copy[i].value = message;
        copy[i].length = -1;
      }

  return g_log_writer_default (log_level, copy, n_fields, user_data);
}

/**
 * pp_redact_install_sinks:
 *
 * Makes g_print(), g_printerr() and every log message of this process go
 * through pp_redact_for_terminal(). The programs call it first thing in
 * main(); calling it again does nothing.
 */
void
pp_redact_install_sinks (void)
{
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;

  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  /* GLib's writer puts debug and info messages on stdout, which is
   * proxyprobe-cli's report: G_MESSAGES_DEBUG must not break a script's
   * --json. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_once_init_leave (&installed, 1);
}
