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

// The snippet scan's word bytes (letters, digits, any non-ASCII byte), one byte at a time and 8 at a time
// (word_run8: how many of the 8 bytes at p come before the first non-word byte; *high |= 0x80 when one
// of those is not ASCII). Exposed for the unit test that compares the two on every byte value.
bool snippet_word_byte(unsigned char c);
uint32_t word_run8(const unsigned char *p, unsigned char *high);
// The same classes as masks of the 64 bytes at u + off (bit j: byte off + j), bytes past tl in none.
void snippet_block_masks(const unsigned char *u, size_t off, size_t tl, uint64_t *word, uint64_t *high);

// The version field of the pack's search index (0: none), whether or not this engine reads it.
uint32_t index_version(const folio_pack *p);

// The search itself (contract: folio_search in folio.h). Arguments are already checked.
folio_status search_run(folio_reader *r, const char *query, size_t len, uint32_t flags, folio_search_hit *hits,
                        uint32_t cap, char *text, size_t text_cap, folio_search_result *out);

// Packs of at least this many sections skip a hit that cannot enter the results before its section and
// article rows are read (their rows no longer sit in the cache: two misses a section). Exposed for the
// test that builds such a pack.
enum : uint32_t { kRowSkipMinSections = 16384 };

// Whether the reader's last search skipped sections that could not enter its hits (pruning on large
// packs; off with FOLIO_SEARCH_EXHAUSTIVE). Exposed for the tests that compare the two.
bool last_search_pruned(const folio_reader *r);

// Whether the reader's last search ran the one-pass evaluation (the disjunctive pass keeping the
// conjunctive result beside it; off with FOLIO_SEARCH_EXHAUSTIVE). Exposed for the tests that compare the
// one-pass and two-pass results.
bool last_search_one_pass(const folio_reader *r);

// How many alternatives of the reader's last search were synonym phrases read from their phrase postings
// (search_format.h) instead of their words' lists and positions (none with FOLIO_SEARCH_EXHAUSTIVE).
// Exposed for the tests that compare the two.
uint32_t last_search_phrase_lists(const folio_reader *r);

// Optimal-string-alignment edit distance (Damerau without repeated edits) of two byte strings of at most
// kMaxTermBytes bytes, capped at `cap` + 1. Exposed for unit tests.
uint32_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, uint32_t cap);

// Typo correction limits (docs/search.md, "Typos"): words of more bytes get no correction; the work of one
// word's lookup is capped at kTypoBudget units, a dictionary term decoded costing one and a seek
// kTypoSeekCost (past the cap the candidates found so far are used).
enum : uint32_t { kTypoMaxBytes = 32, kTypoBudget = 16384, kTypoSeekCost = 4 };

// The edit distance (as edit_distance, capped at k + 1, k <= 2) that the typo walk's bit-parallel
// automaton computes for a pattern of at most kTypoMaxBytes bytes and a text of at most kMaxTermBytes.
// Exposed for unit tests, which check it against edit_distance; uses about 2 KiB of stack.
uint32_t automaton_distance(const char *pattern, size_t plen, const char *text, size_t tlen, uint32_t k);

// Is b the word a (both folded, n bytes each) with one letter replaced by a key next to it on a QWERTY
// keyboard ("knew" for "knee": w and e are neighbours)? The only typo a real word of kRealSlipBytes
// bytes or fewer is corrected for: one edit from such a word reaches many other real words ("gout" is
// one edit from "got" and "out", "dads" from "adds", "wore" from "work"), and the rest of the query,
// which has those common words too, cannot tell which was meant; a slip of the finger to a neighbouring
// key is the real-word error typing makes most.
bool key_slip(const char *a, const char *b, size_t n);

// Is b (bn bytes) a slip of the fingers away from a (an bytes; both folded): one letter replaced by a
// neighbouring key (key_slip), two neighbouring letters swapped ("trail" for "trial"), or a letter
// doubled or undoubled ("planing" for "planning")? A real word the content lacks is offered a "did you
// mean" (FOLIO_SEARCH_SUGGESTED) only for such a slip, or any one edit when it has kSuggestAnyEditBytes
// bytes or more: any other edit from a real word mostly reaches another real word that was not meant
// ("catch" -> "match", "shipped" -> "hip", "hallows" -> "allows").
bool finger_slip(const char *a, size_t an, const char *b, size_t bn);

// One typo correction of a query word (exposed for unit tests and the benchmark).
struct TypoCandidate {
  uint32_t dist;  // edit distance of the typed word to the surface form, or of its stem to the term
  uint32_t df;
  char term[kMaxTermBytes];  // the dictionary term (a stem)
  uint32_t term_len;
  char surface[kMaxTermBytes];  // its surface form, as the corrected query shows it
  uint32_t surface_len;
};

// Work done by one typo lookup: dictionary terms decoded and dictionary seeks (binary searches).
struct TypoStats {
  uint32_t terms, seeks;
};

// The typo corrections folio_search would add for one query word: `word` is tokenized like a query word
// (its first token counts); a stopword, a number, a compound, a word in the dictionary or one outside the
// length limits gets none. Up to `cap` candidates, best first, go to out (*out_n of them); `stats` (may be
// NULL) gets the work done; `budget` caps it (0: kTypoBudget, as folio_search does). Uses the reader's
// search scratch like folio_search (one thread per reader). FOLIO_E_QUERY if the word has no token;
// FOLIO_E_UTF8; FOLIO_E_NOT_FOUND without a search index; FOLIO_E_CORRUPT.
folio_status typo_candidates(folio_reader *r, const char *word, size_t len, TypoCandidate *out, uint32_t cap,
                             uint32_t *out_n, TypoStats *stats, uint32_t budget = 0);

// The corrected prefix folio_search would search for the prefix `pre` (len bytes, already folded, as
// `pre*` is when nothing starts with it): fuzzy_prefix over the reader's dictionary. out[kMaxTermBytes]
// gets it (*out_len bytes) and *dist its edit distance (0 and *out_len 0: none). Uses the reader's search
// scratch; FOLIO_E_NOT_FOUND without a search index, FOLIO_E_CORRUPT. Exposed for unit tests.
folio_status prefix_typo(folio_reader *r, const char *pre, size_t len, char *out, uint32_t *out_len, uint32_t *dist);

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

// Would folio_search correct query word `word` over the dictionary in b (a word of the build's lexicon:
// the build tool keeps in the pack's lexicon only the words this says yes to)? Same rules as
// typo_candidates, with no synonym table. scratch: typo_scratch_bytes() bytes, any alignment of 8.
// FOLIO_OK with *out set; FOLIO_E_UTF8, FOLIO_E_QUERY (no token), FOLIO_E_CORRUPT (bad blobs),
// FOLIO_E_WORKSPACE (scratch too small): *out false. For the build tool. The walk stops at the first
// candidate, as whether there is one is all it asks; first_only false walks on as folio_search does (for
// the test that the answer is the same).
size_t typo_scratch_bytes();
folio_status typo_correctable(const DictBlobs &b, const char *word, size_t len, void *scratch,
                              size_t scratch_len, bool *out, bool first_only = true);

// Walks the dictionary in order and looks every term up again by its key (the reader's binary search):
// each must be found with the same df and postings record, and forward seeks (dict_seek_forward, from
// 37 terms back) must land on it, by its key and by the smallest key above the term before it; `fn` (may
// be NULL) sees each term. Returns the
// number of terms, or -1 if the blobs are inconsistent, damaged, or a lookup disagrees with the walk.
// Every read is bounds-checked; no allocation. Exposed for unit tests (the dictionary's format).
int64_t dict_check(const DictBlobs &b, void (*fn)(void *ctx, const DictTerm &t), void *ctx);

// BM25 idf of a term found in df of n sections, ln(1 + (n - df + 0.5) / (df + 0.5)), computed without libm
// (search_format.h). Exposed for tests.
float bm25_idf(uint32_t df, uint32_t n);

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_H
