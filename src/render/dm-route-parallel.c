/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-i18n.h"
#include "dm-route-private.h"
#include "dm-worker-priority.h"

/* A figure's legs drawn by several threads at once. Most of a big figure's time is its legs'
 * strokes (docs/PERFORMANCE.md), one after the other: here the strokes of
 * dm_route_draw_legs() are cut into parts of about the same work, in their order; the
 * calling thread draws the first part straight onto the figure while each other thread
 * draws its part onto a transparent image of the map area, and those are laid over the
 * figure in order. OVER is associative, so the picture is the same within Cairo's rounding
 * of a blend on the lines' soft edges (/render/figure-parallel compares them). Cutting the
 * picture into bands of rows instead costs each band every stroke that crosses it, and Cairo
 * rasterises a stroke cut at a band's edge a little differently: tried, dropped.
 * A figure's dots and names of places lie over its legs: given to the job, the last part's
 * thread paints them onto its image after its strokes (OVER again: the legs and then the
 * names, laid over together, are the names painted over the legs), so that they are no
 * longer drawn by the calling thread alone once the legs are done. */

#define MAX_PARTS 8
/* fewer strokes than this: one thread draws them sooner than threads start */
#define MIN_STROKES 64
/* the work of a stroke besides its rows, in rows: building its outline */
#define STROKE_ROWS 24

typedef struct
{
  DmRouteSet         *set;
  const DmView       *view;
  const DmRouteStyle *style;
  gint64              t;
  const guint8       *hidden;
  guint               first, last;  /* strokes */
  cairo_t            *cr;
  const DmRouteLabels *labels;      /* painted over the strokes, or NULL */
  const char         *language;     /* of the labels' texts (dm_i18n_set_thread_language()) */
  gboolean            queued, done;
} Part;

/* The parts' threads are kept for the process: a thread keeps its Pango context and fonts
 * (dm-text.c), which a new thread would load again for each figure's names (10-15 ms) */
static GMutex parts_lock;
static GCond  parts_done;

static gpointer
draw_part_cb (gpointer data)
{
  Part *part = data;

  dm_worker_priority_lower ();
  dm_route_draw_legs_part (part->set, part->cr, part->view, part->style, part->t, FALSE,
                           part->hidden, part->first, part->last);
  if (part->labels != NULL)
    {
      g_autofree char *previous = g_strdup (dm_i18n_get_thread_language ());

      dm_i18n_set_thread_language (part->language);
      dm_route_paint_labels (part->set, part->cr, part->view, part->style, part->labels);
      dm_i18n_set_thread_language (previous);
    }
  cairo_surface_flush (cairo_get_target (part->cr));
  return NULL;
}

static void
run_part_cb (gpointer data,
             gpointer user_data)
{
  Part *part = data;

  draw_part_cb (part);
  g_mutex_lock (&parts_lock);
  part->done = TRUE;
  g_cond_broadcast (&parts_done);
  g_mutex_unlock (&parts_lock);
}

/* The threads that draw the parts after the first: one fewer than the processors */
static GThreadPool *
get_pool (void)
{
  static gsize pool;

  if (g_once_init_enter (&pool))
    {
      guint n = CLAMP (g_get_num_processors (), 2, MAX_PARTS) - 1;

      g_once_init_leave (&pool, (gsize) g_thread_pool_new (run_part_cb, NULL, (int) n, TRUE, NULL));
    }
  return (GThreadPool *) pool;
}

/* Can @cr's picture be drawn in layers laid over it? Its target is an image it draws on
 * directly, with no device offset nor scale, and it is clipped to @clip (user space) alone,
 * as far as its clip's extents tell: the device pixels around @clip, in @extents */
static gboolean
can_layer (cairo_t                 *cr,
           const cairo_rectangle_t *clip,
           cairo_rectangle_int_t   *extents)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double x0, y0, x1, y1, cx[4], cy[4];

  if (cairo_get_group_target (cr) != target || cairo_get_operator (cr) != CAIRO_OPERATOR_OVER ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_surface_get_device_scale (target, &x0, &y0);
  if (x0 != 1 || y0 != 1)
    return FALSE;
  cairo_surface_get_device_offset (target, &x0, &y0);
  if (x0 != 0 || y0 != 0)
    return FALSE;
  /* @clip's corners on the device */
  for (int i = 0; i < 4; i++)
    {
      cx[i] = clip->x + (i & 1 ? clip->width : 0), cy[i] = clip->y + (i & 2 ? clip->height : 0);
      cairo_user_to_device (cr, &cx[i], &cy[i]);
    }
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  cairo_restore (cr);
  extents->x = (int) floor (x0), extents->y = (int) floor (y0);
  extents->width = (int) ceil (x1) - extents->x, extents->height = (int) ceil (y1) - extents->y;
  return extents->width > 0 && extents->height > 0 &&
         x0 == MAX (floor (MIN (MIN (cx[0], cx[1]), MIN (cx[2], cx[3]))), 0) &&
         y0 == MAX (floor (MIN (MIN (cy[0], cy[1]), MIN (cy[2], cy[3]))), 0) &&
         x1 == MIN (ceil (MAX (MAX (cx[0], cx[1]), MAX (cx[2], cx[3]))),
                    cairo_image_surface_get_width (target)) &&
         y1 == MIN (ceil (MAX (MAX (cy[0], cy[1]), MAX (cy[2], cy[3]))),
                    cairo_image_surface_get_height (target));
}

/* Where to cut @n_strokes strokes into @n parts of about the same work: the rows each spans
 * (a hollow leg's two strokes twice), and STROKE_ROWS more; the first part's thread has
 * @head rows of other work to do before its strokes, the last part's @tail rows after them.
 * @cuts gets n + 1 strokes. */
static void
find_cuts (DmRouteSet         *set,
           const DmView       *view,
           const DmRouteStyle *style,
           gint64              t,
           const guint8       *hidden,
           guint               n_strokes,
           guint               n,
           double              head,
           double              tail,
           guint              *cuts)
{
  const DmRouteProjected *p = dm_route_set_get_projected (set, view);
  g_autofree double *work = g_new0 (double, n_strokes + 1);
  double total = 0, sum = head;
  guint k = 1;

  for (guint i = 0; i < n_strokes; i++)
    {
      guint index;
      const double *box;
      double rows;

      if (hidden[i])
        continue;
      index = dm_route_get_stroke_leg (set, style, t, FALSE, i);
      box = &p->box[4 * index];
      rows = CLAMP ((box[3] - box[1]) * view->scale, 0, view->height) + STROKE_ROWS;
      work[i] = g_array_index (set->legs, DmRouteLeg, index).inferred ? 2 * rows : rows;
      total += work[i];
    }
  total += head + tail;
  cuts[0] = 0;
  /* the first part may be empty, when the head is more than its share */
  while (k < n && sum * n >= total * k)
    cuts[k++] = 0;
  for (guint i = 0; i < n_strokes && k < n; i++)
    {
      sum += work[i];
      while (k < n && sum * n >= total * k)
        cuts[k++] = i + 1;
    }
  for (; k <= n; k++)
    cuts[k] = n_strokes;
}

struct _DmRouteLegsJob
{
  DmRouteSet         *set;
  const DmView       *view;
  const DmRouteStyle *style;
  gint64              t;
  guint8             *hidden;     /* NULL: drawn by one thread, in finish */
  const DmRouteLabels *labels;    /* painted by the last part, or NULL */
  char               *language;
  guint               n;
  Part                parts[MAX_PARTS];
  cairo_rectangle_int_t extents;
};

/**
 * dm_route_legs_job_start:
 * Starts drawing what dm_route_draw_legs() draws (not @faint_all) onto @cr, as
 * dm_route_draw_legs_parallel() does, but with the parts after the first begun at once by
 * other threads: the calling thread may draw what lies under the legs (the base map, its
 * labels: about @head rows of work, STROKE_ROWS being one stroke's outline) before
 * dm_route_legs_job_finish() draws the first part onto @cr and lays the others over it.
 * Between the two, @cr's matrix, clip and target stay as they are, and @set is only read.
 * @view and @style must live until then.
 */
DmRouteLegsJob *
dm_route_legs_job_start (DmRouteSet              *set,
                         cairo_t                 *cr,
                         const DmView            *view,
                         const DmRouteStyle      *style,
                         gint64                   t,
                         const cairo_rectangle_t *clip,
                         guint                    n_parts,
                         double                   head)
{
  return dm_route_legs_job_start_with_labels (set, cr, view, style, t, clip, n_parts, head,
                                              NULL);
}

/**
 * dm_route_legs_job_start_with_labels:
 * @labels: (nullable): placed by dm_route_place_labels() with the same set, view and style;
 *   must live until dm_route_legs_job_finish()
 *
 * dm_route_legs_job_start(), and when the legs are drawn in parts, @labels painted over
 * them (dm_route_paint_labels()) by the last part's thread, in the calling thread's language:
 * dm_route_legs_job_paints_labels() tells whether the caller still has to paint them, after
 * dm_route_legs_job_finish(). Nothing may be drawn between the legs and the labels.
 */
DmRouteLegsJob *
dm_route_legs_job_start_with_labels (DmRouteSet              *set,
                                     cairo_t                 *cr,
                                     const DmView            *view,
                                     const DmRouteStyle      *style,
                                     gint64                   t,
                                     const cairo_rectangle_t *clip,
                                     guint                    n_parts,
                                     double                   head,
                                     const DmRouteLabels     *labels)
{
  DmRouteLegsJob *job = g_new0 (DmRouteLegsJob, 1);
  guint cuts[MAX_PARTS + 1];
  guint n = MIN (n_parts > 0 ? n_parts : (guint) g_get_num_processors (), MAX_PARTS);
  guint n_strokes = 0;
  cairo_matrix_t m;

  job->set = set, job->view = view, job->style = style, job->t = t, job->n = n;
  if (n >= 2 && !style->flows && can_layer (cr, clip, &job->extents))
    job->hidden = dm_route_dup_hidden_strokes (set, style, t, FALSE, &n_strokes);
  if (n_strokes < MIN_STROKES)
    {
      g_clear_pointer (&job->hidden, g_free);
      return job;
    }

  /* the projected legs, built here once: the threads only read the set */
  dm_route_set_get_projected (set, view);
  if (labels != NULL)
    {
      job->labels = labels;
      job->language = g_strdup (dm_i18n_get_thread_language ());
    }
  find_cuts (set, view, style, t, job->hidden, n_strokes, n, MAX (head, 0),
             labels != NULL ? dm_route_labels_get_work (labels) : 0, cuts);
  cairo_get_matrix (cr, &m);
  for (guint i = 0; i < n; i++)
    {
      Part *part = &job->parts[i];

      part->set = set, part->view = view, part->style = style, part->t = t;
      part->hidden = job->hidden, part->first = cuts[i], part->last = cuts[i + 1];
      part->cr = NULL;
      part->labels = i == n - 1 ? job->labels : NULL;
      part->language = job->language;
      if (i == 0)
        continue;
      /* the map area's pixels, transparent, the same user space */
      {
        cairo_surface_t *layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             job->extents.width,
                                                             job->extents.height);
        cairo_matrix_t shifted = m;

        part->cr = cairo_create (layer);
        cairo_surface_destroy (layer);
        shifted.x0 -= job->extents.x, shifted.y0 -= job->extents.y;
        cairo_set_matrix (part->cr, &shifted);
        /* each stroke clipped as on @cr, so that the clip's soft edge is the same */
        cairo_rectangle (part->cr, clip->x, clip->y, clip->width, clip->height);
        cairo_clip (part->cr);
        cairo_set_antialias (part->cr, cairo_get_antialias (cr));
        cairo_set_tolerance (part->cr, cairo_get_tolerance (cr));
        cairo_set_fill_rule (part->cr, cairo_get_fill_rule (cr));
        cairo_set_miter_limit (part->cr, cairo_get_miter_limit (cr));
      }
      part->queued = get_pool () != NULL && g_thread_pool_push (get_pool (), part, NULL);
    }
  return job;
}

/**
 * dm_route_legs_job_finish:
 * Draws the first part of @job's strokes onto @cr (the context it started with), waits for
 * the other parts and lays them over, in order; frees @job.
 * Returns: the number of parts drawn, 1 when not in parts
 */
guint
dm_route_legs_job_finish (DmRouteLegsJob *job,
                          cairo_t        *cr)
{
  guint n = job->n;

  if (job->hidden == NULL)
    {
      dm_route_draw_legs (job->set, cr, job->view, job->style, job->t, FALSE);
      g_free (job);
      return 1;
    }
  dm_route_draw_legs_part (job->set, cr, job->view, job->style, job->t, FALSE, job->hidden,
                           job->parts[0].first, job->parts[0].last);
  /* the layers are clipped already: laid over @cr's pixels as they are */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_reset_clip (cr);
  cairo_rectangle (cr, job->extents.x, job->extents.y, job->extents.width, job->extents.height);
  cairo_clip (cr);
  for (guint i = 1; i < n; i++)
    {
      Part *part = &job->parts[i];

      if (part->queued)
        {
          g_mutex_lock (&parts_lock);
          while (!part->done)
            g_cond_wait (&parts_done, &parts_lock);
          g_mutex_unlock (&parts_lock);
        }
      else
        draw_part_cb (part);
      cairo_set_source_surface (cr, cairo_get_target (part->cr), job->extents.x,
                                job->extents.y);
      cairo_paint (cr);
      cairo_destroy (part->cr);
    }
  cairo_restore (cr);
  g_free (job->hidden);
  g_free (job->language);
  g_free (job);
  return n;
}

/**
 * dm_route_legs_job_paints_labels:
 * Whether @job paints the labels given to dm_route_legs_job_start_with_labels() (it does when
 * it draws the legs in parts); else the caller paints them after dm_route_legs_job_finish().
 */
gboolean
dm_route_legs_job_paints_labels (const DmRouteLegsJob *job)
{
  return job->labels != NULL;
}

/**
 * dm_route_draw_legs_parallel:
 * What dm_route_draw_legs() draws (not @faint_all) onto @cr, clipped to @clip (user space)
 * and nothing else, drawn by @n_parts threads (0: as many as the machine has cores, 8 at
 * most), each a part of the strokes, when @cr draws straight onto an image and there are
 * enough strokes; else as dm_route_draw_legs() does. The pixels are the same within Cairo's
 * rounding of a blend.
 * Returns: the number of parts drawn, 1 when not in parts
 */
guint
dm_route_draw_legs_parallel (DmRouteSet              *set,
                             cairo_t                 *cr,
                             const DmView            *view,
                             const DmRouteStyle      *style,
                             gint64                   t,
                             const cairo_rectangle_t *clip,
                             guint                    n_parts)
{
  return dm_route_legs_job_finish (dm_route_legs_job_start (set, cr, view, style, t, clip,
                                                            n_parts, 0),
                                   cr);
}
