// [pack] folio_open and the header/index checks: every open status, the workspace formula, checksums,
// per-row FOLIO_E_CORRUPT, and the deep verify. Packs come from tests/support/pack_fixture.h.
#include <catch2/catch.hpp>

#include <folio/folio.h>

#include "common/common.h"
#include "support/pack_fixture.h"

using namespace folio::fixture;

TEST_CASE("fixture pack opens and reports its metadata", "[pack]") {
  Opened o(fixture_pack());
  REQUIRE(o.status == FOLIO_OK);
  REQUIRE(o.pack != nullptr);
  REQUIRE(o.reader != nullptr);
  REQUIRE(folio_reader_pack(o.reader) == o.pack);
  folio_info info;
  REQUIRE(folio_pack_info(o.pack, &info) == FOLIO_OK);
  CHECK(std::string(info.title.ptr, info.title.len) == "Fixture pack");
  CHECK(info.article_count == 3);
  CHECK(info.section_count == 8);
  CHECK(info.glossary_count == 2);
  CHECK(info.reference_count == 2);
  CHECK(info.topic_count == 2);
  CHECK(info.format_major == FOLIO_FORMAT_MAJOR);
  CHECK(info.pack_bytes == o.bytes.size());
  CHECK(info.workspace_bytes == folio_workspace_size(o.bytes.data(), o.bytes.size()));
  CHECK(info.dictionary_bytes == 0);
  CHECK(info.build_time.len == 0);
  uint32_t bad = 0;
  CHECK(folio_verify(o.reader, &bad) == FOLIO_OK);
  CHECK(bad == FOLIO_NONE);
}

TEST_CASE("pack with a shared zstd dictionary opens, verifies and renders", "[pack]") {
  Opened o(fixture_pack(true), FOLIO_OPEN_VERIFY_CHECKSUM);
  REQUIRE(o.status == FOLIO_OK);
  folio_info info;
  REQUIRE(folio_pack_info(o.pack, &info) == FOLIO_OK);
  CHECK(info.dictionary_bytes > 0);
  CHECK(folio_verify(o.reader, nullptr) == FOLIO_OK);
  size_t n = 0;
  CHECK(folio_render(o.reader, A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) ==
        FOLIO_E_DST_TOO_SMALL);
  CHECK(n > 100);
}

TEST_CASE("workspace size follows the FORMAT.md formula", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  Aligned a(p);
  const size_t ws = folio_workspace_size(a.data(), a.size());
  REQUIRE(ws > 0);
  const size_t max_doc = get_le(p.data() + 60, 4);
  CHECK(ws >= max_doc + 90000);  // a zstd DCtx plus the document buffer
  CHECK(folio_workspace_size(nullptr, 0) == 0);
  CHECK(folio_workspace_size(a.data(), 127) == 0);
  // Only the header is read: 128 bytes are enough.
  CHECK(folio_workspace_size(a.data(), 128) == ws);
  CHECK(ws <= FOLIO_WORKSPACE_BOUND(max_doc, 0));
  Opened o(p);
  REQUIRE(o.status == FOLIO_OK);
  CHECK(folio_reader_size(o.pack) > max_doc);
  std::vector<uint8_t> d = fixture_pack(true);
  Aligned ad(d);
  CHECK(folio_workspace_size(ad.data(), ad.size()) <= FOLIO_WORKSPACE_BOUND(get_le(d.data() + 60, 4), 0));
  CHECK(folio_reader_size(nullptr) == 0);
}

TEST_CASE("open statuses: FOLIO_E_ARG", "[pack][api]") {
  std::vector<uint8_t> p = fixture_pack();
  Aligned a(p);
  Aligned ws(folio_workspace_size(a.data(), a.size()));
  const folio_pack *pk = reinterpret_cast<const folio_pack *>(1);
  folio_reader *r = reinterpret_cast<folio_reader *>(1);
  CHECK(folio_open(nullptr, a.size(), ws.data(), ws.size(), 0, &pk, &r) == FOLIO_E_ARG);
  CHECK(pk == nullptr);
  CHECK(r == nullptr);
  CHECK(folio_open(a.data(), a.size(), ws.data(), ws.size(), 0, nullptr, &r) == FOLIO_E_ARG);
  CHECK(folio_open(a.data(), a.size(), ws.data(), ws.size(), 0x80, &pk, &r) == FOLIO_E_ARG);
  // A misaligned pack pointer: FlatBuffers reads scalars in place.
  Aligned mis(a.size() + 1);
  std::memcpy(mis.data() + 1, a.data(), a.size());
  CHECK(folio_open(mis.data() + 1, a.size(), ws.data(), ws.size(), 0, &pk, &r) == FOLIO_E_ARG);
  // out_reader may be NULL.
  CHECK(folio_open(a.data(), a.size(), ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_OK);
}

TEST_CASE("open statuses: FOLIO_E_FORMAT", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  SECTION("wrong magic") {
    p[1] = 'X';
    CHECK(Opened(p).status == FOLIO_E_FORMAT);
  }
  SECTION("not a pack at all") {
    std::vector<uint8_t> junk(4096, 'A');
    CHECK(Opened(junk).status == FOLIO_E_FORMAT);
    CHECK(Opened(std::vector<uint8_t>{}).status == FOLIO_E_FORMAT);
  }
  SECTION("index file identifier is not FOLI") {
    std::memcpy(p.data() + 128 + 4, "XXXX", 4);
    CHECK(Opened(p).status == FOLIO_E_FORMAT);
  }
}

TEST_CASE("open statuses: FOLIO_E_VERSION", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  SECTION("newer major, header CRC recomputed") {
    put_le(p.data() + 8, FOLIO_FORMAT_MAJOR + 1, 2);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_VERSION);
    Aligned a(p);
    CHECK(folio_workspace_size(a.data(), a.size()) == 0);
  }
  SECTION("newer major, header CRC not recomputed (a future header layout)") {
    put_le(p.data() + 8, 0xFFFF, 2);
    CHECK(Opened(p).status == FOLIO_E_VERSION);
  }
  SECTION("older major 0") {
    put_le(p.data() + 8, 0, 2);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_VERSION);
  }
  SECTION("a newer minor version opens") {
    put_le(p.data() + 10, FOLIO_FORMAT_MINOR + 7, 2);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_OK);
  }
}

TEST_CASE("open statuses: FOLIO_E_TRUNCATED", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  Aligned a(p);
  Aligned ws(folio_workspace_size(a.data(), a.size()));
  const folio_pack *pk;
  CHECK(folio_open(a.data(), a.size() - 1, ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_E_TRUNCATED);
  CHECK(folio_open(a.data(), 200, ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_E_TRUNCATED);
  CHECK(folio_open(a.data(), 100, ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_E_TRUNCATED);
  CHECK(folio_open(a.data(), 3, ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_E_TRUNCATED);
  // A longer buffer is fine (flash partitions, padded downloads).
  Aligned longer(a.size() + 64);
  std::memcpy(longer.data(), a.data(), a.size());
  CHECK(folio_open(longer.data(), longer.size(), ws.data(), ws.size(), 0, &pk, nullptr) == FOLIO_OK);
}

TEST_CASE("open statuses: FOLIO_E_CORRUPT from the header", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  SECTION("header CRC mismatch") {
    p[100] ^= 1;  // reserved byte, covered by the CRC
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("huge declared max_doc_bytes") {
    put_le(p.data() + 60, 0xFFFFFFFFu, 4);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("huge declared index size") {
    put_le(p.data() + 32, 0xFFFFFFFFFFFFFF00ull, 8);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("huge declared file size") {
    put_le(p.data() + 16, 0xFFFFFFFFFFFFFFFFull, 8);
    fix_header_crc(p);
    const folio_status s = Opened(p).status;
    CHECK((s == FOLIO_E_CORRUPT || s == FOLIO_E_TRUNCATED));
  }
  SECTION("frames offset overflowing") {
    put_le(p.data() + 40, 0xFFFFFFFFFFFFFFF8ull, 8);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("header_size not 128") {
    put_le(p.data() + 12, 64, 4);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("unknown header flag in a pack of a known minor version") {
    put_le(p.data() + 72, 4, 4);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
    // The same flag from a newer minor version is ignored.
    put_le(p.data() + 10, FOLIO_FORMAT_MINOR + 1, 2);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_OK);
  }
  SECTION("dictionary flag without a dictionary") {
    put_le(p.data() + 72, 1, 4);
    put_le(p.data() + 68, 64, 4);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
  SECTION("max_doc_bytes differs between header and index") {
    put_le(p.data() + 60, get_le(p.data() + 60, 4) + 8, 4);
    fix_header_crc(p);
    CHECK(Opened(p).status == FOLIO_E_CORRUPT);
  }
}

TEST_CASE("open statuses: FOLIO_E_CORRUPT from the index verifier", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  // The root offset pointing past the index.
  put_le(p.data() + 128, 0x7FFFFFF0u, 4);
  CHECK(Opened(p).status == FOLIO_E_CORRUPT);
}

TEST_CASE("open statuses: FOLIO_E_WORKSPACE", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  Aligned a(p);
  const size_t need = folio_workspace_size(a.data(), a.size());
  Aligned ws(need + 8);
  const folio_pack *pk;
  folio_reader *r;
  CHECK(folio_open(a.data(), a.size(), nullptr, need, 0, &pk, &r) == FOLIO_E_WORKSPACE);
  CHECK(folio_open(a.data(), a.size(), ws.data(), need - 1, 0, &pk, &r) == FOLIO_E_WORKSPACE);
  CHECK(folio_open(a.data(), a.size(), ws.data() + 4, need, 0, &pk, &r) == FOLIO_E_WORKSPACE);
  CHECK(folio_open(a.data(), a.size(), ws.data(), need, 0, &pk, &r) == FOLIO_OK);
  // Extra readers.
  const size_t rs = folio_reader_size(pk);
  Aligned rm(rs);
  folio_reader *r2 = nullptr;
  CHECK(folio_reader_init(pk, rm.data(), rs - 1, &r2) == FOLIO_E_WORKSPACE);
  CHECK(folio_reader_init(pk, rm.data() + 4, rs - 8, &r2) == FOLIO_E_WORKSPACE);
  CHECK(folio_reader_init(nullptr, rm.data(), rs, &r2) == FOLIO_E_ARG);
  CHECK(folio_reader_init(pk, rm.data(), rs, nullptr) == FOLIO_E_ARG);
  REQUIRE(folio_reader_init(pk, rm.data(), rs, &r2) == FOLIO_OK);
  CHECK(folio_reader_pack(r2) == pk);
  size_t n1 = 0, n2 = 0;
  CHECK(folio_render(r, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n1) == FOLIO_E_DST_TOO_SMALL);
  CHECK(folio_render(r2, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n2) == FOLIO_E_DST_TOO_SMALL);
  CHECK(n1 == n2);
}

TEST_CASE("FOLIO_E_CHECKSUM with FOLIO_OPEN_VERIFY_CHECKSUM and folio_verify", "[pack]") {
  std::vector<uint8_t> p = fixture_pack();
  const size_t frames_off = get_le(p.data() + 40, 8);
  p[frames_off + 5] ^= 0x40;  // inside the first frame
  CHECK(Opened(p).status == FOLIO_OK);  // open is O(1) in content: not checked without the flag
  CHECK(Opened(p, FOLIO_OPEN_VERIFY_CHECKSUM).status == FOLIO_E_CHECKSUM);
  Opened o(p);
  uint32_t bad = 0;
  CHECK(folio_verify(o.reader, &bad) == FOLIO_E_CHECKSUM);
  CHECK(bad == FOLIO_NONE);
  // The damaged article alone fails; the others still render.
  size_t n = 0;
  CHECK(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
  CHECK(folio_render(o.reader, 1, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_DST_TOO_SMALL);
}

TEST_CASE("row references out of their pools give FOLIO_E_CORRUPT, not reads", "[pack]") {
  SECTION("article title outside the string pool") {
    Model m = fixture_model();
    poke32(m.articles[1], ART_TITLE + STR_OFF, 0x7FFFFFFF);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    folio_article a;
    CHECK(folio_article_get(o.pack, 1, &a) == FOLIO_E_CORRUPT);
    CHECK(folio_article_get(o.pack, 0, &a) == FOLIO_OK);
    uint32_t bad = 0;
    CHECK(folio_verify(o.reader, &bad) == FOLIO_E_CORRUPT);
    CHECK(bad == 1);
  }
  SECTION("string length overflowing the pool") {
    Model m = fixture_model();
    poke32(m.articles[0], ART_SLUG + STR_LEN, 0xFFFFFFFF);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    folio_article a;
    CHECK(folio_article_get(o.pack, 0, &a) == FOLIO_E_CORRUPT);
    CHECK(folio_lookup_slug(o.pack, "knee-pain", 9, &a) == FOLIO_E_CORRUPT);
  }
  SECTION("section range outside Index.sections") {
    Model m = fixture_model();
    poke32(m.articles[2], ART_SECTIONS + 4, 1000);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    folio_article a;
    CHECK(folio_article_get(o.pack, 2, &a) == FOLIO_E_CORRUPT);
    size_t n;
    CHECK(folio_render(o.reader, 2, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
  }
  SECTION("list range outside u32s") {
    Model m = fixture_model();
    poke32(m.articles[0], ART_RELATED, 0xFFFFFFF0);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    folio_article a;
    CHECK(folio_article_related(o.pack, 0, 0, &a) == FOLIO_E_CORRUPT);
  }
  SECTION("frame index out of range") {
    Model m = fixture_model();
    poke32(m.articles[1], ART_FRAME, 77);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    CHECK(folio_render(o.reader, 1, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
    CHECK(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, nullptr, 0, &n) == FOLIO_E_DST_TOO_SMALL);
  }
  SECTION("frame outside the frame area / dsize above max_doc_bytes") {
    Model m = fixture_model();
    m.frames_override = true;
    m.frames = {fb::Frame(0xFFFFFFFF00ull, 10, 10), fb::Frame(0, 10, 0x7FFFFFFF), fb::Frame(0, 0, 0)};
    m.max_doc_bytes = 4096;
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    for (uint32_t a = 0; a < 3; a++)
      CHECK(folio_render(o.reader, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
  }
  SECTION("document of another article") {
    Model m = fixture_model();
    std::swap(m.docs[1], m.docs[2]);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    CHECK(folio_render(o.reader, 1, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
  }
  SECTION("document that is not a FlatBuffer") {
    Model m = fixture_model();
    m.docs[0] = std::vector<uint8_t>(64, 0xEE);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    CHECK(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
    uint32_t bad = 0;
    CHECK(folio_verify(o.reader, &bad) == FOLIO_E_CORRUPT);
    CHECK(bad == 0);
  }
}

TEST_CASE("hostile documents: spans and blocks outside the document", "[pack][render]") {
  auto render_all = [](const Model &m) {
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    return folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, nullptr, 0, &n);
  };
  using BK = fb::BlockKind;
  SECTION("span text outside Doc.text") {
    DocBuilder d;
    d.t("x").block(BK::Paragraph);
    poke32(d.spans[0], SPAN_TEXT + 4, 1000);
    Model m = fixture_model();
    m.docs[0] = d.finish(0);
    CHECK(render_all(m) == FOLIO_E_CORRUPT);
  }
  SECTION("block spans outside Doc.spans") {
    DocBuilder d;
    d.t("x").block(BK::Paragraph);
    poke32(d.blocks[0], BLK_SPAN_END, 50);
    Model m = fixture_model();
    m.docs[0] = d.finish(0);
    CHECK(render_all(m) == FOLIO_E_CORRUPT);
  }
  SECTION("link to a missing article / glossary / reference / section") {
    for (int which = 0; which < 5; which++) {
      DocBuilder d;
      if (which == 0) d.link("x", 99);
      if (which == 1) d.gloss("x", 99);
      if (which == 2) d.cite(99, 1);
      if (which == 3) d.link("x", A_KNEE, S_STEM_SOURCES);  // a section of another article
      if (which == 4) d.cite(0, 0);                          // citation number 0
      d.block(BK::Paragraph);
      Model m = fixture_model();
      m.docs[0] = d.finish(0);
      CHECK(render_all(m) == FOLIO_E_CORRUPT);
    }
  }
  SECTION("external link URL outside Doc.text") {
    DocBuilder d;
    d.span(fb::SpanKind::ExternalLink, "x", 0xFFFFFFF0u, 0x20);
    d.block(BK::Paragraph);
    Model m = fixture_model();
    m.docs[0] = d.finish(0);
    CHECK(render_all(m) == FOLIO_E_CORRUPT);
  }
  SECTION("heading naming a bad section") {
    DocBuilder d;
    d.t("H").block(BK::Heading, 2, 0, 999);
    Model m = fixture_model();
    m.docs[0] = d.finish(0);
    CHECK(render_all(m) == FOLIO_E_CORRUPT);
  }
  SECTION("section block range beyond the document") {
    Model m = fixture_model();
    poke32(m.sections[1], SEC_BLOCK_END, 5000);
    Opened o(serialize(m));
    REQUIRE(o.status == FOLIO_OK);
    size_t n;
    CHECK(folio_render(o.reader, 0, S_CART_OPTIONS, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_CORRUPT);
    CHECK(folio_section_text(o.reader, S_CART_OPTIONS, nullptr, 0, &n) == FOLIO_E_CORRUPT);
    CHECK(folio_section_text(o.reader, S_KNEE_CAUSES, nullptr, 0, &n) == FOLIO_E_DST_TOO_SMALL);
  }
  SECTION("unknown block and span kinds from a newer minor version are skipped") {
    DocBuilder d;
    d.span(static_cast<fb::SpanKind>(77), "future").block(static_cast<BK>(99));
    d.span(static_cast<fb::SpanKind>(77), "shown").block(BK::Paragraph);
    Model m = fixture_model();
    m.docs[0] = d.finish(0);
    Opened o(serialize(m));
    char buf[256];
    size_t n = 0;
    REQUIRE(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, FOLIO_RENDER_NO_REFERENCES, buf, sizeof buf,
                         &n) == FOLIO_OK);
    std::string s(buf, n);
    CHECK(s.find("future") == std::string::npos);
    CHECK(s.find("shown") != std::string::npos);
  }
}

TEST_CASE("folio_verify finds unsorted keys", "[pack]") {
  Model m = fixture_model();
  std::swap(m.title_keys[0], m.title_keys[1]);
  Opened o(serialize(m));
  REQUIRE(o.status == FOLIO_OK);
  uint32_t bad = 0;
  CHECK(folio_verify(o.reader, &bad) == FOLIO_E_CORRUPT);
  CHECK(bad == FOLIO_NONE);
  CHECK(folio_verify(nullptr, &bad) == FOLIO_E_ARG);
}

TEST_CASE("an empty pack (no articles) opens", "[pack]") {
  Model m;
  Opened o(serialize(m));
  REQUIRE(o.status == FOLIO_OK);
  folio_info info;
  REQUIRE(folio_pack_info(o.pack, &info) == FOLIO_OK);
  CHECK(info.article_count == 0);
  folio_article a;
  CHECK(folio_lookup_slug(o.pack, "x", 1, &a) == FOLIO_E_NOT_FOUND);
  folio_entry e[4];
  uint32_t n = 9;
  CHECK(folio_suggest(o.pack, "s", 1, e, 4, &n) == FOLIO_OK);
  CHECK(n == 0);
  CHECK(folio_verify(o.reader, nullptr) == FOLIO_OK);
}

TEST_CASE("CRC-32C: check value, incremental use, agreement with the reference loop", "[pack]") {
  CHECK(folio::detail::crc32c(0, "123456789", 9) == 0xE3069283u);
  CHECK(folio::detail::crc32c(0, "", 0) == 0);
  std::vector<uint8_t> v(1021);
  for (size_t i = 0; i < v.size(); i++) v[i] = static_cast<uint8_t>(i * 31 + 7);
  for (size_t len : {size_t(0), size_t(1), size_t(7), size_t(8), size_t(9), size_t(63), v.size()}) {
    CHECK(folio::detail::crc32c(0, v.data(), len) == crc32c(v.data(), len));
    for (size_t cut = 0; cut <= len; cut += 5)
      CHECK(folio::detail::crc32c(folio::detail::crc32c(0, v.data(), cut), v.data() + cut, len - cut) ==
            crc32c(v.data(), len));
  }
}
