// [render] text and HTML rendering of the fixture documents: structure (headings, nested lists, tables,
// quotes, code, links, glossary, citations, references), escaping, section scoping, and the dst_cap
// contract (size query, partial writes, FOLIO_E_DST_TOO_SMALL for every cap below the size).
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include <folio/folio.h>

#include "support/pack_fixture.h"

using namespace folio::fixture;

namespace {

Opened &fx() {
  static Opened o(fixture_pack());
  return o;
}

std::string render(uint32_t article, uint32_t section, folio_format f, uint32_t flags = 0) {
  size_t n = 0;
  folio_status st = folio_render(fx().reader, article, section, f, flags, nullptr, 0, &n);
  REQUIRE((st == FOLIO_E_DST_TOO_SMALL || (st == FOLIO_OK && n == 0)));
  std::string s(n, '\0');
  size_t m = 0;
  REQUIRE(folio_render(fx().reader, article, section, f, flags, &s[0], n, &m) == FOLIO_OK);
  REQUIRE(m == n);
  return s;
}

std::string section_text(uint32_t section) {
  size_t n = 0;
  folio_section_text(fx().reader, section, nullptr, 0, &n);
  std::string s(n, '\0');
  size_t m = 0;
  REQUIRE(folio_section_text(fx().reader, section, &s[0], n, &m) == FOLIO_OK);
  REQUIRE(m == n);
  return s;
}

bool has(const std::string &s, const std::string &x) { return s.find(x) != std::string::npos; }

}  // namespace

TEST_CASE("whole article as plain text", "[render]") {
  const std::string t = render(A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_TEXT);
  INFO(t);
  CHECK(t.rfind("Cartilage Repair\n================\n\nRepairing cartilage is hard[1].\n\nOptions\n-------\n", 0) == 0);
  CHECK(has(t, "1. Rest\n2. Physio\n  - Daily exercise\n  - Walking\n3. Injections[2]\n\n  Continuation"));
  CHECK(has(t, "Microfracture\n~~~~~~~~~~~~~\n"));
  CHECK(has(t, "Small holes <1 mm> & \"bleeding\" it's bold and code()\nnext line"));
  CHECK(has(t, "| Risk | Rate |\n|---|---|\n| Infection | 1% |\n| Stiffness | 5% |"));
  CHECK(has(t, "    x = <y>;\n    return x;"));
  CHECK(has(t, "> A quoted warning."));
  CHECK(has(t, "\n----\n"));
  CHECK(has(t, "Read more at the NHS site."));
  CHECK(has(t, "References\n----------\n[1] C Centeno, J Pitts (2016). Cartilage outcomes. J Knee Surg. doi:10.1000/xyz\n"
               "[2] (2020). Knee pain <guide>. NHS. https://www.nhs.uk/knee?x=1&y=2\n"));
  CHECK(t.back() == '\n');
  const std::string nr = render(A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_TEXT, FOLIO_RENDER_NO_REFERENCES);
  CHECK_FALSE(has(nr, "References"));
  CHECK(nr.size() < t.size());
}

TEST_CASE("whole article as escaped HTML", "[render]") {
  const std::string h = render(A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_HTML);
  INFO(h);
  CHECK(h.rfind("<h1>Cartilage Repair</h1>\n<p>Repairing <dfn data-term=\"cartilage\" title=\"Smooth tissue "
                "&lt;covering&gt; bone ends &amp; &quot;joints&quot;.\">cartilage</dfn> is hard<sup class=\"cite\">"
                "<a href=\"#ref-1\">[1]</a></sup>.</p>\n", 0) == 0);
  CHECK(has(h, "<h2 id=\"options\">Options</h2>"));
  CHECK(has(h, "<a href=\"stem-cells#sources\">stem cell sources</a>"));
  CHECK(has(h, "<a href=\"knee-pain\">knee pain</a>"));
  CHECK(has(h, "<ol>\n<li>Rest</li>\n<li>Physio<ul>\n<li>Daily <em>exercise</em></li>\n<li>Walking</li></ul>\n"
               "</li>\n<li>Injections"));
  CHECK(has(h, "<p>Continuation paragraph inside the list.</p>\n</li></ol>\n"));
  CHECK(has(h, "<h3 id=\"microfracture\">Microfracture</h3>"));
  CHECK(has(h, "Small holes &lt;1 mm&gt; &amp; &quot;bleeding&quot; it&#39;s <strong>bold</strong> and "
               "<code>code()</code><br>next line"));
  CHECK(has(h, "<table>\n<tr><th style=\"text-align:left\">Risk</th><th style=\"text-align:right\">Rate</th></tr>\n"
               "<tr><td>Infection</td><td style=\"text-align:right\">1%</td></tr>\n"));
  CHECK(has(h, "</table>\n<pre><code>x = &lt;y&gt;;\nreturn x;</code></pre>\n"));
  CHECK(has(h, "<blockquote>\n<p>A quoted warning.</p>\n</blockquote>\n<hr>\n"));
  CHECK(has(h, "<a href=\"https://www.nhs.uk/?a=1&amp;b=2\" rel=\"external\">the NHS site</a>"));
  CHECK(has(h, "<ol class=\"references\">\n<li id=\"ref-1\">C Centeno, J Pitts (2016). Cartilage outcomes. "
               "<i>J Knee Surg</i>. doi:<a href=\"https://doi.org/10.1000/xyz\" rel=\"external\">10.1000/xyz</a></li>"));
  CHECK(has(h, "<li id=\"ref-2\">(2020). <a href=\"https://www.nhs.uk/knee?x=1&amp;y=2\" rel=\"external\">"
               "Knee pain &lt;guide&gt;</a>"));
  // Nothing from the pack reaches the output unescaped.
  CHECK_FALSE(has(h, "<1 mm>"));
  CHECK_FALSE(has(h, "<covering>"));
  CHECK_FALSE(has(h, "<guide>"));
}

TEST_CASE("one section with its sub-sections, and section text alone", "[render]") {
  const std::string opt = render(A_CARTILAGE, S_CART_OPTIONS, FOLIO_FORMAT_TEXT);
  INFO(opt);
  CHECK(opt.rfind("Options\n-------\n", 0) == 0);
  CHECK(has(opt, "Microfracture"));       // sub-section included
  CHECK_FALSE(has(opt, "Risks"));         // sibling excluded
  CHECK_FALSE(has(opt, "Cartilage Repair\n===="));
  CHECK_FALSE(has(opt, "References"));
  const std::string lead = render(A_CARTILAGE, S_CART_LEAD, FOLIO_FORMAT_HTML);
  CHECK(lead.rfind("<p>Repairing", 0) == 0);
  CHECK_FALSE(has(lead, "Options"));
  const std::string st = section_text(S_CART_OPTIONS);
  INFO(st);
  CHECK(st.rfind("See stem cell sources and knee pain.\n\n1. Rest", 0) == 0);
  CHECK_FALSE(has(st, "Options"));        // no heading
  CHECK_FALSE(has(st, "Microfracture"));  // no sub-sections
  CHECK(section_text(S_KNEE_CAUSES) == "Wear and tear (OA).\n");
  CHECK(section_text(S_STEM_LEAD) == "Stem cells can become other cells.\n");
  size_t n;
  CHECK(folio_render(fx().reader, A_KNEE, S_CART_OPTIONS, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_NOT_FOUND);
  CHECK(folio_render(fx().reader, 3, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 0, &n) == FOLIO_E_NOT_FOUND);
  CHECK(folio_section_text(fx().reader, 8, nullptr, 0, &n) == FOLIO_E_NOT_FOUND);
}

TEST_CASE("render argument checks", "[render][api]") {
  size_t n;
  char buf[8];
  CHECK(folio_render(nullptr, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf, 8, &n) == FOLIO_E_ARG);
  CHECK(folio_render(fx().reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, nullptr, 8, &n) == FOLIO_E_ARG);
  CHECK(folio_render(fx().reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf, 8, nullptr) == FOLIO_E_ARG);
  CHECK(folio_render(fx().reader, 0, FOLIO_NONE, static_cast<folio_format>(7), 0, buf, 8, &n) == FOLIO_E_ARG);
  CHECK(folio_render(fx().reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0x10, buf, 8, &n) == FOLIO_E_ARG);
  CHECK(folio_section_text(nullptr, 0, buf, 8, &n) == FOLIO_E_ARG);
}

TEST_CASE("every dst_cap from 0 to the size: DST_TOO_SMALL with the size, prefix written", "[render]") {
  for (int fmt = 0; fmt < 2; fmt++) {
    for (uint32_t a = 0; a < 3; a++) {
      const std::string full = render(a, FOLIO_NONE, static_cast<folio_format>(fmt));
      std::string buf(full.size() + 16, '\x7f');
      for (size_t cap = 0; cap <= full.size(); cap++) {
        size_t n = 0;
        const folio_status st =
            folio_render(fx().reader, a, FOLIO_NONE, static_cast<folio_format>(fmt), 0, &buf[0], cap, &n);
        REQUIRE(n == full.size());
        REQUIRE(st == (cap < full.size() ? FOLIO_E_DST_TOO_SMALL : FOLIO_OK));
        REQUIRE(buf.compare(0, cap, full, 0, cap) == 0);
        REQUIRE(buf[cap] == '\x7f');  // never past dst_cap
      }
    }
  }
}

TEST_CASE("render alternating articles uses and refreshes the reader cache", "[render]") {
  const std::string a = render(A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_TEXT);
  const std::string b = render(A_KNEE, FOLIO_NONE, FOLIO_FORMAT_TEXT);
  CHECK(render(A_CARTILAGE, FOLIO_NONE, FOLIO_FORMAT_TEXT) == a);
  CHECK(render(A_KNEE, FOLIO_NONE, FOLIO_FORMAT_TEXT) == b);
  CHECK(b == "Knee Pain\n=========\n\nKnee pain has many causes; see cartilage repair.\n\nCauses\n------\n\nWear and tear (OA).\n");
}

TEST_CASE("HTML nesting stays well formed across quotes, lists and tables", "[render]") {
  using BK = fb::BlockKind;
  DocBuilder d;
  d.t("a").block(BK::ListItem, 1);
  d.t("quoted item").block(BK::ListItem, 1, 2);   // a quoted item inside an unquoted list
  d.t("deep").block(BK::ListItem, 3, 3, 4);        // jumps two levels, ordered, quoted
  d.t("para").block(BK::Paragraph);
  d.block(BK::TableStart, 0, 0, 1);
  d.t("c").block(BK::TableCell);                   // a cell without a row
  d.t("after unterminated table").block(BK::Paragraph);
  d.block(BK::TableRow);                           // a stray row outside a table: ignored
  Model m = fixture_model();
  m.docs[0] = d.finish(0);
  Opened o(serialize(m));
  REQUIRE(o.status == FOLIO_OK);
  char buf[2048];
  size_t n = 0;
  REQUIRE(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, FOLIO_RENDER_NO_REFERENCES, buf, sizeof buf, &n) ==
          FOLIO_OK);
  const std::string h(buf, n);
  INFO(h);
  // Every opened element is closed, in order.
  const char *tags[] = {"ul", "ol", "li", "blockquote", "table", "tr", "td", "p"};
  for (const char *t : tags) {
    size_t opens = 0, closes = 0;
    for (size_t i = h.find(std::string("<") + t); i != std::string::npos; i = h.find(std::string("<") + t, i + 1)) {
      const char next = h[i + 1 + std::strlen(t)];
      if (next == '>' || next == ' ') opens++;
    }
    for (size_t i = h.find(std::string("</") + t + ">"); i != std::string::npos;
         i = h.find(std::string("</") + t + ">", i + 1))
      closes++;
    CHECK(opens == closes);
  }
  CHECK(h.find("<blockquote>\n<ul>") != std::string::npos);
  CHECK(h.find("<ol start=\"4\">") != std::string::npos);
  size_t tn = 0;
  REQUIRE(folio_render(o.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, FOLIO_RENDER_NO_REFERENCES, buf, sizeof buf, &tn) ==
          FOLIO_OK);
  const std::string t(buf, tn);
  INFO(t);
  CHECK(t.find("> - quoted item") != std::string::npos);
  CHECK(t.find("    4. deep") != std::string::npos);
  CHECK(t.find("| c |") != std::string::npos);
}
