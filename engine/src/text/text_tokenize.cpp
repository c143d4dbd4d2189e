// The tokenizer. Works on the stream of folded code points (a Cursor addresses one of them), so the
// build tool and the reader see the same words whatever the source's normalization form. Each word is
// scanned by scan_word(), which both finds its end and (optionally) writes its folded text: emitting a
// compound's parts later re-scans them from their saved cursors instead of buffering them.
#include <string.h>

#include "text/text.h"

namespace folio {
namespace text {
namespace {

typedef Tokenizer::Cursor Cursor;

const uint32_t kInvalidMark = 0xFFFFFFFFu;  // an invalid byte in the folded stream (never a code point)

struct Fc {
  uint32_t cp;     // folded code point, or kInvalidMark
  uint32_t begin;  // source byte range of the code point it came from
  uint32_t end;
  bool upper;      // the source code point is an upper-case letter
};

// Reads the folded code point at *c and advances *c; false at the end. Code points that fold to nothing
// are skipped.
bool read_fc(const char *s, uint32_t len, Cursor *c, Fc *f) {
  while (c->pos < len) {
    size_t p = c->pos;
    bool invalid;
    const uint32_t cp = utf8_next(s, len, &p, &invalid);
    f->begin = c->pos;
    f->end = uint32_t(p);
    if (invalid) {
      f->cp = kInvalidMark;
      f->upper = false;
      c->pos = uint32_t(p);
      c->sub = 0;
      return true;
    }
    uint32_t out[3];
    const int n = fold_cp(cp, out);
    if (c->sub >= uint32_t(n)) {
      c->pos = uint32_t(p);
      c->sub = 0;
      continue;
    }
    f->cp = out[c->sub];
    f->upper = is_upper_cp(cp);
    if (++c->sub == uint32_t(n)) {
      c->pos = uint32_t(p);
      c->sub = 0;
    }
    return true;
  }
  return false;
}

bool is_word(uint32_t cp) { return cp != kInvalidMark && is_alnum_cp(cp); }
bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_apostrophe(uint32_t cp) { return cp == 0x27 || cp == 0x2019 || cp == 0x02BC; }
// U+2011 folds to U+2010, but a caller may pass folded or unfolded text through other paths.
bool is_joiner(uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == '/'; }

struct Word {
  uint32_t begin, end;  // source bytes
  uint32_t len;         // folded bytes written (after truncation)
  uint32_t letters, uppers;
  bool numeric;         // only ASCII digits and '.'
  bool first_digit, last_digit;
  bool truncated;       // the folded text did not fit
};

struct Writer {
  char *buf;  // may be NULL: scan only
  uint32_t cap;
  uint32_t n;
  bool full;
  void put(uint32_t cp) {
    if (!buf || full) return;
    char tmp[4];
    const uint32_t k = uint32_t(utf8_put(cp, tmp));
    if (n + k > cap) {
      full = true;
      return;
    }
    memcpy(buf + n, tmp, k);
    n += k;
  }
};

void add(Word *w, Writer *out, const Fc &f) {
  out->put(f.cp);
  w->end = f.end;
  const bool digit = is_digit(f.cp);
  if (!digit && f.cp != '.') {
    w->numeric = false;
    ++w->letters;
    if (f.upper) ++w->uppers;
  }
  w->last_digit = digit;
}

// Scans the word at *c (which must address a word code point), advances *c past it.
void scan_word(const char *s, uint32_t len, Cursor *c, char *buf, uint32_t cap, Word *w) {
  Writer out = {buf, cap, 0, false};
  Fc f;
  read_fc(s, len, c, &f);
  w->begin = f.begin;
  w->letters = w->uppers = 0;
  w->numeric = true;
  w->first_digit = is_digit(f.cp);
  add(w, &out, f);
  bool dot = false;
  for (;;) {
    const Cursor save = *c;
    if (!read_fc(s, len, c, &f)) break;
    if (is_word(f.cp)) {
      add(w, &out, f);
      continue;
    }
    Cursor t = *c;
    Fc g;
    if (is_apostrophe(f.cp)) {
      if (read_fc(s, len, &t, &g) && is_word(g.cp)) {
        add(w, &out, g);
        *c = t;
        continue;
      }
    } else if (f.cp == ',' && w->numeric && !dot && w->last_digit) {
      Fc d[3];
      bool ok = true;
      for (int i = 0; i < 3 && ok; ++i) ok = read_fc(s, len, &t, &d[i]) && is_digit(d[i].cp);
      Cursor u = t;
      if (ok && !(read_fc(s, len, &u, &g) && is_digit(g.cp))) {
        for (int i = 0; i < 3; ++i) add(w, &out, d[i]);
        *c = t;
        continue;
      }
    } else if (f.cp == '.' && w->numeric && !dot && w->last_digit) {
      if (read_fc(s, len, &t, &g) && is_digit(g.cp)) {
        add(w, &out, f);
        add(w, &out, g);
        dot = true;
        *c = t;
        continue;
      }
    }
    *c = save;
    break;
  }
  w->len = out.n;
  w->truncated = out.full;
}

// If a joiner and then a word code point follow *c, returns true with *next at the word.
bool joined_next(const char *s, uint32_t len, Cursor c, Cursor *next) {
  Fc f;
  if (!read_fc(s, len, &c, &f) || !is_joiner(f.cp)) return false;
  *next = c;
  return read_fc(s, len, &c, &f) && is_word(f.cp);
}

uint32_t word_flags(const Word &w) {
  uint32_t flags = 0;
  if (w.numeric) flags |= TOKEN_NUMBER;
  if (w.letters >= 2 && w.uppers == w.letters) flags |= TOKEN_UPPER;
  return flags;
}

}  // namespace

bool is_citation_marker(const char *src, size_t len, size_t begin, size_t end) {
  if (begin == 0 || end <= begin || end >= len || src[begin - 1] != '[' || src[end] != ']') return false;
  for (size_t i = begin; i < end; ++i)
    if (src[i] < '0' || src[i] > '9') return false;
  return true;
}

Tokenizer::Tokenizer(const char *src, size_t len)
    : src_(src),
      len_(len > 0xFFFFFFFFu ? 0xFFFFFFFFu : uint32_t(len)),
      cur_{0, 0},
      position_(0),
      invalid_(false),
      invalid_pending_(false),
      plain_left_(0),
      part_begin_{},
      part_count_(0),
      part_next_(0),
      part_position_(0),
      buf_{} {}

bool Tokenizer::next(Token *out) {
  Word w;
  if (part_next_ < part_count_) {
    Cursor c = part_begin_[part_next_++];
    scan_word(src_, len_, &c, buf_, MAX_TOKEN_BYTES, &w);
    *out = Token{buf_, w.len, w.begin, w.end, part_position_, TOKEN_PART | word_flags(w)};
    return true;
  }
  part_count_ = part_next_ = 0;

  Fc f;
  Cursor begin;
  for (;;) {
    for (;;) {
      const Cursor save = cur_;
      if (!read_fc(src_, len_, &cur_, &f)) return false;
      if (f.cp == kInvalidMark) {
        invalid_ = invalid_pending_ = true;
      } else if (is_word(f.cp)) {
        cur_ = save;
        break;
      }
    }
    begin = cur_;
    scan_word(src_, len_, &cur_, buf_, MAX_TOKEN_BYTES, &w);
    if (plain_left_ > 0 || !is_citation_marker(src_, len_, w.begin, w.end)) break;
  }
  uint32_t flags = invalid_pending_ ? uint32_t(TOKEN_INVALID) : 0u;
  invalid_pending_ = false;
  if (plain_left_ > 0) {
    --plain_left_;
    *out = Token{buf_, w.len, w.begin, w.end, position_++, flags | word_flags(w)};
    return true;
  }

  // Find the chain of joined words; remember where each part starts (up to MAX_PARTS).
  uint32_t n = 1;
  Cursor end = cur_, part;
  while (joined_next(src_, len_, end, &part)) {
    if (n < MAX_PARTS) part_begin_[n] = part;
    ++n;
    Word pw;
    scan_word(src_, len_, &part, nullptr, 0, &pw);
    end = part;
  }
  if (n == 1 || n > MAX_PARTS) {
    plain_left_ = n - 1;  // the rest of an over-long chain: ordinary words
    *out = Token{buf_, w.len, w.begin, w.end, position_++, flags | word_flags(w)};
    return true;
  }

  // Joined form: parts concatenated, '-' kept between a part ending and the next starting with a digit.
  part_begin_[0] = begin;
  Writer jw = {buf_, MAX_TOKEN_BYTES, 0, false};
  uint32_t letters = 0, uppers = 0, src_end = 0;
  bool prev_digit = false;
  for (uint32_t i = 0; i < n; ++i) {
    Cursor c = part_begin_[i];
    if (i > 0 && prev_digit) {
      Cursor t = c;
      Fc first;
      if (read_fc(src_, len_, &t, &first) && is_digit(first.cp)) jw.put('-');
    }
    // Each part is folded straight into the rest of the buffer; after the first cut, nothing more is
    // written, so the joined form is always a prefix.
    Word pw;
    scan_word(src_, len_, &c, jw.full ? nullptr : buf_ + jw.n, MAX_TOKEN_BYTES - jw.n, &pw);
    jw.n += pw.len;
    if (pw.truncated) jw.full = true;
    prev_digit = pw.last_digit;
    letters += pw.letters;
    uppers += pw.uppers;
    src_end = pw.end;
  }
  cur_ = end;
  part_count_ = n;
  part_next_ = 0;
  part_position_ = position_++;
  flags |= TOKEN_COMPOUND;
  if (letters >= 2 && uppers == letters) flags |= TOKEN_UPPER;
  *out = Token{buf_, jw.n, w.begin, src_end, part_position_, flags};
  return true;
}

}  // namespace text
}  // namespace folio
