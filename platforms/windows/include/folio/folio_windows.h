/* folio_windows.h: the Windows port. Maps a pack file read-only into memory as (data, size) for
 * folio_open(), with CreateFileW + CreateFileMappingW + MapViewOfFile. The engine itself never does I/O.
 *
 *   folio_windows_file f;
 *   DWORD rc = folio_windows_map("C:\\packs\\content.folio", &f);   // UTF-8 path
 *   if (rc != 0) { fprintf(stderr, "%s\n", folio_windows_error(rc)); ... }
 *   folio_open(f.data, f.size, ws, ws_len, 0, &pack, &reader);
 *   ...
 *   folio_windows_unmap(&f);   // after the last use of the pack handle
 *
 * Views start on an allocation-granularity boundary (64 KiB), which satisfies folio_open's 8-byte
 * alignment. The file is opened with FILE_SHARE_READ | FILE_SHARE_DELETE, so an updater can replace it
 * (rename over it) while it is mapped; the view keeps the old bytes. An empty file maps to a static empty
 * buffer (folio_open then reports FOLIO_E_FORMAT). No state, no heap (8 KiB of stack for the path); a view may be read from any number
 * of threads. */
#ifndef FOLIO_WINDOWS_H
#define FOLIO_WINDOWS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_windows_file {
  const void *data; /* start of the view; NULL when not mapped */
  size_t size;      /* file size in bytes */
  int mapped;       /* 1 if data must be unmapped (UnmapViewOfFile) */
} folio_windows_file;

/* Map `utf8_path` read-only. Returns 0, or a Win32 error code (GetLastError(): ERROR_FILE_NOT_FOUND,
 * ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_FILE_TOO_LARGE, ERROR_DIRECTORY for a directory, ...).
 * Paths longer than MAX_PATH work in the \\?\ form, up to 4095 UTF-16 units. On failure `out` is zeroed. */
unsigned long folio_windows_map(const char *utf8_path, folio_windows_file *out);

/* Unmap a view from folio_windows_map and zero `f`. Safe on a zeroed or already unmapped struct. */
void folio_windows_unmap(folio_windows_file *f);

/* Static English text for a folio_windows_map error; never NULL. */
const char *folio_windows_error(unsigned long rc);

#ifdef __cplusplus
}
#endif
#endif /* FOLIO_WINDOWS_H */
