/* pp-grid-cell.c: one endpoint × method cell of the live grid
 *
 * The cell is a model object: its "state" changes as the run goes on, and
 * the cell widget bound to it follows through notify, so the list model
 * itself never changes while probes stream in. It holds no result: its
 * result is the session's (PpRunResults is the one place a run's results
 * are), looked up by the cell's plan index when asked; the cell only
 * remembers which state it shows, since the results view shows a result
 * a frame or two after the session has it.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <glib/gi18n.h>

#include "pp-format.h"
#include "pp-grid-cell.h"
#include "pp-guidance.h"
#include "pp-method.h"
#include "pp-session.h"

struct _PpGridCell
{
  GObject parent_instance;

  PpSession *session;   /* whose results hold this cell's */
  PpEndpoint *endpoint;
  PpMethod method;
  guint index;          /* in the plan, and in the session's results */
  PpCellState state;    /* what the cell shows */
};

G_DEFINE_FINAL_TYPE (PpGridCell, pp_grid_cell, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pp_grid_cell_finalize (GObject *object)
{
  PpGridCell *self = PP_GRID_CELL (object);

  g_clear_pointer (&self->endpoint, pp_endpoint_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pp_grid_cell_parent_class)->finalize (object);
}

static void
pp_grid_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PpGridCell *self = PP_GRID_CELL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_RESULT:
      g_value_set_boxed (value, pp_grid_cell_get_result (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_grid_cell_class_init (PpGridCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_grid_cell_finalize;
  object_class->get_property = pp_grid_cell_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, PP_CELL_IDLE, PP_CELL_STOPPED, PP_CELL_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, PP_TYPE_PROBE_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_grid_cell_init (PpGridCell *self)
{
}

PpGridCell *
pp_grid_cell_new (PpSession  *session,
                  PpEndpoint *endpoint,
                  PpMethod    method,
                  guint       index)
{
  PpGridCell *self;

  g_return_val_if_fail (PP_IS_SESSION (session), NULL);

  self = g_object_new (PP_TYPE_GRID_CELL, NULL);
  self->session = g_object_ref (session);
  self->endpoint = pp_endpoint_ref (endpoint);
  self->method = method;
  self->index = index;

  return self;
}

guint
pp_grid_cell_get_index (PpGridCell *self)
{
  g_return_val_if_fail (PP_IS_GRID_CELL (self), 0);

  return self->index;
}

PpEndpoint *
pp_grid_cell_get_endpoint (PpGridCell *self)
{
  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  return self->endpoint;
}

PpMethod
pp_grid_cell_get_method (PpGridCell *self)
{
  g_return_val_if_fail (PP_IS_GRID_CELL (self), PP_METHOD_DEFAULT);

  return self->method;
}

PpCellState
pp_grid_cell_get_state (PpGridCell *self)
{
  g_return_val_if_fail (PP_IS_GRID_CELL (self), PP_CELL_IDLE);

  return self->state;
}

/* The session's result for this cell, once the cell shows it: NULL while
 * idle or pending (a new run's results are not this cell's yet). */
PpProbeResult *
pp_grid_cell_get_result (PpGridCell *self)
{
  PpRunResults *results;

  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  results = pp_session_get_results (self->session);
  if (self->state == PP_CELL_IDLE || self->state == PP_CELL_PENDING || results == NULL ||
      self->index >= pp_run_results_get_n_items (results))
    return NULL;

  return pp_run_results_get_item (results, self->index);
}

static PpCellState
state_for_result (const PpProbeResult *result)
{
  if (result->outcome == PP_OUTCOME_NOT_CONFIGURED)
    return PP_CELL_ABSENT;
  if (result->outcome == PP_OUTCOME_CANCELLED)
    return PP_CELL_STOPPED;

  return pp_probe_result_is_reachable (result) ? PP_CELL_OK : PP_CELL_FAILED;
}

void
pp_grid_cell_set_pending (PpGridCell *self)
{
  g_return_if_fail (PP_IS_GRID_CELL (self));

  if (self->state == PP_CELL_PENDING)
    return;
  self->state = PP_CELL_PENDING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Whether the session has this cell's result and the cell still shows
 * it pending: the results view draws it at one of its next frames. */
gboolean
pp_grid_cell_is_behind (PpGridCell *self)
{
  PpRunResults *results;

  g_return_val_if_fail (PP_IS_GRID_CELL (self), FALSE);

  if (self->state != PP_CELL_PENDING)
    return FALSE;
  results = pp_session_get_results (self->session);

  return results != NULL && self->index < pp_run_results_get_n_items (results) &&
         pp_run_results_get_item (results, self->index) != NULL;
}

/* The session has this cell's result: the cell shows it from now on. */
void
pp_grid_cell_update (PpGridCell *self)
{
  PpRunResults *results;
  PpProbeResult *result;

  g_return_if_fail (PP_IS_GRID_CELL (self));

  results = pp_session_get_results (self->session);
  result = results && self->index < pp_run_results_get_n_items (results)
           ? pp_run_results_get_item (results, self->index) : NULL;
  if (result == NULL)
    return;
  self->state = state_for_result (result);
  /* The state last: listeners of "state" read the result. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The status a proxy gave, when it refused: the CONNECT answer or its
 * own answer to a plain-http request; 0 when none. */
static guint
proxy_answer (const PpProbeResult *r)
{
  if (r->connect_status >= 400)
    return r->connect_status;
  if (r->proxy_status >= 400)
    return r->proxy_status;

  return 0;
}

/* A failure's icon: each kind its own shape, so that a screenshot tells
 * a proxy that asks for a password from one that blocks, without colour
 * and without reading. */
static const char *
failure_icon_name (const PpProbeResult *r)
{
  switch ((int) r->outcome)
    {
    case PP_OUTCOME_PROXY_AUTH_REQUIRED:
      return "dialog-password-symbolic";
    case PP_OUTCOME_PROXY_REFUSED:
      return "process-stop-symbolic";
    case PP_OUTCOME_TLS_INSPECTED:
      return "security-low-symbolic";
    case PP_OUTCOME_DNS_FAILED:
      return "dialog-question-symbolic";
    case PP_OUTCOME_TIMEOUT:
    case PP_OUTCOME_CONNECT_TIMEOUT:
      return "alarm-symbolic";
    case PP_OUTCOME_CONNECT_REFUSED:
    case PP_OUTCOME_PROXY_UNREACHABLE:
      return "network-offline-symbolic";
    default:
      return proxy_answer (r) == 407 ? "dialog-password-symbolic"
             : proxy_answer (r) != 0 ? "process-stop-symbolic" : "dialog-error-symbolic";
    }
}

const char *
pp_grid_cell_get_icon_name (PpGridCell *self)
{
  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  switch (self->state)
    {
    case PP_CELL_OK:
      return "emblem-ok-symbolic";
    case PP_CELL_FAILED:
      return failure_icon_name (pp_grid_cell_get_result (self));
    case PP_CELL_ABSENT:
      return "action-unavailable-symbolic";
    case PP_CELL_STOPPED:
      return "media-playback-stop-symbolic";
    case PP_CELL_IDLE:
    case PP_CELL_PENDING:
    default:
      return NULL;
    }
}

/* A failure in a few words a technician can act on at a glance, in a
 * screenshot: "asks for a password", "blocked 403", "TLS inspected". The
 * details pane says the rest. */
static char *
format_failure (const PpProbeResult *r)
{
  guint answer = proxy_answer (r);

  switch ((int) r->outcome)
    {
    case PP_OUTCOME_UNEXPECTED_STATUS:
      /* Translators: a grid cell: the server answered with an unexpected status. */
      return g_strdup_printf (_("status %u"), r->http_status);
    case PP_OUTCOME_PROXY_AUTH_REQUIRED:
      return g_strdup (_("asks for a password"));
    case PP_OUTCOME_TLS_INSPECTED:
      return g_strdup (_("TLS inspected"));
    case PP_OUTCOME_DNS_FAILED:
      return g_strdup (_("no DNS answer"));
    case PP_OUTCOME_TIMEOUT:
    case PP_OUTCOME_CONNECT_TIMEOUT:
      return g_strdup (_("timed out"));
    case PP_OUTCOME_CONNECT_REFUSED:
      return g_strdup (_("refused"));
    case PP_OUTCOME_PROXY_UNREACHABLE:
      return g_strdup (_("proxy unreachable"));
    default:
      break;
    }
  if (answer == 407)
    return g_strdup (_("asks for a password"));
  if (answer != 0)
    /* Translators: a grid cell: the proxy refused with this status, e.g. "blocked 403". */
    return g_strdup_printf (_("blocked %u"), answer);
  /* Proxy or server: the question mark is the doubt, the pane says why. */
  if (r->ambiguous_status > 0)
    return g_strdup_printf ("%u?", r->ambiguous_status);

  return g_strdup (_(pp_outcome_get_reason (r->outcome)));
}

/* What the cell says: the status code of an answer, else the reason in
 * words ("asks for a password", "blocked 403"); "Doesn’t exist" for a
 * method that is not configured. */
char *
pp_grid_cell_format_status (PpGridCell *self)
{
  const PpProbeResult *r;

  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  r = pp_grid_cell_get_result (self);
  switch (self->state)
    {
    case PP_CELL_IDLE:
      return g_strdup ("");
    case PP_CELL_PENDING:
      return g_strdup (_("Checking…"));
    case PP_CELL_ABSENT:
      return g_strdup (_("Doesn’t exist"));
    case PP_CELL_STOPPED:
      return g_strdup (_("stopped"));
    case PP_CELL_OK:
      return g_strdup_printf ("%u", r->http_status);
    case PP_CELL_FAILED:
    default:
      return format_failure (r);
    }
}

char *
pp_grid_cell_format_latency (PpGridCell *self)
{
  /* Only an answer's time means something at a glance; a failure's is in
   * the details pane. */
  const PpProbeResult *r;

  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  r = pp_grid_cell_get_result (self);
  if (r == NULL || self->state != PP_CELL_OK || r->timings.total <= 0)
    return g_strdup ("");

  return pp_format_duration (r->timings.total);
}

static char *
format_state_words (PpGridCell *self)
{
  g_autofree char *status = NULL;

  switch (self->state)
    {
    case PP_CELL_IDLE:
      return g_strdup (_("not checked yet"));
    case PP_CELL_PENDING:
      return g_strdup (_("checking"));
    case PP_CELL_ABSENT:
      return g_strdup (_("doesn’t exist"));
    case PP_CELL_STOPPED:
      return g_strdup (_("stopped"));
    case PP_CELL_OK:
      /* Translators: an accessible description, e.g. "reachable, status 200, 35 ms". */
      return g_strdup_printf (_("reachable, status %u, %s"), pp_grid_cell_get_result (self)->http_status,
                              status = pp_grid_cell_format_latency (self));
    case PP_CELL_FAILED:
    default:
      /* Translators: an accessible description, e.g. "failed, proxy authentication required". */
      return g_strdup_printf (_("failed, %s"), _(pp_outcome_get_reason (pp_grid_cell_get_result (self)->outcome)));
    }
}

/* What a screen reader says for the cell: method, host, then the state in
 * words, so that nothing depends on the icon or its colour. */
char *
pp_grid_cell_format_accessible (PpGridCell *self)
{
  g_autofree char *host = NULL;
  g_autofree char *words = NULL;

  g_return_val_if_fail (PP_IS_GRID_CELL (self), NULL);

  host = pp_format_host (self->endpoint->url);
  words = format_state_words (self);

  /* Translators: method, host: state; e.g.
   * "Default proxy, winatp-gw-cus.microsoft.com: failed, proxy authentication required". */
  return g_strdup_printf (_("%s, %s: %s"), _(pp_method_get_label (self->method)), host, words);
}
