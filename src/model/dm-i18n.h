/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Messages in another language than the process's, for one thread: a figure made in English
 * from a French window (dm-i18n.c) */
void        dm_i18n_set_thread_language (const char *language);
const char *dm_i18n_get_thread_language (void);
gboolean    dm_i18n_has_language        (const char *language);
const char *dm_i18n_gettext             (const char *msgid) G_GNUC_FORMAT (1);
const char *dm_i18n_pgettext            (const char *context,
                                         const char *msgid) G_GNUC_FORMAT (2);
const char *dm_i18n_ngettext            (const char *msgid,
                                         const char *msgid_plural,
                                         gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

/* Included after <glib/gi18n-lib.h> by the files that draw a figure's texts: their _(), C_()
 * and ngettext() follow the thread's language (xgettext still sees _, C_ and ngettext) */
#ifdef DM_I18N_THREAD_MESSAGES
#undef _
#define _(String) dm_i18n_gettext (String)
#undef C_
#define C_(Context, String) dm_i18n_pgettext (Context, String)
#undef ngettext
#define ngettext(Msgid, Plural, N) dm_i18n_ngettext (Msgid, Plural, N)
#endif

G_END_DECLS
