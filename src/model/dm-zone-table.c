/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-zone-table.h"

/* GLib finds a second's interval in a zone by walking its transitions from the first one (a
 * zone of Europe has about 2,100 of them, its rules spelt out for centuries), for every
 * g_time_zone_find_interval() and g_time_zone_adjust_time(): a third of the times' cost in a
 * large file. GLib's public API cannot list the transitions cheaply (finding each one by
 * halves would take billions of instructions for the 30 zones of a generated file), so a
 * table remembers what GLib said: spans of UTC seconds known to lie in one interval, sorted,
 * searched by halves. A second between two spans is asked of GLib once, and widens one of
 * them or makes a new one, so the table grows only around the times a document has.
 *
 * A table per zone lives as long as the program (as GLib's own cache of zones by name),
 * holding a reference to its zone, so that a zone's address never names another zone. Loads
 * run in worker threads: each table has its lock. */

typedef struct
{
  gint64 first;    /* UTC seconds, both known to lie in @interval */
  gint64 last;
  int    interval;
  gint32 offset;   /* the interval's */
} Span;

struct _DmZoneTable
{
  GTimeZone *zone;
  int        n_transitions;  /* the last interval's index */
  GMutex     lock;
  GArray    *spans;          /* of Span, by time; no two neighbours in one interval */
  guint      last_found;     /* the span that held the last second asked about */
  gint64     margin;         /* twice the largest offset of any interval, and a second */
};

static GMutex tables_lock;
static GHashTable *tables;  /* GTimeZone * -> DmZoneTable * */

/* Each thread's tables last asked for, by their zone's address, found without a lock: the
 * times of a file come from its places' zones in turn */
#define N_RECENT 256
static GPrivate recent_tables = G_PRIVATE_INIT (g_free);

/**
 * dm_zone_table_get:
 *
 * Returns: (transfer none): the table of @zone, made on first use, never freed. Thread-safe.
 */
DmZoneTable *
dm_zone_table_get (GTimeZone *zone)
{
  DmZoneTable **recent = g_private_get (&recent_tables);
  /* the address's bits mixed: zones allocated one after another differ in a few of them */
  guint slot = (guint) (((guint64) GPOINTER_TO_SIZE (zone) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 56);
  DmZoneTable *table;

  if (recent == NULL)
    {
      recent = g_new0 (DmZoneTable *, N_RECENT);
      g_private_set (&recent_tables, recent);
    }
  if (recent[slot] != NULL && recent[slot]->zone == zone)
    return recent[slot];
  g_mutex_lock (&tables_lock);
  if (tables == NULL)
    tables = g_hash_table_new (NULL, NULL);
  table = g_hash_table_lookup (tables, zone);
  if (table == NULL)
    {
      table = g_new0 (DmZoneTable, 1);
      table->zone = g_time_zone_ref (zone);
      /* the interval that holds the last second is the last one */
      table->n_transitions = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, G_MAXINT64);
      for (int i = 0; i <= table->n_transitions; i++)
        table->margin = MAX (table->margin, ABS ((gint64) g_time_zone_get_offset (zone, i)));
      table->margin = 2 * table->margin + 1;
      g_mutex_init (&table->lock);
      table->spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_hash_table_insert (tables, zone, table);
    }
  g_mutex_unlock (&tables_lock);
  recent[slot] = table;
  return table;
}

/* g_time_zone_find_interval (G_TIME_TYPE_UNIVERSAL), from the table where it knows; the lock
 * is held. @hint: the span to try first (a local time's questions are seconds apart), set to
 * the one that held @utc. */
static int
find_locked (DmZoneTable *self,
             gint64       utc,
             guint       *hint)
{
  Span *spans = (Span *) (gpointer) self->spans->data;
  guint lo = 0, hi = self->spans->len;
  int interval;

  if (self->n_transitions == 0)
    return 0;
  if (*hint < hi && spans[*hint].first <= utc)
    {
      /* a file's times come mostly in order: in the hinted span, or just after it */
      if (utc <= spans[*hint].last)
        return spans[*hint].interval;
      if (*hint + 1 < hi && spans[*hint + 1].first <= utc && utc <= spans[*hint + 1].last)
        {
          *hint += 1;
          return spans[*hint].interval;
        }
      if (*hint + 1 == hi || utc < spans[*hint + 1].first)
        lo = hi = *hint + 1;
      else
        lo = *hint + 1;
    }
  /* the first span that starts after @utc */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].first <= utc)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && utc <= spans[lo - 1].last)
    {
      *hint = lo - 1;
      return spans[lo - 1].interval;
    }

  /* between spans (or outside them): GLib says, and the span before or after grows, since
   * an interval is one run of seconds */
  interval = g_time_zone_find_interval (self->zone, G_TIME_TYPE_UNIVERSAL, utc);
  if (lo > 0 && spans[lo - 1].interval == interval)
    {
      spans[lo - 1].last = utc;
      *hint = lo - 1;
    }
  else if (lo < self->spans->len && spans[lo].interval == interval)
    {
      spans[lo].first = utc;
      *hint = lo;
    }
  else
    {
      Span s = { utc, utc, interval, g_time_zone_get_offset (self->zone, interval) };

      g_array_insert_val (self->spans, lo, s);
      *hint = lo;
    }
  return interval;
}

/**
 * dm_zone_table_find:
 *
 * Returns: what g_time_zone_find_interval (zone, %G_TIME_TYPE_UNIVERSAL, @utc_seconds) returns
 */
int
dm_zone_table_find (DmZoneTable *table,
                    gint64       utc_seconds)
{
  guint hint;
  int interval;

  g_mutex_lock (&table->lock);
  hint = table->last_found;
  interval = find_locked (table, utc_seconds, &hint);
  table->last_found = hint;
  g_mutex_unlock (&table->lock);
  return interval;
}

/**
 * dm_zone_table_offset_at:
 *
 * Returns: the zone's offset at @utc_seconds
 */
gint32
dm_zone_table_offset_at (DmZoneTable *table,
                         gint64       utc_seconds)
{
  return g_time_zone_get_offset (table->zone, dm_zone_table_find (table, utc_seconds));
}

/* Interval @i starts at the transition T(i) (UTC), and T(i) > @utc exactly when the second
 * @utc lies in an interval before @i: each of GLib's comparisons of a local time with the
 * local start or end of an interval is one such question, answered from the table. */
static gboolean
starts_after (DmZoneTable *self,
              int          i,
              gint64       utc,
              guint       *hint)
{
  return find_locked (self, utc, hint) < i;
}

/* The span of @utc when @utc is deep inside one (nothing nearer its edges than the margin):
 * the span that holds the local time @local (seconds taken as UTC) and @local less its
 * interval's offset; NULL otherwise. The lock is held. */
static const Span *
find_deep_locked (DmZoneTable *self,
                  gint64       local)
{
  const Span *spans = (const Span *) (gpointer) self->spans->data;
  guint n = self->spans->len, lo = 0, hi = n, h = self->last_found;
  gint64 utc;

  if (h < n && spans[h].first <= local && (h + 1 == n || local < spans[h + 1].first))
    lo = h + 1;
  else
    {
      /* the first span that starts after @local */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (spans[mid].first <= local)
            lo = mid + 1;
          else
            hi = mid;
        }
    }
  if (lo == 0)
    return NULL;
  utc = local - spans[lo - 1].offset;
  if (utc - self->margin < spans[lo - 1].first || utc + self->margin > spans[lo - 1].last)
    return NULL;
  self->last_found = lo - 1;
  return &spans[lo - 1];
}

/**
 * dm_zone_table_local_to_utc:
 * @offset: (out) (optional): the zone's offset at the result (what
 *   dm_zone_table_offset_at() gives for it)
 *
 * What g_time_zone_adjust_time (zone, %G_TIME_TYPE_STANDARD, &local) and the offset of the
 * interval it returns give: the UTC second of @local_seconds, a local time; an ambiguous one is
 * taken in standard time, one skipped by a change moves to the start of the interval after it.
 * Its steps are GLib's (gtimezone.c, 2.74), with the transitions' times from the table.
 *
 * Most local times are far from any change: when @local_seconds less the offset of the span
 * that holds it lies in that span with the margin to spare (twice the largest offset of the
 * zone) on both sides, every second GLib's steps would ask about (@local_seconds, and it less
 * the offset of this interval or a neighbour) lies in that span, so each of the steps finds
 * this interval and it is the answer, without them.
 */
gint64
dm_zone_table_local_to_utc (DmZoneTable *table,
                            gint64       local_seconds,
                            gint32      *offset_out)
{
  GTimeZone *zone = table->zone;
  gint64 local = local_seconds, utc;
  int n = table->n_transitions, i, j, found;
  const Span *deep;
  guint hint;
  gint32 offset;

  if (n == 0)
    {
      /* one interval: GLib's steps all end in it */
      offset = g_time_zone_get_offset (zone, 0);
      if (offset_out != NULL)
        *offset_out = offset;
      return local - offset;
    }
  g_mutex_lock (&table->lock);
  if ((deep = find_deep_locked (table, local)) != NULL)
    {
      offset = deep->offset;
      g_mutex_unlock (&table->lock);
      if (offset_out != NULL)
        *offset_out = offset;
      return local - offset;
    }
  hint = table->last_found;
  /* GLib first takes the local time as a UTC second */
  i = find_locked (table, local, &hint);
  offset = g_time_zone_get_offset (zone, i);
  found = n == 0 || offset == 0 ? i : find_locked (table, local - offset, &hint);
  j = i;
  if (i >= 1 && found < i)
    {
      /* before the interval's local start (local < T(i) + offset(i)): in the interval before,
       * or skipped */
      j = i - 1;
      if (!starts_after (table, i, local - g_time_zone_get_offset (zone, j), &hint))
        j = -1;
    }
  else if (i < n && found > i)
    {
      /* after the interval's local end (local >= T(i+1) + offset(i)): in the next one, or
       * skipped */
      j = i + 1;
      if (starts_after (table, j, local - g_time_zone_get_offset (zone, j), &hint))
        j = -1;
    }
  else if (g_time_zone_is_dst (zone, i))
    {
      /* in summer time, but it may be standard time's too: in the interval before or after */
      if (i > 0 && starts_after (table, i, local - g_time_zone_get_offset (zone, i - 1), &hint))
        j = i - 1;
      else if (i < n && !starts_after (table, i + 1, local - g_time_zone_get_offset (zone, i + 1), &hint))
        j = i + 1;
    }
  table->last_found = hint;
  g_mutex_unlock (&table->lock);

  if (j < 0)
    {
      /* a local time that does not exist moves to the next interval's first second, which
       * GLib knows exactly (rare: midnights skipped by a change) */
      j = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &local);
      utc = local - g_time_zone_get_offset (zone, j);
    }
  else
    utc = local - g_time_zone_get_offset (zone, j);
  if (offset_out != NULL)
    *offset_out = dm_zone_table_offset_at (table, utc);
  return utc;
}
