/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dm-actor.h"
#include "dm-leg.h"
#include "dm-place.h"
#include "dm-source.h"
#include "dm-time.h"
#include "dm-types.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT (dm_event_get_type ())

G_DECLARE_FINAL_TYPE (DmEvent, dm_event, DM, EVENT, GObject)

DmEvent            *dm_event_new               (DmEventKind   kind,
                                                const char   *id);
/* A new event saying the same, with @id (NULL: the same id); its legs are copies, so
 * the copy can be edited while the original is drawn (docs/EDITING.md) */
DmEvent            *dm_event_copy              (DmEvent      *self,
                                                const char   *id);
const char         *dm_event_get_id            (DmEvent      *self);
DmEventKind         dm_event_get_kind          (DmEvent      *self);
const char         *dm_event_get_title         (DmEvent      *self);
void                dm_event_set_title         (DmEvent      *self,
                                                const char   *title);
char               *dm_event_dup_display_title (DmEvent      *self);
DmStatus            dm_event_get_status        (DmEvent      *self);
void                dm_event_set_status        (DmEvent      *self,
                                                DmStatus      status);

/* The actor who travels (trip, visit); may be NULL for summits and meetings */
DmActor            *dm_event_get_actor         (DmEvent      *self);
void                dm_event_set_actor         (DmEvent      *self,
                                                DmActor      *actor);
/* Other participants (summit, meeting); element type DmActor */
GPtrArray          *dm_event_get_participants  (DmEvent      *self);
void                dm_event_add_participant   (DmEvent      *self,
                                                DmActor      *actor);
gboolean            dm_event_involves          (DmEvent      *self,
                                                DmActor      *actor);

/* Where a visit, summit or meeting takes place; NULL for trips */
DmPlace            *dm_event_get_place         (DmEvent      *self);
void                dm_event_set_place         (DmEvent      *self,
                                                DmPlace      *place);
const DmTime       *dm_event_get_start         (DmEvent      *self);
const DmTime       *dm_event_get_end           (DmEvent      *self);
void                dm_event_set_start         (DmEvent      *self,
                                                const DmTime *start);
void                dm_event_set_end           (DmEvent      *self,
                                                const DmTime *end);

/* Legs of a trip, in order; element type DmLeg */
GPtrArray          *dm_event_get_legs          (DmEvent      *self);
void                dm_event_add_leg           (DmEvent      *self,
                                                DmLeg        *leg);
void                dm_event_clear_legs        (DmEvent      *self);
void                dm_event_clear_participants (DmEvent     *self);
void                dm_event_resolve_times     (DmEvent      *self);
gboolean            dm_event_get_span          (DmEvent      *self,
                                                gint64       *start,
                                                gint64       *end);
gboolean            dm_event_get_drawn_span    (DmEvent      *self,
                                                gint64       *start,
                                                gint64       *end);
gboolean            dm_events_get_extent       (GPtrArray    *events,
                                                gint64       *start,
                                                gint64       *end);

const char         *dm_event_get_host          (DmEvent      *self);
void                dm_event_set_host          (DmEvent      *self,
                                                const char   *host);
const char * const *dm_event_get_invited_by    (DmEvent      *self);
void                dm_event_set_invited_by    (DmEvent      *self,
                                                const char * const *invited_by);
GPtrArray          *dm_event_get_sources       (DmEvent      *self);
void                dm_event_add_source        (DmEvent      *self,
                                                DmSource     *source);
void                dm_event_clear_sources     (DmEvent      *self);
const char * const *dm_event_get_tags          (DmEvent      *self);
void                dm_event_set_tags          (DmEvent      *self,
                                                const char * const *tags);
const char         *dm_event_get_notes         (DmEvent      *self);
void                dm_event_set_notes         (DmEvent      *self,
                                                const char   *notes);

/* What keeps it from being valid, in --check's words (dm-event-check.c); element type utf8 */
GPtrArray          *dm_event_check             (DmEvent      *self);

/* Where the event came from */
GFile              *dm_event_get_file          (DmEvent      *self);
void                dm_event_set_origin        (DmEvent      *self,
                                                GFile        *file,
                                                guint         line,
                                                guint         column);
guint               dm_event_get_line          (DmEvent      *self);
guint               dm_event_get_column        (DmEvent      *self);
JsonObject         *dm_event_get_extra         (DmEvent      *self);
void                dm_event_set_extra         (DmEvent      *self,
                                                JsonObject   *extra);

G_END_DECLS
