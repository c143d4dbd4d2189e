// search_api.cpp: the public search functions (folio.h, SEARCH API block): argument checks, then the
// query path in search.cpp (modules: search_internal.h). Snippet text comes from folio_section_text (the render module's public
// function), so snippets show exactly the text `folio export` writes and the index was built from.
#include <folio/folio.h>

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

}  // extern "C"
