// fuzz_render: the input is a decompressed article document (doc.fbs). It is verified as article 0's
// document of a fixed pack and, if it passes, installed in the reader's cache and rendered: the whole
// article in text and HTML, every section of article 0, and its section texts, each with a size query and
// a short buffer. Uses engine internals (engine/src/pack/pack.h) to bypass zstd, so the fuzzer spends its
// time in doc_verify and render.
#include <cstring>

#include "fuzz/fuzz_common.h"
#include "pack/pack.h"

namespace {

void render_checked(folio_reader *r, uint32_t a, uint32_t s, folio_format f, uint32_t flags) {
  static char buf[1 << 16];
  size_t need = 0, got = 0;
  const folio_status q = folio_render(r, a, s, f, flags, nullptr, 0, &need);
  if (!folio::fixture::status_known(q)) __builtin_trap();
  if (q != FOLIO_OK && q != FOLIO_E_DST_TOO_SMALL) return;
  const size_t cap = need / 2 < sizeof buf ? need / 2 : sizeof buf;
  const folio_status w = folio_render(r, a, s, f, flags, buf, cap, &got);
  if (got != need || (w == FOLIO_OK) != (need <= cap)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  folio::fixture::Opened &o = folio::fuzz::fixed_pack();
  folio_reader *r = o.reader;
  if (size > r->doc_cap) return 0;
  r->cached_article = FOLIO_NONE;
  r->doc = nullptr;
  std::memcpy(r->doc_buf, data, size);
  const folio::fb::Doc *d = nullptr;
  if (folio::detail::doc_verify(r->doc_buf, size, 0, &d) != FOLIO_OK) return 0;
  r->cached_article = 0;
  r->doc = d;
  r->doc_len = static_cast<uint32_t>(size);
  render_checked(r, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0);
  render_checked(r, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, 0);
  folio_article a;
  if (folio_article_get(o.pack, 0, &a) != FOLIO_OK) __builtin_trap();
  for (uint32_t s = a.section_first; s < a.section_first + a.section_count; s++) {
    render_checked(r, 0, s, FOLIO_FORMAT_HTML, FOLIO_RENDER_NO_REFERENCES);
    render_checked(r, 0, s, FOLIO_FORMAT_TEXT, 0);
    size_t need = 0;
    if (!folio::fixture::status_known(folio_section_text(r, s, nullptr, 0, &need))) __builtin_trap();
  }
  r->cached_article = FOLIO_NONE;  // the next input must not see this one's document
  r->doc = nullptr;
  return 0;
}
