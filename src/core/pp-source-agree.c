/* pp-source-agree.c: where the desktop, the environment and the network disagree
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each reader reports its own source; this pass compares them, because the
 * classic helpdesk puzzle is "the browser works, curl does not": GNOME
 * applications follow dconf, command-line tools follow the environment,
 * KDE applications follow kioslaverc, and NetworkManager's per-connection
 * proxy is followed by nothing on Debian 12. Every disagreement becomes a
 * source of the family "conflict" whose warning says what to change.
 */
#include "pp-source-agree.h"
#include "pp-source-reader.h"

#include <string.h>

typedef enum
{
  STANCE_UNKNOWN,  /* not configured here, or depends on something else */
  STANCE_NONE,
  STANCE_MANUAL,
  STANCE_PAC,
  STANCE_WPAD,
} StanceKind;

/* What one family of sources tells its applications for https URLs. */
typedef struct
{
  StanceKind kind;
  const char *proxy;  /* STANCE_MANUAL: the proxy for https URLs */
  const char *pac;    /* STANCE_PAC */
} Stance;

static PpSource *
find (GPtrArray  *sources,
      const char *family,
      const char *provenance_part)
{
  for (guint i = 0; i < sources->len; i++)
    {
      PpSource *source = g_ptr_array_index (sources, i);

      if (g_str_equal (pp_source_get_family (source), family) &&
          strstr (pp_source_get_provenance (source), provenance_part) != NULL)
        return source;
    }

  return NULL;
}

static const char *
value_of (PpSource *source)
{
  return source && *pp_source_get_value (source) ? pp_source_get_value (source) : NULL;
}

/* GNOME uses the https proxy for https URLs, else the http one. */
static Stance
gnome_stance (GPtrArray *sources)
{
  PpSource *mode = find (sources, "gnome", "org.gnome.system.proxy mode");
  const char *value = value_of (mode);
  const char *https = value_of (find (sources, "gnome", ".https host, port"));
  const char *http = value_of (find (sources, "gnome", ".http host, port"));

  if (value == NULL)
    return (Stance) { STANCE_UNKNOWN };
  if (strstr (pp_source_get_provenance (mode), "autoconfig-url") != NULL)
    return (Stance) { STANCE_PAC, NULL, value };
  if (g_str_equal (value, "none"))
    return (Stance) { STANCE_NONE };
  if (g_str_equal (value, "auto"))
    return (Stance) { STANCE_WPAD };
  if (g_str_equal (value, "manual") && (https || http))
    return (Stance) { STANCE_MANUAL, https ? https : http };

  return (Stance) { STANCE_UNKNOWN };
}

/* KDE's ProxyType 4 (from variables) is left out: the environment
 * comparison covers it. */
static Stance
kde_stance (GPtrArray *sources)
{
  PpSource *type = find (sources, "kde", "] ProxyType");
  const char *value = value_of (type);
  const char *https = value_of (find (sources, "kde", "] httpsProxy"));
  const char *http = value_of (find (sources, "kde", "] httpProxy"));

  if (value == NULL)
    return (Stance) { STANCE_UNKNOWN };
  if (strstr (pp_source_get_provenance (type), "Proxy Config Script") != NULL)
    return (Stance) { STANCE_PAC, NULL, value };
  if (g_str_equal (value, "0"))
    return (Stance) { STANCE_NONE };
  if (g_str_equal (value, "3"))
    return (Stance) { STANCE_WPAD };
  if (g_str_equal (value, "1") && (https || http))
    {
      PpSource *proxy = find (sources, "kde", https ? "] httpsProxy" : "] httpProxy");

      /* The meaning holds the URL form of KDE's "host port" value. */
      return (Stance) { STANCE_MANUAL, strstr (pp_source_get_meaning (proxy), "manual proxy ")
                                       ? pp_source_get_meaning (proxy) + strlen ("manual proxy ")
                                       : https ? https : http };
    }

  return (Stance) { STANCE_UNKNOWN };
}

/* "http://p:3128/", "P:3128" and "http://p:3128 for http URLs" are the
 * same proxy. */
static char *
normalize (const char *proxy)
{
  g_autofree char *lower = g_ascii_strdown (proxy, strcspn (proxy, " "));
  gsize len = strlen (lower);

  while (len > 0 && lower[len - 1] == '/')
    lower[--len] = '\0';
  if (strstr (lower, "://") == NULL)
    return g_strconcat ("http://", lower, NULL);

  return g_steal_pointer (&lower);
}

static gboolean
same_stance (const Stance *a,
             const Stance *b)
{
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;

  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == STANCE_PAC)
    return g_str_equal (a->pac, b->pac);
  if (a->kind != STANCE_MANUAL)
    return TRUE;
  pa = normalize (a->proxy);
  pb = normalize (b->proxy);

  return g_str_equal (pa, pb);
}

static char *
describe (const Stance *stance)
{
  g_autofree char *proxy = stance->proxy ? normalize (stance->proxy) : NULL;

  switch (stance->kind)
    {
    case STANCE_NONE:
      return g_strdup ("no proxy");
    case STANCE_MANUAL:
      return g_strdup_printf ("the proxy %s", proxy);
    case STANCE_PAC:
      return g_strdup_printf ("the PAC file %s", stance->pac);
    case STANCE_WPAD:
      return g_strdup ("WPAD discovery");
    case STANCE_UNKNOWN:
    default:
      return g_strdup ("unknown settings");
    }
}

static void
add_conflict (GPtrArray  *out,
              const char *provenance,
              const char *meaning,
              char       *warning)
{
  pp_source_add (out, "conflict", provenance, "", meaning, NULL, warning);
  g_free (warning);
}

static gboolean
gnome_is_running (const PpSourcesOptions *options)
{
  g_auto(GStrv) own = options->environment ? NULL : g_get_environ ();
  const char * const *env = options->environment ? options->environment
                                                 : (const char * const *) own;
  const char *desktop = g_environ_getenv ((char **) env, "XDG_CURRENT_DESKTOP");

  return desktop != NULL && strstr (desktop, "GNOME") != NULL;
}

/* GNOME against this process's https_proxy, the variable curl, wget and
 * apt read for https URLs. GNOME's "none" is also its default, so it only
 * counts when GNOME is the running desktop. */
static void
check_gnome_env (const PpSourcesOptions *options,
                 GPtrArray              *sources,
                 const Stance           *gnome)
{
  const char *https_proxy = value_of (find (sources, "environment",
                                            "this process's environment: https_proxy"));
  const char *where = "org.gnome.system.proxy and this process's https_proxy";
  g_autofree char *gnome_proxy = gnome->proxy ? normalize (gnome->proxy) : NULL;
  g_autofree char *env_proxy = https_proxy ? normalize (https_proxy) : NULL;

  if (gnome->kind == STANCE_MANUAL && https_proxy == NULL)
    add_conflict (sources, where, "GNOME has a proxy, the environment has none",
                  g_strdup_printf ("GNOME applications use the proxy %s for https URLs, but "
                                   "https_proxy is not set: curl, wget, apt and scripts connect "
                                   "directly; set https_proxy and http_proxy to %s in "
                                   "/etc/environment, or confirm that direct access is intended",
                                   gnome_proxy, gnome_proxy));
  else if (gnome->kind == STANCE_MANUAL && !g_str_equal (gnome_proxy, env_proxy))
    add_conflict (sources, where, "GNOME and the environment name different proxies",
                  g_strdup_printf ("GNOME applications use the proxy %s for https URLs, but "
                                   "https_proxy is %s: the browser and command-line tools take "
                                   "different routes; make both the same proxy",
                                   gnome_proxy, env_proxy));
  else if (gnome->kind == STANCE_NONE && https_proxy != NULL && gnome_is_running (options))
    add_conflict (sources, where, "the environment has a proxy, GNOME has none",
                  g_strdup_printf ("https_proxy is %s, but GNOME's proxy mode is none: "
                                   "command-line tools use the proxy while GNOME applications "
                                   "connect directly; set the same proxy in Settings → Network "
                                   "→ Proxy, or unset https_proxy", env_proxy));
}

/* Both desktops' "no proxy" is also their default, so only two explicit
 * settings that differ are reported. */
static void
check_gnome_kde (GPtrArray    *sources,
                 const Stance *gnome,
                 const Stance *kde)
{
  g_autofree char *gnome_text = describe (gnome);
  g_autofree char *kde_text = describe (kde);

  if (gnome->kind == STANCE_UNKNOWN || gnome->kind == STANCE_NONE ||
      kde->kind == STANCE_UNKNOWN || kde->kind == STANCE_NONE || same_stance (gnome, kde))
    return;

  add_conflict (sources, "org.gnome.system.proxy and kioslaverc [Proxy Settings]",
                "GNOME and KDE name different proxies",
                g_strdup_printf ("GNOME applications use %s but KDE applications use %s: the "
                                 "same program behaves differently in each desktop; set the same "
                                 "in GNOME Settings → Network → Proxy and KDE System Settings → "
                                 "Network → Proxy", gnome_text, kde_text));
}

/* NetworkManager only stores a connection's proxy (method auto, with or
 * without a PAC URL); applications follow the desktop. */
static void
check_nm_desktop (GPtrArray    *sources,
                  const Stance *gnome,
                  const Stance *kde)
{
  const Stance *desktop = gnome->kind != STANCE_UNKNOWN && gnome->kind != STANCE_NONE ? gnome : kde;
  const char *name = desktop == gnome ? "GNOME" : "KDE";
  g_autofree char *desktop_text = describe (desktop);
  guint n = sources->len;

  if (desktop->kind == STANCE_UNKNOWN || desktop->kind == STANCE_NONE)
    return;
  for (guint i = 0; i < n; i++)
    {
      PpSource *source = g_ptr_array_index (sources, i);
      const char *value = pp_source_get_value (source);
      const char *id = strstr (pp_source_get_provenance (source), "(connection '");
      g_autofree char *quoted = id ? g_strndup (id + 12, strcspn (id + 12, ")")) : g_strdup ("");
      Stance nm = { g_str_equal (value, "auto") ? STANCE_WPAD : STANCE_PAC, NULL, value };
      g_autofree char *nm_text = describe (&nm);

      if (!g_str_equal (pp_source_get_family (source), "networkmanager") ||
          strstr (pp_source_get_provenance (source), "proxy.method") == NULL ||
          g_str_equal (value, "none") || same_stance (&nm, desktop))
        continue;
      add_conflict (sources, pp_source_get_provenance (source),
                    "NetworkManager and the desktop name different proxies",
                    g_strdup_printf ("The NetworkManager connection %s sets %s, but %s "
                                     "applications use %s and follow the desktop, not the "
                                     "connection; make the connection's proxy and the "
                                     "desktop's the same",
                                     quoted, nm_text, name, desktop_text));
    }
}

void
pp_source_check_agreement (const PpSourcesOptions *options,
                           GPtrArray              *sources)
{
  Stance gnome = gnome_stance (sources);
  Stance kde = kde_stance (sources);

  check_gnome_env (options, sources, &gnome);
  check_gnome_kde (sources, &gnome, &kde);
  check_nm_desktop (sources, &gnome, &kde);
}
