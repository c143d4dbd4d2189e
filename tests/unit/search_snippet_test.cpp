// search_snippet_test.cpp: the snippet source (search_format.h: one small zstd frame per section in the
// search index). Snippets taken from it must be byte-identical to snippets taken from the rendered
// section (packs built with --no-snippet-store), including a section longer than the 4 KiB snippet
// source with a multi-byte character across the cut; a damaged frame or offset gives FOLIO_E_CORRUPT for
// a query that needs it, never garbage or an out-of-bounds read. [search]
#include <catch2/catch.hpp>

#include <folio/folio.h>
#include <folio/schema/folio_generated.h>

#include <cstring>
#include <string>
#include <vector>

#include "../../tools/index/search_pack_file.h"
#include "search/search.h"
#include "search/search_format.h"
#include "unit/builder_test_util.h"

namespace {

// A corpus whose "long" article has a section of about 6 KB: the word "marker" occurs only past the
// 4 KiB cut, "needle" just before it, and "é" (2 bytes) characters straddle the cut.
std::string corpus_jsonl() {
  std::string filler;
  while (filler.size() < 4000) filler += "Cartilage wears with age and the joint grows stiff. ";
  std::string around;
  for (int i = 0; i < 80; ++i) around += "\xC3\xA9";  // "é" repeated: one of them crosses byte 4096
  const std::string long_body = filler + "A needle sits here. " + around + " Then a marker word and more text. " + filler;
  std::string j;
  j += R"({"slug":"knee","title":"Knee pain","body":"Knee pain is common.\n\n## Causes\n\nWear of the cartilage and torn menisci cause knee pain.\n\n## Treatment\n\nSteroid injections calm inflammation; bone marrow is taken from the hip."})";
  j += "\n";
  j += R"({"slug":"cells","title":"Stem cells","body":"Stem cells from fat or bone marrow are injected into the knee. Ruíz studied them."})";
  j += "\n";
  j += R"({"slug":"long","title":"A long article","body":"Short lead about cartilage.\n\n## Long section\n\n)" + long_body +
       R"("})";
  j += "\n";
  j += R"({"slug":"empty","title":"Empty sections","body":"Lead text about injections.\n\n## Nothing here\n\n## Something\n\nA knee injection."})";
  j += "\n";
  return j;
}

struct Packs {
  folio_test::TempDir dir;
  folio::index::PackFile stored, rendered;
  Packs() {
    folio_test::write_file(dir / "c.jsonl", corpus_jsonl());
    REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "s.folio", "--quiet"}) == 0);
    REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "r.folio", "--quiet", "--no-snippet-store"}) == 0);
    REQUIRE(stored.open(dir / "s.folio") == FOLIO_OK);
    REQUIRE(rendered.open(dir / "r.folio") == FOLIO_OK);
  }
};

Packs &packs() {
  static Packs p;
  return p;
}

const folio::fb::SearchIndex *search_index(const folio::index::PackFile &pf) {
  const auto *idx = folio::fb::GetIndex(reinterpret_cast<const uint8_t *>(pf.bytes.data()) + 128);
  return idx ? idx->search() : nullptr;
}

struct Out {
  folio_status st;
  folio_search_result res;
  folio_search_hit hits[10];
  char text[8192];
};

void search(folio_reader *r, const char *q, Out *o, uint32_t flags = 0) {
  o->st = folio_search(r, q, std::strlen(q), flags, o->hits, 10, o->text, sizeof o->text, &o->res);
}

}  // namespace

TEST_CASE("search: the snippet source cuts at a character boundary", "[search]") {
  using folio::fts::kSnippetSource;
  using folio::fts::snippet_source_len;
  std::string t(kSnippetSource + 10, 'a');
  CHECK(snippet_source_len(t.data(), 10) == 10);
  CHECK(snippet_source_len(t.data(), t.size()) == kSnippetSource);
  t[kSnippetSource - 1] = '\xC3';  // a 2-byte character across the cut: left out
  t[kSnippetSource] = '\xA9';
  CHECK(snippet_source_len(t.data(), t.size()) == kSnippetSource - 1);
  std::string u(kSnippetSource - 3, 'a');
  u += "\xE2\x80\xA6tail";  // a 3-byte character ending exactly at the cut: kept
  CHECK(snippet_source_len(u.data(), u.size()) == kSnippetSource);
  std::string v(kSnippetSource - 1, 'a');
  v += "\xE2\x80\xA6";  // starts at the last byte of the cut: left out
  CHECK(snippet_source_len(v.data(), v.size()) == kSnippetSource - 1);
  std::string w(kSnippetSource - 2, 'a');
  w += "\xF0\x9F\x98\x80";  // a 4-byte character across the cut
  CHECK(snippet_source_len(w.data(), w.size()) == kSnippetSource - 2);
  CHECK(folio::fts::utf8_boundary_prefix("\xE2\x80", 2) == 0);
  CHECK(folio::fts::utf8_boundary_prefix("ab\xC3\xA9", 4) == 4);
}

TEST_CASE("search: snippets from the snippet source equal snippets from rendered sections", "[search]") {
  Packs &p = packs();
  const auto *ss = search_index(p.stored);
  const auto *sr = search_index(p.rendered);
  REQUIRE(ss);
  REQUIRE(sr);
  REQUIRE(ss->snip_frames());
  REQUIRE(ss->snip_offsets());
  CHECK(ss->snip_offsets()->size() == ss->section_count() + 1);
  CHECK(sr->snip_frames() == nullptr);
  CHECK(sr->snip_offsets() == nullptr);
  CHECK(p.stored.size > p.rendered.size);
  // no frame for sections without text or of one-section articles ("cells"); a frame for the others
  uint32_t empty = 0;
  for (uint32_t s = 0; s < ss->section_count(); ++s) empty += ss->snip_offsets()->Get(s) == ss->snip_offsets()->Get(s + 1);
  folio_article cells{};
  for (uint32_t a = 0; folio_article_get(p.stored.pack, a, &cells) == FOLIO_OK; ++a)
    if (std::string(cells.slug.ptr, cells.slug.len) == "cells") break;
  REQUIRE(std::string(cells.slug.ptr, cells.slug.len) == "cells");
  REQUIRE(cells.section_count == 1);
  CHECK(ss->snip_offsets()->Get(cells.section_first) == ss->snip_offsets()->Get(cells.section_first + 1));
  CHECK(empty == 2);  // "cells" and the empty "Nothing here" section

  const char *queries[] = {"cartilage",       "needle",         "marker",  "knee pain", "\"bone marrow\"",
                           "stem cells",      "ruiz",           "inject*", "knee -steroid",
                           "cartilage stiff", "empty sections", "Ruíz"};
  static Out a, b;
  int with_hits = 0;
  for (const char *q : queries) {
    INFO(q);
    search(p.stored.reader, q, &a);
    search(p.rendered.reader, q, &b);
    REQUIRE(a.st == FOLIO_OK);
    REQUIRE(b.st == FOLIO_OK);
    REQUIRE(a.res.hit_count == b.res.hit_count);
    REQUIRE(a.res.text_len == b.res.text_len);
    CHECK(std::memcmp(a.text, b.text, a.res.text_len) == 0);
    for (uint32_t i = 0; i < a.res.hit_count; ++i) {
      CHECK(a.hits[i].section == b.hits[i].section);
      CHECK(a.hits[i].snippet_off == b.hits[i].snippet_off);
      CHECK(a.hits[i].snippet_len == b.hits[i].snippet_len);
      REQUIRE(a.hits[i].highlight_count == b.hits[i].highlight_count);
      for (uint32_t k = 0; k < a.hits[i].highlight_count; ++k) {
        CHECK(a.hits[i].highlights[k].off == b.hits[i].highlights[k].off);
        CHECK(a.hits[i].highlights[k].len == b.hits[i].highlights[k].len);
      }
    }
    with_hits += a.res.hit_count > 0;
  }
  CHECK(with_hits >= 10);

  // the 4 KiB cut: "needle" (before it) is highlighted in a snippet, "marker" (after it) is found by the
  // index but the snippet shows the start of the section, without a highlight
  search(p.stored.reader, "needle", &a);
  REQUIRE(a.res.hit_count == 1);
  REQUIRE(a.hits[0].highlight_count == 1);
  const std::string sn(a.text + a.hits[0].snippet_off, a.hits[0].snippet_len);
  CHECK(sn.find("needle") != std::string::npos);
  search(p.stored.reader, "marker", &a);
  REQUIRE(a.res.hit_count == 1);
  CHECK(a.hits[0].highlight_count == 0);
  CHECK(a.hits[0].snippet_len > 0);
}

TEST_CASE("search: a damaged snippet frame or offset is reported, not shown", "[search]") {
  Packs &p = packs();
  const auto *si = search_index(p.stored);
  REQUIRE(si);
  const uint8_t *base = reinterpret_cast<const uint8_t *>(p.stored.bytes.data());
  const size_t frames_at = static_cast<size_t>(si->snip_frames()->data() - base);
  const size_t offsets_at = static_cast<size_t>(reinterpret_cast<const uint8_t *>(si->snip_offsets()->data()) - base);
  const uint32_t nsec = si->section_count();

  // the section the query "needle" finds, and its frame
  static Out o;
  search(p.stored.reader, "needle", &o);
  REQUIRE(o.res.hit_count == 1);
  const uint32_t sec = o.hits[0].section;
  const uint32_t f0 = si->snip_offsets()->Get(sec), f1 = si->snip_offsets()->Get(sec + 1);
  REQUIRE(f1 > f0 + 16);

  auto with_change = [&](size_t at, const void *value, size_t n, folio_status want_snippets) {
    std::vector<uint64_t> bytes = p.stored.bytes;
    std::memcpy(reinterpret_cast<uint8_t *>(bytes.data()) + at, value, n);
    std::vector<uint64_t> ws((folio_workspace_size(bytes.data(), p.stored.size) + 7) / 8);
    const folio_pack *pk = nullptr;
    folio_reader *rd = nullptr;
    REQUIRE(folio_open(bytes.data(), p.stored.size, ws.data(), ws.size() * 8, 0, &pk, &rd) == FOLIO_OK);
    search(rd, "needle", &o);
    CHECK(o.st == want_snippets);
    search(rd, "needle", &o, FOLIO_SEARCH_NO_SNIPPETS);  // ranking does not read the snippet source
    CHECK(o.st == FOLIO_OK);
    CHECK(o.res.hit_count == 1);
  };
  // a flipped byte inside the frame (past its header): zstd's checksum or decoder catches it
  const size_t mid = frames_at + (f0 + f1) / 2;
  const uint8_t flipped = static_cast<uint8_t>(base[mid] ^ 0x41);
  with_change(mid, &flipped, 1, FOLIO_E_CORRUPT);
  // the frame's end offset past the end of the frames (little-endian u32)
  const uint8_t past[4] = {0xFF, 0xFF, 0xFF, 0x7F};
  with_change(offsets_at + 4 * (sec + 1), past, 4, FOLIO_E_CORRUPT);
  // an end offset before the start offset
  const uint8_t zero[4] = {0, 0, 0, 0};
  with_change(offsets_at + 4 * (sec + 1), zero, 4, FOLIO_E_CORRUPT);
  // an undamaged copy still works (the changes above were the cause)
  with_change(mid, &base[mid], 1, FOLIO_OK);
  CHECK(sec < nsec);
}

TEST_CASE("search: no snippet source when every article has one section", "[search]") {
  folio_test::TempDir dir;
  folio_test::write_file(dir / "one.jsonl",
                         R"({"slug":"a","title":"Alpha","body":"Alpha words about the knee."})"
                         "\n"
                         R"({"slug":"b","title":"Beta","body":"Beta words about cartilage and the knee."})"
                         "\n");
  REQUIRE(folio_test::run_build({dir / "one.jsonl", "-o", dir / "one.folio", "--quiet"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "one.folio") == FOLIO_OK);
  const auto *si = search_index(pf);
  REQUIRE(si);
  CHECK(si->snip_frames() == nullptr);
  CHECK(si->snip_offsets() == nullptr);
  static Out o;
  search(pf.reader, "knee", &o);
  REQUIRE(o.st == FOLIO_OK);
  REQUIRE(o.res.hit_count == 2);
  CHECK(std::string(o.text + o.hits[0].snippet_off, o.hits[0].snippet_len).find("knee") != std::string::npos);
}

TEST_CASE("search: the 8-byte word scan agrees with the byte classes", "[search]") {
  // every byte value at every one of the 8 places, among word bytes of both kinds and other bytes
  const unsigned char fill[] = {'a', 'Z', '5', 0xC3, ' ', '-'};
  for (unsigned char f : fill)
    for (int pos = 0; pos < 8; ++pos)
      for (int v = 0; v < 256; ++v) {
        unsigned char b[8];
        for (int k = 0; k < 8; ++k) b[k] = f;
        b[pos] = static_cast<unsigned char>(v);
        uint32_t want = 0;
        unsigned char want_high = 0;
        while (want < 8 && folio::fts::snippet_word_byte(b[want])) want_high |= b[want++] & 0x80;
        unsigned char high = 0;
        const uint32_t got = folio::fts::word_run8(b, &high);
        INFO("fill " << int(f) << " pos " << pos << " byte " << v);
        REQUIRE(got == want);
        REQUIRE(high == want_high);
      }
}


TEST_CASE("search: the 64-byte word and non-ASCII masks agree with the byte classes", "[search]") {
  // every byte value at every place of a whole block, among word bytes of both kinds and other bytes,
  // then partial blocks of every length (the bytes past the end count as neither)
  const unsigned char fill[] = {'a', 'Z', '5', 0xC3, ' ', '-', 0x00, 0x7F};
  unsigned char b[128];
  uint32_t checked = 0;
  auto check = [&](size_t off, size_t tl) {
    uint64_t w = 0, h = 0;
    folio::fts::snippet_block_masks(b, off, tl, &w, &h);
    uint64_t ew = 0, eh = 0;
    for (uint32_t j = 0; j < 64 && off + j < tl; ++j) {
      ew |= static_cast<uint64_t>(folio::fts::snippet_word_byte(b[off + j])) << j;
      eh |= static_cast<uint64_t>(b[off + j] >= 0x80) << j;
    }
    if (w != ew || h != eh) {
      INFO("off " << off << " tl " << tl);
      CHECK(w == ew);
      REQUIRE(h == eh);
    }
    ++checked;
  };
  for (unsigned char f : fill)
    for (int pos = 0; pos < 64; ++pos)
      for (int v = 0; v < 256; ++v) {
        for (unsigned char &c : b) c = f;
        b[pos] = static_cast<unsigned char>(v);
        check(0, 128);
        if (v % 37 == 0) check(0, static_cast<size_t>(pos) + 1);
      }
  uint32_t x = 12345;
  for (unsigned char &c : b) c = static_cast<unsigned char>((x = x * 1103515245u + 12345u) >> 16);
  for (size_t tl = 0; tl <= 128; ++tl) check(tl < 64 ? 0 : 64, tl);
  CHECK(checked == 8u * 64u * 256u + 8u * 64u * 7u + 129u);
}
