// Validation and lint rules: every error class with its path:line, all of them in one run.
#include <catch2/catch.hpp>

#include "builder_test_util.h"
#include "near_names.h"

using namespace folio::tools;
using namespace folio_test;

namespace {

std::string lint(const TempDir &t, Diagnostics &d) {
  Content c = load_content(t.path(), d);
  validate_content(c, d);
  return d.format();
}

// Replaces a file of the fixture.
void put(const TempDir &t, const std::string &rel, const std::string &text) { write_file(t / rel, text); }

const char *kGoodFront =
    "---\n"
    "slug: delta\n"
    "title: Delta\n"
    "summary: S.\n"
    "audience: patient\n"
    "updated: 2024-01-01\n"
    "sources: [ref-three]\n"
    "---\n";  // body starts on line 9

}  // namespace

TEST_CASE("front matter errors carry the line of the field", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md",
      "---\n"
      "slug: Delta_1\n"            // 2: bad slug
      "summary: S.\n"              // 3   (title missing → line 1)
      "audience: everyone\n"       // 4: enum
      "updated: 2023-02-29\n"      // 5: not a real date
      "sources: [ref-three, nope]\n"  // 6: unknown reference id
      "related: [beta, missing]\n"    // 7: unknown related
      "topics: [Bad Topic]\n"      // 8
      "---\n"
      "Text. [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/delta.md";
  CHECK(contains(out, p + ":2: error: bad slug 'Delta_1'"));
  CHECK(contains(out, p + ":1: error: missing required field 'title'"));
  CHECK(contains(out, p + ":4: error: audience must be patient, clinician or both"));
  CHECK(contains(out, p + ":5: error: invalid date '2023-02-29'"));
  CHECK(contains(out, p + ":6: error: sources: unknown reference id 'nope'"));
  CHECK(contains(out, p + ":7: error: related: unknown article 'missing'"));
  CHECK(contains(out, p + ":8: error: bad topic name 'Bad Topic'"));
}

TEST_CASE("a level-1 heading in a Markdown body is an error at its line", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md", std::string(kGoodFront) + "Lead. [@ref-three]\n\n# Title again\n\nText. [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(contains(out, (t / "articles/delta.md") + ":11: error: level-1 heading in the body"));
  CHECK(d.errors() == 1);
}

TEST_CASE("slug must equal the file name, unique slugs", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  std::string fm = kGoodFront;
  put(t, "articles/other-name.md", fm + "Text. [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(contains(out, (t / "articles/other-name.md") + ":2: error: slug 'delta' does not match the file name"));
}

TEST_CASE("body errors: links, anchors, glossary, citations, uncited sources", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md",
      "---\n"
      "slug: delta\n"
      "title: Delta\n"
      "summary: S.\n"
      "audience: patient\n"
      "updated: 2024-01-01\n"
      "sources: [ref-three, ref-two]\n"    // 7: ref-two never cited
      "---\n"
      "See [x](nowhere) now. [@ref-three]\n"        // 9: unknown article
      "\n"
      "See [y](beta#nope) and [z](#here). [@ref-three]\n"  // 11: unknown anchor ×2
      "\n"
      "A [[no-such-term]] here. [@ref-one]\n"      // 13: unknown glossary; ref-one not in sources
      "\n"
      "Cited [@ghost] here.\n");                   // 15: unknown reference
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/delta.md";
  CHECK(contains(out, p + ":9: error: link to unknown article 'nowhere'"));
  CHECK(contains(out, p + ":11: error: link to unknown anchor '#nope' in article 'beta'"));
  CHECK(contains(out, p + ":11: error: link to unknown anchor '#here' in article 'delta'"));
  CHECK(contains(out, p + ":13: error: unknown glossary term 'no-such-term'"));
  CHECK(contains(out, p + ":13: error: citation 'ref-one' is not listed in the article's sources"));
  CHECK(contains(out, p + ":15: error: citation of unknown reference 'ghost'"));
  CHECK(contains(out, p + ":7: error: source 'ref-two' is never cited in the article"));
}

TEST_CASE("an unknown name gets the nearest known one as a did-you-mean", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md",
      "---\n"
      "slug: delta\n"
      "title: Delta\n"
      "summary: S.\n"
      "audience: patient\n"
      "updated: 2024-01-01\n"
      "sources: [ref-three, ref-thre]\n"   // 7: a reference id one letter short
      "related: [alpah]\n"                 // 8: two letters swapped
      "topics: [kness]\n"                  // 9: a topic named once, one edit from one named twice
      "---\n"
      "See [x](betta) and [y](beta#detials). [@ref-three]\n"  // 11: an article, an anchor
      "\n"
      "A [[cartilege]] here. [@ref-tree]\n"                // 13: a glossary id, a citation
      "\n"
      "See [z](nowhere) and [w](alpha#how-it). [@ref-three]\n");  // 15: nothing near; an anchor begun
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/delta.md";
  CHECK(contains(out, p + ":7: error: sources: unknown reference id 'ref-thre' (did you mean 'ref-three'?)\n"));
  CHECK(contains(out, p + ":8: error: related: unknown article 'alpah' (did you mean 'alpha'?)\n"));
  CHECK(contains(out, p + ":9: warning: topic 'kness' is named by no other article and is one edit from 'knees' "
                          "(2 articles): a typo? (did you mean 'knees'?)\n"));
  CHECK(contains(out, p + ":11: error: link to unknown article 'betta' (did you mean 'beta'?)\n"));
  CHECK(contains(out, p + ":11: error: link to unknown anchor '#detials' in article 'beta' (did you mean '#details'?)\n"));
  CHECK(contains(out, p + ":13: error: unknown glossary term 'cartilege' (did you mean 'cartilage'?)\n"));
  CHECK(contains(out, p + ":13: error: citation of unknown reference 'ref-tree' (did you mean 'ref-three'?)\n"));
  CHECK(contains(out, p + ":15: error: link to unknown article 'nowhere'\n"));
  CHECK(contains(out, p + ":15: error: link to unknown anchor '#how-it' in article 'alpha' (did you mean '#how-it-works'?)\n"));
}

TEST_CASE("near_names: edit distance with swaps, nearest first, a name begun", "[builder]") {
  CHECK(edit_distance("cots", "cost") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(nearest_names("cots", {"alpha", "cost", "costs"}) == std::vector<std::string>{"cost", "costs"});
  CHECK(nearest_names("EVID", {"basics", "evidence"}) == std::vector<std::string>{"evidence"});
  CHECK(nearest_names("keyhole-surgry", {"before", "keyhole-surgery-arthroscopy"}) ==
        std::vector<std::string>{"keyhole-surgery-arthroscopy"});
  CHECK(nearest_names("xyz", {"alpha", "beta"}).empty());
  CHECK(nearest_names("a", {"alpha", "beta", "arm", "ant"}, 2) == std::vector<std::string>{"alpha", "arm"});
  CHECK(did_you_mean("betta", {"alpha", "beta"}) == " (did you mean 'beta'?)");
  CHECK(did_you_mean("zzz", {"alpha", "beta"}).empty());
}

TEST_CASE("lint: missing sources, uncited section, uncited registry entry", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md",
      "---\n"
      "slug: delta\n"
      "title: Delta\n"
      "summary: S.\n"
      "audience: patient\n"
      "updated: 2024-01-01\n"
      "---\n"
      "Lead text with a claim.\n"       // 8: lead without citation
      "\n"
      "## Claims\n"                     // 10: section without citation
      "\n"
      "More claims here.\n"
      "\n"
      "## Questions {.nocite}\n"        // exempt
      "\n"
      "Ask things.\n"
      "\n"
      "## Empty heading section\n");    // no prose: fine
  // A registry entry nobody cites.
  std::string refs = read_file(t / "references/refs.yaml");
  refs += "- id: lonely\n  kind: web\n  title: Nobody cites me\n";  // line 18
  put(t, "references/refs.yaml", refs);
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/delta.md";
  CHECK(contains(out, p + ":1: error: article has no sources"));
  CHECK(contains(out, p + ":8: error: the lead section has prose but no citation"));
  CHECK(contains(out, p + ":10: error: section 'Claims' has prose but no citation"));
  CHECK_FALSE(contains(out, "'Questions'"));
  CHECK_FALSE(contains(out, "'Empty heading section'"));
  CHECK(contains(out, (t / "references/refs.yaml") + ":18: error: reference 'lonely' is never cited in any article"));
}

TEST_CASE("lint: abbreviations must be expanded on first patient-facing use", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md", std::string(kGoodFront) +
      "The FDA rules apply. Later FDA again. [@ref-three]\n"            // 9: FDA not expanded
      "Platelet-rich plasma (PRP) is fine. PRP again. [@ref-three]\n"   // 10: expanded in parens
      "MRI (magnetic resonance imaging) is fine. [@ref-three]\n"        // 11: expanded after
      "Stage IV and the UK are ignored, so is `CODE`. [@ref-three]\n"   // 12: Roman, exempt, code
      "Stem cells (MSCs) then MSC later. [@ref-three]\n"                // 13: plural expansion counts
      "\n"
      "## Clinic notes {.clinician}\n"
      "\n"
      "The ACL and PCL are fine here. [@ref-three]\n"                   // clinician: skipped
      "\n"
      "## Back to patients\n"
      "\n"
      "The NHS pays. [@ref-three]\n");                                  // 21: not expanded
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/delta.md";
  CHECK(contains(out, p + ":9: error: abbreviation 'FDA' is not expanded"));
  CHECK(contains(out, p + ":21: error: abbreviation 'NHS' is not expanded"));
  CHECK_FALSE(contains(out, "'PRP'"));
  CHECK_FALSE(contains(out, "'MRI'"));
  CHECK_FALSE(contains(out, "'IV'"));
  CHECK_FALSE(contains(out, "'UK'"));
  CHECK_FALSE(contains(out, "'CODE'"));
  CHECK_FALSE(contains(out, "'MSC'"));
  CHECK_FALSE(contains(out, "'ACL'"));
  // Exactly one report per abbreviation (first use only).
  size_t n = 0, pos = 0;
  while ((pos = out.find("'FDA'", pos)) != std::string::npos) ++n, ++pos;
  CHECK(n == 1);
}

TEST_CASE("lint: a hard patient-facing section gets a readability warning with the grade", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md", std::string(kGoodFront) +
      "Easy words here. [@ref-three]\n"
      "\n"
      "## Hard part\n"   // line 11
      "\n"
      "Mesenchymal stromal cell preparations demonstrate considerable heterogeneity regarding "
      "immunomodulatory characteristics, differentiation capacity, and paracrine signalling, "
      "complicating standardisation across manufacturing facilities internationally and "
      "consequently undermining comparability. Investigators increasingly acknowledge "
      "substantial methodological inconsistencies. [@ref-three]\n"
      "\n"
      "## Hard for clinicians {.clinician}\n"
      "\n"
      "Mesenchymal stromal cell preparations demonstrate considerable heterogeneity regarding "
      "immunomodulatory characteristics, differentiation capacity, and paracrine signalling, "
      "complicating standardisation across manufacturing facilities internationally and "
      "consequently undermining comparability. Investigators increasingly acknowledge "
      "substantial methodological inconsistencies. [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(d.errors() == 0);
  CHECK(d.warnings() == 1);
  CHECK(contains(out, (t / "articles/delta.md") + ":11: warning: section 'Hard part' reads at school grade "));
}

TEST_CASE("lint: a synonym that the stemmer makes one word with other words of the text is a warning", "[builder]") {
  // the fixture's text has "care" (alpha) and "joints" (beta's title); Porter2 stems "careful" to "care",
  // so "[careful, cautious]" would make every "care" a synonym of "cautious"; "joint" is the text's own
  // word (a plural aside), and "meniscus" is in no text at all
  TempDir t;
  write_fixture(t.path());
  put(t, "synonyms.yaml",
      "- [kneecap, patella]\n"
      "- [careful, cautious]\n"       // 2
      "- [joint, articulation]\n"     // 3
      "- [meniscus, menisci]\n");     // 4
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(d.errors() == 0);
  CHECK(d.warnings() == 1);
  CHECK(contains(out, (t / "synonyms.yaml") + ":2: warning: 'careful' has the stem 'care' of the text's 'care' (not a "
                                               "word of this group), so the group would find every one of them"));
  // the text's word in the group: no warning
  put(t, "synonyms.yaml", "- [kneecap, patella]\n- [careful, cautious, care]\n");
  Diagnostics d2;
  const std::string out2 = lint(t, d2);
  INFO(out2);
  CHECK(d2.warnings() == 0);
}

TEST_CASE("lint: a synonym group that joins two glossary terms is a warning at its line", "[builder]") {
  // the fixture's glossary: Patella (everyday: kneecap, knee cap) and Cartilage (AC, gristle)
  TempDir t;
  write_fixture(t.path());
  {
    Diagnostics d;
    const std::string out = lint(t, d);
    INFO(out);
    CHECK(d.warnings() == 0);  // "[kneecap, patella]" merges with Patella's own group only
  }
  put(t, "synonyms.yaml",
      "- [kneecap, patella]\n"
      "- [shot, injection]\n"
      "- [knee cap, gristle]\n"     // 3: Patella's everyday word and Cartilage's
      "- [gristles, cartilages]\n");  // 4: Cartilage only (the same stems)
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(d.errors() == 0);
  CHECK(d.warnings() == 1);
  CHECK(contains(out, (t / "synonyms.yaml") + ":3: warning: this group joins the glossary terms 'Cartilage' and "
                                               "'Patella' into one synonym group"));
  // two glossary terms sharing a name themselves: reported at both
  put(t, "synonyms.yaml", "- [shot, injection]\n");
  std::string g = read_file(t / "glossary/terms.yaml");
  g += "- id: shin\n  term: Shin\n  everyday: [gristle]\n  definition: x\n";
  put(t, "glossary/terms.yaml", g);
  Diagnostics d2;
  const std::string out2 = lint(t, d2);
  INFO(out2);
  CHECK(d2.warnings() == 2);
  CHECK(contains(out2, "warning: the glossary terms 'Cartilage' and 'Shin' share a name, so their synonym groups merge"));
  // more phrases the text has than a query word gets alternatives: the longest are never searched
  // ("quoted words", alpha's quote, the one phrase of two words)
  put(t, "synonyms.yaml",
      "- [shot, injection]\n"
      "- [knee, front, care, force, nested, holds, joint, alpha, quoted words]\n");  // line 2: 9 phrases
  Diagnostics d3;
  const std::string out3 = lint(t, d3);
  INFO(out3);
  CHECK(contains(out3, (t / "synonyms.yaml") + ":2: warning: a synonym group of 9 phrases: a query word gets at most 8 "
                                               "of them (the text's first, then fewer words first), so 'quot word' (as "
                                               "analysed) may never be searched"));
  // no warning when past the eighth phrase there are only phrases no section has (they are for the
  // query's side), and those go after the text's whatever their length: "quoted words" is tried before
  // the words of no section, so nothing the text has is left out (until 2026-12-06 it was)
  for (const char *group : {"- [alpha, beta, gamma, delta, epsilon, zeta, eta, theta, kappa lambda, quoted words]\n",
                            "- [alpha, beta, gamma, delta, epsilon, eta, theta, iota, zeta, kappa lambda]\n"}) {
    put(t, "synonyms.yaml", std::string("- [shot, injection]\n") + group);
    Diagnostics d4;
    const std::string out4 = lint(t, d4);
    INFO(out4);
    CHECK(!contains(out4, "a synonym group of"));
  }
}

TEST_CASE("glossary and reference registry errors", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "glossary/more.yaml",
      "- id: patella\n"           // 1: duplicate of terms.yaml:1 (reported there: more.yaml loads first)
      "  term: Kneecap bone\n"
      "  definition: x\n"
      "- id: other\n"             // 4: duplicate folded term "CARTILAGE"
      "  term: CARTILAGE\n"
      "  definition: y\n"
      "  see_also: [nothing]\n"   // 7: unknown see_also
      "  articles: [no-article]\n"  // 8: unknown article
      "- id: third\n"             // 9: missing definition
      "  term: Third\n");
  std::string refs = read_file(t / "references/refs.yaml");
  refs += "- id: ref-one\n  kind: book\n  title: dup\n";  // line 18: duplicate id, 19: bad kind
  put(t, "references/refs.yaml", refs);
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string g = t / "glossary/more.yaml", r = t / "references/refs.yaml";
  CHECK(contains(out, (t / "glossary/terms.yaml") + ":1: error: duplicate glossary id 'patella'"));
  CHECK(contains(out, g + ":4: error: duplicate glossary term 'CARTILAGE'"));
  CHECK(contains(out, g + ":7: error: see_also: unknown glossary id 'nothing'"));
  CHECK(contains(out, g + ":8: error: articles: unknown article 'no-article'"));
  CHECK(contains(out, g + ":9: error: missing required field 'definition'"));
  CHECK(contains(out, r + ":19: error: kind must be study, organisation or web"));
  CHECK(contains(out, r + ":18: error: duplicate reference id 'ref-one'"));
}

TEST_CASE("lexicon.txt: one word a line, errors at their line", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "lexicon.txt", "# real words\nGolf\n\n  Medicare  \ntwo words\nfine\nhy-phen\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(d.errors() == 2);
  CHECK(contains(out, (t / "lexicon.txt") + ":5: error: a lexicon line must be one word (letters or digits): 'two words'"));
  CHECK(contains(out, (t / "lexicon.txt") + ":7: error: a lexicon line must be one word (letters or digits): 'hy-phen'"));
  put(t, "lexicon.txt", "golf\nfine\n");
  Diagnostics d2;
  const std::string out2 = lint(t, d2);
  INFO(out2);
  CHECK(d2.errors() == 0);
}

TEST_CASE("invalid UTF-8 and YAML syntax errors are reported with their line", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/delta.md", std::string(kGoodFront) + "Good line. [@ref-three]\nBad \xC3\x28 byte.\n");  // line 10
  put(t, "synonyms.yaml", "- [a, b]\n- [c, d\n");  // unterminated flow sequence
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(contains(out, (t / "articles/delta.md") + ":10: error: invalid UTF-8"));
  CHECK(contains(out, (t / "synonyms.yaml") + ":"));
  CHECK(contains(out, "error: YAML:"));
}

TEST_CASE("all errors of all files in one run, sorted by path then line", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/zeta.md",
      "---\nslug: zeta\ntitle: Z\nsummary: S.\naudience: patient\nupdated: 2024-13-01\nsources: [ref-three]\n---\n"
      "Text [[ghost]]. [@ref-three]\n");
  put(t, "articles/eta.md",
      "---\nslug: eta\ntitle: E\nsummary: S.\naudience: patient\nupdated: 2024-01-01\nsources: [ref-three]\n---\n"
      "Text [x](nowhere). [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  CHECK(d.errors() == 3);
  const auto sorted = d.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(contains(sorted[0].path, "eta.md"));
  CHECK(sorted[0].line == 9);
  CHECK(contains(sorted[1].path, "zeta.md"));
  CHECK(sorted[1].line == 6);
  CHECK(sorted[2].line == 9);
  // The lint command reports them too and fails with 2; the valid fixture passes with 0.
  CHECK(run_lint({t.path(), "--quiet"}) == 2);
  TempDir ok;
  write_fixture(ok.path());
  CHECK(run_lint({ok.path(), "--quiet"}) == 0);
}

TEST_CASE("faq: every ## heading is a question, answers link to articles", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  put(t, "articles/faq.md",
      "---\nslug: faq\ntitle: Questions\nsummary: S.\naudience: patient\nupdated: 2024-01-01\n"
      "sources: [ref-three]\n---\n"
      "Common questions. [@ref-three]\n"   // 9
      "\n"
      "## Does it work?\n"                 // 11
      "\n"
      "Maybe; see [alpha](alpha). [@ref-three]\n"
      "\n"
      "## Costs\n"                         // 15: not a question, no link
      "\n"
      "It varies. [@ref-three]\n");
  Diagnostics d;
  const std::string out = lint(t, d);
  INFO(out);
  const std::string p = t / "articles/faq.md";
  CHECK(contains(out, p + ":15: error: FAQ heading 'Costs' must be a question ending in '?'"));
  CHECK(contains(out, p + ":15: warning: FAQ answer 'Costs' links to no article"));
  CHECK_FALSE(contains(out, p + ":11:"));
  CHECK(d.errors() == 1);
}
