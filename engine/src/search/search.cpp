// search.cpp: the query path. Outline (docs/search.md has the full story):
//   1. parse the query into clauses (a word, a compound, a phrase or an excluded item), each a list of
//      alternatives (the literal term, compound parts, prefix expansions, typo corrections, synonyms),
//      each alternative a conjunction of postings cursors with a weight;
//   2. conjunctive pass (document-at-a-time leapfrog over the required clauses; stopword clauses are
//      optional and only add score); if it yields fewer hits than asked, a disjunctive pass ranks
//      partial matches below full ones, with a coverage penalty;
//   3. hits are grouped by article as they stream by (sections of an article are contiguous ids), kept
//      in a bounded min-heap, then sorted (ties by section id: deterministic);
//   4. snippets: the section text is rendered into scratch, re-tokenized, and the window holding the
//      most distinct query words is copied out with highlight ranges.
// Scores are sums of precomputed, quantized BM25F impacts times the alternative's weight.
#include "search/search.h"

#include "lookup/lookup.h"
#include "pack/pack.h"
#include "text/text.h"

namespace folio {
namespace fts {
namespace {

constexpr uint32_t kEnd = 0xFFFFFFFFu;
enum : uint32_t {
  kMaxClauses = FOLIO_SEARCH_MAX_CLAUSES,
  kMaxAlts = 96,
  kMaxAltsPerClause = 8,
  kMaxCursors = 64,
  kMaxAltTerms = 8,
  kMaxHl = 64,
  kMaxHeap = FOLIO_SEARCH_MAX_HITS,
  kMaxPos = 256,
  kMaxMatches = 512,
  kSnippetText = 4096,  // section text scanned for a snippet (the rest of a long section is not looked at)
  kSnippetBytes = 200,
  kPrefixExpand = 8,
  kPrefixScan = 4096,
  kFuzzyKeep = 3,
  kFuzzyMaxLen = 32,
  kSeekDepth = 3,   // seek past a hopeless subtree only when it is this shallow (deeper ones are small)
  kMaxQueryTokens = 2048,
};

constexpr float kWeightParts = 0.9f;
constexpr float kWeightPrefix = 0.8f;
constexpr float kWeightFuzzy1 = 0.8f;
constexpr float kWeightFuzzy2 = 0.6f;
constexpr float kWeightSynonym = 0.6f;
constexpr float kOtherAltShare = 0.25f;  // the tie-breaker of a dis-max (Lucene's DisjunctionMaxQuery)

inline uint32_t u32_at(const uint8_t *base, uint32_t i) { return le32(base + 4u * static_cast<size_t>(i)); }

// ---- index view ------------------------------------------------------------------------------------------

struct Surface {
  const uint8_t *tail;
  uint8_t cut, len;
};

struct View {
  const uint8_t *dict;
  size_t dict_len;
  const uint8_t *blocks;  // per block: wd-byte offset in dict, wp-byte offset in postings
  uint32_t wd, wp;
  uint32_t nblocks;
  const uint8_t *postings;
  size_t postings_len;
  uint32_t nterms, block, skip;
  float scale;
  Surface surface_codes[16];  // per surface code: 0 none, 1..nsurfaces dict_surfaces, others cut 255
  uint32_t nsurfaces;
  const uint8_t *syn_text;
  size_t syn_text_len;
  const uint8_t *syn_index;  // ws-byte offsets into syn_text, sorted by phrase
  uint32_t ws, nsyn;
  const uint8_t *heading_order;  // per heading: u16 hash, wh-byte section id; sorted by (hash, key, id)
  uint32_t wh, nheading;
  uint32_t nsections;
};

// The dictionary part of a view; false if the blobs are inconsistent.
bool dict_view_init(const DictBlobs &b, View *v) {
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
  v->scale = si->impact_scale();
  if (v->skip == 0 || v->skip > 4096 || v->skip % kPackBlock != 0) return false;
  if (!(v->scale > 0.0f) || v->scale > 1e6f) return false;
  v->nsections = si->section_count();
  if (v->nsections != p->n_sections) return false;
  const auto *st = si->syn_text();
  const auto *sx = si->syn_index();
  v->syn_text = st ? st->data() : nullptr;
  v->syn_text_len = st ? st->size() : 0;
  v->ws = byte_width(v->syn_text_len);
  v->syn_index = sx && v->syn_text_len ? sx->data() : nullptr;
  v->nsyn = v->syn_index ? sx->size() / v->ws : 0;
  const auto *ho = si->heading_order();
  v->wh = byte_width(v->nsections);
  v->heading_order = ho ? ho->data() : nullptr;
  v->nheading = ho ? ho->size() / (2 + v->wh) : 0;
  return true;
}

int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen) {
  return detail::bytes_compare(a, alen, b, blen);
}

// ---- term dictionary ------------------------------------------------------------------------------------

struct TermInfo {
  uint32_t df;
  uint32_t post_off, post_len;
  uint8_t max_imp;
};

// Sequential decoder over the front-coded dictionary.
struct DictIter {
  const View *v;
  uint32_t block, i, ord;  // current term: block, index in block, global ordinal
  size_t pos;              // byte offset of the next term in dict
  uint32_t post_next;      // postings offset of the next term
  char term[kMaxTermBytes];
  uint32_t len, lcp;       // current term; bytes shared with the previous term
  TermInfo info;
  const uint8_t *surf;
  uint32_t surf_cut, surf_len;
  bool started, bad;
};

inline uint32_t block_dict_off(const View *v, uint32_t b) {
  return le_get(v->blocks + static_cast<size_t>(b) * (v->wd + v->wp), v->wd);
}
inline uint32_t block_post_off(const View *v, uint32_t b) {
  return le_get(v->blocks + static_cast<size_t>(b) * (v->wd + v->wp) + v->wd, v->wp);
}

// Position the iterator before the first term of `block`.
void dict_seek(DictIter *it, const View *v, uint32_t block) {
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
  it->info.max_imp = 0;
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
bool block_first(const View *v, uint32_t b, const char **s, uint32_t *len) {
  const size_t p = block_dict_off(v, b);
  if (p >= v->dict_len) return false;
  const uint32_t l = v->dict[p];
  if (l > v->dict_len - p - 1) return false;
  *s = reinterpret_cast<const char *>(v->dict + p + 1);
  *len = l;
  return true;
}

// Last block whose first term is <= key (0 if none is).
uint32_t block_floor(const View *v, const char *key, size_t klen, bool *bad) {
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

// Position `it` on the first term >= key. False if there is none.
bool dict_lower_bound(DictIter *it, const View *v, const char *key, size_t klen) {
  bool bad = false;
  const uint32_t b = block_floor(v, key, klen, &bad);
  dict_seek(it, v, b);
  if (bad) return it->bad = true, false;
  // m: bytes the current term shares with the key. The terms are sorted, so a term that shares more than
  // m bytes with the previous (smaller) term is smaller than the key too, and one that shares fewer is
  // larger: only a term sharing exactly m bytes is compared, from byte m on.
  uint32_t m = 0;
  for (bool first = true; dict_next(it); first = false) {
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

// ---- postings cursor -------------------------------------------------------------------------------------

struct Cursor {
  const uint8_t *skips;  // nblocks * 16 bytes, or NULL for a single block
  const uint8_t *docs;
  const uint8_t *pos;
  uint32_t docs_len, pos_len;
  uint32_t df, nblocks, skip;
  uint32_t idx;          // index of the current posting (kEnd before the first)
  uint32_t doc;          // current doc (kEnd when exhausted)
  uint32_t prev;         // previous doc (for delta decoding), kEnd = -1
  size_t dp;             // next byte in docs (varint block: next posting; packed block: the next block)
  size_t bitp;           // packed block: bit offset in docs of the next posting
  size_t pp;             // byte in pos at the start of posting pidx
  uint32_t pidx;
  uint32_t left;         // postings left in the current doc block (0: the next step reads a block header)
  uint8_t wg, wi, imin;  // packed block: gap bits, impact bits, impact base; wg = kVarintBlock: varints
  uint8_t impact;
  uint8_t max_imp;
  bool bad;
};

bool cursor_init(Cursor *c, const View *v, const TermInfo &t) {
  c->bad = false;
  c->df = t.df;
  c->skip = v->skip;
  c->idx = kEnd;
  c->doc = 0;
  c->prev = kEnd;
  c->dp = 0;
  c->bitp = 0;
  c->left = 0;
  c->wg = c->wi = c->imin = 0;
  c->pp = 0;
  c->pidx = 0;
  c->impact = 0;
  c->max_imp = t.max_imp;
  c->skips = nullptr;
  c->docs = c->pos = nullptr;
  c->docs_len = c->pos_len = 0;
  c->nblocks = 0;
  if (t.df == 0) {
    c->doc = kEnd;
    return true;
  }
  const uint8_t *rec = v->postings + t.post_off;
  const size_t n = t.post_len;
  size_t p = 0;
  c->nblocks = (t.df + v->skip - 1) / v->skip;
  if (c->nblocks > 1) {
    const uint64_t sk = static_cast<uint64_t>(c->nblocks) * kSkipEntryBytes;
    if (sk > n) return c->bad = true, c->doc = kEnd, false;
    c->skips = rec;
    p = static_cast<size_t>(sk);
  }
  uint32_t db = 0;
  if (!varint_get(rec, n, &p, &db) || db > n - p) return c->bad = true, c->doc = kEnd, false;
  c->docs = rec + p;
  c->docs_len = db;
  c->pos = rec + p + db;
  c->pos_len = static_cast<uint32_t>(n - p - db);
  return true;
}

inline bool cursor_step(Cursor *c) {
  const uint32_t next = c->idx == kEnd ? 0 : c->idx + 1;
  if (next >= c->df) {
    c->doc = kEnd;
    return false;
  }
  if (c->left == 0) {
    // block header (search_format.h): a single posting or u8 kVarintBlock: varints; else wg, imin, wi
    const uint32_t n = c->df - next < kPackBlock ? c->df - next : kPackBlock;
    if (n == 1) {
      c->wg = kVarintBlock;
    } else {
      if (c->dp >= c->docs_len) return c->bad = true, c->doc = kEnd, false;
      c->wg = c->docs[c->dp++];
      if (c->wg != kVarintBlock) {
        if (c->wg > 32 || c->docs_len - c->dp < 2) return c->bad = true, c->doc = kEnd, false;
        c->imin = c->docs[c->dp];
        c->wi = c->docs[c->dp + 1];
        c->dp += 2;
        const uint64_t bytes = (static_cast<uint64_t>(n) * (c->wg + c->wi) + 7) / 8;
        if (c->wi > 8 || bytes > c->docs_len - c->dp) return c->bad = true, c->doc = kEnd, false;
        c->bitp = c->dp * 8;
        c->dp += static_cast<size_t>(bytes);
      }
    }
    c->left = n;
  }
  uint32_t delta;
  if (c->wg == kVarintBlock) {
    if (!varint_get(c->docs, c->docs_len, &c->dp, &delta) || c->dp >= c->docs_len) {
      c->bad = true;
      c->doc = kEnd;
      return false;
    }
    c->impact = c->docs[c->dp++];
  } else {
    delta = bits_get(c->docs, c->bitp, c->wg);
    const uint32_t imp = c->imin + bits_get(c->docs, c->bitp + c->wg, c->wi);
    c->bitp += c->wg + c->wi;
    if (imp > 255) return c->bad = true, c->doc = kEnd, false;
    c->impact = static_cast<uint8_t>(imp);
  }
  --c->left;
  const uint64_t d = static_cast<uint64_t>(c->prev == kEnd ? 0 : static_cast<uint64_t>(c->prev) + 1) + delta;
  if (d >= kEnd) {
    c->bad = true;
    c->doc = kEnd;
    return false;
  }
  c->idx = next;
  c->doc = c->prev = static_cast<uint32_t>(d);
  return true;
}

// Move to the first posting with doc >= target.
void cursor_advance(Cursor *c, uint32_t target) {
  if (c->doc == kEnd && c->idx != kEnd) return;
  if (c->idx != kEnd && c->doc >= target) return;
  if (c->df == 0) {
    c->doc = kEnd;
    return;
  }
  if (c->skips) {
    const uint32_t cur = c->idx == kEnd ? 0 : c->idx / c->skip;
    // first block whose last doc >= target, searched among the blocks from cur on
    uint32_t lo = cur, hi = c->nblocks;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (le32(c->skips + static_cast<size_t>(mid) * kSkipEntryBytes) < target)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo >= c->nblocks) {
      c->idx = c->df;
      c->doc = kEnd;
      return;
    }
    const bool inside_current = c->idx != kEnd && lo == cur;
    if (!inside_current && lo > 0) {
      const uint8_t *e = c->skips + static_cast<size_t>(lo) * kSkipEntryBytes;
      const uint8_t *pe = e - kSkipEntryBytes;
      const uint32_t doff = le32(e + 4), poff = le32(e + 8);
      if (doff >= c->docs_len || poff > c->pos_len) {
        c->bad = true;
        c->doc = kEnd;
        return;
      }
      c->dp = doff;
      c->left = 0;
      c->prev = le32(pe);
      c->idx = lo * c->skip - 1;
      c->pp = poff;
      c->pidx = lo * c->skip;
    }
  }
  while (cursor_step(c)) {
    if (c->doc >= target) return;
  }
}

// One posting's positions in the varint form (search_format.h) at *p: skip them, or (out != NULL) decode
// them into out (at most cap, the rest dropped; *got counts the stored ones).
bool pos_varint_posting(const uint8_t *pos, size_t len, size_t *p, uint32_t *out, uint32_t cap, uint32_t *got) {
  uint32_t x;
  if (!varint_get(pos, len, p, &x)) return false;
  if (x == 0) return true;
  uint32_t cur = (x - 1) >> 1;
  if (out && *got < cap) out[(*got)++] = cur;
  if ((x - 1) & 1u) {
    uint32_t more;
    if (!varint_get(pos, len, p, &more) || more > len) return false;
    for (uint32_t k = 0; k <= more; ++k) {
      uint32_t d;
      if (!varint_get(pos, len, p, &d)) return false;
      cur += d;
      if (out && *got < cap) out[(*got)++] = cur;
    }
  }
  return true;
}

// A position block of n postings starting at byte p, validated to lie within the stream.
struct PosBlock {
  size_t start;  // varint: first posting's byte; packed: bit offset of the counts
  size_t end;    // byte after the block
  uint32_t wc, wf, wd;
  bool varint;
};

bool pos_block_open(const Cursor *c, size_t p, uint32_t n, PosBlock *b, bool need_end) {
  const uint8_t *pos = c->pos;
  const size_t len = c->pos_len;
  b->varint = true;
  if (n != 1) {
    if (p >= len) return false;
    if (pos[p] == kVarintBlock) {
      ++p;
    } else {
      if (len - p < 3) return false;
      b->varint = false;
      b->wc = pos[p];
      b->wf = pos[p + 1];
      b->wd = pos[p + 2];
      if (b->wc > 32 || b->wf > 32 || b->wd > 32) return false;
      p += 3;
      const uint64_t cbits = static_cast<uint64_t>(n) * b->wc;
      if ((cbits + 7) / 8 > len - p) return false;
      uint64_t total = cbits;
      for (uint32_t i = 0; i < n; ++i) {
        const uint32_t cnt = bits_get(pos, p * 8 + static_cast<size_t>(i) * b->wc, b->wc);
        if (cnt) total += b->wf + static_cast<uint64_t>(cnt - 1) * b->wd;
      }
      if ((total + 7) / 8 > len - p) return false;
      b->start = p * 8;
      b->end = p + static_cast<size_t>((total + 7) / 8);
      return true;
    }
  }
  b->start = p;
  b->end = p;
  if (!need_end) return true;  // varint postings are bounds-checked as they are read
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t got = 0;
    if (!pos_varint_posting(pos, len, &p, nullptr, 0, &got)) return false;
  }
  b->end = p;
  return true;
}

// Positions of the current posting into out (at most cap, the rest dropped). Returns the count.
uint32_t cursor_positions(Cursor *c, uint32_t *out, uint32_t cap) {
  if (c->doc == kEnd || c->idx == kEnd || c->pidx > c->idx) return 0;
  const uint32_t first = c->idx / kPackBlock * kPackBlock;  // the current posting's block
  PosBlock b;
  while (c->pidx < first) {
    const uint32_t n = c->df - c->pidx < kPackBlock ? c->df - c->pidx : kPackBlock;
    if (!pos_block_open(c, c->pp, n, &b, true)) return c->bad = true, 0;
    c->pp = b.end;
    c->pidx += n;
  }
  if (c->pidx != first) return c->bad = true, 0;
  const uint32_t n = c->df - first < kPackBlock ? c->df - first : kPackBlock;
  if (!pos_block_open(c, c->pp, n, &b, false)) return c->bad = true, 0;
  const uint32_t j = c->idx - first;
  uint32_t got = 0;
  if (b.varint) {
    size_t p = b.start;
    for (uint32_t i = 0; i < j; ++i)
      if (!pos_varint_posting(c->pos, c->pos_len, &p, nullptr, 0, &got)) return c->bad = true, 0;
    if (!pos_varint_posting(c->pos, c->pos_len, &p, out, cap, &got)) return c->bad = true, 0;
    return got;
  }
  size_t bit = b.start + static_cast<size_t>(n) * b.wc;  // validated by pos_block_open
  for (uint32_t i = 0; i < j; ++i) {
    const uint32_t cnt = bits_get(c->pos, b.start + static_cast<size_t>(i) * b.wc, b.wc);
    if (cnt) bit += b.wf + static_cast<size_t>(cnt - 1) * b.wd;
  }
  const uint32_t cnt = bits_get(c->pos, b.start + static_cast<size_t>(j) * b.wc, b.wc);
  if (cnt == 0) return 0;
  uint32_t cur = bits_get(c->pos, bit, b.wf);
  bit += b.wf;
  if (cap > 0) out[got++] = cur;
  for (uint32_t k = 1; k < cnt; ++k) {
    cur += bits_get(c->pos, bit, b.wd);
    bit += b.wd;
    if (got < cap) out[got++] = cur;
  }
  return got;
}

// ---- query model ----------------------------------------------------------------------------------------

enum ClauseKind : uint8_t { CLAUSE_REQUIRED = 0, CLAUSE_OPTIONAL = 1, CLAUSE_NEGATIVE = 2 };

struct Alt {
  uint16_t c0;      // first cursor
  uint8_t n;        // cursors (terms, all required)
  uint8_t phrase;   // 1: the terms must appear at relpos offsets
  float weight;
  uint8_t relpos[kMaxAltTerms];
  uint32_t doc;     // current matching doc (valid when init)
  bool init;
};

struct Clause {
  uint8_t a0, na;
  uint8_t kind;
  uint8_t literal;  // 1: a plain single word (candidate for synonym merging)
  uint32_t doc;
  bool init;
  // source of a plain word, for the corrected query
  uint32_t src_begin, src_end;
  int32_t corrected;  // index into Scratch::corr or -1
  char stem[kMaxTermBytes];
  uint8_t stem_len;
};

struct HlTerm {
  char text[kMaxTermBytes];
  uint8_t len;
  uint8_t prefix;  // match tokens starting with text (unstemmed)
  uint8_t clause;
};

struct Correction {
  char word[kMaxTermBytes * 2];
  uint32_t len;
};

struct HeapItem {
  uint32_t section, article;
  float score;
  uint8_t full, title;
  uint32_t more;
};

struct Match {
  uint32_t begin, end;
  uint8_t clause;
};

struct Scratch {
  View v;
  Cursor cursors[kMaxCursors];
  Alt alts[kMaxAlts];
  Clause clauses[kMaxClauses];
  HlTerm hl[kMaxHl];
  Correction corr[kMaxClauses];
  HeapItem heap[kMaxHeap];
  uint32_t posbuf[kMaxAltTerms][kMaxPos];
  Match matches[kMaxMatches];
  uint8_t dp[kMaxTermBytes + 2][kMaxTermBytes + 2];   // typo DP, columns = the typed word
  uint8_t dp2[kMaxTermBytes + 2][kMaxTermBytes + 2];  // typo DP, columns = its stem
  char text[kSnippetText];
  uint8_t hl_first[256];  // first bytes of the highlight terms (any non-ASCII first byte: all 0x80..0xFF)
  uint32_t ncursors, nalts, nclauses, nhl, ncorr, nheap, heap_cap;
  uint32_t nrequired;
  bool bad, truncated;
  // filters
  bool topic_filter;
  uint32_t topic;
  int audience;  // -1 none, else FOLIO_AUDIENCE_*
  uint32_t title_article;
  uint32_t heading_sections[4];  // sections whose heading is the query (exact-heading boost)
  uint32_t nheading_sections;
  char key[detail::kMaxKeyBytes];
  char heading_key[detail::kMaxKeyBytes];  // a section heading folded for comparison with `key`
  // grouping state
  uint32_t cur_article, cur_end;
  bool cur_ok;
  HeapItem cur;
  bool cur_has;
  bool all_sections;
};

// ---- heap (min-heap on rank: the worst hit at the root) -----------------------------------------------

// a ranks above b
bool ranks_above(const HeapItem &a, const HeapItem &b) {
  if (a.title != b.title) return a.title > b.title;
  if (a.full != b.full) return a.full > b.full;
  if (a.score != b.score) return a.score > b.score;
  return a.section < b.section;
}

void heap_push(Scratch *s, const HeapItem &it) {
  if (s->heap_cap == 0) return;
  HeapItem *h = s->heap;
  if (s->nheap < s->heap_cap) {
    uint32_t i = s->nheap++;
    h[i] = it;
    while (i > 0) {
      const uint32_t par = (i - 1) / 2;
      if (!ranks_above(h[par], h[i])) break;
      const HeapItem t = h[par];
      h[par] = h[i];
      h[i] = t;
      i = par;
    }
    return;
  }
  if (!ranks_above(it, h[0])) return;
  h[0] = it;
  uint32_t i = 0;
  for (;;) {
    const uint32_t l = 2 * i + 1, r = l + 1;
    uint32_t w = i;
    if (l < s->nheap && ranks_above(h[w], h[l])) w = l;
    if (r < s->nheap && ranks_above(h[w], h[r])) w = r;
    if (w == i) break;
    const HeapItem t = h[w];
    h[w] = h[i];
    h[i] = t;
    i = w;
  }
}

// Sort the heap contents best first (insertion sort: at most 64 items).
void heap_sort(Scratch *s) {
  for (uint32_t i = 1; i < s->nheap; ++i) {
    const HeapItem x = s->heap[i];
    uint32_t j = i;
    while (j > 0 && ranks_above(x, s->heap[j - 1])) {
      s->heap[j] = s->heap[j - 1];
      --j;
    }
    s->heap[j] = x;
  }
}

// ---- evaluation -----------------------------------------------------------------------------------------

// The phrase's positional words (stopwords are not positional) at their relative offsets.
bool phrase_ok(Scratch *s, Alt *a) {
  uint32_t cnt[kMaxAltTerms];
  uint32_t first = kMaxAltTerms;
  for (uint32_t k = 0; k < a->n; ++k) {
    if (a->relpos[k] == kNoPos) {
      cnt[k] = 0;
      continue;
    }
    cnt[k] = cursor_positions(&s->cursors[a->c0 + k], s->posbuf[k], kMaxPos);
    if (cnt[k] == 0) return false;
    if (first == kMaxAltTerms) first = k;
  }
  if (first == kMaxAltTerms) return true;  // only stopwords: presence is all we can check
  for (uint32_t i = 0; i < cnt[first]; ++i) {
    const uint32_t p0 = s->posbuf[first][i];
    if (p0 < a->relpos[first]) continue;
    const uint32_t base = p0 - a->relpos[first];
    bool all = true;
    for (uint32_t k = first + 1; k < a->n && all; ++k) {
      if (a->relpos[k] == kNoPos) continue;
      const uint32_t want = base + a->relpos[k];
      bool found = false;
      for (uint32_t j = 0; j < cnt[k]; ++j) {
        if (s->posbuf[k][j] == want) {
          found = true;
          break;
        }
        if (s->posbuf[k][j] > want) break;
      }
      all = found;
    }
    if (all) return true;
  }
  return false;
}

// Advance alternative a to its first matching doc >= t.
uint32_t alt_advance(Scratch *s, Alt *a, uint32_t t) {
  if (a->init && (a->doc >= t)) return a->doc;
  a->init = true;
  if (a->n == 0) return a->doc = kEnd;
  uint32_t d = t;
  for (;;) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (uint32_t k = 0; k < a->n; ++k) {
        Cursor *c = &s->cursors[a->c0 + k];
        cursor_advance(c, d);
        if (c->doc == kEnd) return a->doc = kEnd;
        if (c->doc > d) {
          d = c->doc;
          changed = true;
        }
      }
    }
    if (!a->phrase || phrase_ok(s, a)) return a->doc = d;
    if (d == kEnd - 1) return a->doc = kEnd;
    ++d;
  }
}

uint32_t clause_advance(Scratch *s, Clause *c, uint32_t t) {
  if (c->init && c->doc >= t) return c->doc;
  c->init = true;
  uint32_t m = kEnd;
  for (uint32_t i = 0; i < c->na; ++i) {
    const uint32_t d = alt_advance(s, &s->alts[c->a0 + i], t);
    if (d < m) m = d;
  }
  return c->doc = m;
}

// Score of clause c at doc d (clause already advanced to >= d): best alternative matching d.
float clause_score(Scratch *s, const Clause *c, uint32_t d) {
  // the best alternative, plus a share of the others that also match (a section that says both
  // "runner's knee" and "patellofemoral pain" beats one that only has the first)
  float best = 0.0f, total = 0.0f;
  for (uint32_t i = 0; i < c->na; ++i) {
    const Alt *a = &s->alts[c->a0 + i];
    if (a->doc != d) continue;
    uint32_t sum = 0;
    for (uint32_t k = 0; k < a->n; ++k) sum += s->cursors[a->c0 + k].impact;
    const float sc = a->weight * static_cast<float>(sum);
    total += sc;
    if (sc > best) best = sc;
  }
  return best + kOtherAltShare * (total - best);
}

void flush_article(Scratch *s) {
  if (!s->cur_has) return;
  s->cur_has = false;
  heap_push(s, s->cur);
}

// Filters and grouping bookkeeping for candidate section d. False if d is filtered out.
bool accept(Scratch *s, const folio_pack *p, uint32_t d) {
  if (d >= s->cur_end || s->cur_article == kEnd) {
    if (!s->all_sections) flush_article(s);
    const fb::Section *sec = detail::pack_section_row(p, d);
    if (!sec) return s->bad = true, false;
    const uint32_t a = sec->article();
    const fb::Article *art = detail::pack_article_row(p, a);
    if (!art) return s->bad = true, false;
    const uint32_t first = art->sections().off(), count = art->sections().count();
    if (!(d >= first && d - first < count)) return s->bad = true, false;
    s->cur_article = a;
    s->cur_end = first + count;
    s->cur_ok = true;
    if (s->topic_filter) {
      bool found = false;
      const fb::Range &tr = art->topics();
      for (uint32_t i = 0; i < tr.count() && i < 4096; ++i) {
        uint32_t t;
        if (detail::pack_u32(p, tr, i, &t) != FOLIO_OK) break;
        if (t == s->topic) {
          found = true;
          break;
        }
      }
      s->cur_ok = found;
    }
  }
  if (!s->cur_ok) return false;
  if (s->audience >= 0) {
    const fb::Section *sec = detail::pack_section_row(p, d);
    if (!sec) return s->bad = true, false;
    const int au = static_cast<int>(sec->audience());
    if (au != FOLIO_AUDIENCE_BOTH && au != s->audience) return false;
  }
  return true;
}

void collect(Scratch *s, uint32_t d, float score, bool full) {
  HeapItem it;
  it.section = d;
  it.article = s->cur_article;
  it.score = score;
  it.full = full ? 1 : 0;
  it.title = (s->cur_article == s->title_article) ? 1 : 0;
  for (uint32_t i = 0; i < s->nheading_sections; ++i)
    if (s->heading_sections[i] == d) it.title = 1;
  it.more = 0;
  if (s->all_sections) {
    heap_push(s, it);
    return;
  }
  if (!s->cur_has) {
    s->cur = it;
    s->cur_has = true;
    return;
  }
  if (ranks_above(it, s->cur)) {
    it.more = s->cur.more + 1;
    s->cur = it;
  } else {
    ++s->cur.more;
  }
}

void reset_eval(Scratch *s) {
  for (uint32_t i = 0; i < s->nclauses; ++i) s->clauses[i].init = false;
  for (uint32_t i = 0; i < s->nalts; ++i) s->alts[i].init = false;
  for (uint32_t i = 0; i < s->ncursors; ++i) {
    Cursor *c = &s->cursors[i];
    c->idx = kEnd;
    c->doc = c->df ? 0 : kEnd;
    c->prev = kEnd;
    c->dp = c->pp = 0;
    c->bitp = 0;
    c->left = 0;
    c->pidx = 0;
  }
  s->nheap = 0;
  s->cur_article = kEnd;
  s->cur_end = 0;
  s->cur_has = false;
}

bool negated(Scratch *s, uint32_t d) {
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    Clause *c = &s->clauses[i];
    if (c->kind == CLAUSE_NEGATIVE && clause_advance(s, c, d) == d) return true;
  }
  return false;
}

float optional_score(Scratch *s, uint32_t d) {
  float sc = 0.0f;
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    Clause *c = &s->clauses[i];
    if (c->kind == CLAUSE_OPTIONAL && clause_advance(s, c, d) == d) sc += clause_score(s, c, d);
  }
  return sc;
}

// Conjunctive pass: every required clause must match.
void run_and(Scratch *s, const folio_pack *p) {
  uint32_t d = 0;
  for (;;) {
    uint32_t t = d;
    bool changed = true;
    while (changed) {
      changed = false;
      for (uint32_t i = 0; i < s->nclauses; ++i) {
        Clause *c = &s->clauses[i];
        if (c->kind != CLAUSE_REQUIRED) continue;
        const uint32_t cd = clause_advance(s, c, t);
        if (cd == kEnd) return;
        if (cd > t) {
          t = cd;
          changed = true;
        }
      }
    }
    if (!negated(s, t) && accept(s, p, t)) {
      float sc = 0.0f;
      for (uint32_t i = 0; i < s->nclauses; ++i) {
        Clause *c = &s->clauses[i];
        if (c->kind == CLAUSE_REQUIRED) sc += clause_score(s, c, t);
      }
      sc += optional_score(s, t);
      collect(s, t, sc, true);
    }
    if (s->bad || t == kEnd - 1) return;
    d = t + 1;
  }
}

// Disjunctive pass: any required clause; partial matches get a coverage penalty.
void run_or(Scratch *s, const folio_pack *p) {
  uint32_t d = 0;
  for (;;) {
    uint32_t t = kEnd;
    for (uint32_t i = 0; i < s->nclauses; ++i) {
      Clause *c = &s->clauses[i];
      if (c->kind != CLAUSE_REQUIRED) continue;
      const uint32_t cd = clause_advance(s, c, d);
      if (cd < t) t = cd;
    }
    if (t == kEnd) return;
    if (!negated(s, t) && accept(s, p, t)) {
      float sc = 0.0f;
      uint32_t matched = 0;
      for (uint32_t i = 0; i < s->nclauses; ++i) {
        Clause *c = &s->clauses[i];
        if (c->kind == CLAUSE_REQUIRED && c->doc == t) {
          sc += clause_score(s, c, t);
          ++matched;
        }
      }
      sc += optional_score(s, t);
      const bool full = matched == s->nrequired;
      if (!full) {
        const float cov = static_cast<float>(matched) / static_cast<float>(s->nrequired);
        sc *= cov * cov;
      }
      collect(s, t, sc, full);
    }
    if (s->bad || t == kEnd - 1) return;
    d = t + 1;
  }
}

// ---- query parsing --------------------------------------------------------------------------------------

bool is_space_byte(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// Add a cursor for a term; returns its index or -1 when out of room. Unknown terms get an empty cursor.
int add_cursor(Scratch *s, const char *term, size_t len) {
  if (s->ncursors >= kMaxCursors) return -1;
  Cursor *c = &s->cursors[s->ncursors];
  TermInfo ti{0, 0, 0, 0};
  bool bad = false;
  if (!dict_find(&s->v, term, len, &ti, &bad)) ti.df = 0;
  if (bad) s->bad = true;
  cursor_init(c, &s->v, ti);
  if (c->bad) s->bad = true;
  return static_cast<int>(s->ncursors++);
}

void add_hl(Scratch *s, const char *t, size_t len, bool prefix, uint32_t clause) {
  if (s->nhl >= kMaxHl || len == 0 || len > kMaxTermBytes) return;
  for (uint32_t i = 0; i < s->nhl; ++i)
    if (s->hl[i].len == len && s->hl[i].prefix == prefix && FOLIO_MEMCMP(s->hl[i].text, t, len) == 0) return;
  HlTerm *h = &s->hl[s->nhl++];
  FOLIO_MEMCPY(h->text, t, len);
  h->len = static_cast<uint8_t>(len);
  h->prefix = prefix ? 1 : 0;
  h->clause = static_cast<uint8_t>(clause);
}

// Start an alternative of clause `ci` (terms added with alt_term). NULL when out of room.
Alt *alt_begin(Scratch *s, uint32_t ci, float w, bool phrase) {
  Clause *c = &s->clauses[ci];
  if (s->nalts >= kMaxAlts || c->na >= kMaxAltsPerClause || c->a0 + c->na != s->nalts) return nullptr;
  Alt *a = &s->alts[s->nalts++];
  ++c->na;
  a->c0 = static_cast<uint16_t>(s->ncursors);
  a->n = 0;
  a->phrase = phrase ? 1 : 0;
  a->weight = w;
  a->init = false;
  a->doc = 0;
  return a;
}

bool alt_term(Scratch *s, Alt *a, uint32_t ci, const char *t, size_t len, uint32_t relpos) {
  if (a->n >= kMaxAltTerms) return false;
  const int k = add_cursor(s, t, len);
  if (k < 0) return false;
  a->relpos[a->n++] = static_cast<uint8_t>(relpos > kNoPos ? kNoPos : relpos);
  if (s->clauses[ci].kind == CLAUSE_REQUIRED) add_hl(s, t, len, false, ci);
  return true;
}

// Drop an alternative that could not be completed (the last one).
void alt_drop(Scratch *s, uint32_t ci, Alt *a) {
  s->ncursors = a->c0;
  --s->nalts;
  --s->clauses[ci].na;
}

int new_clause(Scratch *s, uint8_t kind) {
  if (s->nclauses >= kMaxClauses) {
    s->truncated = true;
    return -1;
  }
  Clause *c = &s->clauses[s->nclauses];
  c->a0 = static_cast<uint8_t>(s->nalts);
  c->na = 0;
  c->kind = kind;
  c->literal = 0;
  c->init = false;
  c->doc = 0;
  c->src_begin = c->src_end = 0;
  c->corrected = -1;
  c->stem_len = 0;
  return static_cast<int>(s->nclauses++);
}

size_t stem_copy(const char *src, size_t len, char *dst) {
  if (len > kMaxTermBytes) len = kMaxTermBytes;
  FOLIO_MEMCPY(dst, src, len);
  return text::stem_english(dst, len);
}

bool is_number_token(const text::Token &t) { return (t.flags & text::TOKEN_NUMBER) != 0; }

// Query-only noise words that are not in the stopword list ("steroid shot vs stem cells").
bool is_query_noise(const char *w, size_t len) {
  static const char *const kNoise[] = {"vs", "versus", "v"};
  for (const char *n : kNoise) {
    size_t l = 0;
    while (n[l]) ++l;
    if (l == len && FOLIO_MEMCMP(n, w, len) == 0) return true;
  }
  return false;
}

// Typo candidates for the folded query word w: dictionary terms whose surface form (the most frequent
// word that stems to them) is within the allowed edit distance of w. The dictionary ranges starting with
// w's first or second byte are walked in order; DP rows (columns = w) are shared along the front-coded
// common prefixes of the stems, a prefix whose row minimum exceeds the bound prunes every term below it
// (shallow hopeless subtrees are skipped with a seek), and a term's surface distance extends the row at
// the end of the stem's shared part with the surface suffix. Keeps up to kFuzzyKeep candidates by
// (distance, df desc, dictionary order); returns the best distance (0 = none found).
struct FuzzyCand {
  uint32_t dist, df;
  char term[kMaxTermBytes];
  uint32_t len;
  char surf[kMaxTermBytes];
  uint32_t surf_len;
};

// Distance of w to the surface whose first `keep` bytes are the term's (dp row `keep` valid) followed by
// `suf`. Optimal string alignment within the suffix; capped at 250.
uint32_t surface_distance(const uint8_t (*dp)[kMaxTermBytes + 2], uint32_t keep, const char *term,
                          const uint8_t *suf, uint32_t slen, const char *w, uint32_t q) {
  if (slen == 0) return dp[keep][q];
  uint8_t r0[kMaxTermBytes + 2], r1[kMaxTermBytes + 2], r2[kMaxTermBytes + 2];
  uint8_t *pp = r0, *p = r1, *c = r2;  // rows i-2, i-1, i
  for (uint32_t j = 0; j <= q; ++j) {
    p[j] = dp[keep][j];
    pp[j] = keep > 0 ? dp[keep - 1][j] : 250;
  }
  char prev2 = keep > 0 ? term[keep - 1] : 0;
  for (uint32_t k = 0; k < slen; ++k) {
    const char ch = static_cast<char>(suf[k]);
    c[0] = static_cast<uint8_t>(keep + k + 1 > 250 ? 250 : keep + k + 1);
    for (uint32_t j = 1; j <= q; ++j) {
      uint32_t v = p[j] + 1u;
      if (c[j - 1] + 1u < v) v = c[j - 1] + 1u;
      const uint32_t sub = p[j - 1] + (ch != w[j - 1] ? 1u : 0u);
      if (sub < v) v = sub;
      if (keep + k >= 1 && j > 1 && ch == w[j - 2] && prev2 == w[j - 1] && pp[j - 2] + 1u < v) v = pp[j - 2] + 1u;
      c[j] = static_cast<uint8_t>(v > 250 ? 250 : v);
    }
    prev2 = ch;
    uint8_t *t = pp;
    pp = p;
    p = c;
    c = t;
  }
  return p[q];
}

// One DP row: row i of `dp` for term byte c (previous term byte c1) against the columns `w` (q bytes).
// Returns the row minimum.
inline uint8_t dp_row(uint8_t (*dp)[kMaxTermBytes + 2], uint32_t i, char c, char c1, const char *w, uint32_t q) {
  uint8_t rmin = static_cast<uint8_t>(i > 250 ? 250 : i);
  dp[i][0] = rmin;
  for (uint32_t j = 1; j <= q; ++j) {
    uint32_t v = dp[i - 1][j] + 1u;
    const uint32_t ins = dp[i][j - 1] + 1u;
    if (ins < v) v = ins;
    const uint32_t sub = dp[i - 1][j - 1] + (c != w[j - 1] ? 1u : 0u);
    if (sub < v) v = sub;
    if (i > 1 && j > 1 && c == w[j - 2] && c1 == w[j - 1]) {
      const uint32_t tr = dp[i - 2][j - 2] + 1u;
      if (tr < v) v = tr;
    }
    dp[i][j] = static_cast<uint8_t>(v > 250 ? 250 : v);
    if (dp[i][j] < rmin) rmin = dp[i][j];
  }
  return rmin;
}

// Two distances are tracked along each term's path: the typed word against the term's surface form, and
// the typed word's stem against the term itself ("incleemntly" -> stem "incleemnt" is one edit from
// "inclement", whose stored surface form may be another word of the family).
uint32_t fuzzy_find(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, FuzzyCand *cands,
                    uint32_t *ncand) {
  *ncand = 0;
  if (wlen < 3 || wlen > kFuzzyMaxLen || wslen == 0 || wslen > kFuzzyMaxLen) return 0;
  const uint32_t maxd = wlen <= 5 ? 1 : 2;
  const uint32_t q = static_cast<uint32_t>(wlen), qs = static_cast<uint32_t>(wslen);
  uint8_t(*dp)[kMaxTermBytes + 2] = s->dp;
  uint8_t(*dp2)[kMaxTermBytes + 2] = s->dp2;
  for (uint32_t j = 0; j <= q; ++j) dp[0][j] = static_cast<uint8_t>(j);
  for (uint32_t j = 0; j <= qs; ++j) dp2[0][j] = static_cast<uint8_t>(j);
  const bool same = q == qs && FOLIO_MEMCMP(w, ws, q) == 0;  // the word is its own stem: one DP is enough
  const char starts[2] = {w[0], w[1]};
  const uint32_t nstarts = w[1] != w[0] ? 2 : 1;
  for (uint32_t si = 0; si < nstarts; ++si) {
    DictIter it;
    if (!dict_lower_bound(&it, &s->v, &starts[si], 1)) {
      if (it.bad) s->bad = true;
      continue;
    }
    uint32_t prune = kMaxTermBytes + 1;  // depth at which the previous branch was hopeless
    uint32_t valid = 0;                  // dp rows valid for the current term: 0..valid
    uint32_t scanned = 0;
    bool fresh = true;    // the iterator was repositioned: no dp rows carry over
    bool advance = false;  // move to the next term before looking at it
    for (;;) {
      if (advance) {
        if (!dict_next(&it)) break;
        fresh = false;
      }
      advance = true;
      if (++scanned > 200000) break;
      if (it.len == 0 || it.term[0] != starts[si]) break;
      if (fresh) valid = 0;
      if (!fresh && it.lcp >= prune) continue;  // shares a hopeless prefix
      const uint32_t lcp = it.lcp < valid ? it.lcp : valid;
      prune = kMaxTermBytes + 1;
      uint32_t i = lcp + 1;
      bool hopeless = false;
      for (; i <= it.len; ++i) {
        const char c = it.term[i - 1], c1 = i > 1 ? it.term[i - 2] : 0;
        const uint8_t m1 = dp_row(dp, i, c, c1, w, q);
        const uint8_t m2 = same ? m1 : dp_row(dp2, i, c, c1, ws, qs);
        if (m1 > maxd && m2 > maxd) {
          hopeless = true;
          break;
        }
      }
      const uint32_t keep = it.len - it.surf_cut;  // the surface shares the stem's first `keep` bytes
      if (hopeless) {
        prune = i;
        valid = i - 1;
        if (i <= keep) {
          // the surface has the hopeless prefix too; skip the subtree (seek when it is shallow)
          const unsigned char last = static_cast<unsigned char>(it.term[i - 1]);
          if (i >= 2 && i <= kSeekDepth && last != 0xFF) {
            char key[kMaxTermBytes];
            FOLIO_MEMCPY(key, it.term, i);
            key[i - 1] = static_cast<char>(last + 1);
            if (!dict_lower_bound(&it, &s->v, key, i)) {
              if (it.bad) s->bad = true;
              break;
            }
            valid = 0;
            prune = kMaxTermBytes + 1;
            fresh = true;
            advance = false;
          }
          continue;
        }
      } else {
        valid = it.len;
      }
      if (it.info.df == 0 || keep > valid) continue;
      const uint32_t d1 = surface_distance(dp, keep, it.term, it.surf, it.surf_len, w, q);
      const uint32_t d2 = valid >= it.len ? (same ? dp[it.len][q] : dp2[it.len][qs]) : 250u;
      const uint32_t d = d1 < d2 ? d1 : d2;
      if (d == 0 || d > maxd) continue;
      char surf[kMaxTermBytes];
      uint32_t sl = keep + it.surf_len;
      if (sl > kMaxTermBytes) sl = kMaxTermBytes;
      FOLIO_MEMCPY(surf, it.term, keep);
      FOLIO_MEMCPY(surf + keep, it.surf, sl - keep);
      uint32_t pos = *ncand;
      while (pos > 0 && (cands[pos - 1].dist > d || (cands[pos - 1].dist == d && cands[pos - 1].df < it.info.df)))
        --pos;
      if (pos >= kFuzzyKeep) continue;
      const uint32_t last = *ncand < kFuzzyKeep ? *ncand : kFuzzyKeep - 1;
      for (uint32_t k = last; k > pos; --k) cands[k] = cands[k - 1];
      FuzzyCand &fc = cands[pos];
      fc.dist = d;
      fc.df = it.info.df;
      FOLIO_MEMCPY(fc.term, it.term, it.len);
      fc.len = it.len;
      FOLIO_MEMCPY(fc.surf, surf, sl);
      fc.surf_len = sl;
      if (*ncand < kFuzzyKeep) ++*ncand;
    }
    if (it.bad) s->bad = true;
  }
  return *ncand ? cands[0].dist : 0;
}

// Prefix expansion: up to kPrefixExpand terms starting with `pre`, most frequent first.
void add_prefix_alts(Scratch *s, uint32_t ci, const char *pre, size_t plen, const char *exact, size_t elen) {
  struct Best {
    uint32_t df;
    char term[kMaxTermBytes];
    uint32_t len;
  } best[kPrefixExpand];
  uint32_t nb = 0;
  DictIter it;
  if (!dict_lower_bound(&it, &s->v, pre, plen)) {
    if (it.bad) s->bad = true;
    return;
  }
  uint32_t scanned = 0;
  for (bool ok = true; ok && scanned < kPrefixScan; ok = dict_next(&it), ++scanned) {
    if (it.len < plen || FOLIO_MEMCMP(it.term, pre, plen) != 0) break;
    if (it.len == elen && FOLIO_MEMCMP(it.term, exact, elen) == 0) continue;  // the literal alt has it
    uint32_t pos = nb;
    while (pos > 0 && best[pos - 1].df < it.info.df) --pos;
    if (pos >= kPrefixExpand) continue;
    const uint32_t last = nb < kPrefixExpand ? nb : kPrefixExpand - 1;
    for (uint32_t k = last; k > pos; --k) best[k] = best[k - 1];
    best[pos].df = it.info.df;
    FOLIO_MEMCPY(best[pos].term, it.term, it.len);
    best[pos].len = it.len;
    if (nb < kPrefixExpand) ++nb;
  }
  if (it.bad) s->bad = true;
  for (uint32_t k = 0; k < nb; ++k) {
    Alt *a = alt_begin(s, ci, kWeightPrefix, false);
    if (!a) break;
    if (!alt_term(s, a, ci, best[k].term, best[k].len, 0)) {
      alt_drop(s, ci, a);
      break;
    }
  }
  add_hl(s, pre, plen, true, ci);
}

// Synonyms (search_format.h): a phrase runs from its syn_text offset to the next '\n' or 0 (or the end).
inline bool syn_stop(const View *v, size_t i) {
  return i >= v->syn_text_len || v->syn_text[i] == '\n' || v->syn_text[i] == 0;
}

// Order of the phrase at syn_text offset `off` against key (cmp_bytes order).
int syn_cmp(const View *v, size_t off, const char *key, size_t klen) {
  for (size_t k = 0;; ++k) {
    const bool end = syn_stop(v, off + k);
    if (k == klen) return end ? 0 : 1;
    if (end) return -1;
    const unsigned char a = v->syn_text[off + k], b = static_cast<unsigned char>(key[k]);
    if (a != b) return a < b ? -1 : 1;
  }
}

uint32_t syn_words(const View *v, size_t off) {
  uint32_t w = 1;
  for (size_t i = off; !syn_stop(v, i); ++i) w += v->syn_text[i] == ' ';
  return w;
}

// Synonym phrase lookup: syn_text offset of the phrase equal to key, or -1.
int64_t syn_find(const View *v, const char *key, size_t klen) {
  uint32_t lo = 0, hi = v->nsyn;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const uint32_t off = le_get(v->syn_index + static_cast<size_t>(mid) * v->ws, v->ws);
    if (off >= v->syn_text_len) return -1;
    const int c = syn_cmp(v, off, key, klen);
    if (c == 0) return off;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

// Add the other phrases of the synonym group of the phrase at syn_text offset `off` (the run of syn_text
// between 0 bytes around it) to clause ci as alternatives.
void add_synonym_alts(Scratch *s, uint32_t ci, size_t off) {
  const View *v = &s->v;
  const char *t = reinterpret_cast<const char *>(v->syn_text);
  const size_t n = v->syn_text_len;
  const uint32_t orig_words = syn_words(v, off);
  size_t i = off;
  while (i > 0 && t[i - 1] != 0) --i;
  for (uint32_t m = 0; m < 32; ++m) {
    size_t ln = 0;
    while (!syn_stop(v, i + ln)) ++ln;
    if (i != off) {
      // a phrase of the group: its words must be adjacent (stopwords only present); its weight is spread
      // over its words so that a long synonym of one query word counts about as much as one word
      const uint32_t alt_words = syn_words(v, i);
      const float w = kWeightSynonym * static_cast<float>(orig_words) / static_cast<float>(alt_words);
      Alt *a = alt_begin(s, ci, w, alt_words > 1);
      if (!a) return;
      size_t k = 0;
      bool ok = true;
      uint32_t word = 0;
      while (k < ln && ok) {
        size_t j = k;
        while (j < ln && t[i + j] != ' ') ++j;
        if (j > k)
          ok = alt_term(s, a, ci, t + i + k, j - k, text::is_stopword(t + i + k, j - k) ? kNoPos : word);
        ++word;
        k = j + 1;
      }
      if (!ok || a->n == 0) {
        alt_drop(s, ci, a);
        return;
      }
      if (a->n == 1) a->phrase = 0;
    }
    i += ln;
    if (i >= n || t[i] == 0) break;
    ++i;  // past the '\n'
  }
}

// Merge runs of plain word clauses that form a synonym phrase (longest first, up to 4 words) into one
// new clause: the literal words (or, for one word, all its alternatives) or any other phrase of the
// group at a lower weight. The replaced clauses are disabled (no alternatives). Runs after parsing and
// before evaluation; new clauses are appended, so alternatives and cursors stay contiguous.
void expand_synonyms(Scratch *s) {
  const View *v = &s->v;
  if (v->nsyn == 0) return;
  const uint32_t n = s->nclauses;
  for (uint32_t i = 0; i < n; ++i) {
    if (!s->clauses[i].literal) continue;
    char key[kMaxTermBytes * 4 + 4];
    uint32_t best_n = 0;
    int64_t best_e = -1;  // syn_text offset of the longest phrase found
    size_t klen = 0;
    for (uint32_t k = 0; k < 4 && i + k < n; ++k) {
      const Clause *ck = &s->clauses[i + k];
      if (!ck->literal || ck->stem_len == 0) break;
      if (k) key[klen++] = ' ';
      FOLIO_MEMCPY(key + klen, ck->stem, ck->stem_len);
      klen += ck->stem_len;
      const int64_t e = syn_find(v, key, klen);
      if (e >= 0) {
        best_n = k + 1;
        best_e = e;
      }
    }
    if (best_e < 0 || s->nclauses >= kMaxClauses) continue;
    bool required = false;
    for (uint32_t k = 0; k < best_n; ++k) required |= s->clauses[i + k].kind == CLAUSE_REQUIRED;
    const int nc = new_clause(s, required ? CLAUSE_REQUIRED : CLAUSE_OPTIONAL);
    if (nc < 0) continue;
    const uint32_t ci = static_cast<uint32_t>(nc);
    Clause *cn = &s->clauses[ci];
    const Clause *c0 = &s->clauses[i];
    cn->src_begin = c0->src_begin;
    cn->src_end = c0->src_end;
    cn->corrected = c0->corrected;
    if (best_n == 1) {
      for (uint32_t k = 0; k < c0->na; ++k) {
        const Alt *old = &s->alts[c0->a0 + k];
        Alt *a = alt_begin(s, ci, old->weight, old->phrase != 0);
        if (!a) break;
        a->c0 = old->c0;  // share the cursors: the old clause is disabled below
        a->n = old->n;
        for (uint32_t t = 0; t < old->n; ++t) a->relpos[t] = old->relpos[t];
      }
    } else {
      Alt *a = alt_begin(s, ci, 1.0f, false);
      if (a) {
        bool ok = true;
        for (uint32_t k = 0; k < best_n && ok; ++k) {
          const Clause *ck = &s->clauses[i + k];
          ok = alt_term(s, a, ci, ck->stem, ck->stem_len, 0);
        }
        if (!ok) alt_drop(s, ci, a);
      }
      // corrections inside a merged run stay reported
      for (uint32_t k = 1; k < best_n && cn->corrected < 0; ++k) cn->corrected = s->clauses[i + k].corrected;
    }
    add_synonym_alts(s, ci, static_cast<size_t>(best_e));
    for (uint32_t k = 0; k < best_n; ++k) {
      Clause *ck = &s->clauses[i + k];
      ck->na = 0;
      ck->kind = CLAUSE_OPTIONAL;
      ck->literal = 0;
      if (k > 0 || best_n > 1) {
        // keep the corrected-word bookkeeping on the new clause only when it was a single word
      }
    }
    i += best_n - 1;
  }
}

struct ParseState {
  const char *q;
  size_t len;
  uint32_t flags;
};

// Add one word (a non-PART token, with its parts) as a clause.
void add_word_clause(Scratch *s, const ParseState &ps, const text::Token &tok, const text::Token *parts,
                     uint32_t nparts, bool neg, bool prefix, uint32_t item_begin, uint32_t item_end) {
  const bool stop = text::is_stopword(tok.text, tok.len) || is_query_noise(tok.text, tok.len);
  const int ci = new_clause(s, neg ? CLAUSE_NEGATIVE : (stop ? CLAUSE_OPTIONAL : CLAUSE_REQUIRED));
  if (ci < 0) return;
  Clause *c = &s->clauses[ci];
  char stem[kMaxTermBytes];
  const size_t sl = stem_copy(tok.text, tok.len, stem);
  FOLIO_MEMCPY(c->stem, stem, sl);
  c->stem_len = static_cast<uint8_t>(sl);
  c->src_begin = item_begin + tok.src_begin;
  c->src_end = item_begin + tok.src_end;
  (void)item_end;
  Alt *a = alt_begin(s, ci, 1.0f, false);
  if (!a) return;
  if (!alt_term(s, a, ci, stem, sl, 0)) {
    alt_drop(s, ci, a);
    return;
  }
  const bool known = s->cursors[a->c0].df > 0;
  c->literal = (!neg && nparts == 0 && !prefix) ? 1 : 0;
  // the parts of a compound as an alternative ("stem-cell" also finds "stem cell"); stopword parts are
  // left out ("to-do"), and with fewer than two parts left there is no such alternative
  uint32_t content_parts = 0;
  for (uint32_t k = 0; k < nparts; ++k) content_parts += text::is_stopword(parts[k].text, parts[k].len) ? 0u : 1u;
  if (content_parts > 1) {
    Alt *pa = alt_begin(s, ci, kWeightParts, false);
    if (pa) {
      bool ok = true;
      for (uint32_t k = 0; k < nparts && ok; ++k) {
        if (text::is_stopword(parts[k].text, parts[k].len)) continue;
        char ps2[kMaxTermBytes];
        const size_t pl = stem_copy(parts[k].text, parts[k].len, ps2);
        ok = alt_term(s, pa, ci, ps2, pl, parts[k].position - tok.position);
      }
      if (!ok) alt_drop(s, ci, pa);
    }
  }
  if (neg) return;
  if (prefix && tok.len >= 2) {
    add_prefix_alts(s, ci, tok.text, tok.len, stem, sl);
    return;
  }
  if (!known && !stop && !(ps.flags & FOLIO_SEARCH_NO_FUZZY) && !is_number_token(tok) && nparts == 0) {
    FuzzyCand cands[kFuzzyKeep];
    uint32_t nc = 0;
    fuzzy_find(s, tok.text, tok.len, stem, sl, cands, &nc);
    for (uint32_t k = 0; k < nc; ++k) {
      Alt *fa = alt_begin(s, ci, cands[k].dist == 1 ? kWeightFuzzy1 : kWeightFuzzy2, false);
      if (!fa) break;
      if (!alt_term(s, fa, ci, cands[k].term, cands[k].len, 0)) {
        alt_drop(s, ci, fa);
        break;
      }
    }
    if (nc > 0 && s->ncorr < kMaxClauses) {
      Correction *co = &s->corr[s->ncorr];
      FOLIO_MEMCPY(co->word, cands[0].surf, cands[0].surf_len);
      co->len = cands[0].surf_len;
      c->corrected = static_cast<int32_t>(s->ncorr++);
      // synonyms of the corrected word
      FOLIO_MEMCPY(c->stem, cands[0].term, cands[0].len);
      c->stem_len = static_cast<uint8_t>(cands[0].len);
    }
  }
}

// Tokenize one query item (a word or a phrase body) and add its clauses.
void add_item(Scratch *s, const ParseState &ps, uint32_t b, uint32_t e, bool neg, bool phrase, bool prefix) {
  text::Tokenizer tz(ps.q + b, e - b);
  text::Token tok;
  // collect tokens: non-PART tokens with their parts (stored as copies of folded text in hl scratch)
  struct Tok {
    text::Token t;
    char buf[kMaxTermBytes];
  };
  Tok toks[1];
  Tok parts[kMaxAltTerms];
  if (phrase) {
    int ci = -1;
    Alt *a = nullptr;
    uint32_t first_pos = 0;
    uint32_t guard = 0;
    while (tz.next(&tok) && ++guard < kMaxQueryTokens) {
      if (tok.flags & text::TOKEN_PART) continue;
      if (ci < 0) {
        ci = new_clause(s, neg ? CLAUSE_NEGATIVE : CLAUSE_REQUIRED);
        if (ci < 0) return;
        a = alt_begin(s, static_cast<uint32_t>(ci), 1.0f, true);
        if (!a) return;
        first_pos = tok.position;
      }
      char stem[kMaxTermBytes];
      const size_t sl = stem_copy(tok.text, tok.len, stem);
      uint32_t rel = tok.position - first_pos;
      if (rel >= kNoPos) rel = kNoPos - 1;
      if (text::is_stopword(tok.text, tok.len)) rel = kNoPos;
      if (!alt_term(s, a, static_cast<uint32_t>(ci), stem, sl, rel)) {
        s->truncated = true;
        break;
      }
    }
    if (a && a->n == 1) a->phrase = 0;
    return;
  }
  // a word: may hold several tokens ("knee/hip", "$10,000") and compounds with parts
  uint32_t guard = 0;
  bool have = tz.next(&tok);
  while (have && ++guard < kMaxQueryTokens) {
    if (tok.flags & text::TOKEN_PART) {
      have = tz.next(&tok);
      continue;
    }
    toks[0].t = tok;
    const uint32_t tl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
    FOLIO_MEMCPY(toks[0].buf, tok.text, tl);
    toks[0].t.text = toks[0].buf;
    toks[0].t.len = tl;
    uint32_t np = 0;
    have = tz.next(&tok);
    while (have && (tok.flags & text::TOKEN_PART)) {
      if (np < kMaxAltTerms) {
        parts[np].t = tok;
        const uint32_t pl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
        FOLIO_MEMCPY(parts[np].buf, tok.text, pl);
        parts[np].t.text = parts[np].buf;
        parts[np].t.len = pl;
        ++np;
      }
      have = tz.next(&tok);
    }
    text::Token pt[kMaxAltTerms];
    for (uint32_t k = 0; k < np; ++k) pt[k] = parts[k].t;
    const bool last_token = !have;
    add_word_clause(s, ps, toks[0].t, pt, np, neg, prefix && last_token, b, e);
  }
}

bool ascii_ieq(const char *a, size_t alen, const char *b) {
  size_t i = 0;
  for (; i < alen && b[i]; ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return i == alen && b[i] == 0;
}

// Parse the query into clauses and filters. Returns FOLIO_OK or FOLIO_E_QUERY / FOLIO_E_NOT_FOUND.
folio_status parse(Scratch *s, const folio_pack *p, const ParseState &ps, bool *filter_only_empty) {
  const char *q = ps.q;
  const size_t n = ps.len;
  *filter_only_empty = false;
  // find the last item start for search-as-you-type
  size_t i = 0;
  bool any_filter = false;
  while (i < n) {
    while (i < n && is_space_byte(static_cast<unsigned char>(q[i]))) ++i;
    if (i >= n) break;
    bool neg = false;
    if (q[i] == '-' && i + 1 < n && !is_space_byte(static_cast<unsigned char>(q[i + 1]))) {
      neg = true;
      ++i;
    }
    if (q[i] == '"') {
      size_t j = i + 1;
      while (j < n && q[j] != '"') ++j;
      add_item(s, ps, static_cast<uint32_t>(i + 1), static_cast<uint32_t>(j), neg, true, false);
      i = j < n ? j + 1 : n;
      continue;
    }
    size_t j = i;
    while (j < n && !is_space_byte(static_cast<unsigned char>(q[j])) && q[j] != '"') ++j;
    size_t we = j;
    bool prefix = false;
    while (we > i && q[we - 1] == '*') {
      --we;
      prefix = true;
    }
    // filters: name:value
    size_t colon = i;
    while (colon < we && q[colon] != ':') ++colon;
    if (!neg && colon < we && colon > i) {
      const char *name = q + i;
      const size_t nl = colon - i;
      const char *val = q + colon + 1;
      const size_t vl = we - colon - 1;
      if (ascii_ieq(name, nl, "topic")) {
        any_filter = true;
        uint32_t t;
        if (vl == 0 || detail::lookup_topic_find(p, val, vl, &t) != FOLIO_OK) {
          *filter_only_empty = true;  // unknown topic: no hits
        } else {
          s->topic_filter = true;
          s->topic = t;
        }
        i = j;
        continue;
      }
      if (ascii_ieq(name, nl, "audience")) {
        any_filter = true;
        if (ascii_ieq(val, vl, "patient") || ascii_ieq(val, vl, "patients"))
          s->audience = FOLIO_AUDIENCE_PATIENT;
        else if (ascii_ieq(val, vl, "clinician") || ascii_ieq(val, vl, "clinicians"))
          s->audience = FOLIO_AUDIENCE_CLINICIAN;
        else if (ascii_ieq(val, vl, "both") || ascii_ieq(val, vl, "all"))
          s->audience = -1;
        else
          return FOLIO_E_QUERY;
        i = j;
        continue;
      }
    }
    const bool last_item = j >= n || [&] {
      size_t k = j;
      while (k < n && is_space_byte(static_cast<unsigned char>(q[k]))) ++k;
      return k >= n;
    }();
    // as-you-type: the last word is a prefix only when the query does not end with a space
    const bool as_you_type = (ps.flags & FOLIO_SEARCH_PREFIX_LAST) && last_item && j == n;
    add_item(s, ps, static_cast<uint32_t>(i), static_cast<uint32_t>(we), neg, false, prefix || as_you_type);
    i = j;
  }
  uint32_t positive = 0;
  for (uint32_t k = 0; k < s->nclauses; ++k)
    if (s->clauses[k].kind != CLAUSE_NEGATIVE && s->clauses[k].na > 0) ++positive;
  if (positive == 0) {
    if (any_filter) {
      *filter_only_empty = true;
      return FOLIO_OK;
    }
    return FOLIO_E_QUERY;
  }
  return FOLIO_OK;
}

// ---- snippets -------------------------------------------------------------------------------------------

// Byte classes for the snippet scan: 1 = part of a word (letter, digit, any non-ASCII byte), 2 = a
// connector inside a word ("TNF-α", "10,000", "HCT/P", "patient's", "2.5").
struct ByteClass {
  uint8_t c[256];
  constexpr ByteClass() : c() {
    for (int i = 0; i < 256; ++i)
      c[i] = ((i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || i >= 0x80) ? 1 : 0;
    c[static_cast<unsigned char>('-')] = c[static_cast<unsigned char>('/')] = 2;
    c[static_cast<unsigned char>('\'')] = c[static_cast<unsigned char>(',')] = c[static_cast<unsigned char>('.')] = 2;
  }
};
constexpr ByteClass kByteClass;
inline bool word_byte(unsigned char c) { return kByteClass.c[c] == 1; }
inline bool is_connector(unsigned char c) { return kByteClass.c[c] == 2; }
inline unsigned char ascii_lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c; }

// Could a word starting at p match a highlight term? Compares the first two bytes, ASCII-folded; a
// non-ASCII byte in either position always passes (folding may change it).
bool hl_prefix_possible(const Scratch *s, const char *p, size_t n) {
  const unsigned char c0 = ascii_lower(static_cast<unsigned char>(p[0]));
  const unsigned char c1 = n > 1 ? ascii_lower(static_cast<unsigned char>(p[1])) : 0;
  if (c0 >= 0x80 || c1 >= 0x80) return true;
  if (!s->hl_first[c0]) return false;
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const HlTerm &h = s->hl[i];
    const unsigned char h0 = static_cast<unsigned char>(h.text[0]);
    if (h0 >= 0x80) return true;
    if (h0 != c0) continue;
    if (h.len < 2) return true;
    const unsigned char h1 = static_cast<unsigned char>(h.text[1]);
    if (h1 >= 0x80 || h1 == c1) return true;
  }
  return false;
}

bool hl_match(const Scratch *s, const char *tok, size_t len, uint8_t *clause) {
  char stem[kMaxTermBytes];
  bool stemmed = false;
  size_t sl = 0;
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const HlTerm &h = s->hl[i];
    if (h.len == 0 || h.text[0] != tok[0]) continue;
    if (h.prefix) {
      if (len >= h.len && FOLIO_MEMCMP(tok, h.text, h.len) == 0) {
        *clause = h.clause;
        return true;
      }
      continue;
    }
    // a word stems to h only if it starts with h's first bytes (Porter2 changes at most the last two:
    // "happy" -> "happi", "dying" -> "die"): compare those before paying for the stemmer
    const size_t need = h.len > 2 ? h.len - 2u : 1u;
    if (len < need || FOLIO_MEMCMP(tok, h.text, need) != 0) continue;
    if (!stemmed) {
      sl = stem_copy(tok, len, stem);
      stemmed = true;
    }
    if (sl == h.len && FOLIO_MEMCMP(stem, h.text, sl) == 0) {
      *clause = h.clause;
      return true;
    }
  }
  return false;
}

// Writes the snippet of hit h into text[*used..]; fills snippet and highlight fields.
folio_status make_snippet(Scratch *s, folio_reader *r, folio_search_hit *h, char *out, size_t out_cap,
                          size_t *used, uint32_t *rflags) {
  h->snippet_off = static_cast<uint32_t>(*used);
  h->snippet_len = 0;
  h->highlight_count = 0;
  size_t tl = 0;
  const folio_status st = folio_section_text(r, h->section, s->text, kSnippetText, &tl);
  if (st != FOLIO_OK && st != FOLIO_E_DST_TOO_SMALL) return st;
  if (tl > kSnippetText) tl = kSnippetText;
  const char *t = s->text;
  // matches: a cheap byte scan splits the text into words (letters, digits, any non-ASCII byte, and
  // connectors inside a word); only words with a segment whose first two folded bytes start some
  // highlight term are run through the real tokenizer and stemmer
  uint32_t nm = 0;
  {
    // distinct clauses that can be highlighted: once a window holds all of them, stop scanning
    uint32_t want = 0;
    for (uint32_t k = 0; k < s->nhl; ++k) want |= 1u << (s->hl[k].clause & 31);
    size_t i = 0;
    bool done = false;
    while (i < tl && nm < kMaxMatches && !done) {
      if (!word_byte(static_cast<unsigned char>(t[i]))) {
        ++i;
        continue;
      }
      const size_t b = i;
      bool candidate = false;
      bool seg_start = true;
      while (i < tl) {
        const unsigned char c = static_cast<unsigned char>(t[i]);
        if (word_byte(c)) {
          if (seg_start && !candidate) candidate = hl_prefix_possible(s, t + i, tl - i);
          seg_start = false;
          ++i;
        } else if (is_connector(c) && i + 1 < tl && word_byte(static_cast<unsigned char>(t[i + 1]))) {
          seg_start = true;
          ++i;
        } else {
          break;
        }
      }
      if (!candidate) continue;
      text::Tokenizer tz(t + b, i - b);
      text::Token tok;
      uint32_t last_end = 0;
      while (tz.next(&tok) && nm < kMaxMatches) {
        if (tok.src_begin < last_end) continue;  // part of a compound already highlighted
        uint8_t cl;
        if (tok.len && hl_match(s, tok.text, tok.len, &cl)) {
          s->matches[nm].begin = static_cast<uint32_t>(b + tok.src_begin);
          s->matches[nm].end = static_cast<uint32_t>(b + tok.src_end);
          s->matches[nm].clause = cl;
          ++nm;
          last_end = tok.src_end;
          // does a window ending here hold every clause?
          uint32_t seen = 0;
          for (uint32_t j = nm; j > 0; --j) {
            const Match &m = s->matches[j - 1];
            if (s->matches[nm - 1].end - m.begin > kSnippetBytes - 40) break;
            seen |= 1u << (m.clause & 31);
          }
          if (want && (seen & want) == want) done = true;
        }
      }
    }
  }
  // best window: most distinct clauses, then most matches, then earliest
  size_t wb = 0;
  if (nm > 0) {
    uint32_t best_d = 0, best_m = 0, best_i = 0;
    for (uint32_t i = 0; i < nm; ++i) {
      uint32_t seen = 0, d = 0, m = 0;
      for (uint32_t j = i; j < nm && s->matches[j].end - s->matches[i].begin <= kSnippetBytes - 40; ++j) {
        const uint32_t bit = 1u << (s->matches[j].clause & 31);
        if (!(seen & bit)) {
          seen |= bit;
          ++d;
        }
        ++m;
      }
      if (d > best_d || (d == best_d && m > best_m)) {
        best_d = d;
        best_m = m;
        best_i = i;
      }
    }
    // start a little before the first match, at a word boundary
    const size_t mb = s->matches[best_i].begin;
    wb = mb > 40 ? mb - 40 : 0;
    if (wb > 0) {
      size_t k = wb;
      while (k < mb && !is_space_byte(static_cast<unsigned char>(t[k]))) ++k;
      wb = k < mb ? k + 1 : mb;
    }
  }
  size_t we = wb + kSnippetBytes;
  if (we >= tl) {
    we = tl;
  } else {
    size_t k = we;
    while (k > wb && !is_space_byte(static_cast<unsigned char>(t[k]))) --k;
    if (k > wb) we = k;
    while (we > wb && (static_cast<unsigned char>(t[we]) & 0xC0) == 0x80) --we;  // UTF-8 boundary
  }
  while (wb < we && is_space_byte(static_cast<unsigned char>(t[wb]))) ++wb;
  while (we > wb && is_space_byte(static_cast<unsigned char>(t[we - 1]))) --we;
  const bool pre = wb > 0, post = we < tl;
  const size_t need = (pre ? 3 : 0) + (we - wb) + (post ? 3 : 0);
  if (!out || *used + need > out_cap) {
    *rflags |= FOLIO_SEARCH_TEXT_FULL;
    return FOLIO_OK;
  }
  char *o = out + *used;
  size_t k = 0;
  static const char kEllipsis[3] = {'\xE2', '\x80', '\xA6'};
  if (pre) {
    FOLIO_MEMCPY(o, kEllipsis, 3);
    k = 3;
  }
  const size_t shift = k;
  for (size_t i = wb; i < we; ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    o[k++] = (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
  }
  if (post) {
    FOLIO_MEMCPY(o + k, kEllipsis, 3);
    k += 3;
  }
  h->snippet_len = static_cast<uint32_t>(k);
  *used += k;
  for (uint32_t i = 0; i < nm && h->highlight_count < FOLIO_SEARCH_MAX_HIGHLIGHTS; ++i) {
    const Match &m = s->matches[i];
    if (m.begin < wb || m.end > we) continue;
    folio_search_range &hr = h->highlights[h->highlight_count++];
    hr.off = static_cast<uint32_t>(m.begin - wb + shift);
    hr.len = m.end - m.begin;
  }
  return FOLIO_OK;
}

// Corrected query: the original bytes with each corrected word replaced by its correction.
void write_corrected(Scratch *s, const char *q, size_t len, char *out, size_t cap, size_t *used,
                     folio_search_result *res) {
  // clauses are in source order for plain words (synonym merging appends new clauses whose sources are
  // copies); walk the query once, replacing ranges
  size_t o = *used, i = 0;
  const size_t start = o;
  for (;;) {
    // next corrected clause starting at >= i
    const Clause *next = nullptr;
    for (uint32_t k = 0; k < s->nclauses; ++k) {
      const Clause *c = &s->clauses[k];
      if (c->corrected < 0 || c->src_begin < i || c->src_end > len) continue;
      if (!next || c->src_begin < next->src_begin) next = c;
    }
    const size_t stop = next ? next->src_begin : len;
    for (; i < stop; ++i) {
      if (o >= cap) return;
      const unsigned char c = static_cast<unsigned char>(q[i]);
      out[o++] = (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
    }
    if (!next) break;
    const Correction &co = s->corr[next->corrected];
    if (o + co.len > cap) return;
    FOLIO_MEMCPY(out + o, co.word, co.len);
    o += co.len;
    i = next->src_end;
  }
  res->corrected_off = static_cast<uint32_t>(start);
  res->corrected_len = static_cast<uint32_t>(o - start);
  res->flags |= FOLIO_SEARCH_CORRECTED;
  *used = o;
}

// Sections whose folded heading equals the folded query (at most 4): the entries of heading_order with the
// query key's hash are found by binary search, and their sections' headings (from the pack) folded and
// compared.
void find_headings(Scratch *s, const folio_pack *p, const char *q, size_t len) {
  const View *v = &s->v;
  if (v->nheading == 0) return;
  const size_t kl = text::fold_key(q, len, s->key, sizeof s->key);
  if (kl == 0 || kl > sizeof s->key) return;
  const uint32_t h = heading_hash(s->key, kl), w = 2 + v->wh;
  const uint8_t *e = v->heading_order;
  uint32_t lo = 0, hi = v->nheading;
  while (lo < hi) {  // first entry with hash >= h
    const uint32_t mid = lo + (hi - lo) / 2;
    if (le_get(e + static_cast<size_t>(mid) * w, 2) < h)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < v->nheading && s->nheading_sections < 4; ++i) {
    const uint8_t *ei = e + static_cast<size_t>(i) * w;
    if (le_get(ei, 2) != h) break;
    const uint32_t id = le_get(ei + 2, v->wh);
    folio_section sec;
    if (id >= v->nsections || detail::pack_section(p, id, &sec) != FOLIO_OK) break;
    const size_t hl = text::fold_key(sec.heading.ptr, sec.heading.len, s->heading_key, sizeof s->heading_key);
    if (hl == kl && FOLIO_MEMCMP(s->heading_key, s->key, kl) == 0) s->heading_sections[s->nheading_sections++] = id;
  }
}

}  // namespace

uint32_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, uint32_t cap) {
  if (alen > kMaxTermBytes || blen > kMaxTermBytes) return cap + 1;
  const size_t diff = alen > blen ? alen - blen : blen - alen;
  if (diff > cap) return cap + 1;
  uint8_t d[3][kMaxTermBytes + 1];  // rolling rows i-2, i-1, i
  for (size_t j = 0; j <= blen; ++j) d[0][j] = static_cast<uint8_t>(j);
  for (size_t i = 1; i <= alen; ++i) {
    uint8_t *cur = d[i % 3];
    const uint8_t *p1 = d[(i - 1) % 3];
    const uint8_t *p2 = d[(i + 1) % 3];  // (i - 2) % 3
    cur[0] = static_cast<uint8_t>(i);
    for (size_t j = 1; j <= blen; ++j) {
      uint32_t v = p1[j] + 1u;
      if (cur[j - 1] + 1u < v) v = cur[j - 1] + 1u;
      const uint32_t sub = p1[j - 1] + (a[i - 1] != b[j - 1] ? 1u : 0u);
      if (sub < v) v = sub;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && p2[j - 2] + 1u < v) v = p2[j - 2] + 1u;
      cur[j] = static_cast<uint8_t>(v > 250 ? 250 : v);
    }
  }
  const uint32_t r = d[alen % 3][blen];
  return r > cap ? cap + 1 : r;
}

static_assert(sizeof(Scratch) <= kScratchBudget, "the search scratch outgrew the budget packs declare");
size_t scratch_bytes() { return kScratchBudget; }

int64_t dict_check(const DictBlobs &b, void (*fn)(void *ctx, const DictTerm &t), void *ctx) {
  View v;
  if (!dict_view_init(b, &v)) return -1;
  v.postings = nullptr;  // only offsets are followed, never postings bytes
  DictIter it;
  dict_seek(&it, &v, 0);
  int64_t n = 0;
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
    if (fn) fn(ctx, t);
    ++n;
  }
  if (it.bad || n != v.nterms) return -1;
  return n;
}

bool available(const folio_pack *p) {
  View v;
  return view_init(p, &v);
}

folio_status search_run(folio_reader *r, const char *query, size_t len, uint32_t flags, folio_search_hit *hits,
                        uint32_t cap, char *text_out, size_t text_cap, folio_search_result *out) {
  FOLIO_MEMSET(out, 0, sizeof *out);
  const folio_pack *p = r->pack;
  if (!r->search_scratch || r->search_scratch_len < sizeof(Scratch)) {
    return available(p) ? FOLIO_E_WORKSPACE : FOLIO_E_NOT_FOUND;
  }
  Scratch *s = reinterpret_cast<Scratch *>(r->search_scratch);
  if (!view_init(p, &s->v)) return FOLIO_E_NOT_FOUND;
  if (!text::utf8_valid(query, len)) return FOLIO_E_UTF8;
  s->ncursors = s->nalts = s->nclauses = s->nhl = s->ncorr = s->nheap = 0;
  s->bad = s->truncated = false;
  s->topic_filter = false;
  s->topic = 0;
  s->audience = -1;
  s->title_article = kEnd;
  s->nheading_sections = 0;
  s->all_sections = (flags & FOLIO_SEARCH_ALL_SECTIONS) != 0;
  if (cap > kMaxHeap) cap = kMaxHeap;
  s->heap_cap = cap;

  ParseState ps{query, len, flags};
  bool empty = false;
  folio_status st = parse(s, p, ps, &empty);
  if (st != FOLIO_OK) return st;
  if (s->bad) return FOLIO_E_CORRUPT;
  if (s->truncated) out->flags |= FOLIO_SEARCH_TRUNCATED;
  if (empty) return FOLIO_OK;
  if (!(flags & FOLIO_SEARCH_NO_SYNONYMS)) expand_synonyms(s);

  s->nrequired = 0;
  for (uint32_t i = 0; i < s->nclauses; ++i)
    if (s->clauses[i].kind == CLAUSE_REQUIRED && s->clauses[i].na > 0) ++s->nrequired;
  if (s->nrequired == 0) {
    // only stopwords: they become required
    for (uint32_t i = 0; i < s->nclauses; ++i)
      if (s->clauses[i].kind == CLAUSE_OPTIONAL && s->clauses[i].na > 0) {
        s->clauses[i].kind = CLAUSE_REQUIRED;
        ++s->nrequired;
      }
  }
  // exact title / alias: only for plain queries (no operators)
  {
    bool plain = true;
    for (size_t i = 0; i < len && plain; ++i) plain = query[i] != '"' && query[i] != '*' && query[i] != ':';
    if (plain && len > 0 && query[0] != '-' && len < detail::kMaxKeyBytes) {
      // with typo corrections, the corrected query is what is compared ("sunbun" -> "sunburn")
      const char *tq = query;
      size_t tl = len;
      if (s->ncorr > 0) {
        folio_search_result tmp;
        FOLIO_MEMSET(&tmp, 0, sizeof tmp);
        size_t used = 0;
        write_corrected(s, query, len, s->text, kSnippetText, &used, &tmp);
        if (tmp.flags & FOLIO_SEARCH_CORRECTED) {
          tq = s->text + tmp.corrected_off;
          tl = tmp.corrected_len;
        }
      }
      folio_entry e;
      if (tl < detail::kMaxKeyBytes && detail::lookup_title(p, tq, tl, &e) == FOLIO_OK && (e.kind == 0 || e.kind == 1))
        s->title_article = e.article;
      find_headings(s, p, tq, tl);
    }
  }

  reset_eval(s);
  run_and(s, p);
  if (!s->all_sections) flush_article(s);
  if (s->bad) return FOLIO_E_CORRUPT;
  bool any_full = s->nheap > 0;
  if (s->nheap < cap && s->nrequired > 1) {
    reset_eval(s);
    run_or(s, p);
    if (!s->all_sections) flush_article(s);
    if (s->bad) return FOLIO_E_CORRUPT;
  }
  for (uint32_t i = 0; i < s->ncursors; ++i)
    if (s->cursors[i].bad) return FOLIO_E_CORRUPT;
  heap_sort(s);
  any_full = false;
  for (uint32_t i = 0; i < s->nheap; ++i) any_full |= s->heap[i].full != 0;
  if (s->nheap > 0 && !any_full) out->flags |= FOLIO_SEARCH_PARTIAL;

  size_t used = 0;
  if (s->ncorr > 0 && text_out) write_corrected(s, query, len, text_out, text_cap, &used, out);
  if (s->ncorr > 0 && !(out->flags & FOLIO_SEARCH_CORRECTED)) out->flags |= FOLIO_SEARCH_TEXT_FULL;

  FOLIO_MEMSET(s->hl_first, 0, sizeof s->hl_first);
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const unsigned char c = static_cast<unsigned char>(s->hl[i].text[0]);
    if (c >= 0x80)
      FOLIO_MEMSET(s->hl_first + 0x80, 1, 0x80);
    else
      s->hl_first[c] = 1;
  }
  for (uint32_t i = 0; i < s->nheap; ++i) {
    const HeapItem &it = s->heap[i];
    folio_search_hit *h = &hits[i];
    FOLIO_MEMSET(h, 0, sizeof *h);
    h->article = it.article;
    h->section = it.section;
    h->score = it.score * s->v.scale;
    h->flags = (it.full ? FOLIO_HIT_ALL_WORDS : 0u) | (it.title ? FOLIO_HIT_TITLE : 0u);
    h->more_sections = it.more;
    folio_article art;
    folio_section sec;
    if (detail::pack_article(p, it.article, &art) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (detail::pack_section(p, it.section, &sec) != FOLIO_OK) return FOLIO_E_CORRUPT;
    h->slug = art.slug;
    h->title = art.title;
    h->anchor = sec.anchor;
    h->heading = sec.heading;
    if (!(flags & FOLIO_SEARCH_NO_SNIPPETS) && text_out && text_cap > 0) {
      st = make_snippet(s, r, h, text_out, text_cap, &used, &out->flags);
      if (st != FOLIO_OK) return st;
    }
  }
  out->hit_count = s->nheap;
  out->text_len = static_cast<uint32_t>(used);
  return FOLIO_OK;
}

}  // namespace fts
}  // namespace folio
