// search.h: section-level full-text search over the pack's SearchIndex (docs/search.md).
//
// Internal to the engine: the api layer (search_api.cpp) checks arguments and calls search_run(). All
// state lives in the reader's search scratch (folio_reader::search_scratch); nothing is allocated,
// nothing recurses, every loop is bounded by verified sizes or fixed limits.
#ifndef FOLIO_SEARCH_H
#define FOLIO_SEARCH_H

#include <folio/folio.h>

#include "search/search_format.h"

namespace folio {
namespace fts {

// Bytes of reader scratch a query needs (the builder writes it into header.search_scratch_bytes). A fixed
// budget rather than sizeof the scratch struct: the struct's size differs between 32- and 64-bit builds
// and may grow in later engine versions, and a pack built by one engine must stay searchable by another.
// search.cpp static_asserts that the struct fits.
enum : size_t { kScratchBudget = 64 * 1024 };
size_t scratch_bytes();

// True if the pack has a usable search index (version 1, consistent sizes).
bool available(const folio_pack *p);

// The search itself (contract: folio_search in folio.h). Arguments are already checked.
folio_status search_run(folio_reader *r, const char *query, size_t len, uint32_t flags, folio_search_hit *hits,
                        uint32_t cap, char *text, size_t text_cap, folio_search_result *out);

// Optimal-string-alignment edit distance (Damerau without repeated edits) of two byte strings of at most
// kMaxTermBytes bytes, capped at `cap` + 1. Exposed for unit tests.
uint32_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, uint32_t cap);

// The term dictionary as its blobs (SearchIndex dict, dict_blocks, dict_surfaces; layout: search_format.h),
// the postings length and the counts the table declares.
struct DictBlobs {
  const uint8_t *dict, *blocks, *surfaces;
  size_t dict_len, blocks_len, surfaces_len;
  size_t postings_len;
  uint32_t nterms, block;
};

// One decoded dictionary term.
struct DictTerm {
  char term[kMaxTermBytes], surface[kMaxTermBytes];
  uint32_t len, surface_len;
  uint32_t df, post_off, post_len;  // postings record: [post_off, post_off + post_len) of the postings blob
};

// Walks the dictionary in order and looks every term up again by its key (the reader's binary search):
// each must be found with the same df and postings record; `fn` (may be NULL) sees each term. Returns the
// number of terms, or -1 if the blobs are inconsistent, damaged, or a lookup disagrees with the walk.
// Every read is bounds-checked; no allocation. Exposed for unit tests (the dictionary's format).
int64_t dict_check(const DictBlobs &b, void (*fn)(void *ctx, const DictTerm &t), void *ctx);

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_H
