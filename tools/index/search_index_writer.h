// search_index_writer.h: the search index builder's core, independent of packs: sections with their
// field texts in, the SearchIndex blobs out (layouts: engine/src/search/search_format.h). The pack-facing
// part (search_builder.cpp) reads a pass-1 pack through the public API and fills the inputs.
#ifndef FOLIO_TOOLS_SEARCH_INDEX_WRITER_H
#define FOLIO_TOOLS_SEARCH_INDEX_WRITER_H

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "search/search.h"
#include "search/search_format.h"

namespace folio {
namespace index {

// One section (in global section id order; sections of an article are contiguous).
struct IndexDoc {
  bool lead = false;         // the article's lead section (gets full title/alias weight)
  std::string title;         // article title
  std::string aliases;       // article aliases, joined with newlines
  std::string heading;       // "" for the lead; must be the pack's section heading (the reader folds the
                             // pack's headings for the exact-heading boost)
  std::string glossary;      // glossary names/abbreviations/everyday words of terms the section mentions
  std::string body;          // section text as folio_section_text renders it
};

struct IndexBlobs {
  // the SearchIndex blobs (search_format.h)
  std::vector<uint8_t> dict, dict_blocks, dict_surfaces, postings, syn_text, syn_index, heading_order;
  std::vector<uint8_t> tf_classes, field_lengths;
  std::vector<uint8_t> syn_postings, syn_post_index;  // phrase postings (empty without them)
  uint32_t length_fields = 0;           // bit f: field f has a column in field_lengths
  float field_avg[fts::FIELD_COUNT] = {1, 1, 1, 1, 1};  // per field (fts::Field)
  uint32_t term_count = 0;
  std::vector<std::string> indexed_terms;  // the terms with postings, in dictionary order (for the lexicon)
  uint32_t synonym_only_terms = 0;  // of term_count: one-word synonyms no section has (df 0)
  uint32_t syn_phrases = 0;  // entries of syn_index
  uint32_t headings = 0;     // entries of heading_order
  uint64_t posting_count = 0, position_count = 0;
  uint64_t doc_stream_bytes = 0, pos_stream_bytes = 0, skip_bytes = 0;  // parts of `postings`
  uint64_t text_bytes = 0;   // raw text indexed (titles and aliases once per article)

  uint64_t bytes() const {
    return dict.size() + dict_blocks.size() + dict_surfaces.size() + postings.size() + syn_text.size() +
           syn_index.size() + heading_order.size() + tf_classes.size() + field_lengths.size() + sizeof field_avg +
           syn_postings.size() + syn_post_index.size();
  }
};

// One term of the dictionary, for encode_dictionary.
struct DictInput {
  std::string term;     // 1..64 bytes; terms sorted by bytes, distinct
  std::string surface;  // the form shown for "did you mean" (at most 64 bytes)
  uint32_t df, post_bytes;  // postings count and record size (records follow each other from offset 0)
};

// Writes out->dict, dict_blocks and dict_surfaces (search_format.h). Throws on a term or surface out of
// bounds or out of order. Exposed for unit tests; build_index_blobs calls it.
void encode_dictionary(const std::vector<DictInput> &terms, IndexBlobs *out);

// The dictionary blobs of b as the engine reads them (pointers into b), for a postings blob of
// postings_len bytes and nterms terms.
fts::DictBlobs dict_blobs_of(const IndexBlobs &b, size_t postings_len, uint32_t nterms);

// Stems of the non-part tokens of `s`, joined by one space ("Steroid shots" → "steroid shot"): the key
// form of synonym phrases, identical to what the reader builds from query words.
std::string analyze_phrase(const std::string &s);

// The same with each compound's parts as words of their own ("Anti-inflammatory drugs" → "anti
// inflammatori drug"): the key a query typing the compound apart builds. Equal to analyze_phrase when
// `s` has no compound.
std::string analyze_phrase_apart(const std::string &s);

// The folded word of a synonym entry of exactly one word (parts of a compound aside), at most
// kMaxTermBytes bytes, into *word; false for a phrase of several words or none.
bool single_word(const std::string &entry, std::string *word);

// Synonym groups as the index stores them: each group's words and phrases analysed (analyze_phrase, and
// analyze_phrase_apart when it differs; empty ones and phrases of more than kMaxPhraseWords words
// dropped), groups sharing a phrase merged.
// *merged gets the merged groups (phrases sorted by bytes); the result maps each input group to its
// merged group, or -1 when fewer than two of its phrases remain. *apart_only (when given) gets the
// phrases that only analyze_phrase_apart made (see order_synonym_group).
std::vector<int> merge_synonym_groups(const std::vector<std::vector<std::string>> &synonym_groups,
                                     std::vector<std::vector<std::string>> *merged,
                                     std::set<std::string> *apart_only = nullptr);

// The order of a synonym group's analysed phrases in syn_text, which is the order a query tries them in:
// fewer words first, then bytes.
bool synonym_order(const std::string &a, const std::string &b);

// Sort a merged group into its syn_text order: synonym_order, but the phrases of `apart_only` last, and
// before them the phrases that `in_text` (when given) says some word of is no word of the text. Both are
// there for a query to look up: the compound's parts apart ("anti inflammatori", where no entry writes
// them so) find only what their compound finds, and a name no section has ("synvisc") finds nothing as
// an alternative, while a query word gets at most kMaxAltsPerWord alternatives. Until 2026-12-06 a group
// with brand names ("hyaluronic acid, HA, …, Synvisc, Durolane") put them, as one-word phrases, before
// the one phrase the text has, which was then never searched.
void order_synonym_group(std::vector<std::string> *group, const std::set<std::string> &apart_only,
                         const std::function<bool(const std::string &word)> &in_text = nullptr);

// Builds the blobs. `synonym_groups`: groups of equivalent words or phrases (curated + glossary); groups
// that share a phrase are merged. Phrases of several words also get their own postings (syn_postings,
// syn_post_index), which the reader uses instead of checking the words' lists and positions. `progress`
// (if set) hears ("indexed", sections read, sections) as the sections are tokenized, which they are on up
// to `threads` threads (parallel_for.h; 0: one a core): the blobs are the same bytes at any count.
IndexBlobs build_index_blobs(const std::vector<IndexDoc> &docs,
                             const std::vector<std::vector<std::string>> &synonym_groups,
                             const std::function<void(const char *stage, size_t done, size_t total)> &progress = nullptr,
                             unsigned threads = 1);

}  // namespace index
}  // namespace folio

#endif
