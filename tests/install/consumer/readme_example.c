/* readme_example.c: the C examples of README.md ("C API") inside a main() that checks what they got; built
 * against the installed prefix with folio::posix (CMake) and folio-posix (pkg-config), and run in a
 * directory holding content.folio. The ctest readme_c_example_in_sync checks that the lines between each
 * pair of markers are the README blocks', in order (the first after its #include lines). Between the two,
 * the pack is "updated": a copy is renamed over it, so the second example opens the new file. */
#include <folio/folio.h>
#include <folio/folio_posix.h>   /* or your own mmap / flash address / ArrayBuffer */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An update as folio build writes one: the bytes go to a new file, which is renamed over the pack. */
static int update_pack(const void *data, size_t size) {
  char tmp[64];
  snprintf(tmp, sizeof tmp, "content.folio.%ld", (long)getpid());
  FILE *out = fopen(tmp, "wb");
  if (!out) return -1;
  const int ok = fwrite(data, 1, size, out) == size;
  if (fclose(out) != 0 || !ok) return -1;
  return rename(tmp, "content.folio");
}

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
char fix[FOLIO_SUGGEST_CORRECTED_MAX]; size_t fix_len;         /* with the search's typo correction: */
folio_suggest_typed(reader, "injecton", 8, sug, 8, &n, fix, sizeof fix, &fix_len); /* fix: "injection" */

folio_article a; folio_section s;
folio_resolve(pack, "faq#is-stem-cell-therapy-approved-by-the-fda", 44, &a, &s);
char out[8192]; size_t len;
folio_render(reader, a.id, s.id, FOLIO_FORMAT_HTML, 0, out, sizeof out, &len);
/* FOLIO_E_DST_TOO_SMALL sets len to the size needed; dst_cap 0 only measures */
/* END README EXAMPLE */

  /* what the example should have produced */
  if (n == 0 || a.slug.len != 3 || memcmp(a.slug.ptr, "faq", 3) != 0) return 1;
  if (fix_len != 9 || memcmp(fix, "injection", 9) != 0) return 1;
  if (folio_render(reader, a.id, s.id, FOLIO_FORMAT_HTML, 0, out, sizeof out, &len) != FOLIO_OK || len == 0)
    return 1;
  printf("%u suggestions for \"injecton\" (as \"%.*s\"); %zu bytes of HTML for faq#%.*s; workspace %zu bytes\n", n,
         (int)fix_len, fix, len,
         (int)s.anchor.len, s.anchor.ptr, ws_len);

  if (folio_posix_changed("content.folio", &f) != 0 || !f.mapped) return 1;
  if (update_pack(f.data, f.size) != 0) return 1;
  const folio_pack *before = pack;
/* BEGIN README EXAMPLE */
/* Follow updates, as a kiosk does: before a query, is the file still the one opened? */
void *bytes = NULL;                                            /* the pack's bytes once read */
if (folio_posix_changed("content.folio", &f)) {
  folio_posix_file g; size_t size = 0, cap = 0, ws2_len = 0; void *buf = NULL, *ws2 = NULL;
  const folio_pack *p2; folio_reader *r2;
  if (folio_posix_size("content.folio", &size) == 0 && (buf = aligned_alloc(8, cap = size / 8 * 8 + 8)) &&
      folio_posix_read("content.folio", buf, cap, &g) == 0 &&
      (ws2_len = folio_workspace_size(g.data, g.size)) && (ws2 = aligned_alloc(8, (ws2_len + 7) / 8 * 8)) &&
      folio_open(g.data, g.size, ws2, ws2_len, 0, &p2, &r2) == FOLIO_OK) {
    folio_posix_unmap(&f); free(ws); free(bytes);              /* after the last use of the old pack */
    f = g; ws = ws2; bytes = buf; pack = p2; reader = r2;
  } else { free(buf); free(ws2); }                             /* keep the old one: a copy may be partial */
}
/* END README EXAMPLE */

  /* the new file was read and opened, and answers */
  if (pack == before || bytes == NULL || f.mapped || f.data != bytes || folio_posix_changed("content.folio", &f))
    return 1;
  uint32_t n2 = 0;
  if (folio_suggest_typed(reader, "injecton", 8, sug, 8, &n2, fix, sizeof fix, &fix_len) != FOLIO_OK || n2 != n ||
      fix_len != 9)
    return 1;
  printf("after an update by rename: the new pack read (%zu bytes) and opened, %u suggestions\n", f.size, n2);
  folio_posix_unmap(&f);
  free(ws);
  free(bytes);
  return 0;
}
