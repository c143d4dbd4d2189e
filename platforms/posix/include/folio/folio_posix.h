/* folio_posix.h: the POSIX port. Maps a pack file read-only into memory as (data, size) for folio_open(),
 * or reads it into a buffer the caller owns, and tells when the file on disk is no longer the one loaded.
 * This is the only OS code the CLI and the host tests use; the engine itself never does I/O.
 *
 *   folio_posix_file f;
 *   int rc = folio_posix_map("content.folio", &f);
 *   if (rc != 0) { fprintf(stderr, "%s\n", folio_posix_error(rc)); ... }
 *   folio_open(f.data, f.size, ws, ws_len, 0, &pack, &reader);
 *   ...
 *   folio_posix_unmap(&f);   // after the last use of the pack handle
 *
 * Map or read? A mapping costs no memory up front, but its pages are read from the file when first
 * touched: if the file is truncated or rewritten in place while mapped (`cp new.folio content.folio`
 * does both), or a removable card fails, the process gets SIGBUS or reads bytes folio_open() never
 * checked. Read the pack (folio_posix_size, folio_posix_read) when it lives on removable media or when
 * an updater may write it in place; map it when updates replace the file by rename (as `folio build`
 * does), which leaves an open mapping on the old file. Either way, folio_posix_changed() says when the
 * path names another file, so a long-running reader can open the new pack and drop the old one.
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
  int mapped;       /* 1 if data must be munmap()ed (0 for an empty file, a read file, or after unmap) */
  /* The file's identity when it was mapped or read, for folio_posix_changed(): device, inode (file
   * index on Windows) and last modification time in ns since the epoch. */
  unsigned long long dev, ino, mtime_ns;
} folio_posix_file;

/* Map `path` read-only (PROT_READ, MAP_PRIVATE) and close the descriptor (the mapping stays valid).
 * Returns 0, or a positive errno value (ENOENT, EACCES, EISDIR for a directory, EFBIG when the file does not
 * fit size_t, ...). On failure `out` is zeroed. Never allocates on the heap. */
int folio_posix_map(const char *path, folio_posix_file *out);

/* The size in bytes of the regular file at `path` into *size, to size a buffer for folio_posix_read.
 * Returns 0, or ENOENT, EACCES, EISDIR, EINVAL (not a regular file, NULL argument), EFBIG (does not fit
 * size_t). */
int folio_posix_size(const char *path, size_t *size);

/* Read the whole file at `path` into `buf` (`cap` bytes, 8-byte aligned, owned by the caller, who must
 * keep it for as long as the pack is open) and describe it in `out`: data = buf, size = the file's size,
 * mapped = 0, and its identity. Nothing of the file is touched after this returns, so a later truncation,
 * rewrite or read error of the file cannot reach the pack. Returns 0, or:
 *   EINVAL  NULL argument, `buf` not 8-byte aligned (NULL is allowed with cap 0 for an empty file), or
 *           not a regular file;
 *   EFBIG   the file is larger than `cap` (call folio_posix_size first; it may have grown since);
 *   EAGAIN  the file changed while it was read (an update in progress): try again later;
 *   EIO     the device reported a read error;
 *   and the errors of folio_posix_size. On failure `out` is zeroed; `buf` may hold part of the file.
 * Never allocates on the heap. folio_posix_unmap() on the result only zeroes it. */
int folio_posix_read(const char *path, void *buf, size_t cap, folio_posix_file *out);

/* Whether `path` no longer names the file `f` was mapped or read from: 1 if it names another file
 * (replaced by rename), a file of another size or modification time (rewritten in place), or nothing
 * (removed, unreadable); 0 if it is the same file unchanged, or `f` or `path` is NULL. An in-place
 * rewrite that keeps the size within the file system's timestamp granularity (a few ms) goes unseen:
 * replace packs by rename. A reader that sees 1 opens the file anew (keeping the old pack until the new
 * one opens: an update may still be in progress) and must not touch a mapping of a file rewritten in
 * place. Costs one stat(). */
int folio_posix_changed(const char *path, const folio_posix_file *f);

/* Unmap a file mapped by folio_posix_map and zero `f` (a read file is only zeroed: the caller owns its
 * buffer). Safe on a zeroed or already unmapped struct. */
void folio_posix_unmap(folio_posix_file *f);

/* Static English text for a folio_posix_map error (strerror-like, but thread-safe); never NULL. */
const char *folio_posix_error(int rc);

#ifdef __cplusplus
}
#endif
#endif /* FOLIO_POSIX_H */
