// Placeholder until the search index lands (issue: search): an empty SearchIndex, version 0, which the
// reader treats as "no search index".
#include "search_builder.h"

namespace folio {
namespace index {

flatbuffers::Offset<fb::SearchIndex> build_search_index(const SearchBuildInput &,
                                                         flatbuffers::FlatBufferBuilder &fbb,
                                                         SearchBuildStats *stats) {
  if (stats) *stats = SearchBuildStats{};
  return fb::CreateSearchIndex(fbb, 0);
}

}  // namespace index
}  // namespace folio
