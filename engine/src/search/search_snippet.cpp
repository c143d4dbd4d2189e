// search_snippet.cpp: snippets: the section's text from the snippet source (or rendered), the words that
// match the query (a byte filter, then the tokenizer and a memo of stemmed words), the best window and
// its highlight ranges.
#include "search/search_internal.h"

namespace folio {
namespace fts {

// ---- snippets -------------------------------------------------------------------------------------------

// Byte classes for the snippet scan: 1 = part of a word (letter, digit, any non-ASCII byte), 2 = a
// connector inside a word ("TNF-α", "10,000", "HCT/P", "patient's", "2.5").
struct ByteClass {
  uint8_t c[256];
  constexpr ByteClass() : c() {
    for (int i = 0; i < 256; ++i)
      c[i] = ((i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || i >= 0x80) ? 1 : 0;
    c[static_cast<unsigned char>('-')] = c[static_cast<unsigned char>('/')] = 2;
    c[static_cast<unsigned char>('\'')] = c[static_cast<unsigned char>(',')] = c[static_cast<unsigned char>('.')] = 2;
  }
};
constexpr ByteClass kByteClass;
static inline bool word_byte(unsigned char c) { return kByteClass.c[c] == 1; }
static inline bool is_connector(unsigned char c) { return kByteClass.c[c] == 2; }
bool snippet_word_byte(unsigned char c) { return word_byte(c); }
// Of the 8 bytes at p (LSB first), how many before the first one that is not a word byte (8: all are);
// *high gets 0x80 if one of those word bytes is not ASCII. SWAR: per byte, the top bit of each range test
// (the low 7 bits plus a bias never carry into the next byte). Same classes as kByteClass.
uint32_t word_run8(const unsigned char *p, unsigned char *high) {
  uint64_t x;
  FOLIO_MEMCPY(&x, p, 8);
#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
  x = 0;
  for (int k = 7; k >= 0; --k) x = (x << 8) | p[k];
#endif
  const uint64_t H = 0x8080808080808080ull, L = 0x7F7F7F7F7F7F7F7Full;
  const uint64_t y = x & L, z = y | 0x2020202020202020ull;
  const uint64_t digit = ((y + 0x5050505050505050ull) & ~(y + 0x4646464646464646ull)) & H;   // 0x30..0x39
  const uint64_t letter = ((z + 0x1F1F1F1F1F1F1F1Full) & ~(z + 0x0505050505050505ull)) & H;  // a..z, A..Z
  const uint64_t word = (x & H) | digit | letter;
  const uint64_t stop = ~word & H;
  const uint32_t n = stop ? ctz64(stop) >> 3 : 8u;
  const uint64_t in = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
  if (x & in & H) *high = 0x80;
  return n;
}

// Masks of the 64 bytes at u + off (bytes at or past tl count as neither): bit j of *word, byte off + j is
// a word byte; of *high, a non-ASCII byte. Branch-free on whole blocks (SWAR, the tests of word_run8; a
// byte's flag is moved to bit j by one multiply), byte by byte on the last, partial one.
void snippet_block_masks(const unsigned char *u, size_t off, size_t tl, uint64_t *word, uint64_t *high) {
  uint64_t w = 0, h = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (off + 64 <= tl) {
    const uint64_t H = 0x8080808080808080ull, L = 0x7F7F7F7F7F7F7F7Full, M = 0x0102040810204080ull;
    for (uint32_t k = 0; k < 8; ++k) {
      uint64_t x;
      FOLIO_MEMCPY(&x, u + off + 8 * k, 8);
      const uint64_t y = x & L, z = y | 0x2020202020202020ull;
      const uint64_t digit = ((y + 0x5050505050505050ull) & ~(y + 0x4646464646464646ull)) & H;
      const uint64_t letter = ((z + 0x1F1F1F1F1F1F1F1Full) & ~(z + 0x0505050505050505ull)) & H;
      const uint64_t wb = (x & H) | digit | letter;
      w |= (((wb >> 7) * M) >> 56) << (8 * k);
      h |= ((((x & H) >> 7) * M) >> 56) << (8 * k);
    }
    *word = w;
    *high = h;
    return;
  }
#endif
  for (uint32_t j = 0; j < 64 && off + j < tl; ++j) {
    const unsigned char c = u[off + j];
    w |= static_cast<uint64_t>(kByteClass.c[c] == 1) << j;
    h |= static_cast<uint64_t>(c >= 0x80) << j;
  }
  *word = w;
  *high = h;
}

inline unsigned char ascii_lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c; }

namespace {
// The snippet scan's candidates, 64 bytes at a time: the word starts whose first byte can start a
// highlight term (s->hl_first, both cases), and every non-ASCII byte (the tokenizer decides about a word
// holding one). A word with none of them cannot match, and is skipped without looking at its bytes.
struct CandidateScan {
  const Scratch *s;
  const unsigned char *u;
  size_t tl;
  size_t base = 0;      // the current block's first byte
  uint64_t cand = 0;    // its candidates
  uint64_t prev_word = 0;  // the previous block's word mask (its top bit joins a word across blocks)
  bool started = false;

  void load() {
    uint64_t w, h;
    snippet_block_masks(u, base, tl, &w, &h);
    uint64_t starts = w & ~((w << 1) | (prev_word >> 63));
    uint64_t c = h;
    while (starts) {
      const uint32_t j = ctz64(starts);
      c |= static_cast<uint64_t>(s->hl_first[u[base + j]]) << j;
      starts &= starts - 1;
    }
    cand = c;
    prev_word = w;
  }
  // The first candidate at or after `from` (tl: none).
  size_t next(size_t from) {
    if (!started) {
      started = true;
      load();
    }
    for (;;) {
      if (from < base + 64) {
        const size_t r = from > base ? from - base : 0;
        const uint64_t m = r >= 64 ? 0 : cand & (~0ull << r);
        if (m) return base + ctz64(m);
      }
      base += 64;
      if (base >= tl) return tl;
      load();
    }
  }
};
}  // namespace


// Could a word starting at p (n bytes of text left) match a highlight term? hl_match needs the folded
// token to start with the term's first need bytes (need: see hl_match); for ASCII letters and digits
// the folded token is the ASCII-lowered text, so those bytes are compared here, before paying for the
// tokenizer and the stemmer. Any other byte (non-ASCII, an apostrophe or comma the tokenizer drops)
// makes the word a candidate.
static bool hl_prefix_possible(const Scratch *s, const char *p, size_t n) {
  const unsigned char c0 = ascii_lower(static_cast<unsigned char>(p[0]));
  if (c0 >= 0x80) return true;
  if (!s->hl_first[c0]) return false;
  if (n > 1) {
    const unsigned char c1 = static_cast<unsigned char>(p[1]);
    const bool alnum = (c1 >= 'a' && c1 <= 'z') || (c1 >= 'A' && c1 <= 'Z') || (c1 >= '0' && c1 <= '9');
    if (alnum) {
      const unsigned char l1 = ascii_lower(c1);
      if (!((s->hl_pair[c0][l1 >> 6] >> (l1 & 63)) & 1u)) return false;
    }
  }
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const HlTerm &h = s->hl[i];
    const size_t need = hl_need(h);
    bool possible = true;
    for (size_t k = 0; k < need && possible; ++k) {
      if (k >= n) {
        possible = false;
        break;
      }
      const unsigned char c = static_cast<unsigned char>(p[k]);
      const unsigned char hc = static_cast<unsigned char>(h.text[k]);
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!plain || hc >= 0x80) return true;  // the tokenizer decides
      possible = ascii_lower(c) == hc;
    }
    if (possible) return true;
  }
  return false;
}

static bool hl_match_uncached(const Scratch *s, const char *tok, size_t len, uint8_t *hl) {
  char stem[kMaxTermBytes];
  bool stemmed = false;
  size_t sl = 0;
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const HlTerm &h = s->hl[i];
    if (h.len == 0 || h.text[0] != tok[0]) continue;
    if (h.prefix) {
      if (len >= h.len && FOLIO_MEMCMP(tok, h.text, h.len) == 0) {
        *hl = static_cast<uint8_t>(i);
        return true;
      }
      continue;
    }
    // a word stems to h only if it starts with h's first bytes: compare those before paying for the stemmer
    const size_t need = hl_need(h);
    if (len < need || FOLIO_MEMCMP(tok, h.text, need) != 0) continue;
    if (!stemmed) {
      sl = stem_copy(tok, len, stem);
      stemmed = true;
    }
    if (sl == h.len && FOLIO_MEMCMP(stem, h.text, sl) == 0) {
      *hl = static_cast<uint8_t>(i);
      return true;
    }
  }
  return false;
}

// hl_match with a memo of the query's answers per word (snippet texts repeat their words: "stem cells"
// many times a section): a small direct-mapped table keyed by the folded word, so a repeated candidate
// word skips the stemmer. The answer depends only on the word and the query's highlight terms.
static bool hl_match(Scratch *s, const char *tok, size_t len, uint8_t *hl) {
  if (len > kMemoWord) return hl_match_uncached(s, tok, len, hl);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) h = (h ^ static_cast<unsigned char>(tok[i])) * 16777619u;
  const uint32_t slot = (h ^ (h >> 15)) & (kMemoSlots - 1);
  MemoEntry &e = s->memo[slot];
  if (s->memo_len[slot] == len + 1 && FOLIO_MEMCMP(e.word, tok, len) == 0) {
    *hl = e.hl;
    return e.match != 0;
  }
  uint8_t found = 0;
  const bool m = hl_match_uncached(s, tok, len, &found);
  s->memo_len[slot] = static_cast<uint8_t>(len + 1);
  FOLIO_MEMCPY(e.word, tok, len);
  e.hl = found;
  e.match = m ? 1 : 0;
  *hl = found;
  return m;
}

// The snippet source of section sec (its text, cut to kSnippetText bytes at a character boundary) into
// s->text: one small frame of the index's snippet store, or, for a section without a frame (or in a
// pack without the store), the section rendered from its article (a whole-article decompression).
static folio_status snippet_source(Scratch *s, folio_reader *r, uint32_t sec, size_t *len) {
  *len = 0;
  const View *v = &s->v;
  if (v->snip_offsets) {
    if (sec >= v->nsections) return FOLIO_E_CORRUPT;
    const uint32_t a = u32_at(v->snip_offsets, sec), b = u32_at(v->snip_offsets, sec + 1);
    if (a > b || b > v->snip_len) return FOLIO_E_CORRUPT;
    if (a < b) {
      size_t n = 0;
      if (!detail::codec_content_size(v->snip_frames + a, b - a, &n) || n == 0 || n > kSnippetText)
        return FOLIO_E_CORRUPT;
      if (detail::codec_decompress(r->dctx, r->pack->ddict, s->text, kSnippetText, v->snip_frames + a, b - a, n) !=
          detail::CODEC_OK)
        return FOLIO_E_CORRUPT;
      *len = n;
      return FOLIO_OK;
    }
    // no frame (a section without text, or of a one-section article): render it
  }
  size_t tl = 0;
  const folio_status st = folio_section_text(r, sec, s->text, kSnippetText, &tl);
  if (st != FOLIO_OK && st != FOLIO_E_DST_TOO_SMALL) return st;
  *len = snippet_source_len(s->text, tl);
  return FOLIO_OK;
}

// Does a snippet window ending at the last of the nm matches hold every clause in `want` and every
// highlight term in `want_hl` (the words of a compound's parts; highlighted matches only)?
static bool window_complete(const Scratch *s, uint32_t nm, uint32_t want, uint64_t want_hl) {
  uint32_t seen = 0;
  uint64_t seen_hl = 0;
  for (uint32_t j = nm; j > 0; --j) {
    const Match &m = s->matches[j - 1];
    if (s->matches[nm - 1].end - m.begin > kSnippetBytes - 40) break;
    if (m.keep) {
      seen |= 1u << (m.clause & 31);
      seen_hl |= 1ull << (m.hl & 63);
    }
  }
  return (seen & want) == want && (seen_hl & want_hl) == want_hl;
}

// How far a snippet can reach once the window ending at match nm - 1 is complete: it starts at most
// 40 bytes before that window's first match, which begins at most kSnippetBytes - 40 bytes before the
// last match's end, so nothing past the last match's end + kSnippetBytes can be shown.
static size_t window_reach(const Scratch *s, uint32_t nm, size_t tl) {
  const size_t r = static_cast<size_t>(s->matches[nm - 1].end) + kSnippetBytes;
  return r < tl ? r : tl;
}

// Whether t[b, e), the text between two words of a phrase, holds exactly `want` words, all of them
// stopwords (ASCII; any other word is not one), and nothing longer than such a run could be.
static bool gap_is_stopwords(const char *t, size_t b, size_t e, uint32_t want) {
  if (e - b > 4 + 12 * static_cast<size_t>(want)) return false;  // stopwords are at most 10 bytes
  const unsigned char *u = reinterpret_cast<const unsigned char *>(t);
  uint32_t n = 0;
  size_t i = b;
  for (;;) {
    while (i < e && !word_byte(u[i])) ++i;
    if (i >= e) break;
    char w[16];
    size_t wl = 0;
    bool ascii = true;
    while (i < e && (word_byte(u[i]) || (is_connector(u[i]) && i + 1 < e && word_byte(u[i + 1])))) {
      if (u[i] >= 0x80 || is_connector(u[i])) ascii = false;
      if (wl < sizeof w) w[wl] = static_cast<char>(ascii_lower(u[i]));
      ++wl;
      ++i;
    }
    if (++n > want || !ascii || wl > sizeof w || !text::is_stopword(w, wl)) return false;
  }
  return n == want;
}

void sort_phrase_words(Scratch *s) {
  for (uint32_t i = 1; i < s->nhlp; ++i) {
    const HlPhraseWord x = s->hlp[i];
    uint32_t j = i;
    while (j > 0 && (s->hlp[j - 1].phrase > x.phrase || (s->hlp[j - 1].phrase == x.phrase && s->hlp[j - 1].relpos > x.relpos))) {
      s->hlp[j] = s->hlp[j - 1];
      --j;
    }
    s->hlp[j] = x;
  }
}

// Match nm - 1 was just added for a word that is highlighted only inside its phrases: when it is the
// last word of one of them (hlp is sorted by phrase, then offset) and the matches just before it are
// that phrase's other words, at their offsets (the words between them stopwords, as many as the
// offsets leave room for), the phrase's matches are kept. Matches of a phrase that never completes stay
// unhighlighted.
static void keep_phrase_ending(Scratch *s, const char *t, uint32_t nm) {
  const uint32_t j = nm - 1;
  const uint8_t h = s->matches[j].hl;
  for (uint32_t i = 0; i < s->nhlp; ++i) {
    if (s->hlp[i].hl != h || (i + 1 < s->nhlp && s->hlp[i + 1].phrase == s->hlp[i].phrase)) continue;
    uint32_t m = j, w = i;  // match m is word w of the phrase
    bool ok = true;
    while (ok && w > 0 && s->hlp[w - 1].phrase == s->hlp[i].phrase) {
      const HlPhraseWord &prev = s->hlp[w - 1], &cur = s->hlp[w];
      if (m == 0) {
        ok = false;
        break;
      }
      const Match &a = s->matches[m - 1], &b = s->matches[m];
      ok = a.hl == prev.hl && cur.relpos > prev.relpos && a.end <= b.begin &&
           gap_is_stopwords(t, a.end, b.begin, cur.relpos - prev.relpos - 1u);
      --m;
      --w;
    }
    if (!ok) continue;
    for (uint32_t k = m; k <= j; ++k) s->matches[k].keep = 1;
  }
}

// Append a match of highlight term h at t[b, e); false when the matches are full.
static void add_match(Scratch *s, const char *t, uint32_t *nm, size_t b, size_t e, uint8_t h) {
  Match &m = s->matches[*nm];
  m.begin = static_cast<uint32_t>(b);
  m.end = static_cast<uint32_t>(e);
  m.hl = h;
  m.clause = s->hl[h].clause;
  m.keep = s->hl[h].anywhere;
  ++*nm;
  if (!m.keep) keep_phrase_ending(s, t, *nm);
}

// Writes the snippet of hit h into text[*used..]; fills snippet and highlight fields.
folio_status make_snippet(Scratch *s, folio_reader *r, folio_search_hit *h, char *out, size_t out_cap,
                          size_t *used, uint32_t *rflags) {
  h->snippet_off = static_cast<uint32_t>(*used);
  h->snippet_len = 0;
  h->highlight_count = 0;
  size_t tl = 0;
  const folio_status st = snippet_source(s, r, h->section, &tl);
  if (st != FOLIO_OK) return st;
  const char *t = s->text;
  // matches: a cheap byte scan splits the text into words (letters, digits, any non-ASCII byte, and
  // connectors inside a word); only words with a segment whose first two folded bytes start some
  // highlight term are run through the real tokenizer and stemmer
  uint32_t nm = 0;
  size_t stop = tl;  // where the scan stopped: every match before it was found
  {
    // distinct clauses that can be highlighted: once a window holds all of them, stop scanning
    uint32_t want = 0;
    uint64_t want_hl = 0;
    for (uint32_t k = 0; k < s->nhl; ++k) {
      want |= 1u << (s->hl[k].clause & 31);
      if (s->hl[k].part) want_hl |= 1ull << (k & 63);
    }
    // once a window holds them all, the scan goes on only as far as a snippet starting there can
    // reach, so that every match it shows is lit (until 2026-12-02 it stopped at once: "interleukin 6
    // (IL-6)" left "IL-6" unlit)
    size_t i = 0;
    const unsigned char *u = reinterpret_cast<const unsigned char *>(t);
    CandidateScan scan{s, u, tl};
    while (i < stop && nm < kMaxMatches) {
      // the next word with a candidate: back from the candidate to its word's first byte, over the
      // connectors that join segments ("bone-marrow" from "marrow")
      const size_t p = scan.next(i);
      if (p >= stop) break;
      size_t b = p;
      while (b > i && (word_byte(u[b - 1]) || (b >= i + 2 && is_connector(u[b - 1]) && word_byte(u[b - 2])))) --b;
      i = b;
      bool candidate = false;
      bool ascii_word = true;  // only ASCII letters and digits, no connector
      bool high = false;       // a non-ASCII byte
      for (;;) {
        // a segment: its first bytes decide whether it can match, then a tight run over its bytes
        if (!candidate) candidate = hl_prefix_possible(s, t + i, tl - i);
        unsigned char any = 0;
        for (;;) {  // 8 bytes at a time while they lie in the text, then byte by byte
          if (i + 8 > tl) {
            while (i < tl && word_byte(u[i])) any |= u[i++];
            break;
          }
          const uint32_t n = word_run8(u + i, &any);
          i += n;
          if (n < 8) break;
        }
        ascii_word &= any < 0x80;
        high |= any >= 0x80;
        if (i + 1 < tl && is_connector(u[i]) && word_byte(u[i + 1])) {
          ascii_word = false;
          ++i;
          continue;
        }
        break;
      }
      // a word holding a non-ASCII byte goes to the tokenizer whatever its segments start with: the byte
      // may be punctuation that splits it ("knees—stem", "café—cartilage" left "stem" and "cartilage"
      // unlit until 2026-12-02)
      if (!candidate && !high) continue;
      uint8_t hl;
      if (ascii_word) {
        // a citation marker ("[4]") is no word, as the tokenizer skips it
        if (text::is_citation_marker(t, tl, b, i)) continue;
        // the tokenizer's single token for such a word: the ASCII-lowered bytes, cut at MAX_TOKEN_BYTES
        char low[text::MAX_TOKEN_BYTES];
        const size_t wl = i - b < sizeof low ? i - b : sizeof low;
        for (size_t k = 0; k < wl; ++k) low[k] = static_cast<char>(ascii_lower(static_cast<unsigned char>(t[b + k])));
        if (!hl_match(s, low, wl, &hl)) continue;
        add_match(s, t, &nm, b, i, hl);
        if (stop == tl && want && window_complete(s, nm, want, want_hl)) stop = window_reach(s, nm, tl);
        continue;
      }
      text::Tokenizer tz(t + b, i - b);
      text::Token tok;
      uint32_t last_end = 0;
      while (tz.next(&tok) && nm < kMaxMatches) {
        if (tok.src_begin < last_end) continue;  // part of a compound already highlighted
        if (tok.len && hl_match(s, tok.text, tok.len, &hl)) {
          add_match(s, t, &nm, b + tok.src_begin, b + tok.src_end, hl);
          last_end = tok.src_end;
          if (stop == tl && want && window_complete(s, nm, want, want_hl)) stop = window_reach(s, nm, tl);
        }
      }
    }
  }
  // only the highlighted matches from here on
  {
    uint32_t k = 0;
    for (uint32_t i = 0; i < nm; ++i)
      if (s->matches[i].keep) s->matches[k++] = s->matches[i];
    nm = k;
  }
  // best window: most distinct clauses, then most matches, then earliest
  size_t wb = 0;
  if (nm > 0) {
    uint32_t best_d = 0, best_m = 0, best_i = 0;
    for (uint32_t i = 0; i < nm; ++i) {
      // only windows that end before the scan stopped, so that every match a snippet shows is lit (a
      // window ends at most kSnippetBytes past its first match; the window that stopped the scan fits)
      if (stop < tl && s->matches[i].begin + static_cast<size_t>(kSnippetBytes) > stop) break;
      uint32_t seen = 0, d = 0, m = 0;
      for (uint32_t j = i; j < nm && s->matches[j].end - s->matches[i].begin <= kSnippetBytes - 40; ++j) {
        const uint32_t bit = 1u << (s->matches[j].clause & 31);
        if (!(seen & bit)) {
          seen |= bit;
          ++d;
        }
        ++m;
      }
      if (d > best_d || (d == best_d && m > best_m)) {
        best_d = d;
        best_m = m;
        best_i = i;
      }
    }
    // start a little before the first match, at a word boundary
    const size_t mb = s->matches[best_i].begin;
    wb = mb > 40 ? mb - 40 : 0;
    if (wb > 0) {
      size_t k = wb;
      while (k < mb && !is_space_byte(static_cast<unsigned char>(t[k]))) ++k;
      wb = k < mb ? k + 1 : mb;
    }
  }
  size_t we = wb + kSnippetBytes;
  if (we >= tl) {
    we = tl;
  } else {
    size_t k = we;
    while (k > wb && !is_space_byte(static_cast<unsigned char>(t[k]))) --k;
    if (k > wb) we = k;
    while (we > wb && (static_cast<unsigned char>(t[we]) & 0xC0) == 0x80) --we;  // UTF-8 boundary
  }
  while (wb < we && is_space_byte(static_cast<unsigned char>(t[wb]))) ++wb;
  while (we > wb && is_space_byte(static_cast<unsigned char>(t[we - 1]))) --we;
  // an ellipsis only where text is left out: not for the section's trailing newline, but past the end
  // of a source that may have been cut (kSnippetText bytes, less at most a character)
  size_t rest = we;
  while (rest < tl && is_space_byte(static_cast<unsigned char>(t[rest]))) ++rest;
  const bool pre = wb > 0, post = rest < tl || tl + 4 > kSnippetText;
  const size_t need = (pre ? 3 : 0) + (we - wb) + (post ? 3 : 0);
  if (!out || *used + need > out_cap) {
    *rflags |= FOLIO_SEARCH_TEXT_FULL;
    return FOLIO_OK;
  }
  char *o = out + *used;
  size_t k = 0;
  static const char kEllipsis[3] = {'\xE2', '\x80', '\xA6'};
  if (pre) {
    FOLIO_MEMCPY(o, kEllipsis, 3);
    k = 3;
  }
  const size_t shift = k;
  for (size_t i = wb; i < we; ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    o[k++] = (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
  }
  if (post) {
    FOLIO_MEMCPY(o + k, kEllipsis, 3);
    k += 3;
  }
  h->snippet_len = static_cast<uint32_t>(k);
  *used += k;
  for (uint32_t i = 0; i < nm && h->highlight_count < FOLIO_SEARCH_MAX_HIGHLIGHTS; ++i) {
    const Match &m = s->matches[i];
    if (m.begin < wb || m.end > we) continue;
    folio_search_range &hr = h->highlights[h->highlight_count++];
    hr.off = static_cast<uint32_t>(m.begin - wb + shift);
    hr.len = m.end - m.begin;
  }
  return FOLIO_OK;
}

// A correction (folded, as the dictionary has it) in the case the word was typed: all in capitals when
// the typed word has two capitals or more and no lower-case letter ("BMCA" -> "BMAC", "INJECTON" ->
// "INJECTION"), else with a capital first letter when the typed word began with one ("Infecshun" ->
// "Infection"); ASCII letters only. Until 2026-12-07 corrections were shown folded ("is BMAV safe" ->
// "is bmac safe").
static void match_typed_case(const char *typed, size_t tl, char *w, size_t wl) {
  size_t up = 0, low = 0;
  for (size_t k = 0; k < tl; ++k) {
    up += (typed[k] >= 'A' && typed[k] <= 'Z') ? 1u : 0u;
    low += (typed[k] >= 'a' && typed[k] <= 'z') ? 1u : 0u;
  }
  if (up >= 2 && low == 0) {
    for (size_t k = 0; k < wl; ++k)
      if (w[k] >= 'a' && w[k] <= 'z') w[k] = static_cast<char>(w[k] - 'a' + 'A');
  } else if (tl > 0 && typed[0] >= 'A' && typed[0] <= 'Z' && wl > 0 && w[0] >= 'a' && w[0] <= 'z') {
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
  }
}

// Corrected query: the original bytes with each corrected word replaced by its correction (`inflected`:
// its inflected form where it has one; else where the correction prefers it, show_inflected).
void write_corrected(Scratch *s, const char *q, size_t len, char *out, size_t cap, size_t *used,
                     folio_search_result *res, bool inflected) {
  // clauses are in source order for plain words (synonym merging appends new clauses whose sources are
  // copies); walk the query once, replacing ranges
  size_t o = *used, i = 0;
  const size_t start = o;
  for (;;) {
    // next corrected clause starting at >= i
    const Clause *next = nullptr;
    for (uint32_t k = 0; k < s->nclauses; ++k) {
      const Clause *c = &s->clauses[k];
      if (c->corrected < 0 || c->src_begin < i || c->src_end > len) continue;
      if (!next || c->src_begin < next->src_begin) next = c;
    }
    const size_t stop = next ? next->src_begin : len;
    for (; i < stop; ++i) {
      if (o >= cap) return;
      const unsigned char c = static_cast<unsigned char>(q[i]);
      out[o++] = (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
    }
    if (!next) break;
    const Correction &co = s->corr[next->corrected];
    const bool alt = (inflected || co.show_inflected) && co.inflected_len > 0;
    const char *w = alt ? co.word + co.len : co.word;
    const size_t wl = alt ? co.inflected_len : co.len;
    if (o + wl > cap) return;
    FOLIO_MEMCPY(out + o, w, wl);
    match_typed_case(q + next->src_begin, next->src_end - next->src_begin, out + o, wl);
    o += wl;
    i = next->src_end;
  }
  res->corrected_off = static_cast<uint32_t>(start);
  res->corrected_len = static_cast<uint32_t>(o - start);
  res->flags |= FOLIO_SEARCH_CORRECTED;
  *used = o;
}

}  // namespace fts
}  // namespace folio
