/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm-error.h"
#include "dm-gazetteer.h"
#include "dm-quick-add.h"
#include "dm-quick-add-private.h"

typedef struct
{
  DmDocument *document;
  int         year;
  const char *text;        /* the line as read: no-break spaces made spaces, stripped */
  GPtrArray  *unresolved;  /* char * */
  GArray     *spans;       /* DmQuickAddSpan, in @text */
} QuickAdd;


/* A piece of the line: @len bytes at @at */
typedef struct
{
  const char *at;
  gsize       len;
} Piece;

static char *
dup_piece (Piece piece)
{
  return g_strndup (piece.at, piece.len);
}

/* @piece without the spaces around it, as g_strstrip() strips */
static Piece
strip_piece (Piece piece)
{
  while (piece.len > 0 && g_ascii_isspace (piece.at[0]))
    {
      piece.at++;
      piece.len--;
    }
  while (piece.len > 0 && g_ascii_isspace (piece.at[piece.len - 1]))
    piece.len--;
  return piece;
}

static gboolean
all_date_words (Piece word)
{
  g_autofree char *text = dup_piece (word);

  return dm_quick_add_is_date (text);
}

/* "Gyeongju 29-30 Oct 2025": the words (separated by one space) before the date are the
 * place; both pieces point into @text */
static void
split_place_dates (Piece  text,
                   Piece *place,
                   Piece *dates)
{
  Piece stripped = strip_piece (text);
  const char *end = stripped.at + stripped.len;
  const char *first = end;  /* the first word of the dates */
  const char *word_end = end;

  for (;;)
    {
      Piece word = { word_end, 0 };

      while (word.at > stripped.at && word.at[-1] != ' ')
        word.at--;
      word.len = word_end - word.at;
      if (!all_date_words (word))
        break;
      first = word.at;
      if (first == stripped.at)
        break;
      word_end = first - 1;  /* the space before */
    }
  dates->at = first;
  dates->len = end - first;
  place->at = stripped.at;
  if (first == end)
    place->len = stripped.len;
  else if (first == stripped.at)
    place->len = 0;
  else
    place->len = first - 1 - stripped.at;
}

/* @piece (in self->text) cannot be resolved */
static void
unresolved (QuickAdd *self,
            Piece     piece)
{
  DmQuickAddSpan span = { piece.at - self->text, piece.at - self->text + piece.len };

  g_ptr_array_add (self->unresolved, dup_piece (piece));
  g_array_append_val (self->spans, span);
}

static DmPlace *
resolve_place (QuickAdd *self,
               Piece     piece)
{
  g_autofree char *name = dup_piece (piece);
  const DmGazetteerEntry *e = *name ? dm_gazetteer_lookup (dm_gazetteer_get_default (), name, NULL) : NULL;

  if (e == NULL)
    {
      unresolved (self, piece);
      return NULL;
    }
  return dm_place_new (NULL, e->name, e->country, e->latitude, e->longitude, e->timezone);
}

static gboolean
has_word (const char *folded_name,
          const char *folded_word)
{
  g_auto(GStrv) words = g_strsplit (folded_name, " ", -1);

  return g_strv_contains ((const char * const *) words, folded_word);
}

/* An actor of the document by name, any case, accents ignored, or one whole word of it
 * when only one actor has it; else a new actor */
static DmActor *
resolve_actor (QuickAdd   *self,
               const char *name)
{
  GListModel *actors = dm_document_get_actors (self->document);
  g_autofree char *folded = dm_gazetteer_fold (name);
  g_autofree char *id = NULL;
  DmActor *by_word = NULL;
  guint n_by_word = 0;

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);
      g_autofree char *other = dm_gazetteer_fold (dm_actor_get_name (actor));

      if (g_str_equal (folded, other))
        return g_object_ref (actor);
      if (has_word (other, folded))
        {
          by_word = actor;
          n_by_word++;
        }
    }
  if (n_by_word == 1)
    return g_object_ref (by_word);
  id = g_strdelimit (g_strdup (folded), " ", '-');
  for (guint k = 2; dm_document_lookup_actor (self->document, id) != NULL; k++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", folded, k);
      g_strdelimit (id, " ", '-');
    }
  return dm_actor_new (id, name);
}

static DmEvent *
new_event (QuickAdd    *self,
           DmEventKind  kind)
{
  g_autofree char *id = dm_document_dup_unused_event_id (self->document, dm_event_kind_to_string (kind));
  return dm_event_new (kind, id);
}

/* "Choe Son Hui: Pyongyang 2025-11-05 > Vladivostok 2025-11-06 > Pyongyang 2025-11-08" */
static DmEvent *
parse_trip (QuickAdd   *self,
            const char *who,
            const char *stops_text)
{
  g_autoptr(DmActor) actor = resolve_actor (self, who);
  g_autoptr(DmEvent) event = new_event (self, DM_EVENT_KIND_TRIP);
  g_autoptr(DmPlace) previous = NULL;
  DmTime previous_time = DM_TIME_UNKNOWN;
  const char *next = stops_text;

  dm_event_set_actor (event, actor);
  for (guint i = 0; next != NULL; i++)
    {
      const char *mark = strchr (next, '>');
      Piece stop = { next, mark ? (gsize) (mark - next) : strlen (next) };
      Piece name, dates;
      g_autofree char *dates_text = NULL;
      g_autoptr(DmPlace) place = NULL;
      DmTime time = DM_TIME_UNKNOWN, unused;

      next = mark ? mark + 1 : NULL;
      split_place_dates (stop, &name, &dates);
      place = resolve_place (self, name);
      dates_text = dup_piece (dates);
      if (*dates_text && !dm_quick_add_parse_dates (dates_text, self->year, place ? dm_place_get_zone (place) : NULL, &time, &unused))
        unresolved (self, dates);
      if (i > 0 && previous != NULL && place != NULL)
        {
          g_autoptr(DmLeg) leg = dm_leg_new (previous, place);

          leg->depart = previous_time;
          leg->arrive = time;
          dm_event_add_leg (event, leg);
        }
      g_set_object (&previous, place);
      previous_time = time;
    }
  return g_steal_pointer (&event);
}

/* "Trump at Gyeongju 29-30 Oct 2025" */
static DmEvent *
parse_visit (QuickAdd   *self,
             const char *who,
             const char *where_when)
{
  g_autoptr(DmActor) actor = resolve_actor (self, who);
  g_autoptr(DmEvent) event = new_event (self, DM_EVENT_KIND_VISIT);
  Piece name, dates;
  g_autofree char *dates_text = NULL;
  g_autoptr(DmPlace) place = NULL;
  DmTime start, end;

  split_place_dates ((Piece) { where_when, strlen (where_when) }, &name, &dates);
  place = resolve_place (self, name);
  dates_text = dup_piece (dates);
  if (!dm_quick_add_parse_dates (dates_text, self->year, place ? dm_place_get_zone (place) : NULL, &start, &end))
    unresolved (self, dates);
  dm_event_set_actor (event, actor);
  dm_event_set_place (event, place);
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);
  return g_steal_pointer (&event);
}

/* Whether a gathering's title (folded) names a summit: "summit", or a word of the user's
 * language for one */
static gboolean
names_summit (const char *folded)
{
  /* Translators: quick add: the words that make a gathering a summit, as in “APEC summit,
   * Gyeongju, 31 Oct - 1 Nov 2025: Trump, Xi” (any other gathering is a meeting), separated
   * by “|”, in lower case; a title holding one of them anywhere is a summit (English
   * “summit” is read too) */
  g_auto(GStrv) words = g_strsplit (_("summit"), "|", -1);

  if (strstr (folded, "summit") != NULL)
    return TRUE;
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = dm_gazetteer_fold (words[i]);

      if (*word != '\0' && strstr (folded, word) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The part of @text after its @n-th comma, up to the next one */
static Piece
nth_part (Piece text,
          guint n)
{
  const char *end = text.at + text.len;
  const char *at = text.at;
  const char *comma;

  for (guint i = 0; i < n; i++)
    at = (const char *) memchr (at, ',', end - at) + 1;
  comma = memchr (at, ',', end - at);
  return (Piece) { at, (comma ? comma : end) - at };
}

/* "APEC summit, Gyeongju, 31 Oct - 1 Nov 2025: Trump, Xi, Takaichi" */
static DmEvent *
parse_gathering (QuickAdd   *self,
                 Piece       what,
                 const char *who)
{
  g_autofree char *what_text = dup_piece (what);
  g_auto(GStrv) parts = g_strsplit (what_text, ",", -1);
  g_auto(GStrv) names = g_strsplit (who, ",", -1);
  guint n = g_strv_length (parts);
  g_autofree char *folded = NULL;
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(DmPlace) place = NULL;
  g_autofree char *dates_text = NULL;
  Piece dates;
  DmTime start, end;

  if (n < 2)
    {
      unresolved (self, what);
      return NULL;
    }
  folded = dm_gazetteer_fold (parts[0]);
  event = new_event (self, names_summit (folded) ? DM_EVENT_KIND_SUMMIT : DM_EVENT_KIND_MEETING);
  if (n >= 3)
    dm_event_set_title (event, g_strstrip (parts[0]));
  place = resolve_place (self, strip_piece (nth_part (what, n - 2)));
  /* the dates are the last part; "31 Oct - 1 Nov 2025" has no comma */
  dates = strip_piece (nth_part (what, n - 1));
  dates_text = dup_piece (dates);
  if (!dm_quick_add_parse_dates (dates_text, self->year, place ? dm_place_get_zone (place) : NULL, &start, &end))
    unresolved (self, dates);
  dm_event_set_place (event, place);
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(DmActor) actor = NULL;

      if (*g_strstrip (names[i]) == '\0')
        continue;
      actor = resolve_actor (self, names[i]);
      dm_event_add_participant (event, actor);
    }
  return g_steal_pointer (&event);
}

/* @line with no-break and narrow no-break spaces made plain spaces; @offsets (guint) gets
 * where each byte of it, and its end, is in @line */
static char *
replace_no_break_spaces (const char *line,
                         GArray     *offsets)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0;;)
    {
      g_array_append_val (offsets, i);
      if (line[i] == '\0')
        break;
      if (g_str_has_prefix (line + i, "\u00a0") || g_str_has_prefix (line + i, "\u202f"))
        {
          g_string_append_c (text, ' ');
          i += g_utf8_next_char (line + i) - (line + i);
        }
      else
        g_string_append_c (text, line[i++]);
    }
  return g_string_free (text, FALSE);
}

DmEvent *
dm_quick_add_parse (DmDocument  *document,
                    const char  *line,
                    int          year,
                    GPtrArray  **unresolved_out,
                    GError     **error)
{
  return dm_quick_add_parse_full (document, line, year, unresolved_out, NULL, error);
}

DmEvent *
dm_quick_add_parse_full (DmDocument  *document,
                         const char  *line,
                         int          year,
                         GPtrArray  **unresolved_out,
                         GArray     **spans_out,
                         GError     **error)
{
  QuickAdd self = { document, year, NULL, NULL, NULL };
  g_autofree char *buffer = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(DmEvent) event = NULL;
  Piece text;
  const char *colon;
  const char *at;
  gsize at_len = strlen (" at ");
  gsize skipped;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (line != NULL, NULL);

  self.unresolved = g_ptr_array_new_with_free_func (g_free);
  self.spans = g_array_new (FALSE, FALSE, sizeof (DmQuickAddSpan));
  /* French writes a no-break space before “:” */
  offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  buffer = replace_no_break_spaces (line, offsets);
  text = strip_piece ((Piece) { buffer, strlen (buffer) });
  ((char *) text.at)[text.len] = '\0';
  skipped = text.at - buffer;
  self.text = text.at;
  colon = strchr (self.text, ':');
  at = strstr (self.text, " at ");
  if (at == NULL)
    {
      /* Translators: quick add's word between who and where in “Trump at Gyeongju 29-30 Oct
       * 2025”, as users type it in your language; several separated by “|” (English “at” is
       * read too) */
      g_auto(GStrv) words = g_strsplit (_("at"), "|", -1);

      for (guint i = 0; words[i] != NULL && at == NULL; i++)
        {
          g_autofree char *word = g_strdup_printf (" %s ", words[i]);

          if (*words[i] == '\0')
            continue;
          at = strstr (self.text, word);
          at_len = strlen (word);
        }
    }
  if (colon != NULL && strchr (colon, '>') != NULL)
    {
      g_autofree char *who = g_strndup (self.text, colon - self.text);
      event = parse_trip (&self, g_strstrip (who), colon + 1);
    }
  else if (colon != NULL)
    event = parse_gathering (&self, (Piece) { self.text, colon - self.text }, colon + 1);
  else if (at != NULL)
    {
      g_autofree char *who = g_strndup (self.text, at - self.text);
      event = parse_visit (&self, g_strstrip (who), at + at_len);
    }
  else
    unresolved (&self, text);

  /* the spans in @line */
  for (guint i = 0; i < self.spans->len; i++)
    {
      DmQuickAddSpan *span = &g_array_index (self.spans, DmQuickAddSpan, i);

      span->start = g_array_index (offsets, guint, span->start + skipped);
      span->end = g_array_index (offsets, guint, span->end + skipped);
    }
  if (spans_out)
    *spans_out = g_array_ref (self.spans);
  g_clear_pointer (&self.spans, g_array_unref);

  if (self.unresolved->len > 0 || event == NULL)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (self.unresolved, NULL);
      list = g_strjoinv ("”, “", (char **) self.unresolved->pdata);
      g_ptr_array_remove_index (self.unresolved, self.unresolved->len - 1);
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                   /* Translators: quick add could not read some of the line; %s lists them */
                   _("Could not make sense of “%s”"), list);
      if (unresolved_out)
        *unresolved_out = g_steal_pointer (&self.unresolved);
      g_clear_pointer (&self.unresolved, g_ptr_array_unref);
      return NULL;
    }
  if (unresolved_out)
    *unresolved_out = g_steal_pointer (&self.unresolved);
  g_clear_pointer (&self.unresolved, g_ptr_array_unref);
  return g_steal_pointer (&event);
}
