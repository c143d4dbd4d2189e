// folio_verify: the deep check (folio verify). Open verified structure in O(number of vectors); this walks
// every row, every reference, every key order and every article frame, O(pack size), and renders each
// article into nothing (dst_cap 0) so the document's references out to the index are checked too.
#include <folio/folio.h>

#include "lookup/lookup.h"
#include "pack/pack.h"
#include "render/render.h"

using namespace folio::detail;
namespace fb = folio::fb;

namespace {


// Rows and lists of one article (no document).
folio_status check_article_rows(const folio_pack *p, uint32_t id, folio_str *prev_slug) {
  folio_article a;
  if (pack_article(p, id, &a) != FOLIO_OK) return FOLIO_E_CORRUPT;
  if (id > 0 && bytes_compare(prev_slug->ptr, prev_slug->len, a.slug.ptr, a.slug.len) >= 0) return FOLIO_E_CORRUPT;
  *prev_slug = a.slug;
  for (uint32_t i = 0; i < a.section_count; i++) {
    folio_section s;
    if (pack_section(p, a.section_first + i, &s) != FOLIO_OK || s.article != id) return FOLIO_E_CORRUPT;
    if ((i == 0) != (s.level == 0)) return FOLIO_E_CORRUPT;
    if (i == 0 && s.anchor.len != 0) return FOLIO_E_CORRUPT;
  }
  const fb::Article *row = pack_article_row(p, id);
  folio_str str;
  uint32_t v = 0;
  for (uint32_t i = 0; i < a.alias_count; i++)
    if (pack_strs_item(p, row->aliases(), i, &str) != FOLIO_OK) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.topic_count; i++)
    if (pack_u32(p, row->topics(), i, &v) != FOLIO_OK || v >= p->n_topics) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.source_count; i++)
    if (pack_u32(p, row->sources(), i, &v) != FOLIO_OK || v >= p->n_references) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.related_count; i++)
    if (pack_u32(p, row->related(), i, &v) != FOLIO_OK || v >= p->n_articles) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.backlink_count; i++)
    if (pack_u32(p, row->backlinks(), i, &v) != FOLIO_OK || v >= p->n_articles) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.link_count; i++) {
    folio_link l;
    if (pack_link(p, id, i, &l) != FOLIO_OK) return FOLIO_E_CORRUPT;
  }
  return FOLIO_OK;
}

// The article's document: decompressed, verified, and rendered into nothing so every reference it makes
// into the index is followed once.
folio_status check_article_doc(folio_reader *r, uint32_t id) {
  folio_article a;
  if (pack_article(r->pack, id, &a) != FOLIO_OK) return FOLIO_E_CORRUPT;
  size_t need = 0;
  folio_status st = render_article(r, id, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, nullptr, 0, &need);
  if (st != FOLIO_OK && st != FOLIO_E_DST_TOO_SMALL) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < a.section_count; i++) {
    st = render_section_text(r, a.section_first + i, nullptr, 0, &need);
    if (st != FOLIO_OK && st != FOLIO_E_DST_TOO_SMALL) return FOLIO_E_CORRUPT;
  }
  return FOLIO_OK;
}

folio_status check_index(const folio_pack *p) {
  folio_str a, b;
  for (uint32_t i = 0; i < p->n_sections; i++) {
    folio_section s;
    if (pack_section(p, i, &s) != FOLIO_OK) return FOLIO_E_CORRUPT;
  }
  for (uint32_t i = 0; i < p->n_title_keys; i++) {
    const fb::TitleKey *k = p->title_keys->Get(i);
    if (pack_str(p, k->key(), &b) != FOLIO_OK || k->article() >= p->n_articles) return FOLIO_E_CORRUPT;
    if (i > 0) {
      const fb::TitleKey *pk = p->title_keys->Get(i - 1);
      const int c = bytes_compare(a.ptr, a.len, b.ptr, b.len);
      if (c > 0 || (c == 0 && (pk->rank() < k->rank() || (pk->rank() == k->rank() && pk->article() > k->article()))))
        return FOLIO_E_CORRUPT;
    }
    a = b;
  }
  for (uint32_t i = 0; i < p->n_heavy; i++) {
    const fb::HeavyPrefix *h = p->heavy_prefixes->Get(i);
    if (pack_str(p, h->prefix(), &b) != FOLIO_OK || !range_ok(h->top(), p->n_u32s)) return FOLIO_E_CORRUPT;
    if (i > 0 && bytes_compare(a.ptr, a.len, b.ptr, b.len) >= 0) return FOLIO_E_CORRUPT;
    for (uint32_t j = 0; j < h->top().count(); j++)
      if (p->u32s->Get(h->top().off() + j) >= p->n_title_keys) return FOLIO_E_CORRUPT;
    a = b;
  }
  for (uint32_t i = 0; i < p->n_glossary; i++) {
    folio_glossary_entry g;
    if (pack_glossary(p, i, &g) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (i > 0 && bytes_compare(a.ptr, a.len, g.key.ptr, g.key.len) >= 0) return FOLIO_E_CORRUPT;
    a = g.key;
    const fb::GlossaryEntry *row = p->glossary->Get(i);
    uint32_t v = 0;
    for (uint32_t j = 0; j < g.abbreviation_count; j++)
      if (pack_strs_item(p, row->abbreviations(), j, &b) != FOLIO_OK) return FOLIO_E_CORRUPT;
    for (uint32_t j = 0; j < g.everyday_count; j++)
      if (pack_strs_item(p, row->everyday(), j, &b) != FOLIO_OK) return FOLIO_E_CORRUPT;
    for (uint32_t j = 0; j < g.see_also_count; j++)
      if (pack_u32(p, row->see_also(), j, &v) != FOLIO_OK || v >= p->n_glossary) return FOLIO_E_CORRUPT;
    for (uint32_t j = 0; j < g.article_count; j++)
      if (pack_u32(p, row->articles(), j, &v) != FOLIO_OK || v >= p->n_articles) return FOLIO_E_CORRUPT;
  }
  for (uint32_t i = 0; i < p->n_glossary_keys; i++) {
    const fb::GlossaryKey *k = p->glossary_keys->Get(i);
    if (pack_str(p, k->key(), &b) != FOLIO_OK || k->entry() >= p->n_glossary) return FOLIO_E_CORRUPT;
    if (i > 0) {
      const int c = bytes_compare(a.ptr, a.len, b.ptr, b.len);
      if (c > 0 || (c == 0 && p->glossary_keys->Get(i - 1)->entry() > k->entry())) return FOLIO_E_CORRUPT;
    }
    a = b;
  }
  for (uint32_t i = 0; i < p->n_references; i++) {
    folio_reference r;
    if (pack_reference(p, i, &r) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (i > 0 && bytes_compare(a.ptr, a.len, r.key.ptr, r.key.len) >= 0) return FOLIO_E_CORRUPT;
    a = r.key;
  }
  for (uint32_t i = 0; i < p->n_topics; i++) {
    uint32_t n = 0, v = 0;
    if (lookup_topic_get(p, i, &b, &n) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (i > 0 && bytes_compare(a.ptr, a.len, b.ptr, b.len) >= 0) return FOLIO_E_CORRUPT;
    a = b;
    for (uint32_t j = 0; j < n; j++)
      if (pack_u32(p, p->topics->Get(i)->articles(), j, &v) != FOLIO_OK || v >= p->n_articles)
        return FOLIO_E_CORRUPT;
  }
  for (uint32_t i = 0; i < p->n_frames; i++) {
    const fb::Frame *f = p->frames_index->Get(i);
    if (!in_bounds(f->offset(), f->csize(), p->frames_size) || f->dsize() > p->hdr.max_doc_bytes)
      return FOLIO_E_CORRUPT;
  }
  return FOLIO_OK;
}

}  // namespace

extern "C" folio_status folio_verify(folio_reader *r, uint32_t *bad_article) {
  if (bad_article) *bad_article = FOLIO_NONE;
  if (r == nullptr || r->tag != kReaderTag || r->pack == nullptr || r->pack->tag != kHandleTag) return FOLIO_E_ARG;
  const folio_pack *p = r->pack;
  folio_status st = pack_check_crc(p);
  if (st != FOLIO_OK) return st;
  st = check_index(p);
  if (st != FOLIO_OK) return st;
  folio_str prev = {"", 0};
  for (uint32_t id = 0; id < p->n_articles; id++) {
    st = check_article_rows(p, id, &prev);
    if (st != FOLIO_OK) {
      if (bad_article) *bad_article = id;
      return st;
    }
  }
  for (uint32_t id = 0; id < p->n_articles; id++) {
    st = check_article_doc(r, id);
    if (st != FOLIO_OK) {
      if (bad_article) *bad_article = id;
      return st;
    }
  }
  return FOLIO_OK;
}
