/* folio_posix_win.c: the folio_posix.h API (used by the CLI and the tests) on Windows, over
 * folio_windows_map. Win32 errors are translated to the errno values folio_posix.h documents, so callers
 * stay portable. */
#include <errno.h>
#include <string.h>

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "folio/folio_posix.h"
#include "folio/folio_windows.h"

static int to_errno(unsigned long e)
{
  switch (e) {
    case 0: return 0;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME: return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION: return EACCES;
    case ERROR_DIRECTORY: return EISDIR;
    case ERROR_FILE_TOO_LARGE: return EFBIG;
    case ERROR_NOT_ENOUGH_MEMORY: return ENOMEM;
    case ERROR_INSUFFICIENT_BUFFER: return EFBIG;
    case ERROR_RETRY: return EAGAIN;
    case ERROR_READ_FAULT:
    case ERROR_CRC:
    case ERROR_SECTOR_NOT_FOUND:
    case ERROR_GEN_FAILURE:
    case ERROR_DEVICE_NOT_CONNECTED:
    case ERROR_NOT_READY: return EIO;
    default: return EINVAL;
  }
}

/* Identity as folio_posix.h stores it: device = volume serial, inode = file index, time in ns. */
static void set_identity(folio_posix_file *f, const folio_windows_id *id)
{
  f->dev = id->volume;
  f->ino = id->index;
  f->mtime_ns = id->mtime * 100;
}

int folio_posix_map(const char *path, folio_posix_file *out)
{
  folio_windows_file f;
  if (!out) return EINVAL;
  memset(out, 0, sizeof *out);
  int rc = to_errno(folio_windows_map(path, &f));
  if (rc) return rc;
  out->data = f.data;
  out->size = f.size;
  out->mapped = f.mapped;
  set_identity(out, &f.id);
  return 0;
}

int folio_posix_size(const char *path, size_t *size)
{
  folio_windows_id id;
  if (size) *size = 0;
  if (!path || !size) return EINVAL;
  int rc = to_errno(folio_windows_stat(path, &id));
  if (rc) return rc;
  *size = (size_t)id.size;
  return 0;
}

int folio_posix_read(const char *path, void *buf, size_t cap, folio_posix_file *out)
{
  static const unsigned long long empty[1] = {0};
  folio_windows_id id;
  if (!out) return EINVAL;
  memset(out, 0, sizeof *out);
  if (!path) return EINVAL;
  int rc = to_errno(folio_windows_read(path, buf, cap, &id));
  if (rc) return rc;
  out->data = id.size ? buf : (const void *)empty;
  out->size = (size_t)id.size;
  set_identity(out, &id);
  return 0;
}

int folio_posix_changed(const char *path, const folio_posix_file *f)
{
  folio_windows_id id;
  if (!path || !f) return 0;
  if (folio_windows_stat(path, &id) != 0) return 1;
  return id.volume != f->dev || id.index != f->ino || id.size != (unsigned long long)f->size ||
         id.mtime * 100 != f->mtime_ns;
}

void folio_posix_unmap(folio_posix_file *f)
{
  if (!f) return;
  folio_windows_file w;
  memset(&w, 0, sizeof w);
  w.data = f->data;
  w.size = f->size;
  w.mapped = f->mapped;
  folio_windows_unmap(&w);
  memset(f, 0, sizeof *f);
}

const char *folio_posix_error(int rc)
{
  switch (rc) {
    case 0: return "success";
    case ENOENT: return "no such file";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory";
    case EFBIG: return "file too large (for the address space, or for the buffer given)";
    case ENOMEM: return "out of memory (address space) while mapping";
    case EINVAL: return "invalid argument or not a regular file";
    case EIO: return "I/O error";
    case EAGAIN: return "file changed while it was read (an update in progress?)";
    default: return "cannot map file";
  }
}
