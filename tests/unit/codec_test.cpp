// [pack] the codec module directly: one-shot decompression into caller memory with a static DCtx, and
// every frame check it makes before and after zstd runs (content size present and equal to the
// expected size, exactly one frame, content checksum, dictionary present when the frame needs one).
#include <catch2/catch.hpp>

#include "codec/codec.h"
#include "support/pack_fixture.h"

using namespace folio::detail;
using folio::fixture::Aligned;

namespace {

std::vector<uint8_t> compress(const std::vector<uint8_t> &src, bool checksum = true, bool content_size = true,
                              const std::vector<uint8_t> *dict = nullptr) {
  ZSTD_CCtx *cc = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, content_size ? 1 : 0);
  if (dict) ZSTD_CCtx_loadDictionary(cc, dict->data(), dict->size());
  std::vector<uint8_t> out(ZSTD_compressBound(src.size()));
  const size_t n = ZSTD_compress2(cc, out.data(), out.size(), src.data(), src.size());
  ZSTD_freeCCtx(cc);
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::vector<uint8_t> sample(size_t n) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; i++) v[i] = static_cast<uint8_t>("folio stem cell knee "[i % 21]);
  return v;
}

}  // namespace

TEST_CASE("codec: static decoder round trip and frame checks", "[pack]") {
  Aligned mem(codec_dctx_size());
  ZSTD_DCtx_s *d = codec_dctx_init(mem.data(), mem.size());
  REQUIRE(d != nullptr);
  CHECK(codec_dctx_init(mem.data(), mem.size() - 1) == nullptr);
  CHECK(codec_dctx_init(mem.data() + 4, mem.size() - 8) == nullptr);
  CHECK(codec_dctx_init(nullptr, mem.size()) == nullptr);
  const std::vector<uint8_t> src = sample(5000);
  const std::vector<uint8_t> f = compress(src);
  Aligned out(src.size());
  REQUIRE(codec_decompress(d, nullptr, out.data(), out.size(), f.data(), f.size(), src.size()) == CODEC_OK);
  CHECK(std::memcmp(out.data(), src.data(), src.size()) == 0);
  // Expected size wrong, larger than the buffer, or the frame declares no size.
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), f.data(), f.size(), src.size() - 1) == CODEC_CORRUPT);
  CHECK(codec_decompress(d, nullptr, out.data(), out.size() - 1, f.data(), f.size(), src.size()) == CODEC_CORRUPT);
  const std::vector<uint8_t> nosize = compress(src, true, false);
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), nosize.data(), nosize.size(), src.size()) ==
        CODEC_CORRUPT);
  // Two frames back to back, and a frame cut short.
  std::vector<uint8_t> two = f;
  two.insert(two.end(), f.begin(), f.end());
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), two.data(), two.size(), src.size()) == CODEC_CORRUPT);
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), f.data(), f.size() - 1, src.size()) == CODEC_CORRUPT);
  // A frame without a content checksum is refused (it decoded unverified until 2026-12-04).
  const std::vector<uint8_t> nosum = compress(src, false, true);
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), nosum.data(), nosum.size(), src.size()) == CODEC_CORRUPT);
  // The content checksum catches a flipped checksum byte.
  std::vector<uint8_t> bad = f;
  bad[bad.size() - 1] ^= 1;
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), bad.data(), bad.size(), src.size()) == CODEC_CORRUPT);
  // And the decoder is still usable after failures.
  REQUIRE(codec_decompress(d, nullptr, out.data(), out.size(), f.data(), f.size(), src.size()) == CODEC_OK);
}

TEST_CASE("codec: dictionary by reference", "[pack]") {
  // A real (trained) dictionary comes from the fixture's dictionary pack.
  std::vector<uint8_t> samples;
  std::vector<size_t> sizes;
  for (int i = 0; i < 200; i++) {
    std::vector<uint8_t> s = sample(200 + i);
    s[i % s.size()] = static_cast<uint8_t>(i);
    samples.insert(samples.end(), s.begin(), s.end());
    sizes.push_back(s.size());
  }
  std::vector<uint8_t> dict(2048);
  const size_t dn = ZDICT_trainFromBuffer(dict.data(), dict.size(), samples.data(), sizes.data(),
                                          static_cast<unsigned>(sizes.size()));
  REQUIRE(!ZDICT_isError(dn));
  dict.resize(dn);
  Aligned dmem(codec_ddict_size(dict.size()));
  const ZSTD_DDict_s *dd = codec_ddict_init(dmem.data(), dmem.size(), dict.data(), dict.size());
  REQUIRE(dd != nullptr);
  CHECK(codec_ddict_size(0) == 0);
  Aligned other(dmem.size());  // failed inits may scribble on their memory: never on a live DDict's
  CHECK(codec_ddict_init(other.data(), other.size() - 1, dict.data(), dict.size()) == nullptr);
  std::vector<uint8_t> junk(dict.size(), 0x42);
  CHECK(codec_ddict_init(other.data(), other.size(), junk.data(), junk.size()) == nullptr);  // not a zstd dict
  Aligned mem(codec_dctx_size());
  ZSTD_DCtx_s *d = codec_dctx_init(mem.data(), mem.size());
  const std::vector<uint8_t> src = sample(3000);
  const std::vector<uint8_t> f = compress(src, true, true, &dict);
  Aligned out(src.size());
  REQUIRE(codec_decompress(d, dd, out.data(), out.size(), f.data(), f.size(), src.size()) == CODEC_OK);
  CHECK(std::memcmp(out.data(), src.data(), src.size()) == 0);
  // A frame that needs the dictionary cannot be decoded without it.
  CHECK(codec_decompress(d, nullptr, out.data(), out.size(), f.data(), f.size(), src.size()) == CODEC_CORRUPT);
}
