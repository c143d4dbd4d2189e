// search_variants.cpp: other forms a query word also searches, as alternatives of its clause: the
// inflected form of a correction, British and American -ise / -ize spellings, the other degree of an
// adjective, thousands written with a "k", and decades of life ("in my 70s"). (Numbers in words and
// small numbers in digits: search_join.cpp.)
#include "search/search_parse.h"

namespace folio {
namespace fts {

// The correction's inflected form: the term with the typed word's suffix (what its stem left off), when
// that stems back to the term and differs from the surface. A dictionary's headwords are inflected forms
// ("incleemntly" is one edit from the headword "inclemently", whose term "inclement" is shown as
// "inclement"); search_run uses the form when it, not the surface, is an exact title.
// A correction shown as it is written, with no inflected form.
void no_inflected(Correction *co) {
  co->inflected_len = 0;
  co->show_inflected = false;
}

void set_inflected(Correction *co, const text::Token &tok, const char *stem, size_t sl, const FuzzyCand &cand) {
  no_inflected(co);
  if (sl >= tok.len || FOLIO_MEMCMP(tok.text, stem, sl) != 0) return;
  const size_t n = cand.len + (tok.len - sl);
  if (n > kMaxTermBytes || co->len + n > sizeof co->word) return;
  char w[kMaxTermBytes], st[kMaxTermBytes];
  FOLIO_MEMCPY(w, cand.term, cand.len);
  FOLIO_MEMCPY(w + cand.len, tok.text + sl, n - cand.len);
  FOLIO_MEMCPY(st, w, n);
  const size_t stl = text::stem_english(st, n);
  if (stl != cand.len || FOLIO_MEMCMP(st, cand.term, stl) != 0) return;
  if (n == co->len && FOLIO_MEMCMP(w, co->word, n) == 0) return;
  FOLIO_MEMCPY(co->word + co->len, w, n);
  co->inflected_len = static_cast<uint32_t>(n);
  // shown instead of the surface when the typed ending is an inflection and the form is nearer to what
  // was typed: "treatmnets" -> "treatments", "excercising" -> "exercising"; not "injecions" -> "injects"
  // (the surface "injection" is nearer), nor "arthroscopic" -> "arthroscopiic" (no inflection), nor an
  // ending of consonants on a stem that is not itself the surface ("afterwards" -> "aftercars": the stem
  // "aftercar" lost the "e" of "aftercare", which only an ending with a vowel replaces)
  static const struct {
    const char *text;
    size_t len;
  } kInflections[] = {{"s", 1}, {"es", 2}, {"ed", 2}, {"ing", 3}, {"ings", 4}, {"er", 2}, {"ers", 3}};
  const char *suf = tok.text + sl;
  const size_t suf_len = tok.len - sl;
  bool inflection = false;
  for (const auto &x : kInflections) inflection |= suf_len == x.len && FOLIO_MEMCMP(suf, x.text, suf_len) == 0;
  const bool vowel = suf_len > 0 && (suf[0] == 'e' || suf[0] == 'i');
  const bool stem_is_surface = cand.surf_len == cand.len && FOLIO_MEMCMP(cand.surf, cand.term, cand.len) == 0;
  co->show_inflected = inflection && (vowel || stem_is_surface) &&
                       edit_distance(tok.text, tok.len, w, n, kMaxTermBytes) <
                           edit_distance(tok.text, tok.len, co->word, co->len, kMaxTermBytes);
}

// An American -ize word whose Porter2 stem drops the suffix ("standardized" -> "standard", "specialized"
// -> "special") while its British -ise form keeps it ("standardised" -> "standardis") also searches the
// British form's term, when the pack has it, at the literal's weight: it is the typed word in the other
// spelling, while the bare stem is only Porter2's conflation (at 0.6, a British text's "standardised"
// lost to every "standard"). The build tool's spelling pairs (tools/index/spelling_variants.cpp) leave
// such a pair out when the shorter stem is a word of its own ("standard"): as a pair of terms it would
// make every "standard" find "standardised" too. Here the typed word is known, so only the -ize word
// gets it. The other way round needs nothing: the
// British stem is its own term, and an American text's "-ized" words are under the bare stem, which
// "organised" (stem "organis") must not reach ("organ").
void add_ise_variant(Scratch *s, uint32_t ci, const text::Token &tok, const char *stem, size_t sl) {
  static const char *const kIze[] = {"ize", "ized", "izes", "izing", "ization", "izations", "izer", "izers", "izable"};
  if (tok.len > kMaxTermBytes) return;
  for (const char *e : kIze) {
    size_t el = 0;
    while (e[el]) ++el;
    // the base keeps three letters ("size", "prize", "seized" stay as they are)
    if (tok.len < el + 3 || FOLIO_MEMCMP(tok.text + tok.len - el, e, el) != 0) continue;
    char w[kMaxTermBytes], vs[kMaxTermBytes];
    FOLIO_MEMCPY(w, tok.text, tok.len);
    w[tok.len - el + 1] = 's';
    const size_t vl = stem_copy(w, tok.len, vs);
    if (vl == sl && FOLIO_MEMCMP(vs, stem, sl) == 0) return;
    TermInfo ti{0, 0, 0};
    bool bad = false;
    if (!dict_find(&s->v, vs, vl, &ti, &bad) || ti.df == 0) {
      if (bad) s->bad = true;
      return;
    }
    add_term_alt(s, ci, vs, vl);
    return;
  }
}

// The base forms a comparative or superlative may come from, in the order add_degree_variant tries them:
// for -ier/-iest the -y adjective, then its noun ("riskier": risky, risk); for -er/-est the base without
// "r"/"st" (safer: safe), without "er"/"est" (cheaper: cheap), with a doubled final consonant undoubled
// (bigger: big), and the other degree (cheapest: cheaper). A base that is a stopword is left out: its
// stem is in nearly every section, and "shoulder" is no degree of "should" (until 2026-12-06 "shoulder
// pain" was searched as "should pain"). Returns how many were written to cand (at most kDegreeBases).
enum : size_t { kDegreeBases = 4 };
static size_t degree_bases(const char *w, size_t n, char (*cand)[kMaxTermBytes], size_t *cl) {
  if (n < 5 || n + 2 > kMaxTermBytes) return 0;
  auto ends = [&](const char *e, size_t el) { return n >= el + 3 && FOLIO_MEMCMP(w + n - el, e, el) == 0; };
  size_t nc = 0;
  auto add = [&](size_t keep, const char *tail, size_t tl) {  // w[0..keep) + tail
    FOLIO_MEMCPY(cand[nc], w, keep);
    FOLIO_MEMCPY(cand[nc] + keep, tail, tl);
    cl[nc] = keep + tl;
    if (!text::is_stopword(cand[nc], cl[nc])) ++nc;
  };
  if (ends("iest", 4) || ends("ier", 3)) {
    const size_t keep = n - (ends("iest", 4) ? 4 : 3);
    add(keep, "y", 1);
    add(keep, "", 0);
  } else if (ends("est", 3) || ends("er", 2)) {
    const bool est = ends("est", 3);
    const size_t keep = n - (est ? 3 : 2);
    add(keep + 1, "", 0);  // safer -> safe, safest -> safe (w[keep] is the "e")
    add(keep, "", 0);      // cheaper -> cheap
    if (keep >= 4 && w[keep - 1] == w[keep - 2] && w[keep - 1] != 'e' && w[keep - 1] != 's' && w[keep - 1] != 'l')
      add(keep - 1, "", 0);  // bigger -> big
    add(keep, est ? "er" : "est", est ? 2u : 3u);  // cheapest -> cheaper
  }
  return nc;
}

// The first base form of w (degree_bases) whose stem is a term with postings: true with *out and
// *out_len set; false when none is, or (with *bad) when the dictionary is damaged.
static bool degree_base_term(const View *v, const char *w, size_t n, char *out, size_t *out_len, bool *bad) {
  char cand[kDegreeBases][kMaxTermBytes];
  size_t cl[kDegreeBases];
  const size_t nc = degree_bases(w, n, cand, cl);
  for (size_t k = 0; k < nc; ++k) {
    const size_t vl = stem_copy(cand[k], cl[k], out);
    if (text::is_stopword(out, vl)) continue;  // "shoulde" stems to "should"
    TermInfo ti{0, 0, 0};
    if (dict_find(v, out, vl, &ti, bad) && ti.df > 0) {
      *out_len = vl;
      return true;
    }
    if (*bad) return false;
  }
  return false;
}

// Words ending in -er or -est that are neither a degree nor the doer of their base form, though their
// base is a common word ("liver" is not "more live", nor "summer" "more sum", "career" "more care",
// "former" "more form"): searched as typed, never as the base. Sorted (bytes), folded. A doer is left to
// the rule ("smoker" finds "smoking", "driver" "drive", "worker" "work"): so is a noun that is also a
// comparative ("cleaner", "lighter"). Until 2026-12-06 "liver damage" found "live X-ray" and "damaged".
static const char *const kNotDegree[] = {
    "adder", "banner", "batter", "bitter", "boner", "bower", "brother", "buffer", "bumper", "career", "cater",
    "center", "charter", "copper", "corner", "courser", "digest", "dinner", "earnest", "fiber", "fiver",
    "flower", "forest", "former", "frontier", "grouper", "gutter", "halter", "hammer", "hamster", "homer",
    "honest", "hunger", "interest", "jabber", "ladder", "lager", "layer", "letter", "lifer", "liner",
    "lister", "liter", "litter", "liver", "manner", "master", "matter", "meter", "mister", "modest", "mother",
    "muster", "number", "pager", "pepper", "poster", "power", "proper", "putter", "quarter", "ranger",
    "render", "ringer", "rooter", "rubber", "ruler", "scatter", "shower", "sizer", "sober", "solder",
    "soldier", "splinter", "summer", "super", "taper", "temper", "tempest", "tender", "timer", "tower",
    "trigger", "tuber", "wager", "water",
};

static bool not_degree(const char *w, size_t n) {
  size_t lo = 0, hi = sizeof kNotDegree / sizeof kNotDegree[0];
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const char *k = kNotDegree[mid];
    size_t kl = 0;
    while (k[kl]) ++kl;
    const int c = cmp_bytes(k, kl, w, n);
    if (c == 0) return true;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

bool add_term_alt(Scratch *s, uint32_t ci, const char *term, size_t len) {
  Alt *a = alt_begin(s, ci, 1.0f, false);
  if (a && !alt_term(s, a, ci, term, len, 0)) {
    alt_drop(s, ci, a);
    return false;
  }
  return a != nullptr;
}

// A comparative or superlative that no section has ("riskier", "cheapest", "healthier"; Porter2 keeps
// "-er" and "-est", which are as often a noun's ending): the first of its base forms that is a word of
// the pack (degree_base_term), as an alternative at full weight, not reported as a correction (the words
// mean the same thing). Only for a word whose own stem has no postings, before typo correction, and not
// for a word of kNotDegree; true when one was added. Until 2026-12-04 "riskier" found nothing.
bool add_degree_variant(Scratch *s, uint32_t ci, const text::Token &tok) {
  if (not_degree(tok.text, tok.len)) return false;
  char vs[kMaxTermBytes];
  size_t vl = 0;
  bool bad = false;
  if (!degree_base_term(&s->v, tok.text, tok.len, vs, &vl, &bad)) {
    if (bad) s->bad = true;
    return false;
  }
  return add_term_alt(s, ci, vs, vl);
}

// A number written with "k" for thousand ("10k", "600k", "$10k+"), which no section writes: the digits
// with "000", as the content writes "$10,000" or "600,000" (the term "10000"), as an alternative at full
// weight; true when that term has postings. Until 2026-12-04 "paying $10k+ out of pocket" found no
// price.
bool add_thousands_variant(Scratch *s, uint32_t ci, const text::Token &tok) {
  const size_t n = tok.len;
  if (!is_thousands_token(tok)) return false;
  char d[kMaxTermBytes];
  FOLIO_MEMCPY(d, tok.text, n - 1);
  FOLIO_MEMCPY(d + n - 1, "000", 3);
  const size_t dl = n + 2;
  TermInfo ti{0, 0, 0};
  bool bad = false;
  if (!dict_find_memo(s, d, dl, &ti, &bad) || ti.df == 0) {
    if (bad) s->bad = true;
    return false;
  }
  return add_term_alt(s, ci, d, dl);
}

// Words the text writes for what token tok stands for, none of them in it: each of `words` the pack has
// (only the first such with `first_only`) becomes an alternative of clause ci at synonym weight, the
// clause standing for the first such word so that expand_synonyms gives it that word's group; true when
// the pack has any of them.
static bool add_stand_in_words(Scratch *s, uint32_t ci, const char *const *words, size_t nwords,
                               bool first_only) {
  bool any = false;
  for (size_t k = 0; k < nwords; ++k) {
    const char *w = words[k];
    size_t wl = 0;
    while (w[wl]) ++wl;
    TermInfo ti{0, 0, 0};
    bool bad = false;
    if (!dict_find_memo(s, w, wl, &ti, &bad) || ti.df == 0) {
      if (bad) {
        s->bad = true;
        return false;
      }
      continue;
    }
    Alt *a = alt_begin(s, ci, kWeightSynonym, false);
    if (!a) break;
    if (!alt_term(s, a, ci, w, wl, 0)) {
      alt_drop(s, ci, a);
      break;
    }
    if (!any) {
      Clause *c = &s->clauses[ci];
      FOLIO_MEMCPY(c->stem, w, wl);
      c->stem_len = static_cast<uint8_t>(wl);
      c->literal = 1;
    }
    any = true;
    if (first_only) break;
  }
  return any;
}

// A decade of life typed for an age ("in my 70s", "patients over 80s", "in her sixties"), which no section
// writes: the words "age" and "old", as alternatives at synonym weight, the clause standing for "age" so
// that expand_synonyms gives it its group ("aged", "years old"); true when the pack has either word. Only
// "20s" to "90s" and their words: a four-digit decade ("1990s") is a time, not an age. Until 2026-12-06
// "stem cells in my 70s" named "70s" missing and opened at a list of questions about cells.
bool add_age_decade_variant(Scratch *s, uint32_t ci, const text::Token &tok) {
  static const char *const kDecades[] = {"twenties", "thirties", "forties",  "fifties",
                                         "sixties",  "seventies", "eighties", "nineties"};
  bool decade = tok.len == 3 && tok.text[0] >= '2' && tok.text[0] <= '9' && tok.text[1] == '0' && tok.text[2] == 's';
  for (const char *d : kDecades) {
    size_t dl = 0;
    while (d[dl]) ++dl;
    decade = decade || (dl == tok.len && FOLIO_MEMCMP(d, tok.text, dl) == 0);
  }
  if (!decade) return false;
  static const char *const kAgeWords[] = {"age", "old"};
  return add_stand_in_words(s, ci, kAgeWords, 2, false);
}

// Whether the query's bytes q[b, e), a number ("3000", "4,500", "5k"), are written as money: a currency
// sign right before it ("$", "£", "€", "¥") or a currency word after it ("dollars", "euros", "bucks",
// "quid", "USD"; "pounds" only for 100 or more, as "lost 20 pounds" is a weight).
bool money_amount(const ParseState &ps, size_t b, size_t e) {
  const unsigned char *q = reinterpret_cast<const unsigned char *>(ps.q);
  if (b >= 1 && q[b - 1] == '$') return true;
  if (b >= 2 && q[b - 2] == 0xC2 && (q[b - 1] == 0xA3 || q[b - 1] == 0xA5)) return true;  // £ ¥
  if (b >= 3 && q[b - 3] == 0xE2 && q[b - 2] == 0x82 && q[b - 1] == 0xAC) return true;    // €
  size_t w = e;
  while (w < ps.len && is_space_byte(q[w])) ++w;
  size_t we = w;
  while (we < ps.len && ((q[we] >= 'a' && q[we] <= 'z') || (q[we] >= 'A' && q[we] <= 'Z'))) ++we;
  const char *word = ps.q + w;
  const size_t wl = we - w;
  static const char *const kCurrency[] = {"dollar", "dollars", "euro", "euros", "buck", "bucks", "quid",
                                          "usd",    "gbp",     "eur",  "aud",   "cad",  "nzd"};
  for (const char *c : kCurrency)
    if (ascii_ieq(word, wl, c)) return true;
  if (ascii_ieq(word, wl, "pounds") || ascii_ieq(word, wl, "pound")) {
    size_t digits = 0;
    for (size_t i = b; i < e; ++i) digits += (q[i] >= '0' && q[i] <= '9') ? 1u : 0u;
    return digits >= 3 && q[b] != '0';
  }
  return false;
}

// Digits and a final 'k' ("5k", "10k"): a number of thousands, or a race ("run a 5k").
bool is_thousands_token(const text::Token &tok) {
  if (tok.len < 2 || tok.len > 7 || tok.text[tok.len - 1] != 'k' || tok.text[0] == '0') return false;
  for (size_t i = 0; i + 1 < tok.len; ++i)
    if (tok.text[i] < '0' || tok.text[i] > '9') return false;
  return true;
}

// An amount of money no section writes ("is £3000 too much", "$6,000 for both knees", "8000 dollars"):
// the word "cost" (or, in a pack without it, "price") as an alternative at synonym weight, the clause
// standing for it so that expand_synonyms gives it its group (price, fees, money); true when the pack has
// either word. Until 2026-12-06 such an amount was named missing and the rest of the query chose ("is
// £3000 too much" opened at "How much damage matters"); an amount the text has ("$10,000") is found as
// itself.
// A second amount in the same query ("£1,500 UC-MSC shot vs £4,000 BMAC") would stand for "cost" again
// and outweigh every other word: it is made optional instead, and adds nothing (no section has it), so it
// is not named missing either. Measured 2026-12-06 on the judged amounts: "£3 ibuprofen vs £5k MSC inj"
// and "£1,500 … vs £4,000 BMAC, is the cheap donor one safe?" had opened at cost sections.
bool add_money_variant(Scratch *s, uint32_t ci, const ParseState &ps, size_t b, size_t e) {
  return money_amount(ps, b, e) && add_money_stand_in(s, ci, ps);
}

bool add_money_stand_in(Scratch *s, uint32_t ci, const ParseState &ps) {
  static const char *const kMoneyWords[] = {"cost", "price"};
  for (uint32_t k = 0; k < ci; ++k) {
    const Clause &o = s->clauses[k];
    if (o.kind != CLAUSE_REQUIRED || o.src_end <= o.src_begin || o.src_begin >= ps.len) continue;
    const char c0 = ps.q[o.src_begin];
    if (c0 < '0' || c0 > '9') continue;
    for (const char *w : kMoneyWords) {
      size_t wl = 0;
      while (w[wl]) ++wl;
      if (o.stem_len == wl && FOLIO_MEMCMP(o.stem, w, wl) == 0) {
        s->clauses[ci].kind = CLAUSE_OPTIONAL;
        return true;
      }
    }
  }
  return add_stand_in_words(s, ci, kMoneyWords, 2, true);
}

}  // namespace fts
}  // namespace folio
