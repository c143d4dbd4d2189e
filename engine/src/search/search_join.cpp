// search_join.cpp: words typed apart, joined into one clause: spelled-out letters ("p r p"), a word broken
// by a space ("inflam mation"), a number written in words ("twenty thousand") or in digits with a scale
// word ("20 grand"); and small numbers typed in digits searched as their words ("1 in 5 adults").
#include "search/search_parse.h"

namespace folio {
namespace fts {

// ---- words split apart: spelled-out letters and broken words --------------------------------------------

// The plain items from q[i] on (at most `cap`), in items; returns their count. A run stops at an item
// that is not plain (an operator, a quote, a digit, a filter, any non-ASCII byte) or after one that ends
// with punctuation.
uint32_t join_items(const ParseState &ps, size_t i, JoinItem *items, uint32_t cap) {
  const char *q = ps.q;
  const size_t n = ps.len;
  uint32_t m = 0;
  while (m < cap) {
    while (i < n && is_space_byte(static_cast<unsigned char>(q[i]))) ++i;
    if (i >= n) break;
    size_t k = i;
    while (k < n && ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= 'A' && q[k] <= 'Z'))) ++k;
    if (k == i) break;
    size_t j = k;
    while (j < n && (q[j] == '.' || q[j] == ',' || q[j] == '?' || q[j] == '!')) ++j;
    if (j < n && !is_space_byte(static_cast<unsigned char>(q[j]))) break;
    items[m].b = static_cast<uint32_t>(i);
    items[m].e = static_cast<uint32_t>(k);
    items[m].ends_run = j > k;
    items[m].typing = (ps.flags & FOLIO_SEARCH_PREFIX_LAST) && j == n;
    ++m;
    if (j > k) break;
    i = j;
  }
  return m;
}

// The items [0, count) folded to lower case and written together into w (kMaxTermBytes); returns the
// length, 0 when it does not fit.
static size_t join_text(const ParseState &ps, const JoinItem *items, uint32_t count, char *w) {
  size_t wl = 0;
  for (uint32_t k = 0; k < count; ++k)
    for (uint32_t i = items[k].b; i < items[k].e; ++i) {
      if (wl >= kMaxTermBytes) return 0;
      const char c = ps.q[i];
      w[wl++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  return wl;
}

// Whether stem st is a word the query can find: a term with postings or a synonym phrase of one word.
bool stem_known(Scratch *s, const char *st, size_t sl) {
  TermInfo ti{0, 0, 0};
  bool bad = false;
  if (dict_find_memo(s, st, sl, &ti, &bad) && ti.df > 0) return true;
  if (bad) s->bad = true;
  return syn_find(&s->v, st, sl) >= 0;
}

// Add the word w (folded, wl bytes) that items [0, count) make together as one plain word clause over
// their source range: the word itself when the pack knows it, the items as words when `words` (a section
// with all of them still matches, as before), and the typo candidates cands[0, nc) when it is not known,
// reported as a correction of the whole range. `check`: the items are real words, so the correction is
// kept only where it fits the rest of the query (check_corrections), as a real word's is.
static void add_joined_clause(Scratch *s, const ParseState &ps, const char *w, size_t wl, const JoinItem *items,
                              uint32_t count, bool words, const FuzzyCand *cands, uint32_t nc, bool check) {
  const bool stop = text::is_stopword(w, wl) || is_query_noise(w, wl);
  const int ci = new_clause(s, stop ? CLAUSE_OPTIONAL : CLAUSE_REQUIRED);
  if (ci < 0) return;
  Clause *c = &s->clauses[ci];
  char stem[kMaxTermBytes];
  const size_t sl = stem_copy(w, wl, stem);
  FOLIO_MEMCPY(c->stem, stem, sl);
  c->stem_len = static_cast<uint8_t>(sl);
  c->src_begin = items[0].b;
  c->src_end = items[count - 1].e;
  c->literal = 1;
  const uint32_t u = static_cast<uint32_t>(ci);
  if (nc == 0) {
    Alt *a = alt_begin(s, u, 1.0f, false);
    if (a && !alt_term(s, a, u, stem, sl, 0)) alt_drop(s, u, a);
  }
  if (words) {
    Alt *a = alt_begin(s, u, 1.0f, false);
    bool ok = a != nullptr;
    for (uint32_t k = 0; k < count && ok; ++k) {
      char ws[kMaxTermBytes], wt[kMaxTermBytes];
      const size_t tl = join_text(ps, items + k, 1, wt);
      ok = tl > 0 && alt_term(s, a, u, ws, stem_copy(wt, tl, ws), 0);
    }
    if (a && !ok) alt_drop(s, u, a);
  }
  if (nc == 0) return;
  Correction *co = add_typo_alts(s, u, cands, nc);
  if (co) {
    no_inflected(co);
    c->lex = check ? 1 : 0;
  }
}

// Words that dictation or hurried typing split apart, joined into the one word the pack knows; true when
// the items from q[i] on were added that way (*next: where parsing goes on). docs/search.md, "Words split
// apart", has the measurements.
//
// - Letters spelled out one by one ("b m a c", "what is an m s c", "p r p or steroid"): a run of two to
//   kJoinLetters single letters whose letters together are a word of the pack or a synonym ("bmac",
//   "msc", "prp"; the longest such run from the first letter). Each letter alone matches nothing useful
//   (required, "b" found the one section with a "B"), and the run is the abbreviation a voice keyboard
//   spells out. The letters are not kept as words.
// - A word broken in two or three: plain words of two or more letters, none of them a stopword or query
//   noise, whose concatenation
//     - is a word of the pack, when some word of the run is unknown ("auto logis": stem "autolog") or
//       all but the last are syllables of up to three letters;
//     - or, two words, one of which looks like a piece of a word (unknown, kTypoMinBytes to
//       kJoinPieceBytes bytes, not in the lexicon) and none of which is one edit from a word of its own,
//       is within a typo of a word that starts as the first word does ("auto logus"), no farther than the
//       unknown words' own corrections: the correction replaces the whole range in the corrected query;
//     - or, three known words whose first two are syllables, is one edit from a word starting as the
//       first does ("pro low therapy"): kept only where it fits the rest of the query, as a real word's
//       correction is, with the words as typed an alternative.
//   Known words that are not syllables are never joined. The longest run (three words, then two) from
//   the first word is tried.
// Typo joins are off with FOLIO_SEARCH_NO_FUZZY. The last word of an as-you-type query is not joined as a
// word (the user is still typing it); a letter is (a run of letters is never the start of a longer word).
bool join_split_words(Scratch *s, const ParseState &ps, const JoinItem *items, uint32_t m, size_t *next,
                             JoinCache *cache) {
  if (m < 2) return false;
  char w[kMaxTermBytes], st[kMaxTermBytes];
  uint32_t letters = 0;
  while (letters < m && items[letters].e - items[letters].b == 1) ++letters;
  if (letters >= 2) {
    for (uint32_t run = letters; run >= 2; --run) {
      const size_t wl = join_text(ps, items, run, w);
      if (wl == 0 || !stem_known(s, st, stem_copy(w, wl, st))) continue;
      add_joined_clause(s, ps, w, wl, items, run, false, nullptr, 0, false);
      *next = items[run - 1].e;
      while (*next < ps.len && !is_space_byte(static_cast<unsigned char>(ps.q[*next]))) ++*next;
      return true;
    }
    return false;
  }
  // a letter and a syllable ("b mac": dictation heard the first letter on its own): joined when together
  // they are a word of the pack; a letter that is a stopword ("a", "i") is left as it is
  if (letters == 1 && !items[1].typing) {
    const size_t l1 = items[1].e - items[1].b;
    // w: the letter (w[0], folded) followed by the syllable
    const size_t wl = l1 >= 2 && l1 <= 3 ? join_text(ps, items, 2, w) : 0;
    if (wl > 0 && !text::is_stopword(w, 1) && !text::is_stopword(w + 1, wl - 1) &&
        stem_known(s, st, stem_copy(w, wl, st))) {
      add_joined_clause(s, ps, w, wl, items, 2, false, nullptr, 0, false);
      *next = items[1].e;
      while (*next < ps.len && !is_space_byte(static_cast<unsigned char>(ps.q[*next]))) ++*next;
      return true;
    }
  }
  // broken words: plain words of two or more letters, not stopwords, not the word being typed
  uint32_t words = 0;
  bool known[kJoinWords];
  while (words < m && words < kJoinWords) {
    const JoinItem &it = items[words];
    const size_t wl = join_text(ps, &it, 1, w);
    if (wl < 2 || it.typing || text::is_stopword(w, wl) || is_query_noise(w, wl)) break;
    uint32_t c = 0;
    while (c < 4 && cache->off[c] != it.b) ++c;
    if (c == 4) {
      c = cache->next;
      cache->next = (c + 1) % 4;
      cache->off[c] = it.b;
      cache->known[c] = stem_known(s, st, stem_copy(w, wl, st));
    }
    known[words++] = cache->known[c];
  }
  const bool fuzzy = !(ps.flags & FOLIO_SEARCH_NO_FUZZY);
  for (uint32_t run = words; run >= 2; --run) {
    bool all_known = true, syllables = true;
    for (uint32_t k = 0; k < run; ++k) {
      all_known &= known[k];
      if (k + 1 < run && items[k].e - items[k].b > 3) syllables = false;
    }
    // known words stay as they are unless they are syllables: "donor cells" is also the term of the
    // compound "donor-cell", but one clause of both words scored the sections that have them apart lower
    if (all_known && !syllables) continue;
    const size_t wl = join_text(ps, items, run, w);
    if (wl == 0) continue;
    const size_t sl = stem_copy(w, wl, st);
    if (stem_known(s, st, sl)) {
      add_joined_clause(s, ps, w, wl, items, run, all_known, nullptr, 0, false);
    } else {
      // a typo join: of syllables into a long word, or of two words one of which is unknown (three such
      // words are joined only when they make a word exactly: each fuzzy look-up costs a dictionary walk)
      if (!fuzzy || (all_known ? run != 3 || wl < 9 : run != 2)) continue;
      FuzzyCand cands[kFuzzyKeep];
      uint32_t nc = 0, own = 0;
      if (!all_known) {
        // only where a word looks like a piece of a word: unknown, of kTypoMinBytes to kJoinPieceBytes
        // bytes, no real word (the pack's lexicon). A real word the content lacks ("husband") or a long
        // misspelling is corrected on its own: a typo look-up with each neighbour of every unknown word
        // cost the judged queries 10 % of their time.
        bool piece = false;
        for (uint32_t k = 0; k < run && !piece; ++k) {
          const uint32_t pl = items[k].e - items[k].b;
          char pw[kMaxTermBytes];
          piece = !known[k] && pl >= kTypoMinBytes && pl <= kJoinPieceBytes &&
                  !lexicon_has(&s->v, pw, join_text(ps, items + k, 1, pw));
        }
        if (!piece) continue;
        // the unknown words' own corrections, each alone (kept for when they are parsed on their own): a
        // word one edit from a word of its own is a typo of that word, not a piece ("side efects"); else
        // the join must be no farther than they are, a word with no candidate counting as kMaxEdits + 1
        bool near = false;
        for (uint32_t k = 0; k < run && !near; ++k) {
          if (known[k]) continue;
          char pw[kMaxTermBytes], pst[kMaxTermBytes];
          const size_t pl = join_text(ps, items + k, 1, pw);
          const uint32_t pd = fuzzy_word(s, pw, pl, pst, stem_copy(pw, pl, pst), cands, &nc, false);
          // one edit from a stopword is no word of its own: "itis" of "arthur itis" is "its" with a
          // letter more, and the join is what the words meant
          near = pd == 1 && !(nc > 0 && text::is_stopword(cands[0].surf, cands[0].surf_len));
          own += pd > 0 ? pd : kMaxEdits + 1;
        }
        if (near) continue;
      }
      // the first word's start is taken as right (a split word's first piece is heard or typed on its
      // own): candidates start with its first bytes, up to three, a range of the dictionary, not a walk
      const uint32_t keep = items[0].e - items[0].b < 3 ? items[0].e - items[0].b : 3;
      const uint32_t d = fuzzy_find_prefix(s, w, wl, st, sl, keep, cands, &nc, kFuzzyBudget);
      if (d == 0 || (all_known ? d != 1 : d > own)) continue;
      add_joined_clause(s, ps, w, wl, items, run, all_known, cands, nc, all_known);
    }
    *next = items[run - 1].e;
    while (*next < ps.len && !is_space_byte(static_cast<unsigned char>(ps.q[*next]))) ++*next;
    return true;
  }
  return false;
}

// ---- numbers written in words ---------------------------------------------------------------------------

// English number words with their values and kinds (1: 0-9, 2: 10-19, 3: tens, 4: hundred, 5: thousand or
// million); the first 21 are 0 to 20 in order (add_digit_word_variant indexes them by value).
static const struct {
  const char *w;
  uint8_t l;
  uint32_t v;
  uint8_t kind;
} kNumberWords[] = {{"zero", 4, 0, 1},          {"one", 3, 1, 1},          {"two", 3, 2, 1},
                    {"three", 5, 3, 1},         {"four", 4, 4, 1},         {"five", 4, 5, 1},
                    {"six", 3, 6, 1},           {"seven", 5, 7, 1},        {"eight", 5, 8, 1},
                    {"nine", 4, 9, 1},          {"ten", 3, 10, 2},         {"eleven", 6, 11, 2},
                    {"twelve", 6, 12, 2},       {"thirteen", 8, 13, 2},    {"fourteen", 8, 14, 2},
                    {"fifteen", 7, 15, 2},      {"sixteen", 7, 16, 2},     {"seventeen", 9, 17, 2},
                    {"eighteen", 8, 18, 2},     {"nineteen", 8, 19, 2},    {"twenty", 6, 20, 3},
                    {"thirty", 6, 30, 3},       {"forty", 5, 40, 3},       {"fifty", 5, 50, 3},
                    {"sixty", 5, 60, 3},        {"seventy", 7, 70, 3},     {"eighty", 6, 80, 3},
                    {"ninety", 6, 90, 3},       {"hundred", 7, 100, 4},    {"thousand", 8, 1000, 5},
                    {"million", 7, 1000000, 5}};

// A small number typed in digits ("1 in 5 adults", "3 months"), which the content may write in words, as
// text written for patients spells out small numbers ("about one adult in five"), or an ordinal ("2nd
// round", "3rd shot"): the word, as an alternative at full weight, when it is a word of the pack and no
// stopword. 0 to 20 only: larger numbers are written in digits. (Words typed for digits are the other
// way: join_number_words.)
void add_digit_word_variant(Scratch *s, uint32_t ci, const text::Token &tok) {
  static const char *const kOrdinals[] = {
      "zeroth",     "first",      "second",      "third",      "fourth",     "fifth",      "sixth",
      "seventh",    "eighth",     "ninth",       "tenth",      "eleventh",   "twelfth",    "thirteenth",
      "fourteenth", "fifteenth",  "sixteenth",   "seventeenth", "eighteenth", "nineteenth", "twentieth"};
  uint32_t nd = 0;
  while (nd < tok.len && tok.text[nd] >= '0' && tok.text[nd] <= '9') ++nd;
  if (nd == 0 || nd > 2 || (nd == 2 && tok.text[0] == '0')) return;
  uint32_t v = 0;
  for (uint32_t i = 0; i < nd; ++i) v = v * 10 + static_cast<uint32_t>(tok.text[i] - '0');
  if (v > 20) return;
  const char *w = kNumberWords[v].w;
  if (nd < tok.len) {
    // an ordinal suffix, the one English gives that number ("1st", "2nd", "3rd", "11th", "4th")
    const char *suf = tok.len - nd == 2 ? tok.text + nd : nullptr;
    const uint32_t last = v % 10;
    const char *want = (v >= 11 && v <= 13) ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
    if (suf == nullptr || suf[0] != want[0] || suf[1] != want[1] || v == 0) return;
    w = kOrdinals[v];
  }
  size_t wl = 0;
  while (w[wl]) ++wl;
  if (text::is_stopword(w, wl)) return;
  char st[kMaxTermBytes];
  const size_t sl = stem_copy(w, wl, st);
  TermInfo ti{0, 0, 0};
  bool bad = false;
  if (!dict_find_memo(s, st, sl, &ti, &bad) || ti.df == 0) {
    if (bad) s->bad = true;
    return;
  }
  add_term_alt(s, ci, st, sl);
}

// An English number word: its value and kind (1: 0-9, 2: 10-19, 3: tens, 4: hundred, 5: thousand or
// million). With `fuzzy`, a word of six letters or more may be one edit off after its first letter
// ("thousnd", "fourty").
struct NumberWord {
  uint32_t value;
  uint8_t kind;
};

static bool number_word(const char *w, size_t n, bool fuzzy, NumberWord *out) {
  if (n < 3 || n > 10) return false;
  for (const auto &k : kNumberWords) {
    const size_t l = k.l;
    if (w[0] != k.w[0]) continue;
    const bool same = l == n && FOLIO_MEMCMP(k.w, w, n) == 0;
    // (a typo keeps the first letter and the length within one: a cheap test before the distance, which
    // every long query word would otherwise pay against each long number word)
    if (same || (fuzzy && n >= 6 && l >= 6 && n + 1 >= l && l + 1 >= n &&
                 edit_distance(w, n, k.w, l, 1) <= 1)) {
      *out = NumberWord{k.v, k.kind};
      return true;
    }
  }
  return false;
}

// A number written in words ("twenty thousand dollars", "eighty percent", "eighty three", "one hundred
// and fifty"), which the content writes in digits ("$20,000", "80%"): the words from q[i] on that make one
// number are one clause whose alternatives are the words as typed and the number's digits (the term
// "20000" of "$20,000"), both at full weight; true when the items were added that way (*next: where
// parsing goes on). Only for numbers of 10 and more or of two words or more: "one", "two" alone are as
// often words ("one round", "two skills"), and a lone digit is in every list and citation. A word of six
// letters or more may be one edit off ("twenty thousnd dollars"; not with FOLIO_SEARCH_NO_FUZZY). Words follow in the order numbers are
// said (a unit after tens, a scale after a unit, "and" after "hundred"); a word that does not continue the
// number ends it ("two three" is two numbers).
bool join_number_words(Scratch *s, const ParseState &ps, const JoinItem *items, uint32_t m, size_t *next) {
  uint64_t total = 0, current = 0;
  uint8_t last = 0;  // the kind of the previous number word (0: none yet)
  uint32_t used = 0, words = 0;
  for (uint32_t k = 0; k < m; ++k) {
    char w[kMaxTermBytes];
    const size_t wl = join_text(ps, items + k, 1, w);
    if (wl == 0) break;
    if (last == 4 && wl == 3 && FOLIO_MEMCMP(w, "and", 3) == 0 && k + 1 < m) continue;  // "hundred and"
    NumberWord nw;
    if (!number_word(w, wl, !(ps.flags & FOLIO_SEARCH_NO_FUZZY), &nw)) break;
    const bool fits = last == 0 || (nw.kind == 1 && (last == 3 || last >= 4)) ||
                      (nw.kind == 2 && last >= 4) || (nw.kind == 3 && last >= 4) ||
                      (nw.kind == 4 && last <= 3 && current % 100 == current) || (nw.kind == 5 && last != 5);
    if (!fits) break;
    if (nw.kind <= 3) {
      current += nw.value;
    } else if (nw.kind == 4) {
      current = (current == 0 ? 1 : current) * 100;
    } else {
      total += (current == 0 ? 1 : current) * nw.value;
      current = 0;
    }
    last = nw.kind;
    used = k + 1;
    ++words;
    if (items[k].ends_run) break;
  }
  const uint64_t value = total + current;
  if (used == 0 || (words < 2 && value < 10) || value > 999999999u) return false;
  char d[16];
  size_t dl = 0;
  for (uint64_t v = value; v > 0 || dl == 0; v /= 10) d[dl++] = static_cast<char>('0' + v % 10);
  for (size_t a = 0, b = dl - 1; a < b; ++a, --b) {
    const char t = d[a];
    d[a] = d[b];
    d[b] = t;
  }
  const int ci = new_clause(s, CLAUSE_REQUIRED);
  if (ci < 0) return false;
  const uint32_t u = static_cast<uint32_t>(ci);
  Clause *c = &s->clauses[ci];
  c->src_begin = items[0].b;
  c->src_end = items[used - 1].e;
  FOLIO_MEMCPY(c->stem, d, dl);
  c->stem_len = static_cast<uint8_t>(dl);
  Alt *a = alt_begin(s, u, 1.0f, false);
  if (a && !alt_term(s, a, u, d, dl, 0)) alt_drop(s, u, a);
  a = alt_begin(s, u, 1.0f, false);
  bool ok = a != nullptr;
  for (uint32_t k = 0; k < used && ok; ++k) {
    char w[kMaxTermBytes], st[kMaxTermBytes];
    const size_t wl = join_text(ps, items + k, 1, w);
    if (text::is_stopword(w, wl)) continue;  // "and"
    ok = alt_term(s, a, u, st, stem_copy(w, wl, st), 0);
  }
  if (a && (!ok || a->n == 0)) alt_drop(s, u, a);
  *next = items[used - 1].e;
  while (*next < ps.len && !is_space_byte(static_cast<unsigned char>(ps.q[*next]))) ++*next;
  return true;
}

// Digits and a scale word ("20 thousand dollars", "20 grand", "$10 k"), which the content writes in digits
// ("$20,000"): one clause from q[i] whose alternatives are the number's digits (the term "20000") and the
// words as typed, both at full weight, as join_number_words makes for "twenty thousand"; true when the
// items were added that way (*next: where parsing goes on). Until 2026-12-06 "20 thousand dollars" was
// "20" and "thousand" apart, and "20 grand" named "grand" missing.
bool join_digits_scale(Scratch *s, const ParseState &ps, size_t i, size_t *next) {
  const char *q = ps.q;
  const size_t n = ps.len;
  size_t b = i;
  if (b < n && q[b] == '$') ++b;
  size_t e = b;
  while (e < n && e - b < 7 && q[e] >= '0' && q[e] <= '9') ++e;
  if (e == b || q[b] == '0' || e - b > 6 || e >= n || !is_space_byte(static_cast<unsigned char>(q[e]))) return false;
  size_t w = e;
  while (w < n && is_space_byte(static_cast<unsigned char>(q[w]))) ++w;
  size_t we = w;
  while (we < n && ((q[we] >= 'a' && q[we] <= 'z') || (q[we] >= 'A' && q[we] <= 'Z'))) ++we;
  if (we < n && !is_space_byte(static_cast<unsigned char>(q[we])) && q[we] != '.' && q[we] != ',' && q[we] != '?' &&
      q[we] != '!')
    return false;
  if (!ascii_ieq(q + w, we - w, "thousand") && !ascii_ieq(q + w, we - w, "thousands") &&
      !ascii_ieq(q + w, we - w, "grand") && !ascii_ieq(q + w, we - w, "k"))
    return false;
  char d[16];
  const size_t dl = e - b + 3;
  FOLIO_MEMCPY(d, q + b, e - b);
  FOLIO_MEMCPY(d + (e - b), "000", 3);
  const int ci = new_clause(s, CLAUSE_REQUIRED);
  if (ci < 0) return false;
  const uint32_t u = static_cast<uint32_t>(ci);
  Clause *c = &s->clauses[ci];
  c->src_begin = static_cast<uint32_t>(b);
  c->src_end = static_cast<uint32_t>(we);
  FOLIO_MEMCPY(c->stem, d, dl);
  c->stem_len = static_cast<uint8_t>(dl);
  Alt *a = alt_begin(s, u, 1.0f, false);
  bool digits_found = false;
  if (a && !alt_term(s, a, u, d, dl, 0)) alt_drop(s, u, a);
  else if (a) digits_found = s->cursors[a->c0].df > 0;
  a = alt_begin(s, u, 1.0f, false);
  if (a) {
    char st[kMaxTermBytes], lw[16];
    for (size_t k = 0; k < we - w; ++k) lw[k] = static_cast<char>(q[w + k] | 0x20);
    if (!alt_term(s, a, u, q + b, e - b, 0) || !alt_term(s, a, u, st, stem_copy(lw, we - w, st), 0))
      alt_drop(s, u, a);
  }
  // a price the text does not write ("8 grand", "$12 k", "15 thousand dollars") stands for its cost, as
  // an amount in digits does (add_money_variant); until then it was named missing whole
  if (!digits_found &&
      (ascii_ieq(q + w, we - w, "grand") || money_amount(ps, b, we)))
    add_money_stand_in(s, u, ps);
  *next = we;
  while (*next < n && !is_space_byte(static_cast<unsigned char>(q[*next]))) ++*next;
  return true;
}

}  // namespace fts
}  // namespace folio
