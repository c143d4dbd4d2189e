/* folio_posix.c: map a pack file read-only, or read it into the caller's buffer; notice when it changes. */
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

/* Open `path` read-only and fstat it; a regular file whose size fits size_t, or an errno value. */
static int open_regular(const char *path, int *fd_out, struct stat *st) {
  int fd;
  do {
    fd = open(path, O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  int e = 0;
  if (fstat(fd, st) != 0)
    e = errno;
  else if (S_ISDIR(st->st_mode))
    e = EISDIR;
  else if (!S_ISREG(st->st_mode))
    e = EINVAL;
  else if (st->st_size < 0 || (uint64_t)st->st_size > (uint64_t)SIZE_MAX)
    e = EFBIG;
  if (e != 0) {
    close(fd);
    return e;
  }
  *fd_out = fd;
  return 0;
}

static unsigned long long mtime_ns(const struct stat *st) {
  return (unsigned long long)st->st_mtim.tv_sec * 1000000000ull + (unsigned long long)st->st_mtim.tv_nsec;
}

static void set_identity(folio_posix_file *f, const struct stat *st) {
  f->dev = (unsigned long long)st->st_dev;
  f->ino = (unsigned long long)st->st_ino;
  f->mtime_ns = mtime_ns(st);
}

int folio_posix_map(const char *path, folio_posix_file *out) {
  if (out == NULL) return EINVAL;
  memset(out, 0, sizeof *out);
  if (path == NULL) return EINVAL;
  int fd;
  struct stat st;
  int e = open_regular(path, &fd, &st);
  if (e != 0) return e;
  const size_t size = (size_t)st.st_size;
  if (size == 0) {
    close(fd);
    out->data = folio_posix_empty;
    out->size = 0;
    out->mapped = 0;
    set_identity(out, &st);
    return 0;
  }
  void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  e = errno;
  close(fd);
  if (p == MAP_FAILED) return e ? e : ENOMEM;
#ifdef POSIX_MADV_WILLNEED
  /* Packs are small and read at random: a hint, its failure does not matter. */
  (void)posix_madvise(p, size, POSIX_MADV_WILLNEED);
#endif
  out->data = p;
  out->size = size;
  out->mapped = 1;
  set_identity(out, &st);
  return 0;
}

int folio_posix_size(const char *path, size_t *size) {
  if (size != NULL) *size = 0;
  if (path == NULL || size == NULL) return EINVAL;
  int fd;
  struct stat st;
  const int e = open_regular(path, &fd, &st);
  if (e != 0) return e;
  close(fd);
  *size = (size_t)st.st_size;
  return 0;
}

int folio_posix_read(const char *path, void *buf, size_t cap, folio_posix_file *out) {
  if (out == NULL) return EINVAL;
  memset(out, 0, sizeof *out);
  if (path == NULL || (buf == NULL && cap != 0) || ((uintptr_t)buf & 7u) != 0) return EINVAL;
  int fd;
  struct stat before;
  int e = open_regular(path, &fd, &before);
  if (e != 0) return e;
  const size_t size = (size_t)before.st_size;
  if (size > cap) {
    close(fd);
    return EFBIG;
  }
  /* Read to end of file, one byte past the size fstat gave: a file that grew or shrank while it was read
   * is an update in progress, not a pack. */
  size_t got = 0;
  for (;;) {
    char extra;
    char *dst = got < size ? (char *)buf + got : &extra;
    const size_t want = got < size ? size - got : 1;
    const ssize_t n = read(fd, dst, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      e = errno == EISDIR ? EISDIR : EIO;
      break;
    }
    if (n == 0) {
      if (got != size) e = EAGAIN;
      break;
    }
    got += (size_t)n;
    if (got > size) {
      e = EAGAIN;
      break;
    }
  }
  struct stat after;
  if (e == 0 && fstat(fd, &after) != 0) e = errno;
  if (e == 0 && (after.st_size != before.st_size || mtime_ns(&after) != mtime_ns(&before))) e = EAGAIN;
  close(fd);
  if (e != 0) return e;
  out->data = size == 0 ? (const void *)folio_posix_empty : buf;
  out->size = size;
  out->mapped = 0;
  set_identity(out, &before);
  return 0;
}

int folio_posix_changed(const char *path, const folio_posix_file *f) {
  if (path == NULL || f == NULL) return 0;
  struct stat st;
  if (stat(path, &st) != 0) return 1;
  return (unsigned long long)st.st_dev != f->dev || (unsigned long long)st.st_ino != f->ino ||
         (uint64_t)st.st_size != (uint64_t)f->size || mtime_ns(&st) != f->mtime_ns;
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
    case EFBIG: return "file too large (for the address space, or for the buffer given)";
    case ENOMEM: return "out of memory (address space) while mapping";
    case EINVAL: return "invalid argument or not a regular file";
    case EMFILE:
    case ENFILE: return "too many open files";
    case ENODEV: return "file system does not support mapping";
    case ELOOP: return "too many symbolic links";
    case ENAMETOOLONG: return "file name too long";
    case ENOTDIR: return "a path component is not a directory";
    case EIO: return "I/O error";
    case EAGAIN: return "file changed while it was read (an update in progress?)";
    default: return "cannot map file";
  }
}
