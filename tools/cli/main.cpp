// main.cpp: the folio command. `folio COMMAND ARGS…`; every command has --help.
// Exit codes: 0 ok, 1 not found, 2 bad input or usage, 3 corrupt pack.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include "win32_lean.h"
#endif

#include "build_cmd.h"
#include "read_cmds.h"
#include "search_cmd.h"

namespace {

struct Command {
  const char *name;
  int (*run)(int, char **);
  const char *usage;
  const char *help;
};

const Command kCommands[] = {
    {"build", folio::tools::cmd_build, "build INPUT [-o PACK] [--json]", "compile content/ (or a .jsonl corpus) into a pack"},
    {"lint", folio::tools::cmd_lint, "lint INPUT", "check content without writing a pack"},
    {"info", folio::cli::cmd_info, "info PACK [--json]", "pack metadata, counts and sizes"},
    {"get", folio::cli::cmd_get, "get PACK SLUG[#anchor] [--format text|html|json]", "print an article or a section"},
    {"suggest", folio::cli::cmd_suggest, "suggest PACK PREFIX... [--limit N] [--json]", "title-prefix suggestions"},
    {"search", folio::index::cmd_search, "search PACK QUERY... [--limit N] [--json]", "full-text search with snippets"},
    {"glossary", folio::cli::cmd_glossary, "glossary PACK TERM... [--json]", "look up a term, abbreviation or everyday word"},
    {"topics", folio::cli::cmd_topics, "topics PACK [TOPIC] [--json]", "list topics or the articles of one"},
    {"verify", folio::cli::cmd_verify, "verify PACK [--json]", "check checksums, index and every article"},
    {"export", folio::cli::cmd_export, "export PACK --format jsonl", "one JSON object per section"},
    {"eval", folio::index::cmd_eval, "eval PACK QUERIES [--json] [--prefix-last]", "search relevance: MRR@10, success@k, nDCG@10"},
    {"browse", folio::cli::cmd_browse, "browse PACK", "interactive prompt: type to get suggestions and results"},
};

void usage(FILE *f) {
  std::fprintf(f, "folio: offline reference packs: build, look up, search, render\n\nUsage: folio COMMAND ARGS...\n\n");
  for (const Command &c : kCommands) std::fprintf(f, "  folio %-52s %s\n", c.usage, c.help);
  std::fprintf(f,
               "\nRun 'folio COMMAND --help' for a command's options.\n"
               "Exit codes: 0 ok, 1 not found, 2 bad input or usage, 3 corrupt pack.\n");
}

}  // namespace

#ifdef _WIN32
namespace {
UINT g_console_cp = 0;  // the console's output code page before folio set UTF-8, restored at exit
void restore_console_cp() { SetConsoleOutputCP(g_console_cp); }

// Output on Windows as on POSIX: LF line ends (what scripts, diffs and JSON tools expect; consoles show LF
// as a new line), and UTF-8 text shown as UTF-8 by a console whatever its code page (folio prints "—" and
// "›"; the program's manifest makes argv and file names UTF-8 already, not the console). stdin keeps
// text mode, so lines typed or piped with CRLF reach `browse` without the CR.
void windows_stdio() {
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  const UINT cp = GetConsoleOutputCP();
  if (cp != 0 && cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8)) {
    g_console_cp = cp;
    std::atexit(restore_console_cp);
  }
}
}  // namespace
#endif

int main(int argc, char **argv) {
#ifdef _WIN32
  windows_stdio();
#endif
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!std::strcmp(cmd, "--help") || !std::strcmp(cmd, "-h") || !std::strcmp(cmd, "help")) {
    usage(stdout);
    return 0;
  }
  if (!std::strcmp(cmd, "--version")) {
    std::printf("folio 0.1.0\n");
    return 0;
  }
  for (const Command &c : kCommands) {
    if (!std::strcmp(cmd, c.name)) {
      // Commands parse their own arguments; argv[0] becomes the command name.
      return c.run(argc - 1, argv + 1);
    }
  }
  std::fprintf(stderr, "folio: unknown command '%s'\n\n", cmd);
  usage(stderr);
  return 2;
}
