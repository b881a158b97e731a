/* pp-source-sandbox.c: whether we run inside a Flatpak sandbox
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pp-source-sandbox.h"
#include "pp-log.h"
#include "pp-source-reader.h"

#define FLATPAK_INFO ".flatpak-info"

/* Inside Flatpak the host's /etc (environment, apt, Defender's managed
 * file) cannot be shared, dconf is the sandbox's own and GLib asks the proxy
 * portal instead of reading GNOME's settings. Those sources then look "not
 * configured" although the host may well have them: say so first, so that a
 * technician does not draw conclusions from an empty answer. */
void
pp_source_read_sandbox (const PpSourcesOptions *options,
                        GPtrArray              *out)
{
  g_autofree char *path = pp_source_path (options, FLATPAK_INFO);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *name = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      pp_debug ("%s: not found: not in a Flatpak sandbox", path);
      return;
    }
  if (pp_file_load_key_file (info, path, NULL))
    name = g_key_file_get_string (info, "Application", "name", NULL);

  pp_source_add (out, "sandbox", path, name ? name : "",
                 "running inside a Flatpak sandbox: the default proxy is the host's, "
                 "answered by the proxy portal",
                 NULL,
                 "The sandbox cannot see the host's /etc/environment, APT or Defender for "
                 "Endpoint configuration, nor its desktop settings: they are shown as absent "
                 "even when set. Run proxyprobe-cli on the host (from the distribution "
                 "package) for the complete picture");
}
