// [pack][faults] systematic corruption (SQLite anomaly tests, littlefs power loss): every truncation
// point, every one-byte flip at every offset, hostile header values, every short or misaligned workspace,
// every dst_cap. Each case must end in a status (an open error or a later per-article FOLIO_E_CORRUPT),
// never a crash; run them in the FOLIO_SANITIZE=ON build to make any bad access fatal. Buffers have
// exactly the tested length (new[]), so ASan sees a read one byte past the end.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <memory>

#include <folio/folio.h>

#include "support/pack_fixture.h"
#include "support/pack_walk.h"

using namespace folio::fixture;

namespace {

// Exactly `n` heap bytes (malloc alignment is 16, so 8-byte alignment holds).
struct Exact {
  std::unique_ptr<uint8_t[]> p;
  size_t n;
  Exact(const uint8_t *src, size_t len) : p(new uint8_t[len ? len : 1]), n(len) {
    if (len) std::memcpy(p.get(), src, len);
  }
};

struct Ws {
  Aligned ws;
  explicit Ws(size_t n) : ws(n) {}
};

folio_status open_exact(const uint8_t *bytes, size_t len, Aligned &ws, const folio_pack **p, folio_reader **r,
                        uint32_t flags = 0) {
  return folio_open(bytes, len, ws.data(), ws.size(), flags, p, r);
}

std::vector<uint8_t> &plain() {
  static std::vector<uint8_t> v = fixture_pack(false);
  return v;
}
std::vector<uint8_t> &with_dict() {
  static std::vector<uint8_t> v = fixture_pack(true);
  return v;
}

}  // namespace

TEST_CASE("every truncation point of a pack", "[pack][faults]") {
  for (int which = 0; which < 2; which++) {
    const std::vector<uint8_t> &full = which ? with_dict() : plain();
    Aligned a(full);
    Aligned ws(folio_workspace_size(a.data(), a.size()));
    for (size_t len = 0; len <= full.size(); len++) {
      Exact e(full.data(), len);
      const folio_pack *p = nullptr;
      folio_reader *r = nullptr;
      const folio_status s = open_exact(e.p.get(), len, ws, &p, &r);
      if (len == full.size()) {
        REQUIRE(s == FOLIO_OK);
      } else {
        INFO("len " << len);
        REQUIRE((s == FOLIO_E_TRUNCATED || s == FOLIO_E_FORMAT));
        REQUIRE(p == nullptr);
      }
      // workspace_size never reads past len either.
      (void)folio_workspace_size(e.p.get(), len);
    }
  }
}

TEST_CASE("every single-byte corruption at every offset", "[pack][faults]") {
  const uint8_t patterns[] = {0xFF, 0x01, 0x80};
  for (int which = 0; which < 2; which++) {
    const std::vector<uint8_t> &full = which ? with_dict() : plain();
    Aligned ws(folio_workspace_size(Aligned(full).data(), full.size()) + 64);
    std::vector<char> out(1 << 16);
    unsigned opened = 0, failed = 0, later_corrupt = 0;
    for (size_t off = 0; off < full.size(); off++) {
      for (uint8_t x : patterns) {
        if (which == 1 && x != 0xFF) continue;  // the dictionary pack: one pattern keeps the sweep short
        Exact e(full.data(), full.size());
        e.p[off] ^= x;
        const folio_pack *p = nullptr;
        folio_reader *r = nullptr;
        const folio_status s = open_exact(e.p.get(), e.n, ws, &p, &r);
        INFO("offset " << off << " xor " << int(x) << " status " << s);
        REQUIRE(status_known(s));
        if (s != FOLIO_OK) {
          failed++;
          REQUIRE(p == nullptr);
          continue;
        }
        opened++;
        const WalkStats st = walk_pack(p, r, out.data(), out.size() - 1);
        REQUIRE(st.bad == 0);
        if (st.corrupt) later_corrupt++;
      }
    }
    // With the whole-file checksum every flip outside the reserved-free regions is caught at open.
    WARN("pack " << which << ": " << failed << " rejected at open, " << opened << " opened (" << later_corrupt
                 << " reported FOLIO_E_CORRUPT later)");
    CHECK(failed > 0);
  }
}

TEST_CASE("every single-byte corruption is caught by FOLIO_OPEN_VERIFY_CHECKSUM", "[pack][faults]") {
  const std::vector<uint8_t> &full = plain();
  Aligned ws(folio_workspace_size(Aligned(full).data(), full.size()));
  for (size_t off = 0; off < full.size(); off++) {
    Exact e(full.data(), full.size());
    e.p[off] ^= 0x10;
    const folio_pack *p = nullptr;
    const folio_status s = open_exact(e.p.get(), e.n, ws, &p, nullptr, FOLIO_OPEN_VERIFY_CHECKSUM);
    INFO("offset " << off << " status " << s);
    // Padding between index and frames is the only region no checksum covers: zero bytes nobody reads.
    const size_t index_end = 128 + get_le(full.data() + 32, 8);
    const size_t frames_off = get_le(full.data() + 40, 8);
    if (off >= index_end && off < frames_off) continue;
    REQUIRE(s != FOLIO_OK);
  }
}

TEST_CASE("hostile header values (CRC recomputed so the field check itself is reached)", "[pack][faults]") {
  const std::vector<uint8_t> &full = plain();
  const uint64_t values[] = {0, 1, 7, 8, 127, 128, 129, full.size() - 1, full.size(), full.size() + 1,
                             0x7FFFFFFFull, 0x80000000ull, 0xFFFFFFFFull, 0x100000000ull, 0x7FFFFFFFFFFFFFFFull,
                             0xFFFFFFFFFFFFFFF8ull, 0xFFFFFFFFFFFFFFFFull};
  struct Field {
    size_t off;
    int bytes;
  };
  const Field fields[] = {{8, 2}, {10, 2}, {12, 4}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}, {56, 4},
                          {60, 4}, {64, 4}, {68, 4}, {72, 4}, {76, 4}, {80, 4}, {84, 8}, {116, 8}};
  std::vector<char> out(1 << 16);
  for (const Field &f : fields) {
    for (uint64_t v : values) {
      std::vector<uint8_t> b = full;
      put_le(b.data() + f.off, v, f.bytes);
      fix_header_crc(b);
      Exact e(b.data(), b.size());
      const size_t need = folio_workspace_size(e.p.get(), e.n);
      REQUIRE(need < (size_t(1) << 30));  // bounded by the engine's header limits
      Aligned ws(need ? need : 8);
      const folio_pack *p = nullptr;
      folio_reader *r = nullptr;
      const folio_status s = open_exact(e.p.get(), e.n, ws, &p, &r);
      INFO("field " << f.off << " = " << v << " → " << s);
      REQUIRE(status_known(s));
      if (s == FOLIO_OK) REQUIRE(walk_pack(p, r, out.data(), out.size() - 1).bad == 0);
    }
  }
}

// Found by folio_fuzz_open under UBSan (2026-12-04): an index whose Frame rows (a uint64 each) start 4
// bytes off an 8-byte boundary. The FlatBuffers verifier checks a vector's length prefix for 4-byte
// alignment only, so this pack opened and its first fetch read a uint64 misaligned (undefined behaviour,
// a fault on strict-alignment CPUs). folio_open now refuses it.
TEST_CASE("a vector of 8-byte rows placed 4 bytes off is refused at open", "[pack][faults]") {
  std::ifstream f(FOLIO_SOURCE_DIR "/tests/fuzz/corpus/open/misaligned-frame-rows", std::ios::binary);
  REQUIRE(f);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 128);
  Aligned a(bytes);
  const size_t need = folio_workspace_size(a.data(), a.size());
  REQUIRE(need > 0);  // the header is sound: the fault is inside the index
  Aligned ws(need);
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  CHECK(folio_open(a.data(), a.size(), ws.data(), ws.size(), 0, &p, &r) == FOLIO_E_CORRUPT);
  CHECK(p == nullptr);
}

TEST_CASE("every workspace length from 0 up, and every misalignment", "[pack][faults]") {
  for (int which = 0; which < 2; which++) {
    Aligned a(which ? with_dict() : plain());
    const size_t need = folio_workspace_size(a.data(), a.size());
    REQUIRE(need > 0);
    Aligned ws(need + 16);
    const folio_pack *p = nullptr;
    folio_reader *r = nullptr;
    for (size_t len = 0; len < need; len++) {
      REQUIRE(folio_open(a.data(), a.size(), ws.data(), len, 0, &p, &r) == FOLIO_E_WORKSPACE);
      REQUIRE(p == nullptr);
    }
    for (size_t mis = 1; mis < 8; mis++)
      REQUIRE(folio_open(a.data(), a.size(), ws.data() + mis, need, 0, &p, &r) == FOLIO_E_WORKSPACE);
    REQUIRE(folio_open(a.data(), a.size(), ws.data(), need, 0, &p, &r) == FOLIO_OK);
    // Extra readers: every length below the reader size fails, the exact size works.
    const size_t rs = folio_reader_size(p);
    Aligned rm(rs + 8);
    folio_reader *r2 = nullptr;
    for (size_t len = 0; len < rs; len += (len < 4096 ? 1 : 509))
      REQUIRE(folio_reader_init(p, rm.data(), len, &r2) == FOLIO_E_WORKSPACE);
    REQUIRE(folio_reader_init(p, rm.data(), rs, &r2) == FOLIO_OK);
    size_t n = 0;
    REQUIRE(folio_render(r2, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, nullptr, 0, &n) == FOLIO_E_DST_TOO_SMALL);
    // A workspace holding garbage from a previous use is fine: open ignores its contents.
    std::memset(ws.data(), 0xA5, need);
    REQUIRE(folio_open(a.data(), a.size(), ws.data(), need, 0, &p, &r) == FOLIO_OK);
  }
}

TEST_CASE("every dst_cap for every section and section text", "[render][faults]") {
  Opened o(plain());
  REQUIRE(o.status == FOLIO_OK);
  folio_info info;
  folio_pack_info(o.pack, &info);
  for (uint32_t s = 0; s < info.section_count; s++) {
    folio_section sec;
    REQUIRE(folio_section_get(o.pack, s, &sec) == FOLIO_OK);
    for (int mode = 0; mode < 3; mode++) {
      auto call = [&](char *d, size_t cap, size_t *n) {
        if (mode == 2) return folio_section_text(o.reader, s, d, cap, n);
        return folio_render(o.reader, sec.article, s, static_cast<folio_format>(mode), 0, d, cap, n);
      };
      size_t need = 0;
      const folio_status q = call(nullptr, 0, &need);
      REQUIRE((q == FOLIO_E_DST_TOO_SMALL || (q == FOLIO_OK && need == 0)));
      for (size_t cap = 0; cap <= need; cap++) {
        std::unique_ptr<char[]> buf(new char[cap ? cap : 1]);  // exact: ASan catches one byte over
        size_t n = 0;
        const folio_status st = call(cap ? buf.get() : nullptr, cap, &n);
        REQUIRE(n == need);
        REQUIRE(st == (cap < need ? FOLIO_E_DST_TOO_SMALL : FOLIO_OK));
      }
    }
  }
}

#ifdef FOLIO_CONTENT_PACK
TEST_CASE("sampled corruption of the bundled content pack", "[pack][faults]") {
  std::ifstream f(FOLIO_CONTENT_PACK, std::ios::binary);
  INFO("content pack not built (" FOLIO_CONTENT_PACK "): build target folio_content_pack");
  REQUIRE(f.good());  // folio_tests depends on folio_content_pack, so a missing pack is a failure
  const std::vector<uint8_t> full((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  Aligned a(full);
  const size_t need = folio_workspace_size(a.data(), a.size());
  REQUIRE(need > 0);
  Aligned ws(need);
  std::vector<char> out(1 << 18);
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  REQUIRE(folio_open(a.data(), a.size(), ws.data(), ws.size(), FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r) == FOLIO_OK);
  REQUIRE(walk_pack(p, r, out.data(), out.size() - 1).bad == 0);
  REQUIRE(folio_verify(r, nullptr) == FOLIO_OK);
  // Truncations at a stride, and every one inside the header.
  for (size_t len = 0; len < full.size(); len += (len < 256 ? 1 : 997)) {
    Exact e(full.data(), len);
    REQUIRE((open_exact(e.p.get(), len, ws, &p, &r) == FOLIO_E_TRUNCATED ||
             open_exact(e.p.get(), len, ws, &p, &r) == FOLIO_E_FORMAT));
  }
  // One-byte flips at a prime stride over the whole file (index and frames).
  for (size_t off = 0; off < full.size(); off += 509) {
    Exact e(full.data(), full.size());
    e.p[off] ^= 0xFF;
    const folio_status s = open_exact(e.p.get(), e.n, ws, &p, &r);
    INFO("offset " << off << " status " << s);
    REQUIRE(status_known(s));
    if (s == FOLIO_OK) REQUIRE(walk_pack(p, r, out.data(), out.size() - 1).bad == 0);
  }
}
#endif
