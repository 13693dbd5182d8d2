/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dm-error.h"
#include "dm-folder-private.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-whereabouts.h"
#include "dm-worker-priority.h"

static gboolean
read_failed (GFile   *file,
             int      saved_errno,
             GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (saved_errno == ENOENT)
    g_set_error (error, DM_ERROR, DM_ERROR_NOT_FOUND, _("%s does not exist"), name);
  else
    g_set_error (error, DM_ERROR, DM_ERROR_FAILED,
                 /* Translators: %s is a file name, then the system's reason */
                 _("Could not read %s: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
check_size (GFile   *file,
            goffset  size,
            GError **error)
{
  g_autofree char *name = NULL, *shown = NULL, *limit = NULL;

  if (size <= DM_LOADER_MAX_FILE_SIZE)
    return TRUE;
  name = g_file_get_parse_name (file);
  shown = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
  limit = g_format_size (DM_LOADER_MAX_FILE_SIZE);
  g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
               /* Translators: a file name, its size ("300.0 MB (300,000,000 bytes)"), then the
                * largest size Diplomap reads ("256.0 MB") */
               _("%s is too large to read: %s, and Diplomap reads files of up to %s"),
               name, shown, limit);
  return FALSE;
}

/**
 * dm_loader_read_contents:
 *
 * Reads the whole of @file, a regular file of at most %DM_LOADER_MAX_FILE_SIZE bytes,
 * checked before anything is read: a FIFO, a device such as /dev/zero or a socket is
 * refused without waiting for it, and a file too large without reading it. What is read
 * ends with a NUL byte (not counted in @length).
 * Returns: %FALSE with a translated error that names the file
 */
gboolean
dm_loader_read_contents (GFile         *file,
                         char         **contents,
                         gsize         *length,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  if (path == NULL)
    {
      /* not a local file: GIO reads it, after the same checks of what it says it is */
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, error);
      if (info == NULL)
        return FALSE;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        return read_failed (file, EINVAL, error);
      if (!check_size (file, g_file_info_get_size (info), error))
        return FALSE;
      return g_file_load_contents (file, cancellable, contents, length, NULL, error);
    }

  /* O_NONBLOCK: opening a FIFO with no writer would wait forever */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return read_failed (file, errno, error);
  if (fstat (fd, &st) != 0)
    {
      int e = errno;
      close (fd);
      return read_failed (file, e, error);
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      close (fd);
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   /* Translators: %s is a file name */
                   _("%s is not a file Diplomap can read: a pipe, a device or a socket"), name);
      return FALSE;
    }
  if (!check_size (file, st.st_size, error))
    {
      close (fd);
      return FALSE;
    }
  /* one byte more than the size: a file that grows past the limit as it is read is refused */
  buffer = g_malloc ((gsize) st.st_size + 2);
  while (done <= (gsize) st.st_size)
    {
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
      n = read (fd, buffer + done, (gsize) st.st_size + 1 - done);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int e = errno;
          close (fd);
          return read_failed (file, e, error);
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);
  if (done > (gsize) st.st_size && !check_size (file, DM_LOADER_MAX_FILE_SIZE + 1, error))
    return FALSE;
  buffer[done] = '\0';
  *contents = g_steal_pointer (&buffer);
  *length = done;
  return TRUE;
}

/* Reads @file into a fresh document, in whatever thread calls it; a folder tells
 * @progress (in that thread) after each of its files */
static DmDocument *
load_into_new (GFile              *file,
               DmLoadProgressFunc  progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  const char *data;
  gsize length = 0;
  const DmFormat *format;

  /* A folder opens as one document of every file in it (the U.S. travel record) */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      if (!dm_folder_load (doc, file, progress, progress_data, cancellable, error))
        return NULL;
      dm_whereabouts_apply (doc);
      return g_steal_pointer (&doc);
    }

  if (!dm_loader_read_contents (file, &contents, &length, cancellable, error))
    return NULL;

  data = contents;
  if (!dm_format_skip_byte_order_mark (file, &data, &length, error))
    return NULL;
  format = dm_format_find_for_data (basename, data, length);
  if (format == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   _("%s is not in a format Diplomap can read"), name);
      return NULL;
    }

  dm_document_add_file (doc, file);
  if (!format->load (doc, file, data, length, cancellable, error))
    return NULL;
  /* legs without a time kept out of where their actors are known to be */
  dm_whereabouts_apply (doc);
  return g_steal_pointer (&doc);
}

gboolean
dm_loader_load_file (DmDocument    *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(DmDocument) loaded = NULL;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  loaded = load_into_new (file, NULL, NULL, cancellable, error);
  if (loaded == NULL)
    return FALSE;
  dm_document_merge (self, loaded);
  return TRUE;
}

/* A load in a thread, and how far it got, for the main context */
typedef struct
{
  gatomicrefcount     ref;
  GFile              *file;
  GMainContext       *context;
  DmLoadProgressFunc  func;
  gpointer            func_data;
  GAsyncReadyCallback callback;
  gpointer            callback_data;
  gboolean            want_events;  /* the document was empty: list the events read */
  GPtrArray          *events;       /* DmEvent, the thread's list, taken by the finish */
  GMutex              lock;      /* guards what follows */
  double              fraction;
  gboolean            pending;   /* a report is on its way to the main context */
  gboolean            finished;  /* the caller has the result: no more reports */
} LoadJob;

static LoadJob *
load_job_ref (LoadJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
load_job_unref (gpointer data)
{
  LoadJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_object_unref (job->file);
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
report_progress_cb (gpointer data)
{
  LoadJob *job = data;
  gboolean finished;
  double fraction;

  g_mutex_lock (&job->lock);
  job->pending = FALSE;
  fraction = job->fraction;
  finished = job->finished;
  g_mutex_unlock (&job->lock);
  if (!finished)
    job->func (fraction, job->func_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: keeps the fraction; one report at a time goes to the main context */
static void
load_progress_cb (double   fraction,
                  gpointer data)
{
  LoadJob *job = data;
  gboolean send;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  send = !job->pending && !job->finished;
  job->pending |= send;
  g_mutex_unlock (&job->lock);
  if (send)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_static_name (idle, "[diplomap] report_progress_cb");
      g_source_set_callback (idle, report_progress_cb, load_job_ref (job), load_job_unref);
      g_source_attach (idle, job->context);
    }
}

/* In the main context: the load is over, whether or not the caller calls the finish
 * function, so no report reaches it after its callback */
static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));

  g_mutex_lock (&job->lock);
  job->finished = TRUE;
  g_mutex_unlock (&job->lock);
  if (job->callback != NULL)
    job->callback (source, result, job->callback_data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  DmDocument *loaded;

  dm_worker_priority_lower ();
  loaded = load_into_new (job->file, job->func ? load_progress_cb : NULL, job, cancellable,
                          &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* here rather than on the main thread, which would walk every event for them: the merge
   * into an empty document (a window's first file) takes them over */
  dm_document_assign_actor_colors (loaded);
  /* the same for the caller's snapshot of the events (dm_loader_load_file_finish_with_events) */
  if (job->want_events)
    {
      GListModel *events = dm_document_get_events (loaded);
      guint n = g_list_model_get_n_items (events);

      job->events = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (job->events, g_list_model_get_item (events, i));
    }
  g_task_return_pointer (task, loaded, g_object_unref);
}

/**
 * dm_loader_load_file_async:
 *
 * Reads and parses @file in a worker thread; the finish function, called in the
 * main context, adds what was loaded to @self.
 */
void
dm_loader_load_file_async (DmDocument          *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  dm_loader_load_file_with_progress_async (self, file, NULL, NULL, cancellable, callback, user_data);
}

/**
 * dm_loader_load_file_with_progress_async:
 * @progress: (nullable): called in the caller's main context with the fraction done
 *   (0 to 1) as the files of a folder are read; never after @callback
 *
 * Like dm_loader_load_file_async(). A single file tells no progress.
 */
void
dm_loader_load_file_with_progress_async (DmDocument          *self,
                                           GFile               *file,
                                           DmLoadProgressFunc   progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, load_done_cb, NULL);
  LoadJob *job = g_new0 (LoadJob, 1);

  g_task_set_name (task, "[diplomap] file loaded");
  g_atomic_ref_count_init (&job->ref);
  job->file = g_object_ref (file);
  job->context = g_main_context_ref_thread_default ();
  job->func = progress;
  job->func_data = progress_data;
  job->callback = callback;
  job->callback_data = user_data;
  job->want_events = g_list_model_get_n_items (dm_document_get_events (self)) == 0;
  g_mutex_init (&job->lock);
  g_task_set_source_tag (task, dm_loader_load_file_async);
  g_task_set_task_data (task, job, load_job_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
dm_loader_load_file_finish (DmDocument    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return dm_loader_load_file_finish_with_events (self, result, NULL, error);
}

/**
 * dm_loader_load_file_finish_with_events:
 * @events: (out) (optional) (transfer full) (element-type DmEvent): when the file was read
 *   into a document of no events, the document's events as they are now, a reference each,
 *   listed by the loading thread (a window's snapshot for its worker threads, not walked on
 *   the main thread); %NULL otherwise
 *
 * Like dm_loader_load_file_finish().
 */
gboolean
dm_loader_load_file_finish_with_events (DmDocument    *self,
                                        GAsyncResult  *result,
                                        GPtrArray    **events,
                                        GError       **error)
{
  g_autoptr(DmDocument) loaded = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  LoadJob *job;
  guint n_before;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (events != NULL)
    *events = NULL;
  job = g_task_get_task_data (G_TASK (result));
  listed = g_steal_pointer (&job->events);
  n_before = g_list_model_get_n_items (dm_document_get_events (self));
  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;
  dm_document_merge (self, loaded);
  /* into a document of none, the merge took the read array as it is: the same events */
  if (events != NULL && listed != NULL && n_before == 0 &&
      listed->len == g_list_model_get_n_items (dm_document_get_events (self)))
    *events = g_steal_pointer (&listed);
  return TRUE;
}
