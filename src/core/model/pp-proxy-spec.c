/* pp-proxy-spec.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-proxy-spec.h"
#include "pp-redact.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (PpProxySpec, pp_proxy_spec, pp_proxy_spec_ref, pp_proxy_spec_unref)
G_DEFINE_QUARK (pp-proxy-spec-error-quark, pp_proxy_spec_error)

#define PROXY_FORMAT_HINT \
  "expected HOST:PORT or a proxy URL such as http://proxy.example.com:8080"

static const char * const schemes[] = {
  "http", "https", "socks4", "socks4a", "socks5", "socks5h", NULL
};

static void
pp_proxy_spec_clear (PpProxySpec *self)
{
  g_free (self->scheme);
  g_free (self->host);
  g_free (self->user);
  if (self->password)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);
  g_free (self->url);
  g_free (self->display);
}

PpProxySpec *
pp_proxy_spec_ref (PpProxySpec *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
pp_proxy_spec_unref (PpProxySpec *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) pp_proxy_spec_clear);
}

PpProxySpec *
pp_proxy_spec_new_direct (void)
{
  PpProxySpec *self = g_atomic_rc_box_new0 (PpProxySpec);

  self->kind = PP_PROXY_KIND_DIRECT;
  self->display = g_strdup ("DIRECT");

  return self;
}

PpProxySpec *
pp_proxy_spec_new_curl_env (const char *display,
                            gboolean    via_proxy)
{
  PpProxySpec *self = g_atomic_rc_box_new0 (PpProxySpec);

  self->kind = PP_PROXY_KIND_CURL_ENV;
  self->display = g_strdup (display);
  self->env_via_proxy = via_proxy;

  return self;
}

static guint16
default_port_for_scheme (const char *scheme)
{
  if (g_str_equal (scheme, "https"))
    return 443;
  if (g_str_has_prefix (scheme, "socks"))
    return 1080;
  return 80;
}

/* Values that people copy from documentation without filling them in. The
 * agent fails on them, and a technician should be told so in plain words. */
gboolean
pp_proxy_spec_is_placeholder (const char *text)
{
  static const char * const words[] = {
    "<", ">", "{", "}", "proxy_server", "proxyserver:port", "host:port",
    "proxy:port", "your_proxy", "yourproxy", "your.proxy", "proxy.example",
    "example.com", "example.org", "example.net", ":port", "x.x.x.x", NULL
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;

  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; words[i]; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

/* GUri decodes the host: "a%40b" becomes "a@b", which written back into a
 * URL names user "a" at host "b". A host is a name (letters, digits, '-',
 * '.', '_', or UTF-8 for an international name) or an IP address, whose
 * IPv6 zone is an interface name. */
static gboolean
host_is_valid (const char *host)
{
  const char *zone = strchr (host, '%');

  if (g_hostname_is_ip_address (host))
    {
      for (const char *p = zone ? zone + 1 : ""; *p; p++)
        if (!is_name_char (*p))
          return FALSE;
      return zone == NULL || zone[1] != '\0';
    }
  if (!g_utf8_validate (host, -1, NULL))
    return FALSE;
  for (const char *p = host; *p; p++)
    if (!is_name_char (*p) && (guchar) *p < 0x80)
      return FALSE;

  return TRUE;
}

/* An IPv6 zone ("fe80::1%eth0") is written "%25eth0" inside a URL. */
static char *
format_host (const char *host)
{
  g_autoptr(GString) out = NULL;

  if (strchr (host, ':') == NULL)
    return g_strdup (host);

  out = g_string_new ("[");
  for (const char *p = host; *p; p++)
    if (*p == '%')
      g_string_append (out, "%25");
    else
      g_string_append_c (out, *p);
  g_string_append_c (out, ']');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_url (const char *scheme,
            const char *host,
            guint16     port,
            const char *user,
            const char *password,
            gboolean    redact)
{
  g_autofree char *shown_host = format_host (host);
  g_autofree char *userinfo = NULL;

  if (user != NULL)
    {
      g_autofree char *u = g_uri_escape_string (user, NULL, FALSE);
      g_autofree char *p = password == NULL ? NULL
                         : redact ? g_strdup ("***")
                         : g_uri_escape_string (password, NULL, FALSE);

      userinfo = p ? g_strdup_printf ("%s:%s@", u, p) : g_strdup_printf ("%s@", u);
    }

  return g_strdup_printf ("%s://%s%s:%u", scheme, userinfo ? userinfo : "", shown_host, port);
}

/* Describes the first character of @host that no host name contains, or
 * returns NULL. Letters beyond ASCII are allowed: libcurl converts
 * internationalized names. '_' is not valid in DNS host names, but
 * Windows networks have them and resolvers answer for them. */
static char *
find_bad_host_char (const char *host)
{
  if (strchr (host, ':') != NULL)
    return g_hostname_is_ip_address (host) ? NULL : g_strdup ("':' outside an IPv6 address");
  if (!g_utf8_validate (host, -1, NULL))
    return g_strdup ("bytes that are not UTF-8 text");
  if (strlen (host) > 253)
    return g_strdup ("more than 253 characters");

  for (const char *p = host; *p != '\0'; p++)
    {
      guchar c = *p;

      if (g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c >= 0x80)
        continue;
      if (c == ' ')
        return g_strdup ("a space");
      if (c < 0x20 || c == 0x7f)
        return g_strdup_printf ("the control character \\u%04x", c);
      return g_strdup_printf ("the character '%c'", c);
    }

  return NULL;
}

/* GLib's parser (with G_URI_FLAGS_NON_DNS) takes any bytes as a host;
 * libcurl would then fail every probe as "unsupported proxy syntax", which
 * reads as an unreachable proxy rather than a typing error. */
static gboolean
check_host (const char  *host,
            const char  *shown,
            GError     **error)
{
  g_autofree char *bad = find_bad_host_char (host);

  if (bad == NULL)
    return TRUE;

  g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID,
               "'%s' is not a proxy: its host name contains %s; a host name has only "
               "letters, digits, '-' and '.', or is an IP address", shown, bad);
  return FALSE;
}

static gboolean
parse_uri (const char   *uri_text,
           const char   *shown,
           gboolean      require_port,
           PpProxySpec  *self,
           GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  int port;

  /* GUri splits and decodes user and password itself: decoding them again
   * would turn a password's "%2541" into "A" instead of "%41". */
  uri = g_uri_parse (uri_text, G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_NON_DNS |
                     G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID,
                   "'%s' is not a proxy: %s", shown, PROXY_FORMAT_HINT);
      return FALSE;
    }

  self->scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_strv_contains (schemes, self->scheme))
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID,
                   "'%s' is not a proxy: the scheme '%s' is not one of http, https, "
                   "socks4, socks4a, socks5, socks5h", shown, self->scheme);
      return FALSE;
    }

  if (!check_host (g_uri_get_host (uri), shown, error))
    return FALSE;

  port = g_uri_get_port (uri);
  if (port <= 0 && require_port)
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_NO_PORT,
                   "'%s' has no port: give one explicitly, e.g. %s://%s:8080",
                   shown, self->scheme, g_uri_get_host (uri));
      return FALSE;
    }

  if (!host_is_valid (g_uri_get_host (uri)))
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID,
                   "'%s' is not a proxy: a host name has only letters, digits, '-', '.' "
                   "and '_' (or is an IP address; IPv6 in brackets)", shown);
      return FALSE;
    }

  self->host = g_strdup (g_uri_get_host (uri));
  self->port = port > 0 ? (guint16) port : default_port_for_scheme (self->scheme);

  self->user = g_strdup (g_uri_get_user (uri));
  self->password = g_strdup (g_uri_get_password (uri));

  return TRUE;
}

/* Accepts "host:port", "[::1]:3128" and proxy URLs. The error message shows
 * the value with any password already replaced by "***". */
PpProxySpec *
pp_proxy_spec_parse (const char  *text,
                     gboolean     require_port,
                     GError     **error)
{
  g_autoptr(PpProxySpec) self = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *uri_text = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  /* Valid or not: an invalid value is quoted back, in messages and reports. */
  pp_redact_learn (stripped);
  shown = pp_redact_quote (stripped);

  if (*stripped == '\0')
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_INVALID,
                   "the proxy is empty: %s", PROXY_FORMAT_HINT);
      return NULL;
    }
  if (pp_proxy_spec_is_placeholder (stripped))
    {
      g_set_error (error, PP_PROXY_SPEC_ERROR, PP_PROXY_SPEC_ERROR_PLACEHOLDER,
                   "'%s' is a placeholder, not a real proxy: replace it with the "
                   "proxy's host name and port", shown);
      return NULL;
    }

  uri_text = strstr (stripped, "://") ? g_strdup (stripped)
                                      : g_strconcat ("http://", stripped, NULL);

  self = g_atomic_rc_box_new0 (PpProxySpec);
  self->kind = PP_PROXY_KIND_PROXY;
  if (!parse_uri (uri_text, shown, require_port || !strstr (stripped, "://"), self, error))
    return NULL;

  pp_redact_add_credentials (self->user, self->password);
  self->url = format_url (self->scheme, self->host, self->port, self->user,
                          self->password, FALSE);
  self->display = format_url (self->scheme, self->host, self->port, self->user,
                              self->password, TRUE);

  return g_steal_pointer (&self);
}
