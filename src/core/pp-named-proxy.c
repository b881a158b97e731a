/* pp-named-proxy.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-named-proxy.h"

#include <json-glib/json-glib.h>

#include "pp-file.h"

/* The agent's own file is small; anything larger is not what it reads. */
#define MAX_MANAGED_SIZE (1024 * 1024)

void
pp_named_proxy_from_value (const char   *source,
                           const char   *value,
                           PpNamedProxy *named)
{
  g_autoptr(GError) error = NULL;

  named->source = g_strdup (source);
  named->raw = pp_redact_url (value);
  named->spec = pp_proxy_spec_parse (value, TRUE, &error);
  if (named->spec == NULL)
    named->problem = g_strdup_printf ("The proxy isn't in valid format: %s", error->message);
}

static char *
read_small_file (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = pp_file_read_bounded (path, MAX_MANAGED_SIZE, NULL, &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the file is larger than 1 MiB, which is not a Defender configuration");
      return NULL;
    }
  if (contents == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return contents;
}

static const char *
find_proxy_member (JsonNode  *root,
                   gboolean  *present)
{
  JsonObject *cloud;
  JsonNode *proxy;

  *present = FALSE;
  /* An empty file (or one of white space only) parses, with no root. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  cloud = json_object_get_object_member (json_node_get_object (root), "cloudService");
  if (cloud == NULL || !json_object_has_member (cloud, "proxy"))
    return NULL;

  *present = TRUE;
  proxy = json_object_get_member (cloud, "proxy");
  if (!JSON_NODE_HOLDS_VALUE (proxy) || json_node_get_value_type (proxy) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (proxy);
}

/* Reads cloudService.proxy from Defender for Endpoint on Linux's managed
 * configuration. A missing file or key leaves @named empty: the method then
 * "doesn't exist", exactly as the analyzer says it. */
void
pp_named_proxy_read_managed (const char   *path,
                             PpNamedProxy *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *source = g_strdup_printf ("%s: cloudService.proxy", path);
  const char *value;
  gboolean present;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if ((contents = read_small_file (path, &error)) == NULL ||
      !json_parser_load_from_data (parser, contents, -1, &error))
    {
      named->source = g_steal_pointer (&source);
      named->problem = g_strdup_printf ("%s cannot be read: %s", path, error->message);
      return;
    }

  value = find_proxy_member (json_parser_get_root (parser), &present);
  if (!present)
    return;
  if (value == NULL)
    {
      named->source = g_steal_pointer (&source);
      named->problem = g_strdup ("The proxy isn't in valid format: cloudService.proxy is not a string");
      return;
    }

  pp_named_proxy_from_value (source, value, named);
}

void
pp_named_proxy_clear (PpNamedProxy *named)
{
  g_clear_pointer (&named->source, g_free);
  g_clear_pointer (&named->raw, g_free);
  g_clear_pointer (&named->spec, pp_proxy_spec_unref);
  g_clear_pointer (&named->problem, g_free);
}
