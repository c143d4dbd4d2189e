// search_typo.cpp: typo candidates: bit-parallel Levenshtein automata walked over the sorted dictionary
// (fuzzy_find), edit_distance, automaton_distance and typo_candidates for the tests and the benchmark.
#include "search/search_internal.h"

namespace folio {
namespace fts {

// The typed word and its stem (the automata's patterns) with the distance bound.
struct FuzzyWord {
  const char *w, *ws;
  uint32_t q, qs, maxd;
  uint32_t maxd_stem;  // edits allowed between the word's stem and a term: by the stem's own length
  bool same;  // the word is its own stem: one automaton is enough
  FormRule forms;  // which of the terms' other forms to compare too (other_form)
  bool first_only;  // stop at the first candidate (typo_correctable asks only whether there is one)
  // The walk has found all it was asked for: with first_only, one candidate.
  bool found_enough(uint32_t ncand) const { return first_only && ncand > 0; }
};

// Edits a typo correction may make to a word (or stem) of `len` bytes: one up to kTypoOneEditBytes, two
// for longer ones (as Algolia's defaults: two edits in a six-letter stem, a third of it, turned
// "allergic" (stem "allerg") into "alternatives" (stem "altern")).
static inline uint32_t typo_edits(uint32_t len) {
  return len < kTypoMinBytes ? 0u : len <= kTypoOneEditBytes ? 1u : 2u;
}

static void lev_init(LevPattern *p, LevState *s0, const char *w, uint32_t q, uint32_t k) {
  FOLIO_MEMSET(p->mask, 0, sizeof p->mask);
  for (uint32_t j = 0; j < q; ++j) p->mask[static_cast<unsigned char>(w[j])] |= 1ull << (j + 1);
  p->all = (2ull << q) - 1;
  p->q = q;
  p->k = k;
  for (uint32_t e = 0; e <= kMaxEdits; ++e) {
    s0->r[e] = e <= k ? (2ull << e) - 1 : 0;  // the first e bytes of w deleted
    s0->x[e] = 0;
  }
}

static inline void lev_step(const LevPattern &p, const LevState &a, LevState *b, unsigned char c) {
  const uint64_t m = p.mask[c];
  b->r[0] = (a.r[0] << 1) & m;
  b->x[0] = 0;
  for (uint32_t e = 1; e <= p.k; ++e) {
    // match | insertion (t has an extra byte) | substitution | deletion (w has one) | transposition
    const uint64_t r = ((a.r[e] << 1) & m) | a.r[e - 1] | (a.r[e - 1] << 1) | (b->r[e - 1] << 1) |
                       ((a.x[e] << 2) & (m << 1));
    b->r[e] = r & p.all;
    b->x[e] = a.r[e - 1] & (m >> 2);
  }
}

static inline uint32_t lev_distance(const LevPattern &p, const LevState &s) {
  for (uint32_t e = 0; e <= p.k; ++e)
    if ((s.r[e] >> p.q) & 1u) return e;
  return p.k + 1;
}

static inline bool lev_alive(const LevPattern &p, const LevState &s) { return s.r[p.k] != 0; }

// Distance of the automaton's pattern to the string whose state is s followed by suf (slen bytes).
static uint32_t lev_extend(const LevPattern &p, LevState s, const uint8_t *suf, uint32_t slen) {
  LevState t;
  for (uint32_t k = 0; k < slen && lev_alive(p, s); ++k) {
    lev_step(p, s, &t, suf[k]);
    s = t;
  }
  return lev_distance(p, s);
}

// The smallest byte above cur after which the automaton is within `bound` (<= k) edits of a prefix of w,
// from the state s (256: none).
static uint32_t lev_next_byte(const LevPattern &p, const char *w, const LevState &s, uint32_t cur, uint32_t bound) {
  if (s.r[bound] == 0) return 256;
  if (bound > 0 && s.r[bound - 1] != 0) return cur + 1;  // a substitution keeps any byte within the bound
  // at the bound: only a match (bit j of r: w[j]) or the second half of a transposition (bit j of x: w[j])
  const uint64_t bits = s.r[bound] | s.x[bound];
  uint32_t best = 256;
  for (uint32_t j = 0; j < p.q; ++j) {
    const uint32_t b = static_cast<unsigned char>(w[j]);
    if (((bits >> j) & 1u) && b > cur && b < best) best = b;
  }
  return best;
}

// The surface form of the term `it` is on (its stored most frequent form: the stem's first bytes and a
// tail) into out[kMaxTermBytes]; returns its length (cut at kMaxTermBytes).
static uint32_t term_surface(const DictIter &it, char *out) {
  const uint32_t keep = it.surf_cut <= it.len ? it.len - it.surf_cut : 0;  // bytes shared with the stem
  uint32_t sl = keep + it.surf_len;
  if (sl > kMaxTermBytes) sl = kMaxTermBytes;
  FOLIO_MEMCPY(out, it.term, keep < sl ? keep : sl);
  if (sl > keep) FOLIO_MEMCPY(out + keep, it.surf, sl - keep);
  return sl;
}

// The nearest form of the term `it` (its bytes followed by one of kFormEndings, stemming back to it) to
// the typed word, from the automaton state s at the term's end: its distance (below `below`, else
// kMaxEdits + 1) and the form in out[*out_len]. The walk compares the typed word with the term's stored
// surface only, its commonest form, and the typed word's stem with the term: an edit near or inside the
// ending the stemmer strips defeats both when the stored surface is another form ("kness": the stored
// "knee" is two edits away and "kness" is its own stem; "waitng", "sellign", "diffrence", whose misspelled
// ending Porter2 keeps). An ending whose length alone puts it too far is skipped; the others step the
// automaton from the states of the bytes they share with the ending before, and stop where it dies; a
// form within `below` is stemmed to check it, and one with a derivational ending must be a real word
// when the pack's lexicon lists the terms' real forms (lexicon_has_form; kFormEndings, search_format.h).
FOLIO_SEARCH_NOINLINE static uint32_t other_form(const View *v, const LevPattern &p, const LevState &s,
                                                 const DictIter &it, uint32_t below, bool real_only, char *out,
                                                 uint32_t *out_len, bool *made_up) {
  uint32_t best = kMaxEdits + 1;
  // no ending (1 to kFormEndingMax bytes) can bring the lengths within `below` of each other
  if (it.len + kFormEndingMax + below <= p.q || it.len + 1 >= p.q + below) return best;
  // nor when, at every number of edits e the term may already have taken (below `below`), the typed bytes
  // left after the longest prefix within e edits of the term (the highest bit of r[e]) are more than an
  // ending's kFormEndingMax bytes and the edits left can make up
  bool reach = false;
  for (uint32_t e = 0; e < below && e <= p.k && !reach; ++e) {
    const uint64_t r = s.r[e];
    if (r == 0) continue;
    uint32_t far = p.q;
    while (far > 0 && !((r >> far) & 1u)) --far;
    reach = p.q - far <= kFormEndingMax + (below - 1 - e);
  }
  if (!reach) return best;
  LevState st[kFormEndingMax + 1];
  st[0] = s;
  const char *prev = "";
  uint32_t valid = 0;  // st[0..valid] hold the states along prev's bytes
  for (const auto &e : kFormEndings) {
    const uint32_t fl = it.len + e.len, gap = fl > p.q ? fl - p.q : p.q - fl;
    if (gap >= below || gap >= best || fl > kMaxTermBytes) continue;
    uint32_t i = 0;
    while (i < valid && i < e.len && prev[i] == e.text[i]) ++i;
    bool alive = true;
    for (; i < e.len; ++i) {
      if (!lev_alive(p, st[i])) {
        alive = false;
        break;
      }
      lev_step(p, st[i], &st[i + 1], static_cast<unsigned char>(e.text[i]));
    }
    valid = i;
    prev = e.text;
    if (!alive) continue;
    const uint32_t d = lev_distance(p, st[e.len]);
    if (d == 0 || d >= below || d >= best) continue;
    char f[kMaxTermBytes], stem[kMaxTermBytes];
    FOLIO_MEMCPY(f, it.term, it.len);
    FOLIO_MEMCPY(f + it.len, e.text, e.len);
    FOLIO_MEMCPY(stem, f, fl);
    if (text::stem_english(stem, fl) != it.len || FOLIO_MEMCMP(stem, it.term, it.len) != 0) continue;
    const bool real = !e.lexicon || lexicon_has_form(v, f, fl);
    if (real_only && !real) continue;
    best = d;
    FOLIO_MEMCPY(out, f, fl);
    *out_len = fl;
    *made_up = !real;
  }
  return best;
}

// Insert a candidate into the kept list, ordered by distance, then first-letter class (a term starting with
// the word's first or second byte before one that needs the first letter fixed: errors in the first
// letter are the rarest), then the distance from the typed word to the candidate's surface (`wdist`: a
// word one edit from "concent" is "consent"; "concentrate" is one edit only by the stems, "concent" and
// "concentr", and had been shown first for having more postings), then whether that one edit is a finger
// slip (finger_slip: two letters swapped, a neighbouring key, a doubled letter; "ture" is one edit from
// "turn" and from "true", and only "true" is a slip, as the commoner "turn" had won), then df
// (descending), then term bytes.
static void cand_add(const FuzzyWord &fw, FuzzyCand *cands, uint32_t *ncand, uint32_t d, uint32_t first,
                     uint32_t wdist, uint32_t df, const char *term, uint32_t len, const char *surf, uint32_t sl) {
  const uint32_t slip = wdist == 1 && finger_slip(fw.w, fw.q, surf, sl) ? 0u : 1u;
  uint32_t pos = *ncand;
  while (pos > 0) {
    const FuzzyCand &c = cands[pos - 1];
    const bool before = c.dist != d       ? c.dist < d
                        : c.first != first ? c.first < first
                        : c.wdist != wdist ? c.wdist < wdist
                        : c.slip != slip   ? c.slip < slip
                        : c.df != df       ? c.df > df
                                           : cmp_bytes(c.term, c.len, term, len) < 0;
    if (before) break;
    --pos;
  }
  if (pos >= kFuzzyKeep) return;
  const uint32_t last = *ncand < kFuzzyKeep ? *ncand : kFuzzyKeep - 1;
  for (uint32_t k = last; k > pos; --k) cands[k] = cands[k - 1];
  FuzzyCand &fc = cands[pos];
  fc.dist = d;
  fc.first = first;
  fc.wdist = wdist;
  fc.slip = slip;
  fc.df = df;
  FOLIO_MEMCPY(fc.term, term, len);
  fc.len = len;
  FOLIO_MEMCPY(fc.surf, surf, sl);
  fc.surf_len = sl;
  if (*ncand < kFuzzyKeep) ++*ncand;
}

// The largest distance at which a term of class `first` could still enter the kept list (0: none): with
// the list full, its last candidate's distance, one less when that one is of a better class. Walking with
// this bound instead of k gives the same candidates with less work (once three terms at distance 1 are
// kept, only distance 1 is looked for; terms needing the first letter fixed then only at distance 0,
// which is not a typo).
static uint32_t fuzzy_bound(uint32_t maxd, const FuzzyCand *cands, uint32_t ncand, uint32_t first) {
  if (ncand < kFuzzyKeep) return maxd;
  const FuzzyCand &last = cands[kFuzzyKeep - 1];
  const uint32_t b = last.first < first ? last.dist - 1 : last.dist;
  return b < maxd ? b : maxd;
}

// Charge the typo budget; false once it is spent.
static inline bool fuzzy_charge(Scratch *s, uint32_t units) {
  if (s->fz_budget < units) {
    s->fz_budget = 0;
    return false;
  }
  s->fz_budget -= units;
  return true;
}

// Position `it` on the first term >= key (a seek, charged to the typo budget): from where it stands when
// `on` (it is on a term below key: dict_seek_forward), else from the start. False at the end, on
// corruption (s->bad) or when the budget is spent.
static bool fuzzy_seek(Scratch *s, DictIter *it, const char *key, uint32_t klen, bool on) {
  if (!fuzzy_charge(s, kSeekCost)) return false;
  ++s->fz_seeks;
  if (on ? dict_seek_forward(it, &s->v, key, klen) : dict_lower_bound(it, &s->v, key, klen)) return true;
  if (it->bad) s->bad = true;
  return false;
}

// The smallest key after every string starting with t[0..i) (a hopeless prefix: both automata die at
// byte i) that could still start a candidate: t[0..d-1) plus one byte, d > plen. Returns d, or 0 when no
// such key is left in the range. (Lucene's AutomatonTermsEnum seeks the same way.)
static uint32_t next_alive(const Scratch *s, const FuzzyWord &fw, uint32_t kb, const char *t, uint32_t i, uint32_t plen,
                    char *key) {
  for (uint32_t d = i; d > plen; --d) {
    const uint32_t cur = static_cast<unsigned char>(t[d - 1]);
    const uint32_t bound = d == kFuzzyHead && kb >= fw.maxd && fw.maxd > 1 ? fw.maxd - 1 : kb;
    uint32_t best = lev_next_byte(s->lev[0], fw.w, s->lst[0][d - 1], cur, bound);
    if (!fw.same) {
      const uint32_t b2 = lev_next_byte(s->lev[1], fw.ws, s->lst[1][d - 1], cur, bound);
      if (b2 < best) best = b2;
    }
    if (best < 256) {
      FOLIO_MEMCPY(key, t, d - 1);
      key[d - 1] = static_cast<char>(best);
      return d;
    }
  }
  return 0;
}

// Walk the terms starting with pre (plen bytes) and collect candidates. Two distances are tracked along
// each term's path: the typed word against the term's surface form, and the typed word's stem against
// the term itself ("incleemntly" -> stem "incleemnt" is one edit from "inclement", whose stored surface
// form may be another word of the family). Automaton states are kept per byte of the current term and
// reused along the front-coded common prefixes; past a hopeless prefix, next_alive gives the next key
// worth looking at: the terms below it are stepped over with no automaton work, or seeked past when
// there are many.
// from: an iterator on a term below pre to seek on from (NULL: a seek from the start).
static void fuzzy_range(Scratch *s, const FuzzyWord &fw, const char *pre, uint32_t plen, uint32_t first,
                 FuzzyCand *cands, uint32_t *ncand, const DictIter *from) {
  const LevPattern &p0 = s->lev[0], &p1 = s->lev[1];
  LevState *st0 = s->lst[0], *st1 = fw.same ? s->lst[0] : s->lst[1];
  DictIter it;
  if (from) it = *from;
  if (!fuzzy_seek(s, &it, pre, plen, from != nullptr)) return;
  uint32_t lcp = 0;    // bytes the current term shares with the last one whose states were computed
  uint32_t valid = 0;  // states 0..valid hold that term's first `valid` bytes
  char key[kMaxTermBytes];
  uint32_t klen = 0;   // > 0: the terms below key are hopeless
  uint32_t run = 0;    // terms stepped over below key
  uint32_t shared = 0; // while stepping: bytes every term since the hopeless one shared with it
  for (;;) {
    if (klen > 0) {
      // below key: the term still has key's first klen - 1 bytes (shared >= klen - 1: no term in between
      // diverged from them, as terms only grow) and a smaller byte after them
      if (shared >= klen - 1 && it.len >= klen &&
          static_cast<unsigned char>(it.term[klen - 1]) < static_cast<unsigned char>(key[klen - 1])) {
        if (++run < kSkipRun) {
          if (!fuzzy_charge(s, 1)) return;
          ++s->fz_terms;
          if (!dict_next(&it)) break;
          if (it.lcp < shared) shared = it.lcp;
          continue;
        }
        if (!fuzzy_seek(s, &it, key, klen, true)) return;
      }
      // the term is at or past key, whose first klen - 1 bytes are the states' term's
      lcp = 0;
      while (lcp + 1 < klen && lcp < it.len && it.term[lcp] == key[lcp]) ++lcp;
      klen = 0;
      run = 0;
    }
    if (lcp < plen && (it.len < plen || FOLIO_MEMCMP(it.term, pre, plen) != 0)) break;  // past the range
    const uint32_t kb = fuzzy_bound(fw.maxd, cands, *ncand, first);
    if (kb == 0) return;
    if (lcp < valid) valid = lcp;
    uint32_t i = valid + 1;
    bool hopeless = false;
    for (; i <= it.len; ++i) {
      const unsigned char c = static_cast<unsigned char>(it.term[i - 1]);
      lev_step(p0, st0[i - 1], &st0[i], c);
      // within the bound; at the head's last byte, within k - 1 (see fuzzy_find)
      const uint32_t bound = i == kFuzzyHead && kb >= fw.maxd && fw.maxd > 1 ? fw.maxd - 1 : kb;
      bool alive = st0[i].r[bound] != 0;
      if (!fw.same) {
        lev_step(p1, st1[i - 1], &st1[i], c);
        alive = alive || st1[i].r[bound] != 0;
      }
      if (!alive) {
        hopeless = true;
        break;
      }
    }
    valid = hopeless ? i - 1 : it.len;
    const uint32_t keep = it.len - it.surf_cut;  // the surface shares the stem's first `keep` bytes
    // a term with no postings (df 0) is a synonym-only word (search_format.h): a correction to it is
    // searched through its synonym group ("tablits" -> "tablets" -> medicines, pills). Only by the word
    // as typed against the word as the group writes it: no section can tell whether a stem's neighbour
    // was meant, and "tumeric" (stem "tumer") is one edit from "tumor" by the stems.
    if (keep <= valid) {
      const uint32_t d1 = lev_extend(p0, st0[keep], it.surf, it.surf_len);
      uint32_t d2 = valid >= it.len ? lev_distance(fw.same ? p0 : p1, st1[it.len]) : kMaxEdits + 1;
      if (d2 > fw.maxd_stem || it.info.df == 0) d2 = kMaxEdits + 1;
      const uint32_t d = d1 < d2 ? d1 : d2;
      // another form of the term may be nearer than the one stored ("kness" is two edits from "knee", one
      // from "knees"): only when the term was walked to its end with the typed word's automaton alive
      char form[kMaxTermBytes];
      uint32_t fl = 0;
      bool made_up = false;
      // (a form must also be within kb, the distance the kept list still takes)
      const uint32_t below = d < kb + 1 ? d : kb + 1;
      const bool forms = fw.forms != kFormsNone && below > 1 && valid >= it.len && it.info.df > 0;
      const uint32_t d3 = forms && lev_alive(p0, st0[it.len])
                              ? other_form(&s->v, p0, st0[it.len], it, below, fw.forms == kFormsReal, form, &fl,
                                           &made_up)
                              : kMaxEdits + 1;
      if (d3 < d && d3 <= fw.maxd) {
        // a form that is no word (kFormsAny, while typing: "prepparat" is one edit from "preparal", the
        // start of no word but near the start of "preparation") is how the term was reached, not what to
        // show: the term's own form is ("prepared"; until 2026-12-07 "Showing results for: preparal")
        // (its distance as typed, wdist, is then the shown form's)
        const uint32_t wd = made_up ? (fl = term_surface(it, form), edit_distance(fw.w, fw.q, form, fl, kMaxEdits)) : d3;
        cand_add(fw, cands, ncand, d3, first, wd, it.info.df, it.term, it.len, form, fl);
      } else if (d > 0 && d <= fw.maxd) {
        char surf[kMaxTermBytes];
        const uint32_t sl = term_surface(it, surf);
        cand_add(fw, cands, ncand, d, first, d1, it.info.df, it.term, it.len, surf, sl);
      }
      if (fw.found_enough(*ncand)) return;
    }
    if (hopeless) {
      klen = i <= plen ? 0 : next_alive(s, fw, kb, it.term, i, plen, key);
      if (klen == 0) return;  // nothing further in the range can match
      shared = klen - 1;      // the term shares key's first klen - 1 bytes
    }
    if (!fuzzy_charge(s, 1)) return;
    ++s->fz_terms;
    if (!dict_next(&it)) break;
    lcp = it.lcp;
    if (it.lcp < shared) shared = it.lcp;
  }
  if (it.bad) s->bad = true;
}

// A last resort when the automata found nothing: the word with one ASCII letter deleted, stemmed, looked
// up exactly (one edit). The automata compare the word with each term's stored surface form and its stem
// with the term; an extra letter in a suffix the stemmer would strip defeats both, because the surface
// stored for a stem is its commonest form: "painfull" (stem "painful") is 4 edits from "pain", whose
// surface is "pain", but "painful" stems to "pain". At most kFuzzyMaxLen - 1 stems and dictionary
// look-ups, each charged to the typo budget as a seek.
static void deletion_find(Scratch *s, const FuzzyWord &fw, FuzzyCand *cands, uint32_t *ncand) {
  if (fw.maxd == 0 || fw.q <= kTypoMinBytes) return;
  char v[kMaxTermBytes], st[kMaxTermBytes];
  for (uint32_t i = 0; i < fw.q; ++i) {
    const unsigned char c = static_cast<unsigned char>(fw.w[i]);
    if (c < 'a' || c > 'z') continue;                                  // ASCII letters only (folded)
    if (i > 0 && fw.w[i - 1] == fw.w[i]) continue;                     // same word as deleting i - 1
    if (!fuzzy_charge(s, kSeekCost)) return;
    ++s->fz_seeks;
    const uint32_t vl = fw.q - 1;
    FOLIO_MEMCPY(v, fw.w, i);
    FOLIO_MEMCPY(v + i, fw.w + i + 1, vl - i);
    FOLIO_MEMCPY(st, v, vl);
    const size_t sl = text::stem_english(st, vl);
    if (sl < kTypoMinBytes || (sl == fw.qs && FOLIO_MEMCMP(st, fw.ws, sl) == 0)) continue;
    DictIter it;
    if (!dict_lower_bound(&it, &s->v, st, sl)) {
      if (it.bad) return void(s->bad = true);
      continue;
    }
    if (it.len != sl || FOLIO_MEMCMP(it.term, st, sl) != 0 || it.info.df == 0) continue;
    // shown as the word without the letter when that letter was doubled ("painfull" -> "painful"), else
    // as the term's own surface: deleting a letter inside a word can give a non-word with the same stem
    // ("guidelines" -> "guidelies", stem "guid", was offered as "did you mean: guidelies?"; now "guide")
    const bool doubled = i + 1 < fw.q && fw.w[i + 1] == fw.w[i];
    char surf[kMaxTermBytes];
    const uint32_t surf_len = doubled ? 0 : term_surface(it, surf);
    cand_add(fw, cands, ncand, 1, i == 0 ? 1u : 0u, 1, it.info.df, st, static_cast<uint32_t>(sl), doubled ? v : surf,
             doubled ? vl : surf_len);
  }
}

// A last resort after deletion_find: a word spelt by its sound, whose ending is three or more edits from
// the written one ("infecshun", "injecshun", "essenshal", "infecshus"), and so beyond the automata. The
// ending (before a final plural 's') is rewritten to each written form it sounds like, the result
// stemmed and looked up exactly; a hit is a candidate at the word's full edit distance and is shown as
// rewritten ("infection"). At most two look-ups per rewrite, each charged to the typo budget as a seek.
static void sound_find(Scratch *s, const FuzzyWord &fw, FuzzyCand *cands, uint32_t *ncand) {
  struct Rewrite {
    const char *from, *to;
    uint8_t fl, tl;
  };
  static const Rewrite kRewrites[] = {{"shun", "tion", 4, 4},  {"shun", "sion", 4, 4},  {"shon", "tion", 4, 4},
                                      {"shen", "tion", 4, 4},  {"chun", "tion", 4, 4},  {"shus", "tious", 4, 5},
                                      {"shus", "cious", 4, 5}, {"shul", "tial", 4, 4},  {"shal", "tial", 4, 4},
                                      {"shul", "cial", 4, 4},  {"shal", "cial", 4, 4}};
  if (fw.maxd == 0 || fw.q < 6) return;
  const uint32_t tail = fw.w[fw.q - 1] == 's' && fw.w[fw.q - 2] != 's' ? 1u : 0u;  // a plural's 's'
  char v[kMaxTermBytes], st[kMaxTermBytes];
  for (const Rewrite &rw : kRewrites) {
    const uint32_t fl = rw.fl, tl = rw.tl;
    for (uint32_t t = 0; t <= tail; ++t) {
      if (fw.q < fl + t + 2) continue;
      const uint32_t at = fw.q - t - fl;  // where the ending starts
      if (FOLIO_MEMCMP(fw.w + at, rw.from, fl) != 0) continue;
      const uint32_t vl = at + tl + t;
      if (vl > kMaxTermBytes) continue;
      if (!fuzzy_charge(s, kSeekCost)) return;
      ++s->fz_seeks;
      FOLIO_MEMCPY(v, fw.w, at);
      FOLIO_MEMCPY(v + at, rw.to, tl);
      FOLIO_MEMCPY(v + at + tl, fw.w + fw.q - t, t);
      FOLIO_MEMCPY(st, v, vl);
      const size_t sl = text::stem_english(st, vl);
      if (sl < kTypoMinBytes) continue;
      DictIter it;
      if (!dict_lower_bound(&it, &s->v, st, sl)) {
        if (it.bad) return void(s->bad = true);
        continue;
      }
      if (it.len != sl || FOLIO_MEMCMP(it.term, st, sl) != 0 || it.info.df == 0) continue;
      cand_add(fw, cands, ncand, fw.maxd, 0, fw.maxd, it.info.df, st, static_cast<uint32_t>(sl), v, vl);
    }
  }
}

// Start a typo look-up of w (stem ws): the counters, the budget, *fw and the automata; false (nothing to
// look up) when the word or its stem is too short or too long for typo correction.
static bool fuzzy_begin(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, uint32_t budget,
                        FuzzyWord *fw, uint32_t *ncand, FormRule forms, bool first_only) {
  *ncand = 0;
  s->fz_terms = s->fz_seeks = 0;
  s->fz_budget = budget;
  if (wlen < kTypoMinBytes || wlen > kFuzzyMaxLen || wslen == 0 || wslen > kFuzzyMaxLen) return false;
  fw->w = w;
  fw->ws = ws;
  fw->q = static_cast<uint32_t>(wlen);
  fw->qs = static_cast<uint32_t>(wslen);
  fw->maxd = typo_edits(fw->q);
  fw->maxd_stem = typo_edits(fw->qs);
  fw->same = fw->q == fw->qs && FOLIO_MEMCMP(w, ws, fw->q) == 0;
  fw->forms = forms;
  fw->first_only = first_only;
  lev_init(&s->lev[0], &s->lst[0][0], w, fw->q, fw->maxd);
  if (!fw->same) lev_init(&s->lev[1], &s->lst[1][0], ws, fw->qs, fw->maxd);
  return true;
}

// The candidates of w (stem ws), best first, in cands (at most kFuzzyKeep), for at most `budget` units of
// work; returns the best distance (0 = none found).
uint32_t fuzzy_find(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, FuzzyCand *cands,
                    uint32_t *ncand, uint32_t budget, FormRule forms, bool first_only) {
  FuzzyWord fw;
  if (!fuzzy_begin(s, w, wlen, ws, wslen, budget, &fw, ncand, forms, first_only)) return 0;
  // terms starting with the word's first or second byte
  fuzzy_range(s, fw, w, 1, 0, cands, ncand, nullptr);
  if (w[1] != w[0] && !fw.found_enough(*ncand)) fuzzy_range(s, fw, w + 1, 1, 0, cands, ncand, nullptr);
  if (fw.found_enough(*ncand)) return cands[0].dist;
  // every other first byte c: c w[1] (the first letter wrong) and c w[0] (missing), followed by w[2] and
  // w[1] when two edits are allowed (the one left goes after them); the tails in byte order
  const uint32_t tl = fw.maxd >= 2 ? 2 : 1;
  const char *tails[2] = {w + 1, w};
  uint32_t ntails = 2;
  const int tc = cmp_bytes(tails[0], tl, tails[1], tl);
  if (tc == 0) ntails = 1;
  if (tc > 0) {
    tails[0] = w;
    tails[1] = w + 1;
  }
  DictIter it;
  char key[3] = {0, 0, 0};
  if (!fuzzy_seek(s, &it, key, 0, false)) return *ncand ? cands[0].dist : 0;
  for (;;) {
    const unsigned char c = it.len ? static_cast<unsigned char>(it.term[0]) : 0;
    if (it.len > 0 && it.term[0] != w[0] && it.term[0] != w[1]) {
      for (uint32_t k = 0; k < ntails && !s->bad && s->fz_budget > 0 && !fw.found_enough(*ncand); ++k) {
        if (fuzzy_bound(fw.maxd, cands, *ncand, 1) == 0) break;  // nothing changing the first letter can enter
        key[0] = it.term[0];
        FOLIO_MEMCPY(key + 1, tails[k], tl);
        fuzzy_range(s, fw, key, 1 + tl, 1, cands, ncand, &it);
      }
    }
    if ((it.len > 0 && c == 0xFF) || s->bad || fw.found_enough(*ncand)) break;
    key[0] = static_cast<char>(it.len ? c + 1 : 0);  // (an empty first term: the terms from "\0" on)
    if (!fuzzy_seek(s, &it, key, 1, true)) break;
  }
  if (*ncand == 0 && !s->bad) deletion_find(s, fw, cands, ncand);
  if (*ncand == 0 && !s->bad) sound_find(s, fw, cands, ncand);
  return *ncand ? cands[0].dist : 0;
}

uint32_t fuzzy_find_prefix(Scratch *s, const char *w, size_t wlen, const char *ws, size_t wslen, uint32_t keep,
                           FuzzyCand *cands, uint32_t *ncand, uint32_t budget) {
  FuzzyWord fw;
  if (!fuzzy_begin(s, w, wlen, ws, wslen, budget, &fw, ncand, kFormsNone, false)) return 0;
  if (keep == 0 || keep > wlen || keep > wslen || FOLIO_MEMCMP(w, ws, keep) != 0) return 0;
  fuzzy_range(s, fw, w, keep, 0, cands, ncand, nullptr);
  return *ncand ? cands[0].dist : 0;
}

uint32_t fuzzy_prefix(Scratch *s, const char *w, size_t wlen, char *out, uint32_t *out_len, uint32_t budget) {
  *out_len = 0;
  s->fz_terms = s->fz_seeks = 0;
  s->fz_budget = budget;
  if (wlen < kTypoMinBytes || wlen > kFuzzyMaxLen) return 0;
  const uint32_t q = static_cast<uint32_t>(wlen), k = typo_edits(q);
  LevPattern &p = s->lev[0];
  LevState *st = s->lst[0];
  lev_init(&p, &st[0], w, q, k);
  // along the current term: the least distance of w to any of its first i bytes, and that prefix's length
  uint8_t mind[kMaxTermBytes + 1], argj[kMaxTermBytes + 1];
  mind[0] = static_cast<uint8_t>(k + 1);
  argj[0] = 0;
  char last[kMaxTermBytes];  // the term the states 1..valid were computed for
  uint32_t valid = 0, best_d = 0, best_df = 0;
  DictIter it;
  if (!fuzzy_seek(s, &it, w, 1, false)) return 0;
  for (;;) {
    if (it.len == 0 || it.term[0] != w[0]) break;  // past the terms starting with w's first byte
    uint32_t l = 0;
    while (l < valid && l < it.len && it.term[l] == last[l]) ++l;
    valid = l;
    uint32_t i = valid + 1;
    bool dead = false;
    for (; i <= it.len; ++i) {
      lev_step(p, st[i - 1], &st[i], static_cast<unsigned char>(it.term[i - 1]));
      // a prefix shorter than w only by a byte deleted inside it: the typed last byte is not dropped
      // ("appo" is not "app", which would only ignore the letter typed last)
      const bool longer = i >= q || (i + 1 == q && it.term[i - 1] == w[q - 1]);
      const uint32_t d = longer ? lev_distance(p, st[i]) : k + 1;
      mind[i] = d < mind[i - 1] ? static_cast<uint8_t>(d) : mind[i - 1];
      argj[i] = d < mind[i - 1] ? static_cast<uint8_t>(i) : argj[i - 1];
      // as for whole words: with two edits, the first kFuzzyHead bytes take at most one
      const uint32_t bound = i == kFuzzyHead && k > 1 ? k - 1 : k;
      if (st[i].r[bound] == 0) {
        dead = true;
        break;
      }
    }
    const uint32_t end = dead ? i : it.len;
    FOLIO_MEMCPY(last, it.term, it.len);
    valid = dead ? i - 1 : it.len;
    const uint32_t m = mind[end], j = argj[end];
    // the prefix is also the start of the term's surface form, so that it reads as typed text ("labgr" of
    // the term "labgrown", shown "lab-grown", is not)
    if (it.info.df > 0 && m >= 1 && m <= k && j <= it.len - it.surf_cut &&
        (best_d == 0 || m < best_d || (m == best_d && (it.info.df > best_df ||
                                                       (it.info.df == best_df && cmp_bytes(it.term, j, out, *out_len) < 0))))) {
      best_d = m;
      best_df = it.info.df;
      FOLIO_MEMCPY(out, it.term, j);
      *out_len = j;
    }
    if (dead) {
      // every term sharing the first i bytes dies there too, with the same prefixes before: step over
      // them (seek once there are many) to the first term after key = those bytes, the last one raised
      if (i <= 1) break;
      char key[kMaxTermBytes];
      uint32_t kl = i;
      FOLIO_MEMCPY(key, it.term, kl);
      while (kl > 1 && static_cast<unsigned char>(key[kl - 1]) == 0xFF) --kl;
      if (kl <= 1) break;
      key[kl - 1] = static_cast<char>(static_cast<unsigned char>(key[kl - 1]) + 1);
      bool ok = true;
      for (uint32_t run = 0;; ++run) {
        if (run >= kSkipRun) {
          ok = fuzzy_seek(s, &it, key, kl, true);
          break;
        }
        if (!fuzzy_charge(s, 1) || !dict_next(&it)) {
          ok = false;
          break;
        }
        ++s->fz_terms;
        if (cmp_bytes(it.term, it.len, key, kl) >= 0) break;
      }
      if (!ok) break;
      continue;
    }
    if (!fuzzy_charge(s, 1)) break;
    ++s->fz_terms;
    if (!dict_next(&it)) break;
  }
  if (it.bad) s->bad = true;
  return best_d;
}

uint32_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, uint32_t cap) {
  if (alen > kMaxTermBytes || blen > kMaxTermBytes) return cap + 1;
  const size_t diff = alen > blen ? alen - blen : blen - alen;
  if (diff > cap) return cap + 1;
  uint8_t d[3][kMaxTermBytes + 1];  // rolling rows i-2, i-1, i
  for (size_t j = 0; j <= blen; ++j) d[0][j] = static_cast<uint8_t>(j);
  for (size_t i = 1; i <= alen; ++i) {
    uint8_t *cur = d[i % 3];
    const uint8_t *p1 = d[(i - 1) % 3];
    const uint8_t *p2 = d[(i + 1) % 3];  // (i - 2) % 3
    cur[0] = static_cast<uint8_t>(i);
    for (size_t j = 1; j <= blen; ++j) {
      uint32_t v = p1[j] + 1u;
      if (cur[j - 1] + 1u < v) v = cur[j - 1] + 1u;
      const uint32_t sub = p1[j - 1] + (a[i - 1] != b[j - 1] ? 1u : 0u);
      if (sub < v) v = sub;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && p2[j - 2] + 1u < v) v = p2[j - 2] + 1u;
      cur[j] = static_cast<uint8_t>(v > 250 ? 250 : v);
    }
  }
  const uint32_t r = d[alen % 3][blen];
  return r > cap ? cap + 1 : r;
}

// The corrections folio_search would give query word `word` over the view in s->v (see typo_candidates).
// `typo`: take the word for no real word whatever the view's lexicon says (the builder's lexicon filter
// asks about the lexicon's words, whose Bloom filter is being built: a word is kept when folio_search
// would correct it as a typo); else the lexicon decides, as in folio_search.
static folio_status typo_find(Scratch *s, const char *word, size_t len, FuzzyCand *cands, uint32_t *nc,
                              uint32_t budget, bool typo, bool first_only) {
  *nc = 0;
  if (!text::utf8_valid(word, len)) return FOLIO_E_UTF8;
  s->bad = false;
  s->fz_terms = s->fz_seeks = 0;
  text::Tokenizer tz(word, len);
  text::Token tok;
  bool have = tz.next(&tok);
  while (have && (tok.flags & text::TOKEN_PART)) have = tz.next(&tok);
  if (!have) return FOLIO_E_QUERY;
  char w[kMaxTermBytes];
  const uint32_t wl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
  FOLIO_MEMCPY(w, tok.text, wl);
  const bool number = is_number_token(tok);
  const bool compound = tz.next(&tok) && (tok.flags & text::TOKEN_PART);
  if (number || compound || text::is_stopword(w, wl) || is_query_noise(w, wl)) return FOLIO_OK;
  char stem[kMaxTermBytes];
  const size_t sl = stem_copy(w, wl, stem);
  TermInfo ti;
  if ((dict_find(&s->v, stem, sl, &ti, &s->bad) && ti.df > 0) || syn_find(&s->v, stem, sl) >= 0) return FOLIO_OK;
  fuzzy_find(s, w, wl, stem, sl, cands, nc, budget ? budget : kFuzzyBudget,
             typo || !lexicon_has(&s->v, w, wl) ? kFormsReal : kFormsNone,
             first_only);
  return s->bad ? FOLIO_E_CORRUPT : FOLIO_OK;
}

folio_status typo_candidates(folio_reader *r, const char *word, size_t len, TypoCandidate *out, uint32_t cap,
                             uint32_t *out_n, TypoStats *stats, uint32_t budget) {
  *out_n = 0;
  if (stats) stats->terms = stats->seeks = 0;
  if (!r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return FOLIO_E_NOT_FOUND;
  Scratch *s = reinterpret_cast<Scratch *>(r->search_scratch);
  if (!view_init(r->pack, &s->v)) return FOLIO_E_NOT_FOUND;
  FuzzyCand cands[kFuzzyKeep];
  uint32_t nc = 0;
  const folio_status st = typo_find(s, word, len, cands, &nc, budget, false, false);
  if (st != FOLIO_OK) return st;
  for (uint32_t k = 0; k < nc && k < cap; ++k) {
    TypoCandidate &o = out[k];
    o.dist = cands[k].dist;
    o.df = cands[k].df;
    FOLIO_MEMCPY(o.term, cands[k].term, cands[k].len);
    o.term_len = cands[k].len;
    FOLIO_MEMCPY(o.surface, cands[k].surf, cands[k].surf_len);
    o.surface_len = cands[k].surf_len;
    ++*out_n;
  }
  if (stats) {
    stats->terms = s->fz_terms;
    stats->seeks = s->fz_seeks;
  }
  return FOLIO_OK;
}

// The key's place on a QWERTY keyboard: row (0 top) and column in quarter keys, the rows staggered by
// 0, 1/4 and 3/4 of a key as on most keyboards; false for a byte that is no ASCII letter.
static bool key_place(char c, int *row, int *col4) {
  static const char *const rows[3] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  static const int shift4[3] = {0, 1, 3};
  for (int r = 0; r < 3; ++r)
    for (int k = 0; rows[r][k]; ++k)
      if (rows[r][k] == c) {
        *row = r;
        *col4 = 4 * k + shift4[r];
        return true;
      }
  return false;
}

bool key_slip(const char *a, const char *b, size_t n) {
  size_t diff = n, ndiff = 0;
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) {
      diff = i;
      ++ndiff;
    }
  if (ndiff != 1) return false;
  int ra, ca, rb, cb;
  if (!key_place(a[diff], &ra, &ca) || !key_place(b[diff], &rb, &cb)) return false;
  const int dc = ca > cb ? ca - cb : cb - ca;
  // neighbours: side by side in a row, or touching in the row above or below
  return ra == rb ? dc == 4 : (ra - rb == 1 || rb - ra == 1) && dc < 4;
}

bool finger_slip(const char *a, size_t an, const char *b, size_t bn) {
  if (an == bn) {
    if (key_slip(a, b, an)) return true;
    size_t i = 0;
    while (i < an && a[i] == b[i]) ++i;
    return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i] != a[i + 1] &&
           FOLIO_MEMCMP(a + i + 2, b + i + 2, an - i - 2) == 0;
  }
  if (an + 1 != bn && bn + 1 != an) return false;
  const char *lo = an < bn ? a : b, *hi = an < bn ? b : a;  // hi has the extra letter
  const size_t n = an < bn ? an : bn;
  size_t i = 0;
  while (i < n && lo[i] == hi[i]) ++i;
  // hi[i] is the extra letter: a double of the letter before it or after it
  const bool doubled = (i > 0 && hi[i] == hi[i - 1]) || (i + 1 <= n && hi[i] == hi[i + 1]);
  return doubled && FOLIO_MEMCMP(lo + i, hi + i + 1, n - i) == 0;
}

folio_status prefix_typo(folio_reader *r, const char *pre, size_t len, char *out, uint32_t *out_len, uint32_t *dist) {
  *out_len = 0;
  *dist = 0;
  if (!r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return FOLIO_E_NOT_FOUND;
  Scratch *s = reinterpret_cast<Scratch *>(r->search_scratch);
  if (!view_init(r->pack, &s->v)) return FOLIO_E_NOT_FOUND;
  s->bad = false;
  *dist = fuzzy_prefix(s, pre, len, out, out_len, kFuzzyBudget);
  return s->bad ? FOLIO_E_CORRUPT : FOLIO_OK;
}

size_t typo_scratch_bytes() { return sizeof(Scratch); }

folio_status typo_correctable(const DictBlobs &b, const char *word, size_t len, void *scratch,
                              size_t scratch_len, bool *out, bool first_only) {
  *out = false;
  if (!scratch || scratch_len < sizeof(Scratch)) return FOLIO_E_WORKSPACE;
  Scratch *s = static_cast<Scratch *>(scratch);
  FOLIO_MEMSET(&s->v, 0, sizeof s->v);
  if (!dict_view_init(b, &s->v)) return FOLIO_E_CORRUPT;
  FuzzyCand cands[kFuzzyKeep];
  uint32_t nc = 0;
  // any candidate makes the word correctable, and candidates are never dropped once found: the walk
  // stops at the first. The same answer, byte-identical packs; the build tool's lexicon filter, three
  // quarters of a content build, runs this for each of 73,807 words (2026-12-07: a build of the
  // bundled content 4.4 → 2.7 CPU seconds)
  const folio_status st = typo_find(s, word, len, cands, &nc, 0, true, first_only);
  *out = st == FOLIO_OK && nc > 0;
  return st;
}

uint32_t automaton_distance(const char *pattern, size_t plen, const char *text, size_t tlen, uint32_t k) {
  if (plen > kFuzzyMaxLen || tlen > kMaxTermBytes || k > kMaxEdits) return k + 1;
  LevPattern p;
  LevState a, b;
  lev_init(&p, &a, pattern, static_cast<uint32_t>(plen), k);
  for (size_t i = 0; i < tlen; ++i) {
    lev_step(p, a, &b, static_cast<unsigned char>(text[i]));
    a = b;
  }
  return lev_distance(p, a);
}

}  // namespace fts
}  // namespace folio
