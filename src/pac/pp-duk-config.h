/* pp-duk-config.h: installed as duk_config.h next to a copy of duktape.c
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stock configuration #undefs the execution timeout hooks, so -D flags
 * cannot turn them on; defining them after the stock file does. The check
 * runs every few thousand bytecode instructions and lets the helper stop
 * `while (true) {}` at its deadline.
 */
#ifndef PP_DUK_CONFIG_H
#define PP_DUK_CONFIG_H

#include "/usr/share/duktape/duk_config.h"

#define DUK_USE_INTERRUPT_COUNTER
#define DUK_USE_EXEC_TIMEOUT_CHECK pp_pac_exec_timeout_check

duk_bool_t pp_pac_exec_timeout_check (void *udata);

#endif
