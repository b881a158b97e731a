/* pp-report.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-config-build.h"

#include <string.h>

#include "pp-anonymize.h"
#include "pp-report.h"
#include "pp-report-config.h"
#include "pp-diagnosis.h"
#include "pp-report-html.h"
#include "pp-report-json.h"
#include "pp-report-text.h"
#include "pp-report-zip.h"
#include "pp-system-info.h"


struct _PpReport
{
  GObject parent_instance;

  PpRunResults *results;    /* complete: one result per plan item */
  PpConfig *config;
  gboolean anonymize;
  GPtrArray *attachments;   /* of PpZipEntry */
  GPtrArray *system_info;   /* name, value, name, value ... */
};

G_DEFINE_FINAL_TYPE (PpReport, pp_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANONYMIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pp_report_finalize (GObject *object)
{
  PpReport *self = (PpReport *) object;

  g_clear_object (&self->results);
  g_clear_object (&self->config);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->system_info, g_ptr_array_unref);

  G_OBJECT_CLASS (pp_report_parent_class)->finalize (object);
}

static void
pp_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PpReport *self = PP_REPORT (object);

  switch (prop_id)
    {
    case PROP_ANONYMIZE:
      g_value_set_boolean (value, self->anonymize);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PpReport *self = PP_REPORT (object);

  switch (prop_id)
    {
    case PROP_ANONYMIZE:
      pp_report_set_anonymize (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_report_class_init (PpReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_report_finalize;
  object_class->get_property = pp_report_get_property;
  object_class->set_property = pp_report_set_property;

  properties[PROP_ANONYMIZE] =
    g_param_spec_boolean ("anonymize", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_report_init (PpReport *self)
{
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_zip_entry_free);
  self->system_info = g_ptr_array_new_with_free_func (g_free);
}

PpReport *
pp_report_new (PpRunResults *results,
               PpConfig     *config)
{
  PpReport *self;

  g_return_val_if_fail (PP_IS_RUN_RESULTS (results), NULL);
  g_return_val_if_fail (pp_run_results_is_complete (results), NULL);
  g_return_val_if_fail (PP_IS_CONFIG (config), NULL);

  self = g_object_new (PP_TYPE_REPORT, NULL);
  self->results = g_object_ref (results);
  self->config = g_object_ref (config);
  /* Results made outside a session do not know the configuration that
   * tells where the agent's proxy was set: the verdict needs it. */
  if (pp_run_results_get_config (results) == NULL)
    pp_run_results_set_config (results, config);
  /* The sources are detected lazily (it spawns and asks D-Bus): on this
   * thread, before a worker thread formats them. */
  pp_config_get_sources (config);

  return self;
}

gboolean
pp_report_get_anonymize (PpReport *self)
{
  g_return_val_if_fail (PP_IS_REPORT (self), FALSE);

  return self->anonymize;
}

void
pp_report_set_anonymize (PpReport *self,
                         gboolean  anonymize)
{
  g_return_if_fail (PP_IS_REPORT (self));

  anonymize = !!anonymize;
  if (self->anonymize == anonymize)
    return;
  self->anonymize = anonymize;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMIZE]);
}

void
pp_report_add_attachment (PpReport   *self,
                          const char *name,
                          GBytes     *contents)
{
  g_return_if_fail (PP_IS_REPORT (self));
  g_return_if_fail (name != NULL && *name && !strchr (name, '/') && !g_str_equal (name, ".."));
  g_return_if_fail (contents != NULL);

  g_ptr_array_add (self->attachments, pp_zip_entry_new (name, contents));
}

void
pp_report_add_system_info (PpReport   *self,
                           const char *name,
                           const char *value)
{
  g_return_if_fail (PP_IS_REPORT (self));
  g_return_if_fail (name != NULL);

  g_ptr_array_add (self->system_info, g_strdup (name));
  g_ptr_array_add (self->system_info, g_strdup (value));
}

/* The header's identity lines: the host (or that it was anonymized),
 * the run's id and start. */
static char *
format_identity (PpRunResults *results)
{
  const PpHost *host = pp_run_results_get_host (results);
  g_autofree char *host_text = host ? pp_host_format_text (host)
                                    : g_strdup_printf ("Host: %s\n", g_get_host_name ());
  g_autofree char *started = g_date_time_format_iso8601 (pp_run_results_get_started (results));

  return g_strdup_printf ("%sRun ID: %s\nStarted: %s\n", host_text,
                          pp_run_results_get_run_id (results), started);
}

/* English on purpose: tools parse this file like the analyzer's output. */
static char *
format_result_text (PpRunResults *results,
                    const char   *generated)
{
  PpProfile *profile = pp_run_results_get_profile (results);
  g_autofree char *body = pp_report_text_format (results);
  g_autofree char *identity = format_identity (results);
  const char *geography = pp_profile_get_geography (profile);

  return g_strdup_printf (PP_REPORT_TEXT_HEADER "\n"
                          "Application: proxyprobe %s\n"
                          "Date: %s\n"
                          "%s"
                          "Profile: %s%s%s%s\n"
                          "Geography: %s\n\n%s",
                          PACKAGE_VERSION, generated, identity,
                          pp_profile_get_name (profile),
                          pp_profile_get_title (profile) ? " (" : "",
                          pp_profile_get_title (profile) ? pp_profile_get_title (profile) : "",
                          pp_profile_get_title (profile) ? ")" : "",
                          geography ? geography : "all", body);
}

/* "0007-named-winatp-gw-weu.microsoft.com.txt": sorted as probed, and
 * readable in any unzip listing. */
static char *
trace_name (guint                index,
            const PpProbeResult *result)
{
  g_autoptr(GUri) uri = g_uri_parse (result->endpoint->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : "url");

  g_strcanon (host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", '_');

  return g_strdup_printf ("traces/%04u-%s-%.64s.txt", index + 1,
                          pp_method_to_id (result->method), host);
}

static char *
format_trace (const PpProbeResult *result)
{
  g_autofree char *shortened = pp_probe_result_format_short (result);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "URL: %s\nMethod: %u - %s\nOutcome: %s (%s)\n",
                          result->endpoint->url, pp_method_get_number (result->method),
                          pp_method_get_label (result->method),
                          pp_outcome_to_id (result->outcome), shortened);
  if (result->proxy)
    g_string_append_printf (out, "Proxy: %s\n", result->proxy);
  for (guint i = 0; i < result->attempts->len; i++)
    {
      PpAttempt *attempt = &g_array_index (result->attempts, PpAttempt, i);

      g_string_append_printf (out, "Attempt %u: %s: %s (curl %d)\n", i + 1, attempt->proxy,
                              pp_outcome_to_id (attempt->outcome), attempt->curl_code);
    }
  if (result->detail)
    g_string_append_printf (out, "Detail: %s\n", result->detail);
  g_string_append_c (out, '\n');
  g_string_append (out, result->trace ? result->trace
                   : "(no trace: no connection was made, or traces were not kept)\n");

  return g_string_free (out, FALSE);
}

static void
add_text (GPtrArray  *entries,
          const char *name,
          char       *text)
{
  g_ptr_array_add (entries, pp_zip_entry_new_take_text (name, text));
}

static void
add_wpad (PpReport  *self,
          GPtrArray *entries)
{
  const char *log = pp_config_get_wpad_log (self->config);
  const char *source = pp_config_get_pac_source (self->config);
  const char *script = pp_config_get_pac_script (self->config);

  add_text (entries, "wpad/discovery.txt",
            g_strdup_printf ("%s%s%s%s",
                             log ? log : "WPAD discovery was not run.\n",
                             source ? "PAC script: " : "", source ? source : "",
                             source ? "\n" : ""));
  if (script)
    add_text (entries, "wpad/proxy.pac", g_strdup (script));
}

/* For the proxy or firewall team, ready to paste; empty when no proxy
 * blocked, asked a password for or inspected anything. */
static void
add_allow_list (PpReport  *self,
                GPtrArray *entries)
{
  g_autoptr(PpDiagnosis) diagnosis = pp_diagnosis_new (self->results);

  add_text (entries, PP_REPORT_ALLOWLIST_NAME, pp_diagnosis_format_allow_list (diagnosis));
}

/* Everything but the caller's attachments is text. */
static GPtrArray *
build_text_entries (PpReport     *self,
                    PpRunResults *results)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_zip_entry_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format_iso8601 (now);
  char *configuration = pp_report_config_format_text (self->config);
  char *system = pp_system_info_format (self->config, self->system_info);

  add_text (entries, PP_REPORT_TEXT_NAME, format_result_text (results, generated));
  add_text (entries, "report.json", pp_report_json_format (results, self->config));
  add_text (entries, "report.html", pp_report_html_format (results, generated,
                                                           configuration, system));
  add_text (entries, "configuration.txt", configuration);
  add_allow_list (self, entries);
  add_wpad (self, entries);
  for (guint i = 0; i < pp_run_results_get_n_items (results); i++)
    {
      PpProbeResult *result = pp_run_results_get_item (results, i);
      g_autofree char *name = trace_name (i, result);

      add_text (entries, name, format_trace (result));
    }
  add_text (entries, "system.txt", system);

  return entries;
}

/* The host's facts go whole (names, FQDN, addresses): the anonymizer
 * below would leave the domain of an FQDN, and the report says what it
 * removed. */
static PpRunResults *
anonymized_results (PpRunResults *results)
{
  const PpHost *host = pp_run_results_get_host (results);
  g_autoptr(PpHost) anonymous = host ? pp_host_copy_anonymized (host) : NULL;

  return pp_run_results_copy_for_host (results, anonymous);
}

static void
anonymize_entries (GPtrArray *entries)
{
  g_autoptr(PpAnonymizer) anonymizer = pp_anonymizer_new_for_host ();

  for (guint i = 0; i < entries->len; i++)
    {
      PpZipEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *text = g_strndup (g_bytes_get_data (entry->contents, NULL),
                                         g_bytes_get_size (entry->contents));
      char *anonymized = pp_anonymizer_apply (anonymizer, text);
      char *name = pp_anonymizer_apply (anonymizer, entry->name);

      /* Trace names hold the endpoint's host: an internal address too. */
      g_free (entry->name);
      entry->name = name;
      g_bytes_unref (entry->contents);
      entry->contents = g_bytes_new_take (anonymized, strlen (anonymized));
    }
}

gboolean
pp_report_write (PpReport    *self,
                 const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->anonymize)
    {
      g_autoptr(PpRunResults) anonymous = anonymized_results (self->results);

      entries = build_text_entries (self, anonymous);
      anonymize_entries (entries);
    }
  else
    entries = build_text_entries (self, self->results);
  for (guint i = 0; i < self->attachments->len; i++)
    {
      PpZipEntry *attachment = g_ptr_array_index (self->attachments, i);

      g_ptr_array_add (entries, pp_zip_entry_new (attachment->name, attachment->contents));
    }

  return pp_report_zip_write (path, overwrite, entries, error);
}

typedef struct
{
  char *path;
  gboolean overwrite;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (pp_report_write (PP_REPORT (source_object), data->path, data->overwrite, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The report holds only immutable values once made, so a worker thread
 * may render and write it while the caller's main loop runs on. */
void
pp_report_write_async (PpReport            *self,
                       const char          *path,
                       gboolean             overwrite,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (PP_IS_REPORT (self));
  g_return_if_fail (path != NULL);

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->overwrite = overwrite;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_worker);
}

gboolean
pp_report_write_finish (PpReport      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (PP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_report_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
