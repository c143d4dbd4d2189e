// search_index_writer.h: the search index builder's core, independent of packs: sections with their
// field texts in, the SearchIndex blobs out (layouts: engine/src/search/search_format.h). The pack-facing
// part (search_builder.cpp) reads a pass-1 pack through the public API and fills the inputs.
#ifndef FOLIO_TOOLS_SEARCH_INDEX_WRITER_H
#define FOLIO_TOOLS_SEARCH_INDEX_WRITER_H

#include <cstdint>
#include <string>
#include <vector>

namespace folio {
namespace index {

// One section (in global section id order; sections of an article are contiguous).
struct IndexDoc {
  bool lead = false;         // the article's lead section (gets full title/alias weight)
  std::string title;         // article title
  std::string aliases;       // article aliases, joined with newlines
  std::string heading;       // "" for the lead
  std::string glossary;      // glossary names/abbreviations/everyday words of terms the section mentions
  std::string body;          // section text as folio_section_text renders it
};

struct IndexBlobs {
  std::vector<uint8_t> dict, postings, syn_text, heading_text;
  std::vector<uint32_t> dict_heads, dict_post, syn_entries, syn_groups, syn_members, heading_keys;
  uint32_t term_count = 0;
  float impact_scale = 1.0f;
  uint64_t posting_count = 0, position_count = 0;
  uint64_t doc_stream_bytes = 0, pos_stream_bytes = 0, skip_bytes = 0;  // parts of `postings`
  uint64_t text_bytes = 0;   // raw text indexed (titles and aliases once per article)

  uint64_t bytes() const {
    return dict.size() + postings.size() + syn_text.size() + heading_text.size() +
           4 * (dict_heads.size() + dict_post.size() + syn_entries.size() + syn_groups.size() + syn_members.size() +
                heading_keys.size());
  }
};

// Stems of the non-part tokens of `s`, joined by one space ("Steroid shots" → "steroid shot"): the key
// form of synonym phrases, identical to what the reader builds from query words.
std::string analyze_phrase(const std::string &s);

// Builds the blobs. `synonym_groups`: groups of equivalent words or phrases (curated + glossary); groups
// that share a phrase are merged.
IndexBlobs build_index_blobs(const std::vector<IndexDoc> &docs,
                             const std::vector<std::vector<std::string>> &synonym_groups);

}  // namespace index
}  // namespace folio

#endif
