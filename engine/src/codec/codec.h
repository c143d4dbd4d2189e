// codec.h: the zstd decoder in caller memory. Only the static (workspace) zstd API is used: no
// ZSTD_create*, no streaming, so the decoder never allocates (zstd.h: "zstd will never resize nor
// malloc() when using a static buffer").
#ifndef FOLIO_CODEC_H
#define FOLIO_CODEC_H

#include <stddef.h>
#include <stdint.h>

struct ZSTD_DCtx_s;
struct ZSTD_DDict_s;

namespace folio {
namespace detail {

// Bytes a decoder context needs in this build of zstd (about 96 KB with Debian's libzstd).
size_t codec_dctx_size();
// Bytes a dictionary referenced in place (ZSTD_dlm_byRef) needs; 0 when dict_len is 0.
size_t codec_ddict_size(size_t dict_len);

// Place a decoder context in `mem` (8-byte aligned, codec_dctx_size() bytes). NULL if mem is too small.
ZSTD_DCtx_s *codec_dctx_init(void *mem, size_t mem_len);

// Digest a full zstd dictionary (magic + entropy tables) that stays at `dict` (the pack): NULL if the
// memory is too small or the dictionary is malformed.
const ZSTD_DDict_s *codec_ddict_init(void *mem, size_t mem_len, const void *dict, size_t dict_len);

enum CodecResult { CODEC_OK = 0, CODEC_CORRUPT = 1 };

// The content size the zstd frame at src declares: false when src_len bytes do not start with a frame
// header that declares one.
bool codec_content_size(const void *src, size_t src_len, size_t *out);

// Decompress exactly one zstd frame of `src_len` bytes into dst (one shot, no window buffer). The frame
// must declare its content size, equal to `expected`, which must fit `dst_cap`; the frame must span
// exactly src_len bytes; zstd checks the content checksum. ddict may be NULL (no dictionary).
CodecResult codec_decompress(ZSTD_DCtx_s *dctx, const ZSTD_DDict_s *ddict, void *dst, size_t dst_cap,
                             const void *src, size_t src_len, size_t expected);

}  // namespace detail
}  // namespace folio

#endif  // FOLIO_CODEC_H
