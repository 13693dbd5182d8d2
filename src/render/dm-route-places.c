/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-basemap.h"
#include "dm-gazetteer.h"
#include "dm-i18n.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* A place's name in the user's language (or the figure's: dm-i18n.c) when the gazetteer has it ("Moscou"), else its own */
static const char *
get_label (DmPlace *place)
{
  const char *name = dm_place_get_name (place);
  const char *translated = dm_gazetteer_translate_place (dm_gazetteer_get_default (), name,
                                                         dm_place_get_country (place),
                                                         dm_i18n_get_thread_language ());

  return translated != NULL ? translated : name;
}

/* Every place with an event gets a dot and, where there is room, its name. Dots are placed
 * first (as obstacles), then names, busiest places first, each in the first free spot of
 * eight around its dot (dm-label-placer.c); a name with no room is left out (on a figure with
 * footnotes, its numbers stay: place_lone_notes()). A stop known
 * only by its country (the U.S. travel record has some) is no city: it gets a dashed ring
 * instead of a dot, and its name in italics, on a soft halo as wide as the uncertainty: about
 * half the country's size (80 px at most), fading out, not a sharp mark. */

#define COUNTRY_RING 2.4  /* times the dot's radius */

/* A name's footnote numbers (a figure's sources): this size of the name's, raised, after a
 * gap of this many pixels */
#define NOTE_SIZE 0.75
#define NOTE_GAP  1.5

/* Names placed between two looks at the cancellable: a few milliseconds at world zoom */
#define NAMES_PER_RUN 32

static gint n_name_layouts;

typedef struct
{
  guint    place;
  double   x, y;
  gboolean country;
  double   halo;    /* pixels: how far the place may lie (country-level places) */
} Spot;

/* How far (pixels) a place known only by its country may be from its point: about half the
 * country's smaller extent (the base map's box), 40 to 700 km, 150 km for a country the base
 * map does not have */
static double
country_halo (const DmView *view,
              DmPlace      *place,
              DmLonLat      pos,
              double        min_px)
{
  DmCountryInfo info;
  const char *code = dm_place_get_country (place);
  double km = 150.0;

  if (code != NULL && dm_basemap_lookup_country (dm_basemap_get_default (), code, &info))
    {
      double w = (info.lon_max - info.lon_min) * 111.2 * cos (pos.lat * G_PI / 180.0);
      double h = (info.lat_max - info.lat_min) * 111.2;
      km = CLAMP (MIN (w, h) / 2, 40.0, 700.0);
    }
  return CLAMP (km / MAX (dm_view_get_km_per_pixel (view, pos), 1e-6), min_px, 80.0);
}

static double
spot_radius (const Spot         *s,
             const DmRouteStyle *style)
{
  return s->country ? style->place_radius * COUNTRY_RING : style->place_radius;
}

static int
compare_weight_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const DmRoutePlace *places = data;
  guint wa = places[((const Spot *) a)->place].weight, wb = places[((const Spot *) b)->place].weight;

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return ((const Spot *) a)->place < ((const Spot *) b)->place ? -1 : 1;
}

/**
 * dm_route_places_in_window:
 * With a time window, the places a leg or stay touched within it at @t (none to come): those
 * of other years are not drawn, as their legs are not. NULL without a window: every place.
 * The places' picture (dm_route_draw_places()) depends on @t through this only.
 * Returns: (transfer full) (nullable): a flag per place of the set
 */
gboolean *
dm_route_places_in_window (DmRouteSet         *set,
                           const DmRouteStyle *style,
                           gint64              t)
{
  gboolean *in;

  if (style->window <= 0)
    return NULL;
  in = g_new0 (gboolean, set->places->len);
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      if (leg->start <= t && leg->end > t - style->window)
        in[leg->from_place] = in[leg->to_place] = TRUE;
    }
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
      if (s->start <= t && s->end > t - style->window)
        in[s->place] = TRUE;
    }
  /* places given without a time belong to no window: kept */
  for (guint i = 0; i < set->places->len; i++)
    if (g_array_index (set->places, DmRoutePlace, i).undated)
      in[i] = TRUE;
  return in;
}

static GArray *
collect_spots (DmRouteSet         *set,
               const DmView       *view,
               const DmRouteStyle *style,
               gint64              t)
{
  double r = style->place_radius * COUNTRY_RING;
  g_autofree gboolean *in = NULL;

  GArray *spots = g_array_new (FALSE, FALSE, sizeof (Spot));

  dm_route_set_ensure (set);
  in = dm_route_places_in_window (set, style, t);
  for (guint i = 0; i < set->places->len; i++)
    {
      const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, i);
      int k0 = 0, k1 = 0;
      double lon = p->pos.lon;

      if (in != NULL && !in[i])
        continue;
      if (!dm_projection_wraps (view->projection))
        lon = dm_view_wrap_lon (view, lon);
      else if (!dm_view_get_copies (view, lon, lon, &k0, &k1))
        continue;
      for (int k = k0; k <= k1; k++)
        {
          Spot s = { i, 0, 0, dm_place_get_level (p->place) == DM_PLACE_LEVEL_COUNTRY, 0 };
          dm_view_project (view, lon + 360.0 * k, p->pos.lat, &s.x, &s.y);
          if (s.country)
            s.halo = country_halo (view, p->place, p->pos, r * 1.5);
          if (s.x < -r || s.y < -r || s.x > view->width + r || s.y > view->height + r)
            continue;
          g_array_append_val (spots, s);
        }
    }
  return spots;
}

/* Takes, in @placer, the boxes of the dots of @spots */
static void
add_spot_boxes (GArray             *spots,
                const DmRouteStyle *style,
                DmLabelPlacer      *placer)
{
  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      double r = spot_radius (s, style);
      dm_label_placer_add (placer, s->x - r, s->y - r, s->x + r, s->y + r);
    }
}

/**
 * dm_route_draw_country_ring:
 * The mark of a stop known only by its country: a hollow dashed ring on a halo (also the
 * legend's swatch).
 */
void
dm_route_draw_country_ring (cairo_t            *cr,
                            const DmRouteStyle *style,
                            double              x,
                            double              y)
{
  const double dash[] = { 2.2, 1.6 };

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, style->place_radius * COUNTRY_RING, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
  cairo_set_line_width (cr, 3.4);
  cairo_stroke_preserve (cr);
  dm_cairo_set_rgba (cr, &style->label, 1.0);
  cairo_set_line_width (cr, 1.4);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Capitals first, then the busiest (the order of names at world zoom) */
static int
compare_importance_cb (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  const DmRoutePlace *places = data;
  gboolean ca = places[((const Spot *) a)->place].capital;
  gboolean cb = places[((const Spot *) b)->place].capital;

  if (ca != cb)
    return ca ? -1 : 1;
  return compare_weight_cb (a, b, data);
}

/* Below this zoom (the world, a continent) names are thinned */
#define THIN_BELOW_ZOOM 3.5
/* then one name per this many square pixels of the view at most */
#define THIN_AREA (150.0 * 150.0)

/**
 * dm_route_max_names:
 * How many place names @view may show: at world and continent zoom (below 3.5) one per
 * 150 x 150 px (92 on a 1920 x 1080 figure, about 27 in a window's map), so the map is not
 * a field of names; closer, as many as fit.
 */
guint
dm_route_max_names (const DmView *view)
{
  if (dm_view_get_zoom (view) >= THIN_BELOW_ZOOM)
    return G_MAXUINT;
  return MAX (12, (guint) (view->width * view->height / THIN_AREA));
}

/* A place's name, placed: its box's top-left corner */
typedef struct
{
  Spot   spot;
  double x, y;
} Name;

/* The names of @spots that find room in @placer (taking their boxes), busiest places first,
 * measured on @cr; until @cancellable is cancelled. clear_of_stays: names keep clear of the
 * mark of any stay at their place (for a cache of names under marks drawn every frame); else
 * the marks of the stays are in @placer already. Returns: (transfer full): Name, in order */
static GArray *
place_names (DmRouteSet         *set,
             cairo_t            *cr,
             const DmView       *view,
             const DmRouteStyle *style,
             GArray             *spots,
             char              **notes,
             DmLabelPlacer      *placer,
             gboolean            clear_of_stays,
             GCancellable       *cancellable)
{
  GArray *names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_autoptr(GArray) sorted = NULL;
  double size = style->label_size;
  guint max_names = dm_route_max_names (view);

  if (!style->show_labels || spots->len == 0)
    return names;
  g_atomic_int_inc (&n_name_layouts);
  sorted = g_array_copy (spots);
  /* at world zoom, a budget of names: capitals first, then the busiest places */
  g_array_sort_with_data (sorted, max_names < G_MAXUINT ? compare_importance_cb : compare_weight_cb,
                          set->places->data);
  for (guint i = 0; i < sorted->len && names->len < max_names; i++)
    {
      Name n = { g_array_index (sorted, Spot, i), 0, 0 };
      const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, n.spot.place);
      DmTextFace face = n.spot.country ? DM_TEXT_ITALIC : DM_TEXT_REGULAR;
      double w, r = spot_radius (&n.spot, style);

      if (i % NAMES_PER_RUN == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      if (clear_of_stays && p->has_stay)
        r = MAX (r, style->stay_radius + 1);
      w = dm_text_width (cr, get_label (p->place), size, face);
      if (notes != NULL && notes[n.spot.place] != NULL)
        w += NOTE_GAP + dm_text_width (cr, notes[n.spot.place], size * NOTE_SIZE, DM_TEXT_REGULAR);
      if (dm_label_placer_place (placer, NULL, n.spot.x, n.spot.y, r + 3, w, size * 1.2, &n.x, &n.y))
        g_array_append_val (names, n);
    }
  return names;
}

/* The dots of @spots, then @names where place_names() put them, each with its footnotes'
 * numbers (@notes, may be NULL) raised after it */
static void
paint_places (DmRouteSet         *set,
              cairo_t            *cr,
              const DmRouteStyle *style,
              GArray             *spots,
              GArray             *names,
              char              **notes)
{
  double size = style->label_size;

  if (spots->len == 0)
    return;

  cairo_save (cr);
  /* countries: first a soft halo over where the place may be */
  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      cairo_pattern_t *soft;

      if (!s->country)
        continue;
      soft = cairo_pattern_create_radial (s->x, s->y, 0, s->x, s->y, s->halo);
      cairo_pattern_add_color_stop_rgba (soft, 0, style->label.red, style->label.green,
                                         style->label.blue, 0.22);
      cairo_pattern_add_color_stop_rgba (soft, 1, style->label.red, style->label.green,
                                         style->label.blue, 0.0);
      cairo_new_path (cr);
      cairo_arc (cr, s->x, s->y, s->halo, 0, 2 * G_PI);
      cairo_set_source (cr, soft);
      cairo_fill (cr);
      cairo_pattern_destroy (soft);
    }
  /* cities: dots in a halo */
  cairo_new_path (cr);
  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      if (s->country)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, s->x, s->y, style->place_radius, 0, 2 * G_PI);
    }
  cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
  cairo_set_line_width (cr, 2.4);
  cairo_stroke_preserve (cr);
  dm_cairo_set_rgba (cr, &style->label, 1.0);
  cairo_fill (cr);
  /* countries: dashed rings */
  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      if (s->country)
        dm_route_draw_country_ring (cr, style, s->x, s->y);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const Name *n = &g_array_index (names, Name, i);
      const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, n->spot.place);

      const char *label = get_label (p->place);
      DmTextFace face = n->spot.country ? DM_TEXT_ITALIC : DM_TEXT_REGULAR;

      dm_text_draw (cr, label, n->x, n->y + size * 0.9, size, face, &style->label, &style->halo);
      if (notes != NULL && notes[n->spot.place] != NULL)
        dm_text_draw (cr, notes[n->spot.place], n->x + dm_text_width (cr, label, size, face) + NOTE_GAP,
                      n->y + size * 0.55, size * NOTE_SIZE, DM_TEXT_REGULAR, &style->label,
                      &style->halo);
    }
  cairo_restore (cr);
}

/**
 * dm_route_scratch_like:
 * A context for a dry run: it draws nowhere (a 1x1 surface) but measures text as @cr does
 * (same font options, matrix and device scale), so what it places is placed the same on @cr.
 */
cairo_t *
dm_route_scratch_like (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr), *s;
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_t *own = cairo_font_options_create ();
  cairo_matrix_t m;
  double sx, sy;
  cairo_t *dry;

  s = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_set_device_scale (s, sx, sy);
  dry = cairo_create (s);
  cairo_surface_destroy (s);
  cairo_surface_get_font_options (target, options);
  cairo_get_font_options (cr, own);
  cairo_font_options_merge (options, own);
  cairo_set_font_options (dry, options);
  cairo_font_options_destroy (options);
  cairo_font_options_destroy (own);
  cairo_get_matrix (cr, &m);
  cairo_set_matrix (dry, &m);
  return dry;
}

/**
 * dm_route_draw_places:
 * @cancellable: (nullable): when cancelled, the names not placed yet are left out
 *
 * Draws the places' dots and, where @placer has room, their names (taking their boxes),
 * names clear of the mark of any stay at their place: for a cache drawn apart from the stays.
 * With a time window, only the places touched within it at @t.
 */
void
dm_route_draw_places (DmRouteSet         *set,
                      cairo_t            *cr,
                      const DmView       *view,
                      const DmRouteStyle *style,
                      gint64              t,
                      DmLabelPlacer      *placer,
                      GCancellable       *cancellable)
{
  g_autoptr(GArray) spots = collect_spots (set, view, style, t);
  g_autoptr(GArray) names = NULL;

  add_spot_boxes (spots, style, placer);
  names = place_names (set, cr, view, style, spots, NULL, placer, TRUE, cancellable);
  paint_places (set, cr, style, spots, names, NULL);
}

/* How many times the names of places were laid out, in any thread: for tests */
guint
dm_route_get_n_name_layouts (void)
{
  return (guint) g_atomic_int_get (&n_name_layouts);
}

struct _DmRouteLabels
{
  gint64         t;
  GArray        *spots;   /* Spot: the dots */
  GArray        *names;   /* Name, in the order placed */
  char         **notes;   /* per place of the set: its footnotes' numbers, or NULL */
  GArray       **numbers; /* per place of the set: the same numbers (guint, sorted), or NULL */
  guint          n_notes;
  GArray        *lone;    /* Name: numbers drawn alone by a dot whose name had no room */
  DmLabelPlacer *before;  /* the boxes taken before the captions, to place them again */
};

/* The names placed (for tests): how many, and the place (into the set's places) of each */
guint
dm_route_labels_get_n_names (const DmRouteLabels *labels)
{
  return labels->names->len;
}

/* The work of painting @labels, in rows of a leg's stroke (dm-route-parallel.c): a name is
 * its halo's stroke around each glyph's outline and its glyphs (about 1.4 M instructions in
 * the U.S. record's figure, a stroke's row about 1,450), a dot its disc and its ring; text
 * takes more time per instruction than strokes do, hence a little more than that */
#define NAME_ROWS 1150
#define SPOT_ROWS 70

/**
 * dm_route_labels_get_work:
 * About how much work dm_route_paint_labels() does for @labels, in rows of a leg's stroke
 * (the units dm_route_legs_job_start_with_labels() cuts the legs by).
 */
double
dm_route_labels_get_work (const DmRouteLabels *labels)
{
  guint n_names = labels->names->len + (labels->lone != NULL ? labels->lone->len : 0);

  return (double) n_names * NAME_ROWS + (double) labels->spots->len * SPOT_ROWS;
}

guint
dm_route_labels_get_place (const DmRouteLabels *labels,
                           guint                i)
{
  return g_array_index (labels->names, Name, i).spot.place;
}

void
dm_route_labels_free (DmRouteLabels *labels)
{
  if (labels == NULL)
    return;
  g_array_unref (labels->spots);
  g_array_unref (labels->names);
  for (guint i = 0; i < labels->n_notes; i++)
    {
      g_free (labels->notes[i]);
      g_clear_pointer (&labels->numbers[i], g_array_unref);
    }
  g_free (labels->notes);
  g_free (labels->numbers);
  g_clear_pointer (&labels->lone, g_array_unref);
  dm_label_placer_free (labels->before);
  g_free (labels);
}

static int
compare_uint_cb (gconstpointer a,
                 gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* "1,2" or, for three or more in a row, "3–6": the numbers of @numbers, sorted, once each */
static char *
format_note_numbers (GArray *numbers)
{
  GString *s = g_string_new (NULL);

  g_array_sort (numbers, compare_uint_cb);
  for (guint i = 0; i < numbers->len;)
    {
      guint first = g_array_index (numbers, guint, i), last = first, j = i + 1;

      for (; j < numbers->len && g_array_index (numbers, guint, j) <= last + 1; j++)
        last = g_array_index (numbers, guint, j);
      if (s->len > 0)
        g_string_append_c (s, ',');
      if (last >= first + 2)
        g_string_append_printf (s, "%u\u2013%u", first, last);
      else if (last == first + 1)
        g_string_append_printf (s, "%u,%u", first, last);
      else
        g_string_append_printf (s, "%u", first);
      i = j;
    }
  return g_string_free (s, FALSE);
}

/* Per place of @set: the numbers of the notes of the events there (a visit, summit or meeting
 * at it, a leg arriving at it), or NULL; @numbers: (out): the same as sorted arrays */
static char **
collect_place_notes (DmRouteSet  *set,
                     GHashTable  *event_notes,
                     GArray    ***out_numbers)
{
  GArray **numbers = g_new0 (GArray *, set->places->len + 1);
  char **notes = g_new0 (char *, set->places->len + 1);

  for (guint i = 0; i < set->legs->len + set->stays->len; i++)
    {
      gboolean leg = i < set->legs->len;
      DmEvent *event = leg ? g_array_index (set->legs, DmRouteLeg, i).event
                           : g_array_index (set->stays, DmRouteStay, i - set->legs->len).event;
      guint place = leg ? g_array_index (set->legs, DmRouteLeg, i).to_place
                        : g_array_index (set->stays, DmRouteStay, i - set->legs->len).place;
      GArray *of_event = g_hash_table_lookup (event_notes, event);

      if (of_event == NULL || of_event->len == 0)
        continue;
      if (numbers[place] == NULL)
        numbers[place] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_vals (numbers[place], of_event->data, of_event->len);
    }
  for (guint i = 0; i < set->places->len; i++)
    if (numbers[i] != NULL)
      notes[i] = format_note_numbers (numbers[i]);
  *out_numbers = numbers;
  return notes;
}

/* Adds the numbers of @place's notes to @shown */
static void
show_numbers (const DmRouteLabels *labels,
              guint                place,
              GHashTable          *shown)
{
  for (guint i = 0; i < labels->numbers[place]->len; i++)
    g_hash_table_add (shown, GUINT_TO_POINTER (g_array_index (labels->numbers[place], guint, i)));
}

/* Whether one of the numbers of @place's notes is not in @shown */
static gboolean
has_unseen (const DmRouteLabels *labels,
            guint                place,
            GHashTable          *shown)
{
  for (guint i = 0; i < labels->numbers[place]->len; i++)
    if (!g_hash_table_contains (shown, GUINT_TO_POINTER (g_array_index (labels->numbers[place], guint, i))))
      return TRUE;
  return FALSE;
}

/* Every footnote number listed under the map shows on it at least once: a place whose name
 * found no room (or that is past the budget of names), with a number shown nowhere else, gets
 * its numbers alone, small, by its dot where there is room, else right of its dot anyway (a
 * number over a line beats a note whose events the map does not point to) */
static void
place_lone_notes (DmRouteLabels      *labels,
                  cairo_t            *cr,
                  const DmRouteStyle *style,
                  DmLabelPlacer      *taken)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *named = g_new0 (gboolean, labels->n_notes + 1);
  double size = style->label_size * NOTE_SIZE;

  labels->lone = g_array_new (FALSE, FALSE, sizeof (Name));
  for (guint i = 0; i < labels->names->len; i++)
    {
      guint place = g_array_index (labels->names, Name, i).spot.place;

      named[place] = TRUE;
      if (labels->numbers[place] != NULL)
        show_numbers (labels, place, shown);
    }
  /* twice: first where there is room, then anyway for the numbers still unseen */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < labels->spots->len; i++)
      {
        Name n = { g_array_index (labels->spots, Spot, i), 0, 0 };
        double w, h = size * 1.2, r = spot_radius (&n.spot, style) + 1;
        gboolean room;

        if (named[n.spot.place] || labels->numbers[n.spot.place] == NULL ||
            !has_unseen (labels, n.spot.place, shown))
          continue;
        w = dm_text_width (cr, labels->notes[n.spot.place], size, DM_TEXT_REGULAR);
        room = pass == 0 && dm_label_placer_place (taken, NULL, n.spot.x, n.spot.y, r, w, h, &n.x, &n.y);
        if (pass == 0 && !room)
          continue;
        if (pass == 1)
          {
            n.x = n.spot.x + r, n.y = n.spot.y - h;
            dm_label_placer_add (taken, n.x, n.y, w, h);
          }
        show_numbers (labels, n.spot.place, shown);
        named[n.spot.place] = TRUE;
        g_array_append_val (labels->lone, n);
      }
}

/**
 * dm_route_place_labels:
 * @taken: boxes to keep clear of (a legend...); receives every mark and label placed
 * @event_notes: (nullable): a figure's footnotes: DmEvent → GArray of guint, the numbers of
 *   its sources' notes; each place name then carries, raised after it, the numbers of the
 *   events there (visits, summits and meetings at it, legs arriving at it)
 *
 * Places what goes over the legs at @t, without drawing: place dots and names, markers of
 * the legs in the air, marks and captions of the stays going on. Captions are placed first (a
 * dry run on dm_route_scratch_like() @cr), so they win over place names. A figure then places
 * the map's own labels in the room left, and dm_route_paint_labels() draws these onto @cr.
 * Returns: (transfer full): the placements
 */
DmRouteLabels *
dm_route_place_labels (DmRouteSet         *set,
                       cairo_t            *cr,
                       const DmView       *view,
                       const DmRouteStyle *style,
                       gint64              t,
                       DmLabelPlacer      *taken,
                       GHashTable         *event_notes)
{
  DmRouteLabels *labels = g_new0 (DmRouteLabels, 1);
  cairo_t *dry = dm_route_scratch_like (cr);

  labels->t = t;
  labels->spots = collect_spots (set, view, style, t);
  if (event_notes != NULL && g_hash_table_size (event_notes) > 0)
    {
      labels->notes = collect_place_notes (set, event_notes, &labels->numbers);
      labels->n_notes = set->places->len;
    }
  add_spot_boxes (labels->spots, style, taken);
  labels->before = dm_label_placer_copy (taken);
  dm_route_draw_moving (set, dry, view, style, t, FALSE, taken, NULL);
  labels->names = place_names (set, dry, view, style, labels->spots, labels->notes, taken, FALSE,
                               NULL);
  if (labels->notes != NULL)
    place_lone_notes (labels, dry, style, taken);
  cairo_destroy (dry);
  return labels;
}

/* The footnotes' numbers by the name of @place (into the set's places), or NULL: for tests */
const char *
dm_route_labels_get_notes (const DmRouteLabels *labels,
                           guint                place)
{
  return labels->notes != NULL && place < labels->n_notes ? labels->notes[place] : NULL;
}

/**
 * dm_route_paint_labels:
 * Draws what dm_route_place_labels() placed (same set, view and style), from the bottom up:
 * dots, names, then the legs in the air and the stays, whose markers and captions take the
 * places they had in the dry run.
 */
void
dm_route_paint_labels (DmRouteSet          *set,
                       cairo_t             *cr,
                       const DmView        *view,
                       const DmRouteStyle  *style,
                       const DmRouteLabels *labels)
{
  g_autoptr(DmLabelPlacer) frame = dm_label_placer_copy (labels->before);

  paint_places (set, cr, style, labels->spots, labels->names, labels->notes);
  for (guint i = 0; labels->lone != NULL && i < labels->lone->len; i++)
    {
      const Name *n = &g_array_index (labels->lone, Name, i);

      dm_text_draw (cr, labels->notes[n->spot.place], n->x, n->y + style->label_size * NOTE_SIZE * 0.9,
                    style->label_size * NOTE_SIZE, DM_TEXT_REGULAR, &style->label, &style->halo);
    }
  dm_route_draw_moving (set, cr, view, style, labels->t, FALSE, frame, NULL);
}

/**
 * dm_route_draw_labels:
 * @taken: boxes to keep clear of (a legend...); receives every mark and label drawn
 *
 * dm_route_place_labels(), then dm_route_paint_labels().
 */
void
dm_route_draw_labels (DmRouteSet         *set,
                      cairo_t            *cr,
                      const DmView       *view,
                      const DmRouteStyle *style,
                      gint64              t,
                      DmLabelPlacer      *taken)
{
  g_autoptr(DmRouteLabels) labels = dm_route_place_labels (set, cr, view, style, t, taken, NULL);

  dm_route_paint_labels (set, cr, view, style, labels);
}
