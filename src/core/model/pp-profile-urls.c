/* pp-profile-urls.c: profiles from plain URLs (--url, --urls FILE)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split from pp-profile.c, which keeps the bundled and JSON profiles.
 * Plain URLs make a profile of "Custom URL" endpoints that accept any HTTP
 * status and trust the system's certificate store.
 */
#include "pp-profile-urls.h"

#include <string.h>

#include "pp-profile-read.h"
#include "pp-profile-schema.h"
#include "pp-redact.h"
#include "pp-url.h"

/**
 * pp_url_validate:
 * @url: a URL typed by a person or read from a file
 * @error: return location for a %PP_PROFILE_ERROR_INVALID error
 *
 * Checks that @url is an absolute http or https URL with a host name.
 * The message does not name where the URL came from: callers prefix it
 * with the file and line or the option.
 *
 * Returns: whether @url can be probed
 */
gboolean
pp_url_validate (const char  *url,
                 GError     **error)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pp_redact_learn (url);
  if (pp_url_is_valid (url))
    return TRUE;

  quoted = pp_redact_quote (url);
  g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
               "'%s' is not an http or https URL", quoted);
  return FALSE;
}

/* pp_url_validate() does not know where the URL came from, so @where
 * ("FILE: line 3", "--url") is put in front of its message. */
static PpEndpoint *
custom_endpoint (const char  *url,
                 const char  *where,
                 GError     **error)
{
  g_autoptr(GError) url_error = NULL;

  if (!pp_url_validate (url, &url_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&url_error), "%s: ", where);
      return NULL;
    }

  return pp_endpoint_new (url, "Custom URL", "GET", NULL, 0, "system", NULL);
}

/* Returns the next line with surrounding white space removed, and
 * advances *cursor past it. */
static char *
next_line (char **cursor)
{
  char *line = *cursor;
  char *end = strchr (line, '\n');

  if (end != NULL)
    {
      *end = '\0';
      *cursor = end + 1;
    }
  else
    {
      *cursor = NULL;
    }

  return g_strstrip (line);
}

static gboolean
parse_url_lines (const char  *file,
                 char        *data,
                 GPtrArray   *endpoints,
                 GError     **error)
{
  char *cursor = data;

  for (guint line_number = 1; cursor != NULL; line_number++)
    {
      const char *line = next_line (&cursor);
      g_autofree char *where = NULL;
      g_autoptr(PpEndpoint) endpoint = NULL;

      if (*line == '\0' || *line == '#')
        continue;

      where = g_strdup_printf ("%s: line %u", file, line_number);
      endpoint = custom_endpoint (line, where, error);
      if (endpoint == NULL)
        return FALSE;

      if (endpoints->len == PP_PROFILE_MAX_ENDPOINTS)
        {
          g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_INVALID,
                       "%s: line %u: more than %u URLs; split the list into several files",
                       file, line_number, PP_PROFILE_MAX_ENDPOINTS);
          return FALSE;
        }

      g_ptr_array_add (endpoints, g_steal_pointer (&endpoint));
    }

  return TRUE;
}

/**
 * pp_profile_load_url_list:
 * @path: a text file with one URL a line; `#` starts a comment line
 *
 * Returns: (transfer full): a profile named after the file, expecting any
 *   HTTP status and trusting the system certificate store
 */
PpProfile *
pp_profile_load_url_list (const char  *path,
                          GError     **error)
{
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = pp_profile_read_bounded (path, "URL list", &length, error);
  if (data == NULL || !pp_profile_check_utf8 (path, data, length, error))
    return NULL;

  endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  if (!parse_url_lines (path, data, endpoints, error))
    return NULL;

  if (endpoints->len == 0)
    {
      g_set_error (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                   "%s contains no URLs; write one http or https URL a line", path);
      return NULL;
    }

  basename = g_path_get_basename (path);
  title = g_strdup_printf ("URLs from %s", basename);
  return pp_profile_new_from_endpoints (basename, title, endpoints);
}

/**
 * pp_profile_new_for_urls:
 * @urls: (array zero-terminated=1): the URLs of --url options
 *
 * Returns: (transfer full): a profile named "custom"
 */
PpProfile *
pp_profile_new_for_urls (const char * const  *urls,
                         GError             **error)
{
  g_autoptr(GPtrArray) endpoints = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (urls == NULL || urls[0] == NULL)
    {
      g_set_error_literal (error, PP_PROFILE_ERROR, PP_PROFILE_ERROR_EMPTY,
                           "--url: no URL given; pass an http or https URL");
      return NULL;
    }

  endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_endpoint_unref);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      PpEndpoint *endpoint = custom_endpoint (urls[i], "--url", error);

      if (endpoint == NULL)
        return NULL;
      g_ptr_array_add (endpoints, endpoint);
    }

  return pp_profile_new_from_endpoints ("custom", "Custom URLs", endpoints);
}
