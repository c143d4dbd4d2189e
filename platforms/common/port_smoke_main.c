/* port_smoke_main.c: the shared port checks (port_check.c) as a program for the hosted ports (Linux
 * aarch64/armhf under qemu-user, Windows under wine): reads the pack given on the command line into an
 * 8-byte aligned buffer with stdio, gives the engine a workspace of exactly folio_workspace_size() bytes,
 * and prints one SIZE line for the size table. The pack and workspace buffers come from malloc here: the
 * port provides memory, the engine never allocates. */
#include <stdio.h>
#include <stdlib.h>

#include <folio/folio.h>

#include "port_check.h"

static void out_write(void *ctx, const char *s, size_t n)
{
  fwrite(s, 1, n, (FILE *)ctx);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s PACK\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned long long *pack = malloc((size_t)len + 8);
  if (!pack || fread(pack, 1, (size_t)len, f) != (size_t)len) {
    fprintf(stderr, "%s: cannot read\n", argv[1]);
    return 2;
  }
  fclose(f);
  size_t ws_len = folio_workspace_size(pack, (size_t)len);
  unsigned long long *ws = malloc(ws_len ? ws_len : 8);
  size_t dst_cap = 1u << 20;
  char *dst = malloc(dst_cap);
  folio_port_out out = {out_write, stdout};
  folio_port_result res;
  int rc = folio_port_check(pack, (size_t)len, ws, ws_len, dst, dst_cap, &out, &res);
  printf("SIZE workspace=%lu render_max=%lu pack=%ld\n", (unsigned long)res.workspace_needed,
         (unsigned long)res.render_bytes, len);
  printf("%u passed, %u failed\n", (unsigned)res.passed, (unsigned)res.failed);
  free(dst);
  free(ws);
  free(pack);
  return rc;
}
