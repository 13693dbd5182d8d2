/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-label-placer.h"

#define CELL 48.0

typedef struct
{
  double   x0, y0, x1, y1;
  gboolean label;  /* text placed here (else a mark: a dot, a marker, the legend) */
} Box;

struct _DmLabelPlacer
{
  double  width;
  double  height;
  int     cols;
  int     rows;
  GArray *boxes;   /* Box */
  GArray **cells;  /* per cell: guint indices into boxes, or NULL */
};

DmLabelPlacer *
dm_label_placer_new (double width,
                     double height)
{
  DmLabelPlacer *self = g_new0 (DmLabelPlacer, 1);

  self->width = MAX (width, 1.0);
  self->height = MAX (height, 1.0);
  self->cols = (int) ceil (self->width / CELL);
  self->rows = (int) ceil (self->height / CELL);
  self->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  self->cells = g_new0 (GArray *, (gsize) self->cols * self->rows);
  return self;
}

void
dm_label_placer_free (DmLabelPlacer *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < self->cols * self->rows; i++)
    if (self->cells[i] != NULL)
      g_array_unref (self->cells[i]);
  g_free (self->cells);
  g_array_unref (self->boxes);
  g_free (self);
}

static void
cell_range (const DmLabelPlacer *self,
            double x0, double y0, double x1, double y1,
            int *c0, int *r0, int *c1, int *r1)
{
  *c0 = CLAMP ((int) floor (x0 / CELL), 0, self->cols - 1);
  *c1 = CLAMP ((int) floor (x1 / CELL), 0, self->cols - 1);
  *r0 = CLAMP ((int) floor (y0 / CELL), 0, self->rows - 1);
  *r1 = CLAMP ((int) floor (y1 / CELL), 0, self->rows - 1);
}

static void
add_box (DmLabelPlacer *self,
         double         x0,
         double         y0,
         double         x1,
         double         y1,
         gboolean       label)
{
  Box b = { x0, y0, x1, y1, label };
  guint index = self->boxes->len;
  int c0, r0, c1, r1;

  g_array_append_val (self->boxes, b);
  cell_range (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &self->cells[r * self->cols + c];
        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

DmLabelPlacer *
dm_label_placer_copy (const DmLabelPlacer *self)
{
  DmLabelPlacer *copy = dm_label_placer_new (self->width, self->height);

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);
      add_box (copy, b->x0, b->y0, b->x1, b->y1, b->label);
    }
  return copy;
}

/**
 * dm_label_placer_add:
 * Marks a box as taken by a mark (a dot, a marker, the legend). Boxes may reach outside the
 * area; marks may overlap each other.
 */
void
dm_label_placer_add (DmLabelPlacer *self,
                     double         x0,
                     double         y0,
                     double         x1,
                     double         y1)
{
  add_box (self, x0, y0, x1, y1, FALSE);
}

/**
 * dm_label_placer_add_label:
 * Marks a box as taken by a label placed by other means (it should be free).
 */
void
dm_label_placer_add_label (DmLabelPlacer *self,
                           double         x0,
                           double         y0,
                           double         x1,
                           double         y1)
{
  add_box (self, x0, y0, x1, y1, TRUE);
}

/**
 * dm_label_placer_is_free:
 * Whether the box lies inside the area and touches no box taken before.
 */
gboolean
dm_label_placer_is_free (const DmLabelPlacer *self,
                         double               x0,
                         double               y0,
                         double               x1,
                         double               y1)
{
  int c0, r0, c1, r1;

  if (x0 < 0 || y0 < 0 || x1 > self->width || y1 > self->height)
    return FALSE;
  cell_range (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = self->cells[r * self->cols + c];
        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            const Box *b = &g_array_index (self->boxes, Box, g_array_index (cell, guint, i));
            if (x0 < b->x1 && b->x0 < x1 && y0 < b->y1 && b->y0 < y1)
              return FALSE;
          }
      }
  return TRUE;
}

/**
 * dm_label_placer_place:
 * Finds room for a @width x @height label next to the point (@anchor_x, @anchor_y), @gap
 * pixels away: to the right first, as maps usually label places, then left, above, below and
 * the corners. The box must also be free in @also_avoid, if given (boxes of another layer).
 * On success the box is taken (in @self) and its top-left corner returned.
 */
gboolean
dm_label_placer_place (DmLabelPlacer       *self,
                       const DmLabelPlacer *also_avoid,
                       double               anchor_x,
                       double               anchor_y,
                       double               gap,
                       double               width,
                       double               height,
                       double              *x,
                       double              *y)
{
  /* corners: close to the anchor, yet clear of a marker of radius gap - 2 */
  const double g = gap, w = width, h = height, d = MAX (g * 0.7, g - 2);
  const double spots[][2] = {
    { g, -h / 2 },          /* right */
    { -g - w, -h / 2 },     /* left */
    { -w / 2, -g - h },     /* above */
    { -w / 2, g },          /* below */
    { d, -d - h },          /* above right */
    { -d - w, -d - h },     /* above left */
    { d, d },               /* below right */
    { -d - w, d },          /* below left */
  };

  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      double x0 = anchor_x + spots[i][0], y0 = anchor_y + spots[i][1];
      if (dm_label_placer_is_free (self, x0, y0, x0 + w, y0 + h) &&
          (also_avoid == NULL || dm_label_placer_is_free (also_avoid, x0, y0, x0 + w, y0 + h)))
        {
          add_box (self, x0, y0, x0 + w, y0 + h, TRUE);
          *x = x0;
          *y = y0;
          return TRUE;
        }
    }
  return FALSE;
}

guint
dm_label_placer_get_n_boxes (const DmLabelPlacer *self)
{
  return self->boxes->len;
}

/**
 * dm_label_placer_get_box:
 * The @index-th box taken, in order.
 * Returns: whether it is a label's (placed by dm_label_placer_place() or added as a label)
 */
gboolean
dm_label_placer_get_box (const DmLabelPlacer *self,
                         guint                index,
                         double              *x0,
                         double              *y0,
                         double              *x1,
                         double              *y1)
{
  const Box *b;

  g_return_val_if_fail (index < self->boxes->len, FALSE);
  b = &g_array_index (self->boxes, Box, index);
  *x0 = b->x0, *y0 = b->y0, *x1 = b->x1, *y1 = b->y1;
  return b->label;
}
