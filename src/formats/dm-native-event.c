/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-limits-private.h"
#include "dm-native-format-private.h"

/* One event of a strict .diplomap read straight from its text into a DmEvent (issue 15):
 * no JsonNodes, no positions but the few a warning needs, counted from the text when it
 * needs them. It reads what most files hold (known members whose values are strings, lists
 * of strings and legs of strings, without escapes) and checks what read_event() in
 * dm-native-format.c checks, in the same order; for anything else (a member it does not
 * know, a number, null, an inline place, sources, a problem of any kind) it gives up and
 * the reader of nodes reads the event as before, so every problem is said by one code, at
 * the same line and column. Places it resolved before giving up stay resolved: the reader
 * of nodes resolves the same ones first, in the same order. */

enum
{
  M_ID, M_TYPE, M_TITLE, M_STATUS, M_ACTOR, M_PARTICIPANTS, M_PLACE, M_START, M_END, M_LEGS,
  M_HOST, M_INVITED_BY, M_TAGS, M_NOTES, N_MEMBERS
};

static const char * const member_names[N_MEMBERS] = {
  "id", "type", "title", "status", "actor", "participants", "place", "start", "end", "legs",
  "host", "invited_by", "tags", "notes"
};

static const guint8 member_lengths[N_MEMBERS] = { 2, 4, 5, 6, 5, 12, 5, 5, 3, 4, 4, 10, 4, 5 };

enum { L_FROM, L_TO, L_DEPART, L_ARRIVE, N_LEG_MEMBERS };

static const char * const leg_names[N_LEG_MEMBERS] = { "from", "to", "depart", "arrive" };

static const guint8 leg_lengths[N_LEG_MEMBERS] = { 4, 2, 6, 6 };

typedef struct
{
  gsize at;                     /* where the leg's object starts */
  gint  value[N_LEG_MEMBERS];   /* offset of the string in the text read, or -1 */
} Leg;

struct _DmNativeEventReader
{
  DmNativeLoader *loader;
  GHashTable     *ids;
  const char     *data, *p, *end;
  guint           line, column;          /* where @data starts */
  GString        *text;                  /* a copy of the event's text, each string read
                                          * ending in NUL where its closing quote was */
  guint           seen;                  /* members met, one bit each */
  gint            value[N_MEMBERS];      /* a string's offset in @text, or -1 */
  gsize           at[N_MEMBERS];         /* where each member's value starts in @data */
  guint           first[N_MEMBERS];      /* a list of strings: its first in @strings */
  guint           count[N_MEMBERS];      /* and how many */
  GArray         *strings;               /* gint: offsets in @text */
  GArray         *legs;                  /* Leg */
};

DmNativeEventReader *
dm_native_event_reader_new (DmNativeLoader *loader,
                            GHashTable     *ids)
{
  DmNativeEventReader *self = g_new0 (DmNativeEventReader, 1);

  for (int i = 0; i < N_MEMBERS; i++)
    g_assert (strlen (member_names[i]) == member_lengths[i]);
  for (int i = 0; i < N_LEG_MEMBERS; i++)
    g_assert (strlen (leg_names[i]) == leg_lengths[i]);
  self->loader = loader;
  self->ids = ids;
  self->text = g_string_sized_new (1024);
  self->strings = g_array_new (FALSE, FALSE, sizeof (gint));
  self->legs = g_array_new (FALSE, FALSE, sizeof (Leg));
  return self;
}

void
dm_native_event_reader_free (DmNativeEventReader *self)
{
  g_string_free (self->text, TRUE);
  g_array_unref (self->strings);
  g_array_unref (self->legs);
  g_free (self);
}

static void
skip_space (DmNativeEventReader *self)
{
  while (self->p < self->end &&
         (*self->p == ' ' || *self->p == '\n' || *self->p == '\t' || *self->p == '\r'))
    self->p++;
}

/* The string at @self->p (its opening quote), ended by a NUL in @self->text (the event's
 * text copied once, instead of a copy for each string): its offset there, or -1 for one
 * this reader leaves (an escape) */
static gint
read_string (DmNativeEventReader *self)
{
  const char *start = ++self->p;

  while (self->p < self->end && *self->p != '"')
    {
      if (*self->p == '\\' || (guchar) *self->p < 0x20)
        return -1;
      self->p++;
    }
  if (self->p >= self->end)
    return -1;
  self->text->str[self->p - self->data] = '\0';
  self->p++;
  return start - self->data;
}

/* Which of @names (@n of them, @lengths long) the member name at @self->p is, or -1 */
static int
read_name (DmNativeEventReader *self,
           const char * const  *names,
           const guint8        *lengths,
           int                  n)
{
  const char *start;
  gsize length;

  if (self->p >= self->end || *self->p != '"')
    return -1;
  start = ++self->p;
  while (self->p < self->end && *self->p != '"' && *self->p != '\\' && (guchar) *self->p >= 0x20)
    self->p++;
  if (self->p >= self->end || *self->p != '"')
    return -1;
  length = self->p - start;
  self->p++;
  skip_space (self);
  if (self->p >= self->end || *self->p != ':')
    return -1;
  self->p++;
  skip_space (self);
  for (int i = 0; i < n; i++)
    if (lengths[i] == length && names[i][0] == *start && memcmp (names[i], start, length) == 0)
      return i;
  return -1;
}

/* After a member's value or a list's element: TRUE at @close (passed), FALSE at a comma
 * (passed) or at anything else (then @self->p is NULL) */
static gboolean
read_separator (DmNativeEventReader *self,
                char                 close)
{
  skip_space (self);
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      return TRUE;
    }
  if (self->p < self->end && *self->p == ',')
    {
      self->p++;
      skip_space (self);
      return FALSE;
    }
  self->p = NULL;
  return FALSE;
}

/* A string or a list of strings, into @self->strings */
static gboolean
read_strings (DmNativeEventReader *self,
              int                  member)
{
  gint offset;

  self->first[member] = self->strings->len;
  if (*self->p == '"')
    {
      if ((offset = read_string (self)) < 0)
        return FALSE;
      g_array_append_val (self->strings, offset);
      self->count[member] = 1;
      return TRUE;
    }
  if (*self->p != '[')
    return FALSE;
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == ']')
    {
      self->p++;
      self->count[member] = 0;
      return TRUE;
    }
  for (;;)
    {
      if (self->p >= self->end || *self->p != '"' || (offset = read_string (self)) < 0)
        return FALSE;
      g_array_append_val (self->strings, offset);
      if (read_separator (self, ']'))
        break;
      if (self->p == NULL)
        return FALSE;
    }
  self->count[member] = self->strings->len - self->first[member];
  return TRUE;
}

static gboolean
read_leg (DmNativeEventReader *self)
{
  Leg leg = { self->p - self->data, { -1, -1, -1, -1 } };

  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == '}')
    {
      self->p++;
      g_array_append_val (self->legs, leg);
      return TRUE;
    }
  for (;;)
    {
      int member = read_name (self, leg_names, leg_lengths, N_LEG_MEMBERS);

      if (member < 0 || leg.value[member] >= 0 || self->p >= self->end || *self->p != '"' ||
          (leg.value[member] = read_string (self)) < 0)
        return FALSE;
      if (read_separator (self, '}'))
        break;
      if (self->p == NULL)
        return FALSE;
    }
  g_array_append_val (self->legs, leg);
  return TRUE;
}

static gboolean
read_legs (DmNativeEventReader *self)
{
  if (*self->p != '[')
    return FALSE;
  self->p++;
  skip_space (self);
  /* no legs: a problem, said by the reader of nodes */
  for (;;)
    {
      if (self->p >= self->end || *self->p != '{' || !read_leg (self) ||
          self->legs->len > DM_MAX_LEGS)
        return FALSE;
      if (read_separator (self, ']'))
        return TRUE;
      if (self->p == NULL)
        return FALSE;
    }
}

/* The event's text into @self's members; FALSE for what this reader leaves */
static gboolean
read_members (DmNativeEventReader *self)
{
  g_string_truncate (self->text, 0);
  g_string_append_len (self->text, self->data, self->end - self->data);
  g_array_set_size (self->strings, 0);
  g_array_set_size (self->legs, 0);
  self->seen = 0;
  for (int i = 0; i < N_MEMBERS; i++)
    self->value[i] = -1;

  if (self->p >= self->end || *self->p != '{')
    return FALSE;
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == '}')
    return FALSE;   /* no type: a problem */
  for (;;)
    {
      int member = read_name (self, member_names, member_lengths, N_MEMBERS);
      gboolean read;

      /* a member given twice (json-glib keeps the last) is left to it */
      if (member < 0 || (self->seen & (1u << member)) || self->p >= self->end)
        return FALSE;
      self->seen |= 1u << member;
      self->at[member] = self->p - self->data;
      switch (member)
        {
        case M_PARTICIPANTS:
        case M_INVITED_BY:
        case M_TAGS:
          read = read_strings (self, member);
          break;
        case M_LEGS:
          read = read_legs (self);
          break;
        default:
          read = *self->p == '"' && (self->value[member] = read_string (self)) >= 0;
          break;
        }
      if (!read)
        return FALSE;
      if (read_separator (self, '}'))
        break;
      if (self->p == NULL)
        return FALSE;
    }
  skip_space (self);
  return self->p == self->end;
}

static const char *
get (DmNativeEventReader *self,
     int                  member)
{
  return self->value[member] < 0 ? NULL : self->text->str + self->value[member];
}

/* A list of strings as a vector (its strings are in @self->text), or NULL if not given */
static const char **
get_strv (DmNativeEventReader *self,
          int                  member)
{
  const char **strv;

  if (!(self->seen & (1u << member)))
    return NULL;
  strv = g_new (const char *, self->count[member] + 1);
  for (guint i = 0; i < self->count[member]; i++)
    strv[i] = self->text->str + g_array_index (self->strings, gint, self->first[member] + i);
  strv[self->count[member]] = NULL;
  return strv;
}

/* Where @offset of the event's text is, counted as dm-json-positions.c counts: from the
 * line and column where the event starts, a column per character */
static void
position_of (DmNativeEventReader *self,
             gsize                offset,
             guint               *line,
             guint               *column)
{
  *line = self->line;
  *column = self->column;
  for (const char *q = self->data; q < self->data + offset; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) q[1] & 0xC0) != 0x80)
        (*column)++;
    }
}

static void
locate_cb (gpointer    data,
           const char *member,
           guint      *line,
           guint      *column)
{
  DmNativeEventReader *self = data;

  for (int i = 0; member != NULL && i < N_MEMBERS; i++)
    if (g_str_equal (member, member_names[i]) && (self->seen & (1u << i)))
      {
        position_of (self, self->at[i], line, column);
        return;
      }
  *line = self->line;
  *column = self->column;
}

/* A time as read_time() reads a string; FALSE if it does not parse */
static gboolean
read_time (DmNativeEventReader *self,
           gint                 offset,
           GTimeZone           *zone,
           DmTime              *out)
{
  *out = DM_TIME_UNKNOWN;
  return offset < 0 || dm_time_parse (self->text->str + offset, zone, out, NULL);
}

/* As read_legs() in dm-native-format.c, for legs of strings */
static gboolean
add_legs (DmNativeEventReader *self,
          DmEvent             *event)
{
  DmPlace *previous_to = NULL;
  gsize counted = 0;
  guint line = self->line, column = self->column;

  for (guint i = 0; i < self->legs->len; i++)
    {
      const Leg *l = &g_array_index (self->legs, Leg, i);
      g_autoptr(DmPlace) from = NULL;
      g_autoptr(DmPlace) to = NULL;
      g_autoptr(DmLeg) leg = NULL;

      if (l->value[L_FROM] >= 0 &&
          (from = dm_native_loader_resolve_name (self->loader, self->text->str + l->value[L_FROM], NULL)) == NULL)
        return FALSE;
      if (l->value[L_TO] < 0 ||
          (to = dm_native_loader_resolve_name (self->loader, self->text->str + l->value[L_TO], NULL)) == NULL)
        return FALSE;
      if (from == NULL && previous_to != NULL)
        from = g_object_ref (previous_to);
      if (from == NULL || (previous_to != NULL && !dm_place_equal (previous_to, from)))
        return FALSE;

      leg = dm_leg_new (from, to);
      if (!read_time (self, l->value[L_DEPART], dm_place_get_zone (from), &leg->depart) ||
          !read_time (self, l->value[L_ARRIVE], dm_place_get_zone (to), &leg->arrive))
        return FALSE;
      if (dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
          leg->arrive.latest < leg->depart.earliest)
        return FALSE;
      /* the legs come in order: count on from the last */
      for (; counted < l->at; counted++)
        {
          if (self->data[counted] == '\n')
            {
              line++;
              column = 1;
            }
          else if (((guchar) self->data[counted + 1] & 0xC0) != 0x80)
            column++;
        }
      leg->line = line;
      leg->column = column;
      dm_event_add_leg (event, leg);
      previous_to = to;
    }
  return TRUE;
}

/* The event read into a DmEvent as read_event() does, or NULL where it would fail */
static DmEvent *
build_event (DmNativeEventReader *self)
{
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(DmPlace) place = NULL;
  g_autofree const char **participants = NULL;
  g_autofree const char **invited = NULL;
  g_autofree const char **tags = NULL;
  const char *type = get (self, M_TYPE), *status_text = get (self, M_STATUS);
  const char *actor_id = get (self, M_ACTOR);
  DmEventKind kind;
  DmStatus status = DM_STATUS_UNKNOWN;
  DmTime start, end;
  GTimeZone *zone;

  if (type == NULL || !dm_event_kind_from_string (type, &kind))
    return NULL;
  event = dm_event_new (kind, get (self, M_ID));
  dm_event_set_origin (event, self->loader->file, self->line, self->column);
  dm_event_set_title (event, get (self, M_TITLE));
  dm_event_set_notes (event, get (self, M_NOTES));
  dm_event_set_host (event, get (self, M_HOST));
  if (status_text != NULL && !dm_status_from_string (status_text, &status))
    return NULL;
  dm_event_set_status (event, status);

  if (actor_id != NULL)
    {
      DmActor *actor = dm_document_lookup_actor (self->loader->doc, actor_id);

      if (actor == NULL)
        return NULL;
      dm_event_set_actor (event, actor);
    }
  participants = get_strv (self, M_PARTICIPANTS);
  /* too many: a warning, said by the reader of nodes */
  if (participants != NULL && self->count[M_PARTICIPANTS] > DM_MAX_PARTICIPANTS)
    return NULL;
  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      DmActor *actor = dm_document_lookup_actor (self->loader->doc, participants[i]);

      if (actor == NULL)
        return NULL;
      dm_event_add_participant (event, actor);
    }
  invited = get_strv (self, M_INVITED_BY);
  dm_event_set_invited_by (event, invited);
  tags = get_strv (self, M_TAGS);
  dm_event_set_tags (event, tags);

  if (kind == DM_EVENT_KIND_TRIP &&
      (actor_id == NULL || self->legs->len == 0 || !add_legs (self, event)))
    return NULL;

  if (get (self, M_PLACE) != NULL &&
      (place = dm_native_loader_resolve_name (self->loader, get (self, M_PLACE), NULL)) == NULL)
    return NULL;
  if ((place == NULL && kind != DM_EVENT_KIND_TRIP) || (kind == DM_EVENT_KIND_VISIT && actor_id == NULL))
    return NULL;
  dm_event_set_place (event, place);

  zone = place ? dm_place_get_zone (place) : NULL;
  if (!read_time (self, self->value[M_START], zone, &start) ||
      !read_time (self, self->value[M_END], zone, &end))
    return NULL;
  if (dm_time_is_known (&start) && dm_time_is_known (&end) && end.latest < start.earliest)
    return NULL;
  if (kind != DM_EVENT_KIND_TRIP && !dm_time_is_known (&start))
    return NULL;
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);
  return g_steal_pointer (&event);
}

/**
 * dm_native_event_reader_read:
 *
 * See dm-native-format-private.h.
 */
gboolean
dm_native_event_reader_read (DmNativeEventReader *self,
                             const char          *data,
                             gsize                length,
                             guint                line,
                             guint                column)
{
  g_autoptr(DmEvent) event = NULL;

  self->data = self->p = data;
  self->end = data + length;
  self->line = line;
  self->column = column;
  if (!read_members (self) || (event = build_event (self)) == NULL)
    return FALSE;
  dm_native_loader_check_event (self->loader, self->ids, event,
                                (self->seen & (1u << M_PARTICIPANTS)) != 0, locate_cb, self);
  g_ptr_array_add (self->loader->events, g_steal_pointer (&event));
  return TRUE;
}
