// read_cmds.h: the folio CLI's read commands over the public C API. Each takes the arguments after the
// command name (argv[0] is the command name) and returns the process exit code.
#ifndef FOLIO_CLI_READ_CMDS_H
#define FOLIO_CLI_READ_CMDS_H

#include <folio/folio.h>

#include <string>
#include <vector>

namespace folio {
namespace cli {

// Resolves what `folio get` (and browse's `:get`) is given: SLUG or SLUG#anchor, or a title or alias
// with an optional #anchor. FOLIO_OK with *a and *section (FOLIO_NONE for the whole article); otherwise
// the status, with (*why)[0] the reason ("no such section", "no such article or section") and the
// lines after it the "did you mean" (the nearest slug, anchors, or the article's sections).
int resolve_ref(folio_reader *r, const std::string &ref, folio_article *a, uint32_t *section,
                std::vector<std::string> *why);

int cmd_info(int argc, char **argv);
int cmd_get(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_glossary(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_topics(int argc, char **argv);
int cmd_browse(int argc, char **argv);

}  // namespace cli
}  // namespace folio

#endif
