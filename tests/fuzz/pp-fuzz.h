/* pp-fuzz.h: what every libFuzzer target of Proxy Probe shares
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, declared here for -Wmissing-prototypes. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

char       *pp_fuzz_strndup   (const uint8_t  *data,
                               size_t          size);
const char *pp_fuzz_file_path (const uint8_t  *data,
                               size_t          size);
char      **pp_fuzz_split     (const uint8_t  *data,
                               size_t          size,
                               guint           max_parts);

G_END_DECLS
