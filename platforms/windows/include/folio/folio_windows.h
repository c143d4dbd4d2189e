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
 * buffer (folio_open then reports FOLIO_E_FORMAT). While mapped, the file cannot be opened for writing,
 * so it cannot be rewritten in place under the view. folio_windows_read copies a pack into the caller's
 * buffer instead (for removable media, where a failing card would fault a view), and folio_windows_stat
 * gives a file's identity, to notice that an update replaced it. No state, no heap (8 KiB of stack for
 * the path); a view may be read from any number of threads. */
#ifndef FOLIO_WINDOWS_H
#define FOLIO_WINDOWS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A file's size and identity: two files with the same volume and index are the same file; a rewrite
 * changes its size or last-write time. */
typedef struct folio_windows_id {
  unsigned long long size;   /* bytes */
  unsigned long long volume; /* volume serial number */
  unsigned long long index;  /* file index, unique on its volume */
  unsigned long long mtime;  /* last write time, 100 ns units since 1601 */
} folio_windows_id;

typedef struct folio_windows_file {
  const void *data;    /* start of the view; NULL when not mapped */
  size_t size;         /* file size in bytes */
  int mapped;          /* 1 if data must be unmapped (UnmapViewOfFile) */
  folio_windows_id id; /* the file's identity when mapped */
} folio_windows_file;

/* Map `utf8_path` read-only. Returns 0, or a Win32 error code (GetLastError(): ERROR_FILE_NOT_FOUND,
 * ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_FILE_TOO_LARGE, ERROR_DIRECTORY for a directory, ...).
 * Paths longer than MAX_PATH work in the \\?\ form, up to 4095 UTF-16 units. On failure `out` is zeroed. */
unsigned long folio_windows_map(const char *utf8_path, folio_windows_file *out);

/* The size and identity of the file at `utf8_path` (opened with every sharing mode, so an updater's open
 * handle does not stand in the way). Returns 0 or a Win32 error code, as folio_windows_map. */
unsigned long folio_windows_stat(const char *utf8_path, folio_windows_id *out);

/* Read the whole file at `utf8_path` into `buf` (`cap` bytes, 8-byte aligned, owned by the caller) and
 * its size and identity into *out. Returns 0, or ERROR_INVALID_PARAMETER (NULL argument, misaligned
 * buffer), ERROR_INSUFFICIENT_BUFFER (the file is larger than `cap`), ERROR_RETRY (the file changed while
 * it was read: an update in progress), ERROR_READ_FAULT or another ReadFile error, and the errors of
 * folio_windows_map's open. On failure *out is zeroed. */
unsigned long folio_windows_read(const char *utf8_path, void *buf, size_t cap, folio_windows_id *out);

/* Unmap a view from folio_windows_map and zero `f`. Safe on a zeroed or already unmapped struct. */
void folio_windows_unmap(folio_windows_file *f);

/* Static English text for an error of the functions above; never NULL. */
const char *folio_windows_error(unsigned long rc);

#ifdef __cplusplus
}
#endif
#endif /* FOLIO_WINDOWS_H */
