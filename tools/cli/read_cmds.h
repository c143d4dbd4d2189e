// read_cmds.h: the folio CLI's read commands over the public C API. Each takes the arguments after the
// command name (argv[0] is the command name) and returns the process exit code.
#ifndef FOLIO_CLI_READ_CMDS_H
#define FOLIO_CLI_READ_CMDS_H

namespace folio {
namespace cli {

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
