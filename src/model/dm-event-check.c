/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-event.h"

static void
add (GPtrArray  *problems,
     char       *message)
{
  g_ptr_array_add (problems, message);
}

/**
 * dm_event_check:
 *
 * What keeps @self from being a valid event of a .diplomap file, in the words the reader
 * and `--check` use (an editor shows them as the user types, docs/EDITING.md).
 *
 * Returns: (transfer full) (element-type utf8): the messages; empty when it is valid
 */
GPtrArray *
dm_event_check (DmEvent *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  DmEventKind kind = dm_event_get_kind (self);
  GPtrArray *legs = dm_event_get_legs (self);
  const DmTime *start = dm_event_get_start (self);
  const DmTime *end = dm_event_get_end (self);

  g_return_val_if_fail (DM_IS_EVENT (self), problems);

  if (kind == DM_EVENT_KIND_TRIP)
    {
      DmPlace *previous_to = NULL;

      if (dm_event_get_actor (self) == NULL)
        add (problems, g_strdup (_("A trip needs an “actor”: who travels")));
      if (legs->len == 0)
        add (problems, g_strdup (_("A trip needs “legs”: a list of {\"from\": …, \"to\": …}")));
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);

          if (previous_to != NULL && leg->from != NULL && !dm_place_equal (previous_to, leg->from))
            add (problems, g_strdup_printf (_("This leg starts in %s but the previous one ended in %s"),
                                            dm_place_get_name (leg->from),
                                            dm_place_get_name (previous_to)));
          if (dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
              leg->arrive.latest < leg->depart.earliest)
            add (problems, g_strdup (_("This leg arrives before it departs")));
          previous_to = leg->to;
        }
    }
  else if (dm_event_get_place (self) == NULL)
    add (problems, g_strdup_printf (_("A %s needs a “place”"), dm_event_kind_to_string (kind)));
  if (kind == DM_EVENT_KIND_VISIT && dm_event_get_actor (self) == NULL)
    add (problems, g_strdup (_("A visit needs an “actor”: who visits")));
  if (dm_time_is_known (start) && dm_time_is_known (end) && end->latest < start->earliest)
    add (problems, g_strdup (_("The event ends before it starts")));
  if (kind != DM_EVENT_KIND_TRIP && !dm_time_is_known (start))
    add (problems, g_strdup_printf (_("A %s needs a “start” time"), dm_event_kind_to_string (kind)));
  return problems;
}
