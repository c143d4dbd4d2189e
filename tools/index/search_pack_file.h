// search_pack_file.h: a pack file read into 8-byte aligned memory and opened with the engine, for the
// search/eval commands, the relevance gate and the search benchmarks (host tools: may allocate/throw).
#ifndef FOLIO_TOOLS_SEARCH_PACK_FILE_H
#define FOLIO_TOOLS_SEARCH_PACK_FILE_H

#include <folio/folio.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace folio {
namespace index {

struct PackFile {
  std::vector<uint64_t> bytes;  // the pack, 8-byte aligned
  size_t size = 0;
  std::vector<uint64_t> ws;     // the workspace
  const folio_pack *pack = nullptr;
  folio_reader *reader = nullptr;
  std::string error;            // why open() could not read the file (FOLIO_E_NOT_FOUND)

  // Returns FOLIO_OK or the engine's status; FOLIO_E_NOT_FOUND when the file cannot be read, with the
  // reason in `error` ("no such file", "is a directory", "not a regular file", "read error", "too large
  // to read into memory"). Never throws: a directory once threw std::length_error from its tellg().
  folio_status open(const std::string &path) {
    error.clear();
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) {
      error = ec && ec != std::errc::no_such_file_or_directory ? ec.message() : "no such file";
      return FOLIO_E_NOT_FOUND;
    }
    if (std::filesystem::is_directory(st)) {
      error = "is a directory";
      return FOLIO_E_NOT_FOUND;
    }
    if (!std::filesystem::is_regular_file(st)) {
      error = "not a regular file";
      return FOLIO_E_NOT_FOUND;
    }
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    const std::streamoff n = f ? static_cast<std::streamoff>(f.tellg()) : -1;
    if (n < 0) {
      error = f ? "read error" : "permission denied or read error";
      return FOLIO_E_NOT_FOUND;
    }
    size = static_cast<size_t>(n);
    try {
      bytes.assign((size + 7) / 8 + 1, 0);
    } catch (const std::exception &) {
      error = "too large to read into memory";
      return FOLIO_E_NOT_FOUND;
    }
    f.seekg(0);
    if (!f.read(reinterpret_cast<char *>(bytes.data()), static_cast<std::streamsize>(size))) {
      error = "read error";
      return FOLIO_E_NOT_FOUND;
    }
    const size_t wsz = folio_workspace_size(bytes.data(), size);
    if (wsz == 0) return FOLIO_E_FORMAT;
    ws.assign((wsz + 7) / 8, 0);
    return folio_open(bytes.data(), size, ws.data(), ws.size() * 8, 0, &pack, &reader);
  }
  size_t workspace_bytes() const { return ws.size() * 8; }
};

}  // namespace index
}  // namespace folio

#endif
