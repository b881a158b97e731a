/* pp-detect.c: detects the configuration off the main thread
 *
 * Reading the sources talks to D-Bus and WPAD discovery to DNS and HTTP
 * servers that may take seconds to answer; none of it may stall the
 * window. The detection is proxyprobe-cli's own (pp_config_detect()), so
 * that both front ends see the same configuration.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-detect.h"
#include "pp-config-detect.h"
#include "pp-log.h"

typedef struct
{
  char *cmdline_proxy;
  char *named_proxy;
  char *pac_file;
  char *pac_url;
  char *onboarding_file;
  GStrv trust_anchors;
  gboolean with_trust;
  PpTrust *trust;
} DetectData;

static void
detect_data_free (DetectData *data)
{
  g_free (data->cmdline_proxy);
  g_free (data->named_proxy);
  g_free (data->pac_file);
  g_free (data->pac_url);
  g_free (data->onboarding_file);
  g_strfreev (data->trust_anchors);
  g_clear_object (&data->trust);
  g_free (data);
}

static void
detect_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DetectData *data = task_data;
  /* The panel describes it on the main loop: nothing may block there. */
  PpConfigDetectOptions options = {
    .cmdline_proxy = data->cmdline_proxy,
    .named_proxy = data->named_proxy,
    .pac_file = data->pac_file,
    .pac_url = data->pac_url,
    .onboarding_file = data->onboarding_file,
    .discover_wpad = TRUE,
    .prepare = TRUE,
  };
  PpTrustOptions trust_options = { .extra_anchors = (const char * const *) data->trust_anchors };
  GError *error = NULL;
  PpConfig *config;

  /* The trust store reads a few hundred certificates: not on the main thread. */
  if (data->with_trust)
    data->trust = pp_trust_new (&trust_options, &error);
  if (data->with_trust && data->trust == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  config = pp_config_detect (&options, cancellable, &error);
  if (config == NULL)
    {
      pp_debug ("the configuration could not be detected: %s", error->message);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, config, g_object_unref);
}

static char *
dup_nonempty (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : NULL);
}

void
pp_detect_config_async (const PpDetectOptions *options,
                        gboolean             with_trust,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DetectData *data = g_new0 (DetectData, 1);

  data->cmdline_proxy = dup_nonempty (options->cmdline_proxy);
  data->named_proxy = dup_nonempty (options->named_proxy);
  data->pac_file = dup_nonempty (options->pac_file);
  data->pac_url = dup_nonempty (options->pac_url);
  data->onboarding_file = dup_nonempty (options->onboarding_file);
  data->trust_anchors = options->trust_anchors && options->trust_anchors[0]
                        ? g_strdupv ((GStrv) options->trust_anchors) : NULL;
  data->with_trust = with_trust;
  g_task_set_source_tag (task, pp_detect_config_async);
  g_task_set_task_data (task, data, (GDestroyNotify) detect_data_free);
  g_task_run_in_thread (task, detect_worker);
}

PpConfig *
pp_detect_config_finish (GAsyncResult  *result,
                         PpTrust      **trust,
                         GError       **error)
{
  DetectData *data;
  PpConfig *config;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pp_detect_config_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  config = g_task_propagate_pointer (G_TASK (result), error);
  if (config != NULL && trust != NULL)
    *trust = g_steal_pointer (&data->trust);

  return config;
}
