// stem_english() against Snowball's own "english" stemmer (Debian libstemmer), word for word, on:
//   - every word of /usr/share/dict/words (Debian wamerican, installed by scripts/deps.sh), lower-cased;
//   - the same words with common suffixes appended and with a leading apostrophe (to reach the
//     suffix rules and the apostrophe handling that plain dictionary words rarely trigger);
//   - every token of the Markdown files under content/, as folio's own Tokenizer produces them.
// Only words made of a-z and apostrophes are compared: stem_english() deliberately leaves words with
// other characters (digits, non-ASCII letters) unchanged, while Snowball would stem "naïves" as a word
// with a consonant "ï". That is the one documented difference.
#include <catch2/catch.hpp>
#include <libstemmer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/text.h"

namespace {

bool comparable(const std::string &w) {
  if (w.empty()) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; });
}

struct Comparison {
  size_t words = 0;
  size_t mismatches = 0;
  std::vector<std::string> examples;
};

void compare(sb_stemmer *sb, const std::string &w, Comparison *r) {
  if (!comparable(w)) return;
  ++r->words;
  const sb_symbol *s = sb_stemmer_stem(sb, reinterpret_cast<const sb_symbol *>(w.data()), int(w.size()));
  const std::string want = s ? std::string(reinterpret_cast<const char *>(s), size_t(sb_stemmer_length(sb)))
                             : std::string("<snowball failed>");
  std::string got = w;
  got.resize(folio::text::stem_english(&got[0], got.size()));
  if (got != want) {
    ++r->mismatches;
    if (r->examples.size() < 20) r->examples.push_back(w + ": snowball " + want + ", folio " + got);
  }
}

std::string lower(std::string w) {
  for (char &c : w) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return w;
}

void report(const char *what, const Comparison &r) {
  std::ostringstream os;
  os << what << ": " << r.words << " words compared, " << r.mismatches << " mismatches";
  for (const std::string &e : r.examples) os << "\n  " << e;
  WARN(os.str());
}

}  // namespace

TEST_CASE("stem_english matches Snowball on the system dictionary", "[text][stem]") {
  std::ifstream in("/usr/share/dict/words");
  // scripts/deps.sh installs wamerican: a missing dictionary is a failed check, never a skipped one.
  INFO("/usr/share/dict/words missing (Debian package wamerican)");
  REQUIRE(in.good());
  sb_stemmer *sb = sb_stemmer_new("english", nullptr);
  REQUIRE(sb != nullptr);
  static const char *const kSuffixes[] = {"s",       "es",   "ies",  "ing",   "ingly", "ed",  "edly",
                                          "eed",     "ly",   "ness", "ational", "izer", "ousli", "ement",
                                          "ization", "ful",  "y",    "e",     "'s",    "s'",  "'"};
  Comparison plain, derived;
  std::string w;
  while (in >> w) {
    w = lower(w);
    compare(sb, w, &plain);
    for (const char *suf : kSuffixes) compare(sb, w + suf, &derived);
    compare(sb, "'" + w, &derived);
  }
  sb_stemmer_delete(sb);
  report("dictionary", plain);
  report("dictionary with suffixes", derived);
  CHECK(plain.words > 50000);
  CHECK(plain.mismatches == 0);
  CHECK(derived.mismatches == 0);
}

TEST_CASE("stem_english matches Snowball on every token of content/", "[text][stem]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(FOLIO_SOURCE_DIR) / "content";
  REQUIRE(fs::is_directory(root));
  std::vector<fs::path> files;
  for (const auto &e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  sb_stemmer *sb = sb_stemmer_new("english", nullptr);
  REQUIRE(sb != nullptr);
  Comparison r;
  for (const fs::path &p : files) {
    std::ifstream in(p, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    folio::text::Tokenizer tk(text.data(), text.size());
    folio::text::Token t;
    while (tk.next(&t)) compare(sb, std::string(t.text, t.len), &r);
  }
  sb_stemmer_delete(sb);
  report("content tokens", r);
  CHECK(r.words > 1000);
  CHECK(r.mismatches == 0);
}
