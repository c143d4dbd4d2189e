// browse_cmd.cpp: `folio browse PACK`, an interactive prompt for a terminal (the kiosk experience in a
// shell). Each line typed shows title suggestions and the best sections by full-text search (the last
// word counts as a prefix, typos are corrected).
// Commands: ":get SLUG[#anchor]" (or a title) prints an article or section, a number opens that result,
// ":help" lists the commands, ":q" quits.
// The pack is read into memory, not mapped, and before each line the file is checked: when an update has
// replaced or rewritten it, the new pack is opened and used; while it does not open (a copy still in
// progress, a broken update) the pack in memory goes on answering.
#include <cctype>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli_pack.h"
#include "read_cmds.h"
#include "search_cmd.h"

namespace folio {
namespace cli {

static void show(folio_reader *r, const folio_pack *p, uint32_t article, uint32_t section) {
  std::string out;
  int st = render(r, article, section, FOLIO_FORMAT_TEXT, 0, &out);
  if (st != FOLIO_OK) {
    std::printf("  (cannot render: %s)\n", folio_status_str(st));
    return;
  }
  (void)p;
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::printf("\n");
}

int cmd_browse(int argc, char **argv) {
  static const char kUsage[] =
      "Usage: folio browse PACK\n\nInteractive prompt. Type words to see suggestions; type a number to open a "
      "result, ':get SLUG[#anchor]' (or a title) to open an article or section, ':help' for this, ':q' to quit.\n";
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return EXIT_OK;
  }
  if (argc != 2) {
    std::fputs(kUsage, stderr);
    return EXIT_USAGE;
  }
  const std::string path = argv[1];
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc, nullptr, OpenPack::kRead);
  if (!op) return rc;
  const folio_pack *p = op->pack();
  folio_info in;
  folio_pack_info(p, &in);
  std::string refused;  // why the file on disk did not open, once said
  bool tty = isatty(STDIN_FILENO);
  std::printf("%s — %u articles. %s\n", str(in.title).c_str(), in.article_count, str(in.disclaimer).c_str());
  std::printf("Type a few letters or words; a number opens a result; :help lists the commands; :q quits.\n");
  struct Target {
    uint32_t article, section;
  };
  std::vector<Target> last;  // what each number typed opens
  std::string line;
  while (true) {
    if (tty) {
      std::printf("folio> ");
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) break;
    if (line == ":q" || line == ":quit") break;
    if (line.empty()) continue;
    if (op->changed_on_disk(path)) {
      std::string why;
      int ignored = 0;
      if (auto next = OpenPack::open(path, 0, &ignored, &why, OpenPack::kRead, true)) {
        op = std::move(next);
        p = op->pack();
        folio_pack_info(p, &in);
        last.clear();  // the numbers shown were the old pack's
        refused.clear();
        std::printf("  (the pack was updated on disk: now %s, %u articles)\n", str(in.title).c_str(), in.article_count);
      } else if (why != refused) {
        refused = why;
        std::printf("  (the pack on disk changed but does not open: %s; still answering from the one loaded before)\n",
                    why.c_str());
      }
    }
    if (line.rfind(":get ", 0) == 0) {
      const std::string ref = line.substr(5);
      folio_article a;
      uint32_t section = FOLIO_NONE;
      std::vector<std::string> why;
      if (resolve_ref(op->reader(), ref, &a, &section, &why) != FOLIO_OK) {
        std::printf("  %s: %s\n", ref.c_str(), why[0].c_str());
        for (size_t i = 1; i < why.size(); i++) std::printf("  %s\n", why[i].c_str());
        continue;
      }
      show(op->reader(), p, a.id, section);
      continue;
    }
    if (line == ":help" || line == ":h" || line == "?") {
      std::printf("  Type words to search (the last one may be unfinished); a number opens a result;\n"
                  "  :get SLUG[#anchor] (or a title) opens an article or section; :q quits.\n");
      continue;
    }
    if (line[0] == ':' && line.size() > 1 && std::isalpha(static_cast<unsigned char>(line[1]))) {
      std::printf("  unknown command %s (:get SLUG[#anchor], :help, :q)\n", line.substr(0, line.find(' ')).c_str());
      continue;
    }
    bool numeric = line.find_first_not_of("0123456789") == std::string::npos;
    if (numeric) {
      size_t k = std::stoul(line);
      if (k >= 1 && k <= last.size()) {
        show(op->reader(), p, last[k - 1].article, last[k - 1].section);
        continue;
      }
    }
    // Title suggestions first (what a kiosk shows while typing), then the best sections by full text.
    folio_entry out[5];
    uint32_t n = 0;
    int st = folio_suggest(p, line.data(), line.size(), out, 5, &n);
    if (st != FOLIO_OK) {
      std::printf("  %s\n", folio_status_str(st));
      continue;
    }
    folio_search_hit hits[5];
    std::vector<char> text(line.size() * 2 + 4096);  // room for the corrected query and five snippets
    folio_search_result res;
    const int sst = folio_search(op->reader(), line.data(), line.size(), FOLIO_SEARCH_PREFIX_LAST, hits, 5,
                                 text.data(), text.size(), &res);
    // what the search corrected ("injecton" -> "injection") gives the suggestions when nothing starts with
    // what was typed, and the definition card
    const std::string corrected = sst == FOLIO_OK && (res.flags & FOLIO_SEARCH_CORRECTED)
                                      ? std::string(text.data() + res.corrected_off, res.corrected_len)
                                      : std::string();
    if (n == 0 && !corrected.empty() && folio_suggest(p, corrected.data(), corrected.size(), out, 5, &n) != FOLIO_OK)
      n = 0;
    last.clear();
    for (uint32_t i = 0; i < n; i++) {
      last.push_back({out[i].article, FOLIO_NONE});
      std::printf("  %zu. %s  [%s]\n", last.size(), str(out[i].title).c_str(), str(out[i].slug).c_str());
    }
    folio_glossary_entry g;
    const std::string &asked = corrected.empty() ? line : corrected;
    if (folio_glossary_for_query(p, asked.data(), asked.size(), &g) == FOLIO_OK)
      std::printf("  %s: %s\n", str(g.term).c_str(), str(g.definition).c_str());
    st = sst;
    const char *const t = text.data();
    if (st == FOLIO_OK) {
      if (res.flags & FOLIO_SEARCH_CORRECTED)
        std::printf("  (showing results for: %.*s)\n", (int)res.corrected_len, t + res.corrected_off);
      if (res.flags & FOLIO_SEARCH_SUGGESTED)
        std::printf("  (did you mean: %.*s?)\n", (int)res.corrected_len, t + res.corrected_off);
      if (res.flags & FOLIO_SEARCH_MISSING) {
        const std::string missing(t + res.missing_off, res.missing_len);
        std::printf("  (no section has: %s)\n", missing.c_str());
        const std::string hint = index::search_filter_hint(p, missing);
        if (!hint.empty()) std::printf("  (%s)\n", hint.c_str());
      }
      for (uint32_t i = 0; i < res.hit_count; i++) {
        const folio_search_hit &h = hits[i];
        last.push_back({h.article, h.section});
        std::printf("  %zu. %s%s%s\n     %.*s\n", last.size(), str(h.title).c_str(), h.heading.len ? " › " : "",
                    str(h.heading).c_str(), (int)h.snippet_len, t + h.snippet_off);
      }
    } else if (st == FOLIO_E_NOT_FOUND) {
      std::printf("  (this pack has no full-text index: titles only)\n");
    } else if (st != FOLIO_E_QUERY) {
      std::printf("  search: %s\n", folio_status_str(st));
    }
    if (last.empty()) std::printf("  nothing found\n");
  }
  return EXIT_OK;
}

}  // namespace cli
}  // namespace folio
