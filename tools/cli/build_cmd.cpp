// `folio build` / `folio lint`: option parsing, progress, diagnostics, the JSON summary.
#include "build_cmd.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "builder_content.h"
#include "atomic_write.h"
#include "pack_writer.h"

namespace folio {
namespace tools {
namespace {

// Progress on stderr: a bar when stderr is a terminal, plain lines otherwise (one per finished stage).
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) == 1) {}
  void line(const std::string &s) {
    if (quiet_) return;
    clear();
    std::fprintf(stderr, "%s\n", s.c_str());
  }
  void step(const char *stage, size_t done, size_t total) {
    if (quiet_) return;
    if (tty_) {
      const int width = 30;
      const int fill = total ? static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width) : width;
      std::fprintf(stderr, "\r[%-*s] %s %zu/%zu", width, std::string(static_cast<size_t>(fill), '#').c_str(), stage,
                   done, total);
      dirty_ = true;
      if (done == total) clear();
    }
    if (done == total && total > 0) line(std::string(stage) + " " + std::to_string(total) + " " + unit(stage));
  }

 private:
  // what a stage counts, for its closing line ("encoded 26 documents")
  static const char *unit(const char *stage) {
    static const struct {
      const char *stage, *unit;
    } kUnits[] = {{"encoded", "documents"},        {"trained", "dictionary candidates"},
                  {"read", "sections"},            {"indexed", "sections"},
                  {"checked", "lexicon words"},    {"compressed snippets of", "sections"}};
    for (const auto &u : kUnits)
      if (std::string(stage) == u.stage) return u.unit;
    return "frames";
  }
  void clear() {
    if (dirty_) std::fprintf(stderr, "\r\033[K");
    dirty_ = false;
  }
  bool quiet_, tty_, dirty_ = false;
};

void print_diagnostics(const Diagnostics &d, bool quiet) { std::cerr << d.format(!quiet) << std::flush; }

// Loads and validates. Returns false (after printing) if there were errors.
bool load_and_check(const std::string &input, Content *c, Diagnostics &diag, Progress &prog,
                    const std::string &lexicon = std::string()) {
  *c = load_content(input, diag);
  if (!lexicon.empty()) load_lexicon(lexicon, lexicon, *c, diag);
  prog.line("loaded " + std::to_string(c->articles.size()) + " articles, " + std::to_string(c->glossary.size()) +
            " glossary entries, " + std::to_string(c->references.size()) + " references");
  validate_content(*c, diag);
  return diag.errors() == 0;
}

// A thread count from the environment: digits only, 1 to 256.
bool parse_threads(const char *s, unsigned *out) {
  unsigned v = 0;
  size_t n = 0;
  for (; s[n]; ++n) {
    if (s[n] < '0' || s[n] > '9' || n >= 3) return false;
    v = v * 10 + static_cast<unsigned>(s[n] - '0');
  }
  if (v < 1 || v > 256) return false;
  *out = v;
  return true;
}

}  // namespace

int cmd_build(int argc, char **argv) {
  CLI::App app{"Compile a content directory or a .jsonl corpus into one pack file", "folio build"};
  app.allow_windows_style_options(false);  // "/tmp/x" is a path, never an option (CLI11 allows /opt on Windows)
  std::string input, out, timestamp;
  bool json = false, no_dict = false, quiet = false, skip_search = false, no_snippets = false;
  uint32_t max_doc = 96 * 1024;
  int level = 19;
  unsigned threads = 0;
  app.add_option("INPUT", input, "content directory (content/README.md) or a .jsonl corpus")->required();
  app.add_option("-o,--output", out, "pack file to write (default: INPUT name + .folio)");
  app.add_flag("--json", json, "print a JSON summary on stdout");
  app.add_option("--timestamp", timestamp, "record this build time string in the pack (default: none)");
  app.add_option("--max-doc-bytes", max_doc, "largest allowed article document in bytes (default 98304)")
      ->check(CLI::Range(1024u, 0x7FFFFFFFu));
  app.add_flag("--no-dictionary", no_dict, "do not train a shared zstd dictionary");
  app.add_option("--level", level,
                 "zstd level 1 to 19 (default 19, the smallest pack); a lower level builds faster for a draft "
                 "(the same content and level give the same bytes)")
      ->check(CLI::Range(1, 19));
  app.add_option("--threads", threads,
                 "threads training the dictionary, compressing the articles and snippets, tokenizing the "
                 "sections and filtering the lexicon, 1 to 256 (default: "
                 "FOLIO_BUILD_THREADS if set, else one a core); the pack's bytes do not depend on it")
      ->check(CLI::Range(1u, 256u));
  app.add_flag("--quiet", quiet, "no progress lines and no warnings (errors are always shown)");
  app.add_flag("--no-snippet-store", no_snippets,
               "leave the snippet source out of the search index: a smaller pack, slower snippets (each one "
               "decompresses its whole article)");
  app.add_flag("--skip-search", skip_search, "debugging: build without the search index (single pass)");
  std::string lexicon;
  app.add_option("--lexicon", lexicon,
                 "word list (one word a line) telling real words from typos; default: INPUT/lexicon.txt "
                 "for a content directory, none for a .jsonl corpus");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (threads == 0) {
    // the environment's default, like zstd's ZSTD_NBTHREADS: for a machine (or an emulator) where threads
    // are costly or do not work, without changing every command line that builds a pack
    const char *env = std::getenv("FOLIO_BUILD_THREADS");
    if (env && *env) {
      if (!parse_threads(env, &threads)) {
        std::cerr << "folio build: FOLIO_BUILD_THREADS=" << env << ": expected a whole number from 1 to 256\n";
        return 2;
      }
    } else {
      threads = std::max(1u, std::thread::hardware_concurrency());
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  if (out.empty()) {
    std::string base = input;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    out = std::filesystem::path(base).replace_extension(".folio").string();
    if (out == base) out = base + ".folio";
  }
  std::error_code ec;
  if (!std::filesystem::exists(input, ec)) {
    std::cerr << "folio build: " << input << ": no such file or directory\n";
    return 2;
  }
  Progress prog(quiet);
  Diagnostics diag;
  try {
    Content c;
    if (!lexicon.empty() && !std::filesystem::is_regular_file(lexicon, ec)) {
      std::cerr << "folio build: " << lexicon << ": no such file (--lexicon)\n";
      return 2;
    }
    if (!load_and_check(input, &c, diag, prog, lexicon)) {
      print_diagnostics(diag, quiet);
      std::cerr << "folio build: " << diag.errors() << " error(s); nothing written\n";
      return 2;
    }
    BuildOptions opt;
    opt.max_doc_bytes = max_doc;
    opt.allow_dictionary = !no_dict;
    opt.has_timestamp = !timestamp.empty();
    opt.timestamp = timestamp;
    opt.search = !skip_search;
    opt.snippet_store = !no_snippets;
    opt.level = level;
    opt.threads = threads;
    opt.progress = [&](const char *stage, size_t done, size_t total) { prog.step(stage, done, total); };
    BuildStats st;
    const std::vector<uint8_t> pack = build_pack(c, opt, diag, &st);
    if (diag.errors()) {
      print_diagnostics(diag, quiet);
      std::cerr << "folio build: " << diag.errors() << " error(s); nothing written\n";
      return 2;
    }
    print_diagnostics(diag, quiet);
    prog.line(std::string("dictionary: ") +
              (st.dictionary_used ? std::to_string(st.dictionary_bytes) + " bytes, used (frames " +
                                        std::to_string(st.frames_bytes_dict) + " vs " +
                                        std::to_string(st.frames_bytes_plain) + " without)"
                                  : st.frames_bytes_dict ? "not used (no gain)" : "not trained"));
    if (!st.note.empty()) prog.line("note: " + st.note);
    write_file_atomic(out, pack);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    prog.line("wrote " + out + " (" + std::to_string(st.pack_bytes) + " bytes)");
    if (json) {
      nlohmann::ordered_json j;
      j["output"] = out;
      j["articles"] = st.articles;
      j["sections"] = st.sections;
      j["glossary"] = st.glossary;
      j["references"] = st.references;
      j["raw_bytes"] = st.raw_bytes;
      j["text_bytes"] = st.text_bytes;
      j["pack_bytes"] = st.pack_bytes;
      j["index_bytes"] = st.index_bytes;
      j["search_index_bytes"] = st.search_index_bytes;
      j["search_index_share"] =
          st.text_bytes ? static_cast<double>(st.search_index_bytes) / static_cast<double>(st.text_bytes) : 0.0;
      j["search_snippet_bytes"] = st.search_snippet_bytes;
      j["search_lexicon_bytes"] = st.search_lexicon_bytes;
      j["search_lexicon_words"] = st.search_lexicon_words;
      j["search_lexicon_forms"] = st.search_lexicon_forms;
      j["search_spelling_variants"] = st.search_spelling_variants;
      j["dictionary_bytes"] = st.dictionary_bytes;
      j["frames_bytes"] = st.frames_bytes;
      j["workspace_bytes"] = st.workspace_bytes;
      j["max_doc_bytes"] = st.max_doc_bytes;
      j["zstd_level"] = level;
      j["threads"] = threads;
      j["warnings"] = diag.warnings();
      j["seconds"] = secs;
      std::cout << j.dump() << "\n" << std::flush;
    }
    return 0;
  } catch (const std::exception &e) {
    print_diagnostics(diag, quiet);
    std::cerr << "folio build: " << e.what() << "\n";
    return 1;
  }
}

int cmd_lint(int argc, char **argv) {
  CLI::App app{"Check a content directory or a .jsonl corpus without writing anything", "folio lint"};
  app.allow_windows_style_options(false);  // "/tmp/x" is a path, never an option (CLI11 allows /opt on Windows)
  std::string input;
  bool json = false, quiet = false;
  app.add_option("INPUT", input, "content directory or .jsonl corpus")->required();
  app.add_flag("--json", json, "print a JSON summary (counts and diagnostics) on stdout");
  app.add_flag("--quiet", quiet, "no progress lines and no warnings");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  Progress prog(quiet);
  Diagnostics diag;
  try {
    Content c;
    const bool ok = load_and_check(input, &c, diag, prog);
    print_diagnostics(diag, quiet);
    if (json) {
      nlohmann::ordered_json j;
      j["articles"] = c.articles.size();
      j["errors"] = diag.errors();
      j["warnings"] = diag.warnings();
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const Diagnostic &d : diag.sorted())
        list.push_back({{"path", d.path}, {"line", d.line}, {"severity", d.warning ? "warning" : "error"},
                        {"message", d.message}});
      j["diagnostics"] = list;
      std::cout << j.dump() << "\n" << std::flush;
    }
    if (!ok) {
      std::cerr << "folio lint: " << diag.errors() << " error(s), " << diag.warnings() << " warning(s)\n";
      return 2;
    }
    prog.line("ok: " + std::to_string(diag.warnings()) + " warning(s)");
    return 0;
  } catch (const std::exception &e) {
    std::cerr << "folio lint: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace tools
}  // namespace folio
