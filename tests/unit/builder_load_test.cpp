// Loader and Markdown → document model: blocks, spans, sections, anchors, citations, line numbers.
#include <catch2/catch.hpp>

#include "builder_test_util.h"

using namespace folio::tools;
using namespace folio_test;

namespace {

Content load_valid(const TempDir &t, Diagnostics &d) {
  write_fixture(t.path());
  Content c = load_content(t.path(), d);
  validate_content(c, d);
  return c;
}

const Article &article(const Content &c, const std::string &slug) {
  for (const Article &a : c.articles)
    if (a.slug == slug) return a;
  FAIL("no article " << slug);
  return c.articles.front();
}

std::string block_text(const SrcBlock &b) {
  std::string s;
  for (const SrcSpan &sp : b.spans) s += sp.text;
  return s;
}

}  // namespace

TEST_CASE("fixture content loads and passes every check", "[builder]") {
  TempDir t;
  Diagnostics d;
  const Content c = load_valid(t, d);
  INFO(d.format());
  CHECK(d.errors() == 0);
  CHECK(d.warnings() == 0);
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].slug == "alpha");  // sorted by slug
  CHECK(c.articles[2].slug == "gamma");
  CHECK(c.meta.title == "Test pack");
  CHECK(c.meta.abbreviations_exempt == std::vector<std::string>{"UK"});
  REQUIRE(c.glossary.size() == 2);
  CHECK(c.glossary[0].id == "cartilage");  // sorted by id by the validator
  REQUIRE(c.references.size() == 3);
  CHECK(c.references[0].id == "ref-one");
  CHECK(c.synonyms.size() == 2);
  CHECK(c.articles[0].updated == 20240229u);
}

TEST_CASE("sections, anchors, classes and heading paths", "[builder]") {
  TempDir t;
  Diagnostics d;
  const Content c = load_valid(t, d);
  const Article &a = article(c, "alpha");
  REQUIRE(a.sections.size() == 5);
  CHECK(a.sections[0].level == 0);
  CHECK(a.sections[0].anchor.empty());
  CHECK(a.sections[1].heading == "How it works");
  CHECK(a.sections[1].anchor == "how-it-works");
  CHECK(a.sections[1].line == 14);
  CHECK(a.sections[2].heading == "Detail");  // attribute list stripped
  CHECK(a.sections[2].anchor == "deep");
  CHECK(a.sections[2].clinician);
  CHECK(a.sections[2].parent == 1);
  CHECK(a.sections[2].level == 3);
  CHECK(a.sections[3].anchor == "how-it-works-2");  // repeated heading
  CHECK(a.sections[3].parent == -1);
  CHECK_FALSE(a.sections[3].clinician);
  CHECK(a.sections[4].nocite);
  CHECK(a.sections[4].anchor == "questions");
  // Sections partition the blocks; each heading section starts at its heading block.
  CHECK(a.sections[0].block_begin == 0);
  for (size_t i = 1; i < a.sections.size(); ++i) {
    CHECK(a.sections[i].block_begin == a.sections[i - 1].block_end);
    CHECK(a.blocks[a.sections[i].block_begin].kind == BlockKind::Heading);
  }
  CHECK(a.sections.back().block_end == a.blocks.size());
}

TEST_CASE("blocks: lists, tables, quotes, code, rules, line breaks", "[builder]") {
  TempDir t;
  Diagnostics d;
  const Content c = load_valid(t, d);
  const Article &a = article(c, "alpha");
  std::vector<const SrcBlock *> items, cells;
  const SrcBlock *code = nullptr, *quote = nullptr, *rule = nullptr, *table = nullptr, *brk = nullptr;
  int rows = 0, header_rows = 0, table_ends = 0;
  for (const SrcBlock &b : a.blocks) {
    switch (b.kind) {
      case BlockKind::ListItem: items.push_back(&b); break;
      case BlockKind::TableCell: cells.push_back(&b); break;
      case BlockKind::TableStart: table = &b; break;
      case BlockKind::TableRow: ++rows; header_rows += (b.flags & 1) ? 1 : 0; break;
      case BlockKind::TableEnd: ++table_ends; break;
      case BlockKind::Code: code = &b; break;
      case BlockKind::Rule: rule = &b; break;
      case BlockKind::Paragraph:
        if (b.flags & 2) quote = &b;
        for (const SrcSpan &s : b.spans)
          if (s.kind == SpanKind::LineBreak) brk = &b;
        break;
      default: break;
    }
  }
  REQUIRE(items.size() == 4);
  CHECK(items[0]->depth == 1);
  CHECK((items[0]->flags & 1) == 0);
  CHECK(items[2]->depth == 2);
  CHECK((items[2]->flags & 1) == 1);
  CHECK(items[2]->aux == 1);
  CHECK(items[3]->aux == 2);
  CHECK(block_text(*items[2]) == "nested first");
  CHECK(items[2]->line == 20);
  REQUIRE(table != nullptr);
  CHECK(table->aux == 2);
  CHECK(rows == 2);
  CHECK(header_rows == 1);
  CHECK(table_ends == 1);
  REQUIRE(cells.size() == 4);
  CHECK(cells[0]->aux == 1);  // left
  CHECK(cells[1]->aux == 3);  // right
  REQUIRE(cells[2]->spans.size() == 1);
  CHECK(cells[2]->spans[0].kind == SpanKind::Glossary);
  CHECK(cells[2]->spans[0].text == "gristle");
  CHECK(cells[3]->spans[0].style == STYLE_CODE);
  REQUIRE(code != nullptr);
  CHECK(block_text(*code) == "code line");
  REQUIRE(quote != nullptr);
  CHECK(block_text(*quote) == "Quoted words here. ");
  CHECK(rule != nullptr);
  REQUIRE(brk != nullptr);
  CHECK(brk->line == 41);
}

TEST_CASE("spans: links, glossary, styles and citations in first-citation order", "[builder]") {
  TempDir t;
  Diagnostics d;
  const Content c = load_valid(t, d);
  const Article &a = article(c, "alpha");
  // Lead: "The knee has a [[patella]] in front. [@ref-one]"
  const SrcBlock &lead = a.blocks[0];
  REQUIRE(lead.spans.size() == 4);
  CHECK(lead.spans[1].kind == SpanKind::Glossary);
  CHECK(lead.spans[1].text == "patella");  // [[id]] shows the term's own name, lower-cased mid-sentence
  CHECK(c.glossary[lead.spans[1].target_id].id == "patella");
  CHECK(lead.spans[3].kind == SpanKind::Citation);
  CHECK(lead.spans[3].target2 == 1);
  CHECK(lead.spans[3].line == 12);
  // ref-one was cited first, so sources are reordered: [ref-one, ref-two].
  CHECK(a.sources == std::vector<std::string>{"ref-one", "ref-two"});
  // "It moves with *care* and **force**. See [beta](beta#details). [@ref-two; @ref-one]"
  const SrcBlock &p = a.blocks[2];
  bool em = false, strong = false, link = false;
  std::vector<uint32_t> nums;
  for (const SrcSpan &s : p.spans) {
    if (s.style == STYLE_EM && s.text == "care") em = true;
    if (s.style == STYLE_STRONG && s.text == "force") strong = true;
    if (s.kind == SpanKind::ArticleLink) {
      link = true;
      CHECK(s.text == "beta");
      CHECK(c.articles[s.target_id].slug == "beta");
      CHECK(s.target2 == 1);  // local section index of #details
      CHECK(s.line == 16);
    }
    if (s.kind == SpanKind::Citation) nums.push_back(s.target2);
  }
  CHECK(em);
  CHECK(strong);
  CHECK(link);
  CHECK(nums == std::vector<uint32_t>{2, 1});
  // External link keeps its URL.
  bool ext = false;
  for (const SrcBlock &b : a.blocks)
    for (const SrcSpan &s : b.spans)
      if (s.kind == SpanKind::ExternalLink) {
        ext = true;
        CHECK(s.target == "https://example.org");
        CHECK(s.text == "the site");
        CHECK(s.line == 42);
      }
  CHECK(ext);
}

TEST_CASE("readability: Flesch-Kincaid grade and syllables", "[builder]") {
  CHECK(count_syllables("cat") == 1);
  CHECK(count_syllables("table") == 2);
  CHECK(count_syllables("inflammation") == 4);
  size_t words = 0;
  const double easy = flesch_kincaid_grade("The cat sat on the mat. The dog ran to the cat.", &words);
  CHECK(words == 12);
  CHECK(easy < 3.0);
  const double hard = flesch_kincaid_grade(
      "Mesenchymal stromal cell preparations demonstrate considerable heterogeneity regarding immunomodulatory "
      "characteristics, differentiation capacity, and paracrine signalling, complicating standardisation.");
  CHECK(hard > 16.0);
}

TEST_CASE("iso dates and slugs", "[builder]") {
  uint32_t v = 0;
  CHECK(parse_iso_date("2024-02-29", &v));
  CHECK(v == 20240229u);
  CHECK_FALSE(parse_iso_date("2023-02-29", &v));
  CHECK_FALSE(parse_iso_date("2023-13-01", &v));
  CHECK_FALSE(parse_iso_date("2023-04-31", &v));
  CHECK_FALSE(parse_iso_date("23-04-01", &v));
  CHECK(is_slug("a-b-9"));
  CHECK_FALSE(is_slug("A-b"));
  CHECK_FALSE(is_slug(""));
  CHECK_FALSE(is_slug("a_b"));
}

TEST_CASE("[[id]] shows the term in sentence case, names and [[id|text]] stay as written", "[builder]") {
  TempDir t;
  Diagnostics d;
  write_fixture(t.path());
  write_file(t.path() + "/glossary/more.yaml",
             "- id: fda\n"
             "  term: US Food and Drug Administration\n"
             "  abbreviations: [FDA]\n"
             "  definition: The US agency that regulates medicines.\n");
  write_file(t.path() + "/articles/gamma.md",
             "---\nslug: gamma\ntitle: Gamma\nsummary: S.\naudience: clinician\nupdated: 2024-01-01\n"
             "sources: [ref-three]\n---\n"
             "[[patella]] comes first. Then the [[patella]] again! [[cartilage]] starts this one; the "
             "[[fda]] stays; [[patella|Kneecap]] keeps its words. [@ref-three]\n");
  Content c = load_content(t.path(), d);
  validate_content(c, d);
  const Article &g = article(c, "gamma");
  std::vector<std::string> shown;
  for (const SrcSpan &sp : g.blocks[0].spans)
    if (sp.kind == SpanKind::Glossary) shown.push_back(sp.text);
  REQUIRE(shown.size() == 5);
  CHECK(shown[0] == "Patella");    // start of the block
  CHECK(shown[1] == "patella");    // mid-sentence
  CHECK(shown[2] == "Cartilage");  // after '!'
  CHECK(shown[3] == "US Food and Drug Administration");  // a name keeps its capitals
  CHECK(shown[4] == "Kneecap");    // explicit text is never changed
}
