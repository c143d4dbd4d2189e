// [api] folio.hpp: the C++ wrapper forwards to the C API, returns statuses (no exceptions), and views
// strings and buffers without owning or allocating anything.
#include <catch2/catch.hpp>

#include <folio/folio.hpp>

#include "support/pack_fixture.h"

using namespace folio::fixture;

TEST_CASE("folio.hpp: open, lookup, suggest, render", "[api]") {
  Aligned bytes(fixture_pack());
  Aligned ws(folio::Pack::workspace_size(bytes.data(), bytes.size()));
  folio::Pack pack;
  folio::Reader reader;
  REQUIRE(folio::Pack::open(bytes.data(), bytes.size(), ws.data(), ws.size(), &pack, &reader) == FOLIO_OK);
  REQUIRE(pack);
  REQUIRE(reader);
  CHECK(reader.pack().get() == pack.get());
  folio_article a;
  REQUIRE(pack.lookup("knee-pain", &a) == FOLIO_OK);
  CHECK(folio::view(a.title) == "Knee Pain");
  CHECK(pack.lookup("nope", &a) == FOLIO_E_NOT_FOUND);
  std::string_view alias;
  REQUIRE(pack.alias(a.id, 0, &alias) == FOLIO_OK);
  CHECK(alias == "Sore knee");
  folio_entry e[4];
  folio::Span<folio_entry> hits;
  REQUIRE(pack.suggest("s", e, &hits) == FOLIO_OK);
  REQUIRE(hits.size() == 3);
  CHECK(folio::view(hits[0].slug) == "stem-cells");
  folio_article ra;
  folio_section rs;
  REQUIRE(pack.resolve("cartilage-repair#risks", &ra, &rs) == FOLIO_OK);
  CHECK(folio::view(rs.heading) == "Risks");
  std::string_view topic;
  uint32_t n = 0;
  REQUIRE(pack.topic(0, &topic, &n) == FOLIO_OK);
  CHECK(topic == "Joints");
  size_t need = 0;
  REQUIRE(reader.render_size(a.id, &need) == FOLIO_OK);
  char buf[4096];
  std::string_view text;
  REQUIRE(reader.render(a.id, buf, &text) == FOLIO_OK);
  CHECK(text.size() == need);
  CHECK(text.substr(0, 9) == "Knee Pain");
  char small[5];
  CHECK(reader.render(a.id, small, &text) == FOLIO_E_DST_TOO_SMALL);
  CHECK(text == "Knee ");
  REQUIRE(reader.section_text(S_KNEE_CAUSES, buf, &text) == FOLIO_OK);
  CHECK(text == "Wear and tear (OA).\n");
  CHECK(reader.verify() == FOLIO_OK);
  CHECK(std::string_view(folio::status_str(FOLIO_E_NOT_FOUND)) == "not found");
  // Extra reader.
  Aligned rm(pack.reader_size());
  folio::Reader r2;
  REQUIRE(folio::Reader::init(pack, rm.data(), rm.size(), &r2) == FOLIO_OK);
  REQUIRE(r2.render(a.id, buf, &text) == FOLIO_OK);
  // Failed open leaves empty views.
  folio::Pack bad;
  folio::Reader badr;
  CHECK(folio::Pack::open(bytes.data(), 10, ws.data(), ws.size(), &bad, &badr) == FOLIO_E_TRUNCATED);
  CHECK_FALSE(bad);
  CHECK_FALSE(badr);
}
