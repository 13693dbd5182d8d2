/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* the figure's texts are in the figure's language */
#define DM_I18N_THREAD_MESSAGES
#include "dm-i18n.h"

#include "dm-figure-private.h"
#include "dm-gazetteer.h"
#include "dm-route-private.h"
#include "dm-text.h"
#include "dm-time-format.h"

/* What frames the map: title and time caption above, attribution and sources below (the
 * legend is in dm-figure-legend.c, the scale bar in dm-figure-scale-bar.c). */

#define INK_SOFT   0x555555
#define INK_FAINT  0x6b6b6b

/* @local in @format. Its zone's name (%Z) is tzdata's ("MSK", "+03"), but a bare offset, in
 * which dates before the year 1 and before a zone's standard time are shown
 * (dm_time_date_time_new()), is named as the event list names it, "UTC+01:00", not by
 * GLib's "+01:00:00" */
static char *
format_clock (GDateTime  *local,
              const char *format)
{
  GTimeZone *zone = g_date_time_get_timezone (local);
  const char *abbreviation = g_date_time_get_timezone_abbreviation (local);
  g_autofree char *name = NULL;
  g_autoptr(GString) f = NULL;

  if (abbreviation == NULL || strchr (abbreviation, ':') == NULL)
    return g_date_time_format (local, format);
  name = dm_time_dup_zone_name (zone, g_date_time_to_unix (local));
  f = g_string_new (format);
  g_string_replace (f, "%Z", name, 0);
  return g_date_time_format (local, f->str);
}

/* "Moscow 15:00 MSK" (the place's name in the figure's language: "Москва"), with the date when it differs from the day in UTC */
static char *
format_local (DmPlace   *place,
              gint64     t)
{
  GTimeZone *zone = dm_place_get_zone (place);
  const char *name = dm_gazetteer_translate_place (dm_gazetteer_get_default (),
                                                   dm_place_get_name (place),
                                                   dm_place_get_country (place),
                                                   dm_i18n_get_thread_language ());
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *clock = NULL;
  int shift;

  if (zone == NULL)
    return NULL;
  /* both moved alike before the year 1 (dm_time_date_time_new()) */
  local = dm_time_date_time_new (t, zone, &shift);
  utc = dm_time_date_time_new (t, NULL, &shift);
  if (local == NULL || utc == NULL)
    return NULL;
  /* Translators: a time of day in a place's time zone, see the strftime manual */
  clock = format_clock (local, C_("caption time", "%H:%M %Z"));
  if (g_date_time_get_day_of_year (local) != g_date_time_get_day_of_year (utc))
    {
      /* Translators: a day, see the strftime manual */
      g_autofree char *day = dm_time_format_date_time (local, C_("caption date", "%-d %B"));
      /* Translators: a place, its local time and, when it differs from the UTC day, its date:
       * "Tokyo 07:00 JST (30 October)" */
      return g_strdup_printf (_("%s %s (%s)"), name ? name : dm_place_get_name (place), clock,
                              g_strstrip (day));
    }
  /* Translators: a place and its local time: "Moscow 15:00 MSK" */
  return g_strdup_printf (_("%s %s"), name ? name : dm_place_get_name (place), clock);
}

/**
 * dm_figure_dup_caption:
 * The time caption: the moment in UTC, then in the local time of the places that matter then.
 * Returns: (nullable): %NULL when the documents have no times
 */
char *
dm_figure_dup_caption (DmFigure *self,
                       gint64    t)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *when = NULL;

  if (!dm_document_get_extent (self->document, NULL, NULL))
    return NULL;
  /* Translators: the moment a figure shows, in UTC, see the strftime manual; %A and %B are
   * Diplomap's own weekday and month names ("month" and "weekday"), %OB its "standalone
   * month" */
  when = dm_time_format_unix (t, NULL, C_("caption date", "%A %-d %B %Y, %H:%M UTC"));
  if (when == NULL)
    return NULL;
  text = g_string_new (g_strstrip (when));
  places = dm_route_set_dup_places_at (self->set, t, 3);
  for (guint i = 0; i < places->len; i++)
    {
      g_autofree char *local = format_local (g_ptr_array_index (places, i), t);
      if (local != NULL)
        g_string_append_printf (text, "  ·  %s", local);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * dm_figure_dup_footer:
 * The paragraphs under the map: where the map and the places come from, then the events'
 * sources.
 */
GPtrArray *
dm_figure_dup_footer (DmFigure *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = dm_route_set_dup_sources (self->set);

  g_ptr_array_add (out, g_strdup (_("Map: Natural Earth (public domain). Places: GeoNames "
                                    "(CC BY 4.0), world-countries (ODbL 1.0), libgweather. "
                                    "Made with Diplomap.")));
  if (self->show_sources && !self->source_notes && sources->len > 0)
    {
      g_autoptr(GString) s = g_string_new (_("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          /* Translators: between two sources of a figure, "Reuters; Le Monde" (French puts a
           * narrow no-break space before it) */
          if (i > 0)
            g_string_append (s, C_("list separator", ";"));
          g_string_append_printf (s, " %s", (char *) g_ptr_array_index (sources, i));
        }
      g_string_append_c (s, '.');
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&s), FALSE));
    }
  return out;
}

/* Adds @number to the notes of @event in @event_notes (DmEvent → GArray of guint) */
static void
add_event_note (GHashTable *event_notes,
                DmEvent    *event,
                guint       number)
{
  GArray *numbers = g_hash_table_lookup (event_notes, event);

  if (numbers == NULL)
    {
      numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (event_notes, event, numbers);
    }
  g_array_append_val (numbers, number);
}

/**
 * dm_figure_dup_footnotes:
 * The events' sources as numbered footnotes, once each, in order of first appearance:
 * "1. Reuters, “Choe heads to Moscow”, 2025-10-26, https://…"; none unless the figure shows
 * its sources as footnotes. @urls: (out) (optional): each note's address, or %NULL.
 * @event_notes: (nullable): receives, for each event with a source, the numbers of its notes
 * (DmEvent → GArray of guint, from dm_figure_new_event_notes()): the small numbers by the
 * events' labels on the map
 */
GPtrArray *
dm_figure_dup_footnotes (DmFigure   *self,
                         GPtrArray **urls,
                         GHashTable *event_notes)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (urls != NULL)
    *urls = g_ptr_array_new_with_free_func (g_free);
  /* each note's text → its number */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *events;

  if (!self->show_sources || !self->source_notes)
    return out;
  /* the route set's list of the document's events: a clip's workers read it together, which
   * the document's GListStore does not allow (dm_route_set_dup_sources()) */
  dm_route_set_ensure (self->set);
  events = self->set->events;
  for (guint i = 0; i < events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (events, i);
      GPtrArray *sources = dm_event_get_sources (event);

      for (guint j = 0; j < sources->len; j++)
        {
          DmSource *source = g_ptr_array_index (sources, j);
          g_autofree char *text = dm_source_format (source);
          gpointer number;
          char *note;

          if (source->url != NULL && strstr (text, source->url) == NULL)
            {
              char *with_url = g_strdup_printf ("%s%s%s", text, *text ? ", " : "", source->url);
              g_free (text);
              text = with_url;
            }
          if (*text == '\0')
            continue;
          if (g_hash_table_lookup_extended (seen, text, NULL, &number))
            {
              if (event_notes != NULL)
                add_event_note (event_notes, event, GPOINTER_TO_UINT (number));
              continue;
            }
          /* Translators: a numbered footnote under a figure: its number, then the source */
          note = g_strdup_printf (_("%u. %s"), out->len + 1, text);
          g_ptr_array_add (out, note);
          if (urls != NULL)
            g_ptr_array_add (*urls, g_strdup (source->url));
          if (event_notes != NULL)
            add_event_note (event_notes, event, out->len);
          g_hash_table_insert (seen, g_steal_pointer (&text), GUINT_TO_POINTER (out->len));
        }
    }
  return out;
}

/**
 * dm_figure_new_event_notes:
 * An empty table for dm_figure_dup_footnotes(): DmEvent → GArray of guint.
 */
GHashTable *
dm_figure_new_event_notes (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}

void
dm_figure_draw_header (DmFigure             *self,
                       cairo_t              *cr,
                       const DmFigureLayout *l)
{
  DmRgba ink = dm_rgba_from_hex (DM_FIGURE_INK, 1.0f), soft = dm_rgba_from_hex (INK_SOFT, 1.0f);
  double y = l->pad * 0.9, size;

  size = l->title_size;
  for (guint i = 0; i < l->title_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->title_lines, i), l->pad, y + size * 0.92, size,
                    DM_TEXT_BOLD, &ink, NULL);
      y += size * 1.18;
    }
  size = l->caption_size;
  for (guint i = 0; i < l->caption_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->caption_lines, i), l->pad, y + size * 1.05, size,
                    DM_TEXT_REGULAR, &soft, NULL);
      y += size * 1.35;
    }
}

void
dm_figure_draw_footer (DmFigure             *self,
                       cairo_t              *cr,
                       const DmFigureLayout *l)
{
  DmRgba faint = dm_rgba_from_hex (INK_FAINT, 1.0f);
  double size = l->footer_size, y = l->map_y + l->map_h + l->timeline_h + l->pad * 0.35;

  for (guint i = 0; i < l->footer_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->footer_lines, i), l->pad, y + size * 1.05, size,
                    DM_TEXT_REGULAR, &faint, NULL);
      y += size * 1.35;
    }
  /* footnotes: down the first column, then the second */
  for (guint i = 0; l->note_lines != NULL && i < l->note_lines->len; i++)
    {
      guint col = i / MAX (l->note_rows, 1), row = i % MAX (l->note_rows, 1);

      const char *url = l->note_urls != NULL && i < l->note_urls->len ?
                        g_ptr_array_index (l->note_urls, i) : NULL;

      /* the note opens its source's address in SVG and PDF */
      if (url != NULL)
        dm_text_begin_link (cr, url);
      dm_text_draw (cr, g_ptr_array_index (l->note_lines, i),
                    l->pad + col * (l->note_col_w + l->pad), y + row * size * 1.35 + size * 1.05,
                    size, DM_TEXT_REGULAR, &faint, NULL);
      if (url != NULL)
        dm_text_end_link (cr);
    }
}
