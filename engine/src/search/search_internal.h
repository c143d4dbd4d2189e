// search_internal.h: what the search modules share (engine/src/search/*.cpp): limits and weights, the
// index view, the term dictionary iterator, the postings cursor, the query model and the search scratch,
// and the functions one module calls in another. Not installed; the public surface is search.h (and
// folio.h). Byte layouts of the index: search_format.h.
//
// The modules, in the order a query uses them:
//   search_dict.cpp     the index view over a pack's SearchIndex, the front-coded term dictionary
//   search_parse.cpp    the query into clauses, alternatives and cursors (prefixes, synonyms, headings);
//                       with search_query, search_complete, search_variants, search_join and
//                       search_synonyms.cpp, which share search_parse.h
//   search_typo.cpp     typo candidates: Levenshtein automata over the dictionary, "did you mean"
//   search_eval.cpp     postings cursors, BM25F scores, the conjunctive and disjunctive passes, the heap
//   search_snippet.cpp  snippets: the section's text, the words that match, the best window
//   search.cpp          search_run(): the whole query, from the scratch to the caller's hits
#ifndef FOLIO_SEARCH_INTERNAL_H
#define FOLIO_SEARCH_INTERNAL_H

#include "search/search.h"
#include "search/search_format.h"

#include "codec/codec.h"
#include "lookup/lookup.h"
#include "pack/pack.h"
#include "text/text.h"

// A cold path kept out of a hot loop (the postings decoding loop, the typo walk), where inlining it cost
// the loop its registers.
#if defined(__GNUC__) || defined(__clang__)
#define FOLIO_SEARCH_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define FOLIO_SEARCH_NOINLINE __declspec(noinline)
#else
#define FOLIO_SEARCH_NOINLINE
#endif

namespace folio {
namespace fts {

constexpr uint32_t kEnd = 0xFFFFFFFFu;
enum : uint32_t {
  kMaxClauses = FOLIO_SEARCH_MAX_CLAUSES,
  kMaxAlts = 96,
  kMaxAltsPerClause = kMaxAltsPerWord,
  kMaxCursors = 64,
  kMaxAltTerms = kMaxPhraseWords,
  kMaxHl = 64,
  kMaxHeap = FOLIO_SEARCH_MAX_HITS,
  kMaxPos = kMaxPhrasePositions,
  kMaxMatches = 512,
  kSnippetText = kSnippetSource,  // section text scanned for a snippet (the rest is not looked at)
  kSnippetBytes = 200,
  kPrefixExpand = 8,
  kPrefixPhraseExpand = 7,  // completions of a phrase's last word (`"bone mar*"`): the phrase repeated for
                            // each (kMaxAltsPerWord with the literal one), within half the cursors
  kPrefixJoinedExpand = 3,  // completions of a phrase's last words joined into the start of a compound
                            // (`"anti inflam`: `antiinflammatori`)
  kPrefixScan = 4096,
  kStemCompleteMinBytes = 4,  // a prefix this long or longer also completes to terms of its words' stems
  kStemCompleteMax = 8,       // distinct stems of such words looked up (stem_completions)
  kTypedWordsMax = 4,         // such words tried as the query's last word for a heading (keep_typed_words)
  kPrefixPostings = 16384,   // postings of a prefix's expansions after the first (the work it may cost)
  kPruneMinPostings = 8192,  // a query's postings from which hits that cannot enter the heap are skipped
  kFuzzyKeep = 3,
  kCooccurSteps = 1024,      // leapfrog steps of one correction-in-context check (check_corrections)
  kFuzzyMaxLen = kTypoMaxBytes,  // longer words get no typo correction (and fit the automata's 64-bit masks)
  kMaxEdits = 2,
  kRealSlipBytes = 4,     // a real word this short is corrected only for a slip to a neighbouring key
  kSuggestAnyEditBytes = 8,  // a real word this long may be offered any one-edit "did you mean"
  kTypoMinBytes = 4,      // shorter words (and stems) get no typo correction: 'old' is not 'told'
  kTypoOneEditBytes = 7,  // words (and stems) of up to this many bytes get one edit, longer ones two
  kFuzzyHead = 3,     // with two edits allowed, at most one of them is in a term's first kFuzzyHead bytes
  kSkipRun = 8,     // typo walk: seek once this many terms in a row were stepped over below the next key
  kSeekCost = kTypoSeekCost,      // a seek costs about four decoded terms
  kFuzzyBudget = kTypoBudget,     // GCIDE's costliest words use about 11,000
  kMaxQueryTokens = 2048,
  kFastClasses = 16,  // classes whose body-only status View::fast_tf caches
  kSatTf = 2,         // body tf up to which saturated scores are tabled (tf 1 and 2: 80 % of the bundled postings)
  kMemoSlots = 64,    // snippet word memo (hl_match): slots, and the longest word it keeps
  kMemoWord = 22,
};

constexpr float kWeightParts = 0.9f;
constexpr float kWeightPrefix = 0.8f;
// Completions of a last word typed as you type that is itself a word of the pack ("knee" -> "kneecap"):
// at 0.8 the rarer completion outweighed the common word it completes, and "knee" showed kneecap pages
// (judged set with --prefix-last: 0.923 at 0.8, 0.925 at 0.4 and at 0.2, as without the flag).
constexpr float kWeightPrefixOfWord = 0.2f;
// The words of an open quote before the word being typed, as a phrase of their own (`"steroid s`): below
// the whole phrase with a completion of that word.
constexpr float kWeightPhraseTyped = 0.2f;
constexpr float kWeightFuzzy1 = 0.8f;
constexpr float kWeightFuzzy2 = 0.6f;
constexpr float kWeightSynonym = 0.6f;
constexpr float kOtherAltShare = 0.25f;  // the tie-breaker of a dis-max (Lucene's DisjunctionMaxQuery)

inline uint32_t u32_at(const uint8_t *base, uint32_t i) { return le32(base + 4u * static_cast<size_t>(i)); }

struct Surface {
  const uint8_t *tail;
  uint8_t cut, len;
};

struct View {
  const uint8_t *dict;
  size_t dict_len;
  const uint8_t *blocks;  // per block: wd-byte offset in dict, wp-byte offset in postings
  uint32_t wd, wp;
  uint32_t nblocks;
  const uint8_t *postings;
  size_t postings_len;
  uint32_t nterms, block, skip;
  const uint8_t *tf_classes;     // nclasses * kTfClassBytes
  uint32_t nclasses;
  const uint8_t *field_lengths;  // per section, ncols length codes (fields of length_fields)
  uint32_t ncols;
  int8_t col[FIELD_COUNT];       // column of field f in field_lengths, -1: none (length 0)
  float norm_a[FIELD_COUNT], norm_b[FIELD_COUNT];  // norm = a + b * length (1 - b_f, b_f / avg_f)
  uint8_t fast_tf[kFastClasses];  // class c < kFastClasses: its body tf when it has body words only and
                                  // at most kSatTf of them (the saturated score is tabled), else 0
  const uint8_t *body_codes;      // the body's length code of section d: body_codes[d * body_stride]
  uint32_t body_stride;
  Surface surface_codes[16];  // per surface code: 0 none, 1..nsurfaces dict_surfaces, others cut 255
  uint32_t nsurfaces;
  const uint8_t *syn_text;
  size_t syn_text_len;
  const uint8_t *syn_index;  // ws-byte offsets into syn_text, sorted by phrase
  uint32_t ws, nsyn;
  const uint8_t *syn_post;        // phrase postings (search_format.h), NULL when the pack has none
  size_t syn_post_len;
  const uint8_t *syn_post_index;  // nsyn + 1 wq-byte offsets into syn_post
  uint32_t wq;
  const uint8_t *heading_order;  // per heading: u16 hash, wh-byte section id; sorted by (hash, key, id)
  uint32_t wh, nheading;
  uint32_t nsections;
  const uint8_t *snip_frames;   // snippet source (search_format.h), NULL when the pack has none
  size_t snip_len;
  const uint8_t *snip_offsets;  // nsections + 1 u32 LE
  const uint8_t *lex_bits;      // lexicon Bloom filter bits (search_format.h), NULL when the pack has none
  uint32_t lex_nbits, lex_probes;
  bool lex_forms;               // the filter lists the terms' real derivational forms (kLexiconHasForms)
};

struct TermInfo {
  uint32_t df;
  uint32_t post_off, post_len;
};

// Sequential decoder over the front-coded dictionary.
struct DictIter {
  const View *v;
  uint32_t block, i, ord;  // current term: block, index in block, global ordinal
  size_t pos;              // byte offset of the next term in dict
  uint32_t post_next;      // postings offset of the next term
  char term[kMaxTermBytes];
  uint32_t len, lcp;       // current term; bytes shared with the previous term
  TermInfo info;
  const uint8_t *surf;
  uint32_t surf_cut, surf_len;
  bool started, bad;
};

struct Cursor {
  const uint8_t *skips;  // nblocks skip entries of sk_last + sk_doc + sk_pos bytes, or NULL for one block
  const uint8_t *docs;
  const uint8_t *pos;
  uint32_t docs_len, pos_len;
  uint32_t docs_avail;   // bytes from docs to the end of the postings blob: a bit window may read them
                         // (what a code takes from past docs_len is refused after decoding it)
  uint32_t df, nblocks, skip;
  uint8_t sk_last, sk_doc, sk_pos, sk_entry;  // skip entry field widths and size (search_format.h)
  uint32_t idx;          // index of the current posting (kEnd before the first)
  uint32_t doc;          // current doc (kEnd when exhausted)
  uint32_t prev;         // previous doc (for delta decoding), kEnd = -1
  size_t dp;             // next byte in docs (varint block: next posting; packed block: the next block)
  size_t bitp;           // packed block: bit offset in docs of the next posting
  uint32_t left;         // postings left in the current doc block (0: the next step reads a block header)
  uint8_t rk;            // Rice parameter of the current doc block; kVarintBlock: varints
  bool bad;
  bool track;            // follow the position stream (set before the cursor's first step)
  uint32_t cls;          // tf class of the current posting (< View::nclasses)
  uint32_t nclasses, nsections;
  float idf;             // < 0 until computed
  // positions (search_format.h), followed only by a cursor whose positions a phrase check reads (track):
  // the bit offsets in pos of the current posting's positions and of the next posting's (kept after the
  // fields every step reads)
  size_t pcur, pnext;
  const View *view;      // tf classes (position counts) and field lengths (position widths)
  // the first cursor of an alternative read from phrase postings (Alt::pre): the phrase's list, its
  // postings (docs: its bit stream, docs_len its bytes, bitp the next posting, idx/doc/prev as above); the
  // alternative's cursors (this one included) are not stepped themselves: the list gives each its tf class
  uint32_t plist_n;
};

enum ClauseKind : uint8_t { CLAUSE_REQUIRED = 0, CLAUSE_OPTIONAL = 1, CLAUSE_NEGATIVE = 2 };

struct Alt {
  uint16_t c0;      // first cursor
  uint8_t n;        // cursors (terms, all required)
  uint8_t phrase;   // 1: the terms must appear at relpos offsets
  float weight;
  uint8_t relpos[kMaxAltTerms];
  uint32_t doc;     // current candidate doc: every term occurs (valid when init)
  bool init;
  bool checked, ok; // phrase: whether doc passed the position check (two-phase: checked lazily)
  uint8_t pre;      // 1: a synonym phrase read from its phrase postings (the first cursor walks them)
  uint8_t names;    // 1: a quoted phrase, also found in the article's title and aliases (which carry no
                    // positions: names_have_phrase in search_eval.cpp)
};

struct Clause {
  uint8_t a0, na;
  uint8_t kind;
  uint8_t literal;  // 1: a plain single word (candidate for synonym merging)
  uint32_t doc;
  bool init;
  // source of a plain word, for the corrected query
  uint32_t src_begin, src_end;
  int32_t corrected;  // index into Scratch::corr or -1
  char stem[kMaxTermBytes];
  uint8_t stem_len;
  uint8_t fz0;        // with corrected >= 0: alternatives [a0 + fz0, a0 + na) are the typo corrections
                      // and their synonyms (0xFF: a merged synonym run, not checked)
  uint8_t lex;        // with corrected >= 0: the typed word is a real word (in the pack's lexicon)
  uint8_t may_suggest;  // with lex: the correction is a finger slip of the typed word (finger_slip), or
                        // one edit from a word of kSuggestAnyEditBytes or more, so it may be offered as
                        // "did you mean" when check_corrections does not apply it
  int32_t suggested;  // a real word's correction that check_corrections did not apply (index into
                      // Scratch::corr, or -1): offered as "did you mean" when nothing is found
  uint8_t short_typed;  // the word being typed (FOLIO_SEARCH_PREFIX_LAST), shorter than
                        // kStemCompleteMinBytes: its completions are too many to be a real word's context
};

struct HlTerm {
  char text[kMaxTermBytes];
  uint8_t len;
  uint8_t prefix;  // match tokens starting with text (unstemmed)
  uint8_t clause;
  uint8_t anywhere;  // 1: a word of a single-word or unordered alternative (or a prefix): highlighted
                     // wherever it occurs; 0: only a word of phrases (Scratch::hlp), highlighted where the
                     // whole phrase occurs
  uint8_t part;      // 1: a word of a compound's parts ("bone-marrow" -> bone, marrow): the snippet scan
                     // waits for each such word, not just one word of its clause, before it stops early
};

// A word of a phrase alternative (a quoted phrase, a synonym phrase) with a highlight term: the term, the
// phrase (its alternative's index) and the word's offset in it. A snippet highlights such a word only
// inside an occurrence of the whole phrase, so that "GVHD" (a synonym of "donor cell reaction") does not
// light up every "cell" of the text.
struct HlPhraseWord {
  uint8_t hl, phrase, relpos;
};

struct Correction {
  char word[kMaxTermBytes * 2];  // the correction (the term's surface), then its inflected form
  uint32_t len;
  uint32_t inflected_len;  // > 0: word + len holds the term with the typed word's suffix ("incleemntly" ->
                           // term "inclement" + "ly": "inclemently"), which stems back to the term
  bool show_inflected;     // the corrected query shows the inflected form: the typed word's ending is an
                           // inflection and that form is nearer to the typed word ("treatmnets" ->
                           // "treatments", not the surface "treatment")
};

struct HeapItem {
  uint32_t section, article;
  float score;
  uint8_t full, title;
  // an article named by an alias (lead_over): own, its lead's own text (not the names) has every query
  // word; head, this section's heading has them all
  uint8_t own, head;
  uint32_t more;
};

struct Match {
  uint32_t begin, end;
  uint8_t clause;
  uint8_t hl;    // the highlight term
  uint8_t keep;  // 1: highlighted (an `anywhere` term, or inside a whole phrase); 0: not (yet)
};

// Bit-parallel Levenshtein automaton with transpositions (Wu-Manber's k-errors NFA, with Hyyrö's
// transposition states) for a pattern of q <= kFuzzyMaxLen bytes: after reading a string t, bit j of r[e]
// says that w[0..j) is within e edits of t (the optimal-string-alignment DP cell (|t|, j) is <= e), and
// bit j of x[e] that t ends with w[j + 1] read from a state of r[e - 1] at j (half of a transposition,
// completed if the next byte is w[j]). One step costs a few word operations per error level instead of
// one DP row; the distance is the least e with bit q in r[e], and a string can still be extended into
// a match while r[k] is not 0.
struct LevState {
  uint64_t r[kMaxEdits + 1], x[kMaxEdits + 1];
};

struct LevPattern {
  uint64_t mask[256];  // bit j + 1: w[j] is the byte
  uint64_t all;        // bits 0..q
  uint32_t q, k;
};

struct MemoEntry {
  char word[kMemoWord];
  uint8_t hl, match;
};

struct FuzzyCand {
  uint32_t dist, first, df;  // first: 1 when the term's first byte is neither of the word's first two
  uint32_t wdist;            // edits from the typed word to the surface (kMaxEdits + 1: more)
  uint32_t slip;             // 0: that one edit is a finger slip (finger_slip), 1: not
  char term[kMaxTermBytes];
  uint32_t len;
  char surf[kMaxTermBytes];
  uint32_t surf_len;
};

// A query word's typo look-up (fuzzy_find of the word and its stem), kept for the parse: deciding whether
// to join a word with its neighbour (join_split_words) looks up the word's own corrections, which the word
// then reuses when it is parsed on its own.
struct FuzzyMemo {
  char w[kMaxTermBytes];
  uint32_t wl;  // 0: empty
  uint32_t forms;  // the FormRule it was looked up with
  uint32_t d, nc;
  FuzzyCand cands[kFuzzyKeep];
};

struct Scratch {
  View v;
  const folio_pack *pack;  // the pack being searched (set by search_run)
  const char *query;       // the query (set by search_run): an excluded phrase's words are read from it
  uint32_t query_len;
  // names_have_phrase's last answer: for alternative names_alt in the sections of article names_article
  // (kEnd: none), which share their names
  uint32_t names_article, names_alt;
  bool names_ok;
  Cursor cursors[kMaxCursors];
  Alt alts[kMaxAlts];
  Clause clauses[kMaxClauses];
  HlTerm hl[kMaxHl];
  HlPhraseWord hlp[kMaxHl];
  int8_t cursor_hl[kMaxCursors];  // the highlight term a cursor's word registered (alt_term), or -1
  Correction corr[kMaxClauses];
  bool corr_inflected;  // the corrected query is an exact title only with its inflected forms: shown so
  HeapItem heap[kMaxHeap];
  uint32_t posbuf[kMaxAltTerms][kMaxPos];
  Match matches[kMaxMatches];
  LevPattern lev[2];                     // typo automata: the typed word, its stem
  LevState lst[2][kMaxTermBytes + 1];    // their states along the current dictionary term
  char text[kSnippetText];
  uint8_t hl_first[256];  // first bytes of the highlight terms (any non-ASCII first byte: all 0x80..0xFF)
  uint64_t hl_pair[128][2];  // ASCII first byte -> bit set of ASCII second bytes a term can go on with
  uint32_t ncursors, nalts, nclauses, nhl, nhlp, ncorr, nheap, heap_cap;
  uint32_t fz_terms, fz_seeks, fz_budget;  // typo lookup: work done (typo_candidates reports it), budget left
  FuzzyMemo fz_memo[2];  // the parse's last typo look-ups (ring; emptied when a query's parse starts)
  uint32_t fz_memo_next;
  // the parse's last exact term look-ups (ring, emptied when a query's parse starts): a word's look-up
  // when join_split_words asks whether the pack knows it, reused when the word gets its cursor
  struct TermMemo {
    char term[kMaxTermBytes];
    uint32_t len;  // 0: empty
    TermInfo ti;
    bool found;
  } term_memo[4];
  uint32_t term_memo_next;
  uint32_t nrequired;
  // the parse's count of the words that need a clause (content words, and stopwords that may be words of
  // a synonym phrase, whose query offsets are keep_stop) and of those given one so far: any other stopword
  // gets no clause when the words still to come would not fit otherwise (add_word_clause)
  uint32_t needed_words, needed_seen;
  uint32_t keep_stop[kMaxClauses];
  uint32_t nkeep_stop;
  bool bad, truncated;
  // filters
  bool topic_filter;
  bool filter_list;     // the query is filters (and exclusions) only: list the sections they keep
  bool article_filter;  // article:SLUG: only the sections [article_first, article_end)
  uint32_t topic;
  uint32_t article_first, article_end;
  uint32_t unknown_filter_b, unknown_filter_e;  // the first topic: or article: filter naming nothing in the
                                                // pack, as typed (reported as missing); empty: none
  int audience;  // -1 none, else FOLIO_AUDIENCE_*
  uint32_t title_article;
  uint32_t title_first, title_end;  // its sections [first, end) (empty without one)
  bool title_by_alias;  // the query is one of its aliases, not its title
  uint32_t heading_sections[4];  // sections whose heading is the query (exact-heading boost)
  uint32_t nheading_sections;
  // the last word as typed, at the query's [typed_src_begin, typed_src_end), when it is the start of a
  // word whose term stands for it (stem_completions: "injecti"), and the tails that complete it to such
  // words ("on" of "injection"), for find_headings
  struct TypedTail {
    const char *text;  // static (an ending of kTypedEndings)
    uint8_t len;
  } typed_tail[kTypedWordsMax];
  uint32_t ntyped_words;
  uint32_t typed_src_begin, typed_src_end;
  char key[detail::kMaxKeyBytes];
  char heading_key[detail::kMaxKeyBytes];  // a section heading folded for comparison with `key`
  // grouping state
  uint32_t cur_article, cur_end;
  bool cur_ok;
  HeapItem cur;
  bool cur_has;
  // the one-pass evaluation (run_passes): the conjunctive result beside the disjunctive one, its full
  // matches grouped by article (cur_and: the article's best full section, `more` its other full ones)
  bool both;
  bool skip_rows;  // kRowSkipMinSections: hits_cannot_enter() before accept()
  bool one_pass;  // the last query used it (last_search_one_pass)
  HeapItem cur_and;
  bool cur_and_has;
  HeapItem heap_and[kMaxHeap];
  uint32_t nheap_and;
  bool all_sections;
  bool exhaustive;  // FOLIO_SEARCH_EXHAUSTIVE: no pruning
  bool pruned;  // a pass skipped sections that could not enter the heap (more_sections then recounted)
  // BM25F tables of the query, filled on first use (a bit per entry says it is filled): 1 / norm per field
  // and length code, and the saturated body score of tf 1..kSatTf per length code
  float inv_tab[FIELD_COUNT][256];
  float sat_tab[kSatTf][256];
  uint64_t inv_have[FIELD_COUNT][4];
  uint64_t sat_have[kSatTf][4];
  // snippet words already matched against the highlight terms (hl_match); memo_len: word bytes + 1, 0 empty
  MemoEntry memo[kMemoSlots];
  uint8_t memo_len[kMemoSlots];
};

// Typo candidates for the folded query word w (docs/search.md, "Typos"): dictionary terms within k edits
// (none for words under kTypoMinBytes, k = 1 up to kTypoOneEditBytes bytes, else 2; optimal string alignment: insertions,
// deletions, substitutions and transpositions of adjacent bytes) of w, measured against each term's surface
// form (the most frequent word that stems to it) and, for the typed word's stem, against the term itself
// (within the k of the stem's own length). With
// k = 2 a term's first kFuzzyHead (3) bytes must be within one edit of a prefix of w: at most one of the
// two edits is at the start of the word, where typing errors are rarest and where a second one would let
// nearly every term of the dictionary through the walk's pruning. The ranges walked:
//   - the terms starting with w[0] or w[1] (the first letter right, swapped with the second, or an extra
//     letter typed before the word);
//   - for every other first byte c of the dictionary, the terms starting with c w[1] (the first letter
//     wrong) and c w[0] (the first letter missing), followed by w[2] / w[1] when k = 2.
// Together they hold every term within the bounds: a term starting with another byte has its edit there,
// so its next byte (k = 1) or two (k = 2, the head rule) must be w's, from w[1] or from w[0], unedited.
//
// Each range is walked in dictionary order by two Levenshtein automata (the word's, its stem's) whose
// states are kept per byte of the current term and reused along the front-coded common prefixes. Once
// both die at a byte, next_alive() computes the next key that could start a candidate; the terms below
// it are stepped over with no automaton work, or seeked past when there are more than a few (kSkipRun).
// The work per word is capped (kFuzzyBudget units: a decoded term is one, a seek kSeekCost), so no word
// costs more than about half a millisecond on a large dictionary; past the cap the candidates found so
// far are used. Candidates are kept in a fixed order (cand_add), so the order of the walk does not matter.
// (FuzzyCand: before Scratch, which keeps a few.)

struct ParseState {
  const char *q;
  size_t len;
  uint32_t flags;
};

// ---- shared helpers --------------------------------------------------------------------------------------

inline bool is_space_byte(unsigned char c) { return c <= 0x20 || c == 0x7F; }

inline bool is_number_token(const text::Token &t) { return (t.flags & text::TOKEN_NUMBER) != 0; }

// The first bytes a token must share with highlight term h to match it: all of a prefix term; for a
// stem, all but its last two bytes (Porter2 changes at most the last two: "happy" -> "happi", "dying"
// -> "die"), at least one.
inline size_t hl_need(const HlTerm &h) { return h.prefix ? h.len : (h.len > 2 ? h.len - 2u : 1u); }

// ---- functions one module calls in another ----------------------------------------------------------------

// The search index of pack p as a View; false when the pack has none this engine can read (another
// index version, inconsistent blobs). Every later offset is bounds-checked against these blobs.
bool view_init(const folio_pack *p, View *v);
// The dictionary part of a view from its blobs; false if they are inconsistent.
bool dict_view_init(const DictBlobs &b, View *v);

// Byte order of two strings (the dictionary's order): < 0, 0, > 0.
int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen);

// Decode the next term (layout: search_format.h); false at the end of the dictionary or on corruption
// (it->bad).
bool dict_next(DictIter *it);

// Position `it` on the first term >= key. False if there is none.
bool dict_lower_bound(DictIter *it, const View *v, const char *key, size_t klen);

// The same from where `it` stands, for a key past its current term (the typo walk's seeks, which mostly land
// a few blocks ahead): galloping over the blocks from the current one, then on from the current term when
// the key is in its block. Any other iterator (not started, damaged, at or past the key): dict_lower_bound.
bool dict_seek_forward(DictIter *it, const View *v, const char *key, size_t klen);

// The term equal to key: true and its df and postings record in *out; false if absent (*bad set when the
// dictionary is damaged).
bool dict_find(const View *v, const char *key, size_t klen, TermInfo *out, bool *bad);

// A cursor before the first posting of term t (df 0: an empty cursor); false (and c->bad) when the
// record's skip table or stream lengths do not fit it.
bool cursor_init(Cursor *c, const View *v, const TermInfo &t);

// Sort the heap contents best first (insertion sort: at most 64 items).
void heap_sort(Scratch *s);
void title_hits_at_lead(Scratch *s, const folio_pack *p);  // after run_passes (search_eval.cpp)

// Evaluate the parsed query into the heap (unsorted; s->bad on damaged postings): the conjunctive pass
// (every required clause), and when it yields fewer hits than asked and there are several required
// clauses, the disjunctive pass instead (any required clause, partial matches ranked below full ones
// with a coverage penalty). On short lists (no pruning) one disjunctive pass computes both results:
// it also keeps the full matches apart, grouped as the conjunctive pass groups them, and those are the
// answer when they fill the heap. Hits, scores and more_sections are the same either way.
void run_passes(Scratch *s, const folio_pack *p);

// A query of filters only (topic:, audience:, exclusions): every section they keep, in pack order (score
// 0, all words), grouped by article as a search groups them (the lead first when the audience filter
// keeps it), into the heap; it stops once the heap is full.
void run_filter_list(Scratch *s, const folio_pack *p);

// The Porter2 stem of src[0..len) into dst (kMaxTermBytes); returns its length.
size_t stem_copy(const char *src, size_t len, char *dst);

// Query-only noise words that are not in the stopword list ("steroid shot vs stem cells").
bool is_query_noise(const char *w, size_t len);

// Synonym phrase lookup: syn_text offset of the phrase equal to key, or -1; *ord (when not NULL) its
// index in syn_index.
int64_t syn_find(const View *v, const char *key, size_t klen, uint32_t *ord = nullptr);

// The phrase postings of the phrase with syn_index entry `ord` (search_format.h): true with the record's
// word count, posting count and first posting (*list, *list_len bytes); false when the pack has none for
// it (*bad set when the record is damaged).
bool phrase_list(const View *v, uint32_t ord, uint32_t *words, uint32_t *count, const uint8_t **list,
                 uint32_t *list_len, bool *bad);

// Read alternative a (just built: a phrase of several words) from the phrase postings: a->pre, the list on
// its first cursor. Nothing when the pack has none for the phrase or their word count differs.
void alt_use_phrase_list(Scratch *s, Alt *a, uint32_t ord);

// Merge runs of plain word clauses that form a synonym phrase (longest first, up to 4 words) into one
// new clause: the literal words (or, for one word, all its alternatives) or any other phrase of the
// group at a lower weight. The replaced clauses are disabled (no alternatives). Runs after parsing and
// before evaluation; new clauses are appended, so alternatives and cursors stay contiguous.
void expand_synonyms(Scratch *s);

// Parse the query into clauses and filters. Returns FOLIO_OK or FOLIO_E_QUERY / FOLIO_E_NOT_FOUND.
folio_status parse(Scratch *s, const folio_pack *p, const ParseState &ps, bool *filter_only_empty);

// Sections whose folded heading equals the folded query (at most 4): the entries of heading_order with the
// query key's hash are found by binary search, and their sections' headings (from the pack) folded and
// compared.
void find_headings(Scratch *s, const folio_pack *p, const char *q, size_t len);

// The candidates of w (stem ws), best first, in cands (at most kFuzzyKeep), for at most `budget` units of
// work; returns the best distance (0 = none found). `forms`: w is no real word (not in the pack's
// lexicon), so it is also compared with the terms' other forms than their stored one ("kness" ->
// "knees"); a real word is not, since a made-up form would be nearer to it ("pointless" -> "pointness").
// `first_only`: stop at the first candidate found (which is then not necessarily the best): for a caller
// that asks only whether w has any (typo_correctable).
// Which other forms of a term a typo walk compares with the word besides the term's stored surface
// (other_form in search_typo.cpp: the term followed by an ending of kFormEndings, stemming back to it):
// none (the word is a real word the content lacks), the real ones (a derivational ending only when the
// pack's lexicon lists the form, lexicon_has_form), or any (a word still being typed, a start of some form:
// "preparat" of "preparation", whose term is `prepar`, is one edit from the made-up "preparal").
enum FormRule : uint32_t { kFormsNone = 0, kFormsReal = 1, kFormsAny = 2 };
uint32_t fuzzy_find(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, FuzzyCand *cands,
                    uint32_t *ncand, uint32_t budget, FormRule forms, bool first_only);

// fuzzy_find over the terms that start with w's first `keep` bytes only (which the stem ws must share):
// one dictionary range instead of the whole walk, for a word whose start is known to be right (the
// first piece of a word broken apart). Returns the best distance (0 = none found).
uint32_t fuzzy_find_prefix(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, uint32_t keep,
                           FuzzyCand *cands, uint32_t *ncand, uint32_t budget);

// A typo in a prefix (`mensic*`; while typing, a last word nothing starts with that is no whole word
// within a typo either: "side efec"): the prefix of a dictionary term within k edits of w, k as for a
// whole word of w's length (one up to kTypoOneEditBytes bytes, else two, one of them at most in the first
// kFuzzyHead bytes), over the terms starting with w's first byte, and no shorter than w unless by a byte
// deleted inside it (the last byte typed is kept). The nearest wins, then the one whose
// term is in more sections, then byte order; out[kMaxTermBytes] gets it (*out_len bytes). Returns its
// distance (0 = none). Work is charged to `budget` as fuzzy_find's; a term whose automaton dies at byte i
// has every term sharing its first i bytes stepped over.
uint32_t fuzzy_prefix(Scratch *s, const char *w, size_t wlen, char *out, uint32_t *out_len, uint32_t budget);

// Is w (folded, as the tokenizer yields it) in the pack's lexicon, a real word the dictionary lacks?
// Also true for a word of 5 bytes or more ending in a single 's' whose rest is in it: a possessive
// typed without its apostrophe ("wifes", "grandads"). False when the pack has no lexicon. Bloom
// filter: about 0.05 % of other words also answer true, twice that for words ending in 's'
// (search_format.h).
bool lexicon_has(const View *v, const char *w, size_t len);
// Whether w, a term followed by a derivational ending of kFormEndings, may be taken as a form of the
// term: true unless the pack's lexicon lists the terms' real forms (kLexiconHasForms) and not this one.
bool lexicon_has_form(const View *v, const char *w, size_t len);

// A real word the content lacks ("golf", in the pack's lexicon) is corrected only when the correction
// fits the rest of the query: some section has one of its candidates together with every other required
// word that has postings (synonyms included; other real words being corrected do not count). So "can I
// play golf afterwards" keeps `golf` as typed (`gold` never appears with `play`) and reports no
// correction, while "clinical trail" still becomes "clinical trial"; a real word with no such neighbour
// (a one-word query) is never corrected. A kept-as-typed word matches nothing, as with
// FOLIO_SEARCH_NO_FUZZY. Words not in the lexicon (typing errors) are corrected as before. Each check is
// a leapfrog over the posting lists, at most kCooccurSteps steps (past that the correction is kept).
// Runs after synonym expansion (a corrected word that forms a synonym phrase with its neighbours is not
// checked: the phrase is its context); leaves every cursor rewound.
void check_corrections(Scratch *s);

// Do terms a and b stand side by side (b right after a, by heading and body positions) in some section?
// Uses the two cursors past the query's (s->ncursors, not kept); gives up (false) after `steps` sections
// that have both. For the parse: a word run together from two words (add_split_word) is split only
// where the text writes them so ("stemcell": "stem cell"; not "pointless": "point less").
bool words_adjacent(Scratch *s, const char *a, size_t al, const char *b, size_t bl, uint32_t steps);
// Whether every term of alternative a has postings (a section can match it).
bool alt_has_postings(const Scratch *s, const Alt *a);
// Does some section have alternative a: every term together, and for a phrase (a quoted phrase, a
// synonym phrase) side by side? A one-word alternative answers from its df alone; one of several words
// (a phrase, a compound's parts) rewinds its cursors and walks them (at most `steps` candidate sections;
// undecided counts as found), so it is for after the passes, whose cursor state it spends.
bool alt_occurs(Scratch *s, Alt *a, uint32_t steps);

// Sort the phrase words (Scratch::hlp) by phrase, then offset, as make_snippet expects them.
void sort_phrase_words(Scratch *s);

// Writes the snippet of hit h into text[*used..]; fills snippet and highlight fields.
folio_status make_snippet(Scratch *s, folio_reader *r, folio_search_hit *h, char *out, size_t out_cap,
                          size_t *used, uint32_t *rflags);

// Corrected query: the original bytes with each corrected word replaced by its correction.
void write_corrected(Scratch *s, const char *q, size_t len, char *out, size_t cap, size_t *used,
                     folio_search_result *res, bool inflected);

}  // namespace fts
}  // namespace folio

#endif  // FOLIO_SEARCH_INTERNAL_H
