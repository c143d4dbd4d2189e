// snippet_store.h: the search index's snippet source (search_format.h: snip_frames, snip_offsets): each
// section's text, cut to kSnippetSource bytes, as its own small zstd frame, so that a snippet costs one
// section-sized decompression instead of decompressing and rendering the whole article.
#ifndef FOLIO_TOOLS_SNIPPET_STORE_H
#define FOLIO_TOOLS_SNIPPET_STORE_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace folio {
namespace index {

struct SnippetStore {
  std::vector<uint8_t> frames;    // the frames, back to back
  std::vector<uint32_t> offsets;  // texts.size() + 1 offsets into frames
};

// Compresses texts[s] (each cut with snippet_source_len) at zstd `level` with the zstd dictionary `dict`
// (NULL or empty: none); an empty text gets no frame (the reader then renders the section). The frames
// compress on up to `threads` threads (parallel_for.h; 0: one a core) and are laid out in text order:
// the same bytes at any thread count. Throws std::runtime_error when zstd fails or the frames pass 4 GiB.
// `progress` (if set) hears ("compressed snippets of", done, texts.size()).
SnippetStore build_snippet_store(const std::vector<std::string> &texts, const std::vector<uint8_t> *dict, int level,
                                 unsigned threads = 1,
                                 const std::function<void(const char *stage, size_t done, size_t total)> &progress = nullptr);

}  // namespace index
}  // namespace folio

#endif
