// search_dict.cpp: the index view over a pack's SearchIndex (every blob bounds-checked once) and the
// front-coded term dictionary: sequential decoding, block binary search, exact lookup.
#include "search/search_internal.h"

namespace folio {
namespace fts {

// ---- index view ------------------------------------------------------------------------------------------



// The dictionary part of a view; false if the blobs are inconsistent.
bool dict_view_init(const DictBlobs &b, View *v) {
  v->lex_bits = nullptr;  // no lexicon (view_init sets it from the pack's)
  v->lex_nbits = v->lex_probes = 0;
  v->lex_forms = false;
  v->dict = b.dict;
  v->dict_len = b.dict_len;
  v->postings_len = b.postings_len;
  v->nterms = b.nterms;
  v->block = b.block;
  if (!b.dict || !b.blocks || v->nterms == 0 || v->block == 0 || v->block > 256) return false;
  v->nblocks = (v->nterms - 1) / v->block + 1;
  v->wd = byte_width(v->dict_len);
  v->wp = byte_width(v->postings_len);
  if (b.blocks_len / (v->wd + v->wp) != v->nblocks || b.blocks_len % (v->wd + v->wp) != 0) return false;
  v->blocks = b.blocks;
  v->nsurfaces = 0;
  for (uint32_t c = 0; c < 16; ++c) v->surface_codes[c] = Surface{b.dict, c == 0 ? uint8_t{0} : uint8_t{255}, 0};
  for (size_t i = 0; i < b.surfaces_len;) {
    const uint8_t *d = b.surfaces;
    const size_t n = b.surfaces_len;
    if (v->nsurfaces == kDictMaxSurfaces || n - i < 2 || d[i + 1] > n - i - 2) return false;
    Surface &e = v->surface_codes[++v->nsurfaces];
    e.cut = d[i];
    e.len = d[i + 1];
    e.tail = d + i + 2;
    i += 2u + e.len;
  }
  return true;
}

bool view_init(const folio_pack *p, View *v) {
  if (!p || !p->index) return false;
  const fb::SearchIndex *si = p->index->search();
  if (!si || si->version() != kIndexVersion) return false;
  const auto *dict = si->dict();
  const auto *blocks = si->dict_blocks();
  const auto *surfaces = si->dict_surfaces();
  const auto *postings = si->postings();
  if (!dict || !blocks || !postings) return false;
  DictBlobs b;
  b.dict = dict->data();
  b.dict_len = dict->size();
  b.blocks = blocks->data();
  b.blocks_len = blocks->size();
  b.surfaces = surfaces ? surfaces->data() : nullptr;
  b.surfaces_len = surfaces ? surfaces->size() : 0;
  b.postings_len = postings->size();
  b.nterms = si->term_count();
  b.block = si->dict_block();
  if (!dict_view_init(b, v)) return false;
  v->postings = postings->data();
  v->skip = si->skip_block();
  if (v->skip == 0 || v->skip > 4096 || v->skip % kPackBlock != 0) return false;
  v->nsections = si->section_count();
  if (v->nsections != p->n_sections) return false;
  // BM25F inputs: tf classes, field lengths and averages
  const auto *tc = si->tf_classes();
  const auto *fl = si->field_lengths();
  const auto *fa = si->field_avg();
  const uint32_t mask = si->length_fields();
  if (!tc || tc->size() == 0 || tc->size() % kTfClassBytes != 0 || !fa || fa->size() != FIELD_COUNT) return false;
  if (mask >> FIELD_COUNT) return false;
  v->tf_classes = tc->data();
  v->nclasses = tc->size() / kTfClassBytes;
  v->ncols = 0;
  for (int f = 0; f < FIELD_COUNT; ++f) {
    const float avg = fa->Get(static_cast<flatbuffers::uoffset_t>(f));
    if (!(avg > 0.0f) || !(avg < 1e9f)) return false;  // also refuses NaN
    v->col[f] = (mask >> f) & 1u ? static_cast<int8_t>(v->ncols++) : int8_t{-1};
    v->norm_a[f] = 1.0f - kFieldParams[f].b;
    v->norm_b[f] = kFieldParams[f].b / avg;
  }
  if ((fl ? fl->size() : 0) != static_cast<uint64_t>(v->nsections) * v->ncols) return false;
  v->field_lengths = fl ? fl->data() : nullptr;
  static const uint8_t kZeroCode = 0;
  const bool body = v->col[FIELD_BODY] >= 0 && v->field_lengths;
  v->body_codes = body ? v->field_lengths + v->col[FIELD_BODY] : &kZeroCode;
  v->body_stride = body ? v->ncols : 0;
  for (uint32_t c = 0; c < kFastClasses; ++c) {
    const uint8_t *tf = c < v->nclasses ? v->tf_classes + c * kTfClassBytes : nullptr;
    const bool fast = tf && (tf[0] | tf[1] | tf[2] | tf[3]) == 0 && tf[FIELD_BODY] >= 1 && tf[FIELD_BODY] <= kSatTf;
    v->fast_tf[c] = fast ? tf[FIELD_BODY] : 0;
  }
  const auto *st = si->syn_text();
  const auto *sx = si->syn_index();
  v->syn_text = st ? st->data() : nullptr;
  v->syn_text_len = st ? st->size() : 0;
  v->ws = byte_width(v->syn_text_len);
  v->syn_index = sx && v->syn_text_len ? sx->data() : nullptr;
  v->nsyn = v->syn_index ? sx->size() / v->ws : 0;
  // phrase postings are optional; an index table of the wrong size is ignored (the phrases' words are read
  // instead), and each record is checked when a query reads it
  const auto *sp = si->syn_postings();
  const auto *sq = si->syn_post_index();
  v->syn_post = nullptr;
  v->syn_post_len = 0;
  v->syn_post_index = nullptr;
  v->wq = 1;
  if (sp && sq && v->nsyn > 0) {
    const uint32_t wq = byte_width(sp->size());
    if (sq->size() == (static_cast<uint64_t>(v->nsyn) + 1) * wq) {
      v->syn_post = sp->data();
      v->syn_post_len = sp->size();
      v->syn_post_index = sq->data();
      v->wq = wq;
    }
  }
  const auto *ho = si->heading_order();
  v->wh = byte_width(v->nsections);
  v->heading_order = ho ? ho->data() : nullptr;
  v->nheading = ho ? ho->size() / (2 + v->wh) : 0;
  // the snippet source is optional; one that does not cover every section is ignored (rendered instead)
  const auto *sf = si->snip_frames();
  const auto *so = si->snip_offsets();
  const bool snip = sf && so && so->size() == static_cast<uint64_t>(v->nsections) + 1;
  v->snip_frames = snip ? sf->data() : nullptr;
  v->snip_len = snip ? sf->size() : 0;
  v->snip_offsets = snip ? reinterpret_cast<const uint8_t *>(so->data()) : nullptr;
  // the lexicon is optional; one whose header does not match its size is ignored (no word is then known
  // as a real word: typos are corrected as in a pack without it)
  const auto *lx = si->lexicon();  // (dict_view_init above left the view without one)
  if (lx && lx->size() > kLexiconHeader) {
    const uint8_t *b = lx->data();
    const uint32_t nbits = le_get(b, 4), probes = b[4];
    if (nbits >= 64 && nbits % 64 == 0 && probes >= 1 && probes <= kLexiconMaxProbes &&
        lx->size() == kLexiconHeader + static_cast<uint64_t>(nbits / 8)) {
      v->lex_bits = b + kLexiconHeader;
      v->lex_nbits = nbits;
      v->lex_probes = probes;
      v->lex_forms = (b[kLexiconFlagsByte] & kLexiconHasForms) != 0;
    }
  }
  return true;
}

static bool lexicon_bloom_has(const View *v, const char *w, size_t len) {
  const uint64_t h = lexicon_hash(w, len);
  for (uint32_t j = 0; j < v->lex_probes; ++j) {
    const uint32_t b = lexicon_bit(h, j, v->lex_nbits);
    if (!((v->lex_bits[b >> 3] >> (b & 7)) & 1u)) return false;
  }
  return true;
}

bool lexicon_has(const View *v, const char *w, size_t len) {
  if (!v->lex_bits) return false;
  if (lexicon_bloom_has(v, w, len)) return true;
  // a possessive typed without its apostrophe ("my wifes knee", "nans care home"): the word list has
  // "wife" but, like every spelling list, no "wifes", which was corrected as a typo ("widely", through
  // the stems "wife" / "wide"). Only from 5 bytes: the list's words have 4 letters or more.
  return len >= 5 && w[len - 1] == 's' && w[len - 2] != 's' && lexicon_bloom_has(v, w, len - 1);
}

bool lexicon_has_form(const View *v, const char *w, size_t len) {
  return !v->lex_forms || lexicon_bloom_has(v, w, len);  // lex_forms is set only with lex_bits
}

int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen) {
  return detail::bytes_compare(a, alen, b, blen);
}

// ---- term dictionary ------------------------------------------------------------------------------------



static inline uint32_t block_dict_off(const View *v, uint32_t b) {
  return le_get(v->blocks + static_cast<size_t>(b) * (v->wd + v->wp), v->wd);
}
static inline uint32_t block_post_off(const View *v, uint32_t b) {
  return le_get(v->blocks + static_cast<size_t>(b) * (v->wd + v->wp) + v->wd, v->wp);
}

// Position the iterator before the first term of `block`.
static void dict_seek(DictIter *it, const View *v, uint32_t block) {
  it->v = v;
  it->bad = false;
  it->started = false;
  it->block = block;
  it->i = 0;
  it->ord = block * v->block;
  it->len = 0;
  it->lcp = 0;
  if (block < v->nblocks) {
    it->pos = block_dict_off(v, block);
    it->post_next = block_post_off(v, block);
  }
}

// Decode the next term (layout: search_format.h); false at the end of the dictionary or on corruption
// (it->bad).
bool dict_next(DictIter *it) {
  const View *v = it->v;
  if (it->started) {
    ++it->ord;
    ++it->i;
    if (it->i == v->block) {
      if (it->block + 1 >= v->nblocks) return false;
      const uint32_t keep = it->len;
      dict_seek(it, v, it->block + 1);
      it->len = keep;  // for lcp computations by callers
    }
  }
  if (it->ord >= v->nterms) return false;
  it->started = true;
  const uint8_t *d = v->dict;
  const size_t n = v->dict_len;
  size_t p = it->pos;
  uint32_t lcp = 0, slen = 0;
  if (p >= n) return it->bad = true, false;
  if (it->i == 0) {
    slen = d[p++];
    // lcp against the previous term (the caller's running term) for pruning in the typo scan
    uint32_t k = 0;
    const uint32_t lim = slen < it->len ? slen : it->len;
    while (k < lim && p + k < n && static_cast<char>(d[p + k]) == it->term[k]) ++k;
    it->lcp = k;
  } else {
    const uint32_t h = d[p++];
    lcp = h >> 4;
    slen = (h & 15u) + 1;
    if (lcp == kDictEscape) {
      if (p >= n) return it->bad = true, false;
      lcp = d[p++];
    }
    if ((h & 15u) == kDictEscape) {
      if (p >= n) return it->bad = true, false;
      slen = d[p++];
    }
    if (lcp > it->len) return it->bad = true, false;
    it->lcp = lcp;
  }
  if (lcp + slen > kMaxTermBytes || slen > n - p) return it->bad = true, false;
  if (slen <= 16 && lcp + 16 <= kMaxTermBytes && n - p >= 16)
    FOLIO_MEMCPY(it->term + lcp, d + p, 16);  // one fixed-size copy (bytes past the term are don't-care)
  else
    for (uint32_t k = 0; k < slen; ++k) it->term[lcp + k] = static_cast<char>(d[p + k]);
  p += slen;
  it->len = lcp + slen;
  if (p >= n) return it->bad = true, false;
  // the usual cases without data-dependent branches (the typo scan decodes thousands of terms): df 1 with
  // its record size in the code, or a one-byte record size; a shared or no surface tail
  const uint32_t f = d[p++], cc = f & 15u;
  const bool df1 = cc < kDictDf1Codes;
  const uint32_t b0 = p < n ? d[p] : 0x80u;
  uint32_t df = df1 ? 1u : cc - 4u, pb = df1 ? kDictPbBase + cc : b0;
  if (df1 | ((cc != kDictEscape) & (b0 < 0x80u))) {
    p += df1 ? 0u : 1u;
  } else {
    if (cc == kDictEscape && !varint_get(d, n, &p, &df)) return it->bad = true, false;
    if (!varint_get(d, n, &p, &pb)) return it->bad = true, false;
  }
  const Surface &sf = v->surface_codes[f >> 4];  // code 0: none; unused codes: cut 255 (refused below)
  it->surf_cut = sf.cut;
  it->surf_len = sf.len;
  it->surf = sf.tail;
  if ((f >> 4) == kDictEscape) {
    if (p >= n) return it->bad = true, false;
    const uint32_t x = d[p++];
    if (x != 0xFF) {
      it->surf_cut = x >> 4;
      it->surf_len = x & 15u;
    } else {
      if (n - p < 2) return it->bad = true, false;
      it->surf_cut = d[p];
      it->surf_len = d[p + 1];
      p += 2;
    }
    if (it->surf_len > n - p) return it->bad = true, false;
    it->surf = d + p;
    p += it->surf_len;
  }
  if (it->surf_cut > it->len || it->len - it->surf_cut + it->surf_len > kMaxTermBytes) return it->bad = true, false;
  it->info.df = df;
  it->info.post_off = it->post_next;
  it->info.post_len = pb;
  if (!detail::in_bounds(it->post_next, pb, v->postings_len)) return it->bad = true, false;
  it->post_next += pb;
  it->pos = p;
  return true;
}

// First term of a block (for the binary search over blocks).
static bool block_first(const View *v, uint32_t b, const char **s, uint32_t *len) {
  const size_t p = block_dict_off(v, b);
  if (p >= v->dict_len) return false;
  const uint32_t l = v->dict[p];
  if (l > v->dict_len - p - 1) return false;
  *s = reinterpret_cast<const char *>(v->dict + p + 1);
  *len = l;
  return true;
}

// Last block whose first term is <= key (0 if none is).
static uint32_t block_floor(const View *v, const char *key, size_t klen, bool *bad) {
  uint32_t lo = 0, hi = v->nblocks;  // find the first block with first term > key
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const char *s;
    uint32_t l;
    if (!block_first(v, mid, &s, &l)) {
      *bad = true;
      return 0;
    }
    if (cmp_bytes(s, l, key, klen) <= 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}

// Step `it` on to the first term >= key. m: the bytes the current term (smaller than the key) shares with
// it, and first: no term decoded yet (the next one is compared in full). The terms are sorted, so a term
// that shares more than m bytes with the previous (smaller) term is smaller than the key too, and one that
// shares fewer is larger: only a term sharing exactly m bytes is compared, from byte m on.
static bool scan_to(DictIter *it, const char *key, size_t klen, uint32_t m, bool first) {
  for (; dict_next(it); first = false) {
    if (!first && it->lcp != m) {
      if (it->lcp > m) continue;
      return true;
    }
    uint32_t k = m;
    while (k < it->len && k < klen && it->term[k] == key[k]) ++k;
    m = k;
    if (k == klen || (k < it->len && static_cast<unsigned char>(it->term[k]) > static_cast<unsigned char>(key[k])))
      return true;
  }
  return false;
}

// Position `it` on the first term >= key. False if there is none.
bool dict_lower_bound(DictIter *it, const View *v, const char *key, size_t klen) {
  bool bad = false;
  const uint32_t b = block_floor(v, key, klen, &bad);
  dict_seek(it, v, b);
  if (bad) return it->bad = true, false;
  return scan_to(it, key, klen, 0, true);
}

bool dict_seek_forward(DictIter *it, const View *v, const char *key, size_t klen) {
  if (!it->started || it->bad || it->v != v || it->block >= v->nblocks ||
      cmp_bytes(it->term, it->len, key, klen) >= 0)
    return dict_lower_bound(it, v, key, klen);
  // the last block whose first term is <= key: galloping from the current block (whose first term is <=
  // the current term < key), then a binary search between the last two probes
  uint32_t lo = it->block, hi = lo + 1, step = 1;
  while (hi < v->nblocks) {
    const char *f;
    uint32_t fl;
    if (!block_first(v, hi, &f, &fl)) return it->bad = true, false;
    if (cmp_bytes(f, fl, key, klen) > 0) break;
    lo = hi;
    step *= 2;
    hi = lo + step < v->nblocks ? lo + step : v->nblocks;
  }
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const char *f;
    uint32_t fl;
    if (!block_first(v, mid, &f, &fl)) return it->bad = true, false;
    if (cmp_bytes(f, fl, key, klen) <= 0)
      lo = mid;
    else
      hi = mid;
  }
  if (lo != it->block) {
    dict_seek(it, v, lo);
    return scan_to(it, key, klen, 0, true);
  }
  // in the current block: on from the current term
  uint32_t m = 0;
  while (m < it->len && m < klen && it->term[m] == key[m]) ++m;
  return scan_to(it, key, klen, m, false);
}

bool dict_find(const View *v, const char *key, size_t klen, TermInfo *out, bool *bad) {
  DictIter it;
  if (!dict_lower_bound(&it, v, key, klen)) {
    *bad |= it.bad;
    return false;
  }
  if (it.len != klen || cmp_bytes(it.term, it.len, key, klen) != 0) return false;
  *out = it.info;
  return true;
}

int64_t dict_check(const DictBlobs &b, void (*fn)(void *ctx, const DictTerm &t), void *ctx) {
  View v;
  if (!dict_view_init(b, &v)) return -1;
  v.postings = nullptr;  // only offsets are followed, never postings bytes
  DictIter it, behind;  // behind: kFarBack terms behind `it` (for the forward seeks); not "far", a macro on Windows
  constexpr int64_t kFarBack = 37;
  dict_seek(&it, &v, 0);
  dict_seek(&behind, &v, 0);
  int64_t n = 0;
  char prev[kMaxTermBytes + 1];
  uint32_t prev_len = 0;
  while (dict_next(&it)) {
    DictTerm t;
    FOLIO_MEMCPY(t.term, it.term, it.len);
    t.len = it.len;
    const uint32_t keep = it.len - it.surf_cut;
    FOLIO_MEMCPY(t.surface, it.term, keep);
    FOLIO_MEMCPY(t.surface + keep, it.surf, it.surf_len);
    t.surface_len = keep + it.surf_len;
    t.df = it.info.df;
    t.post_off = it.info.post_off;
    t.post_len = it.info.post_len;
    // the lookup must land on the same term with the same record
    TermInfo ti;
    bool bad = false;
    if (!dict_find(&v, t.term, t.len, &ti, &bad) || ti.df != t.df || ti.post_off != t.post_off ||
        ti.post_len != t.post_len)
      return -1;
    // forward seeks land on it too: from the term before (to it, and to the key just above that term),
    // and from kFarBack terms back, across blocks
    if (n >= kFarBack) {
      if (n > kFarBack && !dict_next(&behind)) return -1;
      DictIter f = behind;
      if (!dict_seek_forward(&f, &v, t.term, t.len) || f.ord != it.ord) return -1;
    }
    if (n > 0) {
      prev[prev_len] = '\0';  // the smallest key above the previous term
      DictIter f = behind;
      if (n < kFarBack) dict_seek(&f, &v, 0);
      if (!dict_seek_forward(&f, &v, prev, prev_len + 1) || f.ord != it.ord) return -1;
    }
    FOLIO_MEMCPY(prev, it.term, it.len);
    prev_len = it.len;
    if (fn) fn(ctx, t);
    ++n;
  }
  if (it.bad || n != v.nterms) return -1;
  return n;
}

}  // namespace fts
}  // namespace folio
