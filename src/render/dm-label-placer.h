/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DmLabelPlacer:
 * Collision avoidance for labels: boxes already taken (labels, markers), looked up through a
 * grid so that thousands of labels place in linear time. Not thread-safe; cheap to copy.
 */
typedef struct _DmLabelPlacer DmLabelPlacer;

DmLabelPlacer *dm_label_placer_new          (double               width,
                                             double               height);
DmLabelPlacer *dm_label_placer_copy         (const DmLabelPlacer *self);
void           dm_label_placer_free         (DmLabelPlacer       *self);
void           dm_label_placer_add          (DmLabelPlacer       *self,
                                             double               x0,
                                             double               y0,
                                             double               x1,
                                             double               y1);
void           dm_label_placer_add_label    (DmLabelPlacer       *self,
                                             double               x0,
                                             double               y0,
                                             double               x1,
                                             double               y1);
gboolean       dm_label_placer_is_free      (const DmLabelPlacer *self,
                                             double               x0,
                                             double               y0,
                                             double               x1,
                                             double               y1);
gboolean       dm_label_placer_place        (DmLabelPlacer       *self,
                                             const DmLabelPlacer *also_avoid,
                                             double               anchor_x,
                                             double               anchor_y,
                                             double               gap,
                                             double               width,
                                             double               height,
                                             double              *x,
                                             double              *y);
guint          dm_label_placer_get_n_boxes  (const DmLabelPlacer *self);
gboolean       dm_label_placer_get_box      (const DmLabelPlacer *self,
                                             guint                index,
                                             double              *x0,
                                             double              *y0,
                                             double              *x1,
                                             double              *y1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmLabelPlacer, dm_label_placer_free)

G_END_DECLS
