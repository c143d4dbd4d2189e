// cli_pack.h: shared helpers of the folio CLI — open a pack file for reading, exit codes, JSON output.
#ifndef FOLIO_CLI_PACK_H
#define FOLIO_CLI_PACK_H

#include <folio/folio.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "near_names.h"

namespace folio {
namespace cli {

// Exit codes of every folio command.
enum Exit : int { EXIT_OK = 0, EXIT_NOT_FOUND = 1, EXIT_USAGE = 2, EXIT_CORRUPT = 3 };

// Exit code for an engine status: corrupt/format/version/truncated/checksum → 3, not found → 1, else 2.
int exit_for(int status);

// A pack file, mapped read-only or read into memory, plus its workspace; opened with folio_open.
class OpenPack {
 public:
  // How the file is loaded (folio_posix.h, "Map or read?"). kRead copies it into memory: nothing that
  // later happens to the file (an in-place update, a failing card) can reach the open pack.
  enum Load { kMap, kRead };
  // Maps or reads `path` and opens it. On failure prints "folio: PATH: message" to stderr (unless `quiet`),
  // returns the exit code in *exit_code and, when `why` is not NULL, the message in *why (nullptr result).
  static std::unique_ptr<OpenPack> open(const std::string &path, uint32_t flags, int *exit_code,
                                        std::string *why = nullptr, Load load = kMap, bool quiet = false);
  ~OpenPack();
  // Whether `path` no longer names the file this pack was loaded from (folio_posix_changed).
  bool changed_on_disk(const std::string &path) const;
  const folio_pack *pack() const { return pack_; }
  folio_reader *reader() const { return reader_; }
  const void *data() const { return data_; }
  size_t size() const { return size_; }

 private:
  OpenPack() = default;
  void *map_ = nullptr;               // platform mapping handle (folio_posix_file)
  std::unique_ptr<uint64_t[]> file_;  // the file's bytes when read (kRead), 8-byte aligned
  const void *data_ = nullptr;
  size_t size_ = 0;
  std::unique_ptr<uint64_t[]> ws_;  // 8-byte aligned workspace
  const folio_pack *pack_ = nullptr;
  folio_reader *reader_ = nullptr;
};

inline std::string str(folio_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

// Render an article or section into a string; returns the status.
int render(folio_reader *r, uint32_t article, uint32_t section, folio_format fmt, uint32_t flags,
           std::string *out);
// Plain text of one section only.
int section_text(folio_reader *r, uint32_t section, std::string *out);

// JSON objects for API structs.
nlohmann::json article_json(const folio_pack *p, const folio_article &a, bool lists);
nlohmann::json reference_json(const folio_reference &r);
nlohmann::json glossary_json(const folio_pack *p, const folio_glossary_entry &g);

// The pack's "did you mean" for the look-ups that match exactly (get, glossary; suggest has the engine's
// folio_suggest_typed): `text` as the search corrects it, when it applied a correction
// (FOLIO_SEARCH_CORRECTED: "bmca" -> "bmac") or would offer one (FOLIO_SEARCH_SUGGESTED); empty when the
// search changed nothing, the pack has no search index or the search failed.
std::string search_correction(folio_reader *r, const std::string &text);

// The nearest names for a "did you mean" (anchors, topics, slugs) and the case they are compared in:
// near_names.h of the build tool.
using tools::edit_distance;
using tools::nearest_names;
using tools::ascii_lower;

// Print JSON (pretty when stdout is a terminal, compact otherwise).
void print_json(const nlohmann::json &j);

}  // namespace cli
}  // namespace folio

#endif
