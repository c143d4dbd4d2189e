// UTF-8 decoding, validation and encoding (RFC 3629): shortest form only, no surrogates, nothing above
// U+10FFFF. Every error consumes exactly one byte, so a decoder loop always advances and resynchronizes
// on the next lead byte.
#include "text/text.h"

namespace folio {
namespace text {

uint32_t utf8_next(const char *s, size_t len, size_t *pos, bool *invalid) {
  const unsigned char *p = reinterpret_cast<const unsigned char *>(s) + *pos;
  const size_t avail = len - *pos;
  const uint32_t b0 = p[0];
  *invalid = false;
  if (b0 < 0x80) {
    *pos += 1;
    return b0;
  }
  uint32_t cp;
  size_t n;
  // The second byte's range is checked per lead byte (Unicode Table 3-7), which rejects overlongs,
  // surrogates and values above U+10FFFF before reading further.
  uint32_t lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2; cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3; cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4; cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    goto bad;
  }
  if (avail < n) goto bad;
  if (p[1] < lo || p[1] > hi) goto bad;
  for (size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) goto bad;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  *pos += n;
  return cp;
bad:
  *pos += 1;
  *invalid = true;
  return 0xFFFD;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset) {
  size_t pos = 0;
  while (pos < len) {
    const size_t at = pos;
    bool invalid;
    utf8_next(s, len, &pos, &invalid);
    if (invalid) {
      if (bad_offset) *bad_offset = at;
      return false;
    }
  }
  return true;
}

size_t utf8_put(uint32_t cp, char *out) {
  unsigned char *o = reinterpret_cast<unsigned char *>(out);
  if (cp < 0x80) {
    o[0] = static_cast<unsigned char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    o[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    o[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp < 0x10000) {
    o[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    o[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    o[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp > 0x10FFFF) return 0;
  o[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
  o[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
  o[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
  o[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace text
}  // namespace folio
