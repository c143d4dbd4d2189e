// search_query.cpp: the query model's builders, for the parser's files (search_parse.h): clauses,
// alternatives, postings cursors (through a small memo of dictionary look-ups) and highlight terms.
#include "search/search_parse.h"

namespace folio {
namespace fts {

// dict_find of term through the parse's memo (Scratch::term_memo).
bool dict_find_memo(Scratch *s, const char *term, size_t len, TermInfo *ti, bool *bad) {
  for (const Scratch::TermMemo &m : s->term_memo)
    if (m.len == len && len > 0 && FOLIO_MEMCMP(m.term, term, len) == 0) {
      *ti = m.ti;
      return m.found;
    }
  const bool found = dict_find(&s->v, term, len, ti, bad);
  if (*bad || len > kMaxTermBytes) return found;
  Scratch::TermMemo &m = s->term_memo[s->term_memo_next];
  s->term_memo_next = (s->term_memo_next + 1) % 4;
  FOLIO_MEMCPY(m.term, term, len);
  m.len = static_cast<uint32_t>(len);
  m.ti = *ti;
  m.found = found;
  return found;
}

// Add a cursor for a term; returns its index or -1 when out of room. Unknown terms get an empty cursor.
static int add_cursor(Scratch *s, const char *term, size_t len) {
  if (s->ncursors >= kMaxCursors) return -1;
  Cursor *c = &s->cursors[s->ncursors];
  TermInfo ti{0, 0, 0};
  bool bad = false;
  if (!dict_find_memo(s, term, len, &ti, &bad)) ti.df = 0;
  if (bad) s->bad = true;
  cursor_init(c, &s->v, ti);
  if (c->bad) s->bad = true;
  s->cursor_hl[s->ncursors] = -1;
  return static_cast<int>(s->ncursors++);
}

// The highlight term for t (added, or the one already there); -1 when out of room. `anywhere`: see HlTerm.
int add_hl(Scratch *s, const char *t, size_t len, bool prefix, uint32_t clause, bool anywhere) {
  if (len == 0 || len > kMaxTermBytes) return -1;
  for (uint32_t i = 0; i < s->nhl; ++i)
    if (s->hl[i].len == len && s->hl[i].prefix == prefix && FOLIO_MEMCMP(s->hl[i].text, t, len) == 0) {
      s->hl[i].anywhere |= anywhere ? 1 : 0;
      return static_cast<int>(i);
    }
  if (s->nhl >= kMaxHl) return -1;
  HlTerm *h = &s->hl[s->nhl];
  FOLIO_MEMCPY(h->text, t, len);
  h->len = static_cast<uint8_t>(len);
  h->prefix = prefix ? 1 : 0;
  h->clause = static_cast<uint8_t>(clause);
  h->anywhere = anywhere ? 1 : 0;
  h->part = 0;
  return static_cast<int>(s->nhl++);
}

// The highlight term for text t, a word of a compound's parts, waits for its own match (HlTerm::part).
void mark_part(Scratch *s, const char *t, size_t len) {
  for (uint32_t i = 0; i < s->nhl; ++i)
    if (s->hl[i].len == len && !s->hl[i].prefix && FOLIO_MEMCMP(s->hl[i].text, t, len) == 0) s->hl[i].part = 1;
}

// Start an alternative of clause `ci` (terms added with alt_term). NULL when out of room.
Alt *alt_begin(Scratch *s, uint32_t ci, float w, bool phrase) {
  Clause *c = &s->clauses[ci];
  if (s->nalts >= kMaxAlts || c->na >= kMaxAltsPerClause || c->a0 + c->na != s->nalts) return nullptr;
  Alt *a = &s->alts[s->nalts++];
  ++c->na;
  a->c0 = static_cast<uint16_t>(s->ncursors);
  a->n = 0;
  a->phrase = phrase ? 1 : 0;
  a->pre = 0;
  a->names = 0;
  a->weight = w;
  a->init = false;
  a->doc = 0;
  return a;
}

// Add term t to alternative a. hl_seq >= 0: a word of a compound's parts, highlighted as the
// hl_seq-th word of a sequence (the parts in order, as in "IL 6") and, unless `seq_only`, anywhere too.
bool alt_term(Scratch *s, Alt *a, uint32_t ci, const char *t, size_t len, uint32_t relpos, int hl_seq, bool seq_only) {
  if (a->n >= kMaxAltTerms) return false;
  const int k = add_cursor(s, t, len);
  if (k < 0) return false;
  a->relpos[a->n++] = static_cast<uint8_t>(relpos > kNoPos ? kNoPos : relpos);
  if (a->phrase && relpos < kNoPos) s->cursors[k].track = true;  // the phrase check reads its positions
  // a stopword inside a phrase or synonym ("wear and tear") is only required to be present: lighting up
  // every "and" of a snippet would be noise
  if (s->clauses[ci].kind == CLAUSE_REQUIRED && !(relpos >= kNoPos && text::is_stopword(t, len))) {
    const bool seq = a->phrase || hl_seq >= 0;
    const uint32_t seq_pos = hl_seq >= 0 ? static_cast<uint32_t>(hl_seq) : relpos;
    const int h = add_hl(s, t, len, false, ci, hl_seq >= 0 ? !seq_only : !a->phrase);
    s->cursor_hl[k] = static_cast<int8_t>(h);
    if (h >= 0 && seq && s->nhlp < kMaxHl && seq_pos < kNoPos)
      s->hlp[s->nhlp++] = HlPhraseWord{static_cast<uint8_t>(h), static_cast<uint8_t>(a - s->alts), static_cast<uint8_t>(seq_pos)};
    else if (h >= 0 && seq)
      s->hl[h].anywhere = 1;  // no room to follow its phrase: highlighted as a word
  }
  return true;
}

// Forget the phrase words of alternative id (it was dropped, and its index will be reused, or it is no phrase).
void drop_phrase_words(Scratch *s, uint32_t id) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < s->nhlp; ++i)
    if (s->hlp[i].phrase != id) s->hlp[k++] = s->hlp[i];
  s->nhlp = k;
}

// Alternative a turned out to be a single word (a "phrase" of one word): its word is highlighted anywhere.
void alt_not_phrase(Scratch *s, Alt *a) {
  a->phrase = 0;
  const uint32_t id = static_cast<uint32_t>(a - s->alts);
  for (uint32_t i = 0; i < s->nhlp; ++i)
    if (s->hlp[i].phrase == id) s->hl[s->hlp[i].hl].anywhere = 1;
  drop_phrase_words(s, id);
}

// A compound's part too slight to highlight on its own: under 3 bytes or all digits ("IL" and "6" of
// "IL-6", "2" of "2-3"); it is highlighted only where the parts stand in sequence.
bool slight_part(const char *t, size_t len) {
  if (len < 3) return true;
  for (size_t i = 0; i < len; ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

// Drop an alternative that could not be completed (the last one).
void alt_drop(Scratch *s, uint32_t ci, Alt *a) {
  s->ncursors = a->c0;
  --s->nalts;
  --s->clauses[ci].na;
}

int new_clause(Scratch *s, uint8_t kind) {
  if (s->nclauses >= kMaxClauses) {
    s->truncated = true;
    return -1;
  }
  Clause *c = &s->clauses[s->nclauses];
  c->a0 = static_cast<uint8_t>(s->nalts);
  c->na = 0;
  c->kind = kind;
  c->literal = 0;
  c->init = false;
  c->doc = 0;
  c->src_begin = c->src_end = 0;
  c->corrected = -1;
  c->stem_len = 0;
  c->fz0 = 0;
  c->lex = 0;
  c->may_suggest = 1;
  c->suggested = -1;
  c->short_typed = 0;
  return static_cast<int>(s->nclauses++);
}

size_t stem_copy(const char *src, size_t len, char *dst) {
  if (len > kMaxTermBytes) len = kMaxTermBytes;
  FOLIO_MEMCPY(dst, src, len);
  return text::stem_english(dst, len);
}

}  // namespace fts
}  // namespace folio
