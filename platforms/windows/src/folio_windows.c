/* folio_windows.c: map a pack file read-only with the Win32 API (see folio_windows.h). */
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

unsigned long folio_windows_map(const char *utf8_path, folio_windows_file *out)
{
  wchar_t wpath[FOLIO_WIN_PATH_MAX];
  if (!out) return ERROR_INVALID_PARAMETER;
  memset(out, 0, sizeof *out);
  if (!utf8_path) return ERROR_INVALID_PARAMETER;
  DWORD e = widen(utf8_path, wpath, FOLIO_WIN_PATH_MAX);
  if (e) return e;

  DWORD attrs = GetFileAttributesW(wpath);
  if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) return ERROR_DIRECTORY;

  HANDLE file = CreateFileW(wpath, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                            FILE_ATTRIBUTE_NORMAL | FILE_FLAG_RANDOM_ACCESS, NULL);
  if (file == INVALID_HANDLE_VALUE) return GetLastError();
  LARGE_INTEGER size;
  if (!GetFileSizeEx(file, &size)) {
    e = GetLastError();
    CloseHandle(file);
    return e;
  }
  if ((uint64_t)size.QuadPart > (uint64_t)SIZE_MAX) {
    CloseHandle(file);
    return ERROR_FILE_TOO_LARGE;
  }
  if (size.QuadPart == 0) { /* CreateFileMapping refuses empty files */
    CloseHandle(file);
    out->data = folio_windows_empty;
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
  out->size = (size_t)size.QuadPart;
  out->mapped = 1;
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
    default: return "cannot map file";
  }
}
