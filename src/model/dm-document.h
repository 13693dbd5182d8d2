/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-actor.h"
#include "dm-event.h"
#include "dm-place.h"
#include "dm-problem.h"

G_BEGIN_DECLS

#define DM_TYPE_DOCUMENT (dm_document_get_type ())

G_DECLARE_FINAL_TYPE (DmDocument, dm_document, DM, DOCUMENT, GObject)

DmDocument *dm_document_new              (void);

/* A GListModel of DmEvent, in the order they were added */
GListModel *dm_document_get_events       (DmDocument   *self);
/* GListModels of DmActor, DmPlace and DmProblem */
GListModel *dm_document_get_actors       (DmDocument   *self);
GListModel *dm_document_get_places       (DmDocument   *self);
GListModel *dm_document_get_problems     (DmDocument   *self);
/* The files loaded, in order (element type GFile) */
GPtrArray  *dm_document_get_files        (DmDocument   *self);

const char *dm_document_get_title        (DmDocument   *self);
const char *dm_document_get_file_title   (DmDocument   *self,
                                          GFile        *file);
void        dm_document_set_title        (DmDocument   *self,
                                          const char   *title);
/* The time covered as drawn (estimates included), for timelines and playback */
gboolean    dm_document_get_extent       (DmDocument   *self,
                                          gint64       *start,
                                          gint64       *end);
/* The first and last times the files give, as ISO 8601 at their own precision */
gboolean    dm_document_dup_dates        (DmDocument   *self,
                                          char        **first,
                                          char        **last);
guint       dm_document_get_n_legs       (DmDocument   *self);

void        dm_document_add_event        (DmDocument   *self,
                                          DmEvent      *event);
/* The @n @events at the end, in one change of the list (a loader's) */
void        dm_document_add_events       (DmDocument   *self,
                                          DmEvent     **events,
                                          guint         n);
/* Editing (docs/EDITING.md): each is one change of the events' list model, so every
 * view updates at once; the undo stack (DmUndoStack) is what calls them */
void        dm_document_insert_event     (DmDocument   *self,
                                          guint         position,
                                          DmEvent      *event);
gboolean    dm_document_find_event       (DmDocument   *self,
                                          DmEvent      *event,
                                          guint        *position);
gboolean    dm_document_remove_event     (DmDocument   *self,
                                          DmEvent      *event);
gboolean    dm_document_replace_event    (DmDocument   *self,
                                          DmEvent      *old_event,
                                          DmEvent      *new_event);
DmEvent    *dm_document_lookup_event     (DmDocument   *self,
                                          const char   *id);
/* @base, or @base-2, @base-3…: an id no event of @self has */
char       *dm_document_dup_unused_event_id (DmDocument *self,
                                             const char *base);
void        dm_document_add_actor        (DmDocument   *self,
                                          DmActor      *actor);
DmActor    *dm_document_lookup_actor     (DmDocument   *self,
                                          const char   *id);
void        dm_document_add_place        (DmDocument   *self,
                                          DmPlace      *place);
GPtrArray  *dm_document_dup_undated_places (DmDocument *self);
void        dm_document_add_problem      (DmDocument   *self,
                                          DmProblem    *problem);
/* The @n @problems at the end, in one change of the list (a loader's) */
void        dm_document_add_problems     (DmDocument   *self,
                                          DmProblem   **problems,
                                          guint         n);
void        dm_document_add_file         (DmDocument   *self,
                                          GFile        *file);
/* Moves everything of @other into @self (used to merge a file loaded in a thread) */
void        dm_document_merge            (DmDocument   *self,
                                          DmDocument   *other);

/* Views: a document with only some events of @source, sharing its actors and places, and
 * its actors' colours */
DmDocument *dm_document_new_filtered     (DmDocument   *source,
                                          GListModel   *events);
void        dm_document_show_events      (DmDocument   *self,
                                          DmDocument   *source,
                                          GListModel   *events);
/* The actor's colour slot, from all the source's events: the same in every view */
int         dm_document_get_actor_color_index (DmDocument *self,
                                               DmActor    *actor);
gboolean    dm_document_get_actor_rgb         (DmDocument *self,
                                               DmActor    *actor,
                                               guint32    *rgb);
gboolean    dm_document_get_actor_group       (DmDocument  *self,
                                               DmActor     *actor,
                                               guint       *group,
                                               guint       *n_groups,
                                               const char **name,
                                               gboolean    *grouped);
/* Works the actors' colours out now (a loader's thread, before the merge takes them over) */
void        dm_document_assign_actor_colors   (DmDocument *self);
gboolean    dm_document_has_actor_colors      (DmDocument *self);

G_END_DECLS
