// alloc_guard.cpp: an allocation interposer for the zero-heap test (platforms.md §1). The executable
// defines malloc and friends and every operator new/delete; ELF interposition routes all calls in the
// process (the engine, libzstd, libstdc++) here. They forward to glibc's __libc_* functions, except while
// alloc_guard_forbid() is in effect, when any allocation (or a free of a non-NULL pointer) prints what
// happened and aborts. glibc only: the test is not built on other C libraries or under sanitizers (which
// interpose malloc themselves).
#include "alloc_guard.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <unistd.h>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
void *__libc_memalign(size_t, size_t);
}

namespace {
volatile int g_forbid = 0;
volatile unsigned long g_count = 0;

[[noreturn]] void die(const char *what) {
  static const char pre[] = "alloc_guard: heap call while forbidden: ";
  ssize_t r = write(2, pre, sizeof pre - 1);
  r = write(2, what, std::strlen(what));
  r = write(2, "\n", 1);
  (void)r;
  std::abort();
}

inline void check(const char *what) {
  g_count = g_count + 1;
  if (g_forbid) {
    g_forbid = 0;  // abort() and the message must not recurse
    die(what);
  }
}
}  // namespace

void alloc_guard_forbid(bool on) { g_forbid = on ? 1 : 0; }
unsigned long alloc_guard_count() { return g_count; }

extern "C" {

void *malloc(size_t n) {
  check("malloc");
  return __libc_malloc(n);
}
void *calloc(size_t a, size_t b) {
  check("calloc");
  return __libc_calloc(a, b);
}
void *realloc(void *p, size_t n) {
  check("realloc");
  return __libc_realloc(p, n);
}
void free(void *p) {
  if (p == nullptr) return;  // free(NULL) is a no-op (zstd's static-context paths call it)
  if (g_forbid) {
    g_forbid = 0;
    die("free");
  }
  __libc_free(p);
}
void *memalign(size_t al, size_t n) {
  check("memalign");
  return __libc_memalign(al, n);
}
void *aligned_alloc(size_t al, size_t n) {
  check("aligned_alloc");
  return __libc_memalign(al, n);
}
int posix_memalign(void **out, size_t al, size_t n) {
  check("posix_memalign");
  void *p = __libc_memalign(al, n);
  if (p == nullptr) return 12;  // ENOMEM
  *out = p;
  return 0;
}
void *valloc(size_t n) {
  check("valloc");
  return __libc_memalign(static_cast<size_t>(sysconf(_SC_PAGESIZE)), n);
}

}  // extern "C"

void *operator new(size_t n) {
  check("operator new");
  void *p = __libc_malloc(n ? n : 1);
  if (p == nullptr) std::abort();
  return p;
}
void *operator new[](size_t n) {
  check("operator new[]");
  void *p = __libc_malloc(n ? n : 1);
  if (p == nullptr) std::abort();
  return p;
}
void *operator new(size_t n, const std::nothrow_t &) noexcept {
  check("operator new(nothrow)");
  return __libc_malloc(n ? n : 1);
}
void *operator new[](size_t n, const std::nothrow_t &) noexcept {
  check("operator new[](nothrow)");
  return __libc_malloc(n ? n : 1);
}
void *operator new(size_t n, std::align_val_t al) {
  check("operator new(align)");
  void *p = __libc_memalign(static_cast<size_t>(al), n ? n : 1);
  if (p == nullptr) std::abort();
  return p;
}
void *operator new[](size_t n, std::align_val_t al) {
  check("operator new[](align)");
  void *p = __libc_memalign(static_cast<size_t>(al), n ? n : 1);
  if (p == nullptr) std::abort();
  return p;
}
void operator delete(void *p) noexcept { free(p); }
void operator delete[](void *p) noexcept { free(p); }
void operator delete(void *p, size_t) noexcept { free(p); }
void operator delete[](void *p, size_t) noexcept { free(p); }
void operator delete(void *p, std::align_val_t) noexcept { free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { free(p); }
void operator delete(void *p, size_t, std::align_val_t) noexcept { free(p); }
void operator delete[](void *p, size_t, std::align_val_t) noexcept { free(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { free(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { free(p); }
