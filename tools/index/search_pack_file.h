// search_pack_file.h: a pack file read into 8-byte aligned memory and opened with the engine, for the
// search/eval commands, the relevance gate and the search benchmarks (host tools: may allocate/throw).
#ifndef FOLIO_TOOLS_SEARCH_PACK_FILE_H
#define FOLIO_TOOLS_SEARCH_PACK_FILE_H

#include <folio/folio.h>

#include <cstdint>
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

  // Returns FOLIO_OK or the engine's status; FOLIO_E_NOT_FOUND when the file cannot be read.
  folio_status open(const std::string &path) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) return FOLIO_E_NOT_FOUND;
    const std::streamoff n = f.tellg();
    if (n < 0) return FOLIO_E_NOT_FOUND;
    size = static_cast<size_t>(n);
    bytes.assign((size + 7) / 8 + 1, 0);
    f.seekg(0);
    if (!f.read(reinterpret_cast<char *>(bytes.data()), static_cast<std::streamsize>(size))) return FOLIO_E_NOT_FOUND;
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
