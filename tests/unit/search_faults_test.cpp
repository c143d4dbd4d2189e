// search_faults_test.cpp: a damaged search index never makes the query path read out of bounds or crash
// (STYLE.md convention 16): bytes of the dictionary, postings, synonym, phrase postings, heading and BM25F blobs
// of the content pack and its snippet source are flipped one at a time (every byte of the blobs up to 1 KiB, a stride through larger ones), the
// pack is opened without the checksum check, and a set of queries must each return a known status with a
// sane result. Run under ASan/UBSan (-DFOLIO_SANITIZE=ON) this is the bounds proof for every offset the
// reader follows. The dictionary is also walked and looked up term by term (fts::dict_check). [search]
#include <catch2/catch.hpp>

#include <folio/folio.h>
#include <folio/schema/folio_generated.h>

#include "fuzz/search_index_blobs.h"
#include "search/search.h"

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::vector<uint64_t> load(const char *path, size_t *size) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  REQUIRE(f);
  *size = static_cast<size_t>(f.tellg());
  std::vector<uint64_t> b((*size + 7) / 8);
  f.seekg(0);
  f.read(reinterpret_cast<char *>(b.data()), static_cast<std::streamsize>(*size));
  return b;
}

}  // namespace

TEST_CASE("search: flipped bytes in the search index never crash a query", "[search]") {
  size_t size = 0;
  const std::vector<uint64_t> orig = load(FOLIO_CONTENT_PACK, &size);
  const uint8_t *base = reinterpret_cast<const uint8_t *>(orig.data());
  REQUIRE(folio::fb::GetIndex(base + 128)->search());
  const std::vector<folio_test::SearchBlob> blobs = folio_test::search_index_blobs(base);
  REQUIRE(blobs.size() == 15);  // dict, blocks, surfaces, postings, 2 synonym, headings, 2 snippet, 3 BM25F, 2 phrase,
                               // lexicon
  const char *queries[] = {"stem cells knee", "\"bone marrow\" -fat", "menis*", "osteoarthritus", "OA",
                           "what should I avoid after the injection", "topic:evidence cartilage", "kneecap pain",
                           "cortisone shot versus stem cells", "can I play golf afterwards", "clinical trail"};
  std::vector<uint64_t> pack(orig.size());
  std::vector<uint64_t> ws;
  folio_search_hit hits[10];
  char text[2048];
  int runs = 0, corrupt = 0, corrupt_typed = 0;
  for (const folio_test::SearchBlob &b : blobs) {
    const size_t stride = b.len > 1024 ? b.len / 64 : 1;  // the small tables byte by byte
    for (size_t at = 0; at < b.len; at += stride) {
      std::memcpy(pack.data(), orig.data(), orig.size() * 8);
      uint8_t *p = reinterpret_cast<uint8_t *>(pack.data());
      p[b.off + at] ^= static_cast<uint8_t>(0x5A + at);
      const size_t wsz = folio_workspace_size(p, size);
      REQUIRE(wsz > 0);
      ws.assign((wsz + 7) / 8, 0);
      const folio_pack *pk = nullptr;
      folio_reader *rd = nullptr;
      if (folio_open(p, size, ws.data(), ws.size() * 8, 0, &pk, &rd) != FOLIO_OK) continue;
      // suggestions through the search's correction (a typo nothing starts with) on the damaged index:
      // a known status, entries of real articles, a corrected text within the buffer
      for (const char *q : {"injecton", "stem cel kne", "cartlage"}) {
        folio_entry e[8];
        uint32_t n = 0;
        size_t fl = 0;
        const folio_status s = folio_suggest_typed(rd, q, std::strlen(q), e, 8, &n, text, sizeof text, &fl);
        ++runs;
        REQUIRE(s <= 0);
        REQUIRE(s >= FOLIO_E_LIMIT);
        if (s == FOLIO_E_CORRUPT) ++corrupt_typed;
        if (s != FOLIO_OK) continue;
        REQUIRE(n <= 8);
        REQUIRE(fl <= sizeof text);
        for (uint32_t i = 0; i < n; ++i) {
          folio_article a;
          REQUIRE(folio_article_get(pk, e[i].article, &a) == FOLIO_OK);
        }
      }
      for (const char *q : queries) {
        folio_search_result res;
        const folio_status s = folio_search(rd, q, std::strlen(q), 0, hits, 10, text, sizeof text, &res);
        ++runs;
        REQUIRE(s <= 0);
        REQUIRE(s >= FOLIO_E_LIMIT);
        if (s == FOLIO_E_CORRUPT) ++corrupt;
        if (s != FOLIO_OK) continue;
        REQUIRE(res.hit_count <= 10);
        REQUIRE(res.text_len <= sizeof text);
        for (uint32_t i = 0; i < res.hit_count; ++i) {
          folio_section sec;
          REQUIRE(folio_section_get(pk, hits[i].section, &sec) == FOLIO_OK);
          REQUIRE(hits[i].snippet_off + hits[i].snippet_len <= res.text_len);
        }
      }
    }
  }
  CHECK(runs > 1000);
  CHECK(corrupt > 0);  // some flips are detected as damage, not silently ignored
  CHECK(corrupt_typed > 0);  // by folio_suggest_typed's correction too
}

TEST_CASE("search: an index version the engine does not know is refused", "[search]") {
  size_t size = 0;
  const std::vector<uint64_t> orig = load(FOLIO_CONTENT_PACK, &size);
  const auto *si = folio::fb::GetIndex(reinterpret_cast<const uint8_t *>(orig.data()) + 128)->search();
  REQUIRE(si);
  // the version field (id 0) through the table's vtable: soffset at the table, field 0 at vtable + 4
  const uint8_t *table = reinterpret_cast<const uint8_t *>(si);
  int32_t soff;
  std::memcpy(&soff, table, 4);
  const uint8_t *vtable = table - soff;
  uint16_t vtsize, foff;
  std::memcpy(&vtsize, vtable, 2);
  REQUIRE(vtsize >= 6);
  std::memcpy(&foff, vtable + 4, 2);
  REQUIRE(foff != 0);
  const uint8_t *vp = table + foff;
  const size_t at = static_cast<size_t>(vp - reinterpret_cast<const uint8_t *>(orig.data()));
  const uint32_t known = si->version();
  CHECK(known == FOLIO_SEARCH_INDEX_VERSION);
  for (const uint32_t v : {known, known - 1, known + 1, 0u}) {
    std::vector<uint64_t> pack = orig;
    uint8_t *p = reinterpret_cast<uint8_t *>(pack.data());
    std::memcpy(p + at, &v, 4);  // little-endian host (flatbuffers)
    std::vector<uint64_t> ws((folio_workspace_size(p, size) + 7) / 8, 0);
    const folio_pack *pk = nullptr;
    folio_reader *rd = nullptr;
    REQUIRE(folio_open(p, size, ws.data(), ws.size() * 8, 0, &pk, &rd) == FOLIO_OK);
    folio_search_hit hits[4];
    folio_search_result res;
    const folio_status s = folio_search(rd, "knee", 4, 0, hits, 4, nullptr, 0, &res);
    CHECK(folio_search_index_version(pk) == v);
    if (v == known) {
      CHECK(folio_search_available(pk) != 0);
      CHECK(s == FOLIO_OK);
    } else {
      CHECK(folio_search_available(pk) == 0);
      // no index this engine can read, never a misread; another version says "rebuild the pack"
      CHECK(s == (v == 0 ? FOLIO_E_NOT_FOUND : FOLIO_E_VERSION));
    }
  }
}

// The term dictionary of a loaded pack, as the blobs fts::dict_check and fts::typo_correctable read.
static folio::fts::DictBlobs dict_blobs_of_pack(const std::vector<uint64_t> &pack) {
  const auto *si = folio::fb::GetIndex(reinterpret_cast<const uint8_t *>(pack.data()) + 128)->search();
  REQUIRE(si);
  REQUIRE(si->version() == folio::fts::kIndexVersion);
  folio::fts::DictBlobs d;
  d.dict = si->dict()->data();
  d.dict_len = si->dict()->size();
  d.blocks = si->dict_blocks()->data();
  d.blocks_len = si->dict_blocks()->size();
  d.surfaces = si->dict_surfaces() ? si->dict_surfaces()->data() : nullptr;
  d.surfaces_len = si->dict_surfaces() ? si->dict_surfaces()->size() : 0;
  d.postings_len = si->postings()->size();
  d.nterms = si->term_count();
  d.block = si->dict_block();
  return d;
}

TEST_CASE("search: the lexicon filter's walk stopped at the first candidate answers as the whole walk does", "[search]") {
  // typo_correctable stops at the first candidate (the build tool asks only whether a word has one);
  // over every 8th word of the bundled lexicon, its answer must be the whole walk's, and both answers
  // must occur
  size_t size = 0;
  const std::vector<uint64_t> orig = load(FOLIO_CONTENT_PACK, &size);
  const folio::fts::DictBlobs d = dict_blobs_of_pack(orig);
  std::vector<uint64_t> scratch((folio::fts::typo_scratch_bytes() + 7) / 8);
  std::ifstream in(std::string(FOLIO_SOURCE_DIR) + "/content/lexicon.txt");
  REQUIRE(in);
  std::string w;
  uint32_t n = 0, yes = 0, differ = 0, line = 0;
  while (std::getline(in, w)) {
    if (w.empty() || w[0] == '#' || line++ % 8 != 0) continue;
    bool fast = false, whole = false;
    REQUIRE(folio::fts::typo_correctable(d, w.data(), w.size(), scratch.data(), scratch.size() * 8, &fast) == FOLIO_OK);
    REQUIRE(folio::fts::typo_correctable(d, w.data(), w.size(), scratch.data(), scratch.size() * 8, &whole, false) ==
            FOLIO_OK);
    if (fast != whole) {
      ++differ;
      UNSCOPED_INFO("differs: " << w << " (first candidate " << fast << ", whole walk " << whole << ")");
    }
    ++n;
    yes += whole;
  }
  CHECK(n > 9000);
  CHECK(yes > 1000);
  CHECK(yes < n);
  CHECK(differ == 0);
}

TEST_CASE("search: every term of the content pack's dictionary is found again", "[search]") {
  size_t size = 0;
  const std::vector<uint64_t> orig = load(FOLIO_CONTENT_PACK, &size);
  const auto *si = folio::fb::GetIndex(reinterpret_cast<const uint8_t *>(orig.data()) + 128)->search();
  const folio::fts::DictBlobs d = dict_blobs_of_pack(orig);
  struct Walk {
    std::string prev;
    uint64_t next_off = 0;
    bool ordered = true, contiguous = true;
    uint32_t same_surface = 0;
  } w;
  const int64_t n = folio::fts::dict_check(
      d,
      [](void *ctx, const folio::fts::DictTerm &t) {
        Walk *w = static_cast<Walk *>(ctx);
        const std::string term(t.term, t.len);
        w->ordered &= w->prev < term;
        w->contiguous &= t.post_off == w->next_off;
        w->next_off = t.post_off + t.post_len;
        w->same_surface += std::string(t.surface, t.surface_len) == term;
        w->prev = term;
      },
      &w);
  CHECK(n == si->term_count());
  CHECK(n > 1000);
  CHECK(w.ordered);
  CHECK(w.contiguous);
  CHECK(w.next_off == si->postings()->size());  // the records cover the postings blob exactly
  CHECK(w.same_surface > n / 3);
}
