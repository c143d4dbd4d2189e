// folio.hpp: header-only C++17 wrapper over folio.h. No exceptions, no allocation, no ownership: Pack and
// Reader are copyable views of handles that live in the caller's workspace (see folio.h for lifetimes and
// threads: a Pack is reentrant, a Reader is one thread's scratch). Every call returns the folio_status of
// the C function; strings come back as std::string_view into the pack (or into the caller's buffer).
//
//   alignas(8) static unsigned char ws[FOLIO_WS_BYTES];           // or folio::Pack::workspace_size()
//   folio::Pack pack;
//   folio::Reader reader;
//   if (folio::Pack::open(data, size, ws, sizeof ws, &pack, &reader) != FOLIO_OK) ...
//   folio_article a;
//   if (pack.lookup("knee-pain", &a) == FOLIO_OK) {
//     char buf[16384];
//     std::string_view text;
//     reader.render(a.id, buf, &text);                            // whole article, plain text
//   }
//   folio_entry e[8];
//   folio::Span<folio_entry> hits;
//   pack.suggest("kne", e, &hits);                                // hits views the filled part of e
//   char fix[FOLIO_SUGGEST_CORRECTED_MAX];
//   std::string_view for_text;                                     // "injection" for "injecton"
//   reader.suggest_typed("injecton", e, &hits, fix, &for_text);    // with the search's typo correction
#ifndef FOLIO_HPP
#define FOLIO_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "folio.h"

namespace folio {

// A string from the pack as a std::string_view (same lifetime as the folio_str).
inline std::string_view view(const folio_str &s) { return std::string_view(s.ptr, s.len); }

inline const char *status_str(folio_status s) { return folio_status_str(s); }

// A non-owning (pointer, size) view of a caller array.
template <typename T>
struct Span {
  T *ptr = nullptr;
  size_t len = 0;
  constexpr Span() = default;
  constexpr Span(T *p, size_t n) : ptr(p), len(n) {}
  template <size_t N>
  constexpr Span(T (&a)[N]) : ptr(a), len(N) {}  // NOLINT: implicit from arrays on purpose
  constexpr T *data() const { return ptr; }
  constexpr size_t size() const { return len; }
  constexpr bool empty() const { return len == 0; }
  constexpr T *begin() const { return ptr; }
  constexpr T *end() const { return ptr + len; }
  constexpr T &operator[](size_t i) const { return ptr[i]; }
};

class Reader;

// View of an open pack handle (immutable, reentrant).
class Pack {
 public:
  constexpr Pack() = default;
  constexpr explicit Pack(const folio_pack *p) : p_(p) {}

  // Workspace bytes folio_open needs for this pack (0 if it is not a readable pack). Reads the header only.
  static size_t workspace_size(const void *data, size_t len) { return folio_workspace_size(data, len); }

  // Verify the pack and place the handle (and its built-in reader, if `reader` is not NULL) in `ws`.
  // On failure *out and *reader are empty views.
  static folio_status open(const void *data, size_t len, void *ws, size_t ws_len, Pack *out, Reader *reader = nullptr,
                           uint32_t flags = 0);

  const folio_pack *get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  size_t reader_size() const { return folio_reader_size(p_); }

  folio_status info(folio_info *out) const { return folio_pack_info(p_, out); }
  folio_status article(uint32_t id, folio_article *out) const { return folio_article_get(p_, id, out); }
  folio_status section(uint32_t id, folio_section *out) const { return folio_section_get(p_, id, out); }
  folio_status lookup(std::string_view slug, folio_article *out) const {
    return folio_lookup_slug(p_, slug.data(), slug.size(), out);
  }
  folio_status lookup_title(std::string_view text, folio_entry *out) const {
    return folio_lookup_title(p_, text.data(), text.size(), out);
  }
  folio_status resolve(std::string_view ref, folio_article *article, folio_section *section) const {
    return folio_resolve(p_, ref.data(), ref.size(), article, section);
  }
  folio_status find_section(uint32_t article, std::string_view anchor, folio_section *out) const {
    return folio_section_find(p_, article, anchor.data(), anchor.size(), out);
  }

  // Suggestions into `buf`; *filled views the entries written (best first).
  folio_status suggest(std::string_view prefix, Span<folio_entry> buf, Span<folio_entry> *filled) const {
    uint32_t n = 0;
    const uint32_t cap = buf.size() > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(buf.size());
    const folio_status s = folio_suggest(p_, prefix.data(), prefix.size(), buf.data(), cap, &n);
    if (filled) *filled = Span<folio_entry>(buf.data(), s == FOLIO_OK ? n : 0);
    return s;
  }

  folio_status glossary(std::string_view text, folio_glossary_entry *out) const {
    return folio_glossary_lookup(p_, text.data(), text.size(), out);
  }
  folio_status glossary(uint32_t id, folio_glossary_entry *out) const { return folio_glossary_get(p_, id, out); }
  // The entry a search query asks about ("what is a placebo?"): see folio_glossary_for_query.
  folio_status glossary_for_query(std::string_view query, folio_glossary_entry *out) const {
    return folio_glossary_for_query(p_, query.data(), query.size(), out);
  }
  folio_status reference(std::string_view key, folio_reference *out) const {
    return folio_reference_lookup(p_, key.data(), key.size(), out);
  }
  folio_status reference(uint32_t id, folio_reference *out) const { return folio_reference_get(p_, id, out); }
  folio_status topic(std::string_view name, uint32_t *out_topic) const {
    return folio_topic_find(p_, name.data(), name.size(), out_topic);
  }
  folio_status topic(uint32_t id, std::string_view *name, uint32_t *article_count) const {
    folio_str s{nullptr, 0};
    const folio_status st = folio_topic_get(p_, id, &s, article_count);
    if (name) *name = st == FOLIO_OK ? view(s) : std::string_view();
    return st;
  }
  folio_status topic_article(uint32_t topic, uint32_t i, folio_article *out) const {
    return folio_topic_article(p_, topic, i, out);
  }

  // Element i of an article's lists (FOLIO_E_NOT_FOUND past the end).
  folio_status alias(uint32_t article, uint32_t i, std::string_view *out) const {
    return str_out(folio_article_alias(p_, article, i, &tmp_), out);
  }
  folio_status article_topic(uint32_t article, uint32_t i, std::string_view *out) const {
    return str_out(folio_article_topic(p_, article, i, &tmp_), out);
  }
  folio_status source(uint32_t article, uint32_t i, folio_reference *out) const {
    return folio_article_source(p_, article, i, out);
  }
  folio_status related(uint32_t article, uint32_t i, folio_article *out) const {
    return folio_article_related(p_, article, i, out);
  }
  folio_status link(uint32_t article, uint32_t i, folio_link *out) const { return folio_article_link(p_, article, i, out); }
  folio_status backlink(uint32_t article, uint32_t i, folio_article *out) const {
    return folio_article_backlink(p_, article, i, out);
  }

 private:
  folio_status str_out(folio_status s, std::string_view *out) const {
    if (out) *out = s == FOLIO_OK ? view(tmp_) : std::string_view();
    return s;
  }
  const folio_pack *p_ = nullptr;
  mutable folio_str tmp_{nullptr, 0};  // out-parameter staging only; holds no state between calls
};

// View of a reader (one thread's scratch: render, section text, verify, search).
class Reader {
 public:
  constexpr Reader() = default;
  constexpr explicit Reader(folio_reader *r) : r_(r) {}

  // Place an extra reader for `pack` in `mem` (8-byte aligned, pack.reader_size() bytes).
  static folio_status init(const Pack &pack, void *mem, size_t len, Reader *out) {
    folio_reader *r = nullptr;
    const folio_status s = folio_reader_init(pack.get(), mem, len, &r);
    if (out) *out = Reader(r);
    return s;
  }

  folio_reader *get() const { return r_; }
  explicit operator bool() const { return r_ != nullptr; }
  Pack pack() const { return Pack(folio_reader_pack(r_)); }

  // Bytes the rendering needs (folio_render with dst_cap 0). FOLIO_OK with *size set, or the error.
  folio_status render_size(uint32_t article, size_t *size, folio_format format = FOLIO_FORMAT_TEXT,
                           uint32_t section = FOLIO_NONE, uint32_t flags = 0) const {
    size_t n = 0;
    const folio_status s = folio_render(r_, article, section, format, flags, nullptr, 0, &n);
    if (size) *size = n;
    return s == FOLIO_E_DST_TOO_SMALL ? FOLIO_OK : s;
  }
  // Render into `buf`; on FOLIO_OK *out views the text written. FOLIO_E_DST_TOO_SMALL: *out views the
  // partial prefix, and render_size() gives the size needed.
  folio_status render(uint32_t article, Span<char> buf, std::string_view *out, folio_format format = FOLIO_FORMAT_TEXT,
                      uint32_t section = FOLIO_NONE, uint32_t flags = 0) const {
    size_t n = 0;
    const folio_status s = folio_render(r_, article, section, format, flags, buf.data(), buf.size(), &n);
    if (out) *out = written(s, buf, n);
    return s;
  }
  folio_status section_text(uint32_t section, Span<char> buf, std::string_view *out) const {
    size_t n = 0;
    const folio_status s = folio_section_text(r_, section, buf.data(), buf.size(), &n);
    if (out) *out = written(s, buf, n);
    return s;
  }
  folio_status verify(uint32_t *bad_article = nullptr) const { return folio_verify(r_, bad_article); }

  // Suggestions for what the user is typing, through the search's typo correction when nothing starts
  // with it (folio_suggest_typed): *filled views the entries written; *corrected (optional) views the
  // text they are for in `corrected_buf` when it is not `prefix`, else is empty.
  folio_status suggest_typed(std::string_view prefix, Span<folio_entry> buf, Span<folio_entry> *filled,
                             Span<char> corrected_buf = Span<char>(), std::string_view *corrected = nullptr) const {
    uint32_t n = 0;
    size_t cl = 0;
    const uint32_t cap = buf.size() > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(buf.size());
    const folio_status s = folio_suggest_typed(r_, prefix.data(), prefix.size(), buf.data(), cap, &n,
                                               corrected_buf.data(), corrected_buf.size(), &cl);
    const bool wrote = s == FOLIO_OK || s == FOLIO_E_DST_TOO_SMALL;
    if (filled) *filled = Span<folio_entry>(buf.data(), wrote ? n : 0);
    if (corrected) *corrected = s == FOLIO_OK && cl > 0 ? std::string_view(corrected_buf.data(), cl) : std::string_view();
    return s;
  }

 private:
  static std::string_view written(folio_status s, Span<char> buf, size_t n) {
    if (s == FOLIO_OK) return std::string_view(buf.data(), n);
    if (s == FOLIO_E_DST_TOO_SMALL) return std::string_view(buf.data(), buf.size());
    return std::string_view();
  }
  folio_reader *r_ = nullptr;
};

inline folio_status Pack::open(const void *data, size_t len, void *ws, size_t ws_len, Pack *out, Reader *reader,
                               uint32_t flags) {
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  const folio_status s = folio_open(data, len, ws, ws_len, flags, &p, reader ? &r : nullptr);
  if (out) *out = Pack(p);
  if (reader) *reader = Reader(r);
  return s;
}

// ---- search ----
// Search results in caller-sized arrays: no exceptions, no allocation; a view over the arrays.
template <uint32_t N = 10, size_t TextBytes = 4096>
struct SearchResults {
  folio_search_hit hits[N];
  char text[TextBytes];
  folio_search_result result;
  folio_status status = FOLIO_E_ARG;
  uint32_t size() const { return status == FOLIO_OK ? result.hit_count : 0; }
  const folio_search_hit *begin() const { return hits; }
  const folio_search_hit *end() const { return hits + size(); }
  /* Snippet of hit i as (pointer, length) into `text`. */
  folio_str snippet(const folio_search_hit &h) const { return folio_str{text + h.snippet_off, h.snippet_len}; }
  folio_str corrected() const {
    return (result.flags & FOLIO_SEARCH_CORRECTED) ? folio_str{text + result.corrected_off, result.corrected_len}
                                                   : folio_str{text, 0};
  }
  /* The "did you mean" query when nothing was found (FOLIO_SEARCH_SUGGESTED), else empty. */
  folio_str suggested() const {
    return (result.flags & FOLIO_SEARCH_SUGGESTED) ? folio_str{text + result.corrected_off, result.corrected_len}
                                                   : folio_str{text, 0};
  }
  /* The query words no section has (FOLIO_SEARCH_MISSING), as typed and space-separated, else empty. */
  folio_str missing() const {
    return (result.flags & FOLIO_SEARCH_MISSING) ? folio_str{text + result.missing_off, result.missing_len}
                                                 : folio_str{text, 0};
  }
};
/* results.status receives the folio_status of the call. */
template <uint32_t N, size_t TextBytes>
inline folio_status search(folio_reader *r, const char *query, size_t len, SearchResults<N, TextBytes> &results,
                           uint32_t flags = 0) {
  results.status = folio_search(r, query, len, flags, results.hits, N, results.text, TextBytes, &results.result);
  return results.status;
}

}  // namespace folio

#endif  // FOLIO_HPP
