// pack_writer.h: validated content → pack bytes (schemas/FORMAT.md), and the atomic file write.
//
// The build is deterministic: rows are sorted by key, strings are pooled in first-use order of that
// sorted walk, frames are compressed single-threaded with fixed parameters, the dictionary is trained
// with fixed parameters, and no time stamp is written unless BuildOptions::timestamp is set.
//
// Two passes (tools/index/search_builder.h): pass 1 assembles a pack without a search index in memory and
// opens it with the engine; folio::index::build_search_index() reads it through the public API; pass 2
// assembles the final pack around the same compressed frames with the SearchIndex added.
#ifndef FOLIO_TOOLS_PACK_WRITER_H
#define FOLIO_TOOLS_PACK_WRITER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "builder_content.h"

namespace folio {
namespace tools {

struct BuildOptions {
  uint32_t max_doc_bytes = 96 * 1024;  // largest allowed decompressed article document
  bool allow_dictionary = true;        // train a shared dictionary and keep it if the pack gets smaller
  bool has_timestamp = false;
  std::string timestamp;               // Meta.build_time, only when has_timestamp
  bool search = true;                  // run pass 2 with the search index builder
  bool snippet_store = true;           // the search index carries the snippet source (search_format.h)
  int level = 19;                      // zstd level (fixed for reproducible packs)
  unsigned threads = 1;                // threads compressing articles and filtering the lexicon (0: one a
                                       // core; 1: only the calling thread); the bytes do not change
  // Progress: stage name ("encoded", "compressed", ...), done, total.
  std::function<void(const char *stage, size_t done, size_t total)> progress;
};

struct BuildStats {
  uint32_t articles = 0, sections = 0, glossary = 0, references = 0;
  uint64_t raw_bytes = 0;           // Markdown source bytes
  uint64_t text_bytes = 0;          // plain text bytes of all documents (span text, without URLs)
  uint64_t pack_bytes = 0, index_bytes = 0, search_index_bytes = 0, dictionary_bytes = 0, frames_bytes = 0;
  uint64_t search_snippet_bytes = 0;  // the snippet source, not counted in search_index_bytes
  uint64_t search_lexicon_bytes = 0;  // the lexicon's Bloom filter, counted in search_index_bytes
  uint32_t search_lexicon_words = 0;  // lexicon words it holds
  uint32_t search_lexicon_forms = 0;  // and real derivational forms of its terms (kLexiconHasForms)
  uint32_t search_spelling_variants = 0;  // British / American spelling pairs among the synonyms
  uint64_t frames_bytes_plain = 0;  // frames without a dictionary (estimated from a sample for big packs)
  uint64_t frames_bytes_dict = 0;   // frames with the dictionary (0 if not trained; estimated likewise)
  uint32_t workspace_bytes = 0, max_doc_bytes = 0, search_scratch_bytes = 0;
  bool dictionary_used = false;
  bool search_built = false;
  std::string note;                 // e.g. why the search pass was skipped
};

// Encodes and compresses every article and assembles the pack. Content must have passed
// validate_content() without errors. Problems that belong to the content (an article document above
// max_doc_bytes) go to `diag` and the function returns an empty vector. Throws std::runtime_error on
// internal failures (compression, the engine refusing the pass-1 pack).
std::vector<uint8_t> build_pack(const Content &c, const BuildOptions &opt, Diagnostics &diag, BuildStats *stats);

// CRC-32C (Castagnoli, reflected, init/xorout 0xFFFFFFFF): crc32c("123456789") == 0xE3069283.
uint32_t crc32c(const void *data, size_t len);

// Header constants (schemas/FORMAT.md).
enum : uint32_t { PACK_HEADER_SIZE = 128 };

}  // namespace tools
}  // namespace folio

#endif
