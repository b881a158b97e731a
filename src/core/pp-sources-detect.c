/* pp-sources-detect.c: every proxy configuration source of the machine
 *
 * Calls the readers (pp-source-*.c) in order. It has a file of its own so
 * that the readers, which add to the list through pp-source.c's helpers,
 * never include the header of the function that calls them.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pp-config"

#include "pp-sources-detect.h"
#include "pp-source-agree.h"
#include "pp-source-apt.h"
#include "pp-source-env.h"
#include "pp-source-gnome.h"
#include "pp-source-kde.h"
#include "pp-source-leases.h"
#include "pp-source-mdatp.h"
#include "pp-source-nm.h"
#include "pp-source-sandbox.h"

/* Sources are redacted when made (pp_source_new()): what is traced here
 * carries no credentials. */
static void
trace_sources (GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    {
      const PpSource *source = g_ptr_array_index (sources, i);

      g_debug ("source %s (%s): %s", pp_source_get_family (source),
               pp_source_get_provenance (source), pp_source_get_meaning (source));
    }
}

/* Returns a new array of PpSource; never fails: a source that cannot be
 * read is itself reported, with a warning. Blocking: it spawns systemctl
 * and asks D-Bus. */
GPtrArray *
pp_sources_detect (const PpSourcesOptions *options)
{
  static const PpSourcesOptions defaults = { NULL };
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_source_unref);

  if (options == NULL)
    options = &defaults;

  /* apt comes after the desktop sources: it compares itself with them. */
  pp_source_read_sandbox (options, out);
  pp_source_read_gnome (options, out);
  pp_source_read_kde (options, out);
  pp_source_read_env (options, out);
  pp_source_read_nm (options, out);
  pp_source_read_leases (options, out);
  pp_source_read_apt (options, out);
  pp_source_read_mdatp (options, out);
  pp_source_check_agreement (options, out);
  trace_sources (out);

  return out;
}
