/* folio_posix.h: the POSIX port. Maps a pack file read-only into memory as (data, size) for folio_open().
 * This is the only OS code the CLI and the host tests use; the engine itself never does I/O.
 *
 *   folio_posix_file f;
 *   int rc = folio_posix_map("content.folio", &f);
 *   if (rc != 0) { fprintf(stderr, "%s\n", folio_posix_error(rc)); ... }
 *   folio_open(f.data, f.size, ws, ws_len, 0, &pack, &reader);
 *   ...
 *   folio_posix_unmap(&f);   // after the last use of the pack handle
 *
 * The mapping is page-aligned, so it satisfies folio_open()'s 8-byte alignment. An empty file maps to
 * (a non-NULL pointer to a static empty buffer, 0): folio_open() then reports FOLIO_E_FORMAT.
 * Thread-safety: the functions keep no state; a mapping may be read from any number of threads. */
#ifndef FOLIO_POSIX_H
#define FOLIO_POSIX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_posix_file {
  const void *data; /* start of the mapped file, page-aligned; NULL when not mapped */
  size_t size;      /* file size in bytes */
  int mapped;       /* 1 if data must be munmap()ed (0 for an empty file or after unmap) */
} folio_posix_file;

/* Map `path` read-only (PROT_READ, MAP_PRIVATE) and close the descriptor (the mapping stays valid).
 * Returns 0, or a positive errno value (ENOENT, EACCES, EISDIR for a directory, EFBIG when the file does not
 * fit size_t, ...). On failure `out` is zeroed. Never allocates on the heap. */
int folio_posix_map(const char *path, folio_posix_file *out);

/* Unmap a file mapped by folio_posix_map and zero `f`. Safe on a zeroed or already unmapped struct. */
void folio_posix_unmap(folio_posix_file *f);

/* Static English text for a folio_posix_map error (strerror-like, but thread-safe); never NULL. */
const char *folio_posix_error(int rc);

#ifdef __cplusplus
}
#endif
#endif /* FOLIO_POSIX_H */
