// search_query_test.cpp: the search engine end to end on a small JSONL corpus built by the real pack
// writer (two passes, search index included): query syntax, ranking contract, filters, typo correction,
// snippets and highlights, bad queries, and the result contract under small buffers. [search]
#include <catch2/catch.hpp>

#include <folio/folio.h>
#include <folio/folio.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "../../tools/index/search_index_writer.h"
#include "../../tools/index/search_pack_file.h"
#include "pack/pack.h"
#include "search/search.h"
#include "search/search_format.h"
#include "unit/builder_test_util.h"

namespace {

const char *kCorpus[] = {
    R"({"slug":"knee-pain","title":"Knee pain","topics":["symptoms"],"body":"Knee pain is common in adults.\n\n## Causes\n\nWear of the cartilage and torn menisci cause knee pain.\n\n## Treatment\n\nExercise and weight loss help. Steroid injections calm inflammation.\n\n## Notes for clinicians {.clinician}\n\nCorticosteroid dosing varies."})",
    R"({"slug":"cartilage","title":"Cartilage","topics":["anatomy"],"body":"Cartilage covers the ends of bones.\n\n## Regrowth\n\nCartilage regrowth after stem cell injections is unproven.\n\n## Meniscus\n\nThe meniscus is a pad of cartilage."})",
    R"({"slug":"cytokines","title":"Cytokines","body":"The cytokines TNF-α and IL-1β drive inflammation. Treatment can cost $10,000 over 2–3 rounds."})",
    R"({"slug":"bone-marrow","title":"Bone marrow","topics":["anatomy"],"body":"Bone marrow is taken from the hip bone with a needle.\n\n## Risks\n\nThe hip may ache like a bruise."})",
    R"({"slug":"fat","title":"Fat tissue","body":"Marrow is not the only source: fat from the belly also holds cells. Bone is not involved."})",
    R"({"slug":"ruiz","title":"The Ruíz method","body":"The method was described by Dr Ruíz in a small study."})",
};

struct Corpus {
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  Corpus(bool search = true) {
    std::string jsonl;
    for (const char *l : kCorpus) jsonl += std::string(l) + "\n";
    folio_test::write_file(dir / "c.jsonl", jsonl);
    const int rc = search ? folio_test::run_build({dir / "c.jsonl", "-o", dir / "c.folio", "--quiet"})
                          : folio_test::run_build({dir / "c.jsonl", "-o", dir / "c.folio", "--quiet", "--skip-search"});
    REQUIRE(rc == 0);
    REQUIRE(pf.open(dir / "c.folio") == FOLIO_OK);
  }
};

Corpus &corpus() {
  static Corpus c;
  return c;
}

struct Result {
  folio_status status;
  folio_search_result res;
  std::vector<folio_search_hit> hits;
  std::vector<char> text;
  std::string slug(uint32_t i) const { return std::string(hits[i].slug.ptr, hits[i].slug.len); }
  std::string anchor(uint32_t i) const { return std::string(hits[i].anchor.ptr, hits[i].anchor.len); }
  std::string snippet(uint32_t i) const { return std::string(text.data() + hits[i].snippet_off, hits[i].snippet_len); }
  bool has(const std::string &s) const {
    for (uint32_t i = 0; i < res.hit_count; ++i)
      if (slug(i) == s) return true;
    return false;
  }
  std::string corrected() const {
    return (res.flags & FOLIO_SEARCH_CORRECTED) ? std::string(text.data() + res.corrected_off, res.corrected_len) : "";
  }
  std::string missing() const {
    return (res.flags & FOLIO_SEARCH_MISSING) ? std::string(text.data() + res.missing_off, res.missing_len) : "";
  }
};

// The hits of r as "slug#anchor", in order: to compare two searches' results.
std::vector<std::string> hit_keys(const Result &r) {
  std::vector<std::string> k;
  for (uint32_t i = 0; i < r.res.hit_count; ++i) k.push_back(r.slug(i) + "#" + r.anchor(i));
  return k;
}

// Write `jsonl` to base + ".jsonl", build base + ".folio" from it and open that pack into *pf. At zstd
// level 1 (--level): these packs test search, which reads the same index at any level, and at level 19
// compressing their random words was three quarters of the time of the 5,000-article pack's test (9.7 s
// on the host, 2.6 s at level 1; 56 s under qemu-aarch64).
void build_jsonl_pack(const std::string &base, const std::string &jsonl, folio::index::PackFile *pf) {
  folio_test::write_file(base + ".jsonl", jsonl);
  REQUIRE(folio_test::run_build({base + ".jsonl", "-o", base + ".folio", "--quiet", "--level", "1"}) == 0);
  REQUIRE(pf->open(base + ".folio") == FOLIO_OK);
}

// Write `jsonl` and the lexicon `words` (one a line) beside base, build base + ".folio" with that lexicon
// and open the pack into *pf.
void build_lexicon_pack(const std::string &base, const std::string &jsonl, const std::string &words,
                        folio::index::PackFile *pf) {
  folio_test::write_file(base + ".jsonl", jsonl);
  folio_test::write_file(base + ".words", words);
  REQUIRE(folio_test::run_build({base + ".jsonl", "-o", base + ".folio", "--quiet", "--level", "1", "--lexicon", base + ".words"}) == 0);
  REQUIRE(pf->open(base + ".folio") == FOLIO_OK);
}

// folio_search on pack pf into fresh arrays.
Result search_pack(folio::index::PackFile &pf, const std::string &q, uint32_t flags = 0, uint32_t cap = 10,
                   size_t text_cap = 4096) {
  Result r;
  r.hits.resize(cap ? cap : 1);
  r.text.resize(text_cap ? text_cap : 1);
  r.status = folio_search(pf.reader, q.data(), q.size(), flags, cap ? r.hits.data() : nullptr, cap,
                          text_cap ? r.text.data() : nullptr, text_cap, &r.res);
  return r;
}

// The corrected query folio_search reports for q on pack pf ("" when none); the search must succeed.
std::string corrected_query(folio::index::PackFile &pf, const std::string &q) {
  const Result r = search_pack(pf, q);
  REQUIRE(r.status == FOLIO_OK);
  return r.corrected();
}

// Each query of `pairs` is shown corrected as its second string ("" for no correction) on pack pf.
void check_corrected(folio::index::PackFile &pf, std::initializer_list<std::pair<const char *, const char *>> pairs) {
  for (const auto &q : pairs) {
    INFO(q.first);
    CHECK(search_pack(pf, q.first).corrected() == q.second);
  }
}

// The first hit of query q is article `slug`, and a full match (it has every word).
void check_first_full(folio::index::PackFile &pf, const std::string &q, const std::string &slug, uint32_t flags = 0) {
  INFO(q);
  const Result r = search_pack(pf, q, flags);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == slug);
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
}

// The first hit of query q is article `slug`, a full match, and no word is named missing: the query's
// noise (a courtesy, a dictated "question mark") had nothing to match.
void check_noise_ignored(folio::index::PackFile &pf, const std::string &q, const std::string &slug) {
  INFO(q);
  const Result r = search_pack(pf, q);
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.missing() == "");
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  CHECK(r.slug(0) == slug);
}

Result run(const std::string &q, uint32_t flags = 0, uint32_t cap = 10, size_t text_cap = 4096) {
  return search_pack(corpus().pf, q, flags, cap, text_cap);
}

}  // namespace

TEST_CASE("search: exact title ranks first and is flagged", "[search]") {
  const Result r = run("knee pain");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK((r.hits[0].flags & FOLIO_HIT_TITLE) != 0);
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
  CHECK(folio_search_available(corpus().pf.pack) == 1);
}

TEST_CASE("search: a query naming an article opens its hit at the lead", "[search]") {
  // the title names the whole article: its hit shows the lead even where a later section scores higher
  // (2026-12-02: "cost and insurance" opened at "Before you pay"; here "Before you sign"); an alias often names a subtopic, so
  // the lead is shown for one only when its own words hold the query and no section heading does
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"cost","title":"Cost and insurance","aliases":["paying for it","infection cover","keyhole fees"],)"
      R"("body":"What you pay for it depends on the clinic, the town, the doctor, the kind of cells, the number )"
      R"(of visits and many other things that are hard to know in advance. Prices change from year to year and )"
      R"(from one place to the next, and a quote may leave out the scans, the follow-up visits and the travel.)"
      R"(\n\n## Before you sign\n\nAsk the cost, the insurance cover, the cost of each visit and the insurance )"
      R"(rules.\n\n## Infection\n\nAn infection may need more care, and insurance may not cover it.)"
      R"(\n\n## Keyhole fees\n\nFees for keyhole surgery vary.\n\n## Methods\n\nPaying now or paying soon.)"
      R"(\n\n## Later\n\nPaying later, paying early, paying."})"
      "\n"
      R"({"slug":"other","title":"Other things","body":"Insurance and cost are not covered here. Paying for it is hard."})"
      "\n"
      R"({"slug":"plain","title":"Plain page","body":"Nothing about money.\n\n## Later\n\nPlain words: cost and insurance."})"
      "\n";
  build_jsonl_pack(dir / "t", jsonl, &pf);
  auto first = [&](const char *q, uint32_t flags = 0) {
    std::vector<folio_search_hit> hits(5);
    std::vector<char> text(4096);
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), flags, hits.data(), 5, text.data(), text.size(), &res) ==
            FOLIO_OK);
    REQUIRE(res.hit_count >= 1);
    return std::make_pair(std::string(hits[0].slug.ptr, hits[0].slug.len) + "#" +
                              std::string(hits[0].anchor.ptr, hits[0].anchor.len),
                          hits[0]);
  };
  // the title, though "Before you sign" outscores the lead: the lead; its score is the article's best
  {
    const auto all = [&] {
      std::vector<folio_search_hit> hits(10);
      std::vector<char> text(4096);
      folio_search_result res;
      REQUIRE(folio_search(pf.reader, "cost insurance", 14, FOLIO_SEARCH_ALL_SECTIONS, hits.data(), 10, text.data(),
                           text.size(), &res) == FOLIO_OK);
      REQUIRE(res.hit_count >= 2);
      return std::string(hits[0].anchor.ptr, hits[0].anchor.len);
    }();
    CHECK(all != "");  // not the title query: a later section is the best one
    const auto r = first("Cost and Insurance");
    CHECK(r.first == "cost#");
    CHECK((r.second.flags & FOLIO_HIT_TITLE) != 0);
    CHECK(r.second.more_sections >= 2);
  }
  // the lead has no query word: still the lead (the section shown before counts among the others)
  {
    const auto r = first("plain page");
    CHECK(r.first == "plain#");
  }
  // an alias whose words the lead holds: the lead, though later sections outscore it, one after another
  CHECK(first("paying for it").first == "cost#");
  // an alias whose words the lead lacks ("infection"): the best section
  CHECK(first("infection cover").first == "cost#infection");
  // an alias a section heading holds: that section
  CHECK(first("keyhole fees").first == "cost#keyhole-fees");
  // one hit per section: the title article's sections keep the title tier, ranked by score
  const auto h = first("cost and insurance", FOLIO_SEARCH_ALL_SECTIONS);
  CHECK((h.second.flags & FOLIO_HIT_TITLE) != 0);
  CHECK(h.first.rfind("cost#", 0) == 0);
}

TEST_CASE("search: a question around a title or alias, or an alias of the title's words, opens at the lead", "[search]") {
  // 2026-12-03: "what are the risks" opened "Risks and side effects ..." at "Lab-grown cells and tumours":
  // the question words kept it from naming the article, and the alias "risks" opened at "Risks of taking
  // marrow", whose heading holds the word, as an alias naming a subtopic does ("infection risk")
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"risks","title":"Risks and side effects of stem cell shots","aliases":["risks","infection risk","stem cell risks"],)"
      R"("body":"No treatment is free of risk. The risks depend on where the cells come from and how they are )"
      R"(handled, and on who gives them.\n\n## Risks of taking marrow\n\nThe hip may ache like a bruise, a risk )"
      R"(most people accept.\n\n## Lab-grown cells\n\nLab-grown cells carry a risk of tumours, a risk that is )"
      R"(small, and risk, risk, risk again.\n\n## Infection\n\nAn infection risk follows any injection; )"
      R"(an infection is rare.\n\n## Stem cell handling\n\nStem cell products carry risks when stem cell )"
      R"(handling is poor: stem cell risk."})"
      "\n"
      R"({"slug":"other","title":"Other page","body":"What are the risks? Ask them. Risk is everywhere."})"
      "\n";
  build_jsonl_pack(dir / "t", jsonl, &pf);
  auto first = [&](const char *q) {
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    return r.slug(0) + "#" + r.anchor(0);
  };
  // without the names, these sections outscore the lead
  CHECK(first("risk tumours") == "risks#lab-grown-cells");
  // the alias "risks" is all words of the title: it names the article as the title does
  CHECK(first("risks") == "risks#");
  CHECK(first("stem cell risks") == "risks#");
  // the same names asked as questions: their leading stopwords left out
  CHECK(first("what are the risks") == "risks#");
  CHECK(first("What are the stem cell risks?") == "risks#");
  CHECK(first("and the risks") == "risks#");
  // an alias beside the title's words names a subtopic: its section
  CHECK(first("infection risk") == "risks#infection");
  // stopwords alone, or stopwords before a word that names nothing: no article named, the best section
  CHECK(search_pack(pf, "what are the").status == FOLIO_OK);
  CHECK(first("what are the tumours") == "risks#lab-grown-cells");
}

TEST_CASE("search: a query equal to a section heading ranks that section first", "[search]") {
  // heading_order stores only section ids: the keys are folded from the pack's headings at query time
  struct {
    const char *query, *slug, *anchor;
  } cases[] = {{"Regrowth", "cartilage", "regrowth"},
               {"  risks!", "bone-marrow", "risks"},
               {"notes for CLINICIANS", "knee-pain", "notes-for-clinicians"},
               {"Meniscus", "cartilage", "meniscus"}};
  for (const auto &c : cases) {
    CAPTURE(c.query);
    const Result r = run(c.query, FOLIO_SEARCH_ALL_SECTIONS);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == c.slug);
    CHECK(r.anchor(0) == c.anchor);
    CHECK((r.hits[0].flags & FOLIO_HIT_TITLE) != 0);
  }
  const Result r = run("regrowth after", FOLIO_SEARCH_ALL_SECTIONS);  // not a heading
  REQUIRE(r.status == FOLIO_OK);
  for (uint32_t i = 0; i < r.res.hit_count; ++i) CHECK((r.hits[i].flags & FOLIO_HIT_TITLE) == 0);
}

TEST_CASE("search: all words first, then partial matches", "[search]") {
  const Result r = run("cartilage regrowth");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "cartilage");
  CHECK(r.anchor(0) == "regrowth");
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  // stopwords, "vs" and the modal verbs that open questions never have to match (no section says "can",
  // "will", "may", "might" or "versus"): still a full match
  for (const char *q : {"can cartilage regrowth", "will cartilage regrowth", "cartilage regrowth vs may might"}) {
    const Result n = run(q);
    INFO(q);
    REQUIRE(n.res.hit_count >= 1);
    CHECK(n.anchor(0) == "regrowth");
    CHECK((n.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
    CHECK((n.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  }
  // a word nothing contains: partial matches, flagged
  const Result p = run("cartilage zzyzx");
  REQUIRE(p.status == FOLIO_OK);
  REQUIRE(p.res.hit_count >= 1);
  CHECK((p.res.flags & FOLIO_SEARCH_PARTIAL) != 0);
  CHECK((p.hits[0].flags & FOLIO_HIT_ALL_WORDS) == 0);
  // full matches always rank above partial ones
  const Result m = run("cartilage meniscus", FOLIO_SEARCH_ALL_SECTIONS, 20);
  REQUIRE(m.res.hit_count >= 2);
  bool seen_partial = false;
  for (uint32_t i = 0; i < m.res.hit_count; ++i) {
    const bool full = (m.hits[i].flags & FOLIO_HIT_ALL_WORDS) != 0;
    if (!full) seen_partial = true;
    CHECK(!(full && seen_partial));
  }
}

TEST_CASE("search: phrases, exclusion and prefixes", "[search]") {
  const Result ph = run("\"bone marrow\"");
  REQUIRE(ph.status == FOLIO_OK);
  CHECK(ph.has("bone-marrow"));
  CHECK(!ph.has("fat"));  // has both words, not as a phrase
  const Result words = run("bone marrow");
  CHECK(words.has("fat"));  // ... but does match the plain words (partial or full)

  const Result ex = run("marrow -hip");
  REQUIRE(ex.status == FOLIO_OK);
  CHECK(!ex.has("bone-marrow"));
  CHECK(ex.has("fat"));

  const Result pre = run("menis*");
  REQUIRE(pre.status == FOLIO_OK);
  CHECK(pre.has("cartilage"));
  CHECK(pre.has("knee-pain"));  // "menisci"

  // the last word as a prefix only with FOLIO_SEARCH_PREFIX_LAST
  const Result typing = run("regr", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(typing.status == FOLIO_OK);
  REQUIRE(typing.res.hit_count >= 1);
  CHECK(typing.slug(0) == "cartilage");
  const Result plain = run("regr", FOLIO_SEARCH_NO_FUZZY);
  CHECK(plain.res.hit_count == 0);
}

TEST_CASE("search: as you type an inflected last word is also the start of longer words", "[search]") {
  // "different" stems to "differ", a word of the pack; but as typed it is also the start of
  // "differentiation", which the user may be typing: its completions weigh as a prefix's (0.8), not as
  // the light completions of a word typed whole (0.2), which left the section on differentiation below
  // one where people "differ" (on the bundled pack "what are the downs" ranked "wears down" above the
  // FAQ answer "What are the downsides?"). A last word that is its own stem ("knee") keeps them light.
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string jsonl;
  for (const char *line :
       {R"({"slug":"healing","title":"Healing","body":"People differ in how they heal after an injection into the knee, how long the pain lasts, how soon they walk without a stick and how much they can do at work or at home in the months that follow the treatment."})",
        R"({"slug":"cells","title":"Cells","body":"## Differentiation\n\nStem cells can turn into cartilage cells in a dish. This is called differentiation."})",
        R"({"slug":"kneecap","title":"Kneecap","body":"The kneecap sits in front of the knee joint."})",
        R"({"slug":"knee","title":"Knee","body":"The knee bends. A knee can hurt. Knee pain is common in the knee."})"})
    jsonl += std::string(line) + "\n";
  build_jsonl_pack(dir / "p", jsonl, &pf);
  const Result typing = search_pack(pf, "different", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(typing.res.hit_count >= 2);
  CHECK(typing.slug(0) == "cells");
  CHECK(typing.has("healing"));
  const Result done = search_pack(pf, "different");  // typed as a whole word: "differ" only
  REQUIRE(done.res.hit_count == 1);
  CHECK(done.slug(0) == "healing");
  const Result knee = search_pack(pf, "knee", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(knee.res.hit_count >= 2);
  CHECK(knee.slug(0) == "knee");
  CHECK(knee.hits[0].score > 2.0f * knee.hits[1].score);  // "kneecap" only as a light completion
}

TEST_CASE("search: folding and special tokens", "[search]") {
  CHECK(run("ruiz").has("ruiz"));
  CHECK(run("RUÍZ").has("ruiz"));
  CHECK(run("TNF-α").has("cytokines"));
  CHECK(run("IL-1β").has("cytokines"));
  CHECK(run("$10,000").has("cytokines"));
  CHECK(run("10000").has("cytokines"));
  CHECK(run("2–3 rounds").has("cytokines"));
  CHECK(run("2-3").has("cytokines"));
}

TEST_CASE("search: typo tolerance reports the corrected query", "[search]") {
  const Result r = run("cartilege regrowth");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "cartilage");
  CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(r.corrected() == "cartilage regrowth");
  const Result off = run("cartilege", FOLIO_SEARCH_NO_FUZZY);
  CHECK(off.res.hit_count == 0);
  CHECK((off.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
}

TEST_CASE("search: the words no section has are reported as typed", "[search]") {
  // one word the pack lacks: partial hits for the others, and the word named
  const Result r = run("hovercraft knee");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) != 0);
  REQUIRE((r.res.flags & FOLIO_SEARCH_MISSING) != 0);
  CHECK(r.missing() == "hovercraft");
  // its bytes are in `text` next to the snippets, none overlapping
  CHECK(r.res.missing_off + r.res.missing_len <= r.res.text_len);
  for (uint32_t i = 0; i < r.res.hit_count; ++i)
    CHECK((r.hits[i].snippet_off >= r.res.missing_off + r.res.missing_len ||
           r.hits[i].snippet_off + r.hits[i].snippet_len <= r.res.missing_off));
  // nothing found: 0 hits, and the words; in query order, once each, as typed (case kept)
  const Result none = run("Zebra knee Hovercraft zebra");
  CHECK(none.missing() == "Zebra Hovercraft zebra");
  const Result twice = run("hovercraft knee hovercraft");
  CHECK(twice.missing() == "hovercraft");
  const Result only = run("hovercraft");
  CHECK(only.res.hit_count == 0);
  CHECK(only.missing() == "hovercraft");
  // a quoted phrase with a missing word is missing, with its quotes; so is one whose words all occur, but
  // never side by side, and a compound whose parts are in no one section ("knee" and "bone" are in
  // different articles here); a phrase that occurs, or a compound whose parts occur together, is not
  CHECK(run("knee \"hip hovercraft\"").missing() == "\"hip hovercraft\"");
  const Result apart = run("\"bone knee\"");
  CHECK(apart.res.hit_count == 0);
  CHECK(apart.missing() == "\"bone knee\"");
  const Result apart2 = run("cartilage \"bone knee\"");
  CHECK(apart2.res.hit_count >= 1);
  CHECK(apart2.missing() == "\"bone knee\"");
  const Result compound = run("bone-knee");
  CHECK(compound.res.hit_count == 0);
  CHECK(compound.missing() == "bone-knee");
  CHECK((run("\"hip bone\" knee").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("\"hip bone\"").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("stem-cell").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("cartilage-regrowth").res.flags & FOLIO_SEARCH_MISSING) == 0);
  // corrected, excluded, stopwords and words found through a prefix are not missing
  const Result typo = run("cartilege hovercraft");
  CHECK(typo.corrected() == "cartilage hovercraft");
  CHECK(typo.missing() == "hovercraft");
  CHECK((run("knee -hovercraft").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("the knee").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("menis*").res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((run("knee men", FOLIO_SEARCH_PREFIX_LAST).res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK(run("knee hoverc", FOLIO_SEARCH_PREFIX_LAST).missing() == "hoverc");
  // no hits because the words were found only as guesses: all of them are missing, the guessed one too
  const Result guess = run("hovercraft zebra kneee");
  CHECK(guess.res.hit_count == 0);
  CHECK((guess.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  CHECK(guess.missing() == "hovercraft zebra kneee");
  // no room in `text` (or none): TEXT_FULL instead, never a cut word
  const Result small = run("hovercraft knee", 0, 10, 4);
  CHECK((small.res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((small.res.flags & FOLIO_SEARCH_TEXT_FULL) != 0);
  const Result notext = run("hovercraft knee", 0, 10, 0);
  CHECK(notext.status == FOLIO_OK);
  CHECK((notext.res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((notext.res.flags & FOLIO_SEARCH_TEXT_FULL) != 0);
  // control characters are shown as spaces
  CHECK(run(std::string("zebra\x01" "craft knee")).missing() == "zebra craft");
  // the C++ wrapper's view
  folio::SearchResults<4, 1024> w;
  REQUIRE(folio::search(corpus().pf.reader, "hovercraft knee", 15, w) == FOLIO_OK);
  CHECK(std::string(w.missing().ptr, w.missing().len) == "hovercraft");
  REQUIRE(folio::search(corpus().pf.reader, "knee", 4, w) == FOLIO_OK);
  CHECK(w.missing().len == 0);
}

namespace {

struct Typo {
  folio_status status;
  std::vector<folio::fts::TypoCandidate> cands;
  folio::fts::TypoStats stats;
  std::string surface(size_t i) const { return std::string(cands[i].surface, cands[i].surface_len); }
};

Typo typo(const std::string &w, uint32_t budget = 0) {
  Typo t;
  t.cands.resize(3);
  uint32_t n = 0;
  t.status =
      folio::fts::typo_candidates(corpus().pf.reader, w.data(), w.size(), t.cands.data(), 3, &n, &t.stats, budget);
  t.cands.resize(n);
  return t;
}

// The first typo candidate of w is the term `term`, shown as `surface`, at distance `dist`.
void check_first_candidate(const char *w, const char *term, const char *surface, uint32_t dist) {
  INFO(w);
  const Typo t = typo(w);
  REQUIRE(t.status == FOLIO_OK);
  REQUIRE(t.cands.size() >= 1);
  CHECK(std::string(t.cands[0].term, t.cands[0].term_len) == term);
  CHECK(t.surface(0) == surface);
  CHECK(t.cands[0].dist == dist);
}

}  // namespace

TEST_CASE("search: a misspelled word searches only its nearest corrections", "[search]") {
  // "infectoin" is one edit (a swap) from "infection" and two from "injection": the query is shown as
  // "infection risk", so no hit may be there for "injection" (it was, at a lower weight, and an article
  // about injections came first with "injection" lit under "Showing results for: infection risk")
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "c",
                   R"({"slug":"shots","title":"Injection risk","body":"An injection carries a small risk. The injection risk is low."})" "\n"
                   R"({"slug":"germs","title":"Germs","body":"A joint infection is a rare risk after any procedure."})" "\n",
                   &pf);
  const Result r = search_pack(pf, "infectoin risk");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "infection risk");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "germs");
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
  REQUIRE(r.res.hit_count == 2);  // "shots" has "risk": a partial match, not a full one through "injection"
  CHECK(r.slug(1) == "shots");
  CHECK((r.hits[1].flags & FOLIO_HIT_ALL_WORDS) == 0);
  for (uint32_t i = 0; i < r.res.hit_count; ++i)
    for (uint32_t k = 0; k < r.hits[i].highlight_count; ++k)
      CHECK(r.snippet(i).substr(r.hits[i].highlights[k].off, r.hits[i].highlights[k].len) != "injection");
}

TEST_CASE("search: two typo edits only in words (and stems) of 8 bytes or more", "[search]") {
  // one edit for words of up to 7 bytes, two for longer ones; the typed word's stem is held to its own
  // length ("allergic", stem "allerg", is two edits from "altern", the stem of "alternatives")
  CHECK(typo("menisxi").cands.size() >= 1);      // 7 bytes, one edit from "menisci"
  CHECK(typo("mxnisxi").cands.empty());           // 7 bytes, two edits
  const Typo r = typo("rxgrowxh");                // 8 bytes, two edits from "regrowth"
  REQUIRE(r.cands.size() >= 1);
  CHECK(r.surface(0) == "regrowth");
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  folio::fts::TypoCandidate c[3];
  uint32_t n = 9;
  REQUIRE(folio::fts::typo_candidates(pf.reader, "allergic", 8, c, 3, &n, nullptr) == FOLIO_OK);
  for (uint32_t i = 0; i < n; ++i) CHECK(std::string(c[i].term, c[i].term_len) != "altern");
  n = 9;
  REQUIRE(folio::fts::typo_candidates(pf.reader, "alternativs", 11, c, 3, &n, nullptr) == FOLIO_OK);
  REQUIRE(n >= 1);
  CHECK(std::string(c[0].term, c[0].term_len) == "altern");  // the term itself is still reachable
}

TEST_CASE("search: an extra letter in a suffix the stemmer strips is corrected by deletion", "[search]") {
  // "painfull" (stem "painful") is 3-4 edits from the term "pain" and from its stored surface "pain", so
  // the automata find nothing; with one letter deleted it is "painful", which stems to "pain"
  check_first_candidate("painfull", "pain", "painful", 1);
  const Result r = run("painfull knee");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK(r.corrected() == "painful knee");
  CHECK(run("painfull knee", FOLIO_SEARCH_NO_FUZZY).corrected().empty());
  // a deletion that leaves the stem unchanged, or a word the automata already correct, is not needed:
  // "kneee" is one edit from the surface "knee" as before
  CHECK(typo("kneee").surface(0) == "knee");
  // nothing to find: no letter's deletion gives a term
  CHECK(typo("zzyzzx").cands.empty());
}

TEST_CASE("search: a typo is compared with the term's other forms, not only its stored one", "[search]") {
  // the walk compares the typed word with a term's stored (commonest) surface and the typed stem with the
  // term: "kness" is two edits from "knee" (a five-letter word gets one) and is its own stem, but one
  // from "knees", a form of `knee`
  check_first_candidate("kness", "knee", "knees", 1);
  // "injectng" was found at two edits through its stem; "injecting" is one
  check_first_candidate("injectng", "inject", "injecting", 1);
  const Result r = run("kness pain");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "knees pain");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
}

TEST_CASE("search: a word spelt by its sound is corrected by rewriting its ending", "[search]") {
  // "injecshun" is three edits from "injection" (s->t, h->i, u->o), beyond the automata's two, and no
  // single deletion gives a term: the ending "shun" is rewritten to "tion" and "sion" and looked up
  // at the word's full edit budget, the weakest kind of correction; "injecsion" stems to no term
  check_first_candidate("injecshun", "inject", "injection", 2);
  CHECK(typo("injecshun").cands.size() == 1);
  CHECK(typo("injecshuns").surface(0) == "injections");  // before a plural's 's'
  CHECK(typo("injecshon").surface(0) == "injection");
  const Result r = run("steroid injecshuns");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "steroid injections");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK(r.anchor(0) == "treatment");
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
  CHECK(run("steroid injecshuns", FOLIO_SEARCH_NO_FUZZY).corrected().empty());
  // only the ending is rewritten, and only to a word of the pack
  CHECK(typo("shunning").cands.empty());
  CHECK(typo("zzyzshun").cands.empty());
  // the other endings: "shus" -> "tious" / "cious", "shal" / "shul" -> "tial" / "cial"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "s",
                   R"({"slug":"germs","title":"Germs","body":"Infectious germs are rare. Essential care is special."})" "\n",
                   &pf);
  CHECK(search_pack(pf, "infecshus germs").corrected() == "infectious germs");
  CHECK(search_pack(pf, "essenshal care").corrected() == "essential care");
  CHECK(search_pack(pf, "speshul care").corrected() == "special care");
}

TEST_CASE("search: the question words (can, will, may, might, must, help, many, mean and their forms, vs, still, likely, ok, text-speak) never have to match", "[search]") {
  // cartilage#regrowth has "cartilage" and "regrowth" but no "can" or "help": still a full match
  const Result r = run("can it help cartilage regrowth");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  CHECK(r.slug(0) == "cartilage");
  CHECK(r.anchor(0) == "regrowth");
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
  // so do the verb's inflections ("how long before acupuncture helps knee arthritis" had required "helps"
  // and ranked sections with "help" and "knee" above the one about acupuncture)
  // and so does "many" of "how many" ("how many days will my knee be sore after the shot" showed a list
  // of questions with "How many cells" above the section on the first sore days)
  // and "mean" of "what does X mean" ("what does minimally manipulated mean" showed a section headed "What
  // this means for you" above the one that explains the words), and the modal "must" as "can" and "will"
  // ("must i repeat the cure every year", as a reader whose first language is not English asks)
  for (const char *q : {"it helps cartilage regrowth", "it helped cartilage regrowth", "helping cartilage regrowth",
                        "how many cartilage regrowth", "what does cartilage regrowth mean",
                        "what cartilage regrowth means", "meaning of cartilage regrowth",
                        "must i have cartilage regrowth",
                        // and the question adverbs "still" and "likely" ("can i still have a knee replacement if
                        // the stem cells don't work" required "still" and ranked a section that has it first)
                        "is cartilage regrowth still unproven", "is cartilage regrowth likely unproven",
                        // and "ok" / "okay" of "is it ok to": a content word would make every hit partial
                        // and be reported as a word no section has
                        "is cartilage regrowth ok", "is it okay to have cartilage regrowth",
                        // and text-speak for stopwords ("r stem cells safe", "b4 the injection"): each was
                        // required, made every hit partial and was named missing ("no section has: r wat abt")
                        "wat abt cartilage regrowth", "r there cartilage regrowth n is it for u",
                        "cartilage regrowth b4 n after", "cartilage regrowth for urself pls thx"}) {
    INFO(q);
    const Result i = run(q);
    REQUIRE(i.res.hit_count >= 1);
    CHECK((i.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
    CHECK((i.res.flags & FOLIO_SEARCH_MISSING) == 0);
    CHECK(i.slug(0) == "cartilage");
    CHECK(i.anchor(0) == "regrowth");
  }
  // they still add score where they occur: "help" alone finds the section that has it
  const Result h = run("help");
  REQUIRE(h.res.hit_count >= 1);
  CHECK(h.slug(0) == "knee-pain");
  CHECK(h.anchor(0) == "treatment");
}

TEST_CASE("search: a deletion that is no word shows the term's own form", "[search]") {
  // "guidelines" with its "n" deleted is "guidelies", which stems to "guid" like "guide": the correction
  // used to show that non-word; only a doubled letter's deletion is shown as typed ("painfull"). Since
  // 2026-12-06 a typed inflection is kept when that form is nearer to the typed word: "guides" (the term
  // with the typed "es"), a word of the text, not "guidelies".
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"guide","title":"Patient guide","body":"This guide is for patients. Our guides are short."})"
      "\n";
  build_jsonl_pack(dir / "g", jsonl, &pf);
  std::vector<folio_search_hit> hits(2);
  std::vector<char> text(512);
  folio_search_result res;
  REQUIRE(folio_search(pf.reader, "guidelines", 10, FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 2, text.data(), text.size(),
                       &res) == FOLIO_OK);
  REQUIRE(res.hit_count == 1);
  REQUIRE((res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(std::string(text.data() + res.corrected_off, res.corrected_len) == "guides");
}

TEST_CASE("search: a comparative or superlative no section has finds its base word", "[search]") {
  // Porter2 keeps "-er" and "-est": "riskier" found nothing in a pack that says "risk" and "risky"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"risk","title":"Knee injections","body":"Every injection carries some risk of infection."})"
      "\n"
      R"({"slug":"safe","title":"Rest","body":"Rest is a safe first step. Braces are safer than surgery."})"
      "\n"
      R"({"slug":"cheap","title":"Exercise","body":"Exercise is cheaper than any injection."})"
      "\n"
      R"({"slug":"big","title":"Surgery","body":"Knee replacement is a big operation."})"
      "\n"
      R"({"slug":"healthy","title":"Weight","body":"A healthy weight takes load off the knee."})"
      "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  struct Case {
    const char *query, *slug, *lit;  // the hit and the word its snippet highlights
  };
  for (const Case &c : {Case{"riskier", "risk", "risk"}, Case{"riskiest", "risk", "risk"},
                        Case{"safest step", "safe", "safe"}, Case{"cheapest", "cheap", "cheaper"},
                        Case{"bigger operation", "big", "big"}, Case{"healthier", "healthy", "healthy"}}) {
    INFO(c.query);
    for (uint32_t flags : {0u, static_cast<uint32_t>(FOLIO_SEARCH_NO_FUZZY)}) {
      const Result r = search_pack(pf, c.query, flags);
      REQUIRE(r.status == FOLIO_OK);
      REQUIRE(r.res.hit_count >= 1);
      CHECK(r.slug(0) == c.slug);
      CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
      CHECK(r.corrected().empty());  // the same word, not a correction
      REQUIRE(r.hits[0].highlight_count >= 1);
      const folio_search_range &h = r.hits[0].highlights[0];
      CHECK(r.snippet(0).substr(h.off, h.len) == c.lit);
    }
  }
  // a word the pack has is searched as it is: "safer" finds the sentence with "safer", not "safe"
  const Result safer = search_pack(pf, "safer");
  REQUIRE(safer.res.hit_count == 1);
  CHECK(safer.slug(0) == "safe");
  CHECK(safer.snippet(0).find("safer") != std::string::npos);
  // an -er noun whose base is no word of the pack is left to typo correction as before
  CHECK(search_pack(pf, "zzzqer").res.hit_count == 0);
}

TEST_CASE("search: an -er noun is not searched as the word it ends in, but a doer is", "[search]") {
  // until 2026-12-06 "shoulder pain" was searched as "should pain" ("shoulde" stems to the stopword
  // "should"), "liver" as "live" and "summer" as "sum": a base that is a stopword is never taken, and
  // kNotDegree lists the -er and -est nouns whose base is another common word. A doer keeps its verb:
  // "smoker" finds "smoking", "driver" finds "drive".
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"scan","title":"Scans","body":"A live X-ray guides the needle. You should rest the knee."})"
      "\n"
      R"({"slug":"price","title":"Price","body":"The whole sum is paid up front. Good care costs more."})"
      "\n"
      R"({"slug":"habits","title":"Habits","body":"Smoking may slow healing. Do not drive for a day."})"
      "\n";
  // as in a real pack, a lexicon tells the real words from typos, so "liver" alone is not corrected
  build_lexicon_pack(dir / "n", jsonl, "shoulder\nliver\nsummer\ncareer\nsmoker\ndriver\n", &pf);
  for (const char *q : {"shoulder", "liver", "summer", "career"}) {
    INFO(q);
    for (uint32_t flags : {0u, static_cast<uint32_t>(FOLIO_SEARCH_NO_FUZZY)}) {
      const Result r = search_pack(pf, q, flags);
      REQUIRE(r.status == FOLIO_OK);
      CHECK(r.res.hit_count == 0);
    }
  }
  // with another word that is found: the noun is named as missing, not matched to its base
  const Result sp = search_pack(pf, "shoulder rest", FOLIO_SEARCH_NO_FUZZY);
  REQUIRE(sp.res.hit_count == 1);
  CHECK((sp.res.flags & FOLIO_SEARCH_PARTIAL) != 0);
  REQUIRE(sp.hits[0].highlight_count == 1);
  CHECK(sp.snippet(0).substr(sp.hits[0].highlights[0].off, sp.hits[0].highlights[0].len) == "rest");
  struct Case {
    const char *query, *lit;
  };
  for (const Case &c : {Case{"smoker", "Smoking"}, Case{"driver", "drive"}}) {
    INFO(c.query);
    const Result r = search_pack(pf, c.query, FOLIO_SEARCH_NO_FUZZY);
    REQUIRE(r.res.hit_count == 1);
    CHECK(r.slug(0) == "habits");
    REQUIRE(r.hits[0].highlight_count >= 1);
    CHECK(r.snippet(0).substr(r.hits[0].highlights[0].off, r.hits[0].highlights[0].len) == c.lit);
  }
}

TEST_CASE("search: an initialism written with dots is one word, e.g. and i.e. never have to match", "[search]") {
  // the tokenizer makes each letter of "U.S." a word of its own: "U.S. knee replacements" matched
  // neither letter to the content's "US", and "e.g." made two required one-letter words of "e" and "g"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"us","title":"Knee surgery","body":"In the US, knee replacements number 600,000 a year."})"
      "\n"
      R"({"slug":"uk","title":"Waiting lists","body":"In the UK, knee replacements wait for months."})"
      "\n"
      R"({"slug":"pt","title":"Physical therapy","body":"Exercise and physical therapy come first, with knee braces."})"
      "\n";
  build_jsonl_pack(dir / "i", jsonl, &pf);
  for (const char *q : {"U.S. knee replacements", "u.s knee replacements", "(U.S.) knee replacements"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "us");
    CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
    REQUIRE(r.hits[0].highlight_count >= 1);
    CHECK(r.snippet(0).find("[") == std::string::npos);  // plain snippet text
    bool lit_us = false;
    for (uint32_t k = 0; k < r.hits[0].highlight_count; ++k)
      lit_us |= r.snippet(0).substr(r.hits[0].highlights[k].off, r.hits[0].highlights[k].len) == "US";
    CHECK(lit_us);
  }
  const Result uk = search_pack(pf, "U.K. knee replacements");
  REQUIRE(uk.res.hit_count >= 1);
  CHECK(uk.slug(0) == "uk");
  // list abbreviations are noise: every content word still matches, so the hit is a full one
  for (const char *q : {"knee therapy e.g. exercise", "knee therapy, i.e. exercise", "knee therapy exercise etc."}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "pt");
    CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  }
}

TEST_CASE("search: letters spelled out one by one are the abbreviation they spell", "[search]") {
  // a voice keyboard writes "BMAC" as "b m a c": each letter was a required word of its own, and the
  // section that names BMAC had none of them
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"bmac","title":"Marrow concentrate","body":"BMAC is bone marrow aspirate concentrate, spun from marrow taken at the hip."})"
      "\n"
      R"({"slug":"prp","title":"Platelets","body":"PRP is plasma rich in platelets, drawn from the arm."})"
      "\n"
      R"({"slug":"vitamins","title":"Vitamins","body":"Vitamin D and vitamin B help bones; a plan may list them as b and d."})"
      "\n"
      R"({"slug":"mac","title":"Apple","body":"A Mac is a computer; a B grade is a mark."})"
      "\n"
      R"({"slug":"am","title":"Morning","body":"Take the pill at 8 am, or I am told at noon."})"
      "\n";
  build_jsonl_pack(dir / "l", jsonl, &pf);
  for (const char *q : {"what is b m a c", "B M A C", "is it a b m a c from the hip", "b m a c?"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "bmac");
    CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
    CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) == 0);  // not a typo: the letters are the word
    REQUIRE(r.hits[0].highlight_count >= 1);
    CHECK(r.snippet(0).substr(r.hits[0].highlights[0].off, r.hits[0].highlights[0].len) == "BMAC");
  }
  // the last letters of a query typed as you type are joined too
  check_first_full(pf, "platelets or p r p", "prp", FOLIO_SEARCH_PREFIX_LAST);
  // letters that spell no word of the pack stay letters: "b and d" still finds the vitamins
  check_first_full(pf, "vitamin b d", "vitamins");
  // an excluded letter is not part of a run: "p r -p" is no "prp"
  const Result neg = search_pack(pf, "p r -p");
  CHECK(!neg.has("prp"));
  // dictation writes "BMAC" as "b mac" as often as "b m a c": a letter and the syllable after it are
  // joined the same way ("b mac" found nothing, "no section has: b mac", until 2026-12-06)
  for (const char *q : {"b mac", "what is b mac", "B MAC from the hip", "should the b mac be spun from marrow"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "bmac");
    CHECK(r.missing() == "");
    CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  }
  // a letter that is a stopword is left as it is ("i am" is no "iam"); a syllable that makes no word of
  // the pack stays a word ("b grade" finds the page with "grade")
  check_first_full(pf, "i am told", "am");
  check_first_full(pf, "b grade", "mac");
}

TEST_CASE("search: a dictated \"question mark\" that ends a query never has to match", "[search]") {
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"back","title":"Back pain","body":"Pain felt in the knee can start in the back."})"
      "\n"
      R"({"slug":"marks","title":"Punctuation","body":"A question mark ends a question; a mark is a sign."})"
      "\n";
  build_jsonl_pack(dir / "q", jsonl, &pf);
  for (const char *q : {"can knee pain start in the back question mark", "knee pain from back Question Mark"}) {
    check_noise_ignored(pf, q, "back");
    CHECK(!search_pack(pf, q).has("marks"));
  }
  // elsewhere, or in a short query, the words are words to find
  for (const char *q : {"question mark", "what does a question mark mean", "mark knee pain back"}) {
    INFO(q);
    const Result r = search_pack(pf, q, 0, 2);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.has("marks"));
  }
}

TEST_CASE("search: a word broken by dictation is joined into the word it makes", "[search]") {
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"autologous","title":"Own cells","body":"Autologous cells come from your own body and are injected back."})"
      "\n"
      R"({"slug":"prolotherapy","title":"Sugar shots","body":"Prolotherapy injects a sugar solution into a sore tendon."})"
      "\n"
      R"({"slug":"low","title":"Low dose","body":"A low dose of a pain pill is the pro choice for mild pain; therapy helps too."})"
      "\n"
      R"({"slug":"diabetes","title":"Diabetes","body":"Diabetes changes how a wound heals."})"
      "\n"
      R"({"slug":"typical","title":"Recovery","body":"A typical recovery takes two weeks; atypical pain needs a visit."})"
      "\n"
      R"({"slug":"kneecap","title":"Kneecap","body":"The kneecap glides in a groove of the thigh bone."})"
      "\n"
      R"({"slug":"arthritis","title":"Stiff knees","body":"Arthritis makes a knee stiff, and its pain comes and goes."})"
      "\n";
  build_jsonl_pack(dir / "b", jsonl, &pf);
  // an unknown piece whose word with its neighbour is one typo from a word of the pack
  const Result auto_ = search_pack(pf, "auto logus cells from your body");
  REQUIRE(auto_.res.hit_count >= 1);
  CHECK(auto_.slug(0) == "autologous");
  CHECK((auto_.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  CHECK(auto_.corrected() == "autologous cells from your body");
  // a piece one edit from a stopword ("itis": "its") is still a piece: dictation's "arthur itis" is arthritis
  for (const char *q : {"arthur itis", "arthur itis pain"}) {
    INFO(q);
    const Result art = search_pack(pf, q);
    REQUIRE(art.res.hit_count >= 1);
    CHECK(art.slug(0) == "arthritis");
    CHECK((art.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
    CHECK(art.corrected().substr(0, 9) == "arthritis");
  }
  // pieces whose word stems to a word of the pack are that word, not a correction ("autologis" and
  // "autologous" have one stem)
  const Result exact = search_pack(pf, "auto logis cells");
  REQUIRE(exact.res.hit_count >= 1);
  CHECK(exact.slug(0) == "autologous");
  CHECK((exact.res.flags & (FOLIO_SEARCH_PARTIAL | FOLIO_SEARCH_CORRECTED)) == 0);
  // two pieces that make a word exactly
  check_first_full(pf, "kne ecap groove", "kneecap");
  // syllables of known words, one edit from a long word: joined where the correction fits the query
  const Result pro = search_pack(pf, "what is pro low therapy for a sore tendon");
  REQUIRE(pro.res.hit_count >= 1);
  CHECK(pro.slug(0) == "prolotherapy");
  CHECK((pro.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  CHECK(pro.corrected() == "what is prolotherapy for a sore tendon");
  // alone, with no other word to fit, the words stay as typed, and the section that has them is found
  const Result alone = search_pack(pf, "pro low therapy");
  REQUIRE(alone.res.hit_count >= 1);
  CHECK(alone.slug(0) == "low");
  CHECK((alone.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  // ... and not where it does not: no section has prolotherapy with diabetes
  const Result pro_d = search_pack(pf, "pro low therapy diabetes");
  CHECK((pro_d.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  CHECK(!pro_d.has("prolotherapy"));
  // known words that are not syllables are never joined, nor is a stopword ("a typical" is not "atypical")
  const Result typ = search_pack(pf, "a typical recovery");
  REQUIRE(typ.res.hit_count >= 1);
  CHECK(typ.slug(0) == "typical");
  CHECK((typ.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  // without typo tolerance, only exact joins
  const Result nf = search_pack(pf, "auto logus cells", FOLIO_SEARCH_NO_FUZZY);
  CHECK((nf.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  CHECK((nf.res.hit_count == 0 || (nf.res.flags & FOLIO_SEARCH_PARTIAL) != 0));
  CHECK(search_pack(pf, "kne ecap", FOLIO_SEARCH_NO_FUZZY).has("kneecap"));
}

TEST_CASE("search: a clinician's 6/52 is six weeks (3/12 months and 5/7 days)", "[search]") {
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"weeks","title":"Early relief","body":"Pain often eases within six weeks of the shot."})"
      "\n"
      R"({"slug":"months","title":"Later relief","body":"Relief can last 6 months or more after the shot."})"
      "\n"
      R"({"slug":"days","title":"First days","body":"Swelling usually settles in 3 days."})"
      "\n"
      R"({"slug":"other","title":"Numbers","body":"Of 52 people, 12 had pain and 7 had swelling on a scale of 1 to 5."})"
      "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  const struct {
    const char *q, *slug;
  } cases[] = {{"pain 6/52", "weeks"}, {"shot 6/12", "months"}, {"swelling 3/7", "days"}, {"6/52", "weeks"}};
  for (const auto &c : cases) {
    INFO(c.q);
    const Result r = search_pack(pf, c.q);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == c.slug);
    CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);  // "52", "12" and "7" are not words to find
  }
  // not a duration: another denominator, a count over 99 or with a leading zero, "24/7", or excluded
  for (const char *q : {"pain 6/5", "pain 24/7", "pain 06/52", "pain 100/52"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    CHECK(!(r.res.hit_count >= 1 && r.slug(0) == "weeks" && (r.res.flags & FOLIO_SEARCH_PARTIAL) == 0));
  }
  const Result neg = search_pack(pf, "pain -6/52");
  CHECK(!(neg.res.hit_count >= 1 && neg.slug(0) == "weeks" && !neg.has("other")));
}

TEST_CASE("search: a number in words or with k finds the digits the content writes", "[search]") {
  // "twenty thousand dollars" and "10k" found no price written "$20,000"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"price","title":"Price","body":"A course costs $20,000 in most clinics, and one round $10,000."})"
      "\n"
      R"({"slug":"trial","title":"Trial","body":"The trial enrolled 150 patients; 83 finished it."})"
      "\n"
      R"({"slug":"words","title":"Rounds","body":"Two rounds or three rounds of shots, and the dollars they cost."})"
      "\n";
  build_jsonl_pack(dir / "n", jsonl, &pf);
  auto lit = [](const Result &r, const std::string &w) {
    for (uint32_t k = 0; k < r.hits[0].highlight_count; ++k)
      if (r.snippet(0).substr(r.hits[0].highlights[k].off, r.hits[0].highlights[k].len) == w) return true;
    return false;
  };
  for (const char *q : {"twenty thousand in most clinics", "Twenty Thousand", "twenty thousnd", "20k", "$20K clinics"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "price");
    CHECK((r.res.flags & (FOLIO_SEARCH_PARTIAL | FOLIO_SEARCH_CORRECTED)) == 0);
    CHECK(lit(r, "20,000"));
  }
  for (const char *q : {"one hundred and fifty patients", "one hundred fifty", "eighty three finished"}) check_first_full(pf, q, "trial");
  // the words as typed still match, a small number alone stays a word, and two numbers side by side are
  // not added up ("two three" is no 5)
  const Result w = search_pack(pf, "two rounds or three");
  REQUIRE(w.res.hit_count >= 1);
  CHECK(w.slug(0) == "words");
  CHECK((w.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  const Result ten = search_pack(pf, "ten thousand");
  REQUIRE(ten.res.hit_count >= 1);
  CHECK(ten.slug(0) == "price");
  CHECK(lit(ten, "10,000"));
  // a number word off by a letter is read only with typo tolerance on
  CHECK(!search_pack(pf, "twenty thousnd", FOLIO_SEARCH_NO_FUZZY).has("price"));
}

TEST_CASE("search: a small number or ordinal in digits finds the word the content writes, and citation markers are no numbers", "[search]") {
  // "1 in 5 adults" found a table of "[1]" citations, not "about one adult in five"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string jsonl;
  for (const char *line : {R"({"slug":"common","title":"How common","body":"About one adult in five has knee pain in a year."})",
                           R"({"slug":"cited","title":"Cited","body":"Adults with knee pain often try rest first. [1] Ice helps some. [5][1]"})",
                           R"({"slug":"weeks","title":"Weeks","body":"Relief may take 5 weeks. [5]"})",
                           R"({"slug":"round","title":"Rounds","body":"A second round of shots is sometimes offered."})"})
    jsonl += std::string(line) + "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  const Result r = search_pack(pf, "1 in 5 adults");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "common");
  CHECK((r.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  // the digit as typed still matches digits, and a citation marker is not a 5: "cited" has none
  const Result five = search_pack(pf, "5");
  CHECK(five.has("weeks"));
  CHECK(five.has("common"));
  CHECK(!five.has("cited"));
  // the snippet lights the 5 of "5 weeks", never the "[5]" after it
  for (uint32_t i = 0; i < five.res.hit_count; ++i) {
    if (five.slug(i) != "weeks") continue;
    const std::string sn = five.snippet(i);
    REQUIRE(five.hits[i].highlight_count == 1);
    CHECK(five.hits[i].highlights[0].off == sn.find("5 weeks"));
  }
  // above 20 no word is tried: "21" is no "one" (nor "twenty-one"), so "common" has only "adults"
  const Result r21 = search_pack(pf, "21 adults");
  for (uint32_t i = 0; i < r21.res.hit_count; ++i) CHECK((r21.hits[i].flags & FOLIO_HIT_ALL_WORDS) == 0);
  CHECK(search_pack(pf, "1 adult").hits[0].flags & FOLIO_HIT_ALL_WORDS);
  // an ordinal with its own suffix is its word; a wrong suffix is not ("2th" stays as typed)
  check_first_full(pf, "2nd round", "round");
  const Result wrong = search_pack(pf, "2th round");
  REQUIRE(wrong.res.hit_count >= 1);
  CHECK((wrong.hits[0].flags & FOLIO_HIT_ALL_WORDS) == 0);
}

TEST_CASE("search: operators over names, typos in phrases, and the nearer correction", "[search]") {
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"ladder","title":"Other treatments, step by step","aliases":["treatment ladder"],"body":"Start with rest.\n\n## Exercise\n\nStrength work helps the knee.\n\n## Injections\n\nShots come last."})"
      "\n"
      R"({"slug":"sources","title":"Bone marrow or fat?","aliases":["adipose or marrow"],"body":"Cells come from two places.\n\n## Marrow\n\nMarrow is drawn from the hip.\n\n## Fat\n\nFat is taken from the belly; adipose tissue holds cells."})"
      "\n"
      R"({"slug":"consent","title":"Ethics","body":"Informed consent means you know the risks. Consent forms are long."})"
      "\n"
      R"({"slug":"lab","title":"Lab","body":"A centrifuge can concentrate the cells; the concentrate is injected. It was concentrated twice."})"
      "\n";
  build_jsonl_pack(dir / "o", jsonl, &pf);
  SECTION("a quoted phrase in the names") {
  // a quoted phrase is found in the article's title or an alias, which carry no positions (it found
  // nothing); a query that is one quoted title opens the article at its lead, as the words alone do
  const Result t = search_pack(pf, "\"other treatments step by step\"");
  REQUIRE(t.res.hit_count >= 1);
  CHECK(t.slug(0) == "ladder");
  CHECK(t.anchor(0) == "");
  const Result al = search_pack(pf, "\"treatment ladder\" strength");
  REQUIRE(al.res.hit_count >= 1);
  CHECK(al.slug(0) == "ladder");
  CHECK(al.anchor(0) == "exercise");
  CHECK((al.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  // ... but only in that order
  const Result rev = search_pack(pf, "\"ladder treatment\" strength");
  CHECK(!(rev.res.hit_count >= 1 && (rev.res.flags & FOLIO_SEARCH_PARTIAL) == 0));
  }
  SECTION("an exclusion in what a hit shows") {
  // an excluded word counts in what a hit shows (title, heading, text), not in an alias: "-adipose" keeps
  // the marrow section of the article whose alias says "adipose", and drops the one that says it
  const Result ex = search_pack(pf, "marrow -adipose", FOLIO_SEARCH_ALL_SECTIONS);
  REQUIRE(ex.res.hit_count >= 1);
  bool marrow = false, fat = false;
  for (uint32_t k = 0; k < ex.res.hit_count; ++k) {
    marrow |= ex.slug(k) == "sources" && ex.anchor(k) == "marrow";
    fat |= ex.slug(k) == "sources" && ex.anchor(k) == "fat";
  }
  CHECK(marrow);
  CHECK(!fat);
  // the title is shown with every hit, so a word of it does exclude the article's sections
  CHECK(!search_pack(pf, "marrow -fat", FOLIO_SEARCH_ALL_SECTIONS).has("sources"));
  }
  SECTION("a typo inside quotes") {
  // a misspelled word inside quotes is corrected as outside them, and the phrase is shown corrected
  const Result ph = search_pack(pf, "\"informed concent\" risks");
  REQUIRE(ph.res.hit_count >= 1);
  CHECK(ph.slug(0) == "consent");
  CHECK(ph.corrected() == "\"informed consent\" risks");
  CHECK((ph.res.flags & FOLIO_SEARCH_PARTIAL) == 0);
  CHECK(search_pack(pf, "\"informed concent\"", FOLIO_SEARCH_NO_FUZZY).res.hit_count == 0);
  }
  SECTION("the correction nearer the typed word") {
  // of the nearest corrections, the one nearer the typed word is shown: "concent" is one edit from
  // "consent"; "concentrate" only by the stems ("concent", "concentr"), though it has more postings
  const Result w = search_pack(pf, "concent");
  CHECK(w.corrected() == "consent");
  }
}

TEST_CASE("search: a corrected word's inflected form wins when it is the title", "[search]") {
  // a dictionary's headwords are inflected forms: "incleemntly" is one edit from "inclemently", but its
  // correction was shown as the term's commonest form "inclement", another headword, which then took the
  // exact-title place
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"inclement","title":"Inclement","body":"Stormy; harsh, as inclement weather."})"
      "\n"
      R"({"slug":"inclemently","title":"Inclemently","body":"In an inclement manner."})"
      "\n"
      R"({"slug":"weather","title":"Weather","body":"The state of the air: inclement or fair."})"
      "\n";
  build_jsonl_pack(dir / "i", jsonl, &pf);
  auto first = [&](const char *q, std::string *corrected) {
    std::vector<folio_search_hit> hits(3);
    std::vector<char> text(1024);
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 3, text.data(),
                         text.size(), &res) == FOLIO_OK);
    REQUIRE(res.hit_count >= 1);
    REQUIRE((res.flags & FOLIO_SEARCH_CORRECTED) != 0);
    *corrected = std::string(text.data() + res.corrected_off, res.corrected_len);
    CHECK((hits[0].flags & FOLIO_HIT_TITLE) != 0);
    return std::string(hits[0].slug.ptr, hits[0].slug.len);
  };
  std::string c;
  CHECK(first("incleemntly", &c) == "inclemently");
  CHECK(c == "inclemently");
  // no suffix typed: the term's own form
  CHECK(first("inclemnt", &c) == "inclement");
  CHECK(c == "inclement");
}

TEST_CASE("search: a query of mostly unknown words finds nothing", "[search]") {
  // "dolor de rodilla" (Spanish) was shown as "donor de rodilla" with the donor sections: one word found
  // only as a typo, two found nowhere. Such a query now finds nothing; one found word keeps it searched
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"donor","title":"Donor cells","body":"Donor cells come from another person. Knee pain is common."})"
      "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  auto search = [&](const char *q, folio_search_result *res) {
    std::vector<folio_search_hit> hits(4);
    std::vector<char> text(1024);
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), 0, hits.data(), 4, text.data(), text.size(), res) == FOLIO_OK);
    return res->hit_count;
  };
  folio_search_result res;
  CHECK(search("dolor de rodilla", &res) == 0);
  CHECK(res.flags == FOLIO_SEARCH_MISSING);  // no correction shown: the words are reported as not found
  CHECK(search("¿dolor de rodilla?", &res) == 0);
  // as many words guessed as unknown, a lone typo, or a word found as typed: searched as before
  CHECK(search("dolor sdfgh", &res) == 1);
  CHECK((res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(search("dolor", &res) == 1);
  CHECK((res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(search("dolor de rodilla knee", &res) == 1);
  CHECK(search("dolor de rodilla", &res) == 0);
}

TEST_CASE("search: a query whose only words are typos of stopwords finds nothing", "[search]") {
  // "tonig" was one edit from "toing" (`to` + "ing") and "waht" from "what": the search listed whatever
  // sections have "to" or "what". Such a query now finds nothing and names its words missing; a stopword
  // typed as such, or any other word, keeps the query searched as before.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto search = [&](const char *q, folio_search_result *res, std::string *missing = nullptr) {
    std::vector<folio_search_hit> hits(4);
    std::vector<char> text(2048);
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_PREFIX_LAST, hits.data(), 4, text.data(),
                         text.size(), res) == FOLIO_OK);
    if (missing && (res->flags & FOLIO_SEARCH_MISSING)) *missing = std::string(text.data() + res->missing_off, res->missing_len);
    return res->hit_count;
  };
  folio_search_result res;
  std::string missing;
  CHECK(search("tonig", &res, &missing) == 0);
  CHECK(res.flags == FOLIO_SEARCH_MISSING);
  CHECK(missing == "tonig");
  CHECK(search("waht", &res, &missing) == 0);
  CHECK(missing == "waht");
  CHECK(search("what is", &res) > 0);          // stopwords typed as such
  CHECK(search("waht is", &res) > 0);          // one of them typed as such
  CHECK((res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(search("waht is prp", &res) > 0);      // a word that names something
  CHECK(search("kne", &res) > 0);
}

TEST_CASE("search: a stopword typed as a name is a word", "[search]") {
  // "SAMe" (a supplement) folds to the stopword "same", which made it optional: a section without it
  // still had "every word". Two capitals and a lower-case letter, or all capitals in a query with
  // lower-case words, mark a name; an all-capitals query ("SAME SUPPLEMENTS") is only shouting
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"a","title":"Alpha","body":"Supplements such as SAMe are sold for sore knees."})"
      "\n"
      R"({"slug":"b","title":"Beta","body":"Supplements are sold in most shops."})"
      "\n";
  build_jsonl_pack(dir / "s", jsonl, &pf);
  auto all_words_of_b = [&](const char *q) {
    std::vector<folio_search_hit> hits(4);
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 4, nullptr, 0, &res) ==
            FOLIO_OK);
    REQUIRE(res.hit_count == 2);
    CHECK(std::string(hits[0].slug.ptr, hits[0].slug.len) == "a");
    return (hits[1].flags & FOLIO_HIT_ALL_WORDS) != 0;
  };
  CHECK(!all_words_of_b("SAMe supplements"));
  CHECK(!all_words_of_b("SAME supplements"));
  CHECK(all_words_of_b("same supplements"));
  CHECK(all_words_of_b("Same supplements"));
  CHECK(all_words_of_b("SAME SUPPLEMENTS"));
}

TEST_CASE("search: a compound's parts are each highlighted", "[search]") {
  // "bone-marrow" matches "Bone marrow is taken ..." through its parts; the snippet scan used to stop at
  // the first word of the clause and left "marrow" unlit
  const Result r = run("bone-marrow");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "bone-marrow");
  const std::string sn = r.snippet(0);
  std::vector<std::string> lit;
  for (uint32_t k = 0; k < r.hits[0].highlight_count; ++k) {
    std::string w = sn.substr(r.hits[0].highlights[k].off, r.hits[0].highlights[k].len);
    for (char &c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lit.push_back(w);
  }
  CHECK(std::find(lit.begin(), lit.end(), "bone") != lit.end());
  CHECK(std::find(lit.begin(), lit.end(), "marrow") != lit.end());
}

// The highlighted words of hit i of a search with snippets on pack pf, in order.
std::vector<std::string> lit_words(const folio::index::PackFile &pf, const std::string &q, std::string *slug0) {
  std::vector<folio_search_hit> hits(4);
  std::vector<char> text(4096);
  folio_search_result res;
  REQUIRE(folio_search(pf.reader, q.data(), q.size(), 0, hits.data(), 4, text.data(), text.size(), &res) == FOLIO_OK);
  REQUIRE(res.hit_count >= 1);
  *slug0 = std::string(hits[0].slug.ptr, hits[0].slug.len);
  const std::string sn(text.data() + hits[0].snippet_off, hits[0].snippet_len);
  std::vector<std::string> lit;
  for (uint32_t k = 0; k < hits[0].highlight_count; ++k)
    lit.push_back(sn.substr(hits[0].highlights[k].off, hits[0].highlights[k].len));
  return lit;
}

TEST_CASE("search: a compound's slight parts light up only in sequence", "[search]") {
  // "IL-6" used to light the "IL" of "IL-1β" and any "6" of the snippet: a part under 3 bytes or all
  // digits is highlighted only where the parts stand in order ("IL 6"); the compound itself always is
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"markers","title":"Markers","body":"IL-1β rises first and 6 other markers follow; IL 6 is one of them and IL-6 is named twice."})"
      "\n";
  build_jsonl_pack(dir / "m", jsonl, &pf);
  std::string slug;
  const std::vector<std::string> lit = lit_words(pf, "IL-6", &slug);
  CHECK(slug == "markers");
  CHECK(lit == std::vector<std::string>({"IL", "6", "IL-6"}));
  // a part of 3 bytes or more is still lit anywhere, as "bone" and "marrow" are
  const std::vector<std::string> lit2 = lit_words(pf, "markers-follow", &slug);
  CHECK(lit2 == std::vector<std::string>({"markers", "follow"}));
}

TEST_CASE("search: every match inside the snippet is highlighted", "[search]") {
  // the snippet scan stopped at the first window that held every word, so later matches shown in the
  // same snippet were left unlit ("interleukin 6 (IL-6)" lit "interleukin 6" only)
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"pain","title":"Aches","body":"Knee pain is common. Most knee pain eases with rest, and knee pain at night is rarer."})"
      "\n";
  build_jsonl_pack(dir / "p", jsonl, &pf);
  std::string slug;
  const std::vector<std::string> lit = lit_words(pf, "knee pain", &slug);
  CHECK(slug == "pain");
  CHECK(lit == std::vector<std::string>({"Knee", "pain", "knee", "pain", "knee", "pain"}));
}

TEST_CASE("search: words joined by non-ASCII punctuation are highlighted", "[search]") {
  // the snippet scan looked only at the start of each run of word bytes, and any non-ASCII byte counts as
  // one: "knees—stem" and "café—cartilage" left "stem" and "cartilage" unlit
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"dash","title":"Dashes","body":"Old knees—stem cells and café—cartilage notes. The word stem is plain."})"
      "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  std::string slug;
  const std::vector<std::string> lit = lit_words(pf, "stem cartilage", &slug);
  CHECK(slug == "dash");
  CHECK(lit == std::vector<std::string>({"stem", "cartilage", "stem"}));
}

TEST_CASE("search: a snippet chosen after the scan stopped shows no unlit match", "[search]") {
  // the scan stops kSnippetBytes past the first window that holds every word, but a later, fuller
  // window could still be chosen and reach past that point, where a match had not been looked for
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string filler;
  for (int k = 0; k < 14; ++k) filler += "plain word ";
  const std::string body = "Total at the start. " + filler + "then total and total and total here, " +
                           filler.substr(0, 66) + "a last total at the end of it all.";
  build_jsonl_pack(dir / "w", R"({"slug":"w","title":"Window","body":")" + body + "\"}\n", &pf);
  std::vector<folio_search_hit> hits(2);
  std::vector<char> text(4096);
  folio_search_result res;
  REQUIRE(folio_search(pf.reader, "total", 5, 0, hits.data(), 2, text.data(), text.size(), &res) == FOLIO_OK);
  REQUIRE(res.hit_count == 1);
  const std::string sn(text.data() + hits[0].snippet_off, hits[0].snippet_len);
  std::string low = sn;
  for (char &c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  uint32_t shown = 0;
  for (size_t at = low.find("total"); at != std::string::npos; at = low.find("total", at + 1)) ++shown;
  CAPTURE(sn);
  CHECK(shown >= 1);
  CHECK(hits[0].highlight_count == shown);
}

TEST_CASE("search: a snippet that reaches the end of its section has no trailing ellipsis", "[search]") {
  // the section's text ends with a newline, which counted as text left out
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"short","title":"Short","body":"A short page about knee pain.\n\n## More\n\nAnother short part about knees."})"
      "\n";
  build_jsonl_pack(dir / "s", jsonl, &pf);
  const Result r = search_pack(pf, "pain", FOLIO_SEARCH_ALL_SECTIONS, 4);
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  const std::string sn = r.snippet(0);
  CHECK(sn == "A short page about knee pain.");
}

TEST_CASE("search: a compound of the synonym table is expanded like a word", "[search]") {
  // content/synonyms.yaml: [IL-1beta, IL-1β, interleukin 1 beta]; the text says "IL-1β" and "interleukin
  // 1 beta", never "IL-1beta", which found nothing while compounds took no part in synonyms
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  std::vector<folio_search_hit> hits(3);
  folio_search_result res;
  const std::string q = "IL-1beta";
  REQUIRE(folio_search(pf.reader, q.data(), q.size(), FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 3, nullptr, 0, &res) ==
          FOLIO_OK);
  REQUIRE(res.hit_count >= 1);
  CHECK(std::string(hits[0].slug.ptr, hits[0].slug.len) == "mesenchymal-stem-cells");
  CHECK(std::string(hits[0].anchor.ptr, hits[0].anchor.len) == "anti-inflammatory");
  // without synonyms it is the literal compound, which the text lacks
  REQUIRE(folio_search(pf.reader, q.data(), q.size(), FOLIO_SEARCH_NO_SNIPPETS | FOLIO_SEARCH_NO_SYNONYMS, hits.data(),
                       3, nullptr, 0, &res) == FOLIO_OK);
  CHECK(res.hit_count == 0);
}

TEST_CASE("search: as you type a whole misspelled last word is corrected and a whole word expanded", "[search]") {
  // the last word is a prefix while typing; when it is no word of the pack and nothing starts with it, nor
  // is it the start of a word whose term is in the pack, it is a finished word with a typing error (a
  // kiosk sends the query as it stands when the user stops)
  const Result r = run("knee paimful", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "knee-pain");
  CHECK(r.corrected() == "knee pain");
  // "painfull" may be on its way to "painfully", whose term is `pain`: a completion, not shown corrected
  const Result f = run("knee painfull", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(f.res.hit_count >= 1);
  CHECK(f.slug(0) == "knee-pain");
  CHECK(f.corrected().empty());
  // a completion that exists is not "corrected": "menis" finds the meniscus section by prefix
  const Result m = run("menis", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(m.res.hit_count >= 1);
  CHECK(m.corrected().empty());
  CHECK(m.has("cartilage"));
  // an explicit prefix is never a typo
  CHECK(run("knee painfull*").corrected().empty());
  // a finished last word takes part in synonyms as it does without the flag (content pack: "bone on bone"
  // is an osteoarthritis synonym; as a prefix it used to find bone marrow instead)
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  for (const char *q : {"bone on bone", "cortisone injection", "fat tissue"}) {
    std::vector<folio_search_hit> a(3), b(3);
    folio_search_result ra, rb;
    const size_t ql = std::strlen(q);
    REQUIRE(folio_search(pf.reader, q, ql, FOLIO_SEARCH_NO_SNIPPETS, a.data(), 3, nullptr, 0, &ra) == FOLIO_OK);
    REQUIRE(folio_search(pf.reader, q, ql, FOLIO_SEARCH_NO_SNIPPETS | FOLIO_SEARCH_PREFIX_LAST, b.data(), 3, nullptr, 0,
                         &rb) == FOLIO_OK);
    REQUIRE(ra.hit_count >= 1);
    REQUIRE(rb.hit_count >= 1);
    INFO(q);
    CHECK(a[0].section == b[0].section);
  }
}

TEST_CASE("search: as you type a whole word outweighs its rarer completions", "[search]") {
  // "knee" is in three sections of seven and "kneecap" in one: at the completion weight of a partial word
  // the rarer completion's idf put the kneecap section first for a user who had typed "knee"
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string jsonl;
  for (int i = 0; i < 6; ++i)
    jsonl += "{\"slug\":\"topic-" + std::to_string(i) + "\",\"title\":\"Topic " + std::to_string(i) + "\",\"body\":\"" +
             (i < 3 ? "The knee bends. A sore knee may swell." : "The hip bends. A sore hip may swell.") + "\"}\n";
  jsonl += R"({"slug":"cap","title":"Cap","body":"The kneecap sits in front."})" "\n";
  build_jsonl_pack(dir / "k", jsonl, &pf);
  std::vector<folio_search_hit> hits(3);
  folio_search_result res;
  REQUIRE(folio_search(pf.reader, "knee", 4, FOLIO_SEARCH_PREFIX_LAST | FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 3,
                       nullptr, 0, &res) == FOLIO_OK);
  REQUIRE(res.hit_count == 3);
  CHECK(std::string(hits[0].slug.ptr, hits[0].slug.len) != "cap");
  // a partial word's completions keep their weight: "kne" finds the kneecap too
  std::vector<folio_search_hit> all(10);
  REQUIRE(folio_search(pf.reader, "kne", 3, FOLIO_SEARCH_PREFIX_LAST | FOLIO_SEARCH_NO_SNIPPETS, all.data(), 10, nullptr,
                       0, &res) == FOLIO_OK);
  bool cap = false;
  for (uint32_t i = 0; i < res.hit_count; ++i) cap |= std::string(all[i].slug.ptr, all[i].slug.len) == "cap";
  CHECK(cap);
}

TEST_CASE("search: as you type a prefix weighs as its commonest completion, a first letter narrows nothing, and the start of a title names it", "[search]") {
  // "cell" is in every stem-cell page, "centrifuge" in one: each completion at its own idf put the
  // centrifuge page first for a user typing "stem ce" (FTS5 scores a prefix as one term too)
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string jsonl;
  for (int i = 0; i < 6; ++i)
    jsonl += "{\"slug\":\"cells-" + std::to_string(i) + "\",\"title\":\"Topic " + std::to_string(i) +
             "\",\"body\":\"Stem cells are cells. Stem cell research studies cells.\"}\n";
  jsonl += R"({"slug":"spin","title":"Spinning","body":"Stem samples go into a centrifuge."})" "\n";
  jsonl += R"({"slug":"shots","title":"Shots","body":"Knee injections, knee injections and more knee injections."})" "\n";
  jsonl += R"({"slug":"compared","title":"Knee injections compared","body":"Several options exist."})" "\n";
  jsonl += R"({"slug":"vitamin","title":"Vitamin","body":"Vitamin C is found in fruit."})" "\n";
  build_jsonl_pack(dir / "t", jsonl, &pf);
  auto search = [&](const char *q, uint32_t flags, std::vector<folio_search_hit> *hits) {
    hits->assign(10, folio_search_hit{});
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), flags | FOLIO_SEARCH_NO_SNIPPETS, hits->data(), 10, nullptr, 0,
                         &res) == FOLIO_OK);
    hits->resize(res.hit_count);
  };
  auto slug = [](const folio_search_hit &h) { return std::string(h.slug.ptr, h.slug.len); };
  std::vector<folio_search_hit> h;
  search("stem ce", FOLIO_SEARCH_PREFIX_LAST, &h);
  REQUIRE(h.size() >= 2);
  CHECK(slug(h[0]).rfind("cells-", 0) == 0);
  bool spin = false;
  for (const auto &x : h) spin |= slug(x) == "spin";
  CHECK(spin);  // the rarer completion still counts
  // a first letter is the start of a word still being typed: the sections with every typed word are
  // shown, not "best partial matches" for want of a word "c"
  search("stem c", FOLIO_SEARCH_PREFIX_LAST, &h);
  REQUIRE(h.size() >= 1);
  CHECK((h[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
  CHECK(slug(h[0]).rfind("cells-", 0) == 0);
  {
    // its snippet lights the completions ("cells"), not every word starting with the letter
    std::vector<folio_search_hit> sh(1);
    std::vector<char> text(2048);
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, "stem c", 6, FOLIO_SEARCH_PREFIX_LAST, sh.data(), 1, text.data(), text.size(),
                         &res) == FOLIO_OK);
    REQUIRE(res.hit_count == 1);
    std::set<std::string> lit;
    for (uint32_t i = 0; i < sh[0].highlight_count; ++i)
      lit.insert(std::string(text.data() + sh[0].snippet_off + sh[0].highlights[i].off, sh[0].highlights[i].len));
    CHECK(lit.count("cells") == 1);
    CHECK(lit.count("Stem") == 1);
    CHECK(lit.count("are") == 0);
  }
  // a first letter that is also a word ("C") weighs no more than the words it may be the start of
  search("c", FOLIO_SEARCH_PREFIX_LAST, &h);
  REQUIRE(h.size() >= 2);
  CHECK(slug(h[0]).rfind("cells-", 0) == 0);
  // the start of a title while typing names its article, ahead of a page that says the words more often
  search("knee inj", FOLIO_SEARCH_PREFIX_LAST, &h);
  REQUIRE(h.size() >= 2);
  CHECK(slug(h[0]) == "compared");
  CHECK((h[0].flags & FOLIO_HIT_TITLE) != 0);
  // only while typing: a finished query is no title's start
  search("knee inj*", 0, &h);
  for (const auto &x : h) CHECK((x.flags & FOLIO_HIT_TITLE) == 0);
  search("knee inj ", FOLIO_SEARCH_PREFIX_LAST, &h);
  for (const auto &x : h) CHECK((x.flags & FOLIO_HIT_TITLE) == 0);
}

TEST_CASE("search: words under 4 bytes get no typo candidates, and in a query only a dropped letter is put back", "[search]") {
  // Algolia's minimum for one typo: a short word missing from the dictionary is more often a real word
  // the content lacks ("old" was shown as "told") than a typing error, and it has many neighbours
  const Typo t3 = typo("kne");  // one edit from "knee", but 3 bytes
  REQUIRE(t3.status == FOLIO_OK);
  CHECK(t3.cands.empty());
  CHECK(typo("hup").cands.empty());  // one edit from "hip"
  const Typo t4 = typo("kmee");  // 4 bytes: one edit
  REQUIRE(t4.cands.size() >= 1);
  CHECK(t4.surface(0) == "knee");
  // In a query, since 2026-12-06, a three-letter word that is a term with one letter dropped is put back
  // where the term stands beside the query's neighbouring word in the text ("knee pain"; the test "a
  // letter dropped from a four-letter word …" has the rest): "kne pain" named "kne" missing before.
  const Result r3 = run("kne pain");
  REQUIRE(r3.status == FOLIO_OK);
  CHECK(r3.corrected() == "knee pain");
  CHECK(r3.has("knee-pain"));
  // alone, with no word beside it to agree, it stays as typed, as does a substitution ("hup" for "hip")
  const Result r1 = run("kne");
  CHECK((r1.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  const Result rh = run("hup pain");
  CHECK((rh.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  const Result r4 = run("kmee pain");
  CHECK(r4.corrected() == "knee pain");
}

TEST_CASE("search: typo correction fixes the first letter", "[search]") {
  // substituted, missing and extra first letter; first two letters swapped
  const struct {
    const char *query, *corrected, *slug;
  } cases[] = {
      {"nartilage regrowth", "cartilage regrowth", "cartilage"},
      {"artilage regrowth", "cartilage regrowth", "cartilage"},
      {"xcartilage regrowth", "cartilage regrowth", "cartilage"},
      {"acrtilage regrowth", "cartilage regrowth", "cartilage"},
      {"dteroid injections", "steroid injections", "knee-pain"},
      {"teroid injections", "steroid injections", "knee-pain"},
      {"fone marrow", "bone marrow", "bone-marrow"},  // a short word: one edit, here the first letter
  };
  for (const auto &c : cases) {
    INFO(c.query);
    const Result r = run(c.query);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == c.slug);
    CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) != 0);
    CHECK(r.corrected() == c.corrected);
    const Result off = run(c.query, FOLIO_SEARCH_NO_FUZZY);
    CHECK((off.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  }
  const Typo t = typo("nartilage");
  REQUIRE(t.status == FOLIO_OK);
  REQUIRE(t.cands.size() == 1);
  CHECK(t.surface(0) == "cartilage");
  CHECK(std::string(t.cands[0].term, t.cands[0].term_len) == "cartilag");
  CHECK(t.cands[0].dist == 1);
}

TEST_CASE("search: a real word is not corrected into a word the query already has", "[search]") {
  // "content" is one edit from "consent" and every section with "informed" and "consent" has it: by the
  // co-occurrence rule alone "informed consent content" was searched as "informed consent consent"
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"consent","title":"Informed consent","body":"Informed consent means you are told the risks. Consent can be withdrawn."})"
      "\n"
      R"({"slug":"trial","title":"Trials","body":"A clinical trial compares a treatment with a placebo."})"
      "\n";
  folio::index::PackFile lex;
  build_lexicon_pack(dir / "lex", jsonl, "content\ntrail\n", &lex);
  const Result r = search_pack(lex, "informed consent content");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "");
  CHECK(r.missing() == "content");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "consent");
  // a real word one edit from a word the query does not have still fits and is corrected
  CHECK(search_pack(lex, "clinical trail placebo").corrected() == "clinical trial placebo");
}

TEST_CASE("search: as you type a word of a few letters alone is no context for a real word's correction", "[search]") {
  // "kn" starts "knee" and "knew": some section has "later" with one of them, which made "water in kn"
  // "later in kn" while the user typed "knee"
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"later","title":"Later","body":"Later the knee may swell."})"
      "\n"
      R"({"slug":"trial","title":"Trials","body":"A clinical trial compares a treatment with a placebo."})"
      "\n";
  folio::index::PackFile lex;
  build_lexicon_pack(dir / "lex", jsonl, "water\ntrail\n", &lex);
  const uint32_t typing = FOLIO_SEARCH_PREFIX_LAST;
  CHECK(search_pack(lex, "water in kn", typing).corrected() == "");
  CHECK(search_pack(lex, "water in kn", typing).missing() == "water");
  // four letters and more are context, as whole words are
  CHECK(search_pack(lex, "water in knee", typing).corrected() == "later in knee");
  CHECK(search_pack(lex, "water in knee").corrected() == "later in knee");
  // the other words still are: "clinical" makes "trail" "trial" while "pl" is typed
  CHECK(search_pack(lex, "clinical trail pl", typing).corrected() == "clinical trial pl");
}

TEST_CASE("search: a real word the content lacks is corrected only by one edit that fits every other word", "[search]") {
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"gold","title":"Gold standard","body":"The gold standard for research is a randomised study."})" "\n"
      R"({"slug":"sport","title":"Sport","body":"You can play tennis once the injection has settled."})" "\n"
      R"({"slug":"trials","title":"Clinical trials","body":"A clinical trial compares a treatment with a placebo."})" "\n"
      R"({"slug":"interest","title":"Interest","body":"Interest is driven by a wish to avoid surgery."})" "\n"
      R"({"slug":"rest","title":"Rest","body":"Rest at home after the injection. Good aftercare helps."})" "\n";
  folio_test::write_file(dir / "c.jsonl", jsonl);
  // golf, trail, drive: real words one edit from gold, trial, driven; afterwards: two edits (by its stem)
  // from aftercare; tennis is in the content; zebra has no candidate
  folio_test::write_file(dir / "words.txt", "# a test lexicon\nGolf\ntrail\ndrive\nafterwards\ntennis\nzebra\n");
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "plain.folio", "--quiet"}) == 0);
  folio::index::PackFile lex, plain;
  REQUIRE(lex.open(dir / "lex.folio") == FOLIO_OK);
  REQUIRE(plain.open(dir / "plain.folio") == FOLIO_OK);

  // the pack keeps the words a correction would change, as a Bloom filter (search_format.h)
  const auto *blob = lex.pack->index->search()->lexicon();
  REQUIRE(blob != nullptr);
  CHECK(plain.pack->index->search()->lexicon() == nullptr);
  const uint32_t nbits = folio::fts::le_get(blob->data(), 4);
  // 4 of its words (golf, trail, drive, afterwards) and the text's own forms of its terms with a
  // derivational ending ("clinical"), at 16 bits a word, rounded up to 64
  CHECK(nbits == 128);
  CHECK(blob->size() == folio::fts::kLexiconHeader + nbits / 8);
  CHECK(blob->Get(4) == folio::fts::kLexiconProbes);
  auto in_filter = [&](const char *w) {
    const uint64_t h = folio::fts::lexicon_hash(w, std::strlen(w));
    for (uint32_t j = 0; j < folio::fts::kLexiconProbes; ++j) {
      const uint32_t b = folio::fts::lexicon_bit(h, j, nbits);
      if (!((blob->Get(folio::fts::kLexiconHeader + b / 8) >> (b % 8)) & 1)) return false;
    }
    return true;
  };
  CHECK(in_filter("clinical"));  // clinic + al, a word of the text
  CHECK(in_filter("golf"));  // folded from "Golf"
  CHECK(in_filter("trail"));
  CHECK(in_filter("drive"));
  CHECK(in_filter("afterwards"));
  CHECK_FALSE(in_filter("tennis"));  // in the dictionary: never a correction
  CHECK_FALSE(in_filter("zebra"));   // no candidate: never a correction

  auto search = [](folio::index::PackFile &pf, const std::string &q) {
    Result r;
    r.hits.resize(10);
    r.text.resize(4096);
    r.status = folio_search(pf.reader, q.data(), q.size(), 0, r.hits.data(), 10, r.text.data(), r.text.size(), &r.res);
    REQUIRE(r.status == FOLIO_OK);
    return r;
  };
  // without the lexicon every missing word is a typo
  CHECK(search(plain, "play golf").corrected() == "play gold");
  CHECK(search(plain, "golf").corrected() == "gold");
  // with it: "gold" never appears with "play", so "golf" stays as typed and only "play" matches
  const Result pg = search(lex, "play golf");
  CHECK(pg.corrected() == "");
  REQUIRE(pg.res.hit_count == 1);
  CHECK(pg.slug(0) == "sport");
  CHECK((pg.res.flags & FOLIO_SEARCH_PARTIAL) != 0);
  // nothing to fit: no correction and no hits, but a "did you mean" that was not searched
  const Result g = search(lex, "golf");
  CHECK(g.res.hit_count == 0);
  CHECK((g.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  REQUIRE((g.res.flags & FOLIO_SEARCH_SUGGESTED) != 0);
  CHECK(std::string(g.text.data() + g.res.corrected_off, g.res.corrected_len) == "gold");
  CHECK((pg.res.flags & FOLIO_SEARCH_SUGGESTED) == 0);  // "play golf" found something: no suggestion
  folio::SearchResults<4, 1024> w;  // the C++ wrapper's view of it
  REQUIRE(folio::search(lex.reader, "golf", 4, w) == FOLIO_OK);
  CHECK(std::string(w.suggested().ptr, w.suggested().len) == "gold");
  CHECK(w.corrected().len == 0);
  CHECK((search(lex, "glod").res.flags & FOLIO_SEARCH_SUGGESTED) == 0);  // a typo is corrected, not suggested
  // a suggestion with a word that is in no section would find nothing either: none is made, and both
  // words are named missing
  const Result zg = search(lex, "zebra golf");
  CHECK(zg.res.hit_count == 0);
  CHECK((zg.res.flags & (FOLIO_SEARCH_SUGGESTED | FOLIO_SEARCH_CORRECTED)) == 0);
  CHECK((zg.res.flags & FOLIO_SEARCH_MISSING) != 0);
  CHECK(std::string(zg.text.data() + zg.res.missing_off, zg.res.missing_len) == "zebra golf");
  // a one-edit candidate that occurs with every other word replaces the real word
  const Result ct = search(lex, "clinical trail");
  CHECK(ct.corrected() == "clinical trial");
  REQUIRE(ct.res.hit_count >= 1);
  CHECK(ct.slug(0) == "trials");
  CHECK(search(lex, "gold trail").corrected() == "");  // trial is not with gold
  CHECK(search(lex, "drive surgery").corrected() == "driven surgery");
  CHECK(search(lex, "drive home").corrected() == "");  // driven is not with home
  CHECK(search(plain, "home afterwards").corrected() == "home aftercare");
  CHECK(search(lex, "home afterwards").corrected() == "");  // aftercare is with home, but two edits away
  // typing errors (not in the lexicon) are corrected whatever their neighbours
  CHECK(search(lex, "play glod").corrected() == "play gold");
  CHECK(search(lex, "glod").corrected() == "gold");
  // the hits of a word kept as typed are those of the query without it, as with FOLIO_SEARCH_NO_FUZZY
  const Result nf = [&] {
    Result r;
    r.hits.resize(10);
    r.text.resize(4096);
    r.status = folio_search(lex.reader, "play golf", 9, FOLIO_SEARCH_NO_FUZZY, r.hits.data(), 10, r.text.data(),
                            r.text.size(), &r.res);
    return r;
  }();
  REQUIRE(nf.res.hit_count == pg.res.hit_count);
  CHECK(nf.hits[0].section == pg.hits[0].section);
  CHECK(nf.hits[0].score == pg.hits[0].score);
}

TEST_CASE("search: a correction takes a derivational form of a term only when the lexicon has the word", "[search]") {
  // other_form compares the typed word with a term plus an ending that stems back to it ("kness" is one
  // edit from "knees"). With a derivational ending the form is often no word: "inheritence" had been
  // corrected to "inhibitence" (inhibit + ence), "recrutment" to "recentment", "fourty" to "fourly". A
  // pack built with a lexicon lists its terms' real forms in the lexicon filter (kLexiconHasForms), and a
  // form with such an ending must be one of them; inflections (knees, waiting) need not be.
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"msc","title":"How they work","body":"Paracrine signals inhibit these enzymes. People differ in how they respond."})"
      "\n"
      R"({"slug":"trial","title":"A trial","body":"A recent review of four trials. Knees were scanned while waiting."})"
      "\n";
  folio::index::PackFile lex, plain;
  build_lexicon_pack(dir / "lex", jsonl, "inheritance\ndifference\nrecruitment\nforty\nzebra\n", &lex);
  build_jsonl_pack(dir / "plain", jsonl, &plain);

  const auto *blob = lex.pack->index->search()->lexicon();
  REQUIRE(blob != nullptr);
  CHECK(blob->Get(folio::fts::kLexiconFlagsByte) == folio::fts::kLexiconHasForms);
  const uint32_t nbits = folio::fts::le_get(blob->data(), 4);
  auto in_filter = [&](const char *w) {
    const uint64_t h = folio::fts::lexicon_hash(w, std::strlen(w));
    for (uint32_t j = 0; j < blob->Get(4); ++j) {
      const uint32_t b = folio::fts::lexicon_bit(h, j, nbits);
      if (!((blob->Get(folio::fts::kLexiconHeader + b / 8) >> (b % 8)) & 1)) return false;
    }
    return true;
  };
  CHECK(in_filter("difference"));    // differ + ence, a lexicon word: a form a correction may take
  CHECK_FALSE(in_filter("zebra"));   // no candidate and no form of a term

  // a form the text itself writes is real though the lexicon lacks it (GCIDE's "recondensation", no
  // word of SCOWL, could not correct "recondensaton" until 2026-12-07)
  const std::string with_form =
      R"({"slug":"rec","title":"Recondense","body":"Recondense the vapour, recondense it again, recondense it once more. Recondensation follows."})"
      "\n"
      R"({"slug":"other","title":"Other","body":"Nothing here."})"
      "\n";
  folio::index::PackFile lex2;
  build_lexicon_pack(dir / "lex2", with_form, "vapor\nzebra\n", &lex2);  // "vapor": a kept word, so a filter
  REQUIRE(lex2.pack->index->search()->lexicon() != nullptr);
  const Result rf = search_pack(lex2, "recondensaton");
  REQUIRE(rf.res.hit_count >= 1);
  CHECK(rf.slug(0) == "rec");
  CHECK(rf.corrected() == "recondensation");
  // -able and -ible, which Porter2 strips from long words, are endings a form may have (GCIDE's
  // "unburiabel" found nothing until 2026-12-07: `unburi` + "able" was never compared)
  const std::string with_able =
      R"({"slug":"chair","title":"Comfort","body":"Comfort first, comfort always, comfort matters. A comfortable chair helps."})"
      "\n"
      R"({"slug":"food","title":"Digest","body":"Digest slowly, digest well, digest it all. Soft food is digestible."})"
      "\n";
  folio::index::PackFile lex3;
  build_lexicon_pack(dir / "lex3", with_able, "vapor\nzebra\n", &lex3);
  const Result ra = search_pack(lex3, "comfortabel");
  REQUIRE(ra.res.hit_count >= 1);
  CHECK(ra.slug(0) == "chair");
  CHECK(ra.corrected() == "comfortable");
  const Result ri = search_pack(lex3, "digestibel");
  REQUIRE(ri.res.hit_count >= 1);
  CHECK(ri.slug(0) == "food");
  CHECK(ri.corrected() == "digestible");

  // made-up forms are no longer corrections: the word is named missing instead
  for (const char *q : {"inheritence", "recrutment", "fourty"}) {
    INFO(q);
    const Result r = search_pack(lex, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.corrected() == "");
    CHECK(r.res.hit_count == 0);
    // in a pack without a lexicon nothing tells a made-up form from a word, as before
    const Result p = search_pack(plain, q);
    CHECK(p.corrected() != "");
  }
  CHECK(search_pack(plain, "inheritence").corrected() == "inhibitence");
  // a real form and the inflections still correct
  CHECK(search_pack(lex, "diffrence").corrected() == "difference");
  CHECK(search_pack(lex, "kness").corrected() == "knees");
  CHECK(search_pack(lex, "waitng").corrected() == "waiting");
  // while typing, the last word may be unfinished: "inhibitenc" is the start of "inhibitence", made up or
  // not, whose term is `inhibit`, and it completes to it (stem_completions) with no correction shown; as
  // a finished word it is a typo, and the made-up form is not its correction
  const Result t = search_pack(lex, "signals inhibitenc", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(t.res.hit_count >= 1);
  CHECK(t.slug(0) == "msc");
  CHECK(t.corrected() == "");
  // a typo while typing compares any form, as the last word may be unfinished ("inhibbitenc" is one edit
  // from "inhibitence", made up, and near the start of it), but shows the term's own form, not the made-up
  // one (until 2026-12-07 "signals inhibitence")
  const Result t2 = search_pack(lex, "signals inhibbitenc", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(t2.res.hit_count >= 1);
  CHECK(t2.slug(0) == "msc");
  CHECK(t2.corrected() == "signals inhibit");
  // without the lexicon's forms nothing tells a made-up form: it is shown
  CHECK(search_pack(plain, "signals inhibbitenc", FOLIO_SEARCH_PREFIX_LAST).corrected() == "signals inhibitence");
  const std::string finished = search_pack(lex, "signals inhibitenc").corrected();
  CHECK(finished != "");
  CHECK(finished != "signals inhibitence");
}

TEST_CASE("search: the lexicon filter takes few typing errors for real words", "[search]") {
  // A typo the lexicon's Bloom filter answers "real word" for is not corrected, only offered as a "did
  // you mean" (or kept as typed). Lexicon: 4,000 one-letter changes of 200 content words, each a real
  // typo candidate, so the builder keeps every one; probed: 20,000 other changes of the same words, which
  // are typing errors. At 16 bits a word and 11 probes about 0.05 % of them answer true (10 expected);
  // the earlier 12 bits and 8 probes gave about 0.3 % (62 expected), which this bound fails.
  folio_test::TempDir dir;
  uint64_t rng = 0x9E3779B97F4A7C15ull;
  auto next = [&rng] {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
  };
  const char *cons = "bcdfgkmnprtvz", *vow = "aeiou";
  std::set<std::string> content_words;
  while (content_words.size() < 200) {
    std::string w;
    for (int i = 0; i < 4; ++i) {  // consonant-vowel pairs: no English suffix for the stemmer to strip
      w += cons[next() % 13];
      w += vow[next() % 5];
    }
    content_words.insert(w + "x");
  }
  std::string jsonl;
  uint32_t doc = 0;
  std::string body;
  for (const std::string &w : content_words) {
    body += w + " ";
    if (body.size() > 400) {
      jsonl += R"({"slug":"d)" + std::to_string(doc) + R"(","title":"Doc )" + std::to_string(doc) + R"(","body":")" + body + "\"}\n";
      ++doc;
      body.clear();
    }
  }
  if (!body.empty()) jsonl += R"({"slug":"d)" + std::to_string(doc) + R"(","title":"Doc )" + std::to_string(doc) + R"(","body":")" + body + "\"}\n";
  folio_test::write_file(dir / "c.jsonl", jsonl);
  // one substitution past the first two letters: one edit from its content word, two from any other
  std::vector<std::string> words(content_words.begin(), content_words.end());
  std::set<std::string> lexicon, probes;
  while (lexicon.size() + probes.size() < 24000) {
    std::string w = words[next() % words.size()];
    const size_t at = 2 + next() % (w.size() - 2);
    const char c = static_cast<char>('a' + next() % 26);
    if (w[at] == c) continue;
    w[at] = c;
    if (content_words.count(w) || lexicon.count(w) || probes.count(w)) continue;
    (lexicon.size() < 4000 ? lexicon : probes).insert(w);
  }
  std::string lex_text;
  for (const std::string &w : lexicon) lex_text += w + "\n";
  folio_test::write_file(dir / "words.txt", lex_text);
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "lex.folio") == FOLIO_OK);
  const auto *blob = pf.pack->index->search()->lexicon();
  REQUIRE(blob != nullptr);
  const uint32_t nbits = folio::fts::le_get(blob->data(), 4);
  const uint32_t nprobes = blob->Get(4);
  CHECK(nbits == 4000u * folio::fts::kLexiconBitsPerWord);  // every lexicon word kept (a multiple of 64)
  auto in_filter = [&](const std::string &w) {
    const uint64_t h = folio::fts::lexicon_hash(w.data(), w.size());
    for (uint32_t j = 0; j < nprobes; ++j) {
      const uint32_t b = folio::fts::lexicon_bit(h, j, nbits);
      if (!((blob->Get(folio::fts::kLexiconHeader + b / 8) >> (b % 8)) & 1)) return false;
    }
    return true;
  };
  uint32_t missed = 0, false_pos = 0;
  for (const std::string &w : lexicon) missed += in_filter(w) ? 0 : 1;
  for (const std::string &w : probes) false_pos += in_filter(w) ? 1 : 0;
  CHECK(missed == 0);  // a Bloom filter has no false negatives
  INFO("false positives: " << false_pos << " of " << probes.size());
  CHECK(probes.size() == 20000);
  CHECK(false_pos <= 30);  // 0.15 %
  // and the engine uses the same filter: a typo of the lexicon's kind is corrected, a lexicon word is not
  const auto typo = std::find_if(probes.begin(), probes.end(), [&](const std::string &w) { return !in_filter(w); });
  REQUIRE(typo != probes.end());
  const Result r = search_pack(pf, *typo);
  CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) != 0);
  CHECK(r.res.hit_count >= 1);
  const Result real = search_pack(pf, *lexicon.begin());
  CHECK((real.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
}

TEST_CASE("search: the reader takes the lexicon filter's probe count from the pack", "[search]") {
  // A pack built before the filter's density changed (12 bits and 8 probes until 2026-12-06) must read
  // as it was written. Each search reads the blob's header afresh, so the test rewrites the blob of a
  // loaded pack in memory (its checksums are not looked at again) with another probe count and its bits.
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"gold","title":"Gold standard","body":"The gold standard for research is a randomised study."})" "\n"
      R"({"slug":"sport","title":"Sport","body":"You can play tennis once the injection has settled."})" "\n";
  folio_test::write_file(dir / "c.jsonl", jsonl);
  folio_test::write_file(dir / "words.txt", "golf\n");
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "lex.folio") == FOLIO_OK);
  const auto *blob = pf.pack->index->search()->lexicon();
  REQUIRE(blob != nullptr);
  uint8_t *b = const_cast<uint8_t *>(blob->data());  // the PackFile's own bytes
  const uint32_t nbits = folio::fts::le_get(b, 4);
  REQUIRE(nbits == 64);
  auto rewrite = [&](uint32_t probes, const char *word) {
    b[4] = static_cast<uint8_t>(probes);
    std::memset(b + folio::fts::kLexiconHeader, 0, nbits / 8);
    const uint64_t h = folio::fts::lexicon_hash(word, std::strlen(word));
    for (uint32_t j = 0; j < probes; ++j) {
      const uint32_t bit = folio::fts::lexicon_bit(h, j, nbits);
      b[folio::fts::kLexiconHeader + bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
  };
  // as built: "golf" is a real word that fits nothing, kept as typed; "glod" is a typo
  CHECK(search_pack(pf, "play golf").corrected() == "");
  CHECK(search_pack(pf, "play glod").corrected() == "play gold");
  // one probe: a reader that used its own count (11) would look at ten more bits, nearly all clear
  rewrite(1, "golf");
  CHECK(search_pack(pf, "play golf").corrected() == "");
  CHECK(search_pack(pf, "play glod").corrected() == "play gold");
  // the earlier density's probe count, and the largest the format allows
  for (uint32_t probes : {8u, 16u}) {
    INFO(probes << " probes");
    rewrite(probes, "golf");
    CHECK(search_pack(pf, "play golf").corrected() == "");
    CHECK(search_pack(pf, "play glod").corrected() == "play gold");
  }
  // a header out of range is ignored: every missing word is then a typo, as without a lexicon
  for (uint32_t probes : {0u, 17u}) {
    INFO(probes << " probes");
    rewrite(probes, "golf");
    CHECK(search_pack(pf, "play golf").corrected() == "play gold");
  }
}

TEST_CASE("search: a real word's correction that does not fit lights nothing in the snippets", "[search]") {
  // "coach … before the season starts" kept "season" as typed (its one-edit "reason" fits no informative
  // word of the query), yet a snippet lit "reason": the dropped correction's highlight term stayed
  folio_test::TempDir dir;
  std::string jsonl;
  for (const char *line : {R"({"slug":"standard","title":"Standard","body":"The gold standard for a knee study is a trial."})",
                           R"({"slug":"rest","title":"Rest","body":"Knee rest helps after a shot."})",
                           R"({"slug":"ice","title":"Ice","body":"Knee ice helps with swelling."})"})
    jsonl += std::string(line) + "\n";
  folio_test::write_file(dir / "c.jsonl", jsonl);
  folio_test::write_file(dir / "words.txt", "golf\n");
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "lex.folio") == FOLIO_OK);
  // "knee" is in every section: no context, so "golf" stays as typed and is missing
  const Result r = search_pack(pf, "golf knee");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "");
  CHECK(r.missing() == "golf");
  REQUIRE(r.has("standard"));
  for (uint32_t i = 0; i < r.res.hit_count; ++i) {
    INFO(r.slug(i) << ": " << r.snippet(i));
    REQUIRE(r.hits[i].highlight_count >= 1);
    for (uint32_t k = 0; k < r.hits[i].highlight_count; ++k) {
      const std::string lit = r.snippet(i).substr(r.hits[i].highlights[k].off, r.hits[i].highlights[k].len);
      CHECK((lit == "knee" || lit == "Knee"));
    }
  }
  // where the correction fits ("gold" with "standard"), it is searched and lit
  const Result fit = search_pack(pf, "golf standard");
  CHECK(fit.corrected() == "gold standard");
  REQUIRE(fit.res.hit_count >= 1);
  CHECK(fit.snippet(0).find("gold") != std::string::npos);
  bool gold_lit = false;
  for (uint32_t k = 0; k < fit.hits[0].highlight_count; ++k)
    gold_lit |= fit.snippet(0).substr(fit.hits[0].highlights[k].off, fit.hits[0].highlights[k].len) == "gold";
  CHECK(gold_lit);
}

TEST_CASE("search: a real word the content lacks gets a did-you-mean only for a finger slip", "[search]") {
  using folio::fts::finger_slip;
  CHECK(finger_slip("golf", 4, "gold", 4));          // a neighbouring key
  CHECK(finger_slip("trail", 5, "trial", 5));        // two neighbours swapped
  CHECK(finger_slip("form", 4, "from", 4));
  CHECK(finger_slip("planing", 7, "planning", 8));   // a letter doubled
  CHECK(finger_slip("planning", 8, "planing", 7));   // or undoubled
  CHECK(finger_slip("fel", 3, "fell", 4));           // at the end too
  CHECK_FALSE(finger_slip("catch", 5, "match", 5));  // c and m are far apart
  CHECK_FALSE(finger_slip("hallows", 7, "allows", 6));  // a letter dropped, not a double
  CHECK_FALSE(finger_slip("trails", 6, "trial", 5));
  CHECK(finger_slip("dads", 4, "adds", 4));           // a swap of neighbours counts
  CHECK_FALSE(finger_slip("abcd", 4, "badc", 4));    // two swaps
  CHECK_FALSE(finger_slip("knee", 4, "knee", 4));    // no change
  CHECK(finger_slip("aab", 3, "ab", 2));             // a doubled first letter

  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"gold","title":"Gold standard","body":"The gold standard for research is a randomised study."})" "\n"
      R"({"slug":"trials","title":"Clinical trials","body":"A clinical trial compares a treatment with a placebo."})" "\n"
      R"({"slug":"match","title":"Matching","body":"Cells should match the patient. Careful planning helps."})" "\n"
      R"({"slug":"bath","title":"Washing","body":"Bathing is fine after two days."})" "\n";
  folio_test::write_file(dir / "c.jsonl", jsonl);
  folio_test::write_file(dir / "words.txt", "golf\ntrail\ncatch\nplaning\nbatching\n");
  REQUIRE(folio_test::run_build({dir / "c.jsonl", "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "lex.folio") == FOLIO_OK);
  auto suggested = [](const Result &r) {
    return (r.res.flags & FOLIO_SEARCH_SUGGESTED) ? std::string(r.text.data() + r.res.corrected_off, r.res.corrected_len)
                                                  : std::string();
  };
  for (const auto &c : {std::pair<const char *, const char *>{"golf", "gold"}, {"trail", "trial"}, {"planing", "planning"},
                        {"whats the trail", "whats the trial"},
                        // a word of kSuggestAnyEditBytes or more: any one edit (a Bloom false positive of the
                        // lexicon is a typo taken for a real word: "arthoscopy" kept its "did you mean")
                        {"batching", "bathing"}}) {
    INFO(c.first);
    const Result r = search_pack(pf, c.first);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.res.hit_count == 0);
    CHECK(suggested(r) == c.second);
  }
  // "catch" is one edit from "match" by its stem, but no slip of the fingers: nothing is offered (it was
  // "did you mean: whats the matches?"), and the word is named missing
  for (const char *q : {"catch", "whats the catch"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.res.hit_count == 0);
    CHECK((r.res.flags & (FOLIO_SEARCH_SUGGESTED | FOLIO_SEARCH_CORRECTED)) == 0);
    CHECK(r.missing() == "catch");
  }
  // a typing error (not in the lexicon) is still corrected and searched
  const Result t = search_pack(pf, "mtach");
  CHECK(t.corrected() == "match");
  CHECK(t.res.hit_count == 1);
}

TEST_CASE("search: a short real word is corrected only for a slip to a neighbouring key", "[search]") {
  using folio::fts::key_slip;
  CHECK(key_slip("knew", "knee", 4));   // w, e: side by side
  CHECK(key_slip("golf", "gold", 4));   // f, d
  CHECK(key_slip("hat", "hay", 3));     // t, y
  CHECK(key_slip("cat", "cst", 3));     // a, s
  CHECK(key_slip("tap", "tqp", 3));     // a and q touch across rows
  CHECK(key_slip("bin", "bun", 3));     // i and u
  CHECK(key_slip("pin", "pjn", 3));     // i and j touch across rows
  CHECK_FALSE(key_slip("wore", "work", 4));  // e, k: far apart
  CHECK_FALSE(key_slip("shut", "shot", 4));  // u, o: one key between
  CHECK_FALSE(key_slip("dads", "adds", 4));  // a swap, not one key
  CHECK_FALSE(key_slip("kick", "pick", 4));
  CHECK_FALSE(key_slip("knee", "knee", 4));  // no change
  CHECK_FALSE(key_slip("abcd", "bacd", 4));  // two changes
  CHECK_FALSE(key_slip("pin", "pmn", 3));    // i, m: two rows apart
  CHECK_FALSE(key_slip("ka1", "ka2", 3));    // not letters

  folio_test::TempDir dir;
  folio::index::PackFile lex;
  build_lexicon_pack(dir / "lex",
                     R"({"slug":"knee","title":"Knee pain","body":"Knee pain is common. Most people who got a knee injection went out walking."})" "\n"
                     R"({"slug":"cost","title":"Cost","body":"The price adds up: knee shots are not cheap."})" "\n",
                     "knew\ngout\ndads\n", &lex);
  auto corrected = [&](const std::string &q) { return corrected_query(lex, q); };
  CHECK(corrected("knew pain") == "knee pain");  // a slip of one key, and knee is with pain
  // "got" (one letter dropped) is with knee, and "out" is a stopword, with every word: neither is taken
  CHECK(corrected("gout knee") == "");
  CHECK(corrected("dads knee") == "");  // "adds" is with knee, but a swap of two letters
  CHECK(corrected("knee goot") == "knee got");  // not a real word: a typo, corrected as before
}

TEST_CASE("search: a real word is corrected only to a word one edit from it as typed", "[search]") {
  // the typo walk also matches by stems: "smiting" (stem "smite") is one edit from the stem "site", and
  // "farting" (stem "fart") from "fat", though both are three letters from them as typed; until
  // 2026-12-06 such a real word was corrected whenever the rest of the query fitted ("injection smiting"
  // was searched as "injection site"). A real word one edit from a word of the text as typed still is
  // ("clinical trail"), and so is a typing error by its stem ("injection sitting" is no real word here)
  folio_test::TempDir dir;
  folio::index::PackFile lex;
  build_lexicon_pack(dir / "lex",
                     R"({"slug":"site","title":"After the shot","body":"The injection site may ache. Fat is taken by a small cut."})" "\n"
                     R"({"slug":"trial","title":"Trials","body":"A clinical trial compares treatments."})" "\n",
                     "smiting\nfarting\ntrail\n", &lex);
  auto corrected = [&](const std::string &q) { return corrected_query(lex, q); };
  CHECK(corrected("injection smiting") == "");
  CHECK(corrected("farting cut") == "");
  CHECK(corrected("clinical trail") == "clinical trial");
  CHECK(corrected("injection sitting") != "");
}

TEST_CASE("search: a possessive typed without its apostrophe is a real word", "[search]") {
  // spelling lists have "wife" but no "wifes": until 2026-12-06 "my wifes knee" was taken for a typo and
  // searched as "my widely knee" (the typo walk matches stems: "wife" is one edit from "wide"). A word
  // ending in one 's' whose rest is in the lexicon is now a real word, and a real word is corrected only
  // one edit as typed. A doubled 's' is still a typo ("kneess"), and so is a word whose rest is none.
  folio_test::TempDir dir;
  folio::index::PackFile lex;
  build_lexicon_pack(dir / "lex",
                     R"({"slug":"knee","title":"Knee pain","body":"The results vary widely. Most knees ache after the shot."})" "\n",
                     "wife\nknees\n", &lex);
  auto corrected = [&](const std::string &q) { return corrected_query(lex, q); };
  CHECK(corrected("my wifes knee") == "");
  CHECK(corrected("wife knee") == "");     // the word itself, as before
  CHECK(corrected("wipes knee") != "");    // "wipe" is no word of this lexicon: a typo, corrected
  CHECK(corrected("kneess ache") != "");   // a doubled 's': a typo of "knees"
}

TEST_CASE("search: a misspelled synonym-only word is corrected to it and searches its group", "[search]") {
  // "strength" and "tumor" are in synonym groups and in no section: the build keeps them as terms with no
  // postings (search_format.h), which the typo walk reaches by the word as typed ("strenght" -> "strength",
  // then its group finds "force"), never by the stems alone ("tumeric", stem "tumer", is one stem edit
  // from "tumor" and three letters from it). Until 2026-12-05 a typo reached only words of the text.
  folio_test::TempDir dir;
  folio_test::write_fixture(dir.path());
  folio_test::write_file(dir / "synonyms.yaml",
                         "- [kneecap, patella]\n- [shot, injection]\n- [strength, force]\n- [tumor, glide]\n");
  REQUIRE(folio_test::run_build({dir.path(), "-o", dir / "syn.folio", "--quiet"}) == 0);
  folio::index::PackFile pf;
  REQUIRE(pf.open(dir / "syn.folio") == FOLIO_OK);
  uint32_t bad_article = 0;
  CHECK(folio_verify(pf.reader, &bad_article) == FOLIO_OK);
  auto run = [&](const std::string &q) {
    Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    return r;
  };
  const Result exact = run("strength");  // the word itself: known through its group, as before
  REQUIRE(exact.res.hit_count >= 1);
  CHECK(exact.slug(0) == "alpha");
  CHECK(exact.corrected().empty());
  const Result typo = run("strenght");
  CHECK(typo.corrected() == "strength");
  REQUIRE(typo.res.hit_count >= 1);
  CHECK(typo.slug(0) == "alpha");
  CHECK(typo.snippet(0).find("force") != std::string::npos);
  const Result far = run("tumeric");
  CHECK(far.corrected().empty());
  CHECK(far.res.hit_count == 0);
  // the candidate as typo_candidates reports it: one edit, no postings, shown as the group writes it
  folio::fts::TypoCandidate c[3];
  uint32_t n = 0;
  REQUIRE(folio::fts::typo_candidates(pf.reader, "strenght", 8, c, 3, &n, nullptr) == FOLIO_OK);
  REQUIRE(n >= 1);
  CHECK(std::string(c[0].surface, c[0].surface_len) == "strength");
  CHECK(c[0].dist == 1);
  CHECK(c[0].df == 0);
  // a prefix never expands to a word with no postings: "streng*" stands for the group's word instead
  const Result pre = run("streng*");
  REQUIRE(pre.res.hit_count >= 1);
  CHECK(pre.slug(0) == "alpha");

  // a real word (the lexicon's) is never offered "did you mean" a word only a group has: "rumor" is no
  // typing error for "tumor" (until 2026-12-06 it was offered it, as "casually" was "casualty" and "wine"
  // the NSAID group's "aine"); nor corrected to it when the group does not fit the other words ("glide"
  // and "force" share no section); a typing error still is
  folio_test::write_file(dir / "words.txt", "rumor\ntumor\n");
  REQUIRE(folio_test::run_build({dir.path(), "-o", dir / "lex.folio", "--quiet", "--lexicon", dir / "words.txt"}) == 0);
  folio::index::PackFile lx;
  REQUIRE(lx.open(dir / "lex.folio") == FOLIO_OK);
  for (const char *q : {"rumor", "rumor force"}) {
    INFO(q);
    const Result r = search_pack(lx, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.corrected().empty());
    CHECK((r.res.flags & (FOLIO_SEARCH_CORRECTED | FOLIO_SEARCH_SUGGESTED)) == 0);
  }
  const Result tumr = search_pack(lx, "tumr");
  CHECK(tumr.corrected() == "tumor");
}

TEST_CASE("search: typo candidates are ordered by a fixed rule", "[search]") {
  // "lost": "loss" (first letter kept) and "cost" (first letter fixed) are both one edit away; at equal
  // distance a term keeping the word's first letter ranks first, whatever the document frequencies and
  // the byte order ("cost" sorts first)
  const Typo t = typo("lost");
  REQUIRE(t.status == FOLIO_OK);
  REQUIRE(t.cands.size() == 2);
  CHECK(t.surface(0) == "loss");
  CHECK(t.surface(1) == "cost");
  CHECK(t.cands[0].dist == 1);
  CHECK(t.cands[1].dist == 1);
  // the same answer every time, and distance before everything else
  for (int i = 0; i < 3; ++i) {
    const Typo again = typo("lost");
    REQUIRE(again.cands.size() == t.cands.size());
    for (size_t k = 0; k < t.cands.size(); ++k) CHECK(again.surface(k) == t.surface(k));
  }
  const Typo d = typo("infammations");  // two edits from "inflammation" (surface distance), one stem edit
  REQUIRE(d.cands.size() >= 1);
  CHECK(d.surface(0) == "inflammation");
  for (size_t k = 1; k < d.cands.size(); ++k) CHECK(d.cands[k - 1].dist <= d.cands[k].dist);
}

TEST_CASE("search: at equal distance a finger slip is preferred to a commoner word", "[search]") {
  // "ture" is one edit from "turn" (e -> n, keys far apart) and one from "true" (u and r swapped, a
  // finger slip): "turn" is in three sections, "true" in one, and "turn" had been the correction for
  // being commoner. Both keep the first letter, so only the kind of edit tells them apart.
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"walk","title":"Walking","body":"Turn slowly at the end of the corridor."})" "\n"
      R"({"slug":"stairs","title":"Stairs","body":"Take the turn of the stairs one step at a time; turn on a light."})" "\n"
      R"({"slug":"bed","title":"Getting up","body":"Turn onto your side before you sit up."})" "\n"
      R"({"slug":"claims","title":"Claims","body":"Is it true that the cells regrow cartilage? The evidence is thin."})" "\n";
  build_jsonl_pack(dir / "slip", jsonl, &pf);
  CHECK(corrected_query(pf, "is it ture") == "is it true");
  const Result r = search_pack(pf, "ture cartilage");
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "claims");
  CHECK(r.corrected() == "true cartilage");
  // and "turn" where it is the slip: "tirn" (i beside u) is one edit from it
  CHECK(corrected_query(pf, "tirn slowly") == "turn slowly");
  CHECK(folio::fts::finger_slip("ture", 4, "true", 4));
  CHECK_FALSE(folio::fts::finger_slip("ture", 4, "turn", 4));
}

TEST_CASE("search: words that are not typo-corrected", "[search]") {
  // numbers, stopwords, noise words, compounds, dictionary words and words outside the length limits get
  // no lookup at all (no dictionary work)
  for (const char *w : {"2024", "10,000", "2.5", "the", "about", "vs", "stem-cell", "cartilage", "Cartilage", "injections",
                        "ab", "abcdefghijklmnopqrstuvwxyzabcdefg"}) {
    INFO(w);
    const Typo t = typo(w);
    CHECK(t.status == FOLIO_OK);
    CHECK(t.cands.empty());
    CHECK(t.stats.seeks == 0);
    CHECK(t.stats.terms == 0);
  }
  CHECK(typo("   ").status == FOLIO_E_QUERY);
  // a known word in a query is never reported as corrected, even next to a corrected one
  const Result r = run("cartilage regrowth");
  CHECK((r.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  const Result n = run("2025 cartilage");
  CHECK((n.res.flags & FOLIO_SEARCH_CORRECTED) == 0);
}

TEST_CASE("search: a word that completes a synonym phrase is expanded, not corrected", "[search]") {
  // "walking stick" is a synonym of "cane" (content/synonyms.yaml); no section says "stick", a real word
  // (content/lexicon.txt) that alone has no other word to fit and is not corrected, but after "walking"
  // it completes the phrase. (Until 2026-12-06 this case used "immune reaction", a synonym of
  // "rejection", whose "reaction" was corrected to "rejection" before the lexicon; the content now says
  // "an allergic reaction".)
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto search = [&](const char *q, folio_search_result *res, std::string *slug0) {
    folio_search_hit hits[5];
    char text[4096];
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), 0, hits, 5, text, sizeof text, res) == FOLIO_OK);
    if (res->hit_count) *slug0 = std::string(hits[0].slug.ptr, hits[0].slug.len);
    return std::string(text + res->corrected_off, (res->flags & FOLIO_SEARCH_CORRECTED) ? res->corrected_len : 0);
  };
  folio_search_result res;
  std::string top;
  CHECK(search("walking stick", &res, &top).empty());
  CHECK((res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  CHECK((res.flags & FOLIO_SEARCH_PARTIAL) == 0);  // the phrase's group matches whole sections
  CHECK(res.hit_count >= 2);
  CHECK(search("stick", &res, &top).empty());
  CHECK(res.hit_count == 0);
  CHECK(search("knee stick", &res, &top).empty());
  CHECK(res.hit_count >= 2);
}

TEST_CASE("search: a word that starts a synonym phrase is expanded, not corrected", "[search]") {
  // "water on the knee" is a synonym of "swelling" (content/synonyms.yaml); no section says "water", a
  // real word one edit from "later", which fits with "knee": it was searched as "later on the knee"
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto run = [&](const char *q, folio_search_result *res) {
    folio_search_hit hits[5];
    char text[4096];
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), 0, hits, 5, text, sizeof text, res) == FOLIO_OK);
    REQUIRE(res->hit_count >= 1);
    return std::string(hits[0].slug.ptr, hits[0].slug.len);
  };
  folio_search_result res;
  const std::string swelling = run("fluid on the knee", &res);  // the group's other phrase
  for (const char *q : {"water on the knee", "water in knee", "my knee has water on the knee"}) {
    INFO(q);
    CHECK(run(q, &res) == swelling);
    CHECK((res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  }
}

TEST_CASE("search: a long question keeps its content words and their synonyms", "[search]") {
  // Sixteen clauses hold a query. A long question's stopwords took clauses too, so its last words were
  // dropped (flag TRUNCATED), and a word whose synonyms needed a clause of their own once the table was
  // full found nothing ("jab", which the text calls a shot or an injection, was named missing).
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto run = [&](const char *q) {
    Result r;
    r.hits.resize(5);
    r.text.resize(4096);
    r.status = folio_search(pf.reader, q, std::strlen(q), 0, r.hits.data(), 5, r.text.data(), r.text.size(), &r.res);
    REQUIRE(r.status == FOLIO_OK);
    return r;
  };
  const Result a = run("can he keep taking his low dose aspirin after the stem cell knee jab if hes been told no anti "
                       "inflammatories");
  CHECK((a.res.flags & FOLIO_SEARCH_TRUNCATED) == 0);
  CHECK(a.missing() == "aspirin");
  bool nsaids = false;  // "Pain pills to avoid, and why": the anti-inflammatories at the end of the question
  for (uint32_t i = 0; i < a.res.hit_count && i < 3; ++i) nsaids |= a.anchor(i) == "avoid-nsaids";
  CHECK(nsaids);
  // the stopwords of a synonym phrase keep their clauses: "water on the knee" is still the phrase
  // (swelling), not "water" (in no section) and "knee"
  const Result w = run("my mum is seventy and her doctor says she has had water on the knee for a few months now what "
                       "can she do");
  CHECK(w.missing() == "mum");
  CHECK((w.res.flags & (FOLIO_SEARCH_CORRECTED | FOLIO_SEARCH_TRUNCATED)) == 0);
  REQUIRE(w.res.hit_count >= 1);
}

TEST_CASE("search: a hyphenated compound is corrected part by part and shares its synonyms with the words apart", "[search]") {
  // A hyphenated compound is one clause: the whole word, or its parts side by side. Neither has a typo
  // correction, so "anti-inflamatory" found nothing where "anti inflamatory" was corrected. A compound
  // the pack knows neither as a whole nor by its parts is now searched as its parts, as if typed apart.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  for (const char *q : {"anti-inflamatory", "bone-marow", "platlet-rich plasma"}) {
    INFO(q);
    const Result joined = search_pack(pf, q);
    REQUIRE(joined.status == FOLIO_OK);
    CHECK(joined.res.hit_count > 0);
    CHECK(joined.missing() == "");
    std::string apart(q);
    std::replace(apart.begin(), apart.end(), '-', ' ');
    CHECK(hit_keys(joined) == hit_keys(search_pack(pf, apart)));
  }
  CHECK(search_pack(pf, "anti-inflamatory").corrected() == "anti-inflammatory");
  CHECK(search_pack(pf, "bone-marow").corrected() == "bone-marrow");
  const Result nsaid = search_pack(pf, "anti-inflamatory pills");
  REQUIRE(nsaid.res.hit_count >= 3);
  bool avoid = false;  // "Pain pills to avoid, and why", as for the word spelled right
  for (uint32_t i = 0; i < 3; ++i) avoid |= nsaid.anchor(i) == "avoid-nsaids";
  CHECK(avoid);
  // the compound typed apart is its synonym group's phrase too: "anti inflammatory" also finds the
  // sections that only name the medicines (ibuprofen, NSAIDs), as "anti-inflammatory" does
  auto sections = [&](const char *q, uint32_t flags) {
    return search_pack(pf, q, flags | FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_NO_SNIPPETS, 64, 0).res.hit_count;
  };
  CHECK(sections("anti inflammatory", 0) > sections("anti inflammatory", FOLIO_SEARCH_NO_SYNONYMS));
  CHECK(sections("anti inflammatory", 0) == sections("anti-inflammatory", 0));
  // and the other way round: a compound whose parts are a phrase of the table gets its group
  // ("steroid-shot": [steroid shot, cortisone injection, …]), as typed apart
  CHECK(sections("steroid-shot", 0) > sections("steroid-shot", FOLIO_SEARCH_NO_SYNONYMS));
  CHECK(sections("steroid-shot", 0) == sections("steroid shot", 0));
  // while typing: the last part is a prefix of its own ("bone-mar"; the text never writes "bone-marrow")
  const Result typing = search_pack(pf, "bone-mar", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(typing.res.hit_count > 0);
  CHECK(typing.snippet(0).find("marrow") != std::string::npos);
  // a compound whose whole is typed (the prefix of a word of the pack) stays one clause
  CHECK(search_pack(pf, "anti-infl", FOLIO_SEARCH_PREFIX_LAST).res.hit_count > 0);
  // parts the pack knows, never side by side, still find nothing: "IL-7" is no "IL" and no "7" apart
  const Result il7 = search_pack(pf, "IL-7");
  REQUIRE(il7.status == FOLIO_OK);
  CHECK(il7.res.hit_count == 0);
  CHECK(il7.missing() == "IL-7");
}

TEST_CASE("search: an explicit prefix of one letter, and an excluded prefix, mean their completions", "[search]") {
  // `k*` was refused as too short and reported "no section has: k"; `-menis*` excluded only a word spelled
  // "menis", so every meniscus section stayed.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result k = search_pack(pf, "k*");
  REQUIRE(k.status == FOLIO_OK);
  REQUIRE(k.res.hit_count > 0);
  CHECK(k.missing() == "");
  for (uint32_t i = 0; i < k.res.hit_count; ++i) {
    INFO(k.snippet(i));
    REQUIRE(k.hits[i].highlight_count > 0);  // a word starting with "k" is lit
    const folio_search_range &r = k.hits[i].highlights[0];
    CHECK(std::tolower(static_cast<unsigned char>(k.text[k.hits[i].snippet_off + r.off])) == 'k');
  }
  // a one-letter word of the text ("s" of "HCT/Ps"?) weighs as the prefix's completions, not as a rare word
  const Result s = search_pack(pf, "s* knee", 0, 3);
  REQUIRE(s.res.hit_count > 0);
  CHECK(s.hits[0].score < search_pack(pf, "knee", 0, 1).hits[0].score * 2.0f);
  // excluded: no hit shows a word that starts with "menis", and some did without the exclusion
  auto shows = [](const Result &r, uint32_t i, const char *w) {
    std::string t = std::string(r.hits[i].title.ptr, r.hits[i].title.len) + " " +
                    std::string(r.hits[i].heading.ptr, r.hits[i].heading.len) + " " + r.snippet(i);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    return t.find(w) != std::string::npos;
  };
  const Result all = search_pack(pf, "knee", FOLIO_SEARCH_ALL_SECTIONS, 64, 1 << 16);
  const Result excl = search_pack(pf, "knee -menis*", FOLIO_SEARCH_ALL_SECTIONS, 64, 1 << 16);
  REQUIRE(excl.status == FOLIO_OK);
  uint32_t before = 0;
  for (uint32_t i = 0; i < all.res.hit_count; ++i) before += shows(all, i, "menis") ? 1 : 0;
  CHECK(before > 0);
  for (uint32_t i = 0; i < excl.res.hit_count; ++i) {
    INFO(excl.slug(i) << "#" << excl.anchor(i));
    CHECK(!shows(excl, i, "menis"));
    CHECK(excl.anchor(i) != "meniscus");
  }
  CHECK(excl.res.hit_count > 0);
}

TEST_CASE("search: NOT in capitals excludes the next word or phrase, as PubMed and FTS5 write it", "[search]") {
  // "knee NOT surgery" searched "not" as a stopword and ranked the surgery sections first.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const uint32_t all = FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_NO_SNIPPETS;
  const Result with_not = search_pack(pf, "knee NOT surgery", all, 64, 0);
  REQUIRE(with_not.res.hit_count > 0);
  CHECK(hit_keys(with_not) == hit_keys(search_pack(pf, "knee -surgery", all, 64, 0)));
  CHECK(hit_keys(with_not) != hit_keys(search_pack(pf, "knee surgery", all, 64, 0)));
  CHECK(hit_keys(search_pack(pf, "NOT surgery knee", all, 64, 0)) == hit_keys(with_not));
  CHECK(hit_keys(search_pack(pf, "stem cells NOT \"bone marrow\"", all, 64, 0)) ==
        hit_keys(search_pack(pf, "stem cells -\"bone marrow\"", all, 64, 0)));
  // a query in capitals throughout, or "not" in lower case, keeps the word
  CHECK(hit_keys(search_pack(pf, "IS IT NOT SAFE", all, 64, 0)) == hit_keys(search_pack(pf, "is it not safe", all, 64, 0)));
  const Result lower = search_pack(pf, "knee not surgery", all, 64, 0);
  REQUIRE(lower.res.hit_count > 0);
  CHECK(lower.anchor(0).find("surgery") != std::string::npos);
}

TEST_CASE("search: clinicians' slash shorthand is read, not reported missing", "[search]") {
  // "w/" was named missing as "w", "w/o", "h/o" and "s/p" as "w o", "h o" and "s/p".
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  for (const char *q : {"OA w/ effusion", "knee pain w/o swelling", "h/o gout", "s/p TKA"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.res.hit_count > 0);
    CHECK(r.missing() == "");
  }
  // "w/" is a filler: the same hits as without it
  CHECK(hit_keys(search_pack(pf, "OA w/ effusion")) == hit_keys(search_pack(pf, "OA effusion")));
  // "s/p" (status post) is after an operation: the surgery sections
  const Result sp = search_pack(pf, "s/p TKA");
  CHECK(sp.slug(0) == "knee-surgery");
}

TEST_CASE("search: \"near me\" asks for nothing an offline reference has", "[search]") {
  // "near" was a word to find: "are there any clinical trials near me" opened at "Nearly 20% of adults".
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto lit_near = [](const Result &r, uint32_t i) {
    for (uint32_t k = 0; k < r.hits[i].highlight_count; ++k) {
      std::string w = r.snippet(i).substr(r.hits[i].highlights[k].off, r.hits[i].highlights[k].len);
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
      if (w.rfind("near", 0) == 0) return true;
    }
    return false;
  };
  for (const char *q : {"are there any clinical trials near me", "stem cell trials nearby"}) {
    INFO(q);
    const Result r = search_pack(pf, q, 0, 3);
    REQUIRE(r.res.hit_count > 0);
    CHECK(r.missing() == "");
    for (uint32_t i = 0; i < r.res.hit_count; ++i) CHECK(!lit_near(r, i));
  }
  // "near" elsewhere is a word as before: "nearly" is found and lit
  const Result w = search_pack(pf, "near", 0, 1);
  REQUIRE(w.res.hit_count == 1);
  CHECK(lit_near(w, 0));
}

TEST_CASE("search: a courtesy that opens or closes a question never has to match", "[search]") {
  // "Hello, I am 80 …" and "what is an RCT please" named "Hello" and "please" as words no section has,
  // and every hit was partial.
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"rct","title":"Randomised trials","body":"An RCT puts people into groups by chance."})"
      "\n"
      R"({"slug":"please","title":"Please","body":"A polite word added to a request."})"
      "\n";
  build_jsonl_pack(dir / "c", jsonl, &pf);
  for (const char *q : {"what is an RCT please", "what is an RCT thank you", "hello what is an RCT",
                        "Hi, how does an RCT put people into groups", "Dear, what is an RCT? Thanks"})
    check_noise_ignored(pf, q, "rct");
  // elsewhere, or in a short query, it is a word to find
  for (const char *q : {"please", "please word", "what does please mean"}) {
    INFO(q);
    const Result r = search_pack(pf, q, 0, 2);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "please");
  }
}

TEST_CASE("search: a letter dropped from a four-letter word is put back where the word beside it agrees", "[search]") {
  // Words under four letters get no typo correction, and "kne pain", "stem cel", "hip bon" named the short
  // word missing. Now a term that is the word with one letter put back is taken when it stands beside the
  // query's neighbouring word in the text.
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  const std::string jsonl =
      R"({"slug":"pain","title":"Aches","body":"Knee pain is common after sport. Shots are one option."})"
      "\n"
      R"({"slug":"cells","title":"Cells","body":"A stem cell can make copies of itself."})"
      "\n"
      R"({"slug":"harvest","title":"Harvest","body":"Marrow is taken from the hip bone."})"
      "\n";
  build_jsonl_pack(dir / "d", jsonl, &pf);
  const struct {
    const char *q, *shown, *slug;
  } fixed[] = {{"kne pain", "knee pain", "pain"},
               {"nee pain", "knee pain", "pain"},
               {"stem cel", "stem cell", "cells"},
               {"tem cell copies", "stem cell copies", "cells"},
               {"hip bon", "hip bone", "harvest"}};
  for (const auto &f : fixed) {
    INFO(f.q);
    const Result r = search_pack(pf, f.q, 0, 2);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.corrected() == f.shown);
    CHECK(r.missing() == "");
    CHECK(r.slug(0) == f.slug);
  }
  // no neighbour to agree (alone, or beside stopwords only), typed as a name, or the term never beside
  // the neighbour ("knee" is never right before "shots"): left as typed, and named missing
  for (const char *q : {"kne", "is it kne", "KNE pain", "kne shots"}) {
    INFO(q);
    const Result r = search_pack(pf, q, 0, 2);
    CHECK(r.corrected() == "");
    CHECK(r.missing().find_first_of("kK") == 0);
  }
  // with typo correction off, nothing is put back
  const Result off = search_pack(pf, "kne pain", FOLIO_SEARCH_NO_FUZZY, 2);
  CHECK(off.corrected() == "");
  CHECK(off.missing() == "kne");
}

TEST_CASE("search: a partial match's coverage is the share of the query's weight it holds", "[search]") {
  // Coverage counted words alike: in a long question the common words a section shares outvoted the rare
  // one that matters ("had a meniscus op last year can i still get stem cells in that knee" opened at a
  // section with "last", "year" and "surgery", not at the meniscus one).
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  std::string jsonl =
      R"({"slug":"meniscus","title":"Torn cartilage","body":"A meniscus tear is a common injury of the knee."})"
      "\n";
  for (int i = 0; i < 12; ++i)
    jsonl += R"({"slug":"page-)" + std::to_string(i) + R"(","title":"Page )" + std::to_string(i) +
             R"(","body":"Last year people with a sore knee had to walk up the stairs slowly, page )" +
             std::to_string(i) + R"(."})" "\n";
  build_jsonl_pack(dir / "t", jsonl, &pf);
  const Result r = search_pack(pf, "meniscus knee last year people walk stairs", 0, 5);
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count == 5);
  CHECK((r.hits[0].flags & FOLIO_HIT_ALL_WORDS) == 0);  // no section has every word
  CHECK(r.slug(0) == "meniscus");
  // the words that most sections share still rank those sections among themselves
  const Result common = search_pack(pf, "knee last year people walk stairs", 0, 3);
  REQUIRE(common.res.hit_count == 3);
  CHECK(common.slug(0).rfind("page-", 0) == 0);
  CHECK((common.hits[0].flags & FOLIO_HIT_ALL_WORDS) != 0);
}

TEST_CASE("search: a pasted web address searches its meaningful words only", "[search]") {
  // "https" was corrected into the folded "HCT/Ps" ("hctps"), and "www" and "gov" were named missing.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result plain = search_pack(pf, "fda stem cells");
  REQUIRE(plain.res.hit_count > 0);
  for (const char *q : {"https://www.fda.gov stem cells", "www.fda.gov stem cells", "http://fda.gov/ stem cells",
                        "fda.gov stem cells", "(https://www.fda.gov/) stem cells"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.corrected() == "");
    CHECK(r.missing() == "");
    REQUIRE(r.res.hit_count > 0);
    CHECK(r.slug(0) == plain.slug(0));
  }
  // the words of its path are searched ("tobacco" is in no section), and the same words outside an
  // address are words as before: a bare "gov" is named missing
  CHECK(search_pack(pf, "https://www.fda.gov/tobacco-products stem cells").missing() == "tobacco");
  CHECK(search_pack(pf, "gov stem cells").missing() == "gov");
}

TEST_CASE("search: a clinician's c/o (complains of) is a filler", "[search]") {
  // "c/o" is joined by the tokenizer into "co"; until 2026-12-08 "knee pain c/o" named "c o" missing
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result plain = search_pack(pf, "pt swelling after bmac");
  for (const char *q : {"pt c/o swelling after bmac", "c/o swelling after bmac pt", "pt C/O swelling after bmac"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.missing() == "");
    CHECK(hit_keys(r) == hit_keys(plain));  // as if it were not typed
  }
  // only the compound: "co" typed is the start of a word ("cost") as before
  const Result typing = search_pack(pf, "how much does it co", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(typing.res.hit_count > 0);
  CHECK(typing.slug(0) == "cost-and-insurance");
}

TEST_CASE("search: a decade of life is read as an age", "[search]") {
  // "stem cells in my 70s" named "70s" missing and opened at a list of questions about cells.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  for (const char *q : {"stem cells in my 70s", "knee injection for over 80s", "stem cells in my seventies",
                        "stem cell knee injection in your 60s", "knee arthritis in my fifties"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.missing() == "");
    REQUIRE(r.res.hit_count > 0);
    CHECK(r.slug(0) + "#" + r.anchor(0) == "who-is-a-candidate#age");
  }
  // a four-digit decade is a time, not an age: still a word the content lacks
  CHECK(search_pack(pf, "stem cells in the 1990s").missing() == "1990s");
}

TEST_CASE("search: an amount of money the text does not write stands for its cost", "[search]") {
  // the text writes prices as "$10,000" and "a few thousand dollars"; until 2026-12-06 any other amount
  // ("is £3000 too much") was named missing and the query's other words chose ("much": "How much damage
  // matters"). A fixture pack, so the rule is checked apart from the bundled content's wording.
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "money",
                   R"({"slug":"cost","title":"Paying for it","body":"How much is it? The cost is high: one clinic quoted about $10,000, in dollars; we give no price in pounds."})" "\n"
                   R"({"slug":"damage","title":"Damage","body":"How much damage matters. Run a race when the knee is calm."})" "\n"
                   R"({"slug":"weight","title":"Weight","body":"Losing weight helps the knee."})" "\n",
                   &pf);
  for (const char *q : {"\xC2\xA3" "3000", "is \xC2\xA3" "3000 too much", "$4,500", "\xE2\x82\xAC" "6000",
                        "8000 dollars", "5000 pounds", "\xC2\xA3" "5k", "quoted $15,000", "8 grand", "$12 k",
                        "15 thousand dollars"}) {
    check_first_full(pf, q, "cost");
    CHECK(search_pack(pf, q).missing() == "");
  }
  // an amount the text writes is found as itself
  const Result exact = search_pack(pf, "$10,000");
  REQUIRE(exact.res.hit_count == 1);
  CHECK(exact.slug(0) == "cost");
  // a number that is no amount stays a word the text lacks: no currency sign or word, a race, a weight
  CHECK(search_pack(pf, "3000").missing() == "3000");
  CHECK(search_pack(pf, "run a 5k").missing() == "5k");
  CHECK(search_pack(pf, "5 thousand").missing() == "5 thousand");
  CHECK(search_pack(pf, "20 pounds").missing() == "20");  // two digits: a weight ("lost 20 pounds")
  // a second amount does not stand for the cost again: it is optional, so the other words still choose
  const Result two = search_pack(pf, "\xC2\xA3" "3000 or \xC2\xA3" "5000 damage");
  REQUIRE(two.res.hit_count >= 1);
  CHECK(two.missing() == "");
  CHECK(two.res.hit_count == 2);
}

TEST_CASE("search: an abbreviation typed in capitals is not corrected into one with another first letter", "[search]") {
  // "ISCT criteria" (the cell therapy society's) was shown corrected to "HSCT criteria" (a transplant).
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result isct = search_pack(pf, "ISCT criteria");
  CHECK(isct.corrected() == "");
  CHECK(isct.missing() == "ISCT");
  // lower case, it is a slip of a word as before; in capitals, a slip past the first letter still is
  CHECK(search_pack(pf, "isct criteria").corrected() == "hsct criteria");
  CHECK(search_pack(pf, "is BMAV safe").corrected() == "is BMAC safe");
}

TEST_CASE("search: an abbreviation typed in capitals is corrected only into an abbreviation of the pack", "[search]") {
  // the pack's abbreviations are words of its synonym table (the glossary's and content/synonyms.yaml's);
  // a common word is no slip of one: "WOMAC scores" was shown as "woman scores", "MACI vs BMAC" as "many
  // vs BMAC", "PICO" as "pick"
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  check_corrected(pf, {{"WOMAC scores", ""}, {"MACI vs BMAC", ""}, {"PICO question", ""}, {"MCID after injection", ""}});
  CHECK(search_pack(pf, "WOMAC scores").missing() == "WOMAC");  // named as missing instead
  // typed in lower case, the same word is a slip as before; an abbreviation's slip is still corrected
  check_corrected(pf, {{"womac scores", "woman scores"},
                       {"BMCA for knees", "BMAC for knees"},
                       {"NSIAD after the shot", "NSAIDS after the shot"}});
}

TEST_CASE("search: a correction is shown in the case the word was typed", "[search]") {
  // the dictionary's words are folded; a correction takes the typed word's capitals: all of them for a
  // word typed in capitals, the first letter for a capitalised one; a word typed in lower case stays so
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  check_corrected(pf, {{"STEM CELL INJECTON", "STEM CELL INJECTION"},
                       {"Injecton risks", "Injection risks"},
                       {"injecton risks", "injection risks"},
                       {"is BMAV safe", "is BMAC safe"},
                       // a split or joined correction too ("Stemcells": two words of the pack run together)
                       {"Stemcells knee", "Stem cells knee"}});
}

TEST_CASE("search: a number glued to its unit, or followed by a scale word, is what the text writes", "[search]") {
  // Clinicians write "3mm", "6wks", "12mo" and "65yo"; the text writes "3 mm", "6 weeks", "12 months". The
  // glued token was one word in no section: "3mm" found nothing and "knee pain 2yrs" named "2yrs" missing.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  for (const char *q : {"3mm", "6wks after the injection", "12mo follow-up", "knee pain 2yrs"}) {
    INFO(q);
    const Result glued = search_pack(pf, q);
    REQUIRE(glued.status == FOLIO_OK);
    CHECK(glued.res.hit_count > 0);
    CHECK(glued.missing() == "");
    std::string apart(q);
    const size_t at = apart.find_first_of("mwy", apart.find_first_of("0123456789"));
    apart.insert(at, " ");
    CHECK(hit_keys(glued) == hit_keys(search_pack(pf, apart)));
  }
  // the unit is a word with its synonyms: "6wks" finds the text's "6 weeks", highlighted
  const Result weeks = search_pack(pf, "6wks");
  REQUIRE(weeks.res.hit_count > 0);
  CHECK(weeks.snippet(0).find("weeks") != std::string::npos);
  // a number the text lacks is reported as the number alone
  CHECK(search_pack(pf, "65yo knee").missing() == "65");
  // a unit the pack does not know leaves the token whole, as typed
  CHECK(search_pack(pf, "2.5cm").missing() == "2.5cm");
  // ordinals and thousands keep their number readings: "2nd" is "second", "20k" is "$20,000"
  CHECK(hit_keys(search_pack(pf, "2nd opinion")) == hit_keys(search_pack(pf, "second opinion")));
  const Result k20 = search_pack(pf, "20k");
  REQUIRE(k20.res.hit_count > 0);
  CHECK(k20.snippet(0).find("20,000") != std::string::npos);
  // digits and a scale word are the number the text writes in digits: "20 grand" and "20 thousand" are
  // "$20,000" (they were "20" and a word no section has); a price the text lacks stands for its cost
  // (since 2026-12-06; it had been named missing whole)
  for (const char *q : {"20 grand", "$20 thousand", "20 k"}) {
    INFO(q);
    const Result r = search_pack(pf, q);
    REQUIRE(r.res.hit_count > 0);
    CHECK(r.missing() == "");
    CHECK(r.snippet(0).find("20,000") != std::string::npos);
  }
  CHECK(search_pack(pf, "20 grand").slug(0) == k20.slug(0));
  const Result eight = search_pack(pf, "8 grand");
  CHECK(eight.missing() == "");
  REQUIRE(eight.res.hit_count > 0);
  CHECK(eight.slug(0) == "cost-and-insurance");
  CHECK(search_pack(pf, "8 thousand").missing() == "8 thousand");  // no currency: no price
  // while typing, the unit is the prefix being typed
  const Result typing = search_pack(pf, "6 wee", FOLIO_SEARCH_PREFIX_LAST);
  const Result glued_typing = search_pack(pf, "6wee", FOLIO_SEARCH_PREFIX_LAST);
  REQUIRE(typing.res.hit_count > 0);
  CHECK(hit_keys(glued_typing) == hit_keys(typing));
}

TEST_CASE("search: a correction keeps the typed word's inflection when that is nearer to it", "[search]") {
  // The corrected query showed each word's surface form, the commonest word of its stem: "cost of repeat
  // treatmnets" became "cost of repeat treatment". The typed ending, when it is an inflection, is kept
  // if that form is nearer to what was typed; a made-up form never is ("injecions" is not "injects",
  // "arthroscopic" is not "arthroscopiic").
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto corrected = [&](const char *q) { return search_pack(pf, q, FOLIO_SEARCH_NO_SNIPPETS, 3).corrected(); };
  CHECK(corrected("cost of repeat treatmnets") == "cost of repeat treatments");
  CHECK(corrected("when can i start excercising again") == "when can i start exercising again");
  CHECK(corrected("how many stem cell clincs did the fda warn") == "how many stem cell clinics did the fda warn");
  // (one edit from "injections", a form of `inject` other than its stored "injection", since 2026-12-07)
  CHECK(corrected("amniotic fluid injecions for knees") == "amniotic fluid injections for knees");
  CHECK(corrected("will insurnce pay") == "will insurance pay");
  CHECK(corrected("arthroscopic meniscectomy benefit claims") == "arthroscopy meniscectomy benefit claims");
}

TEST_CASE("search: a real word is corrected only in the context of words most sections lack", "[search]") {
  // "water" (a real word, in no section) is one edit from "later", which co-occurs with "knee"; but so
  // does nearly every word, "knee" being in most sections of a knee reference: no context, no correction
  // ("water knee" was searched as "later knee"). "clinical", in few sections, still tells "trail" from
  // "trial".
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto corrected = [&](const char *q) {
    folio_search_hit hits[5];
    char text[4096];
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), 0, hits, 5, text, sizeof text, &res) == FOLIO_OK);
    return (res.flags & FOLIO_SEARCH_CORRECTED) ? std::string(text + res.corrected_off, res.corrected_len) : std::string();
  };
  CHECK(corrected("water knee") == "");
  CHECK(corrected("knee water") == "");
  CHECK(corrected("clinical trail") == "clinical trial");
}

TEST_CASE("search: a real word is not taken for a shorter word plus a letter", "[search]") {
  // "liver" (a real word the content lacks) is "live" with an "r": it was searched and shown as "live
  // damage", which "damage" shares a section with. A real word that is another one plus a last letter is
  // a word of its own.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result r = search_pack(pf, "liver damage");
  REQUIRE(r.status == FOLIO_OK);
  CHECK(r.corrected() == "");
  CHECK(r.missing() == "liver");
  // a typo that is no real word still loses its extra letter ("kneee" -> "knee"), and a real word is
  // still corrected by a slip elsewhere ("clinical trail" above)
  CHECK(search_pack(pf, "kneee pain").corrected() == "knee pain");
}

TEST_CASE("search: two words run together are split where the text writes them side by side", "[search]") {
  // "stemcell", "kneepain": no word of the pack and no typo of one; searched as the two words, with the
  // same hits as typed apart, and shown corrected. "pointless" (the text has "point" and "less", never
  // together) and "cannot" (stopwords) are not split.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  struct Out {
    std::string corrected;
    std::vector<std::string> hits;
  };
  auto run = [&](const char *q) {
    folio_search_hit hits[5];
    char text[4096];
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_NO_SNIPPETS, hits, 5, text, sizeof text, &res) ==
            FOLIO_OK);
    Out o;
    if (res.flags & FOLIO_SEARCH_CORRECTED) o.corrected.assign(text + res.corrected_off, res.corrected_len);
    for (uint32_t i = 0; i < res.hit_count; ++i)
      o.hits.push_back(std::string(hits[i].slug.ptr, hits[i].slug.len) + "#" +
                       std::string(hits[i].anchor.ptr, hits[i].anchor.len));
    return o;
  };
  const Out split = run("stemcells knee");
  CHECK(split.corrected == "stem cells knee");
  CHECK(split.hits == run("stem cells knee").hits);
  CHECK(!split.hits.empty());
  const Out kp = run("kneepain");
  CHECK(kp.corrected == "knee pain");
  CHECK(kp.hits == run("knee pain").hits);
  CHECK(run("steroidshot").corrected == "steroid shot");
  CHECK(run("is surgery pointless").corrected.empty());
  CHECK(run("cannot walk").corrected.empty());
}

TEST_CASE("search: a prefix no section word starts with completes a word of a synonym group", "[search]") {
  // "expensive" and "infiltration" are in synonym groups (content/synonyms.yaml) and in no section; while
  // the user types them, or with an explicit `*`, the prefix stands for the word and finds its group
  // ("why is it so expens" had no results, the whole word had the cost pages)
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto top = [&](const char *q, uint32_t flags, folio_search_result *res) {
    folio_search_hit hits[5];
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), flags | FOLIO_SEARCH_NO_SNIPPETS, hits, 5, nullptr, 0, res) ==
            FOLIO_OK);
    return res->hit_count ? std::string(hits[0].slug.ptr, hits[0].slug.len) : std::string();
  };
  auto tops = [&](const char *q, uint32_t flags, folio_search_result *res) {
    folio_search_hit hits[5];
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), flags | FOLIO_SEARCH_NO_SNIPPETS, hits, 5, nullptr, 0, res) ==
            FOLIO_OK);
    std::vector<std::string> slugs;
    for (uint32_t i = 0; i < res->hit_count; ++i) slugs.emplace_back(hits[i].slug.ptr, hits[i].slug.len);
    return slugs;
  };
  folio_search_result res;
  const std::string whole = top("why is it so expensive", 0, &res);
  REQUIRE(!whole.empty());
  for (const char *q : {"why is it so expens", "why is it so expensi", "why is it so expensiv"}) {
    INFO(q);
    CHECK(top(q, FOLIO_SEARCH_PREFIX_LAST, &res) == whole);
    CHECK((res.flags & FOLIO_SEARCH_CORRECTED) == 0);
  }
  CHECK(top("expens*", 0, &res) == "cost-and-insurance");
  // the stem is shorter than the word typed ("infiltr" of "infiltration"): still the injection group
  const std::string infil = top("after the infiltration", 0, &res);
  REQUIRE(!infil.empty());
  CHECK(top("after the infiltratio", FOLIO_SEARCH_PREFIX_LAST, &res) == infil);
  CHECK(top("after the infiltrati", FOLIO_SEARCH_PREFIX_LAST, &res) == infil);
  // a prefix of a word the dictionary has is left as it was: completed (by its first letters, or to the
  // term of the word it starts: "injecti" of `inject`), not taken for a synonym group's word: it finds the
  // articles of the whole word (the order may differ)
  const std::vector<std::string> inj = tops("after the injecti", FOLIO_SEARCH_PREFIX_LAST, &res);
  const std::vector<std::string> whole_inj = tops("after the injection", 0, &res);
  REQUIRE(inj.size() == 5);
  REQUIRE(whole_inj.size() == 5);
  // (the same first article and the same five; near ties below the first may swap as the content grows:
  // until 2026-12-06 this compared the first three, and two articles 0.04 apart then swapped places)
  CHECK(inj.front() == whole_inj.front());
  CHECK(std::is_permutation(inj.begin(), inj.end(), whole_inj.begin()));
  // a prefix that starts no word of either is still nothing
  CHECK(top("zzyzx*", 0, &res).empty());
}

TEST_CASE("search: as you type a word whose stem is shorter than what is typed completes to that stem", "[search]") {
  // "preparat" is on its way to "preparation", whose term is `prepar`: no term starts with what is typed,
  // and until 2026-12-07 such a word went to typo correction and the user saw "Showing results for:
  // preparal" (or "disagree", or nothing). Now the words it starts stand for it, with no correction shown.
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"exp","title":"Columns","body":"The exp column lists values."})"
      "\n"
      R"({"slug":"dis","title":"Sources","body":"Their disagreement was public."})"
      "\n"
      R"({"slug":"rec","title":"Pain","body":"Recurring pain returns in winter."})"
      "\n"
      R"({"slug":"age","title":"Joints","body":"Aging joints stiffen."})"
      "\n"
      R"({"slug":"prep","title":"Cells","body":"The preparation of the cells varies."})"
      "\n"
      R"({"slug":"care","title":"Cover","body":"Medicare pays for some of it."})"
      "\n"
      R"({"slug":"med","title":"Doctors","body":"A medical opinion helps. Medical notes too."})"
      "\n"
      R"({"slug":"head","title":"Steps","body":"Lead.\n\n## After the injection\n\nRest a day.\n\n## Before\n\nAn injection of cells after a scan."})"
      "\n"
      R"({"slug":"het","title":"Products","body":"The heterogeneity of products is large."})"
      "\n";
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "t", jsonl, &pf);
  auto first = [&](const char *q, uint32_t flags) {
    INFO(q);
    const Result r = search_pack(pf, q, flags);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.corrected() == "");
    return r.res.hit_count ? r.slug(0) + "#" + r.anchor(0) : std::string();
  };
  const uint32_t typing = FOLIO_SEARCH_PREFIX_LAST;
  CHECK(first("disagreem", typing) == "dis#");          // `disagr`: Porter2 drops the final e of "disagre"
  CHECK(first("disagreemen", typing) == "dis#");
  CHECK(first("recurr", typing) == "rec#");             // `recur`: the double letter undone
  CHECK(first("agin", typing) == "age#");               // `age`: the e put back
  CHECK(first("heterogenei", typing) == "het#");        // `heterogen`: a long word's final e dropped
  CHECK(first("preparat", typing) == "prep#");
  CHECK(first("preparati", typing) == "prep#");
  CHECK(first("preparat*", 0) == "prep#");              // an explicit prefix too
  CHECK(first("cells preparatio", typing) == "prep#");
  CHECK(first("\"the preparat", typing) == "prep#");    // a phrase's last word, in a quote still open
  // "expe" + "n" is not the start of "expeness" (`exp`): an e is dropped only with two of the ending's
  // letters typed ("disagre" + "em"). So "expen" is no completion; it is left to typo correction, which
  // shows what it searched ("expe", one edit away)
  CHECK(search_pack(pf, "expen", typing).corrected() == "expe");
  // only when no term starts with what is typed: "medica" completes to `medicar` (Medicare), and the
  // commoner `medic` (medical), whose word it also starts, is not searched
  {
    const Result r = search_pack(pf, "medica", typing);
    REQUIRE(r.status == FOLIO_OK);
    CHECK(r.has("care"));
    CHECK(!r.has("med"));
  }
  // the query with the word completed may be a section's heading: "after the injecti" opens at "After the
  // injection", as the whole words do, not at the section that has the words apart
  CHECK(first("after the injection", 0) == "head#after-the-injection");
  CHECK(first("after the injecti", typing) == "head#after-the-injection");
  CHECK(first("after the injectio", typing) == "head#after-the-injection");
  // not a whole word the user may have finished: typed without --prefix-last, "preparat" is a typo
  CHECK(search_pack(pf, "preparat").corrected() != "");
  // a negative contraction typed up to its apostrophe is the stopword it starts ("doesnt"), not a typo of
  // "does" (the bundled pack, whose "does" is near)
  folio::index::PackFile content;
  REQUIRE(content.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result whole = search_pack(content, "what if I pay and it doesn't", typing);
  REQUIRE(whole.res.hit_count >= 1);
  for (const char *q : {"what if I pay and it doesn", "what if I pay and it doesn'"}) {
    INFO(q);
    const Result r = search_pack(content, q, typing);
    CHECK(r.corrected() == "");
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) + "#" + r.anchor(0) == whole.slug(0) + "#" + whole.anchor(0));
  }
}

TEST_CASE("search: as you type the start of a real word the content lacks is not taken for a typo", "[search]") {
  // "massag" is on its way to "massage", a word of the lexicon that no section has: it gets a real word's
  // care (a correction only one edit away as typed), so it is not searched as "messages", as it was until
  // 2026-12-07; without a lexicon nothing tells, and it is. A typo of a content word still corrects.
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"msg","title":"Messages","body":"Clinic messages arrive by text. Sports clubs send messages too."})"
      "\n"
      R"({"slug":"day","title":"Access","body":"Support on the day."})"
      "\n";
  folio::index::PackFile lex, plain;
  build_lexicon_pack(dir / "lex", jsonl, "massage\nsports\n", &lex);
  build_jsonl_pack(dir / "plain", jsonl, &plain);
  const uint32_t typing = FOLIO_SEARCH_PREFIX_LAST;
  CHECK(search_pack(lex, "sports massag", typing).corrected() == "");
  CHECK(search_pack(lex, "sports massag", typing).missing() == "massag");
  CHECK(search_pack(plain, "sports massag", typing).corrected() == "sports messages");
  CHECK(search_pack(lex, "sports mesages", typing).corrected() == "sports messages");
  // a finished word is not a prefix: "massag" typed without --prefix-last is a typo
  CHECK(search_pack(lex, "sports massag").corrected() != "");
}

TEST_CASE("search: a misspelled prefix is corrected to the start of a word", "[search]") {
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto search = [&](const char *q, uint32_t flags, std::string *corrected) {
    folio_search_hit hits[5];
    char text[4096];
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), flags, hits, 5, text, sizeof text, &res) == FOLIO_OK);
    *corrected = (res.flags & FOLIO_SEARCH_CORRECTED) ? std::string(text + res.corrected_off, res.corrected_len) : "";
    return res.hit_count ? std::string(hits[0].slug.ptr, hits[0].slug.len) + "#" +
                               std::string(hits[0].anchor.ptr, hits[0].anchor.len)
                         : std::string();
  };
  std::string corr, corr2;
  // `mensic*` found nothing: no term starts with it, and a prefix got no typo correction
  const std::string want = search("menisc*", 0, &corr);
  REQUIRE(!want.empty());
  CHECK(corr.empty());
  CHECK(search("mensic*", 0, &corr) == want);
  CHECK(corr == "menisc*");
  // while typing: a word neither started by any term nor a typo of a whole one ("suplem")
  CHECK(search("glucosamine suplem", FOLIO_SEARCH_PREFIX_LAST, &corr) ==
        search("glucosamine supplem", FOLIO_SEARCH_PREFIX_LAST, &corr2));
  CHECK(corr == "glucosamine supplem");
  CHECK(corr2.empty());
  // four letters typed are not corrected as a prefix, and --no-fuzzy corrects nothing
  search("stem cell appo", FOLIO_SEARCH_PREFIX_LAST, &corr);
  CHECK(corr.empty());
  CHECK(search("mensic*", FOLIO_SEARCH_NO_FUZZY, &corr).empty());
  CHECK(corr.empty());
}

TEST_CASE("search: the prefix typo walk finds the nearest prefix a brute force finds", "[search]") {
  // a dictionary of random words over four letters (no stemmer suffix is made of them, so the terms are
  // the words); every prefix typed is checked against all terms' prefixes: the distance found must be the
  // least one the rule allows (terms starting with the typed first byte; prefixes no shorter than the typed
  // one unless by a byte deleted inside it), and the prefix returned must be at that distance
  folio_test::TempDir dir;
  folio::index::PackFile pf;
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto rnd = [&]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::set<std::string> words;
  while (words.size() < 600) {
    std::string w;
    const size_t len = 4 + rnd() % 7;
    for (size_t k = 0; k < len; ++k) w += static_cast<char>('a' + rnd() % 4);
    words.insert(w);
  }
  std::string jsonl;
  size_t n = 0;
  for (auto it = words.begin(); it != words.end(); ++n) {
    std::string body;
    for (int k = 0; k < 20 && it != words.end(); ++k, ++it) body += *it + " ";
    jsonl += "{\"slug\":\"d" + std::to_string(n) + "\",\"title\":\"Doc\",\"body\":\"" + body + "\"}\n";
  }
  build_jsonl_pack(dir / "t", jsonl, &pf);
  size_t checked = 0, found = 0;
  for (int i = 0; i < 400; ++i) {
    std::string w;
    const size_t q = 4 + rnd() % 4;  // one edit allowed (kTypoOneEditBytes)
    for (size_t k = 0; k < q; ++k) w += static_cast<char>('a' + rnd() % 4);
    uint32_t want = 0;
    for (const std::string &t : words) {
      if (t[0] != w[0]) continue;
      uint32_t best = 99;
      for (size_t j = 1; j <= t.size(); ++j) {
        if (!(j >= q || (j + 1 == q && t[j - 1] == w[q - 1]))) continue;
        const uint32_t d = folio::fts::edit_distance(w.data(), w.size(), t.data(), j, 1);
        if (d < best) best = d;
      }
      if (best >= 1 && best <= 1 && (want == 0 || best < want)) want = best;
    }
    char out[folio::fts::kMaxTermBytes];
    uint32_t ol = 0, d = 0;
    REQUIRE(folio::fts::prefix_typo(pf.reader, w.data(), w.size(), out, &ol, &d) == FOLIO_OK);
    INFO(w);
    CHECK(d == want);
    if (d > 0) {
      ++found;
      REQUIRE(ol > 0);
      CHECK(folio::fts::edit_distance(w.data(), w.size(), out, ol, 2) == d);
      bool starts = false;
      for (const std::string &t : words) starts |= t.compare(0, ol, out, ol) == 0 && t.size() >= ol;
      CHECK(starts);
    }
    ++checked;
  }
  CHECK(checked == 400);
  CHECK(found > 50);
}

TEST_CASE("search: long garbage words give bounded typo work", "[search]") {
  std::vector<std::string> words = {"qwertyuiopasdfghjklzxcvbnmqwerty", std::string(32, 'e'), std::string(32, 'c'),
                                    "cartilagecartilagecartilagecarti", "eaeaeaeaeaeaeaeaeaeaeaeaeaeaeaea",
                                    std::string(5000, 'x'), "zzzzzz"};
  std::string all;
  for (const std::string &w : words) {
    INFO(w.substr(0, 40));
    const Typo t = typo(w);
    CHECK(t.status == FOLIO_OK);
    CHECK(t.stats.terms + folio::fts::kTypoSeekCost * t.stats.seeks <= folio::fts::kTypoBudget);
    all += w + " ";
  }
  // the cap: any budget stops the walk within it, with the candidates found so far (a large one changes
  // nothing)
  const Typo full = typo("nartilage");
  REQUIRE(full.cands.size() == 1);
  for (uint32_t budget = 1; budget < 400; ++budget) {
    INFO(budget);
    const Typo t = typo("nartilage", budget);
    CHECK(t.status == FOLIO_OK);
    CHECK(t.stats.terms + folio::fts::kTypoSeekCost * t.stats.seeks <= budget);
    CHECK(t.cands.size() <= 1);
    if (!t.cands.empty()) CHECK(t.surface(0) == "cartilage");
    if (budget >= full.stats.terms + folio::fts::kTypoSeekCost * full.stats.seeks) CHECK(t.cands.size() == 1);
  }
  // as a query (sixteen words are used, the rest is flagged as truncated)
  for (int i = 0; i < 3; ++i) all += all;
  const Result r = run(all);
  CHECK(r.status == FOLIO_OK);
  CHECK((r.res.flags & FOLIO_SEARCH_TRUNCATED) != 0);
}

TEST_CASE("search: the typo automaton agrees with edit_distance", "[search]") {
  // every pattern and text over a three-letter alphabet up to a few bytes, then random longer ones
  std::vector<std::string> strs = {""};
  for (size_t len = 1; len <= 5; ++len) {
    const size_t n = strs.size();
    for (size_t i = 0; i < n; ++i)
      if (strs[i].size() == len - 1)
        for (char c : {'a', 'b', 'c'}) strs.push_back(strs[i] + c);
  }
  const size_t nsmall = strs.size();
  uint64_t x = 88172645463325252ull;
  auto rnd = [&]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 400; ++i) {
    std::string s;
    const size_t len = 6 + rnd() % 27;
    for (size_t k = 0; k < len; ++k) s += static_cast<char>('a' + rnd() % 4);
    strs.push_back(s);
  }
  size_t checked = 0;
  for (size_t i = 0; i < strs.size(); ++i) {
    for (size_t j = 0; j < strs.size(); j += i < nsmall ? 1 : 37) {  // small patterns: against every text
      const std::string &p = strs[i], &t = strs[j];
      if (p.size() > folio::fts::kTypoMaxBytes) continue;
      for (uint32_t k = 1; k <= 2; ++k) {
        const uint32_t want = folio::fts::edit_distance(p.data(), p.size(), t.data(), t.size(), k);
        const uint32_t got = folio::fts::automaton_distance(p.data(), p.size(), t.data(), t.size(), k);
        if (want != got) FAIL_CHECK("'" << p << "' / '" << t << "' k " << k << ": " << got << " != " << want);
        ++checked;
      }
    }
  }
  CHECK(checked > 100000);
}

TEST_CASE("search: topic and audience filters", "[search]") {
  const Result t = run("topic:anatomy bone");
  REQUIRE(t.status == FOLIO_OK);
  REQUIRE(t.res.hit_count >= 1);
  for (uint32_t i = 0; i < t.res.hit_count; ++i) CHECK((t.slug(i) == "cartilage" || t.slug(i) == "bone-marrow"));
  CHECK(!t.has("fat"));
  const Result none = run("topic:nosuchtopic bone");
  CHECK(none.status == FOLIO_OK);
  CHECK(none.res.hit_count == 0);
  const Result clin = run("corticosteroid", FOLIO_SEARCH_ALL_SECTIONS);
  REQUIRE(clin.res.hit_count == 1);
  CHECK(clin.anchor(0) == "notes-for-clinicians");
  CHECK(run("audience:patient corticosteroid").res.hit_count == 0);
  CHECK(run("audience:clinician corticosteroid").res.hit_count == 1);
  CHECK(run("audience:robots knee").status == FOLIO_E_QUERY);
}

TEST_CASE("search: as you type a filter at the end is the start of its value", "[search]") {
  const uint32_t typing = FOLIO_SEARCH_PREFIX_LAST;
  auto keys = [](const Result &r) { return hit_keys(r); };
  // the start of one topic's name filters by it; as a finished word it names no topic
  const Result anat = run("bone topic:anatomy");
  REQUIRE(anat.res.hit_count >= 1);
  const Result t = run("bone topic:anat", typing);
  REQUIRE(t.status == FOLIO_OK);
  CHECK(keys(t) == keys(anat));
  CHECK(t.missing() == "");
  CHECK(run("bone topic:anat").res.hit_count == 0);
  // nothing typed after the colon yet, or the start of several names: no filter, nothing missing
  const Result plain = run("bone", typing);
  for (const char *q : {"bone topic:", "bone article:"}) {
    INFO(q);
    const Result r = run(q, typing);
    CHECK(keys(r) == keys(plain));
    CHECK(r.missing() == "");
  }
  const Result c_all = run("cartilage", typing | FOLIO_SEARCH_ALL_SECTIONS, 64);
  const Result c = run("cartilage article:c", typing | FOLIO_SEARCH_ALL_SECTIONS, 64);  // cartilage, cytokines
  CHECK(keys(c) == keys(c_all));
  CHECK(c.missing() == "");
  // the start of one slug keeps that article's sections
  const Result k = run("cartilage article:knee", typing | FOLIO_SEARCH_ALL_SECTIONS, 64);
  REQUIRE(k.res.hit_count == 1);
  CHECK(k.slug(0) == "knee-pain");
  // the start of no name still names nothing, and is reported
  const Result zz = run("bone topic:zz", typing);
  CHECK(zz.res.hit_count == 0);
  CHECK(zz.missing() == "topic:zz");
  // audience: the start of a value, or none yet; anything else is still a bad query
  CHECK(run("corticosteroid audience:pat", typing).res.hit_count == 0);
  CHECK(run("corticosteroid audience:cli", typing).res.hit_count == 1);
  CHECK(run("corticosteroid audience:", typing).res.hit_count == 1);
  CHECK(run("corticosteroid audience:x", typing).status == FOLIO_E_QUERY);
  CHECK(run("corticosteroid audience:pat").status == FOLIO_E_QUERY);
  // not the last word: a finished filter (the user went on typing)
  CHECK(run("topic:anat bone", typing).res.hit_count == 0);
}

TEST_CASE("search: a query of filters only lists what they keep", "[search]") {
  // "topic:anatomy" alone found nothing (a search needs a word); it now lists the topic's articles, each
  // at its lead, in pack order, with the start of the lead as the snippet
  const Result t = run("topic:anatomy");
  REQUIRE(t.status == FOLIO_OK);
  REQUIRE(t.res.hit_count == 2);
  CHECK(((t.slug(0) == "bone-marrow" && t.slug(1) == "cartilage") || (t.slug(0) == "cartilage" && t.slug(1) == "bone-marrow")));
  CHECK(t.hits[0].section < t.hits[1].section);
  for (uint32_t i = 0; i < 2; ++i) {
    CHECK(t.anchor(i) == "");
    CHECK(t.hits[i].flags == FOLIO_HIT_ALL_WORDS);
    CHECK(t.hits[i].highlight_count == 0);
    CHECK(t.snippet(i).size() > 10);
  }
  CHECK(t.hits[t.slug(0) == "cartilage" ? 0 : 1].more_sections == 2);  // Regrowth, Meniscus
  CHECK((t.res.flags & (FOLIO_SEARCH_PARTIAL | FOLIO_SEARCH_MISSING | FOLIO_SEARCH_CORRECTED)) == 0);
  // the cap, exclusions, one hit per section, the audience
  const Result one = run("topic:anatomy", 0, 1);
  REQUIRE(one.res.hit_count == 1);
  CHECK(one.slug(0) == t.slug(0));
  const Result excl = run("topic:anatomy -needle");
  REQUIRE(excl.res.hit_count == 2);  // the needle is in the marrow article's lead only
  CHECK(excl.anchor(excl.slug(0) == "bone-marrow" ? 0 : 1) == "risks");
  CHECK(run("topic:anatomy", FOLIO_SEARCH_ALL_SECTIONS).res.hit_count == 5);
  auto has_anchor = [](const Result &r, const std::string &a) {
    for (uint32_t i = 0; i < r.res.hit_count; ++i)
      if (r.anchor(i) == a) return true;
    return false;
  };
  CHECK(has_anchor(run("audience:clinician", FOLIO_SEARCH_ALL_SECTIONS, 64), "notes-for-clinicians"));
  const Result pat = run("audience:patient", FOLIO_SEARCH_ALL_SECTIONS, 64);
  CHECK(pat.res.hit_count > 5);
  CHECK(!has_anchor(pat, "notes-for-clinicians"));
  // a filter that keeps nothing still lists nothing
  CHECK(run("topic:nosuchtopic").res.hit_count == 0);
}

TEST_CASE("search: article:SLUG keeps one article's sections", "[search]") {
  // "more from this article": the sections behind a grouped hit's more_sections, ranked for the query
  const Result all = run("cartilage", FOLIO_SEARCH_ALL_SECTIONS, 64);
  REQUIRE(all.has("cartilage"));
  REQUIRE(all.has("knee-pain"));
  const Result one = run("cartilage article:knee-pain", FOLIO_SEARCH_ALL_SECTIONS, 64);
  REQUIRE(one.status == FOLIO_OK);
  REQUIRE(one.res.hit_count == 1);
  CHECK(one.slug(0) == "knee-pain");
  CHECK(one.anchor(0) == "causes");
  const Result grouped = run("cartilage");
  uint32_t more = 0;
  for (uint32_t i = 0; i < grouped.res.hit_count; ++i)
    if (grouped.slug(i) == "cartilage") more = grouped.hits[i].more_sections;
  REQUIRE(more > 0);
  const Result art = run("cartilage article:cartilage", FOLIO_SEARCH_ALL_SECTIONS, 64);
  CHECK(art.res.hit_count == more + 1);
  for (uint32_t i = 0; i < art.res.hit_count; ++i) CHECK(art.slug(i) == "cartilage");
  // alone: the article's sections in order (its table of contents), with the other filters
  const Result toc = run("article:knee-pain", FOLIO_SEARCH_ALL_SECTIONS, 64);
  REQUIRE(toc.res.hit_count == 4);
  CHECK(toc.anchor(0) == "");
  CHECK(toc.anchor(1) == "causes");
  CHECK(toc.anchor(3) == "notes-for-clinicians");
  CHECK(run("article:knee-pain audience:patient", FOLIO_SEARCH_ALL_SECTIONS, 64).res.hit_count == 3);
  CHECK(run("article:cartilage topic:symptoms", FOLIO_SEARCH_ALL_SECTIONS, 64).res.hit_count == 0);
  // an unknown slug keeps nothing (not an error), as an unknown topic; the filter is named as missing
  // (until 2026-12-06 no results came with no reason)
  const Result none = run("cartilage article:nosuch");
  CHECK(none.status == FOLIO_OK);
  CHECK(none.res.hit_count == 0);
  CHECK(none.missing() == "article:nosuch");
  CHECK(run("topic:nosuch cartilage").missing() == "topic:nosuch");
  CHECK(run("topic:Anatomy topic:nosuch2 topic:nosuch3").missing() == "topic:nosuch2");  // the first unknown
  CHECK(run("topic:anatomy cartilage").missing() == "");
  // no room for it: said so, nothing written
  folio_search_hit h[2];
  folio_search_result res;
  const char *q = "knee topic:nosuch";
  REQUIRE(folio_search(corpus().pf.reader, q, std::strlen(q), 0, h, 2, nullptr, 0, &res) == FOLIO_OK);
  CHECK(res.hit_count == 0);
  CHECK((res.flags & FOLIO_SEARCH_MISSING) == 0);
  CHECK((res.flags & FOLIO_SEARCH_TEXT_FULL) != 0);
}

TEST_CASE("search: an excluded phrase in the article's title excludes the sections that show it", "[search]") {
  // A hit shows its article's title, so an exclusion reads it, as it does for a word ("hip -bone"). A
  // phrase was checked by positions only, which titles do not have: "hip -\"bone marrow\"" kept "Bone
  // marrow › Risks", whose text does not say it.
  auto slugs = [](const Result &r) {
    std::set<std::string> k;
    for (uint32_t i = 0; i < r.res.hit_count; ++i) k.insert(r.slug(i));
    return k;
  };
  CHECK(slugs(run("hip", FOLIO_SEARCH_ALL_SECTIONS)).count("bone-marrow") == 1);
  const Result excl = run("hip -\"bone marrow\"", FOLIO_SEARCH_ALL_SECTIONS);
  REQUIRE(excl.status == FOLIO_OK);
  CHECK(slugs(excl).count("bone-marrow") == 0);
  CHECK(run("cells -\"bone marrow\"").has("fat"));  // "Marrow … Bone" apart is no "bone marrow"
  // on the bundled pack: no hit shows "bone marrow" in its title, heading or snippet
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const Result cells = search_pack(pf, "cells -\"bone marrow\"", FOLIO_SEARCH_ALL_SECTIONS, 64, 1 << 16);
  REQUIRE(cells.res.hit_count > 0);
  bool title_had = false;
  const Result plain = search_pack(pf, "cells", FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_NO_SNIPPETS, 64, 0);
  for (uint32_t i = 0; i < plain.res.hit_count; ++i)
    title_had |= std::string(plain.hits[i].title.ptr, plain.hits[i].title.len).find("Bone marrow") != std::string::npos;
  CHECK(title_had);
  for (uint32_t i = 0; i < cells.res.hit_count; ++i) {
    std::string shown = std::string(cells.hits[i].title.ptr, cells.hits[i].title.len) + " " +
                        std::string(cells.hits[i].heading.ptr, cells.hits[i].heading.len) + " " + cells.snippet(i);
    std::transform(shown.begin(), shown.end(), shown.begin(), [](unsigned char c) { return std::tolower(c); });
    INFO(shown);
    CHECK(shown.find("bone marrow") == std::string::npos);
  }
}

TEST_CASE("search: a quoted phrase typed apart finds the compound the text writes with a hyphen", "[search]") {
  // The text's "platelet-rich" is one token whose parts share its position, so "platelet rich plasma" in
  // quotes (the words at consecutive positions) found nothing.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const uint32_t all = FOLIO_SEARCH_ALL_SECTIONS;
  const Result apart = search_pack(pf, "\"platelet rich plasma\"", all, 64, 1 << 16);
  REQUIRE(apart.res.hit_count > 0);
  CHECK(apart.missing() == "");
  CHECK(hit_keys(apart) == hit_keys(search_pack(pf, "\"platelet-rich plasma\"", all, 64, 1 << 16)));
  CHECK(hit_keys(search_pack(pf, "\"anti inflammatory\"", all, 64, 1 << 16)) ==
        hit_keys(search_pack(pf, "\"anti-inflammatory\"", all, 64, 1 << 16)));
  // lit as the text writes it
  const Result lasting = search_pack(pf, "\"long lasting\" pain");
  REQUIRE(lasting.res.hit_count > 0);
  bool lit = false;
  for (uint32_t i = 0; i < lasting.res.hit_count && !lit; ++i)
    for (uint32_t k = 0; k < lasting.hits[i].highlight_count; ++k) {
      const folio_search_range &h = lasting.hits[i].highlights[k];
      lit |= lasting.snippet(i).compare(h.off, h.len, "long-lasting") == 0;
    }
  CHECK(lit);
  // the whole phrase one compound: that word ("platelet rich" is "platelet-rich")
  CHECK(hit_keys(search_pack(pf, "\"platelet rich\"", all, 64, 1 << 16)) ==
        hit_keys(search_pack(pf, "\"platelet-rich\"", all, 64, 1 << 16)));
}

TEST_CASE("search: a quoted phrase being typed finds the compound the text writes with a hyphen", "[search]") {
  // Until 2026-12-07 a compound typed apart was found once its words were whole ("platelet rich plasma")
  // but not while they were typed: `"platelet ri`, `"anti inflam`, `"platelet rich pla`, `"meta an`
  // (a stopword so far) found nothing at those keystrokes.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const uint32_t all = FOLIO_SEARCH_ALL_SECTIONS;
  const auto keys = [&](const char *q, uint32_t flags) { return hit_keys(search_pack(pf, q, flags, 64, 1 << 16)); };
  // being typed, the words so far also find their sections at a lower weight (next test case): the
  // compound's sections first, as a set
  const auto first = [&](const char *q, const std::vector<std::string> &want) {
    std::vector<std::string> got = keys(q, FOLIO_SEARCH_PREFIX_LAST | all);
    if (got.size() > want.size()) got.resize(want.size());
    std::vector<std::string> w = want;
    std::sort(got.begin(), got.end());
    std::sort(w.begin(), w.end());
    return got == w;
  };
  const auto platelet = keys("\"platelet-rich\"", all);
  REQUIRE(!platelet.empty());
  CHECK(first("\"platelet ri", platelet));         // the last two words start the compound
  CHECK(first("\"platelet r", platelet));
  const auto plasma = keys("\"platelet-rich plasma\"", all);
  REQUIRE(!plasma.empty());
  CHECK(first("\"platelet rich pla", plasma));     // the compound, then the word being typed
  CHECK(first("\"platelet rich p", platelet));      // no completion of "p" after it: the compound so far
  CHECK(first("\"platelet rich plasma", plasma));
  const auto anti = keys("\"anti-inflammatory\"", all);
  REQUIRE(!anti.empty());
  CHECK(first("\"anti inflam", anti));
  CHECK(first("\"anti infl", anti));
  const auto meta = keys("meta-analy*", all);
  REQUIRE(!meta.empty());
  CHECK(first("\"meta an", meta));                 // "an" is a stopword, and the start of the word
  CHECK(first("\"non surg", keys("\"non-surgical\"", all)));  // the joined prefix is a term itself
  // not without the prefix flag: `"platelet ri"` closed is a phrase of two words, and "ri" is none
  CHECK(search_pack(pf, "\"platelet ri\"", all, 64, 1 << 16).res.hit_count == 0);
}

TEST_CASE("search: an open quote being typed keeps the results of its words so far", "[search]") {
  // The completions of the word being typed are the pack's commonest, not those that follow the phrase:
  // `"steroid s` had found nothing (no completion of "s" among the commonest stands after "steroid"),
  // though `"steroid shot"` is in the text.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  const uint32_t all = FOLIO_SEARCH_ALL_SECTIONS, typing = FOLIO_SEARCH_PREFIX_LAST | all;
  const auto phrase = hit_keys(search_pack(pf, "\"steroid shot\"", all, 64, 1 << 16));
  REQUIRE(!phrase.empty());
  for (const char *q : {"\"steroid s", "\"steroid sh", "\"steroid sho"}) {
    INFO(q);
    const Result r = search_pack(pf, q, typing, 64, 1 << 16);
    REQUIRE(r.res.hit_count > 0);
    CHECK(r.missing() == "");
    // the sections with the whole phrase come first: the words so far count for less than a completion
    const auto got = hit_keys(r);
    CHECK(std::count_if(got.begin(), got.begin() + std::min(got.size(), phrase.size()), [&](const std::string &k) {
            return std::find(phrase.begin(), phrase.end(), k) != phrase.end();
          }) >= static_cast<long>(std::min<size_t>(phrase.size(), 3)));
  }
  // closed, the quote is a phrase of two words, "sh" none: nothing; and not without the typing flag either
  CHECK(search_pack(pf, "\"steroid sh\"", all, 64, 1 << 16).res.hit_count == 0);
  CHECK(search_pack(pf, "\"steroid sh", all, 64, 1 << 16).res.hit_count == 0);
  // an exclusion being typed does not exclude every section with the words so far
  const Result minus = search_pack(pf, "knee -\"steroid s", typing, 64, 1 << 16);
  REQUIRE(minus.res.hit_count > 0);
  const auto with_steroid = hit_keys(search_pack(pf, "knee steroid", all, 64, 1 << 16));
  const auto kept = hit_keys(minus);
  CHECK(std::any_of(kept.begin(), kept.end(), [&](const std::string &k) {
    return std::find(with_steroid.begin(), with_steroid.end(), k) != with_steroid.end();
  }));
}

TEST_CASE("search: a quoted phrase's last word can be a prefix, starred or being typed", "[search]") {
  // `"bone mar*"` looked for a word "mar" next to "bone" and found nothing, as did an open quote typed
  // at a kiosk ("\"bone mar" with FOLIO_SEARCH_PREFIX_LAST).
  CHECK(run("\"bone mar\"").res.hit_count == 0);  // no word "mar": the prefix is what finds it
  for (const auto &[q, flags] : {std::pair<const char *, uint32_t>{"\"bone mar*\"", 0u},
                                 {"\"bone mar", FOLIO_SEARCH_PREFIX_LAST},
                                 {"\"bone marr*\" hip", 0u}}) {
    INFO(q);
    const Result r = run(q, flags);
    REQUIRE(r.status == FOLIO_OK);
    REQUIRE(r.res.hit_count >= 1);
    CHECK(r.slug(0) == "bone-marrow");
    CHECK(r.missing() == "");
    // the phrase's words are lit where they stand together
    const std::string snip = r.snippet(0);
    bool marrow = false;
    for (uint32_t k = 0; k < r.hits[0].highlight_count; ++k) {
      const folio_search_range &h = r.hits[0].highlights[k];
      marrow |= snip.compare(h.off, h.len, "marrow") == 0 || snip.compare(h.off, h.len, "Marrow") == 0;
    }
    CHECK(marrow);
  }
  // still a phrase: the words must stand together ("Marrow is not the only source" in "fat" has no "bone
  // marrow"; "Bone is not involved" neither)
  const Result phrase = run("\"bone mar*\"", FOLIO_SEARCH_ALL_SECTIONS);
  for (uint32_t i = 0; i < phrase.res.hit_count; ++i) CHECK(phrase.slug(i) != "fat");
  CHECK(run("marrow", FOLIO_SEARCH_ALL_SECTIONS).has("fat"));
  // one word in quotes is a prefix as outside them
  CHECK(run("\"marr*\"").has("fat"));
  // excluded: the section whose text says "bone marrow" goes (an excluded phrase is checked in the text,
  // not in the title, which has no positions: "Risks" of "Bone marrow" stays)
  auto has_lead = [](const Result &r) {
    for (uint32_t i = 0; i < r.res.hit_count; ++i)
      if (r.slug(i) == "bone-marrow" && r.anchor(i).empty()) return true;
    return false;
  };
  const Result excl = run("hip -\"bone mar*\"", FOLIO_SEARCH_ALL_SECTIONS);
  REQUIRE(excl.status == FOLIO_OK);
  CHECK(!has_lead(excl));
  CHECK(has_lead(run("hip", FOLIO_SEARCH_ALL_SECTIONS)));
  CHECK(has_lead(run("hip -\"bone mar\"", FOLIO_SEARCH_ALL_SECTIONS)));  // no word "mar": nothing excluded
}

TEST_CASE("search: snippets and highlight ranges", "[search]") {
  const Result r = run("hip needle");
  REQUIRE(r.status == FOLIO_OK);
  REQUIRE(r.res.hit_count >= 1);
  CHECK(r.slug(0) == "bone-marrow");
  const folio_search_hit &h = r.hits[0];
  REQUIRE(h.snippet_len > 0);
  REQUIRE(h.highlight_count >= 2);
  const std::string snip = r.snippet(0);
  for (uint32_t k = 0; k < h.highlight_count; ++k) {
    REQUIRE(h.highlights[k].off + h.highlights[k].len <= snip.size());
    std::string w = snip.substr(h.highlights[k].off, h.highlights[k].len);
    for (char &c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK((w == "hip" || w == "needle"));
  }
  // the words of a phrase are highlighted where the phrase occurs, not on their own: "Bone marrow is taken
  // from the hip bone": the first two words, not the last "bone"
  auto lit = [](const Result &x, uint32_t i) {
    std::vector<std::string> out;
    const std::string sn = x.snippet(i);
    for (uint32_t k = 0; k < x.hits[i].highlight_count; ++k) {
      std::string w = sn.substr(x.hits[i].highlights[k].off, x.hits[i].highlights[k].len);
      for (char &c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.push_back(w);
    }
    return out;
  };
  const Result ph = run("\"bone marrow\"");
  REQUIRE(ph.res.hit_count >= 1);
  CHECK(ph.slug(0) == "bone-marrow");
  CHECK(lit(ph, 0) == std::vector<std::string>{"bone", "marrow"});
  CHECK(ph.snippet(0).find("hip bone") != std::string::npos);  // the lone "bone" is in the snippet, unlit
  // "Marrow is not the only source: ... Bone is not involved." matches both words, never the phrase
  const Result ph2 = run("\"bone marrow\" belly", FOLIO_SEARCH_ALL_SECTIONS, 10);
  bool seen_fat = false;
  for (uint32_t i = 0; i < ph2.res.hit_count; ++i)
    if (ph2.slug(i) == "fat") {
      seen_fat = true;  // a partial hit: "belly" lit, its "Marrow" and "Bone" not
      CHECK(lit(ph2, i) == std::vector<std::string>{"belly"});
      CHECK(ph2.snippet(i).find("Bone") != std::string::npos);
    }
  CHECK(seen_fat);
  // the words in order, but not at their offsets ("cartilage and torn": a word between them)
  const Result ph3 = run("\"cartilage torn\" knee", FOLIO_SEARCH_ALL_SECTIONS, 10);
  bool seen_causes = false;
  for (uint32_t i = 0; i < ph3.res.hit_count; ++i)
    if (ph3.slug(i) == "knee-pain" && ph3.anchor(i) == "causes") {
      seen_causes = true;
      CHECK(ph3.snippet(i).find("cartilage and torn") != std::string::npos);
      CHECK(lit(ph3, i) == std::vector<std::string>{"knee"});
    }
  CHECK(seen_causes);
  // no snippets requested
  const Result ns = run("hip needle", FOLIO_SEARCH_NO_SNIPPETS);
  CHECK(ns.hits[0].snippet_len == 0);
  // a buffer too small for any snippet: hits are still returned, flagged
  const Result small = run("hip needle", 0, 10, 8);
  REQUIRE(small.status == FOLIO_OK);
  CHECK(small.res.hit_count == r.res.hit_count);
  CHECK((small.res.flags & FOLIO_SEARCH_TEXT_FULL) != 0);
  CHECK(small.hits[0].snippet_len == 0);
}

TEST_CASE("search: grouping by article and deterministic order", "[search]") {
  const Result g = run("cartilage");
  const Result a = run("cartilage", FOLIO_SEARCH_ALL_SECTIONS, 20);
  REQUIRE(g.status == FOLIO_OK);
  REQUIRE(a.status == FOLIO_OK);
  CHECK(a.res.hit_count > g.res.hit_count);
  for (uint32_t i = 0; i < g.res.hit_count; ++i)
    for (uint32_t j = 0; j < i; ++j) CHECK(g.hits[i].article != g.hits[j].article);
  CHECK(g.hits[0].more_sections >= 1);
  const Result again = run("cartilage");
  REQUIRE(again.res.hit_count == g.res.hit_count);
  for (uint32_t i = 0; i < g.res.hit_count; ++i) CHECK(again.hits[i].section == g.hits[i].section);
  // cap is respected
  const Result one = run("cartilage", 0, 1);
  CHECK(one.res.hit_count == 1);
  CHECK(one.hits[0].section == g.hits[0].section);
  const Result zero = run("cartilage", 0, 0);
  CHECK(zero.status == FOLIO_OK);
  CHECK(zero.res.hit_count == 0);
}

TEST_CASE("search: bad queries give a status or sane results", "[search]") {
  CHECK(run("").status == FOLIO_E_QUERY);
  CHECK(run("   \t\n").status == FOLIO_E_QUERY);
  CHECK(run("\"\" - * :").status == FOLIO_E_QUERY);
  CHECK(run("knee \xff pain").status == FOLIO_E_UTF8);
  CHECK(run("\xc3").status == FOLIO_E_UTF8);
  // only stopwords: never an empty query
  const Result sw = run("the of and");
  CHECK(sw.status == FOLIO_OK);
  CHECK(sw.res.hit_count >= 1);
  // stopwords do not make an AND fail
  CHECK(run("the cartilage of").slug(0) == "cartilage");
  // 10 KB of text, 1,000 terms, an unbalanced quote, control characters
  std::string big;
  while (big.size() < 10240) big += "knee cartilage ";
  CHECK(run(big).status == FOLIO_OK);
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "w" + std::to_string(i) + " ";
  const Result m = run(many);
  CHECK(m.status == FOLIO_OK);
  CHECK((m.res.flags & FOLIO_SEARCH_TRUNCATED) != 0);
  CHECK(run("\"bone marrow").has("bone-marrow"));
  CHECK(run(std::string("knee\x01\x02 pain\x7f", 13)).status == FOLIO_OK);
  // arguments
  folio_search_result res;
  CHECK(folio_search(nullptr, "x", 1, 0, nullptr, 0, nullptr, 0, &res) == FOLIO_E_ARG);
  CHECK(folio_search(corpus().pf.reader, "x", 1, 0, nullptr, 5, nullptr, 0, &res) == FOLIO_E_ARG);
  CHECK(folio_search(corpus().pf.reader, "x", 1, 0, nullptr, 0, nullptr, 0, nullptr) == FOLIO_E_ARG);
}

TEST_CASE("search: a pack without a search index", "[search]") {
  Corpus c(false);
  CHECK(folio_search_available(c.pf.pack) == 0);
  folio_search_hit hits[4];
  folio_search_result res;
  CHECK(folio_search(c.pf.reader, "knee", 4, 0, hits, 4, nullptr, 0, &res) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("search: the C++ wrapper", "[search]") {
  folio::SearchResults<5, 2048> r;
  REQUIRE(folio::search(corpus().pf.reader, "needle", 6, r) == FOLIO_OK);
  REQUIRE(r.size() >= 1);
  CHECK(std::string(r.begin()->slug.ptr, r.begin()->slug.len) == "bone-marrow");
  CHECK(r.snippet(*r.begin()).len > 0);
  CHECK(r.corrected().len == 0);
}

TEST_CASE("search: edit distance and phrase analysis", "[search]") {
  using folio::fts::edit_distance;
  CHECK(edit_distance("meniscus", 8, "meniscus", 8, 2) == 0);
  CHECK(edit_distance("menicus", 7, "meniscus", 8, 2) == 1);
  CHECK(edit_distance("mensicus", 8, "meniscus", 8, 2) == 1);  // transposition
  CHECK(edit_distance("cartlage", 8, "cartilage", 9, 2) == 1);
  CHECK(edit_distance("abc", 3, "xyz", 3, 2) == 3);  // capped at cap + 1
  CHECK(edit_distance("a", 1, "abcdef", 6, 2) == 3);
  CHECK(folio::index::analyze_phrase("Steroid shots") == "steroid shot");
  CHECK(folio::index::analyze_phrase("  ") == "");
  CHECK(folio::index::analyze_phrase("Anti-inflammatory drugs") == "antiinflammatori drug");
  CHECK(folio::index::analyze_phrase_apart("Anti-inflammatory drugs") == "anti inflammatori drug");
  CHECK(folio::index::analyze_phrase_apart("Steroid shots") == "steroid shot");
  // the parts-apart phrases are looked up, not searched: last in their group, unless an entry writes
  // them so ("platelet rich plasma")
  std::vector<std::vector<std::string>> merged;
  std::set<std::string> apart_only;
  const std::vector<int> of = folio::index::merge_synonym_groups(
      {{"NSAID", "anti-inflammatory", "ibuprofen", "non-steroidal anti-inflammatory drug"},
       {"PRP", "platelet-rich plasma", "platelet rich plasma"}},
      &merged, &apart_only);
  REQUIRE(merged.size() == 2);
  CHECK(apart_only == std::set<std::string>{"anti inflammatori", "non steroid anti inflammatori drug"});
  std::vector<std::string> g = merged[of[0]];
  folio::index::order_synonym_group(&g, apart_only);
  CHECK(g == std::vector<std::string>{"antiinflammatori", "ibuprofen", "nsaid", "nonsteroid antiinflammatori drug",
                                      "anti inflammatori", "non steroid anti inflammatori drug"});
  CHECK(merged[of[1]] == std::vector<std::string>{"platelet rich plasma", "plateletrich plasma", "prp"});
}

TEST_CASE("search: a synonym group puts the phrases the text has first", "[search]") {
  // a query word gets at most kMaxAltsPerWord alternatives, one-word phrases first: brand names that no
  // section has ("synvisc") came before the one phrase the text has, which was then never searched
  const std::vector<std::string> group = {"hyaluronic acid", "HA", "hyaluronan", "viscosupplement", "Synvisc",
                                          "Durolane", "Ostenil", "Monovisc", "Euflexxa"};
  std::vector<std::vector<std::string>> merged;
  std::set<std::string> apart_only;
  const std::vector<int> of = folio::index::merge_synonym_groups({group}, &merged, &apart_only);
  REQUIRE(of[0] >= 0);
  std::vector<std::string> plain = merged[of[0]], texted = merged[of[0]];
  folio::index::order_synonym_group(&plain, apart_only);
  CHECK(plain.back() == "hyaluron acid");  // the only two-word phrase, last without the text's words
  folio::index::order_synonym_group(&texted, apart_only,
                                    [](const std::string &w) { return w == "hyaluron" || w == "acid"; });
  CHECK(texted.front() == "hyaluron acid");
  CHECK(std::is_permutation(texted.begin(), texted.end(), plain.begin()));

  // the index writes it so: the group in syn_text starts with the phrase a section has
  std::vector<folio::index::IndexDoc> docs(1);
  docs[0].lead = true;
  docs[0].title = "Gel shots";
  docs[0].body = "Our sources do not discuss hyaluronic acid injections.";
  const folio::index::IndexBlobs b = folio::index::build_index_blobs(docs, {group});
  const std::string syn(b.syn_text.begin(), b.syn_text.end());
  CHECK(syn.rfind("hyaluron acid\n", 0) == 0);
}

TEST_CASE("search: index blobs are the same bytes on any number of threads", "[search]") {
  // more sections than one chunk of the parallel tokenizer (2,048), words shared across chunks, a
  // compound (its parts share a position), stopwords (no positions) and a heading per section
  std::vector<folio::index::IndexDoc> docs(5000);
  for (size_t i = 0; i < docs.size(); ++i) {
    folio::index::IndexDoc &d = docs[i];
    d.lead = i % 3 == 0;
    d.title = "Topic " + std::to_string(i / 3);
    d.heading = i % 2 ? "Pain and swelling" : "Platelet-rich plasma";
    d.body = "The knee " + std::to_string(i % 97) + " word" + std::to_string(i % 1013) + " of the injection, w" +
             std::to_string(i * 7919 % 4099) + " and rest.";
  }
  const std::vector<std::vector<std::string>> groups = {{"knee", "patella"}, {"rest", "sleep"}};
  const folio::index::IndexBlobs one = folio::index::build_index_blobs(docs, groups, nullptr, 1);
  REQUIRE(one.term_count > 2000);
  for (unsigned threads : {2u, 3u, 0u}) {
    INFO("threads " << threads);
    size_t last = 0;
    const folio::index::IndexBlobs b = folio::index::build_index_blobs(
        docs, groups, [&](const char *, size_t done, size_t total) { last = done == total ? done : last; }, threads);
    CHECK(last == docs.size());
    CHECK(b.term_count == one.term_count);
    CHECK(b.posting_count == one.posting_count);
    CHECK(b.position_count == one.position_count);
    CHECK(b.dict == one.dict);
    CHECK(b.dict_surfaces == one.dict_surfaces);
    CHECK(b.postings == one.postings);
    CHECK(b.tf_classes == one.tf_classes);
    CHECK(b.field_lengths == one.field_lengths);
    CHECK(b.syn_text == one.syn_text);
    CHECK(b.heading_order == one.heading_order);
  }
}

TEST_CASE("search: index blobs are well formed", "[search]") {
  std::vector<folio::index::IndexDoc> docs(3);
  docs[0].lead = true;
  docs[0].title = "Alpha";
  docs[0].body = "alpha beta gamma";
  docs[1].title = "Alpha";
  docs[1].heading = "Beta";
  docs[1].body = std::string(5000, ' ') + "beta";
  docs[2].lead = true;
  docs[2].title = "Delta";
  docs[2].body = "delta alpha";
  const folio::index::IndexBlobs b = folio::index::build_index_blobs(docs, {{"alpha", "first letter"}});
  CHECK(b.term_count == 4);  // alpha beta gamma delta (synonyms are not terms)
  CHECK(b.dict_blocks.size() == 2);  // one block: 1-byte dict offset, 1-byte postings offset
  CHECK(b.syn_phrases == 2);
  CHECK(std::string(b.syn_text.begin(), b.syn_text.end()) == "alpha\nfirst letter");
  CHECK(b.syn_index == std::vector<uint8_t>{0, 6});
  CHECK(b.headings == 1);
  const uint32_t h = folio::fts::heading_hash("beta", 4);  // u16 hash of the folded key, 1-byte section id
  CHECK(b.heading_order == std::vector<uint8_t>{static_cast<uint8_t>(h), static_cast<uint8_t>(h >> 8), 1});
  // tf classes (title, alias, heading, glossary, body, then the stored positions: heading and body tf),
  // most frequent first, ties by bytes: body 1 (beta, gamma and alpha in section 0; alpha in 2), title
  // and body 1 (alpha in 0, delta in 2), then heading and body 1 (beta in 1: two positions) before title
  // 1 (alpha in 1: none)
  CHECK(b.tf_classes ==
        std::vector<uint8_t>{0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 2, 1, 0, 0, 0, 0, 0});
  // field lengths: the fields that occur (title, heading, body), a length code per section
  CHECK(b.length_fields == 0x15u);
  CHECK(b.field_lengths == std::vector<uint8_t>{1, 0, 3, 1, 1, 1, 1, 0, 2});
  CHECK(b.field_avg[folio::fts::FIELD_TITLE] == 1.0f);
  CHECK(b.field_avg[folio::fts::FIELD_HEADING] == 1.0f);
  CHECK(b.field_avg[folio::fts::FIELD_BODY] == 2.0f);
  CHECK(b.text_bytes > 5000);
}

namespace {

// The sections of each phrase's record in the phrase postings (search_format.h), by phrase (syn_index
// order); a phrase without a record (one word) maps to "-".
std::vector<std::string> phrase_sections(const folio::index::IndexBlobs &b) {
  std::vector<std::string> out;
  const uint32_t wq = folio::fts::byte_width(b.syn_postings.size());
  REQUIRE(b.syn_post_index.size() == (b.syn_phrases + 1) * wq);
  for (uint32_t j = 0; j < b.syn_phrases; ++j) {
    const uint32_t lo = folio::fts::le_get(&b.syn_post_index[j * wq], wq);
    const uint32_t hi = folio::fts::le_get(&b.syn_post_index[(j + 1) * wq], wq);
    REQUIRE(lo <= hi);
    REQUIRE(hi <= b.syn_postings.size());
    if (lo == hi) {
      out.push_back("-");
      continue;
    }
    const uint8_t *rec = b.syn_postings.data() + lo;
    size_t p = 0;
    uint32_t m = 0, count = 0, prev = UINT32_MAX;
    REQUIRE(folio::fts::varint_get(rec, hi - lo, &p, &m));
    REQUIRE(folio::fts::varint_get(rec, hi - lo, &p, &count));
    // then the bit stream, LSB first: per posting the gap and m classes, each v as Elias gamma of v + 1
    size_t bit = p * 8;
    auto get_bit = [&]() {
      REQUIRE(bit / 8 < hi - lo);
      const uint32_t v = (rec[bit / 8] >> (bit % 8)) & 1u;
      ++bit;
      return v;
    };
    auto gamma = [&]() {
      uint32_t z = 0;
      while (get_bit() == 0) ++z;
      uint32_t x = 1u << z;
      for (uint32_t k = 0; k < z; ++k) x |= get_bit() << k;
      return x - 1;
    };
    std::string secs = std::to_string(m) + ":";
    for (uint32_t i = 0; i < count; ++i) {
      prev += gamma() + 1;
      secs += " " + std::to_string(prev);
      for (uint32_t w = 0; w < m; ++w) CHECK(gamma() < b.tf_classes.size() / folio::fts::kTfClassBytes);
    }
    CHECK((bit + 7) / 8 == hi - lo);  // nothing after the last posting but the padding
    out.push_back(secs);
  }
  return out;
}

}  // namespace

TEST_CASE("search: phrase postings hold the sections where the reader's phrase check passes", "[search]") {
  std::vector<folio::index::IndexDoc> docs(7);
  for (auto &d : docs) d.title = "T";
  docs[0].body = "the first letter is an alpha";           // "first letter": adjacent
  docs[1].body = "letter first";                           // both words, wrong order
  docs[2].body = "first big letter";                       // both words, apart
  docs[3].heading = "First";                               // heading and body never join into a phrase
  docs[3].body = "letter";
  docs[4].body = "wear and tear";                          // the stopword at its place
  docs[5].body = "wear or tear, and so on";                // a stopword only has to be present
  docs[6].body = "first word ";                            // "first letter" after the first 256 "first"s:
  for (int i = 0; i < 300; ++i) docs[6].body += "first x ";  // past what the phrase check reads of a word
  docs[6].body += "first letter";
  const folio::index::IndexBlobs b =
      folio::index::build_index_blobs(docs, {{"alpha", "first letter"}, {"wear and tear", "attrition"}, {"zebra crossing", "crosswalk"}});
  // syn_index order (phrase bytes): alpha, attrit, first letter, wear and tear, crosswalk, zebra cross
  REQUIRE(b.syn_phrases == 6);
  const std::vector<std::string> got = phrase_sections(b);
  std::vector<std::pair<std::string, std::string>> by_phrase;
  const uint32_t ws = folio::fts::byte_width(b.syn_text.size());
  for (uint32_t j = 0; j < b.syn_phrases; ++j) {
    const uint32_t off = folio::fts::le_get(&b.syn_index[j * ws], ws);
    std::string ph;
    for (size_t k = off; k < b.syn_text.size() && b.syn_text[k] != '\n' && b.syn_text[k] != 0; ++k) ph += static_cast<char>(b.syn_text[k]);
    by_phrase.emplace_back(ph, got[j]);
  }
  auto of = [&](const std::string &ph) {
    for (const auto &e : by_phrase)
      if (e.first == ph) return e.second;
    return std::string("absent");
  };
  CHECK(of("alpha") == "-");                // one word: no record, its own postings serve
  CHECK(of("attrit") == "-");
  CHECK(of("first letter") == "2: 0");
  CHECK(of("wear and tear") == "3: 4 5");
  CHECK(of("zebra cross") == "2:");         // words absent from the corpus: an empty list
  CHECK(of("crosswalk") == "-");
}

namespace {

folio::fts::DictBlobs dict_blobs(const folio::index::IndexBlobs &b, const std::vector<folio::index::DictInput> &in) {
  size_t postings_len = 0;
  for (const auto &t : in) postings_len += t.post_bytes;
  return folio::index::dict_blobs_of(b, postings_len, static_cast<uint32_t>(in.size()));
}

void collect_term(void *ctx, const folio::fts::DictTerm &t) {
  static_cast<std::vector<folio::fts::DictTerm> *>(ctx)->push_back(t);
}

// Terms that take every branch of the dictionary encoding (search_format.h): lcp and suffix escapes,
// shared, inline and escaped surface forms, every count code, 64-byte terms, several blocks.
std::vector<folio::index::DictInput> escape_terms() {
  using folio::index::DictInput;
  std::vector<DictInput> t;
  const std::string l20(20, 'l'), m64(64, 'm');
  t.push_back({"a", "a", 1, 4});                                   // count code 0, surface = term
  t.push_back({"abc", "abcdefghijklmnopqrstuvwxyz", 2, 11});      // tail of 23 bytes: x = 0xFF escape
  t.push_back({"a" + l20, "a" + l20, 1, 9});                      // suffix of 20: slen escape; code 5
  t.push_back({"a" + l20 + "b", "a" + l20 + "bs", 1, 10});        // lcp 21: lcp escape; df 1 but pb escaped
  t.push_back({"a" + l20 + "c", "a" + l20, 1, 3});                // surface shorter than the term; pb 3
  t.push_back({"b" + std::string(15, 'x'), "b" + std::string(15, 'y'), 10, 300});  // cut 15, len 15: 0xFF
  t.push_back({"c" + std::string(16, 'x'), "c", 11, 70000});     // cut 16: 0xFF; df 11: count escape
  t.push_back({"d", "d", 0, 1});                                   // df 0 (the empty corpus' placeholder)
  t.push_back({"e", "ey", 123456, 1u << 24});                      // big df and record
  t.push_back({"f" + m64.substr(1), "f" + m64.substr(1), 1, 5});  // 64 bytes
  t.push_back({"g" + m64.substr(1), "h" + m64.substr(1), 1, 6});  // 64-byte surface differing at byte 0
  for (int i = 0; i < 150; ++i) {                                   // shared tails ("s", "ing") and blocks
    char w[16];
    std::snprintf(w, sizeof w, "k%03d", i);
    const std::string tail = i % 3 == 0 ? "s" : i % 3 == 1 ? "ing" : "";
    t.push_back({w, std::string(w) + tail, 1u + static_cast<uint32_t>(i % 12), 4u + static_cast<uint32_t>(i % 9)});
  }
  t.push_back({"\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA9s", 1, 7});  // UTF-8 bytes sort last
  return t;
}

}  // namespace

TEST_CASE("search: the dictionary encoding round-trips every escape", "[search]") {
  const std::vector<folio::index::DictInput> in = escape_terms();
  folio::index::IndexBlobs b;
  folio::index::encode_dictionary(in, &b);
  CHECK(b.dict_surfaces.size() > 0);  // "s" and "ing" are shared
  CHECK(b.dict_blocks.size() % ((in.size() + folio::fts::kDictBlock - 1) / folio::fts::kDictBlock) == 0);
  std::vector<folio::fts::DictTerm> out;
  REQUIRE(folio::fts::dict_check(dict_blobs(b, in), collect_term, &out) == static_cast<int64_t>(in.size()));
  REQUIRE(out.size() == in.size());
  uint64_t off = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    CAPTURE(i, in[i].term);
    CHECK(std::string(out[i].term, out[i].len) == in[i].term);
    CHECK(std::string(out[i].surface, out[i].surface_len) == in[i].surface);
    CHECK(out[i].df == in[i].df);
    CHECK(out[i].post_len == in[i].post_bytes);
    CHECK(out[i].post_off == off);
    off += in[i].post_bytes;
  }
  // a block size the reader does not expect, and blocks that do not match the term count, are refused
  folio::fts::DictBlobs d = dict_blobs(b, in);
  d.nterms += folio::fts::kDictBlock;
  CHECK(folio::fts::dict_check(d, nullptr, nullptr) == -1);
  // out-of-order or oversized input is refused by the writer
  std::vector<folio::index::DictInput> bad = {{"b", "b", 1, 4}, {"a", "a", 1, 4}};
  CHECK_THROWS(folio::index::encode_dictionary(bad, &b));
  bad = {{std::string(65, 'a'), "a", 1, 4}};
  CHECK_THROWS(folio::index::encode_dictionary(bad, &b));
}

TEST_CASE("search: a damaged dictionary is reported, never read out of bounds", "[search]") {
  // every truncation and every byte flip of each dictionary blob, each copied to a buffer of exactly its
  // size (so that ASan sees any overread): dict_check returns -1 or a term count, and flips are noticed
  const std::vector<folio::index::DictInput> in = escape_terms();
  folio::index::IndexBlobs b;
  folio::index::encode_dictionary(in, &b);
  const folio::fts::DictBlobs good = dict_blobs(b, in);
  int refused = 0, runs = 0;
  for (int which = 0; which < 3; ++which) {
    const std::vector<uint8_t> &blob = which == 0 ? b.dict : which == 1 ? b.dict_blocks : b.dict_surfaces;
    auto check = [&](const std::vector<uint8_t> &v) {
      std::unique_ptr<uint8_t[]> exact(new uint8_t[v.size() ? v.size() : 1]);
      if (!v.empty()) std::memcpy(exact.get(), v.data(), v.size());
      folio::fts::DictBlobs d = good;
      const uint8_t *p = v.empty() ? nullptr : exact.get();
      if (which == 0) d.dict = p, d.dict_len = v.size();
      if (which == 1) d.blocks = p, d.blocks_len = v.size();
      if (which == 2) d.surfaces = p, d.surfaces_len = v.size();
      const int64_t n = folio::fts::dict_check(d, nullptr, nullptr);
      REQUIRE(n >= -1);
      REQUIRE(n <= static_cast<int64_t>(in.size()));
      refused += n == -1;
      ++runs;
    };
    for (size_t len = 0; len < blob.size(); ++len) check(std::vector<uint8_t>(blob.begin(), blob.begin() + len));
    for (size_t at = 0; at < blob.size(); ++at)
      for (uint8_t x : {0x01, 0x0F, 0x10, 0x80, 0xFF}) {
        std::vector<uint8_t> v = blob;
        v[at] ^= x;
        check(v);
      }
  }
  CHECK(runs > 5000);
  CHECK(refused > runs / 4);
}

TEST_CASE("search: skip tables, long postings and phrases across blocks", "[search]") {
  // 400 articles share "common"; "rare" sits in a few of them, "alpha beta" is a phrase in some and the
  // two words apart in others. The conjunction must find exactly the articles with both words, which
  // exercises cursor skips over 128-posting blocks in both directions of the leapfrog.
  folio_test::TempDir dir;
  std::string jsonl;
  const std::vector<int> rare = {5, 127, 128, 129, 255, 256, 399};
  for (int i = 0; i < 400; ++i) {
    std::string body = "common words for article " + std::to_string(i) + ".";
    if (std::find(rare.begin(), rare.end(), i) != rare.end()) body += " A rare one.";
    if (i % 50 == 7) body += " The alpha beta pair.";
    if (i % 50 == 9) body += " The alpha and then beta.";
    char slug[32];
    std::snprintf(slug, sizeof slug, "a%03d", i);
    jsonl += std::string("{\"slug\":\"") + slug + "\",\"title\":\"Entry " + std::to_string(i) + "\",\"body\":\"" +
             body + "\"}\n";
  }
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "c", jsonl, &pf);
  std::vector<folio_search_hit> hits(64);
  folio_search_result res;
  auto slugs = [&](const char *q) {
    std::vector<std::string> out;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_NO_SNIPPETS, hits.data(), 64, nullptr, 0, &res) ==
            FOLIO_OK);
    for (uint32_t i = 0; i < res.hit_count; ++i)
      if (hits[i].flags & FOLIO_HIT_ALL_WORDS) out.emplace_back(hits[i].slug.ptr, hits[i].slug.len);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(slugs("rare common") == std::vector<std::string>{"a005", "a127", "a128", "a129", "a255", "a256", "a399"});
  CHECK(slugs("common rare") == slugs("rare common"));
  CHECK(slugs("\"alpha beta\"") ==
        std::vector<std::string>{"a007", "a057", "a107", "a157", "a207", "a257", "a307", "a357"});
  CHECK(slugs("alpha beta").size() == 16);
  CHECK(slugs("common -rare").size() == 64);  // capped; none of them has "rare"
  for (uint32_t i = 0; i < res.hit_count; ++i) {
    const std::string s(hits[i].slug.ptr, hits[i].slug.len);
    CHECK(std::find(rare.begin(), rare.end(), std::atoi(s.c_str() + 1)) == rare.end());
  }
}

TEST_CASE("search: every adjacent pair of words is found as a phrase exactly where it occurs", "[search]") {
  // Positions are stored without counts or headers (index version 7): each posting's count comes from
  // its tf class and each position takes the bits its section's length codes allow. Sections of many
  // lengths (exact codes up to 31 words, then 8 steps an octave; up to 3,000 words), with and without
  // headings, 600 short ones (skip tables, and a rare word that makes a common one's cursor jump by them)
  // and a word past the 255 positions a posting keeps. Every one of the 441 quoted pairs of 21 words gives
  // exactly the sections where the pair occurs, worked out here
  // from the text: in the heading or in the body (never across them), among each word's first 255
  // occurrences in the section.
  const std::vector<std::string> vocab = {"ka", "ke", "ki", "ko", "ku", "qa", "qe", "qi", "qo", "qu",
                                          "za", "ze", "zi", "zo", "zu", "va", "ve", "vi", "vo", "vu", "xa"};
  const uint32_t kRandom = 20, kRare = 20;  // words drawn at random; "xa": a few sections far apart
  uint64_t rng = 12345;
  auto next = [&rng]() {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(rng >> 33);
  };
  struct Sec {
    std::string slug, anchor;
    std::vector<std::vector<uint32_t>> runs;  // heading words, body words (vocab indexes)
  };
  for (const bool headings : {true, false}) {
    std::vector<Sec> secs;
    std::string jsonl;
    auto words = [&](uint32_t n) {
      std::vector<uint32_t> w(n);
      for (auto &x : w) x = next() % kRandom;
      return w;
    };
    auto text = [&](const std::vector<uint32_t> &w) {
      std::string t;
      for (uint32_t x : w) t += (t.empty() ? "" : " ") + vocab[x];
      return t;
    };
    const std::vector<uint32_t> lens = {1, 2, 5, 30, 31, 32, 33, 35, 36, 40, 63, 64, 65, 100, 300, 1000, 3000};
    for (size_t i = 0; i < lens.size() + 600; ++i) {
      const std::string slug = "s" + std::to_string(i);
      std::string body;
      Sec lead{slug, "", {{}, words(i < lens.size() ? lens[i] : 1 + next() % 6)}};
      if (i >= lens.size()) lead.runs[1].insert(lead.runs[1].begin(), 0u);  // "ka" everywhere: df > 600
      if (i % 97 == 50) lead.runs[1].insert(lead.runs[1].end(), {0u, kRare});  // "ka xa": the cursor of "ka"
                                                                               // gets there by its skip table
      body = text(lead.runs[1]);
      secs.push_back(lead);
      if (headings && i < lens.size()) {
        std::vector<uint32_t> h = words(1 + i % 4);
        h.insert(h.begin(), static_cast<uint32_t>(i % vocab.size()));  // distinct headings make distinct anchors
        Sec sub{slug, "", {h, words(lens[lens.size() - 1 - i])}};
        std::string hs = "h" + std::to_string(i) + " " + text(h);
        sub.runs[0].insert(sub.runs[0].begin(), UINT32_MAX);  // "hN": no vocabulary word
        sub.anchor = hs;
        std::replace(sub.anchor.begin(), sub.anchor.end(), ' ', '-');
        body += "\\n\\n## " + hs + "\\n\\n" + text(sub.runs[1]);
        secs.push_back(sub);
      }
      jsonl += "{\"slug\":\"" + slug + "\",\"title\":\"T " + std::to_string(i) + "\",\"body\":\"" + body + "\"}\n";
    }
    // a section where "ka" occurs 400 times, "ka ke" only after the 300th
    {
      Sec big{"big", "", {{}, {}}};
      for (int k = 0; k < 400; ++k) big.runs[1].insert(big.runs[1].end(), {0u, k > 300 ? 1u : 2u});
      secs.push_back(big);
      jsonl += "{\"slug\":\"big\",\"title\":\"Big\",\"body\":\"" + text(big.runs[1]) + "\"}\n";
    }
    folio_test::TempDir dir;
    folio::index::PackFile pf;
    build_jsonl_pack(dir / "p", jsonl, &pf);
    std::vector<folio_search_hit> hits(2048);
    folio_search_result res;
    size_t checked = 0, found = 0;
    for (uint32_t a = 0; a < vocab.size(); ++a)
      for (uint32_t b = 0; b < vocab.size(); ++b) {
        std::set<std::string> want;
        for (const Sec &s : secs) {
          // each word's occurrence index in the section, heading first: a posting keeps its first 255
          uint32_t seen[64] = {0};
          bool hit = false;
          for (const auto &run : s.runs) {
            std::vector<uint32_t> occ(run.size());
            for (size_t k = 0; k < run.size(); ++k) occ[k] = run[k] == UINT32_MAX ? 0 : seen[run[k]]++;
            for (size_t k = 0; k + 1 < run.size(); ++k)
              if (run[k] == a && run[k + 1] == b && occ[k] < 255 && occ[k + 1] < 255) hit = true;
          }
          if (hit) want.insert(s.slug + "#" + s.anchor);
        }
        const std::string q = "\"" + vocab[a] + " " + vocab[b] + "\"";
        REQUIRE(folio_search(pf.reader, q.data(), q.size(),
                             FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_NO_SNIPPETS | FOLIO_SEARCH_NO_FUZZY |
                                 FOLIO_SEARCH_NO_SYNONYMS,
                             hits.data(), static_cast<uint32_t>(hits.size()), nullptr, 0, &res) == FOLIO_OK);
        std::set<std::string> got;
        for (uint32_t i = 0; i < res.hit_count; ++i)
          if (hits[i].flags & FOLIO_HIT_ALL_WORDS)
            got.insert(std::string(hits[i].slug.ptr, hits[i].slug.len) + "#" +
                       std::string(hits[i].anchor.ptr, hits[i].anchor.len));
        INFO(q << (headings ? " (with headings)" : " (no headings)"));
        CHECK(got == want);
        ++checked;
        found += want.size();
      }
    CHECK(checked == vocab.size() * vocab.size());
    CHECK(found > 2000);  // the pairs do occur: the check is not vacuous
  }
}

TEST_CASE("search: BM25 idf without libm matches std::log", "[search]") {
  // the reader computes ln itself (it links no libm); over the whole range of df and section counts
  for (uint32_t n : {1u, 2u, 218u, 110154u, 5000000u})
    for (uint32_t df = 1; df <= n; df = df < 16 ? df + 1 : df * 3) {
      const double want = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      const double got = folio::fts::bm25_idf(df, n);
      INFO("n " << n << " df " << df);
      CHECK(std::fabs(got - want) <= 1e-6 * want + 1e-7);
    }
  CHECK(folio::fts::bm25_idf(0, 0) > 0.0f);  // no postings: finite and positive
}

TEST_CASE("search: scores are BM25F computed from tf classes and field lengths", "[search]") {
  // Three one-section articles whose field lengths are known: titles of one word, bodies of 4, 8 and 12
  // words (no stopwords, no headings, no glossary). "zebra" is in one body once; "yak" twice in a
  // body and once in that article's title.
  folio_test::TempDir dir;
  const std::string jsonl =
      R"({"slug":"a","title":"Yak","body":"zebra lion tiger yak yak"})" "\n"
      R"({"slug":"b","title":"Bison","body":"lion tiger bear wolf fox mink seal otter"})" "\n"
      R"({"slug":"c","title":"Camel","body":"lion tiger bear wolf fox mink seal otter hare mole vole newt"})" "\n";
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "s", jsonl, &pf);
  auto score = [&](const char *q) {
    folio_search_hit hits[4];
    folio_search_result res;
    REQUIRE(folio_search(pf.reader, q, std::strlen(q), FOLIO_SEARCH_NO_SNIPPETS | FOLIO_SEARCH_NO_FUZZY | FOLIO_SEARCH_NO_SYNONYMS,
                         hits, 4, nullptr, 0, &res) == FOLIO_OK);
    REQUIRE(res.hit_count == 1);
    CHECK(std::string(hits[0].slug.ptr, hits[0].slug.len) == "a");
    return static_cast<double>(hits[0].score);
  };
  const double k1 = 1.2, n = 3;
  auto idf = [&](double df) { return std::log(1.0 + (n - df + 0.5) / (df + 0.5)); };
  auto sat = [&](double x) { return x * (k1 + 1) / (x + k1); };
  const double body_avg = (5.0 + 8.0 + 12.0) / 3.0;  // "a" has 5 body words
  const double body_norm_a = 1 - 0.75 + 0.75 * 5.0 / body_avg;
  // zebra: body tf 1 in a 5-word body
  CHECK(std::fabs(score("zebra") - idf(1) * sat(1.0 * 1 / body_norm_a)) < 1e-4);
  // yak: title tf 1 (weight 4, title lengths all 1) saturated apart from the body's tf 2
  CHECK(std::fabs(score("yak") - idf(1) * (sat(4.0 * 1 / 1.0) + sat(1.0 * 2 / body_norm_a))) < 1e-4);
}

namespace {

// What a search returned (no snippets): `text`, one comparable string of the result flags and each hit's
// section, score, more_sections and flags; `full`, the hits with every required word; `pruned` and
// `one_pass`, whether the search skipped sections and whether it took the one-pass evaluation.
struct HitList {
  std::string text;
  uint32_t full = 0;
  bool pruned = false, one_pass = false;
  uint32_t phrase_lists = 0;  // alternatives read from phrase postings
};

HitList hit_list(folio_reader *r, const std::string &q, uint32_t flags, uint32_t cap) {
  folio_search_hit hits[FOLIO_SEARCH_MAX_HITS];
  folio_search_result res;
  HitList out;
  REQUIRE(folio_search(r, q.data(), q.size(), flags | FOLIO_SEARCH_NO_SNIPPETS, hits, cap, nullptr, 0, &res) == FOLIO_OK);
  out.pruned = folio::fts::last_search_pruned(r);
  out.one_pass = folio::fts::last_search_one_pass(r);
  out.phrase_lists = folio::fts::last_search_phrase_lists(r);
  out.text = std::to_string(res.flags) + ":";
  for (uint32_t i = 0; i < res.hit_count; ++i) {
    out.text += " " + std::to_string(hits[i].section) + "/" + std::to_string(hits[i].score) + "/" +
                std::to_string(hits[i].more_sections) + "/" + std::to_string(hits[i].flags);
    out.full += (hits[i].flags & FOLIO_HIT_ALL_WORDS) ? 1u : 0u;
  }
  return out;
}

// Appends the query of every judged query of tests/relevance/queries.tsv (its second column).
void append_judged_queries(std::vector<std::string> *queries) {
  std::FILE *f = std::fopen(FOLIO_SOURCE_DIR "/tests/relevance/queries.tsv", "rb");
  REQUIRE(f);
  char line[4096];
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    const char *a = std::strchr(line, '\t');
    const char *b = a ? std::strchr(a + 1, '\t') : nullptr;
    if (b) queries->emplace_back(a + 1, b);
  }
  std::fclose(f);
}

// The search of q with `flags`, checked against the reference evaluation (FOLIO_SEARCH_EXHAUSTIVE: two
// passes, no pruning, no row skipping): the same text, and the reference took none of the shortcuts.
// Returns the default search's list (whether it pruned or took the one-pass path, for the counts).
HitList same_as_exhaustive(folio_reader *r, const std::string &q, uint32_t flags, uint32_t cap) {
  const HitList fast = hit_list(r, q, flags, cap);
  const HitList ref = hit_list(r, q, flags | FOLIO_SEARCH_EXHAUSTIVE, cap);
  INFO("query '" << q << "' flags " << flags << " cap " << cap);
  CHECK(fast.text == ref.text);
  CHECK_FALSE(ref.pruned);
  CHECK_FALSE(ref.one_pass);
  CHECK(ref.phrase_lists == 0);
  return fast;
}

}  // namespace

TEST_CASE("search: pruning on a large pack returns exactly the exhaustive hits", "[search]") {
  // 2,000 articles of 4 sections over a 40-word vocabulary: long lists, so queries cross the pruning
  // threshold. Every query must give the same hits, scores, flags and more_sections with and without
  // FOLIO_SEARCH_EXHAUSTIVE, in both grouping modes, and some queries must really prune.
  folio_test::TempDir dir;
  const char *vocab[] = {"alpha", "albatross", "charlie", "delta",  "echo",    "foxtrot", "golf",   "hotel",
                         "india", "juliett", "kilo",    "lima",   "mike",    "november", "oscar", "papa",
                         "quebec", "romeo",  "sierra",  "tango",  "uniform", "victor",  "whiskey", "xray",
                         "yankee", "zulu",   "amber",   "basalt", "cobalt",  "dune",    "ember",  "fjord",
                         "granite", "harbor", "island", "jasper", "kelp",    "lagoon",  "marble", "nectar"};
  const size_t nv = sizeof vocab / sizeof vocab[0];
  uint64_t rng = 42;
  auto next = [&]() {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(rng >> 33);
  };
  // skewed word choice: low indexes are far more frequent
  auto word = [&]() { return vocab[(next() % nv) * (next() % nv) / nv]; };
  std::string jsonl;
  for (int a = 0; a < 2000; ++a) {
    std::string body;
    for (int sct = 0; sct < 4; ++sct) {
      if (sct) body += "\\n\\n## Part " + std::to_string(sct) + "\\n\\n";
      const int nw = 6 + static_cast<int>(next() % 14);
      for (int w = 0; w < nw; ++w) body += std::string(w ? " " : "") + word();
      body += ".";
    }
    jsonl += R"({"slug":"a)" + std::to_string(a) + R"(","title":"Article )" + std::to_string(a) + R"(","body":")" + body +
             "\"}\n";
  }
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "big", jsonl, &pf);
  int pruned_queries = 0, queries = 0;
  for (int i = 0; i < 120; ++i) {
    std::string q;
    const int nw = 2 + static_cast<int>(next() % 6);
    for (int w = 0; w < nw; ++w) q += std::string(w ? " " : "") + vocab[next() % nv];
    for (uint32_t mode : {0u, static_cast<uint32_t>(FOLIO_SEARCH_ALL_SECTIONS)}) {
      pruned_queries += same_as_exhaustive(pf.reader, q, mode, 10).pruned ? 1 : 0;
      ++queries;
    }
  }
  CHECK(pruned_queries > queries / 4);  // the test exercises pruning, not only the exhaustive path
  // one required clause with alternatives (pruned among its alternatives): a prefix's expansions, a
  // misspelled word's corrections, a word typed as you type
  int alt_pruned = 0, alt_queries = 0;
  std::vector<std::pair<std::string, uint32_t>> cases = {
      {"al*", 0u}, {"al", static_cast<uint32_t>(FOLIO_SEARCH_PREFIX_LAST)}, {"alb", static_cast<uint32_t>(FOLIO_SEARCH_PREFIX_LAST)}};
  for (size_t v = 0; v < nv; ++v) {
    const std::string w = vocab[v];
    cases.push_back({w.substr(0, 1) + "*", 0u});
    cases.push_back({w.substr(0, 1) + w.substr(2), 0u});  // second letter dropped
    cases.push_back({w.substr(0, 2), static_cast<uint32_t>(FOLIO_SEARCH_PREFIX_LAST)});
  }
  {
    for (const auto &qc : cases) {
      alt_pruned += same_as_exhaustive(pf.reader, qc.first, qc.second, 10).pruned ? 1 : 0;
      ++alt_queries;
    }
  }
  CHECK(alt_pruned >= 3);  // "al*" and "al" (alpha and albatross, both frequent) at least
}

TEST_CASE("search: the one-pass evaluation returns exactly the two-pass hits", "[search]") {
  // On short lists one disjunctive pass also keeps the conjunctive result; FOLIO_SEARCH_EXHAUSTIVE runs
  // the conjunctive pass, then the disjunctive one when it falls short. Every judged query of the bundled
  // content, and some with operators, at several caps and in both grouping modes: the same hits, scores,
  // flags and more_sections, and the one-pass path must really be taken for many of them (and with every
  // outcome: the conjunctive result kept, and the disjunctive one).
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  std::vector<std::string> queries = {"\"stem cells\" -fat knee", "menis* tear", "audience:patient knee pain cost",
                                      "PRP vs steroid shot", "the of and", "stem cell knee fat marrow cost risk"};
  append_judged_queries(&queries);
  REQUIRE(queries.size() >= 150);
  int one_pass = 0, kept_and = 0, runs = 0;
  for (const std::string &q : queries)
    for (uint32_t mode : {0u, static_cast<uint32_t>(FOLIO_SEARCH_ALL_SECTIONS), static_cast<uint32_t>(FOLIO_SEARCH_PREFIX_LAST)})
      for (uint32_t cap : {1u, 3u, 10u, 64u}) {
        const HitList fast = same_as_exhaustive(pf.reader, q, mode, cap);
        ++runs;
        if (fast.one_pass) {
          ++one_pass;
          if (fast.full == cap) ++kept_and;  // the conjunctive result was the answer: the cap filled with full hits
        }
      }
  INFO("runs " << runs << ", one-pass " << one_pass << ", of which the conjunctive result " << kept_and);
  CHECK(one_pass >= runs / 5);
  CHECK(kept_and >= 5);
  CHECK(one_pass - kept_and >= 5);
}

TEST_CASE("search: synonym phrases read from phrase postings give exactly the hits of their words' positions", "[search]") {
  // A query expanded with a synonym phrase of several words reads the phrase's own postings (sections
  // and each word's tf class) instead of the words' lists and positions; FOLIO_SEARCH_EXHAUSTIVE reads the
  // words. Every entry of the bundled synonym table as a query, alone and with another word, and the
  // judged queries, at two caps and in both grouping modes: the same hits, scores, flags and
  // more_sections, with the phrase postings really used.
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  std::vector<std::string> queries;
  {
    // content/synonyms.yaml: one group a line, "- [a, b, c]"
    std::FILE *f = std::fopen(FOLIO_SOURCE_DIR "/content/synonyms.yaml", "rb");
    REQUIRE(f);
    char line[4096];
    while (std::fgets(line, sizeof line, f)) {
      const char *a = std::strchr(line, '['), *e = a ? std::strchr(a, ']') : nullptr;
      if (!a || !e) continue;
      std::string item;
      for (const char *c = a + 1; c <= e; ++c) {
        if (*c == ',' || *c == ']') {
          const size_t b = item.find_first_not_of(' '), z = item.find_last_not_of(' ');
          if (b != std::string::npos) {
            queries.push_back(item.substr(b, z - b + 1));
            queries.push_back(item.substr(b, z - b + 1) + " knee");
          }
          item.clear();
        } else {
          item += *c;
        }
      }
    }
    std::fclose(f);
  }
  REQUIRE(queries.size() >= 100);
  append_judged_queries(&queries);
  int with_lists = 0, runs = 0;
  for (const std::string &q : queries)
    for (uint32_t mode : {0u, static_cast<uint32_t>(FOLIO_SEARCH_ALL_SECTIONS)})
      for (uint32_t cap : {3u, 20u}) {
        const HitList fast = same_as_exhaustive(pf.reader, q, mode, cap);
        ++runs;
        with_lists += fast.phrase_lists > 0 ? 1 : 0;
      }
  INFO("runs " << runs << ", with phrase postings " << with_lists);
  CHECK(with_lists >= runs / 3);
}

TEST_CASE("search: words of synonym phrases are highlighted only where the phrase occurs", "[search]") {
  // "GVHD" expands to "graft-versus-host disease" and "donor cell reaction": the snippets light up the
  // first phrase where it occurs, and never a lone "cell" or "donor" of the same sections (which also
  // pulled the snippet window towards them)
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  auto lit = [&](const std::string &q, std::vector<std::string> *snips) {
    folio_search_hit hits[10];
    folio_search_result res;
    char text[8192];
    REQUIRE(folio_search(pf.reader, q.data(), q.size(), 0, hits, 10, text, sizeof text, &res) == FOLIO_OK);
    std::vector<std::string> words;
    for (uint32_t i = 0; i < res.hit_count; ++i) {
      const std::string sn(text + hits[i].snippet_off, hits[i].snippet_len);
      snips->push_back(sn);
      for (uint32_t k = 0; k < hits[i].highlight_count; ++k) {
        std::string w = sn.substr(hits[i].highlights[k].off, hits[i].highlights[k].len);
        for (char &c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        words.push_back(w);
      }
    }
    return words;
  };
  std::vector<std::string> snips;
  const std::vector<std::string> g = lit("GVHD", &snips);
  REQUIRE(g.size() >= 4);
  for (const std::string &w : g) CHECK((w == "graft-versus-host" || w == "disease"));
  // a stopword inside the phrase: present at its place, not lit ("Wear and tear.")
  snips.clear();
  const std::vector<std::string> wt = lit("\"wear and tear\"", &snips);
  REQUIRE(!wt.empty());
  for (const std::string &w : wt) CHECK((w == "wear" || w == "tear"));
}

TEST_CASE("search: skipping hits before their rows are read on a large pack returns the exhaustive hits", "[search]") {
  // 5,000 articles of 1 to 6 sections (over kRowSkipMinSections) and a 300-word vocabulary: short lists,
  // so most queries stay under the pruning threshold and only skip sections that cannot enter the heap
  // before accept() reads their rows, then recount more_sections. Titles are "Article N", so a query
  // may also have an exact-title hit (the title tier). Every query must give the same hits, scores, flags
  // and more_sections with and without FOLIO_SEARCH_EXHAUSTIVE, in both grouping modes and at two caps.
  folio_test::TempDir dir;
  const char *cons = "bdfgklmnprstvz", *vows = "aiou";
  std::vector<std::string> vocab;
  for (int i = 0; vocab.size() < 300; ++i) {
    std::string w;
    for (int k = i, syl = 0; syl < 3; ++syl, k /= 56) {
      w += cons[k % 14];
      w += vows[(k / 14) % 4];
    }
    w += "x";  // no stemmer suffix, no stopword
    vocab.push_back(w);
  }
  const size_t nv = vocab.size();
  uint64_t rng = 7;
  auto next = [&]() {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(rng >> 33);
  };
  auto word = [&]() -> const std::string & { return vocab[(next() % nv) * (next() % nv) / nv]; };
  std::string jsonl;
  size_t sections = 0;
  std::vector<std::vector<std::string>> themes;
  for (int a = 0; a < 5000; ++a) {
    // an article's sections share a theme of a few words: queries then match several of its sections
    const std::string *theme[4];
    for (auto &t : theme) t = &vocab[next() % nv];
    themes.push_back({*theme[0], *theme[1], *theme[2], *theme[3]});
    std::string body;
    const int ns = 1 + static_cast<int>(next() % 6);
    for (int sct = 0; sct < ns; ++sct) {
      if (sct) body += "\\n\\n## Part " + std::to_string(sct) + "\\n\\n";
      const int nw = 4 + static_cast<int>(next() % 10);
      for (int w = 0; w < nw; ++w) body += (w ? " " : "") + (next() % 3 ? word() : *theme[next() % 4]);
      // some sections mention an article (this one, or another by number): queries equal to a title
      // then have partial and full hits among the title article's sections (the title tier) and others
      const uint32_t m = next() % 8;
      if (m == 0) body += " article";
      if (m == 1) body += " article " + std::to_string(m == 1 && next() % 2 ? a : static_cast<int>(next() % 5000));
      body += ".";
    }
    sections += static_cast<size_t>(ns);
    jsonl += R"({"slug":"a)" + std::to_string(a) + R"(","title":"Article )" + std::to_string(a) + R"(","body":")" + body +
             "\"}\n";
  }
  REQUIRE(sections >= folio::fts::kRowSkipMinSections);
  folio::index::PackFile pf;
  build_jsonl_pack(dir / "rows", jsonl, &pf);
  int one_pass_and = 0;  // runs with skips whose answer was the one-pass evaluation's conjunctive result
  int skipped_runs = 0, title_runs = 0, runs = 0;
  for (int i = 0; i < 150; ++i) {
    std::string q;
    if (i % 5 == 0) q = "Article " + std::to_string(next() % 5000);  // the title tier, alone
    if (i % 5 == 1) q = "article " + std::to_string(next() % 5000) + " ";
    const int nw = 1 + static_cast<int>(next() % 4);
    const std::vector<std::string> &th = themes[next() % themes.size()];
    for (int w = 0; w < nw && i % 5 != 0; ++w) q += (w ? " " : "") + (i % 5 >= 3 ? th[next() % 4] : vocab[next() % nv]);
    for (uint32_t mode : {0u, static_cast<uint32_t>(FOLIO_SEARCH_ALL_SECTIONS)})
      for (uint32_t cap : {3u, 10u}) {
        const HitList fast = same_as_exhaustive(pf.reader, q, mode, cap);
        ++runs;
        skipped_runs += fast.pruned ? 1 : 0;
        title_runs += (fast.pruned && fast.text.find("/" + std::to_string(FOLIO_HIT_TITLE | FOLIO_HIT_ALL_WORDS)) != std::string::npos) ? 1 : 0;
        if (fast.pruned && fast.one_pass && fast.full == cap) ++one_pass_and;
      }
  }
  INFO("runs " << runs << ", skipped sections in " << skipped_runs << ", with a title hit " << title_runs
                << ", one-pass conjunctive results " << one_pass_and);
  CHECK(skipped_runs > runs / 3);
  CHECK(title_runs > 0);
  CHECK(one_pass_and > 0);
}

TEST_CASE("suggest_typed: a prefix nothing starts with gets the suggestions of its correction", "[search][suggest]") {
  folio::index::PackFile pf;
  REQUIRE(pf.open(FOLIO_CONTENT_PACK) == FOLIO_OK);
  folio_entry a[8], b[8];
  uint32_t na = 0, nb = 0;
  char fix[FOLIO_SUGGEST_CORRECTED_MAX];
  size_t fl = 99;
  // a prefix something starts with: exactly folio_suggest's answer, no correction
  REQUIRE(folio_suggest(pf.pack, "kne", 3, a, 8, &na) == FOLIO_OK);
  REQUIRE(na > 0);
  REQUIRE(folio_suggest_typed(pf.reader, "kne", 3, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(fl == 0);
  REQUIRE(nb == na);
  for (uint32_t i = 0; i < na; ++i) CHECK(a[i].article == b[i].article);
  // a misspelled word: folio_suggest has nothing; the typed variant suggests for the search's correction
  REQUIRE(folio_suggest(pf.pack, "injecton", 8, a, 8, &na) == FOLIO_OK);
  CHECK(na == 0);
  REQUIRE(folio_suggest_typed(pf.reader, "injecton", 8, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  REQUIRE(std::string(fix, fl) == "injection");
  REQUIRE(folio_suggest(pf.pack, "injection", 9, a, 8, &na) == FOLIO_OK);
  REQUIRE(nb == na);
  REQUIRE(nb > 0);
  for (uint32_t i = 0; i < na; ++i) CHECK(a[i].article == b[i].article);
  // several words, the last one being typed: the words before it are corrected too
  REQUIRE(folio_suggest_typed(pf.reader, "stem cel kne", 12, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(nb > 0);
  CHECK(std::string(fix, fl).rfind("stem cell kne", 0) == 0);
  // the corrected text is optional; its length alone can be asked for; a buffer too small is reported with
  // the suggestions written and nothing copied
  REQUIRE(folio_suggest_typed(pf.reader, "injecton", 8, b, 8, &nb, nullptr, 0, &fl) == FOLIO_OK);
  CHECK(fl == 9);
  CHECK(nb > 0);
  REQUIRE(folio_suggest_typed(pf.reader, "injecton", 8, b, 8, &nb, nullptr, 0, nullptr) == FOLIO_OK);
  CHECK(nb > 0);
  std::memset(fix, '#', 8);
  CHECK(folio_suggest_typed(pf.reader, "injecton", 8, b, 8, &nb, fix, 8, &fl) == FOLIO_E_DST_TOO_SMALL);
  CHECK(fl == 9);
  CHECK(nb > 0);
  CHECK(std::string(fix, 8) == "########");
  // cap 0 counts
  REQUIRE(folio_suggest_typed(pf.reader, "injecton", 8, nullptr, 0, &nb, nullptr, 0, &fl) == FOLIO_OK);
  CHECK(nb == na);
  // nothing to correct to, garbage, bad input
  REQUIRE(folio_suggest_typed(pf.reader, "zzzzqx", 6, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(nb == 0);
  CHECK(fl == 0);
  CHECK(folio_suggest_typed(pf.reader, "\xC3\x28", 2, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_E_UTF8);
  CHECK(folio_suggest_typed(nullptr, "kne", 3, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_E_ARG);
  CHECK(folio_suggest_typed(pf.reader, "kne", 3, b, 8, nullptr, fix, sizeof fix, &fl) == FOLIO_E_ARG);
  CHECK(folio_suggest_typed(reinterpret_cast<folio_reader *>(fix), "kne", 3, b, 8, &nb, nullptr, 0, &fl) == FOLIO_E_ARG);
  const std::string longq(600, 'q');
  CHECK(folio_suggest_typed(pf.reader, longq.data(), longq.size(), b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_E_LIMIT);
  std::string spaced = "injecton";
  spaced.append(600, ' ');  // a prefix too long to be corrected: folio_suggest's answer alone
  REQUIRE(folio_suggest_typed(pf.reader, spaced.data(), spaced.size(), b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(nb == 0);
  CHECK(fl == 0);
  // the C++ wrapper
  folio::Reader rd(pf.reader);
  folio::Span<folio_entry> got;
  std::string_view for_text;
  REQUIRE(rd.suggest_typed("injecton", b, &got, fix, &for_text) == FOLIO_OK);
  CHECK(for_text == "injection");
  CHECK(got.size() == na);
  REQUIRE(rd.suggest_typed("kne", b, &got, fix, &for_text) == FOLIO_OK);
  CHECK(for_text.empty());
  CHECK(got.size() > 0);
}

TEST_CASE("suggest_typed: a pack without a search index answers as folio_suggest does", "[search][suggest]") {
  Corpus plain(false);
  folio_entry b[8];
  uint32_t nb = 7;
  size_t fl = 3;
  char fix[64];
  REQUIRE(folio_suggest_typed(plain.pf.reader, "cartilge", 8, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(nb == 0);
  CHECK(fl == 0);
  REQUIRE(folio_suggest_typed(plain.pf.reader, "cart", 4, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  CHECK(nb == 1);
  CHECK(fl == 0);
  // with the index, the same typo reaches the article
  REQUIRE(folio_suggest_typed(corpus().pf.reader, "cartilge", 8, b, 8, &nb, fix, sizeof fix, &fl) == FOLIO_OK);
  REQUIRE(nb >= 1);
  CHECK(std::string(fix, fl) == "cartilage");
}
