// fuzz_open: the input is a whole pack. Open it (plain and with the checksum flag); if it opens, walk every
// entry point over it (lookups, suggestions, lists, renders of every article and section, verify).
#include <cstring>
#include <memory>

#include "fuzz/fuzz_common.h"
#include "support/pack_walk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // folio_open requires 8-byte alignment; new[] gives 16 and exactly `size` bytes for ASan.
  std::unique_ptr<uint8_t[]> buf(new uint8_t[size ? size : 1]);
  if (size) std::memcpy(buf.get(), data, size);
  const size_t need = folio_workspace_size(buf.get(), size);
  const size_t ws_len = (need == 0 || need > (8u << 20)) ? 64 : need;  // huge declared sizes: still call open
  std::unique_ptr<uint64_t[]> ws(new uint64_t[ws_len / 8 + 1]);
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  folio_open(buf.get(), size, ws.get(), ws_len, FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r);
  if (folio_open(buf.get(), size, ws.get(), ws_len, 0, &p, &r) != FOLIO_OK) return 0;
  static char out[1 << 16];
  const folio::fixture::WalkStats st = folio::fixture::walk_pack(p, r, out, sizeof out - 1);
  if (st.bad) __builtin_trap();  // a status outside folio.h or a broken size contract
  return 0;
}
