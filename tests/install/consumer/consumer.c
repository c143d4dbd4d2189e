/* consumer.c: a C99 program using only the installed public header. Reads a pack, opens it, suggests,
 * renders the first suggestion. Exit 0 on success. */
#include <folio/folio.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned long long *buf = malloc((size_t)n + 8);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) return 2;
  fclose(f);
  size_t ws_len = folio_workspace_size(buf, (size_t)n);
  unsigned long long *ws = malloc(ws_len + 8);
  const folio_pack *p;
  folio_reader *r;
  folio_status st = folio_open(buf, (size_t)n, ws, ws_len, 0, &p, &r);
  if (st != FOLIO_OK) {
    fprintf(stderr, "open: %s\n", folio_status_str(st));
    return 1;
  }
  folio_entry e[4];
  uint32_t k = 0;
  if (folio_suggest(p, "stem", 4, e, 4, &k) != FOLIO_OK || k == 0) return 1;
  char out[65536];
  size_t len = 0;
  st = folio_render(r, e[0].article, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, out, sizeof out, &len);
  if (st != FOLIO_OK || len == 0) return 1;
  printf("%.*s: %zu bytes rendered\n", (int)e[0].title.len, e[0].title.ptr, len);
  free(ws);
  free(buf);
  return 0;
}
