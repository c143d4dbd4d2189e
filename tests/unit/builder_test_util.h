// Helpers for the builder tests: temporary content trees, a valid fixture, and running the commands.
#ifndef FOLIO_TESTS_BUILDER_TEST_UTIL_H
#define FOLIO_TESTS_BUILDER_TEST_UTIL_H

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "build_cmd.h"
#include "builder_content.h"

namespace folio_test {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    // a new directory of a random name (create_directory fails on an existing one, so two runs never
    // share one); portable where mkdtemp is not (Windows)
    std::random_device rd;
    for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
      char name[32];
      std::snprintf(name, sizeof name, "folio-builder-%08x", static_cast<unsigned>(rd()));
      const fs::path p = fs::temp_directory_path() / name;
      std::error_code ec;
      if (fs::create_directory(p, ec) && !ec) path_ = p.generic_string();
    }
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  std::string operator/(const std::string &rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

inline void write_file(const std::string &path, const std::string &text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream f(path, std::ios::binary);
  f << text;
}

inline std::string read_file(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::vector<uint8_t> read_bytes(const std::string &path) {
  const std::string s = read_file(path);
  return std::vector<uint8_t>(s.begin(), s.end());
}

// Runs cmd_build / cmd_lint with the given arguments (argv[0] = the command name).
inline int run_cmd(int (*cmd)(int, char **), const char *name, std::initializer_list<std::string> args) {
  std::vector<std::string> store;
  store.emplace_back(name);
  for (const auto &a : args) store.push_back(a);
  std::vector<char *> argv;
  for (auto &s : store) argv.push_back(&s[0]);
  argv.push_back(nullptr);
  return cmd(static_cast<int>(store.size()), argv.data());
}
inline int run_build(std::initializer_list<std::string> args) {
  return run_cmd(folio::tools::cmd_build, "build", args);
}
inline int run_lint(std::initializer_list<std::string> args) { return run_cmd(folio::tools::cmd_lint, "lint", args); }

// A small content tree that passes every check: three articles, glossary, references, synonyms.
inline void write_fixture(const std::string &root) {
  write_file(root + "/pack.yaml",
             "title: Test pack\n"
             "language: en\n"
             "content_version: \"0.1\"\n"
             "licence: CC0\n"
             "disclaimer: Not advice.\n"
             "abbreviations_exempt: [UK]\n");
  write_file(root + "/synonyms.yaml", "- [kneecap, patella]\n- [shot, injection]\n");
  write_file(root + "/glossary/terms.yaml",
             "- id: patella\n"
             "  term: Patella\n"
             "  abbreviations: []\n"
             "  everyday: [kneecap, knee cap]\n"
             "  definition: The small bone at the front of the knee.\n"
             "  see_also: [cartilage]\n"
             "  articles: [alpha]\n"
             "- id: cartilage\n"
             "  term: Cartilage\n"
             "  abbreviations: [AC]\n"
             "  everyday: [gristle]\n"
             "  definition: Smooth tissue that covers the ends of bones.\n");
  write_file(root + "/references/refs.yaml",
             "- id: ref-one\n"
             "  kind: study\n"
             "  authors: [Smith A, Jones B]\n"
             "  title: A study of knees\n"
             "  journal: Knee Journal\n"
             "  year: 2020\n"
             "  doi: 10.1000/xyz\n"
             "- id: ref-two\n"
             "  kind: organisation\n"
             "  authors: [Health Body]\n"
             "  title: Guidance on knees\n"
             "  publisher: Health Body\n"
             "  url: https://example.org/guide\n"
             "- id: ref-three\n"
             "  kind: web\n"
             "  title: A web page\n"
             "  publisher: Example\n");
  // Line numbers matter in tests: the body of alpha starts on line 12.
  write_file(root + "/articles/alpha.md",
             "---\n"                                           // 1
             "slug: alpha\n"                                   // 2
             "title: Alpha knees\n"                            // 3
             "aliases: [First article, AK]\n"                  // 4
             "summary: The first test article.\n"              // 5
             "audience: both\n"                                // 6
             "topics: [basics, knees]\n"                       // 7
             "updated: 2024-02-29\n"                           // 8
             "sources: [ref-two, ref-one]\n"                   // 9
             "related: [beta]\n"                               // 10
             "---\n"                                           // 11
             "The knee has a [[patella]] in front. [@ref-one]\n"  // 12
             "\n"                                              // 13
             "## How it works\n"                               // 14
             "\n"                                              // 15
             "It moves with *care* and **force**. See [beta](beta#details). [@ref-two; @ref-one]\n"  // 16
             "\n"                                              // 17
             "- one point [@ref-one]\n"                        // 18
             "- two point\n"                                   // 19
             "  1. nested first\n"                             // 20
             "  2. nested second\n"                            // 21
             "\n"                                              // 22
             "### Detail {#deep .clinician}\n"                 // 23
             "\n"                                              // 24
             "The ACL holds the joint. [@ref-one]\n"           // 25
             "\n"                                              // 26
             "| Part | Use |\n"                                 // 27
             "|:---|---:|\n"                                   // 28
             "| [[cartilage|gristle]] | `glide` |\n"           // 29
             "\n"                                              // 30
             "## How it works\n"                               // 31
             "\n"                                              // 32
             "> Quoted words here. [@ref-two]\n"               // 33
             "\n"                                              // 34
             "```\n"                                           // 35
             "code line\n"                                     // 36
             "```\n"                                           // 37
             "\n"                                              // 38
             "---\n"                                           // 39
             "\n"                                              // 40
             "Line one  \n"                                    // 41
             "line two at [the site](https://example.org). [@ref-one]\n"  // 42
             "\n"                                              // 43
             "## Questions {.nocite}\n"                        // 44
             "\n"                                              // 45
             "Ask about it.\n");                               // 46
  write_file(root + "/articles/beta.md",
             "---\n"
             "slug: beta\n"
             "title: Beta joints\n"
             "summary: The second test article.\n"
             "audience: patient\n"
             "topics: [knees]\n"
             "updated: 2023-01-15\n"
             "sources: [ref-three]\n"
             "---\n"
             "Joints bend. [@ref-three]\n"
             "\n"
             "## Details\n"
             "\n"
             "Anterior cruciate ligament (ACL) tears hurt. See [alpha](alpha). [@ref-three]\n");
  write_file(root + "/articles/gamma.md",
             "---\n"
             "slug: gamma\n"
             "title: Gamma for clinicians\n"
             "summary: Clinician notes.\n"
             "audience: clinician\n"
             "updated: 2023-01-16\n"
             "sources: [ref-three]\n"
             "---\n"
             "The MCL and PCL are ligaments. [@ref-three]\n");
}

inline bool contains(const std::string &hay, const std::string &needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace folio_test

#endif
