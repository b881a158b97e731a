/* pp-secret-index.c: where registered passwords occur in a text
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Aho–Corasick automata over the registered strings, so that one pass
 * over a text finds all of an automaton's occurrences at once: the cost is
 * the text's length (and how many occurrences overlap), not the number
 * of strings times the text's length. Redaction runs on every line the
 * programs put out, and a hostile profile's URLs can register thousands
 * of passwords.
 *
 * The rule: every byte of the text that lies inside an occurrence of a
 * registered string is hidden. Occurrences that overlap (one string
 * inside, a prefix of, or partly over another) become one mask;
 * occurrences that only touch stay two masks, as two replacements gave.
 * Where no two different strings partly overlap this is exactly what
 * replacing each string in turn, longest first, gave; where they do, it
 * hides the part the older way left showing.
 *
 * An automaton is made once and never changed: remaking one for every
 * string added would cost the sum of all sizes, quadratic in a hostile
 * profile's passwords. So the strings are kept in automata of 1, 2, 4,
 * ... strings (a binary counter: adding one merges the full levels below
 * the first empty one), and a text is read once per automaton: at most
 * log2 of their number, each string remade log2 times in all. When the
 * index is full, which is when a hostile input has filled it, every
 * string goes into one automaton, read once.
 *
 * Not thread-safe: the caller holds its lock around every call.
 */

#include "pp-secret-index.h"

#include <string.h>

typedef struct
{
  guint32 first_child;   /* 0: none (the root is nobody's child) */
  guint32 next_sibling;
  guint32 fail;          /* the longest proper suffix that is in the trie */
  guint32 depth;
  guint32 out;           /* the longest registered string ending here, or 0 */
  guint8 byte;
  gboolean registered;
} Node;

/* The part of the text an occurrence, or a run of overlapping ones,
 * covers: start .. end, end excluded. */
typedef struct
{
  gsize start;
  gsize end;
} Run;

typedef struct
{
  GArray *nodes;           /* Node; 0 is the root */
  guint32 root_child[256]; /* the root's children by byte: most steps start there */
  GPtrArray *strings;      /* what it finds (owned by the index's set) */
} Automaton;

#define N_LEVELS 32

struct _PpSecretIndex
{
  GHashTable *all;               /* every string, owned */
  guint max_strings;
  gsize n_bytes;                 /* their lengths' sum: at most max_bytes */
  gsize max_bytes;
  Automaton *levels[N_LEVELS];   /* level i: none or 2^i strings */
};

static inline Node *
node_at (Automaton *index,
         guint32    i)
{
  return &g_array_index (index->nodes, Node, i);
}

static guint32
child (Automaton *index,
       guint32    parent,
       guint8     byte)
{
  if (parent == 0)
    return index->root_child[byte];
  for (guint32 k = node_at (index, parent)->first_child; k != 0; k = node_at (index, k)->next_sibling)
    if (node_at (index, k)->byte == byte)
      return k;

  return 0;
}

static guint32
add_child (Automaton *index,
           guint32    parent,
           guint8     byte)
{
  guint32 added = index->nodes->len;
  Node node = { .byte = byte, .depth = node_at (index, parent)->depth + 1 };

  if (parent == 0)
    index->root_child[byte] = added;
  else
    {
      node.next_sibling = node_at (index, parent)->first_child;
      node_at (index, parent)->first_child = added;
    }
  g_array_append_val (index->nodes, node);

  return added;
}

static void
insert (Automaton  *index,
        const char *secret)
{
  guint32 at = 0;

  for (const guint8 *p = (const guint8 *) secret; *p; p++)
    {
      guint32 next = child (index, at, *p);

      at = next != 0 ? next : add_child (index, at, *p);
    }
  node_at (index, at)->registered = TRUE;
}

/* The state after @byte: the deepest node whose string ends the text
 * read so far. */
static guint32
step (Automaton *index,
      guint32    state,
      guint8     byte)
{
  for (;;)
    {
      guint32 next = child (index, state, byte);

      if (next != 0 || state == 0)
        return next;
      state = node_at (index, state)->fail;
    }
}

/* Breadth first, so that every node's failure link is made before its
 * children need it. */
static void
make_links (Automaton *index)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint c = 0; c < 256; c++)
    if (index->root_child[c] != 0)
      {
        Node *node = node_at (index, index->root_child[c]);

        node->fail = 0;
        node->out = node->registered ? node->depth : 0;
        g_array_append_val (queue, index->root_child[c]);
      }
  for (guint head = 0; head < queue->len; head++)
    {
      guint32 parent = g_array_index (queue, guint32, head);

      for (guint32 k = node_at (index, parent)->first_child; k != 0; k = node_at (index, k)->next_sibling)
        {
          guint32 fail = step (index, node_at (index, parent)->fail, node_at (index, k)->byte);
          Node *node = node_at (index, k);

          node->fail = fail;
          node->out = node->registered ? node->depth : node_at (index, fail)->out;
          g_array_append_val (queue, k);
        }
    }
}

/* Takes @strings. */
static Automaton *
automaton_new (GPtrArray *strings)
{
  Automaton *index = g_new0 (Automaton, 1);
  Node root = { 0 };

  index->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_append_val (index->nodes, root);
  index->strings = strings;
  for (guint i = 0; i < strings->len; i++)
    insert (index, g_ptr_array_index (strings, i));
  make_links (index);

  return index;
}

/* Returns its strings. */
static GPtrArray *
automaton_free (Automaton *index)
{
  GPtrArray *strings = index->strings;

  g_array_unref (index->nodes);
  g_free (index);

  return strings;
}

/**
 * pp_secret_index_new:
 * @max_strings: how many strings it takes at most
 * @max_bytes: how many bytes they may have in all (an automaton's
 *   memory is some 30 times that)
 */
PpSecretIndex *
pp_secret_index_new (guint max_strings,
                     gsize max_bytes)
{
  PpSecretIndex *index = g_new0 (PpSecretIndex, 1);

  index->all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->max_strings = max_strings;
  index->max_bytes = max_bytes;

  return index;
}

void
pp_secret_index_free (PpSecretIndex *index)
{
  if (index == NULL)
    return;

  for (guint i = 0; i < N_LEVELS; i++)
    if (index->levels[i] != NULL)
      g_ptr_array_unref (automaton_free (index->levels[i]));
  g_hash_table_unref (index->all);
  g_free (index);
}

/* @carry's strings, and those of every level from @level up to the
 * first empty one (all of them if @to_top), as one automaton there. */
static void
merge_levels (PpSecretIndex *index,
              GPtrArray     *carry,
              guint          level,
              gboolean       to_top)
{
  guint top = level;

  for (guint i = level; i < N_LEVELS; i++)
    {
      if (index->levels[i] == NULL && !to_top)
        break;
      if (index->levels[i] != NULL)
        {
          g_autoptr(GPtrArray) strings = automaton_free (index->levels[i]);

          g_ptr_array_extend (carry, strings, NULL, NULL);
          index->levels[i] = NULL;
          top = i;
        }
      if (!to_top)
        top = i + 1;
    }
  index->levels[MIN (top, N_LEVELS - 1)] = automaton_new (carry);
}

/**
 * pp_secret_index_add:
 * @secret: a non-empty string to find from now on
 *
 * Returns: %FALSE if @secret was already there, empty, or would take
 *   the index past either bound
 */
gboolean
pp_secret_index_add (PpSecretIndex *index,
                     const char    *secret)
{
  GPtrArray *carry;
  char *copy;
  gsize length;

  if (secret == NULL || *secret == '\0' || g_hash_table_contains (index->all, secret)
      || g_hash_table_size (index->all) >= index->max_strings)
    return FALSE;
  length = strlen (secret);
  if (length > index->max_bytes - index->n_bytes)
    return FALSE;

  index->n_bytes += length;
  copy = g_strdup (secret);
  g_hash_table_add (index->all, copy);
  carry = g_ptr_array_new ();
  g_ptr_array_add (carry, copy);
  merge_levels (index, carry, 0, g_hash_table_size (index->all) == index->max_strings);

  return TRUE;
}

/* Runs end in increasing order, as the text is read; a new occurrence
 * swallows the runs it overlaps. */
static void
add_run (GArray *runs,
         gsize   start,
         gsize   end)
{
  while (runs->len > 0 && g_array_index (runs, Run, runs->len - 1).end > start)
    {
      start = MIN (start, g_array_index (runs, Run, runs->len - 1).start);
      g_array_set_size (runs, runs->len - 1);
    }
  g_array_append_val (runs, ((Run) { start, end }));
}

/* One automaton's occurrences in @text, as runs, after those in @all. */
static void
find_runs (Automaton  *index,
           const char *text,
           GArray     *all)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint32 state = 0;

  for (gsize i = 0; text[i] != '\0'; i++)
    {
      guint32 longest;

      state = step (index, state, (guint8) text[i]);
      /* The longest string ending here covers every shorter one that does. */
      longest = node_at (index, state)->out;
      if (longest != 0)
        add_run (runs, i + 1 - longest, i + 1);
    }
  g_array_append_vals (all, runs->data, runs->len);
}

static int
by_start (gconstpointer a,
          gconstpointer b)
{
  const Run *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1
         : x->end < y->end ? -1 : x->end > y->end;
}

/* Several automata's runs, sorted, become the runs of the rule. */
static GArray *
merge_runs (GArray *runs)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Run));

  g_array_sort (runs, by_start);
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      Run *last = merged->len > 0 ? &g_array_index (merged, Run, merged->len - 1) : NULL;

      if (last != NULL && last->end > run->start)
        last->end = MAX (last->end, run->end);
      else
        g_array_append_val (merged, *run);
    }

  return merged;
}

/**
 * pp_secret_index_mask:
 * @text: the text to look in
 * @mask: what each run of occurrences becomes
 * @out: where @text goes, masked (appended to)
 *
 * Applies the rule above, reading @text once per automaton.
 */
void
pp_secret_index_mask (PpSecretIndex *index,
                      const char    *text,
                      const char    *mask,
                      GString       *out)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) runs = NULL;
  guint n_automata = 0;
  gsize done = 0;

  for (guint i = 0; i < N_LEVELS; i++)
    if (index->levels[i] != NULL)
      {
        find_runs (index->levels[i], text, found);
        n_automata++;
      }
  runs = n_automata > 1 ? merge_runs (found) : g_array_ref (found);

  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);

      g_string_append_len (out, text + done, run->start - done);
      g_string_append (out, mask);
      done = run->end;
    }
  g_string_append (out, text + done);
}
