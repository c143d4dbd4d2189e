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
//                    count code 0..5: df 1, post_bytes 4 + code; 6..14: df = code - 4, varint post_bytes;
//                    15: varint df, varint post_bytes
//                    surface code 0: the surface form is the term; 1..14: entry code - 1 of dict_surfaces;
//                    15: u8 x = (cut << 4) | len, or x = 0xFF and u8 cut, u8 len; then len bytes
// A term's postings start after the previous terms' post_bytes in its block. The surface form (the most
// frequent folded word that stems to the term, for "did you mean") is the term minus its last `cut`
// bytes, plus `len` bytes. dict_surfaces: up to 14 entries u8 cut, u8 len, len bytes (the builder picks
// the (cut, bytes) pairs that save the most).
//
// syn_text (synonym groups): each group's phrases (analysed: stems joined by one space) separated by
// '\n', groups separated by 0x00; within a group, fewer words first, then bytes. syn_index: per phrase,
// sorted by phrase bytes, the ws-byte offset (ws = byte_width(syn_text length)) of its first byte in
// syn_text. A phrase runs to the next '\n' or 0x00 (or the end); its group to the 0x00s around it.
//
// heading_order (exact-heading boost): per section with a heading whose text::fold_key is 1..
// FOLIO_MAX_KEY_BYTES bytes, u16 heading_hash(key) and the section id (wh = byte_width(section_count)
// bytes), sorted by (hash, key bytes, id). The keys are not stored: the reader binary-searches the hashes
// and folds the pack's headings of the few entries with the query key's hash to compare them.
//
// postings, one record per term with df postings in blocks of `skip_block` (B):
//   if df > B:  ceil(df / B) skip entries of 16 bytes: u32 last_doc, u32 doc_off, u32 pos_off,
//               u8 max_impact, 3 zero bytes (offsets relative to the doc / position stream)
//   varint doc_bytes, then the doc stream, in pack blocks of kPackBlock postings (the last one shorter); per posting a
//   gap g = doc - prev - 1 (prev starts at -1) and an impact (quantized BM25F score, 1..255). A block of
//   one posting: varint g, u8 impact. Other blocks start with u8 wg: wg = kVarintBlock: per posting
//   varint g, u8 impact; else (wg <= 32, bit-packed, FOR) u8 imin, u8 wi (<= 8), then per posting g in
//   wg bits and impact - imin in wi bits, LSB first, the block padded to a byte. The builder picks the
//   smaller of the two per block. Skip entries' doc_off point at a block's first byte.
//   the position stream (the rest of the record), in the same pack blocks as the doc stream (skip entries'
//   pos_off point at a block's first byte). Varint form, per posting one varint x: 0 = no positions, else
//   x - 1 = (first position << 1) | more; when more, varint (count - 2) and count - 1 position deltas. A
//   block of one posting is in the varint form; other blocks start with u8 wc: wc = kVarintBlock: the
//   varint form follows; else (wc <= 32, bit-packed) u8 wf, u8 wd, then per posting its position count in
//   wc bits, then per posting with positions the first position in wf bits and the deltas in wd bits, LSB
//   first, the block padded to a byte. Positions count heading words then body words (body starts at
//   heading words + kBodyGap); title, alias and glossary fields and stopwords carry no positions.
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
  kIndexVersion = 5,  // 2: position counts folded into the first position; 3: bit-packed blocks of 128; 4: of 32;
                      // 5: compact dictionary, synonyms and heading order
  kPackBlock = 32,       // postings per bit-packed doc / position block (divides skip_block)
  kVarintBlock = 255,    // doc block header: the block's postings are varints
  kDictBlock = 16,
  kDictEscape = 15,      // nibble value: the field follows in full
  kDictDf1Codes = 6,     // count codes 0..5: df 1, post_bytes kDictPbBase + code
  kDictPbBase = 4,
  kDictMaxSurfaces = 14, // dict_surfaces entries (surface codes 1..14)
  kSkipBlock = 128,
  kSkipEntryBytes = 16,
  kBodyGap = 4,          // position gap between a heading's words and the body's (no phrase spans them)
  kMaxTermBytes = 64,    // = text::MAX_TOKEN_BYTES
  kNoPos = 255,          // Alt relpos of a phrase word that is not checked by position (a stopword)
  kSnippetSource = 4096, // bytes of a section's text a snippet is taken from (the rest is not looked at)
};

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

// Field weights and BM25F parameters used by the builder to compute impacts (docs/search.md).
struct FieldParams {
  float weight, b;
};
enum Field : int { FIELD_TITLE = 0, FIELD_ALIAS, FIELD_HEADING, FIELD_GLOSSARY, FIELD_BODY, FIELD_COUNT };

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

// Bytes (1..4) of a fixed-width field holding values up to `max`.
inline uint32_t byte_width(uint64_t max) {
  return max < 0x100u ? 1u : max < 0x10000u ? 2u : max < 0x1000000u ? 3u : 4u;
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
