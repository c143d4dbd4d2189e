// [api] the C surface: every status code in folio.h (except the search-only FOLIO_E_QUERY, produced by
// the search tests) comes out of at least one call here or in pack/lookup/render tests, and every
// function rejects NULL handles and outputs with FOLIO_E_ARG.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include <folio/folio.h>

#include "support/pack_fixture.h"

using namespace folio::fixture;

TEST_CASE("status strings are static, distinct and never NULL", "[api]") {
  std::set<std::string> seen;
  for (int s = 0; s >= -12; s--) {
    const char *m = folio_status_str(s);
    REQUIRE(m != nullptr);
    CHECK(std::strlen(m) > 0);
    seen.insert(m);
  }
  CHECK(seen.size() == 13);
  CHECK(std::string(folio_status_str(-999)) == "unknown status");
  CHECK(std::string(folio_status_str(1)) == "unknown status");
  CHECK(std::string(folio_status_str(FOLIO_OK)) == "ok");
}

TEST_CASE("one call producing each status code", "[api]") {
  Opened o(fixture_pack());
  REQUIRE(o.status == FOLIO_OK);
  const folio_pack *p = o.pack;
  folio_article a;
  folio_entry e;
  size_t n = 0;
  CHECK(folio_lookup_slug(p, "knee-pain", 9, &a) == FOLIO_OK);
  CHECK(folio_lookup_slug(nullptr, "knee-pain", 9, &a) == FOLIO_E_ARG);
  CHECK(Opened(std::vector<uint8_t>(256, 0)).status == FOLIO_E_FORMAT);
  {
    std::vector<uint8_t> v = fixture_pack();
    put_le(v.data() + 8, 9, 2);
    CHECK(Opened(v).status == FOLIO_E_VERSION);
  }
  {
    std::vector<uint8_t> v = fixture_pack();
    v[90] ^= 0xFF;
    CHECK(Opened(v).status == FOLIO_E_CORRUPT);
  }
  {
    const folio_pack *pk;
    CHECK(folio_open(o.bytes.data(), o.bytes.size(), o.ws.data(), 64, 0, &pk, nullptr) == FOLIO_E_WORKSPACE);
  }
  char small[4];
  CHECK(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, small, sizeof small, &n) == FOLIO_E_DST_TOO_SMALL);
  CHECK(n > sizeof small);
  CHECK(folio_lookup_slug(p, "nope", 4, &a) == FOLIO_E_NOT_FOUND);
  {
    std::vector<uint8_t> v = fixture_pack();
    v.resize(v.size() - 3);
    CHECK(Opened(v).status == FOLIO_E_TRUNCATED);
  }
  {
    std::vector<uint8_t> v = fixture_pack();
    v[v.size() - 1] ^= 1;
    CHECK(Opened(v, FOLIO_OPEN_VERIFY_CHECKSUM).status == FOLIO_E_CHECKSUM);
  }
  CHECK(folio_lookup_title(p, "\x80", 1, &e) == FOLIO_E_UTF8);
  std::string longq(1000, 'x');
  CHECK(folio_suggest(p, longq.data(), longq.size(), &e, 1, nullptr) == FOLIO_E_ARG);
  uint32_t k = 0;
  CHECK(folio_suggest(p, longq.data(), longq.size(), &e, 1, &k) == FOLIO_E_LIMIT);
}

TEST_CASE("NULL handles and outputs are FOLIO_E_ARG everywhere", "[api]") {
  Opened o(fixture_pack());
  const folio_pack *p = o.pack;
  folio_article a;
  folio_section s;
  folio_str str;
  folio_reference r;
  folio_link l;
  folio_glossary_entry g;
  folio_entry e;
  folio_info info;
  uint32_t u = 0;
  CHECK(folio_pack_info(nullptr, &info) == FOLIO_E_ARG);
  CHECK(folio_pack_info(p, nullptr) == FOLIO_E_ARG);
  CHECK(folio_article_get(nullptr, 0, &a) == FOLIO_E_ARG);
  CHECK(folio_article_get(p, 0, nullptr) == FOLIO_E_ARG);
  CHECK(folio_lookup_title(nullptr, "a", 1, &e) == FOLIO_E_ARG);
  CHECK(folio_resolve(nullptr, "a", 1, &a, &s) == FOLIO_E_ARG);
  CHECK(folio_section_get(nullptr, 0, &s) == FOLIO_E_ARG);
  CHECK(folio_section_find(p, 0, nullptr, 2, &s) == FOLIO_E_ARG);
  CHECK(folio_article_alias(nullptr, 0, 0, &str) == FOLIO_E_ARG);
  CHECK(folio_article_topic(p, 0, 0, nullptr) == FOLIO_E_ARG);
  CHECK(folio_article_source(nullptr, 0, 0, &r) == FOLIO_E_ARG);
  CHECK(folio_article_related(nullptr, 0, 0, &a) == FOLIO_E_ARG);
  CHECK(folio_article_link(nullptr, 0, 0, &l) == FOLIO_E_ARG);
  CHECK(folio_article_backlink(p, 0, 0, nullptr) == FOLIO_E_ARG);
  CHECK(folio_glossary_lookup(nullptr, "a", 1, &g) == FOLIO_E_ARG);
  CHECK(folio_glossary_get(nullptr, 0, &g) == FOLIO_E_ARG);
  CHECK(folio_glossary_abbreviation(nullptr, 0, 0, &str) == FOLIO_E_ARG);
  CHECK(folio_glossary_everyday(nullptr, 0, 0, &str) == FOLIO_E_ARG);
  CHECK(folio_glossary_see_also(nullptr, 0, 0, &g) == FOLIO_E_ARG);
  CHECK(folio_glossary_article(nullptr, 0, 0, &a) == FOLIO_E_ARG);
  CHECK(folio_reference_get(nullptr, 0, &r) == FOLIO_E_ARG);
  CHECK(folio_reference_lookup(nullptr, "a", 1, &r) == FOLIO_E_ARG);
  CHECK(folio_topic_get(nullptr, 0, &str, &u) == FOLIO_E_ARG);
  CHECK(folio_topic_find(p, "a", 1, nullptr) == FOLIO_E_ARG);
  CHECK(folio_topic_article(nullptr, 0, 0, &a) == FOLIO_E_ARG);
  CHECK(folio_reader_pack(nullptr) == nullptr);
  // A pointer that is not a handle (e.g. an unopened workspace) is refused, not dereferenced further.
  Aligned junk(4096);
  CHECK(folio_article_get(reinterpret_cast<const folio_pack *>(junk.data()), 0, &a) == FOLIO_E_ARG);
  // A failed open leaves no usable handle behind in the workspace.
  std::vector<uint8_t> v = fixture_pack();
  Aligned bad(v);
  bad.data()[3] = 0;
  const folio_pack *pk = reinterpret_cast<const folio_pack *>(1);
  CHECK(folio_open(bad.data(), bad.size(), o.ws.data(), o.ws.size(), 0, &pk, nullptr) == FOLIO_E_FORMAT);
  CHECK(pk == nullptr);
}
