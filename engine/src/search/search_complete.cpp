// search_complete.cpp: a word being typed, completed: the commonest dictionary terms starting with it
// (prefix expansion, `menis*` and the last word of an as-you-type query), the terms of the words it is the
// start of where Porter2 stems them shorter than the prefix ("preparat" -> `prepar`), the endings that
// complete it for heading matches, whether it starts a real word of the lexicon filter, and the -ise
// spelling of an -ize prefix. The parse (search_parse.cpp) decides when a word is completed.
#include "search/search_parse.h"

namespace folio {
namespace fts {

// Insert completion (term t, len bytes, df) into best[0, *nb) by df, then arrival; at most cap kept.
static void insert_completion(Completion *best, uint32_t *nb, uint32_t cap, const char *t, size_t len, uint32_t df) {
  uint32_t pos = *nb;
  while (pos > 0 && best[pos - 1].df < df) --pos;
  if (pos >= cap) return;
  const uint32_t last = *nb < cap ? *nb : cap - 1;
  for (uint32_t k = last; k > pos; --k) best[k] = best[k - 1];
  best[pos].df = df;
  FOLIO_MEMCPY(best[pos].term, t, len);
  best[pos].len = static_cast<uint32_t>(len);
  if (*nb < cap) ++*nb;
}

// The endings of English words as they are typed, for typed_words: inflections and the derivational
// suffixes Porter2 strips or rewrites, with their common plural and adverb forms, roughly the commonest
// first (keep_typed_words keeps the first few words). Which of them leads back to a term is the stemmer's
// decision (typed_words stems the word each makes), so the list may be generous: an ending the stemmer
// keeps makes a word whose stem starts with the prefix, not a shorter term.
static const struct {
  const char *text;
  uint8_t len;
} kTypedEndings[] = {
    {"s", 1}, {"ed", 2}, {"ing", 3}, {"es", 2}, {"ion", 3}, {"ions", 4}, {"ation", 5}, {"ations", 6},
    {"er", 2}, {"ers", 3}, {"ly", 2}, {"al", 2}, {"ally", 4}, {"ment", 4}, {"ments", 5}, {"ity", 3},
    {"ities", 5}, {"ness", 4}, {"ive", 3}, {"ives", 4}, {"ively", 5}, {"ance", 4}, {"ances", 5}, {"ence", 4},
    {"ences", 5}, {"ent", 3}, {"ents", 4}, {"ant", 3}, {"ants", 4}, {"ate", 3}, {"ated", 4}, {"ates", 4},
    {"ating", 5}, {"ative", 5}, {"atively", 7}, {"ator", 4}, {"ators", 5}, {"ational", 7}, {"able", 4},
    {"ably", 4}, {"ible", 4}, {"ibly", 4}, {"ic", 2}, {"ics", 3}, {"ical", 4}, {"ically", 6}, {"ial", 3},
    {"ous", 3}, {"ously", 5}, {"ful", 3}, {"fully", 5}, {"ement", 5}, {"ements", 6}, {"ency", 4}, {"ancy", 4},
    {"ied", 3}, {"ies", 3}, {"ise", 3}, {"ised", 4}, {"ises", 4}, {"ising", 5}, {"isation", 7}, {"ize", 3},
    {"ized", 4}, {"izes", 4}, {"izing", 5}, {"ization", 7}, {"ism", 3}, {"isms", 4}, {"itis", 4},
    {"iveness", 7}, {"edly", 4}, {"ingly", 5}};

// Whether t (tl bytes), the stem of a word made of pre (plen bytes) and an ending whose first k bytes
// end pre, keeps pre up to those k bytes (keep = plen - k): it may be longer ("ag" + "ing" is `age`), or
// one byte shorter where Porter2's last steps drop a final e ("disagre" + "ement" is `disagr`,
// "heterogene" + "ity" `heterogen`; with one of the ending's bytes typed only after six letters: "expe" +
// "n" is not "expeness", `exp`) or the second of a double letter ("excell" + "ent" is `excel`, "recurr" +
// "ing" `recur`).
static bool stem_keeps_prefix(const char *pre, size_t plen, size_t k, const char *t, size_t tl) {
  const size_t keep = plen - k;
  if (tl >= keep) return FOLIO_MEMCMP(t, pre, keep) == 0;
  if (tl + 1 != keep || tl == 0 || FOLIO_MEMCMP(t, pre, tl) != 0) return false;
  return (pre[tl] == 'e' && (k >= 2 || keep >= 6)) || pre[tl] == pre[tl - 1];
}

// Each word that pre (plen bytes) is the start of, by kTypedEndings, whose stem keeps pre
// (stem_keeps_prefix): f(its stem, the stem's length, the ending's index, k), the word being pre and the
// ending less its first k bytes.
template <class F>
static void typed_words(const char *pre, size_t plen, F &&f) {
  if (plen < kStemCompleteMinBytes || plen >= kMaxTermBytes) return;
  // with none of an ending typed (k = 0) a stem that keeps pre and does not start with it can only be
  // pre with a double letter undone ("recurr" + "ing")
  const bool double_end = pre[plen - 1] == pre[plen - 2];
  for (uint32_t x = 0; x < sizeof kTypedEndings / sizeof kTypedEndings[0]; ++x) {
    const char *e = kTypedEndings[x].text;
    const size_t el = kTypedEndings[x].len;
    // k: how many of the ending's first bytes pre already ends with (all of them: the word as typed,
    // whose stem is the literal alternative's)
    for (size_t k = double_end ? 0 : 1; k < el && k < plen; ++k) {
      if (FOLIO_MEMCMP(pre + plen - k, e, k) != 0) continue;
      char w[kMaxTermBytes];
      if (plen + el - k > sizeof w) continue;
      FOLIO_MEMCPY(w, pre, plen);
      FOLIO_MEMCPY(w + plen, e + k, el - k);
      char t[kMaxTermBytes];
      const size_t tl = stem_copy(w, plen + el - k, t);
      if (stem_keeps_prefix(pre, plen, k, t, tl)) f(t, tl, x, k);
    }
  }
}

// Terms that a word starting with pre (plen bytes) stems to and that do not themselves start with it:
// "preparat" is on its way to "preparation", whose term is `prepar`, and "insura" to "insurance"
// (`insur`), "eviden" to "evidence" (`evid`), "osteoarthri" to "osteoarthritis" (`osteoarthr`), "agin"
// to "aging" (`age`). No term starts with such a prefix, so until 2026-12-07 the word being typed went to
// typo correction and the user saw "Showing results for: preparal", "insural", "evide": 528 of the
// 2,013 judged queries cut after 5 letters or more showed their last word corrected. The caller asks only
// when no term starts with pre: "medica" is "medicare" as much as "medical", and `medic`, ten times
// commoner, took the lead. The stems of pre's typed_words are taken when they are terms of the pack (df >
// 0) other than `exact` (the literal alternative's) and not ones pre starts. They go into best[0, *nb) by
// df, as completions do (insert_completion).
static void stem_completions(Scratch *s, const char *pre, size_t plen, const char *exact, size_t elen,
                             Completion *best, uint32_t *nb, uint32_t cap) {
  char seen[kStemCompleteMax][kMaxTermBytes];
  uint32_t seen_len[kStemCompleteMax];
  uint32_t nseen = 0;
  typed_words(pre, plen, [&](const char *t, size_t tl, uint32_t, size_t) {
    if (tl == elen && FOLIO_MEMCMP(t, exact, tl) == 0) return;
    if (tl >= plen && FOLIO_MEMCMP(t, pre, plen) == 0) return;  // a completion by its first bytes
    bool dup = false;
    for (uint32_t j = 0; j < nseen && !dup; ++j) dup = seen_len[j] == tl && FOLIO_MEMCMP(seen[j], t, tl) == 0;
    if (dup || nseen >= kStemCompleteMax) return;
    FOLIO_MEMCPY(seen[nseen], t, tl);
    seen_len[nseen++] = static_cast<uint32_t>(tl);
    TermInfo ti{0, 0, 0};
    bool bad = false;
    const bool found = dict_find(&s->v, t, tl, &ti, &bad);
    if (bad) s->bad = true;
    if (found && ti.df > 0) insert_completion(best, nb, cap, t, tl, ti.df);
  });
}

// The first kTypedWordsMax of pre's typed_words whose stem is term (tl bytes), as the endings that
// complete the word typed at the query's [b, e) (Scratch::typed_tail): the query with one of them for it
// may be a section's heading (find_headings), as "after the injecti" is "After the injection".
void keep_typed_words(Scratch *s, const char *pre, size_t plen, const char *term, size_t tl, uint32_t b,
                      uint32_t e) {
  s->ntyped_words = 0;
  s->typed_src_begin = b;
  s->typed_src_end = e;
  typed_words(pre, plen, [&](const char *t, size_t l, uint32_t x, size_t k) {
    if (l != tl || FOLIO_MEMCMP(t, term, l) != 0 || s->ntyped_words >= kTypedWordsMax) return;
    s->typed_tail[s->ntyped_words++] = Scratch::TypedTail{kTypedEndings[x].text + k, static_cast<uint8_t>(kTypedEndings[x].len - k)};
  });
}

// Whether pre (plen bytes) is the start of a word whose term the pack has and does not start with pre
// (stem_completions): a phrase's last word being typed ("\"in writi": `write`) is completed, not
// corrected. `exact`: pre's own stem.
bool starts_term_word(Scratch *s, const char *pre, size_t plen, const char *exact, size_t elen) {
  Completion best[1];
  uint32_t nb = 0;
  stem_completions(s, pre, plen, exact, elen, best, &nb, 1);
  return nb > 0;
}

// The commonest dictionary terms starting with pre (at most cap, by df, then dictionary order), other than
// `exact` and the synonym-only words; at most kPrefixScan terms are looked at. When there is none and
// `stems`, the terms of the words pre is the start of (stem_completions; *from_stems tells). Returns
// their count.
uint32_t top_completions(Scratch *s, const char *pre, size_t plen, const char *exact, size_t elen,
                         Completion *best, uint32_t cap, bool stems, bool *from_stems) {
  if (from_stems) *from_stems = false;
  uint32_t nb = 0;
  DictIter it;
  if (dict_lower_bound(&it, &s->v, pre, plen)) {
    uint32_t scanned = 0;
    for (bool ok = true; ok && scanned < kPrefixScan; ok = dict_next(&it), ++scanned) {
      if (it.len < plen || FOLIO_MEMCMP(it.term, pre, plen) != 0) break;
      if (it.len == elen && FOLIO_MEMCMP(it.term, exact, elen) == 0) continue;  // the literal alt has it
      if (it.info.df == 0) continue;  // a synonym-only word: no section to find
      insert_completion(best, &nb, cap, it.term, it.len, it.info.df);
    }
  }
  if (it.bad) {
    s->bad = true;
    return nb;
  }
  if (nb == 0 && stems) {
    stem_completions(s, pre, plen, exact, elen, best, &nb, cap);
    if (from_stems) *from_stems = nb > 0;
  }
  return nb;
}

// With `stems`, when no term starts with pre, the terms of the words it is the start of
// (stem_completions): then it returns true and the commonest of them is in *stem_top.
bool add_prefix_alts(Scratch *s, uint32_t ci, const char *pre, size_t plen, const char *exact, size_t elen,
                     uint32_t exact_df, float w, bool stems, Completion *stem_top) {
  Completion best[kPrefixExpand];
  bool from_stems = false;
  const uint32_t nb = top_completions(s, pre, plen, exact, elen, best, kPrefixExpand, stems, &from_stems);
  if (from_stems && stem_top) *stem_top = best[0];
  // the most frequent expansion always; the next ones while their postings stay within kPrefixPostings
  // (a short prefix typed into a large pack, "wh" on GCIDE, would otherwise OR several lists of tens of
  // thousands of postings each)
  uint64_t postings = 0;
  const bool light = s->clauses[ci].kind != CLAUSE_NEGATIVE;  // an excluded word is never highlighted
  const uint32_t top_df = nb > 0 && best[0].df > exact_df ? best[0].df : exact_df;
  const float idf = bm25_idf(top_df, s->v.nsections);
  for (uint32_t k = 0; k < nb; ++k) {
    postings += best[k].df;
    if (k > 0 && postings > kPrefixPostings) break;
    Alt *a = alt_begin(s, ci, w, false);
    if (!a) break;
    if (!alt_term(s, a, ci, best[k].term, best[k].len, 0)) {
      alt_drop(s, ci, a);
      break;
    }
    s->cursors[a->c0].idf = idf;
    // a first letter typed (an optional clause, whose words alt_term does not light) lights the
    // completions it was expanded to, not every word starting with the letter, and of those not the
    // stopwords and question words ("c" lights "cells", not "can"). Left out of the expansion instead,
    // they made room for rarer completions: 0.865 -> 0.862 on the judged queries cut while typing.
    if (light && plen == 1 && !text::is_stopword(best[k].term, best[k].len) && !is_query_noise(best[k].term, best[k].len))
      add_hl(s, best[k].term, best[k].len, false, ci, true);
  }
  if (light && plen > 1) add_hl(s, pre, plen, true, ci, true);
  return from_stems;
}

// Whether the word being typed, pre (plen bytes), is the start of a real word of the lexicon filter that
// one of kTypedEndings (or "e", "y") completes it to, by its first bytes typed ("massag" of "massage",
// "disabili" of "disability"): such a word is being typed, not mistyped, and gets a real word's care
// (only a correction one edit away as typed, that fits the rest of the query); until 2026-12-07 "sports
// massag" was searched as "sports messages". With none of an ending typed, only "e", "s", "y", "ed",
// "es", "er", "ing" and "ly" are tried, so that a few dozen look-ups in a filter with about 0.05 % false
// positives do not make every prefix a real word.
bool starts_lexicon_word(Scratch *s, const char *pre, size_t plen) {
  if (!s->v.lex_bits || plen < kStemCompleteMinBytes || plen >= kMaxTermBytes) return false;
  auto tries = [&](const char *e, size_t el, bool bare) {
    for (size_t k = bare ? 0 : 1; k < el && k < plen; ++k) {
      if (FOLIO_MEMCMP(pre + plen - k, e, k) != 0 || plen + el - k > kMaxTermBytes) continue;
      char w[kMaxTermBytes];
      FOLIO_MEMCPY(w, pre, plen);
      FOLIO_MEMCPY(w + plen, e + k, el - k);
      if (lexicon_has(&s->v, w, plen + el - k)) return true;
    }
    return false;
  };
  static const char *const kBare[] = {"e", "s", "y", "ed", "es", "er", "ing", "ly"};
  for (const char *e : kBare) {
    size_t el = 0;
    while (e[el]) ++el;
    if (tries(e, el, true)) return true;
  }
  for (const auto &ending : kTypedEndings)
    if (tries(ending.text, ending.len, false)) return true;
  return false;
}

// A prefix in the middle of an American -ize ending ("standardiz", "organizat") completes to the bare
// stem (stem_completions: `standard`), where Porter2 puts the -ize words; the British -ise words keep
// their own terms (`standardis`), so the prefix spelled with an s completes to those too, as a whole -ize
// word gets its -ise form's term (add_ise_variant). The base keeps three letters.
void add_ise_prefix_alts(Scratch *s, uint32_t ci, const char *pre, size_t plen) {
  if (plen > kMaxTermBytes) return;
  for (size_t i = plen; i-- > 3;) {
    if (plen - i > 7) return;  // "ization": the longest -ize ending
    if (pre[i] != 'z' || pre[i - 1] != 'i') continue;
    char w[kMaxTermBytes];
    FOLIO_MEMCPY(w, pre, plen);
    w[i] = 's';
    add_prefix_alts(s, ci, w, plen, nullptr, 0, 0, kWeightPrefix, false);
    return;
  }
}

}  // namespace fts
}  // namespace folio
