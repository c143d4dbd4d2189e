// spelling_variants.cpp: British / American spelling pairs by rule, confirmed against a word list
// (spelling_variants.h). Each rule maps a spelling pattern both ways; the word list (SCOWL's American and
// British lists, content/lexicon.txt) keeps only the outputs that are words, which is what makes broad
// rules safe: "doctor" -> "doctour" and "after" -> "aftre" are no words and vanish. What the list would
// wrongly keep (two real words that only look like a variant pair: "scored" / "scoured", "filled" /
// "filed", "poets" / "pets", "timber" / "timbre") the rules exclude by their guards, listed with them.
#include "spelling_variants.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_set>
#include <utility>

#include "text/text.h"

namespace folio {
namespace index {
namespace {

bool ends_with(const std::string &w, const char *s) {
  const size_t n = std::strlen(s);
  return w.size() >= n && w.compare(w.size() - n, n, s) == 0;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Before -our / -or: "behaviour", "saviour" keep their i; "floor", "flour" (a vowel) are no pair.
bool our_base(const std::string &b) {
  if (b.size() < 2 || b == "sc") return false;
  const char c = b.back();
  return c != 'a' && c != 'e' && c != 'o' && c != 'u';
}

bool plain_word(const std::string &w) {
  if (w.size() < 4 || w.size() > 32) return false;
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

struct Out {
  const std::string &word;
  std::vector<SpellingCandidate> *v;
  void add(const std::string &c, bool sure = false, bool ize = false, const std::string &root = std::string()) {
    if (c == word || !plain_word(c)) return;
    for (auto &e : *v)
      if (e.word == c) {
        e.sure = e.sure || sure;
        return;
      }
    v->push_back(SpellingCandidate{c, sure, ize, root});
  }
};

// Suffix pairs {a, b}: a word ending in one of them after a base of at least `min_base` letters (that
// `base_ok` accepts, when given) also takes the other.
void suffix_pairs(const std::string &w, const char *const (*pairs)[2], size_t n, size_t min_base, bool ize, Out *o,
                  bool (*base_ok)(const std::string &) = nullptr) {
  for (size_t i = 0; i < n; ++i)
    for (int dir = 0; dir < 2; ++dir) {
      const char *from = pairs[i][dir], *to = pairs[i][1 - dir];
      if (!ends_with(w, from)) continue;
      const std::string base = w.substr(0, w.size() - std::strlen(from));
      if (base.size() >= min_base && (!base_ok || base_ok(base))) o->add(base + to, false, ize);
    }
}

// -ise / -ize ("randomised", "organisation"), -yse / -yze ("analysed"). The base keeps three letters
// ("rise", "size", "prize" stay as they are).
const char *const kIse[][2] = {{"ise", "ize"},         {"ised", "ized"},       {"ises", "izes"},
                               {"ising", "izing"},     {"isation", "ization"}, {"isations", "izations"},
                               {"iser", "izer"},       {"isers", "izers"},     {"isable", "izable"}};
const char *const kYse[][2] = {{"yse", "yze"}, {"ysed", "yzed"}, {"yses", "yzes"}, {"ysing", "yzing"}, {"yser", "yzer"}};

// -our / -or ("tumour", "colours", "favourite", "behavioural"), before these endings only, so that
// "fourth" / "forth" and "mourning" / "morning" never pair. The base has two letters or more and does
// not end in a, e, o, u ("floor"); "sc" is left out ("scoured" / "scored").
const char *const kOurEnd[] = {"",     "s",   "ed",   "ing", "ful", "fully", "able", "ably", "ite", "ites",
                               "less", "er",  "ers",  "ist", "ists", "ism", "al",   "ally"};
void our_or(const std::string &w, Out *o) {
  for (const char *end : kOurEnd) {
    if (!ends_with(w, end)) continue;
    const std::string stem = w.substr(0, w.size() - std::strlen(end));
    if (ends_with(stem, "our")) {
      const std::string base = stem.substr(0, stem.size() - 3);
      if (our_base(base)) o->add(base + "or" + end);
    } else if (ends_with(stem, "or")) {
      const std::string base = stem.substr(0, stem.size() - 2);
      if (our_base(base)) o->add(base + "our" + end);
    }
  }
}

// -tre / -ter, -bre / -ber ("centre", "fibres", "litre"). Two words each, not one spelt two ways:
// "timber" / "timbre", "outer" / "outre", "charters" / "Chartres" (no base ending in r or u).
void tre_ter(const std::string &w, Out *o) {
  static const char *const pairs[][2] = {{"tre", "ter"}, {"tres", "ters"}, {"bre", "ber"}, {"bres", "bers"}};
  if (w == "timber" || w == "timbre" || w == "timbers" || w == "timbres") return;
  suffix_pairs(w, pairs, sizeof pairs / sizeof pairs[0], 2, false, o,
               [](const std::string &base) { return base.back() != 'r' && base.back() != 'u'; });
}

// A doubled l before an ending ("travelled", "modelling", "counsellor"): the base before the l has three
// letters or more and ends in a vowel ("filled" / "filed", "tiller" / "tiler" stay apart), and the word
// without its ending is a word too ("dial", "travel"; not "stal" of "staled" / "stalled"); and -lment /
// -llment, -lful / -llful ("fulfilment", "skilful").
void double_l(const std::string &w, Out *o) {
  static const char *const ends[] = {"ed", "ing", "er", "ers", "or", "ors"};
  for (const char *e : ends) {
    const std::string le = std::string("l") + e, lle = std::string("ll") + e;
    if (ends_with(w, lle.c_str())) {
      const std::string base = w.substr(0, w.size() - lle.size());
      if (base.size() >= 3 && is_vowel(base.back())) o->add(base + le, false, false, base + "l");
    } else if (ends_with(w, le.c_str())) {
      const std::string base = w.substr(0, w.size() - le.size());
      if (base.size() >= 3 && is_vowel(base.back())) o->add(base + lle, false, false, base + "l");
    }
  }
  static const char *const mid[][2] = {{"lment", "llment"}, {"lful", "llful"}};
  for (const auto &m : mid) {
    size_t p = w.find(m[1]);
    if (p != std::string::npos) {
      std::string c = w;
      c.replace(p, std::strlen(m[1]), m[0]);
      o->add(c);
      continue;
    }
    p = w.find(m[0]);
    if (p != std::string::npos && p > 0 && is_vowel(w[p - 1])) {
      std::string c = w;
      c.replace(p, std::strlen(m[0]), m[1]);
      o->add(c);
    }
  }
}

// Spelling contexts, British first: "haematoma" / "hematoma", "oedema" / "edema". `sure`: British to
// American needs no confirmation (medical words the word list often lacks; the contexts occur in few
// other English words); American to British always does ("them" gives "thaem", which the list removes).
// `where`: "" anywhere, "^" only at the start of the word, "^o" at the start or after an o
// ("orthopaedic", "paediatric", not Scots "spaed" / "sped"), "!c" not after a c ("chaem").
struct Context {
  const char *uk, *us;
  const char *where;
  bool sure;
};
const Context kContexts[] = {
    {"haem", "hem", "!c", true},        {"aemia", "emia", "", true},        {"aemic", "emic", "", true},
    {"paed", "ped", "^o", true},        {"anaes", "anes", "", true},        {"aetio", "etio", "", true},
    {"oedem", "edem", "", true},        {"oestr", "estr", "^", true},       {"oesoph", "esoph", "", true},
    {"foet", "fet", "^", true},         {"rrhoe", "rrhe", "", true},        {"pnoe", "pne", "", true},
    {"coel", "cel", "^", true},         {"gynaec", "gynec", "", true},      {"faec", "fec", "", true},
    {"caes", "ces", "^", true},         {"aesthe", "esthe", "^", false},    {"archae", "arche", "", false},
    {"palae", "pale", "", false},       {"mediaev", "mediev", "", false},   {"manoeuv", "maneuv", "", false},
    {"sulph", "sulf", "", false},       {"scept", "skept", "", false},      {"mould", "mold", "^", false},
    {"practis", "practic", "^", false}, {"programme", "program", "^", false}, {"grey", "gray", "^", false},
    {"aluminium", "aluminum", "", false},
};

bool context_at(const Context &c, const std::string &w, size_t p) {
  const char *x = c.where;
  if (x[0] == '^') return p == 0 || (x[1] && std::strchr(x + 1, w[p - 1]) != nullptr);
  if (x[0] == '!') return p == 0 || std::strchr(x + 1, w[p - 1]) == nullptr;
  return true;
}

void contexts(const std::string &w, Out *o) {
  for (const Context &c : kContexts)
    for (int dir = 0; dir < 2; ++dir) {
      const char *from = dir == 0 ? c.uk : c.us, *to = dir == 0 ? c.us : c.uk;
      const size_t p = w.find(from);
      if (p == std::string::npos || !context_at(c, w, p)) continue;
      std::string r = w;
      r.replace(p, std::strlen(from), to);
      o->add(r, dir == 0 && c.sure);
    }
}

// -ence / -ense ("licence", "defence"), -logue / -log ("catalogue", "dialogue").
void ence_logue(const std::string &w, Out *o) {
  static const char *const pairs[][2] = {{"ence", "ense"}, {"ences", "enses"}, {"logue", "log"}, {"logues", "logs"}};
  suffix_pairs(w, pairs, sizeof pairs / sizeof pairs[0], 2, false, o);
}

std::string stem_of(const std::string &w) {
  std::string s = w;
  s.resize(text::stem_english(&s[0], s.size()));
  return s;
}

}  // namespace

std::vector<SpellingCandidate> spelling_candidates(const std::string &word) {
  std::vector<SpellingCandidate> v;
  if (!plain_word(word)) return v;
  Out o{word, &v};
  suffix_pairs(word, kIse, sizeof kIse / sizeof kIse[0], 3, true, &o);
  suffix_pairs(word, kYse, sizeof kYse / sizeof kYse[0], 2, false, &o);
  our_or(word, &o);
  tre_ter(word, &o);
  double_l(word, &o);
  contexts(word, &o);
  ence_logue(word, &o);
  return v;
}

std::vector<std::vector<std::string>> spelling_variant_groups(const std::set<std::string> &content_words,
                                                             const std::vector<std::string> &lexicon) {
  const std::unordered_set<std::string> known(lexicon.begin(), lexicon.end());
  // the content's words by stem, for the -ise / -ize check
  std::map<std::string, std::vector<const std::string *>> by_stem;
  for (const std::string &w : content_words)
    if (plain_word(w)) by_stem[stem_of(w)].push_back(&w);
  // is `s` the stem of a content word that is not s + "is..." / s + "iz..." (an -ise / -ize form)?
  auto own_word = [&](const std::string &s) {
    auto it = by_stem.find(s);
    if (it == by_stem.end()) return false;
    for (const std::string *w : it->second) {
      const std::string rest = w->substr(std::min(w->size(), s.size()));
      if (w->compare(0, s.size(), s) != 0 || (rest.compare(0, 2, "is") != 0 && rest.compare(0, 2, "iz") != 0))
        return true;
    }
    return false;
  };
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> pairs;  // by stem pair
  for (const std::string &w : content_words) {
    if (!plain_word(w)) continue;
    const std::string sw = stem_of(w);
    for (const SpellingCandidate &c : spelling_candidates(w)) {
      // both words in the list: a large corpus has foreign and archaic words ("lettre", "flor",
      // "registre") that would otherwise confirm a false pair ("letter" / "lettre")
      if (!c.sure && (!known.count(c.word) || !known.count(w))) continue;
      if (!c.root.empty() && !known.count(c.root)) continue;
      const std::string sc = stem_of(c.word);
      if (sc == sw) continue;
      if (c.ize) {
        const std::string &shorter = sc.size() < sw.size() ? sc : sw;
        const std::string &longer = sc.size() < sw.size() ? sw : sc;
        if (longer.compare(0, shorter.size(), shorter) == 0 && own_word(shorter)) continue;
      }
      const auto key = sw < sc ? std::make_pair(sw, sc) : std::make_pair(sc, sw);
      auto it = pairs.find(key);
      if (it == pairs.end()) {
        std::vector<std::string> g{w, c.word};
        std::sort(g.begin(), g.end());
        pairs.emplace(key, g);
      }
    }
  }
  std::vector<std::vector<std::string>> out;
  out.reserve(pairs.size());
  for (auto &kv : pairs) out.push_back(kv.second);
  return out;
}

}  // namespace index
}  // namespace folio
