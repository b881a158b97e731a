/* pp-anonymize.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-anonymize.h"

#include <gio/gio.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>

/* A name is a whole word when no name character touches it: "alice" in
 * "/home/alice/" but not in "malice". */
#define WORD_BEFORE "(?<![A-Za-z0-9_-])"
#define WORD_AFTER  "(?![A-Za-z0-9_-])"

struct _PpAnonymizer
{
  GRegex *names;          /* every host and user name, longest first */
  GHashTable *kinds;      /* lower-case name -> "host" or "user" */
  GHashTable *locals;     /* extra local addresses, as text */
  GHashTable *replaced;   /* lower-case original -> replacement */
  guint counters[3];      /* host, user, addr */
  GRegex *addresses;
};

enum { KIND_HOST, KIND_USER, KIND_ADDR };
static const char * const kind_prefixes[] = { "host", "user", "addr" };

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  return (int) strlen (*(const char **) b) - (int) strlen (*(const char **) a);
}

/* Names too short or too common to identify anyone would only mangle
 * the text ("root" is also a certificate word). Host names like "vm" or
 * "pc" are kept short: they are matched as whole words only. */
static gboolean
is_identifying (const char *name,
                gsize       min_length)
{
  static const char * const common[] = { "root", "localhost", "nobody", "user", "unknown", NULL };

  return name != NULL && strlen (name) >= min_length && !g_strv_contains (common, name) &&
         g_utf8_validate (name, -1, NULL);
}

static void
add_names (PpAnonymizer       *self,
           GPtrArray          *patterns,
           const char * const *names,
           const char         *kind)
{
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *lower = g_utf8_strdown (names[i], -1);

      if (!is_identifying (lower, g_str_equal (kind, "host") ? 2 : 3) ||
          g_hash_table_contains (self->kinds, lower))
        continue;
      g_hash_table_insert (self->kinds, g_strdup (lower), (gpointer) kind);
      g_ptr_array_add (patterns, g_regex_escape_string (names[i], -1));
    }
}

static GRegex *
compile_names (GPtrArray *patterns)
{
  g_autofree char *alternatives = NULL;
  g_autofree char *pattern = NULL;

  if (patterns->len == 0)
    return NULL;
  g_ptr_array_sort (patterns, longest_first);
  g_ptr_array_add (patterns, NULL);
  alternatives = g_strjoinv ("|", (char **) patterns->pdata);
  pattern = g_strdup_printf (WORD_BEFORE "(?:%s)" WORD_AFTER, alternatives);

  return g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
}

PpAnonymizer *
pp_anonymizer_new (const char * const *host_names,
                   const char * const *user_names,
                   const char * const *local_addresses)
{
  PpAnonymizer *self = g_new0 (PpAnonymizer, 1);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);

  self->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->locals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->replaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  add_names (self, patterns, host_names, "host");
  add_names (self, patterns, user_names, "user");
  self->names = compile_names (patterns);
  for (guint i = 0; local_addresses && local_addresses[i]; i++)
    g_hash_table_add (self->locals, g_ascii_strdown (local_addresses[i], -1));

  /* Candidates only: each is checked by parsing it. */
  self->addresses = g_regex_new ("(?<![0-9A-Za-z.:])(?:\\d{1,3}(?:\\.\\d{1,3}){3}"
                                 "|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
                                 "(?![0-9A-Za-z])",
                                 G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (self->addresses != NULL);

  return self;
}

static void
add_interface_addresses (GPtrArray *out)
{
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) != 0)
    return;
  for (struct ifaddrs *ifa = list; ifa; ifa = ifa->ifa_next)
    {
      g_autoptr(GSocketAddress) address = NULL;

      if (ifa->ifa_addr == NULL ||
          (ifa->ifa_addr->sa_family != AF_INET && ifa->ifa_addr->sa_family != AF_INET6))
        continue;
      address = g_socket_address_new_from_native (ifa->ifa_addr,
                                                  ifa->ifa_addr->sa_family == AF_INET
                                                  ? sizeof (struct sockaddr_in)
                                                  : sizeof (struct sockaddr_in6));
      if (G_IS_INET_SOCKET_ADDRESS (address))
        g_ptr_array_add (out, g_inet_address_to_string (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))));
    }
  freeifaddrs (list);
}

/* This machine: its host name (and the short one), the user's login,
 * real name parts and home folder name, and its interfaces' addresses. */
PpAnonymizer *
pp_anonymizer_new_for_host (void)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  const char *host = g_get_host_name ();
  g_auto(GStrv) real_name = g_strsplit (g_get_real_name (), " ", 0);

  g_ptr_array_add (hosts, g_strdup (host));
  if (strchr (host, '.'))
    g_ptr_array_add (hosts, g_strndup (host, strchr (host, '.') - host));
  g_ptr_array_add (users, g_strdup (g_get_user_name ()));
  g_ptr_array_add (users, g_path_get_basename (g_get_home_dir ()));
  for (guint i = 0; real_name[i]; i++)
    g_ptr_array_add (users, g_strdup (real_name[i]));
  add_interface_addresses (addresses);
  g_ptr_array_add (hosts, NULL);
  g_ptr_array_add (users, NULL);
  g_ptr_array_add (addresses, NULL);

  return pp_anonymizer_new ((const char * const *) hosts->pdata,
                            (const char * const *) users->pdata,
                            (const char * const *) addresses->pdata);
}

void
pp_anonymizer_free (PpAnonymizer *self)
{
  g_clear_pointer (&self->names, g_regex_unref);
  g_clear_pointer (&self->addresses, g_regex_unref);
  g_hash_table_unref (self->kinds);
  g_hash_table_unref (self->locals);
  g_hash_table_unref (self->replaced);
  g_free (self);
}

static const char *
replacement_for (PpAnonymizer *self,
                 const char   *original,
                 guint         kind)
{
  g_autofree char *key = g_utf8_strdown (original, -1);
  char *replacement = g_hash_table_lookup (self->replaced, key);

  if (replacement == NULL)
    {
      replacement = g_strdup_printf ("%s-%u", kind_prefixes[kind], ++self->counters[kind]);
      g_hash_table_insert (self->replaced, g_steal_pointer (&key), replacement);
    }

  return replacement;
}

/* Private (RFC 1918), shared (RFC 6598), link-local, and IPv6 unique-local
 * or link-local addresses say which network the machine is in. */
static gboolean
is_local_address (PpAnonymizer *self,
                  const char   *text)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const guint8 *bytes;

  if (address == NULL || g_inet_address_get_is_loopback (address) ||
      g_inet_address_get_is_any (address))
    return FALSE;
  if (g_hash_table_contains (self->locals, lower) || g_inet_address_get_is_site_local (address) ||
      g_inet_address_get_is_link_local (address))
    return TRUE;

  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return bytes[0] == 100 && (bytes[1] & 0xc0) == 64;

  return (bytes[0] & 0xfe) == 0xfc;
}

static gboolean
replace_address_cb (const GMatchInfo *match,
                    GString          *out,
                    gpointer          user_data)
{
  PpAnonymizer *self = user_data;
  g_autofree char *text = g_match_info_fetch (match, 0);

  if (is_local_address (self, text))
    g_string_append (out, replacement_for (self, text, KIND_ADDR));
  else
    g_string_append (out, text);

  return FALSE;
}

static gboolean
replace_name_cb (const GMatchInfo *match,
                 GString          *out,
                 gpointer          user_data)
{
  PpAnonymizer *self = user_data;
  g_autofree char *text = g_match_info_fetch (match, 0);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  const char *kind = g_hash_table_lookup (self->kinds, lower);

  g_string_append (out, replacement_for (self, text,
                                         g_strcmp0 (kind, "host") == 0 ? KIND_HOST : KIND_USER));

  return FALSE;
}

/* Addresses first: a replaced name never looks like an address. */
char *
pp_anonymizer_apply (PpAnonymizer *self,
                     const char   *text)
{
  g_autofree char *without_addresses = NULL;
  g_autofree char *valid = NULL;
  char *result;

  g_return_val_if_fail (self != NULL && text != NULL, NULL);

  /* GRegex needs UTF-8; a trace may hold any byte a server sent. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  without_addresses = g_regex_replace_eval (self->addresses, text, -1, 0, 0,
                                            replace_address_cb, self, NULL);
  if (without_addresses == NULL)
    without_addresses = g_strdup (text);
  if (self->names == NULL)
    return g_steal_pointer (&without_addresses);

  result = g_regex_replace_eval (self->names, without_addresses, -1, 0, 0,
                                 replace_name_cb, self, NULL);

  return result ? result : g_steal_pointer (&without_addresses);
}
