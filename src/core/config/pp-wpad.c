/* pp-wpad.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-wpad.h"
#include "pp-controls.h"
#include "pp-file.h"
#include "pp-log.h"

#include <curl/curl.h>
#include <libpsl.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

G_DEFINE_BOXED_TYPE (PpWpadResult, pp_wpad_result, pp_wpad_result_ref, pp_wpad_result_unref)

/* Everything one discovery carries from step to step. */
typedef struct
{
  const PpWpadOptions *options;
  gint64 deadline;        /* monotonic, µs */
  PpWpadResult *result;
  GPtrArray *failures;    /* of char *: the pieces of the "not found" message */
} Discovery;

static void
pp_wpad_step_free (PpWpadStep *step)
{
  g_free (step->tried);
  g_free (step->answer);
  g_free (step);
}

static void
pp_wpad_result_clear (PpWpadResult *self)
{
  g_clear_pointer (&self->pac_url, g_free);
  g_clear_pointer (&self->provenance, g_free);
  g_clear_pointer (&self->script, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
}

static PpWpadResult *
pp_wpad_result_new (void)
{
  PpWpadResult *self = g_atomic_rc_box_new0 (PpWpadResult);

  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->log = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_wpad_step_free);

  return self;
}

PpWpadResult *
pp_wpad_result_ref (PpWpadResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
pp_wpad_result_unref (PpWpadResult *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pp_wpad_result_clear);
}

static const char *step_kind_to_string (PpWpadStepKind kind);

G_GNUC_PRINTF (6, 7)
static void
log_step (PpWpadResult   *result,
          PpWpadStepKind  kind,
          gboolean        ok,
          gint64          started,
          const char     *tried,
          const char     *format,
          ...)
{
  PpWpadStep *step = g_new0 (PpWpadStep, 1);
  va_list args;

  step->kind = kind;
  step->ok = ok;
  step->tried = g_strdup (tried);
  va_start (args, format);
  step->answer = g_strdup_vprintf (format, args);
  va_end (args);
  step->elapsed_ms = (g_get_monotonic_time () - started) / 1000;
  g_ptr_array_add (result->log, step);
  pp_debug ("WPAD %s %s: %s: %s (%" G_GINT64_FORMAT " ms)", step_kind_to_string (kind),
            step->tried, ok ? "ok" : "failed", step->answer, step->elapsed_ms);
}

/* Control characters and bytes that are not UTF-8 are shown escaped: a
 * DHCP option is untrusted input, may hold NULs, and the log ends up in
 * tickets and terminals. */
static char *
escape_bytes (const char *data,
              gsize       len)
{
  return pp_controls_escape (data, len, PP_CONTROLS_C, PP_CONTROLS_ONE_LINE, G_MAXLONG);
}

/* Windows and some DHCP servers end option 252 with a NUL or a newline:
 * that is cut off. Anything but whitespace after it could smuggle a second
 * URL or a header into a client that reads further, so it is refused. */
static char *
clean_dhcp_url (const PpWpadDhcpUrl  *dhcp,
                GError              **error)
{
  gsize len = dhcp->length < 0 ? strlen (dhcp->url) : (gsize) dhcp->length;
  gsize cut = 0;
  g_autofree char *url = NULL;

  while (cut < len && dhcp->url[cut] != '\0' && dhcp->url[cut] != '\n' && dhcp->url[cut] != '\r')
    cut++;
  for (gsize i = cut; i < len; i++)
    {
      if (dhcp->url[i] != '\0' && !g_ascii_isspace (dhcp->url[i]))
        {
          g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_BAD_URL,
                       "the DHCP value has more text after a line break or NUL byte "
                       "(at byte %" G_GSIZE_FORMAT "); fix the WPAD option (252) on the "
                       "DHCP server", cut);
          return NULL;
        }
    }

  url = g_strstrip (g_strndup (dhcp->url, cut));
  if (!pp_wpad_check_url (url, error))
    return NULL;

  return g_steal_pointer (&url);
}

/* libpsl's built-in list is compiled in; the packaged one (publicsuffix)
 * is newer when installed. Either is loaded once and never freed. */
static const psl_ctx_t *
get_psl (void)
{
  static const psl_ctx_t *psl = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      psl = psl_latest (NULL);
      if (psl == NULL)
        psl = psl_builtin ();
      g_once_init_leave (&initialized, 1);
    }

  return psl;
}

static char *
normalize_domain (const char *domain)
{
  g_autofree char *ascii = g_hostname_to_ascii (domain);
  g_autofree char *lower = ascii ? g_ascii_strdown (ascii, -1) : NULL;
  gsize len = lower ? strlen (lower) : 0;

  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (len == 0 || lower[0] == '.' || strstr (lower, "..") != NULL)
    return NULL;

  return g_steal_pointer (&lower);
}

/**
 * pp_wpad_devolve:
 * @domain: a DNS search domain, e.g. "a.b.corp.example.co.uk"
 *
 * Returns: (transfer full): the absolute wpad names to try, from the
 *   longest to the registrable domain ("wpad.example.co.uk."); empty if
 *   @domain is itself a public suffix. %NULL with @error without a public
 *   suffix list, because then no devolution is safe.
 */
GStrv
pp_wpad_devolve (const char  *domain,
                 GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *lower = normalize_domain (domain);
  const psl_ctx_t *psl = get_psl ();
  const char *registrable;

  g_return_val_if_fail (domain != NULL, NULL);

  if (psl == NULL)
    {
      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NO_PSL,
                   "no public suffix list is available (install the publicsuffix "
                   "package), so DNS devolution is not safe and was not tried");
      return NULL;
    }

  registrable = lower ? psl_registrable_domain (psl, lower) : NULL;
  for (const char *p = lower; registrable != NULL && p != NULL; p = strchr (p, '.'))
    {
      g_autofree char *name = NULL;

      if (*p == '.')
        p++;
      name = g_strdup_printf ("wpad.%s.", p);
      g_strv_builder_add (names, name);
      if (p == registrable)
        break;
    }

  return g_strv_builder_end (names);
}

static void
add_search_line (GPtrArray  *domains,
                 char      **tokens)
{
  /* As in glibc, the last "search" or "domain" line wins. */
  g_ptr_array_set_size (domains, 0);
  for (guint i = 1; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0')
      g_ptr_array_add (domains, g_strdup (tokens[i]));
}

char **
pp_wpad_read_search_domains (const char *sysroot)
{
  g_autofree char *path = g_build_filename (sysroot ? sysroot : "/", "etc/resolv.conf", NULL);
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if ((contents = pp_file_read_bounded (path, PP_FILE_MAX_CONFIG_SIZE, NULL, NULL)) != NULL)
    lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) tokens = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);

      if (g_strcmp0 (tokens[0], "search") == 0 || g_strcmp0 (tokens[0], "domain") == 0)
        add_search_line (domains, tokens);
    }
  g_ptr_array_add (domains, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&domains), FALSE);
}

static void
lookup_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
  struct addrinfo *list = NULL;
  g_autoptr(GStrvBuilder) addresses = g_strv_builder_new ();
  int rc;

  /* No AI_ADDRCONFIG: it hides answers on hosts with only loopback, and
   * the question is whether the name exists, not whether it is reachable. */
  rc = getaddrinfo (task_data, NULL, &hints, &list);
  if (rc != 0)
    {
      g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                               "%s", gai_strerror (rc));
      return;
    }
  for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next)
    {
      char host[NI_MAXHOST];

      if (getnameinfo (ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL, 0,
                       NI_NUMERICHOST) == 0)
        g_strv_builder_add (addresses, host);
    }
  freeaddrinfo (list);
  g_task_return_pointer (task, g_strv_builder_end (addresses), (GDestroyNotify) g_strfreev);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
lookup_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
lookup_cancelled_cb (GCancellable *cancellable,
                     GCancellable *local)
{
  g_cancellable_cancel (local);
}

/* getaddrinfo() cannot be interrupted: it runs in a thread that is
 * abandoned on timeout or cancellation, so the deadline always holds. */
static GStrv
lookup_name (const char    *name,
             gint64         deadline,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) local = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSource) timeout = g_timeout_source_new (pp_wpad_remaining_ms (deadline));
  g_autoptr(GTask) task = NULL;
  gulong handler = 0;

  g_main_context_push_thread_default (context);
  task = g_task_new (NULL, local, lookup_done_cb, &result);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, lookup_worker);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (lookup_cancelled_cb), local, NULL);
  g_source_set_callback (timeout, lookup_timeout_cb, local, NULL);
  g_source_attach (timeout, context);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_cancellable_is_cancelled (local))
    {
      g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_TIMEOUT,
                   "the DNS server did not answer for %s within the time left for WPAD "
                   "discovery; check the name servers in /etc/resolv.conf", name);
      return NULL;
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_failure (Discovery  *d,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_failure (Discovery  *d,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (d->failures, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Fetches a candidate PAC URL, logs the step, and on success fills in the
 * result. */
static gboolean
fetch_candidate (Discovery          *d,
                 const char         *url,
                 const char         *provenance,
                 struct curl_slist  *resolve,
                 GError            **error)
{
  PpWpadResult *result = d->result;
  gint64 started = g_get_monotonic_time ();
  g_autofree char *script = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!pp_wpad_fetch_until (url, d->options, d->deadline, resolve, &script,
                            result->warnings, &local_error))
    {
      log_step (result, PP_WPAD_STEP_FETCH, FALSE, started, url, "%s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  log_step (result, PP_WPAD_STEP_FETCH, TRUE, started, url,
            "a PAC script of %" G_GSIZE_FORMAT " bytes", strlen (script));
  result->pac_url = g_strdup (url);
  result->provenance = g_strdup (provenance);
  result->script = g_steal_pointer (&script);

  return TRUE;
}

static gboolean
try_dhcp_url (Discovery            *d,
              const PpWpadDhcpUrl  *dhcp,
              GError              **error)
{
  gsize len = dhcp->length < 0 ? strlen (dhcp->url) : (gsize) dhcp->length;
  g_autofree char *shown = escape_bytes (dhcp->url, len);
  g_autofree char *provenance = g_strdup_printf ("DHCP: %s", dhcp->source ? dhcp->source : "?");
  g_autofree char *url = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 started = g_get_monotonic_time ();

  url = clean_dhcp_url (dhcp, &local_error);
  if (url == NULL)
    {
      log_step (d->result, PP_WPAD_STEP_DHCP, FALSE, started, shown,
                "refused: %s", local_error->message);
      add_failure (d, "DHCP URL %s (%s) was refused: %s", shown, provenance + 6,
                   local_error->message);
      return FALSE;
    }
  log_step (d->result, PP_WPAD_STEP_DHCP, TRUE, started, shown, "accepted, from %s",
            provenance + 6);
  if (fetch_candidate (d, url, provenance, NULL, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    add_failure (d, "%s", local_error->message);

  return FALSE;
}

static struct curl_slist *
make_resolve (const char *host,
              guint16     port,
              const char *address)
{
  g_autofree char *entry = NULL;

  /* The fetch must reach the address the logged lookup found, not ask
   * again through a resolver that may use a search list. */
  if (strchr (address, ':') != NULL)
    entry = g_strdup_printf ("%s:%u:[%s]", host, port, address);
  else
    entry = g_strdup_printf ("%s:%u:%s", host, port, address);

  return curl_slist_append (NULL, entry);
}

static gboolean
fetch_from_dns (Discovery   *d,
                const char  *name,
                const char  *address,
                GError     **error)
{
  guint16 port = d->options->wpad_port ? d->options->wpad_port : 80;
  g_autofree char *host = g_strndup (name, strlen (name) - 1);
  g_autofree char *url = NULL;
  g_autofree char *provenance = g_strdup_printf ("DNS: %s", name);
  struct curl_slist *resolve = make_resolve (host, port, address);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (port == 80)
    url = g_strdup_printf ("http://%s/wpad.dat", host);
  else
    url = g_strdup_printf ("http://%s:%u/wpad.dat", host, port);
  ok = fetch_candidate (d, url, provenance, resolve, &local_error);
  curl_slist_free_all (resolve);
  if (!ok)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                "%s resolves, so it is this network's WPAD server, but ", host);

  return ok;
}

/* Returns TRUE when the name resolved: then discovery ends, with @error
 * set if its wpad.dat was unusable. */
static gboolean
try_dns_name (Discovery   *d,
              const char  *name,
              GPtrArray   *unresolved,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 started = g_get_monotonic_time ();
  g_auto(GStrv) addresses = lookup_name (name, d->deadline, d->options->cancellable,
                                         &local_error);
  g_autofree char *joined = NULL;

  if (addresses == NULL || addresses[0] == NULL)
    {
      log_step (d->result, PP_WPAD_STEP_DNS, FALSE, started, name, "did not resolve (%s)",
                local_error ? local_error->message : "no address");
      if (local_error && local_error->domain != G_RESOLVER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return TRUE;
        }
      g_ptr_array_add (unresolved, g_strndup (name, strlen (name) - 1));
      return FALSE;
    }

  joined = g_strjoinv (", ", addresses);
  log_step (d->result, PP_WPAD_STEP_DNS, TRUE, started, name, "%s", joined);
  fetch_from_dns (d, name, addresses[0], error);

  return TRUE;
}

static GStrv
discovery_domains (Discovery *d)
{
  if (d->options->search_domains != NULL)
    return g_strdupv ((char **) d->options->search_domains);

  return pp_wpad_read_search_domains (d->options->sysroot);
}

/* Collects every name to try, in order, without repeats: two search
 * domains often devolve to the same parent. */
static GPtrArray *
dns_candidates (Discovery  *d,
                GError    **error)
{
  g_auto(GStrv) domains = discovery_domains (d);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (domains[0] == NULL)
    add_failure (d, "no DNS search domain is configured, so no wpad name was tried");
  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_auto(GStrv) devolved = pp_wpad_devolve (domains[i], error);

      if (devolved == NULL)
        return NULL;
      if (devolved[0] == NULL)
        add_failure (d, "search domain '%s' is a public suffix, so it was not tried",
                     domains[i]);
      for (guint j = 0; devolved[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (names, devolved[j], g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (devolved[j]));
    }

  return g_steal_pointer (&names);
}

static gboolean
try_dns (Discovery  *d,
         GError    **error)
{
  g_autoptr(GPtrArray) names = dns_candidates (d, error);
  g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      if (try_dns_name (d, names->pdata[i], unresolved, &local_error))
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (d->result->script != NULL)
    return TRUE;

  if (unresolved->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (unresolved, NULL);
      joined = g_strjoinv (", ", (char **) unresolved->pdata);
      add_failure (d, "%s did not resolve", joined);
    }

  return FALSE;
}

static gboolean
discover (Discovery  *d,
          GError    **error)
{
  g_autofree char *summary = NULL;

  if (d->options->n_dhcp_urls == 0)
    add_failure (d, "DHCP gave no WPAD URL");
  for (guint i = 0; i < d->options->n_dhcp_urls; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (try_dhcp_url (d, &d->options->dhcp_urls[i], &local_error))
        return TRUE;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (try_dns (d, error))
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;

  g_ptr_array_add (d->failures, NULL);
  summary = g_strjoinv ("; ", (char **) d->failures->pdata);
  g_set_error (error, PP_WPAD_ERROR, PP_WPAD_ERROR_NOT_FOUND,
               "no WPAD server found: %s", summary);

  return FALSE;
}

/**
 * pp_wpad_discover:
 * @options: DHCP URLs, search domains, timeouts, cancellable
 * @result: (out): always set, even on failure: it holds the step log
 *
 * Tries each DHCP URL, then the wpad names of each search domain devolved
 * down to its registrable domain, and fetches the first PAC script found.
 * Blocks for at most the total timeout: call it from a worker thread.
 *
 * Returns: %TRUE if @result holds a PAC script.
 */
gboolean
pp_wpad_discover (const PpWpadOptions  *options,
                  PpWpadResult        **result,
                  GError              **error)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  Discovery d = { options, pp_wpad_deadline_from_options (options), pp_wpad_result_new (),
                  failures };
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A local error: discover() checks it to tell "not found" from a failure. */
  ok = discover (&d, &local_error);
  *result = d.result;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static const char *
step_kind_to_string (PpWpadStepKind kind)
{
  switch (kind)
    {
    case PP_WPAD_STEP_DHCP:
      return "DHCP";
    case PP_WPAD_STEP_DNS:
      return "DNS";
    case PP_WPAD_STEP_FETCH:
      return "fetch";
    default:
      g_assert_not_reached ();
    }
}

/**
 * pp_wpad_format_log:
 * @log: (element-type PpWpadStep): a result's step log
 *
 * Returns: one numbered line per step, for people.
 */
char *
pp_wpad_format_log (GPtrArray *log)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (log != NULL, NULL);

  if (log->len == 0)
    g_string_append (out, "nothing was tried\n");
  for (guint i = 0; i < log->len; i++)
    {
      const PpWpadStep *step = log->pdata[i];

      g_string_append_printf (out, "%2u. %-5s %s: %s (%" G_GINT64_FORMAT " ms)\n", i + 1,
                              step_kind_to_string (step->kind), step->tried, step->answer,
                              step->elapsed_ms);
    }

  return g_string_free (out, FALSE);
}
