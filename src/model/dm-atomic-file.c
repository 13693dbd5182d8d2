/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"
/* O_TMPFILE, before any system header */
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dm-atomic-file.h"

/* The one way Diplomap writes a file. GIO's g_file_replace() writes the old file in place
 * when it cannot create a temporary file beside it (a folder that is not writable, a full
 * disk): a failure then leaves a truncated file. This never does: the temporary file is
 * created beside the target (same file system, so rename() is atomic), written, synced and
 * renamed over it, or removed. The target of a symbolic link is replaced and the link
 * stays; the old file's mode (and owner, where allowed) is kept; a new file gets 0666 less
 * the umask, as any program's.
 *
 * Where the system can (Linux, O_TMPFILE), the temporary file has no name until it is
 * complete: a process killed while writing (SIGKILL, a crash) leaves nothing behind. It
 * is named by linkat() only to be renamed at once. Elsewhere it is a hidden
 * ".NAME.XXXXXXXX~" file, and one that a killed process left is removed by the next write
 * beside it once it is an hour old. */

#define STALE_SECONDS (60 * 60)

struct _DmAtomicFile
{
  int   fd;
  char *target;   /* the file replaced: @file with its symbolic links resolved */
  char *temp;     /* the temporary file beside it; NULL while it has no name (O_TMPFILE) */
  char *dir;
  char *base;
  mode_t mode;
};

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       what != NULL ? what : g_strerror (saved_errno));
  return FALSE;
}

static void
free_self (DmAtomicFile *self)
{
  g_free (self->target);
  g_free (self->temp);
  g_free (self->dir);
  g_free (self->base);
  g_free (self);
}

static char *
dup_temp_name (DmAtomicFile *self)
{
  return g_strdup_printf ("%s/.%s.%08x~", self->dir, self->base, g_random_int ());
}

/* ".BASE.XXXXXXXX~": a temporary file of ours for @base */
static gboolean
is_temp_name (const char *name,
              const char *base)
{
  gsize n = strlen (base);

  if (name[0] != '.' || strncmp (name + 1, base, n) != 0 || name[n + 1] != '.' ||
      strlen (name + n + 2) != 9 || name[n + 10] != '~')
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (name[n + 2 + i]))
      return FALSE;
  return TRUE;
}

/* Removes the temporary files of the target that a killed process left, an hour old or
 * more (a younger one may be another process's, still writing) */
static void
sweep_stale (DmAtomicFile *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!is_temp_name (name, self->base))
        continue;
      path = g_build_filename (self->dir, name, NULL);
      if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime >= STALE_SECONDS &&
          g_unlink (path) == 0)
        g_debug ("removed %s, left by a process that did not finish", path);
    }
}

/**
 * dm_atomic_file_open:
 *
 * Creates the temporary file for @file (a local file) beside it.
 * Returns: (nullable): the file to write, commit or abort; %NULL with a GIO error whose
 *   message is the system's reason (the caller names the file)
 */
DmAtomicFile *
dm_atomic_file_open (GFile   *file,
                     GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  DmAtomicFile *self;
  struct stat st;
  gboolean exists;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("only local files can be written"));
      return NULL;
    }
  self = g_new0 (DmAtomicFile, 1);
  self->fd = -1;
  /* through links to the file they lead to (a dangling link: its own path) */
  self->target = realpath (path, NULL);
  if (self->target == NULL)
    self->target = g_steal_pointer (&path);
  exists = stat (self->target, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      free_self (self);
      set_errno_error (error, EISDIR, NULL);
      return NULL;
    }
  self->dir = g_path_get_dirname (self->target);
  self->base = g_path_get_basename (self->target);
  self->mode = exists ? (st.st_mode & 07777) : 0666;
  sweep_stale (self);
#ifdef O_TMPFILE
  self->fd = g_open (self->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, self->mode);
  /* a file system without it (EOPNOTSUPP, EISDIR on old kernels): a named file */
  if (self->fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
    {
      int e = errno;
      free_self (self);
      set_errno_error (error, e, NULL);
      return NULL;
    }
#endif
  for (guint attempt = 0; self->fd < 0; attempt++)
    {
      g_free (self->temp);
      self->temp = dup_temp_name (self);
      self->fd = g_open (self->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                         self->mode);
      if (self->fd < 0 && (errno != EEXIST || attempt > 100))
        {
          int e = errno;
          g_clear_pointer (&self->temp, g_free);
          free_self (self);
          set_errno_error (error, e, NULL);
          return NULL;
        }
    }
  if (exists)
    {
      /* the umask took bits off: the old file's mode, exactly */
      if (fchmod (self->fd, st.st_mode & 07777) != 0)
        g_debug ("fchmod %s: %s", self->target, g_strerror (errno));
      if ((st.st_uid != getuid () || st.st_gid != getgid ()) &&
          fchown (self->fd, st.st_uid, st.st_gid) != 0)
        g_debug ("fchown %s: %s", self->target, g_strerror (errno));
    }
  return self;
}

int
dm_atomic_file_get_fd (DmAtomicFile *self)
{
  return self->fd;
}

gboolean
dm_atomic_file_write (DmAtomicFile  *self,
                      const void    *data,
                      gsize          length,
                      GError       **error)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t n = write (self->fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return set_errno_error (error, n < 0 ? errno : EIO, NULL);
      p += n;
      length -= n;
    }
  return TRUE;
}

/**
 * dm_atomic_file_commit:
 *
 * Syncs the temporary file and renames it over the target; on failure removes it and
 * leaves the target as it was. Frees @self either way.
 */
gboolean
dm_atomic_file_commit (DmAtomicFile  *self,
                       GError       **error)
{
  int e = 0;

  if (fsync (self->fd) != 0)
    e = errno;
  /* an unnamed file gets its name now, complete */
  for (guint attempt = 0; e == 0 && self->temp == NULL; attempt++)
    {
      g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", self->fd);

      self->temp = dup_temp_name (self);
      if (linkat (AT_FDCWD, proc, AT_FDCWD, self->temp, AT_SYMLINK_FOLLOW) != 0)
        {
          if (errno != EEXIST || attempt > 100)
            e = errno;
          g_clear_pointer (&self->temp, g_free);
        }
    }
  if (close (self->fd) != 0 && e == 0)
    e = errno;
  self->fd = -1;
  if (e == 0 && g_rename (self->temp, self->target) != 0)
    e = errno;
  if (e != 0)
    {
      if (self->temp != NULL)
        g_unlink (self->temp);
      free_self (self);
      return set_errno_error (error, e, NULL);
    }
  free_self (self);
  return TRUE;
}

/* Removes the temporary file; the target is left as it was. Frees @self. */
void
dm_atomic_file_abort (DmAtomicFile *self)
{
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp != NULL)
    g_unlink (self->temp);
  free_self (self);
}
