// pack.h: the pack handle and reader layouts, header parsing, open-time verification and the typed,
// bounds-checked row accessors every other module reads the index through.
//
// Internal to the engine (engine/src): lookup, render, search and api include it; nothing outside the
// engine should (tools use folio.h). The structs are defined here so the modules can read them
// directly; they live in the caller's workspace.
#ifndef FOLIO_PACK_H
#define FOLIO_PACK_H

#include <folio/folio.h>
#include <folio/schema/doc_generated.h>
#include <folio/schema/folio_generated.h>

#include "common/common.h"

struct ZSTD_DCtx_s;
struct ZSTD_DDict_s;

namespace folio {
namespace detail {

// Limits this engine enforces on header-declared sizes (FOLIO_E_CORRUPT beyond them at open). They bound
// the workspace and keep every size computation far from overflow, also with a 32-bit size_t.
enum : uint32_t {
  kMaxDocBytes = FOLIO_MAX_DOC_BYTES,             // largest decompressed article document
  kMaxSearchScratch = FOLIO_MAX_SEARCH_SCRATCH,   // search scratch declared by the header
  kMaxDictBytes = FOLIO_MAX_DICTIONARY_BYTES,     // shared zstd dictionary
  kMaxKeyBytes = FOLIO_MAX_KEY_BYTES,             // folded query keys; longer: FOLIO_E_LIMIT
  kMaxSuggest = FOLIO_SUGGEST_MAX,                // suggestions per call
  kMaxSuggestScan = 4096,            // title keys scanned per suggestion call
  kMaxEqualKeys = 4096,              // keys scanned for one exact lookup
  kVerifierMaxDepth = 16,
  kVerifierMaxTables = 1000,
  kDocVerifierMaxTables = 16,
};

constexpr uint8_t kMagic[8] = {0x89, 'F', 'O', 'L', 'I', 'O', '\r', '\n'};
constexpr uint32_t kHandleTag = 0x464F4C49u;  // "FOLI": a cheap sanity check on handles passed in
constexpr uint32_t kReaderTag = 0x52454144u;  // "READ"

// The fixed 128-byte header (schemas/FORMAT.md), decoded.
struct Header {
  uint16_t format_major, format_minor;
  uint32_t header_size;
  uint64_t file_size, index_offset, index_size, frames_offset, frames_size;
  uint32_t workspace_size, max_doc_bytes, search_scratch_bytes, dictionary_bytes, flags;
  uint32_t index_crc32c, frames_crc32c, header_crc32c;
};

enum : uint32_t { kHeaderFlagDictionary = 1u };

// Decode and check the header: magic (FOLIO_E_FORMAT), major version (FOLIO_E_VERSION), header CRC,
// header_size, the engine's size limits and region layout (FOLIO_E_CORRUPT). `len` is the buffer length;
// the file_size check against it (FOLIO_E_TRUNCATED) is the caller's. The major version is checked before
// the CRC so that a future format with a different header layout reports FOLIO_E_VERSION.
folio_status header_parse(const uint8_t *p, size_t len, Header *out);

// Workspace layout for a header, in bytes (FORMAT.md "Workspace").
struct Layout {
  size_t handle, ddict, reader, dctx, doc, search;
  size_t reader_total() const { return reader + dctx + doc + search; }
  size_t total() const { return handle + ddict + reader_total(); }
};
Layout layout_for(const Header &h);

}  // namespace detail
}  // namespace folio

// The pack handle (immutable after folio_open). Vectors that the index leaves out are stored as NULL and
// read as empty through the accessors below.
struct folio_pack {
  uint32_t tag;
  folio::detail::Header hdr;
  folio::detail::Layout layout;
  const uint8_t *base;           // pack bytes
  const uint8_t *frames;         // base + frames_offset
  uint64_t frames_size;
  const folio::fb::Index *index;
  const uint8_t *strings;        // the string pool
  uint32_t strings_len;
  const flatbuffers::Vector<uint32_t> *u32s;
  const flatbuffers::Vector<const folio::fb::Str *> *strs;
  const flatbuffers::Vector<const folio::fb::Article *> *articles;
  const flatbuffers::Vector<const folio::fb::Section *> *sections;
  const flatbuffers::Vector<const folio::fb::Link *> *links;
  const flatbuffers::Vector<const folio::fb::TitleKey *> *title_keys;
  const flatbuffers::Vector<const folio::fb::HeavyPrefix *> *heavy_prefixes;
  const flatbuffers::Vector<const folio::fb::GlossaryEntry *> *glossary;
  const flatbuffers::Vector<const folio::fb::GlossaryKey *> *glossary_keys;
  const flatbuffers::Vector<const folio::fb::Reference *> *references;
  const flatbuffers::Vector<const folio::fb::Topic *> *topics;
  const flatbuffers::Vector<const folio::fb::Frame *> *frames_index;
  uint32_t n_articles, n_sections, n_links, n_title_keys, n_heavy, n_glossary, n_glossary_keys,
      n_references, n_topics, n_frames, n_u32s, n_strs;
  const ZSTD_DDict_s *ddict;     // in the workspace, NULL without a dictionary
};

// One reader: per-thread scratch. Holds the last decompressed article.
struct folio_reader {
  uint32_t tag;
  const folio_pack *pack;
  ZSTD_DCtx_s *dctx;
  uint8_t *doc_buf;              // max_doc_bytes, 8-byte aligned
  size_t doc_cap;
  uint8_t *search_scratch;       // header.search_scratch_bytes, 8-byte aligned (search module)
  size_t search_scratch_len;
  uint32_t cached_article;       // FOLIO_NONE when doc_buf holds nothing valid
  const folio::fb::Doc *doc;     // verified document of cached_article
  uint32_t doc_len;
};

namespace folio {
namespace detail {

// ---- open ---------------------------------------------------------------------------------------------

folio_status pack_open(const void *pack, size_t pack_len, void *ws, size_t ws_len, uint32_t flags,
                       const folio_pack **out_pack, folio_reader **out_reader);
size_t pack_workspace_size(const void *pack, size_t pack_len);
folio_status reader_init(const folio_pack *p, void *mem, size_t mem_len, folio_reader **out);
// CRC-32C of index and frame area against the header (FOLIO_E_CHECKSUM).
folio_status pack_check_crc(const folio_pack *p);

// ---- row accessors: each reference followed is checked (one compare); FOLIO_E_CORRUPT if it is bad ----

// A pool string.
folio_status pack_str(const folio_pack *p, const fb::Str &s, folio_str *out);
// Element i of a u32s range (FOLIO_E_NOT_FOUND if i >= count; FOLIO_E_CORRUPT if the range is outside).
folio_status pack_u32(const folio_pack *p, const fb::Range &r, uint32_t i, uint32_t *out);
// Element i of a u32s range that holds an index into Index.strs, resolved to the string.
folio_status pack_strs_item(const folio_pack *p, const fb::Range &r, uint32_t i, folio_str *out);

// Rows by id (FOLIO_E_NOT_FOUND when id is out of range).
const fb::Article *pack_article_row(const folio_pack *p, uint32_t id);
const fb::Section *pack_section_row(const folio_pack *p, uint32_t id);

// Filled public structs (strings resolved, ranges checked against their pools).
folio_status pack_article(const folio_pack *p, uint32_t id, folio_article *out);
folio_status pack_section(const folio_pack *p, uint32_t id, folio_section *out);
folio_status pack_glossary(const folio_pack *p, uint32_t id, folio_glossary_entry *out);
folio_status pack_reference(const folio_pack *p, uint32_t id, folio_reference *out);
folio_status pack_link(const folio_pack *p, uint32_t article, uint32_t i, folio_link *out);
folio_status pack_info(const folio_pack *p, folio_info *out);

// True if the range [r.off, r.off + r.count) lies inside a pool of `pool` elements.
inline bool range_ok(const fb::Range &r, uint32_t pool) { return in_bounds(r.off(), r.count(), pool); }

// ---- documents ----------------------------------------------------------------------------------------

// Decompress and verify article `id`'s document into the reader (cached: a repeat call is O(1)).
// FOLIO_E_NOT_FOUND for a bad id, FOLIO_E_CORRUPT when the frame or the document fails any check.
folio_status reader_fetch(folio_reader *r, uint32_t id, const fb::Doc **out);

// Verify a document buffer: FlatBuffers verifier ("FDOC"), article id, every span's text inside Doc.text,
// every block's spans inside Doc.spans. Public so tests and fuzzers can call it directly.
folio_status doc_verify(const uint8_t *buf, size_t len, uint32_t article, const fb::Doc **out);

}  // namespace detail
}  // namespace folio

#endif  // FOLIO_PACK_H
