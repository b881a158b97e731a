/* pp-test-gui.h: what the GUI tests share (see pp-test-gui.c)
 *
 * Copyright 2026 The Proxy Probe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-application.h"
#include "pp-cell-widget.h"
#include "pp-grid-cell.h"
#include "pp-window.h"
#include "testbed/pp-testbed.h"

G_BEGIN_DECLS

#define CANARY "CanaryPw42"

extern PpTestbed *testbed;
extern PpApplication *app;
extern char *initial_gdk_debug;         /* GDK_DEBUG and GSK_RENDERER before */
extern char *initial_gsk_renderer;      /* the display opened (pp_gui_init) */
extern const char * const run_paths[];   /* 204, 200 and 503 from the testbed */

gboolean      gui_test_init      (int          *argc,
                                  char       ***argv);
int           gui_test_run       (void);

GSettings    *settings           (void);
void          reset_settings     (void);
void          set_urls           (const char * const *paths);
void          configure_proxies  (void);
PpWindow     *new_window         (void);
PpWindow     *new_window_sized   (int           width,
                                  int           height);
PpWindow     *new_window_fitting (int           width,
                                  int           height);
PpWindow     *run_in_new_window  (int           width,
                                  int           height);
/* How long a GUI test waits for anything before it fails: generous, so
 * that a loaded machine or a sanitizer build (several times slower) only
 * makes the tests slower, never red. */
#define WAIT_TIMEOUT_S 120

/* Runs the main context until @condition holds; after WAIT_TIMEOUT_S
 * seconds the test fails, naming the condition and where it waited. */
#define wait_until(condition)                                                  \
  G_STMT_START {                                                               \
    gint64 wait_deadline_ = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC; \
    while (!(condition))                                                       \
      if (!iterate_until (wait_deadline_))                                     \
        g_error ("%s:%d: waited %d s in vain for: %s",                         \
                 __FILE__, __LINE__, WAIT_TIMEOUT_S, #condition);              \
  } G_STMT_END

gboolean      iterate_until      (gint64        deadline);
void          wait_for_frame     (GtkWidget    *widget);
void          assert_goes_idle   (GtkWidget    *widget);
void          wait_for_frames    (GtkWidget    *widget,
                                  guint         n);
void          wait_for_run       (PpWindow     *window);
PpGridCell   *cell_at            (PpWindow     *window,
                                  guint         row,
                                  PpMethod      method);
typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

GtkWidget    *find_widget        (GtkWidget    *root,
                                  WidgetMatch   match,
                                  gconstpointer data);
void          collect            (GtkWidget    *root,
                                  WidgetMatch   match,
                                  GPtrArray    *found);
PpCellWidget *find_cell_widget   (GtkWidget    *root,
                                  PpGridCell   *cell);
void          assert_cell        (PpWindow     *window,
                                  guint         row,
                                  PpMethod      method,
                                  PpCellState   state,
                                  const char   *words);
void          assert_titles_fit  (PpWindow     *window);
void          save_screenshot    (PpWindow     *window,
                                  const char   *name);
GdkTexture   *render_widget      (GtkWidget    *widget);
GBytes       *window_screenshot  (PpWindow     *window);
GtkWindow    *find_preferences   (void);
guchar       *texture_pixels     (GdkTexture   *texture);
GtkWidget    *find_type          (GtkWidget    *root,
                                  GType         type);
GtkWidget    *focused            (PpWindow     *window);
char         *clipboard_text     (GtkWidget    *widget);
double        text_contrast      (const guchar *pixels,
                                  int           stride_px,
                                  const graphene_rect_t *rect);
void          set_high_contrast  (gboolean      high_contrast);

G_END_DECLS
