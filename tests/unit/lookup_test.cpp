// [lookup] slug, title/alias, glossary, references, topics, links, backlinks, resolve and suggestions
// over the fixture pack (tests/support/pack_fixture.h).
#include <catch2/catch.hpp>

#include <string>

#include <folio/folio.h>

#include "support/pack_fixture.h"

using namespace folio::fixture;

namespace {
std::string S(const folio_str &s) { return std::string(s.ptr, s.len); }
const Opened &fx() {
  static Opened o(fixture_pack());
  return o;
}
}  // namespace

TEST_CASE("slug lookup is an exact binary search", "[lookup]") {
  const folio_pack *p = fx().pack;
  REQUIRE(p);
  folio_article a;
  const char *slugs[] = {"cartilage-repair", "knee-pain", "stem-cells"};
  for (uint32_t i = 0; i < 3; i++) {
    REQUIRE(folio_lookup_slug(p, slugs[i], strlen(slugs[i]), &a) == FOLIO_OK);
    CHECK(a.id == i);
    CHECK(S(a.slug) == slugs[i]);
  }
  CHECK(S(a.title) == "Stem Cells");
  CHECK(a.section_count == 2);
  CHECK(a.audience == FOLIO_AUDIENCE_BOTH);
  CHECK(folio_lookup_slug(p, "knee", 4, &a) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_slug(p, "knee-pain-x", 11, &a) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_slug(p, "zzz", 3, &a) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_slug(p, "", 0, &a) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_slug(p, nullptr, 0, &a) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_slug(p, nullptr, 3, &a) == FOLIO_E_ARG);
  CHECK(folio_article_get(p, 3, &a) == FOLIO_E_NOT_FOUND);
  REQUIRE(folio_article_get(p, 0, &a) == FOLIO_OK);
  CHECK(a.updated == 20250101);
  CHECK(a.source_count == 2);
  CHECK(a.link_count == 2);
  CHECK(a.backlink_count == 1);
  CHECK(S(a.summary) == "How damaged cartilage is treated.");
}

TEST_CASE("title and alias lookup fold the query", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_entry e;
  REQUIRE(folio_lookup_title(p, "  KNEE   pain!! ", 16, &e) == FOLIO_OK);
  CHECK(e.article == A_KNEE);
  CHECK(e.kind == 0);
  CHECK(S(e.matched) == "knee pain");
  CHECK(S(e.slug) == "knee-pain");
  REQUIRE(folio_lookup_title(p, "Sore-Knee", 9, &e) == FOLIO_OK);
  CHECK(e.article == A_KNEE);
  CHECK(e.kind == 1);
  REQUIRE(folio_lookup_title(p, "Stém Cells", strlen("Stém Cells"), &e) == FOLIO_OK);
  CHECK(e.article == A_STEM);
  // A word inside a title is for suggestions, not exact lookup.
  CHECK(folio_lookup_title(p, "pain", 4, &e) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_title(p, "", 0, &e) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_title(p, "!!!", 3, &e) == FOLIO_E_NOT_FOUND);
  CHECK(folio_lookup_title(p, "\xC3\x28", 2, &e) == FOLIO_E_UTF8);
  std::string longq(400, 'a');
  CHECK(folio_lookup_title(p, longq.data(), longq.size(), &e) == FOLIO_E_LIMIT);
}

TEST_CASE("resolve slug#anchor and section lookups", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_article a;
  folio_section s;
  REQUIRE(folio_resolve(p, "cartilage-repair#microfracture", 30, &a, &s) == FOLIO_OK);
  CHECK(a.id == A_CARTILAGE);
  CHECK(s.id == S_CART_MICRO);
  CHECK(s.parent == S_CART_OPTIONS);
  CHECK(s.level == 3);
  CHECK(s.audience == FOLIO_AUDIENCE_CLINICIAN);
  CHECK(S(s.heading) == "Microfracture");
  REQUIRE(folio_resolve(p, "knee-pain", 9, &a, &s) == FOLIO_OK);
  CHECK(s.id == S_KNEE_LEAD);
  CHECK(s.level == 0);
  CHECK(s.anchor.len == 0);
  REQUIRE(folio_resolve(p, "knee-pain#", 10, &a, &s) == FOLIO_OK);
  CHECK(s.id == S_KNEE_LEAD);
  CHECK(folio_resolve(p, "knee-pain#nope", 14, &a, &s) == FOLIO_E_NOT_FOUND);
  CHECK(folio_resolve(p, "nope#causes", 11, &a, &s) == FOLIO_E_NOT_FOUND);
  CHECK(folio_resolve(p, "knee-pain", 9, nullptr, &s) == FOLIO_E_ARG);
  REQUIRE(folio_section_find(p, A_STEM, "sources", 7, &s) == FOLIO_OK);
  CHECK(s.id == S_STEM_SOURCES);
  CHECK(folio_section_find(p, 9, "sources", 7, &s) == FOLIO_E_NOT_FOUND);
  REQUIRE(folio_section_get(p, S_KNEE_CAUSES, &s) == FOLIO_OK);
  CHECK(s.article == A_KNEE);
  CHECK(folio_section_get(p, 8, &s) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("article lists: aliases, topics, sources, related, links, backlinks", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_str s;
  REQUIRE(folio_article_alias(p, A_KNEE, 0, &s) == FOLIO_OK);
  CHECK(S(s) == "Sore knee");
  CHECK(folio_article_alias(p, A_KNEE, 1, &s) == FOLIO_E_NOT_FOUND);
  CHECK(folio_article_alias(p, 5, 0, &s) == FOLIO_E_NOT_FOUND);
  REQUIRE(folio_article_topic(p, A_CARTILAGE, 1, &s) == FOLIO_OK);
  CHECK(S(s) == "Regenerative medicine");
  folio_reference r;
  REQUIRE(folio_article_source(p, A_CARTILAGE, 1, &r) == FOLIO_OK);
  CHECK(S(r.key) == "nhs-2020");
  CHECK(r.kind == FOLIO_REF_WEB);
  CHECK(folio_article_source(p, A_CARTILAGE, 2, &r) == FOLIO_E_NOT_FOUND);
  folio_article a;
  REQUIRE(folio_article_related(p, A_CARTILAGE, 0, &a) == FOLIO_OK);
  CHECK(a.id == A_STEM);
  REQUIRE(folio_article_backlink(p, A_STEM, 0, &a) == FOLIO_OK);
  CHECK(a.id == A_CARTILAGE);
  CHECK(folio_article_backlink(p, A_STEM, 1, &a) == FOLIO_E_NOT_FOUND);
  folio_link l;
  REQUIRE(folio_article_link(p, A_CARTILAGE, 1, &l) == FOLIO_OK);
  CHECK(l.target_article == A_STEM);
  CHECK(l.target_section == S_STEM_SOURCES);
  CHECK(l.from_section == S_CART_OPTIONS);
  REQUIRE(folio_article_link(p, A_KNEE, 0, &l) == FOLIO_OK);
  CHECK(l.target_section == FOLIO_NONE);
  CHECK(folio_article_link(p, A_STEM, 0, &l) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("glossary lookup by term, abbreviation and everyday word", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_glossary_entry g;
  REQUIRE(folio_glossary_lookup(p, "OA", 2, &g) == FOLIO_OK);
  CHECK(g.id == G_OA);
  CHECK(S(g.term) == "Osteoarthritis");
  CHECK(S(g.key) == "osteoarthritis");
  REQUIRE(folio_glossary_lookup(p, "Wear-and-tear arthritis", 23, &g) == FOLIO_OK);
  CHECK(g.id == G_OA);
  REQUIRE(folio_glossary_lookup(p, "GRISTLE", 7, &g) == FOLIO_OK);
  CHECK(g.id == G_CARTILAGE);
  CHECK(g.everyday_count == 1);
  CHECK(folio_glossary_lookup(p, "bone", 4, &g) == FOLIO_E_NOT_FOUND);
  CHECK(folio_glossary_lookup(p, "\xFF", 1, &g) == FOLIO_E_UTF8);
  folio_str s;
  REQUIRE(folio_glossary_abbreviation(p, G_OA, 0, &s) == FOLIO_OK);
  CHECK(S(s) == "OA");
  CHECK(folio_glossary_abbreviation(p, G_CARTILAGE, 0, &s) == FOLIO_E_NOT_FOUND);
  REQUIRE(folio_glossary_everyday(p, G_OA, 0, &s) == FOLIO_OK);
  CHECK(S(s) == "wear and tear arthritis");
  folio_glossary_entry see;
  REQUIRE(folio_glossary_see_also(p, G_OA, 0, &see) == FOLIO_OK);
  CHECK(see.id == G_CARTILAGE);
  folio_article a;
  REQUIRE(folio_glossary_article(p, G_OA, 0, &a) == FOLIO_OK);
  CHECK(a.id == A_KNEE);
  CHECK(folio_glossary_get(p, 2, &g) == FOLIO_E_NOT_FOUND);
  CHECK(folio_glossary_everyday(p, 7, 0, &s) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("glossary for a search query: the term inside a question, or its plural", "[lookup]") {
  const folio_pack *p = fx().pack;
  auto id_of = [p](const std::string &q) -> int {
    folio_glossary_entry g;
    const folio_status st = folio_glossary_for_query(p, q.data(), q.size(), &g);
    return st == FOLIO_OK ? static_cast<int>(g.id) : -static_cast<int>(st);
  };
  const int nf = -static_cast<int>(FOLIO_E_NOT_FOUND);
  // whole: a term, an abbreviation, an everyday word, as folio_glossary_lookup
  CHECK(id_of("OA") == G_OA);
  CHECK(id_of("  Gristle! ") == G_CARTILAGE);
  // questions
  CHECK(id_of("What is OA?") == G_OA);
  CHECK(id_of("what's osteoarthritis") == G_OA);
  CHECK(id_of("What\xE2\x80\x99s the cartilage?") == G_CARTILAGE);
  CHECK(id_of("what does OA stand for") == G_OA);
  CHECK(id_of("What does OA mean?") == G_OA);
  CHECK(id_of("define cartilage") == G_CARTILAGE);
  CHECK(id_of("Definition of wear-and-tear arthritis") == G_OA);
  CHECK(id_of("meaning of gristle") == G_CARTILAGE);
  CHECK(id_of("tell me about the cartilage") == G_CARTILAGE);
  CHECK(id_of("cartilage definition") == G_CARTILAGE);
  CHECK(id_of("a cartilage") == G_CARTILAGE);
  // a courtesy after the question ("what is an RCT please" showed no definition card)
  CHECK(id_of("what is OA please") == G_OA);
  CHECK(id_of("What does OA mean, thank you") == G_OA);
  CHECK(id_of("define cartilage thanks") == G_CARTILAGE);
  CHECK(id_of("please") == nf);
  // an abbreviation spelled out letter by letter, as voice dictation writes it, alone or in a question
  CHECK(id_of("o a") == G_OA);
  CHECK(id_of("What does O A stand for?") == G_OA);
  CHECK(id_of("what is the o a") == G_OA);
  CHECK(id_of("o a knee") == nf);
  CHECK(id_of("o a s t") == nf);
  CHECK(id_of("oa a") == nf);
  // plurals, also inside a question
  CHECK(id_of("cartilages") == G_CARTILAGE);
  CHECK(id_of("What are cartilages?") == G_CARTILAGE);
  CHECK(id_of("OAs") == G_OA);
  // the term as the glossary and headings write it, its abbreviation in brackets (copied from a heading)
  CHECK(id_of("Osteoarthritis (OA)") == G_OA);
  CHECK(id_of("what is osteoarthritis (OA)?") == G_OA);
  CHECK(id_of("(gristle)") == G_CARTILAGE);           // nothing before the brackets: what is inside
  CHECK(id_of(" ( OA ) ?") == G_OA);
  CHECK(id_of("wear and tear (OA)") == nf);           // words before the brackets that name no term only
  CHECK(id_of("knee arthritis (OA)") == nf);          // mention the one inside: no card
  CHECK(id_of("knee pain (OA) treatment") == nf);    // brackets inside a query about something else
  CHECK(id_of("knee pain (joints)") == nf);
  CHECK(id_of("()") == nf);
  CHECK(id_of("OA)") == G_OA);                       // whole, folded: no brackets needed
  CHECK(id_of("cartilage (OA") == nf);
  // a query that mentions a term but asks something else, and frames with nothing inside
  CHECK(id_of("cartilage repair") == nf);
  CHECK(id_of("what is cartilage repair") == nf);
  CHECK(id_of("OA knee") == nf);
  CHECK(id_of("what is") == nf);
  CHECK(id_of("what is a") == nf);
  CHECK(id_of("the") == nf);
  CHECK(id_of("s") == nf);
  CHECK(id_of("") == nf);
  CHECK(id_of("?!") == nf);
  CHECK(id_of("cartilagess") == nf);  // one plural -s only
  // bad and absurd input
  CHECK(id_of("what is \xFF") == -static_cast<int>(FOLIO_E_UTF8));
  CHECK(id_of(std::string(10000, 'a')) == nf);
  CHECK(id_of("what is " + std::string(300, 'x')) == nf);
  folio_glossary_entry g;
  CHECK(folio_glossary_for_query(nullptr, "OA", 2, &g) == FOLIO_E_ARG);
  CHECK(folio_glossary_for_query(p, "OA", 2, nullptr) == FOLIO_E_ARG);
  CHECK(folio_glossary_for_query(p, nullptr, 2, &g) == FOLIO_E_ARG);
  CHECK(folio_glossary_for_query(p, nullptr, 0, &g) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("references and topics", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_reference r;
  REQUIRE(folio_reference_lookup(p, "centeno-2016", 12, &r) == FOLIO_OK);
  CHECK(r.id == R_CENTENO);
  CHECK(r.year == 2016);
  CHECK(r.kind == FOLIO_REF_STUDY);
  CHECK(S(r.doi) == "10.1000/xyz");
  CHECK(folio_reference_lookup(p, "centeno", 7, &r) == FOLIO_E_NOT_FOUND);
  CHECK(folio_reference_get(p, 2, &r) == FOLIO_E_NOT_FOUND);
  uint32_t t = 9;
  REQUIRE(folio_topic_find(p, "Joints", 6, &t) == FOLIO_OK);
  CHECK(t == 0);
  CHECK(folio_topic_find(p, "joints", 6, &t) == FOLIO_E_NOT_FOUND);
  folio_str name;
  uint32_t n = 0;
  REQUIRE(folio_topic_get(p, 1, &name, &n) == FOLIO_OK);
  CHECK(S(name) == "Regenerative medicine");
  CHECK(n == 2);
  CHECK(folio_topic_get(p, 2, &name, &n) == FOLIO_E_NOT_FOUND);
  folio_article a;
  REQUIRE(folio_topic_article(p, 1, 1, &a) == FOLIO_OK);
  CHECK(a.id == A_STEM);
  CHECK(folio_topic_article(p, 1, 2, &a) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("suggestions: prefix over titles, aliases and inner words, ranked, one per article", "[lookup]") {
  const folio_pack *p = fx().pack;
  folio_entry e[8];
  uint32_t n = 0;
  SECTION("a prefix with a precomputed (heavy) list") {
    REQUIRE(folio_suggest(p, "S", 1, e, 8, &n) == FOLIO_OK);
    // sore knee (alias, rank 30), stem cells (title, rank 20), surface repair (word, rank 10): titles
    // beat aliases beat words; stem cell therapy is the same article as stem cells.
    REQUIRE(n == 3);
    CHECK(e[0].article == A_STEM);
    CHECK(e[0].kind == 0);
    CHECK(e[1].article == A_KNEE);
    CHECK(e[1].kind == 1);
    CHECK(e[2].article == A_CARTILAGE);
    CHECK(e[2].kind == 2);
    CHECK(e[0].score > e[1].score);
    CHECK(e[1].score > e[2].score);
  }
  SECTION("a prefix scanned from the key range") {
    REQUIRE(folio_suggest(p, "stem cell", 9, e, 8, &n) == FOLIO_OK);
    REQUIRE(n == 1);
    CHECK(e[0].article == A_STEM);
    CHECK(S(e[0].matched) == "stem cells");  // title beats the alias
    REQUIRE(folio_suggest(p, "re", 2, e, 8, &n) == FOLIO_OK);
    REQUIRE(n == 1);
    CHECK(e[0].article == A_CARTILAGE);
    CHECK(e[0].kind == 2);
  }
  SECTION("exact match first") {
    REQUIRE(folio_suggest(p, "pain", 4, e, 8, &n) == FOLIO_OK);
    REQUIRE(n == 1);
    CHECK(S(e[0].matched) == "pain");
    CHECK(e[0].score >= (1u << 20));
  }
  SECTION("cap limits and cap 0 counts") {
    REQUIRE(folio_suggest(p, "s", 1, e, 2, &n) == FOLIO_OK);
    CHECK(n == 2);
    CHECK(e[0].article == A_STEM);
    REQUIRE(folio_suggest(p, "s", 1, nullptr, 0, &n) == FOLIO_OK);
    CHECK(n == 3);
    CHECK(folio_suggest(p, "s", 1, nullptr, 3, &n) == FOLIO_E_ARG);
  }
  SECTION("no match, empty and invalid prefixes") {
    REQUIRE(folio_suggest(p, "xyz", 3, e, 8, &n) == FOLIO_OK);
    CHECK(n == 0);
    REQUIRE(folio_suggest(p, "", 0, e, 8, &n) == FOLIO_OK);
    CHECK(n == 0);
    CHECK(folio_suggest(p, "\xE2\x82", 2, e, 8, &n) == FOLIO_E_UTF8);
    CHECK(folio_suggest(nullptr, "s", 1, e, 8, &n) == FOLIO_E_ARG);
  }
  SECTION("deterministic: the same call twice gives the same list") {
    folio_entry e2[8];
    uint32_t n2 = 0;
    REQUIRE(folio_suggest(p, "s", 1, e, 8, &n) == FOLIO_OK);
    REQUIRE(folio_suggest(p, "s", 1, e2, 8, &n2) == FOLIO_OK);
    REQUIRE(n == n2);
    for (uint32_t i = 0; i < n; i++) CHECK(e[i].article == e2[i].article);
  }
}
