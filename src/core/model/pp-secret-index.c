/* pp-secret-index.c: where registered passwords occur in a text
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Aho–Corasick automaton over every registered string, so that one
 * pass over a text finds all of their occurrences at once: the cost is
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

struct _PpSecretIndex
{
  GArray *nodes;          /* Node; 0 is the root */
  guint32 root_child[256]; /* the root's children by byte: most steps start there */
  guint n_strings;
  gboolean links_stale;   /* a string was added since the failure links were made */
};

PpSecretIndex *
pp_secret_index_new (void)
{
  PpSecretIndex *index = g_new0 (PpSecretIndex, 1);
  Node root = { 0 };

  index->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_append_val (index->nodes, root);

  return index;
}

void
pp_secret_index_free (PpSecretIndex *index)
{
  if (index == NULL)
    return;

  g_array_unref (index->nodes);
  g_free (index);
}

static inline Node *
node_at (PpSecretIndex *index,
         guint32        i)
{
  return &g_array_index (index->nodes, Node, i);
}

static guint32
child (PpSecretIndex *index,
       guint32        parent,
       guint8         byte)
{
  if (parent == 0)
    return index->root_child[byte];
  for (guint32 k = node_at (index, parent)->first_child; k != 0; k = node_at (index, k)->next_sibling)
    if (node_at (index, k)->byte == byte)
      return k;

  return 0;
}

static guint32
add_child (PpSecretIndex *index,
           guint32        parent,
           guint8         byte)
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

/**
 * pp_secret_index_add:
 * @secret: a non-empty string to find from now on
 *
 * Returns: %FALSE if @secret was already there (or empty)
 */
gboolean
pp_secret_index_add (PpSecretIndex *index,
                     const char    *secret)
{
  guint32 at = 0;

  if (secret == NULL || *secret == '\0')
    return FALSE;

  for (const guint8 *p = (const guint8 *) secret; *p; p++)
    {
      guint32 next = child (index, at, *p);

      at = next != 0 ? next : add_child (index, at, *p);
    }
  if (node_at (index, at)->registered)
    return FALSE;

  node_at (index, at)->registered = TRUE;
  index->n_strings++;
  index->links_stale = TRUE;

  return TRUE;
}

guint
pp_secret_index_size (PpSecretIndex *index)
{
  return index->n_strings;
}

/* The state after @byte: the deepest node whose string ends the text
 * read so far. */
static guint32
step (PpSecretIndex *index,
      guint32        state,
      guint8         byte)
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
 * children need it. Only when a string was added since: adding is rare,
 * masking is every line. */
static void
make_links (PpSecretIndex *index)
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
  index->links_stale = FALSE;
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

/**
 * pp_secret_index_mask:
 * @text: the text to look in
 * @mask: what each run of occurrences becomes
 * @out: where @text goes, masked (appended to)
 *
 * Applies the rule above in one pass over @text.
 */
void
pp_secret_index_mask (PpSecretIndex *index,
                      const char    *text,
                      const char    *mask,
                      GString       *out)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint32 state = 0;
  gsize done = 0;
  gsize i;

  if (index->links_stale)
    make_links (index);

  for (i = 0; text[i] != '\0'; i++)
    {
      guint32 longest;

      state = step (index, state, (guint8) text[i]);
      /* The longest string ending here covers every shorter one that does. */
      longest = node_at (index, state)->out;
      if (longest != 0)
        add_run (runs, i + 1 - longest, i + 1);
    }

  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);

      g_string_append_len (out, text + done, run->start - done);
      g_string_append (out, mask);
      done = run->end;
    }
  g_string_append_len (out, text + done, i - done);
}
