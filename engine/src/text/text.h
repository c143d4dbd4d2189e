// text.h: the text-analysis module shared by the build tool and the reader, so that both fold, tokenize
// and stem identically. No heap, no exceptions; every output goes into a caller buffer.
//
// Pipeline: UTF-8 decode (invalid bytes are reported and treated as a separator) → fold each code point
// (case fold + compatibility decomposition + strip combining marks, from a generated table; ß → ss,
// æ → ae, ﬁ → fi, Greek and Cyrillic lower-cased but kept) → tokenize → (search only) stem.
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stddef.h>
#include <stdint.h>

namespace folio {
namespace text {

// ---- UTF-8 -------------------------------------------------------------------------------------------

// Decode one code point at s[*pos] (len bytes total), advance *pos. Invalid or truncated sequences,
// overlongs, surrogates and values > U+10FFFF consume one byte and return 0xFFFD with *invalid = true.
uint32_t utf8_next(const char *s, size_t len, size_t *pos, bool *invalid);

// True if [s, s+len) is valid UTF-8. On false, *bad_offset (if not NULL) gets the first bad byte offset.
bool utf8_valid(const char *s, size_t len, size_t *bad_offset = nullptr);

// Encode cp into out (4 bytes room); returns bytes written (1..4), 0 for invalid cp.
size_t utf8_put(uint32_t cp, char *out);

// ---- Folding ------------------------------------------------------------------------------------------

// Fold one code point: writes up to 3 folded code points into out[], returns the count (0 = the code point
// folds to nothing, e.g. a combining mark or a soft hyphen). Table lookup, O(1), reads ~13 KB of rodata.
// Folding = NFKD + full case fold, then non-spacing/enclosing marks in diacritic blocks (Latin, Greek,
// Cyrillic, Hebrew, Arabic, the combining blocks) and default-ignorables dropped, plus æ→ae, œ→oe, ø→o,
// đ/ð→d, ł→l, ħ→h, ı→i, ŧ→t, þ→th. Idempotent: every output code point folds to itself. Left as they are
// (not folded): marks of other scripts (Indic, Thai: part of the spelling), Hangul, kana, CJK
// compatibility blocks, presentation forms, math alphanumerics, results longer than 3 code points;
// see tools/gen/gen_fold_table.cpp. Invalid cp (surrogate, > U+10FFFF) is returned unchanged.
int fold_cp(uint32_t cp, uint32_t out[3]);

// True if the source code point cp is an upper-case or title-case letter (Lu, Lt), before folding.
bool is_upper_cp(uint32_t cp);

// True if cp is a letter or digit for tokenizing purposes: categories L*, N*, and combining marks (Mn,
// Mc, Me: the ones folding keeps are part of a word's spelling). U+02BC ʼ is an apostrophe, not a letter.
// Exact for every assigned code point, folded or not; unassigned ones take their neighbour's value.
// Binary search over ~560 range bounds.
bool is_alnum_cp(uint32_t cp);

// Fold a whole string (case, accents) without changing its separators. Returns bytes needed; writes
// min(needed, cap) bytes, cut at a code point boundary (never a partial UTF-8 sequence: when cap < needed
// it may write a few bytes less than cap). Invalid UTF-8 bytes are dropped.
size_t fold(const char *src, size_t len, char *dst, size_t cap);

// Fold a string into an index key: fold(), then every run of characters that are not letters or digits
// becomes one space, leading/trailing spaces trimmed ("  Stem-Cell  Therapy! " → "stem cell therapy").
// An apostrophe (' ’ ʼ) between two letters/digits is dropped, like the tokenizer does ("Who's" → "whos");
// an invalid UTF-8 byte is a separator. Returns bytes needed; writes min(needed, cap), cut at a code point
// boundary as fold(). Used for title, alias, glossary and suggestion keys.
size_t fold_key(const char *src, size_t len, char *dst, size_t cap);

// Anchor for a heading: fold_key() with spaces turned into '-', and only [a-z0-9-] kept (other letters
// are dropped, a word left empty disappears with its dash: "TNF-α levels" → "tnf-levels")
// → "who-is-a-candidate". Never starts or ends with '-', never has "--". May be empty (a heading with no
// ASCII letter or digit): the caller must supply a fallback. Returns bytes needed.
size_t make_anchor(const char *src, size_t len, char *dst, size_t cap);

// ---- Tokenizer -----------------------------------------------------------------------------------------

enum TokenFlags : uint32_t {
  TOKEN_NUMBER = 1u << 0,    // all digits (after removing thousands separators), or a decimal
  TOKEN_COMPOUND = 1u << 1,  // joined form of a hyphenated/dashed compound ("tnfα" from "TNF-α")
  TOKEN_PART = 1u << 2,      // one part of a compound, emitted after the joined form
  TOKEN_UPPER = 1u << 3,     // the source word was all upper-case (ACL, OA): an abbreviation candidate
  TOKEN_INVALID = 1u << 4    // invalid UTF-8 was seen right before this token
};

struct Token {
  const char *text;   // folded token bytes (points into the tokenizer's buffer), not NUL-terminated
  uint32_t len;
  uint32_t src_begin; // byte range of the token in the source text (for snippets and highlighting)
  uint32_t src_end;
  uint32_t position;  // word position: parts of a compound share the joined form's position
  uint32_t flags;     // TokenFlags
};

// Maximum folded bytes of one token; longer words are truncated at a code point boundary.
enum { MAX_TOKEN_BYTES = 64 };

// Whether src[begin, end) is a citation marker: ASCII digits alone, between '[' at begin - 1 and ']' at
// end ("[4]", a table cell's "[[12]]"), as the renderer numbers a source. The tokenizer skips such a word
// and the snippet scan lights none; this is the one definition of the rule.
bool is_citation_marker(const char *src, size_t len, size_t begin, size_t end);

// Streams tokens from a UTF-8 text. Rules (identical at build and query time):
//  - letters and digits (after folding) form words; everything else separates; an invalid UTF-8 byte
//    separates (and flags the next token TOKEN_INVALID); code points that fold to nothing (combining
//    accents, soft hyphen, zero-width joiners) are skipped without separating;
//  - a word joined to another by '-', '‐', '‑', '–' or '/' with no spaces ("TNF-α", "IL-1β",
//    "anti-inflammatory", "2–3") yields the joined form (separators removed; between two digit runs a
//    single '-' is kept: "2-3") flagged COMPOUND, then each part flagged PART at the same position;
//    a chain of more than 8 parts yields no joined form: its parts come out as ordinary words, each
//    with its own position;
//  - a citation marker, ASCII digits alone between square brackets ("[4]", "[[12]]"), is skipped: no
//    token, no position (the renderer's source numbers are no words of the text);
//  - digits with thousands separators ("10,000", "$10,000") become one NUMBER token "10000"; a decimal
//    point between digits is kept ("2.5"); currency signs are dropped. A ',' is a thousands separator
//    when the word so far is all digits and exactly three digits follow it; a '.' is a decimal point
//    when the word so far is all digits without a '.' and a digit follows;
//  - apostrophes (' ’ ʼ) between two letters/digits are dropped ("patient's" → "patients");
//  - tokens are case- and accent-folded (ACL → "acl" with TOKEN_UPPER: at least two letters, all of
//    them upper-case in the source; digits do not count);
//  - a token's folded text is cut at MAX_TOKEN_BYTES on a code point boundary (src range still covers the
//    whole word).
// One source code point may fold to several (½ → "1⁄2"): tokens inside it share its source byte range.
// Positions count words: a compound and its parts take one. Source offsets are 32-bit: texts longer than
// 4 GiB are cut. No heap, no recursion; the object is 176 bytes and next() needs about 700 bytes of
// stack (x86-64, -O2), mostly in the word scanner.
// Not thread-safe per object; any number of objects may run at once.
class Tokenizer {
 public:
  Tokenizer(const char *src, size_t len);
  // Next token, or false at the end. The previous token's text is invalidated.
  bool next(Token *out);
  // True if any invalid UTF-8 was seen so far.
  bool saw_invalid() const { return invalid_; }

  // Where the scanner stands: byte offset of a source code point and the index of the next folded code
  // point it yields (a source code point may fold to up to 3).
  struct Cursor {
    uint32_t pos;
    uint32_t sub;
  };
  enum { MAX_PARTS = 8 };

 private:
  const char *src_;
  uint32_t len_;
  Cursor cur_;
  uint32_t position_;
  bool invalid_;
  bool invalid_pending_;  // an invalid byte was seen since the last token
  uint32_t plain_left_;   // words of an over-long chain still to emit as ordinary words
  // pending compound parts
  Cursor part_begin_[MAX_PARTS];
  uint32_t part_count_, part_next_, part_position_;
  char buf_[MAX_TOKEN_BYTES];
};

// ---- Stemming and stopwords ---------------------------------------------------------------------------

// English Porter2 (Snowball "english") stemmer, in place on a folded ASCII/UTF-8 word. Returns the new
// length (<= len). Words with non-ASCII letters, digits, or fewer than 3 bytes are returned unchanged
// (the one deliberate difference from Snowball, which would stem "naïves" treating ï as a consonant).
// On words of a-z and apostrophes the output equals Snowball 2.2's (libstemmer) byte for byte:
// tests/text/stem_test.cpp compares every word of /usr/share/dict/words, suffixed variants, and every
// token of content/. O(len), no state; about 100 bytes of stack.
size_t stem_english(char *word, size_t len);

// True for English stopwords (the Snowball English list, 165 entries). Contractions are listed without
// their apostrophe, as the tokenizer produces them ("dont", "whos"), except those that would then be a
// different common word: i'll, we'll, she'll, he'll, i'd, she'd, we'd (ill, well, shell, hell, id, shed,
// wed) are not stopwords. Case-sensitive: pass folded text. Stopwords stay in the index and affect
// ranking; queries never become empty because of them.
bool is_stopword(const char *word, size_t len);

}  // namespace text
}  // namespace folio

#endif  // FOLIO_TEXT_H
