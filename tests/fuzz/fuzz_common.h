// fuzz_common.h: shared set-up for the fuzz targets: a fixed fixture pack opened once (for the targets
// that fuzz queries or documents rather than whole packs). Set-up may allocate; the code under test never
// does.
#ifndef FOLIO_TESTS_FUZZ_COMMON_H
#define FOLIO_TESTS_FUZZ_COMMON_H

#include <cstddef>
#include <cstdint>

#include <folio/folio.h>

#include "support/pack_fixture.h"
#include "support/pack_walk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace folio {
namespace fuzz {

// The fixture pack with room for documents up to 64 KiB (fuzz_render installs its own documents).
inline fixture::Opened &fixed_pack() {
  static fixture::Opened *o = [] {
    fixture::Model m = fixture::fixture_model();
    m.max_doc_bytes = 64 * 1024;
    return new fixture::Opened(fixture::serialize(m));
  }();
  return *o;
}

}  // namespace fuzz
}  // namespace folio

#endif
