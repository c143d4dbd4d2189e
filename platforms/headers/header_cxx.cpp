// The public header (and the C++ wrapper, when present) compile as C++17 with warnings as errors, and the
// C API is usable from C++ (extern "C", no name clashes, constexpr-usable constants).
#include <folio/folio.h>
#include <folio/folio.h>
#if __has_include(<folio/folio.hpp>)
#include <folio/folio.hpp>
#endif

#include <type_traits>

static_assert(std::is_standard_layout<folio_entry>::value, "C structs stay standard layout");
static_assert(std::is_trivially_copyable<folio_search_hit>::value, "C structs stay trivially copyable");
static_assert(FOLIO_OK == 0 && FOLIO_E_ARG == -1, "stable status values");
static_assert(FOLIO_HEADER_SIZE == 128, "header size");

int main() {
  folio_status (*open)(const void *, size_t, void *, size_t, uint32_t, const folio_pack **, folio_reader **) =
      &folio_open;
  folio::SearchResults<4, 256> results;
  (void)open;
  return results.size() == 0 ? 0 : 1;
}
