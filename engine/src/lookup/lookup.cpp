// Lookups over the sorted columns of the index. Every search is a lower-bound binary search over a sorted
// vector, O(log n) probes, each probe one bounds-checked string. Sort order is a writer invariant that
// open does not check (folio_verify does): on an unsorted pack a search can miss, never read out of
// bounds.
#include "lookup/lookup.h"
#include "text/text.h"

namespace folio {
namespace detail {
namespace {

// First index in [0, n) whose key is not less than q (key_at(i, &s) gives key i). FOLIO_E_CORRUPT if a
// probed key is outside the string pool.
template <typename KeyAt>
folio_status lower_bound(uint32_t n, const char *q, size_t qlen, KeyAt key_at, uint32_t *out) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    folio_str s;
    if (key_at(mid, &s) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (bytes_compare(s.ptr, s.len, q, qlen) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  *out = lo;
  return FOLIO_OK;
}

bool str_eq(const folio_str &s, const char *q, size_t qlen) {
  return s.len == qlen && (qlen == 0 || FOLIO_MEMCMP(s.ptr, q, qlen) == 0);
}

// The first key in [0, n) not below q: FOLIO_OK with its index in *i and the key in *s, FOLIO_E_NOT_FOUND
// when every key is below q, or FOLIO_E_CORRUPT if a probed key is outside the string pool.
template <typename KeyAt>
folio_status key_lower_bound(uint32_t n, const char *q, size_t qlen, KeyAt key_at, uint32_t *i, folio_str *s) {
  const folio_status st = lower_bound(n, q, qlen, key_at, i);
  if (st != FOLIO_OK) return st;
  if (*i >= n) return FOLIO_E_NOT_FOUND;
  return key_at(*i, s) == FOLIO_OK ? FOLIO_OK : FOLIO_E_CORRUPT;
}

// Index of the first key in [0, n) equal to q: FOLIO_OK with *out set, FOLIO_E_NOT_FOUND, or
// FOLIO_E_CORRUPT if a probed key is outside the string pool.
template <typename KeyAt>
folio_status find_exact(uint32_t n, const char *q, size_t qlen, KeyAt key_at, uint32_t *out) {
  uint32_t i = 0;
  folio_str s;
  const folio_status st = key_lower_bound(n, q, qlen, key_at, &i, &s);
  if (st != FOLIO_OK) return st;
  if (!str_eq(s, q, qlen)) return FOLIO_E_NOT_FOUND;
  *out = i;
  return FOLIO_OK;
}

bool str_starts(const folio_str &s, const char *q, size_t qlen) {
  return s.len >= qlen && (qlen == 0 || FOLIO_MEMCMP(s.ptr, q, qlen) == 0);
}

// Index of the key in [0, n) equal to q, else of the only one starting with q: FOLIO_OK with *out set;
// FOLIO_E_NOT_FOUND when no key starts with q, or several do and none equals it (*ambiguous true);
// FOLIO_E_CORRUPT if a probed key is outside the string pool.
template <typename KeyAt>
folio_status find_unique_prefix(uint32_t n, const char *q, size_t qlen, KeyAt key_at, uint32_t *out,
                                bool *ambiguous) {
  *ambiguous = false;
  uint32_t i = 0;
  folio_str s;
  const folio_status st = key_lower_bound(n, q, qlen, key_at, &i, &s);
  if (st != FOLIO_OK) return st;
  if (!str_starts(s, q, qlen)) return FOLIO_E_NOT_FOUND;
  if (s.len != qlen && i + 1 < n) {
    folio_str t;
    if (key_at(i + 1, &t) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (str_starts(t, q, qlen)) {
      *ambiguous = true;
      return FOLIO_E_NOT_FOUND;
    }
  }
  *out = i;
  return FOLIO_OK;
}

// Fold a user query into an index key in `buf` (kMaxKeyBytes). FOLIO_E_UTF8 for invalid input,
// FOLIO_E_LIMIT when the folded key is longer than any key the engine looks up.
folio_status fold_query(const char *text, size_t len, char *buf, size_t *out_len) {
  if (len > 4 * kMaxKeyBytes) return FOLIO_E_LIMIT;
  if (!text::utf8_valid(text, len)) return FOLIO_E_UTF8;
  const size_t need = text::fold_key(text, len, buf, kMaxKeyBytes);
  if (need > kMaxKeyBytes) return FOLIO_E_LIMIT;
  *out_len = need;
  return FOLIO_OK;
}

// fold_query for an exact look-up: an empty key (only punctuation or spaces) is FOLIO_E_NOT_FOUND.
folio_status fold_lookup_key(const char *text, size_t len, char *buf, size_t *out_len) {
  const folio_status st = fold_query(text, len, buf, out_len);
  return st == FOLIO_OK && *out_len == 0 ? FOLIO_E_NOT_FOUND : st;
}

folio_status title_key_at(const folio_pack *p, uint32_t i, folio_str *out) {
  return pack_str(p, p->title_keys->Get(i)->key(), out);
}

folio_status fill_entry(const folio_pack *p, uint32_t key_index, uint32_t score, folio_entry *out) {
  const fb::TitleKey *k = p->title_keys->Get(key_index);
  folio_article a;
  folio_status st = pack_article(p, k->article(), &a);
  if (st == FOLIO_E_NOT_FOUND) return FOLIO_E_CORRUPT;  // a key naming a missing article
  if (st != FOLIO_OK) return st;
  folio_entry e;
  e.article = a.id;
  e.slug = a.slug;
  e.title = a.title;
  st = pack_str(p, k->key(), &e.matched);
  if (st != FOLIO_OK) return st;
  e.kind = k->kind() > 2 ? 2 : k->kind();
  e.score = score;
  *out = e;
  return FOLIO_OK;
}

// Suggestion ranking: exact key first, then title over alias over inner word, then the static rank, then
// article id (slug order). Encoded so that a larger score is better; ties are broken by article id.
uint32_t suggest_score(bool exact, uint8_t kind, uint16_t rank) {
  const uint32_t kind_class = kind > 2 ? 0 : 2u - kind;
  return (exact ? 1u << 20 : 0u) | (kind_class << 16) | rank;
}

struct Candidate {
  uint32_t score;
  uint32_t article;
  uint32_t key_index;
};

bool better(const Candidate &a, const Candidate &b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.article != b.article) return a.article < b.article;
  return a.key_index < b.key_index;
}

// The best `cap` candidates, one per article, sorted best first. Fixed size, on the stack.
struct TopN {
  Candidate c[kMaxSuggest];
  uint32_t n = 0;
  uint32_t cap = 0;

  void offer(const Candidate &x) {
    // Same article already held: keep the better of the two.
    for (uint32_t i = 0; i < n; i++) {
      if (c[i].article != x.article) continue;
      if (!better(x, c[i])) return;
      remove_at(i);
      break;
    }
    if (n == cap) {
      if (!better(x, c[n - 1])) return;
      n--;  // drop the worst
    }
    uint32_t i = n;
    while (i > 0 && better(x, c[i - 1])) {
      c[i] = c[i - 1];
      i--;
    }
    c[i] = x;
    n++;
  }
  void remove_at(uint32_t i) {
    for (uint32_t j = i + 1; j < n; j++) c[j - 1] = c[j];
    n--;
  }
};

}  // namespace

folio_status lookup_slug(const folio_pack *p, const char *slug, size_t len, folio_article *out) {
  uint32_t i = 0;
  const folio_status st = find_exact(
      p->n_articles, slug, len,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->articles->Get(k)->slug(), s); }, &i);
  return st != FOLIO_OK ? st : pack_article(p, i, out);
}

folio_status lookup_title(const folio_pack *p, const char *text, size_t len, folio_entry *out) {
  char key[kMaxKeyBytes];
  size_t klen = 0;
  folio_status st = fold_lookup_key(text, len, key, &klen);
  if (st != FOLIO_OK) return st;
  uint32_t i = 0;
  st = lower_bound(
      p->n_title_keys, key, klen, [p](uint32_t k, folio_str *s) { return title_key_at(p, k, s); }, &i);
  if (st != FOLIO_OK) return st;
  // Among equal keys (sorted by rank desc), take the best title match, else the best alias match.
  bool found = false;
  Candidate best = {0, 0, 0};
  for (uint32_t scanned = 0; i < p->n_title_keys && scanned < kMaxEqualKeys; i++, scanned++) {
    folio_str s;
    st = title_key_at(p, i, &s);
    if (st != FOLIO_OK) return st;
    if (!str_eq(s, key, klen)) break;
    const fb::TitleKey *k = p->title_keys->Get(i);
    if (k->kind() > 1) continue;  // words inside titles are for suggestions only
    const Candidate c = {suggest_score(true, k->kind(), k->rank()), k->article(), i};
    if (!found || better(c, best)) best = c;
    found = true;
  }
  if (!found) return FOLIO_E_NOT_FOUND;
  return fill_entry(p, best.key_index, best.score, out);
}

folio_status lookup_section_find(const folio_pack *p, uint32_t article, const char *anchor, size_t len,
                                 folio_section *out) {
  const fb::Article *a = pack_article_row(p, article);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  const fb::Range &r = a->sections();
  if (!range_ok(r, p->n_sections)) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < r.count(); i++) {
    folio_str s;
    if (pack_str(p, p->sections->Get(r.off() + i)->anchor(), &s) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (str_eq(s, anchor, len)) return pack_section(p, r.off() + i, out);
  }
  return FOLIO_E_NOT_FOUND;
}

folio_status lookup_resolve(const folio_pack *p, const char *ref, size_t len, folio_article *out_article,
                            folio_section *out_section) {
  size_t hash = 0;
  while (hash < len && ref[hash] != '#') hash++;
  folio_article a;
  folio_status st = lookup_slug(p, ref, hash, &a);
  if (st != FOLIO_OK) return st;
  const char *anchor = hash < len ? ref + hash + 1 : ref + len;
  const size_t alen = hash < len ? len - hash - 1 : 0;
  folio_section s;
  st = lookup_section_find(p, a.id, anchor, alen, &s);
  if (st != FOLIO_OK) return st;
  *out_article = a;
  *out_section = s;
  return FOLIO_OK;
}

folio_status lookup_suggest(const folio_pack *p, const char *prefix, size_t len, folio_entry *out,
                            uint32_t cap, uint32_t *out_n) {
  *out_n = 0;
  char key[kMaxKeyBytes];
  size_t klen = 0;
  folio_status st = fold_query(prefix, len, key, &klen);
  if (st != FOLIO_OK) return st;
  if (klen == 0) return FOLIO_OK;
  TopN top;
  top.cap = (cap == 0 || cap > kMaxSuggest) ? kMaxSuggest : cap;

  // A precomputed list for this exact prefix bounds the work for short, popular prefixes.
  uint32_t h = 0;
  st = lower_bound(
      p->n_heavy, key, klen,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->heavy_prefixes->Get(k)->prefix(), s); }, &h);
  if (st != FOLIO_OK) return st;
  bool heavy = false;
  if (h < p->n_heavy) {
    const fb::HeavyPrefix *hp = p->heavy_prefixes->Get(h);
    folio_str s;
    if (pack_str(p, hp->prefix(), &s) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (str_eq(s, key, klen)) {
      heavy = true;
      const fb::Range &r = hp->top();
      if (!range_ok(r, p->n_u32s)) return FOLIO_E_CORRUPT;
      const uint32_t n = r.count() < kMaxSuggest ? r.count() : kMaxSuggest;
      for (uint32_t i = 0; i < n; i++) {
        const uint32_t ki = p->u32s->Get(r.off() + i);
        if (ki >= p->n_title_keys) return FOLIO_E_CORRUPT;
        folio_str ks;
        if (title_key_at(p, ki, &ks) != FOLIO_OK) return FOLIO_E_CORRUPT;
        if (!str_starts(ks, key, klen)) continue;  // not for this prefix: ignore
        const fb::TitleKey *k = p->title_keys->Get(ki);
        top.offer({suggest_score(ks.len == klen, k->kind(), k->rank()), k->article(), ki});
      }
    }
  }
  if (!heavy) {
    uint32_t i = 0;
    st = lower_bound(
        p->n_title_keys, key, klen, [p](uint32_t k, folio_str *s) { return title_key_at(p, k, s); }, &i);
    if (st != FOLIO_OK) return st;
    for (uint32_t scanned = 0; i < p->n_title_keys && scanned < kMaxSuggestScan; i++, scanned++) {
      folio_str ks;
      if (title_key_at(p, i, &ks) != FOLIO_OK) return FOLIO_E_CORRUPT;
      if (!str_starts(ks, key, klen)) break;
      FOLIO_TESTCASE(scanned == kMaxSuggestScan - 1);
      const fb::TitleKey *k = p->title_keys->Get(i);
      top.offer({suggest_score(ks.len == klen, k->kind(), k->rank()), k->article(), i});
    }
  }
  if (cap == 0) {
    *out_n = top.n;
    return FOLIO_OK;
  }
  for (uint32_t i = 0; i < top.n; i++) {
    st = fill_entry(p, top.c[i].key_index, top.c[i].score, &out[i]);
    if (st != FOLIO_OK) return st;
  }
  *out_n = top.n;
  return FOLIO_OK;
}

namespace {

// The question frames a search query may wrap a glossary term in, as fold_key() leaves them (apostrophes
// between letters dropped: "what's" is "whats"). Leading frames are tried in this order (a longer frame
// before one it starts with); at most one courtesy ("please"), one leading frame, one article and one
// trailing frame are removed.
constexpr const char *kLeadFrames[] = {
    "what is meant by ", "what is the meaning of ", "what is the definition of ", "what does the term ",
    "what does ", "what do ", "what is ", "what are ", "whats ", "definition of ", "meaning of ",
    "define ", "explain ", "tell me about "};
constexpr const char *kArticles[] = {"a ", "an ", "the "};
constexpr const char *kTailFrames[] = {" stand for", " stands for", " mean", " means", " definition",
                                       " meaning"};
// A courtesy after the question, taken off before a trailing frame: "what is an RCT please", "what does
// OA mean thank you".
constexpr const char *kCourtesyTails[] = {" please", " thank you", " thanks"};

size_t cstr_len(const char *s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

// Remove `affix` from the front (or the back) of key[*off, *off + *len) if it is there and leaves
// something behind.
template <size_t N>
bool strip_lead(const char *key, size_t *off, size_t *len, const char *const (&affixes)[N]) {
  for (const char *a : affixes) {
    const size_t n = cstr_len(a);
    if (*len > n && FOLIO_MEMCMP(key + *off, a, n) == 0) {
      *off += n;
      *len -= n;
      return true;
    }
  }
  return false;
}
template <size_t N>
bool strip_tail(const char *key, size_t off, size_t *len, const char *const (&affixes)[N]) {
  for (const char *a : affixes) {
    const size_t n = cstr_len(a);
    if (*len > n && FOLIO_MEMCMP(key + off + *len - n, a, n) == 0) {
      *len -= n;
      return true;
    }
  }
  return false;
}

folio_status glossary_key_find(const folio_pack *p, const char *key, size_t klen, folio_glossary_entry *out) {
  uint32_t i = 0;
  folio_status st = find_exact(
      p->n_glossary_keys, key, klen,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->glossary_keys->Get(k)->key(), s); }, &i);
  if (st != FOLIO_OK) return st;
  st = pack_glossary(p, p->glossary_keys->Get(i)->entry(), out);
  return st == FOLIO_E_NOT_FOUND ? FOLIO_E_CORRUPT : st;
}

}  // namespace

folio_status lookup_glossary(const folio_pack *p, const char *text, size_t len, folio_glossary_entry *out) {
  char key[kMaxKeyBytes];
  size_t klen = 0;
  const folio_status st = fold_lookup_key(text, len, key, &klen);
  return st != FOLIO_OK ? st : glossary_key_find(p, key, klen, out);
}

namespace {

// lookup_glossary_query for one text: whole, inside a question frame, spelled out, as a plural.
folio_status glossary_query_once(const folio_pack *p, const char *text, size_t len, folio_glossary_entry *out) {
  char key[kMaxKeyBytes];
  size_t klen = 0;
  folio_status st = fold_lookup_key(text, len, key, &klen);
  if (st == FOLIO_E_LIMIT) return FOLIO_E_NOT_FOUND;  // no glossary key folds from this much text
  if (st != FOLIO_OK) return st;
  st = glossary_key_find(p, key, klen, out);
  if (st != FOLIO_E_NOT_FOUND) return st;
  // The term inside a question: "what is a placebo?" -> "placebo", "what does OA stand for" -> "oa".
  size_t off = 0, n = klen;
  bool framed = strip_tail(key, off, &n, kCourtesyTails);
  framed = strip_lead(key, &off, &n, kLeadFrames) || framed;
  const size_t off_lead = off;  // before an article is taken off: "what is a c l" is the letters "a c l"
  framed = strip_lead(key, &off, &n, kArticles) || framed;
  framed = strip_tail(key, off, &n, kTailFrames) || framed;
  if (framed) {
    st = glossary_key_find(p, key + off, n, out);
    if (st != FOLIO_E_NOT_FOUND) return st;
  }
  // Letters spelled out one by one, as voice dictation writes an abbreviation: "what does b m a c stand
  // for" -> "bmac" (the search query joins them the same way).
  for (size_t b : {off, off_lead}) {
    const size_t m = n + (off - b);
    if (m < 3 || m >= kMaxKeyBytes || m % 2 == 0) continue;
    char joined[kMaxKeyBytes];
    size_t jl = 0;
    bool letters = true;
    for (size_t i = 0; i < m && letters; ++i) {
      const char c = key[b + i];
      letters = (i % 2 == 0) ? (c >= 'a' && c <= 'z') : c == ' ';
      if (i % 2 == 0) joined[jl++] = c;
    }
    if (!letters) continue;
    st = glossary_key_find(p, joined, jl, out);
    if (st != FOLIO_E_NOT_FOUND) return st;
  }
  // A plural of the term: "stem cells" -> "stem cell", "therapies" -> "therapy" (not "-ss": "loss").
  if (n >= 3 && key[off + n - 1] == 's' && key[off + n - 2] != 's' && key[off + n - 2] != ' ') {
    if (n > 4 && key[off + n - 3] == 'i' && key[off + n - 2] == 'e') {
      char y[kMaxKeyBytes];
      FOLIO_MEMCPY(y, key + off, n - 3);
      y[n - 3] = 'y';
      st = glossary_key_find(p, y, n - 2, out);
      if (st != FOLIO_E_NOT_FOUND) return st;
    }
    return glossary_key_find(p, key + off, n - 1, out);
  }
  return FOLIO_E_NOT_FOUND;
}

}  // namespace

folio_status lookup_glossary_query(const folio_pack *p, const char *text, size_t len, folio_glossary_entry *out) {
  folio_status st = glossary_query_once(p, text, len, out);
  if (st != FOLIO_E_NOT_FOUND) return st;
  // A term as the glossary and section headings write it, its abbreviation in brackets after it
  // ("Bone marrow aspirate concentrate (BMAC)", copied from a heading; also asked, "what is platelet-rich
  // plasma (PRP)?"): the words before the brackets; what is inside them only when nothing is before them
  // ("Keyhole surgery (arthroscopy)" and "stem cells for knee arthritis (OA)" only mention a term, and
  // get no card). Folding drops brackets, so they are found in the text as typed.
  size_t e = len;
  while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '?' || text[e - 1] == '.' || text[e - 1] == '!')) --e;
  if (e < 3 || text[e - 1] != ')') return FOLIO_E_NOT_FOUND;
  size_t b = e - 1;  // b ends at the '(' that opens the last brackets
  while (b > 0 && text[b - 1] != '(' && text[b - 1] != ')') --b;
  if (b == 0 || text[b - 1] != '(') return FOLIO_E_NOT_FOUND;
  size_t before = b - 1;
  while (before > 0 && text[before - 1] == ' ') --before;
  return before > 0 ? glossary_query_once(p, text, before, out) : glossary_query_once(p, text + b, e - 1 - b, out);
}

folio_status lookup_reference(const folio_pack *p, const char *key, size_t len, folio_reference *out) {
  uint32_t i = 0;
  const folio_status st = find_exact(
      p->n_references, key, len,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->references->Get(k)->id(), s); }, &i);
  return st != FOLIO_OK ? st : pack_reference(p, i, out);
}

folio_status lookup_topic_find(const folio_pack *p, const char *name, size_t len, uint32_t *out_topic) {
  return find_exact(
      p->n_topics, name, len,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->topics->Get(k)->name(), s); }, out_topic);
}

folio_status lookup_topic_prefix(const folio_pack *p, const char *prefix, size_t len, uint32_t *out_topic,
                                 bool *ambiguous) {
  return find_unique_prefix(
      p->n_topics, prefix, len,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->topics->Get(k)->name(), s); }, out_topic, ambiguous);
}

folio_status lookup_slug_prefix(const folio_pack *p, const char *prefix, size_t len, folio_article *out,
                                bool *ambiguous) {
  uint32_t i = 0;
  const folio_status st = find_unique_prefix(
      p->n_articles, prefix, len,
      [p](uint32_t k, folio_str *s) { return pack_str(p, p->articles->Get(k)->slug(), s); }, &i, ambiguous);
  return st != FOLIO_OK ? st : pack_article(p, i, out);
}

folio_status lookup_topic_get(const folio_pack *p, uint32_t topic, folio_str *name, uint32_t *article_count) {
  if (topic >= p->n_topics) return FOLIO_E_NOT_FOUND;
  const fb::Topic *t = p->topics->Get(topic);
  folio_str s;
  if (pack_str(p, t->name(), &s) != FOLIO_OK) return FOLIO_E_CORRUPT;
  if (!range_ok(t->articles(), p->n_u32s)) return FOLIO_E_CORRUPT;
  if (name) *name = s;
  if (article_count) *article_count = t->articles().count();
  return FOLIO_OK;
}

folio_status lookup_topic_article(const folio_pack *p, uint32_t topic, uint32_t i, folio_article *out) {
  if (topic >= p->n_topics) return FOLIO_E_NOT_FOUND;
  uint32_t id = 0;
  const folio_status st = pack_u32(p, p->topics->Get(topic)->articles(), i, &id);
  if (st != FOLIO_OK) return st;
  if (id >= p->n_articles) return FOLIO_E_CORRUPT;
  return pack_article(p, id, out);
}

folio_status article_list_u32(const folio_pack *p, uint32_t article, ArticleList which, uint32_t i,
                              uint32_t *out) {
  const fb::Article *a = pack_article_row(p, article);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  const fb::Range *r = nullptr;
  switch (which) {
    case LIST_ALIAS: r = &a->aliases(); break;
    case LIST_TOPIC: r = &a->topics(); break;
    case LIST_SOURCE: r = &a->sources(); break;
    case LIST_RELATED: r = &a->related(); break;
    default: r = &a->backlinks(); break;
  }
  return pack_u32(p, *r, i, out);
}

folio_status article_alias(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out) {
  const fb::Article *a = pack_article_row(p, article);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  return pack_strs_item(p, a->aliases(), i, out);
}

folio_status article_topic(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out) {
  uint32_t t = 0;
  const folio_status st = article_list_u32(p, article, LIST_TOPIC, i, &t);
  if (st != FOLIO_OK) return st;
  if (t >= p->n_topics) return FOLIO_E_CORRUPT;
  return lookup_topic_get(p, t, out, nullptr);
}

folio_status glossary_list_u32(const folio_pack *p, uint32_t id, GlossaryList which, uint32_t i,
                               uint32_t *out) {
  if (id >= p->n_glossary) return FOLIO_E_NOT_FOUND;
  const fb::GlossaryEntry *g = p->glossary->Get(id);
  const fb::Range *r = nullptr;
  switch (which) {
    case GLIST_ABBREVIATION: r = &g->abbreviations(); break;
    case GLIST_EVERYDAY: r = &g->everyday(); break;
    case GLIST_SEE_ALSO: r = &g->see_also(); break;
    default: r = &g->articles(); break;
  }
  return pack_u32(p, *r, i, out);
}

}  // namespace detail
}  // namespace folio
