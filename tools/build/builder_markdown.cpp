// Markdown body → flat block list (doc.fbs model) with symbolic span targets and source lines.
//
// md4c reports no positions, but for normal text, code text and entities the pointers it passes point
// into the body buffer, so a line is found from the pointer (binary search over newline offsets); for
// anything else the last known line is used. Adjacent text of the same kind, style and target is merged
// so that pandoc citations ("[@a; @b]", which md4c may split at brackets) can be found afterwards.
#include <algorithm>
#include <cstring>

#include <md4c.h>

#include "builder_content.h"
#include "text/text.h"

namespace folio {
namespace tools {
namespace {

struct ListState {
  bool ordered;
  uint32_t next;
};

struct LinkState {
  SpanKind kind;       // ArticleLink, ExternalLink or Glossary
  std::string target;
  bool wiki_default;   // [[id]] with no shown text
};

struct Parser {
  const std::string *body;
  int first_line;
  Article *a;
  Diagnostics *diag;
  std::vector<size_t> newlines;
  int last_line;

  std::vector<ListState> lists;
  std::vector<int> li_blocks;   // block index of each open list item
  int quote_depth = 0;
  bool in_thead = false;
  int current = -1;             // block receiving spans, -1 none
  bool p_merged = false;        // the open paragraph was merged into its list item
  int html_depth = 0;
  int img_depth = 0;
  uint8_t style = 0;
  int em = 0, strong = 0, code = 0;
  std::vector<LinkState> links;
  bool warned_html = false;
  std::vector<int> h1_blocks;   // '#' headings (reported for Markdown files, demoted to ## for JSONL)

  int line_of(const char *p) {
    if (a->from_jsonl) return first_line;  // a JSON string: the whole body is on the record's line
    const char *b = body->data();
    if (p >= b && p <= b + body->size()) {
      const size_t off = static_cast<size_t>(p - b);
      last_line = first_line + static_cast<int>(std::lower_bound(newlines.begin(), newlines.end(), off) -
                                                newlines.begin());
    }
    return last_line;
  }

  uint16_t quote_flag() const { return quote_depth > 0 ? 2 : 0; }
  uint8_t list_depth() const { return static_cast<uint8_t>(std::min<size_t>(lists.size(), 255)); }

  int new_block(BlockKind k, uint8_t depth, uint16_t flags, uint32_t aux) {
    SrcBlock b;
    b.kind = k;
    b.depth = depth;
    b.flags = static_cast<uint16_t>(flags | quote_flag());
    b.aux = aux;
    b.line = last_line;
    a->blocks.push_back(std::move(b));
    return static_cast<int>(a->blocks.size()) - 1;
  }

  uint8_t cur_style() const {
    return static_cast<uint8_t>((em ? STYLE_EM : 0) | (strong ? STYLE_STRONG : 0) | (code ? STYLE_CODE : 0));
  }

  void add_text(SpanKind kind, const std::string &target, bool wiki_default, uint8_t st, const std::string &t,
                int line) {
    if (current < 0) {
      // Text outside any text block (e.g. after a nested list inside an item): a continuation paragraph.
      current = new_block(BlockKind::Paragraph, list_depth(), 0, 0);
    }
    SrcBlock &b = a->blocks[static_cast<size_t>(current)];
    if (b.line == 0 || b.spans.empty()) b.line = line;
    if (!b.spans.empty()) {
      SrcSpan &last = b.spans.back();
      if (last.kind == kind && last.style == st && last.target == target && kind != SpanKind::LineBreak &&
          last.default_text == wiki_default) {
        last.marks.emplace_back(static_cast<uint32_t>(last.text.size()), line);
        last.text += t;
        return;
      }
    }
    SrcSpan s;
    s.kind = kind;
    s.style = st;
    s.text = t;
    s.target = target;
    s.default_text = wiki_default;
    s.line = line;
    s.marks.emplace_back(0, line);
    b.spans.push_back(std::move(s));
  }

  void text(const std::string &t, int line) {
    if (html_depth > 0) return;
    if (!links.empty()) {
      const LinkState &l = links.back();
      add_text(l.kind, l.target, l.wiki_default, cur_style(), t, line);
    } else {
      add_text(SpanKind::Text, std::string(), false, cur_style(), t, line);
    }
  }

  void line_break(int line) {
    if (current < 0) return;
    SrcSpan s;
    s.kind = SpanKind::LineBreak;
    s.line = line;
    a->blocks[static_cast<size_t>(current)].spans.push_back(std::move(s));
  }
};

std::string decode_entity(const std::string &e) {
  // e is "&...;"
  if (e.size() < 3) return e;
  const std::string name = e.substr(1, e.size() - 2);
  uint32_t cp = 0;
  if (name[0] == '#') {
    char *end = nullptr;
    if (name.size() > 1 && (name[1] == 'x' || name[1] == 'X'))
      cp = static_cast<uint32_t>(std::strtoul(name.c_str() + 2, &end, 16));
    else
      cp = static_cast<uint32_t>(std::strtoul(name.c_str() + 1, &end, 10));
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  } else {
    static const struct { const char *n; uint32_t cp; } table[] = {
        {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
        {"nbsp", 0xA0},    {"ndash", 0x2013},  {"mdash", 0x2014}, {"hellip", 0x2026}, {"copy", 0xA9},
        {"reg", 0xAE},     {"trade", 0x2122},  {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
        {"rdquo", 0x201D}, {"times", 0xD7},    {"deg", 0xB0},     {"plusmn", 0xB1},  {"micro", 0xB5},
        {"middot", 0xB7},  {"alpha", 0x3B1},   {"beta", 0x3B2},   {"gamma", 0x3B3},  {"le", 0x2264},
        {"ge", 0x2265},    {"eacute", 0xE9},   {"euro", 0x20AC},  {"pound", 0xA3},   {"shy", 0xAD},
        {"frac12", 0xBD},  {"sup2", 0xB2},     {"rarr", 0x2192},  {"larr", 0x2190},  {"minus", 0x2212},
    };
    for (const auto &t : table)
      if (name == t.n) cp = t.cp;
    if (cp == 0) return e;
  }
  char buf[4];
  const size_t n = text::utf8_put(cp, buf);
  return std::string(buf, n);
}

std::string attribute(const MD_ATTRIBUTE &at) {
  std::string out;
  if (!at.text) return out;
  if (!at.substr_offsets) return std::string(at.text, at.size);
  for (int i = 0; at.substr_offsets[i] < at.size; ++i) {
    const MD_OFFSET b = at.substr_offsets[i], e = at.substr_offsets[i + 1];
    std::string piece(at.text + b, e - b);
    if (at.substr_types[i] == MD_TEXT_ENTITY) out += decode_entity(piece);
    else if (at.substr_types[i] == MD_TEXT_NULLCHAR) out += "\xEF\xBF\xBD";
    else out += piece;
  }
  return out;
}

bool is_external(const std::string &href) {
  if (href.compare(0, 2, "//") == 0) return true;
  const size_t colon = href.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    const char c = href[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))
      return false;
  }
  return true;
}

int enter_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  Parser &p = *static_cast<Parser *>(ud);
  switch (type) {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      ++p.quote_depth;
      break;
    case MD_BLOCK_UL:
      p.lists.push_back({false, 0});
      break;
    case MD_BLOCK_OL:
      p.lists.push_back({true, static_cast<const MD_BLOCK_OL_DETAIL *>(detail)->start});
      break;
    case MD_BLOCK_LI: {
      ListState &l = p.lists.back();
      const uint32_t num = l.ordered ? l.next++ : 0;
      p.current = p.new_block(BlockKind::ListItem, p.list_depth(), l.ordered ? 1 : 0, num);
      p.li_blocks.push_back(p.current);
      break;
    }
    case MD_BLOCK_HR:
      p.new_block(BlockKind::Rule, p.list_depth(), 0, 0);
      p.current = -1;
      break;
    case MD_BLOCK_H: {
      unsigned level = static_cast<const MD_BLOCK_H_DETAIL *>(detail)->level;
      const bool h1 = level < 2;
      if (h1) level = 2;  // reported after parsing, when the heading's line is known
      p.current = p.new_block(BlockKind::Heading, static_cast<uint8_t>(level), 0, 0);
      if (h1) p.h1_blocks.push_back(p.current);
      p.a->blocks[static_cast<size_t>(p.current)].line = 0;
      break;
    }
    case MD_BLOCK_CODE:
      p.current = p.new_block(BlockKind::Code, p.list_depth(), 0, 0);
      p.a->blocks[static_cast<size_t>(p.current)].line = 0;
      break;
    case MD_BLOCK_HTML:
      ++p.html_depth;
      if (!p.warned_html) {
        p.diag->warn(p.a->path, p.last_line + 1, "raw HTML is not supported and is left out");
        p.warned_html = true;
      }
      break;
    case MD_BLOCK_P: {
      p.p_merged = false;
      if (!p.li_blocks.empty() && p.li_blocks.back() == static_cast<int>(p.a->blocks.size()) - 1 &&
          p.a->blocks.back().spans.empty()) {
        p.current = p.li_blocks.back();  // first paragraph of a loose list item: the item's own text
        p.p_merged = true;
      } else {
        p.current = p.new_block(BlockKind::Paragraph, p.list_depth(), 0, 0);
        p.a->blocks[static_cast<size_t>(p.current)].line = 0;
      }
      break;
    }
    case MD_BLOCK_TABLE:
      p.new_block(BlockKind::TableStart, p.list_depth(), 0, static_cast<const MD_BLOCK_TABLE_DETAIL *>(detail)->col_count);
      p.current = -1;
      break;
    case MD_BLOCK_THEAD:
      p.in_thead = true;
      break;
    case MD_BLOCK_TBODY:
      p.in_thead = false;
      break;
    case MD_BLOCK_TR:
      p.new_block(BlockKind::TableRow, p.list_depth(), p.in_thead ? 1 : 0, 0);
      p.current = -1;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      p.current = p.new_block(BlockKind::TableCell, p.list_depth(), 0,
                              static_cast<uint32_t>(static_cast<const MD_BLOCK_TD_DETAIL *>(detail)->align));
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void *, void *ud) {
  Parser &p = *static_cast<Parser *>(ud);
  switch (type) {
    case MD_BLOCK_QUOTE:
      --p.quote_depth;
      p.current = -1;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      p.lists.pop_back();
      p.current = -1;
      break;
    case MD_BLOCK_LI:
      p.li_blocks.pop_back();
      p.current = -1;
      break;
    case MD_BLOCK_HTML:
      --p.html_depth;
      break;
    case MD_BLOCK_CODE: {
      SrcBlock &b = p.a->blocks[static_cast<size_t>(p.current)];
      if (!b.spans.empty() && !b.spans.back().text.empty() && b.spans.back().text.back() == '\n')
        b.spans.back().text.pop_back();
      p.current = -1;
      break;
    }
    case MD_BLOCK_TABLE:
      p.new_block(BlockKind::TableEnd, p.list_depth(), 0, 0);
      p.current = -1;
      break;
    case MD_BLOCK_P:
      // A merged paragraph keeps feeding its list item until a nested block starts.
      p.current = p.p_merged ? p.current : -1;
      p.p_merged = false;
      break;
    default:
      p.current = -1;
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void *detail, void *ud) {
  Parser &p = *static_cast<Parser *>(ud);
  switch (type) {
    case MD_SPAN_EM: ++p.em; break;
    case MD_SPAN_STRONG: ++p.strong; break;
    case MD_SPAN_CODE: ++p.code; break;
    case MD_SPAN_A: {
      const std::string href = attribute(static_cast<const MD_SPAN_A_DETAIL *>(detail)->href);
      p.links.push_back({is_external(href) ? SpanKind::ExternalLink : SpanKind::ArticleLink, href, false});
      break;
    }
    case MD_SPAN_WIKILINK: {
      const std::string target = attribute(static_cast<const MD_SPAN_WIKILINK_DETAIL *>(detail)->target);
      p.links.push_back({SpanKind::Glossary, target, false});
      break;
    }
    case MD_SPAN_IMG:
      if (p.img_depth++ == 0) p.diag->warn(p.a->path, p.last_line, "images are not supported; the alt text is kept");
      break;
    default:
      break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void *, void *ud) {
  Parser &p = *static_cast<Parser *>(ud);
  switch (type) {
    case MD_SPAN_EM: --p.em; break;
    case MD_SPAN_STRONG: --p.strong; break;
    case MD_SPAN_CODE: --p.code; break;
    case MD_SPAN_A:
    case MD_SPAN_WIKILINK:
      if (!p.links.empty()) p.links.pop_back();
      break;
    case MD_SPAN_IMG: --p.img_depth; break;
    default: break;
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE size, void *ud) {
  Parser &p = *static_cast<Parser *>(ud);
  const int line = p.line_of(t);
  switch (type) {
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
      p.text(std::string(t, size), line);
      break;
    case MD_TEXT_NULLCHAR:
      p.text("\xEF\xBF\xBD", line);
      break;
    case MD_TEXT_ENTITY:
      p.text(decode_entity(std::string(t, size)), line);
      break;
    case MD_TEXT_SOFTBR:
      p.text(" ", line);
      break;
    case MD_TEXT_BR:
      p.line_break(line);
      break;
    case MD_TEXT_HTML:
      if (!p.warned_html) {
        p.diag->warn(p.a->path, line, "raw HTML is not supported and is left out");
        p.warned_html = true;
      }
      break;
  }
  return 0;
}

// Splits Text spans at pandoc citations "[@id]" / "[@id1; @id2]" (not inside code).
void split_citations(SrcBlock &b) {
  std::vector<SrcSpan> out;
  for (SrcSpan &s : b.spans) {
    if (s.kind != SpanKind::Text || (s.style & STYLE_CODE) || s.text.find("[@") == std::string::npos) {
      out.push_back(std::move(s));
      continue;
    }
    auto line_at = [&](size_t off) {
      int l = s.line;
      for (const auto &m : s.marks)
        if (m.first <= off) l = m.second;
      return l;
    };
    size_t pos = 0, start = 0;
    while ((pos = s.text.find("[@", pos)) != std::string::npos) {
      // Parse "[@id(; @id)*]".
      std::vector<std::string> ids;
      size_t i = pos + 1;
      bool okc = false;
      while (i < s.text.size()) {
        while (i < s.text.size() && s.text[i] == ' ') ++i;
        if (i >= s.text.size() || s.text[i] != '@') break;
        ++i;
        const size_t b0 = i;
        while (i < s.text.size() && s.text[i] != ';' && s.text[i] != ']' && s.text[i] != ' ' && s.text[i] != '[') ++i;
        if (i == b0) break;
        ids.push_back(s.text.substr(b0, i - b0));
        while (i < s.text.size() && s.text[i] == ' ') ++i;
        if (i < s.text.size() && s.text[i] == ';') {
          ++i;
          continue;
        }
        if (i < s.text.size() && s.text[i] == ']') okc = true;
        break;
      }
      if (!okc) {
        pos += 2;
        continue;
      }
      if (pos > start) {
        SrcSpan t = s;
        t.text = s.text.substr(start, pos - start);
        t.line = line_at(start);
        t.marks.clear();
        out.push_back(std::move(t));
      }
      for (const std::string &id : ids) {
        SrcSpan c;
        c.kind = SpanKind::Citation;
        c.target = id;
        c.line = line_at(pos);
        out.push_back(std::move(c));
      }
      start = pos = i + 1;
    }
    if (start < s.text.size()) {
      SrcSpan t = s;
      t.text = s.text.substr(start);
      t.line = line_at(start);
      t.marks.clear();
      out.push_back(std::move(t));
    }
  }
  b.spans = std::move(out);
}

std::string block_text(const SrcBlock &b) {
  std::string t;
  for (const SrcSpan &s : b.spans) t += s.text;
  return t;
}

// Strips a trailing "{#anchor .class}" from a heading block; returns false on a malformed attribute list.
void heading_attributes(SrcBlock &b, SrcSection &sec, const std::string &path, Diagnostics &diag) {
  // Trim trailing whitespace of the heading.
  while (!b.spans.empty()) {
    SrcSpan &last = b.spans.back();
    while (!last.text.empty() && (last.text.back() == ' ' || last.text.back() == '\t')) last.text.pop_back();
    if (last.text.empty() && last.kind != SpanKind::Citation) b.spans.pop_back();
    else break;
  }
  if (b.spans.empty() || b.spans.back().kind != SpanKind::Text) return;
  SrcSpan &last = b.spans.back();
  if (last.text.empty() || last.text.back() != '}') return;
  const size_t open = last.text.rfind('{');
  if (open == std::string::npos) return;
  const std::string inner = last.text.substr(open + 1, last.text.size() - open - 2);
  std::vector<std::string> toks;
  size_t i = 0;
  while (i < inner.size()) {
    while (i < inner.size() && inner[i] == ' ') ++i;
    const size_t b0 = i;
    while (i < inner.size() && inner[i] != ' ') ++i;
    if (i > b0) toks.push_back(inner.substr(b0, i - b0));
  }
  if (toks.empty()) return;
  for (const std::string &t : toks)
    if (t.size() < 2 || (t[0] != '#' && t[0] != '.')) return;  // not an attribute list: ordinary text
  for (const std::string &t : toks) {
    if (t[0] == '#') {
      const std::string anchor = t.substr(1);
      if (!is_slug(anchor))
        diag.error(path, b.line, "bad anchor '" + anchor + "': use only a-z, 0-9 and '-'");
      sec.anchor = anchor;
      sec.explicit_anchor = true;
    } else if (t == ".clinician") {
      sec.clinician = true;
    } else if (t == ".nocite") {
      sec.nocite = true;
    } else {
      diag.warn(path, b.line, "unknown heading class '" + t + "' (known: .clinician, .nocite)");
    }
  }
  last.text.erase(open);
  while (!last.text.empty() && (last.text.back() == ' ' || last.text.back() == '\t')) last.text.pop_back();
  if (last.text.empty()) b.spans.pop_back();
}

}  // namespace

void parse_markdown(const std::string &body, int first_line, Article &a, Diagnostics &diag) {
  Parser p;
  p.body = &body;
  p.first_line = first_line;
  p.a = &a;
  p.diag = &diag;
  p.last_line = first_line;
  for (size_t i = 0; i < body.size(); ++i)
    if (body[i] == '\n') p.newlines.push_back(i);

  MD_PARSER parser;
  std::memset(&parser, 0, sizeof parser);
  parser.flags = MD_FLAG_TABLES | MD_FLAG_WIKILINKS | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  if (md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &p) != 0)
    diag.error(a.path, first_line, "Markdown parser failed");

  // Post-process: citations, empty blocks' lines, sections.
  int line = first_line;
  for (SrcBlock &b : a.blocks) {
    if (b.line == 0) b.line = line;
    line = b.line;
    split_citations(b);
    for (SrcSpan &s : b.spans) s.marks.clear();
  }
  if (!a.from_jsonl)
    for (int bi : p.h1_blocks)
      diag.error(a.path, a.blocks[static_cast<size_t>(bi)].line,
                 "level-1 heading in the body: the title comes from the front matter; use ## for sections");

  SrcSection lead;
  lead.level = 0;
  lead.line = first_line;
  a.sections.clear();
  a.sections.push_back(lead);
  std::vector<std::string> anchors_used;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    SrcBlock &b = a.blocks[i];
    if (b.kind != BlockKind::Heading) continue;
    a.sections.back().block_end = static_cast<uint32_t>(i);
    SrcSection sec;
    sec.level = b.depth;
    sec.line = b.line;
    sec.block_begin = static_cast<uint32_t>(i);
    heading_attributes(b, sec, a.path, diag);
    sec.heading = block_text(b);
    if (sec.heading.empty()) diag.error(a.path, b.line, "empty heading");
    // Parent: the nearest earlier heading of a lower level.
    for (int j = static_cast<int>(a.sections.size()) - 1; j >= 1; --j)
      if (a.sections[static_cast<size_t>(j)].level < sec.level) {
        sec.parent = j;
        break;
      }
    if (sec.parent >= 0 && a.sections[static_cast<size_t>(sec.parent)].clinician) sec.clinician = true;
    if (sec.explicit_anchor) {
      if (std::find(anchors_used.begin(), anchors_used.end(), sec.anchor) != anchors_used.end())
        diag.error(a.path, b.line, "duplicate anchor '" + sec.anchor + "' in this article");
    } else {
      std::string base = make_anchor_str(sec.heading);
      if (base.empty()) base = "section";
      std::string anc = base;
      for (int n = 2; std::find(anchors_used.begin(), anchors_used.end(), anc) != anchors_used.end(); ++n)
        anc = base + "-" + std::to_string(n);
      sec.anchor = anc;
    }
    anchors_used.push_back(sec.anchor);
    a.sections.push_back(std::move(sec));
  }
  a.sections.back().block_end = static_cast<uint32_t>(a.blocks.size());
}

}  // namespace tools
}  // namespace folio
