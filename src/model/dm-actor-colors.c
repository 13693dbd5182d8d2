/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>

#include "dm-actor-colors.h"
#include "dm-event.h"

/* Who owns an actor's colour: the source document, once, from all its events. The slots
 * follow the file's order of actors (dm_document_get_actors()), not the order of events: an
 * author who lists the actors chooses their colours, and sorting or editing events, or
 * showing only some of them, changes no one's colour. Only actors in some event take a slot,
 * and an actor with a colour of its own takes none, so the palette is not spent on them. */

/* vermillion, blue, bluish green, reddish purple, orange, sky blue, black, yellow, then
 * Paul Tol's wine and olive, so ten actors never share a colour */
static const guint32 palette[DM_ACTOR_N_PALETTE] = {
  0xd55e00, 0x0072b2, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000, 0xf0e442,
  0x882255, 0x999933,
};

/* What the table holds per actor */
typedef struct
{
  int     slot;     /* -1: a colour of its own */
  int     group;    /* -1: none (a colour of its own) */
  guint   shade;    /* its rank in its group */
  guint   n_shades; /* actors in its group */
  guint   n_groups;
  const char *group_name; /* its role or country (owned by an actor the table holds) */
  gboolean grouped; /* more than DM_ACTOR_GROUP_ABOVE actors: coloured by group and shade */
} Entry;

static void
take_slot (GHashTable *slots,
           GPtrArray  *order,
           DmActor    *actor)
{
  double r, g, b;
  Entry *e;

  if (g_hash_table_contains (slots, actor))
    return;
  e = g_new0 (Entry, 1);
  e->slot = dm_actor_get_rgb (actor, &r, &g, &b) ? -1 : (int) order->len;
  e->group = -1;
  if (e->slot >= 0)
    g_ptr_array_add (order, actor);
  g_hash_table_insert (slots, g_object_ref (actor), e);
}

/* The actors' groups: by role when they have more than one, else by country (the first
 * role or country met in slot order comes first), so a group keeps its colour whatever a
 * filter shows */
static void
assign_groups (GHashTable *slots,
               GPtrArray  *order)
{
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *sizes = g_new0 (guint, order->len + 1);
  gboolean by_role;

  for (guint i = 0; i < order->len; i++)
    g_hash_table_add (roles, (gpointer) dm_actor_colors_group_key (order->pdata[i], TRUE));
  by_role = g_hash_table_size (roles) > 1;
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = dm_actor_colors_group_key (order->pdata[i], by_role);
      Entry *e = g_hash_table_lookup (slots, order->pdata[i]);
      gpointer group;

      if (!g_hash_table_lookup_extended (groups, key, NULL, &group))
        {
          group = GUINT_TO_POINTER (g_hash_table_size (groups));
          g_hash_table_insert (groups, (gpointer) key, group);
        }
      e->group = (int) GPOINTER_TO_UINT (group);
      e->group_name = key;
      e->shade = sizes[e->group]++;
    }
  for (guint i = 0; i < order->len; i++)
    {
      Entry *e = g_hash_table_lookup (slots, order->pdata[i]);

      e->n_shades = sizes[e->group];
      e->n_groups = g_hash_table_size (groups);
      e->grouped = order->len > DM_ACTOR_GROUP_ABOVE;
    }
}

/**
 * dm_actor_colors_group_key:
 * @by_role: %TRUE to group by role, %FALSE by country
 * Returns: the name of @actor's group: its role (or country), "" when it has none
 */
const char *
dm_actor_colors_group_key (DmActor  *actor,
                           gboolean  by_role)
{
  const char *key = by_role ? dm_actor_get_role (actor) : dm_actor_get_country (actor);

  return key != NULL ? key : "";
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
 * With more than %DM_ACTOR_GROUP_ABOVE such actors, the palette cannot tell them apart:
 * they are grouped (by role, else country: dm_actor_colors_group_key()) and each group takes
 * a hue of the palette, its actors shades of it (dm_actor_colors_lookup_rgb()).
 *
 * Returns: (transfer full): the table, for the look-ups below
 */
GHashTable *
dm_actor_colors_assign (GListModel *actors,
                        GListModel *events)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) slotted = g_ptr_array_new ();
  GHashTable *slots = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);

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
        take_slot (slots, slotted, actor);
    }
  for (guint i = 0; i < order->len; i++)
    take_slot (slots, slotted, g_ptr_array_index (order, i));
  assign_groups (slots, slotted);
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
  Entry *e = g_hash_table_lookup (slots, actor);

  return e != NULL ? e->slot : -1;
}

/**
 * dm_actor_colors_lookup_group:
 * @group: (out) (optional): @actor's group
 * @n_groups: (out) (optional): how many groups the actors make
 * @name: (out) (optional): the group's name (a role or a country; "" for none)
 * @grouped: (out) (optional): whether the actors are coloured by group
 * Returns: %FALSE when @actor has a colour of its own or is in no event
 */
gboolean
dm_actor_colors_lookup_group (GHashTable  *slots,
                              DmActor     *actor,
                              guint       *group,
                              guint       *n_groups,
                              const char **name,
                              gboolean    *grouped)
{
  Entry *e = g_hash_table_lookup (slots, actor);

  if (e == NULL || e->group < 0)
    return FALSE;
  if (group)
    *group = (guint) e->group;
  if (n_groups)
    *n_groups = e->n_groups;
  if (name)
    *name = e->group_name;
  if (grouped)
    *grouped = e->grouped;
  return TRUE;
}

/* @rgb with its lightness moved by @dl (-1 black .. 1 white) and its hue turned by @dh
 * degrees (in HSL) */
static guint32
shade_rgb (guint32 rgb,
           double  dl,
           double  dh)
{
  double r = ((rgb >> 16) & 0xff) / 255.0, g = ((rgb >> 8) & 0xff) / 255.0, b = (rgb & 0xff) / 255.0;
  double hi = MAX (r, MAX (g, b)), lo = MIN (r, MIN (g, b)), l = (hi + lo) / 2, s = 0, h = 0;
  double c, x, m, rr, gg, bb;

  if (hi > lo)
    {
      double d = hi - lo;
      s = d / (1 - fabs (2 * l - 1));
      h = hi == r ? fmod ((g - b) / d, 6) : hi == g ? (b - r) / d + 2 : (r - g) / d + 4;
      h *= 60;
    }
  h = fmod (h + dh + 720, 360);
  l = CLAMP (l + dl, 0.12, 0.82);
  c = (1 - fabs (2 * l - 1)) * s;
  x = c * (1 - fabs (fmod (h / 60, 2) - 1));
  m = l - c / 2;
  rr = h < 60 ? c : h < 120 ? x : h < 180 ? 0 : h < 240 ? 0 : h < 300 ? x : c;
  gg = h < 60 ? x : h < 120 ? c : h < 180 ? c : h < 240 ? x : 0;
  bb = h < 60 ? 0 : h < 120 ? 0 : h < 180 ? x : h < 240 ? c : h < 300 ? c : x;
  return ((guint32) lround ((rr + m) * 255) << 16) | ((guint32) lround ((gg + m) * 255) << 8) |
         (guint32) lround ((bb + m) * 255);
}

/* The group hues: the palette without black and yellow, which shade badly */
static const guint8 group_hues[] = { 0, 1, 2, 3, 4, 5, 8, 9 };

/**
 * dm_actor_colors_group_rgb:
 * Returns: the hue of group @group as 0xRRGGBB (its actors are shades of it)
 */
guint32
dm_actor_colors_group_rgb (guint group)
{
  return palette[group_hues[group % G_N_ELEMENTS (group_hues)]];
}

/**
 * dm_actor_colors_lookup_rgb:
 * @rgb: (out): the colour of @actor as 0xRRGGBB: its slot's in the palette, or, when the
 *   actors are grouped, a shade of its group's hue: lighter and darker in turn, the hue
 *   turning a little along the group, so neighbours in the file's order differ most
 * Returns: %FALSE when @actor has a colour of its own or is in no event
 */
gboolean
dm_actor_colors_lookup_rgb (GHashTable *slots,
                            DmActor    *actor,
                            guint32    *rgb)
{
  static const double lightness[] = { 0.0, 0.2, -0.14, 0.3, 0.1, -0.07 };
  Entry *e = g_hash_table_lookup (slots, actor);
  guint n_turns;
  double turn;

  if (e == NULL || e->slot < 0)
    return FALSE;
  if (!e->grouped)
    {
      *rgb = dm_actor_colors_palette ((guint) e->slot);
      return TRUE;
    }
  n_turns = (e->n_shades + G_N_ELEMENTS (lightness) - 1) / G_N_ELEMENTS (lightness);
  turn = n_turns > 1 ? -12.0 + 24.0 * (e->shade / G_N_ELEMENTS (lightness)) / (n_turns - 1) : 0.0;
  *rgb = shade_rgb (dm_actor_colors_group_rgb ((guint) e->group),
                    lightness[e->shade % G_N_ELEMENTS (lightness)], turn);
  return TRUE;
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
