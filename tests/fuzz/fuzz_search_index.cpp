// fuzz_search_index: queries over a *damaged* search index. The pack is the bundled content pack
// (FOLIO_CONTENT_PACK, or $FOLIO_SEARCH_FUZZ_PACK); the input damages the bytes of its SearchIndex blobs
// (dictionary, dictionary blocks and surfaces, postings, synonyms, heading order, snippet source) and
// picks the queries. Input: byte 0 = query mask (bit i: query i of kQueries), then 5-byte edits:
// u8 blob, u24 offset (taken modulo the blob's size), u8 value written there. The engine must return a
// known status with a result inside the caller's buffers, and never read outside the pack (ASan).
#include <folio/folio.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "fuzz/search_index_blobs.h"
#include "search_pack_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

struct Original {
  folio::index::PackFile pf;
  std::vector<folio_test::SearchBlob> blobs;
};

Original &original() {
  static Original *o = [] {
    auto *p = new Original();
    const char *path = std::getenv("FOLIO_SEARCH_FUZZ_PACK");
#ifdef FOLIO_CONTENT_PACK
    if (!path) path = FOLIO_CONTENT_PACK;
#endif
    if (!path || p->pf.open(path) != FOLIO_OK || !folio_search_available(p->pf.pack)) std::abort();
    p->blobs = folio_test::search_index_blobs(reinterpret_cast<const uint8_t *>(p->pf.bytes.data()));
    if (p->blobs.empty()) std::abort();
    return p;
  }();
  return *o;
}

const char *const kQueries[] = {"stem cells knee", "\"bone marrow\" -fat", "menis*", "osteoarthritus", "OA",
                                "what should I avoid after the injection", "dteroid shot", "kneecap pain"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  Original &o = original();
  const size_t n = o.pf.size;
  std::vector<uint64_t> pack(o.pf.bytes);  // 8-byte aligned copy
  uint8_t *p = reinterpret_cast<uint8_t *>(pack.data());
  for (size_t i = 1; i + 5 <= size && i < 1 + 5 * 64; i += 5) {
    const auto &b = o.blobs[data[i] % o.blobs.size()];
    const size_t at = (static_cast<size_t>(data[i + 1]) | static_cast<size_t>(data[i + 2]) << 8 |
                       static_cast<size_t>(data[i + 3]) << 16) % b.len;
    p[b.off + at] = data[i + 4];
  }
  std::vector<uint64_t> ws((folio_workspace_size(p, n) + 7) / 8);
  const folio_pack *pk = nullptr;
  folio_reader *rd = nullptr;
  if (folio_open(p, n, ws.data(), ws.size() * 8, 0, &pk, &rd) != FOLIO_OK) return 0;
  folio_search_hit hits[10];
  char text[1024];
  for (size_t q = 0; q < sizeof kQueries / sizeof kQueries[0]; ++q) {
    if (!(data[0] >> q & 1u)) continue;
    folio_search_result res;
    const folio_status s = folio_search(rd, kQueries[q], std::strlen(kQueries[q]), 0, hits, 10, text, sizeof text, &res);
    if (s > 0 || s < FOLIO_E_LIMIT) __builtin_trap();
    if (s != FOLIO_OK) continue;
    if (res.hit_count > 10 || res.text_len > sizeof text) __builtin_trap();
    for (uint32_t i = 0; i < res.hit_count; ++i) {
      folio_section sec;
      if (folio_section_get(pk, hits[i].section, &sec) != FOLIO_OK) __builtin_trap();
      if (hits[i].snippet_len && static_cast<uint64_t>(hits[i].snippet_off) + hits[i].snippet_len > res.text_len)
        __builtin_trap();
    }
  }
  return 0;
}
