/* folio_posix.c: mmap a pack file read-only. */
#define _POSIX_C_SOURCE 200809L
#include "folio/folio_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Aligned so even the empty mapping satisfies folio_open's alignment rule. */
static const uint64_t folio_posix_empty[1] = {0};

int folio_posix_map(const char *path, folio_posix_file *out) {
  if (out == NULL) return EINVAL;
  memset(out, 0, sizeof *out);
  if (path == NULL) return EINVAL;
  int fd;
  do {
    fd = open(path, O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int e = errno;
    close(fd);
    return e;
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return EISDIR;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return EINVAL;
  }
  if (st.st_size < 0 || (uint64_t)st.st_size > (uint64_t)SIZE_MAX) {
    close(fd);
    return EFBIG;
  }
  const size_t size = (size_t)st.st_size;
  if (size == 0) {
    close(fd);
    out->data = folio_posix_empty;
    out->size = 0;
    out->mapped = 0;
    return 0;
  }
  void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int e = errno;
  close(fd);
  if (p == MAP_FAILED) return e ? e : ENOMEM;
#ifdef POSIX_MADV_WILLNEED
  /* Packs are small and read at random: a hint, its failure does not matter. */
  (void)posix_madvise(p, size, POSIX_MADV_WILLNEED);
#endif
  out->data = p;
  out->size = size;
  out->mapped = 1;
  return 0;
}

void folio_posix_unmap(folio_posix_file *f) {
  if (f == NULL) return;
  if (f->mapped && f->data != NULL) munmap((void *)(uintptr_t)f->data, f->size);
  memset(f, 0, sizeof *f);
}

const char *folio_posix_error(int rc) {
  switch (rc) {
    case 0: return "success";
    case ENOENT: return "no such file";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory";
    case EFBIG: return "file too large to map";
    case ENOMEM: return "out of memory (address space) while mapping";
    case EINVAL: return "invalid argument or not a regular file";
    case EMFILE:
    case ENFILE: return "too many open files";
    case ENODEV: return "file system does not support mapping";
    case ELOOP: return "too many symbolic links";
    case ENAMETOOLONG: return "file name too long";
    case ENOTDIR: return "a path component is not a directory";
    case EIO: return "I/O error";
    default: return "cannot map file";
  }
}
