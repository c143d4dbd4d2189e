// search_cmd.h: the `folio search` and `folio eval` commands (dispatched by tools/cli/main.cpp).
// Exit codes: 0 ok, 1 no hits (search) or relevance gate failed (eval --gate), 2 bad usage or query,
// 3 corrupt pack.
#ifndef FOLIO_TOOLS_SEARCH_CMD_H
#define FOLIO_TOOLS_SEARCH_CMD_H

#include <folio/folio.h>

#include <string>

namespace folio {
namespace index {

// For a missing `topic:` or `article:` filter (FOLIO_SEARCH_MISSING text naming one the pack lacks), a
// line naming what the pack has: its topics, or how to find a slug; "" for any other missing words.
std::string search_filter_hint(const folio_pack *pack, const std::string &missing);

// folio search PACK QUERY [--limit N] [--json] [--all-sections] [--prefix-last] [--no-fuzzy]
//                         [--no-synonyms] [--no-snippets]
int cmd_search(int argc, char **argv);

// folio eval PACK QUERIES [--json] [--gate] [--verbose]: relevance of the judged query set
int cmd_eval(int argc, char **argv);

}  // namespace index
}  // namespace folio

#endif
