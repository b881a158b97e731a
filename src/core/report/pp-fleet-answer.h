/* pp-fleet-answer.h: what a fleet's reports add up to, said first
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-fleet.h"

G_BEGIN_DECLS

/* One thing to change and on how many hosts it is needed. */
typedef struct
{
  char *ask;                  /* whom to ask for what (the hosts' reports' own words) */
  guint n_hosts;
  GPtrArray *cause_keys;      /* of const char *: the causes it mends (the hosts' keys) */
} PpFleetFix;

/* Valid while its fleet is: the causes and keys point into its hosts. */
typedef struct
{
  char *headline;             /* the answer, one to three sentences */
  PpSeverity severity;        /* the worst of the hosts' own reports' colours */
  GPtrArray *causes;          /* of PpFleetCauseSum (pp_fleet_sum_causes()) */
  GPtrArray *fixes;           /* of PpFleetFix, needed on most hosts first */
  GPtrArray *allow_list;      /* of char *: every host's, hosts then wildcard domains */
} PpFleetAnswer;

PpFleetAnswer *pp_fleet_answer_new          (PpFleet             *fleet);
char          *pp_fleet_cause_sum_format    (const PpFleetCauseSum *sum);
void           pp_fleet_answer_free         (PpFleetAnswer       *self);
char          *pp_fleet_answer_format_text  (const PpFleetAnswer *self);
char          *pp_fleet_answer_format_allow_list (const PpFleetAnswer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpFleetAnswer, pp_fleet_answer_free)

G_END_DECLS
