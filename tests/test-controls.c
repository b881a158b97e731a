/* test-controls.c: pp-controls, one definition of a control character
 * and the three notations its readers need
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-controls.h"

/* C0 (ESC, CR, NUL), DEL, C1 (CSI), a right-to-left override, a byte
 * that is not UTF-8, then an é that stays. */
static const char hostile[] = "a\033[2J\r\0b\x7f" "c\xc2\x9b" "d\xe2\x80\xae" "e\xff" "f\tg\nh\xc3\xa9";
#define HOSTILE_LENGTH (sizeof hostile - 1)

static void
test_is_control (void)
{
  static const gunichar controls[] = { 0, 0x1b, '\r', 0x7f, 0x80, 0x9b, 0x9f, 0x200e, 0x200f,
                                       0x202a, 0x202e, 0x2066, 0x2069 };
  static const gunichar plain[] = { ' ', 'a', 0xa0, 0xe9, 0x2000, 0x202f, 0x2065, 0xfffd };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_assert_true (pp_controls_is_control (controls[i], PP_CONTROLS_KEEP_LINES));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (pp_controls_is_control (plain[i], PP_CONTROLS_ONE_LINE));
  g_assert_false (pp_controls_is_control ('\n', PP_CONTROLS_KEEP_LINES));
  g_assert_false (pp_controls_is_control ('\t', PP_CONTROLS_KEEP_LINES));
  g_assert_true (pp_controls_is_control ('\n', PP_CONTROLS_ONE_LINE));
  g_assert_true (pp_controls_is_control ('\t', PP_CONTROLS_ONE_LINE));
}

/* The same bytes in each notation: pp_redact_controls()'s, the received
 * report's and the DHCP option's. */
static void
test_notations (void)
{
  g_autofree char *json = pp_controls_escape (hostile, HOSTILE_LENGTH, PP_CONTROLS_JSON,
                                              PP_CONTROLS_KEEP_LINES, G_MAXLONG);
  g_autofree char *replaced = pp_controls_escape (hostile, HOSTILE_LENGTH, PP_CONTROLS_REPLACE,
                                                  PP_CONTROLS_KEEP_LINES, G_MAXLONG);
  g_autofree char *c = pp_controls_escape (hostile, HOSTILE_LENGTH, PP_CONTROLS_C,
                                           PP_CONTROLS_ONE_LINE, G_MAXLONG);

  g_assert_cmpstr (json, ==, "a\\u001b[2J\\u000d\\u0000b\\u007fc\\u009bd\\u202ee\xef\xbf\xbd"
                             "f\tg\nh\xc3\xa9");
  g_assert_cmpstr (replaced, ==, "a\xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd"
                                 "c\xef\xbf\xbd" "d\xef\xbf\xbd" "e\xef\xbf\xbd" "f\tg\nh\xc3\xa9");
  g_assert_cmpstr (c, ==, "a\\x1b[2J\\r\\x00b\\x7fc\\u009bd\\u202ee\\xff" "f\\x09g\\nh\xc3\xa9");
  for (const char *out[] = { json, replaced, c }, **p = out; p < out + 3; p++)
    g_assert_true (g_utf8_validate (*p, -1, NULL));
}

/* A cut-off character at the end is one bad byte per byte, as
 * g_utf8_make_valid() has it; a bound cuts whole characters. */
static void
test_cut_and_bound (void)
{
  g_autofree char *cut = pp_controls_escape ("x\xe2\x80", -1, PP_CONTROLS_JSON,
                                             PP_CONTROLS_KEEP_LINES, G_MAXLONG);
  g_autofree char *bytes = pp_controls_escape ("x\xe2\x80", -1, PP_CONTROLS_C,
                                               PP_CONTROLS_KEEP_LINES, G_MAXLONG);
  g_autofree char *bounded = pp_controls_escape ("\xc3\xa9\xc3\xa9\033x", -1, PP_CONTROLS_JSON,
                                                 PP_CONTROLS_KEEP_LINES, 3);
  g_autofree char *empty = pp_controls_escape ("", 0, PP_CONTROLS_C, PP_CONTROLS_ONE_LINE,
                                               G_MAXLONG);

  g_assert_cmpstr (cut, ==, "x\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (bytes, ==, "x\\xe2\\x80");
  g_assert_cmpstr (bounded, ==, "\xc3\xa9\xc3\xa9\\u001b…");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/controls/is-control", test_is_control);
  g_test_add_func ("/controls/notations", test_notations);
  g_test_add_func ("/controls/cut-and-bound", test_cut_and_bound);

  return g_test_run ();
}
