// fuzz_search: the query path over a real pack with a search index (the bundled content pack, path
// compiled in as FOLIO_CONTENT_PACK or given in $FOLIO_SEARCH_FUZZ_PACK). Input: byte 0 = flags (low 5
// bits), byte 1 = hit capacity (0..255), byte 2 = text buffer size in 64-byte units, the rest = the query.
// Checks the result contract: a known status, never FOLIO_E_CORRUPT on a sound pack, hit_count within
// the capacity and FOLIO_SEARCH_MAX_HITS, real articles and sections, one hit per article unless
// FOLIO_SEARCH_ALL_SECTIONS, snippets and highlights inside the text buffer, deterministic results; and
// folio_suggest_typed's contract on the same bytes.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <folio/folio.h>

#include "search_pack_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

folio::index::PackFile &pack() {
  static folio::index::PackFile *pf = [] {
    auto *p = new folio::index::PackFile();
    const char *path = std::getenv("FOLIO_SEARCH_FUZZ_PACK");
#ifdef FOLIO_CONTENT_PACK
    if (!path) path = FOLIO_CONTENT_PACK;
#endif
    if (!path || p->open(path) != FOLIO_OK || !folio_search_available(p->pack)) std::abort();
    return p;
  }();
  return *pf;
}

bool status_known(folio_status s) { return s <= 0 && s >= FOLIO_E_LIMIT; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3) return 0;
  folio::index::PackFile &pf = pack();
  const uint32_t flags = data[0] & 31u;
  const uint32_t cap = data[1];
  const size_t text_cap = static_cast<size_t>(data[2]) * 64;
  std::unique_ptr<char[]> q(new char[size - 3 + 1]);
  std::memcpy(q.get(), data + 3, size - 3);
  std::vector<folio_search_hit> hits(cap ? cap : 1);
  std::vector<char> text(text_cap ? text_cap : 1);
  folio_search_result res;
  const folio_status s = folio_search(pf.reader, q.get(), size - 3, flags, cap ? hits.data() : nullptr, cap,
                                      text_cap ? text.data() : nullptr, text_cap, &res);
  if (!status_known(s) || s == FOLIO_E_CORRUPT || s == FOLIO_E_ARG) __builtin_trap();
  if (s != FOLIO_OK) return 0;
  if (res.hit_count > cap || res.hit_count > FOLIO_SEARCH_MAX_HITS) __builtin_trap();
  if (res.text_len > text_cap) __builtin_trap();
  if ((res.flags & FOLIO_SEARCH_CORRECTED) && res.corrected_off + res.corrected_len > res.text_len) __builtin_trap();
  if (res.flags & FOLIO_SEARCH_MISSING) {
    // the missing words lie in the text written, and each is a piece of the query as typed (control
    // characters as spaces, a phrase's quotes around it)
    if (res.missing_len == 0 || static_cast<uint64_t>(res.missing_off) + res.missing_len > res.text_len) __builtin_trap();
    std::string typed(q.get(), size - 3);
    for (char &c : typed)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    const std::string missing(text.data() + res.missing_off, res.missing_len);
    for (size_t i = 0; i < missing.size();) {
      size_t j = missing.find(' ', i);
      if (j == std::string::npos) j = missing.size();
      if (j > i && typed.find(missing.substr(i, j - i)) == std::string::npos) __builtin_trap();
      i = j + 1;
    }
  }
  for (uint32_t i = 0; i < res.hit_count; ++i) {
    const folio_search_hit &h = hits[i];
    folio_article a;
    folio_section sec;
    if (folio_article_get(pf.pack, h.article, &a) != FOLIO_OK) __builtin_trap();
    if (folio_section_get(pf.pack, h.section, &sec) != FOLIO_OK || sec.article != h.article) __builtin_trap();
    if (h.snippet_len && static_cast<uint64_t>(h.snippet_off) + h.snippet_len > res.text_len) __builtin_trap();
    if (h.highlight_count > FOLIO_SEARCH_MAX_HIGHLIGHTS) __builtin_trap();
    for (uint32_t k = 0; k < h.highlight_count; ++k)
      if (static_cast<uint64_t>(h.highlights[k].off) + h.highlights[k].len > h.snippet_len) __builtin_trap();
    if (!(flags & FOLIO_SEARCH_ALL_SECTIONS))
      for (uint32_t j = 0; j < i; ++j)
        if (hits[j].article == h.article) __builtin_trap();
  }
  // determinism: the same query gives the same hits
  std::vector<folio_search_hit> again(cap ? cap : 1);
  folio_search_result res2;
  const folio_status s2 = folio_search(pf.reader, q.get(), size - 3, flags | FOLIO_SEARCH_NO_SNIPPETS,
                                       cap ? again.data() : nullptr, cap, nullptr, 0, &res2);
  if (s2 != s || res2.hit_count != res.hit_count) __builtin_trap();
  for (uint32_t i = 0; i < res.hit_count; ++i)
    if (again[i].section != hits[i].section) __builtin_trap();
  // folio_suggest_typed on the same bytes (the typed prefix): at most cap (64) entries of real articles,
  // a corrected text inside the buffer only when there are suggestions, "too small" only for a buffer of
  // the text buffer's size that cannot hold it
  folio_entry sug[64];
  uint32_t n = 0;
  size_t cl = 0;
  const uint32_t scap = cap < 64 ? cap : 64;
  const size_t fix_cap = text_cap < FOLIO_SUGGEST_CORRECTED_MAX ? text_cap : FOLIO_SUGGEST_CORRECTED_MAX;
  std::vector<char> fix(fix_cap ? fix_cap : 1);
  const folio_status ss = folio_suggest_typed(pf.reader, q.get(), size - 3, scap ? sug : nullptr, scap, &n,
                                              fix_cap ? fix.data() : nullptr, fix_cap, &cl);
  if (!status_known(ss) || ss == FOLIO_E_CORRUPT || ss == FOLIO_E_ARG) __builtin_trap();
  if (ss == FOLIO_E_DST_TOO_SMALL && (cl <= fix_cap || n == 0)) __builtin_trap();
  if (ss == FOLIO_OK || ss == FOLIO_E_DST_TOO_SMALL) {
    if (n > 64 || (scap && n > scap)) __builtin_trap();
    if (cl > FOLIO_SUGGEST_CORRECTED_MAX || (cl > 0 && n == 0)) __builtin_trap();
    for (uint32_t i = 0; scap && i < n; ++i) {
      folio_article a;
      if (folio_article_get(pf.pack, sug[i].article, &a) != FOLIO_OK) __builtin_trap();
    }
  }
  return 0;
}
