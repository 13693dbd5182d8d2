/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>

/* captions are in the figure's language (dm-i18n.c) */
#define DM_I18N_THREAD_MESSAGES
#include "dm-i18n.h"
#include <math.h>
#include <string.h>

#include "dm-antimeridian.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* What changes from frame to frame: delegations in the air (the leg drawn up to where they
 * are, a fading trail, a marker) and the visits, summits and meetings going on, with captions.
 * Found by binary search in the legs sorted by start, so a frame costs what moves, not what
 * the document holds. */

#define MAX_CAPTION_LINES 6

/* Where this frame's markers and captions may go: free in @frame (what this frame placed)
 * and in @avoid (place names on screen), if not NULL */
typedef struct
{
  DmLabelPlacer       *frame;
  const DmLabelPlacer *avoid;
} Placement;

/* Next to the anchor, else a little further out */
static gboolean
placement_find (Placement *pl,
                double     ax,
                double     ay,
                double     gap,
                double     w,
                double     h,
                double    *x,
                double    *y)
{
  return dm_label_placer_place (pl->frame, pl->avoid, ax, ay, gap, w, h, x, y) ||
         dm_label_placer_place (pl->frame, pl->avoid, ax, ay, gap * 3.0, w, h, x, y);
}

static void
draw_in_air (DmRouteSet         *set,
             cairo_t            *cr,
             const DmView       *view,
             const DmRouteStyle *style,
             const DmRouteLeg   *leg,
             gint64              t,
             gboolean            flown_cached,
             Placement          *pl)
{
  g_autofree DmLonLat *buf = g_new (DmLonLat, leg->n + 2);
  DmRgba color = dm_route_set_leg_color (set, style, leg->actor, leg->status);
  double f = leg->end > leg->start ? (double) (t - leg->start) / (leg->end - leg->start) : 1.0;
  const DmRouteProjected *proj = dm_route_set_get_projected (set, view);
  double px_len = proj->length[leg - (const DmRouteLeg *) (void *) set->legs->data] * view->scale;
  /* the trail: a share of the leg, but no longer than 40 line widths */
  double trail = MIN (style->trail_fraction, 40.0 * style->line_width / MAX (px_len, 1.0));
  double f_trail = MAX (0.0, f - trail);
  DmLonLat here;
  guint n;
  int k0, k1;

  /* the way flown so far, in the leg's own style (unless a cache has it) */
  dm_route_leg_points (set, leg, f, f, &here, 1);
  if (!flown_cached)
    dm_route_draw_piece (set, cr, view, style, leg, 0.0, f);

  /* the trail: the last part flown, one stroke fading in towards the marker (its ends are
   * transparent or under the marker: butt caps, and bevel joins, cost least) */
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  /* a soft, moving stroke: the fast antialiasing is indistinguishable and cheaper */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  n = f > f_trail ? dm_route_leg_points (set, leg, f_trail, f, buf, leg->n + 2) : 0;
  if (n >= 2)
    {
      double lon0 = MIN (buf[0].lon, buf[n - 1].lon), lon1 = MAX (buf[0].lon, buf[n - 1].lon);
      gboolean wraps = dm_projection_wraps (view->projection);

      for (guint i = 0; i < n; i++)
        lon0 = MIN (lon0, buf[i].lon), lon1 = MAX (lon1, buf[i].lon);
      if (!wraps)
        k0 = k1 = 0;
      else if (!dm_view_get_copies (view, lon0, lon1, &k0, &k1))
        k0 = 1, k1 = 0;
      for (int k = k0; k <= k1; k++)
        {
          cairo_pattern_t *fade;
          double x0, y0, x1, y1;

          cairo_new_path (cr);
          if (wraps)
            dm_route_add_lonlat (cr, view, buf, n, k);
          else
            dm_route_stroke_lonlat (cr, view, buf, n);
          dm_view_project (view, dm_view_wrap_lon (view, buf[0].lon + 360.0 * k * wraps),
                           buf[0].lat, &x0, &y0);
          dm_view_project (view, dm_view_wrap_lon (view, buf[n - 1].lon + 360.0 * k * wraps),
                           buf[n - 1].lat, &x1, &y1);
          fade = cairo_pattern_create_linear (x0, y0, x1, y1);
          cairo_pattern_add_color_stop_rgba (fade, 0, color.red, color.green, color.blue, 0.0);
          cairo_pattern_add_color_stop_rgba (fade, 1, color.red, color.green, color.blue, 0.75);
          cairo_set_source (cr, fade);
          cairo_set_line_width (cr, style->line_width * 2.0);
          cairo_stroke (cr);
          cairo_pattern_destroy (fade);
        }
    }
  cairo_restore (cr);

  /* the delegation */
  if (!dm_projection_wraps (view->projection))
    k0 = k1 = 0;
  else if (!dm_view_get_copies (view, here.lon, here.lon, &k0, &k1))
    return;
  for (int k = k0; k <= k1; k++)
    {
      double px, py, r = style->marker_radius;
      double lon = dm_projection_wraps (view->projection) ? here.lon + 360.0 * k
                                                          : dm_view_wrap_lon (view, here.lon);
      dm_view_project (view, lon, here.lat, &px, &py);
      if (px < -r * 2 || py < -r * 2 || px > view->width + r * 2 || py > view->height + r * 2)
        continue;
      /* a disc in a white ring: two fills cost less than a fill and a stroke */
      cairo_new_path (cr);
      cairo_arc (cr, px, py, r + 0.8, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
      cairo_fill (cr);
      cairo_arc (cr, px, py, r - 0.8, 0, 2 * G_PI);
      dm_cairo_set_rgba (cr, &color, 1.0);
      cairo_fill (cr);
      dm_label_placer_add (pl->frame, px - r, py - r, px + r, py + r);
    }
}

/* A mark for a stay: a ring for a visit, a diamond for a meeting, a star for a summit */
void
dm_route_stay_shape (cairo_t     *cr,
                     DmEventKind  kind,
                     double       x,
                     double       y,
                     double       r)
{
  cairo_new_path (cr);
  if (kind == DM_EVENT_KIND_SUMMIT)
    {
      for (int i = 0; i < 10; i++)
        {
          double a = -G_PI / 2 + i * G_PI / 5, rr = i % 2 ? r * 0.5 : r * 1.25;
          if (i == 0)
            cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
          else
            cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      cairo_close_path (cr);
    }
  else if (kind == DM_EVENT_KIND_MEETING)
    {
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.15, y);
      cairo_line_to (cr, x, y + r * 1.15);
      cairo_line_to (cr, x - r * 1.15, y);
      cairo_close_path (cr);
    }
  else
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

/**
 * dm_route_paint_stay:
 * Draws the mark of a stay of @kind and @status in @color at (@x, @y), the statuses told
 * apart as on the legs: completed solid, confirmed lighter, planned, announced and without a
 * status hollow with their legs' dashes, cancelled faint and crossed out (also the legend's
 * swatches).
 */
void
dm_route_paint_stay (cairo_t      *cr,
                     DmEventKind   kind,
                     DmStatus      status,
                     const DmRgba *color,
                     double        x,
                     double        y,
                     double        r)
{
  DmRgba c = dm_route_status_color (status, color);
  guint n_dashes;
  gboolean dashed = dm_route_status_dashes (status, FALSE, &n_dashes) != NULL;
  gboolean hollow = dashed || status == DM_STATUS_CANCELLED;
  /* a visit is a ring (a filled disc is a delegation under way); a dashed outline is thin
   * enough for its dashes to show around a small mark */
  double width = dashed ? 1.7 : kind == DM_EVENT_KIND_VISIT ? r * 0.55 : 1.6;

  cairo_save (cr);
  dm_route_stay_shape (cr, kind, x, y, r);
  if (kind == DM_EVENT_KIND_VISIT)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    dm_cairo_set_rgba (cr, &c, hollow ? 0.3 : 0.9);
  cairo_fill_preserve (cr);
  dm_route_set_status_source (cr, status, FALSE, color, width, 1.0);
  cairo_stroke (cr);
  if (status == DM_STATUS_CANCELLED)
    {
      double d = r * 0.85;

      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, x - d, y - d), cairo_line_to (cr, x + d, y + d);
      cairo_move_to (cr, x + d, y - d), cairo_line_to (cr, x - d, y + d);
      cairo_set_line_width (cr, 1.6);
      dm_cairo_set_rgba (cr, color, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Who takes part in a summit or a meeting: the actor, then the participants, once each */
static GPtrArray *
dup_people (const DmRouteStay *s)
{
  GPtrArray *parts = dm_event_get_participants (s->event);
  DmActor *actor = dm_event_get_actor (s->event);
  GPtrArray *people = g_ptr_array_new ();

  if (actor != NULL)
    g_ptr_array_add (people, actor);
  for (guint j = 0; j < parts->len; j++)
    if (!g_ptr_array_find (people, g_ptr_array_index (parts, j), NULL))
      g_ptr_array_add (people, g_ptr_array_index (parts, j));
  return people;
}

/* The caption's title of a summit or a meeting says where and how many take part: "APEC,
 * Gyeongju · 21 participants" (the place unless the title names it) */
static char *
dup_stay_title (DmRouteSet        *set,
                const DmRouteStay *s)
{
  g_autofree char *title = dm_event_dup_display_title (s->event);
  g_autoptr(GPtrArray) people = NULL;
  DmPlace *place = dm_event_get_place (s->event);
  const char *where = place != NULL ? dm_place_get_name (place) : NULL;
  g_autofree char *titled = NULL;

  if (s->kind == DM_EVENT_KIND_VISIT)
    return g_steal_pointer (&title);
  people = dup_people (s);
  if (where != NULL && strstr (title, where) == NULL)
    /* Translators: a summit's title and its place in a figure's caption, "APEC, Gyeongju" */
    titled = g_strdup_printf (C_("summit caption", "%s, %s"), title, where);
  else
    titled = g_strdup (title);
  if (people->len < 3)
    return g_steal_pointer (&titled);
  /* Translators: a summit's or a meeting's title in a figure's caption, then how many take
   * part: "APEC, Gyeongju · 21 participants" */
  return g_strdup_printf (ngettext ("%s · %u participant", "%s · %u participants",
                                       people->len),
                          titled, people->len);
}

/* The names of who takes part in a summit or a meeting, as many as fit in @max_w, whole,
 * then how many others ("Trump, Xi, Takaichi and 18 others"); NULL when the title already
 * names them all ("Talks between A and B") */
static char *
dup_participants (cairo_t           *cr,
                  const DmRouteStay *s,
                  const char        *title,
                  double             size,
                  double             max_w)
{
  g_autoptr(GPtrArray) people = NULL;
  gboolean all_named = TRUE;

  if (s->kind == DM_EVENT_KIND_VISIT || dm_event_get_participants (s->event)->len == 0)
    return NULL;
  people = dup_people (s);
  for (guint j = 0; j < people->len; j++)
    all_named &= strstr (title, dm_actor_get_name (g_ptr_array_index (people, j))) != NULL;
  if (all_named)
    return NULL;
  for (guint shown = people->len; shown > 0; shown--)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint others = people->len - shown;

      for (guint j = 0; j < shown; j++)
        g_string_append_printf (names, "%s%s", j > 0 ? ", " : "",
                                dm_actor_get_name (g_ptr_array_index (people, j)));
      if (others > 0)
        {
          /* Translators: the first names of those who take part in a summit, then how many
           * more: "Donald Trump, Xi Jinping and 19 others" */
          g_autofree char *list = g_strdup_printf (ngettext ("%s and %u other",
                                                                "%s and %u others", others),
                                                   names->str, others);
          g_string_assign (names, list);
        }
      if (shown == 1 || dm_text_width (cr, names->str, size, DM_TEXT_REGULAR) <= max_w)
        return g_string_free (g_steal_pointer (&names), FALSE);
    }
  return NULL;
}

/* A caption: each stay's title in bold, under it who takes part in a summit or a meeting;
 * stays at the same place are stacked with a little room between them. With no room for it
 * all, the titles alone; with no room for those, no caption. */
static void
draw_stay_caption (DmRouteSet         *set,
                   cairo_t            *cr,
                   const DmView       *view,
                   const DmRouteStyle *style,
                   GPtrArray          *stays,
                   double              px,
                   double              py,
                   Placement          *pl)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) faces = g_array_new (FALSE, FALSE, sizeof (DmTextFace));
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  double size = style->label_size, lh = size * 1.25, x, y;
  double max_w = MAX (140.0, view->width * 0.3);
  DmTextFace title_face = DM_TEXT_BOLD, names_face = DM_TEXT_REGULAR;

  for (guint i = 0; i < stays->len && lines->len < MAX_CAPTION_LINES; i++)
    {
      const DmRouteStay *s = g_ptr_array_index (stays, i);
      g_autofree char *title = dup_stay_title (set, s);
      g_autofree char *names = dup_participants (cr, s, title, size, max_w);
      double top = tops->len == 0 ? 0 : g_array_index (tops, double, tops->len - 1) + lh;

      if (i > 0)
        top += lh * 0.3;
      g_ptr_array_add (lines, dm_text_ellipsize (cr, title, size, title_face, max_w));
      g_array_append_val (faces, title_face);
      g_array_append_val (tops, top);
      if (names != NULL)
        {
          top += lh;
          g_ptr_array_add (lines, dm_text_ellipsize (cr, names, size, names_face, max_w));
          g_array_append_val (faces, names_face);
          g_array_append_val (tops, top);
        }
    }

  for (int attempt = 0; attempt < 2; attempt++)
    {
      double w = 0, h = 0;

      if (attempt == 1)
        {
          /* titles only, one under the other */
          for (guint i = lines->len; i-- > 0;)
            if (g_array_index (faces, DmTextFace, i) != title_face)
              {
                g_ptr_array_remove_index (lines, i);
                g_array_remove_index (faces, i);
              }
          g_array_set_size (tops, lines->len);
          for (guint i = 0; i < lines->len; i++)
            g_array_index (tops, double, i) = lh * i;
        }
      for (guint i = 0; i < lines->len; i++)
        w = MAX (w, dm_text_width (cr, g_ptr_array_index (lines, i), size,
                                   g_array_index (faces, DmTextFace, i)));
      if (lines->len > 0)
        h = g_array_index (tops, double, lines->len - 1) + lh;
      if (placement_find (pl, px, py, style->stay_radius + 4, w, h, &x, &y))
        {
          for (guint i = 0; i < lines->len; i++)
            dm_text_draw (cr, g_ptr_array_index (lines, i), x,
                          y + g_array_index (tops, double, i) + size * 0.95, size,
                          g_array_index (faces, DmTextFace, i), &style->label, &style->halo);
          return;
        }
    }
}

static int
kind_rank (DmEventKind kind)
{
  return kind == DM_EVENT_KIND_SUMMIT ? 0 : kind == DM_EVENT_KIND_MEETING ? 1 : 2;
}

static int
compare_stays_cb (gconstpointer a,
                  gconstpointer b)
{
  const DmRouteStay *sa = *(DmRouteStay * const *) a, *sb = *(DmRouteStay * const *) b;

  if (kind_rank (sa->kind) != kind_rank (sb->kind))
    return kind_rank (sa->kind) - kind_rank (sb->kind);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/* Lists of stays at one place: the place with the most important stay first */
static int
compare_lists_cb (gconstpointer a,
                  gconstpointer b)
{
  GPtrArray *la = *(GPtrArray * const *) a, *lb = *(GPtrArray * const *) b;
  int c = compare_stays_cb (&g_ptr_array_index (la, 0), &g_ptr_array_index (lb, 0));

  return c != 0 ? c : (int) lb->len - (int) la->len;
}

typedef struct
{
  GPtrArray *stays;
  double     x, y;
} Mark;

/* How much of a stay's mark shows at @t: a start the source gave roughly ("~") or as a
 * period fades in from faint to whole over its drawn range (dm_time_get_drawn_range()), a
 * vague end fades out the same way, so that no mark claims a moment the source did not give */
static double
stay_alpha (const DmRouteStay *s,
            gint64             t)
{
  const double faint = 0.15;
  const DmTime *start = dm_event_get_start (s->event), *end = dm_event_get_end (s->event);
  double alpha = 1.0;
  gint64 a, b;

  if (dm_time_get_drawn_range (start, &a, &b) && t < b)
    alpha = MIN (alpha, (double) (t - a) / (b - a));
  if (dm_time_get_drawn_range (end, &a, &b) && t > a)
    alpha = MIN (alpha, (double) (b - t) / (b - a));
  return faint + (1 - faint) * CLAMP (alpha, 0.0, 1.0);
}

static void
draw_stays (DmRouteSet         *set,
            cairo_t            *cr,
            const DmView       *view,
            const DmRouteStyle *style,
            gint64              t,
            Placement          *pl)
{
  g_autoptr(GHashTable) by_place = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  double r = style->stay_radius;

  for (guint i = 0; i < set->stays->len; i++)
    {
      DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
      GPtrArray *list;

      if (!dm_route_stay_is_on (s, t))
        continue;
      list = g_hash_table_lookup (by_place, GUINT_TO_POINTER (s->place + 1));
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_ptr_array_add (lists, list);
          g_hash_table_insert (by_place, GUINT_TO_POINTER (s->place + 1), list);
        }
      g_ptr_array_add (list, s);
    }
  for (guint i = 0; i < lists->len; i++)
    g_ptr_array_sort (g_ptr_array_index (lists, i), compare_stays_cb);
  g_ptr_array_sort (lists, compare_lists_cb);

  /* marks first, so that no caption covers another place's mark */
  for (guint i = 0; i < lists->len; i++)
    {
      GPtrArray *list = g_ptr_array_index (lists, i);
      const DmRouteStay *main = g_ptr_array_index (list, 0);
      const DmRoutePlace *place = &g_array_index (set->places, DmRoutePlace, main->place);
      double lon = place->pos.lon;
      DmRgba color;
      double alpha;
      int k0 = 0, k1 = 0;

      /* the most important stay gives the mark: a summit's is dark, the others the actor's */
      color = main->kind == DM_EVENT_KIND_SUMMIT ? dm_rgba_from_hex (0x333333, 1.0f)
            : dm_route_set_leg_color (set, style, main->actor, main->status);
      if (main->status == DM_STATUS_CANCELLED)
        color = style->cancelled;
      if (!dm_projection_wraps (view->projection))
        lon = dm_view_wrap_lon (view, lon);
      else if (!dm_view_get_copies (view, lon, lon, &k0, &k1))
        continue;
      alpha = stay_alpha (main, t);
      for (int k = k0; k <= k1; k++)
        {
          Mark m = { list, 0, 0 };

          dm_view_project (view, lon + 360.0 * k, place->pos.lat, &m.x, &m.y);
          if (m.x < -r * 3 || m.y < -r * 3 || m.x > view->width + r * 3 || m.y > view->height + r * 3)
            continue;
          if (alpha < 1.0)
            cairo_push_group (cr);
          dm_route_stay_shape (cr, main->kind, m.x, m.y, r + 2.0);
          cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
          cairo_fill (cr);
          dm_route_paint_stay (cr, main->kind, main->status, &color, m.x, m.y, r);
          if (alpha < 1.0)
            {
              cairo_pop_group_to_source (cr);
              cairo_paint_with_alpha (cr, alpha);
            }
          dm_label_placer_add (pl->frame, m.x - r - 2, m.y - r - 2, m.x + r + 2, m.y + r + 2);
          g_array_append_val (marks, m);
        }
    }
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *m = &g_array_index (marks, Mark, i);
      draw_stay_caption (set, cr, view, style, m->stays, m->x, m->y, pl);
    }
}

/**
 * dm_route_draw_moving:
 * Draws, at @t, the legs in the air and the stays going on; with @flown_cached, not the part
 * of the legs in the air already flown (dm_route_draw_flown() put it in a cache). Markers and
 * captions go into @frame (boxes taken this frame); captions also keep clear of @avoid (place
 * dots and names drawn from a cache), if not %NULL, or are left out.
 */
void
dm_route_draw_moving (DmRouteSet          *set,
                      cairo_t             *cr,
                      const DmView        *view,
                      const DmRouteStyle  *style,
                      gint64               t,
                      gboolean             flown_cached,
                      DmLabelPlacer       *frame,
                      const DmLabelPlacer *avoid)
{
  Placement pl = { frame, avoid };

  dm_route_set_ensure (set);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* legs in the air: start <= t < end; those starting after t - longest leg */
  for (guint i = dm_route_set_first_starting_after (set, t); i-- > 0;)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, set->by_start[i]);
      if (leg->start < t - set->max_leg)
        break;
      /* a leg whose time is not known flies no marker: it is drawn over its whole window;
       * nor does a cancelled one: it did not happen */
      if (t < leg->end && !leg->uncertain && leg->status != DM_STATUS_CANCELLED)
        draw_in_air (set, cr, view, style, leg, t, flown_cached, &pl);
    }

  if (style->show_stays)
    draw_stays (set, cr, view, style, t, &pl);
  cairo_restore (cr);
}
