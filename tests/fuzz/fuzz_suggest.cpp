// fuzz_suggest: the first byte is the capacity (0..255, 0 = count only), the rest the typed prefix.
// Checks the result contract: count <= cap, one entry per article, scores non-increasing, every entry's
// matched key starting with the folded prefix is not re-derived here (the text module owns folding) but
// every entry must name a real article.
#include <cstring>
#include <memory>

#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  folio::fixture::Opened &o = folio::fuzz::fixed_pack();
  const uint32_t cap = data[0];
  std::unique_ptr<char[]> q(new char[size]);
  std::memcpy(q.get(), data + 1, size - 1);
  static folio_entry out[256];
  uint32_t n = 0;
  const folio_status s = folio_suggest(o.pack, q.get(), size - 1, cap ? out : nullptr, cap, &n);
  if (!folio::fixture::status_known(s) || s == FOLIO_E_CORRUPT) __builtin_trap();
  if (s != FOLIO_OK) return 0;
  if (n > 64 || (cap && n > cap)) __builtin_trap();
  if (cap == 0) return 0;
  for (uint32_t i = 0; i < n; i++) {
    folio_article a;
    if (folio_article_get(o.pack, out[i].article, &a) != FOLIO_OK) __builtin_trap();
    for (uint32_t j = 0; j < i; j++) {
      if (out[j].article == out[i].article) __builtin_trap();  // one entry per article
      if (out[j].score < out[i].score) __builtin_trap();        // best first
    }
  }
  return 0;
}
