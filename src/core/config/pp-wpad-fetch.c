/* pp-wpad-fetch.c: fetching and loading PAC scripts, WPAD's last step
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split from pp-wpad.c, which keeps the discovery (DHCP URLs, DNS
 * devolution). This file holds the one HTTP request WPAD makes and the
 * checks on what comes back, shared by discovery, --pac-url and --pac-file.
 */
#include "pp-wpad-fetch.h"
#include "pp-redact.h"
#include "pp-curl.h"
#include "pp-file.h"

#include <string.h>

#define DEFAULT_CONNECT_TIMEOUT_MS 5000
#define DEFAULT_TOTAL_TIMEOUT_MS   30000
#define MAX_REDIRECTS              3L
#define PAC_MIME_TYPE              "application/x-ns-proxy-autoconfig"

G_DEFINE_QUARK (pp-wpad-error-quark, pp_wpad_error)

typedef struct
{
  GByteArray *body;
  gboolean too_large;
  GCancellable *cancellable;
} FetchState;

static guint
connect_timeout_ms (const PpWpadOptions *options)
{
  return options && options->connect_timeout_ms ? options->connect_timeout_ms
                                                : DEFAULT_CONNECT_TIMEOUT_MS;
}

gint64
pp_wpad_deadline_from_options (const PpWpadOptions *options)
{
  guint total = options && options->total_timeout_ms ? options->total_timeout_ms
                                                      : DEFAULT_TOTAL_TIMEOUT_MS;

  return g_get_monotonic_time () + (gint64) total * 1000;
}

gint64
pp_wpad_remaining_ms (gint64 deadline)
{
  return MAX (0, (deadline - g_get_monotonic_time ()) / 1000);
}

gboolean
pp_wpad_check_url (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  /* A PAC URL may carry a password (--pac-url http://user:pw@host/): known
   * from here on, it is redacted in curl's messages about the URL too. */
  pp_redact_learn (url);
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* Quoted: the URL may come from a DHCP option, raw bytes. */
      g_autofree char *quoted = pp_redact_quote (url);

      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_BAD_URL,
                   "'%s' is not an http or https URL with a host name", quoted);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_pac_text (const char  *data,
                gsize        len,
                const char  *origin,
                GError     **error)
{
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_PAC,
                   "%s is binary data, not a PAC script", origin);
      return FALSE;
    }
  if (g_strstr_len (data, len, "FindProxyForURL") == NULL)
    {
      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_PAC,
                   "%s does not define FindProxyForURL, so it is not a PAC script "
                   "(a captive portal or an error page may have answered)", origin);
      return FALSE;
    }

  return TRUE;
}

static size_t
fetch_write_cb (char   *data,
                size_t  size,
                size_t  nmemb,
                void   *user_data)
{
  FetchState *state = user_data;
  gsize len = size * nmemb;

  /* Chunked answers have no Content-Length for CURLOPT_MAXFILESIZE. */
  if (state->body->len + len > PP_WPAD_MAX_PAC_SIZE)
    {
      state->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (state->body, (const guint8 *) data, len);

  return len;
}

static int
fetch_progress_cb (void       *user_data,
                   curl_off_t  dltotal,
                   curl_off_t  dlnow,
                   curl_off_t  ultotal,
                   curl_off_t  ulnow)
{
  FetchState *state = user_data;

  return g_cancellable_is_cancelled (state->cancellable) ? 1 : 0;
}

static void
fetch_wake_cb (GCancellable *cancellable,
               gpointer      multi)
{
  curl_multi_wakeup (multi);
}

/* curl_easy_perform() notices a cancellation only when it next calls the
 * progress callback, up to a second later when the server is silent. A
 * multi handle can be woken from the cancelling thread at once. */
static CURLcode
perform_cancellable (CURL         *easy,
                     GCancellable *cancellable)
{
  CURLM *multi = curl_multi_init ();
  CURLcode code = CURLE_OK;
  CURLMsg *msg;
  int running = 1, left;
  gulong handler = 0;

  curl_multi_add_handle (multi, easy);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (fetch_wake_cb), multi, NULL);
  while (running && !g_cancellable_is_cancelled (cancellable))
    {
      if (curl_multi_perform (multi, &running) != CURLM_OK
          || (running && curl_multi_poll (multi, NULL, 0, 1000, NULL) != CURLM_OK))
        {
          code = CURLE_FAILED_INIT;
          break;
        }
    }
  if (running && g_cancellable_is_cancelled (cancellable))
    code = CURLE_ABORTED_BY_CALLBACK;
  while ((msg = curl_multi_info_read (multi, &left)) != NULL)
    if (msg->msg == CURLMSG_DONE)
      code = msg->data.result;
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  curl_multi_remove_handle (multi, easy);
  curl_multi_cleanup (multi);

  return code;
}

static CURL *
fetch_setup (const char         *url,
             guint               connect_ms,
             gint64              deadline,
             struct curl_slist  *resolve,
             FetchState         *state,
             char               *errbuf)
{
  CURL *easy = curl_easy_init ();

  curl_easy_setopt (easy, CURLOPT_URL, url);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, errbuf);
  /* WPAD is how a client finds its proxy: fetching through one is circular,
   * and the environment's proxy variables must not apply either. */
  curl_easy_setopt (easy, CURLOPT_PROXY, "");
  curl_easy_setopt (easy, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (easy, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) PP_WPAD_MAX_PAC_SIZE);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS, (long) connect_ms);
  curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS, (long) MAX (1, pp_wpad_remaining_ms (deadline)));
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, fetch_write_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, state);
  curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, fetch_progress_cb);
  curl_easy_setopt (easy, CURLOPT_XFERINFODATA, state);
  if (resolve != NULL)
    curl_easy_setopt (easy, CURLOPT_RESOLVE, resolve);

  return easy;
}

static void
set_curl_error (CURL        *easy,
                CURLcode     code,
                const char  *url,
                gint64       started,
                FetchState  *state,
                const char  *errbuf,
                GError     **error)
{
  long redirects = 0;
  const char *why = *errbuf ? errbuf : curl_easy_strerror (code);

  curl_easy_getinfo (easy, CURLINFO_REDIRECT_COUNT, &redirects);
  if (state->too_large || code == CURLE_FILESIZE_EXCEEDED)
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TOO_LARGE,
                 "%s is larger than 1 MiB; no real PAC script is that big, and "
                 "Windows refuses such files too", url);
  else if (code == CURLE_ABORTED_BY_CALLBACK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "fetching %s was cancelled", url);
  else if (code == CURLE_OPERATION_TIMEDOUT)
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TIMEOUT,
                 "%s did not answer within %.1f s (%s)", url,
                 (g_get_monotonic_time () - started) / 1e6, why);
  else if (code == CURLE_TOO_MANY_REDIRECTS)
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_REDIRECT,
                 "%s redirects more than %ld times; clients give up on it", url, MAX_REDIRECTS);
  else if (code == CURLE_UNSUPPORTED_PROTOCOL && redirects > 0)
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_REDIRECT,
                 "%s redirects to something other than http or https (%s)", url, why);
  else
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_FETCH,
                 "could not fetch %s: %s (curl error %d)", url, why, code);
}

static void
check_mime_type (CURL       *easy,
                 const char *url,
                 GPtrArray  *warnings)
{
  const char *content_type = NULL;
  g_autofree char *media = NULL;

  curl_easy_getinfo (easy, CURLINFO_CONTENT_TYPE, &content_type);
  media = g_strstrip (g_strndup (content_type ? content_type : "",
                                 strcspn (content_type ? content_type : "", ";")));
  if (g_ascii_strcasecmp (media, PAC_MIME_TYPE) != 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("%s is served as '%s', not '" PAC_MIME_TYPE "'; "
                                      "some clients ignore such a PAC file", url,
                                      *media ? media : "no type"));
}

static gboolean
check_response (CURL         *easy,
                const char   *url,
                FetchState   *state,
                GPtrArray    *warnings,
                GError      **error)
{
  long status = 0;

  curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200)
    {
      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_HTTP_STATUS,
                   "%s answered HTTP %ld instead of 200 with a PAC script", url, status);
      return FALSE;
    }
  if (!check_pac_text ((const char *) state->body->data, state->body->len, url, error))
    return FALSE;
  check_mime_type (easy, url, warnings);

  return TRUE;
}

/* Fetches @url, sharing a discovery's @deadline; @resolve pins the
 * address DNS discovery found, so the fetch asks no resolver again. */
gboolean
pp_wpad_fetch_until (const char           *url,
                     const PpWpadOptions  *options,
                     gint64                deadline,
                     struct curl_slist    *resolve,
                     char                **script,
                     GPtrArray            *warnings,
                     GError              **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  FetchState state = { body, FALSE, options ? options->cancellable : NULL };
  char errbuf[CURL_ERROR_SIZE] = "";
  gint64 started = g_get_monotonic_time ();
  CURLcode code;
  CURL *easy;
  gboolean ok;

  if (!pp_wpad_check_url (url, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (state.cancellable, error))
    return FALSE;

  pp_curl_ensure_initialized ();
  easy = fetch_setup (url, connect_timeout_ms (options), deadline, resolve, &state, errbuf);
  code = perform_cancellable (easy, state.cancellable);
  if (code != CURLE_OK)
    set_curl_error (easy, code, url, started, &state, errbuf, error);
  ok = code == CURLE_OK && check_response (easy, url, &state, warnings, error);
  curl_easy_cleanup (easy);
  if (!ok && error != NULL)
    pp_redact_error (*error);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    pp_redact_in_place ((char **) &g_ptr_array_index (warnings, i));
  if (ok)
    *script = g_strndup ((const char *) body->data, body->len);

  return ok;
}

/**
 * pp_wpad_fetch_pac:
 * @url: an http or https URL, e.g. from `--pac-url`
 * @options: (nullable): timeouts and cancellable; the rest is ignored
 * @script: (out): the PAC script
 * @warnings: (out) (optional): a new array of char *, possibly empty
 *
 * Fetches a PAC script the way a WPAD client should: without any proxy,
 * at most 1 MiB, status 200 only, at most 3 http(s) redirects.
 */
gboolean
pp_wpad_fetch_pac (const char           *url,
                   const PpWpadOptions  *options,
                   char                **script,
                   GPtrArray           **warnings,
                   GError              **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (script != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pp_wpad_fetch_until (url, options, pp_wpad_deadline_from_options (options), NULL,
                            script, found, error))
    return FALSE;
  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);

  return TRUE;
}

/* pp_file_read_bounded() refuses what is not a regular file, as for every
 * file we read; the messages here say what the path is instead. */
static char *
read_pac_file (const char  *path,
               gsize       *len,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = pp_file_read_bounded (path, PP_WPAD_MAX_PAC_SIZE, len, &local_error);

  if (contents != NULL)
    return contents;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TOO_LARGE,
                 "%s is larger than 1 MiB; no real PAC script is that big", path);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY) ||
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_A_FILE,
                 "%s is %s, not a file; give the path of the PAC script itself", path,
                 local_error->code == G_IO_ERROR_IS_DIRECTORY ? "a directory"
                                                              : "a device, pipe or socket");
  else
    g_set_error (error, local_error->domain, local_error->code,
                 "%s cannot be read: %s", path, local_error->message);

  return NULL;
}

gboolean
pp_wpad_load_pac_file (const char  *path,
                       char       **script,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (script != NULL, FALSE);

  if ((contents = read_pac_file (path, &len, error)) == NULL)
    return FALSE;
  if (!check_pac_text (contents, len, path, error))
    return FALSE;
  *script = g_steal_pointer (&contents);

  return TRUE;
}
