/* The public header compiles on its own, twice (include guard), as strict C (C99 and C11), with every
 * declaration usable from C. Compile-only test: see CMakeLists.txt. */
#include <folio/folio.h>
#include <folio/folio.h>

typedef folio_status (*open_fn)(const void *, size_t, void *, size_t, uint32_t, const folio_pack **,
                                folio_reader **);

int main(void)
{
  open_fn f = folio_open;
  folio_info info;
  folio_entry e;
  folio_article a;
  folio_section s;
  folio_search_hit h;
  folio_search_result r;
  size_t (*ws)(const void *, size_t) = folio_workspace_size;
  folio_status st = FOLIO_E_LIMIT;
  (void)f; (void)ws; (void)info; (void)e; (void)a; (void)s; (void)h; (void)r;
  (void)folio_status_str; (void)folio_render; (void)folio_search; (void)folio_suggest; (void)folio_verify;
  return st == FOLIO_OK && FOLIO_NONE == 0xFFFFFFFFu;
}
