// Development driver for the pack builder: `folio_build_dev build ...` / `folio_build_dev lint ...`.
// Not installed; the real entry point is the folio CLI (tools/cli).
#include <cstdio>
#include <cstring>

#include "build_cmd.h"

int main(int argc, char **argv) {
  if (argc >= 2 && std::strcmp(argv[1], "build") == 0) return folio::tools::cmd_build(argc - 1, argv + 1);
  if (argc >= 2 && std::strcmp(argv[1], "lint") == 0) return folio::tools::cmd_lint(argc - 1, argv + 1);
  std::fprintf(stderr, "usage: folio_build_dev build|lint INPUT [options]   (--help for options)\n");
  return 2;
}
