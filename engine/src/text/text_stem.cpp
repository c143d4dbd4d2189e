// Porter2 ("english" in Snowball) stemmer, written from the Snowball algorithm description and checked
// word for word against Debian's libstemmer (tests/unit/stem_test.cpp). Works in place: no step ever
// lengthens the word. Regions R1/R2 are byte offsets p1/p2; 'Y' marks a consonant y (prelude) and is
// turned back into 'y' at the end (postlude).
#include <string.h>

#include "text/text.h"

namespace folio {
namespace text {
namespace {

struct Word {
  char *b;
  size_t k;  // current length
  size_t p1, p2;
};

bool is_v(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// The suffix and exception strings are at most 7 bytes: inline byte loops beat memcmp/strlen calls here
// (the stemmer runs for every query word and for snippet candidates).
inline size_t zlen(const char *s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

// The word ends with the n bytes of s (compared last byte first: most rules fail there).
inline bool ends(const Word &w, const char *s, size_t n) {
  if (w.k < n) return false;
  const char *e = w.b + w.k - n;
  for (size_t i = n; i > 0; --i)
    if (e[i - 1] != s[i - 1]) return false;
  return true;
}

// The word is exactly the NUL-terminated s (a word byte is never NUL).
inline bool equals(const Word &w, const char *s) {
  size_t i = 0;
  for (; i < w.k; ++i)
    if (s[i] != w.b[i]) return false;
  return s[i] == 0;
}

void set_to(Word *w, const char *s) {
  const size_t n = zlen(s);
  memcpy(w->b, s, n);
  w->k = n;
}

// Replace the last n bytes with the m bytes of s (m <= n).
void replace(Word *w, size_t n, const char *s, size_t m) {
  w->k -= n;
  memcpy(w->b + w->k, s, m);
  w->k += m;
}

// A short syllable ends the first k bytes: non-vowel (not w, x, Y), vowel, non-vowel; or, at the very
// start of the word, vowel then non-vowel.
bool short_v(const Word &w, size_t k) {
  if (k >= 3 && !is_v(w.b[k - 1]) && w.b[k - 1] != 'w' && w.b[k - 1] != 'x' && w.b[k - 1] != 'Y' &&
      is_v(w.b[k - 2]) && !is_v(w.b[k - 3]))
    return true;
  return k == 2 && is_v(w.b[0]) && !is_v(w.b[1]);
}

bool exception1(Word *w) {
  static const char kSpecial[][2][7] = {
      {"skis", "ski"},   {"skies", "sky"},    {"dying", "die"},  {"lying", "lie"},
      {"tying", "tie"},  {"idly", "idl"},     {"gently", "gentl"}, {"ugly", "ugli"},
      {"early", "earli"}, {"only", "onli"},   {"singly", "singl"}, {"sky", "sky"},
      {"news", "news"},  {"howe", "howe"},    {"atlas", "atlas"}, {"cosmos", "cosmos"},
      {"bias", "bias"},  {"andes", "andes"}};
  for (const auto &e : kSpecial) {
    if (equals(*w, e[0])) {
      set_to(w, e[1]);
      return true;
    }
  }
  return false;
}

bool exception2(const Word &w) {
  static const char kInvariant[][8] = {"inning", "outing",  "canning", "herring",
                                           "earring", "proceed", "exceed",  "succeed"};
  for (const auto &s : kInvariant) {
    if (equals(w, s)) return true;
  }
  return false;
}

void prelude(Word *w) {
  if (w->k > 0 && w->b[0] == '\'') {
    memmove(w->b, w->b + 1, w->k - 1);
    --w->k;
  }
  if (w->k > 0 && w->b[0] == 'y') w->b[0] = 'Y';
  for (size_t i = 1; i < w->k; ++i) {
    if (w->b[i] == 'y' && is_v(w->b[i - 1])) w->b[i] = 'Y';
  }
}

// Position after the first non-vowel that follows a vowel, searching from `from`; k if none.
size_t region_after(const Word &w, size_t from) {
  size_t i = from;
  while (i < w.k && !is_v(w.b[i])) ++i;
  if (i >= w.k) return w.k;
  ++i;
  while (i < w.k && is_v(w.b[i])) ++i;
  if (i >= w.k) return w.k;
  return i + 1;
}

void mark_regions(Word *w) {
  static const struct {
    char p[7];
    uint8_t n;
  } kPrefixes[] = {{"gener", 5}, {"commun", 6}, {"arsen", 5}};
  w->p1 = w->k;
  for (const auto &e : kPrefixes) {
    const size_t n = e.n;
    if (w->k >= n && memcmp(w->b, e.p, n) == 0) {
      w->p1 = n;
      break;
    }
  }
  if (w->p1 == w->k) w->p1 = region_after(*w, 0);
  w->p2 = w->p1 >= w->k ? w->k : region_after(*w, w->p1);
}

void step_1a(Word *w) {
  if (ends(*w, "'s'", 3)) {
    w->k -= 3;
  } else if (ends(*w, "'s", 2)) {
    w->k -= 2;
  } else if (ends(*w, "'", 1)) {
    w->k -= 1;
  }
  if (ends(*w, "sses", 4)) {
    w->k -= 2;
  } else if (ends(*w, "ied", 3) || ends(*w, "ies", 3)) {
    if (w->k >= 5) {
      replace(w, 3, "i", 1);
    } else {
      w->k -= 1;
    }
  } else if (ends(*w, "us", 2) || ends(*w, "ss", 2)) {
    // unchanged
  } else if (ends(*w, "s", 1)) {
    // Delete if a vowel occurs before the letter preceding the s.
    if (w->k >= 2) {
      for (size_t i = 0; i + 2 < w->k; ++i) {
        if (is_v(w->b[i])) {
          --w->k;
          break;
        }
      }
    }
  }
}

void step_1b(Word *w) {
  size_t n = 0;
  if (ends(*w, "eedly", 5)) {
    n = 5;
  } else if (ends(*w, "eed", 3)) {
    n = 3;
  }
  if (n) {
    if (w->k - n >= w->p1) replace(w, n, "ee", 2);
    return;
  }
  if (ends(*w, "ingly", 5)) {
    n = 5;
  } else if (ends(*w, "edly", 4)) {
    n = 4;
  } else if (ends(*w, "ing", 3)) {
    n = 3;
  } else if (ends(*w, "ed", 2)) {
    n = 2;
  } else {
    return;
  }
  bool vowel = false;
  for (size_t i = 0; i < w->k - n && !vowel; ++i) vowel = is_v(w->b[i]);
  if (!vowel) return;
  w->k -= n;
  if (ends(*w, "at", 2) || ends(*w, "bl", 2) || ends(*w, "iz", 2)) {
    w->b[w->k++] = 'e';
    return;
  }
  if (w->k >= 2 && w->b[w->k - 1] == w->b[w->k - 2]) {
    const char c = w->b[w->k - 1];
    if (c == 'b' || c == 'd' || c == 'f' || c == 'g' || c == 'm' || c == 'n' || c == 'p' || c == 'r' ||
        c == 't') {
      --w->k;
      return;
    }
  }
  if (w->k == w->p1 && short_v(*w, w->k)) w->b[w->k++] = 'e';
}

void step_1c(Word *w) {
  if (w->k >= 3 && (w->b[w->k - 1] == 'y' || w->b[w->k - 1] == 'Y') && !is_v(w->b[w->k - 2])) {
    w->b[w->k - 1] = 'i';
  }
}

// Suffix rules as fixed-size strings (no pointers: the tables need no relocation and stay in rodata).
struct Rule {
  char suffix[8];
  char repl[5];  // "?": a special case, handled by the step
  uint8_t slen, rlen;
};

// R("ization", "ize"): a rule with its lengths computed at compile time (no strlen at run time: GCC
// turns a hand-written length loop back into a strlen call).
template <size_t N, size_t M>
constexpr Rule R(const char (&suffix)[N], const char (&repl)[M]) {
  static_assert(N <= 8 && M <= 5, "suffix or replacement too long");
  Rule r{};
  for (size_t i = 0; i + 1 < N; ++i) r.suffix[i] = suffix[i];
  for (size_t i = 0; i + 1 < M; ++i) r.repl[i] = repl[i];
  r.slen = static_cast<uint8_t>(N - 1);
  r.rlen = static_cast<uint8_t>(M - 1);
  return r;
}

// The last bytes of a rule table's suffixes, as a 256-bit set (computed at compile time).
struct LastBytes {
  uint64_t m[4];
};
template <size_t N>
constexpr LastBytes last_bytes(const Rule (&rules)[N]) {
  LastBytes l{};
  for (size_t i = 0; i < N; ++i) {
    const unsigned char c = static_cast<unsigned char>(rules[i].suffix[rules[i].slen - 1]);
    l.m[c >> 6] |= uint64_t{1} << (c & 63);
  }
  return l;
}

// Finds the longest suffix of rules[] (sorted longest first) that ends the word; returns its index or -1.
// A word whose last byte ends no suffix (most words, for each table) is refused with one bit test.
template <size_t N>
int longest(const Word &w, const Rule (&rules)[N], const LastBytes &last) {
  if (w.k == 0) return -1;
  const unsigned char c = static_cast<unsigned char>(w.b[w.k - 1]);
  if (!((last.m[c >> 6] >> (c & 63)) & 1u)) return -1;
  for (size_t i = 0; i < N; ++i) {
    if (ends(w, rules[i].suffix, rules[i].slen)) return int(i);
  }
  return -1;
}

bool valid_li(char c) {
  return c == 'c' || c == 'd' || c == 'e' || c == 'g' || c == 'h' || c == 'k' || c == 'm' || c == 'n' ||
         c == 'r' || c == 't';
}

void step_2(Word *w) {
  static constexpr Rule kRules[] = {
      R("ization", "ize"), R("ational", "ate"), R("fulness", "ful"), R("ousness", "ous"), R("iveness", "ive"),
      R("tional", "tion"), R("biliti", "ble"),  R("lessli", "less"), R("entli", "ent"),   R("ation", "ate"),
      R("alism", "al"),    R("aliti", "al"),    R("ousli", "ous"),   R("iviti", "ive"),   R("fulli", "ful"),
      R("enci", "ence"),   R("anci", "ance"),   R("abli", "able"),   R("izer", "ize"),    R("ator", "ate"),
      R("alli", "al"),     R("bli", "ble"),     R("ogi", "?"),       R("li", "?")};
  static constexpr LastBytes kLast = last_bytes(kRules);
  const int r = longest(*w, kRules, kLast);
  if (r < 0) return;
  const size_t n = kRules[r].slen;
  const size_t start = w->k - n;
  if (start < w->p1) return;
  if (kRules[r].repl[0] != '?') {
    replace(w, n, kRules[r].repl, kRules[r].rlen);
  } else if (n == 3) {  // ogi → og after l
    if (start >= 1 && w->b[start - 1] == 'l') replace(w, n, "og", 2);
  } else {  // li deleted after a valid li-ending
    if (start >= 1 && valid_li(w->b[start - 1])) w->k = start;
  }
}

void step_3(Word *w) {
  static constexpr Rule kRules[] = {R("ational", "ate"), R("tional", "tion"), R("alize", "al"), R("icate", "ic"),
                                R("iciti", "ic"),    R("ative", "?"), R("ical", "ic"),  R("ness", ""),
                                R("ful", "")};
  static constexpr LastBytes kLast = last_bytes(kRules);
  const int r = longest(*w, kRules, kLast);
  if (r < 0) return;
  const size_t n = kRules[r].slen;
  const size_t start = w->k - n;
  if (start < w->p1) return;
  if (kRules[r].repl[0] != '?') {
    replace(w, n, kRules[r].repl, kRules[r].rlen);
  } else if (start >= w->p2) {  // ative only in R2
    w->k = start;
  }
}

void step_4(Word *w) {
  static constexpr Rule kRules[] = {R("ement", ""), R("ance", ""), R("ence", ""), R("able", ""), R("ible", ""),
                                R("ment", ""),  R("ant", ""),  R("ent", ""),  R("ism", ""),  R("ate", ""),
                                R("iti", ""),   R("ous", ""),  R("ive", ""),  R("ize", ""),  R("ion", "?"),
                                R("al", ""),    R("er", ""),   R("ic", "")};
  static constexpr LastBytes kLast = last_bytes(kRules);
  const int r = longest(*w, kRules, kLast);
  if (r < 0) return;
  const size_t start = w->k - kRules[r].slen;
  if (start < w->p2) return;
  if (kRules[r].repl[0] != '?' || (start >= 1 && (w->b[start - 1] == 's' || w->b[start - 1] == 't'))) w->k = start;
}

void step_5(Word *w) {
  if (w->k == 0) return;
  const size_t start = w->k - 1;
  if (w->b[start] == 'e') {
    if (start >= w->p2 || (start >= w->p1 && !short_v(*w, start))) w->k = start;
  } else if (w->b[start] == 'l') {
    if (start >= w->p2 && start >= 1 && w->b[start - 1] == 'l') w->k = start;
  }
}

}  // namespace

size_t stem_english(char *word, size_t len) {
  if (len < 3) return len;
  for (size_t i = 0; i < len; ++i) {
    const char c = word[i];
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return len;
  }
  Word w = {word, len, 0, 0};
  if (exception1(&w)) return w.k;
  prelude(&w);
  mark_regions(&w);
  step_1a(&w);
  if (!exception2(w)) {
    step_1b(&w);
    step_1c(&w);
    step_2(&w);
    step_3(&w);
    step_4(&w);
    step_5(&w);
  }
  for (size_t i = 0; i < w.k; ++i) {
    if (w.b[i] == 'Y') w.b[i] = 'y';
  }
  return w.k;
}

bool is_stopword(const char *word, size_t len) {
  // The Snowball English list, sorted (byte order) for binary search. Contractions are stored without
  // their apostrophe, as the tokenizer produces them, except those that would then collide with an
  // ordinary word: i'll, we'll, she'll, he'll (ill, well, shell, hell), i'd, she'd, we'd (id, shed, wed).
  static const char kStop[][11] = {
      "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "arent",
      "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
      "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down",
      "during", "each", "few", "for", "from", "further", "had", "hadnt", "has", "hasnt", "have", "havent",
      "having", "he", "hed", "her", "here", "heres", "hers", "herself", "hes", "him", "himself", "his", "how",
      "hows", "i", "if", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive", "lets", "me", "more",
      "most", "mustnt", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other",
      "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shant", "she", "shes", "should",
      "shouldnt", "so", "some", "such", "than", "that", "thats", "the", "their", "theirs", "them",
      "themselves", "then", "there", "theres", "these", "they", "theyd", "theyll", "theyre", "theyve", "this",
      "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasnt", "we", "were", "werent",
      "weve", "what", "whats", "when", "whens", "where", "wheres", "which", "while", "who", "whom", "whos",
      "why", "whys", "with", "wont", "would", "wouldnt", "you", "youd", "youll", "your", "youre", "yours",
      "yourself", "yourselves", "youve",
  };
  size_t lo = 0, hi = sizeof kStop / sizeof kStop[0];
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    const char *s = kStop[mid];
    // compare the NUL-terminated s with word[0..len) (no strlen/memcmp calls: this runs per token)
    size_t i = 0;
    while (i < len && s[i] && s[i] == word[i]) ++i;
    int c;
    if (i == len)
      c = s[i] ? 1 : 0;
    else if (!s[i])
      c = -1;
    else
      c = static_cast<unsigned char>(s[i]) < static_cast<unsigned char>(word[i]) ? -1 : 1;
    if (c == 0) return true;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return false;
}

}  // namespace text
}  // namespace folio
