/* pp-pac-dns.c: bounded, logged name lookups for PAC scripts
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* getaddrinfo_a() is a GNU extension. */
#define _GNU_SOURCE

#include "pp-pac-dns.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void
pp_pac_dns_entry_free (gpointer data)
{
  PpPacDnsEntry *entry = data;

  g_free (entry->name);
  g_free (entry->answer);
  g_free (entry);
}

void
pp_pac_state_init (PpPacState *state)
{
  memset (state, 0, sizeof *state);
  state->alerts = g_ptr_array_new_with_free_func (g_free);
  state->dns = g_ptr_array_new_with_free_func (pp_pac_dns_entry_free);
  state->dns_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_strfreev);
}

/* Every request starts with a fresh budget and log; the cache goes too, so
 * that the log of each request shows every name its answer depended on. */
void
pp_pac_state_reset (PpPacState *state)
{
  g_ptr_array_set_size (state->alerts, 0);
  g_ptr_array_set_size (state->dns, 0);
  g_hash_table_remove_all (state->dns_cache);
  state->dns_skipped = 0;
  state->dns_spent = 0;
}

void
pp_pac_state_clear (PpPacState *state)
{
  g_clear_pointer (&state->alerts, g_ptr_array_unref);
  g_clear_pointer (&state->dns, g_ptr_array_unref);
  g_clear_pointer (&state->dns_cache, g_hash_table_unref);
}

gboolean
pp_pac_parse_address (const char *text,
                      int        *family,
                      guint8      bytes[16])
{
  if (text == NULL)
    return FALSE;
  if (inet_pton (AF_INET, text, bytes) == 1)
    {
      *family = AF_INET;
      return TRUE;
    }
  if (inet_pton (AF_INET6, text, bytes) == 1)
    {
      *family = AF_INET6;
      return TRUE;
    }
  return FALSE;
}

static char *
format_sockaddr (const struct sockaddr *sa)
{
  char buf[INET6_ADDRSTRLEN] = "";

  if (sa->sa_family == AF_INET)
    inet_ntop (AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, buf, sizeof buf);
  else if (sa->sa_family == AF_INET6)
    inet_ntop (AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr, buf, sizeof buf);
  return buf[0] ? g_strdup (buf) : NULL;
}

static char **
addresses_from_addrinfo (const struct addrinfo *list)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (const struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next)
    {
      g_autofree char *text = format_sockaddr (ai->ai_addr);

      if (text != NULL && !g_ptr_array_find_with_equal_func (out, text, g_str_equal, NULL))
        g_ptr_array_add (out, g_steal_pointer (&text));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* getaddrinfo_a lets the lookup be abandoned when the budget runs out. A
 * request that cannot be cancelled is leaked on purpose: its memory is still
 * in use by the resolver thread. */
static char **
resolve_with_timeout (const char *name,
                      gint64      timeout_us,
                      const char **why)
{
  struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_ADDRCONFIG };
  struct gaicb *req = g_new0 (struct gaicb, 1);
  const struct gaicb *list[1] = { req };
  struct timespec ts = { timeout_us / G_USEC_PER_SEC, (timeout_us % G_USEC_PER_SEC) * 1000 };
  char **result = NULL;
  int rc;

  req->ar_name = g_strdup (name);
  req->ar_request = &hints;
  if (getaddrinfo_a (GAI_NOWAIT, (struct gaicb **) list, 1, NULL) != 0)
    {
      *why = "lookup could not start";
      g_free ((char *) req->ar_name);
      g_free (req);
      return NULL;
    }

  gai_suspend (list, 1, &ts);
  rc = gai_error (req);
  if (rc == EAI_INPROGRESS)
    {
      *why = "timed out";
      if (gai_cancel (req) != EAI_CANCELED)
        return NULL;
    }
  else if (rc == 0)
    result = addresses_from_addrinfo (req->ar_result);
  else
    *why = gai_strerror (rc);

  if (req->ar_result)
    freeaddrinfo (req->ar_result);
  g_free ((char *) req->ar_name);
  g_free (req);
  return result;
}

static void
log_lookup (PpPacState  *state,
            const char  *name,
            char       **addresses,
            const char  *why,
            gint64       spent)
{
  PpPacDnsEntry *entry = g_new0 (PpPacDnsEntry, 1);

  entry->name = g_strdup (name);
  entry->answer = addresses && addresses[0] ? g_strjoinv (";", addresses)
                                            : g_strdup_printf ("no address (%s)", why);
  entry->ms = spent / 1000.0;
  g_ptr_array_add (state->dns, entry);
}

/* Returns the addresses of NAME, IPv4 and IPv6 in resolver order, or NULL.
 * IP literals never count as lookups. */
const char * const *
pp_pac_dns_lookup (PpPacState *state,
                   const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  const char *why = "not found";
  gpointer cached;
  char **addresses;
  gint64 start, remaining;
  guint8 bytes[16];
  int family;

  if (pp_pac_parse_address (name, &family, bytes))
    {
      char *literal[] = { key, NULL };

      g_hash_table_replace (state->dns_cache, g_strdup (key), g_strdupv (literal));
      return g_hash_table_lookup (state->dns_cache, key);
    }
  if (g_hash_table_lookup_extended (state->dns_cache, key, NULL, &cached))
    return cached;

  remaining = PP_PAC_DNS_BUDGET_US - state->dns_spent;
  if (state->dns->len >= PP_PAC_DNS_MAX_LOOKUPS || remaining <= 0 || *name == '\0')
    {
      state->dns_skipped++;
      return NULL;
    }

  start = g_get_monotonic_time ();
  addresses = resolve_with_timeout (name, remaining, &why);
  state->dns_spent += g_get_monotonic_time () - start;
  log_lookup (state, name, addresses, why, g_get_monotonic_time () - start);
  g_hash_table_replace (state->dns_cache, g_steal_pointer (&key), addresses);
  return (const char * const *) addresses;
}

/* The source address the kernel would pick for the public Internet: connect()
 * on a UDP socket chooses a route and sends nothing. */
static char *
route_source_address (int family)
{
  struct sockaddr_storage ss = { 0 };
  socklen_t len = sizeof ss;
  char *text = NULL;
  int fd = socket (family, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return NULL;

  if (family == AF_INET)
    {
      struct sockaddr_in *sin = (struct sockaddr_in *) &ss;

      sin->sin_family = AF_INET;
      sin->sin_port = htons (53);
      inet_pton (AF_INET, "192.0.2.1", &sin->sin_addr);
      len = sizeof *sin;
    }
  else
    {
      struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &ss;

      sin6->sin6_family = AF_INET6;
      sin6->sin6_port = htons (53);
      inet_pton (AF_INET6, "2001:db8::1", &sin6->sin6_addr);
      len = sizeof *sin6;
    }

  if (connect (fd, (struct sockaddr *) &ss, len) == 0 &&
      getsockname (fd, (struct sockaddr *) &ss, &(socklen_t) { sizeof ss }) == 0)
    text = format_sockaddr ((struct sockaddr *) &ss);
  close (fd);
  return text;
}

static gboolean
is_loopback (const char *text)
{
  return g_str_has_prefix (text, "127.") || g_str_equal (text, "::1");
}

static void
add_unique (GPtrArray  *out,
            const char *text)
{
  if (text != NULL && !is_loopback (text) &&
      !g_ptr_array_find_with_equal_func (out, text, g_str_equal, NULL))
    g_ptr_array_add (out, g_strdup (text));
}

/* myIpAddress(): the route's source address, else the host name's address,
 * and loopback only when the machine has nothing else. ALL gives the
 * semicolon-separated list of myIpAddressEx(). */
char *
pp_pac_dns_my_address (PpPacState *state,
                       gboolean    all)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *v4 = route_source_address (AF_INET);
  g_autofree char *v6 = NULL;

  add_unique (out, v4);
  if (all)
    {
      v6 = route_source_address (AF_INET6);
      add_unique (out, v6);
    }
  if (all || out->len == 0)
    {
      const char * const *named = pp_pac_dns_lookup (state, g_get_host_name ());

      for (guint i = 0; named && named[i]; i++)
        if (all || strchr (named[i], ':') == NULL)
          add_unique (out, named[i]);
    }

  if (out->len == 0)
    return g_strdup ("127.0.0.1");
  if (!all)
    return g_strdup (g_ptr_array_index (out, 0));
  g_ptr_array_add (out, NULL);
  return g_strjoinv (";", (char **) out->pdata);
}
