// Unit tests of the text module (engine/src/text/text.h): UTF-8, folding, keys and anchors, tokenizer,
// stemmer examples and stopwords. The word-for-word stemmer comparison with Snowball is in
// tests/text/stem_test.cpp (it links libstemmer).
#include <catch2/catch.hpp>

#include <string.h>

#include <string>
#include <vector>

#include "text/text.h"

using namespace folio::text;

namespace {

std::string folded(const std::string &s) {
  char buf[256];
  const size_t n = fold(s.data(), s.size(), buf, sizeof buf);
  REQUIRE(n <= sizeof buf);
  return std::string(buf, n);
}

std::string key(const std::string &s) {
  char buf[256];
  const size_t n = fold_key(s.data(), s.size(), buf, sizeof buf);
  REQUIRE(n <= sizeof buf);
  return std::string(buf, n);
}

std::string anchor(const std::string &s) {
  char buf[256];
  const size_t n = make_anchor(s.data(), s.size(), buf, sizeof buf);
  REQUIRE(n <= sizeof buf);
  return std::string(buf, n);
}

struct Tok {
  std::string text;
  uint32_t begin, end, position, flags;
  bool operator==(const Tok &o) const {
    return text == o.text && begin == o.begin && end == o.end && position == o.position && flags == o.flags;
  }
};

std::ostream &operator<<(std::ostream &os, const Tok &t) {
  return os << "{\"" << t.text << "\" " << t.begin << ".." << t.end << " pos " << t.position << " flags 0x"
            << std::hex << t.flags << std::dec << "}";
}

std::vector<Tok> tokens(const std::string &s) {
  std::vector<Tok> out;
  Tokenizer tk(s.data(), s.size());
  Token t;
  while (tk.next(&t)) {
    out.push_back(Tok{std::string(t.text, t.len), t.src_begin, t.src_end, t.position, t.flags});
    REQUIRE(out.size() < 1000);
  }
  return out;
}

const uint32_t C = TOKEN_COMPOUND, P = TOKEN_PART, N = TOKEN_NUMBER, U = TOKEN_UPPER, I = TOKEN_INVALID;

uint32_t decode_one(const std::string &s, size_t *consumed, bool *invalid) {
  size_t pos = 0;
  const uint32_t cp = utf8_next(s.data(), s.size(), &pos, invalid);
  *consumed = pos;
  return cp;
}

}  // namespace

// ---- UTF-8 -------------------------------------------------------------------------------------------

TEST_CASE("utf8: valid sequences of every length decode, boundaries included", "[text]") {
  struct {
    const char *bytes;
    uint32_t cp;
  } cases[] = {{"\x00", 0x00},          {"\x7F", 0x7F},          {"\xC2\x80", 0x80},
               {"\xDF\xBF", 0x7FF},     {"\xE0\xA0\x80", 0x800}, {"\xED\x9F\xBF", 0xD7FF},
               {"\xEE\x80\x80", 0xE000}, {"\xEF\xBF\xBF", 0xFFFF}, {"\xF0\x90\x80\x80", 0x10000},
               {"\xF4\x8F\xBF\xBF", 0x10FFFF}};
  for (const auto &c : cases) {
    const std::string s(c.bytes, c.cp == 0 ? 1 : strlen(c.bytes));
    size_t used;
    bool invalid = true;
    CHECK(decode_one(s, &used, &invalid) == c.cp);
    CHECK_FALSE(invalid);
    CHECK(used == s.size());
    CHECK(utf8_valid(s.data(), s.size()));
  }
}

TEST_CASE("utf8: every invalid class consumes one byte and yields U+FFFD", "[text]") {
  const char *bad[] = {
      "\x80",              // lone continuation
      "\xBF",              // lone continuation
      "\xC0\x80",          // overlong 2-byte (NUL)
      "\xC1\xBF",          // overlong 2-byte
      "\xE0\x80\x80",      // overlong 3-byte
      "\xE0\x9F\xBF",      // overlong 3-byte (U+07FF)
      "\xF0\x80\x80\x80",  // overlong 4-byte
      "\xF0\x8F\xBF\xBF",  // overlong 4-byte (U+FFFF)
      "\xED\xA0\x80",      // surrogate U+D800
      "\xED\xBF\xBF",      // surrogate U+DFFF
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80",  // lead byte beyond U+10FFFF
      "\xFE",              // never valid
      "\xFF",              // never valid
      "\xC3",              // truncated 2-byte
      "\xE2\x82",          // truncated 3-byte
      "\xF0\x9F\x98",      // truncated 4-byte
      "\xC3\x41",          // bad continuation
      "\xE2\x28\xA1",      // bad continuation in 2nd byte
      "\xE2\x82\x28",      // bad continuation in 3rd byte
      "\xF0\x9F\x98\x28",  // bad continuation in 4th byte
  };
  for (const char *b : bad) {
    const std::string s(b);
    INFO("bytes of length " << s.size() << " starting 0x" << std::hex << (unsigned)(unsigned char)s[0]);
    size_t used;
    bool invalid = false;
    CHECK(decode_one(s, &used, &invalid) == 0xFFFDu);
    CHECK(invalid);
    CHECK(used == 1);
    size_t off = 99;
    CHECK_FALSE(utf8_valid(s.data(), s.size(), &off));
    CHECK(off == 0);
  }
}

TEST_CASE("utf8: utf8_valid reports the first bad offset", "[text]") {
  const std::string s = "ok \xC3\xA9 then \xE2\x82 and \xFF";
  size_t off = 0;
  CHECK_FALSE(utf8_valid(s.data(), s.size(), &off));
  CHECK(off == 11);
  CHECK(utf8_valid("", 0));
  CHECK_FALSE(utf8_valid(s.data(), s.size()));  // bad_offset may be NULL
  // A decoder loop resynchronizes on the next lead byte.
  const std::string t = "\xE2\x82" "a\xC3\xA9";
  size_t pos = 0;
  bool invalid;
  CHECK(utf8_next(t.data(), t.size(), &pos, &invalid) == 0xFFFDu);
  CHECK(utf8_next(t.data(), t.size(), &pos, &invalid) == 0xFFFDu);
  CHECK(utf8_next(t.data(), t.size(), &pos, &invalid) == 'a');
  CHECK(utf8_next(t.data(), t.size(), &pos, &invalid) == 0xE9u);
  CHECK_FALSE(invalid);
  CHECK(pos == t.size());
}

TEST_CASE("utf8: utf8_put round-trips every scalar value and rejects the rest", "[text]") {
  char buf[4];
  size_t failures = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const size_t n = utf8_put(cp, buf);
    const size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    size_t pos = 0;
    bool invalid = true;
    const uint32_t back = utf8_next(buf, n, &pos, &invalid);
    if (n != want || back != cp || invalid || pos != n) ++failures;
  }
  CHECK(failures == 0);
  CHECK(utf8_put(0xD800, buf) == 0);
  CHECK(utf8_put(0xDFFF, buf) == 0);
  CHECK(utf8_put(0x110000, buf) == 0);
  CHECK(utf8_put(0xFFFFFFFF, buf) == 0);
}

// ---- Folding ------------------------------------------------------------------------------------------

TEST_CASE("fold: case, accents, ligatures, compatibility forms", "[text]") {
  CHECK(folded("Ruíz") == "ruiz");
  CHECK(folded("Rui\xCC\x81z") == "ruiz");  // decomposed input folds the same
  CHECK(folded("Straße") == "strasse");
  CHECK(folded("STRASSE") == "strasse");
  CHECK(folded("\xE1\xBA\x9E") == "ss");     // ẞ capital sharp s
  CHECK(folded("\xEF\xAC\x81nd") == "find");  // ﬁ ligature
  CHECK(folded("ΣΑΣ σς") == "σασ σσ");     // Σ, σ and final ς all fold to σ
  CHECK(folded("\xC3\x85") == "a");           // Å U+00C5
  CHECK(folded("\xE2\x84\xAB") == "a");       // Å U+212B ANGSTROM SIGN
  CHECK(folded("A\xCC\x8A") == "a");          // A + combining ring
  CHECK(folded("Æsir œuvre Øre Łódź") == "aesir oeuvre ore lodz");
  CHECK(folded("½") == "1\xE2\x81\x84" "2");  // 1⁄2 (fraction slash kept)
  CHECK(folded("TNF-α, IL-1β") == "tnf-α, il-1β");
  CHECK(folded("Ωμέγα ΆΈΉ") == "ωμεγα αεη");
  CHECK(folded("ЁЛКА Москва") == "елка москва");
  CHECK(folded("co\xC2\xADoperate") == "cooperate");            // soft hyphen dropped
  CHECK(folded("zero\xE2\x80\x8Bwidth") == "zerowidth");        // ZWSP dropped (default-ignorable)
  CHECK(folded("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91") == "ab1");  // fullwidth ＡＢ１
  CHECK(folded("m\xC2\xB2 \xC2\xB5g") == "m2 μg");              // superscript two, micro sign
  CHECK(folded("\xE2\x84\xA2") == "tm");                        // ™
  CHECK(folded("İstanbul") == "istanbul");
  CHECK(folded("한국어") == "한국어");                          // Hangul kept as is
  CHECK(folded("a\xFF" "b") == "ab");                           // invalid bytes dropped
  CHECK(folded("") == "");
}

TEST_CASE("fold: writes a prefix of whole code points when the buffer is short", "[text]") {
  char buf[8];
  memset(buf, '#', sizeof buf);
  CHECK(fold("αβ", strlen("αβ"), buf, 3) == 4);
  CHECK(std::string(buf, 2) == "α");
  CHECK(buf[2] == '#');
  CHECK(fold("Straße", strlen("Straße"), nullptr, 0) == 7);
}

TEST_CASE("fold_cp: the table is idempotent and bounded over the BMP and SMP", "[text]") {
  size_t not_idempotent = 0, changed = 0;
  for (uint32_t cp = 0; cp < 0x20000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    uint32_t out[3];
    const int n = fold_cp(cp, out);
    REQUIRE(n >= 0);
    REQUIRE(n <= 3);
    if (!(n == 1 && out[0] == cp)) ++changed;
    for (int i = 0; i < n; ++i) {
      uint32_t again[3];
      if (!(fold_cp(out[i], again) == 1 && again[0] == out[i])) ++not_idempotent;
    }
  }
  CHECK(not_idempotent == 0);
  CHECK(changed > 2000);  // the table is populated
  uint32_t out[3];
  CHECK(fold_cp(0x0301, out) == 0);   // combining acute
  CHECK(fold_cp(0xE0041, out) == 0);  // tag letter A
  CHECK(fold_cp(0xFE0F, out) == 0);   // variation selector 16
  REQUIRE(fold_cp(0x1F600, out) == 1);  // emoji unchanged
  CHECK(out[0] == 0x1F600);
  REQUIRE(fold_cp(0x10400, out) == 1);  // Deseret capital long I → small
  CHECK(out[0] == 0x10428);
  REQUIRE(fold_cp(0xFB03, out) == 3);   // ﬃ
  CHECK((out[0] == 'f' && out[1] == 'f' && out[2] == 'i'));
}

TEST_CASE("is_alnum_cp / is_upper_cp", "[text]") {
  for (uint32_t cp : {uint32_t('a'), uint32_t('z'), uint32_t('0'), uint32_t('9'), 0x3B1u /* α */,
                      0x438u /* и */, 0x4E2Du /* 中 */, 0xD55Cu /* 한 */, 0x0941u /* Devanagari vowel sign u */,
                      0x10428u /* Deseret */, 0x20000u /* CJK ext B */, uint32_t('A'), uint32_t('Z'),
                      0xC9u /* É, unfolded */, 0xFF21u /* fullwidth Ａ */}) {
    INFO("U+" << std::hex << cp);
    CHECK(is_alnum_cp(cp));
  }
  for (uint32_t cp : {uint32_t(' '), uint32_t('-'), uint32_t('.'), uint32_t('\''), uint32_t('$'), 0x2BCu,
                      0x2019u, 0x2013u, 0x2044u, 0x1F600u, 0xE000u /* private use */, 0xADu /* soft hyphen */,
                      uint32_t('@'), uint32_t('['), uint32_t('`'), uint32_t('{')}) {
    INFO("U+" << std::hex << cp);
    CHECK_FALSE(is_alnum_cp(cp));
  }
  CHECK(is_upper_cp('A'));
  CHECK_FALSE(is_upper_cp('a'));
  CHECK_FALSE(is_upper_cp('1'));
  CHECK(is_upper_cp(0x3A3));   // Σ
  CHECK_FALSE(is_upper_cp(0x3C3));
  CHECK(is_upper_cp(0xC9));    // É
  CHECK_FALSE(is_upper_cp(0xE9));
  CHECK(is_upper_cp(0xFF21));  // fullwidth Ａ
  CHECK(is_upper_cp(0x1C5));   // ǅ title case
}

TEST_CASE("fold_key: separators collapse to one space, apostrophes inside words drop", "[text]") {
  CHECK(key("  Stem-Cell  Therapy! ") == "stem cell therapy");
  CHECK(key("Who is a candidate?") == "who is a candidate");
  CHECK(key("Who's a candidate?") == "whos a candidate");
  CHECK(key("Patient\xE2\x80\x99s guide") == "patients guide");
  CHECK(key("'quoted' words'") == "quoted words");
  CHECK(key("TNF-α (Ruíz, 2019)") == "tnf α ruiz 2019");
  CHECK(key("ab\xFF" "cd") == "ab cd");  // an invalid byte separates
  CHECK(key("...") == "");
  CHECK(key("") == "");
  char buf[4];
  CHECK(fold_key("Stem Cell", 9, buf, 4) == 9);
  CHECK(std::string(buf, 4) == "stem");
}

TEST_CASE("make_anchor: [a-z0-9-] only, single dashes, never at the ends", "[text]") {
  CHECK(anchor("Who is a candidate?") == "who-is-a-candidate");
  CHECK(anchor("  Stem-Cell  Therapy! ") == "stem-cell-therapy");
  CHECK(anchor("Who's eligible?") == "whos-eligible");
  CHECK(anchor("TNF-α levels") == "tnf-levels");
  CHECK(anchor("Ruíz & Co. (2019)") == "ruiz-co-2019");
  CHECK(anchor("--Hello--") == "hello");
  CHECK(anchor("Ελληνικά") == "");
  CHECK(anchor("α and β") == "and");
  CHECK(make_anchor("Who is", 6, nullptr, 0) == 6);
}

// ---- Tokenizer -----------------------------------------------------------------------------------------

TEST_CASE("tokenizer: TNF-alpha and IL-1beta compounds, written with the Greek letters", "[text]") {
  // "TNF-α" is bytes 0..6 (α is 2 bytes), "IL-1β" bytes 11..17.
  const std::vector<Tok> want = {
      {"tnfα", 0, 6, 0, C},  {"tnf", 0, 3, 0, P | U}, {"α", 4, 6, 0, P},      {"and", 7, 10, 1, 0},
      {"il1β", 11, 17, 2, C}, {"il", 11, 13, 2, P | U}, {"1β", 14, 17, 2, P}};
  CHECK(tokens("TNF-α and IL-1β") == want);
}

TEST_CASE("tokenizer: hyphenated words, en dash between numbers, slash", "[text]") {
  const std::vector<Tok> want = {{"antiinflammatory", 0, 17, 0, C},
                                 {"anti", 0, 4, 0, P},
                                 {"inflammatory", 5, 17, 0, P},
                                 {"2-3", 18, 23, 1, C},  // "2–3": the en dash is 3 bytes
                                 {"2", 18, 19, 1, P | N},
                                 {"3", 22, 23, 1, P | N},
                                 {"weeks", 24, 29, 2, 0},
                                 {"andor", 30, 36, 3, C},
                                 {"and", 30, 33, 3, P},
                                 {"or", 34, 36, 3, P}};
  CHECK(tokens("anti-inflammatory 2–3 weeks and/or") == want);
  // Joiners with spaces around, doubled or dangling do not join.
  const std::vector<Tok> loose = {{"a", 0, 1, 0, 0}, {"b", 4, 5, 1, 0}, {"c", 6, 7, 2, 0},
                                  {"d", 9, 10, 3, 0}, {"e", 12, 13, 4, 0}};
  CHECK(tokens("a - b c--d- e-") == loose);
  // Digits on both sides keep one '-', including a digit part next to letters.
  const std::vector<Tok> covid = {{"covid19", 0, 8, 0, C | U}, {"covid", 0, 5, 0, P | U}, {"19", 6, 8, 0, P | N}};
  CHECK(tokens("COVID-19") == covid);
}

TEST_CASE("tokenizer: numbers, thousands separators, decimals, currency", "[text]") {
  const std::vector<Tok> want = {{"10000", 1, 7, 0, N},      {"or", 8, 10, 1, 0},  {"2.5", 11, 14, 2, N},
                                 {"mg", 15, 17, 3, 0},       {"1", 19, 20, 4, N},  {"2", 21, 22, 5, N},
                                 {"3", 23, 24, 6, N},        {"1000000.5", 25, 36, 7, N},
                                 {"3.14", 37, 41, 8, N},     {"15", 42, 44, 9, N}, {"v2", 45, 47, 10, 0},
                                 {"5", 48, 49, 11, N},       {"1234", 50, 55, 12, N}};
  CHECK(tokens("$10,000 or 2.5 mg, 1,2,3 1,000,000.5 3.14.15 v2.5 1,234.") == want);
  // A comma followed by more or fewer than three digits separates.
  const std::vector<Tok> sep = {{"10", 0, 2, 0, N}, {"0000", 3, 7, 1, N}, {"10", 8, 10, 2, N}, {"00", 11, 13, 3, N}};
  CHECK(tokens("10,0000 10,00") == sep);
}

TEST_CASE("tokenizer: a citation marker is no token and takes no position", "[text]") {
  // "[4]", "[12][3]" and a table cell's "[[1]]" are the renderer's source numbers; digits in brackets with
  // anything else ("[1.5]", "[a1]", "[2-3]", "[10,000]") and a bracket on one side only are words
  const std::vector<Tok> want = {{"knee", 0, 4, 0, 0},   {"pain", 5, 9, 1, 0},    {"common", 22, 28, 2, 0},
                                 {"1.5", 36, 39, 3, N},  {"a1", 42, 44, 4, 0},    {"2-3", 47, 50, 5, C},
                                 {"2", 47, 48, 5, P | N}, {"3", 49, 50, 5, P | N}, {"10000", 53, 59, 6, N},
                                 {"7", 62, 63, 7, N},     {"8", 66, 67, 8, N}};
  CHECK(tokens("knee pain [4] [12][3] common [[1]] [1.5] [a1] [2-3] [10,000] (7] [8") == want);
  CHECK(tokens("[1]").empty());
  CHECK(tokens("[1] [22]").empty());
}

TEST_CASE("tokenizer: apostrophes, upper-case flag, folding", "[text]") {
  const std::vector<Tok> want = {{"the", 0, 3, 0, 0},       {"patients", 4, 13, 1, 0}, {"acl", 14, 17, 2, U},
                                 {"oa", 19, 21, 3, U},      {"a", 22, 23, 4, 0},       {"patients", 24, 32, 5, 0},
                                 {"patients", 34, 45, 6, 0}, {"ruiz", 46, 51, 7, 0},   {"strasse", 52, 60, 8, U},
                                 {"strasse", 61, 68, 9, 0}};
  // ’ is 3 bytes, í 2, ẞ (capital sharp s) 3; ß is a lower-case letter, so STRAßE is not all upper-case.
  CHECK(tokens("The patient's ACL, OA A patients' patient\xE2\x80\x99s Ruíz STRA\xE1\xBA\x9E" "E STRAßE") == want);
  // Combining marks and soft hyphens do not split words; ½ yields two tokens sharing its bytes.
  const std::vector<Tok> more = {{"ete", 0, 6, 0, 0}, {"cooperate", 7, 18, 1, 0}, {"1", 19, 21, 2, N},
                                 {"2", 19, 21, 3, N}};
  CHECK(tokens("e\xCC\x81t\xC3\xA9 co\xC2\xADoperate ½") == more);
}

TEST_CASE("tokenizer: invalid UTF-8 separates and flags the next token", "[text]") {
  Tokenizer tk("ab\xFF" "cd ef", 8);
  Token t;
  REQUIRE(tk.next(&t));
  CHECK(std::string(t.text, t.len) == "ab");
  CHECK(t.flags == 0);
  CHECK_FALSE(tk.saw_invalid());
  REQUIRE(tk.next(&t));
  CHECK(std::string(t.text, t.len) == "cd");
  CHECK(t.flags == TOKEN_INVALID);
  CHECK(t.src_begin == 3);
  CHECK(tk.saw_invalid());
  REQUIRE(tk.next(&t));
  CHECK(t.flags == 0);
  CHECK_FALSE(tk.next(&t));
  CHECK(tokens("TNF-\xFF" "a") == std::vector<Tok>{{"tnf", 0, 3, 0, U}, {"a", 5, 6, 1, I}});
}

TEST_CASE("tokenizer: compound chains are bounded at 8 parts", "[text]") {
  const std::vector<Tok> eight = tokens("a-b-c-d-e-f-g-h k");
  REQUIRE(eight.size() == 10);
  CHECK(eight[0] == Tok{"abcdefgh", 0, 15, 0, C});
  for (int i = 0; i < 8; ++i) {
    CHECK(eight[1 + i] == Tok{std::string(1, char('a' + i)), uint32_t(2 * i), uint32_t(2 * i + 1), 0, P});
  }
  CHECK(eight[9] == Tok{"k", 16, 17, 1, 0});
  // Nine parts: no joined form, every part an ordinary word with its own position.
  const std::vector<Tok> nine = tokens("a-b-c-d-e-f-g-h-i j");
  REQUIRE(nine.size() == 10);
  for (uint32_t i = 0; i < 10; ++i) {
    CHECK(nine[i] == Tok{std::string(1, char('a' + i)), 2 * i, 2 * i + 1, i, 0});
  }
}

TEST_CASE("tokenizer: tokens are cut at MAX_TOKEN_BYTES on a code point boundary", "[text]") {
  const std::string longword(100, 'x');
  std::vector<Tok> t = tokens(longword + " y");
  REQUIRE(t.size() == 2);
  CHECK(t[0] == Tok{std::string(MAX_TOKEN_BYTES, 'x'), 0, 100, 0, 0});
  CHECK(t[1] == Tok{"y", 101, 102, 1, 0});
  std::string greek = "a";
  for (int i = 0; i < 40; ++i) greek += "α";
  t = tokens(greek);
  REQUIRE(t.size() == 1);
  CHECK(t[0].text.size() == 63);  // "a" + 31 × α; a 32nd α would need byte 65
  CHECK(t[0].end == 81);
  // A long compound: the joined form is cut, the parts are whole.
  t = tokens(longword + "-" + longword);
  REQUIRE(t.size() == 3);
  CHECK(t[0] == Tok{std::string(MAX_TOKEN_BYTES, 'x'), 0, 201, 0, C});
  CHECK(t[2].begin == 101);
}

TEST_CASE("tokenizer: empty and separator-only input", "[text]") {
  CHECK(tokens("").empty());
  CHECK(tokens(" \t\n-–/,.'$").empty());
  Tokenizer tk(nullptr, 0);
  Token t;
  CHECK_FALSE(tk.next(&t));
  CHECK_FALSE(tk.next(&t));
}

TEST_CASE("tokenizer: invariants hold on pseudo-random input", "[text]") {
  // Bytes drawn from pieces that exercise every rule, plus raw random bytes (invalid UTF-8).
  const char *pieces[] = {"a", "Z", "9", "0", "-", "\xE2\x80\x93", "/", ",", ".", "'", "\xE2\x80\x99", " ",
                          "\xC3\xA9", "\xCC\x81", "\xC2\xAD", "\xC2\xBD", "\xCE\xB1", "\xC3\x9F", "$", "\xEF\xAC\x81"};
  uint32_t seed = 12345;
  auto rnd = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return seed >> 16;
  };
  size_t bad = 0, total = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s;
    const uint32_t n = rnd() % 40;
    for (uint32_t i = 0; i < n; ++i) {
      if (rnd() % 8 == 0) {
        s += char(rnd() & 0xFF);
      } else {
        s += pieces[rnd() % (sizeof pieces / sizeof pieces[0])];
      }
    }
    Tokenizer tk(s.data(), s.size());
    Token t;
    uint32_t last_pos = 0, compound_pos = 0, count = 0;
    bool first = true;
    while (tk.next(&t)) {
      ++total;
      const bool ok = t.src_begin < t.src_end && t.src_end <= s.size() && t.len > 0 && t.len <= MAX_TOKEN_BYTES &&
                      utf8_valid(t.text, t.len) && (first || t.position >= last_pos) &&
                      (first || t.position <= last_pos + 1) &&
                      (!(t.flags & TOKEN_PART) || t.position == compound_pos) && ++count <= 3 * s.size() + 1;
      if (!ok) {
        ++bad;
        break;
      }
      if (t.flags & TOKEN_COMPOUND) compound_pos = t.position;
      last_pos = t.position;
      first = false;
    }
  }
  CHECK(bad == 0);
  CHECK(total > 10000);
}

// ---- Stemming and stopwords ---------------------------------------------------------------------------

TEST_CASE("stem_english: Porter2 examples (expected values from Snowball)", "[text]") {
  const char *cases[][2] = {{"running", "run"},           {"consignment", "consign"}, {"generously", "generous"},
                            {"knee", "knee"},             {"knees", "knee"},          {"cartilage", "cartilag"},
                            {"inflammatory", "inflammatori"}, {"hoping", "hope"},     {"hopping", "hop"},
                            {"skies", "sky"},             {"news", "news"},           {"relational", "relat"},
                            {"conditional", "condit"},    {"factionally", "faction"}, {"community", "communiti"},
                            {"generation", "generat"},    {"united", "unit"},         {"proceeding", "proceed"},
                            {"exceed", "exceed"},         {"cells", "cell"},          {"stemming", "stem"},
                            {"therapies", "therapi"},     {"injections", "inject"},   {"sy", "sy"}};
  for (const auto &c : cases) {
    std::string w = c[0];
    w.resize(stem_english(&w[0], w.size()));
    CHECK(w == c[1]);
  }
}

TEST_CASE("stem_english: non-ASCII, digits and short words are unchanged", "[text]") {
  for (const char *s : {"αβγδες", "covid19s", "il1β", "is", "", "naïve"}) {
    std::string w = s;
    CHECK(stem_english(&w[0], w.size()) == w.size());
    CHECK(w == s);
  }
}

TEST_CASE("is_stopword: the Snowball English list, contractions without apostrophes", "[text]") {
  for (const char *s : {"a", "the", "and", "of", "yourselves", "dont", "whos", "isnt", "very", "i", "youve"}) {
    CHECK(is_stopword(s, strlen(s)));
  }
  for (const char *s : {"", "th", "thee", "stem", "cell", "well", "ill", "shed", "shell", "zzz", "aa"}) {
    CHECK_FALSE(is_stopword(s, strlen(s)));
  }
}
