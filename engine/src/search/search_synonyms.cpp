// search_synonyms.cpp: the synonym table (search_format.h) at query time: phrase look-ups and their
// phrase postings, completions of a prefix to a synonym-only word, and expand_synonyms(), which merges
// runs of word clauses that form a phrase of the table into one clause with the group's alternatives.
#include "search/search_parse.h"

namespace folio {
namespace fts {

// Synonyms (search_format.h): a phrase runs from its syn_text offset to the next '\n' or 0 (or the end).
static inline bool syn_stop(const View *v, size_t i) {
  return i >= v->syn_text_len || v->syn_text[i] == '\n' || v->syn_text[i] == 0;
}

// Order of the phrase at syn_text offset `off` against key (cmp_bytes order).
static int syn_cmp(const View *v, size_t off, const char *key, size_t klen) {
  for (size_t k = 0;; ++k) {
    const bool end = syn_stop(v, off + k);
    if (k == klen) return end ? 0 : 1;
    if (end) return -1;
    const unsigned char a = v->syn_text[off + k], b = static_cast<unsigned char>(key[k]);
    if (a != b) return a < b ? -1 : 1;
  }
}

static uint32_t syn_words(const View *v, size_t off) {
  uint32_t w = 1;
  for (size_t i = off; !syn_stop(v, i); ++i) w += v->syn_text[i] == ' ';
  return w;
}

// Synonym phrase lookup: syn_text offset of the phrase equal to key, or -1; *ord its syn_index entry.
int64_t syn_find(const View *v, const char *key, size_t klen, uint32_t *ord) {
  uint32_t lo = 0, hi = v->nsyn;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const uint32_t off = le_get(v->syn_index + static_cast<size_t>(mid) * v->ws, v->ws);
    if (off >= v->syn_text_len) return -1;
    const int c = syn_cmp(v, off, key, klen);
    if (c == 0) {
      if (ord) *ord = mid;
      return off;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

// A word of the synonym table that the typed prefix pre (plen bytes) stands for, when the dictionary has
// no word starting with it: the first one-word phrase (a stem) starting with pre ("arthroplast" of
// "arthroplasti"), else a one-word phrase of 5 bytes or more that pre extends by at most 4 bytes (the
// stem is shorter than the word being typed: "infiltrati" of "infiltr", "expensiv" of "expens"), unless a
// word of the dictionary comes first ("injecti" of "inject" is left to the completion to the term of the
// word it starts, stem_completions in search_parse.cpp, which finds the word itself, not only its
// synonyms). Writes the phrase into out[kMaxTermBytes] and returns its
// length; 0 when there is none. Such words ("expensive", "infiltration") are in no section, only in a
// synonym group; a prefix found nothing, and "why is it so expens" had no results while the whole word
// had its group's.
size_t syn_complete(Scratch *s, const char *pre, size_t plen, char *out) {
  const View *v = &s->v;
  if (v->nsyn == 0 || plen < 3) return 0;
  uint32_t lo = 0, hi = v->nsyn;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const uint32_t off = le_get(v->syn_index + static_cast<size_t>(mid) * v->ws, v->ws);
    if (off >= v->syn_text_len) return 0;
    if (syn_cmp(v, off, pre, plen) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t k = lo; k < v->nsyn && k < lo + 8; ++k) {
    const uint32_t off = le_get(v->syn_index + static_cast<size_t>(k) * v->ws, v->ws);
    if (off >= v->syn_text_len) return 0;
    size_t n = 0;
    bool one = true;
    while (!syn_stop(v, off + n)) one &= v->syn_text[off + n++] != ' ';
    if (n < plen || FOLIO_MEMCMP(v->syn_text + off, pre, plen) != 0) break;
    if (one && n <= kMaxTermBytes) {
      FOLIO_MEMCPY(out, v->syn_text + off, n);
      return n;
    }
  }
  for (size_t k = plen - 1; k >= 5 && plen - k <= 4; --k) {
    TermInfo ti{0, 0, 0};
    bool bad = false;
    if (dict_find_memo(s, pre, k, &ti, &bad) && ti.df > 0) return 0;
    if (bad) return s->bad = true, 0;
    const int64_t off = syn_find(v, pre, k);
    if (off >= 0 && syn_words(v, static_cast<size_t>(off)) == 1) {
      FOLIO_MEMCPY(out, pre, k);
      return k;
    }
  }
  return 0;
}

bool phrase_list(const View *v, uint32_t ord, uint32_t *words, uint32_t *count, const uint8_t **list,
                 uint32_t *list_len, bool *bad) {
  if (!v->syn_post || ord >= v->nsyn) return false;
  const uint8_t *ix = v->syn_post_index + static_cast<size_t>(ord) * v->wq;
  const uint32_t b = le_get(ix, v->wq), e = le_get(ix + v->wq, v->wq);
  if (b == e) return false;  // a phrase of one word
  if (b > e || e > v->syn_post_len) return *bad = true, false;
  const uint8_t *rec = v->syn_post + b;
  const size_t n = e - b;
  size_t p = 0;
  if (!varint_get(rec, n, &p, words) || !varint_get(rec, n, &p, count) || *words < 2 || *words > kMaxPhraseWords ||
      *count > v->nsections)
    return *bad = true, false;
  *list = rec + p;
  *list_len = static_cast<uint32_t>(n - p);
  return true;
}

// Add the other phrases of the synonym group of the phrase at syn_text offset `off` (the run of syn_text
// between 0 bytes around it) to clause ci as alternatives.
void add_synonym_alts(Scratch *s, uint32_t ci, size_t off) {
  const View *v = &s->v;
  const char *t = reinterpret_cast<const char *>(v->syn_text);
  const size_t n = v->syn_text_len;
  const uint32_t orig_words = syn_words(v, off);
  size_t i = off;
  while (i > 0 && t[i - 1] != 0) --i;
  for (uint32_t m = 0; m < 32; ++m) {
    size_t ln = 0;
    while (!syn_stop(v, i + ln)) ++ln;
    if (i != off) {
      // a phrase of the group: its words must be adjacent (stopwords only present); its weight is spread
      // over its words so that a long synonym of one query word counts about as much as one word
      const uint32_t alt_words = syn_words(v, i);
      const float w = kWeightSynonym * static_cast<float>(orig_words) / static_cast<float>(alt_words);
      Alt *a = alt_begin(s, ci, w, alt_words > 1);
      if (!a) return;
      size_t k = 0;
      bool ok = true;
      uint32_t word = 0;
      while (k < ln && ok) {
        size_t j = k;
        while (j < ln && t[i + j] != ' ') ++j;
        if (j > k)
          ok = alt_term(s, a, ci, t + i + k, j - k, text::is_stopword(t + i + k, j - k) ? kNoPos : word);
        ++word;
        k = j + 1;
      }
      if (!ok || a->n == 0) {
        alt_drop(s, ci, a);
        return;
      }
      if (a->n == 1) {
        // a term the clause already has (a spelling pair the query added too: add_ise_variant) is not
        // counted twice
        const Cursor *cu = &s->cursors[a->c0];
        bool dup = false;
        for (uint32_t k = 0; k + 1 < s->clauses[ci].na && !dup && cu->df > 0; ++k) {
          const Alt *o = &s->alts[s->clauses[ci].a0 + k];
          dup = o->n == 1 && s->cursors[o->c0].df > 0 && s->cursors[o->c0].docs == cu->docs;
        }
        if (dup) {
          drop_phrase_words(s, static_cast<uint32_t>(a - s->alts));
          alt_drop(s, ci, a);
          i += ln;
          if (i >= n || t[i] == 0) break;
          ++i;
          continue;
        }
        alt_not_phrase(s, a);
      }
      // a phrase of several words: from its own postings when the pack has them (the reference
      // evaluation reads the words' lists and positions, which must give the same hits)
      uint32_t ord;
      if (a->phrase && !s->exhaustive && v->syn_post && syn_find(v, t + i, ln, &ord) >= 0)
        alt_use_phrase_list(s, a, ord);
    }
    i += ln;
    if (i >= n || t[i] == 0) break;
    ++i;  // past the '\n'
  }
}

// Merge runs of plain word clauses that form a synonym phrase (longest first, up to 4 words) into one
// new clause: the literal words (or, for one word, all its alternatives) or any other phrase of the
// group at a lower weight. The replaced clauses are disabled (no alternatives). Runs after parsing and
// before evaluation; new clauses are appended, so alternatives and cursors stay contiguous.
void expand_synonyms(Scratch *s) {
  const View *v = &s->v;
  if (v->nsyn == 0) return;
  const uint32_t n = s->nclauses;
  for (uint32_t i = 0; i < n; ++i) {
    if (!s->clauses[i].literal) continue;
    char key[kMaxTermBytes * 4 + 4];
    uint32_t best_n = 0;
    int64_t best_e = -1;  // syn_text offset of the longest phrase found
    size_t klen = 0;
    for (uint32_t k = 0; k < 4 && i + k < n; ++k) {
      const Clause *ck = &s->clauses[i + k];
      if (!ck->literal || ck->stem_len == 0) break;
      if (k) key[klen++] = ' ';
      FOLIO_MEMCPY(key + klen, ck->stem, ck->stem_len);
      klen += ck->stem_len;
      const int64_t e = syn_find(v, key, klen);
      if (e >= 0) {
        best_n = k + 1;
        best_e = e;
      }
    }
    if (best_e < 0) continue;
    bool required = false;
    for (uint32_t k = 0; k < best_n; ++k) required |= s->clauses[i + k].kind == CLAUSE_REQUIRED;
    // With the clause table full (a long question), the run's first clause itself becomes the merged
    // one: its alternatives are copied past the others (the old entries are left unused), where its
    // group's phrases can follow them. Not a run's first word with a correction, which must stay on its
    // own clause (below). Until the day's sixth session such a run got no synonyms: in "can he keep taking
    // his low dose aspirin after the stem cell knee jab if …" "jab" found no shot and was named missing.
    const bool in_place = s->nclauses >= kMaxClauses;
    if (in_place && (s->clauses[i].corrected >= 0 && best_n > 1)) continue;
    uint32_t ci;
    if (in_place) {
      ci = i;
    } else {
      const int nc = new_clause(s, required ? CLAUSE_REQUIRED : CLAUSE_OPTIONAL);
      if (nc < 0) continue;
      ci = static_cast<uint32_t>(nc);
    }
    Clause *cn = &s->clauses[ci];
    Clause c0v = s->clauses[i];  // the run's first clause as parsed (cn itself when in place)
    const Clause *c0 = &c0v;
    if (in_place) {
      if (s->nalts + (best_n == 1 ? c0->na : 1u) > kMaxAlts) continue;
      cn->a0 = static_cast<uint8_t>(s->nalts);
      cn->na = 0;
      cn->kind = required ? CLAUSE_REQUIRED : CLAUSE_OPTIONAL;
      cn->literal = 0;
    }
    cn->src_begin = c0->src_begin;
    cn->src_end = c0->src_end;
    // a single word keeps its correction on the new clause (the same source range as the old one); a run
    // of words leaves each correction on its own (disabled) clause, so that the corrected query replaces
    // only the misspelled word ("clinical trail" was shown as "trial trial")
    cn->corrected = best_n == 1 ? c0->corrected : -1;
    cn->fz0 = c0->fz0;
    cn->lex = c0->lex;
    cn->may_suggest = c0->may_suggest;
    if (best_n == 1) {
      for (uint32_t k = 0; k < c0->na; ++k) {
        const Alt *old = &s->alts[c0->a0 + k];
        Alt *a = alt_begin(s, ci, old->weight, old->phrase != 0);
        if (!a) break;
        a->c0 = old->c0;  // share the cursors: the old clause is disabled below
        a->n = old->n;
        a->pre = old->pre;
        for (uint32_t t = 0; t < old->n; ++t) a->relpos[t] = old->relpos[t];
      }
    } else {
      Alt *a = alt_begin(s, ci, 1.0f, false);
      if (a) {
        bool ok = true;
        for (uint32_t k = 0; k < best_n && ok; ++k) {
          // a stopword of the run ("wear and tear") has to be present but is not highlighted
          const Clause *ck = k == 0 ? c0 : &s->clauses[i + k];
          ok = alt_term(s, a, ci, ck->stem, ck->stem_len, ck->kind == CLAUSE_OPTIONAL ? uint32_t{kNoPos} : 0u);
        }
        if (!ok) alt_drop(s, ci, a);
      }
    }
    add_synonym_alts(s, ci, static_cast<size_t>(best_e));
    for (uint32_t k = in_place ? 1u : 0u; k < best_n; ++k) {
      Clause *ck = &s->clauses[i + k];
      ck->na = 0;
      ck->kind = CLAUSE_OPTIONAL;
      ck->literal = 0;
    }
    i += best_n - 1;
  }
}

// Whether the plain word of clause ci completes a synonym phrase with the plain words just before it
// ("immune reaction": "reaction" is in no section, but the phrase is a synonym of "rejection"); such a
// word is expanded with its phrase (expand_synonyms), not corrected.
bool ends_synonym_phrase(Scratch *s, uint32_t ci) {
  char key[kMaxTermBytes * 4 + 4];
  for (uint32_t back = 1; back <= 3 && back <= ci; ++back) {
    size_t klen = 0;
    bool ok = true;
    for (uint32_t k = ci - back; k <= ci && ok; ++k) {
      const Clause *ck = &s->clauses[k];
      ok = ck->literal && ck->stem_len > 0;
      if (!ok) break;
      if (k > ci - back) key[klen++] = ' ';
      FOLIO_MEMCPY(key + klen, ck->stem, ck->stem_len);
      klen += ck->stem_len;
    }
    if (!ok) return false;  // a longer run would hold the same gap
    if (syn_find(&s->v, key, klen) >= 0) return true;
  }
  return false;
}

// Whether the word whose text starts at query byte `from` (stem st) begins a synonym phrase with the
// words typed after it ("water on the knee": "water" is in no section, but the phrase is a synonym of
// "swelling"); such a word is expanded with its phrase (expand_synonyms), not corrected. Until
// 2026-12-05 only a phrase's last word was (ends_synonym_phrase), and "water on the knee" was searched
// as "later on the knee".
bool starts_synonym_phrase(Scratch *s, const ParseState &ps, size_t from, const char *st, size_t sl) {
  if (s->v.nsyn == 0 || from >= ps.len) return false;
  char key[kMaxTermBytes * 4 + 4];
  FOLIO_MEMCPY(key, st, sl);
  size_t klen = sl;
  text::Tokenizer tz(ps.q + from, ps.len - from);
  text::Token tok;
  uint32_t words = 0;
  while (tz.next(&tok) && words < 4) {
    if (tok.flags & text::TOKEN_PART) continue;
    if (++words == 1) continue;  // the word itself: its stem is st
    char w[kMaxTermBytes];
    const size_t wl = stem_copy(tok.text, tok.len, w);
    if (klen + 1 + wl > sizeof key) return false;
    key[klen++] = ' ';
    FOLIO_MEMCPY(key + klen, w, wl);
    klen += wl;
    if (syn_find(&s->v, key, klen) >= 0) return true;
  }
  return false;
}

}  // namespace fts
}  // namespace folio
