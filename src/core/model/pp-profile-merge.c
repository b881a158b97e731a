/* pp-profile-merge.c: one probe per URL and method; the agent's own endpoints
 *
 * A profile may list one URL under several geographies (or a profile file
 * may list it twice): under "All Geographies" it would be probed once per
 * row, and every row's result would count as a separate finding. The rows
 * are merged into one endpoint that keeps every service name, geography
 * and expectation it stands for.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-profile-merge.h"
#include "pp-log.h"

#include <string.h>

static char *
merge_key (const PpEndpoint *endpoint)
{
  return g_strconcat (endpoint->http_method, " ", endpoint->url, NULL);
}

/* "A; B" without repeating A; NULL stays NULL when both are. */
static char *
join_unique (const char *first,
             const char *second)
{
  g_auto(GStrv) parts = NULL;

  if (first == NULL || second == NULL || *second == '\0')
    return g_strdup (first ? first : second);
  if (*first == '\0')
    return g_strdup (second);

  parts = g_strsplit (first, "; ", -1);
  if (g_strv_contains ((const char * const *) parts, second))
    return g_strdup (first);

  return g_strconcat (first, "; ", second, NULL);
}

/* Either row's expectation is met: "any" (no codes) absorbs the rest. */
static void
merge_expected (GArray       *into,
                const GArray *from)
{
  if (into->len == 0)
    return;
  if (from->len == 0)
    {
      g_array_set_size (into, 0);
      return;
    }
  for (guint i = 0; i < from->len; i++)
    {
      guint code = g_array_index (from, guint, i);
      gboolean known = FALSE;

      for (guint j = 0; j < into->len && !known; j++)
        known = g_array_index (into, guint, j) == code;
      if (!known)
        g_array_append_val (into, code);
    }
}

/* A row listed worldwide covers every geography: the merge is worldwide
 * (so that a profile chosen for one geography still holds only its own
 * and worldwide rows); rows of several geographies name them all. */
static char *
merge_geography (const char *first,
                 const char *second)
{
  if (g_strcmp0 (first, "WW") == 0 || g_strcmp0 (second, "WW") == 0)
    return g_strdup ("WW");

  return join_unique (first, second);
}

/* @into is a private copy: nobody else holds it yet. */
static void
merge_into (PpEndpoint       *into,
            const PpEndpoint *from)
{
  char *service = join_unique (into->service, from->service);
  char *geography = merge_geography (into->geography, from->geography);

  g_free (into->service);
  into->service = service;
  g_free (into->geography);
  into->geography = geography;
  merge_expected (into->expected, from->expected);
  /* A pinned row's pin must still be checked: the stricter trust wins. */
  if (g_str_equal (into->trust, "system") && !g_str_equal (from->trust, "system"))
    {
      g_free (into->trust);
      into->trust = g_strdup (from->trust);
    }
  into->agent_uses = into->agent_uses || from->agent_uses;
}

/* The endpoints in @merged are shared: a merge makes a new one. */
static void
replace_merged (GPtrArray        *merged,
                guint             at,
                const PpEndpoint *endpoint)
{
  PpEndpoint *copy = pp_endpoint_copy (g_ptr_array_index (merged, at));

  merge_into (copy, endpoint);
  pp_endpoint_unref (g_ptr_array_index (merged, at));
  g_ptr_array_index (merged, at) = copy;
}

/**
 * pp_profile_merge_duplicates:
 * @endpoints: (element-type PpEndpoint) (transfer none): as listed
 *
 * Returns: (transfer full) (element-type PpEndpoint): the endpoints in
 * their first row's order, one per URL and HTTP method
 */
GPtrArray *
pp_profile_merge_duplicates (GPtrArray *endpoints)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *merged = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);

  g_return_val_if_fail (endpoints != NULL, merged);

  for (guint i = 0; i < endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (endpoints, i);
      char *key = merge_key (endpoint);
      gpointer position;

      if (!g_hash_table_lookup_extended (seen, key, NULL, &position))
        {
          g_hash_table_insert (seen, key, GUINT_TO_POINTER (merged->len));
          g_ptr_array_add (merged, pp_endpoint_ref (endpoint));
          continue;
        }
      g_free (key);
      pp_debug ("%s %s is listed again (%s): probed once", endpoint->http_method,
                endpoint->url, endpoint->service);
      replace_merged (merged, GPOINTER_TO_UINT (position), endpoint);
    }

  return merged;
}

/**
 * pp_profile_merge_mark:
 * @endpoints: (element-type PpEndpoint) (transfer none): the endpoints
 * @agent_uses: whether the agent uses an endpoint now
 *
 * Returns: (transfer full) (element-type PpEndpoint): the endpoints, those
 * @agent_uses answers TRUE for marked (PpEndpoint.agent_uses)
 */
GPtrArray *
pp_profile_merge_mark (GPtrArray           *endpoints,
                       PpEndpointPredicate  agent_uses,
                       gpointer             user_data)
{
  GPtrArray *marked = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);

  g_return_val_if_fail (endpoints != NULL && agent_uses != NULL, marked);

  for (guint i = 0; i < endpoints->len; i++)
    {
      PpEndpoint *endpoint = g_ptr_array_index (endpoints, i);
      PpEndpoint *copy;

      if (endpoint->agent_uses || !agent_uses (endpoint, user_data))
        {
          g_ptr_array_add (marked, pp_endpoint_ref (endpoint));
          continue;
        }
      copy = pp_endpoint_copy (endpoint);
      copy->agent_uses = TRUE;
      g_ptr_array_add (marked, copy);
    }

  return marked;
}
