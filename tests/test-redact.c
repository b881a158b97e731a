/* test-redact.c: pp-redact's patterns, registry, controls and sinks
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pp-proxy-spec.h"
#include "pp-redact.h"

static void
assert_redacts_to (const char *text,
                   const char *expected)
{
  g_autofree char *redacted = pp_redact (text);

  g_assert_cmpstr (redacted, ==, expected);
}

/* Passwords nobody registered: only the userinfo shape finds them. */
static void
test_patterns (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "via http://u:pw@h:1/x and socks5://v:pw2@k:2 end",
      "via http://u:***@h:1/x and socks5://v:***@k:2 end" },
    { "https_proxy=alice:pw@host:3128", "https_proxy=alice:***@host:3128" },
    { "'alice:pw@127.0.0.1:99999' is not a proxy", "'alice:***@127.0.0.1:99999' is not a proxy" },
    { "{\"value\":\"alice:pw@h:1\"}", "{\"value\":\"alice:***@h:1\"}" },
    { "http://u:p%40ss@h/", "http://u:***@h/" },
    { "http://u:p@ss@h/path", "http://u:***@h/path" },
    { "http://u:p:q@h/", "http://u:***@h/" },
    /* Unescaped '/', '?' or '#' in the password: no port follows the colon. */
    { "http://u:pa/ss@h:1/x", "http://u:***@h:1/x" },
    { "alice:pa#ss@h:3128 refused", "alice:***@h:3128 refused" },
    { "http://h:8080/a?b=c:d@e", "http://h:8080/a?b=c:d@e" },
    /* ... and a password that starts with digits, which reads as a port. */
    { "http://alice:2024/Secret@proxy:3128", "http://alice:***@proxy:3128" },
    { "alice:2024/Secret@proxy:3128 refused", "alice:***@proxy:3128 refused" },
    { "-p http://user:pw@", "-p http://user:***@" },
    { "ftp://ivan:pw@127.0.0.1/ is not an http URL", "ftp://ivan:***@127.0.0.1/ is not an http URL" },
    /* Left alone: no password, or not in an authority. */
    { "http://only-host:8080/path?user=a:b@c", "http://only-host:8080/path?user=a:b@c" },
    { "user@host:3128", "user@host:3128" },
    { "http://user:***@h:1", "http://user:***@h:1" },
    { "[::1]:3128 at 12:30", "[::1]:3128 at 12:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_redacts_to (cases[i].text, cases[i].expected);
  g_assert_null (pp_redact (NULL));
}

/* Registered passwords go in every form output may give them. */
static void
test_registry (void)
{
  g_autofree char *basic = g_base64_encode ((const guchar *) "bob:Basic-Canary", 16);
  g_autofree char *header = g_strdup_printf ("Authorization: Basic %s", basic);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProxySpec) spec = NULL;

  pp_redact_learn ("http://bob:Zebra%2FCanary@h/");
  assert_redacts_to ("could not fetch: Zebra/Canary and Zebra%2FCanary", "could not fetch: *** and ***");

  pp_redact_add_secret ("Qu\"ote\\Canary");
  assert_redacts_to ("{\"x\": \"Qu\\\"ote\\\\Canary\"}", "{\"x\": \"***\"}");
  pp_redact_add_secret ("Mark<up>&Canary");
  assert_redacts_to ("<td>Mark&lt;up&gt;&amp;Canary</td>", "<td>***</td>");

  pp_redact_add_credentials ("bob", "Basic-Canary");
  assert_redacts_to (header, "Authorization: Basic ***");

  /* Too short to look for everywhere: only the patterns find it. */
  pp_redact_add_secret ("ab");
  assert_redacts_to ("tab cab http://u:ab@h", "tab cab http://u:***@h");

  /* An invalid proxy value is learnt before it is refused. */
  spec = pp_proxy_spec_parse ("alice:Invalid-Canary@127.0.0.1:99999", TRUE, &error);
  g_assert_null (spec);
  g_assert_null (strstr (error->message, "Invalid-Canary"));
  assert_redacts_to ("curl said Invalid-Canary", "curl said ***");
}

static void
test_error (void)
{
  g_autoptr(GError) error = g_error_new (G_URI_ERROR, G_URI_ERROR_FAILED,
                                         "could not fetch http://u:Err-Canary@h/: refused");

  pp_redact_error (error);
  g_assert_cmpstr (error->message, ==, "could not fetch http://u:***@h/: refused");
  pp_redact_error (NULL);
}

static void
test_controls (void)
{
  g_autofree char *safe = pp_redact_controls ("a\033[2Jb\tc\nd\x7f" "e\xc2\x9b" "f\xff" "g\r"
                                              "h\xe2\x80\xae" "i\xc3\xa9");

  g_assert_cmpstr (safe, ==, "a\\u001b[2Jb\tc\nd\\u007fe\\u009bf\xef\xbf\xbdg\\u000d"
                             "h\\u202ei\xc3\xa9");
}

/* A quoted value stays on its message's line and never runs on. */
static void
test_quote (void)
{
  g_autofree char *line = pp_redact_quote ("http://alice:Quoted1@pro\nxy:80\t\033[2J");
  g_autofree char *long_value = g_strnfill (PP_REDACT_MAX_QUOTED_CHARS + 50, 'x');
  g_autofree char *quoted = pp_redact_quote (long_value);

  g_assert_cmpstr (line, ==, "http://alice:***@pro\\u000axy:80\\u0009\\u001b[2J");
  g_assert_cmpuint (g_utf8_strlen (quoted, -1), ==, PP_REDACT_MAX_QUOTED_CHARS + 1);
  g_assert_true (g_str_has_suffix (quoted, "…"));
}

/* Registering is bounded: a flood of made-up passwords (a hostile
 * report's endpoints) stops being registered, and output stays cheap. */
static void
test_registry_bounded (void)
{
  g_autofree char *late = NULL;

  /* In a process of its own: the full registry would mask nothing new
   * for the tests after it. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  for (guint i = 0; i < PP_REDACT_MAX_FORMS; i++)
    {
      g_autofree char *secret = g_strdup_printf ("Flood%05u", i);

      pp_redact_add_secret (secret);
    }
  pp_redact_add_secret ("LateCanary");
  late = pp_redact ("x LateCanary y");
  g_assert_cmpstr (late, ==, "x LateCanary y");
  /* What the patterns find is still masked. */
  g_free (late);
  late = pp_redact ("http://u:LateCanary@h/");
  g_assert_cmpstr (late, ==, "http://u:***@h/");
}

/* Bounded in bytes too: megabyte-long made-up passwords stop being
 * registered (the index takes some 30 times their length), shorter
 * ones still are, and the patterns still mask the long ones. */
static void
test_registry_bounded_bytes (void)
{
  g_autofree char *huge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autofree char *redacted = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  huge = g_strnfill (2 * 1024 * 1024, 'H');
  pp_redact_add_secret (huge);
  pp_redact_add_secret ("Short-Canary");
  text = g_strdup_printf ("x %s y Short-Canary", huge);
  redacted = pp_redact (text);
  g_assert_true (g_str_has_prefix (redacted, "x HHHH"));
  g_assert_true (g_str_has_suffix (redacted, "H y ***"));
  g_free (redacted);
  url = g_strdup_printf ("http://u:%s@h/", huge);
  redacted = pp_redact (url);
  g_assert_cmpstr (redacted, ==, "http://u:***@h/");
}

static gpointer
register_and_redact_worker (gpointer data)
{
  guint id = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *secret = g_strdup_printf ("Thread%u-Canary%u", id, i);
      g_autofree char *text = g_strdup_printf ("x %s y", secret);
      g_autofree char *redacted = NULL;

      pp_redact_add_secret (secret);
      redacted = pp_redact (text);
      g_assert_cmpstr (redacted, ==, "x *** y");
    }

  return NULL;
}

/* Workers register (PAC answers, curl) while the main thread prints. */
static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("redact", register_and_redact_worker, GUINT_TO_POINTER (i));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* The sinks, in a child: print handlers and the log writer are process-wide. */
static void
test_sinks (void)
{
  if (g_test_subprocess ())
    {
      pp_redact_install_sinks ();
      pp_redact_install_sinks ();
      pp_redact_add_secret ("Sink-Canary");
      g_print ("out Sink-Canary \033[31m\n");
      g_printerr ("err http://u:Other-Canary@h \033]0;x\007\n");
      g_message ("log Sink-Canary \033[2J");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("out *** \\u001b[31m\n");
  g_test_trap_assert_stderr ("err http://u:***@h \\u001b]0;x\\u0007\n*log *** \\u001b[2J*");
  g_test_trap_assert_stderr_unmatched ("*Canary*");
  g_test_trap_assert_stderr_unmatched ("*\033*");
}

/* From the proxy-spec tests: only a URL's userinfo is a password, not
 * an @ in its query. */
static void
test_url_userinfo_only (void)
{
  g_autofree char *a = pp_redact ("via http://u:pw@h:1/x and socks5://v:pw2@k:2 end");
  g_autofree char *b = pp_redact ("http://only-host:8080/path?user=a:b@c");

  g_assert_cmpstr (a, ==, "via http://u:***@h:1/x and socks5://v:***@k:2 end");
  g_assert_cmpstr (b, ==, "http://only-host:8080/path?user=a:b@c");
}

/* A password learnt from a URL is registered as written and decoded
 * once: decoding it twice registered a string that is not the password
 * ("p%2541ss" is "p%41ss", never "pAss"), which then vanished from
 * every output. */
static void
test_learn_decodes_once (void)
{
  g_autofree char *written = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *other = NULL;

  pp_redact_learn ("http://user:Once%2541ssword@proxy.test:3128/");
  written = pp_redact ("x Once%2541ssword y");
  decoded = pp_redact ("x Once%41ssword y");
  other = pp_redact ("x OnceAssword y");

  g_assert_cmpstr (written, ==, "x *** y");
  g_assert_cmpstr (decoded, ==, "x *** y");
  g_assert_cmpstr (other, ==, "x OnceAssword y");
}

/* The registry's rule (pp-secret-index.c): every byte inside an
 * occurrence of a registered form is hidden, overlapping occurrences
 * become one "***", touching ones stay two. */
static void
test_registry_overlaps (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    /* One a prefix of another, one inside another. */
    { "a Prefix-Canary-Longer b Prefix-Canary c", "a *** b *** c" },
    { "in Outer-Inside-Canary-Outer and Inside-Canary", "in *** and ***" },
    /* Partly over each other: nothing of either shows (replacing the
     * longest first left "Left-" showing). */
    { "x Left-Over-Right y", "x *** y" },
    { "x Left-OverLeft-Over y", "x ****** y" },
    /* A form that overlaps itself. */
    { "ZyZyZy ZyZyZyZy ZyZyZyZyZyZy", "*** *** ***" },
    /* At the text's start and end, and the whole text. */
    { "Edge-Canary", "***" },
    { "Edge-Canary middle Edge-Canary", "*** middle ***" },
    { "Edge-CanaryEdge-Canary", "******" },
    /* The shortest registered length, and shorter ones left alone. */
    { "Wxyz x Wxyz yx Wxy", "*** x *** yx Wxy" },
    /* UTF-8: a form of several-byte characters, next to others that
     * share its lead bytes. */
    { "é Пароль-Канарейка ё Пароль-Кан", "é *** ё Пароль-Кан" },
    { "ééPassé-Canaryü", "éé***ü" },
  };

  pp_redact_add_secret ("Prefix-Canary");
  pp_redact_add_secret ("Prefix-Canary-Longer");
  pp_redact_add_secret ("Inside-Canary");
  pp_redact_add_secret ("Outer-Inside-Canary-Outer");
  pp_redact_add_secret ("Left-Over");
  pp_redact_add_secret ("Over-Right");
  pp_redact_add_secret ("ZyZyZy");
  pp_redact_add_secret ("Edge-Canary");
  pp_redact_add_secret ("Wxyz");
  pp_redact_add_secret ("Wx");
  pp_redact_add_secret ("x");
  pp_redact_add_secret ("Пароль-Канарейка");
  pp_redact_add_secret ("Passé-Canary");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_redacts_to (cases[i].text, cases[i].expected);
}

/* How the registry masked before the index: each form replaced in
 * turn, longest first. */
static char *
replace_each_longest_first (const char *text,
                            const char * const *forms)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *out = g_string_new (text);

  for (guint i = 0; forms[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) forms[i]);
  for (guint len = 64; len > 0; len--)
    for (guint i = 0; i < sorted->len; i++)
      if (strlen (g_ptr_array_index (sorted, i)) == len)
        g_string_replace (out, g_ptr_array_index (sorted, i), "***", 0);

  return g_string_free (out, FALSE);
}

/* Where no two forms partly overlap (one inside or a prefix of another
 * is fine), the index gives what replacing each in turn gave, on random
 * texts made of forms, pieces of forms and other words. */
static void
test_registry_as_before (void)
{
  static const char * const forms[] = {
    "Canary-Inner", "Outer-Canary-Inner-Tail", "Canary-Inner-Plus", "Pw12",
    "\xc3\x9cn\xc3\xaf-C\xc3\xb8" "d\xc3\xa9-Pass", NULL,
  };
  static const char * const words[] = {
    "Canary-Inner", "Outer-Canary-Inner-Tail", "Canary-Inner-Plus", "Pw12",
    "\xc3\x9cn\xc3\xaf-C\xc3\xb8" "d\xc3\xa9-Pass", "Canary", "-", "Inner", "Outer-", "-Tail",
    "Pw1", "2", " ", "\xc3\xa9", "\xc3\x9cn\xc3\xaf", "x", "\n", "Canary-Inne",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  for (guint i = 0; forms[i] != NULL; i++)
    pp_redact_add_secret (forms[i]);
  for (guint n = 0; n < 3000; n++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *expected = NULL;
      g_autofree char *redacted = NULL;
      guint n_words = g_rand_int_range (rand, 1, 14);

      for (guint w = 0; w < n_words; w++)
        g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      expected = replace_each_longest_first (text->str, forms);
      redacted = pp_redact (text->str);
      g_assert_cmpstr (redacted, ==, expected);
    }
}

/* A 1 MiB text quoting forms 0 .. PP_REDACT_MAX_FORMS + 99: those below
 * @n_registered are masked, nothing else. */
static void
assert_long_text_masked (guint n_registered)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *redacted = NULL;

  for (guint i = 0; text->len < 1024 * 1024; i++)
    {
      guint form = (i * 37) % (PP_REDACT_MAX_FORMS + 100);
      g_autofree char *word = g_strdup_printf ("Form%04u-Canary", form);

      g_string_append_printf (text, "line %u: proxy refused %s.\n", i, word);
      g_string_append_printf (expected, "line %u: proxy refused %s.\n", i,
                              form < n_registered ? "***" : word);
    }
  redacted = pp_redact (text->str);
  g_assert_cmpuint (strlen (redacted), ==, expected->len);
  g_assert_true (g_str_equal (redacted, expected->str));
}

/* A registry one form short of full (its forms in a dozen automata),
 * then full (in one), and a 1 MiB text: a hostile profile's URLs. */
static void
test_registry_full_long_text (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  /* Letters, digits and '-': one form each. */
  for (guint i = 0; i < PP_REDACT_MAX_FORMS; i++)
    {
      g_autofree char *secret = g_strdup_printf ("Form%04u-Canary", i);

      if (i == PP_REDACT_MAX_FORMS - 1)
        assert_long_text_masked (i);
      pp_redact_add_secret (secret);
    }
  assert_long_text_masked (PP_REDACT_MAX_FORMS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redact/patterns", test_patterns);
  g_test_add_func ("/redact/registry", test_registry);
  g_test_add_func ("/redact/error", test_error);
  g_test_add_func ("/redact/controls", test_controls);
  g_test_add_func ("/redact/quote", test_quote);
  g_test_add_func ("/redact/registry-bounded", test_registry_bounded);
  g_test_add_func ("/redact/registry-bounded-bytes", test_registry_bounded_bytes);
  g_test_add_func ("/redact/threads", test_threads);
  g_test_add_func ("/redact/sinks", test_sinks);
  g_test_add_func ("/redact/url-userinfo-only", test_url_userinfo_only);
  g_test_add_func ("/redact/learn-decodes-once", test_learn_decodes_once);
  g_test_add_func ("/redact/registry-overlaps", test_registry_overlaps);
  g_test_add_func ("/redact/registry-as-before", test_registry_as_before);
  g_test_add_func ("/redact/registry-full-long-text", test_registry_full_long_text);

  return g_test_run ();
}
