/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-actor-colors.h"
#include "dm-event.h"

/* Who owns an actor's colour: the source document, once, from all its events. The slots
 * follow the file's order of actors (dm_document_get_actors()), not the order of events: an
 * author who lists the actors chooses their colours, and sorting or editing events, or
 * showing only some of them, changes no one's colour. Only actors in some event take a slot,
 * and an actor with a colour of its own takes none, so the palette is not spent on them. */

/* vermillion, blue, bluish green, reddish purple, orange, sky blue, black, yellow */
static const guint32 palette[DM_ACTOR_N_PALETTE] = {
  0xd55e00, 0x0072b2, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000, 0xf0e442,
};

static void
take_slot (GHashTable *slots,
           DmActor    *actor,
           guint      *n_slots)
{
  double r, g, b;

  if (g_hash_table_contains (slots, actor))
    return;
  g_hash_table_insert (slots, g_object_ref (actor),
                       GUINT_TO_POINTER (dm_actor_get_rgb (actor, &r, &g, &b) ? 0 : ++*n_slots));
}

static void
note_actor (GHashTable *used,
            GPtrArray  *order,
            DmActor    *actor)
{
  if (actor != NULL && g_hash_table_add (used, actor))
    g_ptr_array_add (order, actor);
}

/**
 * dm_actor_colors_assign:
 * @actors: (element-type DmActor): the document's actors, in the file's order
 * @events: (element-type DmEvent): all the document's events
 *
 * Gives each actor of @events (as actor or participant) its colour slot: the next free one
 * in the order of @actors; actors of @events missing from @actors come after them, in the
 * order they first appear.
 *
 * Returns: (transfer full): DmActor -> slot + 1 (0: the actor has a colour of its own)
 */
GHashTable *
dm_actor_colors_assign (GListModel *actors,
                        GListModel *events)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GHashTable *slots = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  guint n_slots = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *participants = dm_event_get_participants (event);

      note_actor (used, order, dm_event_get_actor (event));
      for (guint j = 0; participants != NULL && j < participants->len; j++)
        note_actor (used, order, g_ptr_array_index (participants, j));
    }
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);

      if (g_hash_table_contains (used, actor))
        take_slot (slots, actor, &n_slots);
    }
  for (guint i = 0; i < order->len; i++)
    take_slot (slots, g_ptr_array_index (order, i), &n_slots);
  return slots;
}

/**
 * dm_actor_colors_lookup:
 * Returns: @actor's slot in @slots, or -1 when it has a colour of its own or is in no event
 */
int
dm_actor_colors_lookup (GHashTable *slots,
                        DmActor    *actor)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (slots, actor)) - 1;
}

/**
 * dm_actor_colors_palette:
 * Returns: the colour of colour @slot (dm_document_get_actor_color_index()), as 0xRRGGBB
 */
guint32
dm_actor_colors_palette (guint slot)
{
  return palette[slot % DM_ACTOR_N_PALETTE];
}
