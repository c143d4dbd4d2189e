// common.h: the engine's base layer: configuration hook, coverage macros, bounds helpers, little-endian
// loads and CRC-32C. Everything else in engine/src includes this first.
//
// Port hook (littlefs LFS_CONFIG, zstd zstd_deps.h): compile with -DFOLIO_CONFIG='"my_config.h"' to
// provide FOLIO_MEMCPY, FOLIO_MEMCMP, FOLIO_MEMSET and FOLIO_ASSERT (for example on a target without a
// C library). Whatever the config header leaves undefined falls back to <string.h> / <assert.h>.
#ifndef FOLIO_COMMON_H
#define FOLIO_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef FOLIO_CONFIG
#include FOLIO_CONFIG
#endif

#if !defined(FOLIO_MEMCPY) || !defined(FOLIO_MEMCMP) || !defined(FOLIO_MEMSET)
#include <string.h>
#endif
#ifndef FOLIO_MEMCPY
#define FOLIO_MEMCPY(d, s, n) memcpy((d), (s), (n))
#endif
#ifndef FOLIO_MEMCMP
#define FOLIO_MEMCMP(a, b, n) memcmp((a), (b), (n))
#endif
#ifndef FOLIO_MEMSET
#define FOLIO_MEMSET(d, c, n) memset((d), (c), (n))
#endif
#ifndef FOLIO_ASSERT
#include <assert.h>
#define FOLIO_ASSERT(x) assert(x)
#endif

// Coverage macros (SQLite sqliteInt.h). FOLIO_TESTCASE(x) marks a boundary a test must reach with x true;
// it compiles to nothing unless FOLIO_COVERAGE_TEST supplies a hook. FOLIO_ALWAYS(x)/FOLIO_NEVER(x) wrap
// defensive conditions believed to be always true / always false: in debug builds they assert, in
// coverage builds they become constants so the unreachable branch is not counted, in release builds they
// are the plain condition (the defence stays).
#if defined(FOLIO_COVERAGE_TEST)
void folio_testcase_hit(const char *file, int line);
#define FOLIO_TESTCASE(x) \
  do {                    \
    if (x) folio_testcase_hit(__FILE__, __LINE__); \
  } while (0)
#define FOLIO_ALWAYS(x) (1)
#define FOLIO_NEVER(x) (0)
#elif !defined(NDEBUG)
#define FOLIO_TESTCASE(x) ((void)0)
#define FOLIO_ALWAYS(x) ((x) ? 1 : (FOLIO_ASSERT(0), 0))
#define FOLIO_NEVER(x) ((x) ? (FOLIO_ASSERT(0), 1) : 0)
#else
#define FOLIO_TESTCASE(x) ((void)0)
#define FOLIO_ALWAYS(x) (x)
#define FOLIO_NEVER(x) (x)
#endif

namespace folio {
namespace detail {

// True if [off, off + len) lies inside [0, size). Written so that it cannot overflow (FlatBuffers
// verifier.h): off <= size && len <= size - off.
inline bool in_bounds(uint64_t off, uint64_t len, uint64_t size) { return off <= size && len <= size - off; }

inline constexpr size_t align8(size_t n) { return (n + 7u) & ~static_cast<size_t>(7u); }
inline bool is_aligned8(const void *p) { return (reinterpret_cast<uintptr_t>(p) & 7u) == 0; }

inline uint16_t load_le16(const uint8_t *p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t load_le32(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t load_le64(const uint8_t *p) {
  return static_cast<uint64_t>(load_le32(p)) | (static_cast<uint64_t>(load_le32(p + 4)) << 32);
}

// CRC-32C (Castagnoli, reflected 0x82F63B78, init and final xor 0xFFFFFFFF): crc32c("123456789") ==
// 0xE3069283. Pass the previous result as `crc` to continue over several buffers (0 to start).
// Slicing-by-8 over a ROM table; no state.
uint32_t crc32c(uint32_t crc, const void *data, size_t len);

// Byte-wise comparison of two byte strings, memcmp order with the shorter one first on a common prefix.
inline int bytes_compare(const char *a, size_t alen, const char *b, size_t blen) {
  const size_t n = alen < blen ? alen : blen;
  const int c = n ? FOLIO_MEMCMP(a, b, n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

}  // namespace detail
}  // namespace folio

#endif  // FOLIO_COMMON_H
