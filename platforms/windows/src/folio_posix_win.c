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
    default: return EINVAL;
  }
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
  return 0;
}

void folio_posix_unmap(folio_posix_file *f)
{
  if (!f) return;
  folio_windows_file w = {f->data, f->size, f->mapped};
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
    case EFBIG: return "file too large to map";
    case ENOMEM: return "out of memory (address space) while mapping";
    case EINVAL: return "invalid argument or not a regular file";
    default: return "cannot map file";
  }
}
