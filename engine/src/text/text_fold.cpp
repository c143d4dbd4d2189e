// Folding and classification from the generated tables (fold_table.inc, see tools/gen/gen_fold_table.cpp
// for the layout), and the string-level folds built on them: fold, fold_key, make_anchor.
#include <string.h>

#include "text/text.h"

namespace folio {
namespace text {
namespace {

#include "text/fold_table.inc"

uint32_t fold_entry(uint32_t cp) {
  if (cp >= FOLIO_FOLD_LIMIT) return 0;
  const uint32_t mid = kFoldTop[cp >> (FOLIO_FOLD_MID + FOLIO_FOLD_LEAF)];
  const uint32_t leaf =
      kFoldMid[(mid << FOLIO_FOLD_MID) | ((cp >> FOLIO_FOLD_LEAF) & ((1u << FOLIO_FOLD_MID) - 1))];
  return kFoldLeaf[(leaf << FOLIO_FOLD_LEAF) | (cp & ((1u << FOLIO_FOLD_LEAF) - 1))];
}

// Fullwidth ASCII sits 0xFEE0 above ASCII: an offset the 15-bit entries cannot hold, so it is a rule.
uint32_t unwiden(uint32_t cp) { return (cp - 0xFF01u <= 0x5Du) ? cp - 0xFEE0u : cp; }

bool is_apostrophe(uint32_t cp) { return cp == 0x27 || cp == 0x2019 || cp == 0x02BC; }

// Bounded writer: whole code points only, and nothing after the first one that did not fit, so that the
// written bytes are always a prefix of the full result.
struct Sink {
  char *dst;
  size_t cap;
  size_t n;
  bool full;
  void put(uint32_t cp) {
    char tmp[4];
    const size_t k = utf8_put(cp, tmp);
    if (!full && n + k <= cap) {
      memcpy(dst + n, tmp, k);
    } else {
      full = true;
    }
    n += k;
  }
};

// The fold_key walk: calls emit(cp) for folded letters and digits and emit(' ') once between words.
// Apostrophes between two letters/digits are dropped ("who's" → "whos"), invalid bytes separate.
template <typename Emit>
void walk_key(const char *src, size_t len, Emit &emit) {
  size_t pos = 0;
  bool any = false, sep = false, apos = false;
  while (pos < len) {
    bool invalid;
    const uint32_t cp = utf8_next(src, len, &pos, &invalid);
    uint32_t f[3];
    const int n = invalid ? 0 : fold_cp(cp, f);
    if (invalid) sep = true;
    for (int i = 0; i < n; ++i) {
      const uint32_t c = f[i];
      if (is_alnum_cp(c)) {
        if (sep && any) emit(uint32_t(' '));
        sep = apos = false;
        any = true;
        emit(c);
      } else if (is_apostrophe(c) && any && !sep && !apos) {
        apos = true;
      } else {
        sep = true;
      }
    }
  }
}

}  // namespace

int fold_cp(uint32_t cp, uint32_t out[3]) {
  cp = unwiden(cp);
  if (cp - 0xE0000u <= 0xFFFu) return 0;  // tags and variation selectors supplement: default-ignorable
  const uint32_t k = fold_entry(cp) >> 1;
  if (k == 0) {
    out[0] = cp;
    return 1;
  }
  const int32_t d = k >= 0x4000 ? int32_t(k) - 0x8000 : int32_t(k);
  if (d == -0x4000) return 0;
  if (d <= -0x3001) {
    const uint32_t side = kFoldSide[k - 0x4001];
    const uint32_t off = side >> 2;
    const int n = int(side & 3) + 1;
    for (int i = 0; i < n; ++i) out[i] = kFoldPool[off + uint32_t(i)];
    return n;
  }
  out[0] = uint32_t(int32_t(cp) + d);
  return 1;
}

bool is_upper_cp(uint32_t cp) { return (fold_entry(unwiden(cp)) & 1u) != 0; }

bool is_alnum_cp(uint32_t cp) {
  // Parity of the number of bounds <= cp (upper bound by binary search).
  size_t count;
  if (cp <= 0xFFFF) {
    size_t lo = 0, hi = sizeof kAlnumBmp / sizeof kAlnumBmp[0];
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (kAlnumBmp[mid] <= cp) lo = mid + 1; else hi = mid;
    }
    count = lo;
  } else {
    size_t lo = 0, hi = sizeof kAlnumAstral / sizeof kAlnumAstral[0];
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (kAlnumAstral[mid] <= cp) lo = mid + 1; else hi = mid;
    }
    count = lo + sizeof kAlnumBmp / sizeof kAlnumBmp[0];
  }
  return (count & 1) != 0;
}

size_t fold(const char *src, size_t len, char *dst, size_t cap) {
  Sink out = {dst, cap, 0, false};
  size_t pos = 0;
  while (pos < len) {
    bool invalid;
    const uint32_t cp = utf8_next(src, len, &pos, &invalid);
    if (invalid) continue;
    uint32_t f[3];
    const int n = fold_cp(cp, f);
    for (int i = 0; i < n; ++i) out.put(f[i]);
  }
  return out.n;
}

size_t fold_key(const char *src, size_t len, char *dst, size_t cap) {
  Sink out = {dst, cap, 0, false};
  auto emit = [&out](uint32_t c) { out.put(c); };
  walk_key(src, len, emit);
  return out.n;
}

size_t make_anchor(const char *src, size_t len, char *dst, size_t cap) {
  Sink out = {dst, cap, 0, false};
  bool dash = false;
  auto emit = [&out, &dash](uint32_t c) {
    if (c == ' ') {
      dash = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && out.n > 0) out.put('-');
      dash = false;
      out.put(c);
    }
  };
  walk_key(src, len, emit);
  return out.n;
}

}  // namespace text
}  // namespace folio
