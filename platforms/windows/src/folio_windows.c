/* folio_windows.c: map or read a pack file with the Win32 API (see folio_windows.h). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdint.h>
#include <string.h>

#include "folio/folio_windows.h"

static const uint64_t folio_windows_empty[1] = {0};

/* UTF-8 → UTF-16 into a stack buffer of 4 Ki characters (8 KiB): longer paths fail with
 * ERROR_FILENAME_EXCED_RANGE. */
#define FOLIO_WIN_PATH_MAX 4096
static DWORD widen(const char *s, wchar_t *w, int cap)
{
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, cap);
  if (n > 0) return 0;
  return GetLastError() == ERROR_INSUFFICIENT_BUFFER ? ERROR_FILENAME_EXCED_RANGE : GetLastError();
}

/* Open `utf8_path` for reading with `share` and `flags`, and read its size and identity. */
static DWORD open_file(const char *utf8_path, DWORD share, DWORD flags, HANDLE *file, folio_windows_id *id)
{
  wchar_t wpath[FOLIO_WIN_PATH_MAX];
  if (!utf8_path) return ERROR_INVALID_PARAMETER;
  DWORD e = widen(utf8_path, wpath, FOLIO_WIN_PATH_MAX);
  if (e) return e;
  DWORD attrs = GetFileAttributesW(wpath);
  if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) return ERROR_DIRECTORY;
  HANDLE h = CreateFileW(wpath, GENERIC_READ, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | flags, NULL);
  if (h == INVALID_HANDLE_VALUE) return GetLastError();
  BY_HANDLE_FILE_INFORMATION info;
  if (!GetFileInformationByHandle(h, &info)) {
    e = GetLastError();
    CloseHandle(h);
    return e;
  }
  id->size = ((unsigned long long)info.nFileSizeHigh << 32) | info.nFileSizeLow;
  id->volume = info.dwVolumeSerialNumber;
  id->index = ((unsigned long long)info.nFileIndexHigh << 32) | info.nFileIndexLow;
  id->mtime = ((unsigned long long)info.ftLastWriteTime.dwHighDateTime << 32) | info.ftLastWriteTime.dwLowDateTime;
  if (id->size > (unsigned long long)SIZE_MAX) {
    CloseHandle(h);
    return ERROR_FILE_TOO_LARGE;
  }
  *file = h;
  return 0;
}

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

unsigned long folio_windows_map(const char *utf8_path, folio_windows_file *out)
{
  if (!out) return ERROR_INVALID_PARAMETER;
  memset(out, 0, sizeof *out);
  HANDLE file;
  folio_windows_id id;
  /* No FILE_SHARE_WRITE: nobody may rewrite the file under the view. */
  DWORD e = open_file(utf8_path, FILE_SHARE_READ | FILE_SHARE_DELETE, FILE_FLAG_RANDOM_ACCESS, &file, &id);
  if (e) return e;
  if (id.size == 0) { /* CreateFileMapping refuses empty files */
    CloseHandle(file);
    out->data = folio_windows_empty;
    out->id = id;
    return 0;
  }
  HANDLE mapping = CreateFileMappingW(file, NULL, PAGE_READONLY, 0, 0, NULL);
  e = mapping ? 0 : GetLastError();
  CloseHandle(file); /* the mapping object keeps the file open */
  if (!mapping) return e;
  const void *view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
  e = view ? 0 : GetLastError();
  CloseHandle(mapping); /* the view keeps the mapping alive */
  if (!view) return e;
  out->data = view;
  out->size = (size_t)id.size;
  out->mapped = 1;
  out->id = id;
  return 0;
}

unsigned long folio_windows_stat(const char *utf8_path, folio_windows_id *out)
{
  if (!out) return ERROR_INVALID_PARAMETER;
  memset(out, 0, sizeof *out);
  HANDLE file;
  DWORD e = open_file(utf8_path, SHARE_ALL, 0, &file, out);
  if (e) return e;
  CloseHandle(file);
  return 0;
}

unsigned long folio_windows_read(const char *utf8_path, void *buf, size_t cap, folio_windows_id *out)
{
  if (!out) return ERROR_INVALID_PARAMETER;
  memset(out, 0, sizeof *out);
  if ((!buf && cap) || ((uintptr_t)buf & 7u)) return ERROR_INVALID_PARAMETER;
  HANDLE file;
  folio_windows_id before, after;
  DWORD e = open_file(utf8_path, SHARE_ALL, FILE_FLAG_SEQUENTIAL_SCAN, &file, &before);
  if (e) return e;
  if (before.size > cap) {
    CloseHandle(file);
    return ERROR_INSUFFICIENT_BUFFER;
  }
  /* Read to end of file, one byte past the size: a file that grew or shrank meanwhile is mid-update. */
  size_t got = 0;
  const size_t size = (size_t)before.size;
  for (;;) {
    char extra;
    char *dst = got < size ? (char *)buf + got : &extra;
    size_t want = got < size ? size - got : 1;
    DWORD n = 0;
    if (want > 0x40000000u) want = 0x40000000u;
    if (!ReadFile(file, dst, (DWORD)want, &n, NULL)) {
      e = GetLastError();
      break;
    }
    if (n == 0) {
      if (got != size) e = ERROR_RETRY;
      break;
    }
    got += n;
    if (got > size) {
      e = ERROR_RETRY;
      break;
    }
  }
  if (!e) {
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(file, &info)) {
      e = GetLastError();
    } else {
      after.size = ((unsigned long long)info.nFileSizeHigh << 32) | info.nFileSizeLow;
      after.mtime = ((unsigned long long)info.ftLastWriteTime.dwHighDateTime << 32) | info.ftLastWriteTime.dwLowDateTime;
      if (after.size != before.size || after.mtime != before.mtime) e = ERROR_RETRY;
    }
  }
  CloseHandle(file);
  if (e) return e;
  *out = before;
  return 0;
}

void folio_windows_unmap(folio_windows_file *f)
{
  if (!f) return;
  if (f->mapped && f->data) UnmapViewOfFile(f->data);
  memset(f, 0, sizeof *f);
}

const char *folio_windows_error(unsigned long rc)
{
  switch (rc) {
    case 0: return "success";
    case ERROR_FILE_NOT_FOUND: return "no such file";
    case ERROR_PATH_NOT_FOUND: return "no such directory";
    case ERROR_ACCESS_DENIED: return "access denied";
    case ERROR_SHARING_VIOLATION: return "file is locked by another process";
    case ERROR_DIRECTORY: return "is a directory";
    case ERROR_FILE_TOO_LARGE: return "file too large to map";
    case ERROR_NOT_ENOUGH_MEMORY: return "out of address space while mapping";
    case ERROR_NO_UNICODE_TRANSLATION: return "path is not valid UTF-8";
    case ERROR_INVALID_PARAMETER: return "invalid argument";
    case ERROR_INSUFFICIENT_BUFFER: return "file larger than the buffer given";
    case ERROR_RETRY: return "file changed while it was read (an update in progress?)";
    default: return "cannot map file";
  }
}
