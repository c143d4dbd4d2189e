// zstd glue. Frame checks happen before any decoding so a hostile header cannot make zstd write more than
// the caller's buffer (it would refuse anyway, but we want FOLIO_E_CORRUPT, not a zstd code).
#ifndef ZSTD_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY
#endif
#include <zstd.h>

#include "codec/codec.h"
#include "common/common.h"

namespace folio {
namespace detail {

size_t codec_dctx_size() { return ZSTD_estimateDCtxSize(); }

size_t codec_ddict_size(size_t dict_len) {
  return dict_len ? ZSTD_estimateDDictSize(dict_len, ZSTD_dlm_byRef) : 0;
}

ZSTD_DCtx_s *codec_dctx_init(void *mem, size_t mem_len) {
  if (mem == nullptr || !is_aligned8(mem) || mem_len < codec_dctx_size()) return nullptr;
  return ZSTD_initStaticDCtx(mem, mem_len);
}

const ZSTD_DDict_s *codec_ddict_init(void *mem, size_t mem_len, const void *dict, size_t dict_len) {
  if (mem == nullptr || dict == nullptr || dict_len == 0 || !is_aligned8(mem)) return nullptr;
  if (mem_len < codec_ddict_size(dict_len)) return nullptr;
  return ZSTD_initStaticDDict(mem, mem_len, dict, dict_len, ZSTD_dlm_byRef, ZSTD_dct_fullDict);
}

bool codec_content_size(const void *src, size_t src_len, size_t *out) {
  if (src == nullptr || out == nullptr) return false;
  const unsigned long long fcs = ZSTD_getFrameContentSize(src, src_len);
  if (fcs == ZSTD_CONTENTSIZE_UNKNOWN || fcs == ZSTD_CONTENTSIZE_ERROR || fcs > SIZE_MAX) return false;
  *out = static_cast<size_t>(fcs);
  return true;
}

CodecResult codec_decompress(ZSTD_DCtx_s *dctx, const ZSTD_DDict_s *ddict, void *dst, size_t dst_cap,
                             const void *src, size_t src_len, size_t expected) {
  if (FOLIO_NEVER(dctx == nullptr) || dst == nullptr || src == nullptr) return CODEC_CORRUPT;
  if (expected > dst_cap) return CODEC_CORRUPT;
  const unsigned long long fcs = ZSTD_getFrameContentSize(src, src_len);
  if (fcs == ZSTD_CONTENTSIZE_UNKNOWN || fcs == ZSTD_CONTENTSIZE_ERROR) return CODEC_CORRUPT;
  if (fcs != expected) return CODEC_CORRUPT;
  // A zstd frame (not a skippable one) that carries its content checksum: the builder always writes one,
  // and without this check a frame lacking it decoded unverified (FORMAT.md promises the checksum).
  ZSTD_frameHeader zfh;
  if (ZSTD_getFrameHeader(&zfh, src, src_len) != 0 || zfh.frameType != ZSTD_frame || zfh.checksumFlag == 0)
    return CODEC_CORRUPT;
  // One frame, exactly: ZSTD_decompress* would otherwise also decode frames that follow.
  const size_t fsize = ZSTD_findFrameCompressedSize(src, src_len);
  if (ZSTD_isError(fsize) || fsize != src_len) return CODEC_CORRUPT;
  const size_t r = ddict ? ZSTD_decompress_usingDDict(dctx, dst, expected, src, src_len, ddict)
                         : ZSTD_decompressDCtx(dctx, dst, expected, src, src_len);
  if (ZSTD_isError(r) || r != expected) return CODEC_CORRUPT;
  return CODEC_OK;
}

}  // namespace detail
}  // namespace folio
