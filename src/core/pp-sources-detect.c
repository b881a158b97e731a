/* pp-sources-detect.c: every proxy configuration source of the machine
 *
 * Calls the readers (pp-source-*.c) in order. It has a file of its own so
 * that the readers, which add to the list through pp-source.c's helpers,
 * never include the header of the function that calls them.
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "pp-sources-detect.h"
#include "pp-log.h"
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

      pp_debug ("source %s (%s): %s%s%s", pp_source_get_family (source),
                pp_source_get_provenance (source), pp_source_get_meaning (source),
                pp_source_get_value (source) ? "; value " : "",
                pp_source_get_value (source) ? pp_source_get_value (source) : "");
    }
}

typedef void (*SourceReader) (const PpSourcesOptions *options,
                              GPtrArray              *out);

/* The order they are read in; apt comes after the desktop sources: it
 * compares itself with them. */
static const struct {
  const char *name;
  SourceReader read;
} readers[] = {
  { "sandbox", pp_source_read_sandbox },
  { "GNOME", pp_source_read_gnome },
  { "KDE", pp_source_read_kde },
  { "environment", pp_source_read_env },
  { "NetworkManager", pp_source_read_nm },
  { "DHCP leases", pp_source_read_leases },
  { "apt", pp_source_read_apt },
  { "mdatp", pp_source_read_mdatp },
};

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

  pp_debug ("reading the configuration sources under %s",
            options->sysroot ? options->sysroot : "/");
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      guint before = out->len;

      readers[i].read (options, out);
      pp_debug ("%s: %u source%s found", readers[i].name, out->len - before,
                out->len - before == 1 ? "" : "s");
    }
  pp_source_check_agreement (options, out);
  trace_sources (out);

  return out;
}
