/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event-editor.h"

G_BEGIN_DECLS

/* One leg of a trip in the editor: a slot of rows; moving a leg moves the texts */
typedef struct
{
  DmEventEditor  *editor;
  AdwExpanderRow *expander;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  AdwEntryRow    *depart_row;
  AdwEntryRow    *arrive_row;
  GtkWidget      *up_button;
  GtkWidget      *down_button;
  GtkWidget      *remove_button;
  DmLeg          *original;   /* the leg the texts came from (its unknown members), or NULL */
} DmEditorLeg;

/* One source in the editor */
typedef struct
{
  DmEventEditor  *editor;
  AdwExpanderRow *expander;
  AdwEntryRow    *publisher_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *url_row;
  GtkWidget      *remove_button;
  DmSource       *original;
} DmEditorSource;

/* What a completion puts in its entry */
typedef struct
{
  char    *text;
  char    *title;
  char    *subtitle;
  gboolean has_point;  /* a place: shown on the list's small map while chosen */
  double   latitude;
  double   longitude;
} DmCompletion;

void dm_completion_free (gpointer data);

/* The completions of @text (element type DmCompletion) */
typedef GPtrArray *(*DmCompleteFunc) (DmEventEditor *self,
                                      const char    *text);

/* The editor's fields, for its tests */
struct _DmEventEditor
{
  AdwWindow       parent_instance;

  GtkWidget      *save_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *actor_row;
  AdwComboRow    *status_row;
  AdwComboRow    *file_row;
  AdwPreferencesGroup *where_group;
  AdwEntryRow    *place_row;
  AdwActionRow   *match_row;
  GtkWidget      *place_preview; /* DmPlacePreview: the matched place on a small map */
  AdwEntryRow    *start_row;
  AdwEntryRow    *end_row;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *legs_group;
  GtkWidget      *add_leg_button;
  AdwPreferencesGroup *participants_group;
  AdwEntryRow    *participant_row;
  AdwActionRow   *new_actor_row;
  AdwEntryRow    *new_role_row;
  AdwEntryRow    *new_country_row;
  AdwPreferencesGroup *sources_group;
  GtkWidget      *add_source_button;
  AdwEntryRow    *host_row;
  AdwEntryRow    *invited_row;
  AdwEntryRow    *tags_row;
  GtkTextView    *notes_view;

  DmDocument     *document;
  DmEvent        *original;   /* NULL: a new event */
  DmEvent        *candidate;  /* what the fields say now */
  GPtrArray      *problems;   /* char * */
  GPtrArray      *problem_rows;
  GPtrArray      *legs;       /* DmEditorLeg *, in order */
  GPtrArray      *sources;    /* DmEditorSource * */
  GPtrArray      *actors;     /* DmActor *: the actor row's choices after "None" */
  GtkStringList  *actor_names;
  GPtrArray      *participants;     /* DmActor * */
  GPtrArray      *participant_rows; /* GtkWidget * */
  GPtrArray      *files;      /* GFile *: where a new event can go (file_row's choices) */
  GtkWidget      *pick_button; /* the Pick on Map toggle that is on, or NULL */
  AdwEntryRow    *pick_row;    /* the entry it fills */
  gboolean        filling;
};

/* Reads the fields again, checks the candidate and shows its problems */
void         dm_event_editor_update            (DmEventEditor  *self);
/* A place of the gazetteer for @text; @current when @text is its name */
DmPlace     *dm_event_editor_resolve_place     (DmEventEditor  *self,
                                                const char     *text,
                                                DmPlace        *current);
void         dm_event_editor_add_problem       (DmEventEditor  *self,
                                                char           *message);
/* dm-event-editor-complete.c: a list of completions under @row as it is typed; Up and
 * Down choose, Enter or a click takes one; @picked runs after the text is set */
void         dm_event_editor_add_completion    (DmEventEditor  *self,
                                                AdwEntryRow    *row,
                                                DmCompleteFunc  complete,
                                                void          (*picked) (DmEventEditor *self,
                                                                         AdwEntryRow   *row));
GPtrArray   *dm_event_editor_complete_place    (DmEventEditor  *self,
                                                const char     *text);
/* The completions shown under @row now (element type DmCompletion), and taking one */
GPtrArray   *dm_event_editor_get_completions   (AdwEntryRow    *row);
/* The small map under the completions of @row (a DmPlacePreview) */
GtkWidget   *dm_event_editor_get_completion_preview (AdwEntryRow *row);
/* Chooses (highlights) the completion at @position, as Down and Up do */
void         dm_event_editor_highlight_completion (AdwEntryRow  *row,
                                                  guint         position);
void         dm_event_editor_pick_completion   (AdwEntryRow    *row,
                                                guint           position);
/* dm-event-editor-pick.c: Pick on Map, and points given by coordinates */
void         dm_event_editor_add_pick_button   (DmEventEditor  *self,
                                                AdwEntryRow    *row);
gboolean     dm_event_editor_parse_point       (const char     *text,
                                                double         *latitude,
                                                double         *longitude);
DmPlace     *dm_event_editor_new_point         (double          latitude,
                                                double          longitude);
/* dm-event-editor-precision.c: a time's precision, shown and chosen beside its entry */
GtkDropDown *dm_event_editor_add_precision     (DmEventEditor  *self,
                                                AdwEntryRow    *row);
char        *dm_event_editor_rewrite_time      (const char     *text,
                                                guint           precision);
/* dm-event-editor-legs.c */
void         dm_event_editor_init_legs         (DmEventEditor  *self);
void         dm_event_editor_fill_legs         (DmEventEditor  *self,
                                                DmEvent        *event);
DmEditorLeg *dm_event_editor_add_leg           (DmEventEditor  *self);
void         dm_event_editor_move_leg          (DmEventEditor  *self,
                                                guint           position,
                                                int             delta);
void         dm_event_editor_remove_leg        (DmEventEditor  *self,
                                                guint           position);
void         dm_event_editor_read_legs         (DmEventEditor  *self,
                                                DmEvent        *candidate);
/* dm-event-editor-actors.c: the actor row's choices, participants, new actors */
void         dm_event_editor_init_actors       (DmEventEditor  *self);
void         dm_event_editor_fill_actors       (DmEventEditor  *self,
                                                DmEvent        *event);
DmActor     *dm_event_editor_find_actor        (DmEventEditor  *self,
                                                const char     *name);
void         dm_event_editor_add_participant   (DmEventEditor  *self,
                                                DmActor        *actor);
void         dm_event_editor_remove_participant (DmEventEditor *self,
                                                 guint          position);
void         dm_event_editor_read_actors       (DmEventEditor  *self,
                                                DmEvent        *candidate);
/* dm-event-editor-sources.c: sources, host, invitation, tags, notes */
void         dm_event_editor_init_sources      (DmEventEditor  *self);
void         dm_event_editor_fill_sources      (DmEventEditor  *self,
                                                DmEvent        *event);
DmEditorSource *dm_event_editor_add_source     (DmEventEditor  *self);
void         dm_event_editor_remove_source     (DmEventEditor  *self,
                                                guint           position);
void         dm_event_editor_read_sources      (DmEventEditor  *self,
                                                DmEvent        *candidate);

G_END_DECLS
