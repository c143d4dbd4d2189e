/* Firmware for QEMU mps2-an386 (Cortex-M4F): opens the pack embedded in flash with a statically
 * allocated workspace, runs the shared port checks (lookup, suggestion, search, render, verify) and
 * reports over semihosting. Exit status 0 means every check passed. */
#include <folio/folio.h>

#include "../common/port_check.h"
#include "semihost.h"

#ifndef FOLIO_BM_RENDER_BUF
#define FOLIO_BM_RENDER_BUF (16u * 1024u)
#endif

extern const unsigned char folio_bm_pack[];
extern const unsigned char folio_bm_pack_end[];

/* The only RAM the engine gets: the workspace region the linker script leaves between the static data
 * and the stack (8-byte aligned), plus the render buffer the caller owns. */
extern unsigned char __workspace_start[], __workspace_end[], __data_start[], __bss_end[];
static char render_buf[FOLIO_BM_RENDER_BUF];

static void out_write(void *ctx, const char *s, size_t n)
{
  (void)ctx;
  folio_bm_write(s, n);
}

int main(void)
{
  const size_t pack_len = (size_t)(folio_bm_pack_end - folio_bm_pack);
  folio_port_out out = {out_write, 0};
  folio_port_result res;

  folio_bm_puts("folio bare metal (Cortex-M4, mps2-an386), engine " FOLIO_VERSION_STRING "\n");
  const size_t ws_avail = (size_t)(__workspace_end - __workspace_start);
  int rc = folio_port_check(folio_bm_pack, pack_len, __workspace_start, ws_avail, render_buf, sizeof render_buf,
                            &out, &res);

  folio_bm_puts("SIZE pack_flash=");
  folio_bm_putu((uint32_t)pack_len);
  folio_bm_puts(" workspace_needed=");
  folio_bm_putu((uint32_t)res.workspace_needed);
  folio_bm_puts(" workspace_avail=");
  folio_bm_putu((uint32_t)ws_avail);
  folio_bm_puts(" ram_static=");
  folio_bm_putu((uint32_t)(__bss_end - __data_start));
  folio_bm_puts(" render_max=");
  folio_bm_putu((uint32_t)res.render_bytes);
  folio_bm_puts(" stack_used=");
  folio_bm_putu((uint32_t)folio_bm_stack_used());
  folio_bm_puts(" stack_size=");
  folio_bm_putu((uint32_t)folio_bm_stack_size());
  folio_bm_puts("\n");
  folio_bm_putu(res.passed);
  folio_bm_puts(" passed, ");
  folio_bm_putu(res.failed);
  folio_bm_puts(" failed\n");
  return rc;
}
