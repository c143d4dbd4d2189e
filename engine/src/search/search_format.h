// search_format.h: byte layouts of the search index blobs (folio.fbs table SearchIndex), shared by the
// index builder (tools/index) and the reader (engine/src/search). docs/search.md describes them in prose.
//
// Fixed-width fields. A "w-byte" value is little-endian; w = byte_width(M) for the M each array names
// (the length of a blob, the section count), so the widths are derived, never stored.
//
// dict (front-coded term dictionary). Terms are stemmed, folded UTF-8, sorted by bytes, in blocks of
// `dict_block` terms. dict_blocks holds per block the block's byte offset in dict (wd = byte_width(dict
// length) bytes) and its first term's postings offset (wp = byte_width(postings length) bytes). A term:
//   first of block:  u8 len, len bytes
//   others:          u8 h = (lcp << 4) | (slen - 1), lcp = bytes shared with the previous term, slen the
//                    bytes that follow; a nibble of 15 is an escape: u8 lcp, then u8 slen, follow (in
//                    that order, each only when escaped); then slen bytes
//   then:            u8 f = (surface code << 4) | count code, then
//                    count code 0..5: df 1, post_bytes 3 + code; 6..14: df = code - 4, varint post_bytes;
//                    15: varint df, varint post_bytes
//                    surface code 0: the surface form is the term; 1..14: entry code - 1 of dict_surfaces;
//                    15: u8 x = (cut << 4) | len, or x = 0xFF and u8 cut, u8 len; then len bytes
// A term's postings start after the previous terms' post_bytes in its block. The surface form (the most
// frequent folded word that stems to the term, for "did you mean") is the term minus its last `cut`
// bytes, plus `len` bytes. dict_surfaces: up to 14 entries u8 cut, u8 len, len bytes (the builder picks
// the (cut, bytes) pairs that save the most).
//
// syn_text (synonym groups): each group's phrases (analysed: stems joined by one space) separated by
// '\n', groups separated by 0x00; within a group, fewer words first, then bytes, except that the phrases
// only the builder's parts-apart analysis made ("anti inflammatori" of "anti-inflammatory") come last:
// the reader tries a group's phrases in this order, up to kMaxAltsPerWord. syn_index: per phrase,
// sorted by phrase bytes, the ws-byte offset (ws = byte_width(syn_text length)) of its first byte in
// syn_text. A phrase runs to the next '\n' or 0x00 (or the end); its group to the 0x00s around it.
//
// syn_postings, syn_post_index (phrase postings; optional, both or neither): per phrase of syn_index (same
// order), its record is the bytes [o[j], o[j+1]) of syn_postings, where o is syn_post_index: nsyn + 1
// wq-byte offsets (wq = byte_width(syn_postings length)), non-decreasing, the last one the blob's length.
// An empty record: none (a phrase of one word). Else varint m (the phrase's words, 2..kMaxPhraseWords),
// varint count, then a bit stream (LSB first, padded to a byte) holding per section, ascending, where the
// phrase matches: its gap (section - previous - 1, previous starting at -1) and m tf classes, one per
// word, of that word's posting there, each v Elias-gamma-coded as v + 1 (as the doc streams' classes;
// v < kMaxPhraseGamma, so that a code fits a 56-bit window). "Matches"
// is the reader's phrase check (search_eval.cpp phrase_ok) of the phrase's words (its stems, split at ' '):
// every word has a posting in the section, and the words that are not stopwords (text::is_stopword of the
// stem) have positions at their word offsets from a common base, among each word's first
// kMaxPhrasePositions positions. With them, a synonym phrase costs one short list instead of its words'
// lists and positions; scores are the same (each word's posting score from its class).
//
// heading_order (exact-heading boost): per section with a heading whose text::fold_key is 1..
// FOLIO_MAX_KEY_BYTES bytes, u16 heading_hash(key) and the section id (wh = byte_width(section_count)
// bytes), sorted by (hash, key bytes, id). The keys are not stored: the reader binary-searches the hashes
// and folds the pack's headings of the few entries with the query key's hash to compare them.
//
// postings, one record per term with df postings in blocks of `skip_block` (B); a term with df 0 has an
// empty record (post_bytes 0): a synonym-only word, a one-word phrase of the synonym table that no
// section has, kept in the dictionary with its surface form so that typo correction can reach it
// (index builders since 2026-12-05; a reader only looks such a term up, it has nothing to decode):
//   if df > B:  ceil(df / B) skip entries (index version 7: in the widths skip_widths gives for the section
//               count and the record's size, post_bytes): last_doc, doc_off (byte offset in the doc stream
//               of the block's first posting), pos_bit (bit offset in the position stream of its positions)
//   varint doc_bytes (not when df = 1: the one posting's varints end the doc stream; index version 7),
//   then the doc stream, in pack blocks of kPackBlock postings (the last one shorter); per
//   posting a gap g = doc - prev - 1 (prev starts at -1) and a tf class c (an entry of tf_classes, below).
//   A block of one posting: varint (g << 1) | (c != 0), then varint (c - 1) when c != 0. Other blocks start
//   with u8 k: k = kVarintBlock: per posting varint g, varint c; else (k <= kMaxRiceParam) per posting g
//   Rice-coded with parameter k (q = g >> k zero bits, a one bit, the low k bits of g; q <=
//   kMaxRiceQuotient) and c Elias-gamma-coded (x = c + 1 < 2^kMaxClassBits: z = floor(log2 x) zero bits, a
//   one bit, the low z bits of x), LSB first, the block padded to a byte. The builder picks the smaller of
//   the two per block, and the k with the fewest bits. Skip entries' doc_off point at a block's first byte.
//   the position stream (the rest of the record; index version 7): empty when no posting has positions,
//   else one bit stream (LSB first, padded to a byte at its end) holding per posting, in doc order, its
//   positions ascending, each in pos_width(s) bits (s the posting's section, below), as many as its tf
//   class says (the class's sixth byte). No counts and no headers: a reader that follows the doc stream
//   knows where every posting's positions start. Positions count heading words then body words (body
//   starts at heading words + kBodyGap); title, alias and glossary fields and stopwords carry none, and a
//   posting keeps at most its first kMaxStoredPositions.
//
// tf_classes (index version 6; 7: six bytes): the distinct per-field term frequencies of the postings and
// their stored position counts, kTfClassBytes bytes a class: u8 tf of title, aliases, heading, glossary,
// body (each capped at 255), then u8 the positions the posting stores (when its term's position stream
// is not empty; usually the heading and body tf, fewer for a stopword or past kMaxStoredPositions), most
// frequent class first (ties: by bytes). A posting's score is computed when it is read (BM25F, kFieldParams, kK1):
//   idf(df) * (sat(sum over title, aliases) + sat(sum over heading, glossary, body)),
//   sum over a group of weight_f * tf_f / (1 - b_f + b_f * len_f / avg_f), sat(x) = x (k1 + 1) / (x + k1),
//   idf(df) = ln(1 + (N - df + 0.5) / (df + 0.5)), N = section_count
// with len_f the section's field length (field_lengths: per section one u8 length_code per field of the
// length_fields mask, in field order; a field outside the mask has length 0) and avg_f field_avg[f], the
// mean length over the sections where the field is not empty. pos_width(s) (position_width below) is the
// bit width of the largest position section s can have by its heading and body length codes.
//
// snippet source (snip_frames, snip_offsets; optional): per section s, the bytes
// [snip_offsets[s], snip_offsets[s+1]) of snip_frames are empty (no frame: the reader renders the
// section; the builder leaves out sections without text and the sections of one-section articles,
// whose own frame is as cheap to read) or exactly one zstd frame, compressed with the pack's zstd dictionary when it has one, with its content size and
// checksum, of the section's text as folio_section_text() renders it, cut to at most kSnippetSource
// bytes at a UTF-8 character boundary (snippet_source_len). Without it the reader renders the section.
#ifndef FOLIO_SEARCH_FORMAT_H
#define FOLIO_SEARCH_FORMAT_H

#include <stddef.h>
#include <stdint.h>

namespace folio {
namespace fts {

enum : uint32_t {
  kIndexVersion = 7,  // 2: position counts folded into the first position; 3: bit-packed blocks of 128; 4: of 32;
                      // 5: compact dictionary, synonyms and heading order; 6: tf classes and field lengths
                      // (BM25F computed when read) instead of stored impacts, Rice/gamma doc blocks,
                      // 12-byte skip entries, 2-byte position block headers; 7: position counts in the tf
                      // classes and positions in the width their section's length needs (no blocks)
  kPackBlock = 32,       // postings per bit-packed doc / position block (divides skip_block)
  kVarintBlock = 255,    // doc block header: the block's postings are varints
  kDictBlock = 16,
  kDictEscape = 15,      // nibble value: the field follows in full
  kDictDf1Codes = 6,     // count codes 0..5: df 1, post_bytes kDictPbBase + code
  kDictPbBase = 3,
  kDictMaxSurfaces = 14, // dict_surfaces entries (surface codes 1..14)
  kSkipBlock = 128,
  kTfClassBytes = 6,     // tf_classes entry: one u8 tf per field, then u8 stored positions
  kClassPositions = 5,   // the byte of a tf_classes entry holding the posting's stored position count
  kMaxStoredPositions = 255,  // positions a posting keeps (its first ones)
  kMaxClassBits = 24,    // tf classes are below 2^kMaxClassBits - 1
  kMaxRiceParam = 31,    // Rice parameter of a doc block's gaps
  kMaxRiceQuotient = 32, // longest unary quotient of a Rice-coded gap
  kBodyGap = 4,          // position gap between a heading's words and the body's (no phrase spans them)
  kMaxTermBytes = 64,    // = text::MAX_TOKEN_BYTES
  kNoPos = 255,          // Alt relpos of a phrase word that is not checked by position (a stopword)
  kSnippetSource = 4096, // bytes of a section's text a snippet is taken from (the rest is not looked at)
  kMaxPhraseWords = 8,   // words of a synonym phrase (longer ones are left out of the synonym table)
  kMaxAltsPerWord = 8,   // alternatives a query word gets: itself and its synonyms (the rest of a larger
                         // synonym group, longest phrases last, is never searched; the build warns)
  kMaxPhrasePositions = kMaxStoredPositions,  // positions of a word a phrase check looks at (all it has)
  kPhraseGammaZeros = 26,  // phrase postings: the longest gamma code's zero bits (2 * 26 + 1 <= 56 bits)
  kMaxPhraseGamma = (1u << (kPhraseGammaZeros + 1)) - 1,  // gaps and classes below it
};

// ---- Lexicon (SearchIndex.lexicon, optional) ----
// A Bloom filter of real words the dictionary lacks: the words of the build's lexicon (a word list,
// content/lexicon.txt) that folio_search would otherwise correct as typos. Layout: u32 LE nbits (a
// multiple of 64, at least 64), u8 probes (1..kLexiconMaxProbes), u8 flags, 2 zero bytes, then nbits / 8
// bytes of bits (bit i: byte i / 8, bit i % 8). Flag kLexiconHasForms: the filter also holds every word of
// the lexicon that is a dictionary term (one with postings) followed by one of kFormEndings marked
// `lexicon` and that stems back to the term ("difference" for `differ`), and a typo correction takes such
// a form of a term only when the filter has it (other_form in search_typo.cpp: "inheritence" had been
// corrected to the made-up "inhibitence"). Without the flag (packs built before 2026-12-07, when the flag
// byte was zero) every such form is taken. Readers that predate the flag ignore the byte. A word (folded,
// as the tokenizer yields it) is in the set when all `probes` bits lexicon_bit(h, j) are set, h =
// lexicon_hash(word). The builder sizes it at kLexiconBitsPerWord bits a word, which gives about 0.05 %
// false positives with kLexiconProbes probes (8 bits and 5 probes, about 2 %, sent one typo in the judged
// set to "did you mean"; 12 bits and 8 probes, about 0.3 %, sent "arthoscopy" there when the content
// grew). A filter of another density reads the same way: the reader takes nbits and probes from the blob.
enum : uint32_t {
  kLexiconFlagsByte = 5,
  kLexiconHasForms = 1,
  kLexiconHeader = 8,
  kLexiconBitsPerWord = 16,
  kLexiconProbes = 11,
  kLexiconMaxProbes = 16,
};

// The endings a typo correction tries on a term to compare another form of the word than its stored
// (commonest) one with the typed word (other_form in search_typo.cpp): the inflections and derivational
// suffixes that Porter2 strips, in byte order (endings sharing their first bytes share the automaton's
// steps). `lexicon`: a derivational ending, whose form of a term is often no word ("four" + "ly",
// "person" + "er", "recent" + "ment"): with kLexiconHasForms such a form must be in the lexicon filter.
// The inflections (e, ed, es, ing, s) are not checked: they mostly make real words, and checking e and es
// too (2026-12-07) cost GCIDE's misspelled queries three answers (MRR@10 0.852 -> 0.839) and the bundled
// pack 1.2 KB more filter. "able" and "ible" since 2026-12-07 (GCIDE's "unburiabel" had found nothing:
// misspelled MRR@10 0.852 -> 0.865; the other judged sets unchanged; bundled pack +392 B).
struct FormEnding {
  const char *text;
  uint8_t len;
  bool lexicon;
};
constexpr FormEnding kFormEndings[] = {
    {"able", 4, true}, {"al", 2, true},    {"ance", 4, true}, {"ation", 5, true}, {"e", 1, false},
    {"ed", 2, false},  {"ence", 4, true},  {"er", 2, true},   {"ers", 3, true},   {"es", 2, false},
    {"ible", 4, true}, {"ing", 3, false},  {"ion", 3, true},  {"ions", 4, true},  {"ity", 3, true},
    {"ly", 2, true},   {"ment", 4, true},  {"ments", 5, true}, {"ness", 4, true}, {"s", 1, false}};
enum : uint32_t { kFormEndingMax = 5 };

// FNV-1a, 64 bits, of the word's bytes.
inline uint64_t lexicon_hash(const char *w, size_t len) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; ++i) {
    h ^= static_cast<unsigned char>(w[i]);
    h *= 1099511628211ull;
  }
  return h;
}

// Probe j of hash h in a filter of nbits bits (double hashing: h1 + j * h2, h2 odd).
inline uint32_t lexicon_bit(uint64_t h, uint32_t j, uint32_t nbits) {
  const uint32_t h1 = static_cast<uint32_t>(h), h2 = static_cast<uint32_t>(h >> 32) | 1u;
  return static_cast<uint32_t>((static_cast<uint64_t>(h1) + static_cast<uint64_t>(j) * h2) % nbits);
}

// The longest prefix of the first n bytes of valid UTF-8 text that ends at a character boundary
// (reads text[0..n) only).
inline size_t utf8_boundary_prefix(const char *text, size_t n) {
  size_t i = n;
  while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;  // back to the last lead
  if (i == 0) return 0;
  const unsigned char lead = static_cast<unsigned char>(text[i - 1]);
  const size_t clen = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return i - 1 + clen <= n ? n : i - 1;
}

// Length of the snippet source of a section text of `len` bytes: all of it, or its first kSnippetSource
// bytes without a trailing incomplete character (reads at most the first kSnippetSource bytes).
inline size_t snippet_source_len(const char *text, size_t len) {
  return len <= kSnippetSource ? len : utf8_boundary_prefix(text, kSnippetSource);
}

// BM25F (docs/search.md): weight and length normalization per field, shared by the builder (field
// lengths and averages) and the reader (scores). Two groups are saturated apart and summed: the article's
// names (title, aliases; every section of an article carries them) and the section's own text.
struct FieldParams {
  float weight, b;
};
enum Field : int { FIELD_TITLE = 0, FIELD_ALIAS, FIELD_HEADING, FIELD_GLOSSARY, FIELD_BODY, FIELD_COUNT };
constexpr float kK1 = 1.2f;
constexpr FieldParams kFieldParams[FIELD_COUNT] = {
    {4.0f, 0.5f},   // title
    {2.0f, 0.5f},   // aliases
    {2.0f, 0.5f},   // headings
    {1.5f, 0.3f},   // glossary
    {1.0f, 0.75f},  // body
};
inline bool field_is_name(int f) { return f == FIELD_TITLE || f == FIELD_ALIAS; }

// Field lengths in one byte (field_lengths): exact up to 31 words, then 8 steps an octave (at most 1/8
// too short). length_value(length_code(n)) <= n, and length_value is increasing.
inline uint32_t length_value(uint32_t code) {
  if (code < 32) return code;
  const uint32_t e = (code - 32) >> 3, m = (code - 32) & 7;
  return e >= 24 ? 0xFFFFFFFFu : (8u + m) << (e + 2);
}
inline uint32_t length_code(uint32_t n) {
  uint32_t c = n < 32 ? n : 32;
  while (c < 255 && length_value(c + 1) <= n) ++c;
  return c;
}

// The largest field length a length code may stand for (0xFFFFFFFF: unbounded).
inline uint32_t length_code_max(uint32_t code) {
  if (code < 32) return code;
  if (code >= 255) return 0xFFFFFFFFu;
  const uint32_t next = length_value(code + 1);
  return next == 0xFFFFFFFFu ? next : next - 1;
}

// pos_width: bits (1..32) that hold any position of a section whose heading and body have length codes hc
// and bc (heading words at 0.., body words from heading words + kBodyGap when there is a heading); 32 when
// a code is unbounded. At least 1, so that a term with positions never has an empty position stream.
inline uint32_t position_width(uint32_t hc, uint32_t bc) {
  const uint64_t h = length_code_max(hc), b = length_code_max(bc);
  const uint64_t end = (h ? h + kBodyGap : 0) + b;  // positions are below it
  if (end > 0xFFFFFFFFull) return 32;
  if (end <= 2) return 1;
#if defined(__GNUC__) || defined(__clang__)
  return 32u - static_cast<uint32_t>(__builtin_clz(static_cast<uint32_t>(end - 1)));
#else
  uint32_t w = 1;
  while (w < 32 && ((end - 1) >> w) != 0) ++w;
  return w;
#endif
}

// Bounds-checked LEB128 varint (at most 5 bytes for a u32). Returns false (and leaves *pos) if the
// varint runs past `len` or is longer than 5 bytes.
inline bool varint_get(const uint8_t *p, size_t len, size_t *pos, uint32_t *out) {
  uint32_t v = 0;
  size_t i = *pos;
  for (int shift = 0; shift < 35; shift += 7) {
    if (i >= len) return false;
    const uint8_t b = p[i++];
    v |= static_cast<uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *pos = i;
      *out = v;
      return true;
    }
  }
  return false;
}

// Skip one varint; false if it runs past len.
inline bool varint_skip(const uint8_t *p, size_t len, size_t *pos) {
  size_t i = *pos;
  for (int k = 0; k < 5; ++k) {
    if (i >= len) return false;
    if ((p[i++] & 0x80) == 0) {
      *pos = i;
      return true;
    }
  }
  return false;
}

// `w` (<= 32) bits at bit offset `bitp` of p, LSB first. The caller has checked that the bits lie within p.
inline uint32_t bits_get(const uint8_t *p, size_t bitp, uint32_t w) {
  if (w == 0) return 0;
  const uint8_t *b = p + (bitp >> 3);
  const uint32_t sh = static_cast<uint32_t>(bitp & 7), need = sh + w;
  uint64_t v = 0;
  for (uint32_t k = 0; k * 8 < need; ++k) v |= static_cast<uint64_t>(b[k]) << (8 * k);
  return static_cast<uint32_t>((v >> sh) & ((1ull << w) - 1));
}

// Trailing zero bits of v != 0.
inline uint32_t ctz64(uint64_t v) {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<uint32_t>(__builtin_ctzll(v));
#else
  uint32_t n = 0;
  while (!(v & 1u)) {
    v >>= 1;
    ++n;
  }
  return n;
#endif
}

// At least 56 bits at bit offset `bitp` of p[0..len), LSB first; bytes past len read as 0.
inline uint64_t bits_window(const uint8_t *p, size_t len, size_t bitp) {
  const size_t b = bitp >> 3;
  uint64_t v = 0;
  if (b + 8 <= len) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    __builtin_memcpy(&v, p + b, 8);
#else
    for (uint32_t k = 0; k < 8; ++k) v |= static_cast<uint64_t>(p[b + k]) << (8 * k);
#endif
  } else {
    for (size_t k = 0; b + k < len; ++k) v |= static_cast<uint64_t>(p[b + k]) << (8 * k);
  }
  return v >> (bitp & 7);
}

// Bytes (1..4) of a fixed-width field holding values up to `max`.
inline uint32_t byte_width(uint64_t max) {
  return max < 0x100u ? 1u : max < 0x10000u ? 2u : max < 0x1000000u ? 3u : 4u;
}

// Byte widths of a skip entry's fields in a postings record of rec_bytes bytes (the dictionary's
// post_bytes) in an index of `sections` sections: last doc, doc stream offset, position stream bit offset.
struct SkipWidths {
  uint32_t last, doc, pos;
};
inline SkipWidths skip_widths(uint32_t sections, uint64_t rec_bytes) {
  return SkipWidths{byte_width(sections ? sections - 1 : 0), byte_width(rec_bytes), byte_width(rec_bytes * 8)};
}

// Hash of a folded heading key (FNV-1a, folded to 16 bits), the sort key of heading_order.
inline uint32_t heading_hash(const char *key, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) h = (h ^ static_cast<unsigned char>(key[i])) * 16777619u;
  return (h ^ (h >> 16)) & 0xFFFFu;
}

// A w-byte (1..4) little-endian value.
inline uint32_t le_get(const uint8_t *p, uint32_t w) {
  uint32_t v = 0;
  for (uint32_t k = 0; k < w; ++k) v |= static_cast<uint32_t>(p[k]) << (8 * k);
  return v;
}

inline uint32_t le32(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_FORMAT_H
