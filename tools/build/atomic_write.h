// Atomic file replacement for the build tool: a pack on disk is either the old one or the whole new one,
// never half of either, whatever happens during the write (a full disk, a crash, a power cut after the
// rename returned).
#ifndef FOLIO_TOOLS_ATOMIC_WRITE_H
#define FOLIO_TOOLS_ATOMIC_WRITE_H

#include <cstdint>
#include <string>
#include <vector>

namespace folio {
namespace tools {

// Writes `bytes` to `path` (UTF-8) atomically: PATH.tmp.<pid> in the same directory, flushed to the
// device, then renamed over PATH, replacing it.
// - POSIX: open(O_CLOEXEC), write, fsync, rename(2), then fsync of the directory so the rename lasts.
// - Windows: CreateFileW on the UTF-16 form of the path (any Unicode path, whatever the code page),
//   WriteFile, FlushFileBuffers, MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH).
// On failure the temporary file is removed, an existing PATH is left untouched, and std::runtime_error
// is thrown with what failed, the path and the system's reason. A path that is not valid UTF-8 is
// refused on Windows (it cannot name a file there) before anything is created.
void write_file_atomic(const std::string &path, const std::vector<uint8_t> &bytes);

}  // namespace tools
}  // namespace folio

#endif  // FOLIO_TOOLS_ATOMIC_WRITE_H
