// Rendering. Output goes through Out, which writes what fits and counts everything, so the same pass
// answers "how big" and "write it". Every reference out of the document (article, section, glossary,
// reference ids) is checked against the index here; references inside the document were checked by
// doc_verify. Unknown block or span kinds (from a newer minor format) are skipped / shown as text.
#include "render/render.h"

namespace folio {
namespace detail {
namespace {

enum : uint32_t { kMaxListDepth = 16 };

struct Out {
  char *dst;
  size_t cap;
  size_t n;
  size_t cps;  // code points emitted (for text underlines)
  bool overflow;

  void put(const char *s, size_t len) {
    if (len > SIZE_MAX - n) {
      overflow = true;
      return;
    }
    if (n < cap) {
      const size_t room = cap - n;
      FOLIO_MEMCPY(dst + n, s, len < room ? len : room);
    }
    n += len;
    for (size_t i = 0; i < len; i++) cps += (static_cast<uint8_t>(s[i]) & 0xC0u) != 0x80u;
  }
  void put(const char *s) { put(s, strlen_(s)); }
  void put(const folio_str &s) { put(s.ptr, s.len); }
  void ch(char c) { put(&c, 1); }
  void repeat(char c, size_t k) {
    for (size_t i = 0; i < k; i++) ch(c);
  }
  void num(uint32_t v) {
    char b[10];
    int i = 10;
    do {
      b[--i] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    put(b + i, static_cast<size_t>(10 - i));
  }
  // HTML-escaped copy: & < > " ' become entities; runs of safe bytes are copied at once.
  void esc(const char *s, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
      const char *e = nullptr;
      switch (s[i]) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        default: continue;
      }
      put(s + run, i - run);
      put(e);
      run = i + 1;
    }
    put(s + run, len - run);
  }
  void esc(const folio_str &s) { esc(s.ptr, s.len); }
  static size_t strlen_(const char *s) {
    size_t k = 0;
    while (s[k]) k++;
    return k;
  }
};

struct Ctx {
  const folio_pack *p;
  const fb::Doc *doc;
  const char *text;
  bool html;
  bool skip_headings;
  Out out;
  // text mode
  bool started;            // something was emitted: separators go before the next block
  fb::BlockKind prev;
  uint32_t prefix_indent;  // continuation-line prefix after a LineBreak
  bool prefix_quote;
  // table state (both modes)
  bool in_table, in_row, in_cell, row_header, prev_row_header;
  uint32_t row_cells;
  // html state
  uint32_t list_depth;
  bool list_ordered[kMaxListDepth + 1];
  bool in_quote;
};

folio_str doc_str(const Ctx &c, const fb::DStr &s) {
  folio_str r;
  r.ptr = c.text + s.off();
  r.len = s.len();
  return r;
}

folio_status render_spans(Ctx &c, const fb::Block *b) {
  Out &o = c.out;
  for (uint32_t i = b->span_begin(); i < b->span_end(); i++) {
    const fb::Span *s = c.doc->spans()->Get(i);
    const folio_str t = doc_str(c, s->text());
    switch (s->kind()) {
      case fb::SpanKind::LineBreak:
        if (c.html) {
          o.put("<br>");
        } else {
          o.ch('\n');
          if (c.prefix_quote) o.put("> ");
          o.repeat(' ', c.prefix_indent);
        }
        continue;
      case fb::SpanKind::Citation: {
        if (s->target() >= c.p->n_references || s->target2() == 0) return FOLIO_E_CORRUPT;
        if (c.html) {
          o.put("<sup class=\"cite\"><a href=\"#ref-");
          o.num(s->target2());
          o.put("\">[");
          o.num(s->target2());
          o.put("]</a></sup>");
        } else {
          o.ch('[');
          o.num(s->target2());
          o.ch(']');
        }
        continue;
      }
      case fb::SpanKind::ArticleLink: {
        // Only the target's slug is needed: a damage elsewhere in the target's row stays its own problem.
        const fb::Article *row = pack_article_row(c.p, s->target());
        folio_str slug;
        if (row == nullptr || pack_str(c.p, row->slug(), &slug) != FOLIO_OK) return FOLIO_E_CORRUPT;
        folio_section sec;
        const bool has_sec = s->target2() != FOLIO_NONE;
        if (has_sec && (pack_section(c.p, s->target2(), &sec) != FOLIO_OK || sec.article != s->target()))
          return FOLIO_E_CORRUPT;
        if (!c.html) break;
        o.put("<a href=\"");
        o.esc(slug);
        if (has_sec && sec.anchor.len) {
          o.ch('#');
          o.esc(sec.anchor);
        }
        o.put("\">");
        o.esc(t);
        o.put("</a>");
        continue;
      }
      case fb::SpanKind::ExternalLink: {
        if (!c.html) break;
        o.put("<a href=\"");
        o.esc(c.text + s->target(), s->target2());
        o.put("\" rel=\"external\">");
        o.esc(t);
        o.put("</a>");
        continue;
      }
      case fb::SpanKind::Glossary: {
        folio_glossary_entry g;
        if (pack_glossary(c.p, s->target(), &g) != FOLIO_OK) return FOLIO_E_CORRUPT;
        if (!c.html) break;
        o.put("<dfn data-term=\"");
        o.esc(g.key);
        o.put("\" title=\"");
        o.esc(g.definition);
        o.put("\">");
        o.esc(t);
        o.put("</dfn>");
        continue;
      }
      default:
        break;  // Text, and unknown kinds from newer minor versions: their text
    }
    if (!c.html) {
      o.put(t);
      continue;
    }
    const uint8_t st = s->style();
    if (st & 2) o.put("<strong>");
    if (st & 1) o.put("<em>");
    if (st & 4) o.put("<code>");
    o.esc(t);
    if (st & 4) o.put("</code>");
    if (st & 1) o.put("</em>");
    if (st & 2) o.put("</strong>");
  }
  return FOLIO_OK;
}

// ---- HTML structure -------------------------------------------------------------------------------------

void html_close_lists(Ctx &c, uint32_t to_depth) {
  while (c.list_depth > to_depth) {
    c.out.put(c.list_ordered[c.list_depth] ? "</li></ol>\n" : "</li></ul>\n");
    c.list_depth--;
  }
}

void html_set_quote(Ctx &c, bool quote) {
  if (quote == c.in_quote) return;
  c.out.put(quote ? "<blockquote>\n" : "</blockquote>\n");
  c.in_quote = quote;
}

void html_close_table(Ctx &c) {
  if (c.in_cell) c.out.put(c.row_header ? "</th>" : "</td>");
  if (c.in_row) c.out.put("</tr>\n");
  if (c.in_table) c.out.put("</table>\n");
  c.in_cell = c.in_row = c.in_table = false;
}

folio_status html_block(Ctx &c, const fb::Block *b) {
  Out &o = c.out;
  const fb::BlockKind k = b->kind();
  const bool table_part = k == fb::BlockKind::TableRow || k == fb::BlockKind::TableCell ||
                          k == fb::BlockKind::TableEnd;
  if (table_part && !c.in_table) return FOLIO_OK;  // stray table part: ignore
  if (!table_part) html_close_table(c);
  const bool list_part = k == fb::BlockKind::ListItem || (k == fb::BlockKind::Paragraph && b->depth() > 0);
  if (!list_part && !table_part) html_close_lists(c, 0);
  if (!table_part) {
    const bool quote = (b->flags() & 2) != 0 && (k == fb::BlockKind::Paragraph || k == fb::BlockKind::ListItem);
    // A quote boundary closes open lists, so <blockquote> and <ul>/<ol> always nest properly.
    if (quote != c.in_quote) html_close_lists(c, 0);
    html_set_quote(c, quote);
  }
  switch (k) {
    case fb::BlockKind::Heading: {
      if (c.skip_headings) return FOLIO_OK;
      uint32_t lvl = b->depth();
      if (lvl < 2) lvl = 2;
      if (lvl > 6) lvl = 6;
      folio_section sec;
      if (pack_section(c.p, b->aux(), &sec) != FOLIO_OK || sec.article != c.doc->article())
        return FOLIO_E_CORRUPT;
      o.put("<h");
      o.num(lvl);
      if (sec.anchor.len) {
        o.put(" id=\"");
        o.esc(sec.anchor);
        o.ch('"');
      }
      o.ch('>');
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      o.put("</h");
      o.num(lvl);
      o.put(">\n");
      return FOLIO_OK;
    }
    case fb::BlockKind::Paragraph: {
      if (b->depth() > 0) html_close_lists(c, b->depth());
      o.put("<p>");
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      o.put("</p>\n");
      return FOLIO_OK;
    }
    case fb::BlockKind::ListItem: {
      uint32_t d = b->depth();
      if (d < 1) d = 1;
      if (d > kMaxListDepth) d = kMaxListDepth;
      const bool ordered = (b->flags() & 1) != 0;
      html_close_lists(c, d);
      if (c.list_depth == d && c.list_ordered[d] != ordered) html_close_lists(c, d - 1);
      if (c.list_depth == d) {
        o.put("</li>\n<li>");
      } else {
        while (c.list_depth < d) {
          c.list_depth++;
          const bool ord = c.list_depth == d ? ordered : false;
          c.list_ordered[c.list_depth] = ord;
          if (ord) {
            o.put("<ol");
            if (b->aux() > 1) {
              o.put(" start=\"");
              o.num(b->aux());
              o.ch('"');
            }
            o.put(">\n<li>");
          } else {
            o.put("<ul>\n<li>");
          }
        }
      }
      return render_spans(c, b);
    }
    case fb::BlockKind::TableStart:
      o.put("<table>\n");
      c.in_table = true;
      return FOLIO_OK;
    case fb::BlockKind::TableRow:
      if (c.in_cell) o.put(c.row_header ? "</th>" : "</td>");
      if (c.in_row) o.put("</tr>\n");
      o.put("<tr>");
      c.in_row = true;
      c.in_cell = false;
      c.row_header = (b->flags() & 1) != 0;
      return FOLIO_OK;
    case fb::BlockKind::TableCell: {
      if (!c.in_row) {
        o.put("<tr>");
        c.in_row = true;
        c.row_header = false;
      }
      if (c.in_cell) o.put(c.row_header ? "</th>" : "</td>");
      o.put(c.row_header ? "<th" : "<td");
      switch (b->aux()) {
        case 1: o.put(" style=\"text-align:left\""); break;
        case 2: o.put(" style=\"text-align:center\""); break;
        case 3: o.put(" style=\"text-align:right\""); break;
        default: break;
      }
      o.ch('>');
      c.in_cell = true;
      return render_spans(c, b);
    }
    case fb::BlockKind::TableEnd:
      html_close_table(c);
      return FOLIO_OK;
    case fb::BlockKind::Code:
      o.put("<pre><code>");
      for (uint32_t i = b->span_begin(); i < b->span_end(); i++) o.esc(doc_str(c, c.doc->spans()->Get(i)->text()));
      o.put("</code></pre>\n");
      return FOLIO_OK;
    case fb::BlockKind::Rule:
      o.put("<hr>\n");
      return FOLIO_OK;
    default:
      return FOLIO_OK;
  }
}

// ---- plain text ---------------------------------------------------------------------------------------

void text_separator(Ctx &c, fb::BlockKind k) {
  if (!c.started) {
    c.started = true;
    return;
  }
  const bool tight = k == fb::BlockKind::ListItem && c.prev == fb::BlockKind::ListItem;
  c.out.put(tight ? "\n" : "\n\n");
}

void text_end_row(Ctx &c) {
  if (!c.in_row) return;
  if (c.row_header) {
    c.out.put("\n|");
    for (uint32_t i = 0; i < c.row_cells; i++) c.out.put("---|");
  }
  c.in_row = false;
}

folio_status text_block(Ctx &c, const fb::Block *b) {
  Out &o = c.out;
  const fb::BlockKind k = b->kind();
  const bool table_part = k == fb::BlockKind::TableRow || k == fb::BlockKind::TableCell ||
                          k == fb::BlockKind::TableEnd;
  if (table_part && !c.in_table) return FOLIO_OK;
  if (!table_part && c.in_table) {  // a table that was never closed
    text_end_row(c);
    c.in_table = false;
  }
  c.prefix_indent = 0;
  c.prefix_quote = false;
  switch (k) {
    case fb::BlockKind::Heading: {
      if (c.skip_headings) return FOLIO_OK;
      folio_section sec;
      if (pack_section(c.p, b->aux(), &sec) != FOLIO_OK || sec.article != c.doc->article())
        return FOLIO_E_CORRUPT;
      text_separator(c, k);
      const size_t before = o.cps;
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      const size_t width = o.cps - before;
      o.ch('\n');
      o.repeat(b->depth() <= 2 ? '-' : '~', width);
      break;
    }
    case fb::BlockKind::Paragraph: {
      text_separator(c, k);
      c.prefix_quote = (b->flags() & 2) != 0;
      c.prefix_indent = 2u * b->depth();
      if (c.prefix_quote) o.put("> ");
      o.repeat(' ', c.prefix_indent);
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      break;
    }
    case fb::BlockKind::ListItem: {
      text_separator(c, k);
      uint32_t d = b->depth();
      if (d < 1) d = 1;
      if (d > kMaxListDepth) d = kMaxListDepth;
      c.prefix_quote = (b->flags() & 2) != 0;
      if (c.prefix_quote) o.put("> ");
      o.repeat(' ', 2u * (d - 1));
      const size_t before = o.cps;
      if (b->flags() & 1) {
        o.num(b->aux());
        o.put(". ");
      } else {
        o.put("- ");
      }
      c.prefix_indent = 2u * (d - 1) + static_cast<uint32_t>(o.cps - before);
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      break;
    }
    case fb::BlockKind::TableStart:
      text_separator(c, k);
      c.in_table = true;
      c.in_row = false;
      c.row_cells = 0;
      c.started = true;
      break;
    case fb::BlockKind::TableRow:
      text_end_row(c);
      if (c.row_cells || c.prev != fb::BlockKind::TableStart) o.ch('\n');
      o.ch('|');
      c.in_row = true;
      c.row_header = (b->flags() & 1) != 0;
      c.row_cells = 0;
      break;
    case fb::BlockKind::TableCell: {
      if (!c.in_row) {
        o.ch('|');
        c.in_row = true;
        c.row_header = false;
      }
      o.ch(' ');
      const folio_status st = render_spans(c, b);
      if (st != FOLIO_OK) return st;
      o.put(" |");
      c.row_cells++;
      break;
    }
    case fb::BlockKind::TableEnd:
      text_end_row(c);
      c.in_table = false;
      break;
    case fb::BlockKind::Code:
      text_separator(c, k);
      o.put("    ");
      for (uint32_t i = b->span_begin(); i < b->span_end(); i++) {
        const folio_str t = doc_str(c, c.doc->spans()->Get(i)->text());
        for (uint32_t j = 0; j < t.len; j++) {
          o.ch(t.ptr[j]);
          if (t.ptr[j] == '\n' && j + 1 < t.len) o.put("    ");
        }
      }
      break;
    case fb::BlockKind::Rule:
      text_separator(c, k);
      o.put("----");
      break;
    default:
      return FOLIO_OK;  // unknown kind: skipped, and not counted as the previous block
  }
  c.prev = k;
  return FOLIO_OK;
}

folio_status render_blocks(Ctx &c, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end; i++) {
    const fb::Block *b = c.doc->blocks()->Get(i);
    const folio_status st = c.html ? html_block(c, b) : text_block(c, b);
    if (st != FOLIO_OK) return st;
  }
  if (c.html) {
    html_close_table(c);
    html_close_lists(c, 0);
    html_set_quote(c, false);
  } else if (c.in_table) {
    text_end_row(c);
    c.in_table = false;
  }
  return FOLIO_OK;
}

bool ends_sentence(const folio_str &s) {
  if (s.len == 0) return false;
  const char c = s.ptr[s.len - 1];
  return c == '.' || c == '?' || c == '!';
}

// "Authors (Year). Title. Container. doi:DOI URL" with the empty parts left out; no doubled full stops.
void reference_text(Out &o, const folio_reference &r, bool html) {
  if (r.authors.len) {
    if (html) o.esc(r.authors); else o.put(r.authors);
    if (r.year) {
      o.put(" (");
      o.num(r.year);
      o.put(")");
    }
    o.put(ends_sentence(r.authors) && !r.year ? " " : ". ");
  } else if (r.year) {
    o.ch('(');
    o.num(r.year);
    o.put("). ");
  }
  if (html && r.url.len) {
    o.put("<a href=\"");
    o.esc(r.url);
    o.put("\" rel=\"external\">");
    o.esc(r.title);
    o.put("</a>");
  } else if (html) {
    o.esc(r.title);
  } else {
    o.put(r.title);
  }
  if (!ends_sentence(r.title)) o.ch('.');
  if (r.container.len) {
    o.ch(' ');
    if (html) {
      o.put("<i>");
      o.esc(r.container);
      o.put("</i>");
    } else {
      o.put(r.container);
    }
    if (!ends_sentence(r.container)) o.ch('.');
  }
  if (r.doi.len) {
    if (html) {
      o.put(" doi:<a href=\"https://doi.org/");
      o.esc(r.doi);
      o.put("\" rel=\"external\">");
      o.esc(r.doi);
      o.put("</a>");
    } else {
      o.put(" doi:");
      o.put(r.doi);
    }
  }
  if (!html && r.url.len) {
    o.ch(' ');
    o.put(r.url);
  }
}

folio_status render_references(Ctx &c, const folio_article &a) {
  if (a.source_count == 0) return FOLIO_OK;
  Out &o = c.out;
  const fb::Article *row = pack_article_row(c.p, a.id);
  if (c.html) {
    o.put("<h2 id=\"references\">References</h2>\n<ol class=\"references\">\n");
  } else {
    o.put(c.started ? "\n\nReferences\n----------\n" : "References\n----------\n");
    c.started = true;
  }
  for (uint32_t i = 0; i < a.source_count; i++) {
    uint32_t id = 0;
    folio_reference ref;
    if (pack_u32(c.p, row->sources(), i, &id) != FOLIO_OK || pack_reference(c.p, id, &ref) != FOLIO_OK)
      return FOLIO_E_CORRUPT;
    if (c.html) {
      o.put("<li id=\"ref-");
      o.num(i + 1);
      o.put("\">");
      reference_text(o, ref, true);
      o.put("</li>\n");
    } else {
      if (i) o.ch('\n');
      o.ch('[');
      o.num(i + 1);
      o.put("] ");
      reference_text(o, ref, false);
    }
  }
  if (c.html) o.put("</ol>\n");
  return FOLIO_OK;
}

void ctx_init(Ctx &c, const folio_pack *p, const fb::Doc *d, bool html, char *dst, size_t cap) {
  FOLIO_MEMSET(&c, 0, sizeof c);
  c.p = p;
  c.doc = d;
  c.text = d->text() ? reinterpret_cast<const char *>(d->text()->data()) : "";
  c.html = html;
  c.out.dst = dst;
  c.out.cap = dst ? cap : 0;
  c.prev = fb::BlockKind::Rule;
}

// Block range of section `s` of a document with n_blocks blocks, extended over its sub-sections when
// `with_children` (the following sections of the article with a deeper level).
folio_status section_blocks(const folio_pack *p, const fb::Article *a, uint32_t s, uint32_t n_blocks,
                            bool with_children, uint32_t *begin, uint32_t *end) {
  const fb::Range &r = a->sections();
  if (!range_ok(r, p->n_sections)) return FOLIO_E_CORRUPT;
  if (s < r.off() || s - r.off() >= r.count()) return FOLIO_E_NOT_FOUND;
  const fb::Section *sec = p->sections->Get(s);
  uint32_t last = s;
  if (with_children && sec->level() > 0) {
    while (last + 1 - r.off() < r.count() && p->sections->Get(last + 1)->level() > sec->level()) last++;
  }
  for (uint32_t i = s; i <= last; i++) {
    const fb::Section *x = p->sections->Get(i);
    if (x->block_begin() > x->block_end() || x->block_end() > n_blocks) return FOLIO_E_CORRUPT;
  }
  const uint32_t b = sec->block_begin(), e = p->sections->Get(last)->block_end();
  if (b > e) return FOLIO_E_CORRUPT;
  *begin = b;
  *end = e;
  return FOLIO_OK;
}

folio_status finish(const Ctx &c, size_t dst_cap, size_t *out_len) {
  if (c.out.overflow) return FOLIO_E_LIMIT;
  *out_len = c.out.n;
  return c.out.n > dst_cap ? FOLIO_E_DST_TOO_SMALL : FOLIO_OK;
}

}  // namespace

folio_status render_article(folio_reader *r, uint32_t article, uint32_t section, folio_format format,
                            uint32_t flags, char *dst, size_t dst_cap, size_t *out_len) {
  const folio_pack *p = r->pack;
  folio_article a;
  folio_status st = pack_article(p, article, &a);
  if (st != FOLIO_OK) return st;
  const fb::Doc *d = nullptr;
  st = reader_fetch(r, article, &d);
  if (st != FOLIO_OK) return st;
  const uint32_t n_blocks = d->blocks() ? d->blocks()->size() : 0;
  uint32_t begin = 0, end = n_blocks;
  if (section != FOLIO_NONE) {
    st = section_blocks(p, pack_article_row(p, article), section, n_blocks, true, &begin, &end);
    if (st != FOLIO_OK) return st;
  }
  Ctx c;
  ctx_init(c, p, d, format == FOLIO_FORMAT_HTML, dst, dst_cap);
  if (section == FOLIO_NONE) {
    if (c.html) {
      c.out.put("<h1>");
      c.out.esc(a.title);
      c.out.put("</h1>\n");
    } else {
      const size_t before = c.out.cps;
      c.out.put(a.title);
      const size_t w = c.out.cps - before;
      c.out.ch('\n');
      c.out.repeat('=', w);
      c.started = true;
    }
  }
  st = render_blocks(c, begin, end);
  if (st != FOLIO_OK) return st;
  if (section == FOLIO_NONE && !(flags & FOLIO_RENDER_NO_REFERENCES)) {
    st = render_references(c, a);
    if (st != FOLIO_OK) return st;
  }
  if (!c.html && c.started) c.out.ch('\n');
  return finish(c, dst_cap, out_len);
}

folio_status render_section_text(folio_reader *r, uint32_t section, char *dst, size_t dst_cap,
                                 size_t *out_len) {
  const folio_pack *p = r->pack;
  const fb::Section *s = pack_section_row(p, section);
  if (s == nullptr) return FOLIO_E_NOT_FOUND;
  const uint32_t article = s->article();
  const fb::Article *a = pack_article_row(p, article);
  if (a == nullptr) return FOLIO_E_CORRUPT;
  const fb::Doc *d = nullptr;
  folio_status st = reader_fetch(r, article, &d);
  if (st != FOLIO_OK) return st;
  uint32_t begin = 0, end = 0;
  st = section_blocks(p, a, section, d->blocks() ? d->blocks()->size() : 0, false, &begin, &end);
  if (st == FOLIO_E_NOT_FOUND) return FOLIO_E_CORRUPT;  // the section's own article does not list it
  if (st != FOLIO_OK) return st;
  Ctx c;
  ctx_init(c, p, d, false, dst, dst_cap);
  c.skip_headings = true;
  st = render_blocks(c, begin, end);
  if (st != FOLIO_OK) return st;
  if (c.started) c.out.ch('\n');
  return finish(c, dst_cap, out_len);
}

}  // namespace detail
}  // namespace folio
