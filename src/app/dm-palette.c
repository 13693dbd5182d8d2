/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include "dm-palette.h"

/* Distinct on the light base map, readable by most colour-blind viewers (Okabe-Ito,
 * darkened where the land colour would swallow it) */
static const guint32 palette[] = {
  0xd55e00, 0x0072b2, 0x009e73, 0xcc79a7, 0xb8860b, 0x56b4e9, 0x7b3294, 0x444444,
};

void
dm_palette_actor_rgb (DmDocument *document,
                      DmActor    *actor,
                      double     *red,
                      double     *green,
                      double     *blue)
{
  guint index = 0;
  guint32 rgb;

  if (actor != NULL && dm_actor_get_rgb (actor, red, green, blue))
    return;
  if (actor != NULL && document != NULL)
    {
      GListModel *actors = dm_document_get_actors (document);
      guint n = g_list_model_get_n_items (actors);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DmActor) a = g_list_model_get_item (actors, i);
          if (a == actor)
            {
              index = i;
              break;
            }
        }
    }
  rgb = actor == NULL ? 0x444444 : palette[index % G_N_ELEMENTS (palette)];
  *red = ((rgb >> 16) & 0xff) / 255.0;
  *green = ((rgb >> 8) & 0xff) / 255.0;
  *blue = (rgb & 0xff) / 255.0;
}
