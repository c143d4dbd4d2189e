// The iOS module map is valid and exposes the C API as a Clang module (what Swift imports).
@import Folio;

int main(void) {
  folio_status st = FOLIO_OK;
  size_t (*ws)(const void *, size_t) = folio_workspace_size;
  (void)ws;
  return (int)st;
}
