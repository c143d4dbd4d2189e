/* folio_win_compat.h: force-included (-include) into every translation unit of the Windows build of folio
 * (platforms/ci/run-ports.sh passes it in CMAKE_C_FLAGS/CMAKE_CXX_FLAGS). It maps the few POSIX file calls that the host tools and
 * tests use (tools/build/pack_writer.cpp's atomic write, tests/golden/golden_gen.cpp's mkdir, the tests' mkdtemp) onto the
 * Microsoft CRT, so those files build unchanged. The engine needs none of it (it has no I/O).
 *
 * This is a port-layer stopgap, not the intended end state: the proper fix is a `_WIN32` branch in those
 * files (binary-mode open, MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) for the
 * rename, std::filesystem::create_directory for mkdir); see platforms/README.md. */
#ifndef FOLIO_WIN_COMPAT_H
#define FOLIO_WIN_COMPAT_H
#ifdef _WIN32

#include <direct.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <sys/stat.h>
#ifdef __cplusplus
#include <cstdio>
#endif

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

/* The CRT has no close-on-exec flag, and opens files in *text* mode unless told otherwise (which would
 * turn every 0x0A of a pack into 0x0D 0x0A): every open() that asks for O_CLOEXEC gets binary mode. */
#ifndef O_CLOEXEC
#define O_CLOEXEC _O_BINARY
#endif
/* Opening a directory fails on Windows; the callers treat that as "skip the directory fsync". */
#ifndef O_DIRECTORY
#define O_DIRECTORY 0x01000000
#endif

static inline int folio_win_fsync(int fd) { return _commit(fd); }
#define fsync folio_win_fsync

/* POSIX mkdir(path, mode); the CRT's takes only the path. */
static inline int folio_win_mkdir(const char *path, int mode) { (void)mode; return _mkdir(path); }
#define mkdir(path, mode) folio_win_mkdir(path, mode)

/* POSIX mkdtemp(): the CRT has _mktemp (name only) and _mkdir. */
static inline char *folio_win_mkdtemp(char *tmpl)
{
  if (!_mktemp(tmpl) || _mkdir(tmpl) != 0) return NULL;
  return tmpl;
}
#define mkdtemp folio_win_mkdtemp

/* POSIX rename() replaces an existing target atomically; the CRT's fails if the target exists. */
static inline int folio_win_rename(const char *from, const char *to)
{
  return MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) ? 0 : -1;
}
#define rename folio_win_rename

#endif /* _WIN32 */
#endif /* FOLIO_WIN_COMPAT_H */
