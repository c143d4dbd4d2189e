// search_format.h: byte layouts of the search index blobs (folio.fbs table SearchIndex), shared by the
// index builder (tools/index) and the reader (engine/src/search). docs/search.md describes them in prose.
//
// dict (front-coded term dictionary). Terms are stemmed, folded UTF-8, sorted by bytes, in blocks of
// `dict_block` terms. Block b starts at dict_heads[b]; its first term's postings at dict_post[b]. A term:
//   first of block:  u8 len, len bytes
//   others:          u8 lcp (bytes shared with the previous term), u8 slen, slen bytes
//   then:            varint df, varint post_bytes, u8 surf_cut, u8 surf_len, surf bytes
// A term's postings start after the previous terms' post_bytes in its block. The surface form (the
// most frequent folded word that stems to the term, for "did you mean") is the term minus its last
// surf_cut bytes, plus the surf bytes.
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
  kIndexVersion = 4,  // 2: position counts folded into the first position; 3: bit-packed blocks of 128; 4: of 32
  kPackBlock = 32,       // postings per bit-packed doc / position block (divides skip_block)
  kVarintBlock = 255,    // doc block header: the block's postings are varints
  kDictBlock = 16,
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

inline uint32_t le32(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_FORMAT_H
