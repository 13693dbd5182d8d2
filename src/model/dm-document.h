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
gboolean    dm_document_get_extent       (DmDocument   *self,
                                          gint64       *start,
                                          gint64       *end);
guint       dm_document_get_n_legs       (DmDocument   *self);

void        dm_document_add_event        (DmDocument   *self,
                                          DmEvent      *event);
void        dm_document_add_actor        (DmDocument   *self,
                                          DmActor      *actor);
DmActor    *dm_document_lookup_actor     (DmDocument   *self,
                                          const char   *id);
void        dm_document_add_place        (DmDocument   *self,
                                          DmPlace      *place);
void        dm_document_add_problem      (DmDocument   *self,
                                          DmProblem    *problem);
void        dm_document_add_file         (DmDocument   *self,
                                          GFile        *file);
/* Moves everything of @other into @self (used to merge a file loaded in a thread) */
void        dm_document_merge            (DmDocument   *self,
                                          DmDocument   *other);

/* Views: a document with only some events of @source, sharing its actors and places */
DmDocument *dm_document_new_filtered     (DmDocument   *source,
                                          GListModel   *events);
void        dm_document_show_events      (DmDocument   *self,
                                          DmDocument   *source,
                                          GListModel   *events);

/* Loading: any known format, sniffed from the contents and the name.
 * Fails (FALSE) only when the file cannot be read or parsed at all; problems with
 * single events are added to the problems model and the rest loads. */
gboolean    dm_document_load_file        (DmDocument          *self,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GError             **error);
void        dm_document_load_file_async  (DmDocument          *self,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* How far a load got, 0 to 1 */
typedef void (*DmLoadProgressFunc) (double    fraction,
                                    gpointer  user_data);
void        dm_document_load_file_with_progress_async (DmDocument          *self,
                                                       GFile               *file,
                                                       DmLoadProgressFunc   progress,
                                                       gpointer             progress_data,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean    dm_document_load_file_finish (DmDocument          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Saving in the .diplomap format, atomically. With @origin, only the events that
 * came from that file (and what was kept of it) are written. */
GBytes     *dm_document_serialize        (DmDocument          *self,
                                          GFile               *origin);
gboolean    dm_document_save             (DmDocument          *self,
                                          GFile               *file,
                                          GFile               *origin,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Private to loaders: what a file had that could not be loaded, kept for saving */
void        dm_document_keep_rejected    (DmDocument          *self,
                                          GFile               *file,
                                          const char          *member,
                                          JsonNode            *node);
void        dm_document_set_file_extra   (DmDocument          *self,
                                          GFile               *file,
                                          JsonObject          *extra);

G_END_DECLS
