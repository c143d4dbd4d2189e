// CRC-32C, slicing-by-8 (8 KiB of tables). The tables are computed at compile time (constexpr) so they
// live in ROM and the engine has no initialisation step and no mutable global state. Define
// FOLIO_CRC32C_SMALL (e.g. in the FOLIO_CONFIG header) for a byte-at-a-time loop over one 1 KiB table:
// about 4x slower, for flash-constrained targets where only FOLIO_OPEN_VERIFY_CHECKSUM uses it.
#include "common/common.h"

namespace folio {
namespace detail {
namespace {

#ifdef FOLIO_CRC32C_SMALL
enum { kSlices = 1 };
#else
enum { kSlices = 8 };
#endif

struct Crc32cTable {
  uint32_t t[kSlices][256];
};

constexpr Crc32cTable make_table() {
  Crc32cTable tab{};
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    tab.t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++) {
    for (int s = 1; s < kSlices; s++) tab.t[s][i] = (tab.t[s - 1][i] >> 8) ^ tab.t[0][tab.t[s - 1][i] & 0xFFu];
  }
  return tab;
}

constexpr Crc32cTable kTable = make_table();

}  // namespace

uint32_t crc32c(uint32_t crc, const void *data, size_t len) {
  const uint8_t *p = static_cast<const uint8_t *>(data);
  uint32_t c = ~crc;
#ifndef FOLIO_CRC32C_SMALL
  while (len >= 8) {
    const uint32_t lo = c ^ load_le32(p);
    const uint32_t hi = load_le32(p + 4);
    c = kTable.t[7][lo & 0xFFu] ^ kTable.t[6][(lo >> 8) & 0xFFu] ^ kTable.t[5][(lo >> 16) & 0xFFu] ^
        kTable.t[4][lo >> 24] ^ kTable.t[3][hi & 0xFFu] ^ kTable.t[2][(hi >> 8) & 0xFFu] ^
        kTable.t[1][(hi >> 16) & 0xFFu] ^ kTable.t[0][hi >> 24];
    p += 8;
    len -= 8;
  }
#endif
  while (len--) c = (c >> 8) ^ kTable.t[0][(c ^ *p++) & 0xFFu];
  return ~c;
}

}  // namespace detail
}  // namespace folio
