/* pp-probe.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include "pp-classify.h"
#include "pp-config-resolver.h"
#include "pp-log.h"
#include "pp-name-servers.h"
#include "pp-pac.h"
#include "pp-probe.h"
#include "pp-probe-capture.h"
#include "pp-redact.h"
#include "pp-tls.h"
#include "pp-transparent.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

/* Bounds on what a server can make us keep. */
#define MAX_BODY_BYTES   (1024 * 1024)
/* Enough of an error page to see whose page it is. */
#define MAX_BODY_START   2048

typedef enum
{
  STAGE_PROBE,     /* the real request, verifying */
  STAGE_TLS_PEEK,  /* after a verification failure: who issued the chain? */
  STAGE_TUNNEL,    /* after an unmarked plain-http answer from a proxy: the same
                    * request through a CONNECT tunnel, to see the server's own */
} ProbeStage;

/* Below this much time left, a tunnel check would only time out. */
#define MIN_TUNNEL_CHECK_MS 200

struct _PpProbe
{
  PpProbeOptions options;
  PpProbeResult *result;
  GPtrArray *candidates;
  guint candidate;
  ProbeStage stage;
  PpClassification verdict;   /* of the probe stage, while the peek runs */

  CURL *easy;
  char errbuf[CURL_ERROR_SIZE];
  gsize body_bytes;
  gboolean body_truncated;
  GString *body_start;
  PpProbeCapture capture;     /* the latest response's markers, the trace */
  char *server_name;
  int socket_errno;             /* why our socket() failed, 0 if it did not */
  gint64 transfer_started_us;   /* monotonic */
  gint64 last_socket_us;        /* the latest socket() call: a look-up had finished */
  gboolean direct;              /* the latest transfer went without a proxy */
  char *lookup_host;            /* the name the latest transfer looked up */
  PpNameServers name_servers;   /* read after a failed look-up only */
  PpTransferFacts plain_facts;  /* the plain request's, while the tunnel check runs */
  guint tunnel_timeout_ms;
  PpTlsChain chain;
  GPtrArray *requested_urls;  /* of this transfer: the redirect path */
};

PpProbe *
pp_probe_new (PpEndpoint           *endpoint,
              PpMethod              method,
              const PpProbeOptions *options)
{
  PpProbe *self = g_new0 (PpProbe, 1);

  self->options = *options;
  g_object_ref (self->options.config);
  g_object_ref (self->options.trust);
  self->result = pp_probe_result_new (endpoint, method);
  self->body_start = g_string_new (NULL);
  pp_probe_capture_init (&self->capture, options->keep_trace);

  return self;
}

static void
reset_transfer (PpProbe *self)
{
  g_clear_pointer (&self->easy, curl_easy_cleanup);
  self->errbuf[0] = '\0';
  self->socket_errno = 0;
  self->transfer_started_us = g_get_monotonic_time ();
  self->last_socket_us = 0;
  self->capture.last_header_us = 0;
  self->body_bytes = 0;
  self->body_truncated = FALSE;
  if (self->body_start && self->stage != STAGE_TUNNEL)
    g_string_truncate (self->body_start, 0);
  g_clear_pointer (&self->requested_urls, g_ptr_array_unref);
}

void
pp_probe_free (PpProbe *self)
{
  reset_transfer (self);
  pp_probe_capture_clear (&self->capture);
  g_clear_pointer (&self->server_name, g_free);
  g_clear_pointer (&self->lookup_host, g_free);
  pp_name_servers_clear (&self->name_servers);
  g_string_free (self->body_start, TRUE);
  pp_tls_chain_clear (&self->chain);
  g_clear_pointer (&self->verdict.detail, g_free);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->result, pp_probe_result_unref);
  g_object_unref (self->options.config);
  g_object_unref (self->options.trust);
  g_free (self);
}

CURL *
pp_probe_get_easy (PpProbe *self)
{
  return self->easy;
}

PpProbeResult *
pp_probe_get_result (PpProbe *self)
{
  return self->result;
}

static PpProxySpec *
current_candidate (PpProbe *self)
{
  return g_ptr_array_index (self->candidates, self->candidate);
}

/* libcurl callbacks. They run on the worker thread inside
 * curl_multi_perform(); they must be quick and must not block. */

static size_t
body_cb (char   *data,
         size_t  size,
         size_t  nmemb,
         void   *user_data)
{
  PpProbe *self = user_data;

  /* The status is all we need; a server that streams forever must not
   * keep the probe alive until the total timeout. */
  if (self->stage == STAGE_PROBE && self->body_start->len < MAX_BODY_START)
    g_string_append_len (self->body_start, data,
                         MIN (size * nmemb, MAX_BODY_START - self->body_start->len));
  self->body_bytes += size * nmemb;
  if (self->body_bytes > MAX_BODY_BYTES)
    {
      self->body_truncated = TRUE;
      return 0;
    }

  return size * nmemb;
}

/* libcurl 7.88 does not record why socket() failed: EMFILE would read as
 * "Couldn't connect to server", a refusal by the server. */
static curl_socket_t
open_socket_cb (void                 *user_data,
                curlsocktype          purpose,
                struct curl_sockaddr *address)
{
  PpProbe *self = user_data;
  curl_socket_t fd = socket (address->family, address->socktype | SOCK_CLOEXEC,
                             address->protocol);

  /* libcurl opens a socket only once it has an address to connect to. */
  self->last_socket_us = g_get_monotonic_time ();

  if (fd == CURL_SOCKET_BAD)
    self->socket_errno = errno;

  return fd;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  PpProbe *self = user_data;

  return g_atomic_int_get (self->options.cancelled) ? 1 : 0;
}

static gboolean
effective_url_is_https (CURL *easy)
{
  const char *url = NULL;

  curl_easy_getinfo (easy, CURLINFO_EFFECTIVE_URL, &url);

  return url != NULL && g_ascii_strncasecmp (url, "https:", 6) == 0;
}

static int
prereq_cb (void *user_data,
           char *primary_ip,
           char *local_ip,
           int   primary_port,
           int   local_port)
{
  PpProbe *self = user_data;
  const char *url = NULL;

  if (self->stage == STAGE_TUNNEL)
    return CURL_PREREQFUNC_OK;

  /* Called before every request, so once per redirect followed. */
  curl_easy_getinfo (self->easy, CURLINFO_EFFECTIVE_URL, &url);
  if (self->requested_urls == NULL)
    self->requested_urls = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->requested_urls, pp_redact (url));

  if (effective_url_is_https (self->easy))
    pp_tls_chain_capture (&self->chain, self->easy);

  /* The peek only wants the chain; the request itself is not sent. */
  return self->stage == STAGE_TLS_PEEK ? CURL_PREREQFUNC_ABORT : CURL_PREREQFUNC_OK;
}

/* An HTTPS proxy is verified against the same anchors as the origins.
 * The CA file is only written for a run that can meet one: the proxy's
 * URL says so, or the environment's, which libcurl reads itself. */
static gboolean
may_use_https_proxy (PpProxySpec *spec)
{
  if (spec->kind == PP_PROXY_KIND_CURL_ENV)
    return spec->env_via_proxy;

  return spec->kind == PP_PROXY_KIND_PROXY && spec->url != NULL &&
         g_ascii_strncasecmp (spec->url, "https:", 6) == 0;
}

static void
set_proxy_options (PpProbe     *self,
                   CURL        *easy,
                   PpProxySpec *spec)
{
  switch (spec->kind)
    {
    case PP_PROXY_KIND_DIRECT:
      /* An empty proxy disables every proxy, the environment's included. */
      curl_easy_setopt (easy, CURLOPT_PROXY, "");
      break;
    case PP_PROXY_KIND_PROXY:
      /* no_proxy from the environment would otherwise override it. */
      curl_easy_setopt (easy, CURLOPT_PROXY, spec->url);
      curl_easy_setopt (easy, CURLOPT_NOPROXY, "");
      break;
    case PP_PROXY_KIND_CURL_ENV:
    default:
      break;
    }

  if (may_use_https_proxy (spec))
    curl_easy_setopt (easy, CURLOPT_PROXY_CAINFO, pp_trust_get_ca_file (self->options.trust));
}

static void
set_callbacks (PpProbe *self,
               CURL    *easy)
{
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, body_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, self);
  curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (easy, CURLOPT_XFERINFODATA, self);
  curl_easy_setopt (easy, CURLOPT_OPENSOCKETFUNCTION, open_socket_cb);
  curl_easy_setopt (easy, CURLOPT_OPENSOCKETDATA, self);
  curl_easy_setopt (easy, CURLOPT_PREREQFUNCTION, prereq_cb);
  curl_easy_setopt (easy, CURLOPT_PREREQDATA, self);
  pp_probe_capture_attach (&self->capture, easy);
}

static const char * const stage_words[] = {
  [STAGE_PROBE] = "",
  [STAGE_TLS_PEEK] = " (a second look at the certificate chain, not verifying)",
  [STAGE_TUNNEL] = " (the tunnel check)",
};

static void
trace_start (PpProbe *self)
{
  pp_debug ("%s, %s: candidate %u of %u: %s%s", self->result->endpoint->url,
            pp_method_get_label (self->result->method), self->candidate + 1,
            self->candidates->len, current_candidate (self)->display,
            stage_words[self->stage]);
}

static CURL *
start_transfer (PpProbe *self)
{
  PpEndpoint *endpoint = self->result->endpoint;
  CURL *easy;

  reset_transfer (self);
  /* The tunnel check wants the status only; the markers stay the plain
   * request's. */
  self->capture.frozen = self->stage == STAGE_TUNNEL;
  if (!self->capture.frozen)
    pp_probe_markers_clear (&self->capture.markers);
  self->easy = easy = curl_easy_init ();

  curl_easy_setopt (easy, CURLOPT_URL, endpoint->url);
  curl_easy_setopt (easy, CURLOPT_PRIVATE, self);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, self->errbuf);
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, self->stage != STAGE_TLS_PEEK ? 1L : 0L);
  curl_easy_setopt (easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  /* A transfer that ends during its name look-up (a timeout, a stop) would
   * otherwise wait for the C library's look-up to return, up to its
   * timeout times its attempts (10 s by default), and with it every probe
   * of the worker: libcurl 7.88 joins the resolver thread. This lets the
   * thread finish on its own and free what it holds. */
  curl_easy_setopt (easy, CURLOPT_QUICK_EXIT, 1L);
  /* A fresh connection per probe keeps timings comparable and makes
   * every probe see the chain for itself. */
  curl_easy_setopt (easy, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt (easy, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS, (long) self->options.connect_timeout_ms);
  curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS, (long) (self->stage == STAGE_TUNNEL
                                                      ? self->tunnel_timeout_ms
                                                      : self->options.timeout_ms));
  if (self->stage == STAGE_TUNNEL)
    curl_easy_setopt (easy, CURLOPT_HTTPPROXYTUNNEL, 1L);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, "ProxyProbe/" PACKAGE_VERSION);
  pp_tls_use_trust (easy, self->options.trust);
  /* Only the status and headers matter (the body is counted, then
   * dropped) and the request is a bodiless GET or HEAD: a 4 KiB receive
   * buffer instead of 16 KiB, and the 16 KiB minimum instead of 64 KiB
   * for the buffer libcurl 7.88 copies every https request into (for
   * SSL_write retries). With 128 https probes in flight that is ~7 MiB. */
  curl_easy_setopt (easy, CURLOPT_BUFFERSIZE, 4096L);
  curl_easy_setopt (easy, CURLOPT_UPLOAD_BUFFERSIZE, 16384L);
  if (g_str_equal (endpoint->http_method, "HEAD"))
    curl_easy_setopt (easy, CURLOPT_NOBODY, 1L);
  if (self->stage == STAGE_TLS_PEEK)
    {
      curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
  set_callbacks (self, easy);
  set_proxy_options (self, easy, current_candidate (self));
  trace_start (self);

  return easy;
}

static void
finish_with (PpProbe    *self,
             PpOutcome   outcome,
             char       *detail)
{
  self->result->outcome = outcome;
  g_free (self->result->detail);
  /* Every outcome's words pass here: a resolver's or a PAC script's
   * message may quote a URL or proxy value with its password. */
  self->result->detail = detail;
  pp_redact_in_place (&self->result->detail);
  reset_transfer (self);
}

CURL *
pp_probe_begin (PpProbe      *self,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpCandidates) found = NULL;

  if (g_atomic_int_get (self->options.cancelled))
    {
      finish_with (self, PP_OUTCOME_CANCELLED, g_strdup ("the run was stopped"));
      return NULL;
    }

  found = pp_config_resolve (self->options.config, self->result->method,
                             self->result->endpoint->url, cancellable, &error);
  self->result->pac_lookups = g_steal_pointer (&found->pac_lookups);
  if (found->candidates == NULL)
    {
      pp_debug ("%s, %s: nothing to try: %s", self->result->endpoint->url,
                pp_method_get_label (self->result->method),
                error ? error->message : found->detail);
      if (error)
        finish_with (self, error->domain == PP_PAC_ERROR ? PP_OUTCOME_PAC_FAILED
                                                         : PP_OUTCOME_ERROR,
                     g_strdup (error->message));
      else
        finish_with (self, PP_OUTCOME_NOT_CONFIGURED, g_steal_pointer (&found->detail));
      return NULL;
    }
  self->candidates = g_steal_pointer (&found->candidates);
  self->result->method_note = g_steal_pointer (&found->detail);
  pp_redact_in_place (&self->result->method_note);

  return start_transfer (self);
}

void
pp_probe_cancel (PpProbe *self)
{
  pp_probe_result_add_attempt (self->result, current_candidate (self)->display,
                               PP_OUTCOME_CANCELLED, CURLE_ABORTED_BY_CALLBACK);
  finish_with (self, PP_OUTCOME_CANCELLED, g_strdup ("the run was stopped"));
}

static gint64
info_time (CURL     *easy,
           CURLINFO  info)
{
  curl_off_t value = 0;

  curl_easy_getinfo (easy, info, &value);

  return value;
}

/* libcurl reports times since the start; people read phases. */
static void
record_timings (PpProbe *self)
{
  PpTimings *t = &self->result->timings;
  gint64 dns = info_time (self->easy, CURLINFO_NAMELOOKUP_TIME_T);
  gint64 connect = info_time (self->easy, CURLINFO_CONNECT_TIME_T);
  gint64 tls = info_time (self->easy, CURLINFO_APPCONNECT_TIME_T);
  gint64 pre = info_time (self->easy, CURLINFO_PRETRANSFER_TIME_T);
  gint64 first = info_time (self->easy, CURLINFO_STARTTRANSFER_TIME_T);

  t->dns = dns;
  t->connect = connect > dns ? connect - dns : 0;
  t->tls = tls > connect ? tls - connect : 0;
  t->first_byte = first > pre ? first - pre : 0;
  t->total = info_time (self->easy, CURLINFO_TOTAL_TIME_T);
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri ? g_strdup (g_uri_get_host (uri)) : NULL;
}

/* "host:port" of @url, for "the server host:port". */
static char *
url_host_port (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host;
  int port;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return NULL;
  port = g_uri_get_port (uri);
  if (port <= 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  return g_strdup_printf (strchr (host, ':') ? "[%s]:%d" : "%s:%d", host, port);
}

/* An HTTP(S) proxy can answer in the server's place; a SOCKS proxy
 * only relays bytes. */
static gboolean
is_http_proxy (PpProxySpec *spec)
{
  if (spec->kind == PP_PROXY_KIND_CURL_ENV)
    return spec->env_via_proxy;

  return spec->kind == PP_PROXY_KIND_PROXY &&
         (spec->url == NULL || g_ascii_strncasecmp (spec->url, "socks", 5) != 0);
}

static void
record_markers (PpProbe         *self,
                const char      *url,
                PpTransferFacts *facts)
{
  PpProbeMarkers *markers = &self->capture.markers;

  facts->squid_error = markers->squid_error;
  facts->proxy_status = markers->proxy_status;
  facts->via = markers->via;
  facts->server = markers->server;
  facts->proxy_agent = markers->proxy_agent;
  facts->proxy_auth = markers->proxy_auth;
  /* A text prefix: NUL bytes in a body end it early, which is harmless. */
  facts->body_start = self->body_start->str;
  /* A Location can carry credentials like any URL. */
  if (markers->location)
    {
      char *redacted = pp_redact (markers->location);

      g_free (markers->location);
      markers->location = redacted;
    }
  facts->location = markers->location;
  facts->x_cache = markers->x_cache;
  /* After a refused redirect the effective URL is the refused one: the
   * server is the one of the last request made. */
  if (self->requested_urls != NULL && self->requested_urls->len > 0)
    url = g_ptr_array_index (self->requested_urls, self->requested_urls->len - 1);
  g_free (self->server_name);
  self->server_name = url_host_port (url);
  facts->server_name = self->server_name;
}

/* How far the latest name look-up got. libcurl resolves the proxy's name
 * through a proxy, the server's otherwise, and opens a socket only once
 * it has an address: no socket since the transfer started (or since the
 * previous answer, before a redirect) means the look-up never finished. */
static void
record_lookup (PpProbe         *self,
               CURLcode         code,
               const char      *url,
               PpTransferFacts *facts)
{
  PpProxySpec *spec = current_candidate (self);
  gint64 started = MAX (self->transfer_started_us, self->capture.last_header_us);

  facts->lookup_pending = self->last_socket_us < started;
  /* After its own timeout the look-up lasted until the deadline that
   * struck, which libcurl's clocks may overshoot. */
  if (code == CURLE_OPERATION_TIMEDOUT)
    facts->lookup_us = MAX (0, (gint64) MIN (self->options.connect_timeout_ms,
                                             self->options.timeout_ms) * 1000
                               - (started - self->transfer_started_us));
  else
    facts->lookup_us = self->transfer_started_us +
                       info_time (self->easy, CURLINFO_TOTAL_TIME_T) - started;
  g_free (self->lookup_host);
  self->lookup_host = facts->via_proxy ? g_strdup (spec->host ? spec->host : spec->display)
                                       : url_host (url);
  facts->lookup_name = self->lookup_host;
  if (!facts->lookup_pending || facts->connected || (code != CURLE_COULDNT_RESOLVE_PROXY &&
                                 code != CURLE_COULDNT_RESOLVE_HOST &&
                                 code != CURLE_OPERATION_TIMEDOUT))
    return;

  pp_name_servers_clear (&self->name_servers);
  pp_name_servers_read ("/etc/resolv.conf", &self->name_servers);
  facts->name_servers = self->name_servers.servers;
  facts->resolver_timeout_s = self->name_servers.timeout_s;
  pp_debug ("%s: the look-up of %s did not finish: curl error %d after %" G_GINT64_FORMAT
            " µs (libcurl's name look-up time %" G_GINT64_FORMAT " µs)", url,
            facts->lookup_name ? facts->lookup_name : "?", code, facts->lookup_us,
            info_time (self->easy, CURLINFO_NAMELOOKUP_TIME_T));
}

static void
record_transfer_facts (PpProbe         *self,
                       CURLcode         code,
                       PpTransferFacts *facts)
{
  PpProxySpec *spec = current_candidate (self);
  long response = 0, connect_code = 0, proxy_error = 0, port = 0, redirects = 0, os_errno = 0;
  const char *ip = NULL, *url = NULL;

  curl_easy_getinfo (self->easy, CURLINFO_RESPONSE_CODE, &response);
  curl_easy_getinfo (self->easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  curl_easy_getinfo (self->easy, CURLINFO_PROXY_ERROR, &proxy_error);
  curl_easy_getinfo (self->easy, CURLINFO_PRIMARY_IP, &ip);
  curl_easy_getinfo (self->easy, CURLINFO_PRIMARY_PORT, &port);
  curl_easy_getinfo (self->easy, CURLINFO_REDIRECT_COUNT, &redirects);
  curl_easy_getinfo (self->easy, CURLINFO_EFFECTIVE_URL, &url);
  curl_easy_getinfo (self->easy, CURLINFO_OS_ERRNO, &os_errno);

  /* The body cap is ours, not a failure of the server. */
  facts->curl_code = (code == CURLE_WRITE_ERROR && self->body_truncated) ? CURLE_OK : code;
  facts->response_code = (guint) response;
  facts->connect_code = (guint) connect_code;
  facts->proxy_error = (int) proxy_error;
  facts->os_errno = self->socket_errno ? self->socket_errno : (int) os_errno;
  facts->via_proxy = spec->kind == PP_PROXY_KIND_PROXY || spec->env_via_proxy;
  facts->http_proxy = facts->via_proxy && is_http_proxy (spec);
  facts->tunnel = facts->http_proxy && url != NULL && g_ascii_strncasecmp (url, "https:", 6) == 0;
  facts->connected = info_time (self->easy, CURLINFO_CONNECT_TIME_T) > 0;
  record_markers (self, url, facts);
  record_lookup (self, code, url, facts);
  facts->proxy_name = spec->display;
  facts->curl_message = self->errbuf[0] ? self->errbuf : curl_easy_strerror (code);

  g_free (self->result->remote_address);
  self->result->remote_address = ip && *ip ? g_strdup_printf (strchr (ip, ':') ? "[%s]:%ld" : "%s:%ld", ip, port) : NULL;
  self->result->redirect_count = (guint) redirects;
  g_clear_pointer (&self->result->requested_urls, g_ptr_array_unref);
  self->result->requested_urls = g_steal_pointer (&self->requested_urls);
  g_free (self->result->final_url);
  self->result->final_url = pp_redact (url);
  self->result->curl_code = facts->curl_code;
  g_free (self->result->curl_message);
  /* libcurl's messages can quote a proxy URL, credentials included. */
  self->result->curl_message = facts->curl_code ? pp_redact (facts->curl_message) : NULL;
  facts->curl_message = self->result->curl_message;
  record_timings (self);
}

static void
apply_verdict (PpProbe          *self,
               PpClassification *verdict)
{
  PpProbeResult *result = self->result;
  PpProxySpec *spec = current_candidate (self);

  result->http_status = verdict->http_status;
  result->connect_status = verdict->connect_status;
  result->proxy_status = verdict->proxy_status;
  result->ambiguous_status = verdict->ambiguous_status;
  result->answered_by = verdict->answered_by;
  g_free (result->proxy);
  result->proxy = spec->kind == PP_PROXY_KIND_DIRECT ? NULL : g_strdup (spec->display);
  finish_with (self, verdict->outcome, g_steal_pointer (&verdict->detail));
}

/* A pinned endpoint whose chain ends anywhere else is unreachable for the
 * agent even when this machine's trust store accepts the chain. */
static void
judge_tls (PpProbe *self)
{
  PpProbeResult *result = self->result;
  const char *pin_set = pp_endpoint_get_pin_set (result->endpoint);

  pp_tls_summarize (&self->chain, self->options.trust, &result->tls);
  if (!result->tls.present || pin_set == NULL)
    return;

  result->tls.inspected = !pp_tls_pin_matches (&self->chain, self->options.trust, pin_set);
  pp_debug ("%s: the chain issued by %s ends at %s, %s the pin set %s", result->endpoint->url,
            result->tls.issuer, result->tls.root,
            result->tls.inspected ? "outside" : "inside", pin_set);
  if (result->tls.inspected && result->outcome != PP_OUTCOME_CANCELLED)
    finish_with (self, PP_OUTCOME_TLS_INSPECTED,
                 g_strdup_printf ("the certificate chain ends at %s, not at a root of the "
                                  "pin set %s: TLS inspection by %s; the agent rejects "
                                  "this connection", result->tls.root, pin_set,
                                  result->tls.issuer));
}

static void
keep_trace (PpProbe *self)
{
  g_free (self->result->trace);
  self->result->trace = pp_probe_capture_dup_trace (&self->capture);
}

static void
finish_tls_peek (PpProbe *self)
{
  PpProbeResult *result = self->result;

  keep_trace (self);
  apply_verdict (self, &self->verdict);
  judge_tls (self);
  if (self->direct)
    pp_transparent_note_tls (self->result);
  if (!result->tls.present || result->outcome == PP_OUTCOME_TLS_INSPECTED)
    return;

  pp_debug ("%s: verification failed; the chain issued by %s ends at %s: %s",
            result->endpoint->url, result->tls.issuer, result->tls.root,
            result->tls.inspected ? "not a public root, so TLS inspection"
                                  : "a public root, so a plain TLS failure");
  if (result->tls.inspected)
    finish_with (self, PP_OUTCOME_TLS_INSPECTED,
                 g_strdup_printf ("the certificate is not trusted: it was issued by %s, "
                                  "whose root %s is not a public root: TLS inspection",
                                  result->tls.issuer, result->tls.root));
  else
    finish_with (self, PP_OUTCOME_TLS_FAILED,
                 g_strdup_printf ("the certificate issued by %s is not valid here: %s",
                                  result->tls.issuer, result->curl_message));
}

static gboolean
has_next_candidate (PpProbe *self)
{
  return self->candidate + 1 < self->candidates->len;
}

/* The plain answer had no mark of its sender: ask the same proxy for a
 * tunnel to the same host and port, in the time the probe has left. */
static CURL *
start_tunnel_check (PpProbe          *self,
                    PpTransferFacts  *facts,
                    PpClassification *verdict)
{
  gint64 left_ms = self->options.timeout_ms - self->result->timings.total / 1000;

  if (left_ms < MIN_TUNNEL_CHECK_MS)
    return NULL;

  g_free (verdict->detail);
  self->plain_facts = *facts;
  self->tunnel_timeout_ms = (guint) left_ms;
  self->stage = STAGE_TUNNEL;
  pp_probe_capture_note (&self->capture,
                         "tunnel check: the same request through a CONNECT tunnel");

  return start_transfer (self);
}

static void
finish_tunnel_check (PpProbe  *self,
                     CURLcode  code)
{
  PpTransferFacts *facts = &self->plain_facts;
  PpClassification verdict;
  long connect_code = 0, response = 0;
  PpAttempt *attempt = &g_array_index (self->result->attempts, PpAttempt,
                                       self->result->attempts->len - 1);

  curl_easy_getinfo (self->easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  curl_easy_getinfo (self->easy, CURLINFO_RESPONSE_CODE, &response);
  facts->tunnel_checked = TRUE;
  facts->tunnel_connect_code = (guint) connect_code;
  facts->tunnel_status = code == CURLE_OK && (connect_code / 100 == 2 || connect_code == 0)
                        ? (guint) response : 0;
  pp_debug ("tunnel check of %s: CONNECT %ld, status %u", facts->server_name,
           connect_code, facts->tunnel_status);

  pp_classify (facts, self->result->endpoint, &verdict);
  attempt->outcome = verdict.outcome;
  keep_trace (self);
  apply_verdict (self, &verdict);
}

CURL *
pp_probe_transfer_done (PpProbe  *self,
                        CURLcode  code)
{
  PpTransferFacts facts = { 0 };
  PpClassification verdict;
  CURL *next;

  if (self->stage == STAGE_TLS_PEEK)
    {
      finish_tls_peek (self);
      return NULL;
    }
  if (self->stage == STAGE_TUNNEL)
    {
      finish_tunnel_check (self, code);
      return NULL;
    }

  record_transfer_facts (self, code, &facts);
  pp_classify (&facts, self->result->endpoint, &verdict);
  pp_probe_result_add_attempt (self->result, current_candidate (self)->display,
                               verdict.outcome, facts.curl_code);
  self->direct = !facts.via_proxy;
  pp_transparent_note_answer (self->result, self->direct ? &facts : NULL);

  /* Like a browser, fall back to the next proxy only when this one could
   * not be reached at all (its name included), never on an answer it gave. */
  if ((verdict.outcome == PP_OUTCOME_PROXY_UNREACHABLE ||
       (verdict.outcome == PP_OUTCOME_DNS_TIMEOUT && facts.via_proxy && facts.lookup_pending)) &&
      has_next_candidate (self))
    {
      pp_debug ("%s, %s: %s could not be reached, so the next candidate: %s",
                self->result->endpoint->url, pp_method_get_label (self->result->method),
                current_candidate (self)->display, verdict.detail);
      g_free (verdict.detail);
      self->candidate++;
      return start_transfer (self);
    }

  if (pp_classify_needs_tunnel_check (&facts, &verdict) &&
      (next = start_tunnel_check (self, &facts, &verdict)) != NULL)
    return next;

  if (code == CURLE_PEER_FAILED_VERIFICATION)
    {
      self->verdict = verdict;
      self->stage = STAGE_TLS_PEEK;
      return start_transfer (self);
    }

  keep_trace (self);
  apply_verdict (self, &verdict);
  judge_tls (self);
  if (self->direct)
    pp_transparent_note_tls (self->result);

  return NULL;
}
