// snippet_store.cpp: see snippet_store.h.
#include "snippet_store.h"

#ifndef ZSTD_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY
#endif
#include <zstd.h>

#include <memory>
#include <stdexcept>

#include "parallel_for.h"
#include "search/search_format.h"

namespace folio {
namespace index {
namespace {

void check_z(size_t r, const char *what) {
  if (ZSTD_isError(r)) throw std::runtime_error(std::string("snippet store: ") + what + ": " + ZSTD_getErrorName(r));
}

}  // namespace

SnippetStore build_snippet_store(const std::vector<std::string> &texts, const std::vector<uint8_t> *dict, int level,
                                 unsigned threads,
                                 const std::function<void(const char *stage, size_t done, size_t total)> &progress) {
  std::unique_ptr<ZSTD_CDict, size_t (*)(ZSTD_CDict *)> cd(nullptr, ZSTD_freeCDict);
  if (dict && !dict->empty()) {
    // read-only once made: every thread's context refers to this one
    cd.reset(ZSTD_createCDict(dict->data(), dict->size(), level));
    if (!cd) throw std::runtime_error("snippet store: the zstd dictionary was refused");
  }
  std::vector<std::vector<uint8_t>> frames(texts.size());
  tools::parallel_for(
      texts.size(), threads,
      [&]() {
        std::shared_ptr<ZSTD_CCtx> cc(ZSTD_createCCtx(), ZSTD_freeCCtx);
        if (!cc) throw std::runtime_error("snippet store: out of memory");
        check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_compressionLevel, level), "level");
        check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_checksumFlag, 1), "checksum flag");
        check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_contentSizeFlag, 1), "content size flag");
        check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_dictIDFlag, 0), "dictionary id flag");  // the reader knows it
        check_z(ZSTD_CCtx_setParameter(cc.get(), ZSTD_c_nbWorkers, 0), "workers");
        return [cc, &cd, &texts, &frames](size_t i) {
          const std::string &t = texts[i];
          const size_t n = fts::snippet_source_len(t.data(), t.size());
          if (n == 0) return;
          std::vector<uint8_t> &buf = frames[i];
          buf.resize(ZSTD_compressBound(n));
          // a fresh session per frame (the parameters stay): each frame must decode on its own
          check_z(ZSTD_CCtx_reset(cc.get(), ZSTD_reset_session_only), "reset");
          if (cd) check_z(ZSTD_CCtx_refCDict(cc.get(), cd.get()), "dictionary");
          const size_t z = ZSTD_compress2(cc.get(), buf.data(), buf.size(), t.data(), n);
          check_z(z, "compress");
          buf.resize(z);
          buf.shrink_to_fit();
        };
      },
      [&](size_t done) {
        if (progress) progress("compressed snippets of", done, texts.size());
      });
  SnippetStore out;
  out.offsets.reserve(texts.size() + 1);
  out.offsets.push_back(0);
  for (const std::vector<uint8_t> &f : frames) {
    out.frames.insert(out.frames.end(), f.begin(), f.end());
    if (out.frames.size() > 0xFFFFFFFFull) throw std::runtime_error("snippet store: frames pass 4 GiB");
    out.offsets.push_back(static_cast<uint32_t>(out.frames.size()));
  }
  return out;
}

}  // namespace index
}  // namespace folio
