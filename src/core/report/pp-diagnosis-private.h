/* pp-diagnosis-private.h: shared by the diagnosis's computation and its words
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-diagnosis.h"

#include <glib/gi18n.h>

G_BEGIN_DECLS

/* The diagnosis's words: English for every file and script (report.json,
 * the zip, the CLI, fleet outputs; support parses them), the user's
 * language for the window (pp_diagnosis_new_translated()). Call sites
 * pass the English literal: xgettext knows these two as keywords
 * (po/meson.build), and the compiler checks the formats through them. */
const char        *pp_tr                       (gboolean             translated,
                                                const char          *english) G_GNUC_FORMAT (2);
const char        *pp_ntr                      (gboolean             translated,
                                                const char          *one,
                                                const char          *many,
                                                gulong               n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);
char              *pp_diagnosis_methods_words  (gboolean             translated,
                                                guint                methods);

typedef struct
{
  const char *id;       /* an outcome's id, or "transparent_proxy"; NULL: any other */
  guint rank;
  gboolean allow_list;
} PpCauseKind;

typedef struct
{
  PpRunResults *results;
  PpDiagnosis *diagnosis;
  GHashTable *by_key;   /* "id\\x1fsubject" -> PpCause, owned by diagnosis->causes */
} PpDiagnosisBuild;

const PpCauseKind *pp_cause_kind_lookup        (const char          *id);
char              *pp_diagnosis_proxy_of       (const PpProbeResult *result);
void               pp_diagnosis_describe_path  (PpDiagnosis         *self,
                                                PpRunResults        *results);
void               pp_diagnosis_describe_cause (PpDiagnosis         *self,
                                                PpCause             *cause);
void               pp_diagnosis_find_fixes     (PpDiagnosis         *self,
                                                PpRunResults        *results);

G_END_DECLS
