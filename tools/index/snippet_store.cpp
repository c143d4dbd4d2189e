// snippet_store.cpp: see snippet_store.h.
#include "snippet_store.h"

#ifndef ZSTD_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY
#endif
#include <zstd.h>

#include <memory>
#include <stdexcept>

#include "search/search_format.h"

namespace folio {
namespace index {
namespace {

void check_z(size_t r, const char *what) {
  if (ZSTD_isError(r)) throw std::runtime_error(std::string("snippet store: ") + what + ": " + ZSTD_getErrorName(r));
}

}  // namespace

SnippetStore build_snippet_store(const std::vector<std::string> &texts, const std::vector<uint8_t> *dict, int level) {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx *)> cc(ZSTD_createCCtx(), ZSTD_freeCCtx);
  if (!cc) throw std::runtime_error("snippet store: out of memory");
  check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_compressionLevel, level), "level");
  check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_checksumFlag, 1), "checksum flag");
  check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_contentSizeFlag, 1), "content size flag");
  check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_dictIDFlag, 0), "dictionary id flag");  // the reader knows it
  check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_nbWorkers, 0), "workers");
  std::unique_ptr<ZSTD_CDict, size_t (*)(ZSTD_CDict *)> cd(nullptr, ZSTD_freeCDict);
  if (dict && !dict->empty()) {
    cd.reset(ZSTD_createCDict(dict->data(), dict->size(), level));
    if (!cd) throw std::runtime_error("snippet store: the zstd dictionary was refused");
  }
  SnippetStore out;
  out.offsets.reserve(texts.size() + 1);
  out.offsets.push_back(0);
  std::vector<uint8_t> buf;
  for (const std::string &t : texts) {
    const size_t n = fts::snippet_source_len(t.data(), t.size());
    if (n > 0) {
      buf.resize(ZSTD_compressBound(n));
      // a fresh session per frame (the parameters stay): each frame must decode on its own
      check_z(ZSTD_CCtx_reset(cc.get(), ZSTD_reset_session_only), "reset");
      if (cd) check_z(ZSTD_CCtx_refCDict(cc.get(), cd.get()), "dictionary");
      const size_t z = ZSTD_compress2(cc.get(), buf.data(), buf.size(), t.data(), n);
      check_z(z, "compress");
      out.frames.insert(out.frames.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(z));
    }
    if (out.frames.size() > 0xFFFFFFFFull) throw std::runtime_error("snippet store: frames pass 4 GiB");
    out.offsets.push_back(static_cast<uint32_t>(out.frames.size()));
  }
  return out;
}

}  // namespace index
}  // namespace folio
