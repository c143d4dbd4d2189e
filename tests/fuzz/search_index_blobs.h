// search_index_blobs.h: where each blob of a pack's SearchIndex lies in the pack, for the tests that
// damage a search index on purpose (tests/unit/search_faults_test.cpp, tests/fuzz/fuzz_search_index.cpp).
#ifndef FOLIO_TESTS_SEARCH_INDEX_BLOBS_H
#define FOLIO_TESTS_SEARCH_INDEX_BLOBS_H

#include <folio/schema/folio_generated.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace folio_test {

struct SearchBlob {
  size_t off, len;  // byte range in the pack
};

// The non-empty blobs of the search index of the pack at `pack` (its index FlatBuffer starts at byte
// 128): dictionary, dictionary blocks and surfaces, postings, synonym text and index, heading order,
// snippet frames and offsets, tf classes, field lengths and averages, phrase postings and their index, the
// lexicon. Empty
// when the pack has no search index.
inline std::vector<SearchBlob> search_index_blobs(const uint8_t *pack) {
  std::vector<SearchBlob> blobs;
  const auto *si = folio::fb::GetIndex(pack + 128)->search();
  if (!si) return blobs;
  auto add = [&](const auto *v, size_t elem) {
    if (v && v->size())
      blobs.push_back({static_cast<size_t>(reinterpret_cast<const uint8_t *>(v->data()) - pack), v->size() * elem});
  };
  add(si->dict(), 1);
  add(si->dict_blocks(), 1);
  add(si->dict_surfaces(), 1);
  add(si->postings(), 1);
  add(si->syn_text(), 1);
  add(si->syn_index(), 1);
  add(si->heading_order(), 1);
  add(si->snip_frames(), 1);
  add(si->snip_offsets(), 4);
  add(si->tf_classes(), 1);
  add(si->field_lengths(), 1);
  add(si->field_avg(), 4);
  add(si->syn_postings(), 1);
  add(si->syn_post_index(), 1);
  add(si->lexicon(), 1);
  return blobs;
}

}  // namespace folio_test

#endif
