// search_builder.h: builds the pack's search index (folio.fbs table SearchIndex).
//
// The pack writer works in two passes: pass 1 writes a complete pack without a search index; that pack
// is opened with the real engine, and this builder reads everything it indexes (titles, aliases,
// headings, section text exactly as folio_section_text() renders it, glossary, topics) through the
// public C API. Pass 2 writes the same frames with an index that includes the returned SearchIndex.
// So the indexed text is, by construction, the text the reader renders and highlights.
#ifndef FOLIO_TOOLS_SEARCH_BUILDER_H
#define FOLIO_TOOLS_SEARCH_BUILDER_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>
#include <folio/folio.h>
#include <folio/schema/folio_generated.h>

namespace folio {
namespace index {

struct SearchBuildInput {
  const folio_pack *pack = nullptr;      // pass-1 pack (no search index)
  folio_reader *reader = nullptr;        // a reader of that pack (for section text)
  std::vector<std::vector<std::string>> synonyms;  // curated groups from content/synonyms.yaml
  bool snippet_store = true;             // write the snippet source (search_format.h)
  const std::vector<uint8_t> *zstd_dict = nullptr;  // the pack's zstd dictionary (NULL: none)
  const std::vector<std::string> *lexicon = nullptr;  // real words, folded (NULL or empty: no lexicon)
  int zstd_level = 19;
  // Progress (if set): stage name, done, total, as the pack writer's (BuildOptions::progress).
  std::function<void(const char *stage, size_t done, size_t total)> progress;
  unsigned threads = 1;                  // threads filtering the lexicon and compressing the snippet source
                                         // (parallel_for.h; 0: one a core)
};

struct SearchBuildStats {
  uint64_t index_bytes = 0;     // bytes the SearchIndex adds to the pack, without the snippet source
  uint64_t snippet_bytes = 0;   // bytes of the snippet source (frames and offsets)
  uint64_t text_bytes = 0;      // raw bytes of indexed section text
  uint32_t terms = 0;
  uint64_t postings = 0;
  uint32_t scratch_bytes = 0;   // reader scratch a query needs (goes to header.search_scratch_bytes)
  uint32_t lexicon_words = 0;   // lexicon words kept in the pack (those a typo correction would change)
  uint32_t lexicon_forms = 0;   // and the terms' derivational forms that are lexicon words (kLexiconHasForms)
  uint64_t lexicon_bytes = 0;   // bytes of the lexicon blob (also counted in index_bytes)
  uint32_t spelling_variants = 0;  // British / American spelling pairs added to the synonyms
};

// Builds the SearchIndex table into fbb (before the root Index table is started). Throws
// std::runtime_error on failure (tools only; the engine never throws).
flatbuffers::Offset<fb::SearchIndex> build_search_index(const SearchBuildInput &in,
                                                         flatbuffers::FlatBufferBuilder &fbb,
                                                         SearchBuildStats *stats);

}  // namespace index
}  // namespace folio

#endif
