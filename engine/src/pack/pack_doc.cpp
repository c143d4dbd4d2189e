// Article documents: fetch one zstd frame, decompress it in one shot into the reader's buffer, verify it.
// After doc_verify succeeds, render may index Doc.text and Doc.spans through any span or block without
// further checks; references out of the document (article, section, glossary ids) are checked by render.
#include "codec/codec.h"
#include "pack/pack.h"

namespace folio {
namespace detail {

folio_status doc_verify(const uint8_t *buf, size_t len, uint32_t article, const fb::Doc **out) {
  if (buf == nullptr || len < 16 || len > kMaxDocBytes || !is_aligned8(buf)) return FOLIO_E_CORRUPT;
  flatbuffers::Verifier::Options vo;
  vo.max_depth = kVerifierMaxDepth;
  vo.max_tables = kDocVerifierMaxTables;
  vo.check_alignment = true;
  vo.check_nested_flatbuffers = false;
  flatbuffers::Verifier v(buf, len, vo);
  if (!fb::VerifyDocBuffer(v)) return FOLIO_E_CORRUPT;
  const fb::Doc *d = fb::GetDoc(buf);
  if (d->article() != article) return FOLIO_E_CORRUPT;
  const uint32_t text_len = d->text() ? d->text()->size() : 0;
  const uint32_t n_spans = d->spans() ? d->spans()->size() : 0;
  const uint32_t n_blocks = d->blocks() ? d->blocks()->size() : 0;
  for (uint32_t i = 0; i < n_spans; i++) {
    const fb::Span *s = d->spans()->Get(i);
    if (!in_bounds(s->text().off(), s->text().len(), text_len)) return FOLIO_E_CORRUPT;
    if (s->kind() == fb::SpanKind::ExternalLink && !in_bounds(s->target(), s->target2(), text_len))
      return FOLIO_E_CORRUPT;
  }
  for (uint32_t i = 0; i < n_blocks; i++) {
    const fb::Block *b = d->blocks()->Get(i);
    if (b->span_begin() > b->span_end() || b->span_end() > n_spans) return FOLIO_E_CORRUPT;
  }
  *out = d;
  return FOLIO_OK;
}

folio_status reader_fetch(folio_reader *r, uint32_t id, const fb::Doc **out) {
  const folio_pack *p = r->pack;
  if (r->cached_article == id && r->doc != nullptr) {
    *out = r->doc;
    return FOLIO_OK;
  }
  const fb::Article *a = pack_article_row(p, id);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  if (a->frame() >= p->n_frames) return FOLIO_E_CORRUPT;
  const fb::Frame *f = p->frames_index->Get(a->frame());
  if (!in_bounds(f->offset(), f->csize(), p->frames_size)) return FOLIO_E_CORRUPT;
  if (f->dsize() > r->doc_cap || f->dsize() == 0) return FOLIO_E_CORRUPT;
  // The buffer is about to change: forget the cached article first, so a failure leaves no stale doc.
  r->cached_article = FOLIO_NONE;
  r->doc = nullptr;
  r->doc_len = 0;
  if (codec_decompress(r->dctx, p->ddict, r->doc_buf, r->doc_cap, p->frames + f->offset(), f->csize(),
                       f->dsize()) != CODEC_OK)
    return FOLIO_E_CORRUPT;
  const fb::Doc *d = nullptr;
  const folio_status st = doc_verify(r->doc_buf, f->dsize(), id, &d);
  if (st != FOLIO_OK) return st;
  r->cached_article = id;
  r->doc = d;
  r->doc_len = f->dsize();
  *out = d;
  return FOLIO_OK;
}

}  // namespace detail
}  // namespace folio
