/* pp-pac-builtins.c: the Netscape and Microsoft PAC function sets
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from the published descriptions of the functions (Netscape's
 * "Navigator Proxy Auto-Config File Format" and Microsoft's "IPv6 extensions
 * for PAC"), not from any existing implementation. Everything that touches
 * the network is in C, so it is bounded and logged; the pure string and date
 * functions are plain JavaScript below.
 */
#include "pp-pac-builtins.h"

#include <string.h>
#include <sys/socket.h>

#include "pp-pac-dns.h"

static const char pac_prelude_js[] =
  "function isPlainHostName(host) { return String(host).indexOf('.') < 0; }\n"
  "function dnsDomainIs(host, domain) {\n"
  "  host = String(host); domain = String(domain);\n"
  "  return host.length >= domain.length &&\n"
  "         host.substring(host.length - domain.length) === domain;\n"
  "}\n"
  "function localHostOrDomainIs(host, hostdom) {\n"
  "  host = String(host); hostdom = String(hostdom);\n"
  "  if (host === hostdom) return true;\n"
  "  return host.indexOf('.') < 0 && hostdom.indexOf(host + '.') === 0;\n"
  "}\n"
  "function dnsDomainLevels(host) { return String(host).split('.').length - 1; }\n"
  "function shExpMatch(str, pattern) {\n"
  "  var re = '', p = String(pattern);\n"
  "  for (var i = 0; i < p.length; i++) {\n"
  "    var c = p.charAt(i);\n"
  "    if (c === '*') re += '[\\\\s\\\\S]*';\n"
  "    else if (c === '?') re += '[\\\\s\\\\S]';\n"
  "    else re += c.replace(/[\\\\^$.|+()[\\]{}\\/]/g, '\\\\$&');\n"
  "  }\n"
  "  return new RegExp('^' + re + '$').test(String(str));\n"
  "}\n"
  "var __ppDays = ['SUN','MON','TUE','WED','THU','FRI','SAT'];\n"
  "var __ppMonths = ['JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP','OCT','NOV','DEC'];\n"
  "function __ppArgs(args) {\n"
  "  var list = Array.prototype.slice.call(args), gmt = false;\n"
  "  if (list.length > 0 && String(list[list.length - 1]).toUpperCase() === 'GMT') {\n"
  "    gmt = true; list.pop();\n"
  "  }\n"
  "  var d = new Date();\n"
  "  return { list: list, now: gmt ?\n"
  "    { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay(),\n"
  "      h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() } :\n"
  "    { y: d.getFullYear(), m: d.getMonth(), d: d.getDate(), wd: d.getDay(),\n"
  "      h: d.getHours(), min: d.getMinutes(), s: d.getSeconds() } };\n"
  "}\n"
  /* Ranges whose start is after their end wrap around: FRI..MON, DEC..JAN. */
  "function __ppInRange(v, lo, hi) {\n"
  "  return lo <= hi ? (v >= lo && v <= hi) : (v >= lo || v <= hi);\n"
  "}\n"
  "function weekdayRange() {\n"
  "  var a = __ppArgs(arguments);\n"
  "  var lo = __ppDays.indexOf(String(a.list[0]).toUpperCase());\n"
  "  var hi = a.list.length > 1 ? __ppDays.indexOf(String(a.list[1]).toUpperCase()) : lo;\n"
  "  return lo >= 0 && hi >= 0 && __ppInRange(a.now.wd, lo, hi);\n"
  "}\n"
  "function __ppDateField(v) {\n"
  "  if (typeof v === 'number' || /^[0-9]+$/.test(String(v))) {\n"
  "    var n = Number(v);\n"
  "    return n > 31 ? { k: 'y', v: n } : { k: 'd', v: n };\n"
  "  }\n"
  "  var m = __ppMonths.indexOf(String(v).toUpperCase());\n"
  "  return m < 0 ? null : { k: 'm', v: m };\n"
  "}\n"
  /* Each half of the arguments names the same fields (day, month, year);
   * weighting them year > month > day makes the dates comparable numbers. */
  "function dateRange() {\n"
  "  var a = __ppArgs(arguments), f = [], i;\n"
  "  var cur = { y: a.now.y, m: a.now.m, d: a.now.d }, w = { y: 10000, m: 100, d: 1 };\n"
  "  for (i = 0; i < a.list.length; i++) {\n"
  "    var x = __ppDateField(a.list[i]);\n"
  "    if (!x) return false;\n"
  "    f.push(x);\n"
  "  }\n"
  "  if (f.length === 1) return cur[f[0].k] === f[0].v;\n"
  "  if (f.length === 0 || f.length % 2 !== 0 || f.length > 6) return false;\n"
  "  var half = f.length / 2, lo = 0, hi = 0, key = 0, year = false;\n"
  "  for (i = 0; i < half; i++) {\n"
  "    if (f[i].k !== f[i + half].k) return false;\n"
  "    lo += f[i].v * w[f[i].k]; hi += f[i + half].v * w[f[i].k];\n"
  "    key += cur[f[i].k] * w[f[i].k];\n"
  "    if (f[i].k === 'y') year = true;\n"
  "  }\n"
  "  return year ? (key >= lo && key <= hi) : __ppInRange(key, lo, hi);\n"
  "}\n"
  /* timeRange(12, 13) is "from noon to 1 pm": the bounds are instants. */
  "function timeRange() {\n"
  "  var a = __ppArgs(arguments), v = [], n = a.list.length, i, lo, hi;\n"
  "  for (i = 0; i < n; i++) {\n"
  "    v.push(Number(a.list[i]));\n"
  "    if (isNaN(v[i])) return false;\n"
  "  }\n"
  "  if (n === 1) return a.now.h === v[0];\n"
  "  if (n === 2) { lo = v[0] * 3600; hi = v[1] * 3600; }\n"
  "  else if (n === 4) { lo = v[0] * 3600 + v[1] * 60; hi = v[2] * 3600 + v[3] * 60; }\n"
  "  else if (n === 6) { lo = v[0] * 3600 + v[1] * 60 + v[2]; hi = v[3] * 3600 + v[4] * 60 + v[5]; }\n"
  "  else return false;\n"
  "  return __ppInRange(a.now.h * 3600 + a.now.min * 60 + a.now.s, lo, hi);\n"
  "}\n"
  "function getClientVersion() { return '1.0'; }\n";

PpPacState *
pp_pac_state_from_ctx (duk_context *ctx)
{
  duk_memory_functions funcs;

  duk_get_memory_functions (ctx, &funcs);
  return funcs.udata;
}

static const char *
first_ipv4 (const char * const *addresses)
{
  for (guint i = 0; addresses && addresses[i]; i++)
    if (strchr (addresses[i], ':') == NULL)
      return addresses[i];
  return NULL;
}

static duk_ret_t
pac_alert (duk_context *ctx)
{
  PpPacState *state = pp_pac_state_from_ctx (ctx);
  const char *text = duk_safe_to_string (ctx, 0);

  if (state->alerts->len < PP_PAC_MAX_ALERTS)
    g_ptr_array_add (state->alerts,
                     g_utf8_make_valid (text, MIN (strlen (text), PP_PAC_MAX_ALERT_LEN)));
  return 0;
}

static duk_ret_t
pac_dns_resolve (duk_context *ctx)
{
  const char *host = duk_safe_to_string (ctx, 0);
  const char *address = first_ipv4 (pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx), host));

  if (address)
    duk_push_string (ctx, address);
  else
    duk_push_null (ctx);
  return 1;
}

static duk_ret_t
pac_dns_resolve_ex (duk_context *ctx)
{
  const char *host = duk_safe_to_string (ctx, 0);
  const char * const *addresses = pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx), host);
  g_autofree char *joined = addresses ? g_strjoinv (";", (char **) addresses) : g_strdup ("");

  duk_push_string (ctx, joined);
  return 1;
}

static duk_ret_t
pac_is_resolvable (duk_context *ctx)
{
  const char *host = duk_safe_to_string (ctx, 0);

  duk_push_boolean (ctx, first_ipv4 (pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx), host)) != NULL);
  return 1;
}

static duk_ret_t
pac_is_resolvable_ex (duk_context *ctx)
{
  const char *host = duk_safe_to_string (ctx, 0);
  const char * const *addresses = pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx), host);

  duk_push_boolean (ctx, addresses != NULL && addresses[0] != NULL);
  return 1;
}

static duk_ret_t
pac_my_ip_address (duk_context *ctx)
{
  g_autofree char *address = pp_pac_dns_my_address (pp_pac_state_from_ctx (ctx), FALSE);

  duk_push_string (ctx, address);
  return 1;
}

static duk_ret_t
pac_my_ip_address_ex (duk_context *ctx)
{
  g_autofree char *addresses = pp_pac_dns_my_address (pp_pac_state_from_ctx (ctx), TRUE);

  duk_push_string (ctx, addresses);
  return 1;
}

static gboolean
prefix_matches (const guint8 *a,
                const guint8 *b,
                guint         bits)
{
  guint bytes = bits / 8;
  guint8 mask = (guint8) (0xff << (8 - bits % 8));

  if (memcmp (a, b, bytes) != 0)
    return FALSE;
  return bits % 8 == 0 || ((a[bytes] ^ b[bytes]) & mask) == 0;
}

/* isInNet(host, pattern, mask): IPv4 only; a name is resolved first. */
static duk_ret_t
pac_is_in_net (duk_context *ctx)
{
  const char *host = duk_safe_to_string (ctx, 0);
  const char *address = first_ipv4 (pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx), host));
  guint8 a[16], p[16], m[16];
  int fa, fp, fm;
  gboolean match;

  match = pp_pac_parse_address (address, &fa, a) &&
          pp_pac_parse_address (duk_safe_to_string (ctx, 1), &fp, p) &&
          pp_pac_parse_address (duk_safe_to_string (ctx, 2), &fm, m) &&
          fp == AF_INET && fm == AF_INET;
  for (guint i = 0; match && i < 4; i++)
    match = ((a[i] ^ p[i]) & m[i]) == 0;

  duk_push_boolean (ctx, match);
  return 1;
}

static gboolean
parse_prefix (const char *text,
              int        *family,
              guint8      bytes[16],
              guint      *bits)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 2);
  guint64 n;

  if (g_strv_length (parts) != 2 || !pp_pac_parse_address (parts[0], family, bytes))
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[1], 10, 0, *family == AF_INET ? 32 : 128, &n, NULL))
    return FALSE;
  *bits = (guint) n;
  return TRUE;
}

/* isInNetEx(host, "prefix/bits"): any address of host, either family. */
static duk_ret_t
pac_is_in_net_ex (duk_context *ctx)
{
  const char * const *addresses = pp_pac_dns_lookup (pp_pac_state_from_ctx (ctx),
                                                     duk_safe_to_string (ctx, 0));
  guint8 prefix[16], a[16];
  int family, fa;
  guint bits;
  gboolean match = FALSE;

  if (parse_prefix (duk_safe_to_string (ctx, 1), &family, prefix, &bits))
    for (guint i = 0; !match && addresses && addresses[i]; i++)
      match = pp_pac_parse_address (addresses[i], &fa, a) && fa == family &&
              prefix_matches (a, prefix, bits);

  duk_push_boolean (ctx, match);
  return 1;
}

typedef struct
{
  int family;
  guint8 bytes[16];
  const char *text;
} SortItem;

/* IPv6 before IPv4, each in numeric order, as Microsoft documents. */
static int
sort_item_compare (gconstpointer a,
                   gconstpointer b)
{
  const SortItem *x = a, *y = b;

  if (x->family != y->family)
    return x->family == AF_INET6 ? -1 : 1;
  return memcmp (x->bytes, y->bytes, x->family == AF_INET6 ? 16 : 4);
}

static duk_ret_t
pac_sort_ip_address_list (duk_context *ctx)
{
  g_auto(GStrv) parts = g_strsplit (duk_safe_to_string (ctx, 0), ";", -1);
  guint n = g_strv_length (parts);
  g_autofree SortItem *items = g_new0 (SortItem, MAX (n, 1));
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < n; i++)
    {
      items[i].text = g_strstrip (parts[i]);
      if (!pp_pac_parse_address (items[i].text, &items[i].family, items[i].bytes))
        {
          duk_push_false (ctx);
          return 1;
        }
    }
  if (n == 0)
    {
      duk_push_false (ctx);
      return 1;
    }

  qsort (items, n, sizeof *items, sort_item_compare);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, (gpointer) items[i].text);
  g_ptr_array_add (out, NULL);
  joined = g_strjoinv (";", (char **) out->pdata);
  duk_push_string (ctx, joined);
  return 1;
}

static const duk_function_list_entry pac_functions[] = {
  { "alert", pac_alert, 1 },
  { "dnsResolve", pac_dns_resolve, 1 },
  { "dnsResolveEx", pac_dns_resolve_ex, 1 },
  { "isResolvable", pac_is_resolvable, 1 },
  { "isResolvableEx", pac_is_resolvable_ex, 1 },
  { "myIpAddress", pac_my_ip_address, 0 },
  { "myIpAddressEx", pac_my_ip_address_ex, 0 },
  { "isInNet", pac_is_in_net, 3 },
  { "isInNetEx", pac_is_in_net_ex, 2 },
  { "sortIpAddressList", pac_sort_ip_address_list, 1 },
  { NULL, NULL, 0 },
};

gboolean
pp_pac_builtins_install (duk_context  *ctx,
                         char        **error)
{
  duk_push_global_object (ctx);
  duk_put_function_list (ctx, -1, pac_functions);
  duk_pop (ctx);

  if (duk_peval_string (ctx, pac_prelude_js) != 0)
    {
      *error = g_strdup_printf ("internal error in the PAC prelude: %s",
                                duk_safe_to_string (ctx, -1));
      duk_pop (ctx);
      return FALSE;
    }
  duk_pop (ctx);
  return TRUE;
}
