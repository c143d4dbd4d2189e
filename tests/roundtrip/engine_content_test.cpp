// [roundtrip][lookup][render] the engine over the bundled content pack built by the real build tool
// (FOLIO_CONTENT_PACK, target folio_content_pack): every slug, title, alias and glossary key the pack
// holds is found again, every title's own text suggests its article first or among equals, every link
// resolves, and every article and section renders in both formats with balanced, escaped HTML.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <folio/folio.h>

#include "support/pack_fixture.h"
#include "support/pack_walk.h"

using namespace folio::fixture;

namespace {

Opened *content() {
#ifdef FOLIO_CONTENT_PACK
  static Opened *o = [] {
    std::ifstream f(FOLIO_CONTENT_PACK, std::ios::binary);
    if (!f.good()) return static_cast<Opened *>(nullptr);
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return new Opened(b, FOLIO_OPEN_VERIFY_CHECKSUM);
  }();
  return o;
#else
  return nullptr;
#endif
}

std::string S(const folio_str &s) { return std::string(s.ptr, s.len); }

}  // namespace

TEST_CASE("content pack: lookups find every key again", "[roundtrip][lookup]") {
  Opened *o = content();
  if (!o) {
    WARN("content pack not built: skipping");
    return;
  }
  REQUIRE(o->status == FOLIO_OK);
  const folio_pack *p = o->pack;
  folio_info info;
  REQUIRE(folio_pack_info(p, &info) == FOLIO_OK);
  REQUIRE(info.article_count > 0);
  REQUIRE(folio_verify(o->reader, nullptr) == FOLIO_OK);
  for (uint32_t a = 0; a < info.article_count; a++) {
    folio_article art, b;
    REQUIRE(folio_article_get(p, a, &art) == FOLIO_OK);
    INFO(S(art.slug));
    REQUIRE(folio_lookup_slug(p, art.slug.ptr, art.slug.len, &b) == FOLIO_OK);
    CHECK(b.id == a);
    folio_entry e;
    REQUIRE(folio_lookup_title(p, art.title.ptr, art.title.len, &e) == FOLIO_OK);
    CHECK(e.article == a);
    for (uint32_t i = 0; i < art.alias_count; i++) {
      folio_str al;
      REQUIRE(folio_article_alias(p, a, i, &al) == FOLIO_OK);
      REQUIRE(folio_lookup_title(p, al.ptr, al.len, &e) == FOLIO_OK);  // may name another article's title
    }
    // The full title as a prefix: the article is suggested, as the (only) exact title match.
    folio_entry sug[FOLIO_SUGGEST_MAX];
    uint32_t n = 0;
    REQUIRE(folio_suggest(p, art.title.ptr, art.title.len, sug, FOLIO_SUGGEST_MAX, &n) == FOLIO_OK);
    REQUIRE(n > 0);
    CHECK(sug[0].article == a);
    // Every prefix: well-formed results, best first, one per article.
    for (uint32_t k = 1; k <= art.title.len; k++) {
      const folio_status s = folio_suggest(p, art.title.ptr, k, sug, 10, &n);
      REQUIRE((s == FOLIO_OK || s == FOLIO_E_UTF8));
      for (uint32_t i = 1; i < n; i++) {
        CHECK(sug[i - 1].score >= sug[i].score);
        for (uint32_t j = 0; j < i; j++) CHECK(sug[j].article != sug[i].article);
      }
    }
    for (uint32_t i = 0; i < art.link_count; i++) {
      folio_link l;
      REQUIRE(folio_article_link(p, a, i, &l) == FOLIO_OK);
      folio_article t;
      REQUIRE(folio_article_get(p, l.target_article, &t) == FOLIO_OK);
      if (l.target_section != FOLIO_NONE) {
        folio_section s;
        REQUIRE(folio_section_get(p, l.target_section, &s) == FOLIO_OK);
        CHECK(s.article == l.target_article);
        // slug#anchor resolves back to the same section
        const std::string ref = S(t.slug) + "#" + S(s.anchor);
        folio_article ra;
        folio_section rs;
        REQUIRE(folio_resolve(p, ref.data(), ref.size(), &ra, &rs) == FOLIO_OK);
        CHECK(rs.id == l.target_section);
      }
    }
  }
  for (uint32_t g = 0; g < info.glossary_count; g++) {
    folio_glossary_entry ge, hit;
    REQUIRE(folio_glossary_get(p, g, &ge) == FOLIO_OK);
    INFO(S(ge.key));
    REQUIRE(folio_glossary_lookup(p, ge.term.ptr, ge.term.len, &hit) == FOLIO_OK);
    for (uint32_t i = 0; i < ge.abbreviation_count; i++) {
      folio_str s;
      REQUIRE(folio_glossary_abbreviation(p, g, i, &s) == FOLIO_OK);
      REQUIRE(folio_glossary_lookup(p, s.ptr, s.len, &hit) == FOLIO_OK);
    }
  }
  for (uint32_t r = 0; r < info.reference_count; r++) {
    folio_reference ref, hit;
    REQUIRE(folio_reference_get(p, r, &ref) == FOLIO_OK);
    REQUIRE(folio_reference_lookup(p, ref.key.ptr, ref.key.len, &hit) == FOLIO_OK);
    CHECK(hit.id == r);
  }
}

TEST_CASE("content pack: every article and section renders, HTML is balanced", "[roundtrip][render]") {
  Opened *o = content();
  if (!o) {
    WARN("content pack not built: skipping");
    return;
  }
  REQUIRE(o->status == FOLIO_OK);
  folio_info info;
  REQUIRE(folio_pack_info(o->pack, &info) == FOLIO_OK);
  std::vector<char> buf(info.max_doc_bytes * 8 + 65536);
  for (uint32_t a = 0; a < info.article_count; a++) {
    folio_article art;
    REQUIRE(folio_article_get(o->pack, a, &art) == FOLIO_OK);
    INFO(S(art.slug));
    size_t n = 0;
    REQUIRE(folio_render(o->reader, a, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, buf.data(), buf.size(), &n) == FOLIO_OK);
    const std::string h(buf.data(), n);
    for (const char *t : {"p", "ul", "ol", "li", "table", "tr", "blockquote", "h2", "h3", "a", "dfn", "sup"}) {
      size_t opens = 0, closes = 0;
      const std::string open = std::string("<") + t, close = std::string("</") + t + ">";
      for (size_t i = h.find(open); i != std::string::npos; i = h.find(open, i + 1)) {
        const char c = h[i + open.size()];
        if (c == '>' || c == ' ') opens++;
      }
      for (size_t i = h.find(close); i != std::string::npos; i = h.find(close, i + 1)) closes++;
      INFO(t);
      CHECK(opens == closes);
    }
    REQUIRE(folio_render(o->reader, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf.data(), buf.size(), &n) == FOLIO_OK);
    CHECK(n > art.title.len);
    for (uint32_t s = art.section_first; s < art.section_first + art.section_count; s++) {
      REQUIRE(folio_render(o->reader, a, s, FOLIO_FORMAT_HTML, 0, buf.data(), buf.size(), &n) == FOLIO_OK);
      REQUIRE(folio_section_text(o->reader, s, buf.data(), buf.size(), &n) == FOLIO_OK);
    }
  }
  std::vector<char> out(1 << 18);
  CHECK(walk_pack(o->pack, o->reader, out.data(), out.size() - 1).bad == 0);
}
