/* pp-testbed-dns.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-testbed-dns.h"

#include <string.h>

#define HEADER_SIZE 12
#define MAX_MESSAGE 512
#define TYPE_A 1
#define RCODE_NXDOMAIN 3
#define RCODE_FORMERR 1

struct _PpTestbedDns
{
  GSocket *socket;
  GCancellable *cancellable;
  GThread *thread;
  GMutex lock;
  GHashTable *records;   /* lower-case name → IPv4 text */
  GHashTable *silent;    /* lower-case names whose queries get no reply */
  GPtrArray *queries;    /* names asked, in order */
};

/* Reads the question's name as dotted text; returns the offset after the
 * question (name, type, class) or 0 when the message is malformed. */
static gsize
read_question (const guint8 *msg,
               gsize         len,
               GString      *name,
               guint16      *qtype)
{
  gsize pos = HEADER_SIZE;

  while (pos < len && msg[pos] != 0)
    {
      guint8 label = msg[pos++];

      if (label > 63 || pos + label > len)
        return 0;
      if (name->len)
        g_string_append_c (name, '.');
      g_string_append_len (name, (const char *) msg + pos, label);
      pos += label;
    }
  if (pos + 5 > len)
    return 0;

  *qtype = (msg[pos + 1] << 8) | msg[pos + 2];
  return pos + 5;
}

static gsize
build_answer (PpTestbedDns *self,
              const guint8 *query,
              gsize         len,
              guint8       *reply)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *lower = NULL;
  guint16 qtype = 0;
  gsize end = len >= HEADER_SIZE ? read_question (query, len, name, &qtype) : 0;
  const char *address;
  gboolean silent;
  g_autoptr(GInetAddress) inet = NULL;

  if (len < HEADER_SIZE)
    return 0;

  memcpy (reply, query, MIN (len, (gsize) MAX_MESSAGE));
  reply[2] = 0x84 | (query[2] & 0x79);   /* response, authoritative, opcode, RD */
  reply[3] = 0x80;                         /* recursion available, NOERROR */
  memset (reply + 6, 0, 6);                /* no answers, authority, additional */
  if (end == 0 || query[4] != 0 || query[5] != 1)
    {
      reply[3] |= RCODE_FORMERR;
      return HEADER_SIZE;
    }

  lower = g_ascii_strdown (name->str, -1);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->queries, g_strdup (lower));
  address = g_hash_table_lookup (self->records, lower);
  inet = address ? g_inet_address_new_from_string (address) : NULL;
  silent = g_hash_table_contains (self->silent, lower);
  g_mutex_unlock (&self->lock);

  /* A server that is down or drops the query: the client times out. */
  if (silent)
    return 0;

  if (inet == NULL)
    {
      reply[3] |= RCODE_NXDOMAIN;
      return end;
    }
  if (qtype != TYPE_A)
    return end;   /* the name exists, without a record of that type */

  {
    static const guint8 rr[] = { 0xC0, 0x0C, 0, TYPE_A, 0, 1, 0, 0, 0, 60, 0, 4 };

    reply[7] = 1;
    memcpy (reply + end, rr, sizeof rr);
    memcpy (reply + end + sizeof rr, g_inet_address_to_bytes (inet), 4);
    return end + sizeof rr + 4;
  }
}

static gpointer
pp_testbed_dns_thread (gpointer data)
{
  PpTestbedDns *self = data;
  guint8 query[MAX_MESSAGE], reply[MAX_MESSAGE + 16];

  for (;;)
    {
      g_autoptr(GSocketAddress) from = NULL;
      gssize len = g_socket_receive_from (self->socket, &from, (char *) query, sizeof query,
                                          self->cancellable, NULL);
      gsize reply_len;

      if (len < 0)
        {
          if (g_cancellable_is_cancelled (self->cancellable))
            break;
          continue;
        }
      reply_len = build_answer (self, query, len, reply);
      if (reply_len > 0)
        g_socket_send_to (self->socket, from, (const char *) reply, reply_len, NULL, NULL);
    }

  return NULL;
}

PpTestbedDns *
pp_testbed_dns_start (const char  *address,
                      guint16      port,
                      GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) bind_address = g_inet_socket_address_new (inet, port);
  PpTestbedDns *self = g_new0 (PpTestbedDns, 1);

  self->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                               G_SOCKET_PROTOCOL_UDP, error);
  if (self->socket == NULL || !g_socket_bind (self->socket, bind_address, TRUE, error))
    {
      g_clear_object (&self->socket);
      g_free (self);
      return NULL;
    }

  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->queries = g_ptr_array_new_with_free_func (g_free);
  self->silent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thread = g_thread_new ("pp-testbed-dns", pp_testbed_dns_thread, self);

  return self;
}

void
pp_testbed_dns_stop (PpTestbedDns *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_thread_join (self->thread);
  g_object_unref (self->socket);
  g_object_unref (self->cancellable);
  g_hash_table_unref (self->records);
  g_hash_table_unref (self->silent);
  g_ptr_array_unref (self->queries);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
pp_testbed_dns_add_a (PpTestbedDns *self,
                      const char   *name,
                      const char   *ipv4)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->records, g_ascii_strdown (name, -1), g_strdup (ipv4));
  g_mutex_unlock (&self->lock);
}

/* Queries for @name are logged and never answered. */
void
pp_testbed_dns_add_silent (PpTestbedDns *self,
                           const char   *name)
{
  g_mutex_lock (&self->lock);
  g_hash_table_add (self->silent, g_ascii_strdown (name, -1));
  g_mutex_unlock (&self->lock);
}

GStrv
pp_testbed_dns_get_queries (PpTestbedDns *self)
{
  GStrv copy;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->queries, NULL);
  copy = g_strdupv ((char **) self->queries->pdata);
  g_ptr_array_remove_index (self->queries, self->queries->len - 1);
  g_mutex_unlock (&self->lock);

  return copy;
}

guint16
pp_testbed_dns_get_port (PpTestbedDns *self)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (self->socket, NULL);

  return local ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;
}
