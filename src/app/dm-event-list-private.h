/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event-list.h"
#include "dm-gazetteer.h"
#include "dm-sorted-events.h"

G_BEGIN_DECLS

/* Shared by dm-event-list.c (the widget, list and selection), dm-event-list-filters.c and
 * dm-event-list-rows.c */
struct _DmEventList
{
  GtkWidget           parent_instance;

  DmDocument         *document;
  DmEvent            *selected;
  DmRouteSet         *route_set;
  GListModel         *colored_events; /* the route set's events, watched to redraw dots */
  GHashTable         *bound_dots;     /* the rows' dots bound to an event: redrawn then */
  GPtrArray          *waiting_rows;   /* GtkListItem bound with their text to come */
  guint               rows_text_id;   /* the idle that gives them their text */
  guint               rows_bound;     /* rows bound since it last ran */
  gint64              rows_text_budget_us; /* its time a call */

  /* Template widgets (ui/dm-event-list.ui) */
  GtkWidget          *paned;       /* the list above, the details below */
  GtkWidget          *box;
  GtkSearchEntry     *search;
  GtkToggleButton    *filter_button;
  GtkLabel           *filter_count;
  GtkRevealer        *filter_revealer;
  GtkWidget          *clear_filters_button;
  GtkStack           *list_stack;  /* "list" or "empty" */
  GtkDropDown        *actor_filter;
  GtkDropDown        *country_filter;
  GtkDropDown        *kind_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *role_filter;
  GtkDropDown        *year_filter;
  GtkDropDown        *region_filter;
  GtkEntry           *from_filter;
  GtkEntry           *to_filter;
  GtkListView        *list_view;

  GtkWidget          *details;     /* shown while an event is selected */
  gboolean            details_placed;
  GtkFilterListModel *filtered;
  GListModel         *sorted;     /* a DmSortedEvents (bench-edit: or GtkSortListModel) */
  GtkSingleSelection *selection;   /* over the sorted events, then the shown places */
  GtkCustomFilter    *filter;
  GListStore         *places;      /* DmPlace: the document's places without a time */
  GtkCustomFilter    *places_filter;
  DmPlace            *selected_place;
  GtkEventController *search_shortcut; /* Ctrl+F, on the window */

  GPtrArray          *all_actors; /* DmActor: the document's, in its order */
  GArray             *all_years;  /* int: every year of the document's events, sorted */
  GPtrArray          *actors;     /* DmActor, index + 1 in the actor drop-down: those of
                                   * all_actors that the search and the other filters leave */
  DmActor            *chosen_actor; /* the actor filter (NULL: all); the drop-down shows it */
  int                 chosen_year;  /* the year filter (0: all) */
  GPtrArray          *countries;  /* char *, index + 1 in the country drop-down */
  GPtrArray          *roles;      /* char *, index + 1 in the role drop-down */
  GArray             *years;      /* int, index + 1 in the year drop-down: as actors */
  char              **words;      /* folded search words, all to be found */
  GHashTable         *search_texts; /* DmEvent -> its folded text; emptied on reload */
  gboolean            syncing;
  gboolean            holding_changes; /* several drop-downs change as one */
  gboolean            filtering;  /* the filter has its function: something filters */
  guint               holding_events;  /* dm_event_list_hold_events(): the events not followed */
  gint64              range_from;  /* the date range, UTC: G_MININT64 when no "From" */
  gint64              range_to;    /* exclusive; G_MAXINT64 when no "To" */
};

/* dm-event-list-rows.c */
void       dm_event_list_clear_waiting_rows (DmEventList *self);
guint      dm_event_list_give_rows_text     (DmEventList *self,
                                             gint64       budget_us);

/* dm-event-list.c */
void       dm_event_list_filters_changed (DmEventList *self);
/* Sets the selected place and says so; a place unselects the event */
void       dm_event_list_select_place    (DmEventList *self,
                                          DmPlace     *place);

/* dm-event-list-places.c: the places without a time, after the events */
gboolean   dm_event_list_filter_place    (gpointer     item,
                                          gpointer     user_data);
void       dm_event_list_reload_places   (DmEventList *self);
void       dm_event_list_bind_place_row  (GtkWidget   *title,
                                          GtkWidget   *subtitle,
                                          DmPlace     *place);
/* bench-edit: the list sorted by GTK's GtkSortListModel as before (TRUE), or by its own
 * DmSortedEvents, to compare the two in one run */
void       dm_event_list_use_gtk_sort    (DmEventList *self,
                                          gboolean     use);

/* dm-event-list-filters.c */
gboolean   dm_event_list_filter_event    (gpointer     item,
                                          gpointer     user_data);
/* Which filters hide an event: the actor's, the year's, another (or the search) */
typedef enum {
  DM_EVENT_LIST_HIDDEN_BY_ACTOR = 1 << 0,
  DM_EVENT_LIST_HIDDEN_BY_YEAR  = 1 << 1,
  DM_EVENT_LIST_HIDDEN_BY_OTHER = 1 << 2,
} DmEventListHiddenBy;
/* The filters that hide @event; with @all FALSE it stops at the first */
guint      dm_event_list_hidden_by       (DmEventList *self,
                                          DmEvent     *event,
                                          gboolean     all);
/* How many drop-downs (and the date range, as one) hide events */
guint      dm_event_list_count_filters   (DmEventList *self);
/* Reads the date range's entries again (they changed) */
void       dm_event_list_update_range    (DmEventList *self);

/* dm-event-list-choices.c: the actor and year drop-downs list what the search and the other
 * filters leave (and the chosen actor and year), and every long drop-down finds a choice by
 * typing */
void       dm_event_list_narrow_choices  (DmEventList *self);
/* The actor and year chosen again from their drop-downs (the user chose) */
void       dm_event_list_read_choices    (DmEventList *self);
void       dm_event_list_add_choice_search (DmEventList *self,
                                            GtkDropDown *drop);
/* The region pop-up shows M49's sub-regions indented under their regions */
void       dm_event_list_indent_regions  (DmEventList *self);
/* The choices of @drop that typing @text in its pop-up leaves (tests) */
guint      dm_event_list_count_choices_for (GtkDropDown *drop,
                                            const char  *text);

/* dm-event-list-drops.c: a drop-down's choices, listed when its pop-up opens. Sets @choices
 * as @drop's choices, @selected chosen; with the first chosen, the drop-down holds it alone
 * until its pop-up shows (dm_event_list_watch_drop) */
void       dm_event_list_set_drop_choices (GtkDropDown   *drop,
                                           GtkStringList *choices,
                                           guint          selected);
/* Lists the choices kept aside when @drop's pop-up shows */
void       dm_event_list_watch_drop      (GtkDropDown *drop);
/* Lists them now (the pop-up shows) */
void       dm_event_list_fill_drop       (GtkDropDown *drop);
/* Chooses the choice at @position, listing the choices first */
void       dm_event_list_select_choice   (GtkDropDown *drop,
                                          guint        position);
/* Every choice @drop offers, listed yet or not */
GListModel *dm_event_list_get_drop_choices (GtkDropDown *drop);

/* dm-event-list-rows.c: the rows of the list */
GtkListItemFactory *dm_event_list_new_row_factory (DmEventList *self);
/* Redraws the rows' colour dots (the route set's colours changed) */
void       dm_event_list_redraw_dots     (DmEventList *self);
/* The colour of the dot drawn for @event, as 0xRRGGBB (tests) */
guint32    dm_event_list_dot_color       (DmEventList *self,
                                          DmEvent     *event);

/* dm-event-list-rows.c: a row's title, the places before the actor's name */
char    *dm_event_list_dup_row_title (DmEvent *event);

/* dm-event-list-match.c: what the list's search and filters match */
char     *dm_event_list_fold      (const char *text);
/* The words of a search, folded (case and accents dropped); NULL when there are none */
char    **dm_event_list_split_search (const char *text);
gboolean  dm_event_in_country     (DmEvent    *event,
                                   const char *country);
/* Whether every word is in the event's title, notes, actors, places or tags */
gboolean  dm_event_matches_search (DmEvent            *event,
                                   const char * const *words);
/* The folded text the search looks in, and whether it holds every word */
char     *dm_event_dup_search_text     (DmEvent            *event);
gboolean  dm_event_search_text_matches (const char         *text,
                                        const char * const *words);
/* dm_event_matches_search with the list's words and its table of folded texts */
gboolean  dm_event_list_matches_search (DmEventList *self,
                                        DmEvent     *event);
gboolean  dm_event_has_role       (DmEvent    *event,
                                   const char *role);
gboolean  dm_event_in_year        (DmEvent    *event,
                                   int         year);
/* Where the event goes (not where it starts) is in a UN M49 area */
gboolean  dm_event_in_m49_area    (DmEvent         *event,
                                   const DmM49Area *area);
/* Adds the years (UTC) @event covers to @years, a set of GINT_TO_POINTER */
void      dm_event_add_years      (DmEvent    *event,
                                   GHashTable *years);
void      dm_event_list_add_span_years (gint64      s,
                                        gint64      e,
                                        GHashTable *years);

G_END_DECLS
