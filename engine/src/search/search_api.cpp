// search_api.cpp: the public search functions (folio.h, SEARCH API block): argument checks, then the
// query path in search.cpp (modules: search_internal.h); folio_suggest_typed, title suggestions through
// the search's typo correction. Snippet text comes from folio_section_text (the render module's public
// function), so snippets show exactly the text `folio export` writes and the index was built from.
#include <folio/folio.h>

#include "common/common.h"
#include "pack/pack.h"
#include "search/search.h"

extern "C" {

int folio_search_available(const folio_pack *p) {
  if (!p || p->tag != folio::detail::kHandleTag) return 0;
  return folio::fts::available(p) ? 1 : 0;
}

uint32_t folio_search_index_version(const folio_pack *p) {
  if (!p || p->tag != folio::detail::kHandleTag) return 0;
  return folio::fts::index_version(p);
}

folio_status folio_search(folio_reader *r, const char *query, size_t len, uint32_t flags, folio_search_hit *hits,
                          uint32_t cap, char *text, size_t text_cap, folio_search_result *out) {
  if (!r || !out || r->tag != folio::detail::kReaderTag || !r->pack) return FOLIO_E_ARG;
  if (!query && len > 0) return FOLIO_E_ARG;
  if (!hits && cap > 0) return FOLIO_E_ARG;
  if (!text) text_cap = 0;
  return folio::fts::search_run(r, query ? query : "", len, flags, hits, cap, text, text_cap, out);
}

folio_status folio_suggest_typed(folio_reader *r, const char *prefix, size_t len, folio_entry *out, uint32_t cap,
                                 uint32_t *out_n, char *corrected, size_t corrected_cap, size_t *corrected_len) {
  if (corrected_len) *corrected_len = 0;
  if (!r || r->tag != folio::detail::kReaderTag || !r->pack || !out_n) return FOLIO_E_ARG;
  if (!corrected) corrected_cap = 0;
  folio_status st = folio_suggest(r->pack, prefix, len, out, cap, out_n);
  if (st != FOLIO_OK || *out_n > 0 || len == 0 || len > FOLIO_SUGGEST_CORRECTED_MAX / 2 ||
      !folio::fts::available(r->pack))
    return st;
  // Nothing starts with the prefix: the search's correction of it as a word being typed. Its text buffer
  // takes the corrected query and the missing words (each at most a few bytes a word longer than the
  // prefix); a correction that does not fit is reported TEXT_FULL, not CORRECTED, and not used.
  folio_search_hit hit;
  folio_search_result res;
  char text[FOLIO_SUGGEST_CORRECTED_MAX];
  st = folio::fts::search_run(r, prefix, len, FOLIO_SEARCH_PREFIX_LAST | FOLIO_SEARCH_NO_SNIPPETS, &hit, 1, text,
                              sizeof text, &res);
  // a damaged index is reported; any other refusal (a prefix of punctuation only: FOLIO_E_QUERY) leaves the
  // prefix's own answer, no suggestions
  if (st == FOLIO_E_CORRUPT) return st;
  if (st != FOLIO_OK) return FOLIO_OK;
  if (!(res.flags & (FOLIO_SEARCH_CORRECTED | FOLIO_SEARCH_SUGGESTED)) || res.corrected_len == 0 ||
      res.corrected_off + static_cast<size_t>(res.corrected_len) > sizeof text)
    return FOLIO_OK;
  const char *c = text + res.corrected_off;
  const size_t cl = res.corrected_len;
  uint32_t n = 0;
  if (folio_suggest(r->pack, c, cl, out, cap, &n) != FOLIO_OK || n == 0) return FOLIO_OK;
  *out_n = n;
  if (corrected_len) *corrected_len = cl;
  if (!corrected && !corrected_len) return FOLIO_OK;
  if (cl > corrected_cap) return corrected ? FOLIO_E_DST_TOO_SMALL : FOLIO_OK;
  FOLIO_MEMCPY(corrected, c, cl);
  return FOLIO_OK;
}

}  // extern "C"
