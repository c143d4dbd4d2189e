// Header parsing and folio_open: verify once (structure, sizes, index invariants), then place the handle,
// the dictionary's decoder tables and one reader in the caller's workspace. Checks run cheapest first so
// a wrong file is rejected after reading a few bytes.
#include <new>  // placement new only: starts the objects' lifetimes in caller memory, allocates nothing

#include "codec/codec.h"
#include "pack/pack.h"

namespace folio {
namespace detail {

folio_status header_parse(const uint8_t *p, size_t len, Header *out) {
  if (len < FOLIO_HEADER_SIZE) {
    // A prefix of a pack is a cut-off file; anything else is not a pack.
    const size_t n = len < sizeof kMagic ? len : sizeof kMagic;
    if (n > 0 && FOLIO_MEMCMP(p, kMagic, n) == 0) return FOLIO_E_TRUNCATED;
    return FOLIO_E_FORMAT;
  }
  if (FOLIO_MEMCMP(p, kMagic, sizeof kMagic) != 0) return FOLIO_E_FORMAT;
  Header h;
  h.format_major = load_le16(p + 8);
  h.format_minor = load_le16(p + 10);
  if (h.format_major != FOLIO_FORMAT_MAJOR) return FOLIO_E_VERSION;
  h.header_crc32c = load_le32(p + 124);
  if (crc32c(0, p, 124) != h.header_crc32c) return FOLIO_E_CORRUPT;
  h.header_size = load_le32(p + 12);
  h.file_size = load_le64(p + 16);
  h.index_offset = load_le64(p + 24);
  h.index_size = load_le64(p + 32);
  h.frames_offset = load_le64(p + 40);
  h.frames_size = load_le64(p + 48);
  h.workspace_size = load_le32(p + 56);
  h.max_doc_bytes = load_le32(p + 60);
  h.search_scratch_bytes = load_le32(p + 64);
  h.dictionary_bytes = load_le32(p + 68);
  h.flags = load_le32(p + 72);
  h.index_crc32c = load_le32(p + 76);
  h.frames_crc32c = load_le32(p + 80);
  if (h.header_size != FOLIO_HEADER_SIZE) return FOLIO_E_CORRUPT;
  if (h.max_doc_bytes > kMaxDocBytes || h.search_scratch_bytes > kMaxSearchScratch ||
      h.dictionary_bytes > kMaxDictBytes)
    return FOLIO_E_CORRUPT;
  // Flag bits this reader does not know must be zero in packs of a minor version it knows; a newer minor
  // version may assign them (FORMAT.md: a 1.x reader opens every 1.y pack), so there they are ignored.
  if ((h.flags & ~kHeaderFlagDictionary) != 0 && h.format_minor <= FOLIO_FORMAT_MINOR) return FOLIO_E_CORRUPT;
  if (((h.flags & kHeaderFlagDictionary) != 0) != (h.dictionary_bytes != 0)) return FOLIO_E_CORRUPT;
  // Regions: header | index | pad | frames, nothing after. Each test is overflow-free.
  if (h.index_offset != FOLIO_HEADER_SIZE) return FOLIO_E_CORRUPT;
  if (!in_bounds(h.index_offset, h.index_size, h.file_size)) return FOLIO_E_CORRUPT;
  if (h.index_size < 16 || h.index_size >= FLATBUFFERS_MAX_BUFFER_SIZE) return FOLIO_E_CORRUPT;
  if ((h.frames_offset & 7u) != 0 || h.frames_offset < h.index_offset + h.index_size ||
      h.frames_offset - (h.index_offset + h.index_size) >= 8)
    return FOLIO_E_CORRUPT;
  if (!in_bounds(h.frames_offset, h.frames_size, h.file_size)) return FOLIO_E_CORRUPT;
  if (h.frames_offset + h.frames_size != h.file_size) return FOLIO_E_CORRUPT;
  *out = h;
  return FOLIO_OK;
}

// FOLIO_WORKSPACE_BOUND in folio.h reserves 2 KiB for these two.
static_assert(sizeof(folio_pack) + sizeof(folio_reader) + 16 <= 2048, "handle and reader outgrew FOLIO_WORKSPACE_BOUND");

Layout layout_for(const Header &h) {
  Layout l;
  l.handle = align8(sizeof(folio_pack));
  l.ddict = align8(codec_ddict_size(h.dictionary_bytes));
  l.reader = align8(sizeof(folio_reader));
  l.dctx = align8(codec_dctx_size());
  l.doc = align8(h.max_doc_bytes);
  l.search = align8(h.search_scratch_bytes);
  return l;
}

size_t pack_workspace_size(const void *pack, size_t pack_len) {
  if (pack == nullptr) return 0;
  Header h;
  if (header_parse(static_cast<const uint8_t *>(pack), pack_len, &h) != FOLIO_OK) return 0;
  return layout_for(h).total();
}

namespace {

template <typename T>
uint32_t vsize(const flatbuffers::Vector<T> *v) {
  return v ? v->size() : 0;
}

// The FlatBuffers verifier checks a vector's length prefix for 4-byte alignment only, not its elements'.
// Rows are read in place, so a struct wider than that (Frame holds a uint64: 8) must be aligned too: a
// hostile index could place the vector 4 bytes off, a misaligned load (undefined behaviour, a fault on
// strict-alignment CPUs). Found by folio_fuzz_open under UBSan; every struct vector is checked.
template <typename T>
bool rows_aligned(const flatbuffers::Vector<const T *> *v) {
  return v == nullptr || (reinterpret_cast<uintptr_t>(v->Data()) % alignof(T)) == 0;
}

// Index-level invariants, O(number of vectors). Row-level references are checked when followed.
folio_status index_check(const folio_pack *p) {
  const fb::Index *ix = p->index;
  if (!rows_aligned(ix->strs()) || !rows_aligned(ix->articles()) || !rows_aligned(ix->sections()) ||
      !rows_aligned(ix->links()) || !rows_aligned(ix->title_keys()) || !rows_aligned(ix->heavy_prefixes()) ||
      !rows_aligned(ix->glossary()) || !rows_aligned(ix->glossary_keys()) || !rows_aligned(ix->references()) ||
      !rows_aligned(ix->topics()) || !rows_aligned(ix->frames()))
    return FOLIO_E_CORRUPT;
  if (ix->max_doc_bytes() != p->hdr.max_doc_bytes) return FOLIO_E_CORRUPT;
  const flatbuffers::Vector<uint8_t> *dict = ix->dictionary();
  if (vsize(dict) != p->hdr.dictionary_bytes) return FOLIO_E_CORRUPT;
  if (p->n_sections < p->n_articles) return FOLIO_E_CORRUPT;  // every article has its lead
  if (p->n_frames < (p->n_articles ? 1u : 0u)) return FOLIO_E_CORRUPT;
  if (ix->heavy_k() > kMaxSuggest) return FOLIO_E_CORRUPT;
  return FOLIO_OK;
}

}  // namespace

folio_status reader_init(const folio_pack *p, void *mem, size_t mem_len, folio_reader **out) {
  if (mem == nullptr || !is_aligned8(mem)) return FOLIO_E_WORKSPACE;
  const Layout &l = p->layout;
  if (mem_len < l.reader_total()) return FOLIO_E_WORKSPACE;
  uint8_t *m = static_cast<uint8_t *>(mem);
  ZSTD_DCtx_s *dctx = codec_dctx_init(m + l.reader, l.dctx);
  if (FOLIO_NEVER(dctx == nullptr)) return FOLIO_E_WORKSPACE;
  folio_reader *r = new (m) folio_reader;
  r->tag = kReaderTag;
  r->pack = p;
  r->dctx = dctx;
  r->doc_buf = m + l.reader + l.dctx;
  r->doc_cap = p->hdr.max_doc_bytes;
  r->search_scratch = l.search ? m + l.reader + l.dctx + l.doc : nullptr;
  r->search_scratch_len = p->hdr.search_scratch_bytes;
  r->cached_article = FOLIO_NONE;
  r->doc = nullptr;
  r->doc_len = 0;
  *out = r;
  return FOLIO_OK;
}

folio_status pack_check_crc(const folio_pack *p) {
  if (crc32c(0, p->base + p->hdr.index_offset, static_cast<size_t>(p->hdr.index_size)) != p->hdr.index_crc32c)
    return FOLIO_E_CHECKSUM;
  if (crc32c(0, p->frames, static_cast<size_t>(p->frames_size)) != p->hdr.frames_crc32c) return FOLIO_E_CHECKSUM;
  return FOLIO_OK;
}

folio_status pack_open(const void *pack, size_t pack_len, void *ws, size_t ws_len, uint32_t flags,
                       const folio_pack **out_pack, folio_reader **out_reader) {
  const uint8_t *base = static_cast<const uint8_t *>(pack);
  // FlatBuffers reads scalars in place: the pack must be 8-byte aligned (mmap and flash always are).
  if (!is_aligned8(base)) return FOLIO_E_ARG;
  if (ws == nullptr || !is_aligned8(ws)) return FOLIO_E_WORKSPACE;
  Header h;
  folio_status st = header_parse(base, pack_len, &h);
  if (st != FOLIO_OK) return st;
  if (h.file_size > pack_len) return FOLIO_E_TRUNCATED;
  const Layout l = layout_for(h);
  if (ws_len < l.total()) return FOLIO_E_WORKSPACE;

  const uint8_t *ib = base + h.index_offset;
  const size_t isz = static_cast<size_t>(h.index_size);
  flatbuffers::Verifier::Options vo;
  vo.max_depth = kVerifierMaxDepth;
  vo.max_tables = kVerifierMaxTables;
  vo.check_alignment = true;
  vo.check_nested_flatbuffers = false;
  flatbuffers::Verifier v(ib, isz, vo);
  if (!fb::VerifyIndexBuffer(v)) {
    return flatbuffers::BufferHasIdentifier(ib, fb::IndexIdentifier()) ? FOLIO_E_CORRUPT : FOLIO_E_FORMAT;
  }

  uint8_t *m = static_cast<uint8_t *>(ws);
  folio_pack *p = new (m) folio_pack();  // value-initialised: absent vectors read as NULL / 0
  p->hdr = h;
  p->layout = l;
  p->base = base;
  p->frames = base + h.frames_offset;
  p->frames_size = h.frames_size;
  const fb::Index *ix = fb::GetIndex(ib);
  p->index = ix;
  if (const flatbuffers::Vector<uint8_t> *s = ix->strings()) {
    p->strings = s->data();
    p->strings_len = s->size();
  }
  p->u32s = ix->u32s();
  p->strs = ix->strs();
  p->articles = ix->articles();
  p->sections = ix->sections();
  p->links = ix->links();
  p->title_keys = ix->title_keys();
  p->heavy_prefixes = ix->heavy_prefixes();
  p->glossary = ix->glossary();
  p->glossary_keys = ix->glossary_keys();
  p->references = ix->references();
  p->topics = ix->topics();
  p->frames_index = ix->frames();
  p->n_u32s = vsize(p->u32s);
  p->n_strs = vsize(p->strs);
  p->n_articles = vsize(p->articles);
  p->n_sections = vsize(p->sections);
  p->n_links = vsize(p->links);
  p->n_title_keys = vsize(p->title_keys);
  p->n_heavy = vsize(p->heavy_prefixes);
  p->n_glossary = vsize(p->glossary);
  p->n_glossary_keys = vsize(p->glossary_keys);
  p->n_references = vsize(p->references);
  p->n_topics = vsize(p->topics);
  p->n_frames = vsize(p->frames_index);
  st = index_check(p);
  if (st != FOLIO_OK) return st;
  if (h.dictionary_bytes) {
    const flatbuffers::Vector<uint8_t> *d = ix->dictionary();
    p->ddict = codec_ddict_init(m + l.handle, l.ddict, d->data(), d->size());
    if (p->ddict == nullptr) return FOLIO_E_CORRUPT;
  }
  if (flags & FOLIO_OPEN_VERIFY_CHECKSUM) {
    st = pack_check_crc(p);
    if (st != FOLIO_OK) return st;
  }
  folio_reader *r = nullptr;
  st = reader_init(p, m + l.handle + l.ddict, l.reader_total(), &r);
  if (st != FOLIO_OK) return st;
  p->tag = kHandleTag;  // last: a handle is only valid once everything above passed
  *out_pack = p;
  if (out_reader) *out_reader = r;
  return FOLIO_OK;
}

}  // namespace detail
}  // namespace folio
