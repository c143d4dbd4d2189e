/* readme_example.c: the C example of README.md ("C API") inside a main() that checks what it got; built
 * against the installed prefix with folio::posix (CMake) and folio-posix (pkg-config), and run in a
 * directory holding content.folio. The ctest readme_c_example_in_sync checks that the lines between the
 * markers are the README block's, after its #include lines. */
#include <folio/folio.h>
#include <folio/folio_posix.h>   /* or your own mmap / flash address / ArrayBuffer */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
/* BEGIN README EXAMPLE */
folio_posix_file f;
if (folio_posix_map("content.folio", &f) != 0) { /* folio_posix_error() */ return 2; }
size_t ws_len = folio_workspace_size(f.data, f.size);          /* ~200 KB for the bundled pack */
void *ws = aligned_alloc(8, (ws_len + 7) / 8 * 8);             /* or a static array */
const folio_pack *pack; folio_reader *reader;
if (folio_open(f.data, f.size, ws, ws_len, 0, &pack, &reader) != FOLIO_OK) { /* folio_status_str() */ return 1; }

folio_entry sug[8]; uint32_t n;
folio_suggest(pack, "kne", 3, sug, 8, &n);                     /* reentrant: any thread */

folio_article a; folio_section s;
folio_resolve(pack, "faq#is-stem-cell-therapy-approved-by-the-fda", 44, &a, &s);
char out[8192]; size_t len;
folio_render(reader, a.id, s.id, FOLIO_FORMAT_HTML, 0, out, sizeof out, &len);
/* FOLIO_E_DST_TOO_SMALL sets len to the size needed; dst_cap 0 only measures */
/* END README EXAMPLE */

  /* what the example should have produced */
  if (n == 0 || a.slug.len != 3 || memcmp(a.slug.ptr, "faq", 3) != 0) return 1;
  if (folio_render(reader, a.id, s.id, FOLIO_FORMAT_HTML, 0, out, sizeof out, &len) != FOLIO_OK || len == 0)
    return 1;
  printf("%u suggestions for \"kne\"; %zu bytes of HTML for faq#%.*s; workspace %zu bytes\n", n, len,
         (int)s.anchor.len, s.anchor.ptr, ws_len);
  free(ws);
  folio_posix_unmap(&f);
  return 0;
}
