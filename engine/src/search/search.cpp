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
// Scores: BM25F per posting, computed as it is read from its tf class and the section's field lengths,
// times the alternative's weight.
#include "search/search.h"

#include "codec/codec.h"
#include "lookup/lookup.h"
#include "pack/pack.h"
#include "text/text.h"

namespace folio {
namespace fts {
namespace {

#if defined(__GNUC__) || defined(__clang__)
#define FOLIO_SEARCH_NOINLINE __attribute__((noinline))  // a cold path kept out of the decoding loop
#elif defined(_MSC_VER)
#define FOLIO_SEARCH_NOINLINE __declspec(noinline)
#else
#define FOLIO_SEARCH_NOINLINE
#endif

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
  kSnippetText = kSnippetSource,  // section text scanned for a snippet (the rest is not looked at)
  kSnippetBytes = 200,
  kPrefixExpand = 8,
  kPrefixScan = 4096,
  kFuzzyKeep = 3,
  kFuzzyMaxLen = kTypoMaxBytes,  // longer words get no typo correction (and fit the automata's 64-bit masks)
  kMaxEdits = 2,
  kFuzzyHead = 3,     // with two edits allowed, at most one of them is in a term's first kFuzzyHead bytes
  kSkipRun = 16,     // typo walk: seek once this many terms in a row were stepped over below the next key
  kSeekCost = kTypoSeekCost,      // a seek costs about four decoded terms
  kFuzzyBudget = kTypoBudget,     // GCIDE's costliest words use about 11,000
  kMaxQueryTokens = 2048,
  kFastClasses = 16,  // classes whose body-only status View::fast_tf caches
  kSatTf = 2,
  kMemoSlots = 64,  // snippet word memo (hl_match): slots, and the longest word it keeps
  kMemoWord = 22,  // body tf up to which saturated scores are tabled (tf 1 and 2: 80 % of the bundled postings)
};

constexpr float kWeightParts = 0.9f;
constexpr float kWeightPrefix = 0.8f;
constexpr float kWeightFuzzy1 = 0.8f;
constexpr float kWeightFuzzy2 = 0.6f;
constexpr float kWeightSynonym = 0.6f;
constexpr float kOtherAltShare = 0.25f;  // the tie-breaker of a dis-max (Lucene's DisjunctionMaxQuery)

inline uint32_t u32_at(const uint8_t *base, uint32_t i) { return le32(base + 4u * static_cast<size_t>(i)); }

// ln(x) for x >= 1 without libm (the engine links nothing but zstd): x = m 2^e with m in [sqrt(1/2),
// sqrt(2)) from the double's exponent bits, and ln m = 2 atanh(t), t = (m - 1) / (m + 1), |t| < 0.172, by
// its series to t^11 (relative error below 1e-10).
double ln_ge1(double x) {
  uint64_t bits;
  FOLIO_MEMCPY(&bits, &x, sizeof bits);
  int e = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  bits = (bits & 0x000FFFFFFFFFFFFFull) | (uint64_t{1023} << 52);  // m in [1, 2)
  double m;
  FOLIO_MEMCPY(&m, &bits, sizeof m);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++e;
  }
  const double t = (m - 1.0) / (m + 1.0), t2 = t * t;
  const double series = t * (1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11))))));
  return e * 0.69314718055994530942 + 2.0 * series;
}


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
  const uint8_t *tf_classes;     // nclasses * kTfClassBytes
  uint32_t nclasses;
  const uint8_t *field_lengths;  // per section, ncols length codes (fields of length_fields)
  uint32_t ncols;
  int8_t col[FIELD_COUNT];       // column of field f in field_lengths, -1: none (length 0)
  float norm_a[FIELD_COUNT], norm_b[FIELD_COUNT];  // norm = a + b * length (1 - b_f, b_f / avg_f)
  uint8_t fast_tf[kFastClasses];  // class c < kFastClasses: its body tf when it has body words only and
                                  // at most kSatTf of them (the saturated score is tabled), else 0
  const uint8_t *body_codes;      // the body's length code of section d: body_codes[d * body_stride]
  uint32_t body_stride;
  Surface surface_codes[16];  // per surface code: 0 none, 1..nsurfaces dict_surfaces, others cut 255
  uint32_t nsurfaces;
  const uint8_t *syn_text;
  size_t syn_text_len;
  const uint8_t *syn_index;  // ws-byte offsets into syn_text, sorted by phrase
  uint32_t ws, nsyn;
  const uint8_t *heading_order;  // per heading: u16 hash, wh-byte section id; sorted by (hash, key, id)
  uint32_t wh, nheading;
  uint32_t nsections;
  const uint8_t *snip_frames;   // snippet source (search_format.h), NULL when the pack has none
  size_t snip_len;
  const uint8_t *snip_offsets;  // nsections + 1 u32 LE
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
  return true;
}

int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen) {
  return detail::bytes_compare(a, alen, b, blen);
}

// ---- term dictionary ------------------------------------------------------------------------------------

struct TermInfo {
  uint32_t df;
  uint32_t post_off, post_len;
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
  uint32_t docs_avail;   // bytes from docs to the end of the postings blob: a bit window may read them
                         // (what a code takes from past docs_len is refused after decoding it)
  uint32_t df, nblocks, skip;
  uint32_t idx;          // index of the current posting (kEnd before the first)
  uint32_t doc;          // current doc (kEnd when exhausted)
  uint32_t prev;         // previous doc (for delta decoding), kEnd = -1
  size_t dp;             // next byte in docs (varint block: next posting; packed block: the next block)
  size_t bitp;           // packed block: bit offset in docs of the next posting
  size_t pp;             // byte in pos at the start of posting pidx
  uint32_t pidx;
  uint32_t left;         // postings left in the current doc block (0: the next step reads a block header)
  uint8_t rk;            // Rice parameter of the current doc block; kVarintBlock: varints
  uint32_t cls;          // tf class of the current posting (< View::nclasses)
  uint32_t nclasses, nsections;
  float idf;             // < 0 until computed
  bool bad;
  // the open position block (block pidx, whose header pos_block_open validated): posting pj of the block
  // has its positions at pcur (bit offset when packed, byte offset when varints); a phrase check walks on
  // from there instead of re-reading the block from its start
  bool pb_open;
  uint32_t pj;
  size_t pcur;
  size_t pb_start_bits, pb_end;    // packed: bit offset of the counts; byte after the block
  uint8_t pb_wc, pb_wf, pb_wd, pb_varint;
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
  c->rk = 0;
  c->pp = 0;
  c->pidx = 0;
  c->pb_open = false;
  c->cls = 0;
  c->nclasses = v->nclasses;
  c->idf = -1.0f;  // computed when the cursor's first posting is scored
  c->nsections = v->nsections;
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
  c->docs_avail = static_cast<uint32_t>(v->postings_len - t.post_off - p);  // dict_next checked post_off + n
  c->pos = rec + p + db;
  c->pos_len = static_cast<uint32_t>(n - p - db);
  return true;
}

// A Rice-coded gap and a gamma-coded class at c->bitp (search_format.h), read with as many windows as
// they need; advances c->bitp. False if they are malformed. Bits past the stream read as 0 (the caller
// refuses a code that ends past docs_len).
FOLIO_SEARCH_NOINLINE bool rice_gamma_slow(Cursor *c, uint32_t *delta) {
  size_t bp = c->bitp;
  uint64_t w = bits_window(c->docs, c->docs_avail, bp);
  const uint32_t q = w ? ctz64(w) : 64u;
  if (q > kMaxRiceQuotient) return false;
  uint32_t u = q + 1;
  if (u + c->rk > 56) {
    bp += u;
    w = bits_window(c->docs, c->docs_avail, bp);
    u = 0;
  }
  *delta = (q << c->rk) | static_cast<uint32_t>((w >> u) & ((1ull << c->rk) - 1));
  u += c->rk;
  w >>= u;  // 56 - u valid bits
  uint32_t z = w ? ctz64(w) : 64u;
  if (2 * z + 1 > 56 - u) {  // the code runs past the window's valid bits
    bp += u;
    u = 0;
    w = bits_window(c->docs, c->docs_avail, bp);
    z = w ? ctz64(w) : 64u;
  }
  if (z >= kMaxClassBits) return false;
  c->cls = ((1u << z) | static_cast<uint32_t>((w >> (z + 1)) & ((1u << z) - 1u))) - 1u;
  c->bitp = bp + u + 2 * z + 1;
  return true;
}

// The current block's next posting: doc gap `delta`, index `next`.
inline bool cursor_land(Cursor *c, uint32_t next, uint32_t delta) {
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

inline bool cursor_step(Cursor *c) {
  const uint32_t next = c->idx == kEnd ? 0 : c->idx + 1;
  if (next >= c->df) {
    c->doc = kEnd;
    return false;
  }
  if (c->left == 0) {
    // block header (search_format.h): a single posting: none; else u8 k (kVarintBlock: varints)
    const uint32_t n = c->df - next < kPackBlock ? c->df - next : kPackBlock;
    if (n == 1) {
      c->rk = kVarintBlock;
      c->left = 1;
      uint32_t x;
      if (!varint_get(c->docs, c->docs_len, &c->dp, &x)) return c->bad = true, c->doc = kEnd, false;
      c->cls = 0;
      if ((x & 1u) && (!varint_get(c->docs, c->docs_len, &c->dp, &c->cls) || c->cls >= c->nclasses - 1))
        return c->bad = true, c->doc = kEnd, false;
      c->cls += x & 1u;
      return cursor_land(c, next, x >> 1);
    }
    if (c->dp >= c->docs_len) return c->bad = true, c->doc = kEnd, false;
    c->rk = c->docs[c->dp++];
    if (c->rk != kVarintBlock) {
      if (c->rk > kMaxRiceParam) return c->bad = true, c->doc = kEnd, false;
      c->bitp = c->dp * 8;
    }
    c->left = n;
  }
  uint32_t delta;
  if (c->rk == kVarintBlock) {
    if (!varint_get(c->docs, c->docs_len, &c->dp, &delta) || !varint_get(c->docs, c->docs_len, &c->dp, &c->cls)) {
      c->bad = true;
      c->doc = kEnd;
      return false;
    }
  } else {
    // Rice-coded gap, then the gamma-coded class: one 56-bit window holds both in the usual case (a short
    // quotient, a narrow parameter, class 0 in one bit); else rice_gamma_slow reads them with two windows
    const uint64_t w = bits_window(c->docs, c->docs_avail, c->bitp);
    const uint32_t q = ctz64(w | (1ull << 63)), rk = c->rk, used = q + 1 + rk;  // used <= 63 + 32
    const uint64_t rest = used < 56 ? w >> (q + 1) : 0;
    const uint64_t g = rest >> rk;  // the class's gamma code, 56 - used valid bits
    const uint32_t z = ctz64(g | (1ull << 63));
    if (used + 2 * z + 1 <= 56 && q <= kMaxRiceQuotient && z < kMaxClassBits) {
      delta = (q << rk) | static_cast<uint32_t>(rest & ((1ull << rk) - 1));
      c->cls = ((1u << z) | static_cast<uint32_t>((g >> (z + 1)) & ((1u << z) - 1u))) - 1u;
      c->bitp += used + 2 * z + 1;
    } else if (!rice_gamma_slow(c, &delta)) {
      return c->bad = true, c->doc = kEnd, false;
    }
    if (c->bitp > static_cast<uint64_t>(c->docs_len) * 8) return c->bad = true, c->doc = kEnd, false;
    if (c->left == 1) c->dp = (c->bitp + 7) / 8;  // the block's last posting: the next block follows
  }
  if (c->cls >= c->nclasses) return c->bad = true, c->doc = kEnd, false;
  return cursor_land(c, next, delta);
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
      c->pb_open = false;
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
  b->wc = b->wf = b->wd = 0;
  if (n != 1) {
    if (p >= len) return false;
    if (pos[p] == kVarintBlock) {
      ++p;
    } else {
      if (len - p < 2) return false;
      b->varint = false;
      const uint32_t h = pos[p] | (static_cast<uint32_t>(pos[p + 1]) << 8);
      b->wc = h & 31u;
      b->wf = (h >> 5) & 31u;
      b->wd = (h >> 10) & 31u;
      if (b->wc > kMaxPosCountBits || (h >> 15)) return false;
      p += 2;
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
// Postings are visited in increasing order, so the cursor keeps its position block open and walks on
// from the last posting it decoded (pos_block_open validates a block once, not once per phrase check).
uint32_t cursor_positions(Cursor *c, uint32_t *out, uint32_t cap) {
  if (c->doc == kEnd || c->idx == kEnd || c->pidx > c->idx) return 0;
  const uint32_t first = c->idx / kPackBlock * kPackBlock;  // the current posting's block
  if (c->pb_open && c->pidx != first) {
    // leave the open block: its end is known when packed, else walk its remaining postings
    const uint32_t n = c->df - c->pidx < kPackBlock ? c->df - c->pidx : kPackBlock;
    if (!c->pb_varint) {
      c->pp = c->pb_end;
    } else {
      size_t p = c->pcur;
      uint32_t got = 0;
      for (uint32_t i = c->pj; i < n; ++i)
        if (!pos_varint_posting(c->pos, c->pos_len, &p, nullptr, 0, &got)) return c->bad = true, 0;
      c->pp = p;
    }
    c->pidx += n;
    c->pb_open = false;
  }
  const uint32_t n = c->df - first < kPackBlock ? c->df - first : kPackBlock;
  if (!c->pb_open) {
    PosBlock b;
    while (c->pidx < first) {
      const uint32_t m = c->df - c->pidx < kPackBlock ? c->df - c->pidx : kPackBlock;
      if (!pos_block_open(c, c->pp, m, &b, true)) return c->bad = true, 0;
      c->pp = b.end;
      c->pidx += m;
    }
    if (c->pidx != first) return c->bad = true, 0;
    if (!pos_block_open(c, c->pp, n, &b, false)) return c->bad = true, 0;
    c->pb_open = true;
    c->pb_varint = b.varint ? 1 : 0;
    c->pb_wc = static_cast<uint8_t>(b.wc);
    c->pb_wf = static_cast<uint8_t>(b.wf);
    c->pb_wd = static_cast<uint8_t>(b.wd);
    c->pb_start_bits = b.start;
    c->pb_end = b.end;
    c->pj = 0;
    c->pcur = b.varint ? b.start : b.start + static_cast<size_t>(n) * b.wc;  // validated by pos_block_open
  }
  const uint32_t j = c->idx - first;
  if (j < c->pj) return c->bad = true, 0;  // cursors only move forward
  uint32_t got = 0;
  if (c->pb_varint) {
    for (; c->pj < j; ++c->pj)
      if (!pos_varint_posting(c->pos, c->pos_len, &c->pcur, nullptr, 0, &got)) return c->bad = true, 0;
    size_t p = c->pcur;
    if (!pos_varint_posting(c->pos, c->pos_len, &p, out, cap, &got)) return c->bad = true, 0;
    return got;
  }
  const uint32_t wc = c->pb_wc, wf = c->pb_wf, wd = c->pb_wd;
  for (; c->pj < j; ++c->pj) {
    const uint32_t cnt = bits_get(c->pos, c->pb_start_bits + static_cast<size_t>(c->pj) * wc, wc);
    if (cnt) c->pcur += wf + static_cast<size_t>(cnt - 1) * wd;
  }
  const uint32_t cnt = bits_get(c->pos, c->pb_start_bits + static_cast<size_t>(j) * wc, wc);
  if (cnt == 0) return 0;
  size_t bit = c->pcur;
  uint32_t cur = bits_get(c->pos, bit, wf);
  bit += wf;
  if (cap > 0) out[got++] = cur;
  for (uint32_t k = 1; k < cnt; ++k) {
    cur += bits_get(c->pos, bit, wd);
    bit += wd;
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
  uint32_t doc;     // current candidate doc: every term occurs (valid when init)
  bool init;
  bool checked, ok; // phrase: whether doc passed the position check (two-phase: checked lazily)
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

// Bit-parallel Levenshtein automaton with transpositions (Wu-Manber's k-errors NFA, with Hyyrö's
// transposition states) for a pattern of q <= kFuzzyMaxLen bytes: after reading a string t, bit j of r[e]
// says that w[0..j) is within e edits of t (the optimal-string-alignment DP cell (|t|, j) is <= e), and
// bit j of x[e] that t ends with w[j + 1] read from a state of r[e - 1] at j (half of a transposition,
// completed if the next byte is w[j]). One step costs a few word operations per error level instead of
// one DP row; the distance is the least e with bit q in r[e], and a string can still be extended into
// a match while r[k] is not 0.
struct LevState {
  uint64_t r[kMaxEdits + 1], x[kMaxEdits + 1];
};

struct LevPattern {
  uint64_t mask[256];  // bit j + 1: w[j] is the byte
  uint64_t all;        // bits 0..q
  uint32_t q, k;
};

struct MemoEntry {
  char word[kMemoWord];
  uint8_t clause, match;
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
  LevPattern lev[2];                     // typo automata: the typed word, its stem
  LevState lst[2][kMaxTermBytes + 1];    // their states along the current dictionary term
  char text[kSnippetText];
  uint8_t hl_first[256];  // first bytes of the highlight terms (any non-ASCII first byte: all 0x80..0xFF)
  uint64_t hl_pair[128][2];  // ASCII first byte -> bit set of ASCII second bytes a term can go on with
  uint32_t ncursors, nalts, nclauses, nhl, ncorr, nheap, heap_cap;
  uint32_t fz_terms, fz_seeks, fz_budget;  // typo lookup: work done (typo_candidates reports it), budget left
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
  // BM25F tables of the query, filled on first use (a bit per entry says it is filled): 1 / norm per field
  // and length code, and the saturated body score of tf 1..kSatTf per length code
  float inv_tab[FIELD_COUNT][256];
  float sat_tab[kSatTf][256];
  uint64_t inv_have[FIELD_COUNT][4];
  uint64_t sat_have[kSatTf][4];
  // snippet words already matched against the highlight terms (hl_match); memo_len: word bytes + 1, 0 empty
  MemoEntry memo[kMemoSlots];
  uint8_t memo_len[kMemoSlots];
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

// Advance alternative a to its first candidate doc >= t: one where all its terms occur. Whether a
// phrase's words are also adjacent there is checked only when the doc matters (alt_ok): two-phase
// iteration, as in Lucene, so that position lists are read only where every other clause matches too.
uint32_t alt_advance(Scratch *s, Alt *a, uint32_t t) {
  if (a->init && (a->doc >= t)) return a->doc;
  a->init = true;
  a->checked = false;
  if (a->n == 0) return a->doc = kEnd;
  uint32_t d = t;
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
  return a->doc = d;
}

// Does alternative a match doc d (its candidate, with the phrase check done once)?
bool alt_ok(Scratch *s, Alt *a, uint32_t d) {
  if (!a->init || a->doc != d || d == kEnd) return false;
  if (!a->phrase) return true;
  if (!a->checked) {
    a->ok = phrase_ok(s, a);
    a->checked = true;
  }
  return a->ok;
}

// Advance clause c to its first candidate doc >= t (the smallest of its alternatives' candidates).
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

// Does clause c (advanced to >= d) really match doc d: some alternative passes its phrase check?
bool clause_ok(Scratch *s, Clause *c, uint32_t d) {
  if (c->doc != d) return false;
  for (uint32_t i = 0; i < c->na; ++i)
    if (alt_ok(s, &s->alts[c->a0 + i], d)) return true;
  return false;
}

// 1 / norm of field f for length code `code`, from the query's table (computed on first use).
inline float inv_norm(Scratch *s, int f, uint32_t code) {
  uint64_t &have = s->inv_have[f][code >> 6];
  const uint64_t bit = 1ull << (code & 63);
  if (!(have & bit)) {
    have |= bit;
    s->inv_tab[f][code] = 1.0f / (s->v.norm_a[f] + s->v.norm_b[f] * static_cast<float>(length_value(code)));
  }
  return s->inv_tab[f][code];
}

inline uint32_t length_code_of(const View &v, uint32_t d, int f) {
  return v.col[f] >= 0 && v.field_lengths ? v.field_lengths[static_cast<size_t>(d) * v.ncols + v.col[f]] : 0u;
}

// BM25F score of cursor c's current posting, in section d (search_format.h).
float posting_score(Scratch *s, Cursor *c, uint32_t d) {
  const View &v = s->v;
  if (c->idf < 0.0f) c->idf = bm25_idf(c->df, c->nsections);
  auto sat = [](float x) { return x > 0.0f ? x * (kK1 + 1.0f) / (x + kK1) : 0.0f; };
  if (c->cls < kFastClasses && v.fast_tf[c->cls]) {
    // the usual posting: one or two body words. sat() of the body from the query's table
    const uint32_t t = v.fast_tf[c->cls] - 1u, code = v.body_codes[static_cast<size_t>(d) * v.body_stride];
    uint64_t &have = s->sat_have[t][code >> 6];
    const uint64_t bit = 1ull << (code & 63);
    if (!(have & bit)) {
      have |= bit;
      s->sat_tab[t][code] = sat(kFieldParams[FIELD_BODY].weight * static_cast<float>(t + 1) * inv_norm(s, FIELD_BODY, code));
    }
    return c->idf * s->sat_tab[t][code];
  }
  const uint8_t *tf = v.tf_classes + static_cast<size_t>(c->cls) * kTfClassBytes;
  float names = 0.0f, text = 0.0f;
  for (int f = 0; f < FIELD_COUNT; ++f) {
    if (!tf[f]) continue;
    const float x = kFieldParams[f].weight * static_cast<float>(tf[f]) * inv_norm(s, f, length_code_of(v, d, f));
    if (field_is_name(f))
      names += x;
    else
      text += x;
  }
  return c->idf * (sat(names) + sat(text));
}

// Score of clause c at doc d (clause already advanced to >= d): best alternative matching d.
float clause_score(Scratch *s, const Clause *c, uint32_t d) {
  // the best alternative, plus a share of the others that also match (a section that says both
  // "runner's knee" and "patellofemoral pain" beats one that only has the first)
  float best = 0.0f, total = 0.0f;
  for (uint32_t i = 0; i < c->na; ++i) {
    Alt *a = &s->alts[c->a0 + i];
    if (!alt_ok(s, a, d)) continue;
    float sum = 0.0f;
    for (uint32_t k = 0; k < a->n; ++k) sum += posting_score(s, &s->cursors[a->c0 + k], d);
    const float sc = a->weight * sum;
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
    c->rk = 0;
    c->cls = 0;
    c->pidx = 0;
    c->pb_open = false;
  }
  s->nheap = 0;
  FOLIO_MEMSET(s->inv_have, 0, sizeof s->inv_have);
  FOLIO_MEMSET(s->sat_have, 0, sizeof s->sat_have);
  s->cur_article = kEnd;
  s->cur_end = 0;
  s->cur_has = false;
}

bool negated(Scratch *s, uint32_t d) {
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    Clause *c = &s->clauses[i];
    if (c->kind == CLAUSE_NEGATIVE && clause_advance(s, c, d) == d && clause_ok(s, c, d)) return true;
  }
  return false;
}

float optional_score(Scratch *s, uint32_t d) {
  float sc = 0.0f;
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    Clause *c = &s->clauses[i];
    if (c->kind == CLAUSE_OPTIONAL && clause_advance(s, c, d) == d) sc += clause_score(s, c, d);  // 0 if no match
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
    // every required clause has a candidate at t: now the phrase checks
    bool all = true;
    for (uint32_t i = 0; i < s->nclauses && all; ++i) {
      Clause *c = &s->clauses[i];
      if (c->kind == CLAUSE_REQUIRED) all = clause_ok(s, c, t);
    }
    if (all && !negated(s, t) && accept(s, p, t)) {
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
    uint32_t matched = 0;
    for (uint32_t i = 0; i < s->nclauses; ++i) {
      Clause *c = &s->clauses[i];
      if (c->kind == CLAUSE_REQUIRED && clause_ok(s, c, t)) ++matched;
    }
    if (matched > 0 && !negated(s, t) && accept(s, p, t)) {
      float sc = 0.0f;
      for (uint32_t i = 0; i < s->nclauses; ++i) {
        Clause *c = &s->clauses[i];
        if (c->kind == CLAUSE_REQUIRED && c->doc == t) sc += clause_score(s, c, t);
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
  TermInfo ti{0, 0, 0};
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
  // a stopword inside a phrase or synonym ("wear and tear") is only required to be present: lighting up
  // every "and" of a snippet would be noise
  if (s->clauses[ci].kind == CLAUSE_REQUIRED && !(relpos >= kNoPos && text::is_stopword(t, len)))
    add_hl(s, t, len, false, ci);
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

// Typo candidates for the folded query word w (docs/search.md, "Typos"): dictionary terms within k edits
// (k = 1 for words of up to 5 bytes, else 2; optimal string alignment: insertions, deletions,
// substitutions and transpositions of adjacent bytes) of w, measured against each term's surface form (the
// most frequent word that stems to it) and, for the typed word's stem, against the term itself. With
// k = 2 a term's first kFuzzyHead (3) bytes must be within one edit of a prefix of w: at most one of the
// two edits is at the start of the word, where typing errors are rarest and where a second one would let
// nearly every term of the dictionary through the walk's pruning. The ranges walked:
//   - the terms starting with w[0] or w[1] (the first letter right, swapped with the second, or an extra
//     letter typed before the word);
//   - for every other first byte c of the dictionary, the terms starting with c w[1] (the first letter
//     wrong) and c w[0] (the first letter missing), followed by w[2] / w[1] when k = 2.
// Together they hold every term within the bounds: a term starting with another byte has its edit there,
// so its next byte (k = 1) or two (k = 2, the head rule) must be w's, from w[1] or from w[0], unedited.
//
// Each range is walked in dictionary order by two Levenshtein automata (the word's, its stem's) whose
// states are kept per byte of the current term and reused along the front-coded common prefixes. Once
// both die at a byte, next_alive() computes the next key that could start a candidate; the terms below
// it are stepped over with no automaton work, or seeked past when there are more than a few (kSkipRun).
// The work per word is capped (kFuzzyBudget units: a decoded term is one, a seek kSeekCost), so no word
// costs more than about half a millisecond on a large dictionary; past the cap the candidates found so
// far are used. Candidates are kept in a fixed order (cand_add), so the order of the walk does not matter.
struct FuzzyCand {
  uint32_t dist, first, df;  // first: 1 when the term's first byte is neither of the word's first two
  char term[kMaxTermBytes];
  uint32_t len;
  char surf[kMaxTermBytes];
  uint32_t surf_len;
};

// The typed word and its stem (the automata's patterns) with the distance bound.
struct FuzzyWord {
  const char *w, *ws;
  uint32_t q, qs, maxd;
  bool same;  // the word is its own stem: one automaton is enough
};

void lev_init(LevPattern *p, LevState *s0, const char *w, uint32_t q, uint32_t k) {
  FOLIO_MEMSET(p->mask, 0, sizeof p->mask);
  for (uint32_t j = 0; j < q; ++j) p->mask[static_cast<unsigned char>(w[j])] |= 1ull << (j + 1);
  p->all = (2ull << q) - 1;
  p->q = q;
  p->k = k;
  for (uint32_t e = 0; e <= kMaxEdits; ++e) {
    s0->r[e] = e <= k ? (2ull << e) - 1 : 0;  // the first e bytes of w deleted
    s0->x[e] = 0;
  }
}

inline void lev_step(const LevPattern &p, const LevState &a, LevState *b, unsigned char c) {
  const uint64_t m = p.mask[c];
  b->r[0] = (a.r[0] << 1) & m;
  b->x[0] = 0;
  for (uint32_t e = 1; e <= p.k; ++e) {
    // match | insertion (t has an extra byte) | substitution | deletion (w has one) | transposition
    const uint64_t r = ((a.r[e] << 1) & m) | a.r[e - 1] | (a.r[e - 1] << 1) | (b->r[e - 1] << 1) |
                       ((a.x[e] << 2) & (m << 1));
    b->r[e] = r & p.all;
    b->x[e] = a.r[e - 1] & (m >> 2);
  }
}

inline uint32_t lev_distance(const LevPattern &p, const LevState &s) {
  for (uint32_t e = 0; e <= p.k; ++e)
    if ((s.r[e] >> p.q) & 1u) return e;
  return p.k + 1;
}

inline bool lev_alive(const LevPattern &p, const LevState &s) { return s.r[p.k] != 0; }

// Distance of the automaton's pattern to the string whose state is s followed by suf (slen bytes).
uint32_t lev_extend(const LevPattern &p, LevState s, const uint8_t *suf, uint32_t slen) {
  LevState t;
  for (uint32_t k = 0; k < slen && lev_alive(p, s); ++k) {
    lev_step(p, s, &t, suf[k]);
    s = t;
  }
  return lev_distance(p, s);
}

// The smallest byte above cur after which the automaton is within `bound` (<= k) edits of a prefix of w,
// from the state s (256: none).
uint32_t lev_next_byte(const LevPattern &p, const char *w, const LevState &s, uint32_t cur, uint32_t bound) {
  if (s.r[bound] == 0) return 256;
  if (bound > 0 && s.r[bound - 1] != 0) return cur + 1;  // a substitution keeps any byte within the bound
  // at the bound: only a match (bit j of r: w[j]) or the second half of a transposition (bit j of x: w[j])
  const uint64_t bits = s.r[bound] | s.x[bound];
  uint32_t best = 256;
  for (uint32_t j = 0; j < p.q; ++j) {
    const uint32_t b = static_cast<unsigned char>(w[j]);
    if (((bits >> j) & 1u) && b > cur && b < best) best = b;
  }
  return best;
}

// Insert a candidate into the kept list, ordered by distance, then first-letter class (a term starting with
// the word's first or second byte before one that needs the first letter fixed: errors in the first
// letter are the rarest), then df (descending), then term bytes.
void cand_add(FuzzyCand *cands, uint32_t *ncand, uint32_t d, uint32_t first, uint32_t df, const char *term,
              uint32_t len, const char *surf, uint32_t sl) {
  uint32_t pos = *ncand;
  while (pos > 0) {
    const FuzzyCand &c = cands[pos - 1];
    const bool before = c.dist != d     ? c.dist < d
                        : c.first != first ? c.first < first
                        : c.df != df       ? c.df > df
                                           : cmp_bytes(c.term, c.len, term, len) < 0;
    if (before) break;
    --pos;
  }
  if (pos >= kFuzzyKeep) return;
  const uint32_t last = *ncand < kFuzzyKeep ? *ncand : kFuzzyKeep - 1;
  for (uint32_t k = last; k > pos; --k) cands[k] = cands[k - 1];
  FuzzyCand &fc = cands[pos];
  fc.dist = d;
  fc.first = first;
  fc.df = df;
  FOLIO_MEMCPY(fc.term, term, len);
  fc.len = len;
  FOLIO_MEMCPY(fc.surf, surf, sl);
  fc.surf_len = sl;
  if (*ncand < kFuzzyKeep) ++*ncand;
}

// The largest distance at which a term of class `first` could still enter the kept list (0: none): with
// the list full, its last candidate's distance, one less when that one is of a better class. Walking with
// this bound instead of k gives the same candidates with less work (once three terms at distance 1 are
// kept, only distance 1 is looked for; terms needing the first letter fixed then only at distance 0,
// which is not a typo).
uint32_t fuzzy_bound(uint32_t maxd, const FuzzyCand *cands, uint32_t ncand, uint32_t first) {
  if (ncand < kFuzzyKeep) return maxd;
  const FuzzyCand &last = cands[kFuzzyKeep - 1];
  const uint32_t b = last.first < first ? last.dist - 1 : last.dist;
  return b < maxd ? b : maxd;
}

// Charge the typo budget; false once it is spent.
inline bool fuzzy_charge(Scratch *s, uint32_t units) {
  if (s->fz_budget < units) {
    s->fz_budget = 0;
    return false;
  }
  s->fz_budget -= units;
  return true;
}

// Position `it` on the first term >= key (a seek, charged to the typo budget). False at the end, on
// corruption (s->bad) or when the budget is spent.
bool fuzzy_seek(Scratch *s, DictIter *it, const char *key, uint32_t klen) {
  if (!fuzzy_charge(s, kSeekCost)) return false;
  ++s->fz_seeks;
  if (dict_lower_bound(it, &s->v, key, klen)) return true;
  if (it->bad) s->bad = true;
  return false;
}

// The smallest key after every string starting with t[0..i) (a hopeless prefix: both automata die at
// byte i) that could still start a candidate: t[0..d-1) plus one byte, d > plen. Returns d, or 0 when no
// such key is left in the range. (Lucene's AutomatonTermsEnum seeks the same way.)
uint32_t next_alive(const Scratch *s, const FuzzyWord &fw, uint32_t kb, const char *t, uint32_t i, uint32_t plen,
                    char *key) {
  for (uint32_t d = i; d > plen; --d) {
    const uint32_t cur = static_cast<unsigned char>(t[d - 1]);
    const uint32_t bound = d == kFuzzyHead && kb >= fw.maxd && fw.maxd > 1 ? fw.maxd - 1 : kb;
    uint32_t best = lev_next_byte(s->lev[0], fw.w, s->lst[0][d - 1], cur, bound);
    if (!fw.same) {
      const uint32_t b2 = lev_next_byte(s->lev[1], fw.ws, s->lst[1][d - 1], cur, bound);
      if (b2 < best) best = b2;
    }
    if (best < 256) {
      FOLIO_MEMCPY(key, t, d - 1);
      key[d - 1] = static_cast<char>(best);
      return d;
    }
  }
  return 0;
}

// Walk the terms starting with pre (plen bytes) and collect candidates. Two distances are tracked along
// each term's path: the typed word against the term's surface form, and the typed word's stem against
// the term itself ("incleemntly" -> stem "incleemnt" is one edit from "inclement", whose stored surface
// form may be another word of the family). Automaton states are kept per byte of the current term and
// reused along the front-coded common prefixes; past a hopeless prefix, next_alive gives the next key
// worth looking at: the terms below it are stepped over with no automaton work, or seeked past when
// there are many.
void fuzzy_range(Scratch *s, const FuzzyWord &fw, const char *pre, uint32_t plen, uint32_t first,
                 FuzzyCand *cands, uint32_t *ncand) {
  const LevPattern &p0 = s->lev[0], &p1 = s->lev[1];
  LevState *st0 = s->lst[0], *st1 = fw.same ? s->lst[0] : s->lst[1];
  DictIter it;
  if (!fuzzy_seek(s, &it, pre, plen)) return;
  uint32_t lcp = 0;    // bytes the current term shares with the last one whose states were computed
  uint32_t valid = 0;  // states 0..valid hold that term's first `valid` bytes
  char key[kMaxTermBytes];
  uint32_t klen = 0;   // > 0: the terms below key are hopeless
  uint32_t run = 0;    // terms stepped over below key
  uint32_t shared = 0; // while stepping: bytes every term since the hopeless one shared with it
  for (;;) {
    if (klen > 0) {
      // below key: the term still has key's first klen - 1 bytes (shared >= klen - 1: no term in between
      // diverged from them, as terms only grow) and a smaller byte after them
      if (shared >= klen - 1 && it.len >= klen &&
          static_cast<unsigned char>(it.term[klen - 1]) < static_cast<unsigned char>(key[klen - 1])) {
        if (++run < kSkipRun) {
          if (!fuzzy_charge(s, 1)) return;
          ++s->fz_terms;
          if (!dict_next(&it)) break;
          if (it.lcp < shared) shared = it.lcp;
          continue;
        }
        if (!fuzzy_seek(s, &it, key, klen)) return;
      }
      // the term is at or past key, whose first klen - 1 bytes are the states' term's
      lcp = 0;
      while (lcp + 1 < klen && lcp < it.len && it.term[lcp] == key[lcp]) ++lcp;
      klen = 0;
      run = 0;
    }
    if (lcp < plen && (it.len < plen || FOLIO_MEMCMP(it.term, pre, plen) != 0)) break;  // past the range
    const uint32_t kb = fuzzy_bound(fw.maxd, cands, *ncand, first);
    if (kb == 0) return;
    if (lcp < valid) valid = lcp;
    uint32_t i = valid + 1;
    bool hopeless = false;
    for (; i <= it.len; ++i) {
      const unsigned char c = static_cast<unsigned char>(it.term[i - 1]);
      lev_step(p0, st0[i - 1], &st0[i], c);
      // within the bound; at the head's last byte, within k - 1 (see fuzzy_find)
      const uint32_t bound = i == kFuzzyHead && kb >= fw.maxd && fw.maxd > 1 ? fw.maxd - 1 : kb;
      bool alive = st0[i].r[bound] != 0;
      if (!fw.same) {
        lev_step(p1, st1[i - 1], &st1[i], c);
        alive = alive || st1[i].r[bound] != 0;
      }
      if (!alive) {
        hopeless = true;
        break;
      }
    }
    valid = hopeless ? i - 1 : it.len;
    const uint32_t keep = it.len - it.surf_cut;  // the surface shares the stem's first `keep` bytes
    if (it.info.df > 0 && keep <= valid) {
      const uint32_t d1 = lev_extend(p0, st0[keep], it.surf, it.surf_len);
      const uint32_t d2 = valid >= it.len ? lev_distance(fw.same ? p0 : p1, st1[it.len]) : kMaxEdits + 1;
      const uint32_t d = d1 < d2 ? d1 : d2;
      if (d > 0 && d <= fw.maxd) {
        char surf[kMaxTermBytes];
        uint32_t sl = keep + it.surf_len;
        if (sl > kMaxTermBytes) sl = kMaxTermBytes;
        FOLIO_MEMCPY(surf, it.term, keep);
        FOLIO_MEMCPY(surf + keep, it.surf, sl - keep);
        cand_add(cands, ncand, d, first, it.info.df, it.term, it.len, surf, sl);
      }
    }
    if (hopeless) {
      klen = i <= plen ? 0 : next_alive(s, fw, kb, it.term, i, plen, key);
      if (klen == 0) return;  // nothing further in the range can match
      shared = klen - 1;      // the term shares key's first klen - 1 bytes
    }
    if (!fuzzy_charge(s, 1)) return;
    ++s->fz_terms;
    if (!dict_next(&it)) break;
    lcp = it.lcp;
    if (it.lcp < shared) shared = it.lcp;
  }
  if (it.bad) s->bad = true;
}

// The candidates of w (stem ws), best first, in cands (at most kFuzzyKeep), for at most `budget` units of
// work; returns the best distance (0 = none found).
uint32_t fuzzy_find(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, FuzzyCand *cands,
                    uint32_t *ncand, uint32_t budget) {
  *ncand = 0;
  s->fz_terms = s->fz_seeks = 0;
  s->fz_budget = budget;
  if (wlen < 3 || wlen > kFuzzyMaxLen || wslen == 0 || wslen > kFuzzyMaxLen) return 0;
  FuzzyWord fw;
  fw.w = w;
  fw.ws = ws;
  fw.q = static_cast<uint32_t>(wlen);
  fw.qs = static_cast<uint32_t>(wslen);
  fw.maxd = wlen <= 5 ? 1 : 2;
  fw.same = fw.q == fw.qs && FOLIO_MEMCMP(w, ws, fw.q) == 0;
  lev_init(&s->lev[0], &s->lst[0][0], w, fw.q, fw.maxd);
  if (!fw.same) lev_init(&s->lev[1], &s->lst[1][0], ws, fw.qs, fw.maxd);
  // terms starting with the word's first or second byte
  fuzzy_range(s, fw, w, 1, 0, cands, ncand);
  if (w[1] != w[0]) fuzzy_range(s, fw, w + 1, 1, 0, cands, ncand);
  // every other first byte c: c w[1] (the first letter wrong) and c w[0] (missing), followed by w[2] and
  // w[1] when two edits are allowed (the one left goes after them); the tails in byte order
  const uint32_t tl = fw.maxd >= 2 ? 2 : 1;
  const char *tails[2] = {w + 1, w};
  uint32_t ntails = 2;
  const int tc = cmp_bytes(tails[0], tl, tails[1], tl);
  if (tc == 0) ntails = 1;
  if (tc > 0) {
    tails[0] = w;
    tails[1] = w + 1;
  }
  DictIter it;
  char key[3] = {0, 0, 0};
  if (!fuzzy_seek(s, &it, key, 0)) return *ncand ? cands[0].dist : 0;
  for (;;) {
    const unsigned char c = it.len ? static_cast<unsigned char>(it.term[0]) : 0;
    if (it.len > 0 && it.term[0] != w[0] && it.term[0] != w[1]) {
      for (uint32_t k = 0; k < ntails && !s->bad && s->fz_budget > 0; ++k) {
        if (fuzzy_bound(fw.maxd, cands, *ncand, 1) == 0) break;  // nothing changing the first letter can enter
        key[0] = it.term[0];
        FOLIO_MEMCPY(key + 1, tails[k], tl);
        fuzzy_range(s, fw, key, 1 + tl, 1, cands, ncand);
      }
    }
    if ((it.len > 0 && c == 0xFF) || s->bad) break;
    key[0] = static_cast<char>(it.len ? c + 1 : 0);  // (an empty first term: the terms from "\0" on)
    if (!fuzzy_seek(s, &it, key, 1)) break;
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
  // a word of the synonym table ("ESCs": an abbreviation no section spells out) is known too: it is
  // expanded, not corrected into its nearest dictionary neighbour ("MSCs")
  const bool known = s->cursors[a->c0].df > 0 || syn_find(&s->v, stem, sl) >= 0;
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
    fuzzy_find(s, tok.text, tok.len, stem, sl, cands, &nc, kFuzzyBudget);
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

// The first bytes a token must share with highlight term h to match it: all of a prefix term; for a
// stem, all but its last two bytes (Porter2 changes at most the last two: "happy" -> "happi", "dying"
// -> "die"), at least one.
inline size_t hl_need(const HlTerm &h) { return h.prefix ? h.len : (h.len > 2 ? h.len - 2u : 1u); }

// Could a word starting at p (n bytes of text left) match a highlight term? hl_match needs the folded
// token to start with the term's first need bytes (need: see hl_match); for ASCII letters and digits
// the folded token is the ASCII-lowered text, so those bytes are compared here, before paying for the
// tokenizer and the stemmer. Any other byte (non-ASCII, an apostrophe or comma the tokenizer drops)
// makes the word a candidate.
bool hl_prefix_possible(const Scratch *s, const char *p, size_t n) {
  const unsigned char c0 = ascii_lower(static_cast<unsigned char>(p[0]));
  if (c0 >= 0x80) return true;
  if (!s->hl_first[c0]) return false;
  if (n > 1) {
    const unsigned char c1 = static_cast<unsigned char>(p[1]);
    const bool alnum = (c1 >= 'a' && c1 <= 'z') || (c1 >= 'A' && c1 <= 'Z') || (c1 >= '0' && c1 <= '9');
    if (alnum) {
      const unsigned char l1 = ascii_lower(c1);
      if (!((s->hl_pair[c0][l1 >> 6] >> (l1 & 63)) & 1u)) return false;
    }
  }
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const HlTerm &h = s->hl[i];
    const size_t need = hl_need(h);
    bool possible = true;
    for (size_t k = 0; k < need && possible; ++k) {
      if (k >= n) {
        possible = false;
        break;
      }
      const unsigned char c = static_cast<unsigned char>(p[k]);
      const unsigned char hc = static_cast<unsigned char>(h.text[k]);
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!plain || hc >= 0x80) return true;  // the tokenizer decides
      possible = ascii_lower(c) == hc;
    }
    if (possible) return true;
  }
  return false;
}

bool hl_match_uncached(const Scratch *s, const char *tok, size_t len, uint8_t *clause) {
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
    // a word stems to h only if it starts with h's first bytes: compare those before paying for the stemmer
    const size_t need = hl_need(h);
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

// hl_match with a memo of the query's answers per word (snippet texts repeat their words: "stem cells"
// many times a section): a small direct-mapped table keyed by the folded word, so a repeated candidate
// word skips the stemmer. The answer depends only on the word and the query's highlight terms.
bool hl_match(Scratch *s, const char *tok, size_t len, uint8_t *clause) {
  if (len > kMemoWord) return hl_match_uncached(s, tok, len, clause);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) h = (h ^ static_cast<unsigned char>(tok[i])) * 16777619u;
  const uint32_t slot = (h ^ (h >> 15)) & (kMemoSlots - 1);
  MemoEntry &e = s->memo[slot];
  if (s->memo_len[slot] == len + 1 && FOLIO_MEMCMP(e.word, tok, len) == 0) {
    *clause = e.clause;
    return e.match != 0;
  }
  uint8_t cl = 0;
  const bool m = hl_match_uncached(s, tok, len, &cl);
  s->memo_len[slot] = static_cast<uint8_t>(len + 1);
  FOLIO_MEMCPY(e.word, tok, len);
  e.clause = cl;
  e.match = m ? 1 : 0;
  *clause = cl;
  return m;
}

// The snippet source of section sec (its text, cut to kSnippetText bytes at a character boundary) into
// s->text: one small frame of the index's snippet store, or, for a section without a frame (or in a
// pack without the store), the section rendered from its article (a whole-article decompression).
folio_status snippet_source(Scratch *s, folio_reader *r, uint32_t sec, size_t *len) {
  *len = 0;
  const View *v = &s->v;
  if (v->snip_offsets) {
    if (sec >= v->nsections) return FOLIO_E_CORRUPT;
    const uint32_t a = u32_at(v->snip_offsets, sec), b = u32_at(v->snip_offsets, sec + 1);
    if (a > b || b > v->snip_len) return FOLIO_E_CORRUPT;
    if (a < b) {
      size_t n = 0;
      if (!detail::codec_content_size(v->snip_frames + a, b - a, &n) || n == 0 || n > kSnippetText)
        return FOLIO_E_CORRUPT;
      if (detail::codec_decompress(r->dctx, r->pack->ddict, s->text, kSnippetText, v->snip_frames + a, b - a, n) !=
          detail::CODEC_OK)
        return FOLIO_E_CORRUPT;
      *len = n;
      return FOLIO_OK;
    }
    // no frame (a section without text, or of a one-section article): render it
  }
  size_t tl = 0;
  const folio_status st = folio_section_text(r, sec, s->text, kSnippetText, &tl);
  if (st != FOLIO_OK && st != FOLIO_E_DST_TOO_SMALL) return st;
  *len = snippet_source_len(s->text, tl);
  return FOLIO_OK;
}

// Does a snippet window ending at the last of the nm matches hold every clause in `want`?
bool window_complete(const Scratch *s, uint32_t nm, uint32_t want) {
  uint32_t seen = 0;
  for (uint32_t j = nm; j > 0; --j) {
    const Match &m = s->matches[j - 1];
    if (s->matches[nm - 1].end - m.begin > kSnippetBytes - 40) break;
    seen |= 1u << (m.clause & 31);
  }
  return (seen & want) == want;
}

// Writes the snippet of hit h into text[*used..]; fills snippet and highlight fields.
folio_status make_snippet(Scratch *s, folio_reader *r, folio_search_hit *h, char *out, size_t out_cap,
                          size_t *used, uint32_t *rflags) {
  h->snippet_off = static_cast<uint32_t>(*used);
  h->snippet_len = 0;
  h->highlight_count = 0;
  size_t tl = 0;
  const folio_status st = snippet_source(s, r, h->section, &tl);
  if (st != FOLIO_OK) return st;
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
    const unsigned char *u = reinterpret_cast<const unsigned char *>(t);
    while (i < tl && nm < kMaxMatches && !done) {
      while (i < tl && !word_byte(u[i])) ++i;
      if (i >= tl) break;
      const size_t b = i;
      bool candidate = false;
      bool ascii_word = true;  // only ASCII letters and digits, no connector
      for (;;) {
        // a segment: its first bytes decide whether it can match, then a tight run over its bytes
        if (!candidate) candidate = hl_prefix_possible(s, t + i, tl - i);
        unsigned char any = 0;
        while (i < tl && word_byte(u[i])) any |= u[i++];
        ascii_word &= any < 0x80;
        if (i + 1 < tl && is_connector(u[i]) && word_byte(u[i + 1])) {
          ascii_word = false;
          ++i;
          continue;
        }
        break;
      }
      if (!candidate) continue;
      uint8_t cl;
      if (ascii_word) {
        // the tokenizer's single token for such a word: the ASCII-lowered bytes, cut at MAX_TOKEN_BYTES
        char low[text::MAX_TOKEN_BYTES];
        const size_t wl = i - b < sizeof low ? i - b : sizeof low;
        for (size_t k = 0; k < wl; ++k) low[k] = static_cast<char>(ascii_lower(static_cast<unsigned char>(t[b + k])));
        if (!hl_match(s, low, wl, &cl)) continue;
        s->matches[nm].begin = static_cast<uint32_t>(b);
        s->matches[nm].end = static_cast<uint32_t>(i);
        s->matches[nm].clause = cl;
        ++nm;
        if (want && window_complete(s, nm, want)) done = true;
        continue;
      }
      text::Tokenizer tz(t + b, i - b);
      text::Token tok;
      uint32_t last_end = 0;
      while (tz.next(&tok) && nm < kMaxMatches) {
        if (tok.src_begin < last_end) continue;  // part of a compound already highlighted
        if (tok.len && hl_match(s, tok.text, tok.len, &cl)) {
          s->matches[nm].begin = static_cast<uint32_t>(b + tok.src_begin);
          s->matches[nm].end = static_cast<uint32_t>(b + tok.src_end);
          s->matches[nm].clause = cl;
          ++nm;
          last_end = tok.src_end;
          if (want && window_complete(s, nm, want)) done = true;
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

float bm25_idf(uint32_t df, uint32_t n) {
  const double d = df, N = n > df ? n : df;
  return static_cast<float>(ln_ge1(1.0 + (N - d + 0.5) / (d + 0.5)));
}

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

folio_status typo_candidates(folio_reader *r, const char *word, size_t len, TypoCandidate *out, uint32_t cap,
                             uint32_t *out_n, TypoStats *stats, uint32_t budget) {
  *out_n = 0;
  if (stats) stats->terms = stats->seeks = 0;
  if (!r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return FOLIO_E_NOT_FOUND;
  Scratch *s = reinterpret_cast<Scratch *>(r->search_scratch);
  if (!view_init(r->pack, &s->v)) return FOLIO_E_NOT_FOUND;
  if (!text::utf8_valid(word, len)) return FOLIO_E_UTF8;
  s->bad = false;
  s->fz_terms = s->fz_seeks = 0;
  text::Tokenizer tz(word, len);
  text::Token tok;
  bool have = tz.next(&tok);
  while (have && (tok.flags & text::TOKEN_PART)) have = tz.next(&tok);
  if (!have) return FOLIO_E_QUERY;
  char w[kMaxTermBytes];
  const uint32_t wl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
  FOLIO_MEMCPY(w, tok.text, wl);
  const bool number = is_number_token(tok);
  const bool compound = tz.next(&tok) && (tok.flags & text::TOKEN_PART);
  if (number || compound || text::is_stopword(w, wl) || is_query_noise(w, wl)) return FOLIO_OK;
  char stem[kMaxTermBytes];
  const size_t sl = stem_copy(w, wl, stem);
  TermInfo ti;
  if ((dict_find(&s->v, stem, sl, &ti, &s->bad) && ti.df > 0) || syn_find(&s->v, stem, sl) >= 0) return FOLIO_OK;
  FuzzyCand cands[kFuzzyKeep];
  uint32_t nc = 0;
  fuzzy_find(s, w, wl, stem, sl, cands, &nc, budget ? budget : kFuzzyBudget);
  if (s->bad) return FOLIO_E_CORRUPT;
  for (uint32_t k = 0; k < nc && k < cap; ++k) {
    TypoCandidate &o = out[k];
    o.dist = cands[k].dist;
    o.df = cands[k].df;
    FOLIO_MEMCPY(o.term, cands[k].term, cands[k].len);
    o.term_len = cands[k].len;
    FOLIO_MEMCPY(o.surface, cands[k].surf, cands[k].surf_len);
    o.surface_len = cands[k].surf_len;
    ++*out_n;
  }
  if (stats) {
    stats->terms = s->fz_terms;
    stats->seeks = s->fz_seeks;
  }
  return FOLIO_OK;
}

uint32_t automaton_distance(const char *pattern, size_t plen, const char *text, size_t tlen, uint32_t k) {
  if (plen > kFuzzyMaxLen || tlen > kMaxTermBytes || k > kMaxEdits) return k + 1;
  LevPattern p;
  LevState a, b;
  lev_init(&p, &a, pattern, static_cast<uint32_t>(plen), k);
  for (size_t i = 0; i < tlen; ++i) {
    lev_step(p, a, &b, static_cast<unsigned char>(text[i]));
    a = b;
  }
  return lev_distance(p, a);
}

static_assert(kFuzzyMaxLen + 2 <= 64, "typo automata use 64-bit masks of kFuzzyMaxLen + 1 bits (and shift by 2)");
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
  FOLIO_MEMSET(s->memo_len, 0, sizeof s->memo_len);
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
  FOLIO_MEMSET(s->hl_pair, 0, sizeof s->hl_pair);
  for (uint32_t i = 0; i < s->nhl; ++i) {
    // second bytes: a term whose match needs only its first byte (or whose second byte is not ASCII)
    // allows any
    const HlTerm &h = s->hl[i];
    const unsigned char h0 = static_cast<unsigned char>(h.text[0]);
    const size_t need = hl_need(h);
    if (h0 < 0x80) {
      const unsigned char h1 = h.len > 1 ? static_cast<unsigned char>(h.text[1]) : 0x80;
      if (need < 2 || h1 >= 0x80) {
        s->hl_pair[h0][0] = s->hl_pair[h0][1] = ~0ull;
      } else {
        s->hl_pair[h0][h1 >> 6] |= 1ull << (h1 & 63);
      }
    }
  }
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
    h->score = it.score;
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
