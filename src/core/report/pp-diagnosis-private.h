/* pp-diagnosis-private.h: shared by the diagnosis's computation and its words
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-diagnosis.h"

G_BEGIN_DECLS

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
