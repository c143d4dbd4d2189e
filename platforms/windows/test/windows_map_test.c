/* windows_map_test.c: the Windows file mapping (folio_windows_map) under wine or Windows: map the pack,
 * open it with the engine, read article 0, unmap; errors for a missing file and a directory; an empty
 * file. Prints "N passed, M failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/folio.h>
#include <folio/folio_windows.h>

static int passed, failed;
static void check(int ok, const char *what)
{
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  ok ? ++passed : ++failed;
}

int main(int argc, char **argv)
{
  if (argc != 2) return 2;
  folio_windows_file f;
  unsigned long rc = folio_windows_map(argv[1], &f);
  check(rc == 0 && f.mapped && f.size > 128, "map the pack");
  check(((unsigned long long)(size_t)f.data & 7u) == 0, "view is 8-byte aligned");
  if (rc == 0) {
    size_t ws_len = folio_workspace_size(f.data, f.size);
    void *ws = malloc(ws_len);
    const folio_pack *p = NULL;
    folio_reader *r = NULL;
    folio_article a;
    check(folio_open(f.data, f.size, ws, ws_len, FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r) == FOLIO_OK, "folio_open over the view");
    check(p && folio_article_get(p, 0, &a) == FOLIO_OK && a.slug.len > 0, "article 0 from the view");
    folio_windows_unmap(&f);
    check(f.data == NULL && f.mapped == 0, "unmap zeroes the struct");
    folio_windows_unmap(&f);
    free(ws);
  }
  rc = folio_windows_map("C:\\no\\such\\file.folio", &f);
  check((rc == 2 || rc == 3) && f.data == NULL, folio_windows_error(rc));
  rc = folio_windows_map("C:\\windows", &f);
  check(rc != 0 && f.data == NULL, "a directory is refused");

  char empty[512];
  snprintf(empty, sizeof empty, "%s.empty", argv[1]);
  FILE *e = fopen(empty, "wb");
  if (e) fclose(e);
  rc = folio_windows_map(empty, &f);
  check(rc == 0 && f.size == 0 && f.data != NULL && !f.mapped, "an empty file maps to an empty buffer");
  remove(empty);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
