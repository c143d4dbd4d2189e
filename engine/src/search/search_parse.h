// search_parse.h: what the query parser's files share (engine/src/search/search_{query,parse,complete,
// synonyms,variants,join}.cpp). Not used by the other search modules, which see the parser through parse(),
// expand_synonyms() and find_headings() in search_internal.h.
//
// The files, in the order a word goes through them:
//   search_query.cpp     the query model's builders: clauses, alternatives, cursors, highlight terms
//   search_parse.cpp     parse(): items, filters, operators, phrases, compounds, a word's clause with its
//                        typo corrections and prefixes
//   search_complete.cpp  a word being typed, completed: prefix expansion, the terms of the words a prefix
//                        starts (Porter2 stems shorter than it), and its endings for heading matches
//   search_variants.cpp  other forms a word also searches: the inflected form of a correction, British and
//                        American -ise / -ize, degrees, thousands with a "k", decades of life
//   search_join.cpp      words typed apart joined into one ("p r p", "inflam mation"), and numbers: in
//                        words ("twenty thousand"), in digits with a scale word ("20 grand"), small ones
//                        in digits searched as their words ("1 in 5")
//   search_synonyms.cpp  the synonym table: look-ups, completions, and expansion after the parse
// Every function here works in the scratch only (no heap) and reports damaged index data by setting
// s->bad; out of room (alternatives, cursors, clauses) it leaves the query as it was.
#ifndef FOLIO_SEARCH_PARSE_H
#define FOLIO_SEARCH_PARSE_H

#include "search/search_internal.h"

namespace folio {
namespace fts {

// ---- search_query.cpp: the query model's builders ---------------------------------------------------------

// dict_find of term through the parse's memo (Scratch::term_memo): true and *ti when the dictionary has
// it; *bad set when the dictionary is damaged.
bool dict_find_memo(Scratch *s, const char *term, size_t len, TermInfo *ti, bool *bad);
// The highlight term for t (added, or the one already there); -1 when out of room. `anywhere`: see HlTerm.
int add_hl(Scratch *s, const char *t, size_t len, bool prefix, uint32_t clause, bool anywhere);
// The highlight term for text t, a word of a compound's parts, waits for its own match (HlTerm::part).
void mark_part(Scratch *s, const char *t, size_t len);
// Start an alternative of clause ci at weight w (terms added with alt_term); NULL when out of room or when
// ci's alternatives are not the last ones (they must stay contiguous).
Alt *alt_begin(Scratch *s, uint32_t ci, float w, bool phrase);
// Add term t at relative position relpos (kNoPos: anywhere) to alternative a of clause ci, with its cursor
// and highlight term; false when out of room. hl_seq >= 0: a word of a compound's parts, highlighted as the
// hl_seq-th word of a sequence and, unless seq_only, anywhere too.
bool alt_term(Scratch *s, Alt *a, uint32_t ci, const char *t, size_t len, uint32_t relpos, int hl_seq = -1,
              bool seq_only = false);
// Forget the phrase words of alternative id.
void drop_phrase_words(Scratch *s, uint32_t id);
// Alternative a turned out to be a single word: its word is highlighted anywhere.
void alt_not_phrase(Scratch *s, Alt *a);
// A compound's part too slight to highlight on its own (under 3 bytes, or all digits).
bool slight_part(const char *t, size_t len);
// Drop alternative a of clause ci, the last one, with its cursors.
void alt_drop(Scratch *s, uint32_t ci, Alt *a);
// A new clause of `kind` (CLAUSE_*); its index, or -1 (s->truncated set) when there are kMaxClauses.
int new_clause(Scratch *s, uint8_t kind);

// ---- search_parse.cpp ------------------------------------------------------------------------------------

// Whether a[0, alen) is the NUL-terminated lower-case ASCII literal b, letters compared without case.
bool ascii_ieq(const char *a, size_t alen, const char *b);
// fuzzy_find for query word w (stem ws) through the parse's memo (Scratch::fz_memo): the candidates, best
// first, into cands (at most kFuzzyKeep), their count in *nc; returns the best distance (0: none).
// `typing`: w is the last word of a query searched as typed, maybe unfinished (FormRule kFormsAny).
uint32_t fuzzy_word(Scratch *s, const char *w, size_t wl, const char *ws, size_t wsl, FuzzyCand *cands,
                    uint32_t *nc, bool typing);
// The nearest of the typo candidates cands[0, nc) (nc > 0) as alternatives of clause ci, the first recorded
// as the clause's correction; NULL when there is no room for one.
Correction *add_typo_alts(Scratch *s, uint32_t ci, const FuzzyCand *cands, uint32_t nc);

// ---- search_complete.cpp: a word being typed, completed -----------------------------------------------------

// A completion: a dictionary term and its document frequency.
struct Completion {
  uint32_t df;
  char term[kMaxTermBytes];
  uint32_t len;
};

// The commonest dictionary terms starting with pre (plen bytes), into best[0, cap) by df, then dictionary
// order, other than `exact` (elen bytes: the literal alternative's term) and the synonym-only words; at
// most kPrefixScan terms are looked at. When there is none and `stems`, the terms of the words pre is the
// start of, where Porter2 stems them shorter than pre ("preparat" -> `prepar`; *from_stems then true).
// Returns their count; a damaged dictionary sets s->bad.
uint32_t top_completions(Scratch *s, const char *pre, size_t plen, const char *exact, size_t elen,
                         Completion *best, uint32_t cap, bool stems = true, bool *from_stems = nullptr);
// Prefix expansion: up to kPrefixExpand of pre's top_completions as alternatives of clause ci at weight w.
// Every expansion weighs the idf of the most frequent of them (or of the typed word itself, when it is a
// word of the pack, with df `exact_df`), as FTS5 scores a prefix as one term: with each its own idf, the
// rarest completion outweighed the word the user is most likely typing ("stem ce" showed the centrifuge
// step before any page about stem cells). After the first, completions are added only while their
// postings stay within kPrefixPostings. Returns true when they came from stems (as top_completions), the
// commonest then in *stem_top when given.
bool add_prefix_alts(Scratch *s, uint32_t ci, const char *pre, size_t plen, const char *exact, size_t elen,
                     uint32_t exact_df, float w, bool stems = true, Completion *stem_top = nullptr);
// Whether pre is the start of a word whose term the pack has and does not start with pre ("in writi":
// `write`), so that it is completed, not corrected. `exact`: pre's own stem.
bool starts_term_word(Scratch *s, const char *pre, size_t plen, const char *exact, size_t elen);
// Whether pre is the start of a real word of the lexicon filter by one of the typed endings ("massag" of
// "massage"): being typed, not mistyped.
bool starts_lexicon_word(Scratch *s, const char *pre, size_t plen);
// Records in s->typed_tail the first kTypedWordsMax endings that complete pre into a word whose stem is
// term (tl bytes), for the word typed at the query's [b, e): find_headings tries the query with each.
void keep_typed_words(Scratch *s, const char *pre, size_t plen, const char *term, size_t tl, uint32_t b,
                      uint32_t e);
// A prefix inside an -ize ending ("standardiz") also completes to the -ise spelling's terms: those are
// added to clause ci at the prefix weight.
void add_ise_prefix_alts(Scratch *s, uint32_t ci, const char *pre, size_t plen);

// ---- search_variants.cpp: other forms a word also searches -------------------------------------------------

// A correction shown as written, with no inflected form.
void no_inflected(Correction *co);
// The correction's inflected form: the candidate's term with the typed word's suffix, when that stems back
// to the term and differs from the surface.
void set_inflected(Correction *co, const text::Token &tok, const char *stem, size_t sl, const FuzzyCand &cand);
// Each adds alternatives to clause ci for a form of token tok the text may write instead; those returning
// bool answer whether they applied (the caller then adds nothing else of that kind).
void add_ise_variant(Scratch *s, uint32_t ci, const text::Token &tok, const char *stem, size_t sl);
bool add_degree_variant(Scratch *s, uint32_t ci, const text::Token &tok);
// One term (len bytes, a stem) as an alternative of clause ci at the literal's weight; true when added
// (false when the clause has no room or the term's cursor cannot be opened: then nothing is left behind).
bool add_term_alt(Scratch *s, uint32_t ci, const char *term, size_t len);
// Digits and a final 'k' ("5k"), as add_thousands_variant reads them.
bool is_thousands_token(const text::Token &tok);
bool add_thousands_variant(Scratch *s, uint32_t ci, const text::Token &tok);
bool add_age_decade_variant(Scratch *s, uint32_t ci, const text::Token &tok);
// Whether the number at q[b, e) of the query is written as money (a currency sign before it, a currency
// word after it).
bool money_amount(const ParseState &ps, size_t b, size_t e);
// An amount of money at q[b, e) that the text does not write: "cost" (or "price") stands in for it;
// add_money_stand_in does that for clause ci whatever its words (a second amount is made optional).
bool add_money_variant(Scratch *s, uint32_t ci, const ParseState &ps, size_t b, size_t e);
bool add_money_stand_in(Scratch *s, uint32_t ci, const ParseState &ps);

// ---- search_join.cpp: words typed apart, and numbers --------------------------------------------------------------------

// A plain query item for joining: q[b, e) ASCII letters, then nothing or only ".,?!" up to the next space
// (such an item ends a run: "p r p?"); `typing`, the last word of an as-you-type query.
struct JoinItem {
  uint32_t b, e;
  bool ends_run, typing;
};

enum : uint32_t { kJoinLetters = 8, kJoinWords = 3, kJoinPieceBytes = 6 };

// Whether the words at the last few item offsets are known (stem_known): join_split_words asks about each
// word at up to three starting items, and a dictionary look-up per word and start was a quarter of a
// plain query's time.
struct JoinCache {
  uint32_t off[4];
  bool known[4];
  uint32_t next;  // ring position
};

// The plain items from q[i] on (at most `cap`), in items; returns their count. A run stops at an item
// that is not plain (an operator, a quote, a digit, a filter, any non-ASCII byte) or after one that ends
// with punctuation.
uint32_t join_items(const ParseState &ps, size_t i, JoinItem *items, uint32_t cap);
// A small number typed in digits (0 to 20, or an ordinal: "2nd") also searched as its word, at full
// weight, when that is a word of the pack and no stopword.
void add_digit_word_variant(Scratch *s, uint32_t ci, const text::Token &tok);
// Whether the stem st is a term with postings or a synonym-table word.
bool stem_known(Scratch *s, const char *st, size_t sl);
// Spelled-out letters ("p r p") or a word broken apart ("inflam mation") at the start of items[0, m),
// joined into one clause; true (and *next past them) when it applied. cache: see JoinCache.
bool join_split_words(Scratch *s, const ParseState &ps, const JoinItem *items, uint32_t m, size_t *next,
                      JoinCache *cache);
// A number written in words at the start of items[0, m) ("twenty thousand") as one clause; true (and *next
// past it) when it applied.
bool join_number_words(Scratch *s, const ParseState &ps, const JoinItem *items, uint32_t m, size_t *next);
// Digits and a scale word from q[i] ("20 thousand dollars", "20 grand", "$10 k") as one clause; true
// (and *next past it) when it applied.
bool join_digits_scale(Scratch *s, const ParseState &ps, size_t i, size_t *next);

// ---- search_synonyms.cpp -------------------------------------------------------------------------------------

// For a prefix no dictionary term starts with: a one-word synonym phrase it completes (docs/search.md,
// "Query syntax"), written into out[kMaxTermBytes]; its length, or 0 when there is none.
size_t syn_complete(Scratch *s, const char *pre, size_t plen, char *out);
// Add the other phrases of the synonym group of the phrase at syn_text offset off to clause ci as
// alternatives.
void add_synonym_alts(Scratch *s, uint32_t ci, size_t off);
// Whether clause ci's word completes a synonym phrase with the plain words just before it.
bool ends_synonym_phrase(Scratch *s, uint32_t ci);
// Whether the word at query byte `from` (stem st) begins a synonym phrase with the words typed after it.
bool starts_synonym_phrase(Scratch *s, const ParseState &ps, size_t from, const char *st, size_t sl);

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_PARSE_H
