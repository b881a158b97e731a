/* pp-pac-helper.c: evaluates an untrusted PAC script in a process of its own
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Protocol: one JSON object per line on stdin, one reply per line on stdout.
 *   {"op":"load","script":"..."}           → {"ok":true} | {"ok":false,"error":"..."}
 *   {"op":"find","url":"...","host":"..."} → {"ok":true,"result":"...","alerts":[...],
 *                                             "dns":[{"name","answer","ms"}],"dns_skipped":N}
 * A reply with "restart":true comes from a helper that is about to exit.
 * The parent kills this process when a reply is late; the limits here make
 * the common runaway cases end with a clear message before that.
 */
#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "duktape.h"
#include "pp-pac-builtins.h"

/* Set by src/pac/meson.build in a build whose sanitizer needs terabytes of
 * address space for its shadow memory: there RLIMIT_AS is left alone. */
#ifndef PP_PAC_SANITIZER_SHADOW
#define PP_PAC_SANITIZER_SHADOW 0
#endif

#define PP_PAC_AS_LIMIT        (256u << 20)
#define PP_PAC_HEAP_LIMIT      (128u << 20)
#define PP_PAC_CPU_LIMIT_S     60
#define PP_PAC_NOFILE_LIMIT    16
#define PP_PAC_FIND_DEADLINE_S 2
#define PP_PAC_LOAD_DEADLINE_S 5
#define PP_PAC_MAX_RESULT_LEN  (64 * 1024)

typedef struct
{
  PpPacState state;
  duk_context *ctx;
} PpPacHelper;

/* Called by duktape every few thousand instructions. */
duk_bool_t
pp_pac_exec_timeout_check (void *udata)
{
  PpPacState *state = udata;

  return state->deadline != 0 && g_get_monotonic_time () > state->deadline;
}

/* The heap gets a budget below RLIMIT_AS so that a memory bomb ends as a
 * script error ("alloc failed") instead of a dead process. */
typedef union { size_t size; max_align_t align; } AllocHeader;

static void *
pac_alloc (void *udata, duk_size_t size)
{
  PpPacState *state = udata;
  AllocHeader *header;

  if (state->heap_used + size > PP_PAC_HEAP_LIMIT || (header = malloc (sizeof *header + size)) == NULL)
    return NULL;
  header->size = size;
  state->heap_used += size;
  return header + 1;
}

static void
pac_free (void *udata, void *ptr)
{
  PpPacState *state = udata;
  AllocHeader *header = ptr ? (AllocHeader *) ptr - 1 : NULL;

  if (header == NULL)
    return;
  state->heap_used -= header->size;
  free (header);
}

static void *
pac_realloc (void *udata, void *ptr, duk_size_t size)
{
  PpPacState *state = udata;
  AllocHeader *header, *grown;

  if (ptr == NULL)
    return pac_alloc (udata, size);
  if (size == 0)
    {
      pac_free (udata, ptr);
      return NULL;
    }
  header = (AllocHeader *) ptr - 1;
  if (state->heap_used - header->size + size > PP_PAC_HEAP_LIMIT ||
      (grown = realloc (header, sizeof *grown + size)) == NULL)
    return NULL;
  state->heap_used = state->heap_used - grown->size + size;
  grown->size = size;
  return grown + 1;
}

static void
write_reply (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
reply_error (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, valid);
  json_builder_end_object (builder);
  write_reply (builder);
}

/* A fatal duktape error leaves the heap unusable: say why and let the parent
 * start a fresh helper. */
static void
pac_fatal (void *udata, const char *msg)
{
  g_autofree char *message = g_strdup_printf ("the PAC evaluator failed: %s",
                                              msg ? msg : "fatal error");
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, valid);
  json_builder_set_member_name (builder, "restart");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  write_reply (builder);
  _exit (3);
}

static void
apply_limit (int resource, rlim_t value)
{
  struct rlimit limit = { value, value };

  if (setrlimit (resource, &limit) != 0)
    g_printerr ("proxyprobe-pac-helper: setrlimit %d: %s\n", resource, g_strerror (errno));
}

/* The script is hostile until proven otherwise: no privileges to gain, no
 * files to write, little memory, few descriptors (the resolver and
 * myIpAddress() need a couple of sockets) and bounded CPU time. */
static void
sandbox_self (void)
{
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    g_printerr ("proxyprobe-pac-helper: no_new_privs: %s\n", g_strerror (errno));
#if !PP_PAC_SANITIZER_SHADOW
  apply_limit (RLIMIT_AS, PP_PAC_AS_LIMIT);
#endif
  apply_limit (RLIMIT_FSIZE, 0);
  apply_limit (RLIMIT_NOFILE, PP_PAC_NOFILE_LIMIT);
  apply_limit (RLIMIT_CORE, 0);
  /* Cumulative over the helper's life; the parent simply starts another. */
  apply_limit (RLIMIT_CPU, PP_PAC_CPU_LIMIT_S);
}


static void
reset_heap (PpPacHelper *helper)
{
  g_clear_pointer (&helper->ctx, duk_destroy_heap);
  helper->state.deadline = 0;
  helper->ctx = duk_create_heap (pac_alloc, pac_realloc, pac_free, &helper->state, pac_fatal);
}

/* Duktape appends " (line N)" to syntax errors; the line goes in front
 * instead, where a technician looks first. */
static char *
strip_line_suffix (const char *message)
{
  const char *suffix = g_strrstr (message, " (line ");

  if (suffix != NULL && g_str_has_suffix (suffix, ")"))
    return g_strndup (message, suffix - message);
  return g_strdup (message);
}

/* Describes the value thrown at the top of the stack, and pops it. */
static char *
describe_error (PpPacHelper *helper,
                int          deadline_s)
{
  duk_context *ctx = helper->ctx;
  g_autofree char *message = NULL;
  int line = 0;

  if (pp_pac_exec_timeout_check (&helper->state))
    {
      duk_pop (ctx);
      return g_strdup_printf ("the PAC script ran longer than %d s and was stopped", deadline_s);
    }

  if (duk_is_error (ctx, -1))
    {
      duk_get_prop_string (ctx, -1, "lineNumber");
      line = duk_get_int_default (ctx, -1, 0);
      duk_pop (ctx);
    }
  message = strip_line_suffix (duk_safe_to_string (ctx, -1));
  duk_pop (ctx);

  if (strstr (message, "alloc failed") != NULL)
    return g_strdup_printf ("the PAC script used more than %u MiB of memory and was stopped",
                            PP_PAC_HEAP_LIMIT >> 20);
  if (line > 0)
    return g_strdup_printf ("line %d: %s", line, message);
  return g_steal_pointer (&message);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_dns_log (JsonBuilder *builder,
             PpPacState  *state)
{
  json_builder_set_member_name (builder, "dns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < state->dns->len; i++)
    {
      PpPacDnsEntry *entry = g_ptr_array_index (state->dns, i);
      g_autofree char *name = g_utf8_make_valid (entry->name, -1);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, entry->answer);
      json_builder_set_member_name (builder, "ms");
      json_builder_add_double_value (builder, entry->ms);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "dns_skipped");
  json_builder_add_int_value (builder, state->dns_skipped);
}

/* RESULT NULL with ERROR set is a failure; the log goes along either way. */
static void
reply (PpPacHelper *helper,
       const char  *result,
       const char  *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, error == NULL);
  if (error != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (error, -1);

      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, valid);
    }
  if (result != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (result, -1);

      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, valid);
    }
  add_string_array (builder, "alerts", helper->state.alerts);
  add_dns_log (builder, &helper->state);
  json_builder_end_object (builder);
  write_reply (builder);
}

static gboolean
has_function (duk_context *ctx,
              const char  *name)
{
  gboolean found = duk_get_global_string (ctx, name) && duk_is_function (ctx, -1);

  duk_pop (ctx);
  return found;
}

static void
handle_load (PpPacHelper *helper,
             const char  *script)
{
  g_autofree char *error = NULL;

  pp_pac_state_reset (&helper->state);
  reset_heap (helper);
  if (helper->ctx == NULL)
    {
      reply (helper, NULL, "the PAC evaluator could not start: out of memory");
      return;
    }
  if (!pp_pac_builtins_install (helper->ctx, &error))
    {
      reply (helper, NULL, error);
      return;
    }

  helper->state.deadline = g_get_monotonic_time () + PP_PAC_LOAD_DEADLINE_S * G_USEC_PER_SEC;
  duk_push_string (helper->ctx, "proxy.pac");
  if (duk_pcompile_string_filename (helper->ctx, 0, script) != 0 ||
      duk_pcall (helper->ctx, 0) != 0)
    error = describe_error (helper, PP_PAC_LOAD_DEADLINE_S);
  else
    duk_pop (helper->ctx);
  helper->state.deadline = 0;

  if (error == NULL && !has_function (helper->ctx, "FindProxyForURL") &&
      !has_function (helper->ctx, "FindProxyForURLEx"))
    error = g_strdup ("the PAC script defines no FindProxyForURL(url, host) function");

  reply (helper, NULL, error);
  if (error != NULL)
    g_clear_pointer (&helper->ctx, duk_destroy_heap);
}

/* Microsoft's FindProxyForURLEx takes precedence when a script defines it. */
static void
handle_find (PpPacHelper *helper,
             const char  *url,
             const char  *host)
{
  duk_context *ctx = helper->ctx;
  g_autofree char *error = NULL;
  const char *name;

  pp_pac_state_reset (&helper->state);
  if (ctx == NULL)
    {
      reply (helper, NULL, "no PAC script is loaded");
      return;
    }

  name = has_function (ctx, "FindProxyForURLEx") ? "FindProxyForURLEx" : "FindProxyForURL";
  duk_get_global_string (ctx, name);
  duk_push_string (ctx, url);
  duk_push_string (ctx, host);
  helper->state.deadline = g_get_monotonic_time () + PP_PAC_FIND_DEADLINE_S * G_USEC_PER_SEC;
  if (duk_pcall (ctx, 2) != 0)
    {
      g_autofree char *why = describe_error (helper, PP_PAC_FIND_DEADLINE_S);

      error = g_strdup_printf ("%s() failed: %s", name, why);
      duk_push_undefined (ctx);
    }
  else if (!duk_is_string (ctx, -1))
    error = g_strdup_printf ("%s() returned %s instead of a string such as \"PROXY host:port\"",
                             name, duk_is_null (ctx, -1) ? "null"
                                   : duk_is_undefined (ctx, -1) ? "nothing"
                                   : duk_is_number (ctx, -1) ? "a number"
                                   : duk_is_boolean (ctx, -1) ? "a boolean" : "an object");
  else if (duk_get_length (ctx, -1) > PP_PAC_MAX_RESULT_LEN)
    error = g_strdup_printf ("%s() returned %lu characters; a proxy list is never that long",
                             name, (unsigned long) duk_get_length (ctx, -1));
  helper->state.deadline = 0;

  reply (helper, error ? NULL : duk_get_string (ctx, -1), error);
  duk_pop (ctx);
}

static void
handle_line (PpPacHelper *helper,
             const char  *line,
             gsize        len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *request;
  const char *op;

  if (!json_parser_load_from_data (parser, line, (gssize) len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error ("the request is not a JSON object");
      return;
    }

  request = json_node_get_object (json_parser_get_root (parser));
  op = json_object_get_string_member_with_default (request, "op", "");
  if (g_str_equal (op, "load"))
    handle_load (helper, json_object_get_string_member_with_default (request, "script", ""));
  else if (g_str_equal (op, "find"))
    handle_find (helper,
                 json_object_get_string_member_with_default (request, "url", ""),
                 json_object_get_string_member_with_default (request, "host", ""));
  else
    reply_error ("unknown request: expected \"load\" or \"find\"");
}

int
main (int argc, char **argv)
{
  PpPacHelper helper = { 0 };
  char *line = NULL;
  size_t size = 0;
  ssize_t len;

  sandbox_self ();
  pp_pac_state_init (&helper.state);

  while ((len = getline (&line, &size, stdin)) > 0)
    handle_line (&helper, line, (gsize) len);

  free (line);
  g_clear_pointer (&helper.ctx, duk_destroy_heap);
  pp_pac_state_clear (&helper.state);
  return 0;
}
