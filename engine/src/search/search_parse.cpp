// search_parse.cpp: the query into clauses: words, compounds, phrases, exclusions, prefixes, filters;
// alternatives for typos and prefixes; exact title and heading matches. The query model's builders, a
// word's other forms, joined words and numbers, and synonyms are in the files search_parse.h lists.
#include "search/search_parse.h"

namespace folio {
namespace fts {

// ---- query parsing --------------------------------------------------------------------------------------

// (search_parse.h)
bool ascii_ieq(const char *a, size_t alen, const char *b) {
  size_t i = 0;
  for (; i < alen && b[i]; ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return i == alen && b[i] == 0;
}

// Remove the stopwords from the candidates cands[0, nc), keeping their order; returns how many are left.
static uint32_t drop_stopwords(FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (!text::is_stopword(cands[k].term, cands[k].len)) cands[n++] = cands[k];
  return n;
}

// Keep only the candidates whose shown word is one edit from the word as typed (wdist), in order;
// returns how many are left. For a real word only: one edit by the stems alone can be far apart as typed
// ("smiting", stem "smite", is one edit from "site"; "farting" from "fat"; "graceful" from "grade").
static uint32_t keep_one_edit_as_typed(FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (cands[k].wdist <= 1) cands[n++] = cands[k];
  return n;
}

// Drop the candidates whose shown word is the real word w (len bytes) less its last letter: a real word
// that is another one plus a letter is a word of its own, not that word mistyped ("liver damage" was
// searched as "live damage", "later" would be "late"); returns how many are left.
static uint32_t drop_shorter_by_last_letter(const char *w, size_t len, FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (!(cands[k].surf_len + 1 == len && FOLIO_MEMCMP(cands[k].surf, w, cands[k].surf_len) == 0)) cands[n++] = cands[k];
  return n;
}

// Keep only the candidates whose shown word is w (len bytes) with one key slipped to a neighbour
// (key_slip), in order; returns how many are left.
static uint32_t keep_key_slips(const char *w, size_t len, FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (cands[k].surf_len == len && key_slip(w, cands[k].surf, len)) cands[n++] = cands[k];
  return n;
}

// fuzzy_find for query word w (stem ws) through the parse's memo (Scratch::fz_memo).
uint32_t fuzzy_word(Scratch *s, const char *w, size_t wl, const char *ws, size_t wsl, FuzzyCand *cands,
                           uint32_t *nc, bool typing) {
  const FormRule forms = lexicon_has(&s->v, w, wl) ? kFormsNone : typing ? kFormsAny : kFormsReal;
  for (FuzzyMemo &m : s->fz_memo)
    if (m.wl == wl && wl > 0 && m.forms == forms && FOLIO_MEMCMP(m.w, w, wl) == 0) {
      *nc = m.nc;
      for (uint32_t k = 0; k < m.nc; ++k) cands[k] = m.cands[k];
      return m.d;
    }
  const uint32_t d = fuzzy_find(s, w, wl, ws, wsl, cands, nc, kFuzzyBudget, forms, false);
  if (wl > kMaxTermBytes || s->bad) return d;
  FuzzyMemo &m = s->fz_memo[s->fz_memo_next];
  s->fz_memo_next = (s->fz_memo_next + 1) % 2;
  FOLIO_MEMCPY(m.w, w, wl);
  m.wl = static_cast<uint32_t>(wl);
  m.forms = forms;
  m.d = d;
  m.nc = *nc;
  for (uint32_t k = 0; k < *nc; ++k) m.cands[k] = cands[k];
  return d;
}

// Query-only noise words that are not in the stopword list ("steroid shot vs stem cells"): "vs", the
// modal verbs that open questions ("can stem cells regrow cartilage", "will insurance pay", "must i
// repeat it every year"), which the
// Snowball list leaves out (as nouns they are rare in a reference's queries), "help", the verb of such
// questions, with its forms ("can it help an ACL tear": nearly every section of a treatment reference is
// about what helps; required, it made a section with "helped" and the article's names beat the ACL
// section), "many" of "how many" (required, it let a list of questions with "How many cells" beat the
// section about the first sore days), "mean" and its forms of "what does X mean" (required, they put a
// section headed "What this means for you" above the one that says what "minimally manipulated" means;
// "regression to the mean" still finds its section), and the Latin abbreviations of lists, "e.g.",
// "i.e.", "etc." (as initialisms: "eg", "ie"), and the question adverbs "still" and "likely" ("can i
// still have a knee replacement if the stem cells don't work": required, "still" ranked a section that
// says research is still needed first; MRR@10 on all 827 0.861 -> 0.863), and "ok" / "okay" of "is it
// ok to …" (2026-12-05: the judged sets did not move, but required, a word no section has, it made every
// hit partial and was named as missing: "is paracetamol ok after the shot"). "much" of "how much" was
// measured and left out (a held-out round fell), and so were "get" and its forms, which "get ready" and
// "who should not get" need.
// Like stopwords, they only add score where they occur.
bool is_query_noise(const char *w, size_t len) {
  static const struct {
    const char *w;
    uint8_t l;
  } kNoise[] = {{"vs", 2},      {"versus", 6}, {"v", 1},       {"can", 3},  {"will", 4},    {"may", 3},
                {"might", 5},   {"help", 4},   {"helps", 5},   {"helped", 6}, {"helping", 7}, {"eg", 2},
                {"ie", 2},      {"etc", 3},    {"many", 4},    {"mean", 4}, {"means", 5},   {"meaning", 7},
                {"must", 4},    {"still", 5},  {"likely", 6}, {"ok", 2}, {"okay", 4}, {"w", 1},
                // text-speak for stopwords ("r stem cells safe", "b4 the injection", "abt", "urself")
                {"u", 1},       {"ur", 2},     {"urself", 6}, {"r", 1},  {"b4", 2},     {"abt", 3},
                {"wat", 3},     {"wot", 3},    {"n", 1},      {"pls", 3}, {"plz", 3},   {"thx", 3},
                {"cuz", 3},     {"coz", 3},    {"sumthin", 7}, {"smth", 4}};
  for (const auto &n : kNoise)
    if (n.l == len && FOLIO_MEMCMP(n.w, w, len) == 0) return true;
  return false;
}

// Whether the word typed at q[b, e) is written as a name: two or more capitals and a lower-case letter
// ("SAMe", the supplement), or all capitals in a query with lower-case letters elsewhere ("WHO
// guidelines", "approved in the US"; not "IS IT SAFE"). Such a word is never a stopword: "SAMe" folds to
// "same", which made it optional and the one section that names it lost to the article's lead.
static bool typed_as_name(const ParseState &ps, size_t b, size_t e) {
  uint32_t up = 0, low = 0;
  for (size_t i = b; i < e && i < ps.len; ++i) {
    const char c = ps.q[i];
    up += (c >= 'A' && c <= 'Z') ? 1u : 0u;
    low += (c >= 'a' && c <= 'z') ? 1u : 0u;
  }
  if (up < 2) return false;
  if (low > 0) return true;
  for (size_t i = 0; i < ps.len; ++i)
    if ((i < b || i >= e) && ps.q[i] >= 'a' && ps.q[i] <= 'z') return true;
  return false;
}

// Whether the word typed at q[b, e) is written in capitals as a name (typed_as_name, with no lower-case
// letter: "ISCT", not "SAMe").
static bool typed_in_capitals(const ParseState &ps, size_t b, size_t e) {
  for (size_t i = b; i < e && i < ps.len; ++i)
    if (ps.q[i] >= 'a' && ps.q[i] <= 'z') return false;
  return typed_as_name(ps, b, e);
}

// Keep only the candidates whose shown word starts with byte `initial`, in order; returns how many are
// left. For a word typed in capitals: an abbreviation the pack lacks is more likely another abbreviation
// than a slip of its first letter, and until 2026-12-06 "ISCT criteria" (the cell therapy society's) was
// shown corrected to "HSCT criteria" (a blood stem cell transplant).
static uint32_t keep_same_initial(char initial, FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (cands[k].surf_len > 0 && cands[k].surf[0] == initial) cands[n++] = cands[k];
  return n;
}

// Keep only the candidates that are words of the synonym table, where the pack's abbreviations are (the
// glossary's and the curated ones), in order; returns how many are left. For a word typed in capitals:
// an abbreviation the pack lacks is no slip of a common word, and until 2026-12-07 "WOMAC scores" was
// shown as "woman scores", "PICO" as "pick", "MCID" as "mid", "MACI vs BMAC" as "many vs BMAC".
static uint32_t keep_abbreviations(const Scratch *s, FuzzyCand *cands, uint32_t nc) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < nc; ++k)
    if (syn_find(&s->v, cands[k].term, cands[k].len) >= 0) cands[n++] = cands[k];
  return n;
}

// Whether token tok of the query item at byte `base` is a courtesy that opens or closes a question typed as
// a letter ("Hello, I am 80 and …", "what is an RCT please", "… thank you"): "hello", "hi", "hey", "dear"
// as the query's first word, "please", "thanks", "thank" (of "thank you") as its last word or the one
// before it, in a query of three words or more. Until 2026-12-06 they were words to find and were named
// missing. Elsewhere they stay words ("what does please mean" finds the dictionary's "Please").
static bool courtesy(const ParseState &ps, const text::Token &tok, size_t base) {
  static const struct {
    const char *w;
    uint8_t l;
    bool opens;
  } kCourtesy[] = {{"hello", 5, true},   {"hi", 2, true},      {"hey", 3, true},   {"dear", 4, true},
                   {"please", 6, false}, {"thanks", 6, false}, {"thank", 5, false}};
  bool listed = false, opens = false;
  for (const auto &c : kCourtesy)
    if (c.l == tok.len && FOLIO_MEMCMP(c.w, tok.text, tok.len) == 0) {
      listed = true;
      opens = c.opens;
    }
  if (!listed) return false;
  uint32_t before = 0, after = 0;
  bool you_next = false;  // the word after it is "you" ("thank you")
  const size_t at = base + tok.src_begin;
  text::Tokenizer tz(ps.q, ps.len);
  text::Token t;
  while (tz.next(&t)) {
    if (t.flags & text::TOKEN_PART) continue;
    if (t.src_begin < at) {
      ++before;
    } else if (t.src_begin > at) {
      if (++after == 1) you_next = t.len == 3 && FOLIO_MEMCMP(t.text, "you", 3) == 0;
    }
  }
  if (before + after < 2) return false;
  return opens ? before == 0 : after == 0 || (after == 1 && you_next);
}

// Whether token tok of the query item at byte `base` is "question" or "mark" of a "question mark" that
// ends a query, after three words or more (five words in all): voice dictation writes out the punctuation it was told ("… still
// help question mark"). Until 2026-12-06 "mark" was a word to find and was named missing. Elsewhere they
// stay words ("what does mark mean", "question mark" alone).
static bool dictated_mark(const ParseState &ps, const text::Token &tok, size_t base) {
  auto is = [](const text::Token &t, const char *w, size_t l) { return t.len == l && FOLIO_MEMCMP(t.text, w, l) == 0; };
  if (!is(tok, "question", 8) && !is(tok, "mark", 4)) return false;
  size_t prev_at = 0, last_at = 0;
  bool prev_question = false, last_question = false, last_mark = false;
  uint32_t words = 0;
  text::Tokenizer tz(ps.q, ps.len);
  text::Token t;
  while (tz.next(&t)) {
    if (t.flags & text::TOKEN_PART) continue;
    prev_at = last_at;
    prev_question = last_question;
    last_at = t.src_begin;
    last_question = is(t, "question", 8);
    last_mark = is(t, "mark", 4);
    ++words;
  }
  if (words < 5 || !prev_question || !last_mark) return false;
  const size_t at = base + tok.src_begin;
  return at == prev_at || at == last_at;
}

// Whether token tok of the query item at byte `base` asks for something near the user ("near me",
// "nearby"): a habit of web search that an offline reference cannot answer. Until 2026-12-06 "near" was a
// word to find, and "are there any clinical trials near me" opened at "Nearly 20% of adults …".
static bool near_me(const ParseState &ps, const text::Token &tok, size_t base) {
  if (tok.len == 6 && FOLIO_MEMCMP(tok.text, "nearby", 6) == 0) return true;
  if (tok.len != 4 || FOLIO_MEMCMP(tok.text, "near", 4) != 0) return false;
  size_t i = base + tok.src_end;
  while (i < ps.len && is_space_byte(static_cast<unsigned char>(ps.q[i]))) ++i;
  if (i + 2 > ps.len || (ps.q[i] | 0x20) != 'm' || (ps.q[i + 1] | 0x20) != 'e') return false;
  const unsigned char after = i + 2 < ps.len ? static_cast<unsigned char>(ps.q[i + 2]) : ' ';
  return !((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') || (after >= '0' && after <= '9') ||
           after >= 0x80);
}

// Whether token tok of the query item at byte `base` is the scheme, "www", top-level domain or file type of
// a web address ("https://www.fda.gov/…", "www.nhs.uk", "clinic.com"), which a pasted link brings along.
// Until 2026-12-06 "https" was corrected into the folded "HCT/Ps" ("hctps") and "www" and "gov" were named
// missing; the address's other words (the "fda" of the host, the words of its path) are still searched.
static bool url_noise(const ParseState &ps, const text::Token &tok, size_t base) {
  static const struct {
    const char *w;
    uint8_t l;
  } kUrlWords[] = {{"http", 4}, {"https", 5}, {"ftp", 3}, {"www", 3}, {"com", 3},  {"org", 3},  {"net", 3},
                   {"gov", 3},  {"edu", 3},   {"co", 2},  {"uk", 2},   {"au", 2},   {"html", 4},
                   {"htm", 3},  {"php", 3},   {"aspx", 4}, {"pdf", 3}};
  bool listed = false;
  for (const auto &u : kUrlWords) listed = listed || (u.l == tok.len && FOLIO_MEMCMP(u.w, tok.text, tok.len) == 0);
  if (!listed) return false;
  size_t b = base + tok.src_begin, e = base + tok.src_end;  // the run of non-space bytes around the token
  while (b > 0 && !is_space_byte(static_cast<unsigned char>(ps.q[b - 1]))) --b;
  while (e < ps.len && !is_space_byte(static_cast<unsigned char>(ps.q[e]))) ++e;
  auto ieq = [&](size_t at, const char *lit, size_t n) {
    if (at + n > e) return false;
    for (size_t k = 0; k < n; ++k)
      if ((ps.q[at + k] | 0x20) != lit[k]) return false;
    return true;
  };
  while (b < e && (ps.q[b] == '(' || ps.q[b] == '<' || ps.q[b] == '"' || ps.q[b] == '[')) ++b;
  if (ieq(b, "www.", 4)) return true;
  for (size_t i = b; i + 3 <= e; ++i)
    if (ps.q[i] == ':' && ps.q[i + 1] == '/' && ps.q[i + 2] == '/') return true;
  // a bare host ("regenexx.com", "nhs.uk/conditions"): the token follows a dot and ends its label
  const size_t tb = base + tok.src_begin, te = base + tok.src_end;
  if (tb <= b || ps.q[tb - 1] != '.' || tb < b + 2) return false;
  const char after = te < e ? ps.q[te] : ' ';
  return after == ' ' || after == '/' || after == '.' || after == ',' || after == ';' || after == ':' ||
         after == '?' || after == '!' || after == ')' || after == '>' || after == '"' || after == ']';
}

// Whether tok is a clinician's "c/o" (complains of), a compound the tokenizer joins into "co": a filler of
// the query, as "vs" is ("58 y/o f c/o knee pain" named "c o" missing until 2026-12-08). Only as the
// compound: a plain "co" is the start of "cost" or "cortisone" while it is typed.
static bool compound_filler(const text::Token &tok) {
  return (tok.flags & text::TOKEN_COMPOUND) && tok.len == 2 && tok.text[0] == 'c' && tok.text[1] == 'o';
}

// Whether token tok of the query item at byte `base` is a stopword of the query: a stopword or filler word
// not typed as a name, or a web address's scheme or domain.
static bool query_stopword(const ParseState &ps, const text::Token &tok, size_t base) {
  if (url_noise(ps, tok, base) || compound_filler(tok)) return true;
  return (text::is_stopword(tok.text, tok.len) || is_query_noise(tok.text, tok.len) || near_me(ps, tok, base) ||
          courtesy(ps, tok, base) || dictated_mark(ps, tok, base)) &&
         !typed_as_name(ps, base + tok.src_begin, base + tok.src_end);
}

// The nearest of the typo candidates cands[0, nc) (nc > 0) as alternatives of clause ci, the first of
// them recorded as the clause's correction (its stem then takes the correction's, for its synonyms).
// Only the nearest: the query is shown corrected to the first, so a hit found through a farther one
// ("infectoin" -> "injection", two edits, beside "infection", one) showed words the corrected query does
// not have. Returns the correction (its inflected form and the clause's `lex` are the caller's), or NULL
// when there is no room for one.
Correction *add_typo_alts(Scratch *s, uint32_t ci, const FuzzyCand *cands, uint32_t nc) {
  Clause *c = &s->clauses[ci];
  const uint8_t fz0 = c->na;
  for (uint32_t k = 0; k < nc; ++k) {
    if (cands[k].dist > cands[0].dist) break;
    Alt *fa = alt_begin(s, ci, cands[k].dist == 1 ? kWeightFuzzy1 : kWeightFuzzy2, false);
    if (!fa) break;
    if (!alt_term(s, fa, ci, cands[k].term, cands[k].len, 0)) {
      alt_drop(s, ci, fa);
      break;
    }
  }
  if (s->ncorr >= kMaxClauses) return nullptr;
  Correction *co = &s->corr[s->ncorr];
  FOLIO_MEMCPY(co->word, cands[0].surf, cands[0].surf_len);
  co->len = cands[0].surf_len;
  c->corrected = static_cast<int32_t>(s->ncorr++);
  c->fz0 = fz0;
  FOLIO_MEMCPY(c->stem, cands[0].term, cands[0].len);
  c->stem_len = static_cast<uint8_t>(cands[0].len);
  return co;
}

// A letter dropped from a four-letter word, as a kiosk's quick typing drops it ("kne pain", "stem cel",
// "hip bon", "tem cells"). Words under kTypoMinBytes get no typo correction, as nearly every string of
// three letters is an edit from several terms; so this takes only a word of three ASCII letters that is
// no word of the pack, not typed as a name ("DVT"), and only a term that is the word with one letter put
// back, is no stopword, and stands right beside the query's word next to it in some section (the word
// before it, or after it, when that is no stopword: "knee" before "pain"; words_adjacent). Of several,
// the one in more sections. Until 2026-12-06 each of those queries named the short word missing. Returns 1
// with the candidate in *out, or 0.
static uint32_t dropped_letter(Scratch *s, const ParseState &ps, const Clause *c, const text::Token &tok,
                               FuzzyCand *out) {
  if (tok.len + 1 != kTypoMinBytes) return 0;
  for (size_t i = 0; i < tok.len; ++i)
    if (tok.text[i] < 'a' || tok.text[i] > 'z') return 0;
  // the query's words right before and after this one (stems), when they are no stopwords
  char nb[2][kMaxTermBytes];
  size_t nl[2] = {0, 0};
  {
    // (a token's text lives in the tokenizer's buffer until the next token: the word before is stemmed
    // as it goes by)
    text::Tokenizer tz(ps.q, ps.len);
    text::Token t;
    while (tz.next(&t)) {
      if (t.flags & text::TOKEN_PART) continue;
      if (t.src_begin == c->src_begin) {
        text::Token next;
        bool more = tz.next(&next);
        while (more && (next.flags & text::TOKEN_PART)) more = tz.next(&next);
        if (more && !query_stopword(ps, next, 0)) nl[1] = stem_copy(next.text, next.len, nb[1]);
        break;
      }
      nl[0] = query_stopword(ps, t, 0) ? 0 : stem_copy(t.text, t.len, nb[0]);
    }
  }
  if (nl[0] == 0 && nl[1] == 0) return 0;
  uint32_t best_df = 0;
  for (size_t at = 0; at <= tok.len; ++at)
    for (char ch = 'a'; ch <= 'z'; ++ch) {
      if (at > 0 && tok.text[at - 1] == ch) continue;  // the same word as putting it back one place later
      char w[kMaxTermBytes];
      FOLIO_MEMCPY(w, tok.text, at);
      w[at] = ch;
      FOLIO_MEMCPY(w + at + 1, tok.text + at, tok.len - at);
      const size_t wl = tok.len + 1;
      if (text::is_stopword(w, wl) || is_query_noise(w, wl)) continue;
      char st[kMaxTermBytes];
      const size_t sl = stem_copy(w, wl, st);
      TermInfo ti{0, 0, 0};
      bool bad = false;
      if (!dict_find(&s->v, st, sl, &ti, &bad) || ti.df <= best_df) {
        if (bad) s->bad = true;
        continue;
      }
      if (!((nl[0] > 0 && words_adjacent(s, nb[0], nl[0], st, sl, kCooccurSteps)) ||
            (nl[1] > 0 && words_adjacent(s, st, sl, nb[1], nl[1], kCooccurSteps))))
        continue;
      best_df = ti.df;
      out->dist = 1;
      out->first = (w[0] != tok.text[0] && w[0] != tok.text[1]) ? 1u : 0u;
      out->df = ti.df;
      out->wdist = 1;
      FOLIO_MEMCPY(out->term, st, sl);
      out->len = static_cast<uint32_t>(sl);
      FOLIO_MEMCPY(out->surf, w, wl);
      out->surf_len = static_cast<uint32_t>(wl);
    }
  return best_df > 0 ? 1u : 0u;
}

// A word run together from two words of the pack ("stemcell", "kneepain", "steroidshot"), when it has no
// typo correction: searched as the two words typed apart, so that their synonyms, phrases and titles
// apply as they would to "stem cell", and shown corrected ("stem cell"). Clause ci (the word's, the last
// clause, its alternatives the last ones) takes the first word; a new clause after it the second, with
// an empty source range (the correction covers the word). ASCII letters only; each part kSplitMinBytes
// or more, no stopword or question word ("cannot" is no "can not"), and the two side by side somewhere in
// the text (words_adjacent: "pointless" is no "point less"); of several splits the most even. Until
// 2026-12-05 "stemcell knee" found only "knee". Returns whether the word was split.
static bool add_split_word(Scratch *s, uint32_t ci, const text::Token &tok) {
  constexpr size_t kSplitMinBytes = 3;
  const size_t n = tok.len;
  if (n < 2 * kSplitMinBytes || n + 1 > sizeof(Correction::word) || n > kMaxTermBytes || s->ncorr >= kMaxClauses ||
      s->nclauses >= kMaxClauses || ci + 1 != s->nclauses)
    return false;
  for (size_t i = 0; i < n; ++i)
    if (tok.text[i] < 'a' || tok.text[i] > 'z') return false;
  size_t best = 0, best_min = 0;
  char st[2][kMaxTermBytes], best_st[2][kMaxTermBytes];
  size_t sl[2], best_sl[2] = {0, 0};
  for (size_t i = kSplitMinBytes; i + kSplitMinBytes <= n; ++i) {
    const size_t m = i < n - i ? i : n - i;
    if (m <= best_min) continue;
    const char *part[2] = {tok.text, tok.text + i};
    const size_t pl[2] = {i, n - i};
    bool ok = true;
    for (int k = 0; k < 2 && ok; ++k) {
      ok = !text::is_stopword(part[k], pl[k]) && !is_query_noise(part[k], pl[k]);
      if (!ok) break;
      sl[k] = stem_copy(part[k], pl[k], st[k]);
      TermInfo ti{0, 0, 0};
      bool bad = false;
      ok = dict_find(&s->v, st[k], sl[k], &ti, &bad) && ti.df > 0;
      if (bad) s->bad = true;
    }
    if (!ok || !words_adjacent(s, st[0], sl[0], st[1], sl[1], kCooccurSteps)) continue;
    best = i;
    best_min = m;
    for (int k = 0; k < 2; ++k) {
      FOLIO_MEMCPY(best_st[k], st[k], sl[k]);
      best_sl[k] = sl[k];
    }
  }
  if (best == 0) return false;
  Clause *c = &s->clauses[ci];
  // the word's own alternatives (it has no postings) give way to the first part
  if (c->na > 0) {
    for (uint32_t k = 0; k < c->na; ++k) drop_phrase_words(s, c->a0 + k);
    s->ncursors = s->alts[c->a0].c0;
    s->nalts = c->a0;
    c->na = 0;
  }
  // each clause's alternatives follow the previous clause's (alt_begin): the first word's before the
  // second clause is made
  int id = static_cast<int>(ci);
  for (int k = 0; k < 2; ++k) {
    if (k == 1) {
      id = new_clause(s, s->clauses[ci].kind);
      if (id < 0) break;
      s->clauses[id].src_begin = s->clauses[id].src_end = s->clauses[ci].src_end;
    }
    Clause *ck = &s->clauses[id];
    FOLIO_MEMCPY(ck->stem, best_st[k], best_sl[k]);
    ck->stem_len = static_cast<uint8_t>(best_sl[k]);
    ck->literal = 1;
    const uint32_t cid = static_cast<uint32_t>(id);
    Alt *a = alt_begin(s, cid, 1.0f, false);
    if (a && !alt_term(s, a, cid, best_st[k], best_sl[k], 0)) alt_drop(s, cid, a);
  }
  c = &s->clauses[ci];
  Correction *co = &s->corr[s->ncorr];
  FOLIO_MEMCPY(co->word, tok.text, best);
  co->word[best] = ' ';
  FOLIO_MEMCPY(co->word + best + 1, tok.text + best, n - best);
  co->len = static_cast<uint32_t>(n + 1);
  no_inflected(co);
  c->corrected = static_cast<int32_t>(s->ncorr++);
  c->fz0 = 0;
  c->lex = 0;
  return true;
}

// A prefix nothing starts with, corrected (fuzzy_prefix): its completions as alternatives, at the prefix
// weight times a typo's, and the corrected prefix recorded as the clause's correction ("mensic*" is
// searched, and shown, as "menisc*"; "side efec" as "side effec").
static void add_prefix_typo(Scratch *s, uint32_t ci, const text::Token &tok, const char *stem, size_t sl) {
  char pre[kMaxTermBytes];
  uint32_t pl = 0;
  const uint32_t d = fuzzy_prefix(s, tok.text, tok.len, pre, &pl, kFuzzyBudget);
  if (d == 0 || pl == 0 || s->ncorr >= kMaxClauses) return;
  Clause *c = &s->clauses[ci];
  const uint8_t fz0 = c->na;
  add_prefix_alts(s, ci, pre, pl, stem, sl, 0, kWeightPrefix * (d == 1 ? kWeightFuzzy1 : kWeightFuzzy2));
  if (c->na == fz0) return;
  Correction *co = &s->corr[s->ncorr];
  FOLIO_MEMCPY(co->word, pre, pl);
  co->len = pl;
  no_inflected(co);
  c->corrected = static_cast<int32_t>(s->ncorr++);
  c->fz0 = fz0;
  c->lex = 0;
}

// Whether the word being typed is a negative contraction up to its apostrophe ("what if it doesn",
// "doesn'", "wasn"): with its "t" it is a stopword ("doesnt"), as the finished word is. Until 2026-12-07
// it was corrected as a typo while typed ("what if I pay and it does"). From four letters: "don" and
// "won" are as likely the start of "donor" and "wonder".
static bool contraction_typed(const text::Token &tok) {
  if (tok.len < 4 || tok.len + 1 > kMaxTermBytes || tok.text[tok.len - 1] != 'n') return false;
  char w[kMaxTermBytes];
  FOLIO_MEMCPY(w, tok.text, tok.len);
  w[tok.len] = 't';
  return text::is_stopword(w, tok.len + 1);
}

// Add one word (a non-PART token, with its parts) as a clause.
// prefix: the word is a prefix (`menis*`, or the last word while typing); typing: the latter, where the
// word may also be whole (see below).
static void add_word_clause(Scratch *s, const ParseState &ps, const text::Token &tok, const text::Token *parts,
                     uint32_t nparts, bool neg, bool prefix, bool typing, uint32_t item_begin, uint32_t item_end) {
  const bool stop = query_stopword(ps, tok, item_begin) || (typing && contraction_typed(tok));
  const bool first_letter = typing && tok.len == 1;
  bool needed = !stop;
  for (uint32_t k = 0; k < s->nkeep_stop && !needed; ++k) needed = s->keep_stop[k] == item_begin + tok.src_begin;
  if (needed) {
    ++s->needed_seen;
  } else if (!neg && s->needed_words > s->needed_seen &&
             s->nclauses + (s->needed_words - s->needed_seen) >= kMaxClauses) {
    // a long question: its content words come first. Until the day's sixth session its stopwords took
    // clauses like any word, and the words past the sixteenth clause were dropped ("… if he's been told
    // no anti-inflammatories" lost "told" and "anti-inflammatories")
    return;
  }
  const int ci = new_clause(s, neg ? CLAUSE_NEGATIVE : ((stop || first_letter) ? CLAUSE_OPTIONAL : CLAUSE_REQUIRED));
  if (ci < 0) return;
  Clause *c = &s->clauses[ci];
  c->short_typed = typing && tok.len < kStemCompleteMinBytes ? 1 : 0;
  char stem[kMaxTermBytes];
  const size_t sl = stem_copy(tok.text, tok.len, stem);
  FOLIO_MEMCPY(c->stem, stem, sl);
  c->stem_len = static_cast<uint8_t>(sl);
  c->src_begin = item_begin + tok.src_begin;
  c->src_end = item_begin + tok.src_end;
  (void)item_end;
  Alt *a = alt_begin(s, ci, first_letter ? kWeightPrefixOfWord : 1.0f, false);
  if (!a) return;
  if (!alt_term(s, a, ci, stem, sl, 0)) {
    alt_drop(s, ci, a);
    return;
  }
  // a word of the synonym table ("ESCs": an abbreviation no section spells out) is known too: it is
  // expanded, not corrected into its nearest dictionary neighbour ("MSCs"). A compound is a synonym
  // phrase's word as a whole, as the builder analyses phrases ("IL-1beta" in [IL-1beta, IL-1β,
  // interleukin 1 beta]), so it takes part in synonym runs too; until 2026-12-02 it did not, and
  // "IL-1beta", absent from the text, found nothing.
  c->literal = (!neg && (!prefix || typing)) ? 1 : 0;
  bool known = s->cursors[a->c0].df > 0 || syn_find(&s->v, stem, sl) >= 0 ||
               (c->literal && ends_synonym_phrase(s, static_cast<uint32_t>(ci))) ||
               (c->literal && nparts == 0 && !stop && starts_synonym_phrase(s, ps, c->src_begin, stem, sl));
  // the parts of a compound as an alternative ("stem-cell" also finds "stem cell"); stopword parts are
  // left out ("to-do"), and with fewer than two parts left there is no such alternative
  uint32_t content_parts = 0;
  for (uint32_t k = 0; k < nparts; ++k) content_parts += text::is_stopword(parts[k].text, parts[k].len) ? 0u : 1u;
  if (content_parts > 1) {
    Alt *pa = alt_begin(s, ci, kWeightParts, false);
    if (pa) {
      // each part is highlighted where the parts stand in sequence ("IL 6"), and anywhere unless it is
      // slight: "IL-6" used to light the "IL" of "IL-1β" and every "6" of a snippet
      bool ok = true;
      for (uint32_t k = 0; k < nparts && ok; ++k) {
        if (text::is_stopword(parts[k].text, parts[k].len)) continue;
        char ps2[kMaxTermBytes];
        const size_t pl = stem_copy(parts[k].text, parts[k].len, ps2);
        const bool slight = slight_part(parts[k].text, parts[k].len);
        ok = alt_term(s, pa, ci, ps2, pl, parts[k].position - tok.position, static_cast<int>(k), slight);
        if (ok && !slight) mark_part(s, ps2, pl);
      }
      if (!ok) {
        drop_phrase_words(s, static_cast<uint32_t>(pa - s->alts));
        alt_drop(s, ci, pa);
      }
    }
    // a compound whose parts, typed apart, are a synonym phrase ("knee-replacement": [knee replacement,
    // arthroplasty, TKR]) gets that phrase's group, as the words typed apart do (expand_synonyms looks
    // a run of words up by their spaces, and the compound is one word)
    if (c->literal && !(ps.flags & FOLIO_SEARCH_NO_SYNONYMS) && s->v.nsyn > 0 && syn_find(&s->v, stem, sl) < 0) {
      char key[kMaxTermBytes * 2];
      size_t kl = 0;
      bool fits = true;
      for (uint32_t k = 0; k < nparts && fits; ++k) {
        char ps2[kMaxTermBytes];
        const size_t pl = stem_copy(parts[k].text, parts[k].len, ps2);
        fits = kl + (k ? 1 : 0) + pl <= sizeof key;  // else too long for any phrase of the table
        if (!fits) break;
        if (k) key[kl++] = ' ';
        FOLIO_MEMCPY(key + kl, ps2, pl);
        kl += pl;
      }
      const int64_t off = fits ? syn_find(&s->v, key, kl) : -1;
      if (off >= 0) add_synonym_alts(s, static_cast<uint32_t>(ci), static_cast<size_t>(off));
    }
  }
  if (nparts == 0 && (!prefix || typing)) add_ise_variant(s, static_cast<uint32_t>(ci), tok, stem, sl);
  if (nparts == 0 && !neg && (!prefix || typing) && tok.len > 0 && tok.text[0] >= '0' && tok.text[0] <= '9')
    add_digit_word_variant(s, static_cast<uint32_t>(ci), tok);
  if (!known && !stop && nparts == 0 && (!prefix || typing) && !is_number_token(tok) &&
      add_degree_variant(s, static_cast<uint32_t>(ci), tok))
    known = true;
  if (!known && !stop && nparts == 0 && (!prefix || typing) && add_thousands_variant(s, static_cast<uint32_t>(ci), tok))
    known = true;
  if (!known && !stop && nparts == 0 && !neg && (!prefix || typing) &&
      add_age_decade_variant(s, static_cast<uint32_t>(ci), tok))
    known = true;
  if (!known && !stop && nparts == 0 && !neg && (!prefix || typing) &&
      (is_number_token(tok) || is_thousands_token(tok)) &&
      add_money_variant(s, static_cast<uint32_t>(ci), ps, c->src_begin, c->src_end))
    known = true;
  if (neg) {
    // an excluded prefix excludes its completions, as many as a prefix searches ("-menis*": meniscus,
    // menisci; until 2026-12-06 only a word spelled "menis" was excluded)
    if (prefix && tok.len >= 1)
      add_prefix_alts(s, ci, tok.text, tok.len, stem, sl, s->cursors[a->c0].df, kWeightPrefix);
    return;
  }
  // a prefix of one letter too: a kiosk sends "stem c" while the user types "cells", and an explicit `k*`
  // asks for the words starting with "k" (until 2026-12-06 it was refused and reported "no section has:
  // k"); its 8 commonest terms, within the postings budget, as any prefix
  if (prefix && tok.len >= 1) {
    const uint8_t before = s->clauses[ci].na;
    const uint32_t df = s->cursors[a->c0].df;
    // the typed word is itself a word of the pack; not when only its stem is and longer words start with
    // it as typed (every completion of an inflected word is such a word): "what are the downs" is
    // "downsides" on its way, not "down" ("wears down"), which until 2026-12-06 ranked above the FAQ
    // answer "What are the downsides?"
    const bool inflected = sl != tok.len || FOLIO_MEMCMP(stem, tok.text, sl) != 0;
    const bool whole = typing && df > 0 && tok.len > 1 && !inflected;
    add_prefix_alts(s, ci, tok.text, tok.len, stem, sl, df, (whole || first_letter) ? kWeightPrefixOfWord : kWeightPrefix,
                    false);
    // a first letter (typed, or an explicit `s*`) that is also a word ("s", "c") weighs as its completions
    // do: with its own idf, the rare one-letter word outweighed every completion ("s" showed the one
    // section with an "S")
    if (tok.len == 1 && s->clauses[ci].na > before)
      s->cursors[a->c0].idf = s->cursors[s->alts[s->clauses[ci].a0 + before].c0].idf;
    // nothing in the dictionary starts with it, but a word of a synonym group does: the clause stands for
    // that word, and expand_synonyms gives it its group ("expens" -> "expensive" -> cost, price, fees)
    if (s->clauses[ci].na == before && !known && !stop && nparts == 0) {
      char comp[kMaxTermBytes];
      const size_t cl = syn_complete(s, tok.text, tok.len, comp);
      if (cl > 0) {
        FOLIO_MEMCPY(c->stem, comp, cl);
        c->stem_len = static_cast<uint8_t>(cl);
        c->literal = 1;
        return;
      }
    }
    // nothing starts with it either: the term of a word it is the start of ("preparat": `prepar` of
    // "preparation"); the clause stands for it, for its synonyms (expand_synonyms), as a corrected word
    // stands for its correction ("injecti": `inject`, whose group has "shot")
    if (s->clauses[ci].na == before && !known && !stop && nparts == 0) {
      Completion top;
      if (add_prefix_alts(s, ci, tok.text, tok.len, stem, sl, df, kWeightPrefix, true, &top)) {
        if (typing) {
          FOLIO_MEMCPY(c->stem, top.term, top.len);
          c->stem_len = static_cast<uint8_t>(top.len);
          keep_typed_words(s, tok.text, tok.len, top.term, top.len, c->src_begin, c->src_end);
        }
        add_ise_prefix_alts(s, ci, tok.text, tok.len);
      }
    }
    if (known || s->clauses[ci].na > before) return;
    // while typing, the last word may be whole and misspelled ("is it painfull", as a kiosk sends it when
    // the user stops): when it is no word of the pack and nothing starts with it, it is corrected like
    // any other word; an explicit `mensic*` only as a prefix (below)
    if (!typing) {
      if (!stop && !(ps.flags & FOLIO_SEARCH_NO_FUZZY) && !is_number_token(tok) && nparts == 0)
        add_prefix_typo(s, static_cast<uint32_t>(ci), tok, stem, sl);
      return;
    }
  }
  if (!known && !stop && !(ps.flags & FOLIO_SEARCH_NO_FUZZY) && !is_number_token(tok) && nparts == 0) {
    FuzzyCand cands[kFuzzyKeep];
    uint32_t nc = 0;
    fuzzy_word(s, tok.text, tok.len, stem, sl, cands, &nc, prefix);  // prefix here: the word being typed
    if (nc == 0 && !typed_as_name(ps, c->src_begin, c->src_end)) nc = dropped_letter(s, ps, c, tok, cands);
    const bool lex = nc > 0 && (lexicon_has(&s->v, tok.text, tok.len) ||
                                (typing && starts_lexicon_word(s, tok.text, tok.len)));
    // a real word is never taken for a stopword: the rest of the query cannot tell whether it fits
    // (check_corrections), since a stopword is in nearly every section ("gout" was searched as "out");
    // a short one only for a slip to a neighbouring key ("knew" -> "knee"; not "gout" -> "got")
    if (lex) nc = drop_stopwords(cands, nc);
    if (lex) nc = keep_one_edit_as_typed(cands, nc);
    if (lex) nc = drop_shorter_by_last_letter(tok.text, tok.len, cands, nc);
    if (lex && tok.len <= kRealSlipBytes) nc = keep_key_slips(tok.text, tok.len, cands, nc);
    if (typed_in_capitals(ps, c->src_begin, c->src_end)) {
      nc = keep_same_initial(tok.text[0], cands, nc);
      nc = keep_abbreviations(s, cands, nc);
    }
    Correction *co = nc > 0 ? add_typo_alts(s, static_cast<uint32_t>(ci), cands, nc) : nullptr;
    if (co) {
      set_inflected(co, tok, stem, sl, cands[0]);
      c->lex = lex ? 1 : 0;
      // compared as written with the surface, a word of the content: not by stems, whose slip can be far
      // apart as typed ("ceramic" -> "creams": "ceram", "cream"), nor with the inflected form, which for a
      // real word is often no word at all ("admiring" -> "admiting", "curses" -> "curees")
      // nor, for a real word, a word only a synonym group has (df 0: "rumor" -> "tumor", "casually" ->
      // "casualty"; a real word is still corrected to one that fits the rest of the query, "loosing
      // weight" -> "losing weight", the group of "weight loss")
      c->may_suggest = !lex || (cands[0].df > 0 &&
                                (finger_slip(tok.text, tok.len, cands[0].surf, cands[0].surf_len) ||
                                 (tok.len >= kSuggestAnyEditBytes &&
                                  edit_distance(tok.text, tok.len, cands[0].surf, cands[0].surf_len, 1) <= 1)));
    } else if (nc == 0 && add_split_word(s, static_cast<uint32_t>(ci), tok)) {
      // two words run together
    } else if (prefix && nc == 0 && tok.len >= kTypoMinBytes + 1 && !lexicon_has(&s->v, tok.text, tok.len) &&
               !(typing && starts_lexicon_word(s, tok.text, tok.len))) {
      // still being typed, and within a typo of no whole word either ("side effec" of "effect" is two
      // edits away): the prefix, corrected; not a real word the content lacks ("final", the user may be
      // done), nor four letters or fewer, where a corrected prefix opens a different set of words ("appo"
      // was searched as "appr*")
      add_prefix_typo(s, static_cast<uint32_t>(ci), tok, stem, sl);
    }
  }
}

// Whether the item q[0..n) is an initialism written with dots: two to eight single ASCII letters, each
// but the last followed by a '.', the last one's optional ("U.S.", "e.g", "U.S.A."), with any other
// punctuation around it ("(e.g.,"). On true, w gets the letters folded to lower case (*wl of them) and
// [*first, *last) their source range in the item.
static bool initialism(const char *q, size_t n, char *w, uint32_t *wl, uint32_t *first, uint32_t *last) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; };
  size_t i = 0, j = n;
  while (i < j && !alnum(q[i])) ++i;
  while (j > i && !alnum(q[j - 1])) --j;
  if (i >= j) return false;
  uint32_t k = 0;
  for (size_t p = i; p < j; p += 2) {
    if (!alpha(q[p]) || k == 8) return false;
    if (p + 1 < j && q[p + 1] != '.') return false;
    w[k++] = static_cast<char>(q[p] >= 'A' && q[p] <= 'Z' ? q[p] - 'A' + 'a' : q[p]);
  }
  if (k < 2) return false;
  *wl = k;
  *first = static_cast<uint32_t>(i);
  *last = static_cast<uint32_t>(j);
  return true;
}

bool stem_known(Scratch *s, const char *st, size_t sl);

// Whether a dictionary term starts with the folded text pre (a word being typed can still become one).
static bool dict_has_prefix(Scratch *s, const char *pre, size_t plen) {
  DictIter it;
  if (!dict_lower_bound(&it, &s->v, pre, plen)) {
    if (it.bad) s->bad = true;
    return false;
  }
  return it.len >= plen && FOLIO_MEMCMP(it.term, pre, plen) == 0;
}

// Whether the query can find compound `whole` (a token of query item b) as its compound clause does: the
// pack knows it as a word or a synonym phrase starts with it, or it knows every part that is not a
// stopword as a word (the clause's parts alternative); `prefix`: the compound is being typed, and the
// clause also finds the terms the whole starts ("anti-infl"), not those its last part starts ("bone-mar").
static bool compound_findable(Scratch *s, const ParseState &ps, const text::Token &whole, const text::Token *parts,
                              uint32_t np, uint32_t b, bool prefix) {
  if (compound_filler(whole)) return true;  // stays whole, as the filler it is
  char st[kMaxTermBytes];
  const size_t sl = stem_copy(whole.text, whole.len, st);
  if (stem_known(s, st, sl) || (prefix && dict_has_prefix(s, whole.text, whole.len)) ||
      starts_synonym_phrase(s, ps, b + whole.src_begin, st, sl))
    return true;
  for (uint32_t k = 0; k < np; ++k) {
    if (text::is_stopword(parts[k].text, parts[k].len)) continue;
    const size_t pl = stem_copy(parts[k].text, parts[k].len, st);
    if (!stem_known(s, st, pl)) return false;
  }
  return true;
}

// A number glued to its unit or abbreviation ("3mm", "12mo", "65yo", "2.5cm"): the offset of the letters
// in token t when it is ASCII digits (with "." or "," between digits) and then only ASCII letters, typed
// as such (one source byte per byte); 0 otherwise, and for the endings add_word_clause reads as a number
// ("2nd", "20k") or a decade ("70s").
static uint32_t glued_unit_at(const text::Token &t) {
  if (t.len < 2 || t.src_end - t.src_begin != t.len) return 0;
  uint32_t i = 0;
  while (i < t.len && ((t.text[i] >= '0' && t.text[i] <= '9') ||
                       ((t.text[i] == '.' || t.text[i] == ',') && i > 0 && i + 1 < t.len && t.text[i + 1] >= '0' &&
                        t.text[i + 1] <= '9')))
    ++i;
  if (i == 0 || i == t.len) return 0;
  for (uint32_t k = i; k < t.len; ++k)
    if (t.text[k] < 'a' || t.text[k] > 'z') return 0;
  const char *u = t.text + i;
  const uint32_t ul = t.len - i;
  if ((ul == 1 && (u[0] == 'k' || u[0] == 's')) ||
      (ul == 2 && (FOLIO_MEMCMP(u, "st", 2) == 0 || FOLIO_MEMCMP(u, "nd", 2) == 0 || FOLIO_MEMCMP(u, "rd", 2) == 0 ||
                   FOLIO_MEMCMP(u, "th", 2) == 0)))
    return 0;
  return i;
}

// Whether glued token t (letters from byte k) is better searched as its number and its unit: the pack
// knows neither the whole nor, while it is typed, a term it starts, and it knows the unit (a word, a
// one-word synonym such as "yo", or, typed last, a term the unit starts).
static bool glued_unit_findable(Scratch *s, const text::Token &t, uint32_t k, bool prefix) {
  char st[kMaxTermBytes];
  const size_t sl = stem_copy(t.text, t.len, st);
  if (stem_known(s, st, sl) || (prefix && dict_has_prefix(s, t.text, t.len))) return false;
  const size_t ul = stem_copy(t.text + k, t.len - k, st);
  return stem_known(s, st, ul) || (prefix && dict_has_prefix(s, t.text + k, t.len - k));
}

// A clinician's duration, written as a fraction of the unit's count in a year or a week: "6/52" is six
// weeks, "3/12" three months, "5/7" five days (UK notes and letters). Returns the unit's word when the
// compound's two parts pt[0, np) are a count (1 to 99, no leading zero) and 52, 12 or 7, and the whole is
// no word of the pack; NULL otherwise. "24/7" (all the time) is not a duration. The text writes "six
// weeks" and "a few days", so until 2026-12-08 "steroid injection 6/52 ago" named "52" missing.
static const char *clinical_duration_unit(Scratch *s, const text::Token &whole, const text::Token *pt, uint32_t np) {
  if (np != 2 || pt[0].len < 1 || pt[0].len > 2 || pt[0].text[0] == '0') return nullptr;
  for (uint32_t k = 0; k < np; ++k)
    for (uint32_t i = 0; i < pt[k].len; ++i)
      if (pt[k].text[i] < '0' || pt[k].text[i] > '9') return nullptr;
  const char *d = pt[1].text;
  const char *unit = pt[1].len == 2 && d[0] == '5' && d[1] == '2'   ? "weeks"
                     : pt[1].len == 2 && d[0] == '1' && d[1] == '2' ? "months"
                     : pt[1].len == 1 && d[0] == '7'                ? "days"
                                                                    : nullptr;
  if (!unit || (pt[1].len == 1 && pt[0].len == 2 && pt[0].text[0] == '2' && pt[0].text[1] == '4')) return nullptr;
  char st[kMaxTermBytes];
  return stem_known(s, st, stem_copy(whole.text, whole.len, st)) ? nullptr : unit;
}

namespace {
// One word of a phrase alternative built by joining: its term and its offset in the phrase.
struct JoinedPart {
  char t[kMaxTermBytes];
  uint32_t len, rel;
};
}  // namespace

// A run of a phrase's words [w, w + k) joined as typed (folded) into j: false when it does not fit or is
// only stopwords (a stopword part is fine: "built in" of "built-in", "meta an" of "meta-analysis").
static bool join_run(const char (*raw)[kMaxTermBytes], const uint8_t *raw_len, const uint32_t *rel, uint32_t w,
                     uint32_t k, char *j, size_t *jl) {
  *jl = 0;
  bool content = false;
  for (uint32_t m = w; m < w + k; ++m) {
    if (*jl + raw_len[m] > kMaxTermBytes) return false;
    FOLIO_MEMCPY(j + *jl, raw[m], raw_len[m]);
    *jl += raw_len[m];
    content = content || rel[m] != kNoPos;
  }
  return content;
}

// The phrase's words with each run of two or three adjacent words whose joined form is a word of the pack
// (the compound's whole) as that word, later words one offset nearer per word joined, into out (returns
// how many; *joined tells whether any run joined; *shift gets the offsets taken off after the last).
static uint32_t plan_phrase_joined(Scratch *s, const char (*words)[kMaxTermBytes], const uint8_t *word_len,
                                   const char (*raw)[kMaxTermBytes], const uint8_t *raw_len, const uint32_t *rel,
                                   const uint32_t *pos, uint32_t n, JoinedPart *out, bool *joined,
                                   uint32_t *shift_out = nullptr) {
  uint32_t no = 0, shift = 0;
  *joined = false;
  for (uint32_t w = 0; w < n;) {
    uint32_t take = 1;
    for (uint32_t k = 3; k >= 2 && take == 1; --k) {
      if (w + k > n) continue;
      char j[kMaxTermBytes];
      size_t jl = 0;
      if (!join_run(raw, raw_len, rel, w, k, j, &jl)) continue;
      char st[kMaxTermBytes];
      const size_t sl = stem_copy(j, jl, st);
      TermInfo ti{0, 0, 0};
      bool bad = false;
      if (!text::is_stopword(st, sl) && dict_find_memo(s, st, sl, &ti, &bad) && ti.df > 0) {
        FOLIO_MEMCPY(out[no].t, st, sl);
        out[no].len = static_cast<uint32_t>(sl);
        out[no++].rel = pos[w] - shift;
        shift += k - 1;
        take = k;
        *joined = true;
      }
      if (bad) s->bad = true;
    }
    if (take == 1) {
      FOLIO_MEMCPY(out[no].t, words[w], word_len[w]);
      out[no].len = word_len[w];
      out[no++].rel = rel[w] == kNoPos ? kNoPos : rel[w] - shift;
    }
    w += take;
  }
  if (shift_out) *shift_out = shift;
  return no;
}

// One more alternative of clause ci, the phrase parts out[0, no); false when it did not fit (nothing added).
static bool emit_joined_alt(Scratch *s, uint32_t ci, const JoinedPart *out, uint32_t no, float w = 1.0f) {
  Alt *a = alt_begin(s, ci, w, true);
  if (!a) return false;
  for (uint32_t k = 0; k < no; ++k) {
    if (!alt_term(s, a, ci, out[k].t, out[k].len, out[k].rel)) {
      drop_phrase_words(s, static_cast<uint32_t>(a - s->alts));
      alt_drop(s, ci, a);
      return false;
    }
  }
  if (a->n == 1) alt_not_phrase(s, a);  // "platelet rich": the compound alone
  a->names = a->phrase;
  return true;
}

// A quoted phrase typed with spaces where the text writes a compound ("platelet rich plasma" for
// "platelet-rich plasma", "long lasting"): the compound is one token of the text, its parts at its
// position, so the words apart never stood at consecutive positions and the phrase found nothing. One
// more alternative of clause ci: plan_phrase_joined's. Nothing when no run joins. words/raw: the
// phrase's stems and folded words; rel: their offsets (kNoPos for a stopword); pos: their offsets, a
// stopword's too. Returns false when it did not fit.
static bool add_phrase_joined(Scratch *s, uint32_t ci, const char (*words)[kMaxTermBytes], const uint8_t *word_len,
                              const char (*raw)[kMaxTermBytes], const uint8_t *raw_len, const uint32_t *rel,
                              const uint32_t *pos, uint32_t n) {
  JoinedPart out[kMaxAltTerms];
  bool joined = false;
  const uint32_t no = plan_phrase_joined(s, words, word_len, raw, raw_len, rel, pos, n, out, &joined);
  return !joined || emit_joined_alt(s, ci, out, no);
}

// A phrase being typed whose last word ends a compound the text writes whole ("platelet ri" of
// "platelet-rich", "anti inflam" of "anti-inflammatory"): the last two or three words joined are the
// start of a word of the pack, not a phrase of two words. Alternatives of clause ci: the words before
// that run (joined where they join) and each of the joined prefix's commonest completions (at most
// kPrefixJoinedExpand), the longest run that starts a term. Returns how many were added.
static uint32_t add_phrase_joined_prefix(Scratch *s, uint32_t ci, const char (*words)[kMaxTermBytes],
                                         const uint8_t *word_len, const char (*raw)[kMaxTermBytes],
                                         const uint8_t *raw_len, const uint32_t *rel, const uint32_t *pos,
                                         uint32_t n, bool whole_joined) {
  uint32_t added = 0;
  for (uint32_t k = n < 3 ? n : 3; k >= 2; --k) {
    const uint32_t w0 = n - k;
    char j[kMaxTermBytes];
    size_t jl = 0;
    if (!join_run(raw, raw_len, rel, w0, k, j, &jl)) continue;
    Completion best[kPrefixJoinedExpand];
    // the joined words' own term too ("non surg" is `nonsurg`), unless add_phrase_joined has it already
    // (`whole_joined`: the last word is a term, so the whole phrase was joined)
    char st[kMaxTermBytes];
    const size_t sl = whole_joined ? stem_copy(j, jl, st) : 0;
    const uint32_t nb = top_completions(s, j, jl, st, sl, best, kPrefixJoinedExpand);
    if (nb == 0) continue;
    JoinedPart out[kMaxAltTerms];
    bool joined = false;
    uint32_t shift = 0;
    const uint32_t no = plan_phrase_joined(s, words, word_len, raw, raw_len, rel, pos, w0, out, &joined, &shift);
    for (uint32_t c = 0; c < nb && no < kMaxAltTerms; ++c) {
      if (s->ncursors + no + 1 > kMaxCursors / 2) return added;
      FOLIO_MEMCPY(out[no].t, best[c].term, best[c].len);
      out[no].len = best[c].len;
      out[no].rel = pos[w0] - shift;
      if (!emit_joined_alt(s, ci, out, no + 1)) return added;
      ++added;
    }
    return added;  // the longest run that starts a word of the pack
  }
  return added;
}

// Tokenize one query item (a word or a phrase body) and add its clauses.
static void add_item(Scratch *s, const ParseState &ps, uint32_t b, uint32_t e, bool neg, bool phrase, bool prefix,
                     bool typing) {
  text::Tokenizer tz(ps.q + b, e - b);
  text::Token tok;
  // collect tokens: non-PART tokens with their parts (stored as copies of folded text in hl scratch)
  struct Tok {
    text::Token t;
    char buf[kMaxTermBytes];
  };
  Tok toks[1];
  Tok parts[kMaxAltTerms];
  if (phrase) {
    int ci = -1;
    Alt *a = nullptr;
    uint32_t first_pos = 0;
    uint32_t guard = 0;
    // the corrected phrase, when a word of it is misspelled: corr[0, cl) is the phrase up to source byte
    // `from`, its corrected words replaced
    char corr[sizeof(Correction::word)];
    size_t cl = 0;
    uint32_t from = b;
    // with `prefix` (`"bone mar*"`, or an open quote being typed) the last word is also a prefix: the
    // words' stems and offsets are kept to repeat the phrase once per completion of it
    uint32_t tail = e;
    while (tail > b && (ps.q[tail - 1] == '*' || is_space_byte(static_cast<unsigned char>(ps.q[tail - 1])))) --tail;
    char words[kMaxAltTerms][kMaxTermBytes];
    uint8_t word_len[kMaxAltTerms];
    uint32_t word_rel[kMaxAltTerms];
    uint32_t word_pos[kMaxAltTerms];  // word_rel, a stopword's offset too (for joining words into a compound)
    bool last_kept = false;           // the last word (being typed) is words[nwords - 1]
    uint32_t nwords = 0;
    char raw[kMaxAltTerms][kMaxTermBytes];  // the words as typed (folded), for joining them
    uint8_t raw_len[kMaxAltTerms];
    char last_word[kMaxTermBytes];  // the last word as typed (folded): the prefix
    size_t last_len = 0;
    while (tz.next(&tok) && ++guard < kMaxQueryTokens) {
      if (tok.flags & text::TOKEN_PART) continue;
      const bool last = prefix && b + tok.src_end >= tail;
      if (ci < 0) {
        ci = new_clause(s, neg ? CLAUSE_NEGATIVE : CLAUSE_REQUIRED);
        if (ci < 0) return;
        a = alt_begin(s, static_cast<uint32_t>(ci), 1.0f, true);
        if (!a) return;
        first_pos = tok.position;
      }
      char stem[kMaxTermBytes];
      size_t sl = stem_copy(tok.text, tok.len, stem);
      uint32_t rel = tok.position - first_pos;
      if (rel >= kNoPos) rel = kNoPos - 1;
      const uint32_t pos = rel;
      if (text::is_stopword(stem, sl)) rel = kNoPos;  // as the builder decides: the term's stem
      // a misspelled word of a phrase ("informed concent") is its nearest word, as outside quotes: the
      // phrase is searched with it and shown corrected; until 2026-12-04 such a phrase found nothing
      if (!neg && rel != kNoPos && !(ps.flags & FOLIO_SEARCH_NO_FUZZY) && !is_number_token(tok) &&
          !stem_known(s, stem, sl) &&
          !(last && (dict_has_prefix(s, tok.text, tok.len) || starts_term_word(s, tok.text, tok.len, stem, sl)))) {
        FuzzyCand cands[kFuzzyKeep];
        uint32_t nc = 0;
        const uint32_t wb = b + tok.src_begin, we = b + tok.src_end;
        // (the correction is shown only when the phrase still fits a Correction with the rest as typed)
        if (fuzzy_word(s, tok.text, tok.len, stem, sl, cands, &nc, false) > 0 && s->ncorr < kMaxClauses &&
            wb >= from && we <= e && cl + (wb - from) + cands[0].surf_len + (e - we) <= sizeof corr) {
          FOLIO_MEMCPY(corr + cl, ps.q + from, wb - from);
          cl += wb - from;
          FOLIO_MEMCPY(corr + cl, cands[0].surf, cands[0].surf_len);
          cl += cands[0].surf_len;
          from = we;
          FOLIO_MEMCPY(stem, cands[0].term, cands[0].len);
          sl = cands[0].len;
        }
      }
      if (!alt_term(s, a, static_cast<uint32_t>(ci), stem, sl, rel)) {
        s->truncated = true;
        break;
      }
      if (nwords < kMaxAltTerms) {
        FOLIO_MEMCPY(words[nwords], stem, sl);
        word_len[nwords] = static_cast<uint8_t>(sl);
        const size_t rl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
        FOLIO_MEMCPY(raw[nwords], tok.text, rl);
        raw_len[nwords] = static_cast<uint8_t>(rl);
        word_pos[nwords] = pos;
        word_rel[nwords++] = rel;
        last_kept = last;
      }
      last_len = 0;
      if (last && rel != kNoPos && tok.len <= sizeof last_word) {
        FOLIO_MEMCPY(last_word, tok.text, tok.len);
        last_len = tok.len;
      }
    }
    if (a && a->n == 1) alt_not_phrase(s, a);
    if (a && a->phrase) a->names = 1;
    // (not with a last word being typed that is no term: its completions get their own joined phrases)
    const bool whole_joined = a && a->phrase && a->n == nwords && from == b &&
                              (last_len == 0 || stem_known(s, words[nwords - 1], word_len[nwords - 1]));
    if (whole_joined)
      add_phrase_joined(s, static_cast<uint32_t>(ci), words, word_len, raw, raw_len, word_rel, word_pos, nwords);
    // An open quote being typed (`typing`): the words before the last one, as a phrase of their own at a
    // lower weight, so that the results stay while the last word is typed. Its completions are the pack's
    // commonest, not those that follow the phrase: until 2026-12-07, of 300 two-word phrases of the
    // bundled text typed with their second word cut after one, two or three letters, 104, 86 and 53
    // found nothing (`"steroid s`), where the finished phrase finds its sections. Not for an exclusion,
    // which would then remove every section with the words so far.
    // Words before it that join into a compound the text hyphenates are that word (`"platelet rich p`).
    if (typing && !neg && a && a->phrase && last_kept && nwords >= 2 && a->n == nwords) {
      bool content = false;
      for (uint32_t w = 0; w + 1 < nwords; ++w) content = content || word_rel[w] != kNoPos;
      JoinedPart before[kMaxAltTerms];
      bool joined = false;
      const uint32_t nbefore = plan_phrase_joined(s, words, word_len, raw, raw_len, word_rel, word_pos, nwords - 1,
                                                  before, &joined);
      if (content && s->ncursors + nwords <= kMaxCursors / 2)
        emit_joined_alt(s, static_cast<uint32_t>(ci), before, nbefore, kWeightPhraseTyped);
    }
    // the last words joined may be the start of a compound the text writes whole: `"platelet ri` of
    // "platelet-rich", `"anti inflam` of "anti-inflammatory", `"meta an` of "meta-analysis" (a stopword
    // typed so far); until 2026-12-07 they found nothing while typed, though the whole words, typed
    // apart, found the compound
    if (a && a->phrase && a->n == nwords && last_kept)
      add_phrase_joined_prefix(s, static_cast<uint32_t>(ci), words, word_len, raw, raw_len, word_rel, word_pos, nwords,
                               whole_joined);
    if (a && last_len > 0 && a->n == nwords) {
      if (!a->phrase) {
        // one word: a prefix as outside quotes
        add_prefix_alts(s, static_cast<uint32_t>(ci), last_word, last_len, words[0], word_len[0],
                        s->cursors[a->c0].df, kWeightPrefix);
      } else {
        // whether words before the last one join into a compound the text writes whole (`"platelet rich
        // pla`): then each completion is also tried after the compound, first
        JoinedPart plan[kMaxAltTerms];
        bool join_before = false;
        plan_phrase_joined(s, words, word_len, raw, raw_len, word_rel, word_pos, nwords - 1, plan, &join_before);
        // the phrase again with each of the last word's commonest completions (until 2026-12-06
        // `"bone mar*"` looked for a word "mar" and found nothing)
        Completion best[kPrefixPhraseExpand];
        const uint32_t nb = top_completions(s, last_word, last_len, words[nwords - 1], word_len[nwords - 1], best,
                                            kPrefixPhraseExpand);
        if (join_before) {
          // the joined phrase with each completion in the last word's place, before any phrase with the
          // words apart (the text writes the compound whole where it has it: `"platelet rich pla` had
          // found nothing when the two kinds took turns): the completion's stem stands for both the stem
          // and the typed word, restored after
          const uint8_t typed_wl = word_len[nwords - 1], typed_rl = raw_len[nwords - 1];
          char typed_w[kMaxTermBytes], typed_r[kMaxTermBytes];
          FOLIO_MEMCPY(typed_w, words[nwords - 1], typed_wl);
          FOLIO_MEMCPY(typed_r, raw[nwords - 1], typed_rl);
          for (uint32_t k = 0; k < nb; ++k) {
            if (s->ncursors + nwords > kMaxCursors / 2) break;
            FOLIO_MEMCPY(words[nwords - 1], best[k].term, best[k].len);
            FOLIO_MEMCPY(raw[nwords - 1], best[k].term, best[k].len);
            word_len[nwords - 1] = raw_len[nwords - 1] = static_cast<uint8_t>(best[k].len);
            const bool fit =
                add_phrase_joined(s, static_cast<uint32_t>(ci), words, word_len, raw, raw_len, word_rel, word_pos, nwords);
            FOLIO_MEMCPY(words[nwords - 1], typed_w, typed_wl);
            FOLIO_MEMCPY(raw[nwords - 1], typed_r, typed_rl);
            word_len[nwords - 1] = typed_wl;
            raw_len[nwords - 1] = typed_rl;
            if (!fit) break;
          }
        }
        for (uint32_t k = 0; k < nb; ++k) {
          // at most half the cursors for them, so that the words after the phrase still get theirs
          if (s->ncursors + nwords > kMaxCursors / 2) break;
          Alt *pa = alt_begin(s, static_cast<uint32_t>(ci), 1.0f, true);
          if (!pa) break;
          bool ok = true;
          for (uint32_t w = 0; w < nwords && ok; ++w) {
            const bool lw = w + 1 == nwords;
            ok = alt_term(s, pa, static_cast<uint32_t>(ci), lw ? best[k].term : words[w], lw ? best[k].len : word_len[w],
                          word_rel[w]);
          }
          if (!ok) {
            drop_phrase_words(s, static_cast<uint32_t>(pa - s->alts));
            alt_drop(s, static_cast<uint32_t>(ci), pa);
            break;
          }
          pa->names = 1;
        }
      }
    }
    if (ci >= 0) {
      s->clauses[ci].src_begin = b;  // the phrase between its quotes (the missing words, or its correction)
      s->clauses[ci].src_end = e;
    }
    if (ci >= 0 && from > b && s->ncorr < kMaxClauses) {
      FOLIO_MEMCPY(corr + cl, ps.q + from, e - from);
      cl += e - from;
      Clause *c = &s->clauses[ci];
      Correction *co = &s->corr[s->ncorr];
      FOLIO_MEMCPY(co->word, corr, cl);
      co->len = static_cast<uint32_t>(cl);
      no_inflected(co);
      c->corrected = static_cast<int32_t>(s->ncorr++);
      c->src_begin = b;  // the phrase between its quotes is shown corrected
      c->src_end = e;
      c->lex = 0;  // not checked against the other words (check_corrections): the phrase is its context
    }
    return;
  }
  // an initialism written with dots ("U.S.", "e.g."): one word of its letters, as the content writes it
  // ("US"); the tokenizer would make each letter a word of its own, and "U.S. knee replacements" found
  // neither "U" nor "S" as the content's "US"
  {
    char w[kMaxTermBytes];
    uint32_t wl = 0, first = 0, last = 0;
    if (initialism(ps.q + b, e - b, w, &wl, &first, &last)) {
      text::Token it;
      it.text = w;
      it.len = wl;
      it.src_begin = first;
      it.src_end = last;
      it.position = 0;
      it.flags = 0;
      add_word_clause(s, ps, it, nullptr, 0, neg, false, false, b, e);
      return;
    }
  }
  // a word: may hold several tokens ("knee/hip", "$10,000") and compounds with parts
  uint32_t guard = 0;
  bool have = tz.next(&tok);
  while (have && ++guard < kMaxQueryTokens) {
    if (tok.flags & text::TOKEN_PART) {
      have = tz.next(&tok);
      continue;
    }
    toks[0].t = tok;
    const uint32_t tl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
    FOLIO_MEMCPY(toks[0].buf, tok.text, tl);
    toks[0].t.text = toks[0].buf;
    toks[0].t.len = tl;
    uint32_t np = 0;
    have = tz.next(&tok);
    while (have && (tok.flags & text::TOKEN_PART)) {
      if (np < kMaxAltTerms) {
        parts[np].t = tok;
        const uint32_t pl = tok.len < kMaxTermBytes ? tok.len : kMaxTermBytes;
        FOLIO_MEMCPY(parts[np].buf, tok.text, pl);
        parts[np].t.text = parts[np].buf;
        parts[np].t.len = pl;
        ++np;
      }
      have = tz.next(&tok);
    }
    text::Token pt[kMaxAltTerms];
    for (uint32_t k = 0; k < np; ++k) pt[k] = parts[k].t;
    const bool last_token = !have;
    if (const char *unit = neg ? nullptr : clinical_duration_unit(s, toks[0].t, pt, np)) {
      // the count and the unit's word, as "6 weeks" typed (the unit over the source bytes of "52")
      text::Token u = pt[1];
      u.text = unit;
      u.len = 0;
      while (unit[u.len]) ++u.len;
      u.flags = 0;
      add_word_clause(s, ps, pt[0], nullptr, 0, false, false, false, b, e);
      add_word_clause(s, ps, u, nullptr, 0, false, false, false, b, e);
      continue;
    }
    if (np > 1 && !neg && !compound_findable(s, ps, toks[0].t, pt, np, b, prefix && last_token)) {
      // a compound the pack has neither as a whole nor by its parts: its parts are words of their own, as
      // if typed with spaces, each with its typo correction, synonyms and missing-word report. A
      // compound clause skips them all, and "anti-inflamatory", "bone-marow" and "non-steriodal" found
      // nothing, where "anti inflamatory" was corrected (until 2026-12-06)
      for (uint32_t k = 0; k < np; ++k) {
        const bool last = last_token && k + 1 == np;
        add_word_clause(s, ps, pt[k], nullptr, 0, false, prefix && last, typing && last, b, e);
      }
      continue;
    }
    const uint32_t unit_at = np == 0 && !neg ? glued_unit_at(toks[0].t) : 0;
    if (unit_at > 0 && glued_unit_findable(s, toks[0].t, unit_at, prefix && last_token)) {
      // a number glued to its unit: the two words the text writes apart ("3mm" for "3 mm", "12mo" for
      // "12 months" through the synonym "mo"); the whole is in no section, and "3mm" found nothing
      text::Token num = toks[0].t, unit = toks[0].t;
      num.len = unit_at;
      num.src_end = num.src_begin + unit_at;
      num.flags = text::TOKEN_NUMBER;
      unit.text += unit_at;
      unit.len -= unit_at;
      unit.src_begin += unit_at;
      unit.flags = 0;
      add_word_clause(s, ps, num, nullptr, 0, false, false, false, b, e);
      add_word_clause(s, ps, unit, nullptr, 0, false, prefix && last_token, typing && last_token, b, e);
      continue;
    }
    add_word_clause(s, ps, toks[0].t, pt, np, neg, prefix && last_token, typing && last_token, b, e);
  }
}

// The words of the query that need a clause (Scratch::needed_words): its content words, and the stopwords
// that may be words of a synonym phrase ("wear and tear", "water on the knee", "for life": a phrase of
// the table starts at the stopword or at one of the three words before it), whose offsets go to keep_stop.
// A query of at most kMaxClauses words needs no such count (it stays 0: every stopword gets its clause).
static void count_needed_words(Scratch *s, const ParseState &ps) {
  s->needed_words = s->needed_seen = s->nkeep_stop = 0;
  {
    text::Tokenizer tz(ps.q, ps.len);
    text::Token tok;
    uint32_t words = 0;
    while (words <= kMaxClauses && tz.next(&tok)) words += (tok.flags & text::TOKEN_PART) ? 0u : 1u;
    if (words <= kMaxClauses) return;
  }
  // whether a synonym phrase starts at each of the last three words (a ring), each word looked up once
  bool starts[3] = {false, false, false};
  uint32_t nprev = 0, guard = 0;
  text::Tokenizer tz(ps.q, ps.len);
  text::Token tok;
  // (the first 64 words: sixteen clauses never hold more, and a 10 KB query costs no more than a long one)
  while (tz.next(&tok) && ++guard <= 64) {
    if (tok.flags & text::TOKEN_PART) continue;
    char st[kMaxTermBytes];
    const size_t sl = stem_copy(tok.text, tok.len, st);
    const bool here = starts_synonym_phrase(s, ps, tok.src_begin, st, sl);
    if (!query_stopword(ps, tok, 0)) {
      ++s->needed_words;
    } else if (s->nkeep_stop < sizeof s->keep_stop / sizeof s->keep_stop[0] &&
               (here || starts[0] || starts[1] || starts[2])) {
      s->keep_stop[s->nkeep_stop++] = tok.src_begin;
      ++s->needed_words;
    }
    starts[nprev++ % 3] = here;
  }
}

// Parse the query into clauses and filters. Returns FOLIO_OK or FOLIO_E_QUERY / FOLIO_E_NOT_FOUND.
// "NOT" in capitals at q[i] as an operator, as PubMed and FTS5 write it ("knee NOT surgery"): where the
// item after it starts, or 0. Only when another letter of the query is lower-case and an item follows:
// a query typed in capitals throughout keeps its "NOT" as a word ("IS IT NOT SAFE"), and "NOT" last is a
// word too. Until 2026-12-06 it was a stopword, and "knee NOT surgery" ranked the surgery sections first.
static size_t not_operator(const ParseState &ps, size_t i) {
  const char *q = ps.q;
  const size_t n = ps.len;
  if (i + 4 > n || q[i] != 'N' || q[i + 1] != 'O' || q[i + 2] != 'T' || !is_space_byte(static_cast<unsigned char>(q[i + 3])))
    return 0;
  size_t k = i + 3;
  while (k < n && is_space_byte(static_cast<unsigned char>(q[k]))) ++k;
  if (k >= n || q[k] == '-') return 0;
  for (size_t j = 0; j < n; ++j)
    if ((j < i || j >= i + 3) && q[j] >= 'a' && q[j] <= 'z') return k;
  return 0;
}

folio_status parse(Scratch *s, const folio_pack *p, const ParseState &ps, bool *filter_only_empty) {
  const char *q = ps.q;
  const size_t n = ps.len;
  *filter_only_empty = false;
  // find the last item start for search-as-you-type
  size_t i = 0;
  bool any_filter = false;
  JoinCache join_cache{{kEnd, kEnd, kEnd, kEnd}, {false, false, false, false}, 0};
  for (FuzzyMemo &m : s->fz_memo) m.wl = 0;
  s->fz_memo_next = 0;
  for (Scratch::TermMemo &m : s->term_memo) m.len = 0;
  s->term_memo_next = 0;
  count_needed_words(s, ps);
  // a topic or slug the pack lacks: no hits, and the first such filter, as typed, is reported as missing
  auto unknown_filter = [&](size_t from, size_t to) {
    *filter_only_empty = true;
    if (s->unknown_filter_e == 0) {
      s->unknown_filter_b = static_cast<uint32_t>(from);
      s->unknown_filter_e = static_cast<uint32_t>(to);
    }
  };
  while (i < n) {
    while (i < n && is_space_byte(static_cast<unsigned char>(q[i]))) ++i;
    if (i >= n) break;
    bool neg = false;
    if (q[i] == '-' && i + 1 < n && !is_space_byte(static_cast<unsigned char>(q[i + 1]))) {
      neg = true;
      ++i;
    } else if (const size_t next = not_operator(ps, i)) {
      neg = true;
      i = next;
    }
    if (q[i] == '"') {
      size_t j = i + 1;
      while (j < n && q[j] != '"') ++j;
      // `"bone mar*"`, or an open quote at the end of a query being typed: its last word is a prefix too
      const bool star = j > i + 1 && q[j - 1] == '*';
      const bool open_typing = (ps.flags & FOLIO_SEARCH_PREFIX_LAST) && j >= n &&
                               !is_space_byte(static_cast<unsigned char>(q[n - 1]));
      add_item(s, ps, static_cast<uint32_t>(i + 1), static_cast<uint32_t>(j), neg, true, star || open_typing,
               open_typing);
      i = j < n ? j + 1 : n;
      continue;
    }
    size_t j = i;
    while (j < n && !is_space_byte(static_cast<unsigned char>(q[j])) && q[j] != '"') ++j;
    size_t we = j;
    bool prefix = false;
    while (we > i && q[we - 1] == '*') {
      --we;
      prefix = true;
    }
    // filters: name:value
    size_t colon = i;
    while (colon < we && q[colon] != ':') ++colon;
    if (!neg && colon < we && colon > i) {
      const char *name = q + i;
      const size_t nl = colon - i;
      // topics and slugs are lower-case names: "topic:Cost" is "topic:cost" (a longer value names nothing)
      char low[kMaxTermBytes];
      const size_t vl = we - colon - 1;
      const char *val = q + colon + 1;
      if (vl <= sizeof low) {
        for (size_t k = 0; k < vl; ++k) {
          const char c = q[colon + 1 + k];
          low[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        val = low;
      }
      // a filter still being typed, the query's end (searching as you type): its value is the start of
      // a name, and filters by the one name it starts; with no value yet, or the start of several, it
      // filters nothing and names nothing missing (until 2026-12-07 "knee topic:basi" found nothing and
      // reported "topic:basi" missing, and "knee audience:cli" was refused as a bad query)
      const bool typing_filter = (ps.flags & FOLIO_SEARCH_PREFIX_LAST) && j == n && !prefix;
      // a name the pack lacks is reported, unless it is still being typed and may yet name one
      auto unknown_unless_typed = [&](bool several) {
        if (!(typing_filter && (vl == 0 || several))) unknown_filter(i, we);
      };
      if (ascii_ieq(name, nl, "topic")) {
        any_filter = true;
        uint32_t t;
        bool several = false;
        const folio_status st = vl == 0 ? FOLIO_E_NOT_FOUND
                                : typing_filter ? detail::lookup_topic_prefix(p, val, vl, &t, &several)
                                                : detail::lookup_topic_find(p, val, vl, &t);
        if (st == FOLIO_E_CORRUPT) return st;
        if (st == FOLIO_OK) {
          s->topic_filter = true;
          s->topic = t;
        } else {
          unknown_unless_typed(several);
        }
        i = j;
        continue;
      }
      if (ascii_ieq(name, nl, "article")) {
        // one article's sections: "more from this article" for a hit's more_sections
        any_filter = true;
        folio_article a;
        bool several = false;
        const folio_status st = vl == 0 ? FOLIO_E_NOT_FOUND
                                : typing_filter ? detail::lookup_slug_prefix(p, val, vl, &a, &several)
                                                : detail::lookup_slug(p, val, vl, &a);
        if (st == FOLIO_E_CORRUPT) return st;
        if (st == FOLIO_OK) {
          s->article_filter = true;
          s->article_first = a.section_first;
          s->article_end = a.section_first + a.section_count;
        } else {
          unknown_unless_typed(several);
        }
        i = j;
        continue;
      }
      if (ascii_ieq(name, nl, "audience")) {
        any_filter = true;
        // while typing, the start of a value (which both "patient" and "clinician" have for none)
        auto is = [&](const char *v) {
          if (ascii_ieq(val, vl, v)) return true;
          if (!typing_filter || vl == 0) return false;
          size_t k = 0;
          while (k < vl && v[k] && (val[k] == v[k] || val[k] == v[k] - 'a' + 'A')) ++k;
          return k == vl;
        };
        if (typing_filter && vl == 0)
          ;  // nothing typed yet: no filter
        else if (is("patient") || is("patients"))
          s->audience = FOLIO_AUDIENCE_PATIENT;
        else if (is("clinician") || is("clinicians"))
          s->audience = FOLIO_AUDIENCE_CLINICIAN;
        else if (is("both") || is("all"))
          s->audience = -1;
        else
          return FOLIO_E_QUERY;
        i = j;
        continue;
      }
    }
    const bool last_item = j >= n || [&] {
      size_t k = j;
      while (k < n && is_space_byte(static_cast<unsigned char>(q[k]))) ++k;
      return k >= n;
    }();
    // as-you-type: the last word is a prefix only when the query does not end with a space
    const bool as_you_type = (ps.flags & FOLIO_SEARCH_PREFIX_LAST) && last_item && j == n;
    size_t joined_end = 0;
    if (!neg && !prefix && s->nclauses < kMaxClauses && join_digits_scale(s, ps, i, &joined_end)) {
      i = joined_end;
      continue;
    }
    JoinItem items[kJoinLetters];
    const uint32_t m = (!neg && !prefix && s->nclauses < kMaxClauses) ? join_items(ps, i, items, kJoinLetters) : 0;
    if (m > 0 && (join_number_words(s, ps, items, m, &joined_end) ||
                  join_split_words(s, ps, items, m, &joined_end, &join_cache))) {
      i = joined_end;
      continue;
    }
    add_item(s, ps, static_cast<uint32_t>(i), static_cast<uint32_t>(we), neg, false, prefix || as_you_type,
             as_you_type && !prefix);
    i = j;
  }
  uint32_t positive = 0;
  for (uint32_t k = 0; k < s->nclauses; ++k)
    if (s->clauses[k].kind != CLAUSE_NEGATIVE && s->clauses[k].na > 0) ++positive;
  if (positive == 0) {
    if (any_filter) {
      // filters with no word to search: the sections they keep are listed (search_run), unless a filter
      // keeps none (an unknown topic)
      s->filter_list = !*filter_only_empty;
      *filter_only_empty = true;
      return FOLIO_OK;
    }
    return FOLIO_E_QUERY;
  }
  return FOLIO_OK;
}

// Sections whose folded heading equals the folded query (at most 4): the entries of heading_order with the
// query key's hash are found by binary search, and their sections' headings (from the pack) folded and
// compared.
void find_headings(Scratch *s, const folio_pack *p, const char *q, size_t len) {
  const View *v = &s->v;
  if (v->nheading == 0) return;
  const size_t kl = text::fold_key(q, len, s->key, sizeof s->key);
  if (kl == 0 || kl > sizeof s->key) return;
  const uint32_t h = heading_hash(s->key, kl), w = 2 + v->wh;
  const uint8_t *e = v->heading_order;
  uint32_t lo = 0, hi = v->nheading;
  while (lo < hi) {  // first entry with hash >= h
    const uint32_t mid = lo + (hi - lo) / 2;
    if (le_get(e + static_cast<size_t>(mid) * w, 2) < h)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < v->nheading && s->nheading_sections < 4; ++i) {
    const uint8_t *ei = e + static_cast<size_t>(i) * w;
    if (le_get(ei, 2) != h) break;
    const uint32_t id = le_get(ei + 2, v->wh);
    folio_section sec;
    if (id >= v->nsections || detail::pack_section(p, id, &sec) != FOLIO_OK) break;
    const size_t hl = text::fold_key(sec.heading.ptr, sec.heading.len, s->heading_key, sizeof s->heading_key);
    if (hl == kl && FOLIO_MEMCMP(s->heading_key, s->key, kl) == 0) s->heading_sections[s->nheading_sections++] = id;
  }
}

}  // namespace fts
}  // namespace folio
