// browse_cmd.cpp: `folio browse PACK`, an interactive prompt for a terminal (the kiosk experience in a
// shell). Each line typed shows title suggestions and, when search is in the pack, the best sections.
// Commands: ":get SLUG[#anchor]" prints an article, a number opens that result, ":q" quits.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli_pack.h"
#include "read_cmds.h"

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
      "result, ':get SLUG[#anchor]' to open an article, ':q' to quit.\n";
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return EXIT_OK;
  }
  if (argc != 2) {
    std::fputs(kUsage, stderr);
    return EXIT_USAGE;
  }
  int rc = 0;
  auto op = OpenPack::open(argv[1], 0, &rc);
  if (!op) return rc;
  const folio_pack *p = op->pack();
  folio_info in;
  folio_pack_info(p, &in);
  bool tty = isatty(STDIN_FILENO);
  std::printf("%s — %u articles. %s\n", str(in.title).c_str(), in.article_count, str(in.disclaimer).c_str());
  std::printf("Type a few letters or words; a number opens a result; :q quits.\n");
  std::vector<folio_entry> last;
  std::string line;
  while (true) {
    if (tty) {
      std::printf("folio> ");
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) break;
    if (line == ":q" || line == ":quit") break;
    if (line.empty()) continue;
    if (line.rfind(":get ", 0) == 0) {
      std::string ref = line.substr(5);
      folio_article a;
      folio_section s;
      if (folio_resolve(p, ref.data(), ref.size(), &a, &s) != FOLIO_OK) {
        std::printf("  no such article: %s\n", ref.c_str());
        continue;
      }
      show(op->reader(), p, a.id, ref.find('#') == std::string::npos ? FOLIO_NONE : s.id);
      continue;
    }
    bool numeric = line.find_first_not_of("0123456789") == std::string::npos;
    if (numeric) {
      size_t k = std::stoul(line);
      if (k >= 1 && k <= last.size()) {
        show(op->reader(), p, last[k - 1].article, FOLIO_NONE);
        continue;
      }
    }
    folio_entry out[8];
    uint32_t n = 0;
    int st = folio_suggest(p, line.data(), line.size(), out, 8, &n);
    if (st != FOLIO_OK) {
      std::printf("  %s\n", folio_status_str(st));
      continue;
    }
    last.assign(out, out + n);
    if (!n) std::printf("  no title starts with that; try 'folio search' for full text\n");
    for (uint32_t i = 0; i < n; i++) std::printf("  %u. %s  [%s]\n", i + 1, str(out[i].title).c_str(), str(out[i].slug).c_str());
  }
  return EXIT_OK;
}

}  // namespace cli
}  // namespace folio
