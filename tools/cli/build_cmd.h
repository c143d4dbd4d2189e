// build_cmd.h: the `folio build` and `folio lint` commands, dispatched by main.cpp and run in process by
// the builder tests and the engine benchmark.
#ifndef FOLIO_TOOLS_BUILD_CMD_H
#define FOLIO_TOOLS_BUILD_CMD_H

namespace folio {
namespace tools {

// `folio build INPUT [-o OUT] [--json] [--timestamp STR] [--max-doc-bytes N] [--no-dictionary] [--quiet]`
// INPUT is a content directory (content/README.md) or a .jsonl corpus; OUT defaults to INPUT's name
// with ".folio". argv[0] is the command name (pass main's argv + 1). Diagnostics go to stderr as
// "path:line: error: message", sorted; nothing is written if there is any error.
// Returns 0 on success, 2 for bad usage or content errors, 1 for I/O or internal failures.
int cmd_build(int argc, char **argv);

// `folio lint INPUT [--json] [--quiet]`: the same loading and checks as build, nothing written.
// Returns 0 if there are no errors (warnings allowed), 2 otherwise.
int cmd_lint(int argc, char **argv);

}  // namespace tools
}  // namespace folio

#endif
